"""The card reader in the whole window, as the application arms it: a reader's burst is one swipe
for the attendance screen's session wherever the keyboard focus is — a text field on another
screen, a cell of the results grid, the lock screen — while a person's typing arrives unchanged;
fifty swipes on the lock screen lock nobody out; and the filter on its own, on one text field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from desktop_app.gui.i18n import install_translators
from desktop_app.services.accounts import InstitutionProfile
from desktop_app.store.models import AppUser
from tests.gui.screens.attendance.conftest import CODE, WAIT, china_morning, running  # noqa: F401 - fixtures
from tests.services.conftest import people

PASSWORD = "correct horse 1"
THEORY = 3  # the results grid's 理论 column (AssessmentTableModel.THEORY)
PERSON_MS = 200
READER_MS = 3


@pytest.fixture
def wang(office):
    """An administrator with a password (a lockout needs one), signed in."""
    office.accounts.complete_first_run(InstitutionProfile(code="JS3205060001", name="姑苏职业培训学校"), "wang",
                                       "王校长", PASSWORD)
    office.accounts.sign_out()
    office.accounts.sign_in("wang", PASSWORD)
    return office


@pytest.fixture
def window(qtbot, qapp, wang, running, settings):  # noqa: F811
    """The main window with the idle lock and the card reader armed as start-up arms them, the
    attendance screen on today's session."""
    from desktop_app.gui.main_window import MainWindow

    install_translators(qapp, "zh")
    window = MainWindow(wang, settings)
    window.resize(1280, 860)
    window.show()
    lock = window.arm_idle_lock()
    lock.set_minutes(60)  # locked by the test, not by the clock
    window.arm_card_reader()
    window.show_page("attendance")
    attendance = window.pages["attendance"]
    qtbot.waitUntil(lambda: attendance.grid is not None and window.tasks.pending == 0, timeout=WAIT)
    yield window
    window.card_bursts.stop()
    lock.stop()
    window.tasks.wait_for_done()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")


def _swipe(qtbot, window, widget, text: str):
    """A reader's burst into `widget`; the answer the attendance screen gave. (The trainee before
    has walked on: the grid has shown the last answer.)"""
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    qtbot.wait(20)
    with qtbot.waitSignal(window.pages["attendance"].reader.answered, timeout=WAIT) as answered:
        qtbot.keyClicks(widget, text, delay=READER_MS)
        qtbot.keyClick(widget, Qt.Key.Key_Return, delay=READER_MS)
    return answered.args[0]


def _marks(window):
    attendance = window.pages["attendance"]
    return [row.value for row in window.office.attendance.grid(attendance.choice.current_session_id()).rows]


def test_a_burst_in_a_text_field_on_another_screen_is_one_swipe_and_typing_arrives_unchanged(
        qtbot, window, running):  # noqa: F811
    _, persons = running
    window.show_page("trainees")
    search = window.pages["trainees"].search_edit
    search.setFocus()
    qtbot.keyClicks(search, "li 32", delay=PERSON_MS)  # a person typing, digits too
    qtbot.waitUntil(lambda: search.text() == "li 32", timeout=WAIT)
    result = _swipe(qtbot, window, search, persons[1].id_number)
    assert result.recorded and search.text() == "li 32"  # nothing of the card in the field
    assert persons[1].name in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    assert [value is not None for value in _marks(window)] == [False, True, False, False, False]
    assert window.current_page_id() == "trainees"  # the clerk's work stays where it was
    # Other text typed fast (a password manager, a QR code) is typing, not a card.
    search.clear()
    qtbot.keyClicks(search, "Secret-Word9", delay=READER_MS)
    qtbot.keyClick(search, Qt.Key.Key_Return, delay=READER_MS)
    qtbot.waitUntil(lambda: search.text() == "Secret-Word9", timeout=WAIT)
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    assert [value is not None for value in _marks(window)] == [False, True, False, False, False]


def test_a_burst_in_a_results_grid_cell_is_one_swipe_and_leaves_the_cell_alone(qtbot, window, running):  # noqa: F811
    _, persons = running
    window.show_page("certificates")
    certificates = window.pages["certificates"]
    qtbot.waitUntil(lambda: certificates.current_code() == CODE and certificates.results.model.rowCount() == 5
                    and window.tasks.pending == 0, timeout=WAIT)
    view, model = certificates.results.view, certificates.results.model
    before = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(5)]
    index = model.index(0, THEORY)
    view.setCurrentIndex(index)
    view.setFocus()
    assert _swipe(qtbot, window, view, persons[2].id_number).recorded
    # With the cell's editor open, too (once the grid has been read again after the first swipe).
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    qtbot.wait(100)
    view.edit(model.index(1, THEORY))
    editor = view.findChild(QLineEdit)
    assert editor is not None
    editor.setFocus()
    shown = editor.text()
    assert _swipe(qtbot, window, editor, persons[3].id_number).recorded
    assert editor.text() == shown
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    assert [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(5)] == before
    assert [value is not None for value in _marks(window)] == [False, False, True, True, False]


