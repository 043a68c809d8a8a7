"""Use cases for classes (班级): open, edit, find, schedule, move/cancel sessions, change status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.class_status import ClassFacts, ClassStatus, require_transition
from desktop_app.domain.levels import SkillLevel, parse_skill_level
from desktop_app.domain.occupation_codes import normalise_occupation_code
from desktop_app.domain.schedule import CHINA_TZ, ScheduleSpec, SessionKind, SessionStatus, plan_class_schedule
from desktop_app.domain.schedule_rules import check_schedule, long_class
from desktop_app.services import audit
from desktop_app.services.policies import active_policy, policy_of
from desktop_app.store.engine import Database
from desktop_app.store.classes import require_class
from desktop_app.store.models import (
    ClassSession,
    ClassTeacher,
    Enrolment,
    Institution,
    Occupation,
    PolicyVersion,
    Teacher,
    TrainingClass,
    TrainingType,
)

messages.register(
    {
        "class.code_taken": ("班级编号“{code}”已被使用，请换一个编号。", "The class code “{code}” is already used; choose another."),
        "class.code_empty": ("请填写班级编号。", "Enter a class code."),
        "class.name_empty": ("请填写班级名称。", "Enter a class name."),
        "class.not_found": ("找不到编号为“{code}”的班级。请核对班级编号（班级列表中有所有班级）。",
                            "No class has the code “{code}”. Check the code against the class list."),
        "class.occupation_unknown": (
            "职业编码 {code} 不在职业目录中（目录版本 {version}）。只有目录内的职业可以开班；"
            "请核对编码，或在联网后从省平台更新目录。",
            "Occupation code {code} is not in the catalogue (version {version}). Only catalogued occupations "
            "can be trained; check the code or update the catalogue from the platform.",
        ),
        "class.level_missing_for_occupation": (
            "职业“{occupation}”没有{level}，可选等级：{levels}。",
            "The occupation “{occupation}” has no {level}; available: {levels}.",
        ),
        "class.type_unknown": ("培训类型“{value}”无法识别，可选：{choices}。", "Training type “{value}” is unknown; choose one of: {choices}."),
        "class.dates_reversed": ("结束日期 {end} 早于开始日期 {start}。", "The end date {end} is before the start date {start}."),
        "class.capacity_invalid": ("班级人数须是 1 到 {limit} 之间的整数（现为 {value}）。",
                                   "Capacity must be a whole number from 1 to {limit} (it is {value})."),
        "class.read_only": ("班级 {code} 的状态是“{status:zh}”，不能再修改。如需更正，请在上传页面提交更正批次。",
                            "Class {code} is “{status:en}” and can no longer be changed. Corrections go through a correction batch."),
        "class.session_not_found": ("找不到这次课（编号 {session}）。", "That session ({session}) does not exist."),
        "class.reason_required": ("请填写原因（例如：教师请假、场地冲突）。", "Give a reason (e.g. teacher absent, room clash)."),
        "class.session_has_marks": (
            "这次课已有 {count} 条考勤记录，不能取消。如果上课时间记错，请改为调整时间。",
            "This session already has {count} attendance marks and cannot be cancelled; move it instead.",
        ),
        "class.session_times_invalid": ("下课时间须晚于上课时间。", "The end time must be after the start time."),
        "class.fee_invalid": ("培训费“{value}”无法识别：请填写每人的金额（元，最多两位小数），0 表示免费，不能为负数。",
                              "The fee “{value}” is not understood: give the amount per trainee in yuan (at most two "
                              "decimals); 0 means free; it cannot be negative."),
        "class.paid_by_invalid": ("出资方“{value}”无法识别，可选：trainee（学员本人）、institution（培训机构）、"
                                  "enterprise（企业）。",
                                  "Who pays, “{value}”, is not understood; choose trainee, institution or enterprise."),
        "class.date_invalid": ("日期“{value}”无法识别，请写成 2026-03-01 的形式。", "The date “{value}” is not understood; write it as 2026-03-01."),
    }
)


class ClassError(messages.UserFacingError):
    pass


class LongClassUnconfirmed(ClassError):
    """The class runs over three months or 300 sessions and was not confirmed: nothing saved.
    `days`, `sessions` and `lessons` are in `params` for the confirmation to name."""

    def __init__(self, problem: messages.Problem) -> None:
        super().__init__(problem.code, **problem.params)


# Large enough for a company-wide skills-upgrading programme run as one class.
MAX_CAPACITY = 10_000


@dataclass(frozen=True)
class ClassDraft:
    """What a registrar fills in to open a class (planned hours in 课时)."""

    code: str
    name: str
    occupation_code: str
    level: int | str
    training_type: str
    start_date: date
    end_date: date
    capacity: int = 50
    location: str | None = None
    project_based: bool = False
    occupation_edition: str | None = None
    planned_lessons: int | None = None  # total 课时; None: as many as the schedule fits
    online_lessons: int = 0
    schedule: ScheduleSpec = field(default_factory=ScheduleSpec)
    teacher_ids: tuple[int, ...] = ()
    # A class over three months or 300 sessions is saved only once the registrar confirmed it.
    confirm_long: bool = False
    fee_fen: int | None = None  # per trainee; 0 = free; None = not recorded
    paid_by: str | None = None  # trainee / institution / enterprise (谁出资，谁享受)


@dataclass(frozen=True)
class ClassRow:
    """One line of the class list."""

    id: int
    code: str
    name: str
    occupation: str
    level: int
    level_label: str
    training_type: str
    start_date: date
    end_date: date
    status: ClassStatus
    enrolled: int
    capacity: int
    project_based: bool


@dataclass(frozen=True)
class SessionRow:
    id: int
    starts_at: datetime  # China time
    ends_at: datetime
    period: str
    kind: SessionKind
    lessons: int
    status: SessionStatus
    teacher: str | None


@dataclass(frozen=True)
class ClassDetail:
    row: ClassRow
    occupation_code: str
    occupation_edition: str
    location: str | None
    planned_theory_lessons: int
    planned_practice_lessons: int
    planned_online_lessons: int
    policy_code: str
    policy_name: str
    sessions: tuple[SessionRow, ...]
    teachers: tuple[str, ...]
    schedule_problems: tuple[messages.Problem, ...]
    next_statuses: tuple[ClassStatus, ...]
    fee_fen: int | None = None
    paid_by: str | None = None


def parse_fee(value: str | int | None) -> int | None:
    """A fee per trainee as typed, in 元 (1200, 1200.5, 0 = free), to fen; None: not given."""
    if value is None:
        return None
    text = str(value).strip()
    whole, _, cents = text.partition(".")
    # isdecimal, not isdigit: full-width ０–９ from a Chinese input method are digits int()
    # reads; superscripts such as ² are not.
    if not whole.isdecimal() or (cents and (not cents.isdecimal() or len(cents) > 2)) or len(whole) > 9:
        raise ClassError("class.fee_invalid", value=text)
    return int(whole) * 100 + int((cents or "0").ljust(2, "0"))


def _checked_fee(fee_fen: int | None, paid_by: str | None) -> tuple[int | None, str | None]:
    from desktop_app.domain.subsidy import Payer

    if fee_fen is not None and (isinstance(fee_fen, bool) or not isinstance(fee_fen, int) or fee_fen < 0):
        raise ClassError("class.fee_invalid", value=fee_fen)
    if paid_by is not None:
        try:
            paid_by = Payer(str(paid_by).strip()).value
        except ValueError:
            raise ClassError("class.paid_by_invalid", value=paid_by) from None
    return fee_fen, paid_by


def parse_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text) if len(text) == 10 else date(*map(int, text.split("-")))
    except (ValueError, TypeError):
        raise ClassError("class.date_invalid", value=value) from None


def _find_occupation(session: Session, code: str, edition: str | None) -> Occupation:
    normalised = normalise_occupation_code(code)
    query = select(Occupation).where(Occupation.code == normalised)
    if edition:
        query = query.where(Occupation.edition == edition)
    # Newest edition first: 2022 codes are what the platform expects today.
    occupation = session.scalars(query.order_by(Occupation.in_subsidy_catalogue.desc(), Occupation.edition.desc())).first()
    if occupation is None:
        from desktop_app.store.reference import current_versions

        version = current_versions(session).get("occupations", "?")
        raise ClassError("class.occupation_unknown", code=normalised, version=version)
    return occupation


def _training_type(session: Session, value: str) -> TrainingType:
    types = session.scalars(select(TrainingType)).all()
    for training_type in types:
        if value.strip() in (training_type.code, training_type.name) or training_type.name.startswith(value.strip()):
            return training_type
    raise ClassError("class.type_unknown", value=value, choices="、".join(f"{t.name}（{t.code}）" for t in types))


def _validate_level(occupation: Occupation, level_value: int | str) -> SkillLevel:
    level = parse_skill_level(level_value)
    if str(int(level)) not in occupation.levels:
        available = "、".join(SkillLevel(int(ch)).label_zh for ch in occupation.levels)
        raise ClassError("class.level_missing_for_occupation", occupation=occupation.name, level=level.label_zh,
                         levels=available)
    return level


def _refuse_unfit_text(*, code: str | None = None, name: str | None = None, location: str | None = None) -> None:
    """The field limits (domain/field_limits), before anything is written: the same refusal on
    SQLite and on PostgreSQL, instead of a value one stores and the other aborts on."""
    from desktop_app.domain.field_limits import LimitedField, text_problem

    for field, value in ((LimitedField.CLASS_CODE, code), (LimitedField.CLASS_NAME, name),
                         (LimitedField.CLASS_LOCATION, location)):
        problem = text_problem(field, value)
        if problem is not None:
            raise ClassError(problem.code, **problem.params)


def create_class(db: Database, *, actor: Actor, draft: ClassDraft) -> ClassDetail:
    """Open a class in 草稿 with its generated sessions; the schedule is checked against the
    policy's minimum hours and practice share (problems are reported, and block filing)."""
    require(actor, Permission.MANAGE_CLASSES)
    code, name = draft.code.strip(), draft.name.strip()
    if not code:
        raise ClassError("class.code_empty")
    if not name:
        raise ClassError("class.name_empty")
    _refuse_unfit_text(code=code, name=name, location=draft.location)
    if draft.end_date < draft.start_date:
        raise ClassError("class.dates_reversed", start=draft.start_date.isoformat(), end=draft.end_date.isoformat())
    if not 1 <= int(draft.capacity) <= MAX_CAPACITY:
        raise ClassError("class.capacity_invalid", value=draft.capacity, limit=MAX_CAPACITY)
    fee_fen, paid_by = _checked_fee(draft.fee_fen, draft.paid_by)
    with db.writing() as session:
        if session.scalar(select(TrainingClass.id).where(TrainingClass.code == code)) is not None:
            raise ClassError("class.code_taken", code=code)
        occupation = _find_occupation(session, draft.occupation_code, draft.occupation_edition)
        level = _validate_level(occupation, draft.level)
        training_type = _training_type(session, draft.training_type)
        policy_row = active_policy(session)
        policy = policy_of(policy_row)
        practice_percent = draft.schedule.practice_percent
        if practice_percent is None:
            practice_percent = policy.min_practice_percent
        planned = plan_class_schedule(draft.schedule, start=draft.start_date, end=draft.end_date,
                                      lesson_minutes=policy.lesson_minutes, practice_percent=practice_percent,
                                      total_lessons=draft.planned_lessons)
        theory = sum(p.lessons for p in planned if p.kind is SessionKind.THEORY)
        practice = sum(p.lessons for p in planned if p.kind is SessionKind.PRACTICE)
        unusual = long_class(draft.start_date, draft.end_date, sessions=len(planned), lessons=theory + practice)
        if unusual is not None and not draft.confirm_long:
            raise LongClassUnconfirmed(unusual)
        institution = session.scalars(select(Institution).order_by(Institution.id)).first()
        if institution is None:
            institution = _placeholder_institution(session)
        row = TrainingClass(
            institution_id=institution.id, code=code, name=name, occupation_id=occupation.id, level=int(level),
            training_type_code=training_type.code, project_based=draft.project_based,
            start_date=draft.start_date, end_date=draft.end_date,
            planned_theory_minutes=theory * policy.lesson_minutes,
            planned_practice_minutes=practice * policy.lesson_minutes,
            planned_online_minutes=draft.online_lessons * policy.lesson_minutes,
            capacity=int(draft.capacity), location=(draft.location or None), status=ClassStatus.DRAFT.value,
            policy_id=policy_row.id, created_by=actor.user_id, fee_fen=fee_fen, paid_by=paid_by,
        )
        session.add(row)
        session.flush()
        for teacher_id in draft.teacher_ids:
            session.add(ClassTeacher(class_id=row.id, teacher_id=teacher_id))
        teacher_id = draft.teacher_ids[0] if draft.teacher_ids else None
        session.add_all(
            ClassSession(class_id=row.id, starts_at=p.starts_at.astimezone(timezone.utc),
                         ends_at=p.ends_at.astimezone(timezone.utc), period=p.period.value, kind=p.kind.value,
                         lessons=p.lessons, teacher_id=teacher_id)
            for p in planned
        )
        audit.record(session, actor, "class.created", entity_type="class", entity_id=row.uid, class_id=row.id,
                     details={"code": code, "occupation": occupation.code, "level": int(level),
                              "sessions": len(planned), "lessons": theory + practice,
                              **({"long_class_confirmed": True} if unusual is not None else {})})
        session.flush()
        return _detail(session, row)


