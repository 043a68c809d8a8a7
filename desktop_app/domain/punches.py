"""Attendance-machine punches and online-learning amounts: from the text of a file's cells to marks and minutes."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from typing import Callable, Hashable, NamedTuple, Sequence

from desktop_app.domain.attendance import AttendanceStatus, MarkValue, validate_mark
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.identity import mask_identity_number
from desktop_app.domain.policy import Policy
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.messages import Problem, UserFacingError, register

MESSAGES = register(
    {
        # ------------------------------------------------------------ one cell
        "punch.time_empty": (
            "打卡时间是空的。请填写打卡的日期和时间，例如“2026-12-01 08:25”。",
            "The punch time is empty. Enter the date and time of the punch, for example “2026-12-01 08:25”.",
        ),
        "punch.time_invalid": (
            "打卡时间“{value}”看不懂。请使用日期加时间的写法，例如“2026-12-01 08:25”“2026/12/1 8:25:03”"
            "“2026年12月1日 8:25”或“2026-12-01T08:25:00+08:00”；不带时区的时间按北京时间计。",
            "The punch time “{value}” is not understood. Write a date and a time, for example "
            "“2026-12-01 08:25”, “2026/12/1 8:25:03”, “2026年12月1日 8:25” or "
            "“2026-12-01T08:25:00+08:00”; a time without a time zone is taken as China time.",
        ),
        "online.amount_empty": (
            "线上学习时长是空的。请填写学习时长，例如“12”“12.5小时”或“90分钟”；没有线上学习的学员请删去这一行。",
            "The online-learning amount is empty. Enter the time spent, for example “12”, “12.5小时” or "
            "“90分钟”; leave out trainees who did no online learning.",
        ),
        "online.amount_invalid": (
            "线上学习时长“{value}”无法识别或不是正数。请填写大于 0 的时长，可带单位，例如“12”“12.5小时”“90分钟”"
            "“1.5h”（不带单位时按{unit:zh}计；“课时”长度因规则而异，请换算成小时或分钟）。",
            "The online-learning amount “{value}” is not understood or not positive. Enter a time "
            "greater than 0, with or without a unit, for example “12”, “12.5小时”, “90分钟”, “1.5h” "
            "(without a unit it is read as {unit:en}; lessons (课时) differ in length between rule "
            "sets, so convert them to hours or minutes).",
        ),
        "online.amount_absurd": (
            "线上学习时长“{value}”折合 {hours} 小时，超过了 {maximum} 小时的合理上限。"
            "请核对数值和单位（常见原因：把分钟数填在了按小时计的列里）。",
            "The online-learning amount “{value}” comes to {hours} hours, more than the plausible "
            "maximum of {maximum} hours. Check the number and the unit (usually minutes were entered "
            "in a column read as hours).",
        ),
        # ------------------------------------------------------------ a file of punches (per row)
        "punch.duplicate": (
            "第 {row} 行：{person} 在 {time} 重复打卡（与第 {first_row} 行是同一人同一分钟），已忽略这一条，无需处理。",
            "Row {row}: the punch of {person} at {time} repeats row {first_row} (same person, same "
            "minute) and was ignored. Nothing to do.",
        ),
        "punch.before_class": (
            "第 {row} 行：{person} 的打卡时间 {time} 早于开班日期 {class_start}，没有计入考勤。"
            "请核对考勤机的日期设置，或是否导入了其他班级的打卡记录。",
            "Row {row}: the punch of {person} at {time} is before the class started on "
            "{class_start} and was not counted. Check the date setting of the attendance machine, "
            "or whether the file holds another class's punches.",
        ),
        "punch.after_class": (
            "第 {row} 行：{person} 的打卡时间 {time} 晚于结业日期 {class_end}，没有计入考勤。"
            "请核对考勤机的日期设置，或是否导入了其他班级的打卡记录。",
            "Row {row}: the punch of {person} at {time} is after the class ended on {class_end} "
            "and was not counted. Check the date setting of the attendance machine, or whether the "
            "file holds another class's punches.",
        ),
        "punch.outside_sessions": (
            "第 {row} 行：{person} 的打卡时间 {time} 不在任何一次课的签到、签退时段内（课前 {early} 分钟到课后 "
            "{late} 分钟），没有计入考勤。如果那天确实上了课，请检查课程安排的时间，或在考勤表中手工登记。",
            "Row {row}: the punch of {person} at {time} is not within the sign-in or sign-out time of "
            "any session ({early} minutes before to {late} minutes after a session) and was not "
            "counted. If there really was a session then, check the schedule's times or mark the "
            "attendance by hand in the grid.",
        ),
    }
)

# Findings about rows that change nothing (the punch was a harmless repeat).
WARNING_CODES = frozenset({"punch.duplicate"})

SIGN_IN = "sign_in"
SIGN_OUT = "sign_out"
OUTSIDE = "outside"

MAX_ONLINE_HOURS = 1000


class PunchError(UserFacingError):
    """A punch time or an online-learning amount that cannot be read; the message echoes the cell."""


# ---------------------------------------------------------------------------- punch times

_INVISIBLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
# Excel stores dates as days since 1899-12-30 (the 1900 leap-year bug folded in); only serials
# in 2000..2099 are taken as dates, so that a stray "2026" or "830" is not read as 1905 or 1902.
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_SERIAL = re.compile(r"(\d{5})(?:\.(\d+))?", re.ASCII)
_EXCEL_FIRST, _EXCEL_LAST = 36526, 73050  # 2000-01-01, 2099-12-31
_DATE_TIME = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:\s*T\s*|\s+)"
    r"(AM|PM)?\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d*)?)?"
    r"\s*(AM|PM)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.ASCII,
)
_CHINESE_PARTS = str.maketrans({"年": "-", "月": "-", "日": " ", "号": " ", "时": ":", "点": ":", "分": ":", "秒": " "})
_DAY_HALVES = {"上午": "AM", "早上": "AM", "凌晨": "AM", "中午": "PM", "下午": "PM", "晚上": "PM"}


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE).strip()


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_punch_time(text: str, *, default_tz: tzinfo = CHINA_TZ) -> datetime:
    """An aware datetime in `default_tz` from what a punch file holds in a time cell.

    Accepts ISO-like "2026-12-01 08:25", "2026/12/1 8:25:03", "2026-12-01T08:25:00+08:00",
    "…Z", Chinese "2026年12月1日 8:25" / "8时25分", 上午/下午 or AM/PM, and Excel serial numbers
    written as text ("46357.35"). A time without a zone is `default_tz` (China time); a time with
    one is converted. Anything else raises PunchError punch.time_invalid echoing the cell.
    """
    raw = "" if text is None else str(text)
    cleaned = _clean(raw)
    if not cleaned:
        raise PunchError("punch.time_empty")
    value = cleaned.upper()
    serial = _EXCEL_SERIAL.fullmatch(value)
    if serial:
        days = Decimal(value)
        if not _EXCEL_FIRST <= days < _EXCEL_LAST + 1:
            raise PunchError("punch.time_invalid", value=raw.strip())
        seconds = int((days * 86400).to_integral_value())  # cells carry float noise: nearest second
        return (_EXCEL_EPOCH + timedelta(seconds=seconds)).replace(tzinfo=default_tz)
    for word, half in _DAY_HALVES.items():
        value = value.replace(word, f" {half} ")
    value = re.sub(r"\s+", " ", value.translate(_CHINESE_PARTS)).strip().rstrip(":").strip()
    value = re.sub(r"\s*:\s*", ":", value)  # "8时 25分" became "8: 25"
    match = _DATE_TIME.fullmatch(value)
    if not match:
        raise PunchError("punch.time_invalid", value=raw.strip())
    year, month, day, half_before, hour, minute, second, fraction, half_after, zone = match.groups()
    hour_value = int(hour)
    half = half_before or half_after
    if half:
        if not 1 <= hour_value <= 12:
            raise PunchError("punch.time_invalid", value=raw.strip())
        hour_value = hour_value % 12 + (12 if half == "PM" else 0)
    try:
        moment = datetime(int(year), int(month), int(day), hour_value, int(minute), int(second or 0),
                          int((fraction or "0").ljust(6, "0")))
    except ValueError:
        raise PunchError("punch.time_invalid", value=raw.strip()) from None
    try:
        zone_info = _offset(zone)
    except ValueError:  # an offset of 24 hours or more
        raise PunchError("punch.time_invalid", value=raw.strip()) from None
    if zone_info is None:
        return moment.replace(tzinfo=default_tz)
    return moment.replace(tzinfo=zone_info).astimezone(default_tz)


# ---------------------------------------------------------------------------- punches to sessions


@dataclass(frozen=True)
class SessionWindow:
    """A session as the punch matcher sees it: when it starts and ends (aware datetimes)."""

    session_id: Hashable
    starts_at: datetime
    ends_at: datetime

    @property
    def minutes(self) -> int:
        return math.ceil((self.ends_at - self.starts_at).total_seconds() / 60)


def _china(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ)


def match_punch(
    at: datetime, windows: Sequence[SessionWindow], *, early_minutes: int = 60, late_minutes: int = 60
) -> tuple[SessionWindow | None, str]:
    """The session a punch belongs to and whether it signs in or out.

    A session takes punches from `early_minutes` before its start to `late_minutes` after its
    end (both ends included). Before the session's midpoint a punch is a sign-in, from the
    midpoint on a sign-out. Where two windows overlap, a session actually under way at the punch
    (starts_at..ends_at) beats one whose margin merely reaches it — so that signing out at 08:55
    of a session ending at 09:00 is not taken for signing in to the one starting then — and
    otherwise the session whose start is nearest the punch wins (the earlier one on a tie).
    Outside every window: (None, "outside").
    """
    moment = _china(at)
    early, late = timedelta(minutes=early_minutes), timedelta(minutes=late_minutes)
    candidates = [w for w in windows if _china(w.starts_at) - early <= moment <= _china(w.ends_at) + late]
    if not candidates:
        return None, OUTSIDE
    window = min(candidates, key=lambda w: (not _china(w.starts_at) <= moment <= _china(w.ends_at),
                                            abs(moment - _china(w.starts_at)), _china(w.starts_at)))
    midpoint = _china(window.starts_at) + (_china(window.ends_at) - _china(window.starts_at)) / 2
    return window, SIGN_IN if moment < midpoint else SIGN_OUT


@dataclass(frozen=True)
class PunchDecision:
    """What the punches say about one person in one session: the first sign-in and the last sign-out."""

    person_key: Hashable
    session_id: Hashable
    sign_in_at: datetime | None
    sign_out_at: datetime | None


class PunchOutcome(NamedTuple):
    """The result of plan_punches; unpacks as `decisions, problems = plan_punches(...)`."""

    decisions: list[PunchDecision]
    problems: list[Problem]


def _person_label(key: Hashable) -> str:
    """How a person appears in a row problem: identity numbers masked (PIPL), other keys as they are."""
    text = str(key).strip()
    if len(text) in (15, 18) and text[:-1].isdigit():
        return mask_identity_number(text)
    return text


def plan_punches(
    punches: Sequence[tuple[int, Hashable, datetime]],
    windows: Sequence[SessionWindow],
    class_start: date,
    class_end: date,
    *,
    early_minutes: int = 60,
    late_minutes: int = 60,
    describe_person: Callable[[Hashable], str] | None = None,
) -> PunchOutcome:
    """Turn (row, person, time) punches into one decision per person and session, plus row problems.

    Rows are taken in file order. A punch in the same minute as an earlier one of the same
    person is a harmless repeat (warning punch.duplicate). Punches dated (China time) before
    class_start or after class_end, or outside every session window, are reported and not used.
    Per person and session the earliest sign-in and the latest sign-out are kept. Decisions come
    person by person in order of first appearance, sessions by start time. `describe_person`
    names the person in messages (default: the key, masked if it is an identity number).
    """
    describe = describe_person or _person_label
    problems: list[Problem] = []
    seen_minutes: dict[tuple[Hashable, datetime], int] = {}
    people: dict[Hashable, int] = {}
    found: dict[tuple[Hashable, Hashable], list] = {}  # (person, session) -> [window, sign_in, sign_out]
    for row, person, at in punches:
        moment = _china(at)
        params = {"row": row, "person": describe(person), "time": moment.strftime("%Y-%m-%d %H:%M:%S")}
        minute = moment.replace(second=0, microsecond=0)
        if (person, minute) in seen_minutes:
            problems.append(Problem("punch.duplicate", {**params, "first_row": seen_minutes[(person, minute)]}))
            continue
        seen_minutes[(person, minute)] = row
        if moment.date() < class_start:
            problems.append(Problem("punch.before_class", {**params, "class_start": class_start.isoformat()}))
            continue
        if moment.date() > class_end:
            problems.append(Problem("punch.after_class", {**params, "class_end": class_end.isoformat()}))
            continue
        window, kind = match_punch(moment, windows, early_minutes=early_minutes, late_minutes=late_minutes)
        if window is None:
            problems.append(Problem("punch.outside_sessions", {**params, "early": early_minutes, "late": late_minutes}))
            continue
        people.setdefault(person, len(people))
        entry = found.setdefault((person, window.session_id), [window, None, None])
        if kind == SIGN_IN:
            entry[1] = moment if entry[1] is None else min(entry[1], moment)
        else:
            entry[2] = moment if entry[2] is None else max(entry[2], moment)
    ordered = sorted(found.items(), key=lambda item: (people[item[0][0]], _china(item[1][0].starts_at)))
    decisions = [PunchDecision(person, session_id, sign_in, sign_out)
                 for (person, session_id), (_, sign_in, sign_out) in ordered]
    return PunchOutcome(decisions, problems)


def mark_from_times(
    sign_in: datetime | None, sign_out: datetime | None, window: SessionWindow, policy: Policy
) -> MarkValue:
    """The mark a sign-in/sign-out pair stands for, with policy.late_grace_minutes of grace at each end.

    Signing in later than starts_at + grace is 迟到 (minutes late rounded up); signing out
    earlier than ends_at − grace is 早退. Both at once give status 迟到 with both minute fields
    set (the grid has one status per cell; credited_minutes deducts both). Only a sign-in judges
    the start alone (出勤/迟到, sign-out None); only a sign-out judges the end alone
    (出勤/早退, sign-in None), because a forgotten punch is not an absence. No punch at all is
    缺勤. Minutes never exceed the session; the result passes validate_mark.
    """
    if sign_in is None and sign_out is None:
        return MarkValue(AttendanceStatus.ABSENT)
    starts, ends = _china(window.starts_at), _china(window.ends_at)
    length = window.minutes
    grace = timedelta(minutes=max(0, int(policy.late_grace_minutes)))
    sign_in = _china(sign_in) if sign_in else None
    sign_out = _china(sign_out) if sign_out else None
    late = early = 0
    if sign_in is not None and sign_in > starts + grace:
        late = min(length, math.ceil((sign_in - starts).total_seconds() / 60))
    if sign_out is not None and sign_out < ends - grace:
        early = min(length - late, math.ceil((ends - sign_out).total_seconds() / 60))
    if late:
        status = AttendanceStatus.LATE
    elif early > 0:
        status = AttendanceStatus.EARLY_LEAVE
    else:
        status, early = AttendanceStatus.PRESENT, 0
    value = MarkValue(status, late, max(0, early), None, sign_in, sign_out)
    return validate_mark(value, session_minutes=length)


# ---------------------------------------------------------------------------- online learning

_HOUR_UNITS = {"h", "hr", "hrs", "hour", "hours", "小时", "个小时", "时", "钟头", "个钟头"}
_MINUTE_UNITS = {"m", "min", "mins", "minute", "minutes", "分钟", "分"}
_AMOUNT = re.compile(r"([+-]?(?:\d+(?:\.\d+)?|\.\d+))([^\d.+-]*)")
_COMPOUND = re.compile(r"(\d+(?:\.\d+)?)([^\d.]+)(\d+(?:\.\d+)?)([^\d.]*)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?[^\d,.]*")  # "1,200分钟"
_UNIT_NAMES = {"hours": Bilingual("小时", "hours"), "minutes": Bilingual("分钟", "minutes")}


def parse_online_amount(text: str, unit_hint: str | None = None) -> int:
    """Whole minutes of online learning from a cell: "12", "12.5", "12小时", "90分钟", "1.5h", "1小时30分".

    Without a unit the number is read as `unit_hint` ("hours" or "minutes"; None means hours,
    the unit platforms report 学时 in). Fractions of a minute are dropped (never credit more than
    was reported). Zero, negative or unreadable amounts raise PunchError online.amount_invalid;
    more than 1000 hours online.amount_absurd.
    """
    if unit_hint not in (None, "hours", "minutes"):
        raise ValueError(f"unit_hint must be 'hours', 'minutes' or None, not {unit_hint!r}")
    default_unit = unit_hint or "hours"
    raw = "" if text is None else str(text)
    value = _clean(raw).lower().replace(" ", "")
    if not value:
        raise PunchError("online.amount_empty")

    def invalid() -> PunchError:
        return PunchError("online.amount_invalid", value=raw.strip(), unit=_UNIT_NAMES[default_unit])

    if _THOUSANDS.fullmatch(value):
        value = value.replace(",", "")
    minutes: Decimal
    simple = _AMOUNT.fullmatch(value)
    compound = _COMPOUND.fullmatch(value)
    try:
        if simple:
            number, unit = Decimal(simple.group(1)), simple.group(2)
            if unit == "":
                unit_kind = default_unit
            elif unit in _HOUR_UNITS:
                unit_kind = "hours"
            elif unit in _MINUTE_UNITS:
                unit_kind = "minutes"
            else:
                raise invalid()
            minutes = number * 60 if unit_kind == "hours" else number
        elif compound and compound.group(2) in _HOUR_UNITS and compound.group(4) in _MINUTE_UNITS | {""}:
            hours, extra = Decimal(compound.group(1)), Decimal(compound.group(3))
            if extra >= 60:
                raise invalid()
            minutes = hours * 60 + extra
        else:
            raise invalid()
    except InvalidOperation:
        raise invalid() from None
    whole = int(minutes.to_integral_value(rounding=ROUND_FLOOR))
    if whole < 1:
        raise invalid()
    if whole > MAX_ONLINE_HOURS * 60:
        hours_text = (minutes / 60).quantize(Decimal("0.1"))
        raise PunchError("online.amount_absurd", value=raw.strip(), hours=str(hours_text), maximum=MAX_ONLINE_HOURS)
    return whole
