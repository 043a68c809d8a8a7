"""Attendance use cases: the session grid, marks with a history that is never overwritten,
card-reader swipes, punch and online-learning imports, and hours/eligibility per trainee."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.permissions import Permission, PermissionDenied, require
from desktop_app.domain.attendance import (
    AttendanceError,
    AttendanceStatus,
    MarkValue,
    SessionFacts,
    Standing,
    TraineeAttendance,
    is_locked,
    summarise_trainee,
    validate_mark,
)
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.identity import IdentityNumberError, parse_identity_number
from desktop_app.domain.punches import SessionWindow, mark_from_times
from desktop_app.domain.schedule import CHINA_TZ, Period, SessionKind, SessionStatus
from desktop_app.services import audit
from desktop_app.services.classes import load_class
from desktop_app.services.policies import policy_of
from desktop_app.store.engine import Database
from desktop_app.store.classes import find_class
from desktop_app.store.models import (
    AttendanceMark,
    AttendanceMarkHistory,
    ClassSession,
    ClassTeacher,
    Enrolment,
    OnlineLearning,
    PolicyVersion,
    Teacher,
    Trainee,
    TrainingClass,
    new_uid,
    utcnow,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import identity_lookup_hash

messages.register(
    {
        "attendance.session_not_found": ("找不到这次课（编号 {session}）。", "No such session ({session})."),
        "attendance.not_in_class": ("这名学员不在本班花名册上。", "This trainee is not on the class roster."),
        "attendance.not_your_class": (
            "“{user}”不是班级 {code} 的授课教师，不能记录这个班的考勤。请让教务把您加为本班教师，或由本班教师记录。",
            "“{user}” does not teach class {code} and may not record its attendance. Ask the registrar to add you "
            "as a teacher of the class, or let its teacher record it.",
        ),
        "attendance.class_sealed": (
            "班级 {code} 的状态是“{status:zh}”，考勤不能再修改。如确需更正，请在上传页面提交更正批次。",
            "Class {code} is “{status:en}”; attendance can no longer be changed. Corrections go through a correction batch.",
        ),
        "attendance.class_not_started": (
            "班级 {code} 还是“{status:zh}”状态，备案后才能考勤。",
            "Class {code} is still “{status:en}”; attendance starts once the class is filed.",
        ),
        "attendance.session_cancelled": ("这次课已取消，不能考勤。", "This session was cancelled; no attendance can be taken."),
        "attendance.reason_required": (
            "这次课已过锁定时间（{locked_since}），修改考勤必须填写原因，修改记录会永久保存。",
            "This session is locked since {locked_since}; a change needs a written reason, which is kept for good.",
        ),
        "attendance.changed_elsewhere": (
            "{name} 的这条考勤刚被其他窗口或其他电脑修改过（现为“{status}”）。请刷新后再改。",
            "{name}'s mark was just changed in another window or on another PC (now “{status}”). Refresh, then change it.",
        ),
        "attendance.swipe_unknown": (
            "刷卡号码 {value} 不是本班学员，也不在学员名单中，未记录考勤。",
            "{value} is neither on this class's roster nor a known trainee; no attendance recorded.",
        ),
        "attendance.swipe_other_class": (
            "{name}（{id_masked}）不是本班学员，未记录考勤。请确认上课班级。",
            "{name} ({id_masked}) is not on this class's roster; no attendance recorded. Check the class.",
        ),
        "attendance.swipe_unreadable": (
            "读到的内容“{value}”不是身份证号码或学号，未记录考勤。请重新刷卡或手工点名。",
            "“{value}” is neither an identity number nor a roll number; nothing recorded. Swipe again or mark by hand.",
        ),
        "attendance.signed_in": ("{name} 签到 {time}{late:zh}", "{name} signed in at {time}{late:en}"),
        "attendance.signed_out": ("{name} 签退 {time}", "{name} signed out at {time}"),
        "attendance.swipe_repeated": (
            "{name} 在 {time} 刚刷过卡，{minutes} 分钟内的再次读卡视为重复，未重复记录。",
            "{name}'s card was read at {time}; a second read within {minutes} minutes is a duplicate and was not "
            "recorded again.",
        ),
        "attendance.swipe_too_soon": (
            "{name} 已于 {time} 签到。签到后 {minutes} 分钟内再次刷卡不算签退，未记录；{after} 以后刷卡才记为签退。",
            "{name} signed in at {time}. A swipe within {minutes} minutes of signing in is not a sign-out and was not "
            "recorded; from {after} a swipe signs out.",
        ),
        "attendance.swipe_outside": (
            "{name} {time} 的刷卡不在所选课次（{session}）的刷卡时段内（开课前 {early} 分钟起至下课；签退可到下课后 "
            "{after} 分钟），未记录考勤。本班此时没有别的课次。",
            "{name}'s swipe at {time} is outside the chosen session ({session}), which takes swipes from {early} "
            "minutes before its start to its end (sign-outs up to {after} minutes after it); nothing was recorded. "
            "The class has no other session at this time.",
        ),
        "attendance.swipe_other_session": (
            "{name} {time} 的刷卡不在所选课次（{session}）的刷卡时段内，未记在这次课上。这次刷卡属于课次 {other}，"
            "可切换到该课次后记录。",
            "{name}'s swipe at {time} is outside the chosen session ({session}) and was not recorded against it. It "
            "belongs to the session {other}; switch to that session to record it.",
        ),
    }
)


@dataclass(frozen=True)
class GridRow:
    """One trainee's line in a session's attendance grid (masked, as teachers see it)."""

    enrolment_id: int
    roll_no: int
    name: str
    id_masked: str
    value: MarkValue | None
    revision: int  # 0 = unmarked

    @property
    def status(self) -> AttendanceStatus | None:
        return self.value.status if self.value else None


@dataclass(frozen=True)
class SessionInfo:
    id: int
    class_code: str
    class_name: str
    starts_at: datetime  # China time
    ends_at: datetime
    kind: SessionKind
    lessons: int
    cancelled: bool


@dataclass(frozen=True)
class SessionGrid:
    session: SessionInfo
    rows: tuple[GridRow, ...]
    locked: bool
    read_only: bool
    read_only_reason: messages.Problem | None

    def totals(self) -> dict[str, int]:
        counts = {status.value: 0 for status in AttendanceStatus}
        counts["unmarked"] = 0
        for row in self.rows:
            counts[row.status.value if row.status else "unmarked"] += 1
        return counts


@dataclass(frozen=True)
class HistoryEntry:
    revision: int
    old_value: MarkValue | None
    new_value: MarkValue
    reason: str | None
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class SwipeResult:
    recorded: bool
    message: messages.Problem
    enrolment_id: int | None = None
    calm: bool = False  # not recorded, and nothing is wrong (a double read, a sign-out too soon)
    other_session: SessionInfo | None = None  # outside the chosen session: the one the swipe belongs to


# --- reading ------------------------------------------------------------------------------------


def _session_and_class(session: Session, session_id: int) -> tuple[ClassSession, TrainingClass]:
    row = session.get(ClassSession, session_id)
    if row is None:
        raise AttendanceError("attendance.session_not_found", session=session_id)
    return row, session.get(TrainingClass, row.class_id)


def _require_own_class(session: Session, actor: Actor, c: TrainingClass) -> None:
    """A teacher records attendance only in the classes they teach (class_teacher via teacher.user_id)."""
    if actor.role is not Role.TEACHER:
        return
    # The class's teachers and the teachers of any one of its sessions (services/teachers.py).
    from desktop_app.services.teachers import taught_class_ids

    if actor.user_id is None or c.id not in taught_class_ids(session, actor.user_id):
        raise PermissionDenied("attendance.not_your_class", user=actor.display_name, code=c.code)


def _info(s: ClassSession, c: TrainingClass) -> SessionInfo:
    return SessionInfo(id=s.id, class_code=c.code, class_name=c.name, starts_at=s.starts_at.astimezone(CHINA_TZ),
                       ends_at=s.ends_at.astimezone(CHINA_TZ), kind=SessionKind(s.kind), lessons=s.lessons,
                       cancelled=s.status == SessionStatus.CANCELLED)


def _read_only_reason(c: TrainingClass, s: ClassSession) -> messages.Problem | None:
    status = ClassStatus(c.status)
    if status.is_read_only or status is ClassStatus.RETURNED:
        return messages.Problem("attendance.class_sealed", {"code": c.code, "status": status.words})
    if status is ClassStatus.DRAFT:
        return messages.Problem("attendance.class_not_started", {"code": c.code, "status": status.words})
    if s.status == SessionStatus.CANCELLED:
        return messages.Problem("attendance.session_cancelled")
    return None


def _value_of(mark: AttendanceMark) -> MarkValue:
    return MarkValue(status=AttendanceStatus(mark.status), late_minutes=mark.late_minutes,
                     early_leave_minutes=mark.early_leave_minutes, leave_reason=mark.leave_reason,
                     sign_in_at=mark.sign_in_at, sign_out_at=mark.sign_out_at)


def session_grid(db: Database, session_id: int, *, now: datetime | None = None) -> SessionGrid:
    """The grid a teacher works on: every enrolled trainee by roll number, with today's marks."""
    now = now or datetime.now(timezone.utc)
    with db.reading() as session:
        s, c = _session_and_class(session, session_id)
        policy = policy_of(session.get(PolicyVersion, c.policy_id))
        marks = {m.enrolment_id: m for m in session.scalars(select(AttendanceMark).where(AttendanceMark.session_id == s.id))}
        rows = []
        for enrolment, trainee in session.execute(
            select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)).order_by(Enrolment.roll_no)
        ):
            mark = marks.get(enrolment.id)
            rows.append(GridRow(enrolment_id=enrolment.id, roll_no=enrolment.roll_no, name=trainee.name,
                                id_masked=trainee.id_masked, value=_value_of(mark) if mark else None,
                                revision=mark.revision if mark else 0))
        reason = _read_only_reason(c, s)
        return SessionGrid(session=_info(s, c), rows=tuple(rows),
                           locked=is_locked(session_ends_at=s.ends_at, now=now, lock_period=policy.lock_period),
                           read_only=reason is not None, read_only_reason=reason)


