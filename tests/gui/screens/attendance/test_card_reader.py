"""The card reader and the keyboard on the attendance sheet, driven as hands drive them: keys at a
person's speed (≈ 200 ms a key) and at a reader's (a few ms a key, then Enter). A number typed
by hand changes no mark, a burst is one swipe, a double read is one mark, a swipe after the
session is not recorded against it, card times are never replaced without asking, and the
answers never move the grid or the swipe box."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.attendance import AttendanceStatus
from desktop_app.gui.screens.attendance.grid_view import NUMBER_GAP_MS
from desktop_app.gui.theme import Tone
from tests.gui.screens.attendance.conftest import NOW, TODAY, WAIT

PERSON_MS = 200  # a person at the keyboard
READER_MS = 3  # an ID-card reader (a few milliseconds a character)


def _values(office, session_id):
    return [row.value for row in office.attendance.grid(session_id).rows]


def _reader(qtbot, page, widget, text: str) -> None:
    """A reader's burst, once the grid shows the last answer (the trainee before has walked on)."""
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)
    qtbot.wait(20)
    qtbot.keyClicks(widget, text, delay=READER_MS)
    qtbot.keyClick(widget, Qt.Key.Key_Return, delay=READER_MS)


def _sessions_today(running):
    return [s for s in running[0].sessions if s.starts_at.date() == TODAY]


def test_an_id_typed_by_hand_into_the_grid_changes_no_mark_and_lands_in_the_swipe_box(
        qtbot, page, office, running, today_session, show_session):
    _, persons = running
    # Trainee 1 signed in by card (the row 11: 迟到, 签到 at a time the card recorded).
    assert office.attendance.swipe(today_session, persons[0].id_number).recorded
    show_session(today_session)
    before = _values(office, today_session)
    assert before[0].sign_in_at is not None
    page.view.go_to_row(0)
    number = persons[3].id_number
    qtbot.keyClicks(page.view, number, delay=PERSON_MS)
    qtbot.keyClick(page.view, Qt.Key.Key_Return, delay=PERSON_MS)
    qtbot.wait(NUMBER_GAP_MS + 200)  # longer than any key would wait before acting
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)
    assert _values(office, today_session) == before  # nothing marked, nothing erased
    assert page.marking.dialog is None and page.view.current_row() == 0
    assert page.reader.swipe_edit.text() == number  # where Enter would record it
    assert page.reader.tone is Tone.INFO and "没有记录考勤" in page.reader.banner.text()
    # A roll number typed by hand (one digit, then Enter) marks nobody either.
    qtbot.keyClicks(page.view, "4", delay=PERSON_MS)
    qtbot.keyClick(page.view, Qt.Key.Key_Return, delay=PERSON_MS)
    qtbot.wait(NUMBER_GAP_MS + 100)
    assert _values(office, today_session) == before and page.reader.swipe_edit.text() == "4"


def test_a_single_status_key_still_marks_the_current_line(qtbot, page, office, today_session, show_session):
    show_session(today_session)
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(page.view, "P", delay=PERSON_MS)  # a letter acts at once
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(page.view, "5", delay=PERSON_MS)  # a digit once no other key follows it
    statuses = [v.status if v else None for v in _values(office, today_session)]
    assert statuses == [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, None, None, None]
    assert page.view.current_row() == 2


def test_a_reader_burst_in_the_grid_is_one_swipe_and_a_double_read_one_mark(qtbot, page, office, running,
                                                                           today_session, show_session):
    _, persons = running
    show_session(today_session)
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT) as answered:
        _reader(qtbot, page, page.view, persons[2].id_number)
    assert answered.args[0].recorded
    qtbot.waitUntil(lambda: page.sheet.model.row_at(2).value is not None, timeout=WAIT)
    # The card read again three seconds later: a duplicate, said calmly, nothing more recorded.
    qtbot.wait(3_000)
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT) as again:
        _reader(qtbot, page, page.view, persons[2].id_number)
    assert not again.args[0].recorded and again.args[0].calm
    assert page.reader.tone is Tone.INFO and "重复" in page.reader.banner.text()
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)
    rows = office.attendance.grid(today_session).rows
    assert [r.value is not None for r in rows] == [False, False, True, False, False]
    assert rows[2].revision == 1 and rows[2].value.sign_out_at is None
    assert page.reader.swipe_edit.text() == ""  # nothing of the burst was typed anywhere


