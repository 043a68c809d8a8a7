"""Sealing a finished class: freeze it and write its signed batch into the outbox, in one
transaction (PROTOCOL §5, §10). Refused, with every reason at once, while anything blocks it."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import __version__, messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.assessment import AssessmentResult
from desktop_app.domain.batches import BatchState, transition
from desktop_app.domain.certificates import CertificateStatus
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.identity import is_valid_identity_number
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.schedule import SessionStatus
from desktop_app.platform.device_keys import DeviceKey
from desktop_app.platform.protocol import BATCH_SCHEMA, canonical_bytes, content_hash
from desktop_app.services import audit
from desktop_app.services.attendance import summary_rows
from desktop_app.store.engine import Database
from desktop_app.store.classes import require_class
from desktop_app.store.models import (
    AppMeta,
    Assessment,
    Certificate,
    ClassSession,
    Enrolment,
    Institution,
    Occupation,
    OutboxBatch,
    OutboxBatchContent,
    PolicyVersion,
    Trainee,
    TraineeKeyGroup,
    TrainingClass,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.reference import current_versions
from desktop_app.store.trainees import ID_NUMBER, KEY_GROUP, PHONE, birth_date_of

META_DEVICE_ID = "platform.device_id"
# The stored batch holds identity numbers and phones: it is kept encrypted with the data key,
# bound to this column; the bytes that were hashed and signed come back exactly on decryption.
BATCH_FIELD = "outbox_batch.canonical_bytes"  # the binding predates OutboxBatchContent; stored data keeps it
# Datasets whose versions every batch records (PROTOCOL §5, §8).
RECORDED_DATASETS = ("occupations", "subsidy_rates", "shortage_list", "policies")

messages.register(
    {
        "seal.refused": (
            "班级 {code} 还不能封存，共有 {count} 个问题：\n{reasons}\n请逐项处理后再封存。",
            "Class {code} cannot be sealed yet; {count} problem(s):\n{reasons}\nDeal with each, then seal again.",
        ),
        "seal.not_found": ("找不到班级 {code}。请检查班级编号。", "There is no class {code}. Check the class code."),
        "seal.wrong_status": (
            "班级 {code} 当前是“{status:zh}”状态，只有“已结业”的班级才能封存上报；被省平台退回的班级请用“封存更正批次”。",
            "Class {code} is “{status:en}”; only a completed class can be sealed (a class returned by the "
            "platform is sealed again as a correction).",
        ),
        "seal.correction_needs_return": (
            "班级 {code} 当前是“{status:zh}”状态，不需要更正：只有被省平台退回的班级才能封存更正批次。",
            "Class {code} is “{status:en}”; only a class returned by the platform can be sealed as a correction.",
        ),
        "seal.correction_reason": (
            "请填写更正原因（例如“按平台意见更正学员姓名”），它会随更正批次一起上报。",
            "Give the reason for the correction (for example “corrected a trainee's name as the platform asked”); "
            "it is sent with the correction.",
        ),
        "seal.no_trainees": ("班级没有在册学员，没有可上报的内容。", "The class has no enrolled trainees: there is nothing to report."),
        "seal.unmarked": (
            "第 {roll_no} 号 {name}：还有 {count} 次课没有记考勤。请在“考勤”页补记。",
            "No. {roll_no} {name}: {count} session(s) have no attendance mark. Mark them on the Attendance page.",
        ),
        "seal.no_result": (
            "第 {roll_no} 号 {name}：没有考核结果（合格/不合格）。请在“证书”页录入成绩。",
            "No. {roll_no} {name}: no assessment result (pass/fail). Record it on the Certificates page.",
        ),
        "seal.certificate_missing": (
            "第 {roll_no} 号 {name}：已结业且考核合格，但还没有发证。请在“证书”页发证。",
            "No. {roll_no} {name}: completed and passed but has no certificate. Issue it on the Certificates page.",
        ),
        "seal.identity_invalid": (
            "第 {roll_no} 号 {name}：身份证件号码 {masked} 无效。请核对证件后更正。",
            "No. {roll_no} {name}: the identity number {masked} is not valid. Check the document and correct it.",
        ),
        "seal.name_missing": (
            "第 {roll_no} 号学员没有姓名。请补全姓名。",
            "Trainee no. {roll_no} has no name. Fill it in.",
        ),
    }
)


class SealRefused(messages.UserFacingError):
    def __init__(self, code: str, /, problems: tuple[messages.Problem, ...] = (), **params: object) -> None:
        if problems:
            params = dict(params, count=len(problems),
                          reasons=_ReasonList(problems))
        super().__init__(code, **params)
        self.problems = problems


class _ReasonList:
    """Renders its problems in whatever language the message is rendered in."""

    def __init__(self, problems: tuple[messages.Problem, ...]) -> None:
        self.problems = problems

    def __format__(self, spec: str) -> str:
        return "\n".join(f"· {p.message()}" for p in self.problems)

    def __str__(self) -> str:
        return format(self, "")


@dataclass(frozen=True)
class SealedBatch:
    batch_id: str
    kind: str
    class_code: str
    content_hash: str
    size_bytes: int
    supersedes: str | None


def utc_text(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _meta(session: Session, key: str) -> str | None:
    row = session.get(AppMeta, key)
    return row.value if row else None


def reference_versions(session: Session) -> dict[str, str]:
    current = current_versions(session)
    return {name: current[name] for name in RECORDED_DATASETS if name in current}


def _roster_rows(session: Session, c: TrainingClass) -> list:
    """The enrolled trainees as plain rows (a cohort of 1 000 as ORM objects costs a third of a second)."""
    return session.execute(
        select(Enrolment.id.label("enrolment_id"), Enrolment.uid.label("enrolment_uid"), Enrolment.roll_no,
               Enrolment.subsidy_status, Enrolment.withdrawn_at, Trainee.id.label("trainee_id"),
               Trainee.uid.label("trainee_uid"), Trainee.id_type, Trainee.id_number_enc, Trainee.id_masked,
               Trainee.name, Trainee.sex, Trainee.birth_date_enc, Trainee.phone_enc, Trainee.education,
               Trainee.household_type, Trainee.employment_status)
        .join(Trainee, Trainee.id == Enrolment.trainee_id)
        .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)).order_by(Enrolment.roll_no)).all()


def _blocking_problems(session: Session, c: TrainingClass, roster: list,
                       id_numbers: dict[int, str]) -> tuple[list[messages.Problem], dict]:
    problems: list[messages.Problem] = []
    if not roster:
        return [messages.Problem("seal.no_trainees")], {}
    summary = {row.enrolment_id: row for row in summary_rows(session, c)}
    results = dict(session.execute(
        select(Assessment.enrolment_id, Assessment.result).join(Enrolment, Enrolment.id == Assessment.enrolment_id)
        .where(Enrolment.class_id == c.id)).all())
    issued = {e for e, in session.execute(
        select(Certificate.enrolment_id).join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .where(Enrolment.class_id == c.id, Certificate.status == CertificateStatus.ISSUED))}
    for person in roster:
        who = {"roll_no": person.roll_no, "name": person.name}
        if not person.name.strip():
            problems.append(messages.Problem("seal.name_missing", {"roll_no": person.roll_no}))
        if person.id_type == "resident" and not is_valid_identity_number(id_numbers[person.enrolment_id]):
            problems.append(messages.Problem("seal.identity_invalid", {"masked": person.id_masked, **who}))
        row = summary.get(person.enrolment_id)
        if row is not None and row.attendance.unmarked_sessions:
            problems.append(messages.Problem("seal.unmarked", {"count": row.attendance.unmarked_sessions, **who}))
        result = results.get(person.enrolment_id)
        if result is None:
            problems.append(messages.Problem("seal.no_result", who))
        elif (row is not None and row.attendance.eligible and result == AssessmentResult.PASS
              and person.enrolment_id not in issued):
            problems.append(messages.Problem("seal.certificate_missing", who))
    return problems, summary


def _payload(session: Session, c: TrainingClass, cipher: PersonalDataCipher, roster: list,
             id_numbers: dict[int, str], summary: dict) -> dict:
    occupation = session.get(Occupation, c.occupation_id)
    policy = session.get(PolicyVersion, c.policy_id)
    session_count = len(session.scalars(select(ClassSession.id).where(
        ClassSession.class_id == c.id, ClassSession.status != SessionStatus.CANCELLED)).all())
    groups: dict[int, list[str]] = {}
    for trainee_id, blob in session.execute(
            select(TraineeKeyGroup.trainee_id, TraineeKeyGroup.group_code_enc)
            .join(Enrolment, Enrolment.trainee_id == TraineeKeyGroup.trainee_id)
            .where(Enrolment.class_id == c.id)):
        groups.setdefault(trainee_id, []).append(cipher.decrypt(blob, field=KEY_GROUP))
    uid_of = {person.enrolment_id: person.enrolment_uid for person in roster}
    trainees, attendance = [], []
    for person in roster:
        trainees.append({
            "record_id": person.enrolment_uid, "trainee_id": person.trainee_uid, "roll_no": person.roll_no,
            "id_type": person.id_type, "id_number": id_numbers[person.enrolment_id],
            "name": person.name, "sex": person.sex,
            "birth_date": born.isoformat() if (born := birth_date_of(cipher, person.birth_date_enc)) else None,
            "phone": cipher.decrypt(person.phone_enc, field=PHONE) if person.phone_enc else None,
            "education": person.education, "household_type": person.household_type,
            "employment_status": person.employment_status,
            "key_groups": sorted(set(groups.get(person.trainee_id, []))),
            "subsidy_claimed": person.subsidy_status in ("eligible", "overridden"),
            "withdrawn": person.withdrawn_at is not None,
        })
        row = summary.get(person.enrolment_id)
        if row is not None:
            a = row.attendance
            attendance.append({
                "record_id": person.enrolment_uid, "required_minutes": a.planned_minutes,
                "attended_minutes": a.attended_minutes, "online_minutes_credited": a.online_credited_minutes,
                "rate_permille": int(a.rate_percent * 10), "completed": bool(a.eligible),
            })
    assessments = [
        {"record_id": uid, "enrolment_id": enrolment_uid, "theory_score": theory,
         "practical_score": practical, "result": result, "retake": bool(retake),
         "assessed_on": assessed_on.isoformat() if assessed_on else None}
        for uid, enrolment_uid, theory, practical, result, retake, assessed_on in _roster_records(
            session, c, uid_of, Assessment, (Assessment.theory_score, Assessment.practical_score, Assessment.result,
                                             Assessment.retake, Assessment.assessed_on),
            order_by=Assessment.enrolment_id)
    ]
    certificates = [
        {"record_id": uid, "enrolment_id": enrolment_uid, "number": number, "kind": kind,
         "issued_on": issued_on.isoformat(), "status": status, "content_hash": pdf_sha256}
        for uid, enrolment_uid, number, kind, issued_on, status, pdf_sha256 in _roster_records(
            session, c, uid_of, Certificate, (Certificate.number, Certificate.kind, Certificate.issued_on,
                                              Certificate.status, Certificate.pdf_sha256),
            order_by=Certificate.number)
    ]
    return {
        "class": {
            "record_id": c.uid, "code": c.code, "name": c.name, "occupation_code": occupation.code,
            "occupation_edition": occupation.edition, "level": c.level, "training_type": c.training_type_code,
            "project_based": bool(c.project_based), "start_date": c.start_date.isoformat(),
            "end_date": c.end_date.isoformat(),
            "planned_minutes": {"theory": c.planned_theory_minutes, "practice": c.planned_practice_minutes,
                                "online": c.planned_online_minutes},
            "capacity": c.capacity, "location": c.location, "sessions": session_count,
            "policy": policy.code if policy else None,
        },
        "trainees": trainees, "attendance": attendance, "assessments": assessments, "certificates": certificates,
    }


def _roster_records(session: Session, c: TrainingClass, uid_of: dict[int, str], model, columns: tuple, *,
                    order_by) -> list[tuple]:
    """(uid, enrolment uid, *columns) of the `model` rows (assessments, certificates) of the class's
    enrolments on the roster being sealed; a row of an enrolment not on it is left out."""
    rows = session.execute(select(model.uid, model.enrolment_id, *columns)
                           .join(Enrolment, Enrolment.id == model.enrolment_id).where(Enrolment.class_id == c.id)
                           .order_by(order_by))
    return [(uid, uid_of[enrolment_id], *rest) for uid, enrolment_id, *rest in rows if enrolment_id in uid_of]


def seal_class(db: Database, cipher: PersonalDataCipher, key: DeviceKey, *, actor: Actor, class_code: str,
               correction_reason: str | None = None, now: datetime | None = None) -> SealedBatch:
    """Freeze a completed class (or, with `correction_reason`, a class the platform returned)
    and put its signed batch into the outbox, both in one transaction."""
    require(actor, Permission.SEAL_BATCHES)
    now = now or datetime.now(timezone.utc)
    correcting = correction_reason is not None
    if correcting and not correction_reason.strip():
        raise SealRefused("seal.correction_reason")
    with db.writing() as session:
        c = require_class(session, class_code, error=SealRefused, message="seal.not_found")
        status = ClassStatus(c.status)
        wanted = ClassStatus.RETURNED if correcting else ClassStatus.COMPLETED
        if status is not wanted:
            raise SealRefused("seal.correction_needs_return" if correcting else "seal.wrong_status", code=c.code,
                              status=status.words)
        roster = _roster_rows(session, c)
        id_numbers = {p.enrolment_id: cipher.decrypt(p.id_number_enc, field=ID_NUMBER) for p in roster}
        problems, summary = _blocking_problems(session, c, roster, id_numbers)
        if problems:
            raise SealRefused("seal.refused", problems=tuple(problems), code=c.code)
        supersedes = None
        if correcting:
            supersedes = session.scalar(
                select(OutboxBatch.batch_id)
                .where(OutboxBatch.class_id == c.id, OutboxBatch.state == BatchState.REJECTED)
                .order_by(OutboxBatch.id.desc()).limit(1))
        institution = session.scalar(select(Institution).order_by(Institution.id).limit(1))
        versions = reference_versions(session)
        batch_id = str(uuid.uuid4())
        document = {
            "schema": BATCH_SCHEMA, "kind": "correction" if correcting else "cohort_completion",
            "batch_id": batch_id, "created_at": utc_text(now), "client": __version__,
            "institution": {"code": institution.code, "name": institution.name},
            "device": {"device_id": _meta(session, META_DEVICE_ID), "key_id": key.key_id},
            "reference_versions": versions, "supersedes": supersedes,
            "payload": _payload(session, c, cipher, roster, id_numbers, summary),
            # The audit chain's head when sealed: signed with the batch, and the platform's signed
            # receipt covers it, so a chain cut or rebuilt afterwards no longer matches it.
            "audit_anchor": audit.head(session),
        }
        if correcting:
            document["correction_reason"] = correction_reason.strip()
        batch, data = _store_batch(session, cipher, key, document, class_id=c.id, now=now)
        c.status = ClassStatus.SEALED.value
        audit.record(session, actor, "batch.sealed", entity_type="outbox_batch", entity_id=batch_id, class_id=c.id,
                     details={"kind": document["kind"], "content_hash": batch.content_hash, "trainees": len(roster),
                              "supersedes": supersedes, "reason": correction_reason})
        return SealedBatch(batch_id=batch_id, kind=document["kind"], class_code=c.code,
                           content_hash=batch.content_hash, size_bytes=len(data), supersedes=supersedes)


def _store_batch(session: Session, cipher: PersonalDataCipher, key: DeviceKey, document: dict, *,
                 class_id: int | None, now: datetime) -> tuple[OutboxBatch, bytes]:
    """Serialise `document` once, sign it, and put it in the outbox (bytes encrypted at rest)."""
    data = canonical_bytes(document)
    batch = OutboxBatch(
        batch_id=document["batch_id"], kind=document["kind"], class_id=class_id, state=BatchState.SEALED.value,
        size_bytes=len(data), content_hash=content_hash(data), signature=key.sign(data), key_id=key.key_id,
        supersedes_batch_id=document["supersedes"], reference_versions=document["reference_versions"], attempts=0,
        created_at=now)
    session.add(batch)
    session.flush()
    session.add(OutboxBatchContent(outbox_batch_id=batch.id,
                                   canonical_bytes=cipher.encrypt(data.decode("utf-8"), field=BATCH_FIELD)))
    return batch, data


def reissue_batch(session: Session, cipher: PersonalDataCipher, key: DeviceKey, batch: OutboxBatch, *,
                  device_id: str | None, now: datetime) -> OutboxBatch:
    """`batch`, which the platform refused unread (its key was revoked), as a new batch signed by
    `key` for `device_id`: the same content under a new batch id; the old one is superseded by it
    here (the platform never stored it)."""
    document = json.loads(batch_bytes(session, cipher, batch))
    document.update(batch_id=str(uuid.uuid4()), created_at=utc_text(now),
                    device={"device_id": device_id, "key_id": key.key_id})
    new, _ = _store_batch(session, cipher, key, document, class_id=batch.class_id, now=now)
    batch.state = transition(batch.state, BatchState.SUPERSEDED).value
    batch.superseded_by = new.batch_id
    batch.last_error_code = None  # its "key revoked, uploads paused" is over; the audit log keeps why
    return new


def batch_bytes(session: Session, cipher: PersonalDataCipher, batch: OutboxBatch) -> bytes:
    """The exact canonical bytes that were signed, from their encrypted form in the outbox."""
    return decrypt_batch(cipher, session.scalar(select(OutboxBatchContent.canonical_bytes)
                                                .where(OutboxBatchContent.outbox_batch_id == batch.id)))


def decrypt_batch(cipher: PersonalDataCipher, stored: bytes) -> bytes:
    return cipher.decrypt(stored, field=BATCH_FIELD).encode("utf-8")