def class_sessions(db: Database, class_code: str) -> list[SessionInfo]:
    with db.reading() as session:
        c = find_class(session, class_code)
        if c is None:
            return []
        rows = session.scalars(select(ClassSession).where(ClassSession.class_id == c.id).order_by(ClassSession.starts_at))
        return [_info(s, c) for s in rows]


def mark_history(db: Database, session_id: int, enrolment_id: int) -> list[HistoryEntry]:
    """Every change of one mark, oldest first: old and new value, who, when and why."""
    from desktop_app.store.models import AppUser

    with db.reading() as session:
        mark = session.scalar(select(AttendanceMark).where(AttendanceMark.session_id == session_id,
                                                           AttendanceMark.enrolment_id == enrolment_id))
        if mark is None:
            return []
        users = dict(session.execute(select(AppUser.id, AppUser.display_name)).all())
        return [
            HistoryEntry(revision=h.revision, old_value=MarkValue.from_dict(h.old_value) if h.old_value else None,
                         new_value=MarkValue.from_dict(h.new_value), reason=h.reason, changed_at=h.changed_at,
                         changed_by=users.get(h.changed_by, "—"))
            for h in session.scalars(select(AttendanceMarkHistory).where(AttendanceMarkHistory.mark_id == mark.id)
                                     .order_by(AttendanceMarkHistory.revision))
        ]