def test_a_swipe_after_the_session_is_not_recorded_against_it_and_the_next_session_is_offered(
        qtbot, page, office, running, show_session):
    _, persons = running
    morning, afternoon = _sessions_today(running)
    show_session(morning.id)
    # After lunch, the morning still chosen: not recorded against it; the afternoon is offered.
    with time_machine.travel(afternoon.starts_at - timedelta(minutes=5), tick=True):
        with qtbot.waitSignal(page.reader.answered, timeout=WAIT) as answered:
            _reader(qtbot, page, page.view, persons[1].id_number)
        result = answered.args[0]
        assert not result.recorded and result.other_session.id == afternoon.id
        assert page.reader.tone is Tone.SCAN_BAD and "不在所选课次" in page.reader.banner.text()
        assert page.reader.switch_button.isVisible()
        assert _values(office, morning.id)[1] is None
        with qtbot.waitSignal(page.reader.answered, timeout=WAIT) as switched:
            page.reader.switch_button.click()
        assert switched.args[0].recorded and page.choice.current_session_id() == afternoon.id
        assert _values(office, afternoon.id)[1].sign_in_at is not None
        assert _values(office, morning.id)[1] is None
    # In the evening, nothing is near: not recorded, no session offered.
    with time_machine.travel(afternoon.ends_at + timedelta(hours=3), tick=True):
        with qtbot.waitSignal(page.reader.answered, timeout=WAIT) as late:
            _reader(qtbot, page, page.view, persons[4].id_number)
        assert not late.args[0].recorded and late.args[0].other_session is None
        assert not page.reader.switch_button.isVisible()
        assert _values(office, afternoon.id)[4] is None


def test_a_status_key_asks_before_replacing_what_the_card_recorded(qtbot, page, office, running, today_session,
                                                                    show_session):
    _, persons = running
    assert office.attendance.swipe(today_session, persons[0].id_number).recorded
    show_session(today_session)
    page.view.go_to_row(0)
    qtbot.keyClick(page.view, "A", delay=PERSON_MS)  # 缺勤 would drop the card's sign-in time
    qtbot.waitUntil(lambda: page.marking.confirm_box is not None, timeout=WAIT)
    box = page.marking.confirm_box
    assert "签到" in box.text() and persons[0].name in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter keeps the card record
    qtbot.waitUntil(lambda: page.marking.confirm_box is None, timeout=WAIT)
    qtbot.wait(200)
    row = office.attendance.grid(today_session).rows[0]
    assert row.revision == 1 and row.value.sign_in_at is not None
    qtbot.keyClick(page.view, "A", delay=PERSON_MS)
    qtbot.waitUntil(lambda: page.marking.confirm_box is not None, timeout=WAIT)
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        page.marking.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    row = office.attendance.grid(today_session).rows[0]
    assert row.status is AttendanceStatus.ABSENT and row.value.sign_in_at is None


def test_swipe_answers_do_not_move_the_grid_or_the_swipe_box(qtbot, page, running, today_session, show_session):
    _, persons = running
    show_session(today_session)

    def places():
        return (page.view.mapTo(page, QPoint(0, 0)), page.reader.swipe_edit.mapTo(page, QPoint(0, 0)),
                page.view.height())

    before = places()
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT):
        _reader(qtbot, page, page.view, persons[0].id_number)
    assert page.reader.showing
    assert places() == before
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT):  # a long answer (not on the roster) in smaller type
        _reader(qtbot, page, page.view, "11010519491231002X")
    assert places() == before
    page.reader.clear()  # (the answer goes after 6 s)
    assert not page.reader.showing and places() == before
    assert NOW.date() == TODAY
