"""Use cases for trainees (实名制): find, look at, and — deliberately, audited — reveal personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.identity import IdentityNumberError, parse_identity_number
from desktop_app.services import audit
from desktop_app.store.engine import Database
from desktop_app.store.classes import find_class
from desktop_app.store.models import Enrolment, KeyGroup, Occupation, Trainee, TrainingClass
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import (
    BANK_ACCOUNT,
    ID_NUMBER,
    PHONE,
    birth_date_of,
    identity_lookup_hash,
    trainee_key_groups,
)

messages.register(
    {
        "trainee.not_found": ("找不到这名学员（编号 {trainee}）。", "No such trainee ({trainee})."),
        "trainee.reveal_reason_required": (
            "查看完整的个人信息需要填写用途（例如：核对证件、办理补贴），查看记录会写入审计日志。",
            "Say why you need the full personal data (e.g. checking the ID card, a subsidy claim); the view is logged.",
        ),
        "trainee.nothing_to_reveal": ("这名学员没有登记{field}。", "This trainee has no {field} on record."),
    }
)

REVEALABLE = {"id_number": (ID_NUMBER, "身份证号码"), "phone": (PHONE, "手机号码"), "bank_account": (BANK_ACCOUNT, "银行账号")}


class TraineeError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class TraineeRow:
    """A trainee as lists show them: masked, never the full numbers."""

    id: int
    name: str
    id_masked: str
    sex: str | None
    birth_date: date | None
    phone_masked: str | None
    classes: int


@dataclass(frozen=True)
class TrainingRecord:
    class_code: str
    class_name: str
    occupation: str
    level: int
    start_date: date
    end_date: date
    subsidy_status: str
    eligibility_reasons: tuple[str, ...]
    withdrawn_on: date | None = None  # 退学: the day the trainee left this class
    withdrawal_reason: str | None = None


@dataclass(frozen=True)
class FieldChange:
    """One corrected personal field: who, when, why, old and new (masked when sensitive)."""

    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class TraineeDetail:
    row: TraineeRow
    id_type: str
    ethnicity: str | None
    household_type: str | None
    education: str | None
    employment_status: str | None
    pension_status: bool
    bank_name: str | None
    has_bank_account: bool
    key_groups: tuple[str, ...]  # names (Bilingual: the reference data's name_en too); membership is personal data
    history: tuple[TrainingRecord, ...]
    changes: tuple[FieldChange, ...] = ()  # corrections of personal fields, newest first


def search_trainees(db: Database, cipher: PersonalDataCipher, query: str, *, limit: int = 200,
                    actor: Actor | None = None) -> list[TraineeRow]:
    """By name (part of it), by a full identity number (found through its keyed hash), or by
    the last four characters of the number (尾号), the way staff ask over the counter. With an
    `actor`, a search by a full number is audited whether it finds someone or not: it answers
    "is this person here?", which a list of masked numbers must not let anyone ask unseen."""
    text = (query or "").strip()
    if actor is not None and _looks_like_identity(text):
        rows = search_trainees(db, cipher, text, limit=limit)
        with db.writing() as session:
            audit.record(session, actor, "trainee.searched_by_id_number", entity_type="trainee",
                         entity_id=rows[0].id if rows else None,
                         details={"query": mask_identity_query(text), "found": len(rows)})
        return rows
    with db.reading() as session:
        statement = select(Trainee).order_by(Trainee.name, Trainee.id).limit(limit)
        if not text:
            pass
        elif _looks_like_identity(text):
            try:
                canonical = parse_identity_number(text).value
            except IdentityNumberError:
                return []
            statement = statement.where(Trainee.id_hash == identity_lookup_hash(cipher, canonical))
        elif len(text) == 4 and (text[:3].isdigit() and (text[3].isdigit() or text[3] in "xX")):
            statement = statement.where(Trainee.id_masked.like(f"%{text.upper()}"))
        else:
            statement = statement.where(Trainee.name.like(f"%{text}%"))
        trainees = session.scalars(statement).all()
        counts = _class_counts(session, [t.id for t in trainees])
        return [_row(cipher, t, counts.get(t.id, 0)) for t in trainees]


def mask_identity_query(text: str) -> str:
    """A searched number as the audit keeps it: no more of it than the masked form shows."""
    compact = text.replace(" ", "")
    try:
        return parse_identity_number(compact).masked()
    except IdentityNumberError:
        return compact[:2] + "*" * max(0, len(compact) - 4) + compact[-2:]


def _looks_like_identity(text: str) -> bool:
    compact = text.replace(" ", "")
    return len(compact) >= 15 and sum(ch.isdigit() for ch in compact) >= 14


def _class_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    from sqlalchemy import func

    rows = session.execute(
        select(Enrolment.trainee_id, func.count()).where(Enrolment.trainee_id.in_(ids)).group_by(Enrolment.trainee_id)
    )
    return {trainee_id: count for trainee_id, count in rows}


def _row(cipher: PersonalDataCipher, t: Trainee, classes: int) -> TraineeRow:
    return TraineeRow(id=t.id, name=t.name, id_masked=t.id_masked, sex=t.sex,
                      birth_date=birth_date_of(cipher, t.birth_date_enc), phone_masked=t.phone_masked, classes=classes)


def get_trainee(db: Database, cipher: PersonalDataCipher, trainee_id: int) -> TraineeDetail:
    with db.reading() as session:
        t = session.get(Trainee, trainee_id)
        if t is None:
            raise TraineeError("trainee.not_found", trainee=trainee_id)
        return get_trainee_in(session, cipher, t)


def _withdrawn_on(e: Enrolment) -> date | None:
    if e.withdrawn_at is None:
        return None
    if e.withdrawn_on is not None:
        return e.withdrawn_on
    from desktop_app.domain.china_time import china_moment

    return china_moment(e.withdrawn_at).date()


def _changes(session: Session, trainee_id: int) -> tuple[FieldChange, ...]:
    from desktop_app.store.models import AppUser, TraineeChange

    users = dict(session.execute(select(AppUser.id, AppUser.display_name)).all())
    return tuple(
        FieldChange(field=c.field, old_value=c.old_value, new_value=c.new_value, reason=c.reason,
                    changed_at=c.changed_at, changed_by=users.get(c.changed_by, "—"))
        for c in session.scalars(select(TraineeChange).where(TraineeChange.trainee_id == trainee_id)
                                 .order_by(TraineeChange.changed_at.desc(), TraineeChange.id.desc()))
    )


def reveal_personal_field(db: Database, cipher: PersonalDataCipher, *, actor: Actor, trainee_id: int, field: str,
                          purpose: str) -> str:
    """The full value of one personal field, for a stated purpose; the reveal is audited in the
    same transaction, so there is no reveal without its log entry."""
    require(actor, Permission.REVEAL_PERSONAL_DATA)
    if not purpose or not purpose.strip():
        raise TraineeError("trainee.reveal_reason_required")
    cipher_field, label = REVEALABLE[field]
    with db.writing() as session:
        t = session.get(Trainee, trainee_id)
        if t is None:
            raise TraineeError("trainee.not_found", trainee=trainee_id)
        blob = {"id_number": t.id_number_enc, "phone": t.phone_enc, "bank_account": t.bank_account_enc}[field]
        if blob is None:
            raise TraineeError("trainee.nothing_to_reveal", field=label)
        value = cipher.decrypt(blob, field=cipher_field)
        audit.record(session, actor, "personal_data.revealed", entity_type="trainee", entity_id=t.uid,
                     details={"field": field, "purpose": purpose.strip()})
        return value


@dataclass(frozen=True)
class RosterEntry:
    """A trainee on a class's roster, masked, with the subsidy decision taken at enrolment."""

    enrolment_id: int
    trainee_id: int
    roll_no: int
    name: str
    id_masked: str
    sex: str | None
    phone_masked: str | None
    subsidy_status: str
    reasons: tuple[str, ...]


