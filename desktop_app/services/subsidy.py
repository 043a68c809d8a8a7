"""Subsidy use cases: the city's figures in force (dataset + an administrator's override) and the
estimate of what each trainee of a class earns, built from the database for the domain rules
(domain/subsidy.py) — completion from the attendance summary, the pass from the assessment,
the certificates issued here or recorded, earlier subsidised enrolments, key groups, household.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.certificates import CertificateKind, CertificateStatus
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission, require
from desktop_app.domain.policy import SubsidyWindow
from desktop_app.domain.schedule import CHINA_TZ, SessionStatus
from desktop_app.domain.subsidy import (
    Amount,
    BaselineRates,
    CityRules,
    ClassCase,
    ClassKind,
    HeldCertificate,
    Payer,
    PriorSubsidy,
    SubsidyTerms,
    TraineeCase,
    TrainingSubsidy,
    living_allowance,
    training_subsidy,
)
from desktop_app.services import audit
from desktop_app.services.attendance import summary_rows
from desktop_app.services.trainees import render_reasons
from desktop_app.store.classes import require_class
from desktop_app.store.engine import Database
from desktop_app.store.models import (
    AttendanceMark,
    Assessment,
    Certificate,
    CityRule,
    CityRuleOverride,
    ClassSession,
    Enrolment,
    Institution,
    Occupation,
    PolicyVersion,
    ReferenceVersion,
    SubsidyRate,
    Trainee,
    TraineeKeyGroup,
    TrainingClass,
)
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.trainees import KEY_GROUP

MESSAGES = messages.register(
    {
        "subsidy.class_not_found": ("找不到编号为“{code}”的班级。", "No class has the code “{code}”."),
        "subsidy.rules_nothing": ("没有要修改的补贴标准：请至少给出一项。", "Nothing to change: give at least one figure."),
        "subsidy.rules_range": ("{what}须是 {low} 到 {high} 之间的整数（现为 {value}）。",
                                "{what} must be a whole number from {low} to {high} (it is {value})."),
        "subsidy.rules_amount": ("{what}须是不小于 0 的金额（元，最多两位小数），“{value}”不是。",
                                 "{what} must be an amount of at least 0 yuan (at most two decimals); “{value}” "
                                 "is not."),
        "subsidy.field.local_factor": ("本市补贴系数（%）", "the local factor (%)"),
        "subsidy.field.shortage_uplift": ("紧缺职业上浮（%）", "the shortage uplift (%)"),
        "subsidy.field.training_certificate": ("培训合格证书补贴（元）", "the training-certificate subsidy (yuan)"),
        "subsidy.field.living": ("生活费补贴（元/天）", "the living allowance (yuan per day)"),
        "subsidy.field.work_for_training": ("以工代训补贴（元/月）", "work-for-training (yuan per month)"),
        "subsidy.enrolment_not_subsidised": ("报名时判定不享受补贴", "found not subsidisable at enrolment"),
    }
)


class SubsidyError(messages.UserFacingError):
    pass


# --- the city's figures ---------------------------------------------------------------------------

# The figures an administrator may override, in the order `subsidy rules show` lists them.
OVERRIDABLE = ("local_factor_percent", "shortage_uplift_percent", "training_certificate_fen",
               "living_allowance_fen_per_day", "work_for_training_fen_per_month")
_FIELD_WORDS = {
    "local_factor_percent": "subsidy.field.local_factor",
    "shortage_uplift_percent": "subsidy.field.shortage_uplift",
    "training_certificate_fen": "subsidy.field.training_certificate",
    "living_allowance_fen_per_day": "subsidy.field.living",
    "work_for_training_fen_per_month": "subsidy.field.work_for_training",
}
# The plan lets a city float ±30 % around the provincial baseline (DOMAIN.md); an uplift is
# an addition, never a cut.
_PERCENT_RANGES = {"local_factor_percent": (70, 130), "shortage_uplift_percent": (0, 100)}


@dataclass(frozen=True)
class Figure:
    name: str  # a CityRules field
    value: int | None
    origin: str  # 'dataset', 'override' or 'unset'


@dataclass(frozen=True)
class CityRulesView:
    """The figures in force and where each comes from, for `subsidy rules show` and the screen."""

    rules: CityRules
    city_name: str
    dataset_version: str | None
    figures: tuple[Figure, ...]
    flat_fen: dict[str, int | None]
    shortage_from_level: int | None
    override_set_at: datetime | None


def _city_code(session: Session) -> str | None:
    """The 设区市 of the institution: the first four digits (GB/T 2260) of the first run of
    digits in its code (320206-0042, JS3205060001), if there is one."""
    code = session.scalar(select(Institution.code).order_by(Institution.id))
    found = re.search(r"\d{4,}", code or "")
    return found.group()[:4] if found else None


def city_rules_view(session: Session) -> CityRulesView:
    version = session.scalar(select(ReferenceVersion).where(ReferenceVersion.dataset == "city_rules",
                                                            ReferenceVersion.is_current.is_(True)))
    rows = list(session.scalars(select(CityRule).where(CityRule.reference_version_id == version.id))) if version else []
    province = next((row for row in rows if row.city_code is None), None)
    code = _city_code(session)
    city = next((row for row in rows if code is not None and row.city_code == code), None)
    override = session.scalar(select(CityRuleOverride).order_by(CityRuleOverride.id.desc()).limit(1))

    def from_dataset(name: str):
        for row in (city, province):
            if row is not None and getattr(row, name) is not None:
                return getattr(row, name)
        return None

    figures = []
    values: dict[str, int | None] = {}
    for name in OVERRIDABLE:
        overridden = getattr(override, name) if override is not None else None
        if overridden is not None:
            figures.append(Figure(name, overridden, "override"))
        else:
            value = from_dataset(name)
            figures.append(Figure(name, value, "dataset" if value is not None else "unset"))
        values[name] = figures[-1].value
    flat = dict((province.flat_fen or {}) if province else {})
    flat.update({k: v for k, v in ((city.flat_fen or {}) if city else {}).items() if v is not None})
    from_level = city.shortage_from_level if city is not None else (province.shortage_from_level if province else None)
    rules = CityRules(version=(version.version if version else "—") + ("+local" if override is not None else ""),
                      shortage_from_level=from_level, flat_fen=flat, **values)
    name = city.city_name if city is not None else (province.city_name if province else "—")
    return CityRulesView(rules, name, version.version if version else None, tuple(figures), flat, from_level,
                         override.set_at if override is not None else None)


def show_city_rules(db: Database) -> CityRulesView:
    with db.reading() as session:
        return city_rules_view(session)


def parse_yuan(value: str | int | None, what: str) -> int | None:
    """元 as typed (1200, 1200.5, 1200.50) to fen; None stays None. Negative or text is refused."""
    if value is None:
        return None
    text = str(value).strip()
    whole, _, cents = text.partition(".")
    if not whole.isdecimal() or (cents and (not cents.isdecimal() or len(cents) > 2)) or len(whole) > 9:
        raise SubsidyError("subsidy.rules_amount", what=messages.Problem(what), value=text)
    return int(whole) * 100 + int((cents or "0").ljust(2, "0"))


def parse_percent(value: str | int | None, name: str) -> int | None:
    """A percentage as typed (120, 120%) for the figure `name`; None stays None."""
    if value is None:
        return None
    text = str(value).strip().rstrip("%％").strip()
    if not text.isdecimal() or len(text) > 4:
        low, high = _PERCENT_RANGES[name]
        raise SubsidyError("subsidy.rules_range", what=messages.Problem(_FIELD_WORDS[name]), low=low, high=high,
                           value=str(value).strip())
    return int(text)


def set_city_rules(db: Database, *, actor: Actor, changes: dict[str, int]) -> CityRulesView:
    """An administrator's local override of some figures (fen or percent); the rest stay as they
    were. Appends a new override row (the earlier ones are the history) and audits old → new."""
    require(actor, Permission.MANAGE_SETTINGS)
    changes = {name: value for name, value in changes.items() if value is not None}
    if not changes:
        raise SubsidyError("subsidy.rules_nothing")
    for name, value in changes.items():
        if name not in OVERRIDABLE:
            raise ValueError(f"not an overridable figure: {name}")
        low, high = _PERCENT_RANGES.get(name, (0, None))
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            raise SubsidyError("subsidy.rules_range", what=messages.Problem(_FIELD_WORDS[name]), low=low,
                               high=high, value=value)
    with db.writing() as session:
        before = city_rules_view(session)
        previous = session.scalar(select(CityRuleOverride).order_by(CityRuleOverride.id.desc()).limit(1))
        kept = {name: getattr(previous, name) for name in OVERRIDABLE} if previous is not None else {}
        row = CityRuleOverride(**{**kept, **changes}, set_by=actor.user_id)
        session.add(row)
        session.flush()
        old = {figure.name: figure.value for figure in before.figures}
        audit.record(session, actor, "subsidy.rules_set", entity_type="city_rules", entity_id=row.id,
                     details={name: {"from": old.get(name), "to": value} for name, value in changes.items()})
        return city_rules_view(session)


# --- the estimate ---------------------------------------------------------------------------------

_CREDITED = ("present", "late", "early_leave")  # statuses that credit a training day
_RURAL = {"农业户口": True, "非农业户口": False}  # 居民户口 says nothing about rural or urban


@dataclass(frozen=True)
class EstimateRow:
    roll_no: int
    name: str
    id_masked: str
    training: TrainingSubsidy
    living: Amount

    @property
    def payee(self) -> Payer:
        return self.training.payee

    @property
    def reasons(self) -> tuple[messages.Problem, ...]:
        """Every reason an amount is zero, reduced or unknown, and every warning (the deadline).
        A reduction is the fee cap or a local factor below 100 %; an uplift is not a reason."""
        reduced = tuple(note for note in self.training.amount.notes
                        if note.code == "subsidy.capped_at_fee"
                        or (note.code == "subsidy.local_factor" and int(note.params["percent"]) < 100))
        return self.training.amount.reasons + reduced + self.training.warnings + self.living.reasons


@dataclass(frozen=True)
class ClassEstimate:
    class_code: str
    class_name: str
    claim_date: date
    city: CityRulesView
    rows: tuple[EstimateRow, ...]

    @property
    def training_total_fen(self) -> int:
        return sum(row.training.amount.due for row in self.rows)

    @property
    def living_total_fen(self) -> int:
        return sum(row.living.due for row in self.rows)

    @property
    def unknown(self) -> int:
        """Trainees whose amount cannot be worked out (a figure unset, no rate)."""
        return sum(1 for row in self.rows if row.training.amount.fen is None or row.living.fen is None)


def _class_kind(c: TrainingClass) -> ClassKind:
    if c.training_type_code == "pre_job":
        return ClassKind.PRE_JOB
    if c.training_type_code == "entrepreneurship":
        # The class does not record which programme it runs; its code or name says it in practice.
        label = f"{c.code} {c.name}".upper()
        for kind in (ClassKind.GYB, ClassKind.SYB, ClassKind.IYB):
            if kind.value in label:
                return kind
    return ClassKind.ORDINARY


# The policy table has no column for it yet: the 2023 provincial notice (effective 2023-06-01,
# DOMAIN.md) introduced it, so a policy version effective from then on carries it.
LOWER_AFTER_HIGHER_FROM = date(2023, 6, 1)


def _terms(session: Session, c: TrainingClass, claim_date: date) -> SubsidyTerms:
    """The caps of the policy in force on the claim date (the newest one already effective);
    the class's own policy when none is."""
    row = session.scalar(select(PolicyVersion).where(PolicyVersion.effective_from <= claim_date)
                         .order_by(PolicyVersion.effective_from.desc()).limit(1)) or session.get(PolicyVersion, c.policy_id)
    return SubsidyTerms(cap=row.subsidy_cap, window=SubsidyWindow(row.subsidy_window),
                        same_occupation_level_once=row.same_occupation_level_once,
                        lower_level_after_higher_refused=row.effective_from >= LOWER_AFTER_HIGHER_FROM,
                        pension_excluded=row.pension_excluded,
                        advance_percent=row.advance_payment_percent_project_based,
                        work_for_training_max_months=row.work_for_training_max_months)


