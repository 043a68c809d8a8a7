"""Behaviour of the attendance rules: statuses, mark validation, credited minutes, a trainee's summary, the lock."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain import attendance
from desktop_app.domain.attendance import (
    Standing,
    WARNING_CODES,
    AttendanceError,
    AttendanceStatus,
    MarkValue,
    SessionFacts,
    change_needs_reason,
    credited_minutes,
    credited_online_minutes,
    is_locked,
    lock_time,
    status_for_key,
    summarise_trainee,
    validate_mark,
)
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.policy import LatenessRule, LockPeriod, Policy, SubsidyWindow
from desktop_app.domain.schedule import CHINA_TZ, SessionKind

CJK = re.compile(r"[\u4e00-\u9fff]")
A = AttendanceStatus
UTC = timezone.utc

POLICY = Policy(
    code="test",
    name="测试规则",
    effective_from=date(2025, 1, 1),
    subsidy_cap=3,
    subsidy_window=SubsidyWindow.LIFETIME,
    same_occupation_level_once=True,
    pension_excluded=True,
    min_attendance_rate_percent=80,
    online_hours_cap_percent=50,
    min_hours_per_level={5: 40, 4: 56, 3: 56, 2: 56, 1: 56},
    min_practice_percent=60,
    lesson_minutes=45,
    lock_period=LockPeriod.END_OF_DAY,
    min_age=16,
    max_age=60,
)
MINUTES_POLICY = dataclasses.replace(POLICY, lateness_rule=LatenessRule.MINUTES)


def policy(**changes) -> Policy:
    return dataclasses.replace(POLICY, **changes)


def at(text: str) -> datetime:
    """A China-time moment from "YYYY-MM-DD HH:MM[:SS]"."""
    return datetime.fromisoformat(text).replace(tzinfo=CHINA_TZ)


def codes(problems) -> list[str]:
    return [problem.code for problem in problems]


def raises_code(code: str) -> _Raises:
    return _Raises(code)


class _Raises:
    """pytest.raises(AttendanceError) that also checks the code and that both languages render."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __enter__(self):
        self._ctx = pytest.raises(AttendanceError)
        self.info = self._ctx.__enter__()
        return self.info

    def __exit__(self, *exc):
        handled = self._ctx.__exit__(*exc)
        assert self.info.value.code == self.code, self.info.value.code
        assert_renders(self.info.value)
        return handled


def assert_renders(item) -> tuple[str, str]:
    zh, en = item.message("zh"), item.message("en")
    assert zh and en and zh != en
    assert CJK.search(zh)
    assert "{" not in zh and "{" not in en
    return zh, en


# ---------------------------------------------------------------- statuses and keys


@pytest.mark.parametrize(
    ("status", "value", "zh", "en", "digit", "letter", "minutes"),
    [
        (A.PRESENT, "present", "出勤", "present", "1", "P", False),
        (A.LATE, "late", "迟到", "late", "2", "L", True),
        (A.EARLY_LEAVE, "early_leave", "早退", "early leave", "3", "E", True),
        (A.LEAVE, "leave", "请假", "leave", "4", "Q", False),
        (A.ABSENT, "absent", "缺勤", "absent", "5", "A", False),
    ],
)
def test_each_status_has_value_labels_and_keys(status, value, zh, en, digit, letter, minutes):
    assert status.value == value and AttendanceStatus(value) is status
    assert status.label_zh == zh and status.label_en == en
    assert isinstance(status.words, Bilingual) and f"{status.words:en}" == en
    assert status.shortcut == digit and status.letter == letter
    assert status.takes_minutes is minutes
    assert status_for_key(digit) is status
    assert status_for_key(letter) is status and status_for_key(letter.lower()) is status


def test_there_are_exactly_five_statuses_with_distinct_keys():
    assert len(AttendanceStatus) == 5
    keys = [s.shortcut for s in A] + [s.letter for s in A]
    assert len(set(keys)) == 10


@pytest.mark.parametrize(
    ("key", "expected"),
    [("１", A.PRESENT), ("５", A.ABSENT), ("Ｑ", A.LEAVE), (" 2 ", A.LATE), ("e", A.EARLY_LEAVE),
     ("0", None), ("6", None), ("X", None), ("", None), ("12", None), ("出", None)],
)
def test_status_for_key_accepts_digits_letters_and_full_width(key, expected):
    assert status_for_key(key) is expected


# ---------------------------------------------------------------- MarkValue and validate_mark


def test_mark_value_takes_status_as_text():
    assert MarkValue("late", late_minutes=10).status is A.LATE
    assert MarkValue(" Present ").status is A.PRESENT
    with raises_code("attendance.status_unknown") as info:
        MarkValue("sick")
    assert "sick" in info.value.message("zh")


SESSION = 210  # 4 lessons of 45 minutes and three 10-minute breaks


