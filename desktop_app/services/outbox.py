"""The outbox: registering this device, uploading sealed batches, receipts, USB transport.

The batch states and the moves between them are domain/batches.py's. `sending` is committed
before a request goes out, so a batch whose answer was lost (or whose process was killed)
asks the platform for its receipt before it is ever sent again.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.batches import PENDING_STATES, BatchState, transition
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission, require
from desktop_app.platform.client import (
    PlatformBusy,
    PlatformClient,
    PlatformRefused,
    PlatformUnreachable,
    checked_platform_address,
    same_platform_address,
)
from desktop_app.platform.device_keys import DeviceKey
from desktop_app.platform.protocol import MalformedReceipt, NotCanonicalisable, Receipt, parse_receipt, retry_delay_seconds
from desktop_app.services import audit
from desktop_app.services.output_files import OutputGuard
from desktop_app.services.sealing import META_DEVICE_ID, batch_bytes
from desktop_app.store.engine import Database
from desktop_app.store.models import (
    AppMeta,
    AuditEntry,
    DeviceKey as DeviceKeyRow,
    Enrolment,
    Institution,
    OutboxBatch,
    Trainee,
    TrainingClass,
)
from desktop_app.store.protection import PersonalDataCipher

META_PLATFORM_URL = "platform.url"
META_PLATFORM_KEY_ID = "platform.key_id"
META_REGISTERED_AT = "platform.registered_at"
META_REGISTERED_KEY_ID = "platform.device_key_id"
# Set when the platform said something that stops every upload (revoked key, client too old,
# device unknown); cleared by registering again or by a successful upload.
META_STOPPED = "platform.stopped"

# A batch the platform refused as a whole stays in the outbox, but is not sent again by itself.
HELD_CODES = frozenset({"batch.conflict", "batch.too_large", "request.malformed"})

log = logging.getLogger(__name__)

messages.register(
    {
        "sync.not_registered": (
            "本机还没有在省平台登记，不能上传。请向省平台申请登记码，然后在“上传”页点“登记本机…”登记本机。",
            "This computer is not registered with the provincial platform, so nothing can be uploaded. Ask the "
            "platform for an enrolment code, then click “Register this computer…” on the Upload page.",
        ),
        "sync.url_not_registered": (
            "本机登记的省平台地址是 {registered}，不会把个人信息上传到别的地址（{given}）。如果省平台确实换了地址，"
            "请管理员用新地址和新的登记码重新登记本机。",
            "This computer is registered with the platform at {registered}; personal data is not uploaded to any "
            "other address ({given}). If the platform really moved, an administrator registers this computer again "
            "with the new address and a new enrolment code.",
        ),
        "sync.no_url": (
            "还没有设置省平台地址。请在“设置”页填写省平台地址。",
            "The platform address is not set. Enter it on the Settings page.",
        ),
        "sync.offline": (
            "连不上省平台（网络不通或平台未开放）。数据已安全保存在本机，网络恢复后会自动上传。",
            "The provincial platform cannot be reached (no network, or the platform is closed). The data is safe "
            "on this computer and goes up by itself when the network returns.",
        ),
        "sync.error.platform.busy": (
            "省平台暂时繁忙，稍后会自动重试，不需要做什么。",
            "The platform is busy for now; it will be tried again automatically. Nothing to do.",
        ),
        "sync.error.key.revoked": (
            "省平台已停用本机的签名密钥，上传已全部暂停。请联系省平台经办人员确认原因并领取新的登记码，然后重新登记本机"
            "（“上传”页的“登记本机…”）：本机会换用新的签名密钥，等待上传的批次用新密钥重新签名后上传。",
            "The platform has revoked this computer's signing key; all uploads are paused. Ask the platform's staff "
            "why and for a new enrolment code, then register this computer again (“Register this computer…” on the "
            "Upload page): it moves to a new signing key, and the batches waiting are signed again with it and "
            "uploaded.",
        ),
        "sync.error.device.unknown": (
            "省平台不认识本机的签名密钥，上传已暂停。请重新登记本机（需要新的登记码）。",
            "The platform does not know this computer's signing key; uploads are paused. Register this computer "
            "again (with a new enrolment code).",
        ),
        "sync.error.client.too_old": (
            "省平台不再接受这个版本的 SkillDesk，上传已暂停。请安装最新版本后再上传，数据不会丢失。",
            "The platform no longer accepts this version of SkillDesk; uploads are paused. Install the latest "
            "version, then upload again. No data is lost.",
        ),
        "sync.error.batch.conflict": (
            "省平台已收到编号相同但内容不同的批次，本批次没有上传。请联系省平台经办人员核对（批次号 {batch_id}）。",
            "The platform already holds a different batch with the same id; this one was not uploaded. Ask the "
            "platform's staff to check batch {batch_id}.",
        ),
        "sync.error.batch.too_large": (
            "批次太大，省平台不接收。请联系技术支持。",
            "The batch is too large for the platform. Contact support.",
        ),
        "sync.error.signature.invalid": (
            "省平台验证签名失败：批次内容在封存后被改动过，或签名已损坏。该批次被拒收，请联系技术支持。",
            "The platform could not verify the signature: the batch changed after it was sealed, or the signature "
            "is damaged. The batch was refused; contact support.",
        ),
        "sync.error.schema.invalid": (
            "省平台认为批次格式不正确，已拒收。请升级 SkillDesk 或联系技术支持。",
            "The platform says the batch is not in the expected format and refused it. Upgrade SkillDesk or "
            "contact support.",
        ),
        "sync.error.other": (
            "省平台拒绝了请求（代码 {code}）。请联系技术支持。",
            "The platform refused the request (code {code}). Contact support.",
        ),
        "sync.error.network": (
            "上次上传时网络中断，将自动重试。",
            "The network failed during the last upload; it will be retried automatically.",
        ),
        "sync.error.receipt.unverified": (
            "收到的回执签名不对，未予采信。将重新向省平台索取回执。",
            "The receipt's signature did not verify, so it was not trusted. The receipt will be fetched again.",
        ),
        "receipt.unreadable": (
            "文件 {path} 不是省平台的回执（{detail}）。请确认选择的是省平台给出的回执文件。",
            "{path} is not a receipt from the platform ({detail}). Check that you chose the platform's receipt file.",
        ),
        "receipt.reason.too_large": ("文件大于 {limit}，回执不会这么大", "it is larger than {limit}; a receipt never is"),
        "receipt.reason.not_json": ("内容不是回执的文本格式", "its content is not in a receipt's text format"),
        "receipt.reason.not_a_receipt": ("缺少回执应有的内容，或含有无法核验的值",
                                         "it lacks what a receipt holds, or holds values that cannot be checked"),
        "receipt.unknown_batch": (
            "回执对应的批次 {batch_id} 不在本机的上传队列中。请确认回执来自本机导出的批次。",
            "The receipt is for batch {batch_id}, which is not in this computer's outbox. Check that it belongs "
            "to a batch exported from here.",
        ),
        "receipt.hash_mismatch": (
            "回执对应的内容与本机封存的批次 {batch_id} 不一致，未予采信。",
            "The receipt does not match the content of batch {batch_id} sealed here; it was not applied.",
        ),
        "receipt.unverified": (
            "回执的省平台签名无法验证，未予采信。请确认本机已登记，且回执文件没有被修改。",
            "The platform's signature on the receipt does not verify; it was not applied. Check that this computer "
            "is registered and the receipt file was not modified.",
        ),
        "batch.not_found": ("找不到批次 {batch_id}。", "There is no batch {batch_id}."),
        "register.failed": (
            "登记失败：{reason}",
            "Registration failed: {reason}",
        ),
        "register.busy": (
            "省平台暂时繁忙，本机没有登记。请过几分钟再登记，登记码仍然有效。",
            "The platform is busy; this computer was not registered. Try again in a few minutes; the enrolment "
            "code stays valid.",
        ),
        "register.enrolment_invalid": (
            "登记码无效、已使用或已过期。请向省平台重新申请登记码。",
            "The enrolment code is not valid, already used or expired. Ask the platform for a new one.",
        ),
        "register.no_institution": (
            "还没有填写机构信息（机构编号和名称），不能登记。请先完成机构设置。",
            "The institution's code and name are not set, so this computer cannot be registered. Complete the "
            "institution settings first.",
        ),
        "issue.fix.trainee.name_mismatch": (
            "核对身份证上的姓名，选中这一条点“更正…”改正姓名，然后封存更正批次。",
            "Check the name on the ID card, select this line and click “Correct…” to fix the name, then seal a "
            "correction.",
        ),
        "issue.corrected.name": ("姓名由“{old}”改为“{new}”", "name changed from “{old}” to “{new}”"),
        "issue.corrected.subsidy_claim": ("已改为本次不申请补贴", "no longer claims a subsidy this time"),
        "issue.fix.trainee.id_invalid": (
            "核对身份证件号码并更正，然后封存更正批次。",
            "Check and correct the identity number, then seal a correction.",
        ),
        "issue.fix.trainee.subsidy_limit": (
            "该学员本年度已享受 3 次补贴：选中这一条点“更正…”改为本次不申请补贴，然后封存更正批次。",
            "The trainee has had 3 subsidies this year: select this line and click “Correct…” to withdraw this "
            "subsidy claim, then seal a correction.",
        ),
        "issue.fix.reference.outdated": (
            "同步一次参考数据（上传页“立即上传”会自动同步）。无需更正。",
            "Sync the reference data (Upload now does it). Nothing to correct.",
        ),
        "issue.fix.other": (
            "按平台说明更正后，封存更正批次。",
            "Correct it as the platform says, then seal a correction.",
        ),
    }
)

FIELD_LABELS = {
    "name": ("姓名", "name"), "id_number": ("身份证件号码", "identity number"),
    "subsidy_claimed": ("是否申请补贴", "subsidy claimed"), "occupation_code": ("职业（工种）", "occupation"),
    "reference_versions": ("参考数据版本", "reference data version"), "number": ("证书编号", "certificate number"),
    "phone": ("手机号", "phone"),
}


class OutboxError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class BatchRow:
    batch_id: str
    kind: str
    class_code: str | None
    class_name: str | None
    state: BatchState
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    sequence: int | None
    receipt_status: str | None
    received_at: str | None
    issue_count: int
    supersedes: str | None
    superseded_by: str | None
    content_hash: str


@dataclass(frozen=True)
class IssueView:
    severity: str
    code: str
    record_type: str
    record_id: str | None
    trainee_name: str | None
    roll_no: int | None
    enrolment_id: int | None
    trainee_id: int | None
    field: str | None
    field_label: str
    message: str
    what_to_do: str
    corrected: str | None = None  # what was changed since the platform answered, in words


@dataclass(frozen=True)
class BatchDetail:
    row: BatchRow
    issues: list[IssueView]
    receipt_verified: bool | None
    content_hash: str
    key_id: str
    size_bytes: int


@dataclass(frozen=True)
class Registration:
    device_id: str
    platform_url: str | None
    key_id: str | None
    registered_at: str | None
    stopped: str | None  # words, when uploads are paused by the platform


@dataclass(frozen=True)
class SyncReport:
    uploaded: int = 0
    accepted: int = 0
    rejected: int = 0
    receipts_fetched: int = 0
    waiting: int = 0
    offline: bool = False
    stopped_reason: str | None = None
    retry_after_seconds: float | None = None  # the platform was busy: try again after this long
    reference_updated: tuple[str, ...] = ()
    # Worded: the platform's reference data could not be applied (the uploads still stand).
    reference_problem: str | None = None


def _meta(session: Session, key: str) -> str | None:
    row = session.get(AppMeta, key)
    return row.value if row else None


def registered_url(session: Session) -> str | None:
    """The platform address this computer was registered with (used when none is given)."""
    return _meta(session, META_PLATFORM_URL)


def upload_address(db: Database, given: str | None) -> str | None:
    """Where this computer may send anything: the registered address, and only when `given` (from
    the settings or a command) is none or the same; None otherwise."""
    with db.reading() as session:
        registered = registered_url(session)
    if given and not same_platform_address(given, registered):
        return None
    return registered


def _set_meta(session: Session, key: str, value: str | None) -> None:
    row = session.get(AppMeta, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


def error_words(code: str | None, **params) -> str | None:
    if not code:
        return None
    key = f"sync.error.{code}"
    if key in messages.known_codes():
        return messages.render(key, **params)
    return messages.render("sync.error.other", code=code)


# --- views ------------------------------------------------------------------------------------


def _row(batch: OutboxBatch, c: TrainingClass | None) -> BatchRow:
    body = (batch.receipt or {}).get("receipt") or {}
    return BatchRow(
        batch_id=batch.batch_id, kind=batch.kind, class_code=c.code if c else None, class_name=c.name if c else None,
        state=BatchState(batch.state), attempts=batch.attempts, next_attempt_at=batch.next_attempt_at,
        last_error=error_words(batch.last_error_code, batch_id=batch.batch_id),
        created_at=batch.created_at, sent_at=batch.sent_at, sequence=batch.sequence,
        receipt_status=body.get("status"), received_at=body.get("received_at"),
        issue_count=len(body.get("issues") or []), supersedes=batch.supersedes_batch_id,
        superseded_by=batch.superseded_by, content_hash=batch.content_hash)


def list_batches(db: Database, *, class_code: str | None = None) -> list[BatchRow]:
    """Every batch, newest first."""
    with db.reading() as session:
        query = (select(OutboxBatch, TrainingClass).outerjoin(TrainingClass, TrainingClass.id == OutboxBatch.class_id)
                 .order_by(OutboxBatch.id.desc()))
        if class_code:
            query = query.where(TrainingClass.code == class_code.strip())
        return [_row(b, c) for b, c in session.execute(query).all()]


def _batch(session: Session, batch_id: str) -> OutboxBatch:
    batch = session.scalar(select(OutboxBatch).where(OutboxBatch.batch_id == batch_id.strip()))
    if batch is None:
        raise OutboxError("batch.not_found", batch_id=batch_id)
    return batch


def _platform_key(session: Session) -> str | None:
    key_id = _meta(session, META_PLATFORM_KEY_ID)
    row = session.get(DeviceKeyRow, key_id) if key_id else None
    return row.public_key_pem if row else None


def platform_public_key(db: Database) -> str | None:
    """The public key (PEM) the platform gave at registration: what its receipts and reference
    data must be signed with."""
    with db.reading() as session:
        return _platform_key(session)


def batch_detail(db: Database, batch_id: str) -> BatchDetail:
    """One batch with its receipt's per-record issues linked to the trainee and field."""
    with db.reading() as session:
        batch = _batch(session, batch_id)
        c = session.get(TrainingClass, batch.class_id) if batch.class_id else None
        receipt = parse_receipt(batch.receipt) if batch.receipt else None
        verified = None
        if receipt is not None:
            key = _platform_key(session)
            verified = receipt.verifies_with(key) if key else None
        people = {}
        if receipt is not None and receipt.issues:
            uids = [i.record_id for i in receipt.issues if i.record_id]
            people = {e.uid: (e, t) for e, t in session.execute(
                select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
                .where(Enrolment.uid.in_(uids))).all()}
        english = messages.current_language() == "en"
        corrections = _corrections_since(session, batch, people) if receipt is not None and receipt.issues else {}
        issues = []
        for issue in receipt.issues if receipt else ():
            enrolment, trainee = people.get(issue.record_id, (None, None))
            label = FIELD_LABELS.get(issue.field or "", (issue.field or "", issue.field or ""))
            fix = f"issue.fix.{issue.code}"
            issues.append(IssueView(
                severity=issue.severity, code=issue.code, record_type=issue.record_type, record_id=issue.record_id,
                trainee_name=trainee.name if trainee else None, roll_no=enrolment.roll_no if enrolment else None,
                enrolment_id=enrolment.id if enrolment else None, trainee_id=trainee.id if trainee else None,
                field=issue.field, field_label=label[1] if english else label[0],
                message=(issue.message_en or issue.message) if english else issue.message,
                what_to_do=messages.render(fix if fix in messages.known_codes() else "issue.fix.other"),
                corrected=corrections.get((issue.record_id, issue.field))))
        return BatchDetail(row=_row(batch, c), issues=issues, receipt_verified=verified,
                           content_hash=batch.content_hash, key_id=batch.key_id,
                           size_bytes=batch.size_bytes)


