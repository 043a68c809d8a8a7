"""read_roster on real .xlsx files: layouts, synonyms, cell types, and every file-level refusal."""

from __future__ import annotations

import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.documents import roster_workbook
from desktop_app.documents.roster_workbook import RosterFileError, read_roster, write_roster, write_roster_template
from desktop_app.domain.roster_columns import ROSTER_COLUMNS
from desktop_app.messages import UserFacingError, render
from tests.documents.workbooks import (
    HEADERS,
    excel_like_xlsx,
    hand_made_xlsx,
    inline_rows_xml,
    roster_row,
    save_rows,
)

KEY_GROUPS = ["企业职工", "下岗失业人员", "就业困难人员"]


def refused(source, **kwargs) -> RosterFileError:
    with pytest.raises(RosterFileError) as caught:
        read_roster(source, **kwargs)
    error = caught.value
    # Whatever the code, the sentence renders in both languages with every placeholder filled.
    assert "{" not in error.message("zh") and "{" not in error.message("en")
    return error


# ----------------------------------------------------------------------------- layouts


def test_template_filled_in_as_a_person_would_reads_back(tmp_path: Path):
    path = tmp_path / "花名册.xlsx"
    write_roster_template(path, key_group_names=KEY_GROUPS)
    workbook = load_workbook(path)
    ws = workbook["花名册"]
    people = [
        ["张三", "居民身份证", "11010519491231002X", "女", None, "汉族", "13812345678", "农业户口", "初中", "失业",
         "下岗失业人员、就业困难人员", "否", "中国银行", "6217000012345678901"],
        ["买买提·艾力", None, "440524188001010014", None, None, "维吾尔族", None, None, None, None, None, "是", None,
         None],
    ]
    for offset, person in enumerate(people):
        for column, value in enumerate(person, 1):
            if value is not None:
                ws.cell(row=3 + offset, column=column, value=value)
    workbook.save(path)

    sheet = read_roster(path)

    assert sheet.sheet_name == "花名册"
    assert sheet.header_row == 2
    assert sheet.columns == {column.key: index for index, column in enumerate(ROSTER_COLUMNS, 1)}
    assert sheet.ignored_headers == []
    assert sheet.headers[0] == "*姓名" and sheet.headers[2] == "*身份证号码"
    assert [row.row_number for row in sheet.rows] == [3, 4]
    first, second = sheet.rows
    assert first.values["id_number"] == "11010519491231002X"
    assert first.values["key_groups"] == "下岗失业人员、就业困难人员"
    assert first.values["bank_account"] == "6217000012345678901"
    assert first.problems == [] and second.problems == []
    assert second.values["name"] == "买买提·艾力"
    assert second.values["sex"] is None and second.values["pension"] == "是"
    assert first.raw == [value for value in people[0]]


def test_header_below_a_two_row_merged_title(tmp_path: Path):
    workbook = Workbook()
    ws = workbook.active
    ws["A1"] = "2024 年第一期家政服务员培训班学员花名册"
    ws.merge_cells("A1:E1")
    ws["A2"] = "填报单位：南京某职业培训学校        填报日期：2024-03-01"
    ws.merge_cells("A2:E2")
    ws.append(["序号", "姓名", "性别", "身份证号码", "联系电话"])
    ws.append([1, "张三", "男", "320102199003071234", "13812345678"])
    path = tmp_path / "merged.xlsx"
    workbook.save(path)

    sheet = read_roster(path)

    assert sheet.header_row == 3
    assert sheet.columns == {"name": 2, "sex": 3, "id_number": 4, "phone": 5}
    assert sheet.ignored_headers == ["序号"]
    assert sheet.rows[0].row_number == 4
    assert sheet.rows[0].values == {"name": "张三", "sex": "男", "id_number": "320102199003071234",
                                    "phone": "13812345678"}


