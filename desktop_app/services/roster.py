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
from dataclasses import replace as dataclass_replace
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
from desktop_app.services.output_files import OutputGuard
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
    birth_date_of,
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
class FieldChange:
    """A field of a person already on record that the roster gives differently: old → new, masked
    where the value is personal (phone, bank account)."""

    key: str  # the roster column's key
    header: str  # the roster column's header, as people know it
    old: str
    new: str

    def text(self) -> str:
        return f"{self.header} {self.old} → {self.new}"


@dataclass(frozen=True)
class RowOutcome:
    """What happened (or, in a preview, would happen) to one spreadsheet row."""

    row_number: int
    name: str
    id_masked: str
    status: RosterOutcome | None  # None only while the import is still deciding: a report's rows all have one
    problems: tuple[messages.Problem, ...] = ()
    warnings: tuple[messages.Problem, ...] = ()
    # Fields of a known person the roster would replace; applied only when the import was told to.
    changes: tuple[FieldChange, ...] = ()

    def changes_text(self) -> str:
        return "；".join(change.text() for change in self.changes)

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
    source_path: Path | None = None  # the file read, which the error workbook must never replace
    changes_applied: bool = False  # whether the known people's changed fields were written
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

    @property
    def changed(self) -> list[RowOutcome]:
        """Rows of people already on record whose fields the roster gives differently."""
        return [outcome for outcome in self.outcomes if outcome.changes]

    def write_rejected_rows(self, path: Path, language: str | None = None, *, guard: OutputGuard = OutputGuard(),
                            replace: bool = False) -> int:
        """The rejected rows, with the source's columns plus 错误原因, ready to fix and re-import;
        never over the roster they came from (nor the database or key folder `guard` knows)."""
        by_number = {row.row_number: row for row in self.sheet.rows}
        rejected = [(by_number[o.row_number], o.reasons_text(language)) for o in self.rejected]
        from desktop_app.documents.roster_workbook import write_error_workbook

        guard.write_with(Path(path), lambda temporary: write_error_workbook(temporary, self.sheet, rejected,
                                                                             key_group_names=self.key_group_names),
                         replace=replace, sources=(self.source_path,) if self.source_path else ())
        return len(rejected)


ProgressCallback = Callable[[int, int], None]


def write_template(db: Database, path: Path, *, guard: OutputGuard = OutputGuard(), replace: bool = False) -> None:
    """The roster template: ID column as text, drop-downs, instructions sheet."""
    guard.check(Path(path), replace=replace)
    with db.reading() as session:
        key_groups = list(session.scalars(select(KeyGroup.name).order_by(KeyGroup.code)))
    from desktop_app.documents.roster_workbook import write_roster_template

    guard.write_with(Path(path), lambda temporary: write_roster_template(temporary, key_group_names=key_groups),
                     replace=replace)


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
                  cancelled: Callable[[], bool] | None = None, accept_changes: bool = False) -> RosterImportReport:
    """Enrol every acceptable row in one transaction; report the rest with reasons. A field of a
    person already on record that the roster gives differently (a new bank account, phone …) is
    reported old → new and written only with `accept_changes`, audited with both values masked;
    an empty field is filled in either way."""
    require(actor, Permission.ENROL_TRAINEES)
    from desktop_app.documents.roster_workbook import read_roster

    sheet = read_roster(source)
    with db.writing() as session:
        # Three equal parts for the bar: checking the rows, deciding each enrolment, writing them.
        report = _plan(session, cipher, sheet, class_code=class_code, source=source, today=today or date.today(),
                       progress=progress, cancelled=cancelled, parts=3)
        _apply(session, cipher, actor, report, accept_changes=accept_changes, progress=progress)
        report.applied = True
        report.changes_applied = accept_changes and bool(report.changed)
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
        changes = _field_changes(cipher, trainee, data) if trainee is not None else ()
        if trainee is not None and trainee.id in in_class:
            item.outcome = dataclass_replace(_outcome(item, RosterOutcome.ALREADY_ENROLLED), changes=changes)
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
        item.outcome = dataclass_replace(_outcome(item, outcome, (), tuple(result.reasons) + item.outcome.warnings),
                                         changes=changes)

    return RosterImportReport(class_code=training_class.code,
                              source_name=source.name if isinstance(source, Path) else "(bytes)",
                              applied=False, sheet=sheet, outcomes=[p.outcome for p in planned],
                              source_path=source if isinstance(source, Path) else None,
                              _planned=planned, _class_id=training_class.id,
                              key_group_names=tuple(key_group_names))


