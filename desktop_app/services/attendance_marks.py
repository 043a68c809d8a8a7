"""Marks set in bulk or from the command line, and an earlier value of a mark put back.

Every mark here goes through the same step as a mark set in the window (`attendance._set_mark`):
the same lock rule, permission, roster, sealed-class and concurrent-change refusals, with the
same messages, and a history entry per change. A bulk operation is one transaction: all its marks
are saved or none. It leaves one audit entry per mark, as the window does, and every entry of one
operation carries the same `operation` reference (and the operation's reason), so the audit can
show the marks that one command set together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.attendance import AttendanceError, AttendanceStatus, MarkValue
from desktop_app.domain.identity import IdentityNumberError, parse_identity_number
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.schedule import CHINA_TZ, SessionStatus
from desktop_app.services import audit
from desktop_app.services.attendance import (
    GridRow,
    _context,
    _read_only_reason,
    _require_own_class,
    _session_and_class,
    _set_mark,
    _value_of,
)
from desktop_app.services.classes import load_class
from desktop_app.store.engine import Database
from desktop_app.store.models import (
    AttendanceMark,
    AttendanceMarkHistory,
    ClassSession,
    Enrolment,
    Trainee,
    TrainingClass,
    new_uid,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import identity_lookup_hash

messages.register(
    {
        "attendance.session_number_unknown": (
            "班级 {code} 没有第 {number} 次课（共 {count} 次）。课次按上课时间编号，第 1 次是最早的一次课，与班级的课次表一致。",
            "Class {code} has no session {number} (it has {count}). Sessions are numbered by time from the earliest, "
            "as in the class's session list.",
        ),
        "attendance.no_session_on_date": (
            "班级 {code} 在 {day} 没有课（或当天的课已取消）。",
            "Class {code} has no session on {day} (or the sessions of that day were cancelled).",
        ),
        "attendance.trainee_not_found": (
            "“{value}”不是班级 {code} 的学员（按学号或身份证号码查找）。",
            "“{value}” is not a trainee of class {code} (looked up as a roll number or an identity number).",
        ),
        "attendance.minutes_needed": (
            "“{status:zh}”需要分钟数：迟到或早退了多少分钟？",
            "“{status:en}” needs the minutes: how many minutes late or early?",
        ),
        "attendance.minutes_not_used": (
            "“{status:zh}”不需要分钟数，只有迟到和早退才填写分钟数。",
            "“{status:en}” takes no minutes; only late and early leave do.",
        ),
        "attendance.card_times_kept": (
            "{name} 在 {when} 这次课有刷卡记录（签到 {time}），改为“{status:zh}”会去掉刷卡时间。"
            "请在考勤页面逐条核对后修改。",
            "{name} has a card record for the session of {when} (signed in {time}); “{status:en}” would drop it. "
            "Check and change it on the attendance screen.",
        ),
        "attendance.restore_reason_required": (
            "恢复以前的考勤值必须填写原因，原因会永久保存在修改记录中。",
            "Restoring an earlier value needs a reason; it is kept for good in the history.",
        ),
        "attendance.revision_unknown": (
            "这条考勤没有第 {revision} 次修改记录。",
            "This mark has no revision {revision}.",
        ),
        "attendance.restore_is_current": (
            "第 {revision} 次修改的值就是现在的值，不需要恢复。",
            "The value of revision {revision} is the current value; nothing to restore.",
        ),
        "attendance.restored_reason": ("恢复为第 {revision} 次修改的值：{reason}",
                                       "Restored the value of revision {revision}: {reason}"),
    }
)


@dataclass(frozen=True)
class MarkChange:
    """One mark a bulk operation set (or found already so)."""

    session_starts_at: datetime  # China time
    roll_no: int
    name: str
    old_status: AttendanceStatus | None
    new_status: AttendanceStatus
    changed: bool


@dataclass(frozen=True)
class BulkMarkReport:
    operation: str  # the reference every audit entry of this operation carries
    changes: tuple[MarkChange, ...]
    sessions: int

    @property
    def changed(self) -> int:
        return sum(1 for c in self.changes if c.changed)

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.changes if not c.changed)


# --- finding sessions and trainees the way a person names them -------------------------------------


def _class_sessions(session: Session, c: TrainingClass) -> list[ClassSession]:
    # The order `skilldesk class show` numbers them in (cancelled ones keep their number).
    return list(session.scalars(select(ClassSession).where(ClassSession.class_id == c.id)
                                .order_by(ClassSession.starts_at)))


def _chosen_sessions(session: Session, c: TrainingClass, *, number: int | None, day: date | None) -> list[ClassSession]:
    every = _class_sessions(session, c)
    if number is not None:
        if not 1 <= number <= len(every):
            raise AttendanceError("attendance.session_number_unknown", code=c.code, number=number, count=len(every))
        return [every[number - 1]]
    if day is not None:
        found = [s for s in every if s.starts_at.astimezone(CHINA_TZ).date() == day and s.status != SessionStatus.CANCELLED]
        if not found:
            raise AttendanceError("attendance.no_session_on_date", code=c.code, day=f"{day:%Y-%m-%d}")
        return found
    return every


def session_ids(db: Database, class_code: str, *, number: int | None = None, day: date | None = None) -> list[int]:
    """The sessions a person means by "session N" (as numbered in the class's session list) or "the
    sessions on this date" (cancelled ones left out); neither: all of the class's sessions."""
    with db.reading() as session:
        c = load_class(session, class_code)
        return [s.id for s in _chosen_sessions(session, c, number=number, day=day)]


def _find_enrolment(session: Session, cipher: PersonalDataCipher, c: TrainingClass, text: str) -> Enrolment:
    raw = (text or "").strip()
    compact = raw.replace(" ", "")
    enrolment = None
    if compact.isdigit() and len(compact) <= 5:
        enrolment = session.scalar(select(Enrolment).where(Enrolment.class_id == c.id, Enrolment.roll_no == int(compact),
                                                           Enrolment.withdrawn_at.is_(None)))
        shown = raw
    else:
        try:
            identity = parse_identity_number(raw)
        except IdentityNumberError as error:
            raise AttendanceError(error.code, **error.params) from None
        shown = identity.masked()
        trainee = session.scalar(select(Trainee).where(Trainee.id_hash == identity_lookup_hash(cipher, identity.value)))
        if trainee is not None:
            enrolment = session.scalar(select(Enrolment).where(Enrolment.class_id == c.id,
                                                               Enrolment.trainee_id == trainee.id,
                                                               Enrolment.withdrawn_at.is_(None)))
    if enrolment is None:
        raise AttendanceError("attendance.trainee_not_found", value=shown, code=c.code)
    return enrolment


# --- the value a status key gives ---------------------------------------------------------------------


def value_for_status(old: MarkValue | None, status: AttendanceStatus, *, minutes: int | None,
                     leave_reason: str | None) -> MarkValue:
    """The mark a status gives over `old`, as the window's status keys make it: the card times stay
    with a status that says the trainee was there, the other kind of minutes stays with 迟到/早退."""
    if status.takes_minutes and minutes is None:
        raise AttendanceError("attendance.minutes_needed", status=status.words)
    if not status.takes_minutes and minutes is not None:
        raise AttendanceError("attendance.minutes_not_used", status=status.words)
    there = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EARLY_LEAVE)
    times = {"sign_in_at": old.sign_in_at if old and there else None,
             "sign_out_at": old.sign_out_at if old and there else None}
    if status is AttendanceStatus.LATE:
        return MarkValue(status, late_minutes=minutes, early_leave_minutes=old.early_leave_minutes if old else 0, **times)
    if status is AttendanceStatus.EARLY_LEAVE:
        return MarkValue(status, late_minutes=old.late_minutes if old else 0, early_leave_minutes=minutes, **times)
    if status is AttendanceStatus.LEAVE:
        return MarkValue(status, leave_reason=leave_reason, **times)
    return MarkValue(status, **times)


