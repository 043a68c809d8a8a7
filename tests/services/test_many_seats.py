"""Several PCs on one database: what two seats doing the same thing at once must never turn
into an unexpected error. Both backends: SQLite (one file, two windows) and a real PostgreSQL
server (two PCs), each seat with its own engine as two processes would have."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from desktop_app.bootstrap import open_office
from desktop_app.config import load_settings
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.services.attendance import AttendanceError, set_mark
from desktop_app.store.models import AttendanceMark, AttendanceMarkHistory
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)
from tests.services.test_certificates import completed, issue, key  # noqa: F401  (fixtures)
from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401  (fixtures)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request, tmp_path):
    if request.param == "sqlite":
        return load_settings(db_path=tmp_path / "data" / "skilldesk.db", data_dir=tmp_path / "data")
    return load_settings(database_url=request.getfixturevalue("postgres_url"), data_dir=tmp_path / "data")


@pytest.fixture
def second_seat(settings, office):
    """Another PC (or window) on the same database: its own engine and connections."""
    seat = open_office(settings)
    yield seat
    seat.close()


def _at_once(*calls):
    """Run the calls in threads released together; returns (results, errors) in call order."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list = [None] * len(calls)

    def run(index, call):
        start.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects what each seat got
            errors[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_the_first_certificates_of_the_year_from_two_seats_at_once(office, second_seat, key, completed):  # noqa: F811
    for _round in range(3):
        results, errors = _at_once(lambda: issue(office, key), lambda: issue(second_seat, key))
        assert errors == [None, None]
        numbers = sorted(n for report in results for n in report.issued)
        assert [int(n.rsplit("-", 1)[1]) for n in numbers] == [1, 2, 3, 4]
        # The seat that found them issued says so rather than "issued 0".
        assert sorted(n for report in results for n in report.already) == numbers
        if _round < 2:
            _forget_certificates(office)


def _forget_certificates(office):
    from sqlalchemy import delete

    from desktop_app.store.models import Certificate, CertificateCounter

    with office.db.writing() as session:
        session.execute(delete(Certificate))
        session.execute(delete(CertificateCounter))


def test_two_people_marking_the_same_session_get_a_mark_or_changed_elsewhere(office, second_seat, running):  # noqa: F811
    detail, _persons = running
    session_info = detail.sessions[0]
    during = session_info.starts_at + timedelta(minutes=30)
    enrolments = [row.enrolment_id for row in _grid_rows(office, session_info.id, during)]
    for enrolment_id in enrolments:
        results, errors = _at_once(
            lambda: set_mark(office.db, actor=office.actor, session_id=session_info.id, enrolment_id=enrolment_id,
                             value=MarkValue(AttendanceStatus.PRESENT), expected_revision=0, now=during),
            lambda: set_mark(second_seat.db, actor=second_seat.actor, session_id=session_info.id,
                             enrolment_id=enrolment_id, value=MarkValue(AttendanceStatus.ABSENT), expected_revision=0,
                             now=during))
        refused = [e for e in errors if e is not None]
        assert all(isinstance(e, AttendanceError) and e.code == "attendance.changed_elsewhere" for e in refused), errors
        assert len(refused) == 1, "exactly one of two changes from the same revision wins"
        with office.db.reading() as session:
            from sqlalchemy import func, select

            marks = session.scalar(select(func.count()).select_from(AttendanceMark)
                                   .where(AttendanceMark.enrolment_id == enrolment_id,
                                          AttendanceMark.session_id == session_info.id))
            history = session.scalar(select(func.count()).select_from(AttendanceMarkHistory)
                                     .join(AttendanceMark, AttendanceMark.id == AttendanceMarkHistory.mark_id)
                                     .where(AttendanceMark.enrolment_id == enrolment_id,
                                            AttendanceMark.session_id == session_info.id))
        assert (marks, history) == (1, 1)


def _grid_rows(office, session_id, now):
    from desktop_app.services.attendance import session_grid

    return session_grid(office.db, session_id, now=now).rows

