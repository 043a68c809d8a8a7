"""Hostile workbooks are refused early with a message naming the file and what is wrong:
zip bombs, a part larger than it may be, a cell or shared string longer than Excel allows,
too many strings, rows (also without r=), cells or columns."""

from __future__ import annotations

import time

import pytest

from desktop_app.documents import xlsx_reader
from desktop_app.documents.attendance_files import AttendanceFileError, read_attendance_file
from desktop_app.documents.roster_workbook import RosterFileError, read_roster
from tests.documents import hostile_xlsx
from tests.documents.workbooks import hand_made_xlsx, inline_cell

HEADER = ('<row r="1">' + inline_cell("A1", "姓名") + inline_cell("B1", "身份证号码") + "</row>")


def refused(reader, path, error_class=RosterFileError):
    started = time.perf_counter()
    with pytest.raises(error_class) as caught:
        reader(path)
    return caught.value, time.perf_counter() - started


def test_a_zip_bomb_of_one_enormous_shared_string_is_refused_before_it_is_inflated(tmp_path):
    path = hostile_xlsx.one_huge_shared_string(tmp_path / "bomb.xlsx", 20_000_000)
    assert path.stat().st_size < 100_000
    error, seconds = refused(read_roster, path)
    assert error.code == "spreadsheet.inflates_too_much"
    assert "bomb.xlsx" in error.message() and "sharedStrings.xml" in error.message()
    assert seconds < 1


def test_millions_of_empty_rows_without_numbers_are_a_zip_bomb_too(tmp_path):
    error, _ = refused(read_roster, hostile_xlsx.empty_rows(tmp_path / "rows.xlsx", 3_000_000))
    assert error.code == "spreadsheet.inflates_too_much"


def test_a_part_that_claims_to_be_huge_is_refused_without_reading_it(tmp_path):
    error, seconds = refused(read_roster, hostile_xlsx.lying_part_size(tmp_path / "lies.xlsx", 3_000_000_000))
    assert error.code == "spreadsheet.part_too_large" and "256 MB" in error.message()


def test_a_shared_string_longer_than_excel_allows_is_refused_by_its_number(tmp_path):
    path = hand_made_xlsx(tmp_path / "long.xlsx", HEADER + '<row r="2"><c r="A2" t="s"><v>1</v></c></row>',
                          shared_strings=["张三", "长" * 40_000])
    error, _ = refused(read_roster, path)
    assert error.code == "spreadsheet.cell_too_long"
    assert "#2" in error.message() and "32767" in error.message()


def test_an_inline_cell_longer_than_excel_allows_is_refused_naming_the_cell(tmp_path):
    path = hand_made_xlsx(tmp_path / "long.xlsx", HEADER + '<row r="2">' + inline_cell("B2", "1" * 33_000) + "</row>")
    error, _ = refused(read_roster, path)
    assert error.code == "spreadsheet.cell_too_long" and "B2" in error.message()


def test_a_cell_of_excels_full_length_is_still_read(tmp_path):
    path = hand_made_xlsx(tmp_path / "full.xlsx", HEADER + '<row r="2">' + inline_cell("A2", "名" * 32_767)
                          + inline_cell("B2", "320102199003070017") + "</row>")
    sheet = read_roster(path)
    assert len(sheet.rows[0].values["name"]) == 32_767


def test_an_attendance_file_of_long_cells_is_refused_naming_the_cell(tmp_path):
    path = hostile_xlsx.long_punch_cells(tmp_path / "punches.xlsx", 3, 40_000)
    error, _ = refused(read_attendance_file, path, AttendanceFileError)
    assert error.code == "spreadsheet.cell_too_long" and "A2" in error.message()


def test_rows_without_numbers_are_counted_and_refused_beyond_the_bound(tmp_path, monkeypatch):
    # The bound itself (Excel's 1 048 576 rows) is exercised by the hostile_xlsx benchmark; here
    # it is lowered so that the file stays small enough to inflate less than 100-fold.
    monkeypatch.setattr(xlsx_reader, "MAX_SHEET_ROWS", 1_000)
    rows = "".join(f"<row>{inline_cell(None, str(n))}</row>" for n in range(1_500))
    error, _ = refused(read_roster, hand_made_xlsx(tmp_path / "rows.xlsx", HEADER + rows))
    assert error.code == "spreadsheet.sheet_too_large" and "Sheet1" in error.message() and "1000" in error.message()


def test_a_row_number_beyond_the_bound_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_SHEET_ROWS", 1_000)
    error, _ = refused(read_roster, hand_made_xlsx(tmp_path / "far.xlsx", HEADER + '<row r="5000"/>'))
    assert error.code == "spreadsheet.sheet_too_large"


def test_too_many_shared_strings_are_refused_while_the_table_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_SHARED_STRINGS", 500)
    path = hand_made_xlsx(tmp_path / "strings.xlsx", HEADER, shared_strings=[f"s{n}" for n in range(501)])
    error, _ = refused(read_roster, path)
    assert error.code == "spreadsheet.too_many_strings" and "500" in error.message()


def test_too_many_cells_and_columns_past_the_grid_are_refused(tmp_path, monkeypatch):
    crowded = "<row>" + "<c t=\"inlineStr\"><is><t>x</t></is></c>" * 16_385 + "</row>"
    error, _ = refused(read_roster, hand_made_xlsx(tmp_path / "wide.xlsx", HEADER + crowded))
    assert error.code == "spreadsheet.sheet_too_large" and "16384" in error.message()
    monkeypatch.setattr(xlsx_reader, "MAX_SHEET_CELLS", 100)
    cells = "".join(f'<row r="{n}">' + inline_cell(f"A{n}", "x") + "</row>" for n in range(2, 200))
    error, _ = refused(read_roster, hand_made_xlsx(tmp_path / "cells.xlsx", HEADER + cells))
    assert error.code == "spreadsheet.sheet_too_large"


def test_a_file_larger_than_any_roster_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_FILE_BYTES", 1_000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK" + b"\0" * 2_000)
    error, _ = refused(read_roster, path)
    assert error.code == "spreadsheet.file_too_large" and "big.xlsx" in error.message()
