"""The columns that store domain enums accept exactly the enums' values, and their defaults are
members: the enums' values are the strings the database has always held."""

from __future__ import annotations

import re

import pytest

from desktop_app.domain.assessment import AssessmentResult
from desktop_app.domain.attendance import AttendanceStatus
from desktop_app.domain.batches import BatchState
from desktop_app.domain.certificates import CertificateStatus
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.schedule import SessionStatus
from desktop_app.domain.subsidy import Payer
from desktop_app.store.models import Assessment, AttendanceMark, Certificate, ClassSession, OutboxBatch, TrainingClass


def _listed(model, column: str) -> set[str]:
    """The values the model's CHECK constraint allows in `column` ("column in ('a', 'b')")."""
    for constraint in model.__table__.constraints:
        text = str(getattr(constraint, "sqltext", ""))
        match = re.search(rf"\b{column} in \(([^)]*)\)", text)
        if match:
            return set(re.findall(r"'([^']*)'", match.group(1)))
    raise AssertionError(f"{model.__name__}.{column} has no check constraint")


@pytest.mark.parametrize(("model", "column", "enum"), [
    (OutboxBatch, "state", BatchState),
    (TrainingClass, "status", ClassStatus),
    (AttendanceMark, "status", AttendanceStatus),
    (Certificate, "status", CertificateStatus),
    (TrainingClass, "paid_by", Payer),
], ids=lambda value: getattr(value, "__name__", value))
def test_a_checked_column_accepts_exactly_the_enums_values(model, column, enum):
    assert _listed(model, column) == {member.value for member in enum}


def test_an_assessment_result_is_pass_fail_or_none():
    assert _listed(Assessment, "result") == {member.value for member in AssessmentResult}


@pytest.mark.parametrize(("model", "column", "member"), [
    (OutboxBatch, "state", BatchState.SEALED),
    (TrainingClass, "status", ClassStatus.DRAFT),
    (ClassSession, "status", SessionStatus.PLANNED),
    (Certificate, "status", CertificateStatus.ISSUED),
], ids=lambda value: getattr(value, "__name__", str(value)))
def test_a_columns_default_is_a_member(model, column, member):
    assert model.__table__.c[column].default.arg == member
