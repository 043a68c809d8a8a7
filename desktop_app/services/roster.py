"""The roster round trip: template, preview, import (enrol a spreadsheet of trainees), export.

An import reads the whole file, validates every row and decides every enrolment before it
writes anything; then all accepted rows go in one transaction. Rows that cannot be enrolled
come back with reasons (and can be saved as an error workbook to fix and re-import); rows
that can be enrolled but not subsidised are enrolled without subsidy, with the reasons kept.
Re-importing the same file enrols nobody twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.eligibility import Candidate, EligibilityResult, PastTraining, TargetClass, Verdict, assess_enrolment
from desktop_app.domain.identity import IdType
from desktop_app.domain.roster_columns import ROSTER_COLUMNS
from desktop_app.domain.roster_outcome import RosterOutcome
from desktop_app.domain.trainee_input import TraineeInput, TraineeInputError, validate_trainee_fields
from desktop_app.services import audit
from desktop_app.services.policies import policy_of
from desktop_app.store.engine import Database
from desktop_app.store.classes import require_class
from desktop_app.store.models import (
    Enrolment,
    Institution,
    KeyGroup,
    Occupation,
    PolicyVersion,
    Trainee,
    TraineeKeyGroup,
    TrainingClass,
    new_uid,
    utcnow,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import (
    BANK_ACCOUNT,
    ID_NUMBER,
    KEY_GROUP,
    PHONE,
    TraineeRecord,
    identity_lookup_hash,
    insert_trainees,
    mask_phone,
)

if TYPE_CHECKING:
    from desktop_app.documents.roster_workbook import RosterRow, RosterSheet

# openpyxl (through roster_workbook) costs ~0.15 s of start-up; it is imported when a workbook
# is actually read or written.

messages.register(
    {
        "roster.class_not_found": ("找不到编号为“{code}”的班级。", "No class has the code “{code}”."),
        "roster.duplicate_in_file": (
            "第 {row} 行与第 {first_row} 行是同一人（身份证号码相同），同一人只需登记一次。",
            "Row {row} is the same person as row {first_row} (same identity number); list each person once.",
        ),
        "roster.duplicate_in_file_15_18": (
            "第 {row} 行与第 {first_row} 行是同一人：一行是 15 位旧号码，另一行是升级后的 18 位号码。同一人只需登记一次，请保留 18 位号码那一行。",
            "Row {row} is the same person as row {first_row}: one has the old 15-digit number, the other its 18-digit "
            "form. List each person once; keep the 18-digit row.",
        ),
        "roster.name_mismatch": (
            "身份证号码 {id_masked} 已登记为“{known}”，与本行的姓名“{given}”不一致。请核对证件；"
            "如确系改名，请先在学员页面更正姓名。",
            "Identity number {id_masked} is on record as “{known}”, not “{given}”. Check the ID card; if the "
            "name really changed, correct it on the trainee page first.",
        ),
        "roster.cancelled": ("导入已取消，数据库没有任何改动。", "Import cancelled; nothing was changed."),
        "roster.rejected_summary": ("第 {row} 行：{reasons}", "Row {row}: {reasons}"),
    }
)


class RosterImportCancelled(messages.UserFacingError):
    pass


class RosterError(messages.UserFacingError):
    pass


def _class(session: Session, class_code: str) -> TrainingClass:
    return require_class(session, class_code, error=RosterError, message="roster.class_not_found")


@dataclass(frozen=True)
class RowOutcome:
    """What happened (or, in a preview, would happen) to one spreadsheet row."""

    row_number: int
    name: str
    id_masked: str
    status: RosterOutcome | None  # None only while the import is still deciding: a report's rows all have one
    problems: tuple[messages.Problem, ...] = ()
    warnings: tuple[messages.Problem, ...] = ()

    @property
    def rejected(self) -> bool:
        return self.status is RosterOutcome.REJECTED

    def reasons_text(self, language: str | None = None) -> str:
        return "；".join(problem.message(language) for problem in self.problems)


@dataclass
class RosterImportReport:
    class_code: str
    source_name: str
    applied: bool
    sheet: RosterSheet
    outcomes: list[RowOutcome] = field(default_factory=list)
    # Working state between planning and applying; not part of what callers read.
    _planned: list = field(default_factory=list, repr=False)
    _class_id: int = field(default=0, repr=False)
    # The key groups' names, for the error workbook's instructions.
    key_group_names: tuple[str, ...] = ()

    def count(self, status: RosterOutcome | str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def enrolled(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is not None and outcome.status.enrols)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.rejected]

    def write_rejected_rows(self, path: Path, language: str | None = None) -> int:
        """The rejected rows, with the source's columns plus 错误原因, ready to fix and re-import."""
        by_number = {row.row_number: row for row in self.sheet.rows}
        rejected = [(by_number[o.row_number], o.reasons_text(language)) for o in self.rejected]
        from desktop_app.documents.roster_workbook import write_error_workbook

        write_error_workbook(path, self.sheet, rejected, key_group_names=self.key_group_names)
        return len(rejected)