# --- bulk marks ---------------------------------------------------------------------------------------


def _mark_many(session: Session, actor: Actor, c: TrainingClass, todo: Sequence[tuple[ClassSession, Enrolment]],
               status: AttendanceStatus, minutes: int | None, reason: str, now: datetime, *,
               operation_kind: str) -> BulkMarkReport:
    operation = new_uid()
    changes: list[MarkChange] = []
    audit_items: list[audit.AuditItem] = []
    for s, enrolment in todo:
        ctx = _context(session, s.id, enrolment.id)
        old = _value_of(ctx.mark) if ctx.mark else None
        value = value_for_status(old, status, minutes=minutes, leave_reason=reason)
        if old is not None and old.sign_in_at is not None and value.sign_in_at is None:
            when = s.starts_at.astimezone(CHINA_TZ)
            raise AttendanceError("attendance.card_times_kept", name=ctx.trainee.name, when=f"{when:%Y-%m-%d %H:%M}",
                                  time=f"{old.sign_in_at.astimezone(CHINA_TZ):%H:%M}", status=status.words)
        row: GridRow = _set_mark(session, actor, s.id, enrolment.id, value, reason, "manual", None, now,
                                 audit_it=False, context=ctx)
        changed = old != row.value
        changes.append(MarkChange(s.starts_at.astimezone(CHINA_TZ), enrolment.roll_no, ctx.trainee.name,
                                  old.status if old else None, row.value.status, changed))
        if changed:  # the window's audit entry for a mark, plus the operation it belongs to
            audit_items.append(audit.AuditItem(
                "attendance.marked", "attendance_mark", ctx.mark.uid, c.id,
                {"session": s.uid, "enrolment": enrolment.uid, "revision": row.revision,
                 "from": old.status.value if old else None, "to": row.value.status.value, "source": "manual",
                 "reason": reason, "operation": operation, "operation_kind": operation_kind}))
    if audit_items:
        audit.record_many(session, actor, audit_items)
    return BulkMarkReport(operation=operation, changes=tuple(changes), sessions=len({s.id for s, _ in todo}))


