"""Behaviour of the teaching-plan checks: minimum 课时 per level and the practice share."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import schedule_rules
from desktop_app.domain.policy import LockPeriod, Policy, SubsidyWindow
from desktop_app.domain.schedule_rules import check_schedule

CJK = re.compile(r"[\u4e00-\u9fff]")
POLICIES = Path(__file__).resolve().parents[2] / "resources" / "reference" / "policies.json"


def bundled_policy(code: str = "jiangsu-2025") -> Policy:
    """A Policy built from the bundled reference file, as the store would load it."""
    item = next(p for p in json.loads(POLICIES.read_text(encoding="utf-8"))["policies"] if p["code"] == code)
    return Policy(
        code=item["code"],
        name=item["name"],
        effective_from=date.fromisoformat(item["effective_from"]),
        subsidy_cap=item["subsidy_cap"],
        subsidy_window=SubsidyWindow(item["subsidy_window"]),
        same_occupation_level_once=item["same_occupation_level_once"],
        pension_excluded=item["pension_excluded"],
        min_attendance_rate_percent=item["min_attendance_rate_percent"],
        online_hours_cap_percent=item["online_hours_cap_percent"],
        min_hours_per_level={int(k): int(v) for k, v in item["min_hours_per_level"].items()},
        min_practice_percent=item["min_practice_percent"],
        lesson_minutes=item["lesson_minutes"],
        lock_period=LockPeriod(item["lock_period"]),
        min_age=item["min_age"],
        max_age=item["max_age"],
        notes=item["parameter_notes"],
    )


POLICY = bundled_policy()


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


@pytest.mark.parametrize(
    ("theory", "practice", "level", "expected"),
    [
        # 初级 (level 5): at least 40 课时
        (16, 24, 5, []),  # exactly 40, exactly 60% practice
        (15, 24, 5, ["schedule_rules.too_few_lessons"]),  # 39
        (0, 40, 5, []),  # all practice
        (40, 0, 5, ["schedule_rules.practice_share_low"]),
        (0, 0, 5, ["schedule_rules.too_few_lessons"]),  # nothing planned: the share is not a second complaint
        (10, 10, 5, ["schedule_rules.too_few_lessons", "schedule_rules.practice_share_low"]),
        # 中级 and above: at least 56 课时
        (16, 24, 4, ["schedule_rules.too_few_lessons"]),
        (22, 34, 4, []),  # 56, 34/56 = 60.7%
        (23, 33, 4, ["schedule_rules.practice_share_low"]),  # 33/56 = 58.9%
        (22, 33, 4, ["schedule_rules.too_few_lessons"]),  # 55, 33/55 = exactly 60%
        (23, 32, 4, ["schedule_rules.too_few_lessons", "schedule_rules.practice_share_low"]),  # 55, 58.2%
        (22, 34, 3, []),
        (22, 34, 2, []),
        (22, 34, 1, []),
        (21, 34, 1, ["schedule_rules.too_few_lessons"]),
        (40, 60, 1, []),  # exactly 60% of 100
        (41, 59, 1, ["schedule_rules.practice_share_low"]),  # 59%
        (400, 599, 1, ["schedule_rules.practice_share_low"]),  # 59.96%: below 60 although it rounds to 60.0
    ],
)
def test_minimum_lessons_per_level_and_practice_share(theory, practice, level, expected):
    assert codes(check_schedule(theory, practice, level, POLICY)) == expected


def test_too_few_lessons_names_both_numbers_the_level_and_what_is_missing():
    (problem,) = check_schedule(15, 24, 5, POLICY)
    zh, en = problem.message("zh"), problem.message("en")
    assert "共 39 课时" in zh and "至少 40 课时" in zh and "五级/初级工" in zh and "至少 1 课时" in zh
    assert "39 lessons" in en and "40 lessons" in en and "Level 5 (entry)" in en and "1 more" in en
    assert POLICY.name in zh


def test_practice_share_names_both_percentages():
    (problem,) = check_schedule(23, 33, 4, POLICY)
    zh, en = problem.message("zh"), problem.message("en")
    assert "58.9%" in zh and "60%" in zh and "33 课时" in zh and "56 课时" in zh
    assert "58.9%" in en and "60%" in en and "(33 of 56)" in en


def test_a_share_just_below_the_minimum_is_never_shown_as_the_minimum():
    (problem,) = check_schedule(400, 599, 1, POLICY)
    assert problem.params["percent"] == "59.9"


def test_whole_percentages_are_shown_without_a_decimal():
    (problem,) = check_schedule(50, 50, 1, POLICY)
    assert problem.params["percent"] == "50"


def test_the_numbers_come_from_the_policy_not_from_the_code():
    strict = dataclasses.replace(POLICY, min_hours_per_level={5: 80, 4: 100, 3: 100, 2: 100, 1: 100}, min_practice_percent=75)
    assert codes(check_schedule(16, 24, 5, strict)) == ["schedule_rules.too_few_lessons", "schedule_rules.practice_share_low"]
    assert codes(check_schedule(20, 60, 5, strict)) == []
    relaxed = dataclasses.replace(POLICY, min_hours_per_level={5: 1, 4: 1, 3: 1, 2: 1, 1: 1}, min_practice_percent=0)
    assert codes(check_schedule(1, 0, 3, relaxed)) == []


@pytest.mark.parametrize("level", [0, 6, -1])
def test_a_level_outside_1_to_5_is_a_programming_error(level):
    with pytest.raises(ValueError):
        check_schedule(20, 40, level, POLICY)


def test_negative_lesson_counts_are_a_programming_error():
    with pytest.raises(ValueError):
        check_schedule(-1, 40, 5, POLICY)


def test_both_bundled_policies_give_the_same_hours():
    for code in ("jiangsu-2019", "jiangsu-2025"):
        policy = bundled_policy(code)
        assert [policy.min_hours_for_level(level) for level in (5, 4, 3, 2, 1)] == [40, 56, 56, 56, 56]
        assert policy.min_practice_percent == 60


def test_every_schedule_message_renders_in_both_languages():
    problems = check_schedule(10, 10, 4, POLICY)
    assert {p.code for p in problems} == set(schedule_rules.MESSAGES)
    for problem in problems:
        zh, en = problem.message("zh"), problem.message("en")
        assert CJK.search(zh) and en and zh != en and "{" not in zh + en


@given(st.integers(0, 500), st.integers(0, 500), st.integers(1, 5))
def test_the_check_agrees_with_plain_arithmetic(theory, practice, level):
    total = theory + practice
    expected = []
    if total < POLICY.min_hours_for_level(level):
        expected.append("schedule_rules.too_few_lessons")
    if total and practice / total * 100 < POLICY.min_practice_percent - 1e-9:
        expected.append("schedule_rules.practice_share_low")
    assert codes(check_schedule(theory, practice, level, POLICY)) == expected