# Which audited change fixes which field of a trainee record (PROTOCOL §7 issue fields).
_FIXING_ACTIONS = {("trainee.corrected", "name"): "name", ("enrolment.subsidy_claim", None): "subsidy_claimed"}


def _corrections_since(session: Session, batch: OutboxBatch, people: dict) -> dict[tuple[str, str], str]:
    """(record id, field) → what was changed, from the audit log entries made after the batch was
    sent: so a fix made yesterday still shows as made after a restart."""
    by_entity: dict[str, str] = {}
    for enrolment_uid, (enrolment, trainee) in people.items():
        by_entity[trainee.uid] = enrolment_uid
        by_entity[enrolment_uid] = enrolment_uid
    if not by_entity:
        return {}
    since = batch.sent_at or batch.created_at
    found: dict[tuple[str, str], str] = {}
    for action, entity_id, details in session.execute(
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.details)
            .where(AuditEntry.action.in_([a for a, _ in _FIXING_ACTIONS]), AuditEntry.entity_id.in_(list(by_entity)),
                   AuditEntry.occurred_at >= since).order_by(AuditEntry.id)):
        details = details or {}
        field = _FIXING_ACTIONS.get((action, details.get("field"))) or _FIXING_ACTIONS.get((action, None))
        if field is None or (field == "subsidy_claimed" and details.get("to") != "not_eligible"):
            continue
        if field == "name":
            words = messages.render("issue.corrected.name", old=details.get("from", ""), new=details.get("to", ""))
        else:
            words = messages.render("issue.corrected.subsidy_claim")
        found[(by_entity[entity_id], field)] = words
    return found


