"""What a trainee earns: the training subsidy, the living allowance, advances and 以工代训.

The rules of clauses 十二 – 十五 of the plan and the 2023 provincial notice, as functions of
plain values; every figure is data handed in (the baseline rates dataset, the city's rules,
the policy version), none is a constant here. A figure that is not published stays unset and
the answer says so (未设置标准) instead of guessing.

Money is integer fen. Each amount is worked out exactly (fractions) and rounded once, half up
to the fen, at the very end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from desktop_app.domain.certificates import CertificateKind
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.domain.levels import SkillLevel
from desktop_app.domain.policy import SubsidyWindow
from desktop_app.messages import Problem, register

MESSAGES = register(
    {
        "subsidy.not_completed": ("{name} 未达到结业要求（{why}），不能享受培训补贴。",
                                  "{name} did not complete the training ({why}), so no training subsidy is due."),
        "subsidy.not_passed": ("{name} 考核不合格或尚无考核结果，不能享受培训补贴。",
                               "{name} did not pass the assessment (or has no result yet), so no training subsidy "
                               "is due."),
        "subsidy.withdrawn": ("{name} 已于 {date} 退学，不能享受培训补贴。",
                              "{name} withdrew on {date}, so no training subsidy is due."),
        "subsidy.not_subsidised_enrolment": ("{name} 报名时登记为不享受补贴（{why}）。",
                                             "{name} was enrolled without subsidy ({why})."),
        "subsidy.no_certificate": ("{name} 还没有可申领补贴的证书。", "{name} holds no certificate a subsidy is paid for yet."),
        "subsidy.no_rate": (
            "“{certificate}”（{subsidy_class} 类 {level}）没有补贴标准，按现行参考数据不能计算金额。",
            "There is no subsidy rate for “{certificate}” (class {subsidy_class}, {level}) in the reference data "
            "in force, so no amount can be worked out.",
        ),
        "subsidy.no_subsidy_class": (
            "职业“{occupation}”没有补贴类别（A/B/C），按现行参考数据不能计算金额。",
            "The occupation “{occupation}” has no subsidy class (A/B/C) in the reference data, so no amount can be "
            "worked out.",
        ),
        "subsidy.unset": ("{what}：未设置标准。请管理员在“补贴标准”中填写本市的标准后再计算。",
                          "{what}: no standard set. An administrator must enter the city's figure first."),
        "subsidy.capped_at_fee": ("按实际收取的培训费 {fee} 元封顶（标准为 {standard} 元）。",
                                  "Capped at the fee actually charged, {fee} yuan (the standard is {standard} yuan)."),
        "subsidy.shortage_uplift": ("紧缺职业上浮 {percent}%。", "Shortage occupation: +{percent}%."),
        "subsidy.local_factor": ("本市标准为省基准的 {percent}%。", "The city's standard is {percent}% of the provincial baseline."),
        "subsidy.cap_year": (
            "{name} 在 {year} 年已享受 {count} 次培训补贴，每年最多 {cap} 次。",
            "{name} already received {count} training subsidies in {year}; at most {cap} a year.",
        ),
        "subsidy.cap_total": ("{name} 已累计享受 {count} 次培训补贴，累计最多 {cap} 次。",
                              "{name} already received {count} training subsidies in total; at most {cap}."),
        "subsidy.same_occupation_level": ("{name} 已享受过“{occupation}”{level}的培训补贴，同一职业同一等级只能享受一次。",
                                          "{name} was already subsidised for “{occupation}” at {level}; only once per "
                                          "occupation and level."),
        "subsidy.lower_after_higher": (
            "{name} 已享受过“{occupation}”{higher}的补贴，不能再享受更低等级（{level}）的补贴。",
            "{name} was already subsidised for “{occupation}” at {higher} and cannot be subsidised for a lower "
            "level ({level}).",
        ),
        "subsidy.pension": ("{name} 已按月领取养老金，不能享受职业培训补贴。",
                            "{name} draws a monthly pension and cannot receive a training subsidy."),
        "subsidy.deadline_passed": ("证书日期 {issued} 起 {months} 个月内（截至 {deadline}）可以申领，已经过期。",
                                    "A claim had to be made within {months} months of the certificate date {issued} "
                                    "(by {deadline}); that date has passed."),
        "subsidy.deadline_near": ("请在 {deadline} 前申领（还剩 {days} 天）。",
                                  "Claim by {deadline} ({days} days left)."),
        "subsidy.living_not_in_group": ("{name} 不属于可领取生活费补贴的人员类别。",
                                        "{name} is not in a group that receives the living allowance."),
        "subsidy.living_urban_graduate": (
            "{name} 是城镇户口的未继续升学毕业生，生活费补贴只发给农村户口的“两后生”。",
            "{name} is an urban-household graduate not continuing school; the living allowance is for those "
            "with a rural household only.",
        ),
        "subsidy.work_months_capped": ("以工代训最多补贴 {max} 个月，超出的 {extra} 个月不计。",
                                       "Work-for-training is subsidised for at most {max} months; the {extra} "
                                       "months beyond are not counted."),
        "subsidy.what.training_certificate": ("培训合格证书补贴", "the training-certificate subsidy"),
        "subsidy.what.flat": ("{type}补贴", "the {type} subsidy"),
        "subsidy.what.local_factor": ("本市补贴系数", "the city's local factor"),
        "subsidy.what.living": ("生活费补贴日标准", "the living allowance per day"),
        "subsidy.what.work_for_training": ("以工代训月标准", "the work-for-training rate per month"),
    }
)


class Payer(LabelledEnum):
    """Who paid the fee, and so who is paid the subsidy (谁出资，谁享受)."""

    TRAINEE = "trainee", "学员本人", "the trainee"
    INSTITUTION = "institution", "培训机构", "the institution"
    ENTERPRISE = "enterprise", "企业", "the enterprise"


class ClassKind(LabelledEnum):
    """What the class's certificate of completion earns: by certificate, or a flat amount by type."""

    ORDINARY = "ordinary", "职业技能培训", "vocational training"
    GYB = "GYB", "创业意识培训（GYB）", "GYB entrepreneurship"
    SYB = "SYB", "创业培训（SYB）", "SYB entrepreneurship"
    IYB = "IYB", "改善企业培训（IYB）", "IYB entrepreneurship"
    PRE_JOB = "pre_job", "岗前培训", "pre-job training"


