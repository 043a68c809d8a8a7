"""The operations helper: only the latest answer per purpose reaches its callbacks, failures are shown
on their owner and logged, and every change is announced — also for answers that were dropped."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.messages import UserFacingError
from desktop_app.services.changes import Area, Changes, writes

WAIT = 10_000


class _Owner(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[BaseException] = []

    def show_failure(self, error: BaseException) -> None:
        self.shown.append(error)


class _Facade:
    @writes(Area.ATTENDANCE)
    def set_mark(self, value: str = "present") -> str:
        return value

    @writes(Area.CLASSES)
    def change_then_fail(self) -> None:
        raise RuntimeError("a bug after nothing was written")


@pytest.fixture
def operations(qtbot):
    ops = Operations(TaskRunner(max_threads=2))
    yield ops
    ops.tasks.wait_for_done()
    qtbot.waitUntil(lambda: ops.tasks.pending == 0, timeout=WAIT)


def _settle(qtbot, operations) -> None:
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=WAIT)


def test_only_the_latest_answer_for_a_purpose_reaches_its_callback(qtbot, operations):
    owner = _Owner()
    release_first = threading.Event()
    answers: list[str] = []

    def slow_first() -> str:
        release_first.wait(WAIT / 1000)
        return "first"

    operations.run(owner, slow_first, success=answers.append, latest="grid")
    operations.run(owner, lambda: "second", success=answers.append, latest="grid")
    qtbot.waitUntil(lambda: answers == ["second"], timeout=WAIT)
    release_first.set()  # the older answer arrives after the newer one …
    _settle(qtbot, operations)
    assert answers == ["second"]  # … and is dropped


def test_different_purposes_and_different_owners_each_get_their_answer(qtbot, operations):
    first, second = _Owner(), _Owner()
    answers: list[str] = []
    operations.run(first, lambda: "grid", success=answers.append, latest="grid")
    operations.run(first, lambda: "summary", success=answers.append, latest="summary")
    operations.run(second, lambda: "other screen", success=answers.append, latest="grid")
    operations.run(first, lambda: "no purpose", success=answers.append)
    _settle(qtbot, operations)
    assert sorted(answers) == ["grid", "no purpose", "other screen", "summary"]


def test_a_failure_without_a_handler_is_shown_on_its_owner_and_a_bug_is_logged_with_its_traceback(
        qtbot, operations, caplog):
    owner = _Owner()
    failures: list[BaseException] = []
    operations.failed.connect(failures.append)
    with caplog.at_level(logging.INFO, logger="desktop_app.gui.operations"):
        operations.run(owner, _Facade().change_then_fail)
        _settle(qtbot, operations)
    assert [type(error) for error in owner.shown] == [RuntimeError]
    assert [type(error) for error in failures] == [RuntimeError]  # the window hears of it too
    bug = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert bug and bug[0].exc_info and "a bug after nothing was written" in str(bug[0].exc_info[1])


def test_a_refusal_meant_for_people_is_logged_as_information_and_given_to_the_callers_handler(
        qtbot, operations, caplog):
    owner = _Owner()
    handled: list[BaseException] = []

    def refuse() -> None:
        raise UserFacingError("accounts.bad_credentials")

    with caplog.at_level(logging.INFO, logger="desktop_app.gui.operations"):
        operations.run(owner, refuse, failure=handled.append)
        _settle(qtbot, operations)
    assert [error.code for error in handled] == ["accounts.bad_credentials"]
    assert owner.shown == []  # the caller's own handler showed it
    levels = {record.levelno for record in caplog.records}
    assert logging.INFO in levels and logging.ERROR not in levels


def test_a_failure_shown_by_default_on_an_owner_without_a_handler_opens_a_message_box(qtbot, operations):
    owner = QWidget()
    qtbot.addWidget(owner)
    operations.run(owner, _Facade().change_then_fail)
    _settle(qtbot, operations)
    box = owner.findChild(QWidget, "errorBox")
    assert box is not None and box.isVisible()
    box.close()


def test_changes_are_announced_with_their_origin_even_when_the_answer_was_dropped(qtbot, operations):
    owner = _Owner()
    announced: list[tuple[Changes, object]] = []
    operations.did_execute.connect(lambda changes, origin: announced.append((changes, origin)))
    release_first = threading.Event()
    facade = _Facade()

    def slow_write() -> str:
        release_first.wait(WAIT / 1000)
        return facade.set_mark("late")

    operations.run(owner, slow_write, latest="mark")
    operations.run(owner, lambda: "a read", latest="mark")
    qtbot.waitUntil(lambda: operations.tasks.pending == 1, timeout=WAIT)
    release_first.set()
    _settle(qtbot, operations)
    assert announced == [(Changes(frozenset({Area.ATTENDANCE})), owner)]  # the read announced nothing


def test_no_callback_reaches_an_owner_that_was_deleted(qtbot, operations):
    owner = _Owner()
    release = threading.Event()
    answers: list[str] = []

    def slow() -> str:
        release.wait(WAIT / 1000)
        return "too late"

    operations.run(owner, slow, success=answers.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=WAIT)
    release.set()
    _settle(qtbot, operations)
    assert answers == []


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


class _Screen(ScreenPage):
    def __init__(self, operations: Operations, shows: tuple[Area, ...]) -> None:
        super().__init__(None, operations)  # no facade: this screen only counts its reloads
        self.shows = shows
        self.reloads = 0

    def title(self) -> str:
        return "screen"

    def reload(self) -> None:
        self.reloads += 1


def test_change_notices_reach_the_screens_that_show_the_area_and_not_the_one_that_made_them(qtbot, operations):
    attendance = _Screen(operations, (Area.ATTENDANCE,))
    certificates = _Screen(operations, (Area.ATTENDANCE, Area.CERTIFICATES))
    audit_only = _Screen(operations, (Area.AUDIT,))
    hidden = _Screen(operations, (Area.ATTENDANCE,))
    screens = (attendance, certificates, audit_only, hidden)
    for screen in screens:
        qtbot.addWidget(screen)
        operations.did_execute.connect(screen.on_operation_did_execute)
    for screen in (attendance, certificates, audit_only):
        screen.show()
    operations.run(attendance, _Facade().set_mark)
    _settle(qtbot, operations)
    assert (attendance.reloads, certificates.reloads, audit_only.reloads, hidden.reloads) == (0, 1, 0, 0)
    hidden.show()  # a screen that was hidden reads again when it is next shown
    assert hidden.reloads == 1
