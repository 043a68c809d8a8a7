"""Role-aware actions: each page disables what the signed-in role may not do and says why in the
tooltip; the status bar names the person and signs out / switches user through the login dialog."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from desktop_app.domain.actors import SIGNED_OUT, Actor, Role
from desktop_app.domain.permissions import Permission
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.login import LoginDialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.permissions import apply_permission, refusal_text
from desktop_app.services.accounts import InstitutionProfile
from desktop_app.services.office import Office, OfficeContext

PASSWORD = "correct horse 1"
WAIT = 20_000

TEACHER_MAY_NOT_ISSUE = "您的角色（教师）没有“发放、作废和补发证书”的权限"
TEACHER_MAY_NOT_ENROL = "您的角色（教师）没有“录入和导入学员”的权限"
TEACHER_MAY_NOT_SEAL = "您的角色（教师）没有“封存班级数据”的权限"


@pytest.fixture
def accounts_office(demo_office):
    """The demo institution after the first run: an administrator, a teacher, an auditor, a clerk."""
    demo_office.accounts.complete_first_run(InstitutionProfile(code="JS3205060001", name="苏州市吴中区金桥职业技能培训学校（演示）"),
                                            "wang", "王校长", PASSWORD)
    for username, role, name in (("zhang", Role.TEACHER, "张老师"), ("sun", Role.AUDITOR, "孙审计"),
                                 ("li", Role.CLERK, "李文员")):
        demo_office.accounts.create_user(username, PASSWORD, role, name)
    # A 教师 account sees only the classes it teaches: 张老师 teaches every demo class here, so the
    # pages below show the teacher each class with what the role may not do there.
    demo_office.teachers.add("张老师", username="zhang")
    for row in demo_office.classes.list():
        demo_office.teachers.assign(row.code, "张老师")
    demo_office.accounts.sign_out()
    return demo_office


@pytest.fixture
def window_as(qtbot, qapp, accounts_office, settings):
    """`window_as("zhang")`: the main window, in Chinese, with that person signed in first (as at start-up)."""
    windows = []

    def build(username: str | None) -> MainWindow:
        install_translators(qapp, "zh")
        window = MainWindow(accounts_office, settings)
        if username is not None:
            accounts_office.accounts.sign_in(username, PASSWORD)
        window.resize(1280, 860)
        window.show()
        windows.append(window)
        qtbot.waitUntil(lambda: window.tasks.pending == 0 and window.pages["classes"].model.rowCount() > 0,
                        timeout=WAIT)
        return window

    yield build
    for window in windows:
        if window.login_dialog is not None:
            window.login_dialog.done(LoginDialog.DialogCode.Accepted)  # closes without quitting
        window.tasks.wait_for_done()
        qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")


def select(qtbot, page, class_code: str) -> None:
    with qtbot.waitSignal(page.detail.loaded, timeout=WAIT, check_params_cb=lambda loaded: loaded == class_code):
        assert page.select_class(class_code)


def show_certificates_of(qtbot, window, class_code: str):
    window.show_page("certificates")
    page = window.pages["certificates"]
    qtbot.waitUntil(lambda: page.class_combo.count() > 0, timeout=WAIT)
    with qtbot.waitSignal(page.issuing.loaded, timeout=WAIT):
        assert page.select_class(class_code)
    return page


# --- the helper ---------------------------------------------------------------------------------


def test_apply_permission_disables_with_the_reason_and_gives_the_tooltip_back(qtbot, chinese):
    button = QPushButton("发证")
    qtbot.addWidget(button)
    button.setToolTip("给合格学员发证")
    teacher = Actor(user_id=7, username="zhang", display_name="张老师", role=Role.TEACHER)
    clerk = Actor(user_id=8, username="li", display_name="李文员", role=Role.CLERK)
    assert not apply_permission(button, teacher, Permission.ISSUE_CERTIFICATES)
    assert not button.isEnabled() and button.toolTip() == TEACHER_MAY_NOT_ISSUE
    assert apply_permission(button, clerk, Permission.ISSUE_CERTIFICATES)
    assert button.isEnabled() and button.toolTip() == ""  # the refusal goes with the role
    assert apply_permission(button, clerk, Permission.ISSUE_CERTIFICATES, enabled=False, tooltip="先选择班级")
    assert not button.isEnabled() and button.toolTip() == "先选择班级"  # the page's own state still counts
    action = QAction("导出")
    assert not apply_permission(action, SIGNED_OUT, Permission.EXPORT_AUDIT, hide=True)
    assert not action.isVisible() and "请先登录" in action.toolTip()
    assert refusal_text(teacher, Permission.SEAL_BATCHES) == TEACHER_MAY_NOT_SEAL


def test_refusals_follow_the_interface_language(qapp):
    install_translators(qapp, "en")
    try:
        teacher = Actor(user_id=7, username="zhang", display_name="张老师", role=Role.TEACHER)
        from desktop_app import messages

        messages.set_language("en")
        assert refusal_text(teacher, Permission.ISSUE_CERTIFICATES) == \
            "Your role (Teacher) does not allow you to issue, void or reissue certificates."
    finally:
        install_translators(qapp, "zh")


# --- what each role sees ------------------------------------------------------------------------


def test_a_teacher_sees_issuing_importing_and_sealing_disabled_and_why(qtbot, window_as, code):
    window = window_as("zhang")
    classes = window.pages["classes"]
    select(qtbot, classes, code("JZ01"))  # in training: would take enrolments
    assert not classes.roster_files.import_button.isEnabled() and classes.roster_files.import_button.toolTip() == TEACHER_MAY_NOT_ENROL
    assert not classes.new_button.isEnabled() and "教师" in classes.new_button.toolTip()
    assert not classes.detail.edit_button.isEnabled()
    assert all(not button.isEnabled() for button in classes.detail.status_actions.status_buttons.values())
    select(qtbot, classes, code("YL01"))  # completed: ready to seal
    seal = classes.detail.status_actions.seal_button
    assert seal.isVisible() and not seal.isEnabled() and seal.toolTip() == TEACHER_MAY_NOT_SEAL

    certificates = show_certificates_of(qtbot, window, code("YL01"))
    issue_button = certificates.issuing.issue_button
    assert not issue_button.isEnabled() and issue_button.toolTip() == TEACHER_MAY_NOT_ISSUE
    assert not certificates.results.import_button.isEnabled() and certificates.results.model.read_only

    window.show_page("attendance")  # marking stays open: the service refuses classes not theirs
    attendance = window.pages["attendance"]
    qtbot.waitUntil(lambda: attendance.current_code() is not None and window.tasks.pending == 0, timeout=WAIT)
    assert attendance.files.import_button.isEnabled()
    assert attendance.reader.swipe_edit.isEnabled() == (attendance.grid is not None)

    window.show_page("audit")
    audit = window.pages["audit"]
    assert audit.no_access.isVisible() and "查看审计日志" in audit.no_access.text()
    assert not audit.content.isVisible() and not audit.export_button.isEnabled()
    assert window.user_status.text() == "当前用户：\n张老师（教师）"


def test_an_auditor_may_export_the_audit_log_but_not_edit_classes(qtbot, window_as, code):
    window = window_as("sun")
    window.show_page("audit")
    audit = window.pages["audit"]
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0 and window.tasks.pending == 0, timeout=WAIT)
    assert audit.content.isVisible() and not audit.no_access.isVisible()
    assert audit.export_button.isEnabled() and "没有" not in audit.export_button.toolTip()

    window.show_page("classes")
    classes = window.pages["classes"]
    select(qtbot, classes, code("JZ01"))
    edit = classes.detail.edit_button
    assert not edit.isEnabled() and edit.toolTip() == "您的角色（审计）没有“开班、排课和修改班级”的权限"
    assert not classes.new_button.isEnabled() and not classes.roster_files.import_button.isEnabled()
    assert not classes.roster_files.export_button.isEnabled()  # the roster file holds full numbers
    classes.detail.edit_class()  # a double-click in the list opens nothing either
    assert classes.detail.active_dialog is None


def test_a_clerk_may_issue_but_not_mark_attendance(qtbot, window_as, code):
    window = window_as("li")
    certificates = show_certificates_of(qtbot, window, code("YL01"))
    assert "没有" not in certificates.issuing.issue_button.toolTip()
    assert not certificates.results.model.read_only
    window.show_page("attendance")
    attendance = window.pages["attendance"]
    qtbot.waitUntil(lambda: attendance.current_code() is not None and window.tasks.pending == 0, timeout=WAIT)
    assert not attendance.files.import_button.isEnabled() and not attendance.reader.swipe_edit.isEnabled()
    assert attendance.files.import_button.toolTip() == "您的角色（文员）没有“记录考勤”的权限"
    window.show_page("settings")
    assert not window.pages["settings"].accounts.isVisible()


def test_on_the_upload_page_a_teacher_may_neither_upload_nor_register(qtbot, window_as):
    window = window_as("zhang")
    window.show_page("sync")
    sync = window.pages["sync"]
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    assert not sync.upload_button.isEnabled() and not sync.registration_bar.register_button.isEnabled()
    assert sync.upload_button.toolTip() == "您的角色（教师）没有“上传数据到省平台”的权限"
    assert not sync.receipt_button.isEnabled()


# --- signing out and switching user ---------------------------------------------------------------


def sign_in_through(qtbot, dialog: LoginDialog, username: str, password: str = PASSWORD) -> None:
    """Type and press 登录; return once the answer has arrived (the check runs off the UI thread)."""
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    # A right password closes the dialog, which the window then deletes.
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.checking, timeout=WAIT)


def test_sign_out_brings_back_the_login_dialog_and_nothing_is_offered_meanwhile(qtbot, window_as, accounts_office):
    window = window_as("zhang")
    assert window.sign_out_button.isVisible() and window.sign_out_button.text() == "退出登录 / 切换用户…"
    qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    dialog = window.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible() and dialog.isModal()
    assert not accounts_office.actor.signed_in
    assert not window.centralWidget().isVisible()  # the previous person's screens are not left on show
    assert window.user_status.text() == "未登录"
    classes = window.pages["classes"]
    assert not classes.new_button.isEnabled() and "请先登录" in classes.new_button.toolTip()
    sign_in_through(qtbot, dialog, "zhang", "not the password")
    assert dialog.isVisible() and "账号或密码不正确" in dialog.error_label.text()
    sign_in_through(qtbot, dialog, "zhang")
    assert not (shiboken6.isValid(dialog) and dialog.isVisible()) and window.login_dialog is None
    assert accounts_office.actor.username == "zhang" and window.centralWidget().isVisible()


def test_quitting_the_login_dialog_closes_the_window(qtbot, window_as):
    window = window_as("zhang")
    window.sign_out_button.click()
    window.login_dialog.reject()  # "退出", as at start-up
    assert not window.isVisible()


def test_switching_user_applies_the_new_role_everywhere(qtbot, window_as, accounts_office, code):
    window = window_as("zhang")
    classes = window.pages["classes"]
    select(qtbot, classes, code("JZ01"))
    assert not classes.roster_files.import_button.isEnabled()
    changed = []
    window.actor_changed.connect(changed.append)
    window.sign_out_button.click()
    sign_in_through(qtbot, window.login_dialog, "wang")
    assert [actor.username for actor in changed] == ["", "wang"]
    assert window.user_status.text() == "当前用户：\n王校长（管理员）"
    assert classes.roster_files.import_button.isEnabled() and "没有" not in classes.roster_files.import_button.toolTip()
    assert classes.new_button.isEnabled() and classes.new_button.toolTip() == ""
    assert classes.detail.edit_button.isEnabled()
    window.show_page("settings")
    settings_page = window.pages["settings"]
    assert settings_page.accounts.isVisible()  # accounts: administrators only
    qtbot.waitUntil(lambda: settings_page.accounts.table.rowCount() == 4, timeout=WAIT)

    window.sign_out_button.click()  # … and back to a role with less
    sign_in_through(qtbot, window.login_dialog, "sun")
    assert not settings_page.accounts.isVisible() and settings_page.accounts.table.rowCount() == 0
    assert not settings_page.platform.save_button.isEnabled()
    assert not classes.roster_files.import_button.isEnabled() and "审计" in classes.roster_files.import_button.toolTip()


def test_numbers_revealed_by_the_previous_person_are_masked_for_the_next(qtbot, window_as):
    window = window_as("wang")
    window.show_page("trainees")
    page = window.pages["trainees"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and window.tasks.pending == 0, timeout=WAIT)
    with qtbot.waitSignal(page.detail.loaded, timeout=WAIT):
        page.table.selectRow(0)
    detail = page.detail
    detail.ask_reveal("id_number")
    detail.purpose_dialog.reason_combo.setEditText("核对身份")
    with qtbot.waitSignal(detail.revealed, timeout=WAIT):
        detail.purpose_dialog.ok_button.click()
    assert "*" not in detail.fact_values["id_number"].text()
    window.sign_out_button.click()
    sign_in_through(qtbot, window.login_dialog, "zhang")
    assert detail.revealed_values == {} and "*" in detail.fact_values["id_number"].text()
    button = detail.reveal_buttons["id_number"]
    assert not button.isEnabled() and button.toolTip() == "您的角色（教师）没有“查看完整的个人信息”的权限"


def test_signing_in_after_the_window_is_built_applies_that_role_when_it_shows(qtbot, qapp, accounts_office, settings,
                                                                              chinese):
    """Start-up builds the window signed out, then the login dialog signs in, then the window shows."""
    window = MainWindow(accounts_office, settings)
    try:
        assert not window.pages["classes"].new_button.isEnabled()
        accounts_office.accounts.sign_in("wang", PASSWORD)
        window.show()
        assert window.pages["classes"].new_button.isEnabled()
        assert window.user_status.text() == "当前用户：\n王校长（管理员）"
    finally:
        window.tasks.wait_for_done()
        qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_before_the_first_run_there_is_nobody_to_sign_out(demo_window):
    assert not demo_window.sign_out_button.isVisible() and not demo_window.user_status.isVisible()


def test_an_account_disabled_at_another_computer_is_asked_to_sign_in_again_saying_why(
        qtbot, window_as, accounts_office, code):
    window = window_as("zhang")
    administrator = Office(OfficeContext(accounts_office.opened, actor=SIGNED_OUT))  # the same database, another PC
    administrator.accounts.sign_in("wang", PASSWORD)
    administrator.accounts.deactivate("zhang")
    session_id = accounts_office.attendance.sessions(code("JZ01"))[0].id
    failures = []
    window.operations.run(window.pages["attendance"], lambda: accounts_office.attendance.mark_all_present(session_id),
                          failure=failures.append)
    qtbot.waitUntil(lambda: window.login_dialog is not None, timeout=WAIT)
    dialog = window.login_dialog
    assert dialog.isVisible() and "已被管理员停用" in dialog.error_label.text()
    assert "Traceback" not in dialog.error_label.text()
    assert not accounts_office.actor.signed_in and not window.centralWidget().isVisible()
    assert window.user_status.text() == "未登录"
    assert [type(error).__name__ for error in failures] == ["SessionEnded"]  # the page was told too
    sign_in_through(qtbot, dialog, "zhang")  # the disabled account cannot come back…
    assert dialog.isVisible() and "账号或密码不正确" in dialog.error_label.text()
    sign_in_through(qtbot, dialog, "wang")  # …someone else can
    assert window.login_dialog is None and accounts_office.actor.username == "wang"
