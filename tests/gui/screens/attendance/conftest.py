"""Fixtures for the attendance screen: a class in training with five trainees, and the screen
built over it as the window builds it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from PySide6.QtCore import QCoreApplication, QEvent

from desktop_app.domain.schedule import CHINA_TZ, parse_schedule_spec
from desktop_app.gui.card_bursts import CardBurstFilter
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.attendance import AttendancePage
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.classes import ClassDraft, change_class_status, create_class
from desktop_app.services.roster import import_roster
from tests.services.conftest import people, rows_for, write_roster

CODE = "2026-KQ01"
# Time is an input: every test here runs at 10:00 on a Wednesday in China (the morning session under
# way), whatever the hour and the zone of the machine; the clock ticks on from there.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA_TZ)
TODAY: date = NOW.date()
WAIT = 20_000


@pytest.fixture(autouse=True)
def china_morning():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def running(office, tmp_path):
    """A class in training since three days ago, meeting every day morning and afternoon, with 5
    trainees; returns (detail, persons). Today's sessions are open, earlier ones locked."""
    draft = ClassDraft(code=CODE, name="家政服务员（四级）考勤测试班", occupation_code="4-10-01-06", level=4,
                       training_type="employment_skills", start_date=TODAY - timedelta(days=3),
                       end_date=TODAY + timedelta(days=12), capacity=40, planned_lessons=None,
                       schedule=parse_schedule_spec("daily:am,pm/4"))
    detail = create_class(office.db, actor=office.actor, draft=draft)
    persons = people(5)
    before = TODAY - timedelta(days=5)
    import_roster(office.db, office.cipher, actor=office.actor, class_code=CODE,
                  source=write_roster(tmp_path / "roster.xlsx", rows_for(persons)), today=before)
    change_class_status(office.db, actor=office.actor, code=CODE, target="filed", today=before)
    change_class_status(office.db, actor=office.actor, code=CODE, target="in_training", today=TODAY)
    return detail, persons


def _sessions_on(detail, day: date):
    return [s for s in detail.sessions if s.starts_at.date() == day]


@pytest.fixture
def today_session(running):
    return _sessions_on(running[0], TODAY)[0].id


@pytest.fixture
def past_session(running):
    return _sessions_on(running[0], TODAY - timedelta(days=2))[0].id


@pytest.fixture
def page(qtbot, qapp, office, running):
    """The screen on its own, in Chinese, as the window builds it, with its first grid shown.

    Not handed to qtbot.addWidget: pytest-qt deletes such widgets before fixtures are torn down,
    which could drop an answer still on its way. Here every answer arrives first, then the page goes."""
    install_translators(qapp, "zh")
    operations = Operations(TaskRunner())
    page = AttendancePage(office, operations)
    page.resize(1280, 860)
    # The card reader's bursts are recognised by the application-wide filter, as the window arms it.
    bursts = CardBurstFilter()
    bursts.swiped.connect(page.take_swipe)
    bursts.start()
    page.bursts = bursts
    page.show()
    qtbot.waitUntil(lambda: page.sheet.grid is not None and operations.tasks.pending == 0, timeout=WAIT)
    yield page
    bursts.stop()
    operations.tasks.wait_for_done()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=WAIT)
    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")


@pytest.fixture
def show_session(qtbot, page):
    """Choose a session in the picker and wait until its grid is shown, the view focused."""

    def show(session_id: int) -> None:
        with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT, check_params_cb=lambda sid: sid == session_id):
            assert page.select_session(session_id)
        page.view.setFocus()

    return show
