"""Reading the audit log: who did what, when, to which class, filtered and exported for an auditor."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.attendance import AttendanceStatus
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services import audit
from desktop_app.services.output_files import OutputGuard
from desktop_app.store.engine import Database
from desktop_app.store.models import AppUser, AuditEntry, TrainingClass

__all__ = ["ACTION_LABELS", "AuditExport", "AuditFilterChoices", "AuditRow", "ClassChoice", "UserChoice",
           "action_label", "audit_filter_choices", "export_audit", "list_audit_entries"]

DEFAULT_LIMIT = 2_000

messages.register(
    {
        "audit_log.format": (
            "审计日志只能导出为 Excel（.xlsx）或 CSV（.csv）文件，“{name}”不是。请换一个以 .xlsx 或 .csv 结尾的文件名。",
            "The audit log can be exported only as an Excel (.xlsx) or CSV (.csv) file, and “{name}” is neither. "
            "Choose a file name ending in .xlsx or .csv.",
        ),
        "audit_log.write_failed": (
            "无法写入文件 {path}：{detail}。请确认文件没有在 Excel 中打开、文件夹可以写入，然后再试。",
            "Could not write {path}: {detail}. Make sure the file is not open in Excel and the folder is writable, "
            "then try again.",
        ),
        "audit_log.dates_reversed": (
            "结束日期 {end} 早于开始日期 {start}，请调换后再查。",
            "The end date {end} is before the start date {start}; swap them and try again.",
        ),
        "audit_log.unknown_user": (
            "没有名为“{name}”的账号。可用的账号：{names}。",
            "No account is called “{name}”. Accounts: {names}.",
        ),
        "audit_log.unknown_class": (
            "找不到编号为“{code}”的班级。请核对班级编号（班级列表中有所有班级）。",
            "No class has the code “{code}”. Check the code against the class list.",
        ),
    }
)


class AuditLogError(messages.UserFacingError):
    pass


# Readable words for every action code the services record (grep "audit.record|record_many"),
# and for those of the upload and accounts features. An unknown code is shown as it is.
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "database.created": ("创建数据库", "Database created"),
    "database.migrated": ("升级数据库结构", "Database upgraded"),
    "database.restored": ("从备份恢复数据库", "Database restored from a backup"),
    "demo.filled": ("填入演示数据", "Demo data filled in"),
    "device_key.registered": ("生成本机签名密钥", "Device signing key made"),
    "class.created": ("开班", "Class created"),
    "class.updated": ("修改班级信息", "Class details changed"),
    "class.status_changed": ("变更班级状态", "Class status changed"),
    "session.moved": ("调整课次时间", "Session moved"),
    "session.cancelled": ("取消课次", "Session cancelled"),
    "enrolment.created": ("学员报名", "Trainee enrolled"),
    "roster.imported": ("导入花名册", "Roster imported"),
    "trainee.changed_by_roster": ("按花名册更改学员信息", "Trainee details changed from a roster"),
    "personal_data.exported": ("导出个人信息", "Personal data exported"),
    "personal_data.revealed": ("查看完整个人信息", "Personal data revealed"),
    "attendance.marked": ("记录考勤", "Attendance marked"),
    "attendance.all_present": ("全部出勤", "All marked present"),
    "attendance.imported": ("导入考勤", "Attendance imported"),
    "assessment.recorded": ("录入考核成绩", "Assessment result recorded"),
    "certificate.issued": ("发放证书", "Certificate issued"),
    "certificate.voided": ("作废证书", "Certificate voided"),
    "certificate.reissued": ("补发证书", "Certificate reissued"),
    "certificate.external_recorded": ("登记外部证书", "External certificate recorded"),
    "audit.exported": ("导出审计日志", "Audit log exported"),
    # Upload (sealing, outbox, receipts), registration and reference data.
    "batch.sealed": ("封存上传批次", "Batch sealed"),
    "batch.receipt": ("收到省平台回执", "Platform receipt received"),
    "batch.refused": ("省平台拒收批次", "Batch refused by the platform"),
    "batch.held": ("批次暂停上传", "Batch held back"),
    "batch.exported": ("导出批次到U盘", "Batch exported for USB"),
    "device.registered": ("本机在省平台登记", "Device registered with the platform"),
    "sync.stopped": ("上传被省平台暂停", "Uploads stopped by the platform"),
    "reference.updated": ("更新参考数据", "Reference data updated"),
    "trainee.corrected": ("更正学员信息", "Trainee details corrected"),
    "enrolment.subsidy_claim": ("变更补贴申领", "Subsidy claim changed"),
    # Accounts and sign-in.
    "first_run.completed": ("首次设置完成", "First-run setup completed"),
    "institution.set_up": ("填写机构信息（首次设置）", "Institution details entered (first run)"),
    "institution.updated": ("修改机构信息", "Institution details changed"),
    "institution.bank_account_revealed": ("查看完整的补贴收款账号", "Subsidy bank account revealed"),
    "user.created": ("新建账号", "Account created"),
    "user.password_set": ("设置密码", "Password set"),
    "user.role_changed": ("变更账号角色", "Account role changed"),
    "user.deactivated": ("停用账号", "Account deactivated"),
    "user.signed_in": ("登录", "Signed in"),
    "user.sign_in_failed": ("登录失败", "Sign-in failed"),
    "user.locked": ("账号被锁定", "Account locked"),
    "user.signed_out": ("退出登录", "Signed out"),
    "settings.changed": ("修改设置", "Settings changed"),
    "backup.created": ("备份数据库", "Database backed up"),
    "assessment.result_overridden": ("考核结果与成绩不符，按理由登记", "Result recorded against the scores, with a reason"),
    "trainee.searched_by_id_number": ("按完整证件号码查找学员", "Trainee looked up by full ID number"),
    "device_key.replaced_after_loss": ("签名密钥丢失后换用新密钥", "New signing key after the old one was lost"),
    "table.exported": ("导出表格", "Table exported"),
    "subsidy.rules_set": ("修改本市补贴标准", "City subsidy figures changed"),
}

ENTITY_LABELS: dict[str, tuple[str, str]] = {
    "class": ("班级", "class"),
    "session": ("课次", "session"),
    "trainee": ("学员", "trainee"),
    "enrolment": ("报名", "enrolment"),
    "attendance_mark": ("考勤", "attendance"),
    "assessment": ("考核成绩", "assessment"),
    "certificate": ("证书", "certificate"),
    "database": ("数据库", "database"),
    "device_key": ("签名密钥", "signing key"),
    "batch": ("批次", "batch"),
    "outbox_batch": ("批次", "batch"),
    "device": ("本机", "device"),
    "reference": ("参考数据", "reference data"),
    "user": ("账号", "account"),
    "app_user": ("账号", "account"),
    "audit_log": ("审计日志", "audit log"),
    "table": ("表格", "table"),
    "city_rules": ("补贴标准", "subsidy figures"),
}

# Keys of `details` worth reading, in words; the rest (row uids, hashes) mean nothing to a person.
DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "reason": ("原因", "reason"),
    "purpose": ("用途", "purpose"),
    "field": ("字段", "field"),
    "file": ("文件", "file"),
    "backup_file": ("备份文件", "backup file"),
    "code": ("编号", "code"),
    "occupation": ("职业编码", "occupation"),
    "level": ("等级", "level"),
    "sessions": ("课次", "sessions"),
    "lessons": ("课时", "lessons"),
    "from": ("原为", "from"),
    "to": ("改为", "to"),
    "rows": ("行数", "rows"),
    "enrolled": ("录取", "enrolled"),
    "without_subsidy": ("无补贴录取", "enrolled without subsidy"),
    "already_enrolled": ("已在班", "already enrolled"),
    "rejected": ("未导入", "rejected"),
    "filled": ("补记", "filled in"),
    "kind": ("类型", "kind"),
    "marks": ("考勤记录", "marks"),
    "online_records": ("线上学时记录", "online records"),
    "problems": ("问题", "problems"),
    "trainees": ("人数", "trainees"),
    "what": ("内容", "what"),
    "replaces": ("原证书", "replaces"),
    "roll_no": ("学号", "roll no."),
    "subsidy": ("补贴", "subsidy"),
    "source": ("来源", "source"),
    "before": ("修改前", "before"),
    "after": ("修改后", "after"),
    "forced": ("强制", "forced"),
    "filters": ("筛选条件", "filters"),
    "count": ("数量", "count"),
    "person": ("操作人", "person"),
    "date_from": ("起始日期", "from"),
    "date_to": ("截止日期", "to"),
    "class": ("班级", "class"),
    "action": ("操作", "action"),
    "name": ("名称", "name"),
    "username": ("账号", "account"),
    "role": ("角色", "role"),
    "batch": ("批次", "batch"),
    "sequence": ("序号", "sequence"),
    "status": ("状态", "status"),
    "receipt": ("回执", "receipt"),
    "issues": ("问题", "issues"),
    "duplicate": ("重复回执", "duplicate"),
    "folder": ("文件夹", "folder"),
    "personal_data": ("含个人信息", "personal data"),
    "supersedes": ("更正的批次", "corrects batch"),
    "platform": ("平台地址", "platform"),
    "demo": ("演示数据", "demo data"),
    "minutes": ("分钟", "minutes"),
    "failed_logins": ("连续失败次数", "failed attempts"),
    "wait_seconds": ("需等待秒数", "seconds to wait"),
    "institution_code": ("机构代码", "institution code"),
    "institution_name": ("机构名称", "institution"),
    "reference_versions": ("参考数据版本", "reference data versions"),
    "changes": ("改动", "changes"),
    "old": ("原为", "was"),
    "new": ("改为", "now"),
    "credit_code": ("统一社会信用代码", "credit code"),
    "address": ("地址", "address"),
    "contact_name": ("联系人", "contact"),
    "contact_phone": ("办公电话", "office phone"),
    "bank_name": ("开户行", "bank"),
    "bank_account": ("账号", "account"),
    # Subsidies: amounts in fen as stored (the figures' own words say the unit).
    "fee_fen": ("培训费（分）", "fee (fen)"),
    "paid_by": ("出资方", "paid by"),
    "local_factor_percent": ("本市补贴系数（%）", "local factor (%)"),
    "shortage_uplift_percent": ("紧缺职业上浮（%）", "shortage uplift (%)"),
    "training_certificate_fen": ("培训合格证书补贴（分）", "training certificate (fen)"),
    "living_allowance_fen_per_day": ("生活费补贴（分/天）", "living allowance (fen per day)"),
    "work_for_training_fen_per_month": ("以工代训（分/月）", "work-for-training (fen per month)"),
}
_HIDDEN_DETAILS = frozenset({"content_hash", "key_id", "platform_key_id", "enrolment", "session", "trainee", "trainee_id", "sha256", "key", "uid", "revision",
                             "backup_sha256", "backup_newest_entry_at", "replaced_kept_as", "replaced_was_damaged"})
_UID = re.compile(r"^[0-9a-fA-F-]{32,36}$")


def _english(language: str | None) -> bool:
    return messages.normalise_language(language or messages.current_language()) == "en"


def action_label(code: str, language: str | None = None) -> str:
    """`code` in words ("certificate.issued" → 发放证书); an unknown code is shown as it is."""
    pair = ACTION_LABELS.get(code)
    if pair is None:
        return code
    return pair[1] if _english(language) else pair[0]


def _entity_text(entity_type: str | None, entity_id: str | None, english: bool) -> str:
    if not entity_type:
        return ""
    pair = ENTITY_LABELS.get(entity_type, (entity_type, entity_type))
    word = pair[1] if english else pair[0]
    # Row uids identify nothing to a person; numbers and codes (证书编号, 班级编号) do.
    if entity_id and entity_type != "app_user" and not _UID.match(entity_id):
        return f"{word} {entity_id}"
    return ""  # the action's words already name the kind of record


def _value_text(action: str, key: str, value: object, english: bool) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("yes" if value else "no") if english else ("是" if value else "否")
    if isinstance(value, str) and (key == "role" or (action == "user.role_changed" and key in ("from", "to"))):
        try:
            role = Role(value)
        except ValueError:
            return value
        return role.label_en if english else role.label_zh
    if key in ("from", "to") and isinstance(value, str):
        for kind in ((ClassStatus,) if action.startswith("class.") else (AttendanceStatus,)):
            try:
                status = kind(value)
            except ValueError:
                continue
            return status.label_en if english else status.label_zh
    if isinstance(value, dict):
        if not value:
            return "none" if english else "无"
        return ", ".join(f"{_detail_label(sub, english)}={_value_text(action, sub, item, english)}"
                         for sub, item in value.items())
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _detail_label(key: str, english: bool) -> str:
    pair = DETAIL_LABELS.get(key)
    return (pair[1] if english else pair[0]) if pair else key


def summarise_details(action: str, details: dict | None, language: str | None = None) -> str:
    """The entry's details as one readable line ("原因：教师请假；文件：a.xlsx"), internal ids left out."""
    if not details:
        return ""
    english = _english(language)
    parts = []
    for key, value in details.items():
        if key in _HIDDEN_DETAILS:
            continue
        if key in ("from", "to") and action == "session.moved" and isinstance(value, list):
            value = "–".join(_session_time(part) for part in value)
        label = _detail_label(key, english)
        parts.append(f"{label}{': ' if english else '：'}{_value_text(action, key, value, english)}")
    return ("; " if english else "；").join(parts)


