"""The roster writers: the template, the error workbook and the export, read back as files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.documents.roster_workbook import (
    ERROR_REASON_HEADER,
    RosterFileError,
    read_roster,
    template_headers,
    write_error_workbook,
    write_roster,
    write_roster_template,
)
from desktop_app.domain.roster_columns import (
    EDUCATION_LEVELS,
    EMPLOYMENT_STATUSES,
    HOUSEHOLD_TYPES,
    ID_TYPE_WORDS,
    ROSTER_COLUMNS,
    match_header,
)
from tests.documents.workbooks import save_rows, sheet_xml

# The key groups of the Jiangsu plan: together far longer than an inline list's 255 characters.
KEY_GROUPS = ["企业职工", "农村转移就业劳动者（含新生代农民工）", "城乡未继续升学初高中毕业生（两后生）", "下岗失业人员",
              "退役军人", "就业困难人员", "残疾人", "建档立卡低收入农户劳动力", "城乡低保对象劳动力", "零就业家庭成员",
              "城市低保家庭学员", "有创业意愿和培训需求的劳动者", "职业农民和农村实用人才带头人",
              "贫困家庭子女/贫困村创业致富带头人", "高危行业从业人员和特种作业人员", "高校毕业生"]
INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=1+1", " =cmd|' /C calc'!A0", "\t=1", "#N/A",
              "＝1+1", "=", "-"]
LETTER = {column.key: chr(64 + index) for index, column in enumerate(ROSTER_COLUMNS, 1)}


def person(i: int, **changes: str | None) -> dict[str, str | None]:
    values = {column.key: None for column in ROSTER_COLUMNS}
    values.update(name=f"学员{i}", id_type="居民身份证", id_number=f"3201021990030712{i % 100:02d}", sex="男",
                  birth_date="1990-03-07", phone="13812345678", key_groups="下岗失业人员、就业困难人员", pension="否",
                  bank_name="中国银行", bank_account=f"62170000123456789{i % 100:02d}")
    values.update(changes)
    return values


def assert_no_formulas(path: Path) -> None:
    for name, xml in sheet_xml(path).items():
        assert not re.search(r"<(\w+:)?f[ >/]", xml), f"{name} holds a formula"
        assert 't="e"' not in xml, f"{name} holds an error cell"


# ----------------------------------------------------------------------------- template


def test_template_layout(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    write_roster_template(path, key_group_names=KEY_GROUPS)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["花名册", "填写说明", "下拉清单"]
    assert workbook["下拉清单"].sheet_state == "hidden"
    ws = workbook["花名册"]

    assert ws["A1"].value == "培训学员花名册"
    assert f"A1:{chr(64 + len(ROSTER_COLUMNS))}1" in {str(r) for r in ws.merged_cells.ranges}
    headers = [ws.cell(row=2, column=i).value for i in range(1, len(ROSTER_COLUMNS) + 1)]
    assert headers == template_headers()
    assert [match_header(text) for text in headers] == [column.key for column in ROSTER_COLUMNS]
    for index, column in enumerate(ROSTER_COLUMNS, 1):
        cell = ws.cell(row=2, column=index)
        assert cell.font.b
        if column.required:
            assert cell.value.startswith("*") and cell.font.color.rgb.endswith("C00000")
    assert ws.freeze_panes == "B3"
    assert ws.column_dimensions["C"].width >= 20

    for key in ("id_number", "bank_account"):
        letter = LETTER[key]
        assert ws.column_dimensions[letter].number_format == "@"
        for row in (3, 500, 1002):
            assert ws[f"{letter}{row}"].number_format == "@", (key, row)

    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    expected_lists = {"id_type": list(ID_TYPE_WORDS), "sex": ["男", "女"], "household_type": list(HOUSEHOLD_TYPES),
                      "education": list(EDUCATION_LEVELS), "employment_status": list(EMPLOYMENT_STATUSES),
                      "pension": ["是", "否"]}
    lists = workbook["下拉清单"]
    for key, values in expected_lists.items():
        validation = validations[f"{LETTER[key]}3:{LETTER[key]}1002"]
        assert validation.type == "list" and validation.errorStyle == "stop" and validation.showDropDown in (None, False)
        assert validation.formula1 == '"' + ",".join(values) + '"'
    key_groups = validations[f"{LETTER['key_groups']}3:{LETTER['key_groups']}1002"]
    assert key_groups.errorStyle == "warning"  # several groups "A、B" must stay possible
    match = re.fullmatch(r"'下拉清单'!\$([A-Z])\$2:\$\1\$(\d+)", key_groups.formula1)
    assert match, key_groups.formula1
    listed = [lists[f"{match.group(1)}{row}"].value for row in range(2, int(match.group(2)) + 1)]
    assert listed == KEY_GROUPS
    assert len(",".join(KEY_GROUPS).encode("gbk")) > 255  # too long for an inline list

    help_sheet = workbook["填写说明"]
    text = "\n".join(str(cell.value) for row in help_sheet.iter_rows() for cell in row if cell.value)
    for column in ROSTER_COLUMNS:
        assert column.header in text
        if column.help_zh:
            assert column.help_zh in text
    assert "选择性粘贴" in text and "文本" in text
    assert_no_formulas(path)


def test_template_lists_fall_back_to_the_sheet_when_an_item_has_a_comma(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    write_roster_template(path, key_group_names=[], id_type_names=["居民身份证", "护照,外国人"])
    ws = load_workbook(path)["花名册"]
    by_range = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert by_range["B3:B1002"].startswith("'下拉清单'!$")
    assert f"{LETTER['key_groups']}3:{LETTER['key_groups']}1002" not in by_range  # no groups, no drop-down


def test_template_is_refused_as_empty_until_filled(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    write_roster_template(path, key_group_names=KEY_GROUPS)
    with pytest.raises(RosterFileError) as caught:
        read_roster(path)
    assert caught.value.code == "roster.empty"


# ----------------------------------------------------------------------------- error workbook


def test_error_workbook_round_trip(tmp_path: Path):
    source = save_rows(tmp_path / "source.xlsx", [
        ["序号", "姓名", "身份证号码", "备注", "银行账号"],
        [1, "张三", "11010519491231002X", "班长", "6217000012345678901"],
        [2, "李四", 3.2010219900307123e17, None, "6217000012345678902"],
        [3, " 王五 ", "440524188001010014", "=1+1", None],
        [4, "赵六", "123", "note", "0012"],
    ], title_rows=["一期花名册"])
    sheet = read_roster(source)
    rejected = [(sheet.rows[1], "单元格 C4（身份证号码）是数字"), (sheet.rows[3], "身份证号码位数不对")]
    errors = tmp_path / "errors.xlsx"

    write_error_workbook(errors, sheet, rejected)

    again = read_roster(errors)
    assert again.headers == sheet.headers + [ERROR_REASON_HEADER]
    assert ERROR_REASON_HEADER in again.ignored_headers
    assert again.columns == sheet.columns
    assert [row.values for row in again.rows] == [row.values for row, _ in rejected]
    assert [row.raw for row in again.rows] == [row.raw + [reason] for row, reason in rejected]
    assert all(row.problems == [] for row in again.rows)  # the ID is text now; the validator judges it
    ws = load_workbook(errors).active
    assert ws["C3"].number_format == "@" and ws["E3"].number_format == "@" and ws["C4"].number_format == "@"
    assert ws["C3"].value == "3.20102199003071E+17"
    assert_no_formulas(errors)

    # Rejected again: the old reason column is replaced, not repeated.
    errors_again = tmp_path / "errors2.xlsx"
    write_error_workbook(errors_again, again, [(again.rows[0], "仍然不对")])
    third = read_roster(errors_again)
    assert third.headers == sheet.headers + [ERROR_REASON_HEADER]
    assert third.rows[0].raw[-1] == "仍然不对"


def test_error_workbook_keeps_untitled_columns_and_long_sheet_names(tmp_path: Path):
    source = save_rows(tmp_path / "s.xlsx", [["姓名", None, "身份证号码"], ["张三", "x", "1"]],
                       sheet_name="2024年第一期家政服务员培训班学员名单（终稿）")
    sheet = read_roster(source)
    errors = tmp_path / "e.xlsx"
    write_error_workbook(errors, sheet, [(sheet.rows[0], "原因")])
    again = read_roster(errors)
    assert again.headers == ["姓名", "", "身份证号码", ERROR_REASON_HEADER]
    assert again.rows[0].raw == ["张三", "x", "1", "原因"]
    assert len(again.sheet_name) <= 31


# ----------------------------------------------------------------------------- export


def test_export_round_trip(tmp_path: Path):
    rows = [person(1), person(2, name="买买提·艾力", key_groups=None, bank_account=None, id_number="00012345"),
            person(3, name="  张　三  ", phone=None)]
    path = tmp_path / "export.xlsx"

    write_roster(path, rows, title="2024 年第一期 学员花名册")

    sheet = read_roster(path)
    assert sheet.header_row == 2 and sheet.headers == template_headers()
    assert [row.values for row in sheet.rows] == [
        {key: (value.strip() if value else value) for key, value in row.items()} for row in rows]
    assert all(row.problems == [] for row in sheet.rows)
    ws = load_workbook(path).active
    assert ws["A1"].value == "2024 年第一期 学员花名册"
    assert ws[f"{LETTER['id_number']}3"].number_format == "@"
    assert ws[f"{LETTER['bank_account']}3"].number_format == "@"
    assert ws[f"{LETTER['id_number']}4"].value == "00012345"  # leading zeros survive as text
    assert_no_formulas(path)


def test_export_ignores_keys_that_are_not_columns(tmp_path: Path):
    path = tmp_path / "export.xlsx"
    write_roster(path, [dict(person(1), trainee_id="42")], title="t")
    assert read_roster(path).rows[0].values == person(1)


# ----------------------------------------------------------------------------- formula injection


def test_no_writer_produces_a_formula(tmp_path: Path):
    rows = [person(i, name=text, ethnicity=text, bank_name=text, id_number=text) for i, text in enumerate(INJECTIONS)]
    export = tmp_path / "export.xlsx"
    write_roster(export, rows, title="=HYPERLINK(\"http://x\",\"title\")")
    assert_no_formulas(export)
    sheet = read_roster(export)
    for row, text in zip(sheet.rows, INJECTIONS):
        assert row.values["ethnicity"] == text.strip() and row.values["bank_name"] == text.strip()
        assert row.problems == []
    assert load_workbook(export).active["A1"].value == '=HYPERLINK("http://x","title")'

    errors = tmp_path / "errors.xlsx"
    write_error_workbook(errors, sheet, [(row, text) for row, text in zip(sheet.rows, INJECTIONS)])
    assert_no_formulas(errors)
    again = read_roster(errors)
    assert [row.raw for row in again.rows] == [row.raw + [text] for row, text in zip(sheet.rows, INJECTIONS)]

    template = tmp_path / "template.xlsx"
    write_roster_template(template, key_group_names=INJECTIONS, id_type_names=["=1+1", "@A1"])
    assert_no_formulas(template)
    lists = load_workbook(template)["下拉清单"]
    assert [cell.value for cell in lists["A"][1:3]] == ["=1+1", "@A1"]


def test_formula_like_cells_are_marked_text_for_excel(tmp_path: Path):
    path = tmp_path / "export.xlsx"
    write_roster(path, [person(1, ethnicity="=1+1")], title="t")
    ws = load_workbook(path).active
    cell = ws[f"{LETTER['ethnicity']}3"]
    assert cell.data_type == "s" and cell.quotePrefix  # Excel keeps it text even when edited
    with zipfile.ZipFile(path) as archive:
        assert 'quotePrefix="1"' in archive.read("xl/styles.xml").decode()
