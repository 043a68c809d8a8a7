"""Loading reference data (occupations, training types, key groups, subsidy rates, policies,
city rules).

The bundled copy in resources/reference/ seeds a new database so that it works offline from
the first start; data pulled from the platform later is applied the same way, as a new
version, keeping the earlier ones.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop_app import resources
from desktop_app.store.models import (
    CityRule,
    KeyGroup,
    Occupation,
    PolicyVersion,
    ReferenceVersion,
    SubsidyRate,
    TrainingType,
)

BUNDLED_FILES = {
    "occupations": "occupations.json",
    "training_types": "training_types.json",
    "key_groups": "key_groups.json",
    "subsidy_rates": "subsidy_rates.json",
    "policies": "policies.json",
    "city_rules": "city_rules.json",
}


def _new_version(session: Session, dataset: str, version: str, origin: str) -> ReferenceVersion:
    session.execute(update(ReferenceVersion).where(ReferenceVersion.dataset == dataset).values(is_current=False))
    row = ReferenceVersion(dataset=dataset, version=version, origin=origin, is_current=True)
    session.add(row)
    session.flush()
    return row


def apply_occupations(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    """Insert or update occupations by (edition, code); ones no longer listed leave the catalogue."""
    version = _new_version(session, "occupations", document["version"], origin)
    existing = {(o.edition, o.code): o for o in session.scalars(select(Occupation))}
    listed = set()
    for item in document["occupations"]:
        key = (str(item["edition"]), item["code"])
        listed.add(key)
        row = existing.get(key) or Occupation(edition=key[0], code=key[1])
        row.name = item["name"]
        row.levels = "".join(str(level) for level in sorted(item["levels"], reverse=True))
        row.subsidy_class = item.get("subsidy_class")
        row.special_ability = bool(item.get("special_ability", False))
        row.shortage = item.get("shortage")
        row.in_subsidy_catalogue = bool(item.get("in_subsidy_catalogue", True))
        row.source = item.get("source")
        row.reference_version_id = version.id
        session.add(row)
    for key, row in existing.items():
        if key not in listed:
            row.in_subsidy_catalogue = False
    return version


def apply_training_types(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    version = _new_version(session, "training_types", document["version"], origin)
    for item in document["training_types"]:
        session.merge(
            TrainingType(code=item["code"], name=item["name"], name_en=item.get("name_en"), source=item.get("source"))
        )
    return version


def apply_key_groups(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    version = _new_version(session, "key_groups", document["version"], origin)
    for item in document["key_groups"]:
        session.merge(
            KeyGroup(
                code=item["code"],
                name=item["name"],
                name_en=item.get("name_en"),
                free_training=bool(item.get("free_training")),
                living_allowance=bool(item.get("living_allowance")),
                sensitive=bool(item.get("sensitive")),
                relatives_extend=bool(item.get("relatives_extend")),
                source=item.get("source"),
            )
        )
    return version


def apply_subsidy_rates(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    """Rates are kept per version: a class keeps the figures of the version it was checked with."""
    version = _new_version(session, "subsidy_rates", document["version"], origin)
    for item in document["rates"]:
        amount = item["amount_fen"]
        if not isinstance(amount, int):
            raise ValueError("subsidy amounts must be integers in fen")
        session.add(
            SubsidyRate(
                reference_version_id=version.id,
                subsidy_class=item["subsidy_class"],
                kind=item.get("kind", "skill_level"),
                level=item.get("level"),
                amount_fen=amount,
            )
        )
    return version


def apply_policies(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    """Policies are versioned by code and never edited in place; the default one becomes active
    only when no policy is active yet (an institution's own choice is kept)."""
    version = _new_version(session, "policies", document["version"], origin)
    known = set(session.scalars(select(PolicyVersion.code)))
    for item in document["policies"]:
        if item["code"] in known:
            continue
        session.add(
            PolicyVersion(
                code=item["code"],
                name=item["name"],
                effective_from=date.fromisoformat(item["effective_from"]),
                subsidy_cap=item["subsidy_cap"],
                subsidy_window=item["subsidy_window"],
                same_occupation_level_once=item.get("same_occupation_level_once", True),
                pension_excluded=item.get("pension_excluded", True),
                min_attendance_rate_percent=item["min_attendance_rate_percent"],
                online_hours_cap_percent=item["online_hours_cap_percent"],
                min_hours_per_level={str(k): int(v) for k, v in item["min_hours_per_level"].items()},
                min_practice_percent=item["min_practice_percent"],
                lesson_minutes=item.get("lesson_minutes", 45),
                lock_period=item.get("lock_period", "end_of_day"),
                min_age=item["min_age"],
                max_age=item["max_age"],
                advance_payment_percent_project_based=item.get("advance_payment_percent_project_based", 50),
                work_for_training_max_months=item.get("work_for_training_max_months", 6),
                late_grace_minutes=item.get("late_grace_minutes", 5),
                lateness_rule=item.get("lateness_rule", "whole_lessons"),
                theory_pass_mark=item.get("theory_pass_mark", 60),
                practical_pass_mark=item.get("practical_pass_mark", 60),
                swipe_repeat_minutes=item.get("swipe_repeat_minutes", 2),
                swipe_early_minutes=item.get("swipe_early_minutes", 30),
                swipe_after_end_minutes=item.get("swipe_after_end_minutes", 15),
                sign_out_after_minutes=item.get("sign_out_after_minutes", 10),
                notes=item.get("parameter_notes", {}),
                source=item.get("source"),
                is_active=False,
            )
        )
    session.flush()
    if session.scalar(select(PolicyVersion.id).where(PolicyVersion.is_active.is_(True))) is None:
        default_code = document.get("default_policy")
        session.execute(update(PolicyVersion).where(PolicyVersion.code == default_code).values(is_active=True))
    return version


def apply_shortage_list(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    """The 紧缺型职业工种目录: listed occupations are marked shortage, every other one is not."""
    version = _new_version(session, "shortage_list", document["version"], origin)
    listed = set()
    for item in document["shortage_list"]:
        if isinstance(item, str):
            listed.add(item)
        else:
            listed.add((str(item["edition"]), str(item["code"])) if item.get("edition") else str(item["code"]))
    for row in session.scalars(select(Occupation)):
        row.shortage = (row.edition, row.code) in listed or row.code in listed
    return version


CITY_RULE_FIGURES = ("local_factor_percent", "shortage_uplift_percent", "shortage_from_level",
                     "training_certificate_fen", "living_allowance_fen_per_day", "work_for_training_fen_per_month")


def _whole_or_none(value, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a non-negative integer or null")
    return value


def apply_city_rules(session: Session, document: dict, *, origin: str) -> ReferenceVersion:
    """Each city's subsidy figures (and the province-wide ones, city_code null), kept per version;
    null stays null (unpublished), it never becomes zero."""
    version = _new_version(session, "city_rules", document["version"], origin)
    entries = ([dict(document["province"], city_code=None)] if document.get("province") else []) + \
        list(document.get("cities", []))
    for item in entries:
        flat = {str(kind): _whole_or_none(fen, "flat_fen") for kind, fen in (item.get("flat_fen") or {}).items()}
        session.add(CityRule(
            reference_version_id=version.id, city_code=item.get("city_code"), city_name=item["city_name"],
            flat_fen=flat, source=item.get("source"),
            **{name: _whole_or_none(item.get(name), name) for name in CITY_RULE_FIGURES}))
    return version


_APPLIERS = {
    "occupations": apply_occupations,
    "training_types": apply_training_types,
    "key_groups": apply_key_groups,
    "subsidy_rates": apply_subsidy_rates,
    "policies": apply_policies,
    "shortage_list": apply_shortage_list,
    "city_rules": apply_city_rules,
}


def load_bundled_reference_data(session: Session) -> dict[str, str]:
    """Seed an empty database with the reference data shipped in resources/; returns versions."""
    loaded = {}
    for dataset, filename in BUNDLED_FILES.items():
        if session.scalar(select(ReferenceVersion.id).where(ReferenceVersion.dataset == dataset)) is not None:
            continue
        document = resources.load_reference(filename)
        loaded[dataset] = _APPLIERS[dataset](session, document, origin="bundled").version
    return loaded


def bundled_reference_data_loaded(session: Session) -> bool:
    """Every dataset shipped in resources/ has at least one version in the database."""
    present = set(session.scalars(select(ReferenceVersion.dataset).distinct()))
    return set(BUNDLED_FILES) <= present


def current_versions(session: Session) -> dict[str, str]:
    """Dataset → version currently in force (recorded in every batch sealed against it)."""
    rows = session.execute(
        select(ReferenceVersion.dataset, ReferenceVersion.version).where(ReferenceVersion.is_current.is_(True))
    )
    return {dataset: version for dataset, version in rows}