def _validate_row(row: RosterRow, lookup: dict[str, str], today: date,
                  first_row_of: dict[str, tuple[int, bool]]) -> _Planned:
    name = (row.values.get("name") or "").strip()
    masked = _mask_raw(row.values.get("id_number"))
    if row.problems:
        return _Planned(RowOutcome(row.row_number, name, masked, RosterOutcome.REJECTED, tuple(row.problems)))
    try:
        data = validate_trainee_fields(row.values, key_group_lookup=lookup, today=today, row=row.row_number or None)
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


def _apply(session: Session, cipher: PersonalDataCipher, actor: Actor, report: RosterImportReport, *,
           source: str = "roster_import", accept_changes: bool = False,
           progress: ProgressCallback | None = None) -> list[dict]:
    planned: list[_Planned] = report._planned
    class_id: int = report._class_id
    total = len(planned)
    to_enrol = [p for p in planned if p.outcome.status is not None and p.outcome.status.enrols]
    new_people = [p for p in to_enrol if p.trainee_id is None]
    known_people = [p for p in to_enrol if p.trainee_id is not None]
    new_ids = insert_trainees(session, cipher, [_record(p.data) for p in new_people])
    for item, trainee_id in zip(new_people, new_ids):
        item.trainee_id = trainee_id
    changed_items = []
    if progress and total:
        progress(2 * total + total // 2, 3 * total)  # the new people written; the enrolments next
    for item in known_people:
        _refresh_known_trainee(session, cipher, item.trainee_id, item.data,
                               keep={c.key for c in item.outcome.changes} if not accept_changes else set())
    if accept_changes:
        # People already in the class are not enrolled again, but their changes were confirmed too.
        for item in planned:
            if item.outcome.status is RosterOutcome.ALREADY_ENROLLED and item.outcome.changes:
                _refresh_known_trainee(session, cipher, item.trainee_id, item.data, keep=set())
        changed_items = [p for p in planned if p.outcome.changes]
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
                         "source": source})
        for row in rows
    ]
    items.extend(
        audit.AuditItem("trainee.changed_by_roster", "trainee", str(item.trainee_id), class_id, {
            "row": item.outcome.row_number, "file": report.source_name,
            "changes": {c.key: {"old": c.old, "new": c.new} for c in item.outcome.changes}})
        for item in changed_items
    )
    if source != "roster_import":
        audit.record_many(session, actor, items)
        return rows
    items.append(audit.AuditItem("roster.imported", "class", report.class_code, class_id, {
        "file": report.source_name, "rows": len(planned), "enrolled": report.count(RosterOutcome.ENROLLED),
        "without_subsidy": report.count(RosterOutcome.ENROLLED_WITHOUT_SUBSIDY),
        "already_enrolled": report.count(RosterOutcome.ALREADY_ENROLLED),
        "rejected": report.count(RosterOutcome.REJECTED),
        "new_trainees": len(new_people), "people_changed": len(changed_items),
        "changes_not_applied": 0 if accept_changes else len(report.changed)}))
    audit.record_many(session, actor, items)
    if progress and total:
        progress(3 * total, 3 * total)
    return rows


def _refresh_known_trainee(session: Session, cipher: PersonalDataCipher, trainee_id: int, data: TraineeInput,
                           *, keep: set[str]) -> None:
    """Fill in what the roster says about a person already on record: contact details and
    circumstances change between classes, the identity never does. Fields in `keep` (roster
    column keys whose different value was not confirmed) stay as they are."""
    values = {
        "ethnicity": data.ethnicity, "household_type": data.household_type, "education": data.education,
        "employment_status": data.employment_status, "pension": data.pension, "bank_name": data.bank_name,
    }
    changes = {("pension_status" if key == "pension" else key): value for key, value in values.items()
               if value not in (None, "") and key not in keep}
    if data.phone and "phone" not in keep:
        changes["phone_enc"] = cipher.encrypt(data.phone, field=PHONE)
        changes["phone_masked"] = mask_phone(data.phone)
    if data.bank_account and "bank_account" not in keep:
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


def _mask_account(account: str) -> str:
    return account[:4] + "*" * max(len(account) - 8, 0) + account[-4:] if len(account) > 8 else "*" * len(account)


