"""Versioned policy parameters: the numbers the rules depend on, never hard-coded in the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class SubsidyWindow(StrEnum):
    CALENDAR_YEAR = "calendar_year"  # 2019 plan, clause 十四: at most N times a year
    LIFETIME = "lifetime"  # 苏人社函〔2025〕32号: at most N times in total


class LockPeriod(StrEnum):
    END_OF_DAY = "end_of_day"
    NONE = "none"


class LatenessRule(StrEnum):
    """How late arrival and early leave reduce the hours credited for a session."""

    WHOLE_LESSONS = "whole_lessons"  # each lesson (课时) touched by the absence is lost
    MINUTES = "minutes"  # exactly the minutes missed


@dataclass(frozen=True)
class Policy:
    """One version of the subsidy and completion rules, as stored in the policy table."""

    code: str
    name: str
    effective_from: date
    subsidy_cap: int
    subsidy_window: SubsidyWindow
    same_occupation_level_once: bool
    pension_excluded: bool
    min_attendance_rate_percent: int
    online_hours_cap_percent: int
    min_hours_per_level: dict[int, int]
    min_practice_percent: int
    lesson_minutes: int
    lock_period: LockPeriod
    min_age: int
    max_age: int
    advance_payment_percent_project_based: int = 50
    work_for_training_max_months: int = 6
    late_grace_minutes: int = 5
    lateness_rule: LatenessRule = LatenessRule.WHOLE_LESSONS
    # The assessment's pass marks, in points (0..100): both parts at or above theirs pass.
    theory_pass_mark: int = 60
    practical_pass_mark: int = 60
    # Card-reader swipes (software parameters, not policy text): a second read of the same card
    # this soon is a duplicate; a sign-in counts from this long before the start until the end,
    # a sign-out until this long after the end, and only this long after the sign-in.
    swipe_repeat_minutes: int = 2
    swipe_early_minutes: int = 30
    swipe_after_end_minutes: int = 15
    sign_out_after_minutes: int = 10
    notes: dict[str, str] = field(default_factory=dict)

    def min_hours_for_level(self, level: int) -> int:
        return self.min_hours_per_level[int(level)]
