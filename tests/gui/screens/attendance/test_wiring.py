"""How the attendance screen is wired: changes announced by operations elsewhere make it read its
classes again (only for what it shows, and not for its own writes), and only the latest answer
for a choice is shown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from desktop_app.services.changes import Area, writes
from tests.gui.screens.attendance.conftest import WAIT


@pytest.fixture
def announced(page):
    """The screen hears every finished operation, as the window connects it."""
    page.operations.did_execute.connect(page.on_operation_did_execute)
    loads: list[None] = []
    page.choice.classes_loaded.connect(lambda: loads.append(None))
    return loads


def _settle(qtbot, page) -> None:
    """Every operation answered, and whatever it started answered too."""
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)


def test_the_screen_reads_its_classes_again_when_an_operation_elsewhere_changed_classes(qtbot, page, announced):
    elsewhere = QObject()  # e.g. the classes screen filing a class
    with qtbot.waitSignal(page.choice.classes_loaded, timeout=WAIT):
        page.operations.run(elsewhere, writes(Area.CLASSES)(lambda: None))
    _settle(qtbot, page)
    assert len(announced) == 1


def test_a_change_the_screen_does_not_show_leaves_it_alone(qtbot, page, announced):
    elsewhere = QObject()
    page.operations.run(elsewhere, writes(Area.AUDIT)(lambda: None))
    _settle(qtbot, page)
    assert announced == []


def test_the_screens_own_writes_do_not_make_it_read_everything_again(qtbot, page, announced):
    # A saved mark repaints its own line; reading classes, sessions and grid after every key
    # would only cost round trips.
    page.operations.run(page.marking, writes(Area.ATTENDANCE)(lambda: None))
    _settle(qtbot, page)
    assert announced == []


def test_a_change_while_the_screen_is_hidden_is_read_when_it_is_shown_again(qtbot, page, announced):
    page.hide()
    page.operations.run(QObject(), writes(Area.ROSTER)(lambda: None))
    _settle(qtbot, page)
    assert announced == []
    with qtbot.waitSignal(page.choice.classes_loaded, timeout=WAIT):
        page.show()
    assert len(announced) == 1


def test_a_late_grid_for_an_older_session_choice_is_dropped(qtbot, page, office, today_session, past_session,
                                                            show_session, monkeypatch):
    """B, then A, then B again, faster than the database answers: the first B's grid arrives
    while B is chosen, after the second was asked for — only the second is shown."""
    show_session(today_session)
    _settle(qtbot, page)
    read = office.attendance.grid
    calls: list[tuple[int, threading.Event, list]] = []

    def held(session_id: int):
        gate, answer = threading.Event(), []
        calls.append((session_id, gate, answer))
        gate.wait(WAIT / 1000)
        answer.append(read(session_id))
        return answer[0]

    monkeypatch.setattr(office.attendance, "grid", held)
    shown: list[int] = []
    page.sheet.loaded.connect(shown.append)
    try:
        assert page.select_session(past_session)
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=WAIT)
        assert page.select_session(today_session)
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=WAIT)
        assert page.select_session(past_session)  # waits for a free worker (the window has two)
        calls[1][1].set()  # the grid of today's session: not chosen any more
        qtbot.waitUntil(lambda: len(calls) == 3, timeout=WAIT)
        assert [call[0] for call in calls] == [past_session, today_session, past_session]

        calls[0][1].set()  # the first grid of the past session arrives while that session is chosen
        qtbot.waitUntil(lambda: page.operations.tasks.pending == 1, timeout=WAIT)
        assert calls[0][2] and page.sheet.grid is None and shown == []

        with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT):
            calls[2][1].set()
        assert shown == [past_session] and page.sheet.grid is calls[2][2][0]
    finally:
        for _session_id, gate, _answer in calls:
            gate.set()