def registration(db: Database) -> Registration | None:
    with db.reading() as session:
        device_id = _meta(session, META_DEVICE_ID)
        if not device_id:
            return None
        stopped = _meta(session, META_STOPPED)
        return Registration(device_id=device_id, platform_url=registered_url(session),
                            key_id=_meta(session, META_REGISTERED_KEY_ID),
                            registered_at=_meta(session, META_REGISTERED_AT), stopped=error_words(stopped))


# --- registration ------------------------------------------------------------------------------


def register_device(db: Database, key: DeviceKey, *, actor: Actor, url: str, enrolment_code: str,
                    client: PlatformClient | None = None) -> Registration:
    """Register this device's public key with the platform using a one-time enrolment code."""
    require(actor, Permission.MANAGE_DEVICE)
    with db.reading() as session:
        institution = session.scalar(select(Institution).order_by(Institution.id).limit(1))
        if institution is None or not institution.code or institution.code == "UNSET":
            raise OutboxError("register.no_institution")
        institution_code = institution.code
    url = checked_platform_address(url)
    own = client is None
    client = client or PlatformClient(url)
    try:
        answer = client.register(enrolment_code=enrolment_code.strip(), institution_code=institution_code,
                                 key_id=key.key_id, public_key_pem=key.public_key_pem)
    except PlatformUnreachable:
        raise OutboxError("sync.offline") from None
    except PlatformBusy:
        raise OutboxError("register.busy") from None
    except PlatformRefused as refused:
        if refused.code == "enrolment.invalid":
            raise OutboxError("register.enrolment_invalid") from None
        raise OutboxError("register.failed", reason=error_words(refused.code)) from None
    finally:
        if own:
            client.close()
    now = datetime.now(timezone.utc)
    with db.writing() as session:
        _set_meta(session, META_DEVICE_ID, answer.device_id)
        _set_meta(session, META_PLATFORM_URL, url.rstrip("/"))
        _set_meta(session, META_PLATFORM_KEY_ID, answer.platform_key_id)
        _set_meta(session, META_REGISTERED_KEY_ID, key.key_id)
        _set_meta(session, META_REGISTERED_AT, now.strftime("%Y-%m-%dT%H:%M:%SZ"))
        _set_meta(session, META_STOPPED, None)
        if session.get(DeviceKeyRow, answer.platform_key_id) is None:
            session.add(DeviceKeyRow(key_id=answer.platform_key_id, public_key_pem=answer.platform_public_key_pem,
                                     own=False))
        audit.record(session, actor, "device.registered", entity_type="device", entity_id=answer.device_id,
                     details={"platform": url.rstrip("/"), "key_id": key.key_id,
                              "platform_key_id": answer.platform_key_id})
    return registration(db)