# --- writing ------------------------------------------------------------------------------------


def set_mark(db: Database, *, actor: Actor, session_id: int, enrolment_id: int, value: MarkValue,
             reason: str | None = None, source: str = "manual", expected_revision: int | None = None,
             now: datetime | None = None) -> GridRow:
    """Record one trainee's attendance for one session, at once and durably.

    The old value goes to the mark's history with who, when and why. After the lock period a
    reason is required; a sealed class refuses. `expected_revision` (what the screen showed)
    turns a concurrent change from another window into a clear refusal instead of a silent
    overwrite."""
    require(actor, Permission.MARK_ATTENDANCE)
    now = now or datetime.now(timezone.utc)
    with db.writing() as session:
        _require_own_class(session, actor, _session_and_class(session, session_id)[1])
        return _set_mark(session, actor, session_id, enrolment_id, value, reason, source, expected_revision, now)


@dataclass
class _MarkContext:
    """What one mark change needs, loaded once (a swipe has most of it at hand already)."""

    s: ClassSession
    c: TrainingClass
    enrolment: Enrolment
    trainee: Trainee
    policy: object
    mark: AttendanceMark | None


def _context(session: Session, session_id: int, enrolment_id: int) -> _MarkContext:
    s, c = _session_and_class(session, session_id)
    # Locking the enrolment row serialises two PCs changing the same trainee's marks on
    # PostgreSQL (SQLite writers already queue): the second then reads the first one's mark
    # and its revision check says "changed elsewhere" — instead of both inserting the mark
    # (a unique violation) or both updating it from the same revision (a lost change).
    enrolment = session.get(Enrolment, enrolment_id, with_for_update=True)
    if enrolment is None or enrolment.class_id != c.id or enrolment.withdrawn_at is not None:
        raise AttendanceError("attendance.not_in_class")
    mark = session.scalar(select(AttendanceMark).where(AttendanceMark.session_id == s.id,
                                                       AttendanceMark.enrolment_id == enrolment.id))
    return _MarkContext(s, c, enrolment, session.get(Trainee, enrolment.trainee_id), _policy(session, c.policy_id),
                        mark)


def _policy(session: Session, policy_id: int):
    # Policy versions are never edited in place (a change is a new version), so the domain
    # value can be kept for the life of the process.
    key = (str(session.get_bind().url), policy_id)
    cached = _POLICIES.get(key)
    if cached is None:
        cached = _POLICIES[key] = policy_of(session.get(PolicyVersion, policy_id))
    return cached


_POLICIES: dict[tuple[str, int], object] = {}


