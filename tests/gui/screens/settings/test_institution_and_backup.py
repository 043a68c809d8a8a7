"""Settings as an administrator uses it: 机构信息 typed in and saved (audited, the account masked,
the code's rule and its example), 备份 / 恢复 in the window, and a page that fits at 1100×720 and
1366×768 and scrolls when smaller."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableWidget, QWidget

from desktop_app.domain.institution import InstitutionFields
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.settings import SettingsPage
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.accounts import InstitutionProfile

PASSWORD = "correct horse 1"
WAIT = 15_000


@pytest.fixture
def page(qtbot, office, chinese, settings):
    office.accounts.complete_first_run(InstitutionProfile(code="JS3205060001", name="姑苏职业培训学校"), "wang",
                                       "王校长", PASSWORD)
    operations = Operations(TaskRunner())
    page = SettingsPage(office, operations, language="zh", database=str(settings.sqlite_path),
                        data_dir=str(settings.data_dir), key_dir=str(settings.key_dir), platform_url=None)
    qtbot.addWidget(page)
    operations.did_execute.connect(page.on_operation_did_execute)
    page.resize(1100, 720)
    page.show()
    page.apply_permissions()
    qtbot.waitUntil(lambda: page.institution.view is not None, timeout=WAIT)
    yield page
    operations.tasks.wait_for_done()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=WAIT)


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    """Over the selected text, as typed; Chinese arrives whole from the input method (key events
    carry only ASCII in Qt's test tools)."""
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text, delay=10)
    else:
        edit.insert(text)


def test_the_administrator_edits_the_institution_in_settings(qtbot, page, office):
    section = page.institution
    assert section.isVisible() and section.edits["code"].text() == "JS3205060001"
    assert "JS3205060001" in section.edits["code"].placeholderText()  # the example in the field
    retype(qtbot, section.edits["code"], "wz 001")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "大写英文字母和数字" in section.notice.text(), timeout=WAIT)
    assert office.institution.profile().code == "JS3205060001"  # nothing saved

    retype(qtbot, section.edits["code"], "WZ001")
    retype(qtbot, section.edits["address"], "温州市鹿城区学院路1号")
    retype(qtbot, section.edits["bank_name"], "中国建设银行温州分行")
    retype(qtbot, section.edits["bank_account"], "33050162735800000123")
    with qtbot.waitSignal(section.saved, timeout=WAIT):
        qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.edits["bank_account"].text() == ""  # never shown in clear
    assert "****************0123" in section.edits["bank_account"].placeholderText()
    assert "已保存" in section.notice.text()
    view = office.institution.profile()
    assert (view.code, view.address, view.bank_account_masked) == ("WZ001", "温州市鹿城区学院路1号", "*" * 16 + "0123")
    entries = office.audit.entries()
    assert any(entry.action == "institution.updated" for entry in entries)

    section.reveal("核对补贴申请表")
    qtbot.waitUntil(lambda: "33050162735800000123" in section.notice.text(), timeout=WAIT)


def test_a_clerk_does_not_see_the_institution_or_backup_sections(qtbot, page, office):
    from desktop_app.domain.actors import Role

    office.accounts.create_user("li", PASSWORD, Role.CLERK, "李文员")
    office.accounts.sign_in("li", PASSWORD)
    page.apply_permissions()
    assert not page.institution.isVisible() and not page.backup.isVisible()
    assert page.institution.edits["name"].text() == ""  # what the administrator saw is cleared


def test_backup_and_restore_run_in_the_window_with_progress(qtbot, page, office, tmp_path):
    section = page.backup
    assert section.isVisible()
    target = tmp_path / "usb" / "office-backup.db"
    with qtbot.waitSignal(section.backed_up, timeout=WAIT) as done:
        section.back_up(target)
        assert section.progress.isVisible() and "正在备份" in section.status.text()  # while it runs
    assert done.args[0].path == target and target.exists()
    assert not section.progress.isVisible() and "已备份到" in section.notice.text()

    office.institution.update(InstitutionFields(code="JS3205060001", name="改名后的学校"))
    section.quit_after_restore = False
    section.restore(target)
    # The backup is older than the data now: asked with both moments, not refused.
    qtbot.waitUntil(lambda: section.question is not None, timeout=WAIT)
    assert "丢失" in section.question.text()
    with qtbot.waitSignal(section.restored, timeout=WAIT) as restored:
        section.question.button(section.question.StandardButton.Yes).click()
    assert restored.args[0].before_restore is not None and Path(restored.args[0].before_restore.path).exists()
    assert office.institution.profile().name == "姑苏职业培训学校"  # the backup's data
    assert any(entry.action == "database.restored" for entry in office.audit.entries())


def _clipped(page) -> list[str]:
    """Widgets of the sections drawn smaller than they need: cut text, squashed buttons or table."""
    found = []
    for widget in page.scroll.widget().findChildren(QWidget):
        if not widget.isVisibleTo(page) or not isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QTableWidget)):
            continue
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (a spin box's line edit), sized by their owner
        name = widget.objectName() or (widget.text()[:24] if hasattr(widget, "text") else type(widget).__name__)
        if isinstance(widget, QLabel):
            if not widget.text():
                continue
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    found.append(f"{name}: needs {needed}px high, has {widget.height()}")
            elif widget.width() + 1 < widget.sizeHint().width():
                found.append(f"{name}: needs {widget.sizeHint().width()}px wide, has {widget.width()}")
            continue
        hint = widget.minimumSizeHint() if isinstance(widget, QTableWidget) else widget.sizeHint()
        if widget.height() + 1 < hint.height() or (isinstance(widget, QAbstractButton) and widget.width() + 1 < hint.width()):
            found.append(f"{name}: {widget.width()}x{widget.height()} < {hint.width()}x{hint.height()}")
    return found


@pytest.mark.parametrize("size", [(1100, 720), (1366, 768)])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_page_lays_out_without_clipping_and_scrolls_instead(qtbot, page, qapp, size, language):
    from desktop_app.gui.i18n import install_translators

    install_translators(qapp, language)
    page.retranslate()
    page.resize(*size)
    qtbot.waitUntil(lambda: page.accounts.table.rowCount() >= 1, timeout=WAIT)
    qapp.processEvents()
    assert _clipped(page) == []
    table = page.accounts.table
    assert table.height() >= 140 and table.viewport().height() > table.verticalHeader().defaultSectionSize()
    bar = page.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # taller than the window: it scrolls rather than squeezes
    assert not page.scroll.horizontalScrollBar().isVisible()
    install_translators(qapp, "zh")
