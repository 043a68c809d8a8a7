"""xlsx_reader's public API on real files: the package reader, sniffing and refusals, CSV text, read_table."""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.documents.assessment_workbook import AssessmentFileError
from desktop_app.documents.attendance_files import AttendanceFileError
from desktop_app.documents.roster_workbook import TABLE_COLUMNS, RosterFileError
from desktop_app.documents.xlsx_reader import (
    ENCRYPTION_STREAM,
    HEADER_SCAN_ROWS,
    OLE_MAGIC,
    REASON_PARAMS,
    NotXlsxError,
    SpreadsheetFileError,
    Table,
    TableColumn,
    XlsxPackage,
    broken_package_reason,
    cell_text,
    csv_delimiters,
    csv_rows,
    decode_text,
    match_column,
    number_text,
    open_workbook,
    read_source,
    read_table,
    sniff_and_refuse,
    trim_text,
    unwrap_csv_text,
)
from desktop_app.domain.roster_columns import ROSTER_COLUMNS, match_header
from desktop_app.messages import known_codes, register


class SampleError(SpreadsheetFileError):
    code_prefix = "xlsx_reader_test"


# Every reason, with every parameter it is documented to get, so a missing one fails to render.
register({f"xlsx_reader_test.{reason}": (f"测试原因 {reason}: " + " ".join(f"{{{p}}}" for p in params),
                                         f"{reason}: " + " ".join(f"{{{p}}}" for p in params))
          for reason, params in REASON_PARAMS.items()})

COLUMNS = (
    TableColumn("name", "姓名", ("学员姓名",)),
    TableColumn("id_number", "身份证号码", ("身份证号", "证件号码"), required=True),
    TableColumn("score", "成绩", ("分数", "Score")),
)
ID_1 = "11010519491231002X"


def refused(call, *args, **kwargs) -> SampleError:
    with pytest.raises(SampleError) as caught:
        call(*args, **kwargs)
    error = caught.value
    reason = error.code.removeprefix("xlsx_reader_test.")
    assert set(error.params) == set(REASON_PARAMS[reason]), error.params
    assert "{" not in error.message("zh") and "{" not in error.message("en")
    return error