@pytest.mark.parametrize("id_header", ["身份证号", "证件号码", "公民身份号码", "身份证号码（必填）", " 身份证\n号码 ", "*身份证号码"])
@pytest.mark.parametrize("name_header", ["姓名", "学员姓名", "姓 名", "＊姓名"])
def test_header_synonyms(tmp_path: Path, id_header: str, name_header: str):
    path = save_rows(tmp_path / "s.xlsx", [[name_header, id_header], ["李四", "11010519491231002X"]])
    sheet = read_roster(path)
    assert sheet.columns == {"name": 1, "id_number": 2}
    assert sheet.rows[0].values == {"name": "李四", "id_number": "11010519491231002X"}


def test_extra_columns_are_ignored_but_kept_in_raw(tmp_path: Path):
    path = save_rows(tmp_path / "extra.xlsx", [
        ["序号", "姓名", "备注", "身份证号码", None, "培训意向"],
        [1, "张三", "班长", "11010519491231002X", "x", "电工"],
    ])
    sheet = read_roster(path)
    assert sheet.headers == ["序号", "姓名", "备注", "身份证号码", "", "培训意向"]
    assert sheet.ignored_headers == ["序号", "备注", "培训意向"]
    assert sheet.columns == {"name": 2, "id_number": 4}
    row = sheet.rows[0]
    assert row.values == {"name": "张三", "id_number": "11010519491231002X"}
    assert row.raw == ["1", "张三", "班长", "11010519491231002X", "x", "电工"]


def test_cells_right_of_the_last_header_are_nobodys(tmp_path: Path):
    workbook = Workbook()
    ws = workbook.active
    ws.append(["姓名", "身份证号码"])
    ws.append(["张三", "11010519491231002X"])
    ws["XFD2"] = "stray"
    path = tmp_path / "stray.xlsx"
    workbook.save(path)
    sheet = read_roster(path)
    assert sheet.rows[0].raw == ["张三", "11010519491231002X"]


def test_blank_rows_are_skipped_and_row_numbers_kept(tmp_path: Path):
    path = save_rows(tmp_path / "blank.xlsx", [
        ["序号", "姓名", "身份证号码"],
        [1, "张三", "11010519491231002X"],
        [2, None, None],  # pre-numbered but empty: a blank row
        [None, "  ", "\u3000"],  # only spaces: blank too
        [],
        [5, "李四", "440524188001010014"],
    ])
    sheet = read_roster(path)
    assert [(row.row_number, row.values["name"]) for row in sheet.rows] == [(2, "张三"), (6, "李四")]


def test_values_are_trimmed_only_at_the_ends_and_full_width_is_kept(tmp_path: Path):
    path = save_rows(tmp_path / "spaces.xlsx", [
        ["姓名", "身份证号码", "手机号码"],
        ["  张　三 \t", "\u3000３２０１０２１９９００３０７１２３４\u3000", "\u200b138 1234 5678\ufeff"],
    ])
    row = read_roster(path).rows[0]
    assert row.values == {"name": "张　三", "id_number": "３２０１０２１９９００３０７１２３４", "phone": "138 1234 5678"}
    # raw keeps the cell exactly, for the error workbook
    assert row.raw[0] == "  张　三 \t"


# ----------------------------------------------------------------------------- cell types


def test_numeric_id_cell_is_a_problem_naming_the_cell_and_never_guessed(tmp_path: Path):
    rows = [["序号", "姓名", "身份证号码", "银行账号", "手机号码"]]
    rows += [[i, f"学员{i}", "11010519491231002X", "6217000012345678901", 13812345678] for i in range(1, 5)]
    rows.append([5, "王五", 3.2010219900307123e17, 6217000012345678, 13912345678])
    path = save_rows(tmp_path / "numeric.xlsx", rows, title_rows=["花名册"])

    sheet = read_roster(path)

    good = sheet.rows[0]
    assert good.problems == [] and good.values["phone"] == "13812345678"
    bad = sheet.rows[-1]
    assert bad.row_number == 7
    assert bad.values["id_number"] == "3.20102199003071E+17"  # what Excel shows, not a guess
    assert bad.values["bank_account"] == "6217000012345678"
    assert [(p.code, p.params["cell"]) for p in bad.problems] == [("roster.cell_number", "C7"),
                                                                  ("roster.cell_number", "D7")]
    text = bad.problems[0].message("zh")
    assert "C7" in text and "身份证号码" in text and "文本" in text and "3.20102199003071E+17" in text
    assert "C7" in bad.problems[0].message("en")