def _placeholder_institution(session: Session) -> Institution:
    # Until the first-run wizard (accounts issue) records the institution profile, classes hang
    # off an unnamed institution that the wizard later fills in.
    institution = Institution(code="UNSET", name="（未设置机构名称）")
    session.add(institution)
    session.flush()
    return institution


def load_class(session: Session, code: str) -> TrainingClass:
    """The class with this code; ClassError "class.not_found" when there is none."""
    return require_class(session, code, error=ClassError, message="class.not_found")


def _ensure_editable(row: TrainingClass) -> None:
    status = ClassStatus(row.status)
    if status.is_read_only:
        raise ClassError("class.read_only", code=row.code, status=status.words)


def list_classes(db: Database, *, search: str | None = None, status: str | None = None) -> list[ClassRow]:
    """Classes newest first; `search` matches code, name or occupation name."""
    with db.reading() as session:
        enrolled = (
            select(Enrolment.class_id, func.count().label("n"))
            .where(Enrolment.withdrawn_at.is_(None))
            .group_by(Enrolment.class_id)
            .subquery()
        )
        query = (
            select(TrainingClass, Occupation.name, TrainingType.name, TrainingType.name_en,
                   func.coalesce(enrolled.c.n, 0))
            .join(Occupation, Occupation.id == TrainingClass.occupation_id)
            .join(TrainingType, TrainingType.code == TrainingClass.training_type_code)
            .outerjoin(enrolled, enrolled.c.class_id == TrainingClass.id)
            .order_by(TrainingClass.start_date.desc(), TrainingClass.code)
        )
        if search and search.strip():
            like = f"%{search.strip()}%"
            query = query.where(or_(TrainingClass.code.like(like), TrainingClass.name.like(like), Occupation.name.like(like)))
        if status:
            query = query.where(TrainingClass.status == status)
        return [_row(c, occupation, _type_name(type_name, type_name_en), count)
                for c, occupation, type_name, type_name_en, count in session.execute(query)]


