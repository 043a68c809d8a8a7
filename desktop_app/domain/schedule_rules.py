"""Whether a class's teaching plan has enough 课时 and enough practice for its skill level."""

from __future__ import annotations

import calendar
from datetime import date

from desktop_app.domain.levels import SkillLevel
from desktop_app.domain.policy import Policy
from desktop_app.messages import Problem, register

MESSAGES = register(
    {
        "schedule_rules.too_few_lessons": (
            "课程安排共 {total} 课时（理论 {theory}、实操 {practice}），少于{level:zh}培训至少 {minimum} 课时的要求"
            "（补贴规则“{policy}”的课时参数）。请再增加至少 {missing} 课时后再备案。",
            "The schedule has {total} lessons in total ({theory} theory, {practice} practice), "
            "fewer than the {minimum} lessons required for {level:en} (lesson parameter of the "
            "subsidy rules “{policy}”). Add at least {missing} more lessons before filing the class.",
        ),
        "schedule_rules.practice_share_low": (
            "实操课时只占总课时的 {percent}%（实操 {practice} 课时 / 共 {total} 课时），低于要求的 {minimum}%"
            "（补贴规则“{policy}”的实操比例参数）。请把部分理论课改为实操课，或增加实操课。",
            "Practice is only {percent}% of the lessons ({practice} of {total}), below the "
            "required {minimum}% (practice-share parameter of the subsidy rules “{policy}”). Turn "
            "some theory sessions into practice sessions or add practice sessions.",
        ),
    }
)


def _floor_percent(part: int, whole: int) -> str:
    """part/whole as a percentage with one decimal, rounded down so 59.96% never shows as 60.0%."""
    tenths = part * 1000 // whole
    return f"{tenths // 10}.{tenths % 10}" if tenths % 10 else str(tenths // 10)


def check_schedule(
    sessions_lessons_theory: int, sessions_lessons_practice: int, level: int, policy: Policy
) -> tuple[Problem, ...]:
    """Reasons why the planned theory and practice 课时 fall short of `policy` for `level`; empty if fine."""
    theory, practice = int(sessions_lessons_theory), int(sessions_lessons_practice)
    if theory < 0 or practice < 0:
        raise ValueError(f"lesson counts cannot be negative: theory={theory}, practice={practice}")
    skill_level = SkillLevel(int(level))
    total = theory + practice
    problems: list[Problem] = []
    minimum = policy.min_hours_for_level(skill_level)
    if total < minimum:
        problems.append(
            Problem(
                "schedule_rules.too_few_lessons",
                {
                    "total": total,
                    "theory": theory,
                    "practice": practice,
                    "minimum": minimum,
                    "missing": minimum - total,
                    "level": skill_level.words,
                    "policy": policy.name,
                },
            )
        )
    # Compared in integers: 60% of 56 lessons is 33.6, so 33 practice lessons are too few.
    if total > 0 and practice * 100 < policy.min_practice_percent * total:
        problems.append(
            Problem(
                "schedule_rules.practice_share_low",
                {
                    "percent": _floor_percent(practice, total),
                    "practice": practice,
                    "total": total,
                    "minimum": policy.min_practice_percent,
                    "policy": policy.name,
                },
            )
        )
    return tuple(problems)


# --- classes out of the ordinary: asked, not refused ---------------------------------------------
#
# A class of 536 sessions over eleven months was accepted without a word: such a class exists
# (a company-wide programme), but far more often an end date was mistyped. Beyond these bounds
# the registrar confirms, and the confirmation names both figures.
LONG_CLASS_MONTHS = 3
LONG_CLASS_SESSIONS = 300

register(
    {
        "schedule_rules.long_class": (
            "这个班级从 {start} 到 {end}，共 {days} 天、{sessions} 次课（{lessons} 课时），超过了 {months} 个月或 "
            "{limit} 次课。请核对结束日期和课程安排；确实如此的，请确认后再保存。",
            "This class runs from {start} to {end}: {days} days and {sessions} sessions ({lessons} lessons), "
            "more than {months} months or {limit} sessions. Check the end date and the schedule; if they are "
            "right, confirm and save again.",
        ),
    }
)


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def long_class(start: date, end: date, *, sessions: int, lessons: int) -> Problem | None:
    """The confirmation a class needs when it runs longer than three months or has more than 300
    sessions (both figures named), else None."""
    too_long = end > _months_later(start, LONG_CLASS_MONTHS)
    if not too_long and sessions <= LONG_CLASS_SESSIONS:
        return None
    return Problem("schedule_rules.long_class", {
        "start": start.isoformat(), "end": end.isoformat(), "days": (end - start).days + 1, "sessions": sessions,
        "lessons": lessons, "months": LONG_CLASS_MONTHS, "limit": LONG_CLASS_SESSIONS})
