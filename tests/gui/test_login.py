"""Login dialog, first-run wizard and idle lock, driven as a person would."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import time_machine
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QPushButton

from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME, Role
from desktop_app.gui.first_run import FirstRunWizard
from desktop_app.gui.login import IdleLock, LoginDialog
from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import TaskRunner
from desktop_app.preferences import Preferences
from desktop_app.services import accounts
from desktop_app.services.accounts import InstitutionProfile

PASSWORD = "correct horse 1"


@pytest.fixture
def admin_office(office):
    office.accounts.complete_first_run(InstitutionProfile(code="JS3205060001", name="姑苏职业培训学校"), "wang", "王校长",
                                       PASSWORD)
    office.accounts.sign_out()
    return office


@pytest.fixture
def operations(qtbot, qapp):
    """The window's operations helper, on its own task runner."""
    tasks = TaskRunner()
    yield Operations(tasks)
    tasks.wait_for_done()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


@pytest.fixture
def login(qtbot, admin_office, operations, chinese):
    dialog = LoginDialog(admin_office, operations)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_in(qtbot, dialog, username: str, password: str) -> None:
    """Type and press 签名 (Sign in); return once the answer has arrived (the check runs off the UI thread)."""
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)


def test_wrong_password_is_said_in_the_dialog_which_stays_open(qtbot, login, admin_office):
    type_in(qtbot, login, "wang", "not the password")
    assert login.isVisible() and login.result() == 0
    assert login.error_label.isVisible() and "账号或密码不正确" in login.error_label.text()
    assert login.password_edit.text() == "" and not admin_office.actor.signed_in


def test_empty_password_is_asked_for(qtbot, login):
    type_in(qtbot, login, "wang", "")
    assert "请输入密码" in login.error_label.text() and login.isVisible()


def test_repeated_wrong_passwords_say_how_long_to_wait(qtbot, login):
    with time_machine.travel(datetime(2026, 12, 2, 4, 0, tzinfo=timezone.utc), tick=True) as clock:
        for _ in range(accounts.FREE_ATTEMPTS + 6):
            clock.shift(61)  # each attempt after the wait it was told: every one is counted
            type_in(qtbot, login, "wang", "not the password")
        assert "请等 32 秒后再试" in login.error_label.text() and "Traceback" not in login.error_label.text()
        type_in(qtbot, login, "wang", PASSWORD)  # at once: still waiting, not tried
    assert "秒后再试" in login.error_label.text() and login.isVisible()


def test_right_password_signs_in_and_closes(qtbot, login, admin_office):
    type_in(qtbot, login, "wang", PASSWORD)
    assert login.result() == LoginDialog.DialogCode.Accepted and not login.isVisible()
    assert admin_office.actor.username == "wang" and admin_office.actor.role is Role.ADMINISTRATOR


def test_first_run_wizard_records_the_institution_and_the_administrator(qtbot, office, operations, chinese):
    wizard = FirstRunWizard(office, operations)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.institution_page
    page.fields["code"][1].setText("JS3205060001")
    wizard.next()
    assert wizard.currentPage() is page and "机构名称" in page.error_label.text()  # name missing
    page.fields["name"][1].setText("姑苏职业培训学校")
    page.fields["credit_code"][1].setText("123")
    wizard.next()
    assert wizard.currentPage() is page and "统一社会信用代码" in page.error_label.text()
    page.fields["credit_code"][1].setText("12320508MB1234567X")
    wizard.next()
    admin = wizard.administrator_page
    assert wizard.currentPage() is admin
    admin.username_edit.setText("wang")
    admin.name_edit.setText("王校长")
    admin.password_edit.setText("short")
    admin.repeat_edit.setText("short")
    wizard.next()
    qtbot.waitUntil(lambda: not admin.busy, timeout=10_000)  # the account is created off the UI thread
    assert wizard.currentPage() is admin and "至少需要 8 个字符" in admin.error_label.text()
    admin.password_edit.setText(PASSWORD)
    admin.repeat_edit.setText(PASSWORD + "x")
    wizard.next()
    assert wizard.currentPage() is admin and admin.error_label.isVisible()
    assert office.accounts.first_run_needed()
    admin.repeat_edit.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    assert wizard.currentPage() is wizard.done_page and "wang" in wizard.done_page.summary.text()
    back = wizard.button(wizard.WizardButton.BackButton)
    assert not (back.isVisible() and back.isEnabled())  # the account exists: no going back to change it
    assert not office.accounts.first_run_needed()
    assert office.actor.username == "wang" and office.actor.is_administrator
    assert accounts.authenticate(office.db, "wang", PASSWORD).display_name == "王校长"
    with pytest.raises(accounts.SignInError):
        accounts.authenticate(office.db, LOCAL_ADMIN_USERNAME, PASSWORD)