def _open_class(session: Session, actor: Actor, class_code: str) -> TrainingClass:
    c = load_class(session, class_code)
    _require_own_class(session, actor, c)
    return c


def mark_trainees(db: Database, cipher: PersonalDataCipher, *, actor: Actor, class_code: str,
                  session_number: int | None = None, day: date | None = None, trainee: str | None = None,
                  status: AttendanceStatus, minutes: int | None = None, reason: str,
                  now: datetime | None = None) -> BulkMarkReport:
    """Set one status for one trainee (roll number or identity number) or, with `trainee` None, for
    every trainee on the roster, in session `session_number` or every session of `day`. All or
    nothing; the reason goes to every change's history (a leave's reason is the same text)."""
    require(actor, Permission.MARK_ATTENDANCE)
    now = now or datetime.now(timezone.utc)
    with db.writing() as session:
        c = _open_class(session, actor, class_code)
        sessions = _chosen_sessions(session, c, number=session_number, day=day)
        if trainee is not None:
            enrolments = [_find_enrolment(session, cipher, c, trainee)]
        else:
            enrolments = list(session.scalars(select(Enrolment).where(Enrolment.class_id == c.id,
                                                                      Enrolment.withdrawn_at.is_(None))
                                              .order_by(Enrolment.roll_no)))
        todo = [(s, e) for s in sessions for e in enrolments]
        return _mark_many(session, actor, c, todo, AttendanceStatus(status), minutes, reason, now,
                          operation_kind="marks")


def mark_unmarked_absent(db: Database, *, actor: Actor, class_code: str, reason: str,
                         now: datetime | None = None) -> BulkMarkReport:
    """Every trainee on the roster without a mark in a session already held (ended by `now`, not
    cancelled) is marked absent, in one transaction; marks already taken are never touched."""
    require(actor, Permission.MARK_ATTENDANCE)
    now = now or datetime.now(timezone.utc)
    with db.writing() as session:
        c = _open_class(session, actor, class_code)
        held = [s for s in _class_sessions(session, c)
                if s.status != SessionStatus.CANCELLED and s.ends_at.astimezone(timezone.utc) <= now]
        # A sealed or draft class refuses even when nothing is left to mark.
        refusal = _read_only_reason(c, held[0]) if held else None
        if refusal is not None:
            raise AttendanceError(refusal.code, **refusal.params)
        enrolments = list(session.scalars(select(Enrolment).where(Enrolment.class_id == c.id,
                                                                  Enrolment.withdrawn_at.is_(None))
                                          .order_by(Enrolment.roll_no)))
        marked = set(session.execute(
            select(AttendanceMark.session_id, AttendanceMark.enrolment_id)
            .where(AttendanceMark.session_id.in_([s.id for s in held]))).all()) if held else set()
        todo = [(s, e) for s in held for e in enrolments if (s.id, e.id) not in marked]
        return _mark_many(session, actor, c, todo, AttendanceStatus.ABSENT, None, reason, now,
                          operation_kind="unmarked_absent")


# --- putting an earlier value back ---------------------------------------------------------------------


def restore_mark(db: Database, *, actor: Actor, session_id: int, enrolment_id: int, revision: int, reason: str,
                 expected_revision: int | None = None, now: datetime | None = None) -> GridRow:
    """Make the value a mark had after `revision` its value again: a new revision with its own
    history entry (the reason says which revision came back and why); the old entries stay as they are."""
    require(actor, Permission.MARK_ATTENDANCE)
    now = now or datetime.now(timezone.utc)
    reason = (reason or "").strip()
    if not reason:
        raise AttendanceError("attendance.restore_reason_required")
    with db.writing() as session:
        _require_own_class(session, actor, _session_and_class(session, session_id)[1])
        mark = session.scalar(select(AttendanceMark).where(AttendanceMark.session_id == session_id,
                                                           AttendanceMark.enrolment_id == enrolment_id))
        entry = None if mark is None else session.scalar(
            select(AttendanceMarkHistory).where(AttendanceMarkHistory.mark_id == mark.id,
                                                AttendanceMarkHistory.revision == revision))
        if entry is None:
            raise AttendanceError("attendance.revision_unknown", revision=revision)
        value = MarkValue.from_dict(entry.new_value)
        if value == _value_of(mark) and (expected_revision is None or expected_revision == mark.revision):
            raise AttendanceError("attendance.restore_is_current", revision=revision)
        written = messages.render("attendance.restored_reason", "zh", revision=revision, reason=reason)
        return _set_mark(session, actor, session_id, enrolment_id, value, written, "restore", expected_revision, now)
