"""Class schedules: which half-days a class meets and how many 课时 each sitting holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum

# China has kept UTC+8 without daylight saving since 1991; a fixed offset avoids needing the
# tz database on Windows PCs.
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

BREAK_MINUTES = 10


class Period(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"

    @property
    def label_zh(self) -> str:
        return {"morning": "上午", "afternoon": "下午", "evening": "晚上"}[self.value]

    @property
    def default_start(self) -> time:
        return {"morning": time(8, 30), "afternoon": time(13, 30), "evening": time(18, 30)}[self.value]


class SessionKind(StrEnum):
    THEORY = "theory"
    PRACTICE = "practice"

    @property
    def label_zh(self) -> str:
        return {"theory": "理论", "practice": "实操"}[self.value]


@dataclass(frozen=True)
class PlannedSession:
    day: date
    period: Period
    kind: SessionKind
    lessons: int
    starts_at: datetime  # aware, China time
    ends_at: datetime


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

    `practice_every=n` marks every n-th sitting as practice (0: all theory), a simple default
    the registrar adjusts afterwards.
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
