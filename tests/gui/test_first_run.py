"""The first-run wizard: the institution code's rule with its example, a database that already
holds an institution shown filled in, and no 取消 once the administrator's account exists."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from desktop_app.domain.institution import InstitutionFields
from desktop_app.gui.first_run import FirstRunWizard
from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import TaskRunner

PASSWORD = "correct horse 1"
WAIT = 10_000


@pytest.fixture
def operations():
    operations = Operations(TaskRunner())
    yield operations
    operations.tasks.wait_for_done()


def open_wizard(qtbot, office, operations) -> FirstRunWizard:
    wizard = FirstRunWizard(office, operations)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=WAIT)
    return wizard


def test_a_code_with_lower_case_or_a_space_is_refused_naming_the_rule(qtbot, office, operations, chinese):
    wizard = open_wizard(qtbot, office, operations)
    page = wizard.institution_page
    code = page.fields["code"][1]
    assert "JS3205060001" in code.placeholderText()
    code.setFocus()
    qtbot.keyClicks(code, "wz 001", delay=20)
    page.fields["name"][1].setText("温州职业技能培训学校")
    wizard.next()
    assert wizard.currentPage() is page and "大写英文字母和数字" in page.error_label.text()
    code.selectAll()
    qtbot.keyClicks(code, "WZ001", delay=20)
    wizard.next()
    assert wizard.currentPage() is wizard.administrator_page


def test_the_wizard_starts_from_the_institution_already_recorded(qtbot, office, operations, chinese):
    # Set up from the command line before anyone signed in (the built-in administrator).
    office.institution.update(InstitutionFields(code="JS3205060001", name="苏州市姑苏区职业培训学校",
                                                address="苏州市姑苏区人民路 1 号"))
    wizard = open_wizard(qtbot, office, operations)
    page = wizard.institution_page
    assert page.fields["code"][1].text() == "JS3205060001"
    assert page.fields["name"][1].text() == "苏州市姑苏区职业培训学校"
    assert page.fields["address"][1].text() == "苏州市姑苏区人民路 1 号"


def test_once_the_account_exists_there_is_no_cancel_and_escape_finishes(qtbot, office, operations, chinese):
    wizard = open_wizard(qtbot, office, operations)
    page = wizard.institution_page
    page.fields["code"][1].setText("JS3205060001")
    page.fields["name"][1].setText("姑苏职业培训学校")
    wizard.next()
    admin = wizard.administrator_page
    assert wizard.button(QWizard.WizardButton.CancelButton).isVisible()  # nothing made yet: may stop
    admin.username_edit.setText("wang")
    admin.password_edit.setText(PASSWORD)
    admin.repeat_edit.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=WAIT)
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    wizard.reject()  # Escape
    assert wizard.result() == QWizard.DialogCode.Accepted and office.actor.username == "wang"
    assert office.institution.profile().code == "JS3205060001"