@pytest.fixture
def locked_window(qtbot, admin_office, operations, chinese):
    admin_office.accounts.sign_in("wang", PASSWORD)
    window = QMainWindow()
    button = QPushButton("work")
    window.clicks = 0

    def clicked():
        window.clicks += 1

    button.clicked.connect(clicked)
    window.setCentralWidget(button)
    window.button = button
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, admin_office, operations, interval_ms=150)
    yield window, lock
    lock.stop()


def test_idle_lock_covers_the_window_and_swallows_input_until_the_same_password(qtbot, locked_window):
    window, lock = locked_window
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    overlay = lock.overlay
    assert overlay.geometry() == window.rect() and "王校长" in overlay.who.text()
    QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == 0  # behind the lock nothing reacts
    overlay.password_edit.setText("not the password")
    qtbot.mouseClick(overlay.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not overlay.checking, timeout=10_000)
    assert lock.locked and "账号或密码不正确" in overlay.error_label.text()
    overlay.password_edit.setText(PASSWORD)
    qtbot.mouseClick(overlay.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not overlay.checking, timeout=10_000)
    assert not lock.locked
    QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == 1
    # ... and it locks again after the next quiet period.
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)


def test_input_keeps_the_idle_lock_away(qtbot, locked_window):
    window, lock = locked_window
    lock.set_interval(400)
    for _ in range(6):
        QTest.mouseMove(window.button)
        QTest.keyClick(window.button, Qt.Key.Key_Shift)
        qtbot.wait(100)  # input at a steady pace, each well inside the idle period
        assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)


def test_idle_minutes_come_from_settings_with_a_default_of_ten():
    def idle_minutes_from(stored):
        return Preferences.from_stored(stored).idle_lock_minutes

    assert idle_minutes_from({}) == 10
    assert idle_minutes_from({"idle_lock_minutes": 3}) == 3
    assert idle_minutes_from({"idle_lock_minutes": "x"}) == 10
    assert idle_minutes_from({"idle_lock_minutes": 0}) == 10


def test_start_session_asks_for_the_password_then_arms_the_idle_lock(qtbot, qapp, admin_office, settings, chinese):
    """The composition root's start-up: login dialog (modal), then the idle lock with the stored period."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import start_session
    from desktop_app.gui.main_window import MainWindow

    Preferences.update(settings.settings_file, idle_lock_minutes=7)
    window = MainWindow(admin_office, settings)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.username_edit.setText("wang")
        dialog.password_edit.setText(PASSWORD)
        dialog.try_sign_in()

    QTimer.singleShot(0, answer)
    try:
        assert start_session(window, settings)
        assert admin_office.actor.username == "wang"
        assert window.idle_lock.timer.interval() == 7 * 60_000
        assert window.pages["settings"].general.idle_spin.value() == 7
        window.pages["settings"].general.idle_spin.setValue(3)
        assert window.idle_lock.timer.interval() == 3 * 60_000
        assert Preferences.load(settings.settings_file).idle_lock_minutes == 3
        assert window.card_bursts is not None  # and card readers are recognised from now on
    finally:
        if window.card_bursts is not None:
            window.card_bursts.stop()
        window.idle_lock.stop()
        window.tasks.wait_for_done()
        qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=20_000)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# --- checking off the UI thread -------------------------------------------------------------------


def slowed(monkeypatch, part, name: str, seconds: float, *, error: BaseException | None = None):
    """Make `part.<name>` take `seconds` on the worker (a slow scrypt, a distant PostgreSQL), then
    answer as usual, or raise `error`. Returns the thread idents it ran on."""
    import threading
    import time

    original = getattr(part, name)
    threads = []

    def slow(*args, **kwargs):
        threads.append(threading.get_ident())
        time.sleep(seconds)
        if error is not None:
            raise error
        return original(*args, **kwargs)

    monkeypatch.setattr(part, name, slow)
    return threads


def test_the_event_loop_keeps_turning_while_a_slow_sign_in_is_checked_at_start_up(
        qtbot, qapp, admin_office, operations, monkeypatch, chinese):
    """Start-up has no window yet: the dialog's own event loop runs while the pool checks."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.login import sign_in_at_start

    threads = slowed(monkeypatch, admin_office.accounts, "sign_in", 0.8)
    ticks = {"count": 0, "while_checking": 0}
    seen = {}

    def tick() -> None:
        ticks["count"] += 1
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog) and dialog.checking:
            ticks["while_checking"] += 1
            seen["buttons_enabled"] = dialog.sign_in_button.isEnabled()
            seen["busy_text"] = dialog.error_label.text()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.username_edit.setText("wang")
        dialog.password_edit.setText(PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    try:
        assert sign_in_at_start(admin_office, operations)
    finally:
        timer.stop()
    assert admin_office.actor.username == "wang"
    assert threads and threads[0] != threading.get_ident()  # checked on a pool thread
    assert ticks["while_checking"] > 20  # ~80 ticks of 10 ms fit in 0.8 s; a frozen loop gives 0
    assert seen["buttons_enabled"] is False and "正在核对" in seen["busy_text"]


def test_a_slow_check_in_the_dialog_leaves_the_application_responsive(qtbot, login, admin_office, monkeypatch):
    slowed(monkeypatch, admin_office.accounts, "sign_in", 0.5)
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(login.checking))
    timer.start(10)
    login.username_edit.setText("wang")
    login.password_edit.setText(PASSWORD)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    assert login.checking and not login.sign_in_button.isEnabled() and not login.password_edit.isEnabled()
    login.reject()  # Escape while checking: the dialog waits for the answer
    assert login.isVisible()
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)  # a second press does nothing
    qtbot.waitUntil(lambda: not login.isVisible(), timeout=10_000)
    timer.stop()
    assert login.result() == LoginDialog.DialogCode.Accepted
    assert sum(ticks) > 10  # the loop turned while the password was being checked