ProgressCallback = Callable[[int, int], None]


def write_template(db: Database, path: Path) -> None:
    """The roster template: ID column as text, drop-downs, instructions sheet."""
    with db.reading() as session:
        key_groups = list(session.scalars(select(KeyGroup.name).order_by(KeyGroup.code)))
    from desktop_app.documents.roster_workbook import write_roster_template

    write_roster_template(Path(path), key_group_names=key_groups)


def preview_roster(db: Database, cipher: PersonalDataCipher, *, class_code: str, source: Path | bytes,
                   today: date | None = None, progress: ProgressCallback | None = None,
                   cancelled: Callable[[], bool] | None = None) -> RosterImportReport:
    """Everything an import would do, row by row, without changing the database."""
    from desktop_app.documents.roster_workbook import read_roster

    sheet = read_roster(source)
    with db.reading() as session:
        return _plan(session, cipher, sheet, class_code=class_code, source=source, today=today or date.today(),
                     progress=progress, cancelled=cancelled)


def import_roster(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str,
                  source: Path | bytes, today: date | None = None, progress: ProgressCallback | None = None,
                  cancelled: Callable[[], bool] | None = None) -> RosterImportReport:
    """Enrol every acceptable row in one transaction; report the rest with reasons."""
    require(actor, Permission.ENROL_TRAINEES)
    from desktop_app.documents.roster_workbook import read_roster

    sheet = read_roster(source)
    with db.writing() as session:
        # Three equal parts for the bar: checking the rows, deciding each enrolment, writing them.
        report = _plan(session, cipher, sheet, class_code=class_code, source=source, today=today or date.today(),
                       progress=progress, cancelled=cancelled, parts=3)
        _apply(session, cipher, actor, report, progress=progress)
        report.applied = True
        return report


@dataclass
class _Planned:
    outcome: RowOutcome
    data: TraineeInput | None = None
    trainee_id: int | None = None
    result: EligibilityResult | None = None