def _set_mark(session: Session, actor: Actor, session_id: int, enrolment_id: int, value: MarkValue,
              reason: str | None, source: str, expected_revision: int | None, now: datetime,
              *, audit_it: bool = True, context: _MarkContext | None = None) -> GridRow:
    ctx = context or _context(session, session_id, enrolment_id)
    s, c, enrolment, trainee, policy, mark = ctx.s, ctx.c, ctx.enrolment, ctx.trainee, ctx.policy, ctx.mark
    refusal = _read_only_reason(c, s)
    if refusal is not None:
        raise AttendanceError(refusal.code, **refusal.params)
    # Late and early minutes are clock minutes, so the bound is the sitting's length with breaks.
    sitting_minutes = int((s.ends_at - s.starts_at).total_seconds() // 60)
    value = validate_mark(value, session_minutes=sitting_minutes, trainee=None, session=None)
    reason = (reason or "").strip() or None
    if reason is None and is_locked(session_ends_at=s.ends_at, now=now, lock_period=policy.lock_period):
        day_end = s.ends_at.astimezone(CHINA_TZ).date()
        raise AttendanceError("attendance.reason_required", locked_since=f"{day_end:%Y-%m-%d} 24:00")
    current_revision = mark.revision if mark else 0
    if expected_revision is not None and expected_revision != current_revision:
        shown = AttendanceStatus(mark.status).label_zh if mark else "未考勤"
        raise AttendanceError("attendance.changed_elsewhere", name=trainee.name, status=shown)
    old = _value_of(mark) if mark else None
    if old == value:
        return GridRow(enrolment.id, enrolment.roll_no, trainee.name, trainee.id_masked, value, current_revision)
    if mark is None:
        mark = AttendanceMark(uid=new_uid(), session_id=s.id, enrolment_id=enrolment.id, revision=0)
        session.add(mark)
        ctx.mark = mark
    mark.status = value.status.value
    mark.late_minutes = value.late_minutes
    mark.early_leave_minutes = value.early_leave_minutes
    mark.leave_reason = value.leave_reason
    mark.sign_in_at = value.sign_in_at
    mark.sign_out_at = value.sign_out_at
    mark.source = source
    mark.revision = current_revision + 1
    mark.updated_at = now
    mark.updated_by = actor.user_id
    session.flush()
    session.add(AttendanceMarkHistory(mark_id=mark.id, revision=mark.revision,
                                      old_value=old.to_dict() if old else None, new_value=value.to_dict(),
                                      reason=reason, changed_at=now, changed_by=actor.user_id))
    if audit_it:
        audit.record(session, actor, "attendance.marked", entity_type="attendance_mark", entity_id=mark.uid,
                     class_id=c.id, details={"session": s.uid, "enrolment": enrolment.uid, "revision": mark.revision,
                                             "from": old.status.value if old else None, "to": value.status.value,
                                             "source": source, "reason": reason})
    else:
        session.flush()
    return GridRow(enrolment.id, enrolment.roll_no, trainee.name, trainee.id_masked, value, mark.revision)


def mark_all_present(db: Database, *, actor: Actor, session_id: int, reason: str | None = None,
                     now: datetime | None = None) -> int:
    """全部出勤: mark every UNMARKED trainee present; leaves and existing marks are never touched.
    A locked session needs `reason` (it goes into every new mark's history)."""
    require(actor, Permission.MARK_ATTENDANCE)
    now = now or datetime.now(timezone.utc)
    with db.writing() as session:
        s, c = _session_and_class(session, session_id)
        _require_own_class(session, actor, c)
        marked = set(session.scalars(select(AttendanceMark.enrolment_id).where(AttendanceMark.session_id == s.id)))
        enrolments = session.scalars(select(Enrolment.id).where(Enrolment.class_id == c.id,
                                                                Enrolment.withdrawn_at.is_(None))).all()
        todo = [e for e in enrolments if e not in marked]
        for enrolment_id in todo:
            _set_mark(session, actor, session_id, enrolment_id, MarkValue(AttendanceStatus.PRESENT), reason, "manual",
                      None, now, audit_it=False)
        if todo:
            details = {"filled": len(todo)}
            if reason and reason.strip():
                details["reason"] = reason.strip()
            audit.record(session, actor, "attendance.all_present", entity_type="session", entity_id=s.uid,
                         class_id=c.id, details=details)
        return len(todo)


def swipe(db: Database, cipher: PersonalDataCipher, *, actor: Actor, session_id: int, text: str,
          now: datetime | None = None) -> SwipeResult:
    """A card-reader or barcode swipe: an identity number (or a roll number) followed by Enter.
    Signs the trainee in, or out if already signed in; anyone not on this roster marks nobody."""
    require(actor, Permission.MARK_ATTENDANCE)
    now = now or datetime.now(timezone.utc)
    raw = (text or "").strip()
    with db.writing() as session:
        s, c = _session_and_class(session, session_id)
        _require_own_class(session, actor, c)
        enrolment = None
        compact = raw.replace(" ", "")
        if compact.isdigit() and len(compact) <= 5:
            enrolment = session.scalar(select(Enrolment).where(Enrolment.class_id == c.id,
                                                               Enrolment.roll_no == int(compact),
                                                               Enrolment.withdrawn_at.is_(None)))
            if enrolment is None:
                return SwipeResult(False, messages.Problem("attendance.swipe_unknown", {"value": raw}))
        else:
            try:
                identity = parse_identity_number(raw)
            except IdentityNumberError:
                return SwipeResult(False, messages.Problem("attendance.swipe_unreadable", {"value": raw[:40]}))
            trainee = session.scalar(select(Trainee).where(Trainee.id_hash == identity_lookup_hash(cipher, identity.value)))
            if trainee is None:
                return SwipeResult(False, messages.Problem("attendance.swipe_unknown", {"value": identity.masked()}))
            enrolment = session.scalar(select(Enrolment).where(Enrolment.class_id == c.id,
                                                               Enrolment.trainee_id == trainee.id,
                                                               Enrolment.withdrawn_at.is_(None)))
            if enrolment is None:
                return SwipeResult(False, messages.Problem("attendance.swipe_other_class",
                                                           {"name": trainee.name, "id_masked": trainee.id_masked}))
        ctx = _context(session, s.id, enrolment.id)
        trainee, policy, mark = ctx.trainee, ctx.policy, ctx.mark
        sign_in = mark.sign_in_at if mark and mark.sign_in_at else None
        refusal = _swipe_refusal(session, s, c, policy, trainee.name, mark, now)
        if refusal is not None:
            return refusal
        window = SessionWindow(s.id, s.starts_at, s.ends_at)
        if sign_in is None:
            value = mark_from_times(now, None, window, policy)
            kind = "attendance.signed_in"
        else:
            value = mark_from_times(sign_in, now, window, policy)
            kind = "attendance.signed_out"
        _set_mark(session, actor, s.id, enrolment.id, value, None if not _locked(s, now, policy) else "刷卡",
                  "card", None, now, context=ctx)
        local = now.astimezone(CHINA_TZ)
        late = (Bilingual(f"（迟到 {value.late_minutes} 分钟）", f" ({value.late_minutes} minutes late)")
                if kind == "attendance.signed_in" and value.late_minutes else Bilingual("", ""))
        params = {"name": trainee.name, "time": f"{local:%H:%M}"}
        if kind == "attendance.signed_in":
            params["late"] = late
        return SwipeResult(True, messages.Problem(kind, params), enrolment.id)


def _session_words(s: ClassSession) -> str:
    """A session as a swipe message names it: "12-02 08:30–11:30" (the same in both languages)."""
    start, end = s.starts_at.astimezone(CHINA_TZ), s.ends_at.astimezone(CHINA_TZ)
    return f"{start:%m-%d} {start:%H:%M}–{end:%H:%M}"


def _swipe_refusal(session: Session, s: ClassSession, c: TrainingClass, policy, name: str,
                   mark: AttendanceMark | None, now: datetime) -> SwipeResult | None:
    """The policy's swipe rules, in the order a person would explain them: a double read is
    ignored, a swipe outside the session's window goes elsewhere, a sign-out needs time."""
    local = now.astimezone(CHINA_TZ)
    times = [t for t in (mark.sign_in_at, mark.sign_out_at) if t is not None] if mark else []
    last = max(times) if times else None
    if last is not None and timedelta(0) <= now - last < timedelta(minutes=policy.swipe_repeat_minutes):
        return SwipeResult(False, messages.Problem("attendance.swipe_repeated", {
            "name": name, "time": f"{last.astimezone(CHINA_TZ):%H:%M:%S}", "minutes": policy.swipe_repeat_minutes}),
            enrolment_id=mark.enrolment_id, calm=True)
    signed_in = mark.sign_in_at if mark and mark.sign_in_at else None
    opens = s.starts_at - timedelta(minutes=policy.swipe_early_minutes)
    closes = s.ends_at + timedelta(minutes=policy.swipe_after_end_minutes) if signed_in else s.ends_at
    if not opens <= now <= closes:
        other = next((o for o in session.scalars(
            select(ClassSession).where(ClassSession.class_id == c.id, ClassSession.id != s.id,
                                       ClassSession.status != SessionStatus.CANCELLED)
            .order_by(ClassSession.starts_at))
            if o.starts_at - timedelta(minutes=policy.swipe_early_minutes) <= now < o.ends_at), None)
        params = {"name": name, "time": f"{local:%H:%M}", "session": _session_words(s),
                  "early": policy.swipe_early_minutes, "after": policy.swipe_after_end_minutes}
        if other is None:
            return SwipeResult(False, messages.Problem("attendance.swipe_outside", params))
        return SwipeResult(False, messages.Problem("attendance.swipe_other_session",
                                                   {**params, "other": _session_words(other)}),
                           other_session=_info(other, c))
    if signed_in is not None and now - signed_in < timedelta(minutes=policy.sign_out_after_minutes):
        after = (signed_in + timedelta(minutes=policy.sign_out_after_minutes)).astimezone(CHINA_TZ)
        return SwipeResult(False, messages.Problem("attendance.swipe_too_soon", {
            "name": name, "time": f"{signed_in.astimezone(CHINA_TZ):%H:%M}",
            "minutes": policy.sign_out_after_minutes, "after": f"{after:%H:%M}"}),
            enrolment_id=mark.enrolment_id, calm=True)
    return None


def _locked(s: ClassSession, now: datetime, policy) -> bool:
    return is_locked(session_ends_at=s.ends_at, now=now, lock_period=policy.lock_period)


# --- hours and eligibility ----------------------------------------------------------------------


_STATUSES = {status.value: status for status in AttendanceStatus}


@dataclass(frozen=True)
class SummaryRow:
    enrolment_id: int
    roll_no: int
    name: str
    id_masked: str
    attendance: TraineeAttendance
    in_progress: bool  # sessions remain after `as_of`: eligibility is not final yet

    @property
    def standing(self) -> Standing:
        return self.attendance.standing

    @property
    def shown_reasons(self) -> tuple[messages.Problem, ...]:
        """While the class runs, the final shortfalls are not yet facts: only the reason for the
        standing (needs attention, cannot complete) is shown, nothing for a trainee on track."""
        if self.in_progress:
            return self.attendance.reasons[:1] if self.attendance.at_risk else ()
        return self.attendance.reasons


def class_attendance_summary(db: Database, class_code: str, *, as_of: datetime | None = None) -> list[SummaryRow]:
    """Per trainee: hours attended, online hours credited, rate, completion eligibility and why."""
    with db.reading() as session:
        c = load_class(session, class_code)
        return summary_rows(session, c, as_of=as_of)


def summary_rows(session: Session, c: TrainingClass, *, as_of: datetime | None = None) -> list[SummaryRow]:
    """The summary computed inside the caller's transaction (sealing reads it while it writes)."""
    policy = policy_of(session.get(PolicyVersion, c.policy_id))
    sessions = [
        SessionFacts(session_id=s.id, kind=SessionKind(s.kind), lessons=s.lessons, starts_at=s.starts_at,
                     ends_at=s.ends_at, cancelled=s.status == SessionStatus.CANCELLED)
        for s in session.scalars(select(ClassSession).where(ClassSession.class_id == c.id))
    ]
    marks: dict[int, dict[int, MarkValue]] = {}
    # Plain columns, not ORM objects: a class of 300 over 160 sessions has 48 000 marks. Only
    # what the credit depends on is read (timestamps cost a parse each), and equal marks share
    # one value object: a cohort has a handful of distinct (status, late, early) combinations.
    values: dict[tuple, MarkValue] = {}
    # Through the Core connection: the ORM's row handling costs a third more for these tuples.
    for enrolment_id, session_id, status, late, early in session.connection().execute(
        select(AttendanceMark.enrolment_id, AttendanceMark.session_id, AttendanceMark.status,
               AttendanceMark.late_minutes, AttendanceMark.early_leave_minutes)
        .join(Enrolment, Enrolment.id == AttendanceMark.enrolment_id).where(Enrolment.class_id == c.id)
    ).all():
        value = values.get((status, late, early))
        if value is None:
            value = values[(status, late, early)] = MarkValue(
                status=_STATUSES[status], late_minutes=late, early_leave_minutes=early)
        marks.setdefault(enrolment_id, {})[session_id] = value
    online = dict(session.execute(
        select(OnlineLearning.enrolment_id, func.sum(OnlineLearning.minutes))
        .join(Enrolment, Enrolment.id == OnlineLearning.enrolment_id)
        .where(Enrolment.class_id == c.id).group_by(OnlineLearning.enrolment_id)
    ).all())
    # A session nobody has a mark in has not been recorded yet: not "held" for the rate so far.
    recorded = {session_id for by_session in marks.values() for session_id in by_session}
    sessions = [f if f.session_id in recorded else replace(f, recorded=False) for f in sessions]
    in_progress = as_of is not None and any(not f.cancelled and f.ends_at > as_of for f in sessions)
    rows = []
    # Plain columns again: ORM objects for a cohort of 1 000 cost more than the arithmetic.
    for enrolment_id, roll_no, name, id_masked in session.execute(
        select(Enrolment.id, Enrolment.roll_no, Trainee.name, Trainee.id_masked)
        .join(Trainee, Trainee.id == Enrolment.trainee_id)
        .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)).order_by(Enrolment.roll_no)
    ):
        result = summarise_trainee(enrolment_id=enrolment_id, trainee_name=name, sessions=sessions,
                                   marks=marks.get(enrolment_id, {}), online_minutes=int(online.get(enrolment_id, 0)),
                                   level=c.level, policy=policy, as_of=as_of)
        rows.append(SummaryRow(enrolment_id, roll_no, name, id_masked, result, in_progress))
    return rows