# The groups of clause 十三 that receive a living allowance during training.
LIVING_ALLOWANCE_GROUPS = frozenset({
    "registered_poor_household", "urban_rural_dibao", "employment_difficulty", "zero_employment_family",
    "non_continuing_graduate", "urban_dibao_family_student",
})
RURAL_ONLY_GROUP = "non_continuing_graduate"  # 两后生: with a rural household only


@dataclass(frozen=True)
class BaselineRates:
    """The provincial baseline (the subsidy_rates dataset): fen by (class, kind, level)."""

    version: str
    rates: Mapping[tuple[str, str, int | None], int]

    def amount(self, subsidy_class: str, kind: str, level: int | None) -> int | None:
        return self.rates.get((subsidy_class, kind, level))

    @classmethod
    def from_dataset(cls, document: Mapping) -> "BaselineRates":
        return cls(version=str(document["version"]),
                   rates={(row["subsidy_class"], row["kind"], row.get("level")): int(row["amount_fen"])
                          for row in document["rates"]})


@dataclass(frozen=True)
class CityRules:
    """A city's figures (a versioned dataset, with an administrator's local override).
    None means unpublished: unset, never guessed."""

    version: str
    local_factor_percent: int | None = None
    shortage_uplift_percent: int | None = None
    # The uplift applies to this level and those above it (3 = 三级 and above); None: every level.
    shortage_from_level: int | None = None
    training_certificate_fen: int | None = None
    flat_fen: Mapping[str, int | None] = field(default_factory=dict)  # ClassKind value → fen
    living_allowance_fen_per_day: int | None = None
    work_for_training_fen_per_month: int | None = None


