"""Login dialog, first-run wizard, idle lock and the Accounts section of Settings, driven as a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow, QPushButton

from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME, Role
from desktop_app.gui.first_run import FirstRunWizard
from desktop_app.gui.login import IdleLock, LoginDialog, idle_minutes_from
from desktop_app.gui.pages.settings import SettingsPage
from desktop_app.gui.tasks import TaskRunner
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


@pytest.fixture
def settings_page(qtbot, admin_office, chinese):
    page = SettingsPage(language="zh", database="x.db", data_dir="/tmp", key_dir="/tmp/keys", platform_url=None)
    qtbot.addWidget(page)
    tasks = TaskRunner(page)
    page.show()
    yield page, tasks
    tasks.wait_for_done()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


def test_administrator_manages_accounts_in_settings(qtbot, settings_page, admin_office):
    page, tasks = settings_page
    admin_office.accounts.sign_in("wang", PASSWORD)
    page.attach_accounts(admin_office, tasks)
    assert page.users_box.isVisible()
    qtbot.waitUntil(lambda: page.users_table.rowCount() == 1, timeout=10_000)
    page.add_user("li", "李文员", Role.CLERK, PASSWORD)
    qtbot.waitUntil(lambda: page.users_table.rowCount() == 2, timeout=10_000)
    assert [page.users_table.item(0, c).text() for c in range(4)] == ["li", "李文员", "文员", "正常"]  # by username
    page.change_role("li", Role.REGISTRAR)
    qtbot.waitUntil(lambda: page.users_table.item(0, 2).text() == "教务", timeout=10_000)
    page.reset_password("li", "another pass 2")
    qtbot.waitUntil(lambda: "新密码" in page.users_notice.text(), timeout=10_000)
    page.disable_user("li")
    qtbot.waitUntil(lambda: page.users_table.item(0, 3).text() == "已停用", timeout=10_000)
    page.add_user("zz", "", Role.CLERK, "short")
    qtbot.waitUntil(lambda: "至少需要 8 个字符" in page.users_notice.text(), timeout=10_000)
    assert page.select_user("wang") and page.selected_username() == "wang"


def test_accounts_section_is_hidden_from_other_roles_and_a_forged_call_is_refused(qtbot, settings_page, admin_office):
    page, tasks = settings_page
    admin_office.accounts.sign_in("wang", PASSWORD)
    admin_office.accounts.create_user("chen", PASSWORD, Role.CLERK, "陈文员")
    admin_office.accounts.sign_in("chen", PASSWORD)
    page.attach_accounts(admin_office, tasks)
    assert not page.users_box.isVisible()
    page.add_user("forged", "伪造", Role.ADMINISTRATOR, PASSWORD)  # as if the hidden button were pressed
    qtbot.waitUntil(lambda: "没有“管理账号和角色”的权限" in page.users_notice.text(), timeout=10_000)
    assert "文员" in page.users_notice.text()


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
        assert window.pages["settings"].idle_spin.value() == 7
        window.pages["settings"].idle_spin.setValue(3)
        assert window.idle_lock.timer.interval() == 3 * 60_000
    finally:
        window.idle_lock.stop()
        window.tasks.wait_for_done()
        qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=20_000)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