@pytest.mark.parametrize(
    "value",
    [
        MarkValue(A.PRESENT),
        MarkValue(A.ABSENT),
        MarkValue(A.LATE, late_minutes=1),
        MarkValue(A.LATE, late_minutes=SESSION),
        MarkValue(A.EARLY_LEAVE, early_leave_minutes=1),
        MarkValue(A.EARLY_LEAVE, early_leave_minutes=SESSION),
        MarkValue(A.LATE, late_minutes=20, early_leave_minutes=30),
        MarkValue(A.EARLY_LEAVE, late_minutes=20, early_leave_minutes=30),
        MarkValue(A.LATE, late_minutes=100, early_leave_minutes=110),
        MarkValue(A.LEAVE, leave_reason="病假"),
        MarkValue(A.LEAVE, leave_reason="假" * 200),
        MarkValue(A.PRESENT, sign_in_at=at("2026-12-01 08:30"), sign_out_at=at("2026-12-01 08:30")),
    ],
)
def test_valid_marks_pass_unchanged(value):
    assert validate_mark(value, session_minutes=SESSION) == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (MarkValue(A.LATE), "attendance.late_minutes_range"),
        (MarkValue(A.LATE, late_minutes=-3), "attendance.late_minutes_range"),
        (MarkValue(A.LATE, late_minutes=SESSION + 1), "attendance.late_minutes_range"),
        (MarkValue(A.EARLY_LEAVE), "attendance.early_minutes_range"),
        (MarkValue(A.EARLY_LEAVE, early_leave_minutes=SESSION + 1), "attendance.early_minutes_range"),
        (MarkValue(A.LATE, late_minutes=5, early_leave_minutes=-1), "attendance.early_minutes_range"),
        (MarkValue(A.EARLY_LEAVE, late_minutes=-1, early_leave_minutes=5), "attendance.late_minutes_range"),
        (MarkValue(A.LATE, late_minutes=100, early_leave_minutes=111), "attendance.minutes_exceed_session"),
        (MarkValue(A.PRESENT, late_minutes=3), "attendance.minutes_not_allowed"),
        (MarkValue(A.ABSENT, early_leave_minutes=1), "attendance.minutes_not_allowed"),
        (MarkValue(A.LEAVE, late_minutes=10, leave_reason="病假"), "attendance.minutes_not_allowed"),
        (MarkValue(A.LEAVE), "attendance.leave_reason_missing"),
        (MarkValue(A.LEAVE, leave_reason="   "), "attendance.leave_reason_missing"),
        (MarkValue(A.LEAVE, leave_reason="假" * 201), "attendance.leave_reason_too_long"),
        (MarkValue(A.PRESENT, leave_reason="病假"), "attendance.reason_without_leave"),
        (MarkValue(A.PRESENT, sign_in_at=at("2026-12-01 08:30"), sign_out_at=at("2026-12-01 08:29:59")),
         "attendance.sign_out_before_sign_in"),
    ],
)
def test_invalid_marks_are_refused_with_a_code(value, code):
    with raises_code(code):
        validate_mark(value, session_minutes=SESSION)


def test_validation_messages_name_the_value_the_session_length_and_who():
    with raises_code("attendance.late_minutes_range") as info:
        validate_mark(MarkValue(A.LATE, late_minutes=300), session_minutes=SESSION, trainee="张三",
                      session="2026-12-01 上午")
    zh, en = info.value.message("zh"), info.value.message("en")
    assert "300" in zh and "210" in zh and "张三" in zh and "2026-12-01 上午" in zh and "缺勤" in zh
    assert "300" in en and "210" in en and en.startswith("Trainee 张三 (2026-12-01 上午): ")
    with raises_code("attendance.minutes_not_allowed") as info:
        validate_mark(MarkValue(A.PRESENT, late_minutes=3), session_minutes=SESSION, trainee="李四")
    assert "“出勤”" in info.value.message("zh") and "“present”" in info.value.message("en")


def test_validate_mark_trims_the_reason_and_makes_times_aware_china_time():
    naive = datetime(2026, 12, 1, 8, 31)
    utc_out = datetime(2026, 12, 1, 3, 45, tzinfo=UTC)
    clean = validate_mark(MarkValue(A.LEAVE, leave_reason="  事假：家中有事 "), session_minutes=SESSION)
    assert clean.leave_reason == "事假：家中有事"
    timed = validate_mark(MarkValue(A.PRESENT, sign_in_at=naive, sign_out_at=utc_out), session_minutes=SESSION)
    assert timed.sign_in_at == at("2026-12-01 08:31") and timed.sign_in_at.utcoffset() == timedelta(hours=8)
    assert timed.sign_out_at == at("2026-12-01 11:45") and timed.sign_out_at.tzinfo is CHINA_TZ


def test_sign_out_before_sign_in_is_compared_across_time_zones():
    sign_in = at("2026-12-01 08:30")
    sign_out = datetime(2026, 12, 1, 0, 29, tzinfo=UTC)  # 08:29 in China
    with raises_code("attendance.sign_out_before_sign_in") as info:
        validate_mark(MarkValue(A.PRESENT, sign_in_at=sign_in, sign_out_at=sign_out), session_minutes=SESSION)
    assert "2026-12-01 08:29:00" in info.value.message("zh") and "2026-12-01 08:30:00" in info.value.message("en")