def class_roster(db: Database, class_code: str) -> list[RosterEntry]:
    with db.reading() as session:
        training_class = find_class(session, class_code)
        if training_class is None:
            return []
        rows = session.execute(
            select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == training_class.id, Enrolment.withdrawn_at.is_(None))
            .order_by(Enrolment.roll_no)
        )
        return [
            RosterEntry(enrolment_id=e.id, trainee_id=t.id, roll_no=e.roll_no, name=t.name, id_masked=t.id_masked,
                        sex=t.sex, phone_masked=t.phone_masked, subsidy_status=e.subsidy_status,
                        reasons=render_reasons(e.eligibility_reasons))
            for e, t in rows
        ]


def render_reasons(stored: list | None, language: str | None = None) -> tuple[str, ...]:
    """Eligibility reasons are stored as codes and parameters, and worded when shown, so they
    read in the user's language."""
    texts = []
    for item in stored or []:
        try:
            texts.append(messages.render(item["code"], language, **item.get("params", {})))
        except (KeyError, TypeError):
            texts.append(str(item))
    return tuple(texts)


# --- corrections asked for by the platform -----------------------------------------------------

messages.register(
    {
        "trainee.correction_reason_required": (
            "请填写更正原因（例如“按省平台意见，以身份证上的姓名为准”），它会写入审计日志。",
            "Give the reason for the correction (e.g. “as the platform asked, the name on the ID card”); it is logged.",
        ),
        "trainee.name_required": ("姓名不能为空。", "The name cannot be empty."),
        "trainee.class_frozen": (
            "班级 {code} 已封存或已上传，不能再改本班的补贴申请。被省平台退回的班级才能更正。",
            "Class {code} is sealed or uploaded; its subsidy claims can no longer change. Only a class returned by "
            "the platform can be corrected.",
        ),
        "trainee.enrolment_not_found": ("找不到这条报名记录（编号 {enrolment}）。", "No such enrolment ({enrolment})."),
    }
)