# --- receipts ----------------------------------------------------------------------------------


def _apply_receipt(session: Session, actor: Actor, batch: OutboxBatch, receipt: Receipt, *, source: str) -> bool:
    """Store a verified receipt and move the batch (and its class) on. False if it was known.

    Only a batch still waiting takes a receipt; one settled here already (by a receipt, refused
    whole, or superseded by its re-signed copy) keeps its state.
    """
    if not BatchState(batch.state).is_pending:
        return False
    batch.receipt = receipt.envelope
    batch.sequence = receipt.sequence
    batch.state = transition(batch.state, receipt.status).value
    batch.next_attempt_at = None
    batch.last_error_code = None
    batch.last_error = None
    c = session.get(TrainingClass, batch.class_id) if batch.class_id else None
    if c is not None and c.status == ClassStatus.SEALED.value:
        c.status = (ClassStatus.RETURNED if receipt.status == BatchState.REJECTED else ClassStatus.UPLOADED).value
    if receipt.status != BatchState.REJECTED and batch.supersedes_batch_id:
        old = session.scalar(select(OutboxBatch).where(OutboxBatch.batch_id == batch.supersedes_batch_id))
        if old is not None:
            old.state = transition(old.state, BatchState.SUPERSEDED).value
            old.superseded_by = batch.batch_id
    audit.record(session, actor, "batch.receipt", entity_type="outbox_batch", entity_id=batch.batch_id,
                 class_id=batch.class_id, details={"status": receipt.status, "sequence": receipt.sequence,
                                                   "issues": len(receipt.issues), "source": source,
                                                   "duplicate": receipt.duplicate})
    return True