def test_to_dict_is_json_and_round_trips():
    value = MarkValue(A.LATE, late_minutes=12, early_leave_minutes=3,
                      sign_in_at=at("2026-12-01 08:42"), sign_out_at=at("2026-12-01 11:42"))
    data = value.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {"status": "late", "late_minutes": 12, "early_leave_minutes": 3, "leave_reason": None,
                    "sign_in_at": "2026-12-01T08:42:00+08:00", "sign_out_at": "2026-12-01T11:42:00+08:00"}
    assert MarkValue.from_dict(json.loads(json.dumps(data))) == value
    leave = MarkValue(A.LEAVE, leave_reason="病假")
    assert MarkValue.from_dict(leave.to_dict()) == leave


def test_from_dict_fills_defaults_and_reads_utc_and_naive_times():
    assert MarkValue.from_dict({"status": "absent"}) == MarkValue(A.ABSENT)
    value = MarkValue.from_dict({"status": "present", "sign_in_at": "2026-12-01T00:25:00Z",
                                 "sign_out_at": "2026-12-01 11:40:00", "leave_reason": ""})
    assert value.sign_in_at == at("2026-12-01 08:25") and value.sign_in_at.tzinfo is CHINA_TZ
    assert value.sign_out_at == at("2026-12-01 11:40") and value.leave_reason is None
    with raises_code("attendance.status_unknown"):
        MarkValue.from_dict({"status": "holiday"})


# ---------------------------------------------------------------- credited minutes

FULL = 4 * 45


@pytest.mark.parametrize(
    ("value", "whole_lessons", "minutes"),
    [
        (None, 0, 0),
        (MarkValue(A.ABSENT), 0, 0),
        (MarkValue(A.LEAVE, leave_reason="病假"), 0, 0),
        (MarkValue(A.PRESENT), FULL, FULL),
        # grace: exactly 5 minutes is forgiven, 6 are deducted in full
        (MarkValue(A.LATE, late_minutes=5), FULL, FULL),
        (MarkValue(A.LATE, late_minutes=6), FULL - 45, FULL - 6),
        (MarkValue(A.EARLY_LEAVE, early_leave_minutes=5), FULL, FULL),
        (MarkValue(A.EARLY_LEAVE, early_leave_minutes=6), FULL - 45, FULL - 6),
        # lesson boundaries under WHOLE_LESSONS
        (MarkValue(A.LATE, late_minutes=44), FULL - 45, FULL - 44),
        (MarkValue(A.LATE, late_minutes=45), FULL - 45, FULL - 45),
        (MarkValue(A.LATE, late_minutes=46), FULL - 90, FULL - 46),
        (MarkValue(A.LATE, late_minutes=90), FULL - 90, FULL - 90),
        (MarkValue(A.LATE, late_minutes=91), FULL - 135, FULL - 91),
        (MarkValue(A.LATE, late_minutes=180), 0, 0),
        (MarkValue(A.LATE, late_minutes=210), 0, 0),
        # both late and early: each side on its own (first and last lesson both spoiled)
        (MarkValue(A.LATE, late_minutes=10, early_leave_minutes=10), FULL - 90, FULL - 20),
        (MarkValue(A.LATE, late_minutes=10, early_leave_minutes=5), FULL - 45, FULL - 10),
        (MarkValue(A.LATE, late_minutes=5, early_leave_minutes=5), FULL, FULL),
        (MarkValue(A.EARLY_LEAVE, late_minutes=100, early_leave_minutes=100), 0, 0),
    ],
)
def test_credited_minutes_per_status_grace_and_rule(value, whole_lessons, minutes):
    assert credited_minutes(value, lessons=4, lesson_minutes=45, policy=POLICY) == whole_lessons
    assert credited_minutes(value, lessons=4, lesson_minutes=45, policy=MINUTES_POLICY) == minutes


@pytest.mark.parametrize(("grace", "late", "expected"), [(0, 1, FULL - 45), (0, 0, FULL), (10, 10, FULL),
                                                          (10, 11, FULL - 45)])
def test_grace_comes_from_the_policy(grace, late, expected):
    value = MarkValue(A.LATE, late_minutes=late)
    assert credited_minutes(value, lessons=4, lesson_minutes=45, policy=policy(late_grace_minutes=grace)) == expected


def test_credited_minutes_use_the_lesson_length_given():
    value = MarkValue(A.LATE, late_minutes=41)
    assert credited_minutes(value, lessons=3, lesson_minutes=40, policy=POLICY) == 40
    assert credited_minutes(MarkValue(A.PRESENT), lessons=3, lesson_minutes=40, policy=POLICY) == 120


marks = st.builds(
    MarkValue,
    status=st.sampled_from(list(AttendanceStatus)),
    late_minutes=st.integers(0, 400),
    early_leave_minutes=st.integers(0, 400),
)


