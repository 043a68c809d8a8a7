"""Behaviour of punch and online-learning reading: times, matching punches to sessions, marks, minutes."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import punches
from desktop_app.domain.attendance import AttendanceError, AttendanceStatus, MarkValue, validate_mark
from desktop_app.domain.bilingual import Bilingual
from desktop_app.domain.policy import LatenessRule, LockPeriod, Policy, SubsidyWindow
from desktop_app.domain.punches import (
    OUTSIDE,
    SIGN_IN,
    SIGN_OUT,
    WARNING_CODES,
    PunchDecision,
    PunchError,
    SessionWindow,
    mark_from_times,
    match_punch,
    parse_online_amount,
    parse_punch_time,
    plan_punches,
)
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.messages import Problem

CJK = re.compile(r"[\u4e00-\u9fff]")
A = AttendanceStatus
UTC = timezone.utc

POLICY = Policy(
    code="test", name="测试规则", effective_from=date(2025, 1, 1), subsidy_cap=3,
    subsidy_window=SubsidyWindow.LIFETIME, same_occupation_level_once=True, pension_excluded=True,
    min_attendance_rate_percent=80, online_hours_cap_percent=50,
    min_hours_per_level={5: 40, 4: 56, 3: 56, 2: 56, 1: 56}, min_practice_percent=60, lesson_minutes=45,
    lock_period=LockPeriod.END_OF_DAY, min_age=16, max_age=60,
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CHINA_TZ)


def assert_renders(item) -> tuple[str, str]:
    zh, en = item.message("zh"), item.message("en")
    assert zh and en and zh != en
    assert CJK.search(zh)
    assert "{" not in zh and "{" not in en
    return zh, en


# ---------------------------------------------------------------- punch times


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01 08:25", "2026-12-01 08:25:00"),
        ("2026/12/1 8:25:03", "2026-12-01 08:25:03"),
        ("2026.12.01 08:25", "2026-12-01 08:25:00"),
        ("2026-12-01T08:25:00+08:00", "2026-12-01 08:25:00"),
        ("2026-12-01T00:25:00Z", "2026-12-01 08:25:00"),
        ("2026-12-01T00:25:00+0000", "2026-12-01 08:25:00"),
        ("2026-12-01 08:25:00 -05:00", "2026-12-01 21:25:00"),
        ("2026-12-01 08:25:03.250", "2026-12-01 08:25:03.250000"),
        ("46357.35", "2026-12-01 08:24:00"),
        ("46357.3506944444", "2026-12-01 08:25:00"),  # float noise rounds to the second
        ("46357", "2026-12-01 00:00:00"),
        ("2026年12月1日 8:25", "2026-12-01 08:25:00"),
        ("2026年12月1日8时25分", "2026-12-01 08:25:00"),
        ("2026年12月01日 08点25分03秒", "2026-12-01 08:25:03"),
        ("2026年12月1日 下午1:30", "2026-12-01 13:30:00"),
        ("2026-12-01 12:05 PM", "2026-12-01 12:05:00"),
        ("2026-12-01 12:05 am", "2026-12-01 00:05:00"),
        ("２０２６－１２－０１　０８：２５", "2026-12-01 08:25:00"),
        ("\ufeff 2026-12-01 08:25 ", "2026-12-01 08:25:00"),
    ],
)
def test_punch_times_in_the_usual_spellings(text, expected):
    moment = parse_punch_time(text)
    assert moment == at(expected)
    assert moment.tzinfo is CHINA_TZ


def test_a_utc_time_late_in_the_evening_is_the_next_day_in_china():
    moment = parse_punch_time("2026-12-01T20:25:00Z")
    assert moment.date() == date(2026, 12, 2) and moment.hour == 4


def test_a_time_without_zone_takes_the_default_zone():
    moment = parse_punch_time("2026-12-01 08:25", default_tz=UTC)
    assert moment.tzinfo is UTC and moment == datetime(2026, 12, 1, 8, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    ["x", "2026", "830", "8:25", "2026-12-01", "2026-13-01 08:00", "2026-02-30 08:00", "2026-12-01 24:00",
     "2026-12-01 08:61", "2026-12-01 13:30 PM", "46357.35.1", "12345.5", "99999", "3.2E+17", "明天早上",
     "2026-12-01 08:25 +25:00"],
)
def test_garbage_punch_times_are_refused_echoing_the_cell(text):
    with pytest.raises(PunchError) as info:
        parse_punch_time(text)
    assert info.value.code == "punch.time_invalid"
    zh, en = assert_renders(info.value)
    assert f"“{text}”" in zh and f"“{text}”" in en


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_punch_time_says_so(text):
    with pytest.raises(PunchError) as info:
        parse_punch_time(text)
    assert info.value.code == "punch.time_empty"
    assert_renders(info.value)


# ---------------------------------------------------------------- matching punches to sessions

MORNING = SessionWindow("am", at("2026-12-01 08:30"), at("2026-12-01 12:00"))  # midpoint 10:15
AFTERNOON = SessionWindow("pm", at("2026-12-01 13:30"), at("2026-12-01 17:00"))  # midpoint 15:15
NEXT_MORNING = SessionWindow("am2", at("2026-12-02 08:30"), at("2026-12-02 12:00"))
WINDOWS = [MORNING, AFTERNOON, NEXT_MORNING]


@pytest.mark.parametrize(
    ("when", "session", "kind"),
    [
        ("2026-12-01 07:30:00", "am", SIGN_IN),  # exactly 60 minutes early: still in
        ("2026-12-01 07:29:59", None, OUTSIDE),
        ("2026-12-01 08:25", "am", SIGN_IN),
        ("2026-12-01 10:14:59", "am", SIGN_IN),
        ("2026-12-01 10:15:00", "am", SIGN_OUT),  # the midpoint itself signs out
        ("2026-12-01 12:05", "am", SIGN_OUT),
        ("2026-12-01 12:29:59", "am", SIGN_OUT),
        # from 12:30 to 13:00 both windows are open: the nearer start wins
        ("2026-12-01 12:30", "pm", SIGN_IN),  # 4 h after the morning start, 1 h before the afternoon's
        ("2026-12-01 13:00", "pm", SIGN_IN),
        ("2026-12-01 17:00", "pm", SIGN_OUT),
        ("2026-12-01 18:00:00", "pm", SIGN_OUT),
        ("2026-12-01 18:00:01", None, OUTSIDE),
        ("2026-12-02 02:00", None, OUTSIDE),
    ],
)
def test_match_punch_window_and_direction(when, session, kind):
    window, direction = match_punch(at(when), WINDOWS)
    assert (window.session_id if window else None, direction) == (session, kind)


def test_overlapping_windows_prefer_the_session_under_way_then_the_nearest_start():
    first = SessionWindow(1, at("2026-12-01 08:00"), at("2026-12-01 09:00"))
    second = SessionWindow(2, at("2026-12-01 09:00"), at("2026-12-01 10:00"))
    # Back to back: a punch during the first session is its sign-out, not the second's sign-in.
    assert match_punch(at("2026-12-01 08:50"), [second, first]) == (first, SIGN_OUT)
    assert match_punch(at("2026-12-01 08:40"), [second, first]) == (first, SIGN_OUT)
    assert match_punch(at("2026-12-01 09:00"), [second, first]) == (second, SIGN_IN)  # both under way: nearest
    assert match_punch(at("2026-12-01 09:05"), [second, first]) == (second, SIGN_IN)
    # Only margins overlap: nearest start, the earlier one on a tie.
    short = SessionWindow(3, at("2026-12-01 08:00"), at("2026-12-01 08:30"))
    later = SessionWindow(4, at("2026-12-01 10:00"), at("2026-12-01 11:00"))
    assert match_punch(at("2026-12-01 09:00"), [later, short]) == (short, SIGN_OUT)
    assert match_punch(at("2026-12-01 09:01"), [later, short]) == (later, SIGN_IN)


def test_match_punch_window_sizes_and_time_zones():
    assert match_punch(at("2026-12-01 08:10"), [MORNING], early_minutes=15) == (None, OUTSIDE)
    assert match_punch(at("2026-12-01 08:15"), [MORNING], early_minutes=15) == (MORNING, SIGN_IN)
    assert match_punch(at("2026-12-01 12:31"), [MORNING], late_minutes=30) == (None, OUTSIDE)
    assert match_punch(datetime(2026, 12, 1, 0, 25, tzinfo=UTC), WINDOWS) == (MORNING, SIGN_IN)
    assert match_punch(datetime(2026, 12, 1, 8, 25), WINDOWS) == (MORNING, SIGN_IN)  # naive = China time
    assert match_punch(at("2026-12-01 08:25"), []) == (None, OUTSIDE)


ID = "11010519491231002X"


def test_plan_punches_keeps_first_sign_in_and_last_sign_out_per_person_and_session():
    rows = [
        (2, "B", at("2026-12-01 08:40")),
        (3, "A", at("2026-12-01 08:29")),
        (4, "A", at("2026-12-01 08:20")),  # earlier sign-in on a later row
        (5, "A", at("2026-12-01 11:58")),
        (6, "A", at("2026-12-01 12:03")),
        (7, "A", at("2026-12-01 13:25")),
        (8, "B", at("2026-12-01 16:55")),
        (9, "A", at("2026-12-02 08:31")),
    ]
    decisions, problems = plan_punches(rows, WINDOWS, date(2026, 12, 1), date(2026, 12, 2))
    assert problems == []
    assert decisions == [
        PunchDecision("B", "am", at("2026-12-01 08:40"), None),
        PunchDecision("B", "pm", None, at("2026-12-01 16:55")),
        PunchDecision("A", "am", at("2026-12-01 08:20"), at("2026-12-01 12:03")),
        PunchDecision("A", "pm", at("2026-12-01 13:25"), None),
        PunchDecision("A", "am2", at("2026-12-02 08:31"), None),
    ]


def test_plan_punches_reports_duplicates_dates_and_strays_by_row():
    rows = [
        (2, "A", at("2026-12-01 08:25:10")),
        (3, "A", at("2026-12-01 08:25:50")),  # same minute: duplicate of row 2
        (4, "B", at("2026-12-01 08:25:10")),  # another person, same minute: fine
        (5, "A", at("2026-11-30 08:25")),
        (6, "A", at("2026-12-03 08:25")),
        (7, "A", at("2026-12-01 20:00")),
        (8, ID, at("2026-12-01 20:00")),
    ]
    outcome = plan_punches(rows, WINDOWS, date(2026, 12, 1), date(2026, 12, 2))
    assert [(p.code, p.params["row"]) for p in outcome.problems] == [
        ("punch.duplicate", 3), ("punch.before_class", 5), ("punch.after_class", 6),
        ("punch.outside_sessions", 7), ("punch.outside_sessions", 8),
    ]
    duplicate, before, after, outside, masked = outcome.problems
    assert duplicate.code in WARNING_CODES and before.code not in WARNING_CODES
    zh, en = assert_renders(duplicate)
    assert "第 3 行" in zh and "第 2 行" in zh and "重复打卡" in zh
    assert "Row 3" in en and "row 2" in en
    zh, en = assert_renders(before)
    assert "早于开班日期 2026-12-01" in zh and "2026-11-30 08:25:00" in zh
    zh, en = assert_renders(after)
    assert "晚于结业日期 2026-12-02" in zh and "after the class ended on 2026-12-02" in en
    zh, en = assert_renders(outside)
    assert "2026-12-01 20:00:00" in zh and "60" in en
    assert ID not in masked.message("zh") and "1101**********002X" in masked.message("zh")
    assert [d.person_key for d in outcome.decisions] == ["A", "B"]


def test_plan_punches_uses_china_dates_and_a_caller_supplied_name():
    late_utc = datetime(2026, 11, 30, 23, 50, tzinfo=UTC)  # 07:50 on 1 December in China
    outcome = plan_punches([(2, 17, late_utc)], WINDOWS, date(2026, 12, 1), date(2026, 12, 1),
                           describe_person=lambda key: f"学员{key}号")
    assert outcome.problems == [] and outcome.decisions == [PunchDecision(17, "am", at("2026-12-01 07:50"), None)]
    stray = plan_punches([(9, 17, at("2026-12-01 20:00"))], WINDOWS, date(2026, 12, 1), date(2026, 12, 1),
                         describe_person=lambda key: f"学员{key}号")
    assert "学员17号" in stray.problems[0].message("zh")


# ---------------------------------------------------------------- marks from punch times


@pytest.mark.parametrize(
    ("sign_in", "sign_out", "status", "late", "early"),
    [
        ("2026-12-01 08:20", "2026-12-01 12:05", A.PRESENT, 0, 0),
        ("2026-12-01 08:35:00", "2026-12-01 12:00", A.PRESENT, 0, 0),  # grace: exactly 5 minutes
        ("2026-12-01 08:35:01", "2026-12-01 12:00", A.LATE, 6, 0),  # a second past grace: rounded up
        ("2026-12-01 08:50", "2026-12-01 12:00", A.LATE, 20, 0),
        ("2026-12-01 08:30", "2026-12-01 11:55:00", A.PRESENT, 0, 0),
        ("2026-12-01 08:30", "2026-12-01 11:54:59", A.EARLY_LEAVE, 0, 6),
        ("2026-12-01 08:30", "2026-12-01 11:00", A.EARLY_LEAVE, 0, 60),
        ("2026-12-01 08:50", "2026-12-01 11:00", A.LATE, 20, 60),  # both: LATE with both minutes
        ("2026-12-01 08:31", None, A.PRESENT, 0, 0),
        ("2026-12-01 09:00", None, A.LATE, 30, 0),
        (None, "2026-12-01 12:01", A.PRESENT, 0, 0),
        (None, "2026-12-01 11:30", A.EARLY_LEAVE, 0, 30),
        ("2026-12-01 12:30", None, A.LATE, 210, 0),  # signed in after the end: every minute late
    ],
)
def test_mark_from_times(sign_in, sign_out, status, late, early):
    value = mark_from_times(at(sign_in) if sign_in else None, at(sign_out) if sign_out else None, MORNING, POLICY)
    assert (value.status, value.late_minutes, value.early_leave_minutes) == (status, late, early)
    assert value.sign_in_at == (at(sign_in) if sign_in else None)
    assert value.sign_out_at == (at(sign_out) if sign_out else None)
    assert value.leave_reason is None
    assert validate_mark(value, session_minutes=MORNING.minutes) == value


def test_mark_from_times_without_punches_is_absent_and_reversed_times_are_refused():
    assert mark_from_times(None, None, MORNING, POLICY) == MarkValue(A.ABSENT)
    with pytest.raises(AttendanceError) as info:
        mark_from_times(at("2026-12-01 11:00"), at("2026-12-01 09:00"), MORNING, POLICY)
    assert info.value.code == "attendance.sign_out_before_sign_in"


def test_mark_from_times_uses_the_policy_grace():
    strict = dataclasses.replace(POLICY, late_grace_minutes=0)
    assert mark_from_times(at("2026-12-01 08:30:01"), None, MORNING, strict).late_minutes == 1
    lenient = dataclasses.replace(POLICY, late_grace_minutes=15, lateness_rule=LatenessRule.MINUTES)
    assert mark_from_times(at("2026-12-01 08:44"), at("2026-12-01 11:46"), MORNING, lenient).status is A.PRESENT


@given(start_offset=st.integers(-90, 300), length=st.integers(-120, 300))
def test_mark_from_times_always_yields_a_valid_mark(start_offset, length):
    sign_in = MORNING.starts_at + timedelta(minutes=start_offset)
    sign_out = sign_in + timedelta(minutes=abs(length))
    value = mark_from_times(sign_in, sign_out, MORNING, POLICY)
    assert validate_mark(value, session_minutes=MORNING.minutes) == value
    assert value.status in (A.PRESENT, A.LATE, A.EARLY_LEAVE)


# ---------------------------------------------------------------- online learning amounts


@pytest.mark.parametrize(
    ("text", "hint", "minutes"),
    [
        ("12", None, 720),
        ("12.5", None, 750),
        ("12", "hours", 720),
        ("90", "minutes", 90),
        ("12小时", "minutes", 720),  # an explicit unit beats the hint
        ("90分钟", None, 90),
        ("90分钟", "hours", 90),
        ("1.5h", None, 90),
        ("1.5 H", None, 90),
        ("2hours", None, 120),
        ("45min", None, 45),
        ("1小时30分", None, 90),
        ("1小时30分钟", None, 90),
        ("1h30m", None, 90),
        ("１２.５小时", None, 750),
        ("1,200分钟", None, 1200),
        ("1,000", None, 60000),  # exactly the plausible maximum
        ("0.999", "minutes", None),
        ("12.99", "minutes", 12),  # never more than reported
        ("0.02h", None, 1),
    ],
)
def test_online_amounts(text, hint, minutes):
    if minutes is None:
        with pytest.raises(PunchError) as info:
            parse_online_amount(text, hint)
        assert info.value.code == "online.amount_invalid"
    else:
        assert parse_online_amount(text, hint) == minutes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5", "online.amount_invalid"),
        ("0", "online.amount_invalid"),
        ("0分钟", "online.amount_invalid"),
        ("abc", "online.amount_invalid"),
        ("12课时", "online.amount_invalid"),
        ("1e3", "online.amount_invalid"),
        ("1小时90分", "online.amount_invalid"),
        ("12天", "online.amount_invalid"),
        ("NaN", "online.amount_invalid"),
        ("1000.1", "online.amount_absurd"),
        ("60001分钟", "online.amount_absurd"),
        ("2000小时", "online.amount_absurd"),
        ("", "online.amount_empty"),
        ("  ", "online.amount_empty"),
    ],
)
def test_bad_online_amounts_are_refused_naming_the_value(text, code):
    with pytest.raises(PunchError) as info:
        parse_online_amount(text)
    assert info.value.code == code
    zh, en = assert_renders(info.value)
    if text.strip():
        assert f"“{text}”" in zh and f"“{text}”" in en


def test_absurd_amount_message_names_the_hours_and_the_limit():
    with pytest.raises(PunchError) as info:
        parse_online_amount("1500", None)
    zh = info.value.message("zh")
    assert "1500.0 小时" in zh and "1000 小时" in zh
    with pytest.raises(PunchError) as minutes:
        parse_online_amount("abc", "minutes")
    assert "按分钟计" in minutes.value.message("zh") and "read as minutes" in minutes.value.message("en")


def test_unit_hint_must_be_known():
    with pytest.raises(ValueError):
        parse_online_amount("12", "days")


@given(minutes=st.integers(1, 60000))
def test_minutes_written_either_way_read_back(minutes):
    assert parse_online_amount(f"{minutes}分钟") == minutes
    assert parse_online_amount(str(minutes), "minutes") == minutes
    assert parse_online_amount(f"{minutes / 60:.6f}h") in (minutes, minutes - 1)


# ---------------------------------------------------------------- every message, both languages

SAMPLES = {
    "punch.time_empty": {},
    "punch.time_invalid": {"value": "明天早上"},
    "online.amount_empty": {},
    "online.amount_invalid": {"value": "12课时", "unit": Bilingual("小时", "hours")},
    "online.amount_absurd": {"value": "1500", "hours": "1500.0", "maximum": 1000},
    "punch.duplicate": {"row": 3, "person": "张三", "time": "2026-12-01 08:25:50", "first_row": 2},
    "punch.before_class": {"row": 5, "person": "张三", "time": "2026-11-30 08:25:00", "class_start": "2026-12-01"},
    "punch.after_class": {"row": 6, "person": "张三", "time": "2026-12-03 08:25:00", "class_end": "2026-12-02"},
    "punch.outside_sessions": {"row": 7, "person": "张三", "time": "2026-12-01 20:00:00", "early": 60, "late": 60},
}


def test_sample_parameters_cover_every_punch_message():
    assert set(SAMPLES) == set(punches.MESSAGES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_punch_message_renders_in_both_languages(code):
    zh, en = assert_renders(Problem(code, SAMPLES[code]))
    for value in SAMPLES[code].values():
        if not isinstance(value, Bilingual):
            assert str(value) in zh and str(value) in en, (code, value)
