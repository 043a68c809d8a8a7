"""Assessment results (理论/实操成绩, 合格/不合格, 补考): entered in a grid or imported, and the
results template with the roster filled in. Whatever the way in, the result follows the one
domain rule (domain.assessment.decide_result) with the pass marks of the class's policy; a result
against the scores is kept only with a written reason, and that override is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.assessment import AssessmentResult, AssessmentValueError, PassMarks, decide_result
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.identity import IdentityNumberError, parse_identity_number
from desktop_app.services import audit
from desktop_app.services.policies import policy_of
from desktop_app.store.engine import Database
from desktop_app.store.classes import require_class
from desktop_app.store.models import Assessment, Enrolment, PolicyVersion, Trainee, TrainingClass, utcnow
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import identity_lookup_hash

messages.register(
    {
        "assessment.class_not_found": ("找不到编号为“{code}”的班级。", "No class has the code “{code}”."),
        "assessment.read_only": ("班级 {code} 的状态是“{status:zh}”，考核成绩不能再修改。",
                                 "Class {code} is “{status:en}”; results can no longer change."),
        "assessment.not_in_class": ("第 {row} 行：{person} 不是本班学员。", "Row {row}: {person} is not on this class's roster."),
        "assessment.score_range": ("{field}须在 0 到 100 分之间（现为 {value}）。", "{field} must be between 0 and 100 (it is {value})."),
        "assessment.row_problem": ("第 {row} 行：{message}", "Row {row}: {message}"),
        "assessment.name_mismatch": ("第 {row} 行：身份证号码属于“{known}”，与表中姓名“{given}”不一致。",
                                     "Row {row}: the identity number belongs to “{known}”, not “{given}”."),
        "assessment.rows_disagree": (
            "第 {row} 行：{name}（{person}）在第 {others} 行还有一条不同的成绩，无法判断哪条正确，这几行都没有导入。"
            "请删去错误的一行后再导入。",
            "Row {row}: {name} ({person}) has a different result on row {others}; which is right cannot be told, so "
            "none of these rows was imported. Delete the wrong row and import again.",
        ),
    }
)


class AssessmentError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class AssessmentRowView:
    enrolment_id: int
    roll_no: int
    name: str
    id_masked: str
    theory_score: int | None  # tenths of a point
    practical_score: int | None
    result: AssessmentResult | None
    retake: bool
    override_reason: str | None = None  # set when the result goes against the scores


def class_assessments(db: Database, class_code: str) -> list[AssessmentRowView]:
    with db.reading() as session:
        c = _class(session, class_code)
        rows = session.execute(
            select(Enrolment, Trainee, Assessment).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .outerjoin(Assessment, Assessment.enrolment_id == Enrolment.id)
            .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)).order_by(Enrolment.roll_no)
        )
        return [AssessmentRowView(e.id, e.roll_no, t.name, t.id_masked, a.theory_score if a else None,
                                  a.practical_score if a else None, _result(a.result if a else None),
                                  bool(a and a.retake), a.override_reason if a else None)
                for e, t, a in rows]


def pass_marks(db: Database, class_code: str) -> PassMarks:
    """The pass marks of the class's policy (tenths of a point)."""
    with db.reading() as session:
        return _pass_marks(session, _class(session, class_code))


def _pass_marks(session, c: TrainingClass) -> PassMarks:
    return PassMarks.of(policy_of(session.get(PolicyVersion, c.policy_id)))


def _result(value: str | None) -> AssessmentResult | None:
    return AssessmentResult(value) if value else None


def _class(session, class_code: str) -> TrainingClass:
    return require_class(session, class_code, error=AssessmentError, message="assessment.class_not_found")