def _baseline(session: Session) -> BaselineRates:
    version = session.scalar(select(ReferenceVersion).where(ReferenceVersion.dataset == "subsidy_rates",
                                                            ReferenceVersion.is_current.is_(True)))
    rates = {} if version is None else {
        (r.subsidy_class, r.kind, r.level): r.amount_fen
        for r in session.scalars(select(SubsidyRate).where(SubsidyRate.reference_version_id == version.id))}
    return BaselineRates(version.version if version else "—", rates)


def _china_date(moment: datetime) -> date:
    return moment.astimezone(CHINA_TZ).date()


def class_estimate(db: Database, cipher: PersonalDataCipher, class_code: str, *, claim_date: date | None = None,
                   as_of: datetime | None = None) -> ClassEstimate:
    """What each trainee of the class earns if claimed on `claim_date` (default: today in China)."""
    as_of = as_of or datetime.now(timezone.utc)
    claim_date = claim_date or _china_date(as_of)
    with db.reading() as session:
        c = require_class(session, class_code, error=SubsidyError, message="subsidy.class_not_found")
        occupation = session.get(Occupation, c.occupation_id)
        klass = ClassCase(occupation_code=occupation.code, occupation_name=occupation.name,
                          subsidy_class=occupation.subsidy_class, level=c.level, kind=_class_kind(c),
                          shortage=occupation.shortage is True)
        city = city_rules_view(session)
        baseline = _baseline(session)
        terms = _terms(session, c, claim_date)
        summary = {row.enrolment_id: row for row in summary_rows(session, c, as_of=as_of)}
        enrolments = session.execute(
            select(Enrolment.id, Enrolment.roll_no, Enrolment.trainee_id, Enrolment.subsidy_status,
                   Enrolment.withdrawn_at, Enrolment.eligibility_reasons, Trainee.name, Trainee.id_masked, Trainee.pension_status,
                   Trainee.household_type)
            .join(Trainee, Trainee.id == Enrolment.trainee_id)
            .where(Enrolment.class_id == c.id).order_by(Enrolment.roll_no)).all()
        trainee_ids = [e.trainee_id for e in enrolments]
        passed = {enrolment_id for enrolment_id, result in session.execute(
            select(Assessment.enrolment_id, Assessment.result).join(Enrolment, Enrolment.id == Assessment.enrolment_id)
            .where(Enrolment.class_id == c.id)) if result == "pass"}
        certificates = _certificates(session, c, occupation, trainee_ids)
        prior = _prior(session, c, trainee_ids)
        groups: dict[int, set[str]] = {}
        for trainee_id, blob in session.execute(
                select(TraineeKeyGroup.trainee_id, TraineeKeyGroup.group_code_enc)
                .join(Enrolment, Enrolment.trainee_id == TraineeKeyGroup.trainee_id).where(Enrolment.class_id == c.id)):
            groups.setdefault(trainee_id, set()).add(cipher.decrypt(blob, field=KEY_GROUP))
        days = _credited_days(session, c)
        payer = Payer(c.paid_by) if c.paid_by else Payer.TRAINEE
        rows = []
        for e in enrolments:
            row = summary.get(e.id)
            completed = row is not None and row.attendance.eligible
            why = "；".join(p.message() for p in row.attendance.reasons) if row is not None else ""
            case = TraineeCase(
                name=e.name, completed=completed or e.withdrawn_at is not None, completion_reasons=why,
                # A withdrawn trainee is refused for that reason alone: completion and the
                # result are moot once the trainee has left.
                passed=e.id in passed or e.withdrawn_at is not None,
                certificates=tuple(certificates.get((e.id, e.trainee_id), ())),
                subsidised_enrolment=e.subsidy_status in ("eligible", "overridden"),
                not_subsidised_why="；".join(render_reasons(e.eligibility_reasons))
                or messages.render("subsidy.enrolment_not_subsidised"),
                withdrawn_on=_china_date(e.withdrawn_at) if e.withdrawn_at is not None else None,
                pension=bool(e.pension_status), prior=tuple(prior.get(e.trainee_id, ())), fee_fen=c.fee_fen,
                payer=payer, key_groups=frozenset(groups.get(e.trainee_id, ())),
                rural_household=_RURAL.get(e.household_type or ""), credited_training_days=days.get(e.id, 0))
            training = training_subsidy(case, klass, baseline=baseline, city=city.rules, terms=terms,
                                        claim_date=claim_date)
            rows.append(EstimateRow(e.roll_no, e.name, e.id_masked, training, living_allowance(case, city.rules)))
        return ClassEstimate(c.code, c.name, claim_date, city, tuple(rows))