@given(value=st.none() | marks, lessons=st.integers(0, 8), lesson_minutes=st.integers(1, 90),
       grace=st.integers(0, 30), rule=st.sampled_from(list(LatenessRule)))
def test_credited_minutes_never_negative_nor_above_the_session(value, lessons, lesson_minutes, grace, rule):
    rules = policy(late_grace_minutes=grace, lateness_rule=rule)
    credited = credited_minutes(value, lessons=lessons, lesson_minutes=lesson_minutes, policy=rules)
    assert 0 <= credited <= lessons * lesson_minutes
    if rule is LatenessRule.WHOLE_LESSONS:
        assert credited % lesson_minutes == 0


@given(late=st.integers(1, 180), rule=st.sampled_from(list(LatenessRule)))
def test_being_later_never_earns_more(late, rule):
    rules = policy(lateness_rule=rule)
    earlier = credited_minutes(MarkValue(A.LATE, late_minutes=late), lessons=4, lesson_minutes=45, policy=rules)
    later = credited_minutes(MarkValue(A.LATE, late_minutes=late + 1), lessons=4, lesson_minutes=45, policy=rules)
    assert later <= earlier


# ---------------------------------------------------------------- online cap


@pytest.mark.parametrize(
    ("reported", "offline", "cap", "expected"),
    [
        (600, 1800, 0, 0),
        (600, 1800, 50, 600),
        (1800, 1800, 50, 1800),  # half of the 3600-minute total
        (1801, 1800, 50, 1800),
        (5000, 1800, 100, 5000),
        (5000, 0, 100, 5000),
        (600, 0, 50, 0),
        (1000, 1800, 20, 450),  # 450 / (1800 + 450) = 20%
        (1000, 1801, 20, 450),  # floor(450.25)
        (0, 1800, 50, 0),
        (-5, 1800, 50, 0),
    ],
)
def test_online_minutes_are_capped_as_a_share_of_the_credited_total(reported, offline, cap, expected):
    assert credited_online_minutes(reported=reported, offline_minutes=offline, cap_percent=cap) == expected


@given(reported=st.integers(0, 10_000), offline=st.integers(0, 10_000), cap=st.integers(0, 99))
def test_online_share_never_exceeds_the_cap(reported, offline, cap):
    online = credited_online_minutes(reported=reported, offline_minutes=offline, cap_percent=cap)
    assert 0 <= online <= reported
    assert online * 100 <= cap * (offline + online)


# ---------------------------------------------------------------- one trainee's summary


def sessions(count: int, *, lessons: int = 4, practice_every: int = 0, first: str = "2026-12-01 08:30",
             cancelled: frozenset[int] = frozenset()) -> list[SessionFacts]:
    """`count` sittings, one a day; every `practice_every`-th one practice (0: none)."""
    start = at(first)
    result = []
    for index in range(count):
        starts = start + timedelta(days=index)
        kind = SessionKind.PRACTICE if practice_every and (index + 1) % practice_every == 0 else SessionKind.THEORY
        result.append(SessionFacts(index + 1, kind, lessons, starts, starts + timedelta(minutes=210),
                                   index + 1 in cancelled))
    return result


def summary(plan, marked, *, online=0, level=5, rules=POLICY, as_of=None, name="张三"):
    return summarise_trainee(enrolment_id=7, trainee_name=name, sessions=plan, marks=marked, online_minutes=online,
                             level=level, policy=rules, as_of=as_of)


def present(plan, *, skip=()) -> dict:
    return {s.session_id: MarkValue(A.PRESENT) for s in plan if s.session_id not in skip}