def _session_time(value: object) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA_TZ)
    return f"{moment:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as a person reads it; `occurred_at` is China time."""

    id: int
    occurred_at: datetime
    user_id: int | None
    person: str
    action: str
    action_label: str
    entity: str
    class_code: str | None
    details: str


@dataclass(frozen=True)
class UserChoice:
    id: int
    username: str
    display_name: str


@dataclass(frozen=True)
class ClassChoice:
    code: str
    name: str


@dataclass(frozen=True)
class AuditFilterChoices:
    users: list[UserChoice]
    classes: list[ClassChoice]


@dataclass(frozen=True)
class AuditExport:
    path: Path
    rows: int


def china_day_bounds(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) in UTC for China dates `date_from`..`date_to`, both included."""
    if date_from and date_to and date_to < date_from:
        raise AuditLogError("audit_log.dates_reversed", start=date_from.isoformat(), end=date_to.isoformat())
    start = datetime.combine(date_from, time(0), CHINA_TZ).astimezone(timezone.utc) if date_from else None
    end = (datetime.combine(date_to + timedelta(days=1), time(0), CHINA_TZ).astimezone(timezone.utc)
           if date_to else None)
    return start, end


def _query(session: Session, *, user_id, class_code, date_from, date_to, action):
    query = (
        select(AuditEntry, AppUser.display_name, TrainingClass.code)
        .outerjoin(AppUser, AppUser.id == AuditEntry.actor_user_id)
        .outerjoin(TrainingClass, TrainingClass.id == AuditEntry.class_id)
    )
    if user_id is not None:
        query = query.where(AuditEntry.actor_user_id == user_id)
    if class_code:
        class_id = session.scalar(select(TrainingClass.id).where(TrainingClass.code == class_code.strip()))
        if class_id is None:
            raise AuditLogError("audit_log.unknown_class", code=class_code)
        query = query.where(AuditEntry.class_id == class_id)
    start, end = china_day_bounds(date_from, date_to)
    if start is not None:
        query = query.where(AuditEntry.occurred_at >= start)
    if end is not None:
        query = query.where(AuditEntry.occurred_at < end)
    if action and action.strip():
        text = action.strip()
        lowered = text.lower()
        # Either the code ("certificate") or its words in either language ("证书", "issued").
        codes = [code for code, (zh, en) in ACTION_LABELS.items() if text in zh or lowered in en.lower()]
        query = query.where(or_(AuditEntry.action.like(f"%{text}%"), AuditEntry.action.in_(codes)))
    return query.order_by(AuditEntry.id.desc())


def _rows(session: Session, query, language: str | None) -> Iterator[AuditRow]:
    english = _english(language)
    for entry, display_name, class_code in session.execute(query):
        occurred_at = entry.occurred_at
        if occurred_at.tzinfo is None:
            occurred_at = occurred_at.replace(tzinfo=timezone.utc)
        yield AuditRow(
            id=entry.id, occurred_at=occurred_at.astimezone(CHINA_TZ), user_id=entry.actor_user_id,
            person=display_name or entry.actor_name, action=entry.action,
            action_label=action_label(entry.action, language), entity=_entity_text(entry.entity_type,
                                                                                   entry.entity_id, english),
            class_code=class_code, details=summarise_details(entry.action, entry.details, language),
        )


def list_audit_entries(db: Database, *, actor: Actor, user_id: int | None = None, class_code: str | None = None,
                       date_from: date | None = None, date_to: date | None = None, action: str | None = None,
                       limit: int | None = DEFAULT_LIMIT, language: str | None = None) -> list[AuditRow]:
    """Audit entries newest first, filtered by person, class, China dates (both included) and the
    action's code or words; at most `limit` of them (None: all)."""
    require(actor, Permission.VIEW_AUDIT)
    with db.reading() as session:
        query = _query(session, user_id=user_id, class_code=class_code, date_from=date_from, date_to=date_to,
                       action=action)
        if limit is not None:
            query = query.limit(limit)
        return list(_rows(session, query, language))