def _field_changes(cipher: PersonalDataCipher, trainee: Trainee, data: TraineeInput) -> tuple[FieldChange, ...]:
    """The fields the roster gives differently from the record (an empty one only filled in is no
    change): old → new, the phone and the bank account masked."""
    from desktop_app.domain.roster_columns import COLUMNS_BY_KEY

    found: list[FieldChange] = []

    def compare(key: str, old: object, new: object, shown=lambda value: str(value)) -> None:
        if new in (None, "") or old in (None, "") or old == new:
            return
        found.append(FieldChange(key, COLUMNS_BY_KEY[key].header, shown(old), shown(new)))

    if data.phone and trainee.phone_enc:
        compare("phone", cipher.decrypt(trainee.phone_enc, field=PHONE), data.phone, mask_phone)
    if data.bank_account and trainee.bank_account_enc:
        compare("bank_account", cipher.decrypt(trainee.bank_account_enc, field=BANK_ACCOUNT), data.bank_account,
                _mask_account)
    compare("bank_name", trainee.bank_name, data.bank_name)
    compare("ethnicity", trainee.ethnicity, data.ethnicity)
    compare("household_type", trainee.household_type, data.household_type)
    compare("education", trainee.education, data.education)
    compare("employment_status", trainee.employment_status, data.employment_status)
    return tuple(found)


def export_roster(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str, path: Path,
                  guard: OutputGuard = OutputGuard(), replace: bool = False) -> int:
    """The class's roster in the template's layout, full numbers included — a deliberate,
    audited export of personal data. Returns the number of trainees written."""
    require(actor, Permission.EXPORT_PERSONAL_DATA)
    guard.check(Path(path), replace=replace)
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
                "birth_date": born.isoformat() if (born := birth_date_of(cipher, trainee.birth_date_enc)) else None,
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

        guard.write_with(Path(path), lambda temporary: write_roster(temporary, rows, title=f"{training_class.name} 学员花名册"),
                         replace=replace)
        audit.record(session, actor, "personal_data.exported", entity_type="class", entity_id=training_class.code,
                     class_id=training_class.id, details={"what": "roster", "trainees": len(rows),
                                                          "file": Path(path).name})
        return len(rows)


# --- one trainee at a time: enrol from a form, withdraw (退学) -----------------------------------

messages.register(
    {
        "roster.enrol_refused": (
            "{name}（{id_masked}）不能报名班级 {code}：",
            "{name} ({id_masked}) cannot be enrolled in class {code}:",
        ),
        "roster.already_in_class": (
            "{name}（{id_masked}）已在班级 {code} 的花名册上（学号 {roll_no}），不必再添加。",
            "{name} ({id_masked}) is already on the roster of class {code} (roll number {roll_no}).",
        ),
        "roster.was_withdrawn": (
            "{name}（{id_masked}）曾在班级 {code} 报名，已于 {date} 退学。退学记录保留，不能再次加入同一班级。",
            "{name} ({id_masked}) was enrolled in class {code} and withdrew on {date}. The withdrawal is kept; "
            "the same person cannot rejoin the class.",
        ),
        "roster.withdraw_reason_required": (
            "请填写退学原因（例如：外出务工、身体原因），它会写入审计日志和学员档案。",
            "Give the reason for the withdrawal (e.g. found work, illness); it goes to the audit log and the "
            "trainee's record.",
        ),
        "roster.trainee_not_in_class": (
            "班级 {code} 的花名册上没有“{trainee}”。请填写学号（花名册第一列）或完整的身份证号码。",
            "Class {code} has no trainee “{trainee}” on its roster. Give the roll number (the roster's first "
            "column) or the full identity number.",
        ),
        "roster.already_withdrawn": ("{name} 已于 {date} 从班级 {code} 退学。",
                                     "{name} already withdrew from class {code} on {date}."),
        "roster.withdraw_date_after_end": (
            "退学日期 {date} 晚于班级 {code} 的结束日期 {end}。请填写学员实际离开的日期。",
            "The withdrawal date {date} is after the end of class {code} ({end}). Give the day the trainee left.",
        ),
        "roster.withdraw_date_future": (
            "退学日期 {date} 还没有到（今天是 {today}）。请在学员实际离开后登记退学。",
            "The withdrawal date {date} has not come yet (today is {today}). Record the withdrawal once the "
            "trainee has left.",
        ),
        "roster.withdraw_has_certificate": (
            "{name} 在本班已发证书 {number}。请先在证书页面作废该证书，再登记退学。",
            "{name} holds certificate {number} from this class. Void it on the certificates page first, then "
            "record the withdrawal.",
        ),
        "roster.withdraw_attended_after": (
            "{name} 在 {attended} 还有出勤记录，晚于填写的退学日期 {date}。请核对退学日期：不能早于学员最后一次上课的日期。",
            "{name} attended on {attended}, after the withdrawal date {date}. Check the date: it cannot be before "
            "the trainee's last attended session.",
        ),
        "roster.class_frozen": (
            "班级 {code} 的状态是“{status:zh}”，花名册不能再改。如需更正，请在上传页面提交更正批次。",
            "Class {code} is “{status:en}”; its roster can no longer change. Corrections go through a correction batch.",
        ),
    }
)