def _type_name(name: str, name_en: str | None) -> Bilingual:
    """A training type's name in both languages (the reference data's name_en), for the window."""
    return Bilingual(name, name_en or name)


def _row(c: TrainingClass, occupation: str, type_name: str, enrolled: int) -> ClassRow:
    return ClassRow(id=c.id, code=c.code, name=c.name, occupation=occupation, level=c.level,
                    level_label=SkillLevel(c.level).label_zh, training_type=type_name, start_date=c.start_date,
                    end_date=c.end_date, status=ClassStatus(c.status), enrolled=enrolled, capacity=c.capacity,
                    project_based=c.project_based)


def get_class(db: Database, code: str) -> ClassDetail:
    with db.reading() as session:
        return _detail(session, load_class(session, code))


def _detail(session: Session, c: TrainingClass) -> ClassDetail:
    occupation = session.get(Occupation, c.occupation_id)
    type_name = _type_name(*session.execute(select(TrainingType.name, TrainingType.name_en)
                                            .where(TrainingType.code == c.training_type_code)).one())
    enrolled = session.scalar(
        select(func.count()).select_from(Enrolment).where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None))
    ) or 0
    policy_row = session.get(PolicyVersion, c.policy_id)
    policy = policy_of(policy_row)
    teachers = dict(session.execute(select(Teacher.id, Teacher.name)).all())
    sessions = session.scalars(select(ClassSession).where(ClassSession.class_id == c.id).order_by(ClassSession.starts_at)).all()
    session_rows = tuple(
        SessionRow(id=s.id, starts_at=s.starts_at.astimezone(CHINA_TZ), ends_at=s.ends_at.astimezone(CHINA_TZ),
                   period=s.period, kind=SessionKind(s.kind), lessons=s.lessons, status=SessionStatus(s.status),
                   teacher=teachers.get(s.teacher_id))
        for s in sessions
    )
    active = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    theory = sum(s.lessons for s in active if s.kind == SessionKind.THEORY)
    practice = sum(s.lessons for s in active if s.kind == SessionKind.PRACTICE)
    online = c.planned_online_minutes // policy.lesson_minutes
    class_teachers = tuple(
        session.scalars(select(Teacher.name).join(ClassTeacher, ClassTeacher.teacher_id == Teacher.id)
                        .where(ClassTeacher.class_id == c.id))
    )
    status = ClassStatus(c.status)
    from desktop_app.domain.class_status import next_statuses

    return ClassDetail(
        row=_row(c, occupation.name, type_name, enrolled),
        occupation_code=occupation.code, occupation_edition=occupation.edition, location=c.location,
        planned_theory_lessons=theory, planned_practice_lessons=practice, planned_online_lessons=online,
        policy_code=policy_row.code, policy_name=policy_row.name, sessions=session_rows, teachers=class_teachers,
        schedule_problems=tuple(check_schedule(theory, practice, c.level, policy)),
        next_statuses=next_statuses(status), fee_fen=c.fee_fen, paid_by=c.paid_by,
    )


