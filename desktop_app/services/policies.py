"""The policy in force, as the domain's Policy value (the rules never read the table directly)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.policy import LatenessRule, LockPeriod, Policy, SubsidyWindow
from desktop_app.store.models import PolicyVersion


def active_policy(session: Session) -> PolicyVersion:
    row = session.scalar(select(PolicyVersion).where(PolicyVersion.is_active.is_(True)))
    if row is None:  # a database always gets one from the bundled reference data
        raise RuntimeError("no active policy")
    return row


def policy_of(row: PolicyVersion) -> Policy:
    return Policy(
        code=row.code, name=row.name, effective_from=row.effective_from, subsidy_cap=row.subsidy_cap,
        subsidy_window=SubsidyWindow(row.subsidy_window), same_occupation_level_once=row.same_occupation_level_once,
        pension_excluded=row.pension_excluded, min_attendance_rate_percent=row.min_attendance_rate_percent,
        online_hours_cap_percent=row.online_hours_cap_percent,
        min_hours_per_level={int(k): int(v) for k, v in row.min_hours_per_level.items()},
        min_practice_percent=row.min_practice_percent, lesson_minutes=row.lesson_minutes,
        lock_period=LockPeriod(row.lock_period), min_age=row.min_age, max_age=row.max_age,
        advance_payment_percent_project_based=row.advance_payment_percent_project_based,
        work_for_training_max_months=row.work_for_training_max_months, late_grace_minutes=row.late_grace_minutes,
        lateness_rule=LatenessRule(row.lateness_rule), theory_pass_mark=row.theory_pass_mark,
        practical_pass_mark=row.practical_pass_mark, swipe_repeat_minutes=row.swipe_repeat_minutes,
        swipe_early_minutes=row.swipe_early_minutes, swipe_after_end_minutes=row.swipe_after_end_minutes,
        sign_out_after_minutes=row.sign_out_after_minutes, notes=dict(row.notes or {}),
    )