# --- imports: attendance-machine punches and online learning ------------------------------------

messages.register(
    {
        "attendance_import.unknown_person": (
            "第 {row} 行：{person} 不是本班学员，已跳过。",
            "Row {row}: {person} is not on this class's roster; skipped.",
        ),
        "attendance_import.kept_leave": (
            "第 {row} 行：{name} 在 {when} 已登记请假，打卡记录没有覆盖请假。",
            "Row {row}: {name} is on leave for {when}; the punch did not overwrite the leave.",
        ),
        "attendance_import.kept_mark": (
            "{name} 在 {when} 的课已有完整的考勤（{status:zh}），打卡记录没有覆盖它；如需更改，请在考勤表中修改并填写原因。",
            "{name} already has a complete mark for {when} ({status:en}); the punch did not replace it. To change "
            "it, edit the mark on the attendance sheet with a reason.",
        ),
        "attendance_import.reason_needed": (
            "{name} 在 {when} 的课已过锁定时间，打卡记录没有写入：补录过去的考勤须填写原因，与在考勤表中修改相同。"
            "请填写补录原因后重新导入。",
            "{name}'s session of {when} is locked; the punch was not written: recording a past session needs a "
            "reason, as on the attendance sheet. Import again with a reason.",
        ),
        "attendance_import.name_mismatch": (
            "第 {row} 行：证件号码 {person} 属于本班的“{known}”，与表中姓名“{given}”不一致，已跳过。请核对这一行。",
            "Row {row}: the identity number {person} belongs to “{known}” in this class, not “{given}”; skipped. "
            "Check that row.",
        ),
        "attendance_import.online_duplicate": (
            "第 {row} 行：{name} 的这条线上学时（{minutes} 分钟，来源 {source}）已经导入过，未重复计入。",
            "Row {row}: this online record of {name} ({minutes} min, source {source}) was imported before; not counted twice.",
        ),
    }
)