def change_class_status(db: Database, *, actor: Actor, code: str, target: str, today: date | None = None) -> ClassDetail:
    """Move a class along its lifecycle; refused, with the reasons, when the rules do not allow it."""
    require(actor, Permission.MANAGE_CLASSES)
    today = today or date.today()
    with db.writing() as session:
        c = load_class(session, code)
        current, wanted = ClassStatus(c.status), ClassStatus(target)
        active_sessions = session.scalars(
            select(ClassSession).where(ClassSession.class_id == c.id, ClassSession.status != SessionStatus.CANCELLED)
        ).all()
        enrolled = session.scalar(
            select(func.count()).select_from(Enrolment).where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None))
        ) or 0
        facts = ClassFacts(start_date=c.start_date, end_date=c.end_date, session_count=len(active_sessions),
                           enrolled_count=enrolled, today=today)
        require_transition(current, wanted, facts)
        if wanted is ClassStatus.FILED:
            policy = policy_of(session.get(PolicyVersion, c.policy_id))
            theory = sum(s.lessons for s in active_sessions if s.kind == SessionKind.THEORY)
            practice = sum(s.lessons for s in active_sessions if s.kind == SessionKind.PRACTICE)
            problems = check_schedule(theory, practice, c.level, policy)
            if problems:
                from desktop_app.domain.class_status import ClassStatusError

                raise ClassStatusError(problems[0].code, **problems[0].params)
        c.status = wanted.value
        audit.record(session, actor, "class.status_changed", entity_type="class", entity_id=c.uid, class_id=c.id,
                     details={"from": current.value, "to": wanted.value})
        session.flush()
        return _detail(session, c)


