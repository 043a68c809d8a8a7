"""The subsidy rules, scenario by scenario: what a trainee earns and why, in fen, rounded once.

Each row is one situation an institution meets; the expected amount is worked out by hand from
the bundled baseline (A 四级 1 500 元, B 三级 1 800 元, C 五级 500 元, 专项 A 800 元 …) and the
city figures of the row.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from desktop_app import resources
from desktop_app.domain.certificates import CertificateKind
from desktop_app.domain.policy import SubsidyWindow
from desktop_app.domain.subsidy import (
    BaselineRates,
    CityRules,
    ClassCase,
    ClassKind,
    HeldCertificate,
    Payer,
    PriorSubsidy,
    SubsidyTerms,
    TraineeCase,
    claim_deadline,
    living_allowance,
    project_advance,
    round_half_up,
    settle,
    training_subsidy,
    work_for_training,
)

BASELINE = BaselineRates.from_dataset(json.loads(resources.reference_path("subsidy_rates.json").read_text("utf-8")))
CITY = CityRules(version="test-city", local_factor_percent=100, shortage_uplift_percent=20, shortage_from_level=3,
                 training_certificate_fen=60000, flat_fen={"GYB": 35000, "SYB": 100000, "IYB": 100000,
                                                           "pre_job": 50000},
                 living_allowance_fen_per_day=3000, work_for_training_fen_per_month=50000)
UNSET = CityRules(version="unpublished")
YEARLY = SubsidyTerms(cap=3, window=SubsidyWindow.CALENDAR_YEAR)
TOTAL = SubsidyTerms(cap=3, window=SubsidyWindow.LIFETIME)
ISSUED = date(2026, 12, 20)
CLAIM = date(2027, 1, 10)

HOUSEKEEPER = ClassCase("4-10-01-06", "家政服务员", "C", 4, ClassKind.ORDINARY, shortage=False)
WELDER = ClassCase("6-18-02-04", "焊工", "A", 4, ClassKind.ORDINARY, shortage=True)
AI_TRAINER = ClassCase("4-04-05-05", "人工智能训练师", "B", 3, ClassKind.ORDINARY, shortage=True)
UNCLASSED = ClassCase("9-99-99-99", "某地方职业", None, 4, ClassKind.ORDINARY, shortage=False)


def cert(kind: CertificateKind, level: int | None = None, issued: date = ISSUED) -> HeldCertificate:
    return HeldCertificate(kind, issued, level=level)


SKILL = CertificateKind.SKILL_LEVEL
QUALIFICATION = CertificateKind.VOCATIONAL_QUALIFICATION
SPECIAL = CertificateKind.SPECIAL_ABILITY
TRAINING = CertificateKind.TRAINING_COMPLETION


def case(*certificates: HeldCertificate, **changes) -> TraineeCase:
    base = TraineeCase(name="张小凤", completed=True, passed=True, certificates=certificates)
    return replace(base, **changes)


def prior(level: int | None, on: date, code: str = "4-10-01-06", name: str = "家政服务员") -> PriorSubsidy:
    return PriorSubsidy(code, name, level, on)


# (id, trainee, class, city, terms, claim date, expected fen or None, reason codes expected)
SCENARIOS = [
    # --- each certificate kind × class × level
    ("A-level4", case(cert(SKILL, 4)), replace(WELDER, shortage=False), CITY, YEARLY, CLAIM, 150000, ()),
    ("A-level5", case(cert(SKILL, 5)), replace(WELDER, level=5, shortage=False), CITY, YEARLY, CLAIM, 100000, ()),
    ("A-level1", case(cert(SKILL, 1)), replace(WELDER, level=1, shortage=False), CITY, YEARLY, CLAIM, 430000, ()),
    ("B-level3", case(cert(SKILL, 3)), replace(AI_TRAINER, shortage=False), CITY, YEARLY, CLAIM, 180000, ()),
    ("B-level2", case(cert(SKILL, 2)), replace(AI_TRAINER, level=2, shortage=False), CITY, YEARLY, CLAIM, 250000, ()),
    ("C-level4", case(cert(SKILL, 4)), HOUSEKEEPER, CITY, YEARLY, CLAIM, 100000, ()),
    ("C-level5", case(cert(SKILL, 5)), replace(HOUSEKEEPER, level=5), CITY, YEARLY, CLAIM, 50000, ()),
    ("C-qualification", case(cert(QUALIFICATION, 4)), HOUSEKEEPER, CITY, YEARLY, CLAIM, 100000, ()),
    ("A-special", case(cert(SPECIAL)), replace(WELDER, shortage=False), CITY, YEARLY, CLAIM, 80000, ()),
    ("B-special", case(cert(SPECIAL)), replace(AI_TRAINER, shortage=False), CITY, YEARLY, CLAIM, 60000, ()),
    ("C-special", case(cert(SPECIAL)), HOUSEKEEPER, CITY, YEARLY, CLAIM, 40000, ()),
    ("training-certificate", case(cert(TRAINING)), HOUSEKEEPER, CITY, YEARLY, CLAIM, 60000, ()),
    ("GYB", case(cert(TRAINING)), replace(HOUSEKEEPER, kind=ClassKind.GYB), CITY, YEARLY, CLAIM, 35000, ()),
    ("SYB", case(cert(TRAINING)), replace(HOUSEKEEPER, kind=ClassKind.SYB), CITY, YEARLY, CLAIM, 100000, ()),
    ("IYB", case(cert(TRAINING)), replace(HOUSEKEEPER, kind=ClassKind.IYB), CITY, YEARLY, CLAIM, 100000, ()),
    ("pre-job", case(cert(TRAINING)), replace(HOUSEKEEPER, kind=ClassKind.PRE_JOB), CITY, YEARLY, CLAIM, 50000, ()),
    # --- the city's local factor
    ("factor-70", case(cert(SKILL, 4)), HOUSEKEEPER, replace(CITY, local_factor_percent=70), YEARLY, CLAIM, 70000, ()),
    ("factor-130", case(cert(SKILL, 4)), HOUSEKEEPER, replace(CITY, local_factor_percent=130), YEARLY, CLAIM, 130000,
     ()),
    # 1 800 元 × 87 % = 1 566 元
    ("factor-87", case(cert(SKILL, 3)), replace(AI_TRAINER, shortage=False), replace(CITY, local_factor_percent=87),
     YEARLY, CLAIM, 156600, ()),
    # --- the shortage uplift in and out of its levels
    ("uplift-in-level3", case(cert(SKILL, 3)), AI_TRAINER, CITY, YEARLY, CLAIM, 216000, ()),
    ("uplift-out-level4", case(cert(SKILL, 4)), WELDER, CITY, YEARLY, CLAIM, 150000, ()),
    ("uplift-every-level", case(cert(SKILL, 4)), WELDER, replace(CITY, shortage_from_level=None), YEARLY, CLAIM,
     180000, ()),
    ("uplift-not-shortage", case(cert(SKILL, 3)), replace(AI_TRAINER, shortage=False), CITY, YEARLY, CLAIM, 180000,
     ()),
    ("uplift-and-factor", case(cert(SKILL, 3)), AI_TRAINER, replace(CITY, local_factor_percent=90), YEARLY, CLAIM,
     194400, ()),
    # exact arithmetic: C 五级 500 元 × 77 % × 130 % = 500.50 元, not 500 × 0.77 rounded, × 1.3
    ("factor-and-uplift-exact", case(cert(SKILL, 5)), replace(HOUSEKEEPER, level=5, shortage=True),
     replace(CITY, local_factor_percent=77, shortage_uplift_percent=30, shortage_from_level=None), YEARLY, CLAIM,
     50050, ()),
    # --- the fee cap
    ("fee-cap", case(cert(SKILL, 4), fee_fen=80000), HOUSEKEEPER, CITY, YEARLY, CLAIM, 80000, ()),
    ("fee-above-standard", case(cert(SKILL, 4), fee_fen=200000), HOUSEKEEPER, CITY, YEARLY, CLAIM, 100000, ()),
    ("fee-zero", case(cert(SKILL, 4), fee_fen=0), HOUSEKEEPER, CITY, YEARLY, CLAIM, 0, ()),
    # --- two certificates qualify: the higher, once
    ("two-certificates", case(cert(TRAINING), cert(SKILL, 4)), HOUSEKEEPER, CITY, YEARLY, CLAIM, 100000, ()),
    ("two-certificates-training-higher", case(cert(TRAINING), cert(SPECIAL)), HOUSEKEEPER, CITY, YEARLY, CLAIM, 60000,
     ()),
    # --- who may not be paid
    ("pensioner", case(cert(SKILL, 4), pension=True), HOUSEKEEPER, CITY, YEARLY, CLAIM, 0, ("subsidy.pension",)),
    ("failed", case(cert(SKILL, 4), passed=False), HOUSEKEEPER, CITY, YEARLY, CLAIM, 0, ("subsidy.not_passed",)),
    ("not-completed", case(cert(SKILL, 4), completed=False, completion_reasons="出勤率 62%"), HOUSEKEEPER, CITY,
     YEARLY, CLAIM, 0, ("subsidy.not_completed",)),
    ("withdrawn", case(withdrawn_on=date(2026, 12, 5), completed=False), HOUSEKEEPER, CITY, YEARLY, CLAIM, 0,
     ("subsidy.withdrawn", "subsidy.not_completed", "subsidy.no_certificate")),
    ("enrolled-without-subsidy", case(cert(SKILL, 4), subsidised_enrolment=False, not_subsidised_why="年度次数已满"),
     HOUSEKEEPER, CITY, YEARLY, CLAIM, 0, ("subsidy.not_subsidised_enrolment",)),
    ("no-certificate-yet", case(), HOUSEKEEPER, CITY, YEARLY, CLAIM, 0, ("subsidy.no_certificate",)),
    # --- the caps
    ("cap-reached-this-year", case(cert(SKILL, 4), prior=[prior(5, date(2027, 1, 2), "1-1", "甲"),
                                                           prior(5, date(2027, 1, 3), "2-2", "乙"),
                                                           prior(5, date(2027, 1, 4), "3-3", "丙")]),
     HOUSEKEEPER, CITY, YEARLY, CLAIM, 0, ("subsidy.cap_year",)),
    ("cap-last-year-does-not-count", case(cert(SKILL, 4), prior=[prior(5, date(2026, 3, 2), "1-1", "甲"),
                                                                  prior(5, date(2026, 4, 3), "2-2", "乙"),
                                                                  prior(5, date(2026, 5, 4), "3-3", "丙")]),
     HOUSEKEEPER, CITY, YEARLY, CLAIM, 100000, ()),
    ("cap-in-total", case(cert(SKILL, 4), prior=[prior(5, date(2019, 3, 2), "1-1", "甲"),
                                                  prior(5, date(2021, 4, 3), "2-2", "乙"),
                                                  prior(5, date(2024, 5, 4), "3-3", "丙")]),
     HOUSEKEEPER, CITY, TOTAL, CLAIM, 0, ("subsidy.cap_total",)),
    ("same-occupation-same-level", case(cert(SKILL, 4), prior=[prior(4, date(2025, 6, 1))]), HOUSEKEEPER, CITY,
     YEARLY, CLAIM, 0, ("subsidy.same_occupation_level",)),
    ("same-occupation-higher-now", case(cert(SKILL, 3), prior=[prior(4, date(2025, 6, 1))]),
     replace(HOUSEKEEPER, level=3), CITY, YEARLY, CLAIM, 150000, ()),
    ("lower-after-higher", case(cert(SKILL, 4), prior=[prior(3, date(2025, 6, 1))]), HOUSEKEEPER, CITY, YEARLY,
     CLAIM, 0, ("subsidy.lower_after_higher",)),
    ("lower-after-higher-before-2023-rules", case(cert(SKILL, 4), prior=[prior(3, date(2020, 6, 1))]), HOUSEKEEPER,
     CITY, replace(YEARLY, lower_level_after_higher_refused=False), CLAIM, 100000, ()),
    ("other-occupation-lower-level", case(cert(SKILL, 4), prior=[prior(3, date(2025, 6, 1), "6-18-02-04", "焊工")]),
     HOUSEKEEPER, CITY, YEARLY, CLAIM, 100000, ()),
    # --- the deadline
    ("deadline-passed", case(cert(SKILL, 4, issued=date(2025, 12, 20))), HOUSEKEEPER, CITY, YEARLY,
     date(2026, 12, 21), 0, ("subsidy.deadline_passed",)),
    ("deadline-last-day", case(cert(SKILL, 4, issued=date(2025, 12, 20))), HOUSEKEEPER, CITY, YEARLY,
     date(2026, 12, 20), 100000, ()),
    # --- unset and unknown figures: no amount, said so
    ("unset-training-certificate", case(cert(TRAINING)), HOUSEKEEPER, UNSET, YEARLY, CLAIM, None, ("subsidy.unset",)),
    ("unset-local-factor", case(cert(SKILL, 4)), HOUSEKEEPER, UNSET, YEARLY, CLAIM, None, ("subsidy.unset",)),
    ("no-subsidy-class", case(cert(SKILL, 4)), UNCLASSED, CITY, YEARLY, CLAIM, None, ("subsidy.no_subsidy_class",)),
    ("no-rate-for-level", case(cert(SKILL, 6)), replace(HOUSEKEEPER, level=6), CITY, YEARLY, CLAIM, None,
     ("subsidy.no_rate",)),
]


@pytest.mark.parametrize("trainee, klass, city, terms, claim_date, expected, codes",
                         [pytest.param(*row[1:], id=row[0]) for row in SCENARIOS])
def test_the_training_subsidy(trainee, klass, city, terms, claim_date, expected, codes):
    result = training_subsidy(trainee, klass, baseline=BASELINE, city=city, terms=terms, claim_date=claim_date)
    assert result.amount.fen == expected
    assert tuple(reason.code for reason in result.amount.reasons) == codes
    for reason in result.amount.reasons:  # every reason reads in both languages
        assert reason.message("zh") and reason.message("en")
        assert "{" not in reason.message("zh") + reason.message("en")


def test_there_are_at_least_forty_scenarios():
    assert len(SCENARIOS) >= 40


def test_the_notes_say_how_the_amount_was_reached():
    result = training_subsidy(case(cert(SKILL, 3), fee_fen=190000), AI_TRAINER,
                              baseline=BASELINE, city=replace(CITY, local_factor_percent=110), terms=YEARLY,
                              claim_date=CLAIM)
    # 1 800 × 110 % × 120 % = 2 376 元, capped at the 1 900 元 fee
    assert result.amount.fen == 190000
    assert [note.code for note in result.amount.notes] == ["subsidy.local_factor", "subsidy.shortage_uplift",
                                                          "subsidy.capped_at_fee"]
    assert "2376" in result.amount.notes[-1].message("zh") and "1900" in result.amount.notes[-1].message("zh")


def test_a_warning_a_month_before_the_deadline():
    result = training_subsidy(case(cert(SKILL, 4, issued=date(2026, 1, 31))), HOUSEKEEPER, baseline=BASELINE,
                              city=CITY, terms=YEARLY, claim_date=date(2027, 1, 10))
    assert result.amount.fen == 100000
    assert [w.code for w in result.warnings] == ["subsidy.deadline_near"]
    assert "2027-01-31" in result.warnings[0].message("zh") and "21" in result.warnings[0].message("zh")


@pytest.mark.parametrize("payer", list(Payer))
def test_the_payee_is_who_paid(payer):
    result = training_subsidy(case(cert(SKILL, 4), payer=payer), HOUSEKEEPER, baseline=BASELINE, city=CITY,
                              terms=YEARLY, claim_date=CLAIM)
    assert result.payee is payer and result.amount.fen == 100000


@pytest.mark.parametrize("groups, rural, days, city, expected, code", [
    ({"registered_poor_household"}, None, 20, CITY, 60000, None),
    ({"urban_rural_dibao"}, None, 15, CITY, 45000, None),
    ({"employment_difficulty"}, None, 10, CITY, 30000, None),
    ({"zero_employment_family"}, None, 8, CITY, 24000, None),
    ({"urban_dibao_family_student"}, None, 5, CITY, 15000, None),
    ({"non_continuing_graduate"}, True, 20, CITY, 60000, None),
    ({"non_continuing_graduate"}, False, 20, CITY, 0, "subsidy.living_urban_graduate"),
    ({"non_continuing_graduate"}, None, 20, CITY, 0, "subsidy.living_urban_graduate"),
    ({"non_continuing_graduate", "urban_rural_dibao"}, False, 20, CITY, 60000, None),
    ({"rural_migrant_worker"}, True, 20, CITY, 0, "subsidy.living_not_in_group"),
    (set(), None, 20, CITY, 0, "subsidy.living_not_in_group"),
    ({"registered_poor_household"}, None, 20, UNSET, None, "subsidy.unset"),
])
def test_the_living_allowance(groups, rural, days, city, expected, code):
    result = living_allowance(case(key_groups=frozenset(groups), rural_household=rural, credited_training_days=days),
                              city)
    assert result.fen == expected
    assert [r.code for r in result.reasons] == ([code] if code else [])


@pytest.mark.parametrize("months, expected, capped", [(6, 300000, False), (7, 300000, True), (3, 150000, False)])
def test_work_for_training_at_most_six_months(months, expected, capped):
    result = work_for_training(months, CITY, YEARLY)
    assert result.fen == expected
    assert bool(result.notes) is capped
    assert work_for_training(months, UNSET, YEARLY).fen is None


def test_a_project_advance_and_its_settlement():
    assert project_advance(4_000_001, YEARLY) == 2_000_000  # at most half, never rounded up
    settled = settle([training_subsidy(case(cert(SKILL, 4)), HOUSEKEEPER, baseline=BASELINE, city=CITY,
                                       terms=YEARLY, claim_date=CLAIM).amount] * 30, 2_000_000)
    assert settled.due_fen == 3_000_000 and settled.balance_fen == 1_000_000 and not settled.repayment
    repay = settle([], 2_000_000)
    assert repay.balance_fen == -2_000_000 and repay.repayment


def test_rounding_is_once_and_half_up():
    assert round_half_up(Fraction(1, 2)) == 1 and round_half_up(Fraction(3, 2)) == 2
    assert round_half_up(Fraction(149999, 100000)) == 1 and round_half_up(Fraction(-1, 2)) == -1


def test_the_deadline_on_month_ends():
    assert claim_deadline(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert claim_deadline(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert claim_deadline(date(2026, 12, 20), 12) == date(2027, 12, 20)
