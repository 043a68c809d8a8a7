"""A completed cohort ready to seal: 5 trainees, every session marked, results in, certificates issued."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from desktop_app.services.assessment import class_assessments, record_assessment
from desktop_app.services.attendance import mark_all_present
from desktop_app.services.certificates import issue_certificates
from desktop_app.services.classes import change_class_status
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)

CLASS = "2026-JZ01"
AFTER = datetime(2027, 1, 5, tzinfo=timezone.utc)


def finish_class(office, detail, *, results: bool = True, certificates: bool = True, mark: bool = True) -> None:
    if mark:
        for info in detail.sessions:
            mark_all_present(office.db, actor=office.actor, session_id=info.id, now=info.ends_at)
    if results:
        for index, row in enumerate(class_assessments(office.db, CLASS)):
            passed = index != 4  # the fifth trainee fails
            record_assessment(office.db, actor=office.actor, class_code=CLASS, enrolment_id=row.enrolment_id,
                              theory=850 if passed else 450, practical=900 if passed else 500,
                              result="pass" if passed else "fail")
    if certificates:
        issue_certificates(office.db, office.cipher, office.device.key(), actor=office.actor, class_code=CLASS,
                           issued_on=date(2027, 1, 6), as_of=AFTER)
    change_class_status(office.db, actor=office.actor, code=CLASS, target="completed", today=date(2027, 1, 5))


@pytest.fixture
def completed_class(office, running):  # noqa: F811
    detail, persons = running
    finish_class(office, detail)
    return detail, persons


INSTITUTION = "320106-0042"


def name_institution(office, code: str = INSTITUTION) -> None:
    """What the first-run wizard records; set directly so these tests need no sign-in."""
    from sqlalchemy import update

    from desktop_app.store.models import Institution

    with office.db.writing() as session:
        session.execute(update(Institution).values(code=code, name="南京鼓楼职业技能培训学校"))


@pytest.fixture
def registered(office, completed_class, platform_server):
    """The completed class, on a device registered with a fresh reference platform."""
    name_institution(office)
    office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    return platform_server