@dataclass
class AttendanceImportReport:
    kind: str  # punches / online
    rows: int
    marks_written: int = 0
    online_records: int = 0
    problems: list[messages.Problem] = field(default_factory=list)
    warnings: list[messages.Problem] = field(default_factory=list)


def import_attendance(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str,
                      source: Path | bytes, now: datetime | None = None,
                      reason: str | None = None) -> AttendanceImportReport:
    """Attendance-machine punches (matched to sessions by time) or online-learning hours,
    whichever the file holds; everything usable is applied in one transaction, the rest is
    reported by row. A punch never replaces a complete mark (one set by hand, or a card or
    punch record with its sign-out); it completes one that has only a sign-in. Sessions past
    the lock period take punches only with `reason`, as the attendance sheet asks for one."""
    reason = (reason or "").strip() or None
    require(actor, Permission.MARK_ATTENDANCE)
    from desktop_app.documents.attendance_files import read_attendance_file
    from desktop_app.domain.punches import PunchError, parse_online_amount, parse_punch_time, plan_punches

    now = now or datetime.now(timezone.utc)
    name = source.name if isinstance(source, Path) else None
    document = read_attendance_file(source, name=name)
    report = AttendanceImportReport(kind=document.kind, rows=len(document.rows))
    with db.writing() as session:
        c = load_class(session, class_code)
        _require_own_class(session, actor, c)
        roster = {}
        by_roll = {}
        for enrolment, trainee in session.execute(
            select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None))
        ):
            roster[trainee.id_hash] = (enrolment, trainee)
            by_roll[str(enrolment.roll_no)] = (enrolment, trainee)

        def resolve(row):
            if row.person_kind == "roll_no":
                return by_roll.get(row.person.lstrip("0") or "0")
            try:
                identity = parse_identity_number(row.person)
            except IdentityNumberError as error:
                report.problems.append(messages.Problem(error.code, {**error.params, "row": row.row_number}))
                return None
            return roster.get(identity_lookup_hash(cipher, identity.value))

        usable = []
        for row in document.rows:
            if row.problems:
                report.problems.extend(row.problems)
                continue
            found = resolve(row)
            from desktop_app.domain.identity import mask_identity_number

            shown = mask_identity_number(row.person) if row.person_kind == "id_number" else row.person
            if found is None:
                report.problems.append(messages.Problem("attendance_import.unknown_person",
                                                        {"row": row.row_number, "person": shown}))
                continue
            if row.name and "".join(row.name.split()) != "".join(found[1].name.split()):
                # The number may be mistyped into another trainee's: never credit the wrong person.
                report.problems.append(messages.Problem("attendance_import.name_mismatch", {
                    "row": row.row_number, "person": shown, "known": found[1].name, "given": row.name}))
                continue
            usable.append((row, found))

        if document.kind == "online":
            _import_online(session, actor, c, usable, report, document.unit_hint, now)
        else:
            sessions = session.scalars(select(ClassSession).where(ClassSession.class_id == c.id,
                                                                  ClassSession.status != SessionStatus.CANCELLED)).all()
            windows = [SessionWindow(s.id, s.starts_at, s.ends_at) for s in sessions]
            punches = []
            people = {}
            for row, (enrolment, trainee) in usable:
                try:
                    at = parse_punch_time(row.time_text or "")
                except PunchError as error:
                    report.problems.append(messages.Problem(error.code, {**error.params, "row": row.row_number}))
                    continue
                punches.append((row.row_number, enrolment.id, at))
                people[enrolment.id] = trainee.name
            decisions, problems = plan_punches(punches, windows, c.start_date, c.end_date,
                                               describe_person=lambda key: people.get(key, str(key)))
            for problem in problems:
                (report.warnings if problem.code == "punch.duplicate" else report.problems).append(problem)
            policy = policy_of(session.get(PolicyVersion, c.policy_id))
            by_id = {s.id: s for s in sessions}
            for decision in decisions:
                s = by_id[decision.session_id]
                existing = session.scalar(select(AttendanceMark).where(AttendanceMark.session_id == s.id,
                                                                       AttendanceMark.enrolment_id == decision.person_key))
                local = s.starts_at.astimezone(CHINA_TZ)
                when = f"{local:%Y-%m-%d %H:%M}"
                if existing is not None and existing.status == AttendanceStatus.LEAVE.value:
                    report.warnings.append(messages.Problem("attendance_import.kept_leave", {
                        "row": "—", "name": people[decision.person_key], "when": when}))
                    continue
                sign_in = decision.sign_in_at
                if existing is not None:
                    incomplete = existing.source != "manual" and existing.sign_in_at and not existing.sign_out_at
                    if not incomplete:
                        value = mark_from_times(sign_in, decision.sign_out_at,
                                                SessionWindow(s.id, s.starts_at, s.ends_at), policy)
                        if value.status.value != existing.status or value.sign_out_at != existing.sign_out_at:
                            report.warnings.append(messages.Problem("attendance_import.kept_mark", {
                                "name": people[decision.person_key], "when": when,
                                "status": AttendanceStatus(existing.status).words}))
                        continue
                    # Only a sign-in so far: the punches complete it, from the earlier sign-in.
                    sign_in = min(filter(None, (existing.sign_in_at, sign_in)), default=None)
                value = mark_from_times(sign_in, decision.sign_out_at,
                                        SessionWindow(s.id, s.starts_at, s.ends_at), policy)
                if _locked(s, now, policy) and reason is None:
                    report.problems.append(messages.Problem("attendance_import.reason_needed", {
                        "name": people[decision.person_key], "when": when}))
                    continue
                mark_reason = reason or f"导入考勤机记录 {name or ''}".strip()
                _set_mark(session, actor, s.id, decision.person_key, value, mark_reason, "punch_import", None, now,
                          audit_it=False)
                report.marks_written += 1
        audit.record(session, actor, "attendance.imported", entity_type="class", entity_id=c.code, class_id=c.id,
                     details={"kind": document.kind, "file": name, "rows": report.rows,
                              "marks": report.marks_written, "online_records": report.online_records,
                              "problems": len(report.problems)})
    return report


