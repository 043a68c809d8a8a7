"""Whether a person may enrol in a class and whether the training can be subsidised (clause 十四)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from desktop_app.domain.identity import IdentityNumber
from desktop_app.domain.labelled import LabelledEnum
from desktop_app.domain.levels import SkillLevel
from desktop_app.domain.policy import Policy, SubsidyWindow
from desktop_app.messages import Problem, register

MESSAGES = register(
    {
        # ------------------------------------------------------------ cannot enrol at all
        "eligibility.already_in_class": (
            "{name} 已经在班级 {class_code}“{class_name}”里了，不能重复报名。",
            "{name} is already enrolled in class {class_code} “{class_name}” and cannot be enrolled twice.",
        ),
        "eligibility.class_full": (
            "班级 {class_code}“{class_name}”已满：计划招收 {capacity} 人，已报名 {enrolled} 人。"
            "请把 {name} 报到其他班级；如确需扩班，请先修改班级的计划人数。",
            "Class {class_code} “{class_name}” is full: it takes {capacity} trainees and {enrolled} "
            "are enrolled. Enrol {name} in another class, or first raise the class size if the "
            "class really is to grow.",
        ),
        "eligibility.class_not_accepting": (
            "班级 {class_code}“{class_name}”当前状态是“{status}”，不再接受报名。"
            "只有草稿、已备案和培训中的班级可以报名，请把 {name} 报到其他班级。",
            "Class {class_code} “{class_name}” is “{status}” and no longer takes enrolments. Only "
            "draft, filed and in-training classes do; enrol {name} in another class.",
        ),
        "eligibility.dates_overlap": (
            "{name} 在 {other_start} 至 {other_end} 正在参加{other_institution}的班级 {other_code}“{other_name}”，"
            "与本班 {start} 至 {end} 的培训时间重叠，同一个人不能同时参加两个班。"
            "请等那个班结业或退出那个班后再报名，或者选择时间不重叠的班级。",
            "{name} is attending class {other_code} “{other_name}” of {other_institution} from "
            "{other_start} to {other_end}, which overlaps this class ({start} to {end}); nobody can "
            "attend two classes at the same time. Enrol after that class ends or after withdrawing "
            "from it, or choose a class at another time.",
        ),
        "eligibility.too_young": (
            "{name} 在开班日 {start} 只有 {age} 周岁，未满 {min_age} 周岁，不能参加培训"
            "（年龄下限是本机构补贴规则的参数，依据《劳动法》不得招用未满 16 周岁的未成年人）。",
            "{name} is only {age} on the first day of the class ({start}), younger than the minimum "
            "age of {min_age}, and cannot take part (the minimum age is a parameter of the subsidy "
            "rules, based on the Labour Law's ban on employing anyone under 16).",
        ),
        # ------------------------------------------------------------ may enrol, no subsidy
        "eligibility.cap_reached_year": (
            "{name} 在 {year} 年已经享受过 {count} 次培训补贴（{classes}），每年最多 {cap} 次"
            "（苏政办发〔2019〕71号 第十四条）。本次可以报名，但不能再享受补贴。",
            "{name} has already received {count} training subsidies in {year} ({classes}); at most "
            "{cap} are allowed per year (苏政办发〔2019〕71号, clause 14). The person may enrol, but "
            "this training cannot be subsidised.",
        ),
        "eligibility.cap_reached_lifetime": (
            "{name} 已经累计享受过 {count} 次培训补贴（{classes}），累计最多 {cap} 次"
            "（苏人社函〔2025〕32号）。本次可以报名，但不能再享受补贴。",
            "{name} has already received {count} training subsidies in total ({classes}); at most "
            "{cap} are allowed in total (苏人社函〔2025〕32号). The person may enrol, but this "
            "training cannot be subsidised.",
        ),
        "eligibility.same_occupation_level": (
            "{name} 已经在{other_institution}的班级 {other_code}“{other_name}”（{other_start} 开班）"
            "享受过“{occupation}”{level}的培训补贴，同一职业同一等级不能重复享受"
            "（苏政办发〔2019〕71号 第十四条）。本次可以报名，但不能享受补贴；可以考虑报更高一级的班。",
            "{name} was already subsidised for “{occupation}” at level “{level}” in class {other_code} "
            "“{other_name}” of {other_institution} (started {other_start}); the same occupation at "
            "the same level is subsidised only once (苏政办发〔2019〕71号, clause 14). The person "
            "may enrol, but without subsidy; consider a class one level higher.",
        ),
        "eligibility.pension": (
            "{name} 已按月领取养老金，不能享受职业培训补贴（苏政办发〔2019〕71号 第十四条）。"
            "本次可以报名，但不能享受补贴。如果登记有误，请先更正学员的“是否领取养老金”。",
            "{name} draws a monthly pension and cannot receive a training subsidy (苏政办发〔2019〕71号, "
            "clause 14). The person may enrol, but without subsidy. If the record is wrong, correct "
            "the trainee's pension field first.",
        ),
        "eligibility.too_old": (
            "{name} 在开班日 {start} 已满 {age} 周岁，超过补贴年龄上限 {max_age} 周岁"
            "（年龄上限是本机构补贴规则的参数）。本次可以报名，但不能享受补贴。",
            "{name} is {age} on the first day of the class ({start}), older than the subsidy age "
            "limit of {max_age} (the age limit is a parameter of the subsidy rules). The person may "
            "enrol, but without subsidy.",
        ),
        "eligibility.not_in_catalogue": (
            "本班的职业“{occupation}”（{edition} 版 {occupation_code}）不在政府补贴职业工种目录中"
            "（苏政办发〔2019〕71号 第九条），参加本班培训不能享受补贴。如果目录已更新，请先更新参考数据。",
            "This class's occupation “{occupation}” ({edition} edition, {occupation_code}) is not in "
            "the catalogue of subsidised occupations (苏政办发〔2019〕71号, clause 9), so training in "
            "this class cannot be subsidised. If the catalogue has been updated, update the "
            "reference data first.",
        ),
        # ------------------------------------------------------------ warnings
        "eligibility.birth_date_unknown": (
            "{name} 的证件号码里没有出生日期，系统无法核对年龄是否在 {min_age} 到 {max_age} 周岁之间。"
            "请按证件原件填写出生日期，或人工核对年龄。",
            "The identity number of {name} carries no birth date, so the age limits ({min_age} to "
            "{max_age}) cannot be checked. Enter the birth date from the original document, or check "
            "the age by hand.",
        ),
        "eligibility.class_already_ended": (
            "班级 {class_code}“{class_name}”的结业日期 {end} 已经过了（今天是 {today}），"
            "现在报名的学员无法参加这个班的培训。请确认这不是补录错误。",
            "Class {class_code} “{class_name}” ended on {end} (today is {today}); a trainee enrolled "
            "now cannot attend its training. Make sure this is not a mistaken late entry.",
        ),
    }
)

# The reasons that stop the enrolment itself; every other reason only withholds the subsidy.
BLOCKING_CODES = frozenset(
    {
        "eligibility.already_in_class",
        "eligibility.class_full",
        "eligibility.class_not_accepting",
        "eligibility.dates_overlap",
        "eligibility.too_young",
    }
)


class Verdict(LabelledEnum):
    ELIGIBLE = "eligible", "可以报名，可享受补贴", "may enrol, subsidised"
    NOT_SUBSIDISABLE = "not_eligible", "可以报名，不享受补贴", "may enrol, not subsidised"
    CANNOT_ENROL = "cannot_enrol", "不能报名", "cannot enrol"


@dataclass(frozen=True)
class PastTraining:
    """One earlier or current enrolment of the person, here or (from the platform) elsewhere."""

    class_code: str
    class_name: str
    institution_name: str
    occupation_edition: str
    occupation_code: str
    occupation_name: str
    level: int
    start_date: date
    end_date: date
    subsidised: bool  # counts against the cap: subsidy paid, claimed, or expected for a running class
    active: bool  # enrolment not withdrawn and class not finished: the person is busy on those dates
    own_institution: bool


@dataclass(frozen=True)
class TargetClass:
    code: str
    name: str
    occupation_edition: str
    occupation_code: str
    occupation_name: str
    level: int
    start_date: date
    end_date: date
    capacity: int | None  # None: no limit set
    enrolled: int
    in_subsidy_catalogue: bool
    accepting_enrolment: bool
    status_label: str


@dataclass(frozen=True)
class Candidate:
    name: str
    identity: IdentityNumber
    pension: bool
    already_in_class: bool
    # Entered by hand when the number carries none (old foreign permanent residence cards).
    birth_date: date | None = None

    @property
    def known_birth_date(self) -> date | None:
        return self.identity.birth_date or self.birth_date


@dataclass(frozen=True)
class EligibilityResult:
    verdict: Verdict
    reasons: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def subsidisable(self) -> bool:
        return self.verdict is Verdict.ELIGIBLE

    @property
    def can_enrol(self) -> bool:
        return self.verdict is not Verdict.CANNOT_ENROL

    @property
    def blocking_reasons(self) -> tuple[Problem, ...]:
        return tuple(reason for reason in self.reasons if reason.code in BLOCKING_CODES)

    @property
    def subsidy_reasons(self) -> tuple[Problem, ...]:
        return tuple(reason for reason in self.reasons if reason.code not in BLOCKING_CODES)


def override_allowed(result: EligibilityResult) -> bool:
    """Only a refused subsidy may be granted by an administrator (with a written reason);
    a refused enrolment never can, and an eligible one needs no override."""
    return result.verdict is Verdict.NOT_SUBSIDISABLE


def _age_on(born: date, day: date) -> int:
    # A class that starts before the birth date gives a negative age, i.e. too young, rather
    # than an exception.
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - int(before_birthday)


def _occupation_name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def _same_occupation(past: PastTraining, target: TargetClass) -> bool:
    if (past.occupation_edition, past.occupation_code) == (target.occupation_edition, target.occupation_code):
        return True
    # Codes were renumbered between the 2015 and 2022 editions, so an occupation trained under
    # the old code is recognised by its name; the same code in another edition may be a
    # different occupation and is not enough on its own.
    name = _occupation_name_key(past.occupation_name)
    return bool(name) and name == _occupation_name_key(target.occupation_name)


def _is_target(past: PastTraining, target: TargetClass) -> bool:
    # The history handed in may already contain this very enrolment (re-assessing an enrolled
    # trainee); it must not count against itself.
    return past.own_institution and past.class_code == target.code


def _overlaps(past: PastTraining, target: TargetClass) -> bool:
    # Dates are inclusive: a class ending on the day another starts shares that day.
    return past.start_date <= target.end_date and target.start_date <= past.end_date


def _class_reference(past: PastTraining) -> str:
    return f"{past.class_code}“{past.class_name}” {past.start_date.isoformat()}~{past.end_date.isoformat()}"


def _level_label(level: int) -> str:
    # Plain text, not a Bilingual label: enrolments store their reasons' parameters as JSON and
    # word them again when shown, so every parameter here must survive that round trip.
    try:
        return SkillLevel(int(level)).label_zh
    except ValueError:
        return str(level)


def assess_enrolment(
    candidate: Candidate,
    target: TargetClass,
    history: Sequence[PastTraining],
    policy: Policy,
    *,
    today: date,
) -> EligibilityResult:
    """Whether `candidate` may enrol in `target` and be subsidised under `policy`, with every reason."""
    name = candidate.name
    history = [past for past in history if not _is_target(past, target)]
    blocking: list[Problem] = []
    subsidy: list[Problem] = []
    warnings: list[Problem] = []
    this_class = {"name": name, "class_code": target.code, "class_name": target.name}

    # ---- may the person enrol at all?
    if candidate.already_in_class:
        blocking.append(Problem("eligibility.already_in_class", dict(this_class)))
    elif target.capacity is not None and target.enrolled >= target.capacity:
        # Skipped for someone already in the class: they are one of those counted.
        blocking.append(
            Problem("eligibility.class_full", {**this_class, "capacity": target.capacity, "enrolled": target.enrolled})
        )
    if not target.accepting_enrolment:
        blocking.append(Problem("eligibility.class_not_accepting", {**this_class, "status": target.status_label}))
    for past in history:
        if past.active and _overlaps(past, target):
            blocking.append(
                Problem(
                    "eligibility.dates_overlap",
                    {
                        "name": name,
                        "start": target.start_date.isoformat(),
                        "end": target.end_date.isoformat(),
                        "other_code": past.class_code,
                        "other_name": past.class_name,
                        "other_institution": past.institution_name,
                        "other_start": past.start_date.isoformat(),
                        "other_end": past.end_date.isoformat(),
                    },
                )
            )
    born = candidate.known_birth_date
    age = _age_on(born, target.start_date) if born is not None else None
    start = target.start_date.isoformat()
    if age is None:
        warnings.append(
            Problem(
                "eligibility.birth_date_unknown",
                {"name": name, "min_age": policy.min_age, "max_age": policy.max_age},
            )
        )
    elif age < policy.min_age:
        blocking.append(
            Problem(
                "eligibility.too_young",
                {"name": name, "age": max(age, 0), "min_age": policy.min_age, "start": start},
            )
        )
    if target.end_date < today:
        warnings.append(
            Problem(
                "eligibility.class_already_ended",
                {**this_class, "end": target.end_date.isoformat(), "today": today.isoformat()},
            )
        )

    # ---- may the training be subsidised?
    subsidised = [past for past in history if past.subsidised]
    if policy.subsidy_window is SubsidyWindow.CALENDAR_YEAR:
        year = target.start_date.year
        counted = [past for past in subsidised if past.start_date.year == year]
    else:
        year = None
        counted = subsidised
    if len(counted) >= policy.subsidy_cap:
        counted.sort(key=lambda past: (past.start_date, past.class_code))
        params: dict[str, object] = {
            "name": name,
            "count": len(counted),
            "cap": policy.subsidy_cap,
            "classes": "; ".join(_class_reference(past) for past in counted),
        }
        if year is not None:
            subsidy.append(Problem("eligibility.cap_reached_year", {**params, "year": year}))
        else:
            subsidy.append(Problem("eligibility.cap_reached_lifetime", params))
    if policy.same_occupation_level_once:
        for past in subsidised:
            if int(past.level) == int(target.level) and _same_occupation(past, target):
                subsidy.append(
                    Problem(
                        "eligibility.same_occupation_level",
                        {
                            "name": name,
                            "occupation": target.occupation_name,
                            "level": _level_label(target.level),
                            "other_code": past.class_code,
                            "other_name": past.class_name,
                            "other_institution": past.institution_name,
                            "other_start": past.start_date.isoformat(),
                        },
                    )
                )
    if candidate.pension and policy.pension_excluded:
        subsidy.append(Problem("eligibility.pension", {"name": name}))
    if age is not None and age > policy.max_age:
        subsidy.append(
            Problem("eligibility.too_old", {"name": name, "age": age, "max_age": policy.max_age, "start": start})
        )
    if not target.in_subsidy_catalogue:
        subsidy.append(
            Problem(
                "eligibility.not_in_catalogue",
                {
                    "occupation": target.occupation_name,
                    "occupation_code": target.occupation_code,
                    "edition": target.occupation_edition,
                },
            )
        )

    if blocking:
        verdict = Verdict.CANNOT_ENROL
    elif subsidy:
        verdict = Verdict.NOT_SUBSIDISABLE
    else:
        verdict = Verdict.ELIGIBLE
    return EligibilityResult(verdict, tuple(blocking + subsidy), tuple(warnings))
