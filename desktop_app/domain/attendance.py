"""Attendance arithmetic: mark values, credited minutes, a trainee's rate, hours and completion, the edit lock."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal
from typing import Hashable, Mapping, Sequence

from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.domain.levels import SkillLevel
from desktop_app.domain.policy import LatenessRule, LockPeriod, Policy
from desktop_app.domain.schedule import CHINA_TZ, SessionKind
from desktop_app.messages import Problem, UserFacingError, register

MAX_LEAVE_REASON_LENGTH = 200

MESSAGES = register(
    {
        # ------------------------------------------------------------ one mark
        "attendance.status_unknown": (
            "{where:zh}考勤状态“{value}”无法识别。可用的状态：出勤、迟到、早退、请假、缺勤"
            "（在考勤表中可按数字键 1–5 或字母 P、L、E、Q、A 选择）。",
            "{where:en}The attendance status “{value}” is not recognised. Use one of: present, late, "
            "early leave, leave, absent (keys 1–5 or the letters P, L, E, Q, A in the attendance grid).",
        ),
        "attendance.late_minutes_range": (
            "{where:zh}迟到分钟数填的是 {value}，应在 1 到 {session_minutes} 之间（这次课共 {session_minutes} 分钟）。"
            "请填写实际迟到的分钟数；如果整次课都没来，请把状态改为“缺勤”。",
            "{where:en}The minutes late are {value}; they must be between 1 and {session_minutes} "
            "(the session lasts {session_minutes} minutes). Enter the minutes actually missed; if the "
            "trainee missed the whole session, mark them absent instead.",
        ),
        "attendance.early_minutes_range": (
            "{where:zh}早退分钟数填的是 {value}，应在 1 到 {session_minutes} 之间（这次课共 {session_minutes} 分钟）。"
            "请填写实际提前离开的分钟数；如果整次课都没来，请把状态改为“缺勤”。",
            "{where:en}The minutes of early leave are {value}; they must be between 1 and "
            "{session_minutes} (the session lasts {session_minutes} minutes). Enter the minutes actually "
            "missed; if the trainee missed the whole session, mark them absent instead.",
        ),
        "attendance.minutes_exceed_session": (
            "{where:zh}迟到 {late} 分钟加早退 {early} 分钟共 {total} 分钟，超过了这次课的 {session_minutes} 分钟。"
            "请核对分钟数；如果学员实际上没有上课，请把状态改为“缺勤”。",
            "{where:en}{late} minutes late plus {early} minutes of early leave make {total} minutes, "
            "more than the {session_minutes} minutes of the session. Check the minutes; if the trainee "
            "did not really attend, mark them absent instead.",
        ),
        "attendance.minutes_not_allowed": (
            "{where:zh}状态是“{status:zh}”，不能填写迟到或早退分钟数（现在填的是迟到 {late} 分钟、早退 {early} 分钟）。"
            "请把分钟数清零，或把状态改为“迟到”或“早退”。",
            "{where:en}The status is “{status:en}”, which takes no minutes late or early (entered: "
            "{late} minutes late, {early} minutes early). Clear the minutes, or change the status to "
            "late or early leave.",
        ),
        "attendance.leave_reason_missing": (
            "{where:zh}标为“请假”时必须填写请假原因，例如“病假”或“事假：家中有事”。请填写原因后再保存。",
            "{where:en}A leave mark needs the reason for the leave, for example “sick leave” or "
            "“personal leave: family matter”. Enter the reason, then save.",
        ),
        "attendance.leave_reason_too_long": (
            "{where:zh}请假原因有 {length} 个字，超过了 {maximum} 字的上限。请精简到 {maximum} 字以内；"
            "详细材料（如病假条）请另行存档。",
            "{where:en}The reason for the leave is {length} characters long, more than the limit of "
            "{maximum}. Shorten it to {maximum} characters; keep supporting documents (such as a "
            "doctor's note) on file separately.",
        ),
        "attendance.reason_without_leave": (
            "{where:zh}只有“请假”需要填写请假原因，但状态是“{status:zh}”。请清空请假原因，或把状态改为“请假”。",
            "{where:en}Only a leave mark carries a reason for the leave, but the status is "
            "“{status:en}”. Clear the reason, or change the status to leave.",
        ),
        "attendance.sign_out_before_sign_in": (
            "{where:zh}签退时间 {sign_out} 早于签到时间 {sign_in}。请核对两次打卡的时间"
            "（常见原因：两列填反了，或日期填错了）。",
            "{where:en}The sign-out time {sign_out} is before the sign-in time {sign_in}. Check both "
            "times (usually the two columns are swapped or a date is wrong).",
        ),
        # ------------------------------------------------------------ completion (stored: plain params)
        "attendance.rate_low": (
            "学员{trainee}按全部计划课时计的出勤率为 {rate}%（实到 {attended} 课时 / 计划 {scheduled} 课时），低于结业要求的 "
            "{minimum}%（补贴规则“{policy}”）。请先核对是否有漏记或记错的考勤；确属缺课的，需安排补课，"
            "否则不能结业和申领补贴。",
            "Trainee {trainee} attended {rate}% of all planned lessons ({attended} of {scheduled}), below the "
            "{minimum}% required for completion (subsidy rules “{policy}”). First check for missing or "
            "wrong marks; if the sessions were really missed, arrange make-up sessions, otherwise the "
            "trainee cannot complete or be subsidised.",
        ),
        "attendance.hours_low": (
            "学员{trainee}累计 {total} 课时（线下 {offline}、线上计入 {online}），少于{level_name}培训至少 {minimum} 课时的要求"
            "（补贴规则“{policy}”）。请核对考勤和线上学习记录；确实不足的，需补足 {missing} 课时后才能结业。",
            "Trainee {trainee} has {total} lessons in total ({offline} in class, {online} online "
            "credited), fewer than the {minimum} required for {level_name} (subsidy rules "
            "“{policy}”). Check the marks and the online-learning records; if hours are really "
            "missing, {missing} more lessons are needed before completion.",
        ),
        "attendance.practice_low": (
            "学员{trainee}的实操课时只占线下出勤的 {percent}%（实操 {practice} 课时 / 共 {attended} 课时），"
            "低于要求的 {minimum}%（补贴规则“{policy}”）。请核对实操课的考勤；确实不足的，需补上实操课。",
            "Practice is only {percent}% of the lessons trainee {trainee} attended in class "
            "({practice} of {attended}), below the required {minimum}% (subsidy rules “{policy}”). "
            "Check the marks of the practice sessions; if practice is really missing, arrange "
            "make-up practice sessions.",
        ),
        "attendance.unmarked_sessions": (
            "学员{trainee}还有 {count} 次课未考勤。请在考勤表中补齐这些课的考勤（出勤、请假或缺勤）后再办理结业。",
            "Trainee {trainee} still has {count} sessions without an attendance mark. Fill them in "
            "(present, leave or absent) in the attendance grid before completing the class.",
        ),
        "attendance.no_sessions": (
            "学员{trainee}所在班级没有安排任何（未取消的）课，无法计算出勤。请先在“课程安排”里排课。",
            "The class of trainee {trainee} has no (uncancelled) sessions, so attendance cannot be "
            "counted. Schedule the sessions first.",
        ),
        # ------------------------------------------------------------ while the class runs
        "attendance.needs_attention": (
            "学员{trainee}在已上的课中出勤率为 {rate}%（已上 {held} 课时，出勤 {attended} 课时），低于结业要求的 "
            "{minimum}%（补贴规则“{policy}”）。剩余的课全部出勤，按全部计划课时计最高可达 {best}%，仍可达标；"
            "请提醒学员按时上课，并核对是否有漏记或记错的考勤。",
            "Trainee {trainee} attended {rate}% of the sessions held so far ({attended} of {held} lessons), "
            "below the {minimum}% required for completion (subsidy rules “{policy}”). Attending every "
            "remaining session gives at most {best}% of all planned lessons, so completion is still possible; "
            "remind the trainee, and check for missing or wrong marks.",
        ),
        "attendance.cannot_complete": (
            "学员{trainee}即使剩余的课全部出勤，按全部计划课时计的出勤率最高也只有 {best}%（最多 {best_lessons} / "
            "{planned} 课时），达不到结业要求的 {minimum}%（补贴规则“{policy}”）。请先核对考勤是否漏记或记错；"
            "确属缺课的，需安排补课才能结业。",
            "Even attending every remaining session, trainee {trainee} can reach at most {best}% of all planned "
            "lessons ({best_lessons} of {planned}), short of the {minimum}% required for completion (subsidy "
            "rules “{policy}”). First check for missing or wrong marks; if the sessions were really missed, "
            "make-up sessions are needed before completion.",
        ),
    }
)

# Findings that do not say the trainee failed, only that the record is unfinished; they still
# block completion until resolved.
WARNING_CODES = frozenset({"attendance.unmarked_sessions"})


class AttendanceError(UserFacingError):
    """A mark that cannot be saved as entered."""


class AttendanceStatus(LabelledEnum):
    PRESENT = "present", "出勤", "present"
    LATE = "late", "迟到", "late"
    EARLY_LEAVE = "early_leave", "早退", "early leave"
    LEAVE = "leave", "请假", "leave"
    ABSENT = "absent", "缺勤", "absent"

    @property
    def shortcut(self) -> str:
        """The digit key that sets this status in the attendance grid."""
        return _STATUS_KEYS[self][0]

    @property
    def letter(self) -> str:
        """The letter key that also sets it (Q for 请假, which has no English initial to spare)."""
        return _STATUS_KEYS[self][1]

    @property
    def takes_minutes(self) -> bool:
        return self in (AttendanceStatus.LATE, AttendanceStatus.EARLY_LEAVE)


_STATUS_KEYS = {
    AttendanceStatus.PRESENT: ("1", "P"),
    AttendanceStatus.LATE: ("2", "L"),
    AttendanceStatus.EARLY_LEAVE: ("3", "E"),
    AttendanceStatus.LEAVE: ("4", "Q"),
    AttendanceStatus.ABSENT: ("5", "A"),
}
_KEYS = {key: status for status, keys in _STATUS_KEYS.items() for key in keys}


def status_for_key(key: str) -> AttendanceStatus | None:
    """The status a grid key press stands for: 1–5 or P/L/E/Q/A (any case, full-width too); else None."""
    if not key:
        return None
    # A Chinese input method may send full-width "１" or "Ｐ".
    text = unicodedata.normalize("NFKC", key).strip().upper()
    return _KEYS.get(text)


def _china(moment: datetime) -> datetime:
    """An aware datetime in China time; a naive one is taken to be China time already."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ)


