"""Certificates: who may receive one, gapless numbering, issuing with frozen content and a
signed QR, byte-identical reprints, void and reissue with reasons, offline verification."""

from __future__ import annotations

import hashlib
import hmac
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert

from desktop_app import messages, resources
from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.certificates import (
    CertificateKind,
    CertificatePayload,
    CertificateStatus,
    CertificatePayloadError,
    decide_certificate,
    format_certificate_number,
    HOLDER_BINDING_FIELD,
    LEGACY_PAYLOAD_VERSION,
    holder_binding,
    legacy_holder_digest,
    parse_signed_payload,
)
from desktop_app.domain.levels import SkillLevel
from desktop_app.platform.device_keys import DeviceKey, verify_signature
from desktop_app.services import audit
from desktop_app.services.attendance import class_attendance_summary
from desktop_app.services.institution import require_institution_set_up
from desktop_app.store.engine import Database
from desktop_app.store.classes import require_class
from desktop_app.store.models import (
    Assessment,
    Certificate,
    CertificateCounter,
    DeviceKey as DeviceKeyRow,
    Enrolment,
    Institution,
    Occupation,
    Trainee,
    TrainingClass,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import ID_NUMBER

TEMPLATE_NAME = "certificate_default.json"

messages.register(
    {
        "certificates.class_not_found": ("找不到编号为“{code}”的班级。", "No class has the code “{code}”."),
        "certificates.not_found": ("找不到证书编号“{number}”。", "No certificate has the number “{number}”."),
        "certificates.reason_required": ("作废或补发证书必须填写原因。", "Voiding or reissuing a certificate needs a reason."),
        "certificates.already_void": ("证书 {number} 已经作废。", "Certificate {number} is already void."),
        "certificates.number_required": ("请填写证书编号。", "Enter the certificate number."),
        "certificates.trainee_unknown": ("没有证件号码为 {id_masked} 的学员。", "No trainee has the identity number {id_masked}."),
        "certificates.external_only": ("{kind}由考核评价机构颁发，这里只能登记其编号。", "{kind} is issued elsewhere; only its number is recorded here."),
        "verify.ok": ("证书有效：{number}，{name}，{occupation}（{level}），{date} 发证，签名密钥 {key}。",
                      "Valid certificate: {number}, {name}, {occupation} ({level}), issued {date}, key {key}."),
        "verify.unknown_key": (
            "无法验证：签发密钥 {key} 不在本机已知的密钥中。证书可能来自其他机构，请向发证机构核实。",
            "Cannot verify: the signing key {key} is unknown here. The certificate may come from another institution; ask the issuer.",
        ),
        "verify.bad_signature": (
            "签名不符：二维码内容被改动过，或不是由密钥 {key} 签发的。这张证书不可信。",
            "The signature does not match: the QR text was altered or not signed by key {key}. Do not trust this certificate.",
        ),
        "verify.void": ("签名有效，但证书 {number} 已作废（原因：{reason}），不能作为有效证书使用。",
                        "The signature is valid but certificate {number} was voided ({reason}); it is not valid."),
        "verify.mismatch": ("签名有效，但与本机记录的证书 {number} 不一致（{field}）。", "The signature is valid but differs from certificate {number} on record ({field})."),
    }
)


class CertificateError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class CertificateCandidate:
    enrolment_id: int
    roll_no: int
    name: str
    id_masked: str
    eligible: bool
    reasons: tuple[messages.Problem, ...]
    certificate_number: str | None
    certificate_status: CertificateStatus | None


def certificate_candidates(db: Database, class_code: str, *, as_of: datetime | None = None) -> list[CertificateCandidate]:
    """Every trainee of the class with the decision: completion (attendance) and a pass."""
    summary = {row.enrolment_id: row for row in class_attendance_summary(db, class_code, as_of=as_of)}
    with db.reading() as session:
        c = _class(session, class_code)
        results = dict(session.execute(select(Assessment.enrolment_id, Assessment.result)
                                       .join(Enrolment, Enrolment.id == Assessment.enrolment_id)
                                       .where(Enrolment.class_id == c.id)).all())
        issued = {e: (n, s) for e, n, s in session.execute(
            select(Certificate.enrolment_id, Certificate.number, Certificate.status)
            .where(Certificate.kind == CertificateKind.TRAINING_COMPLETION.value,
                   Certificate.enrolment_id.in_(list(summary)), Certificate.status == CertificateStatus.ISSUED))}
    out = []
    for enrolment_id, row in summary.items():
        reasons_text = "；".join(p.message() for p in row.attendance.reasons)
        decision = decide_certificate(name=row.name, attendance_eligible=row.attendance.eligible,
                                      attendance_reasons=reasons_text, result=results.get(enrolment_id))
        number, status = issued.get(enrolment_id, (None, None))
        out.append(CertificateCandidate(enrolment_id, row.roll_no, row.name, row.id_masked, decision.eligible,
                                        decision.reasons, number, CertificateStatus(status) if status else None))
    return out


def _class(session, class_code: str) -> TrainingClass:
    return require_class(session, class_code, error=CertificateError, message="certificates.class_not_found")


def _lock_counter(session, institution: Institution, year: int) -> None:
    """Hold the year's counter for the rest of the caller's transaction, before anything is
    checked: SQLite writers already hold the database lock (BEGIN IMMEDIATE); on PostgreSQL
    the row is locked. A second PC then waits here and, once the first has committed, sees
    its certificates — so it neither numbers a trainee twice nor shares a number."""
    if session.get_bind().dialect.name != "postgresql":
        return
    # The first number of a year: the row does not exist yet and FOR UPDATE alone would lock
    # nothing. Create it if missing (waits for, then yields to, a PC that just did), then lock.
    session.execute(postgresql_insert(CertificateCounter)
                    .values(institution_id=institution.id, year=year, next_serial=1)
                    .on_conflict_do_nothing(index_elements=["institution_id", "year"]))
    session.execute(text("SELECT 1 FROM certificate_counter WHERE institution_id = :i AND year = :y FOR UPDATE"),
                    {"i": institution.id, "y": year})


def _next_number(session, institution: Institution, year: int) -> str:
    """Take the next serial inside the caller's transaction, after `_lock_counter`."""
    counter = session.get(CertificateCounter, (institution.id, year), populate_existing=True)
    if counter is None:
        counter = CertificateCounter(institution_id=institution.id, year=year, next_serial=1)
        session.add(counter)
        session.flush()
    serial = counter.next_serial
    counter.next_serial = serial + 1
    return format_certificate_number(institution.code, year, serial)


@dataclass
class IssueReport:
    issued: list[str] = field(default_factory=list)  # certificate numbers
    already: list[str] = field(default_factory=list)
    not_eligible: list[CertificateCandidate] = field(default_factory=list)
    warnings: list[messages.Problem] = field(default_factory=list)


def _content(session, cipher: PersonalDataCipher, key: DeviceKey, *, c: TrainingClass, enrolment: Enrolment,
             number: str, issued_on: date, hours_lessons) -> dict:
    trainee = session.get(Trainee, enrolment.trainee_id)
    occupation = session.get(Occupation, c.occupation_id)
    institution = session.get(Institution, c.institution_id)
    id_number = cipher.decrypt(trainee.id_number_enc, field=ID_NUMBER)
    payload = CertificatePayload(number=number, name=trainee.name, holder=keyed_holder(cipher, number, id_number),
                                 occupation_code=occupation.code, level=c.level, issue_date=issued_on, key_id=key.key_id)
    signed = payload.with_signature(key.sign(payload.signed_part().encode("utf-8")))
    return {
        "number": number, "name": trainee.name, "id_masked": trainee.id_masked, "occupation": occupation.name,
        "occupation_code": occupation.code, "level": c.level, "level_label": SkillLevel(c.level).label_zh,
        "hours_label": f"{hours_lessons} 课时", "start_date": c.start_date.isoformat(), "end_date": c.end_date.isoformat(),
        "institution": institution.name, "issue_date": issued_on.isoformat(), "qr_payload": signed,
        "class_code": c.code,
    }


def render_frozen(contents: list[dict], *, offset_mm=(0.0, 0.0)):
    """Render frozen certificate contents with the institution's template."""
    from desktop_app.documents.certificate_pdf import CertificateContent, load_template, render_certificates

    template = load_template(resources.template_path(TEMPLATE_NAME))
    return render_certificates([_as_content(CertificateContent, item) for item in contents], template,
                               offset_mm=offset_mm)


def _as_content(CertificateContent, item: dict):
    return CertificateContent(
        number=item["number"], name=item["name"], id_masked=item["id_masked"], occupation=item["occupation"],
        level_label=item["level_label"], hours_label=item["hours_label"], start_date=date.fromisoformat(item["start_date"]),
        end_date=date.fromisoformat(item["end_date"]), institution=item["institution"],
        issue_date=date.fromisoformat(item["issue_date"]), qr_payload=item["qr_payload"])


def _pdf_hash(item: dict) -> tuple[str, list[messages.Problem]]:
    render = render_frozen([item])
    return hashlib.sha256(render.pdf).hexdigest(), list(render.warnings)


def issue_certificates(db: Database, cipher: PersonalDataCipher, key: DeviceKey, *, actor: Actor, class_code: str,
                       issued_on: date | None = None, as_of: datetime | None = None) -> IssueReport:
    """Number and issue 培训合格证书 to every eligible trainee who has none yet. The content is
    frozen at issue (later edits to the trainee or class do not change a certificate), its
    canonical PDF's hash is stored, and issuing twice issues nothing new."""
    require(actor, Permission.ISSUE_CERTIFICATES)
    issued_on = issued_on or date.today()
    report = IssueReport()
    candidates = certificate_candidates(db, class_code, as_of=as_of)
    hours = {row.enrolment_id: row.attendance.total_lessons for row in class_attendance_summary(db, class_code, as_of=as_of)}
    with db.writing() as session:
        c = _class(session, class_code)
        # Every number starts with the institution's code: none before the institution is set up.
        institution = require_institution_set_up(session, session.get(Institution, c.institution_id))
        if any(candidate.eligible and not candidate.certificate_number for candidate in candidates):
            _lock_counter(session, institution, issued_on.year)
        for candidate in candidates:
            if candidate.certificate_number:
                report.already.append(candidate.certificate_number)
                continue
            if not candidate.eligible:
                report.not_eligible.append(candidate)
                continue
            enrolment = session.get(Enrolment, candidate.enrolment_id)
            # Re-check inside the write transaction: another window may have issued meanwhile,
            # and then the report says so rather than "issued 0".
            issued_elsewhere = session.scalar(select(Certificate.number).where(
                Certificate.enrolment_id == enrolment.id, Certificate.status == CertificateStatus.ISSUED,
                Certificate.kind == CertificateKind.TRAINING_COMPLETION.value))
            if issued_elsewhere:
                report.already.append(issued_elsewhere)
                continue
            number = _next_number(session, institution, issued_on.year)
            item = _content(session, cipher, key, c=c, enrolment=enrolment, number=number, issued_on=issued_on,
                            hours_lessons=_lessons_text(hours[enrolment.id]))
            digest, warnings = _pdf_hash(item)
            report.warnings.extend(warnings)
            certificate = Certificate(enrolment_id=enrolment.id, trainee_id=enrolment.trainee_id,
                                      kind=CertificateKind.TRAINING_COMPLETION.value, number=number, issuer="institution",
                                      status=CertificateStatus.ISSUED.value, issued_on=issued_on, content=item,
                                      pdf_sha256=digest, issued_by=actor.user_id)
            session.add(certificate)
            session.flush()
            audit.record(session, actor, "certificate.issued", entity_type="certificate", entity_id=number,
                         class_id=c.id, details={"enrolment": enrolment.uid, "sha256": digest, "key": key.key_id})
            report.issued.append(number)
    return report


def _lessons_text(value) -> str:
    text_value = format(value, "f")
    return text_value[:-2] if text_value.endswith(".0") else text_value


def void_certificate(db: Database, *, actor: Actor, number: str, reason: str) -> None:
    """Void keeps the number (never reused) and the content; only its status changes."""
    require(actor, Permission.ISSUE_CERTIFICATES)
    if not reason or not reason.strip():
        raise CertificateError("certificates.reason_required")
    with db.writing() as session:
        certificate = _certificate(session, number)
        if certificate.status == CertificateStatus.VOID:
            raise CertificateError("certificates.already_void", number=number)
        certificate.status = CertificateStatus.VOID.value
        certificate.void_reason = reason.strip()
        audit.record(session, actor, "certificate.voided", entity_type="certificate", entity_id=number,
                     details={"reason": reason.strip()})


def reissue_certificate(db: Database, cipher: PersonalDataCipher, key: DeviceKey, *, actor: Actor, number: str,
                        reason: str, issued_on: date | None = None) -> str:
    """Void the certificate and issue a new number for the same trainee, linked to the old one."""
    require(actor, Permission.ISSUE_CERTIFICATES)
    if not reason or not reason.strip():
        raise CertificateError("certificates.reason_required")
    issued_on = issued_on or date.today()
    with db.writing() as session:
        old = _certificate(session, number)
        if old.status == CertificateStatus.VOID:
            # A void certificate may already have been replaced; reissue from the valid one.
            raise CertificateError("certificates.already_void", number=number)
        old.status = CertificateStatus.VOID.value
        old.void_reason = f"补发：{reason.strip()}"
        enrolment = session.get(Enrolment, old.enrolment_id)
        c = session.get(TrainingClass, enrolment.class_id)
        institution = require_institution_set_up(session, session.get(Institution, c.institution_id))
        new_number = _next_number(session, institution, issued_on.year)
        item = _content(session, cipher, key, c=c, enrolment=enrolment, number=new_number, issued_on=issued_on,
                        hours_lessons=old.content["hours_label"].split()[0])
        digest, _ = _pdf_hash(item)
        session.add(Certificate(enrolment_id=enrolment.id, trainee_id=enrolment.trainee_id, kind=old.kind,
                                number=new_number, issuer="institution", status=CertificateStatus.ISSUED.value,
                                issued_on=issued_on, content=item, pdf_sha256=digest, replaces_id=old.id,
                                issued_by=actor.user_id))
        audit.record(session, actor, "certificate.reissued", entity_type="certificate", entity_id=new_number,
                     class_id=c.id, details={"replaces": number, "reason": reason.strip()})
        return new_number


def record_external_certificate(db: Database, cipher: PersonalDataCipher, *, actor: Actor, id_number: str, kind: str,
                                number: str, issued_on: date) -> str:
    """A 职业技能等级证书 (etc.) issued by an assessment body, recorded against the trainee;
    returns the trainee's name."""
    require(actor, Permission.ISSUE_CERTIFICATES)
    from desktop_app.domain.identity import parse_identity_number
    from desktop_app.store.trainees import find_trainee_by_id_number

    kind_value = CertificateKind(kind)
    if kind_value.issued_here:
        raise CertificateError("certificates.external_only", kind=kind_value.label_zh)
    if not number or not number.strip():
        raise CertificateError("certificates.number_required")
    identity = parse_identity_number(id_number)
    with db.writing() as session:
        trainee = find_trainee_by_id_number(session, cipher, identity.value)
        if trainee is None:
            raise CertificateError("certificates.trainee_unknown", id_masked=identity.masked())
        trainee_id, enrolment_id = trainee.id, None
        session.add(Certificate(enrolment_id=enrolment_id, trainee_id=trainee_id, kind=kind_value.value,
                                number=number.strip(), issuer="external", status=CertificateStatus.ISSUED.value,
                                issued_on=issued_on, content={}, issued_by=actor.user_id))
        audit.record(session, actor, "certificate.external_recorded", entity_type="certificate", entity_id=number,
                     details={"kind": kind_value.value, "trainee": trainee.uid})
        return trainee.name


def _certificate(session, number: str) -> Certificate:
    certificate = session.scalar(select(Certificate).where(Certificate.number == number.strip()))
    if certificate is None:
        raise CertificateError("certificates.not_found", number=number)
    return certificate


@dataclass(frozen=True)
class CertificateView:
    number: str
    name: str
    status: CertificateStatus
    issued_on: date
    pdf_sha256: str | None
    void_reason: str | None
    content: dict


def class_certificates(db: Database, class_code: str) -> list[CertificateView]:
    with db.reading() as session:
        c = _class(session, class_code)
        rows = session.scalars(
            select(Certificate).join(Enrolment, Enrolment.id == Certificate.enrolment_id)
            .where(Enrolment.class_id == c.id, Certificate.issuer == "institution").order_by(Certificate.number))
        return [CertificateView(r.number, r.content.get("name", ""), CertificateStatus(r.status), r.issued_on,
                                r.pdf_sha256, r.void_reason, dict(r.content)) for r in rows]


def certificates_pdf(db: Database, class_code: str, *, offset_mm=(0.0, 0.0), include_void: bool = False):
    """The class's issued certificates as one PDF (render result), from their frozen content."""
    items = [v.content for v in class_certificates(db, class_code) if include_void or v.status is CertificateStatus.ISSUED]
    return render_frozen(items, offset_mm=offset_mm)


def certificates_zip(db: Database, class_code: str, *, offset_mm=(0.0, 0.0)) -> bytes:
    """One PDF per trainee in a zip, named <number>_<name>.pdf; each is identical to a reprint."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for view in class_certificates(db, class_code):
            if view.status is not CertificateStatus.ISSUED:
                continue
            safe_name = re.sub(r'[\\/:*?"<>|\s]+', "_", view.name)
            info = zipfile.ZipInfo(f"{view.number}_{safe_name}.pdf", date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, render_frozen([view.content], offset_mm=offset_mm).pdf)
    return buffer.getvalue()


def reprint_certificate(db: Database, number: str) -> tuple[bytes, bool]:
    """(PDF bytes, matches the hash stored at issue) for one certificate."""
    with db.reading() as session:
        certificate = _certificate(session, number)
        content, stored = dict(certificate.content), certificate.pdf_sha256
    pdf = render_frozen([content]).pdf
    return pdf, hashlib.sha256(pdf).hexdigest() == stored


@dataclass(frozen=True)
class VerifyResult:
    valid: bool
    message: messages.Problem
    payload: CertificatePayload | None = None


def keyed_holder(cipher: PersonalDataCipher, number: str, id_number: str) -> str:
    return holder_binding(lambda text: cipher.lookup_hash(text, field=HOLDER_BINDING_FIELD), number, id_number)


def holder_matches(cipher: PersonalDataCipher, text_value: str, id_number: str) -> bool:
    """Whether the certificate's QR names the person with this identity number: a check only the
    issuing institution can make (its data key keys the binding). The signature is checked
    separately (verify_certificate_text)."""
    from desktop_app.domain.identity import IdentityNumberError, parse_identity_number

    payload, _, _ = parse_signed_payload(text_value)
    try:
        canonical = parse_identity_number(id_number).value
    except IdentityNumberError:
        return False
    if payload.version == LEGACY_PAYLOAD_VERSION:
        expected = legacy_holder_digest(payload.number, canonical)
    else:
        expected = keyed_holder(cipher, payload.number, canonical)
    return hmac.compare_digest(expected, payload.holder)


def verify_certificate_text(db: Database, text_value: str) -> VerifyResult:
    """Check a scanned QR offline: format, known key, signature, and — when this database knows
    the certificate — that it is not void and matches the record."""
    try:
        payload, signature, signed = parse_signed_payload(text_value)
    except CertificatePayloadError as error:
        return VerifyResult(False, error.problem)
    with db.reading() as session:
        key = session.get(DeviceKeyRow, payload.key_id)
        if key is None:
            return VerifyResult(False, messages.Problem("verify.unknown_key", {"key": payload.key_id}), payload)
        if not verify_signature(key.public_key_pem, signature, signed):
            return VerifyResult(False, messages.Problem("verify.bad_signature", {"key": payload.key_id}), payload)
        record = session.scalar(select(Certificate).where(Certificate.number == payload.number))
        if record is not None:
            if record.status == CertificateStatus.VOID:
                return VerifyResult(False, messages.Problem("verify.void", {
                    "number": payload.number, "reason": record.void_reason or ""}), payload)
            if record.content.get("qr_payload") != text_value.strip():
                return VerifyResult(False, messages.Problem("verify.mismatch", {"number": payload.number,
                                                                                "field": "二维码内容"}), payload)
        occupation = session.scalar(select(Occupation.name).where(Occupation.code == payload.occupation_code)) \
            or payload.occupation_code
    return VerifyResult(True, messages.Problem("verify.ok", {
        "number": payload.number, "name": payload.name, "occupation": occupation,
        "level": SkillLevel(payload.level).label_zh, "date": payload.issue_date.isoformat(), "key": payload.key_id}),
        payload)