def _progress_stride(total: int) -> int:
    # About a hundred steps whatever the size: a 43-row roster moves the bar row by row, a
    # 50 000-row one does not signal the window 100 000 times.
    return max(1, total // 100)


def _plan(session: Session, cipher: PersonalDataCipher, sheet: RosterSheet, *, class_code: str,
          source: Path | bytes, today: date, progress: ProgressCallback | None,
          cancelled: Callable[[], bool] | None, parts: int = 2) -> RosterImportReport:
    training_class = _class(session, class_code)
    occupation = session.get(Occupation, training_class.occupation_id)
    policy = policy_of(session.get(PolicyVersion, training_class.policy_id))
    lookup = {}
    key_group_names: list[str] = []
    for code, name in session.execute(select(KeyGroup.code, KeyGroup.name).order_by(KeyGroup.code)):
        lookup[code] = code
        lookup[name] = code
        key_group_names.append(name)
    enrolled = session.scalar(
        select(func.count()).select_from(Enrolment)
        .where(Enrolment.class_id == training_class.id, Enrolment.withdrawn_at.is_(None))
    ) or 0
    status = ClassStatus(training_class.status)

    # 1. Validate every row on its own.
    planned: list[_Planned] = []
    first_row_of: dict[str, tuple[int, bool]] = {}
    total = len(sheet.rows)
    stride = _progress_stride(total)
    if progress:
        progress(0, max(total, 1) * parts)
    for index, row in enumerate(sheet.rows, start=1):
        if cancelled and cancelled():
            raise RosterImportCancelled("roster.cancelled")
        planned.append(_validate_row(row, lookup, today, first_row_of))
        if progress and (index % stride == 0 or index == total):
            progress(index, total * parts)

    # 2. Who is already on record (one query per 500 people), and their training history.
    valid = [p for p in planned if p.data is not None]
    hashes = {p.data.identity.value: identity_lookup_hash(cipher, p.data.identity.value) for p in valid}
    known: dict[str, Trainee] = {}
    hash_list = list(set(hashes.values()))
    for start in range(0, len(hash_list), 500):
        for trainee in session.scalars(select(Trainee).where(Trainee.id_hash.in_(hash_list[start:start + 500]))):
            known[trainee.id_hash] = trainee
    history = _histories(session, [t.id for t in known.values()], training_class.id, today)
    in_class = set(session.scalars(select(Enrolment.trainee_id).where(Enrolment.class_id == training_class.id)))

    # 3. Decide each enrolment in file order; capacity fills as rows are accepted.
    target_args = dict(
        code=training_class.code, name=training_class.name, occupation_edition=occupation.edition,
        occupation_code=occupation.code, occupation_name=occupation.name, level=training_class.level,
        start_date=training_class.start_date, end_date=training_class.end_date, capacity=training_class.capacity,
        in_subsidy_catalogue=occupation.in_subsidy_catalogue, accepting_enrolment=status.accepts_enrolment,
        status_label=status.label_zh,
    )
    for index, item in enumerate(planned, start=1):
        if cancelled and index % 200 == 0 and cancelled():
            raise RosterImportCancelled("roster.cancelled")
        # Said before the row is decided: a rejected row moves the bar as much as an enrolled one.
        if progress and (index % stride == 0 or index == total):
            progress(total + index, total * parts)
        if item.data is None:
            continue
        data = item.data
        trainee = known.get(hashes[data.identity.value])
        if trainee is not None and _name_key(trainee.name) != _name_key(data.name):
            item.outcome = _outcome(item, RosterOutcome.REJECTED, (messages.Problem("roster.name_mismatch", {
                "id_masked": data.identity.masked(), "known": trainee.name, "given": data.name}),))
            item.data = None
            continue
        if trainee is not None and trainee.id in in_class:
            item.outcome = _outcome(item, RosterOutcome.ALREADY_ENROLLED)
            item.trainee_id = trainee.id
            continue
        candidate = Candidate(name=data.name, identity=data.identity, pension=data.pension, already_in_class=False)
        target = TargetClass(enrolled=enrolled, **target_args)
        result = assess_enrolment(candidate, target, history.get(trainee.id, []) if trainee else [], policy,
                                  today=today)
        item.result = result
        item.trainee_id = trainee.id if trainee else None
        if result.verdict is Verdict.CANNOT_ENROL:
            item.outcome = _outcome(item, RosterOutcome.REJECTED, result.reasons)
            continue
        enrolled += 1
        outcome = RosterOutcome.ENROLLED if result.verdict is Verdict.ELIGIBLE else RosterOutcome.ENROLLED_WITHOUT_SUBSIDY
        item.outcome = _outcome(item, outcome, (), tuple(result.reasons) + item.outcome.warnings)

    return RosterImportReport(class_code=training_class.code,
                              source_name=source.name if isinstance(source, Path) else "(bytes)",
                              applied=False, sheet=sheet, outcomes=[p.outcome for p in planned],
                              _planned=planned, _class_id=training_class.id,
                              key_group_names=tuple(key_group_names))


def _validate_row(row: RosterRow, lookup: dict[str, str], today: date,
                  first_row_of: dict[str, tuple[int, bool]]) -> _Planned:
    name = (row.values.get("name") or "").strip()
    masked = _mask_raw(row.values.get("id_number"))
    if row.problems:
        return _Planned(RowOutcome(row.row_number, name, masked, RosterOutcome.REJECTED, tuple(row.problems)))
    try:
        data = validate_trainee_fields(row.values, key_group_lookup=lookup, today=today, row=row.row_number)
    except TraineeInputError as error:
        return _Planned(RowOutcome(row.row_number, name, masked, RosterOutcome.REJECTED, tuple(error.problems)))
    canonical = data.identity.value
    if canonical in first_row_of:
        first_row, first_was_15 = first_row_of[canonical]
        mixed = first_was_15 != bool(data.identity.upgraded_from)
        code = "roster.duplicate_in_file_15_18" if mixed else "roster.duplicate_in_file"
        problem = messages.Problem(code, {"row": row.row_number, "first_row": first_row})
        return _Planned(RowOutcome(row.row_number, data.name, data.identity.masked(), RosterOutcome.REJECTED,
                                   (problem,)))
    first_row_of[canonical] = (row.row_number, bool(data.identity.upgraded_from))
    return _Planned(RowOutcome(row.row_number, data.name, data.identity.masked(), None, (), tuple(data.warnings)),
                    data=data)


def _outcome(item: _Planned, status: RosterOutcome, problems=(), warnings=None) -> RowOutcome:
    current = item.outcome
    return RowOutcome(current.row_number, current.name, current.id_masked, status, tuple(problems),
                      tuple(current.warnings if warnings is None else warnings))


def _mask_raw(value: str | None) -> str:
    from desktop_app.domain.identity import mask_identity_number

    return mask_identity_number(value or "")


def _name_key(name: str) -> str:
    return "".join(name.split()).replace("•", "·")


def _histories(session: Session, trainee_ids: list[int], exclude_class_id: int, today: date) -> dict[int, list[PastTraining]]:
    found: dict[int, list[PastTraining]] = {}
    for start in range(0, len(trainee_ids), 500):
        chunk = trainee_ids[start:start + 500]
        rows = session.execute(
            select(Enrolment, TrainingClass, Occupation, Institution.name)
            .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
            .join(Occupation, Occupation.id == TrainingClass.occupation_id)
            .join(Institution, Institution.id == TrainingClass.institution_id)
            .where(Enrolment.trainee_id.in_(chunk), Enrolment.class_id != exclude_class_id)
        )
        for enrolment, c, occupation, institution in rows:
            finished = ClassStatus(c.status) in (ClassStatus.COMPLETED, ClassStatus.SEALED, ClassStatus.UPLOADED)
            found.setdefault(enrolment.trainee_id, []).append(PastTraining(
                class_code=c.code, class_name=c.name, institution_name=institution, occupation_edition=occupation.edition,
                occupation_code=occupation.code, occupation_name=occupation.name, level=c.level, start_date=c.start_date,
                end_date=c.end_date, subsidised=enrolment.subsidy_status in ("eligible", "overridden"),
                active=enrolment.withdrawn_at is None and not finished, own_institution=True,
            ))
    return found


def _record(data: TraineeInput) -> TraineeRecord:
    return TraineeRecord(
        id_number=data.identity.value, id_type=data.identity.id_type.value, id_masked=data.identity.masked(),
        name=data.name, sex=data.sex.value if data.sex else None, birth_date=data.birth_date, ethnicity=data.ethnicity,
        phone=data.phone, household_type=data.household_type, education=data.education,
        employment_status=data.employment_status, pension_status=data.pension, bank_name=data.bank_name,
        bank_account=data.bank_account, key_groups=tuple(data.key_groups),
    )


def _apply(session: Session, cipher: PersonalDataCipher, actor: Actor, report: RosterImportReport,
           progress: ProgressCallback | None = None) -> None:
    planned: list[_Planned] = report._planned
    class_id: int = report._class_id
    total = len(planned)
    to_enrol = [p for p in planned if p.outcome.status is not None and p.outcome.status.enrols]
    new_people = [p for p in to_enrol if p.trainee_id is None]
    known_people = [p for p in to_enrol if p.trainee_id is not None]
    new_ids = insert_trainees(session, cipher, [_record(p.data) for p in new_people])
    for item, trainee_id in zip(new_people, new_ids):
        item.trainee_id = trainee_id
    if progress and total:
        progress(2 * total + total // 2, 3 * total)  # the new people written; the enrolments next
    for item in known_people:
        _refresh_known_trainee(session, cipher, item.trainee_id, item.data)
    next_roll = (session.scalar(select(func.max(Enrolment.roll_no)).where(Enrolment.class_id == class_id)) or 0) + 1
    rows = []
    for offset, item in enumerate(to_enrol):
        reasons = [{"code": p.code, "params": p.params} for p in item.result.reasons]
        rows.append({
            "uid": new_uid(), "class_id": class_id, "trainee_id": item.trainee_id, "roll_no": next_roll + offset,
            "subsidy_status": "eligible" if item.outcome.status is RosterOutcome.ENROLLED else "not_eligible",
            "eligibility_reasons": reasons, "enrolled_at": utcnow(), "enrolled_by": actor.user_id,
        })
    if rows:
        from sqlalchemy import insert

        session.connection().execute(insert(Enrolment.__table__), rows)
    items = [
        audit.AuditItem("enrolment.created", "enrolment", row["uid"], class_id,
                        {"trainee_id": row["trainee_id"], "roll_no": row["roll_no"], "subsidy": row["subsidy_status"],
                         "source": "roster_import"})
        for row in rows
    ]
    items.append(audit.AuditItem("roster.imported", "class", report.class_code, class_id, {
        "file": report.source_name, "rows": len(planned), "enrolled": report.count(RosterOutcome.ENROLLED),
        "without_subsidy": report.count(RosterOutcome.ENROLLED_WITHOUT_SUBSIDY),
        "already_enrolled": report.count(RosterOutcome.ALREADY_ENROLLED),
        "rejected": report.count(RosterOutcome.REJECTED),
        "new_trainees": len(new_people)}))
    audit.record_many(session, actor, items)
    if progress and total:
        progress(3 * total, 3 * total)


def _refresh_known_trainee(session: Session, cipher: PersonalDataCipher, trainee_id: int, data: TraineeInput) -> None:
    """Fill in what the roster says about a person already on record: contact details and
    circumstances change between classes, the identity never does."""
    values = {
        "ethnicity": data.ethnicity, "household_type": data.household_type, "education": data.education,
        "employment_status": data.employment_status, "pension_status": data.pension, "bank_name": data.bank_name,
    }
    changes = {key: value for key, value in values.items() if value not in (None, "")}
    if data.phone:
        changes["phone_enc"] = cipher.encrypt(data.phone, field=PHONE)
        changes["phone_masked"] = mask_phone(data.phone)
    if data.bank_account:
        changes["bank_account_enc"] = cipher.encrypt(data.bank_account, field=BANK_ACCOUNT)
    if changes:
        session.execute(update(Trainee).where(Trainee.id == trainee_id).values(updated_at=utcnow(), **changes))
    if data.key_groups:
        session.query(TraineeKeyGroup).filter(TraineeKeyGroup.trainee_id == trainee_id).delete()
        session.add_all(
            TraineeKeyGroup(trainee_id=trainee_id, group_hash=cipher.lookup_hash(code, field=KEY_GROUP),
                            group_code_enc=cipher.encrypt(code, field=KEY_GROUP))
            for code in sorted(set(data.key_groups))
        )


def export_roster(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str, path: Path) -> int:
    """The class's roster in the template's layout, full numbers included — a deliberate,
    audited export of personal data. Returns the number of trainees written."""
    require(actor, Permission.EXPORT_PERSONAL_DATA)
    from desktop_app.store.trainees import trainee_key_groups

    with db.writing() as session:
        training_class = _class(session, class_code)
        names = dict(session.execute(select(KeyGroup.code, KeyGroup.name)).all())
        id_types = {t.value: t.label_zh for t in IdType}
        rows = []
        for enrolment, trainee in session.execute(
            select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == training_class.id, Enrolment.withdrawn_at.is_(None))
            .order_by(Enrolment.roll_no)
        ):
            groups = trainee_key_groups(session, cipher, trainee.id)
            rows.append({
                "name": trainee.name, "id_type": id_types.get(trainee.id_type, trainee.id_type),
                "id_number": cipher.decrypt(trainee.id_number_enc, field=ID_NUMBER),
                "sex": {"M": "男", "F": "女"}.get(trainee.sex or "", None),
                "birth_date": trainee.birth_date.isoformat() if trainee.birth_date else None,
                "ethnicity": trainee.ethnicity,
                "phone": cipher.decrypt(trainee.phone_enc, field=PHONE) if trainee.phone_enc else None,
                "household_type": trainee.household_type, "education": trainee.education,
                "employment_status": trainee.employment_status,
                "key_groups": "、".join(names.get(code, code) for code in groups) or None,
                "pension": "是" if trainee.pension_status else "否", "bank_name": trainee.bank_name,
                "bank_account": cipher.decrypt(trainee.bank_account_enc, field=BANK_ACCOUNT)
                if trainee.bank_account_enc else None,
            })
        from desktop_app.documents.roster_workbook import write_roster

        write_roster(Path(path), rows, title=f"{training_class.name} 学员花名册")
        audit.record(session, actor, "personal_data.exported", entity_type="class", entity_id=training_class.code,
                     class_id=training_class.id, details={"what": "roster", "trainees": len(rows),
                                                          "file": Path(path).name})
        return len(rows)


__all__ = ["RosterImportReport", "RowOutcome", "RosterImportCancelled", "RosterError", "export_roster",
           "import_roster", "preview_roster", "write_template", "ROSTER_COLUMNS"]