def _where(trainee: str | None, session: str | None) -> Bilingual:
    """The optional "who and which session" lead-in of a mark message."""
    if trainee and session:
        return Bilingual(f"学员{trainee}（{session}）：", f"Trainee {trainee} ({session}): ")
    if trainee:
        return Bilingual(f"学员{trainee}：", f"Trainee {trainee}: ")
    if session:
        return Bilingual(f"{session}：", f"{session}: ")
    return Bilingual("", "")


@dataclass(frozen=True)
class MarkValue:
    """One trainee's attendance in one session, as stored in a mark and in its history.

    A status given as text ("late") is turned into the enum; timestamps are kept as given
    (validate_mark makes them aware China time).
    """

    status: AttendanceStatus
    late_minutes: int = 0
    early_leave_minutes: int = 0
    leave_reason: str | None = None
    sign_in_at: datetime | None = None
    sign_out_at: datetime | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.status, AttendanceStatus):
            try:
                object.__setattr__(self, "status", AttendanceStatus(str(self.status).strip().lower()))
            except ValueError:
                raise AttendanceError("attendance.status_unknown", value=self.status,
                                      where=_where(None, None)) from None

    def to_dict(self) -> dict[str, object]:
        """JSON-able form for the history table; timestamps as ISO 8601 with their offset."""
        return {
            "status": self.status.value,
            "late_minutes": self.late_minutes,
            "early_leave_minutes": self.early_leave_minutes,
            "leave_reason": self.leave_reason,
            "sign_in_at": self.sign_in_at.isoformat() if self.sign_in_at else None,
            "sign_out_at": self.sign_out_at.isoformat() if self.sign_out_at else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> MarkValue:
        """Inverse of to_dict; missing optional keys take their defaults, naive times are China time."""

        def moment(key: str) -> datetime | None:
            value = data.get(key)
            if value in (None, ""):
                return None
            if isinstance(value, datetime):
                return _china(value)
            return _china(datetime.fromisoformat(str(value)))

        return cls(
            status=data["status"],  # type: ignore[arg-type]  # coerced in __post_init__
            late_minutes=int(data.get("late_minutes") or 0),  # type: ignore[arg-type]
            early_leave_minutes=int(data.get("early_leave_minutes") or 0),  # type: ignore[arg-type]
            leave_reason=data.get("leave_reason") or None,  # type: ignore[arg-type]
            sign_in_at=moment("sign_in_at"),
            sign_out_at=moment("sign_out_at"),
        )


def validate_mark(
    value: MarkValue, *, session_minutes: int, trainee: str | None = None, session: str | None = None
) -> MarkValue:
    """The mark as it may be saved (reason trimmed, times made aware China time), or AttendanceError.

    `session_minutes` is the wall-clock length of the sitting (ends_at − starts_at). For 迟到 and
    早退 the minutes of that status must be 1..session_minutes; the other kind may also be set
    (a trainee can be both late and leave early, see punches.mark_from_times), but together they
    cannot exceed the session. Other statuses take no minutes. Only 请假 carries a reason, and it
    must. `trainee` and `session` only make the message name who and which session.
    """
    where = _where(trainee, session)
    status = value.status
    late, early = int(value.late_minutes), int(value.early_leave_minutes)
    if status.takes_minutes:
        own, other = (late, early) if status is AttendanceStatus.LATE else (early, late)
        own_code, other_code = (
            ("attendance.late_minutes_range", "attendance.early_minutes_range")
            if status is AttendanceStatus.LATE
            else ("attendance.early_minutes_range", "attendance.late_minutes_range")
        )
        if not 1 <= own <= session_minutes:
            raise AttendanceError(own_code, where=where, value=own, session_minutes=session_minutes)
        if not 0 <= other <= session_minutes:
            raise AttendanceError(other_code, where=where, value=other, session_minutes=session_minutes)
        if late + early > session_minutes:
            raise AttendanceError("attendance.minutes_exceed_session", where=where, late=late, early=early,
                                  total=late + early, session_minutes=session_minutes)
    elif late or early:
        raise AttendanceError("attendance.minutes_not_allowed", where=where, status=status.words, late=late,
                              early=early)
    reason = (value.leave_reason or "").strip() or None
    if status is AttendanceStatus.LEAVE:
        if reason is None:
            raise AttendanceError("attendance.leave_reason_missing", where=where)
        if len(reason) > MAX_LEAVE_REASON_LENGTH:
            raise AttendanceError("attendance.leave_reason_too_long", where=where, length=len(reason),
                                  maximum=MAX_LEAVE_REASON_LENGTH)
    elif reason is not None:
        raise AttendanceError("attendance.reason_without_leave", where=where, status=status.words)
    sign_in = _china(value.sign_in_at) if value.sign_in_at else None
    sign_out = _china(value.sign_out_at) if value.sign_out_at else None
    if sign_in and sign_out and sign_out < sign_in:
        raise AttendanceError("attendance.sign_out_before_sign_in", where=where,
                              sign_in=sign_in.strftime("%Y-%m-%d %H:%M:%S"),
                              sign_out=sign_out.strftime("%Y-%m-%d %H:%M:%S"))
    return MarkValue(status, late, early, reason, sign_in, sign_out)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def credited_minutes(value: MarkValue | None, *, lessons: int, lesson_minutes: int, policy: Policy) -> int:
    """Minutes of a session that count toward the trainee's hours.

    Unmarked, 缺勤 and 请假 earn nothing; 出勤 earns lessons × lesson_minutes. For 迟到/早退 each
    of the two absences is forgiven when it is within policy.late_grace_minutes, and otherwise
    deducted in full (6 minutes late with a 5-minute grace loses 6 minutes, not 1). Under
    LatenessRule.MINUTES exactly those minutes are deducted; under WHOLE_LESSONS the lessons they
    touch are: ceil(late / lesson_minutes) + ceil(early / lesson_minutes), counted per side because
    arriving late spoils the first lesson and leaving early the last one. Clamped to 0..full.
    """
    full = max(0, int(lessons)) * int(lesson_minutes)
    if value is None or value.status in (AttendanceStatus.ABSENT, AttendanceStatus.LEAVE):
        return 0
    if value.status is AttendanceStatus.PRESENT:
        return full
    grace = max(0, int(policy.late_grace_minutes))
    missed = [m for m in (int(value.late_minutes), int(value.early_leave_minutes)) if m > grace]
    if policy.lateness_rule is LatenessRule.MINUTES:
        deducted = sum(missed)
    else:
        deducted = sum(_ceil_div(m, lesson_minutes) for m in missed) * lesson_minutes
    return max(0, min(full, full - deducted))


# ---------------------------------------------------------------------------- one trainee


class Standing(LabelledEnum):
    """Where a trainee stands, in the words the window, the CLI and the workbook all use.

    While sessions remain (a summary `as_of` a moment before the last one ends): on track,
    needs attention (the rate of the sessions held so far is below the policy's minimum, but
    full attendance from now on still reaches it) or cannot complete (not even full attendance
    at every remaining session reaches the minimum rate of all planned lessons, or the level's
    minimum lessons). Once every session has been held: eligible or not.
    """

    ON_TRACK = "on_track", "培训中", "In training"
    NEEDS_ATTENTION = "needs_attention", "需关注", "Needs attention"
    CANNOT_COMPLETE = "cannot_complete", "无法达标", "Cannot complete"
    ELIGIBLE = "eligible", "符合", "Eligible"
    NOT_ELIGIBLE = "not_eligible", "不符合", "Not eligible"

    @property
    def is_warning(self) -> bool:
        """Shown in colour: the trainee needs someone to act."""
        return self in (Standing.NEEDS_ATTENTION, Standing.CANNOT_COMPLETE, Standing.NOT_ELIGIBLE)


@dataclass(frozen=True)
class SessionFacts:
    """What the summary needs to know about one session of the class."""

    session_id: Hashable
    kind: SessionKind
    lessons: int
    starts_at: datetime
    ends_at: datetime
    cancelled: bool = False
    # Whether attendance was taken at all (anyone of the class has a mark in it). An ended
    # session nobody has marked yet is not "held" for the rate so far: the teacher may still
    # be entering the marks, and an unrecorded session must not turn the whole class red.
    recorded: bool = True


_TENTH = Decimal("0.1")


def _tenths(part: int, whole: int, scale: int = 1) -> Decimal:
    """part / whole × scale to one decimal, rounded DOWN so a shortfall never displays as reached."""
    if whole <= 0:
        return Decimal("0.0")
    return (Decimal(part) * scale / Decimal(whole)).quantize(_TENTH, rounding=ROUND_DOWN)


def _ceil_tenths(minutes: int, lesson_minutes: int) -> Decimal:
    """Lessons still missing, rounded UP to 0.1 so that adding them really reaches the minimum."""
    return (Decimal(minutes) / Decimal(lesson_minutes)).quantize(_TENTH, rounding=ROUND_CEILING)


@dataclass(frozen=True)
class TraineeAttendance:
    """A trainee's attendance in one class: minutes (the unit of record), the two rates and the
    completion verdict.

    The two rates, each with one definition (and each shown with its label):
    - `rate_percent`, the rate OF THE SESSIONS HELD SO FAR: credited minutes in the sessions held
      / the minutes of those sessions. A session is held once it has ended (by `as_of`) and
      attendance was taken in it; without `as_of`, every session counts as held.
    - `planned_rate_percent`, the rate OF ALL PLANNED LESSONS: credited minutes in every session
      / the minutes of every non-cancelled session. Completion is judged on this one.
    Both are rounded down to 0.1, so a shortfall never displays as reached.
    """

    enrolment_id: Hashable
    trainee_name: str
    lesson_minutes: int
    planned_minutes: int  # every non-cancelled session of the class
    scheduled_minutes: int  # the sessions held so far (see the class docstring)
    attended_minutes: int  # offline minutes credited from the marks
    practice_minutes: int  # the part of attended_minutes in practice sessions
    online_reported_minutes: int
    online_credited_minutes: int
    total_minutes: int  # attended + online credited
    rate_percent: Decimal  # of the sessions held so far
    unmarked_sessions: int  # sessions over by as_of (all, without it) without a mark for this trainee
    eligible: bool
    reasons: tuple[Problem, ...]
    standing: Standing = Standing.ON_TRACK
    held_attended_minutes: int = 0  # credited minutes in the sessions held so far
    planned_rate_percent: Decimal = Decimal("0.0")  # of all planned lessons
    best_rate_percent: Decimal = Decimal("0.0")  # of all planned lessons, attending everything remaining
    in_progress: bool = False  # sessions remain after `as_of`

    @property
    def at_risk(self) -> bool:
        """Needs attention or cannot complete (only while the class runs)."""
        return self.standing in (Standing.NEEDS_ATTENTION, Standing.CANNOT_COMPLETE)

    @property
    def held_lessons(self) -> Decimal:
        return _tenths(self.scheduled_minutes, self.lesson_minutes)

    @property
    def held_attended_lessons(self) -> Decimal:
        return _tenths(self.held_attended_minutes, self.lesson_minutes)

    @property
    def planned_lessons(self) -> Decimal:
        return _tenths(self.planned_minutes, self.lesson_minutes)

    @property
    def attended_lessons(self) -> Decimal:
        return _tenths(self.attended_minutes, self.lesson_minutes)

    @property
    def total_lessons(self) -> Decimal:
        return _tenths(self.total_minutes, self.lesson_minutes)

    @property
    def practice_lessons(self) -> Decimal:
        return _tenths(self.practice_minutes, self.lesson_minutes)

    @property
    def online_reported_lessons(self) -> Decimal:
        return _tenths(self.online_reported_minutes, self.lesson_minutes)

    @property
    def online_credited_lessons(self) -> Decimal:
        return _tenths(self.online_credited_minutes, self.lesson_minutes)

    @property
    def practice_percent(self) -> Decimal:
        return _tenths(self.practice_minutes, self.attended_minutes, 100)


def credited_online_minutes(*, reported: int, offline_minutes: int, cap_percent: int) -> int:
    """Online minutes that count: at most cap_percent of the credited total (offline + online).

    online ≤ cap% × (offline + online)  ⇔  online ≤ offline × cap / (100 − cap), rounded down.
    Cap 100 counts everything reported, cap 0 nothing; with no offline attendance, nothing
    (online learning tops up classroom training, it does not replace it).
    """
    reported, offline, cap = max(0, int(reported)), max(0, int(offline_minutes)), int(cap_percent)
    if cap >= 100:
        return reported
    if cap <= 0:
        return 0
    return min(reported, offline * cap // (100 - cap))


def summarise_trainee(
    *,
    enrolment_id: Hashable,
    trainee_name: str,
    sessions: Sequence[SessionFacts],
    marks: Mapping[Hashable, MarkValue],
    online_minutes: int,
    level: int,
    policy: Policy,
    as_of: datetime | None = None,
) -> TraineeAttendance:
    """Rates, hours, completion and standing of one trainee.

    Minutes are lessons × policy.lesson_minutes over the non-cancelled sessions; leave counts as
    not attended. The two rates are defined on TraineeAttendance. Completion is always judged on
    the whole class and every reason is collected: the rate of all planned lessons below the
    minimum, total 课时 below the level's minimum, practice below its share of the offline
    attendance, sessions still unmarked.

    The standing (only with `as_of`, while a session remains after it): CANNOT_COMPLETE when even
    full attendance at every remaining session — those not yet held, and held ones still without
    a mark for this trainee, which may yet be entered from paper — cannot reach the minimum rate
    of all planned lessons or the level's minimum lessons; NEEDS_ATTENTION when the rate of the
    sessions held so far is below the minimum; ON_TRACK otherwise. Nothing held yet is on track:
    on the first day nobody is flagged for sessions that have not happened or not been marked.
    Without `as_of`, or once every session has ended: ELIGIBLE or NOT_ELIGIBLE.
    Marks of cancelled or unknown sessions are ignored.
    """
    lesson_minutes = int(policy.lesson_minutes)
    cutoff = _china(as_of) if as_of is not None else None
    live = [s for s in sessions if not s.cancelled]
    planned = attended = practice = held = attended_held = 0
    unmarked_all = unmarked_held = open_minutes = 0
    remaining = False
    for session in live:
        full = int(session.lessons) * lesson_minutes
        mark = marks.get(session.session_id)
        if mark is None:
            earned = 0
        elif mark.status is AttendanceStatus.PRESENT:  # most marks: skip the call
            earned = full
        else:
            earned = credited_minutes(mark, lessons=session.lessons, lesson_minutes=lesson_minutes, policy=policy)
        ended = cutoff is None or _china(session.ends_at) <= cutoff
        remaining = remaining or not ended
        planned += full
        attended += earned
        if session.kind == SessionKind.PRACTICE:
            practice += earned
        if mark is None:
            unmarked_all += 1
            open_minutes += full  # still to come, or still to be entered
        if ended and mark is None:
            unmarked_held += 1  # over and still without a mark, recorded for others or not
        if ended and (session.recorded or cutoff is None):
            held += full
            attended_held += earned
    cap = int(policy.online_hours_cap_percent)
    online = credited_online_minutes(reported=online_minutes, offline_minutes=attended, cap_percent=cap)
    total = attended + online
    minimum_rate = int(policy.min_attendance_rate_percent)
    minimum_minutes = int(policy.min_hours_for_level(level)) * lesson_minutes
    best = attended + open_minutes
    best_total = best + credited_online_minutes(reported=online_minutes, offline_minutes=best, cap_percent=cap)
    held_rate = _tenths(attended_held, held, 100)
    planned_rate = _tenths(attended, planned, 100)
    best_rate = _tenths(best, planned, 100)

    def lessons(minutes: int) -> str:
        return str(_tenths(minutes, lesson_minutes))

    reasons: list[Problem] = []
    common = {"trainee": trainee_name, "policy": policy.name}
    if planned == 0:
        reasons.append(Problem("attendance.no_sessions", {"trainee": trainee_name}))
    elif attended * 100 < minimum_rate * planned:
        reasons.append(Problem("attendance.rate_low", {
            **common, "rate": str(planned_rate), "minimum": minimum_rate,
            "attended": lessons(attended), "scheduled": lessons(planned)}))
    if total < minimum_minutes:
        reasons.append(Problem("attendance.hours_low", {
            **common, "total": lessons(total), "offline": lessons(attended), "online": lessons(online),
            "minimum": policy.min_hours_for_level(level), "level_name": SkillLevel(int(level)).label_zh,
            "missing": str(_ceil_tenths(minimum_minutes - total, lesson_minutes))}))
    if attended > 0 and practice * 100 < int(policy.min_practice_percent) * attended:
        reasons.append(Problem("attendance.practice_low", {
            **common, "percent": str(_tenths(practice, attended, 100)), "minimum": int(policy.min_practice_percent),
            "practice": lessons(practice), "attended": lessons(attended)}))
    if unmarked_all:
        reasons.append(Problem("attendance.unmarked_sessions", {"trainee": trainee_name, "count": unmarked_all}))
    eligible = not reasons

    in_progress = cutoff is not None and remaining
    if not in_progress:
        standing = Standing.ELIGIBLE if eligible else Standing.NOT_ELIGIBLE
    elif (planned > 0 and best * 100 < minimum_rate * planned) or best_total < minimum_minutes:
        standing = Standing.CANNOT_COMPLETE
        if planned > 0 and best * 100 < minimum_rate * planned:
            reasons.insert(0, Problem("attendance.cannot_complete", {
                **common, "best": str(best_rate), "best_lessons": lessons(best), "planned": lessons(planned),
                "minimum": minimum_rate}))
    elif held > 0 and attended_held * 100 < minimum_rate * held:
        standing = Standing.NEEDS_ATTENTION
        reasons.insert(0, Problem("attendance.needs_attention", {
            **common, "rate": str(held_rate), "held": lessons(held), "attended": lessons(attended_held),
            "minimum": minimum_rate, "best": str(best_rate)}))
    else:
        standing = Standing.ON_TRACK

    return TraineeAttendance(
        enrolment_id=enrolment_id,
        trainee_name=trainee_name,
        lesson_minutes=lesson_minutes,
        planned_minutes=planned,
        scheduled_minutes=held,
        attended_minutes=attended,
        practice_minutes=practice,
        online_reported_minutes=max(0, int(online_minutes)),
        online_credited_minutes=online,
        total_minutes=total,
        rate_percent=held_rate,
        unmarked_sessions=unmarked_held,
        eligible=eligible,
        reasons=tuple(reasons),
        standing=standing,
        held_attended_minutes=attended_held,
        planned_rate_percent=planned_rate,
        best_rate_percent=best_rate,
        in_progress=in_progress,
    )


# ---------------------------------------------------------------------------- the edit lock


def lock_time(*, session_ends_at: datetime, lock_period: LockPeriod) -> datetime | None:
    """When a session's marks lock (aware, China time); None if they never do."""
    if LockPeriod(lock_period) is LockPeriod.NONE:
        return None
    day = _china(session_ends_at).date()
    return datetime.combine(day + timedelta(days=1), time(0, 0), CHINA_TZ)


def is_locked(*, session_ends_at: datetime, now: datetime, lock_period: LockPeriod) -> bool:
    """END_OF_DAY: locked from 00:00 China time after the day the session ended; NONE: never."""
    locks_at = lock_time(session_ends_at=session_ends_at, lock_period=lock_period)
    return locks_at is not None and _china(now) >= locks_at


def change_needs_reason(*, session_ends_at: datetime, now: datetime, lock_period: LockPeriod) -> bool:
    """Whether changing a mark now is a correction that must give a reason (= the marks are locked)."""
    return is_locked(session_ends_at=session_ends_at, now=now, lock_period=lock_period)