def _reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise TraineeError("trainee.correction_reason_required")
    return reason.strip()


def correct_trainee_name(db: Database, *, actor: Actor, trainee_id: int, name: str, reason: str) -> None:
    """Correct a trainee's name (e.g. to the one on the ID card, as the platform asked); audited
    with the old and new name. Batches already sealed keep the name they were sealed with."""
    require(actor, Permission.ENROL_TRAINEES)
    why = _reason(reason)
    import unicodedata

    new_name = unicodedata.normalize("NFC", " ".join((name or "").split()))
    if not new_name:
        raise TraineeError("trainee.name_required")
    with db.writing() as session:
        t = session.get(Trainee, trainee_id)
        if t is None:
            raise TraineeError("trainee.not_found", trainee=trainee_id)
        if t.name == new_name:
            return
        old = t.name
        t.name = new_name
        audit.record(session, actor, "trainee.corrected", entity_type="trainee", entity_id=t.uid,
                     details={"field": "name", "from": old, "to": new_name, "reason": why})


def set_subsidy_claim(db: Database, *, actor: Actor, enrolment_id: int, claimed: bool, reason: str) -> None:
    """Whether this enrolment claims a subsidy (e.g. withdraw the claim of a trainee the platform
    says was already subsidised three times this year). Only while the class can still change."""
    require(actor, Permission.ENROL_TRAINEES)
    why = _reason(reason)
    from desktop_app.domain.class_status import ClassStatus

    with db.writing() as session:
        enrolment = session.get(Enrolment, enrolment_id)
        if enrolment is None:
            raise TraineeError("trainee.enrolment_not_found", enrolment=enrolment_id)
        c = session.get(TrainingClass, enrolment.class_id)
        if ClassStatus(c.status).is_read_only:
            raise TraineeError("trainee.class_frozen", code=c.code)
        old = enrolment.subsidy_status
        new = "eligible" if claimed else "not_eligible"
        if old == new:
            return
        enrolment.subsidy_status = new
        enrolment.override_reason = why
        audit.record(session, actor, "enrolment.subsidy_claim", entity_type="enrolment", entity_id=enrolment.uid,
                     class_id=c.id, details={"from": old, "to": new, "reason": why})


# --- editing one trainee's personal fields -------------------------------------------------------

messages.register(
    {
        "trainee.edit_reason_required": (
            "请填写修改原因（例如：学员更换手机号、按身份证更正姓名），它会和修改前后的内容一起记入学员档案。",
            "Give the reason for the change (e.g. new phone number, name as on the ID card); it is kept with the "
            "old and new values in the trainee's record.",
        ),
        "trainee.bank_pair": (
            "开户银行和银行账号须一起填写：补贴按这两项发放。",
            "Give the bank and the account number together: subsidies are paid to both.",
        ),
        "trainee.not_found_by_id": (
            "没有身份证号码为 {id_masked} 的学员。请核对号码，或先把学员加入班级。",
            "No trainee has the identity number {id_masked}. Check the number, or enrol the trainee first.",
        ),
        "trainee.identity_unreadable": (
            "“{value}”不是有效的证件号码。请填写完整的 18 位身份证号码。",
            "“{value}” is not a valid identity number. Give the full 18-character number.",
        ),
    }
)