class EnrolmentRefused(messages.UserFacingError):
    """One trainee the import's rules would have rejected, with every reason (each a Problem)."""

    def __init__(self, problems: tuple[messages.Problem, ...], *, name: str, id_masked: str, code: str) -> None:
        super().__init__("roster.enrol_refused", name=name or "—", id_masked=id_masked, code=code)
        self.problems = tuple(problems)

    def message(self, language: str | None = None) -> str:
        lines = [super().message(language)]
        lines.extend(f"{number}. {problem.message(language)}" for number, problem in enumerate(self.problems, 1))
        return "\n".join(lines)


@dataclass(frozen=True)
class EnrolledTrainee:
    """The outcome of enrolling one trainee from a form."""

    trainee_id: int
    enrolment_id: int
    roll_no: int
    name: str
    id_masked: str
    status: RosterOutcome  # ENROLLED or ENROLLED_WITHOUT_SUBSIDY
    new_person: bool
    warnings: tuple[messages.Problem, ...]


def enrol_one_trainee(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str,
                      fields: dict[str, str | None], today: date | None = None) -> EnrolledTrainee:
    """Enrol one trainee typed into a form: `fields` are the roster's column keys (name,
    id_number, phone, key_groups …) with the text a person would have typed into a roster cell.
    The row goes through exactly the import's checks and eligibility decision (a roster of one),
    so a form and a workbook accept and refuse alike, with the same words."""
    require(actor, Permission.ENROL_TRAINEES)
    from desktop_app.documents.xlsx_reader import Table, TableRow

    values = {key: (str(value).strip() or None) if value is not None else None for key, value in fields.items()}
    sheet = Table(sheet_name=None, header_row=0, columns={}, headers=[], ignored_headers=[],
                  rows=[TableRow(row_number=0, values=values, raw=[])])
    with db.writing() as session:
        report = _plan(session, cipher, sheet, class_code=class_code, source=b"", today=today or date.today(),
                       progress=None, cancelled=None)
        item: _Planned = report._planned[0]
        outcome = item.outcome
        if outcome.status is RosterOutcome.REJECTED:
            if item.data is None and not any(p.code.startswith(("eligibility.", "roster.")) for p in outcome.problems):
                raise TraineeInputError(outcome.problems)
            raise EnrolmentRefused(outcome.problems, name=outcome.name, id_masked=outcome.id_masked,
                                   code=report.class_code)
        if outcome.status is RosterOutcome.ALREADY_ENROLLED:
            enrolment = session.scalar(select(Enrolment).where(Enrolment.class_id == report._class_id,
                                                               Enrolment.trainee_id == item.trainee_id))
            if enrolment.withdrawn_at is not None:
                raise RosterError("roster.was_withdrawn", name=outcome.name, id_masked=outcome.id_masked,
                                  code=report.class_code, date=_withdrawal_day(enrolment))
            raise RosterError("roster.already_in_class", name=outcome.name, id_masked=outcome.id_masked,
                              code=report.class_code, roll_no=enrolment.roll_no)
        new_person = item.trainee_id is None
        rows = _apply(session, cipher, actor, report, source="form")
        row = rows[0]
        enrolment_id = session.scalar(select(Enrolment.id).where(Enrolment.uid == row["uid"]))
        return EnrolledTrainee(trainee_id=row["trainee_id"], enrolment_id=enrolment_id, roll_no=row["roll_no"],
                               name=outcome.name, id_masked=outcome.id_masked, status=outcome.status,
                               new_person=new_person, warnings=tuple(outcome.warnings))


def _withdrawal_day(enrolment: Enrolment) -> date:
    if enrolment.withdrawn_on is not None:
        return enrolment.withdrawn_on
    from desktop_app.domain.china_time import china_moment

    return china_moment(enrolment.withdrawn_at).date()


@dataclass(frozen=True)
class Withdrawal:
    enrolment_id: int
    roll_no: int
    name: str
    id_masked: str
    class_code: str
    withdrawn_on: date
    reason: str