def _check_receipt(session: Session, batch: OutboxBatch, receipt: Receipt) -> str | None:
    """None if the receipt is genuine and about this batch's bytes, else the message code."""
    if receipt.batch_id != batch.batch_id or receipt.content_hash != batch.content_hash:
        return "receipt.hash_mismatch"
    key = _platform_key(session)
    if key is None or not receipt.verifies_with(key):
        return "receipt.unverified"
    return None


def import_receipt(db: Database, *, actor: Actor, path: Path) -> BatchRow:
    """Apply a receipt carried back on a USB stick (the platform's JSON envelope)."""
    require(actor, Permission.UPLOAD_BATCHES)
    path = Path(path)
    receipt = _read_receipt_file(path)
    with db.writing() as session:
        batch = session.scalar(select(OutboxBatch).where(OutboxBatch.batch_id == receipt.batch_id))
        if batch is None:
            raise OutboxError("receipt.unknown_batch", batch_id=receipt.batch_id)
        problem = _check_receipt(session, batch, receipt)
        if problem:
            raise OutboxError(problem, batch_id=batch.batch_id)
        _apply_receipt(session, actor, batch, receipt, source="file")
        c = session.get(TrainingClass, batch.class_id) if batch.class_id else None
        return _row(batch, c)


# A receipt is a few kilobytes (its issues list names records, at most a cohort's); anything
# far larger is not one, and reading it whole would only cost memory.
RECEIPT_FILE_LIMIT = 2 * 1024 * 1024


