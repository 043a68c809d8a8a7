"""Exporting a table as shown: the order and words on screen, numbers as numbers, formulas as text, audited."""

from __future__ import annotations

import openpyxl
import pytest

from desktop_app.services.table_export import TableExportError


def test_the_rows_go_out_as_shown_and_the_export_is_audited(office, tmp_path):
    path = tmp_path / "班级列表.xlsx"
    lines = [["2026-JZ01", "陈䶮", 32, 12.5, "=HYPERLINK(\"http://x\",\"点我\")"],
             ["2026-AI01", "王𠮷祥", 9, 0.0, "—"]]
    result = office.tables.export_shown(path, title="班级", headers=["编号", "姓名", "人数", "课时", "备注"],
                                        lines=lines, screen="classes")
    assert result.rows == 2 and result.path == path
    sheet = openpyxl.load_workbook(path).active
    assert [cell.value for cell in sheet[1]] == ["编号", "姓名", "人数", "课时", "备注"]
    assert [cell.value for cell in sheet[2]] == lines[0]
    assert [cell.value for cell in sheet[3]] == lines[1]
    assert sheet["E2"].data_type == "s"  # a text cell, never a live formula
    assert isinstance(sheet["C2"].value, int)
    entry = office.audit.entries()[0]
    assert entry.action_label == "导出表格" and "班级列表.xlsx" in entry.details
    assert not list(tmp_path.glob(".*.part"))


def test_only_xlsx_is_written(office, tmp_path):
    with pytest.raises(TableExportError) as refused:
        office.tables.export_shown(tmp_path / "x.csv", title="t", headers=["a"], lines=[["1"]], screen="audit")
    assert "x.csv" in refused.value.message("zh") and not (tmp_path / "x.csv").exists()