def find_enrolment(session: Session, cipher: PersonalDataCipher, c: TrainingClass, trainee: str) -> Enrolment | None:
    """An enrolment of class `c` by roll number (学号) or the full identity number."""
    text = "".join((trainee or "").split())
    if text.isdigit() and len(text) <= 6:
        return session.scalar(select(Enrolment).where(Enrolment.class_id == c.id, Enrolment.roll_no == int(text)))
    from desktop_app.domain.identity import IdentityNumberError, parse_identity_number

    try:
        canonical = parse_identity_number(text).value
    except IdentityNumberError:
        return None
    return session.scalar(
        select(Enrolment).join(Trainee, Trainee.id == Enrolment.trainee_id)
        .where(Enrolment.class_id == c.id, Trainee.id_hash == identity_lookup_hash(cipher, canonical)))


def _last_attended(session: Session, enrolment_id: int) -> date | None:
    """The China-time day of the trainee's last session marked attended (present, late, left early)."""
    from desktop_app.domain.china_time import china_moment
    from desktop_app.store.models import AttendanceMark, ClassSession

    last = session.scalar(
        select(func.max(ClassSession.starts_at)).join(AttendanceMark, AttendanceMark.session_id == ClassSession.id)
        .where(AttendanceMark.enrolment_id == enrolment_id,
               AttendanceMark.status.in_(("present", "late", "early_leave"))))
    if last is None:
        return None
    if last.tzinfo is None:  # SQLite hands max() back as text-made naive UTC
        from datetime import timezone

        last = last.replace(tzinfo=timezone.utc)
    return china_moment(last).date()


def withdraw_trainee(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str, trainee: str | int,
                     on: date, reason: str, today: date | None = None) -> Withdrawal:
    """退学: the trainee leaves the class on `on`. From then on they are no longer on the class's
    attendance grid, results or certificates (nor claimed for a subsidy); the enrolment, its
    marks before that day and the reason stay in the trainee's history and in reports.
    `trainee` is a roll number or a full identity number (or an enrolment id as an int)."""
    require(actor, Permission.ENROL_TRAINEES)
    why = (reason or "").strip()
    if not why:
        raise RosterError("roster.withdraw_reason_required")
    today = today or date.today()
    from desktop_app.store.models import Certificate

    with db.writing() as session:
        c = _class(session, class_code)
        status = ClassStatus(c.status)
        if status.is_read_only:
            raise RosterError("roster.class_frozen", code=c.code, status=status.words)
        if isinstance(trainee, int):
            enrolment = session.get(Enrolment, trainee)
            enrolment = enrolment if enrolment is not None and enrolment.class_id == c.id else None
        else:
            enrolment = find_enrolment(session, cipher, c, trainee)
        if enrolment is None:
            raise RosterError("roster.trainee_not_in_class", code=c.code, trainee=_mask_raw(str(trainee))
                              if len(str(trainee)) > 6 else trainee)
        person = session.get(Trainee, enrolment.trainee_id)
        if enrolment.withdrawn_at is not None:
            raise RosterError("roster.already_withdrawn", name=person.name, code=c.code,
                              date=_withdrawal_day(enrolment))
        if on > c.end_date:
            raise RosterError("roster.withdraw_date_after_end", date=on, code=c.code, end=c.end_date)
        if on > today:
            raise RosterError("roster.withdraw_date_future", date=on, today=today)
        certificate = session.scalar(select(Certificate.number).where(Certificate.enrolment_id == enrolment.id,
                                                                      Certificate.status == "issued").limit(1))
        if certificate is not None:
            raise RosterError("roster.withdraw_has_certificate", name=person.name, number=certificate)
        attended = _last_attended(session, enrolment.id)
        if attended is not None and attended > on:
            raise RosterError("roster.withdraw_attended_after", name=person.name, attended=attended, date=on)
        enrolment.withdrawn_at = utcnow()
        enrolment.withdrawn_on = on
        enrolment.withdrawal_reason = why
        enrolment.withdrawn_by = actor.user_id
        audit.record(session, actor, "enrolment.withdrawn", entity_type="enrolment", entity_id=enrolment.uid,
                     class_id=c.id, details={"roll_no": enrolment.roll_no, "trainee_id": person.id,
                                             "date": on.isoformat(), "reason": why})
        return Withdrawal(enrolment_id=enrolment.id, roll_no=enrolment.roll_no, name=person.name,
                          id_masked=person.id_masked, class_code=c.code, withdrawn_on=on, reason=why)


__all__ = ["FieldChange", "RosterImportReport", "RowOutcome", "RosterImportCancelled", "RosterError", "export_roster",
           "import_roster", "preview_roster", "write_template", "ROSTER_COLUMNS", "EnrolmentRefused",
           "EnrolledTrainee", "Withdrawal", "enrol_one_trainee", "withdraw_trainee"]
