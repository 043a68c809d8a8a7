"""Class schedules: which half-days a class meets and how many 课时 each sitting holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from desktop_app.domain.labelled import LabelledEnum
from desktop_app.messages import UserFacingError, register

# China has kept UTC+8 without daylight saving since 1991; a fixed offset avoids needing the
# tz database on Windows PCs.
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

BREAK_MINUTES = 10

register(
    {
        "schedule.spec_invalid": (
            "课表规则“{spec}”看不懂：{detail}。格式示例：mon-fri:am,pm/4;practice=60 "
            "（周一至周五，上午和下午，每次 4 课时，实操占 60%）。",
            "The schedule rule “{spec}” is not understood: {detail}. Example: mon-fri:am,pm/4;practice=60 "
            "(Monday to Friday, mornings and afternoons, 4 lessons each, 60% practice).",
        ),
        "schedule.no_sessions": (
            "按课表规则，{start} 至 {end} 之间没有任何上课时间。请检查日期或上课的星期。",
            "The schedule rule gives no sessions between {start} and {end}. Check the dates or the weekdays.",
        ),
        "schedule.hours_not_reached": (
            "计划 {wanted} 课时，但在 {start} 至 {end} 之间按课表最多只能排 {possible} 课时。请延长结束日期或增加上课时段。",
            "{wanted} lessons were planned, but the schedule fits at most {possible} between {start} and {end}. "
            "Extend the end date or add sittings.",
        ),
    }
)


class ScheduleError(UserFacingError):
    pass


class Period(LabelledEnum):
    MORNING = "morning", "上午", "Morning"
    AFTERNOON = "afternoon", "下午", "Afternoon"
    EVENING = "evening", "晚上", "Evening"

    @property
    def default_start(self) -> time:
        return {"morning": time(8, 30), "afternoon": time(13, 30), "evening": time(18, 30)}[self.value]


class SessionKind(LabelledEnum):
    THEORY = "theory", "理论", "Theory"
    PRACTICE = "practice", "实操", "Practice"


class SessionStatus(LabelledEnum):
    """Whether a session still takes place; a cancelled one keeps its row (and its history)."""

    PLANNED = "planned", "已排课", "Scheduled"
    CANCELLED = "cancelled", "已取消", "Cancelled"


@dataclass(frozen=True)
class PlannedSession:
    day: date
    period: Period
    kind: SessionKind
    lessons: int
    starts_at: datetime  # aware, China time
    ends_at: datetime


@dataclass(frozen=True)
class ScheduleSpec:
    """When a class meets: weekdays (0 = Monday), sittings per day, lessons per sitting."""

    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    periods: tuple[Period, ...] = (Period.MORNING, Period.AFTERNOON)
    lessons_per_sitting: int = 4
    practice_percent: int | None = None  # None: the policy's minimum

    def describe_zh(self) -> str:
        names = "一二三四五六日"
        days = "、".join(f"周{names[d]}" for d in sorted(self.weekdays))
        sittings = "、".join(p.label_zh for p in self.periods)
        return f"{days}；{sittings}；每次 {self.lessons_per_sitting} 课时"


_DAY_NAMES = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
              "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_DAY_GROUPS = {"weekdays": frozenset(range(5)), "daily": frozenset(range(7)), "weekends": frozenset({5, 6}),
               "工作日": frozenset(range(5)), "每天": frozenset(range(7)), "周末": frozenset({5, 6})}
_PERIOD_NAMES = {"am": Period.MORNING, "morning": Period.MORNING, "上午": Period.MORNING,
                 "pm": Period.AFTERNOON, "afternoon": Period.AFTERNOON, "下午": Period.AFTERNOON,
                 "eve": Period.EVENING, "evening": Period.EVENING, "晚上": Period.EVENING}


def parse_schedule_spec(text: str | None) -> ScheduleSpec:
    """`DAYS[:PERIODS][/LESSONS][;practice=PCT]`, e.g. `mon-fri:am,pm/4;practice=60`."""
    if text is None or not text.strip():
        return ScheduleSpec()
    spec = text.strip().lower().replace("，", ",").replace("；", ";").replace("：", ":")

    def fail(detail: str):
        raise ScheduleError("schedule.spec_invalid", spec=text, detail=detail)

    main, *options = spec.split(";")
    practice = None
    for option in options:
        name, _, value = option.partition("=")
        if name.strip() not in ("practice", "实操") or not value.strip().rstrip("%").isdigit():
            fail(f"无法识别的选项“{option}”")
        practice = int(value.strip().rstrip("%"))
        if not 0 <= practice <= 100:
            fail("实操比例须在 0 到 100 之间")
    lessons = 4
    if "/" in main:
        main, _, lessons_text = main.partition("/")
        if not lessons_text.strip().isdigit() or not 1 <= int(lessons_text) <= 8:
            fail("每次课时数须是 1 到 8 的整数")
        lessons = int(lessons_text)
    days_text, _, periods_text = main.partition(":")
    weekdays = _parse_days(days_text.strip(), fail)
    periods: tuple[Period, ...] = (Period.MORNING, Period.AFTERNOON)
    if periods_text.strip():
        chosen = []
        for name in periods_text.split(","):
            period = _PERIOD_NAMES.get(name.strip())
            if period is None:
                fail(f"无法识别的时段“{name.strip()}”（可用 am、pm、eve）")
            if period not in chosen:
                chosen.append(period)
        periods = tuple(sorted(chosen, key=list(Period).index))
    return ScheduleSpec(weekdays=weekdays, periods=periods, lessons_per_sitting=lessons, practice_percent=practice)


def _parse_days(text: str, fail) -> frozenset[int]:
    if text in _DAY_GROUPS:
        return _DAY_GROUPS[text]
    days: set[int] = set()
    for part in re.split(r"[,、]", text):
        part = part.strip().removeprefix("周")
        if "-" in part:
            first, _, last = part.partition("-")
            a, b = _DAY_NAMES.get(first.strip().removeprefix("周")), _DAY_NAMES.get(last.strip().removeprefix("周"))
            if a is None or b is None or b < a:
                fail(f"无法识别的星期范围“{part}”")
            days.update(range(a, b + 1))
        elif part in _DAY_NAMES:
            days.add(_DAY_NAMES[part])
        else:
            fail(f"无法识别的星期“{part}”（可用 mon-fri、weekdays、daily 等）")
    if not days:
        fail("没有指定上课的星期")
    return frozenset(days)


def sitting_minutes(lessons: int, lesson_minutes: int) -> int:
    """Length of a sitting: the lessons plus a short break between consecutive lessons."""
    return lessons * lesson_minutes + max(0, lessons - 1) * BREAK_MINUTES


def plan_sessions(
    *,
    start: date,
    end: date,
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4}),
    periods: tuple[Period, ...] = (Period.MORNING, Period.AFTERNOON),
    lessons_per_sitting: int = 4,
    lesson_minutes: int = 45,
    practice_every: int = 0,
) -> list[PlannedSession]:
    """Every chosen half-day between start and end inclusive (weekday 0 = Monday).

    `practice_every=n` marks every n-th sitting as practice (0: all theory).
    """
    if end < start:
        raise ValueError("end before start")
    sessions: list[PlannedSession] = []
    day = start
    index = 0
    while day <= end:
        if day.weekday() in weekdays:
            for period in periods:
                index += 1
                kind = SessionKind.PRACTICE if practice_every and index % practice_every == 0 else SessionKind.THEORY
                starts = datetime.combine(day, period.default_start, CHINA_TZ)
                ends = starts + timedelta(minutes=sitting_minutes(lessons_per_sitting, lesson_minutes))
                sessions.append(PlannedSession(day, period, kind, lessons_per_sitting, starts, ends))
        day += timedelta(days=1)
    return sessions


def plan_class_schedule(
    spec: ScheduleSpec,
    *,
    start: date,
    end: date,
    lesson_minutes: int,
    practice_percent: int,
    total_lessons: int | None = None,
) -> list[PlannedSession]:
    """Sessions for a class: the spec's sittings from `start`, stopping once `total_lessons`
    are planned (the last sitting shortened if needed), practice spread evenly so that at least
    `practice_percent` of the lessons are practice (practical work usually follows theory, so
    practice sittings are placed from the end backwards)."""
    sittings = plan_sessions(start=start, end=end, weekdays=spec.weekdays, periods=spec.periods,
                             lessons_per_sitting=spec.lessons_per_sitting, lesson_minutes=lesson_minutes)
    if not sittings:
        raise ScheduleError("schedule.no_sessions", start=start.isoformat(), end=end.isoformat())
    if total_lessons is not None:
        possible = sum(s.lessons for s in sittings)
        if possible < total_lessons:
            raise ScheduleError("schedule.hours_not_reached", wanted=total_lessons, possible=possible,
                                start=start.isoformat(), end=end.isoformat())
        trimmed: list[PlannedSession] = []
        remaining = total_lessons
        for sitting in sittings:
            if remaining <= 0:
                break
            lessons = min(sitting.lessons, remaining)
            ends = sitting.starts_at + timedelta(minutes=sitting_minutes(lessons, lesson_minutes))
            trimmed.append(PlannedSession(sitting.day, sitting.period, sitting.kind, lessons, sitting.starts_at, ends))
            remaining -= lessons
        sittings = trimmed
    total = sum(s.lessons for s in sittings)
    wanted_practice = -(-total * practice_percent // 100)  # ceiling: never below the minimum
    # Interleave evenly: a sitting is practice whenever practice lags its share so far.
    chosen: set[int] = set()
    practice = planned = 0
    for index, sitting in enumerate(sittings):
        # Compared with the lessons before this sitting, so a class opens with theory.
        if planned and practice * 100 < planned * practice_percent:
            chosen.add(index)
            practice += sitting.lessons
        planned += sitting.lessons
    for index in range(len(sittings) - 1, -1, -1):  # rounding may leave it a sitting short
        if practice >= wanted_practice:
            break
        if index not in chosen:
            chosen.add(index)
            practice += sittings[index].lessons
    result = sittings
    return [
        PlannedSession(s.day, s.period, SessionKind.PRACTICE if i in chosen else SessionKind.THEORY, s.lessons,
                       s.starts_at, s.ends_at)
        for i, s in enumerate(result)
    ]