def test_numbers_dates_and_booleans_read_as_people_see_them(tmp_path: Path):
    path = save_rows(tmp_path / "types.xlsx", [
        ["姓名", "身份证号码", "出生日期", "是否领取养老金", "民族", "手机号码", "开户银行"],
        ["张三", "11010519491231002X", datetime(1949, 12, 31), True, 1.5, 13812345678.0, 42],
        ["李四", "440524188001010014", date(1880, 1, 1), False, 1e-10, 0.1, -7.0],
    ])
    first, second = read_roster(path).rows
    assert first.values["birth_date"] == "1949-12-31"
    assert first.values["pension"] == "是" and second.values["pension"] == "否"
    assert first.values["ethnicity"] == "1.5" and second.values["ethnicity"] == "1E-10"
    assert first.values["phone"] == "13812345678" and second.values["phone"] == "0.1"
    assert first.values["bank_name"] == "42" and second.values["bank_name"] == "-7"
    assert second.values["birth_date"] == "1880-01-01"
    assert first.problems == [] and second.problems == []


@pytest.mark.parametrize(("value", "shown"), [
    (3.2010219900307123e17, "3.20102199003071E+17"),
    (1e15, "1E+15"),
    (999999999999999.0, "999999999999999"),
    (123.0, "123"),
    (-5.0, "-5"),
    (0.1 + 0.2, "0.3"),
    (1e-10, "1E-10"),
    (6.2170000123456789e18, "6.21700001234568E+18"),
    (float("inf"), "#NUM!"),
])
def test_excel_general_number_rendering(value: float, shown: str):
    assert roster_workbook._number_text(value) == shown


def test_formula_cell_is_a_problem(tmp_path: Path):
    path = save_rows(tmp_path / "formula.xlsx", [
        ["序号", "姓名", "身份证号码"],
        ["=ROW()-1", "张三", "11010519491231002X"],  # a formula outside our columns is harmless
        [2, "李四", '=TEXT(D3,"0")'],
    ])
    first, second = read_roster(path).rows
    assert first.problems == []
    assert second.values["id_number"] == '=TEXT(D3,"0")'
    assert [(p.code, p.params["cell"]) for p in second.problems] == [("roster.cell_formula", "C3")]
    assert second.problems[0].message("zh") == "单元格 C3（身份证号码）是公式，请复制后“选择性粘贴→数值”再导入。"


def test_error_value_cell_is_a_problem(tmp_path: Path):
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="e"><v>#N/A</v></c></row>')
    sheet = read_roster(hand_made_xlsx(tmp_path / "err.xlsx", rows))
    assert sheet.rows[0].values["id_number"] == "#N/A"
    assert [p.code for p in sheet.rows[0].problems] == ["roster.cell_error"]


# ----------------------------------------------------------------------------- how other programs write


def test_inline_strings_without_refs_and_without_dimension(tmp_path: Path):
    """LibreOffice and WPS sometimes write t="inlineStr" and leave out r= and <dimension>."""
    rows = [["培训学员花名册"], HEADERS] + [roster_row(i) for i in range(1, 31)]
    xml = inline_rows_xml(rows, with_refs=False)
    # rich-text inline string: runs are joined
    xml = xml.replace("<t xml:space=\"preserve\">学员7</t>", "<r><t>学</t></r><r><rPr><b/></rPr><t>员7</t></r>")
    sheet = read_roster(hand_made_xlsx(tmp_path / "inline.xlsx", xml))
    assert sheet.header_row == 2
    assert len(sheet.rows) == 30
    assert sheet.rows[0].values["id_number"] == roster_row(1)[2]
    assert sheet.rows[6].values["name"] == "学员7"
    assert sheet.rows[-1].row_number == 32