@dataclass(frozen=True)
class SubsidyTerms:
    """The caps and windows of the policy version in force on the claim date."""

    cap: int
    window: SubsidyWindow
    same_occupation_level_once: bool = True
    lower_level_after_higher_refused: bool = True  # from the 2023 provincial rules
    pension_excluded: bool = True
    claim_window_months: int = 12
    warn_days: int = 30
    advance_percent: int = 50
    work_for_training_max_months: int = 6


@dataclass(frozen=True)
class HeldCertificate:
    """A certificate the trainee obtained through this class (issued here or recorded)."""

    kind: CertificateKind
    issued_on: date
    occupation_code: str | None = None
    level: int | None = None  # 1 = 一级 … 5 = 五级; None for kinds without levels


@dataclass(frozen=True)
class PriorSubsidy:
    """A training subsidy the person already received or claimed (here, or as the platform says)."""

    occupation_code: str
    occupation_name: str
    level: int | None
    on: date


@dataclass(frozen=True)
class TraineeCase:
    """One trainee of one class, as the rules need them."""

    name: str
    completed: bool
    passed: bool
    certificates: Sequence[HeldCertificate] = ()
    completion_reasons: str = ""
    subsidised_enrolment: bool = True
    not_subsidised_why: str = ""
    withdrawn_on: date | None = None
    pension: bool = False
    prior: Sequence[PriorSubsidy] = ()
    fee_fen: int | None = None
    payer: Payer = Payer.TRAINEE
    key_groups: frozenset[str] = frozenset()
    rural_household: bool | None = None
    credited_training_days: int = 0


@dataclass(frozen=True)
class ClassCase:
    occupation_code: str
    occupation_name: str
    subsidy_class: str | None  # A / B / C
    level: int | None
    kind: ClassKind
    shortage: bool  # on the shortage list in force at the class start


@dataclass(frozen=True)
class Amount:
    """An amount due (fen), or None when it cannot be worked out; with every reason."""

    fen: int | None
    reasons: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()  # how the amount was arrived at (factor, uplift, cap)
    certificate: HeldCertificate | None = None

    @property
    def due(self) -> int:
        return self.fen or 0


@dataclass(frozen=True)
class TrainingSubsidy:
    amount: Amount
    payee: Payer
    warnings: tuple[Problem, ...] = ()