def practice_plan(count: int = 10) -> list[SessionFacts]:
    """`count` sittings of 4 lessons; sessions 1–4 theory, the rest practice (60% for 10)."""
    return [dataclasses.replace(s, kind=SessionKind.THEORY if s.session_id <= count * 2 // 5 else SessionKind.PRACTICE)
            for s in sessions(count)]


def test_a_trainee_who_attended_everything_is_eligible():
    plan = practice_plan(10)
    result = summary(plan, present(plan))
    assert result.eligible and result.reasons == ()
    assert result.enrolment_id == 7 and result.trainee_name == "张三"
    assert result.rate_percent == Decimal("100.0")
    assert result.attended_minutes == result.planned_minutes == result.scheduled_minutes == 40 * 45
    assert result.practice_minutes == 24 * 45 and result.practice_percent == Decimal("60.0")
    assert result.attended_lessons == Decimal("40.0") and result.total_lessons == Decimal("40.0")
    assert result.unmarked_sessions == 0 and result.at_risk is False


def test_rate_exactly_at_the_minimum_passes_and_a_hair_below_fails():
    plan = practice_plan(10)
    rules = policy(min_hours_per_level={5: 30}, min_practice_percent=0)
    marked = present(plan)
    marked.update({1: MarkValue(A.ABSENT), 2: MarkValue(A.LEAVE, leave_reason="病假")})
    exact = summary(plan, marked, rules=rules)
    assert exact.rate_percent == Decimal("80.0") and exact.eligible, exact.reasons
    marked[3] = MarkValue(A.LATE, late_minutes=6)  # MINUTES: 1434 of 1800 = 79.66%
    below = summary(plan, marked, rules=dataclasses.replace(rules, lateness_rule=LatenessRule.MINUTES))
    assert below.rate_percent == Decimal("79.6")  # rounded down: a shortfall never shows as 80.0
    assert codes(below.reasons) == ["attendance.rate_low"]
    zh, en = assert_renders(below.reasons[0])
    assert "79.6%" in zh and "80%" in zh and "张三" in zh and "测试规则" in zh
    assert "79.6%" in en and "80%" in en and "31.8 of 40.0" in en
    assert below.attended_lessons == Decimal("31.8")


def test_too_few_hours_names_both_numbers_in_lessons():
    plan = practice_plan(10)
    marked = present(plan)
    marked[10] = MarkValue(A.ABSENT)  # 36 lessons of 40
    result = summary(plan, marked, rules=policy(min_practice_percent=0))
    assert codes(result.reasons) == ["attendance.hours_low"]
    zh, en = assert_renders(result.reasons[0])
    assert "36.0 课时" in zh and "至少 40 课时" in zh and "五级/初级工" in zh and "4.0 课时" in zh
    assert "36.0 lessons" in en and "the 40 required" in en
    level4 = summary(plan, present(plan), level=4)
    assert "attendance.hours_low" in codes(level4.reasons)
    assert "至少 56 课时" in level4.reasons[codes(level4.reasons).index("attendance.hours_low")].message("zh")


def test_online_minutes_count_up_to_the_cap():
    plan = practice_plan(8)  # 32 lessons offline
    rules = policy(min_practice_percent=0, min_attendance_rate_percent=0)
    enough = summary(plan, present(plan), online=8 * 45, rules=rules)
    assert enough.online_reported_minutes == enough.online_credited_minutes == 360
    assert enough.total_minutes == 40 * 45 and enough.total_lessons == Decimal("40.0") and enough.eligible
    capped = summary(plan, present(plan), online=100 * 45,
                     rules=dataclasses.replace(rules, online_hours_cap_percent=20))
    assert capped.online_credited_minutes == 32 * 45 * 20 // 80 and capped.online_credited_lessons == Decimal("8.0")
    assert capped.online_reported_lessons == Decimal("100.0") and capped.practice_lessons == Decimal("20.0")
    none = summary(plan, present(plan), online=100 * 45, rules=dataclasses.replace(rules, online_hours_cap_percent=0))
    assert none.online_credited_minutes == 0 and codes(none.reasons) == ["attendance.hours_low"]
    everything = summary(plan, present(plan), online=100 * 45,
                         rules=dataclasses.replace(rules, online_hours_cap_percent=100))
    assert everything.online_credited_minutes == 4500 and everything.total_minutes == 32 * 45 + 4500


def test_practice_share_is_taken_of_the_offline_attendance():
    plan = practice_plan(10)
    marked = present(plan)
    marked[10] = MarkValue(A.ABSENT)  # 20 of 36 lessons practice = 55.5%
    result = summary(plan, marked, rules=policy(min_hours_per_level={5: 30}))
    assert codes(result.reasons) == ["attendance.practice_low"]
    zh, en = assert_renders(result.reasons[0])
    assert "55.5%" in zh and "60%" in zh and "20.0" in zh and "36.0" in zh
    assert result.practice_percent == Decimal("55.5")


def test_every_reason_is_collected():
    plan = practice_plan(10)
    marked = {s.session_id: MarkValue(A.PRESENT) for s in plan[:4]}  # theory only; six unmarked
    result = summary(plan, marked)
    assert codes(result.reasons) == ["attendance.rate_low", "attendance.hours_low", "attendance.practice_low",
                                     "attendance.unmarked_sessions"]
    assert not result.eligible


def test_unmarked_sessions_block_completion_as_a_warning():
    plan = practice_plan(10)
    result = summary(plan, present(plan, skip={10}), rules=policy(min_attendance_rate_percent=0,
                                                                  min_hours_per_level={5: 30}, min_practice_percent=0))
    assert codes(result.reasons) == ["attendance.unmarked_sessions"] and not result.eligible
    assert set(codes(result.reasons)) <= WARNING_CODES
    zh, en = assert_renders(result.reasons[0])
    assert "还有 1 次课未考勤" in zh and "张三" in zh and "1 sessions" in en
    assert result.unmarked_sessions == 1


def test_cancelled_sessions_count_for_nothing_even_if_marked():
    plan = sessions(11, cancelled=frozenset({11}))
    plan = [dataclasses.replace(s, kind=SessionKind.PRACTICE if s.session_id > 4 else SessionKind.THEORY) for s in plan]
    result = summary(plan, present(plan, skip={11}) | {11: MarkValue(A.PRESENT)})
    assert result.planned_minutes == 40 * 45 and result.attended_minutes == 40 * 45 and result.eligible
    assert summary(plan, present(plan, skip={11})).unmarked_sessions == 0


def test_a_class_without_sessions_cannot_complete():
    result = summary([], {}, rules=policy(min_hours_per_level={5: 0}))
    assert codes(result.reasons) == ["attendance.no_sessions"] and result.rate_percent == Decimal("0.0")
    assert_renders(result.reasons[0])
    all_cancelled = summary(sessions(2, cancelled=frozenset({1, 2})), {})
    assert codes(all_cancelled.reasons) == ["attendance.no_sessions", "attendance.hours_low"]


def test_as_of_limits_the_rate_and_unmarked_count_but_not_eligibility():
    plan = practice_plan(10)  # one a day from 2026-12-01, each ends at 12:00
    marked = {1: MarkValue(A.PRESENT), 2: MarkValue(A.PRESENT), 3: MarkValue(A.ABSENT)}
    middle = summary(plan, marked, as_of=at("2026-12-04 12:00"))  # sessions 1-4 ended (4 exactly now)
    assert middle.scheduled_minutes == 4 * 180 and middle.planned_minutes == 10 * 180
    assert middle.rate_percent == Decimal("50.0")
    assert middle.unmarked_sessions == 1
    assert "还有 7 次课未考勤" in middle.reasons[-1].message("zh")
    assert not middle.eligible and middle.at_risk
    earlier = summary(plan, marked, as_of=at("2026-12-04 11:59:59"))
    assert earlier.scheduled_minutes == 3 * 180 and earlier.unmarked_sessions == 0
    assert earlier.rate_percent == Decimal("66.6")
    before = summary(plan, {}, as_of=at("2026-11-30 08:00"))
    assert before.scheduled_minutes == 0 and before.rate_percent == Decimal("0.0") and before.at_risk is False
    utc = summary(plan, marked, as_of=datetime(2026, 12, 4, 4, 0, tzinfo=UTC))  # 12:00 China time
    assert utc.scheduled_minutes == middle.scheduled_minutes


def test_at_risk_when_failing_now_or_unable_to_recover():
    plan = practice_plan(10)
    as_of = at("2026-12-02 13:00")  # sessions 1 and 2 over
    on_track = summary(plan, present(plan, skip=range(3, 11)), as_of=as_of)
    assert on_track.rate_percent == Decimal("100.0") and not on_track.at_risk and not on_track.eligible
    behind = summary(plan, {1: MarkValue(A.PRESENT), 2: MarkValue(A.ABSENT)}, as_of=as_of)
    assert behind.rate_percent == Decimal("50.0") and behind.at_risk  # failing now, though still recoverable
    # 100% so far, but three future sessions already on approved leave: at best 70%.
    leave = MarkValue(A.LEAVE, leave_reason="住院")
    doomed = summary(plan, {1: MarkValue(A.PRESENT), 2: MarkValue(A.PRESENT), 8: leave, 9: leave, 10: leave},
                     as_of=as_of)
    assert doomed.rate_percent == Decimal("100.0") and doomed.at_risk
    # The class itself is too short for the level: nobody can make it.
    short = summary(plan, present(plan, skip=range(3, 11)), level=4, as_of=as_of)
    assert short.at_risk
    # Online learning can rescue the hours.
    rescued = summary(plan, present(plan, skip=range(3, 11)), level=4, online=16 * 45, as_of=as_of)
    assert not rescued.at_risk
    assert summary(plan, {1: MarkValue(A.ABSENT)}).at_risk is False  # no as_of: no forecast


def test_the_two_rates_and_the_standing_on_a_class_half_way_through():
    """Ten sittings of 4 lessons (180 min), one a day from 2026-12-01, each over at 12:00; seen on
    day 5 at 13:00, five held. Worked by hand: present at 1, 2, 4; absent at 3; leave at 5."""
    plan = practice_plan(10)
    as_of = at("2026-12-05 13:00")
    rules = dataclasses.replace(POLICY, min_hours_per_level={**POLICY.min_hours_per_level, 5: 20})  # the rate decides
    leave = MarkValue(A.LEAVE, leave_reason="病假")
    marked = {1: MarkValue(A.PRESENT), 2: MarkValue(A.PRESENT), 3: MarkValue(A.ABSENT), 4: MarkValue(A.PRESENT),
              5: leave}
    half = summary(plan, marked, as_of=as_of, rules=rules)
    # Of the sessions held: 3 × 180 attended of 5 × 180 held = 60.0 %.
    assert (half.held_attended_minutes, half.scheduled_minutes) == (540, 900)
    assert half.rate_percent == Decimal("60.0")
    # Of all planned lessons: 540 of 10 × 180 = 30.0 %; at best 540 + 5 × 180 of 1800 = 80.0 %.
    assert (half.attended_minutes, half.planned_minutes) == (540, 1800)
    assert half.planned_rate_percent == Decimal("30.0") and half.best_rate_percent == Decimal("80.0")
    # Below 80 % so far, but the minimum can still be reached: needs attention, not cannot complete.
    assert half.standing is Standing.NEEDS_ATTENTION and half.in_progress and half.at_risk
    assert half.reasons[0].code == "attendance.needs_attention"
    assert "60.0%" in half.reasons[0].message("zh") and "80.0%" in half.reasons[0].message("zh")
    # One more day on leave ahead: at best 540 + 4 × 180 of 1800 = 70.0 %: cannot complete.
    doomed = summary(plan, {**marked, 10: leave}, as_of=as_of, rules=rules)
    assert doomed.standing is Standing.CANNOT_COMPLETE and doomed.best_rate_percent == Decimal("70.0")
    assert doomed.reasons[0].code == "attendance.cannot_complete" and "70.0%" in doomed.reasons[0].message("zh")
    # Once every session is over, the verdict: both rates are over the same sessions.
    final = summary(plan, {**present(plan), 3: MarkValue(A.ABSENT)}, as_of=at("2026-12-11 13:00"), rules=rules)
    assert final.rate_percent == final.planned_rate_percent == Decimal("90.0")
    assert final.standing is Standing.ELIGIBLE and not final.in_progress


def test_nobody_is_flagged_on_the_first_day_for_a_session_not_yet_marked():
    plan = practice_plan(10)
    as_of = at("2026-12-01 13:00")  # the first sitting is over, nobody has been marked yet
    unrecorded = [dataclasses.replace(s, recorded=s.session_id != 1) for s in plan]
    first_day = summary(unrecorded, {}, as_of=as_of)
    assert first_day.standing is Standing.ON_TRACK and first_day.scheduled_minutes == 0
    assert first_day.unmarked_sessions == 1  # still said: the session is over and has no mark
    # Once the teacher has taken attendance, a trainee absent from it needs attention (and only she).
    rules = dataclasses.replace(POLICY, min_hours_per_level={**POLICY.min_hours_per_level, 5: 20})  # the rate decides
    absent = summary(plan, {1: MarkValue(A.ABSENT)}, as_of=as_of, rules=rules)
    assert absent.standing is Standing.NEEDS_ATTENTION and absent.rate_percent == Decimal("0.0")
    assert summary(plan, {1: MarkValue(A.PRESENT)}, as_of=as_of, rules=rules).standing is Standing.ON_TRACK


def test_summary_reasons_have_json_params_for_storage():
    plan = practice_plan(10)
    result = summary(plan, {1: MarkValue(A.PRESENT)})
    for reason in result.reasons:
        assert json.loads(json.dumps(reason.params)) == reason.params


session_plans = st.lists(
    st.tuples(st.integers(1, 6), st.sampled_from(list(SessionKind)), st.booleans()), min_size=1, max_size=12
)
mark_choices = st.one_of(
    st.none(),
    st.sampled_from([MarkValue(A.PRESENT), MarkValue(A.ABSENT), MarkValue(A.LEAVE, leave_reason="病假")]),
    st.builds(lambda m: MarkValue(A.LATE, late_minutes=m), st.integers(1, 200)),
    st.builds(lambda m: MarkValue(A.EARLY_LEAVE, early_leave_minutes=m), st.integers(1, 200)),
)


@settings(max_examples=200)
@given(shape=session_plans, data=st.data(), rule=st.sampled_from(list(LatenessRule)), online=st.integers(0, 3000),
       as_of_day=st.none() | st.integers(0, 13))
def test_marking_one_more_session_present_never_lowers_anything(shape, data, rule, online, as_of_day):
    start = at("2026-12-01 08:30")
    plan = [SessionFacts(i, kind, lessons, start + timedelta(days=i), start + timedelta(days=i, minutes=210), cancelled)
            for i, (lessons, kind, cancelled) in enumerate(shape)]
    marked = {s.session_id: m for s in plan if (m := data.draw(mark_choices)) is not None}
    target = data.draw(st.sampled_from([s.session_id for s in plan]))
    rules = policy(lateness_rule=rule)
    as_of = None if as_of_day is None else start + timedelta(days=as_of_day, hours=6)
    before = summary(plan, marked, online=online, rules=rules, as_of=as_of)
    after = summary(plan, marked | {target: MarkValue(A.PRESENT)}, online=online, rules=rules, as_of=as_of)
    assert after.rate_percent >= before.rate_percent
    assert after.attended_minutes >= before.attended_minutes and after.total_minutes >= before.total_minutes
    assert Decimal(0) <= before.rate_percent <= Decimal(100)
    assert before.online_credited_minutes <= before.online_reported_minutes
    assert before.eligible == (before.reasons == ())


# ---------------------------------------------------------------- the lock


@pytest.mark.parametrize(
    ("ends_at", "now", "locked"),
    [
        (at("2026-12-01 11:45"), at("2026-12-01 23:59:59"), False),
        (at("2026-12-01 11:45"), at("2026-12-02 00:00:00"), True),
        (at("2026-12-01 11:45"), at("2026-12-01 11:00"), False),
        # the same instants written in UTC
        (at("2026-12-01 11:45"), datetime(2026, 12, 1, 15, 59, 59, tzinfo=UTC), False),
        (at("2026-12-01 11:45"), datetime(2026, 12, 1, 16, 0, 0, tzinfo=UTC), True),
        # an evening session stored in UTC that is already the next day in China
        (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), at("2026-12-02 23:59:59"), False),
        (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), at("2026-12-03 00:00:00"), True),
        (datetime(2026, 12, 1, 13, 55, tzinfo=UTC), at("2026-12-01 23:59:59"), False),
        (datetime(2026, 12, 1, 13, 55, tzinfo=UTC), at("2026-12-02 00:00:00"), True),
        # naive means China time
        (datetime(2026, 12, 1, 11, 45), datetime(2026, 12, 2, 0, 0), True),
    ],
)
def test_end_of_day_lock_follows_the_china_calendar_day(ends_at, now, locked):
    assert is_locked(session_ends_at=ends_at, now=now, lock_period=LockPeriod.END_OF_DAY) is locked
    assert change_needs_reason(session_ends_at=ends_at, now=now, lock_period=LockPeriod.END_OF_DAY) is locked
    assert is_locked(session_ends_at=ends_at, now=now, lock_period="end_of_day") is locked


