"""What every table offers, tried through the real main window: sorting by a header click (numbers
and dates in their order), exporting what is shown, 刷新 / F5, and changes made elsewhere (another
handle on the same database, as the CLI or a second PC) appearing without a key pressed."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCollator, QLocale, QPoint, Qt

from desktop_app.bootstrap import open_office
from desktop_app.domain.schedule import parse_schedule_spec
from desktop_app.gui.screens.classes.models import ClassTableModel
from desktop_app.gui.widgets.row_table import natural_key, selected_row
from desktop_app.services.classes import ClassDraft


def test_numbers_sort_by_value_dates_by_date_and_empty_cells_last():
    assert sorted(["12", "9", "100", "85.5"], key=natural_key) == ["9", "12", "85.5", "100"]
    assert sorted(["2026-12-01", "2026-05-06", "2027-01-01"], key=natural_key) == ["2026-05-06", "2026-12-01",
                                                                                    "2027-01-01"]
    assert sorted(["28/38", "0/35", "32/42", "9/40"], key=natural_key) == ["0/35", "9/40", "28/38", "32/42"]
    assert sorted(["—", "第10期", "", "第2期"], key=natural_key) == ["第2期", "第10期", "—", ""]
    assert sorted([3, None, 1.5], key=natural_key) == [1.5, 3, None]


def click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def shown_codes(view) -> list[str]:
    model = view.model()
    return [model.index(row, ClassTableModel.CODE).data() for row in range(model.rowCount())]


def test_a_header_click_sorts_and_the_selection_stays_on_its_class(qtbot, demo_window, code):
    page = demo_window.pages["classes"]
    view = page.table
    original = shown_codes(view)
    click_header(qtbot, view, ClassTableModel.CODE)
    assert shown_codes(view) == sorted(original)
    click_header(qtbot, view, ClassTableModel.CODE)
    assert shown_codes(view) == sorted(original, reverse=True)
    # The start dates, as dates: the last click orders by them.
    dates_column = next(column for column in range(page.model.columnCount())
                        if page.model.headerData(column, Qt.Orientation.Horizontal) == "起止日期")
    click_header(qtbot, view, dates_column)
    starts = [view.model().index(row, dates_column).data()[:10] for row in range(view.model().rowCount())]
    assert starts == sorted(starts) and len(set(starts)) > 1
    # Selecting by key after sorting selects that class, wherever it is shown now.
    assert page.select_class(code("JZ01"))
    assert selected_row(view).code == code("JZ01")
    assert page.selected_class().code == code("JZ01")


def test_export_writes_the_rows_as_shown(qtbot, demo_window, tmp_path):
    page = demo_window.pages["classes"]
    view = page.table
    click_header(qtbot, view, ClassTableModel.CODE)
    click_header(qtbot, view, ClassTableModel.CODE)  # newest code first
    target = tmp_path / "班级.xlsx"
    page.export_shown(target)
    qtbot.waitUntil(lambda: target.exists() and not page.exporting_table, timeout=20_000)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号"
    assert [row[0] for row in rows[1:]] == shown_codes(view)
    assert "5" in page.notice.text() or "已把" in page.notice.text()
    assert page.office.audit.entries()[0].action_label == "导出表格"


def test_the_export_button_asks_where_and_saves(qtbot, demo_window, tmp_path, monkeypatch):
    page = demo_window.pages["classes"]
    target = tmp_path / "chosen.xlsx"
    monkeypatch.setattr(page.table_files, "save_file", lambda *args: target)  # the dialog's answer
    qtbot.mouseClick(page.header.export_table_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and not page.exporting_table, timeout=20_000)
    assert load_workbook(target).active.max_row == 1 + page.model.rowCount()


def a_class_from_elsewhere(settings, suffix: str) -> None:
    """Another handle on the same database (what the CLI or a second PC is) creates a class."""
    elsewhere = open_office(settings)
    try:
        start = date(2031, 3, 3)  # a date of its own: nothing here depends on today
        elsewhere.classes.create(ClassDraft(
            code=f"2031-{suffix}", name=f"别处新建的班级{suffix}", occupation_code="4-10-01-06", level=4,
            training_type="employment_skills", start_date=start, end_date=start + timedelta(days=20), capacity=30,
            planned_lessons=64, schedule=parse_schedule_spec("mon-fri:am,pm/4")))
    finally:
        elsewhere.close()


def test_a_class_created_elsewhere_appears_without_a_key_pressed(qtbot, demo_window, settings):
    page = demo_window.pages["classes"]
    before = page.model.rowCount()
    a_class_from_elsewhere(settings, "EX01")
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=10_000)
    qtbot.waitUntil(lambda: "6" in page.header.count_label.text(), timeout=10_000)  # the heading's count too


def test_the_window_own_changes_are_not_reloaded_again(qtbot, demo_window):
    page = demo_window.pages["classes"]
    watch = demo_window.change_watch
    seen = []
    watch.changed_elsewhere.connect(lambda: seen.append(True))
    page.office.classes.update(page.model.row_at(0).code, name="本窗口改的名字")  # this office writes
    watch.probe()
    qtbot.waitUntil(lambda: not watch._probing, timeout=5_000)
    watch.probe()
    qtbot.waitUntil(lambda: not watch._probing, timeout=5_000)
    assert seen == []


@pytest.mark.parametrize("how", ["F5", "button"])
def test_refresh_reads_the_screen_again(qtbot, demo_window, settings, how):
    demo_window.change_watch.stop()  # only the person refreshes here
    qtbot.waitUntil(lambda: not demo_window.change_watch._probing, timeout=5_000)
    page = demo_window.pages["classes"]
    before = page.model.rowCount()
    a_class_from_elsewhere(settings, "EX02")
    qtbot.wait(300)
    assert page.model.rowCount() == before
    if how == "F5":
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_F5)
    else:
        qtbot.mouseClick(page.header.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=10_000)
    assert page.header.refresh_button.text() == "刷新"


def test_the_trainee_list_gets_the_space_it_needs(qtbot, demo_window):
    demo_window.resize(1100, 720)
    demo_window.show_page("trainees")
    page = demo_window.pages["trainees"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 20, timeout=20_000)
    qtbot.wait(100)
    view = page.table
    rows_seen = view.viewport().height() // view.verticalHeader().defaultSectionSize()
    assert rows_seen >= 10  # it was five, an empty record below taking the rest
    assert view.height() > page.splitter.height() * 0.5


def test_names_sort_in_pinyin_order(qtbot, demo_window):
    demo_window.show_page("trainees")
    page = demo_window.pages["trainees"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 20, timeout=20_000)
    click_header(qtbot, page.table, 0)
    model = page.table.model()
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert names == sorted(names, key=functools.cmp_to_key(collator.compare))
    assert names != sorted(names)  # not the order of the code points


def test_every_screen_of_records_offers_the_export_and_settings_does_not(demo_window):
    hidden = {page_id for page_id, page in demo_window.pages.items() if page.header.export_table_button.isHidden()}
    assert hidden == {"settings"}