@pytest.mark.parametrize("dimension", [None, "A1", "A1:B2", "A1:N3"])
def test_missing_or_wrong_dimension_still_reads_every_row(tmp_path: Path, dimension: str | None):
    rows = [HEADERS] + [roster_row(i) for i in range(1, 101)]
    strings = sorted({text for row in rows for text in row})
    index = {text: i for i, text in enumerate(strings)}
    xml = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{chr(64 + c)}{r}" t="s"><v>{index[t]}</v></c>' for c, t in enumerate(row, 1))
        + "</row>" for r, row in enumerate(rows, 1))
    path = hand_made_xlsx(tmp_path / "dim.xlsx", xml, dimension=dimension, shared_strings=strings)
    sheet = read_roster(path)
    assert len(sheet.rows) == 100
    assert sheet.rows[-1].values == dict(zip([c.key for c in ROSTER_COLUMNS], roster_row(100)))


def test_shared_rich_text_strings(tmp_path: Path):
    shared = ('<si><t>姓名</t></si><si><t>身份证号码</t></si>'
              '<si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space="preserve">三 </t></r></si><si><t>11010519491231002X</t></si>')
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>')
    sheet = read_roster(hand_made_xlsx(tmp_path / "rich.xlsx", rows, raw_shared_xml=shared))
    assert sheet.rows[0].values == {"name": "张三", "id_number": "11010519491231002X"}


def test_first_sheet_with_a_header_is_used_and_visible_sheets_come_first(tmp_path: Path):
    workbook = Workbook()
    notes = workbook.active
    notes.title = "说明"
    notes.append(["请在第二个工作表填写"])
    old = workbook.create_sheet("旧名单")
    old.append(["姓名", "身份证号码"])
    old.append(["旧人", "11010519491231002X"])
    old.sheet_state = "hidden"
    current = workbook.create_sheet("学员")
    current.append(["姓名", "身份证号码"])
    current.append(["新人", "440524188001010014"])
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)
    sheet = read_roster(path)
    assert sheet.sheet_name == "学员"
    assert sheet.rows[0].values["name"] == "新人"


def test_bytes_are_read_too(tmp_path: Path):
    path = save_rows(tmp_path / "b.xlsx", [["姓名", "身份证号码"], ["张三", "11010519491231002X"]])
    sheet = read_roster(path.read_bytes())
    assert sheet.rows[0].values["name"] == "张三"


def test_extension_does_not_matter_only_content(tmp_path: Path):
    path = save_rows(tmp_path / "b.xlsx", [["姓名", "身份证号码"], ["张三", "11010519491231002X"]])
    renamed = path.rename(tmp_path / "名单.xls")
    assert read_roster(renamed).rows[0].values["name"] == "张三"


# ----------------------------------------------------------------------------- refusals


def test_csv_renamed_to_xlsx_is_not_a_workbook(tmp_path: Path):
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,身份证号码\n张三,11010519491231002X\n", encoding="utf-8-sig")
    error = refused(path)
    assert error.code == "roster.not_workbook"
    assert isinstance(error, UserFacingError)
    assert "名单.xlsx" in error.message("zh") and "另存为" in error.message("zh")


@pytest.mark.parametrize("content", [b"", b"\x00" * 10, bytes(range(256)) * 4, b"PK\x03\x04garbage", b"PK" + b"\x00" * 100])
def test_random_bytes_are_not_a_workbook(content: bytes):
    assert refused(content).code == "roster.not_workbook"