def test_no_lock_period_never_locks():
    ends = at("2026-12-01 11:45")
    assert lock_time(session_ends_at=ends, lock_period=LockPeriod.NONE) is None
    assert not is_locked(session_ends_at=ends, now=at("2036-12-01 00:00"), lock_period=LockPeriod.NONE)
    assert not change_needs_reason(session_ends_at=ends, now=at("2036-12-01 00:00"), lock_period=LockPeriod.NONE)
    assert lock_time(session_ends_at=ends, lock_period=LockPeriod.END_OF_DAY) == at("2026-12-02 00:00")


# ---------------------------------------------------------------- every message, both languages

W = Bilingual("学员张三（2026-12-01 上午）：", "Trainee 张三 (2026-12-01 上午): ")
SAMPLES = {
    "attendance.status_unknown": {"where": W, "value": "sick"},
    "attendance.late_minutes_range": {"where": W, "value": 300, "session_minutes": 210},
    "attendance.early_minutes_range": {"where": W, "value": 0, "session_minutes": 210},
    "attendance.minutes_exceed_session": {"where": W, "late": 100, "early": 120, "total": 220, "session_minutes": 210},
    "attendance.minutes_not_allowed": {"where": W, "status": A.PRESENT.words, "late": 3, "early": 0},
    "attendance.leave_reason_missing": {"where": W},
    "attendance.leave_reason_too_long": {"where": W, "length": 230, "maximum": 200},
    "attendance.reason_without_leave": {"where": W, "status": A.LATE.words},
    "attendance.sign_out_before_sign_in": {"where": W, "sign_in": "2026-12-01 08:30:00",
                                           "sign_out": "2026-12-01 08:20:00"},
    "attendance.rate_low": {"trainee": "张三", "rate": "79.6", "minimum": 80, "attended": "31.8", "scheduled": "40.0",
                            "policy": "测试规则"},
    "attendance.hours_low": {"trainee": "张三", "total": "36.0", "offline": "36.0", "online": "0.0", "minimum": 40,
                             "level_name": "五级/初级工", "missing": "4.0", "policy": "测试规则"},
    "attendance.practice_low": {"trainee": "张三", "percent": "55.5", "minimum": 60, "practice": "20.0",
                                "attended": "36.0", "policy": "测试规则"},
    "attendance.unmarked_sessions": {"trainee": "张三", "count": 3},
    "attendance.no_sessions": {"trainee": "张三"},
    "attendance.needs_attention": {"trainee": "张三", "rate": "50.0", "held": "8.0", "attended": "4.0", "minimum": 80,
                                   "best": "90.0", "policy": "测试规则"},
    "attendance.cannot_complete": {"trainee": "张三", "best": "70.0", "best_lessons": "28.0", "planned": "40.0",
                                   "minimum": 80, "policy": "测试规则"},
}


def test_sample_parameters_cover_every_attendance_message():
    assert set(SAMPLES) == set(attendance.MESSAGES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_attendance_message_renders_in_both_languages(code):
    from desktop_app.messages import Problem

    zh, en = assert_renders(Problem(code, SAMPLES[code]))
    for value in SAMPLES[code].values():
        if not isinstance(value, Bilingual) and str(value):
            assert str(value) in zh and str(value) in en, (code, value)


def test_an_empty_where_leaves_no_trace():
    error = AttendanceError("attendance.leave_reason_missing", where=Bilingual("", ""))
    assert error.message("zh").startswith("标为“请假”") and error.message("en").startswith("A leave mark")