def _certificates(session: Session, c: TrainingClass, occupation: Occupation,
                  trainee_ids: list[int]) -> dict[tuple[int, int], list[HeldCertificate]]:
    """Per (enrolment, trainee): the training certificate issued here for this enrolment, and the
    external certificates recorded for the trainee since the class started that are for this
    class's occupation (or name none)."""
    enrolment_of = {trainee_id: enrolment_id for trainee_id, enrolment_id in session.execute(
        select(Enrolment.trainee_id, Enrolment.id).where(Enrolment.class_id == c.id))}
    found: dict[tuple[int, int], list[HeldCertificate]] = {}
    for start in range(0, len(trainee_ids), 500):
        chunk = trainee_ids[start:start + 500]
        for enrolment_id, trainee_id, kind, issuer, issued_on, content in session.execute(
                select(Certificate.enrolment_id, Certificate.trainee_id, Certificate.kind, Certificate.issuer,
                       Certificate.issued_on, Certificate.content)
                .where(Certificate.trainee_id.in_(chunk), Certificate.status == CertificateStatus.ISSUED.value)):
            content = content or {}
            if issuer == "external":
                if issued_on < c.start_date or content.get("occupation_code") not in (None, occupation.code):
                    continue
                enrolment_id = enrolment_of.get(trainee_id)
            elif enrolment_of.get(trainee_id) != enrolment_id:
                continue
            level = content.get("level")
            found.setdefault((enrolment_id, trainee_id), []).append(HeldCertificate(
                kind=CertificateKind(kind), issued_on=issued_on, occupation_code=content.get("occupation_code"),
                level=int(level) if level is not None else None))
    return found