def update_class(db: Database, *, actor: Actor, code: str, name: str | None = None, capacity: int | None = None,
                 location: str | None = None, start_date: date | None = None, end_date: date | None = None,
                 project_based: bool | None = None, fee_fen: int | None = None,
                 paid_by: str | None = None) -> ClassDetail:
    """Edit a class's details (not its occupation or level once trainees are enrolled against them)."""
    require(actor, Permission.MANAGE_CLASSES)
    _refuse_unfit_text(name=name.strip() if name else None, location=location)
    fee_fen, paid_by = _checked_fee(fee_fen, paid_by)
    with db.writing() as session:
        c = load_class(session, code)
        _ensure_editable(c)
        changes = {}
        if name is not None and name.strip() and name.strip() != c.name:
            changes["name"] = (c.name, name.strip())
            c.name = name.strip()
        if capacity is not None and capacity != c.capacity:
            if not 1 <= int(capacity) <= MAX_CAPACITY:
                raise ClassError("class.capacity_invalid", value=capacity, limit=MAX_CAPACITY)
            changes["capacity"] = (c.capacity, int(capacity))
            c.capacity = int(capacity)
        if location is not None and location != (c.location or ""):
            changes["location"] = (c.location, location or None)
            c.location = location or None
        if project_based is not None and project_based != c.project_based:
            changes["project_based"] = (c.project_based, project_based)
            c.project_based = project_based
        if fee_fen is not None and fee_fen != c.fee_fen:
            changes["fee_fen"] = (c.fee_fen, fee_fen)
            c.fee_fen = fee_fen
        if paid_by is not None and paid_by != c.paid_by:
            changes["paid_by"] = (c.paid_by, paid_by)
            c.paid_by = paid_by
        new_start, new_end = start_date or c.start_date, end_date or c.end_date
        if new_end < new_start:
            raise ClassError("class.dates_reversed", start=new_start.isoformat(), end=new_end.isoformat())
        if (new_start, new_end) != (c.start_date, c.end_date):
            changes["dates"] = ([c.start_date.isoformat(), c.end_date.isoformat()], [new_start.isoformat(), new_end.isoformat()])
            c.start_date, c.end_date = new_start, new_end
        if changes:
            audit.record(session, actor, "class.updated", entity_type="class", entity_id=c.uid, class_id=c.id,
                         details={key: [str(a), str(b)] for key, (a, b) in changes.items()})
        session.flush()
        return _detail(session, c)