def workbook_bytes(*sheets: tuple[str, list[list[object]], str]) -> bytes:
    """(title, rows, state) per sheet, saved by openpyxl."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows, state in sheets:
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- the package


def test_package_streams_cells_with_their_kinds():
    data = workbook_bytes(("成绩", [["姓名", "分数", "日期", "通过"], ["张三", 85.5, datetime(2024, 5, 6), True],
                                   ["李四", "=B2+1", date(2024, 5, 7), False]], "visible"))
    with open_workbook(data, "x.xlsx", SampleError) as package:
        assert [sheet.title for sheet in package.sheets] == ["成绩"]
        rows = list(package.rows(package.sheets[0]))
    assert rows[0] == (1, [(1, "姓名", "v"), (2, "分数", "v"), (3, "日期", "v"), (4, "通过", "v")])
    number, cells = rows[1]
    assert number == 2
    assert [(column, cell_text(value), kind) for column, value, kind in cells] == [
        (1, "张三", "v"), (2, "85.5", "v"), (3, "2024-05-06", "v"), (4, "是", "v")]
    assert rows[2][1][1] == (2, "=B2+1", "f")


def test_visible_sheets_come_first_in_reading_order():
    data = workbook_bytes(("旧", [["a"]], "hidden"), ("新", [["b"]], "visible"), ("更旧", [["c"]], "veryHidden"))
    package = XlsxPackage(data)
    try:
        assert [sheet.title for sheet in package.sheets] == ["旧", "新", "更旧"]
        assert [sheet.title for sheet in package.sheets_in_reading_order()] == ["新", "旧", "更旧"]
        assert [sheet.state for sheet in package.sheets_in_reading_order()] == ["visible", "hidden", "veryHidden"]
    finally:
        package.close()


def test_a_zip_that_is_no_workbook_is_not_xlsx():
    data = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    with pytest.raises(NotXlsxError):
        XlsxPackage(data)
    assert refused(open_workbook, data, "a.ods", SampleError).code == "xlsx_reader_test.not_workbook"


def test_a_truncated_workbook_is_damaged():
    data = workbook_bytes(("S", [["a"]], "visible"))
    cut = data[: len(data) // 2]
    assert broken_package_reason(cut) == "damaged"
    assert refused(open_workbook, cut, "cut.xlsx", SampleError).code == "xlsx_reader_test.damaged"
    assert broken_package_reason(b"PK\x03\x04 nothing else") == "not_workbook"


# ----------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(("data", "allow_text", "outcome"), [
    (OLE_MAGIC + b"\x00" * 600, False, "xlsx_reader_test.xls_format"),
    (OLE_MAGIC + b"\x00" * 100 + ENCRYPTION_STREAM + b"\x00" * 100, True, "xlsx_reader_test.password_protected"),
    (b"\xef\xbb\xbf<html><body><table><tr><td>1</td></tr></table>", True, "xlsx_reader_test.xls_format"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', False,
     "xlsx_reader_test.xls_format"),
    (b"name,id\n", False, "xlsx_reader_test.not_workbook"),
    (b"", False, "xlsx_reader_test.not_workbook"),
    (b" \r\n\xef\xbb\xbf", True, "xlsx_reader_test.empty_file"),
    (b"name,id\n", True, "text"),
    (b"PK\x03\x04", False, "xlsx"),
])
def test_sniff_and_refuse(data: bytes, allow_text: bool, outcome: str):
    if outcome in ("text", "xlsx"):
        assert sniff_and_refuse(data, "f", SampleError, allow_text=allow_text) == outcome
    else:
        assert refused(sniff_and_refuse, data, "f", SampleError, allow_text=allow_text).code == outcome


def test_read_source_names_the_file_and_refuses_an_unreadable_path(tmp_path: Path):
    path = tmp_path / "成绩.xlsx"
    path.write_bytes(b"abc")
    assert read_source(path, name=None, unnamed="u", error_class=SampleError) == (b"abc", "成绩.xlsx")
    assert read_source(path, name="别名.xlsx", unnamed="u", error_class=SampleError) == (b"abc", "别名.xlsx")
    assert read_source(bytearray(b"x"), name=None, unnamed="u", error_class=SampleError) == (b"x", "u")
    error = refused(read_source, tmp_path / "missing.xlsx", name=None, unnamed="u", error_class=SampleError)
    assert error.code == "xlsx_reader_test.unreadable" and error.params["file"] == "missing.xlsx"


def test_error_classes_name_their_codes():
    with pytest.raises(TypeError):
        class Nameless(SpreadsheetFileError):  # noqa: F841 - defining it is the test
            pass

    assert SampleError.code_for("damaged") == "xlsx_reader_test.damaged"
    assert AttendanceFileError.code_for("not_workbook") == "attendance.not_table"
    assert isinstance(SampleError.refuse("empty_file", file="f"), SampleError)


@pytest.mark.parametrize(("error_class", "reasons"), [
    (RosterFileError, [reason for reason in REASON_PARAMS if reason != "empty_file"]),  # roster takes no CSV
    (AssessmentFileError, list(REASON_PARAMS)),
    (AttendanceFileError, ["unreadable", "empty_file", "not_workbook", "damaged", "xls_format",
                           "password_protected"]),  # what it meets through this module
])
def test_every_code_a_reader_can_meet_is_registered(error_class, reasons):
    codes = known_codes()
    for reason in reasons:
        code = error_class.code_for(reason)
        assert code in codes, code
        params = {name: "x" for name in REASON_PARAMS[reason]}
        assert "{" not in error_class(code, **params).message("en")


# ----------------------------------------------------------------------------- cells as text


@pytest.mark.parametrize(("value", "shown"), [
    (None, None), ("", None), ("张三", "张三"), (True, "是"), (False, "否"), (85, "85"), (85.5, "85.5"),
    (85.0, "85"), (3.2010219900307123e17, "3.20102199003071E+17"), (0.1 + 0.2, "0.3"),
    (datetime(2024, 5, 6, 8, 30), "2024-05-06"), (date(2024, 5, 6), "2024-05-06"), (float("nan"), "#NUM!"),
])
def test_cell_text_is_what_excel_shows(value, shown):
    assert cell_text(value) == shown


def test_number_text_and_trim_text():
    assert number_text(1e15) == "1E+15"
    assert number_text(123456789012345.0) == "123456789012345"
    assert number_text(1.5e-7) == "1.5E-07"
    assert trim_text("  张三\u200b\u3000") == "张三"
    assert trim_text("\ufeff") is None and trim_text(None) is None
    assert trim_text("张 三") == "张 三"


# ----------------------------------------------------------------------------- CSV text


@pytest.mark.parametrize(("encoding", "label"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-16", "utf-16"),
])
def test_decode_text(encoding: str, label: str):
    text = "姓名,身份证号码,成绩\n张三,11010519491231002X,85\n"
    assert decode_text(text.encode(encoding)) == (text, label)


def test_decode_text_refuses_binary():
    assert decode_text(b"\x00\x01\x02\x03abc") is None
    assert decode_text(bytes(range(256)) * 4) is None
    assert decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8") is None  # a lone surrogate


def test_csv_delimiters_and_rows():
    text = "姓名\t身份证号码\t成绩\n张三\t=\"110105194912310020\"\t85\n\t\t\n"
    assert csv_delimiters(text)[0] == "\t"
    assert sorted(csv_delimiters(text)) == sorted([",", "\t", ";"])
    rows = list(csv_rows(text, "\t"))
    assert rows[0] == (1, [(1, "姓名", "v"), (2, "身份证号码", "v"), (3, "成绩", "v")])
    assert rows[1][1][1] == (2, '="110105194912310020"', "v")
    assert rows[2] == (3, [])
    assert unwrap_csv_text('="0012"') == "0012" and unwrap_csv_text('="a""b"') == 'a"b'
    assert unwrap_csv_text("=A1") == "=A1"


# ----------------------------------------------------------------------------- read_table


def table(data: bytes, **kwargs) -> Table:
    options = {"columns": COLUMNS, "error_class": SampleError, "name": "t.xlsx"}
    options.update(kwargs)
    return read_table(data, **options)


def test_read_table_finds_the_header_under_a_title_and_folds_header_texts():
    data = workbook_bytes(("S", [["2024 年第一期考核"], [], ["序号", "学员姓名", "*身份证号（必填）", "ＳＣＯＲＥ", "备注"],
                                 [1, "张三", ID_1, 85, "x"], [], [2, None, None, None, "only a note"],
                                 [3, " 李四 ", "440524188001010014", None]], "visible"))
    result = table(data)
    assert (result.sheet_name, result.header_row, result.file_format, result.encoding) == ("S", 3, "xlsx", None)
    assert result.columns == {"name": 2, "id_number": 3, "score": 4}
    assert result.headers == ["序号", "学员姓名", "*身份证号（必填）", "ＳＣＯＲＥ", "备注"]
    assert result.ignored_headers == ["序号", "备注"]
    assert [(row.row_number, row.values) for row in result.rows] == [
        (4, {"name": "张三", "id_number": ID_1, "score": "85"}),
        (7, {"name": "李四", "id_number": "440524188001010014", "score": None}),
    ]
    assert result.rows[0].raw == ["1", "张三", ID_1, "85", "x"]


def test_read_table_cell_problems():
    data = workbook_bytes(("S", [["姓名", "身份证号码", "成绩"], ["张三", 1.1010519491231002e17, "=1+1"],
                                 ["李四", ID_1, "#N/A"]], "visible"))
    first, second = table(data, sensitive_number_keys={"id_number"}).rows
    assert [(p.code, p.params["cell"], p.params["column"]) for p in first.problems] == [
        ("xlsx_reader_test.cell_number", "B2", "身份证号码"), ("xlsx_reader_test.cell_formula", "C2", "成绩")]
    assert first.problems[0].params["value"] == "1.1010519491231E+17"  # what Excel shows: digits gone
    assert [p.code for p in second.problems] == ["xlsx_reader_test.cell_error"]
    assert [p.code for p in table(data).rows[0].problems] == ["xlsx_reader_test.cell_formula"]  # not sensitive


def test_read_table_required_any_and_no_header():
    data = workbook_bytes(("S", [["姓名", "身份证号码"], ["张三", ID_1]], "visible"),
                          ("T", [["x"]], "hidden"))
    assert table(data).columns == {"name": 1, "id_number": 2}
    error = refused(table, data, required_any=[("score",)])
    assert error.code == "xlsx_reader_test.no_header"
    assert error.params == {"file": "t.xlsx", "scan": HEADER_SCAN_ROWS, "expected": "“身份证号码”",
                            "sheets": "“S”、“T”"}


def test_a_header_beyond_the_scan_rows_is_not_found():
    rows = [[f"标题 {i}"] for i in range(HEADER_SCAN_ROWS)] + [["姓名", "身份证号码"], ["张三", ID_1]]
    assert refused(table, workbook_bytes(("S", rows, "visible"))).code == "xlsx_reader_test.no_header"


def test_a_hidden_sheet_is_read_only_when_no_visible_one_has_a_header():
    old = ("旧", [["姓名", "身份证号码"], ["旧人", ID_1]], "hidden")
    assert table(workbook_bytes(old, ("新", [["姓名", "身份证号码"], ["新人", ID_1]], "visible"))).sheet_name == "新"
    assert table(workbook_bytes(old, ("新", [["说明"]], "visible"))).sheet_name == "旧"


@pytest.mark.parametrize(("rows", "reason", "params"), [
    ([["姓名", "身份证号", "证件号码"], ["张三", ID_1, ID_1]], "duplicate_column",
     {"sheet": "S", "row": 1, "header": "身份证号码", "cells": "B1“身份证号”、C1“证件号码”"}),
    ([["标题"], ["姓名", "身份证号码"], [None, None, "x"]], "empty", {"sheet": "S", "row": 2}),
    ([["姓名", "身份证号码"]] + [["张三", ID_1]] * 4, "too_many_rows", {"sheet": "S", "limit": 3}),
])
def test_read_table_refusals(rows, reason, params):
    error = refused(table, workbook_bytes(("S", rows, "visible")), max_rows=3)
    assert error.code == f"xlsx_reader_test.{reason}"
    assert error.params == {"file": "t.xlsx", **params}


def test_read_table_refuses_damage_found_while_streaming(tmp_path: Path):
    data = workbook_bytes(("S", [["姓名", "身份证号码"], ["张三", ID_1]], "visible"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-40]
    assert refused(table, zip_bytes(parts)).code == "xlsx_reader_test.damaged"


def test_read_table_reads_csv_only_when_asked():
    text = "学员姓名;身份证号码;分数\n张三;=\"110105194912310020\";85\n李四;1.10105E+17;90\n\n"
    data = text.encode("gbk")
    assert refused(table, data).code == "xlsx_reader_test.not_workbook"
    result = table(data, allow_csv=True, sensitive_number_keys={"id_number"})
    assert (result.sheet_name, result.file_format, result.encoding, result.header_row) == (None, "csv", "gb18030", 1)
    first, second = result.rows
    assert first.values == {"name": "张三", "id_number": "110105194912310020", "score": "85"}
    assert first.problems == []
    assert [(p.code, p.params["cell"]) for p in second.problems] == [("xlsx_reader_test.cell_number", "B3")]
    assert refused(table, "说明\n".encode(), allow_csv=True).params["sheets"] == "CSV"
    assert refused(table, b"\x00\x01\x02" * 50, allow_csv=True).code == "xlsx_reader_test.not_workbook"


def test_roster_columns_match_as_match_header_does():
    """read_roster's table columns find every header text exactly as roster_columns.match_header."""
    texts = {text for column in ROSTER_COLUMNS for text in (column.header, column.header_en, *column.synonyms)}
    texts |= {text.upper() for text in texts} | {"*" + text for text in texts} | {"卡号", "备注", "序号", ""}
    for text in texts:
        assert match_column(text, TABLE_COLUMNS) == match_header(text), text


def test_match_column_folds_like_header_key():
    assert match_column("＊身份证号（必填）", COLUMNS) == "id_number"
    assert match_column(" 学员 姓名：", COLUMNS) == "name"
    assert match_column("score", COLUMNS) == "score"
    assert match_column("备注", COLUMNS) is None