def _import_online(session: Session, actor: Actor, c: TrainingClass, usable, report: AttendanceImportReport,
                   unit_hint: str | None, now: datetime) -> None:
    from desktop_app.domain.punches import PunchError, parse_online_amount

    existing = {
        (enrolment_id, minutes, source)
        for enrolment_id, minutes, source in session.execute(
            select(OnlineLearning.enrolment_id, OnlineLearning.minutes, OnlineLearning.source)
            .join(Enrolment, Enrolment.id == OnlineLearning.enrolment_id).where(Enrolment.class_id == c.id)
        )
    }
    for row, (enrolment, trainee) in usable:
        try:
            minutes = parse_online_amount(row.amount_text or "", unit_hint)
        except PunchError as error:
            report.problems.append(messages.Problem(error.code, {**error.params, "row": row.row_number}))
            continue
        source = (row.source or "线上学习平台").strip()[:100]
        key = (enrolment.id, minutes, source)
        if key in existing:
            report.warnings.append(messages.Problem("attendance_import.online_duplicate", {
                "row": row.row_number, "name": trainee.name, "minutes": minutes, "source": source}))
            continue
        existing.add(key)
        session.add(OnlineLearning(enrolment_id=enrolment.id, minutes=minutes, source=source, recorded_at=now,
                                   recorded_by=actor.user_id))
        report.online_records += 1


