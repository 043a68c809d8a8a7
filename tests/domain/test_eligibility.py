"""Behaviour of the enrolment decision: who may enrol, and whose training may be subsidised (clause 十四)."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app import messages
from desktop_app.domain import eligibility
from desktop_app.domain.eligibility import (
    BLOCKING_CODES,
    Candidate,
    EligibilityResult,
    PastTraining,
    TargetClass,
    Verdict,
    assess_enrolment,
    override_allowed,
)
from desktop_app.domain.identity import check_char, parse_identity_number
from desktop_app.domain.policy import SubsidyWindow
from tests.domain.test_schedule_rules import bundled_policy

CJK = re.compile(r"[\u4e00-\u9fff]")
TODAY = date(2025, 5, 1)
YEARLY = bundled_policy("jiangsu-2019")  # 3 a calendar year
LIFETIME = bundled_policy("jiangsu-2025")  # 3 in total
CLAUSE_14 = "（苏政办发〔2019〕71号 第十四条）"


def resident_number(born: date, sequence: int = 123) -> str:
    first17 = f"320115{born:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def person(born: date | None = date(1990, 3, 7), **overrides) -> Candidate:
    if born is None:
        identity = parse_identity_number("KAZ110090123105", today=TODAY)  # old foreign card: no birth date
    else:
        identity = parse_identity_number(resident_number(born), today=TODAY)
    values = dict(name="王芳", identity=identity, pension=False, already_in_class=False)
    values.update(overrides)
    return Candidate(**values)


def target(**overrides) -> TargetClass:
    values = dict(
        code="JZ2025-05",
        name="家政服务员五级5月班",
        occupation_edition="2022",
        occupation_code="4-10-01-06",
        occupation_name="家政服务员",
        level=5,
        start_date=date(2025, 5, 12),
        end_date=date(2025, 5, 30),
        capacity=40,
        enrolled=12,
        in_subsidy_catalogue=True,
        accepting_enrolment=True,
        status_label="已备案",
    )
    values.update(overrides)
    return TargetClass(**values)


def past(**overrides) -> PastTraining:
    values = dict(
        class_code="DG2024-01",
        class_name="电工四级1月班",
        institution_name="南京市技师学院",
        occupation_edition="2022",
        occupation_code="6-31-01-03",
        occupation_name="电工",
        level=4,
        start_date=date(2024, 1, 8),
        end_date=date(2024, 1, 26),
        subsidised=True,
        active=False,
        own_institution=False,
    )
    values.update(overrides)
    return PastTraining(**values)


def assess(candidate=None, cls=None, history=(), policy=LIFETIME, today=TODAY) -> EligibilityResult:
    return assess_enrolment(candidate or person(), cls or target(), list(history), policy, today=today)


def codes(result: EligibilityResult) -> list[str]:
    return [reason.code for reason in result.reasons]


def subsidised_on(*starts: date, prefix: str = "C") -> list[PastTraining]:
    return [
        past(class_code=f"{prefix}{index}", occupation_name=f"职业{index}", occupation_code=f"6-31-01-{index:02d}",
             start_date=start, end_date=start + timedelta(days=10))
        for index, start in enumerate(starts, 1)
    ]


def assert_renders(problem) -> tuple[str, str]:
    zh, en = problem.message("zh"), problem.message("en")
    assert zh and en and zh != en and CJK.search(zh)
    assert "{" not in zh and "{" not in en
    return zh, en


# ---------------------------------------------------------------- the plain case


def test_a_first_time_adult_in_a_catalogued_class_is_eligible():
    result = assess()
    assert result.verdict is Verdict.ELIGIBLE
    assert result.reasons == () and result.warnings == ()
    assert result.subsidisable and result.can_enrol
    assert not override_allowed(result)


@pytest.mark.parametrize(
    ("verdict", "value", "zh"),
    [
        (Verdict.ELIGIBLE, "eligible", "可以报名，可享受补贴"),
        (Verdict.NOT_SUBSIDISABLE, "not_eligible", "可以报名，不享受补贴"),
        (Verdict.CANNOT_ENROL, "cannot_enrol", "不能报名"),
    ],
)
def test_verdicts_have_stored_values_and_labels(verdict, value, zh):
    assert verdict.value == value and verdict.label_zh == zh and verdict.label_en


# ---------------------------------------------------------------- cannot enrol


def test_someone_already_in_the_class_cannot_enrol_again():
    result = assess(person(already_in_class=True))
    assert result.verdict is Verdict.CANNOT_ENROL
    assert codes(result) == ["eligibility.already_in_class"]
    zh, en = assert_renders(result.reasons[0])
    assert "王芳" in zh and "JZ2025-05" in zh and "家政服务员五级5月班" in zh
    assert not override_allowed(result)


@pytest.mark.parametrize(
    ("capacity", "enrolled", "full"),
    [(40, 39, False), (40, 40, True), (40, 41, True), (1, 0, False), (0, 0, True), (None, 10_000, False)],
)
def test_a_full_class_takes_nobody_more(capacity, enrolled, full):
    result = assess(cls=target(capacity=capacity, enrolled=enrolled))
    assert ("eligibility.class_full" in codes(result)) is full
    if full:
        assert result.verdict is Verdict.CANNOT_ENROL
        zh, en = assert_renders(result.reasons[0])
        assert f"计划招收 {capacity} 人，已报名 {enrolled} 人" in zh
        assert f"takes {capacity} trainees and {enrolled} are enrolled" in en


def test_a_member_of_a_full_class_is_told_they_are_in_it_not_that_it_is_full():
    result = assess(person(already_in_class=True), target(capacity=40, enrolled=40))
    assert codes(result) == ["eligibility.already_in_class"]


@pytest.mark.parametrize("status", ["已结业", "已封存", "已上传", "被退回"])
def test_a_class_not_accepting_enrolment_names_its_status(status):
    result = assess(cls=target(accepting_enrolment=False, status_label=status))
    assert codes(result) == ["eligibility.class_not_accepting"]
    zh, en = assert_renders(result.reasons[0])
    assert f"“{status}”" in zh and f"“{status}”" in en


# Target class runs 2025-05-12 .. 2025-05-30 inclusive.
@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (date(2025, 4, 20), date(2025, 5, 11), False),  # ends the day before: adjacent
        (date(2025, 4, 20), date(2025, 5, 12), True),  # ends on the first day: one day shared
        (date(2025, 5, 30), date(2025, 6, 15), True),  # starts on the last day
        (date(2025, 5, 31), date(2025, 6, 15), False),  # starts the day after
        (date(2025, 5, 15), date(2025, 5, 20), True),  # inside
        (date(2025, 5, 1), date(2025, 6, 30), True),  # around
        (date(2025, 5, 12), date(2025, 5, 30), True),  # the same dates
        (date(2024, 5, 12), date(2024, 5, 30), False),  # a year earlier
    ],
)
def test_dates_may_not_overlap_another_active_class(start, end, overlaps):
    other = past(class_code="CY2025-02", class_name="育婴员五级班", start_date=start, end_date=end, active=True,
                 subsidised=False, institution_name="苏州市职业培训中心")
    result = assess(history=[other])
    assert ("eligibility.dates_overlap" in codes(result)) is overlaps
    assert result.verdict is (Verdict.CANNOT_ENROL if overlaps else Verdict.ELIGIBLE)
    if overlaps:
        zh, en = assert_renders(result.reasons[0])
        for text in ("CY2025-02", "育婴员五级班", "苏州市职业培训中心", start.isoformat(), end.isoformat(),
                     "2025-05-12", "2025-05-30"):
            assert text in zh and text in en


def test_an_overlapping_class_that_is_no_longer_active_does_not_block():
    other = past(start_date=date(2025, 5, 1), end_date=date(2025, 6, 1), active=False, subsidised=False)
    assert assess(history=[other]).verdict is Verdict.ELIGIBLE


def test_every_overlapping_class_is_named():
    others = [
        past(class_code="A1", start_date=date(2025, 5, 1), end_date=date(2025, 5, 12), active=True, subsidised=False),
        past(class_code="A2", start_date=date(2025, 5, 30), end_date=date(2025, 6, 5), active=True, subsidised=False),
    ]
    result = assess(history=others)
    assert codes(result) == ["eligibility.dates_overlap", "eligibility.dates_overlap"]
    assert [reason.params["other_code"] for reason in result.reasons] == ["A1", "A2"]


def test_this_very_enrolment_in_the_history_counts_neither_as_overlap_nor_against_the_cap():
    itself = past(class_code="JZ2025-05", own_institution=True, active=True, subsidised=True,
                  occupation_code="4-10-01-06", occupation_name="家政服务员", level=5,
                  start_date=date(2025, 5, 12), end_date=date(2025, 5, 30))
    policy = dataclasses.replace(LIFETIME, subsidy_cap=1)
    assert assess(person(already_in_class=True), history=[itself], policy=policy).reasons[0].code == (
        "eligibility.already_in_class"
    )
    assert codes(assess(history=[itself], policy=policy)) == []


def test_a_class_elsewhere_with_the_same_code_is_a_different_class():
    namesake = past(class_code="JZ2025-05", own_institution=False, active=True, subsidised=False,
                    start_date=date(2025, 5, 12), end_date=date(2025, 5, 30))
    assert codes(assess(history=[namesake])) == ["eligibility.dates_overlap"]


# Target class starts 2025-05-12; the bundled minimum age is 16.
@pytest.mark.parametrize(
    ("born", "too_young"),
    [
        (date(2009, 5, 12), False),  # 16th birthday on the first day
        (date(2009, 5, 13), True),  # 16th birthday one day later
        (date(2009, 5, 11), False),
        (date(2012, 1, 1), True),
        (date(2025, 5, 1), True),  # a baby
    ],
)
def test_a_person_younger_than_the_minimum_age_on_the_first_day_cannot_enrol(born, too_young):
    result = assess(person(born))
    assert ("eligibility.too_young" in codes(result)) is too_young
    if too_young:
        assert result.verdict is Verdict.CANNOT_ENROL
        zh, en = assert_renders(result.reasons[0])
        assert "未满 16 周岁" in zh and "2025-05-12" in zh and "minimum age of 16" in en


def test_someone_born_after_the_class_starts_is_too_young_not_an_error():
    cls = target(start_date=date(2025, 4, 1), end_date=date(2025, 4, 20))
    result = assess(person(date(2025, 4, 15)), cls, today=date(2025, 4, 30))
    assert "eligibility.too_young" in codes(result)
    assert result.reasons[0].params["age"] == 0


def test_without_a_birth_date_the_age_is_a_warning_not_a_block():
    result = assess(person(None))
    assert result.verdict is Verdict.ELIGIBLE
    assert [w.code for w in result.warnings] == ["eligibility.birth_date_unknown"]
    zh, en = assert_renders(result.warnings[0])
    assert "16" in zh and "60" in zh


def test_a_birth_date_entered_by_hand_is_used_when_the_number_has_none():
    young = dataclasses.replace(person(None), birth_date=date(2015, 1, 1))
    assert codes(assess(young)) == ["eligibility.too_young"]
    assert assess(young).warnings == ()


# ---------------------------------------------------------------- not subsidisable: the cap


@pytest.mark.parametrize(
    ("starts", "target_start", "capped"),
    [
        ([], date(2025, 5, 12), False),
        ([date(2025, 1, 6), date(2025, 3, 3)], date(2025, 5, 12), False),  # 2 of 3
        ([date(2025, 1, 6), date(2025, 3, 3), date(2025, 4, 7)], date(2025, 5, 12), True),  # exactly at the cap
        ([date(2025, 1, 6), date(2025, 3, 3), date(2025, 4, 7), date(2025, 4, 21)], date(2025, 5, 12), True),
        # Year boundary: Dec 31 belongs to the old year, Jan 1 to the new one.
        ([date(2024, 12, 31), date(2025, 3, 3), date(2025, 4, 7)], date(2025, 5, 12), False),
        ([date(2025, 1, 1), date(2025, 3, 3), date(2025, 4, 7)], date(2025, 5, 12), True),
        ([date(2024, 3, 1), date(2024, 6, 1), date(2024, 12, 31)], date(2025, 1, 1), False),
        ([date(2025, 3, 1), date(2025, 6, 1), date(2025, 12, 31)], date(2025, 12, 31), True),
        ([date(2025, 3, 1), date(2025, 6, 1), date(2025, 12, 31)], date(2026, 1, 1), False),
        # Trainings of other years never count, however many.
        ([date(2023, 1, 1)] * 3 + [date(2024, 1, 1)] * 3, date(2025, 5, 12), False),
    ],
)
def test_calendar_year_cap_counts_subsidised_trainings_started_in_the_target_year(starts, target_start, capped):
    cls = target(start_date=target_start, end_date=target_start + timedelta(days=5))
    result = assess(cls=cls, history=subsidised_on(*starts), policy=YEARLY, today=date(2020, 1, 1))
    assert ("eligibility.cap_reached_year" in codes(result)) is capped
    assert result.verdict is (Verdict.NOT_SUBSIDISABLE if capped else Verdict.ELIGIBLE)


def test_the_year_is_that_of_the_start_date_even_when_a_training_runs_into_the_next_year():
    spanning = past(class_code="X", start_date=date(2024, 12, 20), end_date=date(2025, 1, 20))
    history = [spanning] + subsidised_on(date(2025, 2, 1), date(2025, 3, 1))
    assert codes(assess(history=history, policy=YEARLY)) == []


@pytest.mark.parametrize(
    ("starts", "capped"),
    [
        ([], False),
        ([date(2019, 9, 1), date(2022, 5, 1)], False),
        ([date(2019, 9, 1), date(2022, 5, 1), date(2024, 12, 31)], True),  # at the cap, across years
        ([date(2010, 1, 1), date(2011, 1, 1), date(2012, 1, 1), date(2013, 1, 1)], True),
    ],
)
def test_lifetime_cap_counts_every_subsidised_training(starts, capped):
    result = assess(history=subsidised_on(*starts), policy=LIFETIME)
    assert ("eligibility.cap_reached_lifetime" in codes(result)) is capped
    assert "eligibility.cap_reached_year" not in codes(result)


def test_unsubsidised_trainings_do_not_count_against_the_cap():
    history = [dataclasses.replace(p, subsidised=False) for p in subsidised_on(*[date(2025, 1, 1)] * 5)]
    assert assess(history=history, policy=YEARLY).verdict is Verdict.ELIGIBLE
    assert assess(history=history, policy=LIFETIME).verdict is Verdict.ELIGIBLE


@pytest.mark.parametrize(("cap", "count", "capped"), [(1, 0, False), (1, 1, True), (5, 4, False), (5, 5, True), (0, 0, True)])
def test_the_cap_comes_from_the_policy(cap, count, capped):
    policy = dataclasses.replace(LIFETIME, subsidy_cap=cap)
    result = assess(history=subsidised_on(*[date(2020, 1, 1)] * count), policy=policy)
    assert ("eligibility.cap_reached_lifetime" in codes(result)) is capped


def test_yearly_cap_message_names_the_year_the_cap_the_source_and_every_class():
    history = subsidised_on(date(2025, 4, 7), date(2025, 1, 6), date(2025, 3, 3))
    (reason,) = assess(history=history, policy=YEARLY).reasons
    zh, en = assert_renders(reason)
    assert "2025 年已经享受过 3 次" in zh and "每年最多 3 次" in zh and CLAUSE_14 in zh
    assert "in 2025" in en and "at most 3 are allowed per year" in en and "clause 14" in en
    assert zh.index("C2") < zh.index("C3") < zh.index("C1")  # oldest first
    for code in ("C1", "C2", "C3"):
        assert code in zh and code in en


def test_lifetime_cap_message_says_in_total_and_cites_the_2025_notice():
    (reason,) = assess(history=subsidised_on(date(2020, 1, 1), date(2021, 1, 1), date(2022, 1, 1))).reasons
    zh, en = assert_renders(reason)
    assert "累计最多 3 次" in zh and "每年" not in zh and "苏人社函〔2025〕32号" in zh
    assert "in total" in en and "per year" not in en


# ---------------------------------------------------------------- not subsidisable: same occupation, same level


def earlier(**overrides) -> PastTraining:
    values = dict(class_code="JZ2023-09", class_name="家政服务员五级秋季班", occupation_edition="2022",
                  occupation_code="4-10-01-06", occupation_name="家政服务员", level=5,
                  start_date=date(2023, 9, 4), end_date=date(2023, 9, 22), institution_name="无锡市家政培训学校")
    values.update(overrides)
    return past(**values)


@pytest.mark.parametrize(
    ("overrides", "repeated"),
    [
        ({}, True),  # same edition, code and level
        ({"level": 4}, False),  # a different level
        ({"subsidised": False}, False),  # trained before, but without subsidy
        ({"occupation_code": "4-10-01-07", "occupation_name": "养老护理员"}, False),
        # Codes were renumbered in 2022: the same occupation under its 2015 code is the same occupation.
        ({"occupation_edition": "2015", "occupation_code": "4-10-01-99"}, True),
        ({"occupation_edition": "2015", "occupation_code": "4-10-01-99", "occupation_name": " 家政服务员 "}, True),
        # The same code in another edition with another name is another occupation.
        ({"occupation_edition": "2015", "occupation_name": "其他职业"}, False),
        # The same code and edition is the same occupation even if the name was written differently.
        ({"occupation_name": "家政服务"}, True),
        ({"start_date": date(2010, 1, 1), "end_date": date(2010, 1, 20)}, True),  # however long ago
        ({"own_institution": True}, True),
    ],
)
def test_the_same_occupation_at_the_same_level_is_subsidised_only_once(overrides, repeated):
    result = assess(history=[earlier(**overrides)])
    assert ("eligibility.same_occupation_level" in codes(result)) is repeated
    assert result.verdict is (Verdict.NOT_SUBSIDISABLE if repeated else Verdict.ELIGIBLE)


def test_same_occupation_message_names_the_earlier_class_and_cites_clause_14():
    (reason,) = assess(history=[earlier()]).reasons
    zh, en = assert_renders(reason)
    for text in ("JZ2023-09", "家政服务员五级秋季班", "无锡市家政培训学校", "2023-09-04"):
        assert text in zh and text in en
    assert "“家政服务员”五级/初级工" in zh and CLAUSE_14 in zh
    assert "level “五级/初级工”" in en and "clause 14" in en


def test_same_occupation_rule_can_be_switched_off_by_the_policy():
    policy = dataclasses.replace(LIFETIME, same_occupation_level_once=False)
    assert assess(history=[earlier()], policy=policy).verdict is Verdict.ELIGIBLE


# ---------------------------------------------------------------- not subsidisable: pension, age, catalogue


@pytest.mark.parametrize(("pension", "excluded", "refused"), [(True, True, True), (True, False, False), (False, True, False)])
def test_pension_drawers_are_not_subsidised_when_the_policy_excludes_them(pension, excluded, refused):
    policy = dataclasses.replace(LIFETIME, pension_excluded=excluded)
    result = assess(person(pension=pension), policy=policy)
    assert ("eligibility.pension" in codes(result)) is refused
    if refused:
        assert result.verdict is Verdict.NOT_SUBSIDISABLE
        zh, _ = assert_renders(result.reasons[0])
        assert CLAUSE_14 in zh


# Target class starts 2025-05-12; the bundled maximum age is 60.
@pytest.mark.parametrize(
    ("born", "too_old"),
    [
        (date(1965, 5, 12), False),  # 60th birthday on the first day
        (date(1964, 5, 13), False),  # 61st birthday the day after: still 60
        (date(1964, 5, 12), True),  # 61st birthday on the first day
        (date(1950, 1, 1), True),
    ],
)
def test_a_person_older_than_the_maximum_age_may_enrol_without_subsidy(born, too_old):
    result = assess(person(born))
    assert ("eligibility.too_old" in codes(result)) is too_old
    if too_old:
        assert result.verdict is Verdict.NOT_SUBSIDISABLE
        zh, en = assert_renders(result.reasons[0])
        assert "60 周岁" in zh and "2025-05-12" in zh and "limit of 60" in en


@pytest.mark.parametrize(("start", "age"), [(date(2025, 2, 28), 60), (date(2025, 3, 1), 61)])
def test_a_leap_day_birthday_falls_on_1_march_in_other_years(start, age):
    cls = target(start_date=start, end_date=start + timedelta(days=10))
    result = assess(person(date(1964, 2, 29)), cls, today=date(2025, 1, 1))
    assert ("eligibility.too_old" in codes(result)) is (age > 60)


def test_an_occupation_outside_the_subsidy_catalogue_is_not_subsidised():
    result = assess(cls=target(in_subsidy_catalogue=False))
    assert codes(result) == ["eligibility.not_in_catalogue"]
    zh, en = assert_renders(result.reasons[0])
    assert "家政服务员" in zh and "4-10-01-06" in zh and "2022" in zh and "第九条" in zh


# ---------------------------------------------------------------- every reason at once


def test_every_subsidy_reason_is_collected_not_just_the_first():
    history = [earlier(start_date=date(2019, 1, 1), end_date=date(2019, 1, 20))] + subsidised_on(
        date(2020, 1, 1), date(2021, 1, 1)
    )
    result = assess(person(date(1950, 1, 1), pension=True), target(in_subsidy_catalogue=False), history)
    assert codes(result) == [
        "eligibility.cap_reached_lifetime",
        "eligibility.same_occupation_level",
        "eligibility.pension",
        "eligibility.too_old",
        "eligibility.not_in_catalogue",
    ]
    assert result.verdict is Verdict.NOT_SUBSIDISABLE
    assert override_allowed(result)
    assert result.blocking_reasons == () and result.subsidy_reasons == result.reasons


def test_blocking_and_subsidy_reasons_are_both_reported_blocking_first():
    busy = past(class_code="B1", start_date=date(2025, 5, 20), end_date=date(2025, 6, 20), active=True, subsidised=False)
    cls = target(capacity=10, enrolled=10, accepting_enrolment=False, status_label="已结业", in_subsidy_catalogue=False)
    result = assess(person(date(2012, 1, 1), pension=True), cls, [busy])
    assert codes(result) == [
        "eligibility.class_full",
        "eligibility.class_not_accepting",
        "eligibility.dates_overlap",
        "eligibility.too_young",
        "eligibility.pension",
        "eligibility.not_in_catalogue",
    ]
    assert result.verdict is Verdict.CANNOT_ENROL
    assert not result.can_enrol and not result.subsidisable
    assert not override_allowed(result)
    assert {r.code for r in result.blocking_reasons} <= BLOCKING_CODES
    assert [r.code for r in result.subsidy_reasons] == ["eligibility.pension", "eligibility.not_in_catalogue"]


def test_override_is_allowed_only_for_a_refused_subsidy():
    assert override_allowed(EligibilityResult(Verdict.NOT_SUBSIDISABLE))
    assert not override_allowed(EligibilityResult(Verdict.CANNOT_ENROL))
    assert not override_allowed(EligibilityResult(Verdict.ELIGIBLE))


def test_enrolling_after_the_class_has_ended_is_warned_about():
    result = assess(cls=target(start_date=date(2025, 3, 3), end_date=date(2025, 3, 28)), today=date(2025, 3, 29))
    assert [w.code for w in result.warnings] == ["eligibility.class_already_ended"]
    assert result.verdict is Verdict.ELIGIBLE
    assert assess(cls=target(start_date=date(2025, 3, 3), end_date=date(2025, 3, 28)), today=date(2025, 3, 28)).warnings == ()


def test_every_eligibility_message_renders_in_both_languages():
    busy = past(class_code="B1", start_date=date(2025, 5, 20), end_date=date(2025, 6, 20), active=True, subsidised=False)
    results = [
        assess(person(already_in_class=True)),
        assess(person(date(2012, 1, 1), pension=True),
               target(capacity=1, enrolled=1, accepting_enrolment=False, in_subsidy_catalogue=False), [busy]),
        assess(person(date(1950, 1, 1)), history=[earlier()] + subsidised_on(date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)),
               policy=YEARLY),
        assess(history=subsidised_on(date(2020, 1, 1), date(2021, 1, 1), date(2022, 1, 1))),
        assess(person(None), today=date(2030, 1, 1)),
    ]
    problems = [p for result in results for p in result.reasons + result.warnings]
    registered = set(eligibility.MESSAGES)
    assert {p.code for p in problems} == registered
    for problem in problems:
        assert_renders(problem)


def test_reasons_survive_being_stored_as_json_and_worded_again():
    """Enrolments keep their reasons as code + parameters in a JSON column and word them when shown."""
    busy = past(class_code="B1", start_date=date(2025, 5, 20), end_date=date(2025, 6, 20), active=True, subsidised=False)
    results = [
        assess(person(date(2012, 1, 1), pension=True), target(capacity=1, enrolled=1, accepting_enrolment=False,
                                                               in_subsidy_catalogue=False), [busy]),
        assess(person(date(1950, 1, 1)), history=[earlier()] + subsidised_on(date(2025, 1, 1), date(2025, 2, 1),
                                                                             date(2025, 3, 1)), policy=YEARLY),
        assess(history=subsidised_on(date(2020, 1, 1), date(2021, 1, 1), date(2022, 1, 1))),
    ]
    for problem in [p for result in results for p in result.reasons]:
        stored = json.loads(json.dumps({"code": problem.code, "params": problem.params}))
        for language in ("zh", "en"):
            assert messages.render(stored["code"], language, **stored["params"]) == problem.message(language)


# ---------------------------------------------------------------- a property: the verdict follows the reasons

trainings = st.builds(
    past,
    class_code=st.sampled_from(["A", "B", "C", "JZ2025-05"]),
    occupation_code=st.sampled_from(["4-10-01-06", "6-31-01-03"]),
    occupation_name=st.sampled_from(["家政服务员", "电工"]),
    occupation_edition=st.sampled_from(["2015", "2022"]),
    level=st.integers(1, 5),
    start_date=st.dates(date(2023, 1, 1), date(2026, 1, 1)),
    end_date=st.dates(date(2023, 1, 1), date(2026, 6, 1)),
    subsidised=st.booleans(),
    active=st.booleans(),
    own_institution=st.booleans(),
)


@given(
    history=st.lists(trainings, max_size=8),
    born=st.one_of(st.none(), st.dates(date(1940, 1, 1), date(2020, 1, 1))),
    pension=st.booleans(),
    already=st.booleans(),
    window=st.sampled_from(list(SubsidyWindow)),
)
def test_the_verdict_always_follows_from_the_reasons(history, born, pension, already, window):
    policy = dataclasses.replace(LIFETIME, subsidy_window=window)
    result = assess(person(born, pension=pension, already_in_class=already), history=history, policy=policy)
    blocking = [r for r in result.reasons if r.code in BLOCKING_CODES]
    if blocking:
        assert result.verdict is Verdict.CANNOT_ENROL
    elif result.reasons:
        assert result.verdict is Verdict.NOT_SUBSIDISABLE
    else:
        assert result.verdict is Verdict.ELIGIBLE
    assert override_allowed(result) is (result.verdict is Verdict.NOT_SUBSIDISABLE)
    for problem in result.reasons + result.warnings:
        assert_renders(problem)