def _read_receipt_file(path: Path) -> Receipt:
    """The receipt in a file carried back, or OutboxError naming the file in words (the
    parser's own English, which may quote the file's bytes, goes to the log only)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(RECEIPT_FILE_LIMIT + 1)
    except OSError as error:
        raise OutboxError("receipt.unreadable", path=str(path),
                          detail=error.strerror or type(error).__name__) from None
    if len(data) > RECEIPT_FILE_LIMIT:
        reason = messages.Problem("receipt.reason.too_large", {"limit": f"{RECEIPT_FILE_LIMIT // (1024 * 1024)} MB"})
    else:
        try:
            return parse_receipt(json.loads(data))
        except (ValueError, RecursionError) as error:
            # ValueError covers JSON syntax, bad UTF-8, MalformedReceipt and NotCanonicalisable.
            log.info("receipt file %s refused: %s", path, type(error).__name__)
            malformed = isinstance(error, (MalformedReceipt, NotCanonicalisable))
            reason = messages.Problem("receipt.reason.not_a_receipt" if malformed else "receipt.reason.not_json", {})
    raise OutboxError("receipt.unreadable", path=str(path), detail=reason)


# --- USB export ------------------------------------------------------------------------------


def export_batch(db: Database, cipher: PersonalDataCipher, *, actor: Actor, batch_id: str, folder: Path,
                 guard: OutputGuard = OutputGuard()) -> list[Path]:
    """ID.json (the exact signed bytes), ID.sig (raw 64-byte signature), ID.pub.pem; never into
    the key folder, and over an earlier file only when it holds the same bytes (a repeated export)."""
    require(actor, Permission.UPLOAD_BATCHES)
    require(actor, Permission.EXPORT_PERSONAL_DATA)
    folder = Path(folder)
    with db.writing() as session:
        batch = _batch(session, batch_id)
        key = session.get(DeviceKeyRow, batch.key_id)
        data = batch_bytes(session, cipher, batch)
        folder.mkdir(parents=True, exist_ok=True)
        paths = [folder / f"{batch.batch_id}.json", folder / f"{batch.batch_id}.sig",
                 folder / f"{batch.batch_id}.pub.pem"]
        contents = (data, batch.signature, key.public_key_pem.encode("ascii"))
        for path, content in zip(paths, contents):
            guard.check(path, replace=_holds(path, content))
        for path, content in zip(paths, contents):
            guard.write_bytes(path, content, replace=_holds(path, content))
        audit.record(session, actor, "batch.exported", entity_type="outbox_batch", entity_id=batch.batch_id,
                     class_id=batch.class_id, details={"folder": str(folder), "personal_data": True})
    return paths


def _holds(path: Path, content: bytes) -> bool:
    try:
        return path.is_file() and path.read_bytes() == content
    except OSError:
        return False


# --- upload ----------------------------------------------------------------------------------


@dataclass
class _Tally:
    uploaded: int = 0
    accepted: int = 0
    rejected: int = 0
    receipts_fetched: int = 0
    offline: bool = False
    stopped: str | None = None
    busy_for: float | None = None


def _due(session: Session, now: datetime, *, force: bool) -> list[int]:
    query = select(OutboxBatch.id, OutboxBatch.next_attempt_at, OutboxBatch.last_error_code, OutboxBatch.state).where(
        OutboxBatch.state.in_(PENDING_STATES)).order_by(OutboxBatch.id)
    due = []
    for batch_id, next_at, code, state in session.execute(query):
        if code in HELD_CODES and state == BatchState.SEALED and not force:
            continue  # refused as a whole (too large, conflict): only a person sends it again
        if not force and next_at is not None and next_at > now:
            continue
        due.append(batch_id)
    return due


def upload_pending(db: Database, cipher: PersonalDataCipher, *, actor: Actor, url: str | None,
                   client: PlatformClient | None = None, force: bool = True, max_wait: float = 0.0,
                   progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                   now: Callable[[], datetime] | None = None, sleep: Callable[[float], None] = time.sleep,
                   rng: random.Random | None = None) -> SyncReport:
    """Send every batch that is due, oldest first, one at a time. Batches whose previous
    attempt may have arrived ask for their receipt first. `force` ignores the back-off (a
    person asked); a platform's Retry-After shorter than `max_wait` seconds is waited out here."""
    require(actor, Permission.UPLOAD_BATCHES)
    now = now or (lambda: datetime.now(timezone.utc))
    rng = rng or random.Random()
    with db.reading() as session:
        device_id = _meta(session, META_DEVICE_ID)
        stopped = _meta(session, META_STOPPED)
        registered = registered_url(session)
    if url and registered and not same_platform_address(url, registered):
        # An address from settings.json, the environment or --url is no reason to send personal
        # data elsewhere: only the address the device key was registered with receives batches.
        return SyncReport(waiting=_waiting(db), stopped_reason=messages.render("sync.url_not_registered",
                                                                               registered=registered, given=url))
    url = registered
    if not device_id:
        return SyncReport(waiting=_waiting(db), stopped_reason=messages.render("sync.not_registered"))
    if stopped and not force:
        # Stopped by the platform (revoked key, client too old): automatic runs wait for a
        # person; a person asking (force) tries once more, e.g. after upgrading.
        return SyncReport(waiting=_waiting(db), stopped_reason=error_words(stopped))
    if not url:
        return SyncReport(waiting=_waiting(db), stopped_reason=messages.render("sync.no_url"))
    own = client is None
    client = client or PlatformClient(url)
    tally = _Tally()
    try:
        with db.reading() as session:
            queue = _due(session, now(), force=force)
        for index, row_id in enumerate(queue):
            if cancelled is not None and cancelled():
                break
            if progress is not None:
                progress(index, len(queue))
            wait = _send_one(db, cipher, actor, client, row_id, tally, now=now, rng=rng)
            waited = 0.0
            while wait is not None and waited + wait <= max_wait:  # never more than max_wait in all
                sleep(wait)
                waited += wait
                wait = _send_one(db, cipher, actor, client, row_id, tally, now=now, rng=rng)
            if wait is not None:
                tally.busy_for = wait
            if tally.offline or tally.stopped or tally.busy_for is not None:
                break
        if progress is not None:
            progress(len(queue), len(queue))
    finally:
        if own:
            client.close()
    return SyncReport(uploaded=tally.uploaded, accepted=tally.accepted, rejected=tally.rejected,
                      receipts_fetched=tally.receipts_fetched, waiting=_waiting(db), offline=tally.offline,
                      stopped_reason=tally.stopped, retry_after_seconds=tally.busy_for)