def test_fifty_swipes_on_the_lock_screen_are_recorded_and_lock_nobody_out(qtbot, window, running):  # noqa: F811
    _, persons = running
    lock = window.idle_lock
    lock.lock()
    overlay = lock.overlay
    assert lock.locked and overlay.station_box.isVisible()
    assert CODE in overlay.station_heading.text() and "刷身份证" in overlay.station_heading.text()
    strangers = people(3, start=990_000)
    cards = [p.id_number for p in persons] + [s.id_number for s in strangers]
    answers = []
    for number in range(50):
        answers.append(_swipe(qtbot, window, overlay.password_edit, cards[number % len(cards)]))
        assert overlay.password_edit.text() == "" and overlay.error_label.text() == ""
    assert overlay.swipes_shown == 50 and lock.locked
    assert sum(a.recorded for a in answers) == 5  # each trainee signed in once; the rest repeats or strangers
    assert overlay.station_answer.text() and len(overlay.recent) == 5
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    assert all(value is not None and value.sign_in_at is not None for value in _marks(window))
    with window.office.db.reading() as session:
        user = session.scalar(select(AppUser).where(AppUser.username == "wang"))
        assert user.failed_logins == 0 and user.locked_until is None
    # The rest of the window stays locked: a click behind the lock does nothing.
    QTest.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert lock.locked and window.office.actor.signed_in and window.login_dialog is None
    # The teacher's password, typed by hand, unlocks.
    overlay.password_edit.setFocus()
    qtbot.keyClicks(overlay.password_edit, PASSWORD, delay=PERSON_MS // 2)
    qtbot.keyClick(overlay.password_edit, Qt.Key.Key_Return, delay=PERSON_MS // 2)
    qtbot.waitUntil(lambda: not lock.locked, timeout=WAIT)


@pytest.fixture
def field(qtbot, qapp):
    """A text field on its own with the filter installed, as the window installs it."""
    from desktop_app.gui.card_bursts import CardBurstFilter

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    bursts = CardBurstFilter()
    swipes: list[str] = []
    bursts.swiped.connect(swipes.append)
    bursts.start()
    yield edit, bursts, swipes
    bursts.stop()


def test_the_filter_takes_a_card_burst_and_hands_on_everything_else_in_order(qtbot, field):
    edit, bursts, swipes = field
    entered = []
    edit.returnPressed.connect(lambda: entered.append(edit.text()))
    qtbot.keyClicks(edit, "3205081985", delay=READER_MS)  # fast, but no Enter: typing after all
    qtbot.waitUntil(lambda: edit.text() == "3205081985", timeout=WAIT)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert entered == ["3205081985"] and swipes == []
    edit.clear()
    qtbot.keyClicks(edit, "12X", delay=READER_MS)  # too short for a card
    qtbot.keyClick(edit, Qt.Key.Key_Return, delay=READER_MS)
    assert edit.text() == "12X" and swipes == []
    edit.clear()
    qtbot.keyClicks(edit, "11010519491231002x", delay=READER_MS)  # a card, its X typed small
    qtbot.keyClick(edit, Qt.Key.Key_Return, delay=READER_MS)
    assert swipes == ["11010519491231002x"] and edit.text() == "" and entered == ["3205081985", "12X"]
    qtbot.keyClicks(edit, "ab", delay=READER_MS)  # held keys go out before an arrow key
    qtbot.keyClick(edit, Qt.Key.Key_Left)
    qtbot.keyClicks(edit, "c", delay=PERSON_MS)
    qtbot.waitUntil(lambda: edit.text() == "acb", timeout=WAIT)
    # A widget that reads a scanner itself (the certificate QR check) is left alone.
    edit.clear()
    edit.setProperty("takesScannerInput", True)
    qtbot.keyClicks(edit, "110105194912310029", delay=READER_MS)
    qtbot.keyClick(edit, Qt.Key.Key_Return, delay=READER_MS)
    assert edit.text() == "110105194912310029" and len(swipes) == 1