# The personal fields one may correct, with whether their values are sensitive (kept masked in
# the change history and the audit log). The identity number is not among them: a different
# number is a different person.
EDITABLE_FIELDS: dict[str, bool] = {
    "name": False, "phone": True, "bank_name": False, "bank_account": True, "household_type": False,
    "ethnicity": False, "education": False, "employment_status": False, "key_groups": True,
}


@dataclass(frozen=True)
class TraineeEdit:
    """What a person changed in the edit form; None leaves a field as it is, "" clears it
    (the name cannot be cleared). `key_groups` are the groups' names or codes, the whole new set."""

    name: str | None = None
    phone: str | None = None
    bank_name: str | None = None
    bank_account: str | None = None
    household_type: str | None = None
    ethnicity: str | None = None
    education: str | None = None
    employment_status: str | None = None
    key_groups: tuple[str, ...] | None = None


def _mask_account(value: str | None) -> str | None:
    if not value:
        return None
    return "*" * max(0, len(value) - 4) + value[-4:] if len(value) > 4 else "*" * len(value)


def find_trainee_id(db: Database, cipher: PersonalDataCipher, id_number: str) -> int:
    """The trainee with this full identity number (found through its keyed hash)."""
    from desktop_app.domain.identity import mask_identity_number

    try:
        canonical = parse_identity_number(id_number).value
    except IdentityNumberError:
        raise TraineeError("trainee.identity_unreadable", value=mask_identity_number(id_number or "")) from None
    with db.reading() as session:
        found = session.scalar(select(Trainee.id).where(Trainee.id_hash == identity_lookup_hash(cipher, canonical)))
    if found is None:
        raise TraineeError("trainee.not_found_by_id", id_masked=mask_identity_number(canonical))
    return found