def test_a_zip_that_is_not_xlsx(tmp_path: Path):
    path = tmp_path / "docs.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refused(path).code == "roster.not_workbook"


def test_a_truncated_or_broken_xlsx_is_damaged(tmp_path: Path):
    path = save_rows(tmp_path / "ok.xlsx", [["姓名", "身份证号码"], ["张三", "11010519491231002X"]])
    data = path.read_bytes()
    assert refused(data[: len(data) // 2]).code == "roster.damaged"

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    assert refused(broken).code == "roster.damaged"


def test_ole_files_are_old_xls_or_encrypted(tmp_path: Path):
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    xls = tmp_path / "old.xls"
    xls.write_bytes(header + "Workbook".encode("utf-16-le") + b"\x00" * 2048)
    error = refused(xls)
    assert error.code == "roster.xls_format"
    assert "xlsx" in error.message("zh")

    encrypted = tmp_path / "secret.xlsx"
    encrypted.write_bytes(header + b"\x00" * 1024 + "EncryptionInfo".encode("utf-16-le")
                          + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024)
    error = refused(encrypted)
    assert error.code == "roster.password_protected"
    assert "secret.xlsx" in error.message("zh") and "密码" in error.message("zh")


def test_html_table_saved_as_xls_is_named(tmp_path: Path):
    path = tmp_path / "平台导出.xls"
    path.write_text('<html><head><meta charset="utf-8"></head><body><table><tr><td>姓名</td></tr></table></body></html>',
                    encoding="utf-8")
    assert refused(path).code == "roster.xls_format"


def test_missing_file_is_unreadable(tmp_path: Path):
    error = refused(tmp_path / "nowhere.xlsx")
    assert error.code == "roster.unreadable"
    assert "nowhere.xlsx" in error.message("zh")


def test_an_empty_workbook_has_no_header(tmp_path: Path):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    error = refused(path)
    assert error.code == "roster.no_header"
    text = error.message("zh")
    assert "“姓名”" in text and "“身份证号码”" in text and "“Sheet”" in text


def test_a_header_without_the_id_column_is_no_header(tmp_path: Path):
    path = save_rows(tmp_path / "noid.xlsx", [["姓名", "性别", "手机号码"], ["张三", "男", "13812345678"]])
    assert refused(path).code == "roster.no_header"


def test_a_header_below_row_20_is_not_found(tmp_path: Path):
    path = save_rows(tmp_path / "deep.xlsx", [["姓名", "身份证号码"], ["张三", "11010519491231002X"]],
                     title_rows=["说明"] * 20)
    assert refused(path).code == "roster.no_header"


def test_header_only_is_empty(tmp_path: Path):
    path = save_rows(tmp_path / "header.xlsx", [["姓名", "身份证号码"], [None, None], ["", " "]],
                     title_rows=["培训学员花名册"])
    error = refused(path)
    assert error.code == "roster.empty"
    assert error.params["row"] == 2


def test_the_blank_template_is_empty(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    write_roster_template(path, key_group_names=KEY_GROUPS)
    assert refused(path).code == "roster.empty"


def test_duplicate_header_for_one_column(tmp_path: Path):
    path = save_rows(tmp_path / "dup.xlsx", [["姓名", "身份证号码", "手机号码", "联系电话"], ["张三", "x", "1", "2"]])
    error = refused(path)
    assert error.code == "roster.duplicate_column"
    text = error.message("zh")
    assert "C1" in text and "D1" in text and "手机号码" in text


def test_too_many_rows_is_refused(tmp_path: Path):
    rows = [["姓名", "身份证号码"]] + [[f"学员{i}", "11010519491231002X"] for i in range(11)]
    path = save_rows(tmp_path / "many.xlsx", rows)
    error = refused(path, max_rows=10)
    assert error.code == "roster.too_many_rows"
    assert "10" in error.message("zh")
    assert len(read_roster(path, max_rows=11).rows) == 11


def test_every_code_renders_in_both_languages():
    params = {"file": "a.xlsx", "reason": "x", "scan": 20, "expected": "“姓名”", "sheets": "“S”", "sheet": "S",
              "row": 2, "header": "姓名", "cells": "A1、B1", "limit": 10, "cell": "C7", "column": "身份证号码",
              "value": "3E+17"}
    for code in ("roster.unreadable", "roster.not_workbook", "roster.damaged", "roster.xls_format",
                 "roster.password_protected", "roster.no_header", "roster.duplicate_column", "roster.empty",
                 "roster.too_many_rows", "roster.cell_number", "roster.cell_formula", "roster.cell_error"):
        assert render(code, "zh", **params) and render(code, "en", **params)


# ----------------------------------------------------------------------------- size


def test_ten_thousand_rows_of_fourteen_columns_read_quickly(tmp_path: Path):
    """The brief: 10 000 rows in about 1.5 s. Asserted loosely (CI machines are busy); printed exactly."""
    path = excel_like_xlsx(tmp_path / "10k.xlsx", [["培训学员花名册"], HEADERS] + [roster_row(i) for i in range(10_000)])
    started = time.process_time()
    sheet = read_roster(path)
    elapsed = time.process_time() - started
    print(f"read_roster: 10 000 rows x 14 columns (shared strings) in {elapsed:.2f} s CPU")
    assert len(sheet.rows) == 10_000
    assert sheet.rows[-1].values == dict(zip([c.key for c in ROSTER_COLUMNS], roster_row(9_999)))
    assert elapsed < 6


@pytest.mark.slow
def test_fifty_thousand_rows(tmp_path: Path):
    path = excel_like_xlsx(tmp_path / "big.xlsx", [["培训学员花名册"], HEADERS] + [roster_row(i) for i in range(50_000)])
    sheet = read_roster(path)
    assert len(sheet.rows) == 50_000
    assert sheet.rows[-1].row_number == 50_002
    assert sheet.rows[-1].values["bank_account"] == roster_row(49_999)[-1]
    assert refused(path, max_rows=49_999).code == "roster.too_many_rows"


@pytest.mark.slow
def test_an_export_of_fifty_thousand_rows_reimports(tmp_path: Path):
    keys = [c.key for c in ROSTER_COLUMNS]
    rows = [dict(zip(keys, roster_row(i))) for i in range(50_000)]
    path = tmp_path / "export.xlsx"
    write_roster(path, rows, title="全部学员")
    sheet = read_roster(path)
    assert len(sheet.rows) == 50_000
    assert sheet.rows[-1].values == rows[-1]


# ----------------------------------------------------------------------------- cell encodings


def _cells_sheet(tmp_path: Path, data_cells: str, **kwargs) -> Path:
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t>'
              '</is></c><c r="C1" t="inlineStr"><is><t>出生日期</t></is></c><c r="D1" t="inlineStr"><is><t>民族</t></is>'
              '</c><c r="E1" t="inlineStr"><is><t>是否领取养老金</t></is></c></row>')
    return hand_made_xlsx(tmp_path / "cells.xlsx", header + data_cells, **kwargs)


_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/></numFmts>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="176"/><xf numFmtId="49"/></cellXfs>
</styleSheet>"""


@pytest.mark.parametrize("date1904", [False, True])
def test_date_styles_builtin_chinese_and_custom(tmp_path: Path, date1904: bool):
    serial = 32939 - (1462 if date1904 else 0)  # 1990-03-07 in either calendar
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>学员{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>x</t></is></c>'
        f'<c r="C{r}" s="{style}"><v>{serial}</v></c></row>' for r, style in ((2, 1), (3, 2), (4, 3), (5, 4), (6, 0)))
    sheet = read_roster(_cells_sheet(tmp_path, rows, styles_xml=_STYLES, date1904=date1904))
    births = [row.values["birth_date"] for row in sheet.rows]
    assert births == ["1990-03-07"] * 3 + [str(serial)] * 2


def test_booleans_strings_iso_dates_and_escapes(tmp_path: Path):
    rows = ('<row r="2"><c r="A2" t="str"><v>张三</v></c><c r="B2" t="inlineStr"><is><t>1101_x000D_0519</t></is></c>'
            '<c r="C2" t="d"><v>1990-03-07T00:00:00</v></c><c r="D2" t="inlineStr"><is><r><t>汉</t></r>'
            '<rPh sb="0" eb="1"><t>han</t></rPh><r><t>族</t></r></is></c><c r="E2" t="b"><v>1</v></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>_x005F_x0041_</t></is></c><c r="B3" t="inlineStr"><is><t>y</t></is></c>'
            '<c r="C3" t="d"><v>not a date</v></c><c r="E3" t="b"><v>0</v></c></row>')
    first, second = read_roster(_cells_sheet(tmp_path, rows)).rows
    assert first.values == {"name": "张三", "id_number": "1101\r0519", "birth_date": "1990-03-07", "ethnicity": "汉族",
                            "pension": "是"}
    assert second.values["name"] == "_x0041_" and second.values["birth_date"] == "not a date"
    assert second.values["pension"] == "否"


def test_formulas_with_cached_values_and_shared_followers(tmp_path: Path):
    rows = ('<row r="2"><c r="A2" t="str"><f>"张"&amp;"三"</f><v>张三</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">'
            'C2*1</f><v>3.20102199003071E+17</v></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3"><f t="shared" si="0"/><v>1</v></c></row>')
    first, second = read_roster(_cells_sheet(tmp_path, rows)).rows
    assert first.values["name"] == '="张"&"三"'
    assert [p.code for p in first.problems] == ["roster.cell_formula", "roster.cell_formula"]
    assert [(p.code, p.params["cell"]) for p in second.problems] == [("roster.cell_formula", "B3")]


def test_prefixed_namespace_as_the_open_xml_sdk_writes(tmp_path: Path):
    rows = [HEADERS] + [roster_row(i) for i in range(3)]
    path = hand_made_xlsx(tmp_path / "sdk.xlsx", inline_rows_xml(rows), prefix="x")
    sheet = read_roster(path)
    assert [row.values["name"] for row in sheet.rows] == ["学员0", "学员1", "学员2"]


def test_our_reader_agrees_with_openpyxl(tmp_path: Path):
    """The fast reader gives the same cells as openpyxl's read-only reader on ordinary files."""
    from desktop_app.documents.roster_workbook import _cell_text, _Xlsx

    workbook = Workbook()
    ws = workbook.active
    ws.append(["培训学员花名册"])
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "身份证号码", "出生日期", "是否领取养老金", "手机号码", "备注"])
    ws.append(["张三", "11010519491231002X", datetime(1990, 3, 7), True, 13812345678, "=1+1"])
    ws.append(["李四", 3.2010219900307123e17, date(2000, 1, 2), False, 1.25, None])
    ws.append([None, None, None, None, None, "only a note"])
    ws["C5"].number_format = 'yyyy"年"m"月"d"日"'
    ws["C5"] = 40000
    path = tmp_path / "agree.xlsx"
    workbook.save(path)

    ours = _Xlsx(path.read_bytes())
    mine = {(number, column): (_cell_text(value), kind) for number, cells in ours.rows(ours.sheets[0])
            for column, value, kind in cells}
    reference = load_workbook(path, read_only=True)
    theirs = {}
    for row in reference.active.iter_rows():
        for cell in row:
            if cell.value is not None:
                kind = {"f": "f", "e": "e"}.get(cell.data_type, "v")
                theirs[(cell.row, cell.column)] = (cell.value if kind == "f" else _cell_text(cell.value), kind)
    assert mine == theirs