def record_assessment(db: Database, *, actor: Actor, class_code: str, enrolment_id: int, theory: int | None,
                      practical: int | None, result: AssessmentResult | str | None, retake: bool = False,
                      assessed_on: date | None = None, override_reason: str | None = None,
                      result_follows_scores: bool = False) -> AssessmentRowView:
    """Enter or correct one trainee's results (scores in tenths of a point); audited.

    The result follows domain.assessment.decide_result with the class's pass marks: none given
    is the scores' result; one against the scores is refused (AssessmentValueError
    "assessment.result_contradicts") unless `override_reason` says why. With
    `result_follows_scores` (a score was just changed in the grid) the scores' result replaces
    the one given whenever the scores decide, and an earlier override lapses.
    """
    require(actor, Permission.RECORD_ASSESSMENTS)
    for label, score in (("理论成绩", theory), ("实操成绩", practical)):
        if score is not None and not 0 <= score <= 1000:
            raise AssessmentError("assessment.score_range", field=label, value=score / 10)
    with db.writing() as session:
        c = _class(session, class_code)
        _ensure_editable(c)
        enrolment = session.get(Enrolment, enrolment_id)
        if enrolment is None or enrolment.class_id != c.id:
            raise AssessmentError("assessment.not_in_class", row="—", person=str(enrolment_id))
        marks = _pass_marks(session, c)
        if result_follows_scores:
            derived = decide_result(None, theory, practical, marks).result
            result = derived if derived is not None else result
        decision = decide_result(result, theory, practical, marks, override_reason=override_reason)
        _store(session, actor, c, enrolment, theory, practical, decision.result, retake, assessed_on,
               decision.override_reason)
        trainee = session.get(Trainee, enrolment.trainee_id)
        return AssessmentRowView(enrolment.id, enrolment.roll_no, trainee.name, trainee.id_masked, theory, practical,
                                 decision.result, retake, decision.override_reason)


def _ensure_editable(c: TrainingClass) -> None:
    status = ClassStatus(c.status)
    if status.is_read_only:
        raise AssessmentError("assessment.read_only", code=c.code, status=status.words)


def _store(session, actor, c, enrolment, theory, practical, result, retake, assessed_on,
           override_reason: str | None = None) -> None:
    row = session.scalar(select(Assessment).where(Assessment.enrolment_id == enrolment.id))
    before = None
    if row is None:
        row = Assessment(enrolment_id=enrolment.id)
        session.add(row)
    else:
        before = {"theory": row.theory_score, "practical": row.practical_score, "result": row.result,
                  "retake": row.retake, "override_reason": row.override_reason}
    result = AssessmentResult(result).value if result else None  # anything but pass or fail is refused here
    row.theory_score, row.practical_score, row.result, row.retake = theory, practical, result, retake
    row.override_reason = override_reason
    row.assessed_on = assessed_on or row.assessed_on
    row.recorded_at = utcnow()
    row.recorded_by = actor.user_id
    session.flush()
    after = {"theory": theory, "practical": practical, "result": result, "retake": retake}
    if override_reason:
        # A result against the scores: its own entry, with the person's reason, for whoever checks.
        audit.record(session, actor, "assessment.result_overridden", entity_type="assessment", entity_id=row.uid,
                     class_id=c.id, details={"enrolment": enrolment.uid, "before": before, "after": after,
                                             "reason": override_reason})
    else:
        audit.record(session, actor, "assessment.recorded", entity_type="assessment", entity_id=row.uid,
                     class_id=c.id, details={"enrolment": enrolment.uid, "before": before, "after": after})


def _row_problem(row_number: int, error: messages.UserFacingError) -> messages.Problem:
    # The value rules also serve grid entry, where there is no row: the row is added here.
    return messages.Problem("assessment.row_problem", {"row": row_number, "message": error.message()})


@dataclass
class AssessmentImportReport:
    rows: int
    recorded: int = 0
    problems: list[messages.Problem] = field(default_factory=list)