def test_a_programming_error_in_sign_in_is_logged_and_said_as_such_not_as_a_wrong_password(
        qtbot, login, admin_office, monkeypatch, caplog):
    import logging

    slowed(monkeypatch, admin_office.accounts, "sign_in", 0, error=AttributeError("'NoneType' object has no attribute 'salt'"))
    with caplog.at_level(logging.ERROR):
        type_in(qtbot, login, "wang", PASSWORD)
    text = login.error_label.text()
    assert login.isVisible() and "意外错误" in text
    assert "账号或密码不正确" not in text and "NoneType" not in text and "Traceback" not in text
    failures = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert failures and failures[0].exc_info and failures[0].exc_info[0] is AttributeError  # with its traceback


def test_a_programming_error_while_unlocking_is_logged_and_said_as_such(qtbot, locked_window, admin_office,
                                                                       monkeypatch, caplog):
    import logging

    window, lock = locked_window
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    slowed(monkeypatch, admin_office.accounts, "unlock", 0, error=KeyError("role"))
    overlay = lock.overlay
    overlay.password_edit.setText(PASSWORD)
    with caplog.at_level(logging.ERROR):
        qtbot.mouseClick(overlay.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not overlay.checking, timeout=10_000)
    assert lock.locked and "意外错误" in overlay.error_label.text()
    assert any(record.exc_info and record.exc_info[0] is KeyError for record in caplog.records)


def test_a_programming_error_creating_the_administrator_is_logged_and_said_as_such(
        qtbot, office, operations, monkeypatch, caplog, chinese):
    import logging

    wizard = FirstRunWizard(office, operations)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.institution_page
    page.fields["code"][1].setText("JS3205060001")
    page.fields["name"][1].setText("姑苏职业培训学校")
    wizard.next()
    admin = wizard.administrator_page
    admin.username_edit.setText("wang")
    admin.password_edit.setText(PASSWORD)
    admin.repeat_edit.setText(PASSWORD)
    slowed(monkeypatch, office.accounts, "complete_first_run", 0.3, error=TypeError("unexpected keyword"))
    with caplog.at_level(logging.ERROR):
        wizard.next()
        assert admin.busy and not wizard.button(wizard.WizardButton.NextButton).isEnabled()
        assert not wizard.button(wizard.WizardButton.BackButton).isEnabled()
        qtbot.waitUntil(lambda: not admin.busy, timeout=10_000)
    assert wizard.currentPage() is admin and "意外错误" in admin.error_label.text()
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    assert any(record.exc_info and record.exc_info[0] is TypeError for record in caplog.records)
    assert office.accounts.first_run_needed()