def _editable_session(session: Session, session_id: int) -> tuple[ClassSession, TrainingClass]:
    row = session.get(ClassSession, session_id)
    if row is None:
        raise ClassError("class.session_not_found", session=session_id)
    c = session.get(TrainingClass, row.class_id)
    _ensure_editable(c)
    return row, c


def move_session(db: Database, *, actor: Actor, session_id: int, starts_at: datetime, ends_at: datetime,
                 reason: str) -> SessionRow:
    """Move one session (e.g. a teacher is ill); the old times are kept in the audit log."""
    require(actor, Permission.MANAGE_CLASSES)
    if not reason or not reason.strip():
        raise ClassError("class.reason_required")
    if ends_at <= starts_at:
        raise ClassError("class.session_times_invalid")
    with db.writing() as session:
        row, c = _editable_session(session, session_id)
        before = [row.starts_at.isoformat(), row.ends_at.isoformat()]
        row.starts_at, row.ends_at = _aware(starts_at), _aware(ends_at)
        audit.record(session, actor, "session.moved", entity_type="session", entity_id=row.uid, class_id=c.id,
                     details={"from": before, "to": [row.starts_at.isoformat(), row.ends_at.isoformat()],
                              "reason": reason.strip()})
        session.flush()
        return _session_row(session, row)


def cancel_session(db: Database, *, actor: Actor, session_id: int, reason: str) -> SessionRow:
    """Cancel a session that has no attendance yet; it stays listed as cancelled."""
    require(actor, Permission.MANAGE_CLASSES)
    from desktop_app.store.models import AttendanceMark

    if not reason or not reason.strip():
        raise ClassError("class.reason_required")
    with db.writing() as session:
        row, c = _editable_session(session, session_id)
        marks = session.scalar(select(func.count()).select_from(AttendanceMark).where(AttendanceMark.session_id == row.id)) or 0
        if marks:
            raise ClassError("class.session_has_marks", count=marks)
        row.status = SessionStatus.CANCELLED.value
        audit.record(session, actor, "session.cancelled", entity_type="session", entity_id=row.uid, class_id=c.id,
                     details={"reason": reason.strip()})
        session.flush()
        return _session_row(session, row)


def _aware(value: datetime) -> datetime:
    # Times typed by staff are China time.
    return (value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)).astimezone(timezone.utc)


def _session_row(session: Session, s: ClassSession) -> SessionRow:
    teacher = session.get(Teacher, s.teacher_id) if s.teacher_id else None
    return SessionRow(id=s.id, starts_at=s.starts_at.astimezone(CHINA_TZ), ends_at=s.ends_at.astimezone(CHINA_TZ),
                      period=s.period, kind=SessionKind(s.kind), lessons=s.lessons, status=SessionStatus(s.status),
                      teacher=teacher.name if teacher else None)


def lesson_minutes_for(db: Database, code: str) -> int:
    with db.reading() as session:
        return policy_of(session.get(PolicyVersion, load_class(session, code).policy_id)).lesson_minutes





@dataclass(frozen=True)
class OccupationChoice:
    """An occupation a class can be opened for (the subsidy catalogue), for pickers."""

    edition: str
    code: str
    name: str
    levels: tuple[int, ...]
    subsidy_class: str | None

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}（{self.edition}版）"


def occupation_choices(db: Database) -> list[OccupationChoice]:
    with db.reading() as session:
        rows = session.scalars(
            select(Occupation).where(Occupation.in_subsidy_catalogue.is_(True)).order_by(Occupation.code)
        ).all()
        return [OccupationChoice(o.edition, o.code, o.name, tuple(int(ch) for ch in o.levels), o.subsidy_class)
                for o in rows]


def training_type_choices(db: Database) -> list[tuple[str, str]]:
    """(code, name) of every training type; the name is Bilingual (Chinese, and English for the window)."""
    with db.reading() as session:
        return [(t.code, _type_name(t.name, t.name_en))
                for t in session.scalars(select(TrainingType).order_by(TrainingType.code))]