def edit_trainee(db: Database, cipher: PersonalDataCipher, *, actor: Actor, trainee_id: int, edit: TraineeEdit,
                 reason: str, today: date | None = None) -> TraineeDetail:
    """Correct one trainee's personal fields. The new values go through the roster's own field
    checks (the same rules and words as an import); each changed field is kept in the trainee's
    change history with who, when, why and the old and new value, masked for the sensitive ones,
    and audited in the same transaction. Batches already sealed keep what they were sealed with."""
    require(actor, Permission.ENROL_TRAINEES)
    why = (reason or "").strip()
    if not why:
        raise TraineeError("trainee.edit_reason_required")
    from desktop_app.domain.trainee_input import validate_trainee_fields
    from desktop_app.store.models import TraineeChange, TraineeKeyGroup, utcnow
    from desktop_app.store.trainees import KEY_GROUP, mask_phone

    today = today or date.today()
    with db.writing() as session:
        t = session.get(Trainee, trainee_id)
        if t is None:
            raise TraineeError("trainee.not_found", trainee=trainee_id)
        names = dict(session.execute(select(KeyGroup.code, KeyGroup.name)).all())
        lookup = {**{code: code for code in names}, **{name: code for code, name in names.items()}}
        current_groups = trainee_key_groups(session, cipher, t.id)
        current = {
            "name": t.name, "phone": cipher.decrypt(t.phone_enc, field=PHONE) if t.phone_enc else None,
            "bank_name": t.bank_name,
            "bank_account": cipher.decrypt(t.bank_account_enc, field=BANK_ACCOUNT) if t.bank_account_enc else None,
            "household_type": t.household_type, "ethnicity": t.ethnicity, "education": t.education,
            "employment_status": t.employment_status,
        }
        wanted = dict(current)
        for key in current:
            value = getattr(edit, key)
            if value is not None:
                wanted[key] = value.strip() or None
        groups_text = "、".join(names.get(code, code) for code in current_groups)
        if edit.key_groups is not None:
            groups_text = "、".join(g.strip() for g in edit.key_groups if g and g.strip())
        if bool(wanted["bank_name"]) != bool(wanted["bank_account"]):
            raise TraineeError("trainee.bank_pair")
        # The stored identity number and pension flag complete the row, so the roster's rules
        # see a whole trainee (e.g. sex and birth date derived from the number).
        from desktop_app.domain.roster_columns import ID_TYPE_WORDS

        id_type_word = next((word for word, value in ID_TYPE_WORDS.items() if value == t.id_type), None)
        values = {**wanted, "id_number": cipher.decrypt(t.id_number_enc, field=ID_NUMBER), "id_type": id_type_word,
                  "key_groups": groups_text or None, "pension": "是" if t.pension_status else "否"}
        checked = validate_trainee_fields(values, key_group_lookup=lookup, today=today)
        new = {
            "name": checked.name, "phone": checked.phone, "bank_name": checked.bank_name,
            "bank_account": checked.bank_account, "household_type": checked.household_type,
            "ethnicity": checked.ethnicity, "education": checked.education,
            "employment_status": checked.employment_status,
        }
        shown = {"phone": lambda v: mask_phone(v) if v else None, "bank_account": _mask_account}
        changed: list[tuple[str, str | None, str | None]] = []
        for key, value in new.items():
            if value == current[key]:
                continue
            show = shown.get(key, lambda v: v)
            changed.append((key, show(current[key]), show(value)))
            if key == "phone":
                t.phone_enc = cipher.encrypt(value, field=PHONE) if value else None
                t.phone_masked = mask_phone(value) if value else None
            elif key == "bank_account":
                t.bank_account_enc = cipher.encrypt(value, field=BANK_ACCOUNT) if value else None
            else:
                setattr(t, key, value)
        new_groups = sorted(set(checked.key_groups))
        if edit.key_groups is not None and new_groups != sorted(set(current_groups)):
            # Membership is sensitive: the history keeps how many groups (a count), not which.
            changed.append(("key_groups", str(len(set(current_groups))), str(len(new_groups))))
            session.query(TraineeKeyGroup).filter(TraineeKeyGroup.trainee_id == t.id).delete()
            session.add_all(
                TraineeKeyGroup(trainee_id=t.id, group_hash=cipher.lookup_hash(code, field=KEY_GROUP),
                                group_code_enc=cipher.encrypt(code, field=KEY_GROUP))
                for code in new_groups
            )
        if not changed:
            return get_trainee_in(session, cipher, t)
        now = utcnow()
        t.updated_at = now
        session.add_all(TraineeChange(trainee_id=t.id, field=key, old_value=old, new_value=value, reason=why,
                                      changed_at=now, changed_by=actor.user_id) for key, old, value in changed)
        audit.record(session, actor, "trainee.edited", entity_type="trainee", entity_id=t.uid,
                     details={"reason": why, "changes": [{"field": key, "from": old, "to": value}
                                                         for key, old, value in changed]})
        session.flush()
        return get_trainee_in(session, cipher, t)


def get_trainee_in(session: Session, cipher: PersonalDataCipher, t: Trainee) -> TraineeDetail:
    names = {code: Bilingual(name, name_en or name)
             for code, name, name_en in session.execute(select(KeyGroup.code, KeyGroup.name, KeyGroup.name_en))}
    groups = tuple(names.get(code, code) for code in trainee_key_groups(session, cipher, t.id))
    history = tuple(
        TrainingRecord(class_code=c.code, class_name=c.name, occupation=o.name, level=c.level,
                       start_date=c.start_date, end_date=c.end_date, subsidy_status=e.subsidy_status,
                       eligibility_reasons=render_reasons(e.eligibility_reasons),
                       withdrawn_on=_withdrawn_on(e), withdrawal_reason=e.withdrawal_reason)
        for e, c, o in session.execute(
            select(Enrolment, TrainingClass, Occupation)
            .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
            .join(Occupation, Occupation.id == TrainingClass.occupation_id)
            .where(Enrolment.trainee_id == t.id)
            .order_by(TrainingClass.start_date.desc())
        )
    )
    return TraineeDetail(
        row=_row(cipher, t, len(history)), id_type=t.id_type, ethnicity=t.ethnicity, household_type=t.household_type,
        education=t.education, employment_status=t.employment_status, pension_status=t.pension_status,
        bank_name=t.bank_name, has_bank_account=t.bank_account_enc is not None, key_groups=groups, history=history,
        changes=_changes(session, t.id),
    )