def export_audit(db: Database, *, actor: Actor, path: Path, user_id: int | None = None,
                 class_code: str | None = None, date_from: date | None = None, date_to: date | None = None,
                 action: str | None = None, language: str | None = None, guard: OutputGuard = OutputGuard(),
                 replace: bool = False) -> AuditExport:
    """Every entry matching the filters into `path` (.xlsx, or .csv in UTF-8 with BOM); text that a
    spreadsheet could run as a formula stays text. The export itself is audited. `guard` refuses
    the database, the key folder and (unless `replace`) an existing file."""
    require(actor, Permission.EXPORT_AUDIT)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise AuditLogError("audit_log.format", name=path.name)
    if not path.parent.is_dir():
        raise AuditLogError("audit_log.write_failed", path=str(path),
                            detail="文件夹不存在" if not _english(language) else "the folder does not exist")
    english = _english(language)
    from desktop_app.documents.audit_workbook import AUDIT_HEADERS, write_audit_csv, write_audit_workbook

    headers = [pair[1] if english else pair[0] for pair in AUDIT_HEADERS]
    guard.check(path, replace=replace)
    with db.reading() as session:
        query = _query(session, user_id=user_id, class_code=class_code, date_from=date_from, date_to=date_to,
                       action=action)
        lines = ((f"{row.occurred_at:%Y-%m-%d %H:%M:%S}", row.person, row.action_label, row.entity,
                  row.class_code or "", row.details) for row in _rows(session, query.execution_options(yield_per=1000),
                                                                     language))
        try:
            with guard.writing(path, replace=replace) as partial:
                if suffix == ".csv":
                    count = write_audit_csv(partial, headers=headers, lines=lines)
                else:
                    count = write_audit_workbook(partial, title="审计日志" if not english else "Audit log",
                                                 headers=headers, lines=lines)
        except OSError as error:
            raise AuditLogError("audit_log.write_failed", path=str(path), detail=error.strerror or str(error)) from None
    with db.writing() as session:
        class_id = (session.scalar(select(TrainingClass.id).where(TrainingClass.code == class_code.strip()))
                    if class_code else None)
        person = session.scalar(select(AppUser.display_name).where(AppUser.id == user_id)) if user_id else None
        filters = {key: value for key, value in (("person", person), ("class", class_code),
                                                 ("date_from", date_from.isoformat() if date_from else None),
                                                 ("date_to", date_to.isoformat() if date_to else None),
                                                 ("action", action or None)) if value is not None}
        audit.record(session, actor, "audit.exported", entity_type="audit_log", class_id=class_id,
                     details={"file": path.name, "rows": count, "filters": filters})
    return AuditExport(path=path, rows=count)


def audit_filter_choices(db: Database, *, actor: Actor) -> AuditFilterChoices:
    """The people (every account, active or not: old entries name them) and the classes to filter by."""
    require(actor, Permission.VIEW_AUDIT)
    with db.reading() as session:
        users = [UserChoice(id=u.id, username=u.username, display_name=u.display_name)
                 for u in session.scalars(select(AppUser).order_by(AppUser.display_name, AppUser.id))]
        classes = [ClassChoice(code=code, name=name) for code, name in
                   session.execute(select(TrainingClass.code, TrainingClass.name)
                                   .order_by(TrainingClass.start_date.desc(), TrainingClass.code))]
    return AuditFilterChoices(users=users, classes=classes)


def find_user_id(db: Database, name: str) -> int:
    """The account called `name` (its login name or its display name), for the command line."""
    wanted = name.strip()
    with db.reading() as session:
        users = session.execute(select(AppUser.id, AppUser.username, AppUser.display_name).order_by(AppUser.id)).all()
    for user_id, username, display_name in users:
        if wanted in (username, display_name):
            return user_id
    names = "、".join(f"{username}（{display_name}）" for _id, username, display_name in users)
    raise AuditLogError("audit_log.unknown_user", name=wanted, names=names)
