"""The 审计日志 page: filters narrow the entries, and the export writes the file the clerk chose."""

from __future__ import annotations

from datetime import date, datetime, timezone

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.domain.actors import Actor, Role
from desktop_app.services import accounts, audit
from desktop_app.services.classes import get_class

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def clerk(demo_office, code, monkeypatch):
    """王芳 voided a certificate of JZ01 on 2026-03-01 (China time), with a formula-like reason."""
    row = accounts.create_user(demo_office.db, actor=demo_office.actor, username="wangfang", password="Wf-2026-secret",
                               role=Role.CLERK, display_name="王芳")
    actor = Actor(user_id=row.id, username=row.username, display_name=row.display_name, role=Role.CLERK)
    class_id = get_class(demo_office.db, code("JZ01")).row.id
    monkeypatch.setattr(audit, "utcnow", lambda: datetime(2026, 2, 28, 16, 30, tzinfo=timezone.utc))
    with demo_office.db.writing() as session:
        audit.record(session, actor, "certificate.voided", entity_type="certificate",
                     entity_id="JS3205060001-2026-000007", class_id=class_id, details={"reason": FORMULA})
    monkeypatch.undo()
    return actor


@pytest.fixture
def audit_page(qtbot, demo_window, clerk):
    page = demo_window.pages["audit"]
    with qtbot.waitSignal(page.entries_loaded, timeout=20_000):
        demo_window.show_page("audit")
    qtbot.waitUntil(lambda: page.filters.person_combo.count() > 1 and demo_window.tasks.pending == 0, timeout=20_000)
    return page


def shown(page) -> list[tuple[str, ...]]:
    model = page.model
    return [tuple(model.index(row, column).data() for column in range(model.columnCount()))
            for row in range(model.rowCount())]


def test_page_is_in_the_navigation_after_upload_and_lists_entries_in_chinese(audit_page, demo_window):
    titles = [demo_window.navigation.item(row).text() for row in range(demo_window.navigation.count())]
    assert titles.index("审计日志") == titles.index("上传") + 1
    assert audit_page.header.heading.text() == "审计日志"
    assert audit_page.model.headers() == ["时间", "操作人", "操作", "班级", "详情"]
    actions = [row[2] for row in shown(audit_page)]
    assert "开班" in actions and "作废证书" in actions
    assert audit_page.summary.text().startswith("共 ")


def test_choosing_a_person_shows_only_their_entries(qtbot, audit_page, clerk, code):
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.person_combo.setCurrentIndex(audit_page.filters.person_combo.findData(clerk.user_id))
    rows = shown(audit_page)
    assert rows == [("2026-03-01 00:30:00", "王芳", "作废证书", code("JZ01"),
                     f"证书 JS3205060001-2026-000007 · 原因：{FORMULA}")]


def test_class_and_date_filters_narrow_the_list(qtbot, audit_page, code):
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.class_combo.setCurrentIndex(audit_page.filters.class_combo.findData(code("YL01")))
    assert {row[3] for row in shown(audit_page)} == {code("YL01")}
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.class_combo.setCurrentIndex(0)
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.set_dates(date(2026, 3, 1), date(2026, 3, 1))
    assert [row[2] for row in shown(audit_page)] == ["作废证书"]
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.set_dates(date(2026, 3, 2), date(2026, 3, 2))
    assert shown(audit_page) == []
    assert audit_page.summary.text() == "没有符合条件的记录。"
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.clear()
    assert len(shown(audit_page)) > 1


def test_a_date_typed_over_the_selected_one_is_that_date(qtbot, audit_page):
    """The date filter takes the whole date typed (QDateEdit kept the old year)."""
    filters = audit_page.filters
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        qtbot.mouseClick(filters.from_check, Qt.MouseButton.LeftButton)
    line = filters.from_date.line
    line.selectAll()
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        qtbot.keyClicks(line, "2026-03-01", delay=20)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert filters.chosen()["date_from"] == date(2026, 3, 1)
    assert "2026-03-01" <= min(row[0] for row in shown(audit_page))


def test_action_words_filter_on_enter(qtbot, audit_page):
    audit_page.filters.action_edit.setText("证书")
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        qtbot.keyClick(audit_page.filters.action_edit, "\r")
    assert [row[2] for row in shown(audit_page)] == ["作废证书"]


def test_export_writes_the_chosen_xlsx_with_formulas_kept_as_text(qtbot, audit_page, clerk, tmp_path, monkeypatch):
    target = tmp_path / "审计导出"  # no suffix typed: the Excel filter adds .xlsx
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "Excel 工作簿 (*.xlsx)")))
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.person_combo.setCurrentIndex(audit_page.filters.person_combo.findData(clerk.user_id))
    with qtbot.waitSignal(audit_page.exported, timeout=20_000) as blocker:
        audit_page.export_button.click()
    result = blocker.args[0]
    assert result.path == tmp_path / "审计导出.xlsx" and result.rows == 1
    sheet = openpyxl.load_workbook(result.path).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert cells[1].value == "王芳"
    assert cells[5].value == f"原因：{FORMULA}" and cells[5].data_type == "s"
    assert "已导出 1 条记录" in audit_page.notice.text()
    # The export is itself in the log, shown once the list is read again (all people).
    with qtbot.waitSignal(audit_page.entries_loaded, timeout=20_000):
        audit_page.filters.person_combo.setCurrentIndex(0)
    assert shown(audit_page)[0][2] == "导出审计日志"


def test_export_to_csv_and_a_refusal_in_words(qtbot, audit_page, tmp_path, monkeypatch):
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "CSV 文件 (*.csv)")))
    with qtbot.waitSignal(audit_page.exported, timeout=20_000):
        audit_page.export_button.click()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "作废证书" in target.read_text(encoding="utf-8-sig")
    qtbot.waitUntil(lambda: audit_page.export_button.isEnabled())
    missing = tmp_path / "gone" / "audit.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(missing), "")))
    audit_page.export_button.click()
    qtbot.waitUntil(lambda: audit_page.notice.kind == "error", timeout=20_000)
    text = audit_page.notice.text()
    assert text.startswith("没有导出任何内容。") and "文件夹不存在" in text
    assert "Traceback" not in text and not missing.exists()


def test_entries_are_read_again_after_any_change_and_each_time_the_screen_is_shown(qtbot, demo_office, chinese):
    """Every write is audited, and other computers write to the log too: any operation that changed
    something reads the entries again, one that only read does not; showing the screen always does."""
    from desktop_app.gui.operations import Operations
    from desktop_app.gui.screens.audit import AuditPage
    from desktop_app.gui.tasks import TaskRunner
    from desktop_app.services.changes import Area, report_changes

    operations = Operations(TaskRunner())
    page = AuditPage(demo_office, operations)
    qtbot.addWidget(page)
    operations.did_execute.connect(page.on_operation_did_execute)
    with qtbot.waitSignal(page.entries_loaded, timeout=20_000):
        page.show()
    with qtbot.waitSignal(page.entries_loaded, timeout=20_000):
        operations.run(None, lambda: report_changes(Area.ATTENDANCE))
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
    loads = []
    page.entries_loaded.connect(loads.append)
    operations.run(None, lambda: None)  # a read: no change announced
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
    assert loads == []
    page.hide()
    assert operations.tasks.pending == 0  # nothing is read for a screen nobody sees…
    with qtbot.waitSignal(page.entries_loaded, timeout=20_000):
        page.show()  # …and everything when it shows again
    operations.tasks.wait_for_done()
    qtbot.waitUntil(lambda: operations.tasks.pending == 0, timeout=20_000)
