"""Use cases for the institution's profile (机构信息): read it, change it (audited, old and new
values), reveal its subsidy bank account (audited), and the rule that certificates need it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.institution import (
    InstitutionError,
    InstitutionFields,
    is_set_up,
    mask_bank_account,
)
from desktop_app.domain.permissions import Permission, require
from desktop_app.services import audit
from desktop_app.store.engine import Database
from desktop_app.store.models import Certificate, Enrolment, Institution, TrainingClass
from desktop_app.store.protection import PersonalDataCipher

BANK_ACCOUNT_FIELD = "institution.bank_account"

messages.register(
    {
        "institution.code_locked": (
            "机构编号“{code}”已用于 {count} 张证书的编号，不能再修改（已发证书的编号不会改变）。其他机构信息仍可修改。",
            "The institution code “{code}” already starts {count} certificate numbers and can no longer be "
            "changed (issued numbers never change). The other details can still be changed.",
        ),
        "institution.not_set_up": (
            "机构信息尚未填写：证书编号以机构编号开头，所以填写之前不能发放证书。请管理员在“设置 → 机构信息”中"
            "填写机构编号和名称。",
            "The institution is not set up yet: certificate numbers start with its code, so no certificate can be "
            "issued before it is. An administrator enters the institution's code and name in Settings → Institution.",
        ),
        "institution.reveal_purpose_required": (
            "请写明查看完整账号的用途（会记入审计日志）。",
            "Say why the full account number is needed (it goes into the audit log).",
        ),
        "institution.no_bank_account": ("尚未填写补贴收款账号。", "No subsidy bank account has been entered."),
        "institution.unchanged": ("机构信息没有变化，未保存。", "Nothing in the institution's details changed; nothing saved."),
    }
)

# The fields of the profile in the order they are shown and audited.
PROFILE_FIELDS = ("code", "name", "credit_code", "address", "contact_name", "contact_phone", "bank_name",
                  "bank_account")


@dataclass(frozen=True)
class InstitutionView:
    """The profile as shown: the bank account masked; `code_locked` when certificates carry the code."""

    code: str
    name: str
    credit_code: str | None
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    bank_name: str | None
    bank_account_masked: str | None
    set_up: bool
    code_locked: bool
    certificates: int

    def value(self, key: str) -> str:
        """The text of one field as a form shows it ("" when empty; the account masked)."""
        if key == "bank_account":
            return self.bank_account_masked or ""
        return getattr(self, key) or ""


def _first(session: Session) -> Institution | None:
    return session.scalar(select(Institution).order_by(Institution.id).limit(1))


def _certificates_numbered(session: Session, institution: Institution) -> int:
    return session.scalar(
        select(func.count()).select_from(Certificate)
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .where(TrainingClass.institution_id == institution.id, Certificate.issuer == "institution")
    ) or 0


def _view(session: Session, row: Institution) -> InstitutionView:
    count = _certificates_numbered(session, row)
    set_up = is_set_up(row.code)
    return InstitutionView(code=row.code if set_up else "", name=row.name if set_up else "",
                           credit_code=row.credit_code, address=row.address, contact_name=row.contact_name,
                           contact_phone=row.contact_phone, bank_name=row.bank_name,
                           bank_account_masked=row.bank_account_masked, set_up=set_up, code_locked=count > 0,
                           certificates=count)


def institution_profile(db: Database) -> InstitutionView | None:
    """The institution as recorded, or None before anything was; a placeholder (classes opened
    before the set-up) shows as not set up, with empty code and name."""
    with db.reading() as session:
        row = _first(session)
        return _view(session, row) if row is not None else None


def require_institution_set_up(session: Session, institution: Institution | None) -> Institution:
    """The institution certificates are numbered for; refused while it is not set up."""
    if institution is None or not is_set_up(institution.code):
        raise InstitutionError("institution.not_set_up")
    return institution


def apply_institution_fields(session: Session, cipher: PersonalDataCipher | None, actor: Actor,
                             fields: InstitutionFields, *, action: str = "institution.updated") -> Institution:
    """Write checked fields into the (first) institution, creating it when there is none, with one
    audit entry naming each changed field's old and new value (the bank account masked). Used by
    Settings, the command line and the first-run wizard."""
    row = _first(session)
    recorded = row.code if row is not None and is_set_up(row.code) else None
    checked = fields.checked(recorded_code=recorded)
    if row is None:
        row = Institution(code=checked.code, name=checked.name)
        session.add(row)
        session.flush()
        before: dict[str, str | None] = {key: None for key in PROFILE_FIELDS}
    else:
        before = {key: getattr(row, key) for key in PROFILE_FIELDS if key != "bank_account"}
        before["bank_account"] = row.bank_account_masked
        if not is_set_up(row.code):
            before["code"] = before["name"] = None
        if checked.code != row.code and is_set_up(row.code):
            count = _certificates_numbered(session, row)
            if count:
                raise InstitutionError("institution.code_locked", code=row.code, count=count)
    for key in PROFILE_FIELDS:
        if key != "bank_account":
            setattr(row, key, getattr(checked, key))
    if checked.bank_account is not None:  # None keeps the stored account
        if checked.bank_account:
            if cipher is None:
                raise ValueError("a cipher is needed to store the bank account")
            row.bank_account_enc = cipher.encrypt(checked.bank_account, field=BANK_ACCOUNT_FIELD)
            row.bank_account_masked = mask_bank_account(checked.bank_account)
        else:
            row.bank_account_enc = row.bank_account_masked = None
    after = {key: getattr(row, key) for key in PROFILE_FIELDS if key != "bank_account"}
    after["bank_account"] = row.bank_account_masked
    changes = {key: {"old": before[key], "new": after[key]} for key in PROFILE_FIELDS if before[key] != after[key]}
    if action == "institution.updated" and not changes:
        raise InstitutionError("institution.unchanged")
    session.flush()
    if changes:
        audit.record(session, actor, action, entity_type="institution", entity_id=row.id,
                     details={"changes": changes, "institution_code": row.code})
    return row


def update_institution(db: Database, cipher: PersonalDataCipher, *, actor: Actor,
                       fields: InstitutionFields) -> InstitutionView:
    """Change the institution's profile (administrators); the code only while no certificate carries it."""
    require(actor, Permission.MANAGE_SETTINGS)
    with db.writing() as session:
        row = apply_institution_fields(session, cipher, actor, fields)
        return _view(session, row)


def reveal_bank_account(db: Database, cipher: PersonalDataCipher, *, actor: Actor, purpose: str) -> str:
    """The full subsidy account, for a stated purpose; audited in the same transaction."""
    require(actor, Permission.MANAGE_SETTINGS)
    if not (purpose or "").strip():
        raise InstitutionError("institution.reveal_purpose_required")
    with db.writing() as session:
        row = _first(session)
        if row is None or row.bank_account_enc is None:
            raise InstitutionError("institution.no_bank_account")
        value = cipher.decrypt(row.bank_account_enc, field=BANK_ACCOUNT_FIELD)
        audit.record(session, actor, "institution.bank_account_revealed", entity_type="institution",
                     entity_id=row.id, details={"field": "bank_account", "purpose": purpose.strip()})
        return value