def import_assessments(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str,
                       source: Path | bytes) -> AssessmentImportReport:
    """Results from a workbook, matched to the roster by identity number; all usable rows in one
    transaction, the others reported by row."""
    require(actor, Permission.RECORD_ASSESSMENTS)
    from desktop_app.documents.assessment_workbook import read_assessments
    from desktop_app.domain.assessment import parse_result, parse_retake, parse_score

    sheet = read_assessments(source, name=source.name if isinstance(source, Path) else None)
    report = AssessmentImportReport(rows=len(sheet.rows))
    with db.writing() as session:
        c = _class(session, class_code)
        _ensure_editable(c)
        accepted: list[tuple[int, Enrolment, Trainee, tuple]] = []
        marks = _pass_marks(session, c)
        roster = {t.id_hash: (e, t) for e, t in session.execute(
            select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)))}
        for row in sheet.rows:
            if row.problems:
                report.problems.extend(row.problems)
                continue
            try:
                identity = parse_identity_number(row.id_number or "")
            except IdentityNumberError as error:
                report.problems.append(_row_problem(row.row_number, error))
                continue
            found = roster.get(identity_lookup_hash(cipher, identity.value))
            if found is None:
                report.problems.append(messages.Problem("assessment.not_in_class",
                                                        {"row": row.row_number, "person": identity.masked()}))
                continue
            enrolment, trainee = found
            if row.name and "".join(row.name.split()) != "".join(trainee.name.split()):
                report.problems.append(messages.Problem("assessment.name_mismatch", {
                    "row": row.row_number, "known": trainee.name, "given": row.name}))
                continue
            try:
                theory = parse_score(row.theory_text)
                practical = parse_score(row.practical_text)
                retake = parse_retake(row.retake_text)
                # The grid's rule: no result is the scores' result; one against them is refused
                # (a sheet has no place for an override's reason: that is entered per trainee).
                result = decide_result(parse_result(row.result_text), theory, practical, marks).result
            except AssessmentValueError as error:
                report.problems.append(_row_problem(row.row_number, error))
                continue
            accepted.append((row.row_number, enrolment, trainee, (theory, practical, result, retake)))
        # One trainee on two rows that disagree: neither is right by position (the last row
        # used to win silently), so both are refused, each naming the other.
        rows_of: dict[int, list] = {}
        for item in accepted:
            rows_of.setdefault(item[1].id, []).append(item)
        for row_number, enrolment, trainee, values in accepted:
            same = rows_of[enrolment.id]
            if len({other[3] for other in same}) > 1:
                others = "、".join(str(other[0]) for other in same if other[0] != row_number)
                report.problems.append(messages.Problem("assessment.rows_disagree", {
                    "row": row_number, "others": others, "name": trainee.name, "person": trainee.id_masked}))
                continue
            if same[0][0] != row_number:
                continue  # the same result repeated: recorded once
            _store(session, actor, c, enrolment, *values, None)
            report.recorded += 1
    return report


def write_results_template(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str,
                           path: Path) -> int:
    """The results template (documents.assessment_workbook) with the class's roster filled in —
    names and full identity numbers, by roll number — so that staff only type the results. The
    numbers are personal data leaving the database: needs RECORD_ASSESSMENTS and
    EXPORT_PERSONAL_DATA, and the export is audited like the roster's. Returns the number of
    trainees written."""
    require(actor, Permission.RECORD_ASSESSMENTS)
    require(actor, Permission.EXPORT_PERSONAL_DATA)
    from desktop_app.documents.assessment_workbook import write_assessment_template
    from desktop_app.store.trainees import ID_NUMBER

    with db.writing() as session:
        c = _class(session, class_code)
        trainees = [(t.name, cipher.decrypt(t.id_number_enc, field=ID_NUMBER)) for _e, t in session.execute(
            select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)).order_by(Enrolment.roll_no))]
        write_assessment_template(Path(path), trainees=trainees, title=f"{c.name} 考核成绩表")
        audit.record(session, actor, "personal_data.exported", entity_type="class", entity_id=c.code, class_id=c.id,
                     details={"what": "assessment_template", "trainees": len(trainees), "file": Path(path).name})
    return len(trainees)