def _waiting(db: Database) -> int:
    with db.reading() as session:
        return len(session.scalars(select(OutboxBatch.id).where(OutboxBatch.state.in_(PENDING_STATES))).all())


def _record_failure(db: Database, row_id: int, *, state: BatchState, code: str, delay: float | None,
                    now: datetime) -> None:
    with db.writing() as session:
        batch = session.get(OutboxBatch, row_id)
        batch.state = transition(batch.state, state).value
        batch.last_error_code = code
        batch.next_attempt_at = now + timedelta(seconds=delay) if delay is not None else None


def _receive(db: Database, actor: Actor, row_id: int, receipt: Receipt, tally: _Tally, *, source: str) -> bool:
    with db.writing() as session:
        batch = session.get(OutboxBatch, row_id)
        if _check_receipt(session, batch, receipt):
            batch.state = transition(batch.state, BatchState.SENT_UNCONFIRMED).value
            batch.last_error_code = "receipt.unverified"
            return False
        if _apply_receipt(session, actor, batch, receipt, source=source):
            if receipt.status == BatchState.REJECTED:
                tally.rejected += 1
            else:
                tally.accepted += 1
        _set_meta(session, META_STOPPED, None)
    return True


def _send_one(db: Database, cipher: PersonalDataCipher, actor: Actor, client: PlatformClient, row_id: int,
              tally: _Tally, *, now: Callable[[], datetime], rng: random.Random) -> float | None:
    """One step for one batch; returns seconds to wait before trying it again in this run, or None."""
    with db.writing() as session:
        batch = session.get(OutboxBatch, row_id)
        state = BatchState(batch.state)
        if not state.is_pending:
            return None
        unconfirmed = state.may_be_on_platform
        batch_id, key_id, signature, digest = batch.batch_id, batch.key_id, batch.signature, batch.content_hash
        data = batch_bytes(session, cipher, batch)
        attempts = batch.attempts
        if not unconfirmed:
            # Committed before the request: if the answer (or this process) is lost, the next
            # run asks for the receipt instead of blindly sending again.
            batch.state = transition(state, BatchState.SENDING).value
            batch.attempts = attempts = attempts + 1
            batch.sent_at = now()
    # Could the platform already hold this batch? Until it says "unknown", assume it might.
    maybe_there = unconfirmed
    try:
        if unconfirmed:
            receipt = client.fetch_receipt(batch_id)
            if receipt is not None:
                tally.receipts_fetched += 1
                _receive(db, actor, row_id, receipt, tally, source="fetched")
                return None
            maybe_there = False
            with db.writing() as session:
                batch = session.get(OutboxBatch, row_id)
                batch.state = transition(batch.state, BatchState.SENDING).value
                batch.attempts = attempts = batch.attempts + 1
                batch.sent_at = now()
        receipt = client.put_batch(batch_id=batch_id, data=data, key_id=key_id, signature=signature,
                                   content_hash=digest)
    except PlatformUnreachable as lost:
        tally.offline = True
        delay = retry_delay_seconds(max(1, attempts), random_fraction=rng.random())
        _record_failure(db, row_id, code="network", delay=delay, now=now(),
                        state=BatchState.SENT_UNCONFIRMED if maybe_there or lost.maybe_delivered else BatchState.SEALED)
        return None
    except PlatformBusy as busy:
        delay = retry_delay_seconds(max(1, attempts), retry_after=busy.retry_after, random_fraction=rng.random())
        if busy.retry_after is not None:
            # Honour Retry-After, without stretching it into the much longer back-off.
            delay = max(float(busy.retry_after), min(delay, float(busy.retry_after) * 2))
        _record_failure(db, row_id, code="platform.busy", delay=delay, now=now(),
                        state=BatchState.SENT_UNCONFIRMED if maybe_there else BatchState.SEALED)
        return delay
    except PlatformRefused as refused:
        return _refused(db, actor, row_id, refused, tally, now=now())
    tally.uploaded += 1
    _receive(db, actor, row_id, receipt, tally, source="upload")
    return None


