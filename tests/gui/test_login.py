"""Login dialog, first-run wizard and idle lock, driven as a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QPushButton

from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME, Role
from desktop_app.gui.first_run import FirstRunWizard
from desktop_app.gui.login import IdleLock, LoginDialog, idle_minutes_from
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
def login(qtbot, admin_office, chinese):
    dialog = LoginDialog(admin_office)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_in(qtbot, dialog, username: str, password: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_wrong_password_is_said_in_the_dialog_which_stays_open(qtbot, login, admin_office):
    type_in(qtbot, login, "wang", "not the password")
    assert login.isVisible() and login.result() == 0
    assert login.error_label.isVisible() and "账号或密码不正确" in login.error_label.text()
    assert login.password_edit.text() == "" and not admin_office.actor.signed_in


def test_empty_password_is_asked_for(qtbot, login):
    type_in(qtbot, login, "wang", "")
    assert "请输入密码" in login.error_label.text() and login.isVisible()


def test_lockout_is_said_with_the_time_it_ends(qtbot, login):
    for _ in range(accounts.MAX_FAILED_LOGINS):
        type_in(qtbot, login, "wang", "not the password")
    assert "已被锁定" in login.error_label.text() and "Traceback" not in login.error_label.text()
    type_in(qtbot, login, "wang", PASSWORD)
    assert "已被锁定" in login.error_label.text() and login.isVisible()


def test_right_password_signs_in_and_closes(qtbot, login, admin_office):
    type_in(qtbot, login, "wang", PASSWORD)
    assert login.result() == LoginDialog.DialogCode.Accepted and not login.isVisible()
    assert admin_office.actor.username == "wang" and admin_office.actor.role is Role.ADMINISTRATOR


def test_first_run_wizard_records_the_institution_and_the_administrator(qtbot, office, chinese):
    wizard = FirstRunWizard(office)
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
    assert wizard.currentPage() is admin and "至少需要 8 个字符" in admin.error_label.text()
    admin.password_edit.setText(PASSWORD)
    admin.repeat_edit.setText(PASSWORD + "x")
    wizard.next()
    assert wizard.currentPage() is admin and admin.error_label.isVisible()
    assert office.accounts.first_run_needed()
    admin.repeat_edit.setText(PASSWORD)
    wizard.next()
    assert wizard.currentPage() is wizard.done_page and "wang" in wizard.done_page.summary.text()
    assert not office.accounts.first_run_needed()
    assert office.actor.username == "wang" and office.actor.is_administrator
    assert accounts.authenticate(office.db, "wang", PASSWORD).display_name == "王校长"
    with pytest.raises(accounts.SignInError):
        accounts.authenticate(office.db, LOCAL_ADMIN_USERNAME, PASSWORD)


@pytest.fixture
def locked_window(qtbot, admin_office, chinese):
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
    lock = IdleLock(window, admin_office, interval_ms=150)
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
    assert lock.locked and "账号或密码不正确" in overlay.error_label.text()
    overlay.password_edit.setText(PASSWORD)
    qtbot.mouseClick(overlay.unlock_button, Qt.MouseButton.LeftButton)
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
    assert idle_minutes_from({}) == 10
    assert idle_minutes_from({"idle_lock_minutes": 3}) == 3
    assert idle_minutes_from({"idle_lock_minutes": "x"}) == 10
    assert idle_minutes_from({"idle_lock_minutes": 0}) == 10


def test_start_session_asks_for_the_password_then_arms_the_idle_lock(qtbot, qapp, admin_office, settings, chinese):
    """The composition root's start-up: login dialog (modal), then the idle lock with the stored period."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import start_session
    from desktop_app.config import save_preference
    from desktop_app.gui.main_window import MainWindow

    save_preference(settings, "idle_lock_minutes", 7)
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
    finally:
        window.idle_lock.stop()
        window.tasks.wait_for_done()
        qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=20_000)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