def round_half_up(value: Fraction) -> int:
    """The one rounding: to the nearest fen, halves away from zero."""
    sign = -1 if value < 0 else 1
    return sign * int((abs(value) * 2 + 1) // 2)


def yuan(fen: int) -> str:
    return f"{fen // 100}" if fen % 100 == 0 else f"{fen / 100:.2f}"


def claim_deadline(issued_on: date, months: int) -> date:
    """The last day a claim may be made: the same day `months` months later (or the month's last)."""
    month = issued_on.month - 1 + months
    year, month = issued_on.year + month // 12, month % 12 + 1
    for day in (issued_on.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def _level_words(level: int | None) -> str:
    if level is None:
        return "—"
    try:
        return SkillLevel(int(level)).label_zh
    except ValueError:
        return str(level)


def _unset(what: str, **params) -> Problem:
    return Problem("subsidy.unset", {"what": Problem(f"subsidy.what.{what}", params)})


def _standard(certificate: HeldCertificate, klass: ClassCase, baseline: BaselineRates,
              city: CityRules) -> tuple[Fraction | None, list[Problem], list[Problem]]:
    """The standard (before the fee cap) for one certificate: exact fen, reasons, notes."""
    notes: list[Problem] = []
    if certificate.kind is CertificateKind.TRAINING_COMPLETION:
        if klass.kind is ClassKind.ORDINARY:
            if city.training_certificate_fen is None:
                return None, [_unset("training_certificate")], notes
            return Fraction(city.training_certificate_fen), [], notes
        flat = city.flat_fen.get(klass.kind.value)
        if flat is None:
            return None, [_unset("flat", type=klass.kind.label_zh)], notes
        return Fraction(flat), [], notes
    if certificate.kind is CertificateKind.SPECIAL_OPERATION:
        return None, [Problem("subsidy.no_rate", {"certificate": certificate.kind.label_zh, "subsidy_class": "—",
                                                  "level": "—"})], notes
    if klass.subsidy_class is None:
        return None, [Problem("subsidy.no_subsidy_class", {"occupation": klass.occupation_name})], notes
    if certificate.kind is CertificateKind.SPECIAL_ABILITY:
        base = baseline.amount(klass.subsidy_class, "special_ability", None)
        level = None
    else:  # skill level or vocational qualification: by class and level
        level = certificate.level if certificate.level is not None else klass.level
        base = baseline.amount(klass.subsidy_class, "skill_level", level)
    if base is None:
        return None, [Problem("subsidy.no_rate", {"certificate": certificate.kind.label_zh,
                                                  "subsidy_class": klass.subsidy_class,
                                                  "level": _level_words(level)})], notes
    if city.local_factor_percent is None:
        return None, [_unset("local_factor")], notes
    value = Fraction(base) * Fraction(city.local_factor_percent, 100)
    if city.local_factor_percent != 100:
        notes.append(Problem("subsidy.local_factor", {"percent": city.local_factor_percent}))
    uplift = city.shortage_uplift_percent
    in_levels = city.shortage_from_level is None or (level is not None and level <= city.shortage_from_level)
    if klass.shortage and uplift and in_levels:
        value *= Fraction(100 + uplift, 100)
        notes.append(Problem("subsidy.shortage_uplift", {"percent": uplift}))
    return value, [], notes


def cap_reasons(case: TraineeCase, klass: ClassCase, level: int | None, terms: SubsidyTerms, *,
                on: date) -> list[Problem]:
    """Whether the cap rules still allow a subsidy for `level` of the class's occupation on `on`."""
    reasons: list[Problem] = []
    name = case.name
    prior = list(case.prior)
    counted = [p for p in prior if p.on.year == on.year] if terms.window is SubsidyWindow.CALENDAR_YEAR else prior
    if len(counted) >= terms.cap:
        if terms.window is SubsidyWindow.CALENDAR_YEAR:
            reasons.append(Problem("subsidy.cap_year", {"name": name, "year": on.year, "count": len(counted),
                                                        "cap": terms.cap}))
        else:
            reasons.append(Problem("subsidy.cap_total", {"name": name, "count": len(counted), "cap": terms.cap}))
    same = [p for p in prior if p.occupation_code == klass.occupation_code]
    if level is not None:
        if terms.same_occupation_level_once and any(p.level == level for p in same):
            reasons.append(Problem("subsidy.same_occupation_level", {"name": name, "occupation": klass.occupation_name,
                                                                     "level": _level_words(level)}))
        higher = sorted(p.level for p in same if p.level is not None and p.level < level)
        if terms.lower_level_after_higher_refused and higher:
            reasons.append(Problem("subsidy.lower_after_higher", {"name": name, "occupation": klass.occupation_name,
                                                                  "higher": _level_words(higher[0]),
                                                                  "level": _level_words(level)}))
    return reasons


def training_subsidy(case: TraineeCase, klass: ClassCase, *, baseline: BaselineRates, city: CityRules,
                     terms: SubsidyTerms, claim_date: date) -> TrainingSubsidy:
    """The training subsidy (职业培训补贴) due for one trainee on `claim_date`, and to whom."""
    name = case.name
    reasons: list[Problem] = []
    warnings: list[Problem] = []
    if case.withdrawn_on is not None:
        reasons.append(Problem("subsidy.withdrawn", {"name": name, "date": case.withdrawn_on.isoformat()}))
    if not case.subsidised_enrolment:
        reasons.append(Problem("subsidy.not_subsidised_enrolment", {"name": name, "why": case.not_subsidised_why}))
    if not case.completed:
        reasons.append(Problem("subsidy.not_completed", {"name": name, "why": case.completion_reasons}))
    if not case.passed:
        reasons.append(Problem("subsidy.not_passed", {"name": name}))
    if case.pension and terms.pension_excluded:
        reasons.append(Problem("subsidy.pension", {"name": name}))
    if not case.certificates:
        reasons.append(Problem("subsidy.no_certificate", {"name": name}))
    if reasons:
        return TrainingSubsidy(Amount(0, tuple(reasons)), case.payer)

    best: Amount | None = None
    refusals: list[Problem] = []
    for certificate in case.certificates:
        deadline = claim_deadline(certificate.issued_on, terms.claim_window_months)
        if claim_date > deadline:
            refusals.append(Problem("subsidy.deadline_passed", {"issued": certificate.issued_on.isoformat(),
                                                                "months": terms.claim_window_months,
                                                                "deadline": deadline.isoformat()}))
            continue
        level = None if certificate.kind in (CertificateKind.TRAINING_COMPLETION, CertificateKind.SPECIAL_ABILITY) \
            else (certificate.level if certificate.level is not None else klass.level)
        capped = cap_reasons(case, klass, level, terms, on=claim_date)
        if capped:
            refusals.extend(capped)
            continue
        value, problems, notes = _standard(certificate, klass, baseline, city)
        if value is None:
            refusals.extend(problems)
            continue
        if case.fee_fen is not None and value > case.fee_fen:
            notes.append(Problem("subsidy.capped_at_fee", {"fee": yuan(case.fee_fen),
                                                           "standard": yuan(round_half_up(value))}))
            value = Fraction(case.fee_fen)
        candidate = Amount(round_half_up(value), (), tuple(notes), certificate)
        if best is None or candidate.due > best.due:
            best = candidate
        if (deadline - claim_date) <= timedelta(days=terms.warn_days):
            warnings.append(Problem("subsidy.deadline_near", {"deadline": deadline.isoformat(),
                                                              "days": (deadline - claim_date).days}))
    if best is None:
        unknown = any(problem.code in ("subsidy.unset", "subsidy.no_rate", "subsidy.no_subsidy_class")
                      for problem in refusals)
        return TrainingSubsidy(Amount(None if unknown else 0, tuple(_distinct(refusals))), case.payer,
                               tuple(warnings))
    return TrainingSubsidy(best, case.payer, tuple(warnings))


def _distinct(problems: Sequence[Problem]) -> list[Problem]:
    seen, out = set(), []
    for problem in problems:
        key = (problem.code, tuple(sorted((k, str(v)) for k, v in problem.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def living_allowance(case: TraineeCase, city: CityRules) -> Amount:
    """生活费补贴 (十三): credited training days × the city's daily rate, for the groups named."""
    groups = case.key_groups & LIVING_ALLOWANCE_GROUPS
    if groups == {RURAL_ONLY_GROUP} and case.rural_household is not True:
        return Amount(0, (Problem("subsidy.living_urban_graduate", {"name": case.name}),))
    if not groups:
        return Amount(0, (Problem("subsidy.living_not_in_group", {"name": case.name}),))
    if city.living_allowance_fen_per_day is None:
        return Amount(None, (_unset("living"),))
    return Amount(case.credited_training_days * city.living_allowance_fen_per_day)


def work_for_training(months: int, city: CityRules, terms: SubsidyTerms) -> Amount:
    """以工代训 (十三): months × the city's monthly rate, at most the policy's months."""
    if city.work_for_training_fen_per_month is None:
        return Amount(None, (_unset("work_for_training"),))
    counted = min(months, terms.work_for_training_max_months)
    notes = ()
    if months > counted:
        notes = (Problem("subsidy.work_months_capped", {"max": terms.work_for_training_max_months,
                                                        "extra": months - counted}),)
    return Amount(counted * city.work_for_training_fen_per_month, (), notes)


@dataclass(frozen=True)
class Settlement:
    """A project-based class at completion: what is due, what was advanced, what remains."""

    due_fen: int
    advanced_fen: int

    @property
    def balance_fen(self) -> int:
        """Positive: still to be paid; negative: a repayment owed."""
        return self.due_fen - self.advanced_fen

    @property
    def repayment(self) -> bool:
        return self.balance_fen < 0


def project_advance(planned_total_fen: int, terms: SubsidyTerms) -> int:
    """项目制 (十四): at most the policy's percentage of the planned total, never rounded up."""
    return planned_total_fen * terms.advance_percent // 100


def settle(due_amounts: Sequence[Amount], advanced_fen: int) -> Settlement:
    return Settlement(sum(amount.due for amount in due_amounts), advanced_fen)