def _prior(session: Session, c: TrainingClass, trainee_ids: list[int]) -> dict[int, list[PriorSubsidy]]:
    """Subsidies counted against each trainee's cap: their other enrolments, subsidised and not
    withdrawn, in classes that started before this one (as the eligibility check counts them)."""
    found: dict[int, list[PriorSubsidy]] = {}
    for start in range(0, len(trainee_ids), 500):
        chunk = trainee_ids[start:start + 500]
        for trainee_id, code, name, level, started, class_id, status in session.execute(
                select(Enrolment.trainee_id, Occupation.code, Occupation.name, TrainingClass.level,
                       TrainingClass.start_date, TrainingClass.id, TrainingClass.status)
                .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
                .join(Occupation, Occupation.id == TrainingClass.occupation_id)
                .where(Enrolment.trainee_id.in_(chunk), Enrolment.class_id != c.id, Enrolment.withdrawn_at.is_(None),
                       Enrolment.subsidy_status.in_(("eligible", "overridden")))):
            earlier = (started, class_id) < (c.start_date, c.id)
            if earlier and status != ClassStatus.DRAFT.value:
                found.setdefault(trainee_id, []).append(PriorSubsidy(code, name, level, started))
    return found


def _credited_days(session: Session, c: TrainingClass) -> dict[int, int]:
    """Per enrolment: the training days (China dates) with at least one credited mark."""
    # The class's few sessions give the dates (China time, worked out here); the database then
    # counts the distinct days per trainee, so 1 000 rows come back instead of one per mark.
    day_of = {session_id: _china_date(starts_at).toordinal() for session_id, starts_at in session.execute(
        select(ClassSession.id, ClassSession.starts_at)
        .where(ClassSession.class_id == c.id, ClassSession.status != SessionStatus.CANCELLED.value))}
    if not day_of:
        return {}
    day = case(day_of, value=AttendanceMark.session_id)
    return {enrolment_id: days for enrolment_id, days in session.execute(
        select(AttendanceMark.enrolment_id, func.count(distinct(day)))
        .where(AttendanceMark.session_id.in_(list(day_of)), AttendanceMark.status.in_(_CREDITED))
        .group_by(AttendanceMark.enrolment_id))}


def amount_text(fen: int | None) -> str:
    """An amount for a person: 1200 / 1200.50, or 未设置标准 when it cannot be worked out."""
    from desktop_app.domain.subsidy import yuan

    return messages.render("subsidy.amount_unset") if fen is None else yuan(fen)


messages.register({"subsidy.amount_unset": ("未设置标准", "no standard set")})


def write_estimate_workbook(estimate: ClassEstimate, path: Path) -> None:
    from desktop_app.documents.subsidy_workbook import EstimateLine, write_subsidy_estimate

    write_subsidy_estimate(Path(path), lines=[
        EstimateLine(roll_no=row.roll_no, name=row.name, id_masked=row.id_masked,
                     training_fen=row.training.amount.fen, living_fen=row.living.fen,
                     payee=row.payee.label_zh, reasons="；".join(p.message() for p in row.reasons))
        for row in estimate.rows
    ])


__all__ = ["CityRulesView", "ClassEstimate", "EstimateRow", "Figure", "SubsidyError", "class_estimate",
           "parse_yuan", "set_city_rules", "show_city_rules", "write_estimate_workbook"]
