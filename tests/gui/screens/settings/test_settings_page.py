"""The Accounts section of Settings, driven as an administrator would, and what makes it read again."""

from __future__ import annotations

import pytest

from desktop_app.domain.actors import Role
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.settings import SettingsPage
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.accounts import InstitutionProfile
from desktop_app.services.changes import Area, report_changes

PASSWORD = "correct horse 1"


@pytest.fixture
def admin_office(office):
    office.accounts.complete_first_run(InstitutionProfile(code="JS3205060001", name="姑苏职业培训学校"), "wang", "王校长",
                                       PASSWORD)
    office.accounts.sign_out()
    return office


@pytest.fixture
def settings_page(qtbot, admin_office, chinese):
    operations = Operations(TaskRunner())
    page = SettingsPage(admin_office, operations, language="zh", database="x.db", data_dir="/tmp", key_dir="/tmp/keys",
                        platform_url=None)
    qtbot.addWidget(page)
    # As the window does: every screen hears of every operation that changed something.
    operations.did_execute.connect(page.on_operation_did_execute)
    page.show()
    yield page, operations
    operations.tasks.wait_for_done()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=10_000)


def test_administrator_manages_accounts_in_settings(qtbot, settings_page, admin_office):
    page, _operations = settings_page
    accounts = page.accounts
    admin_office.accounts.sign_in("wang", PASSWORD)
    page.apply_permissions()  # the window does this whenever someone else signs in
    assert accounts.isVisible()
    qtbot.waitUntil(lambda: accounts.table.rowCount() == 1, timeout=10_000)
    accounts.add_user("li", "李文员", Role.CLERK, PASSWORD)
    qtbot.waitUntil(lambda: accounts.table.rowCount() == 2, timeout=10_000)
    assert [accounts.table.item(0, c).text() for c in range(4)] == ["li", "李文员", "文员", "正常"]  # by username
    accounts.change_role("li", Role.REGISTRAR)
    qtbot.waitUntil(lambda: accounts.table.item(0, 2).text() == "教务", timeout=10_000)
    accounts.reset_password("li", "another pass 2")
    qtbot.waitUntil(lambda: "新密码" in accounts.notice.text(), timeout=10_000)
    accounts.disable_user("li")
    qtbot.waitUntil(lambda: accounts.table.item(0, 3).text() == "已停用", timeout=10_000)
    accounts.add_user("zz", "", Role.CLERK, "short")
    qtbot.waitUntil(lambda: "至少需要 8 个字符" in accounts.notice.text(), timeout=10_000)
    assert accounts.select_user("wang") and accounts.selected_username() == "wang"


def test_accounts_section_is_hidden_from_other_roles_and_a_forged_call_is_refused(qtbot, settings_page, admin_office):
    page, _operations = settings_page
    admin_office.accounts.sign_in("wang", PASSWORD)
    admin_office.accounts.create_user("chen", PASSWORD, Role.CLERK, "陈文员")
    admin_office.accounts.sign_in("chen", PASSWORD)
    page.apply_permissions()
    assert not page.accounts.isVisible()
    page.accounts.add_user("forged", "伪造", Role.ADMINISTRATOR, PASSWORD)  # as if the hidden button were pressed
    qtbot.waitUntil(lambda: "没有“管理账号和角色”的权限" in page.accounts.notice.text(), timeout=10_000)
    assert "文员" in page.accounts.notice.text()


def test_accounts_are_read_again_after_an_operation_that_changed_accounts_and_not_after_others(
        qtbot, settings_page, admin_office):
    page, operations = settings_page
    admin_office.accounts.sign_in("wang", PASSWORD)
    page.apply_permissions()
    qtbot.waitUntil(lambda: page.accounts.table.rowCount() == 1, timeout=10_000)
    admin_office.accounts.create_user("li", PASSWORD, Role.CLERK, "李文员")  # behind the screen's back

    operations.run(None, lambda: report_changes(Area.ATTENDANCE))  # an operation on another screen
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=10_000)
    assert page.accounts.table.rowCount() == 1  # not its business: nothing was read

    operations.run(None, lambda: report_changes(Area.ACCOUNTS))
    qtbot.waitUntil(lambda: page.accounts.table.rowCount() == 2, timeout=10_000)