# --- paper sign-in sheets -----------------------------------------------------------------------


def signin_sheets_pdf(db: Database, class_code: str, *, per_day: bool = False, from_day: date | None = None,
                      to_day: date | None = None, session_id: int | None = None):
    """签到表 for the class's sessions (optionally a date range, or the one session `session_id`) as
    a PDF render result; trainees appear masked and in roll order."""
    from desktop_app.documents.signin_sheet import (
        SigninSession,
        SigninSheetData,
        SigninTrainee,
        render_signin_sheets,
    )
    from desktop_app.domain.levels import SkillLevel
    from desktop_app.store.models import ClassTeacher, Institution, Occupation, Teacher

    with db.reading() as session:
        c = load_class(session, class_code)
        teachers = dict(session.execute(select(Teacher.id, Teacher.name)).all())
        class_teachers = "、".join(session.scalars(
            select(Teacher.name).join(ClassTeacher, ClassTeacher.teacher_id == Teacher.id).where(ClassTeacher.class_id == c.id)
        )) or "—"
        sessions = []
        for s in session.scalars(select(ClassSession).where(ClassSession.class_id == c.id, ClassSession.status != SessionStatus.CANCELLED)
                                 .order_by(ClassSession.starts_at)):
            start, end = s.starts_at.astimezone(CHINA_TZ), s.ends_at.astimezone(CHINA_TZ)
            if (from_day and start.date() < from_day) or (to_day and start.date() > to_day):
                continue
            if session_id is not None and s.id != session_id:
                continue
            sessions.append(SigninSession(day=start.date(), period_label=Period(s.period).label_zh,
                                          starts=f"{start:%H:%M}", ends=f"{end:%H:%M}",
                                          kind_label=SessionKind(s.kind).label_zh,
                                          lessons=s.lessons, teacher=teachers.get(s.teacher_id)))
        trainees = [
            SigninTrainee(roll_no=e.roll_no, name=t.name, id_masked=t.id_masked)
            for e, t in session.execute(
                select(Enrolment, Trainee).join(Trainee, Trainee.id == Enrolment.trainee_id)
                .where(Enrolment.class_id == c.id, Enrolment.withdrawn_at.is_(None)).order_by(Enrolment.roll_no)
            )
        ]
        institution = session.get(Institution, c.institution_id)
        occupation = session.get(Occupation, c.occupation_id)
        data = SigninSheetData(institution=institution.name, class_code=c.code, class_name=c.name,
                               occupation=occupation.name, level_label=SkillLevel(c.level).label_zh, location=c.location,
                               teachers=class_teachers, sessions=sessions, trainees=trainees, per_day=per_day)
    return render_signin_sheets(data)


def write_summary_workbook(rows: Sequence[SummaryRow], path: Path, *, title: str) -> None:
    """The summary as an xlsx for the clerk (masked numbers; figures as numbers; the standing in
    the words the window and the CLI use)."""
    from desktop_app.documents.attendance_summary_workbook import SummaryLine, write_attendance_summary

    write_attendance_summary(Path(path), title=title, lines=[
        SummaryLine(roll_no=r.roll_no, name=r.name, id_masked=r.id_masked,
                    attended_lessons=r.attendance.attended_lessons, practice_lessons=r.attendance.practice_lessons,
                    online_reported_lessons=r.attendance.online_reported_lessons,
                    online_credited_lessons=r.attendance.online_credited_lessons,
                    total_lessons=r.attendance.total_lessons, rate_percent=r.attendance.rate_percent,
                    planned_rate_percent=r.attendance.planned_rate_percent,
                    unmarked_sessions=r.attendance.unmarked_sessions, standing=r.standing.label_zh,
                    reasons="；".join(p.message("zh") for p in r.shown_reasons), warning=r.standing.is_warning)
        for r in rows
    ])