def _refused(db: Database, actor: Actor, row_id: int, refused: PlatformRefused, tally: _Tally, *,
             now: datetime) -> None:
    with db.writing() as session:
        batch = session.get(OutboxBatch, row_id)
        batch.last_error_code = refused.code
        batch.next_attempt_at = None
        if refused.stops_everything:
            batch.state = transition(batch.state, BatchState.SEALED).value
            _set_meta(session, META_STOPPED, refused.code)
            tally.stopped = error_words(refused.code)
            audit.record(session, actor, "sync.stopped", entity_type="device", entity_id=_meta(session, META_DEVICE_ID),
                         details={"code": refused.code})
        elif refused.code in ("signature.invalid", "schema.invalid"):
            # The platform will never accept these bytes: the batch is rejected as a whole.
            batch.state = transition(batch.state, BatchState.REJECTED).value
            c = session.get(TrainingClass, batch.class_id) if batch.class_id else None
            if c is not None and c.status == ClassStatus.SEALED.value:
                c.status = ClassStatus.RETURNED.value
            tally.rejected += 1
            audit.record(session, actor, "batch.refused", entity_type="outbox_batch", entity_id=batch.batch_id,
                         class_id=batch.class_id, details={"code": refused.code})
        else:
            batch.state = transition(batch.state, BatchState.SEALED).value
            audit.record(session, actor, "batch.held", entity_type="outbox_batch", entity_id=batch.batch_id,
                         class_id=batch.class_id, details={"code": refused.code})
    return None
