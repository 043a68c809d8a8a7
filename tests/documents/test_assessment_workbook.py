"""Assessment results sheets as staff make them (real .xlsx and CSV files), and reading scores and results."""

from __future__ import annotations

import functools
import io
import os
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from desktop_app.documents.assessment_workbook import (
    ASSESSMENT_SHEET,
    AssessmentFileError,
    AssessmentSheet,
    read_assessments,
    template_headers,
    write_assessment_template,
)
from desktop_app.domain.assessment import (
    AssessmentValueError,
    format_score,
    is_absent,
    parse_result,
    parse_retake,
    parse_score,
)
from desktop_app.messages import Problem

ID_1 = "11010519491231002X"
ID_2 = "440524188001010014"
FUZZ = settings(max_examples=int(os.environ.get("ASSESSMENT_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def xlsx(path: Path, rows, *, title_rows=(), merge_title: str | None = None) -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "成绩"
    for title in title_rows:
        ws.append([title])
    if merge_title:
        ws.merge_cells(merge_title)
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


def refusal(source, **kwargs) -> AssessmentFileError:
    with pytest.raises(AssessmentFileError) as caught:
        read_assessments(source, **kwargs)
    error = caught.value
    assert "{" not in error.message("zh") and "{" not in error.message("en")
    return error


def texts(sheet: AssessmentSheet) -> list[tuple]:
    return [(r.row_number, r.name, r.id_number, r.theory_text, r.practical_text, r.result_text, r.retake_text)
            for r in sheet.rows]


# ----------------------------------------------------------------------------- reading .xlsx


def test_our_headers_under_a_merged_title(tmp_path: Path):
    path = xlsx(tmp_path / "成绩.xlsx", [
        ["姓名", "身份证号码", "理论成绩", "实操成绩", "考核结果", "补考"],
        ["张三", ID_1, 85, 90.5, "合格", None],
        ["李四", ID_2, "缺考", None, "不合格", "是"],
    ], title_rows=["2024 年第一期家政服务员培训班考核成绩", None], merge_title="A1:F1")
    sheet = read_assessments(path)
    assert (sheet.sheet_name, sheet.header_row, sheet.file_format) == ("成绩", 3, "xlsx")
    assert sheet.columns == {"name": 1, "id_number": 2, "theory": 3, "practical": 4, "result": 5, "retake": 6}
    assert texts(sheet) == [(4, "张三", ID_1, "85", "90.5", "合格", None),
                            (5, "李四", ID_2, "缺考", None, "不合格", "是")]
    assert all(row.problems == [] for row in sheet.rows)


@pytest.mark.parametrize("headers", [
    ["学员姓名", "身份证号", "理论", "实操", "结果", "是否补考"],
    ["姓 名", "证件号码", "理论考试成绩", "操作成绩", "是否合格", "补考"],
    ["姓名", "公民身份号码", "应知成绩", "技能成绩", "考核结论", "补考"],
    ["姓名", "身份证件号码", "理论分数", "应会成绩", "成绩评定", "补考"],
    ["姓名", "*身份证号码（必填）", "理论成绩", "实操考试成绩", "考核结果", "补考"],
    ["姓名", "身份证号码", "理论成绩：", "实际操作成绩", "考核结果", "补考"],
    ["姓名", "身份证号码", "理论成绩（必填）", "＊实操", "考核 结果", "补考"],
])
def test_synonyms_and_folded_headers(tmp_path: Path, headers):
    path = xlsx(tmp_path / "s.xlsx", [headers, ["张三", ID_1, 60, 70, "通过", "否"]])
    sheet = read_assessments(path)
    assert sheet.columns == {"name": 1, "id_number": 2, "theory": 3, "practical": 4, "result": 5, "retake": 6}
    assert texts(sheet) == [(2, "张三", ID_1, "60", "70", "通过", "否")]


def test_extra_columns_are_ignored_and_any_one_result_column_is_enough(tmp_path: Path):
    path = xlsx(tmp_path / "s.xlsx", [
        ["序号", "考生号", "身份证号码", "性别", "实操成绩", "备注"],
        [1, "A001", ID_1, "男", 88, "—"],
        [2, "A002", ID_2, "女", 59.5, None],
    ])
    sheet = read_assessments(path)
    assert sheet.columns == {"id_number": 3, "practical": 5}
    assert sheet.ignored_headers == ["序号", "考生号", "性别", "备注"]
    assert texts(sheet) == [(2, None, ID_1, None, "88", None, None), (3, None, ID_2, None, "59.5", None, None)]


def test_a_numeric_identity_cell_is_a_row_problem(tmp_path: Path):
    path = xlsx(tmp_path / "s.xlsx", [
        ["姓名", "身份证号码", "理论成绩"],
        ["张三", 1.1010519491231002e17, 80],  # what Excel keeps of 110105194912310020 typed into a General cell
        ["李四", ID_2, 90],
    ])
    first, second = read_assessments(path).rows
    assert first.id_number == "1.1010519491231E+17"
    assert [(p.code, p.params["cell"], p.params["column"]) for p in first.problems] == [
        ("assessment.cell_number", "B2", "身份证号码")]
    assert "1.1010519491231E+17" in first.problems[0].message("zh")
    assert second.problems == []


def test_formulas_and_error_values_are_row_problems(tmp_path: Path):
    path = xlsx(tmp_path / "s.xlsx", [
        ["姓名", "身份证号码", "理论成绩", "实操成绩", "考核结果"],
        ["张三", ID_1, "=AVERAGE(80,90)", 90, '=IF(C2>=60,"合格","不合格")'],
        ["李四", ID_2, "#N/A", 90, "合格"],
    ])
    first, second = read_assessments(path).rows
    assert [(p.code, p.params["cell"]) for p in first.problems] == [("assessment.cell_formula", "C2"),
                                                                     ("assessment.cell_formula", "E2")]
    assert first.theory_text == "=AVERAGE(80,90)"
    assert [(p.code, p.params["value"]) for p in second.problems] == [("assessment.cell_error", "#N/A")]


def test_rows_without_identity_and_rows_with_nothing_entered(tmp_path: Path):
    path = xlsx(tmp_path / "s.xlsx", [
        ["姓名", "身份证号码", "理论成绩", "实操成绩", "考核结果", "补考"],
        ["张三", ID_1, 80, None, None, None],
        ["李四", ID_2, None, None, None, None],  # pre-filled, not yet assessed
        ["王五", None, 75, 80, None, None],
        [None, None, None, None, None, None],
        ["赵六", ID_1, None, None, None, "是"],
    ])
    sheet = read_assessments(path)
    assert [row.row_number for row in sheet.rows] == [2, 4, 6]
    assert sheet.unfilled_rows == [3]
    assert [(p.code, p.params) for p in sheet.rows[1].problems] == [("assessment.row_no_id", {"row": 4, "cell": "B4"})]
    assert sheet.rows[2].retake_text == "是"


def test_a_sheet_where_nothing_was_entered_is_refused(tmp_path: Path):
    path = xlsx(tmp_path / "s.xlsx", [["姓名", "身份证号码", "理论成绩"], ["张三", ID_1, None], ["李四", ID_2]])
    error = refusal(path)
    assert error.code == "assessment.no_results" and error.params == {"file": "s.xlsx", "count": 2}


@pytest.mark.parametrize(("rows", "code"), [
    ([["姓名", "身份证号码", "备注"], ["张三", ID_1, "x"]], "assessment.no_header"),  # no result column
    ([["姓名", "理论成绩", "实操成绩"], ["张三", 80, 90]], "assessment.no_header"),  # no identity column
    ([["身份证号码", "理论成绩", "理论"], [ID_1, 80, 80]], "assessment.duplicate_column"),
    ([["身份证号码", "理论成绩"], [None, None]], "assessment.empty"),
])
def test_header_refusals(tmp_path: Path, rows, code):
    error = refusal(xlsx(tmp_path / "s.xlsx", rows))
    assert error.code == code


def test_too_many_rows(tmp_path: Path):
    path = xlsx(tmp_path / "s.xlsx", [["身份证号码", "理论成绩"]] + [[ID_1, 80]] * 6)
    assert refusal(path, max_rows=5).params["limit"] == 5


def test_bytes_with_a_name_and_a_hidden_old_sheet(tmp_path: Path):
    workbook = Workbook()
    old = workbook.active
    old.title = "上期"
    old.append(["身份证号码", "理论成绩"])
    old.append([ID_2, 10])
    old.sheet_state = "hidden"
    new = workbook.create_sheet("本期")
    new.append(["身份证号码", "理论成绩"])
    new.append([ID_1, 99.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = read_assessments(buffer.getvalue(), name="成绩.xlsx")
    assert sheet.sheet_name == "本期" and texts(sheet) == [(2, None, ID_1, "99.5", None, None, None)]


# ----------------------------------------------------------------------------- reading CSV


@pytest.mark.parametrize(("encoding", "label"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("gbk", "gb18030")])
def test_csv_in_the_encodings_staff_save(tmp_path: Path, encoding: str, label: str):
    path = tmp_path / "成绩.csv"
    path.write_bytes("考核成绩表,,\n姓名,身份证号码,理论成绩,实操成绩,考核结果\n张三,11010519491231002X,85.5,缺考,不合格\n"
                     "\n李四,=\"440524188001010014\",90,88,合格\n".encode(encoding))
    sheet = read_assessments(path)
    assert (sheet.file_format, sheet.encoding, sheet.sheet_name, sheet.header_row) == ("csv", label, None, 2)
    assert texts(sheet) == [(3, "张三", ID_1, "85.5", "缺考", "不合格", None),
                            (5, "李四", ID_2, "90", "88", "合格", None)]


def test_tab_separated_text_and_a_scientific_identity(tmp_path: Path):
    path = tmp_path / "成绩.txt"
    path.write_bytes("学员姓名\t身份证号\t理论\n张三\t1.10105E+17\t80\n".encode("utf-16"))
    sheet = read_assessments(path)
    assert sheet.encoding == "utf-16"
    assert [p.code for p in sheet.rows[0].problems] == ["assessment.cell_number"]


@pytest.mark.parametrize(("data", "code"), [
    (b"", "assessment.empty_file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "assessment.xls_format"),
    (b"<html><table><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table></html>", "assessment.xls_format"),
    (b"\x00\x01\x02\x03" * 100, "assessment.not_workbook"),
    (b"PK\x03\x04" + b"\x00" * 100, "assessment.not_workbook"),
    ("姓名,电话\n张三,138\n".encode(), "assessment.no_header"),
])
def test_files_that_are_no_results_table(data: bytes, code: str):
    assert refusal(data, name="x").code == code


def test_a_missing_file_is_unreadable(tmp_path: Path):
    error = refusal(tmp_path / "没有.xlsx")
    assert error.code == "assessment.unreadable" and error.params["file"] == "没有.xlsx"


# ----------------------------------------------------------------------------- the template


def test_template_round_trip(tmp_path: Path):
    path = tmp_path / "模板.xlsx"
    write_assessment_template(path, trainees=[("张三", ID_1), ("=HYPERLINK(\"x\")", ID_2), ("王五", "110101200001011234")])
    workbook = load_workbook(path)
    assert workbook.sheetnames == [ASSESSMENT_SHEET, "填写说明"]
    ws = workbook[ASSESSMENT_SHEET]
    assert [cell.value for cell in ws[2]] == template_headers() == ["姓名", "*身份证号码", "理论成绩", "实操成绩",
                                                                     "考核结果", "补考"]
    assert ws["B3"].number_format == "@" and ws["B400"].number_format == "@"
    assert ws["A4"].data_type == "s"  # a formula-like name stays text
    assert {str(v.sqref) for v in ws.data_validations.dataValidation} >= {"E3:E502", "F3:F502"}
    assert any("缺考" in (cell.value or "") for cell in workbook["填写说明"]["A"])
    ws["C3"], ws["D3"], ws["E3"] = 85.5, "90", "合格"
    ws["C4"], ws["D4"], ws["F4"] = "缺考", 70, "是"
    workbook.save(path)

    sheet = read_assessments(path)
    assert sheet.header_row == 2 and sheet.ignored_headers == []
    assert texts(sheet) == [(3, "张三", ID_1, "85.5", "90", "合格", None),
                            (4, '=HYPERLINK("x")', ID_2, "缺考", "70", None, "是")]
    assert sheet.unfilled_rows == [5]
    assert all(row.problems == [] for row in sheet.rows)


def test_an_empty_template_reads_as_nothing_entered(tmp_path: Path):
    path = tmp_path / "空.xlsx"
    write_assessment_template(path)
    assert refusal(path).code == "assessment.empty"


# ----------------------------------------------------------------------------- scores, results, retakes


@pytest.mark.parametrize(("text", "tenths"), [
    ("85", 850), ("85.5", 855), ("８５", 850), ("８５．５", 855), (" 85 ", 850), ("85分", 850), ("85.0", 850),
    ("100", 1000), ("100.0", 1000), ("0", 0), ("0.5", 5), (".5", 5), ("60.", 600), ("+70", 700), ("-0", 0),
    ("59.50", 595), ("", None), ("  ", None), (None, None),
])
def test_parse_score(text, tenths):
    assert parse_score(text) == tenths


@pytest.mark.parametrize(("text", "code"), [
    ("-1", "assessment.score_negative"), ("－5", "assessment.score_negative"), ("\u22123", "assessment.score_negative"),
    ("100.5", "assessment.score_too_high"), ("101", "assessment.score_too_high"), ("850", "assessment.score_too_high"),
    ("85.55", "assessment.score_too_precise"), ("0.05", "assessment.score_too_precise"),
    ("abc", "assessment.score_unreadable"), ("八十五", "assessment.score_unreadable"),
    ("1e2", "assessment.score_unreadable"), ("85.5.5", "assessment.score_unreadable"),
    (".", "assessment.score_unreadable"), ("85%", "assessment.score_unreadable"), ("合格", "assessment.score_unreadable"),
    ("=AVERAGE(1,2)", "assessment.score_unreadable"), ("٨٥", "assessment.score_unreadable"),
])
def test_bad_scores_are_refused_with_a_code_echoing_the_value(text, code):
    with pytest.raises(AssessmentValueError) as caught:
        parse_score(text)
    assert caught.value.code == code
    assert caught.value.params == {"value": text.strip()}
    assert text.strip() in caught.value.message("zh") and text.strip() in caught.value.message("en")


@pytest.mark.parametrize("text", ["缺考", " 缺考 ", "缺席", "未参加", "弃考", "Absent"])
def test_absent_is_no_score_with_a_distinct_note(text):
    notes: list[Problem] = []
    assert parse_score(text, notes=notes) is None
    assert is_absent(text)
    assert [(note.code, note.params) for note in notes] == [("assessment.score_absent", {"value": text.strip()})]
    assert parse_score(text) is None  # without a notes list the note is simply not kept
    assert parse_result(text) is None


def test_empty_is_not_absent():
    notes: list[Problem] = []
    assert parse_score("", notes=notes) is None and notes == [] and not is_absent("") and not is_absent(None)


@given(st.integers(min_value=0, max_value=1000), st.booleans())
def test_every_score_reads_back_from_its_display(tenths: int, full_width: bool):
    text = format_score(tenths)
    if full_width:
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})
    assert parse_score(text) == tenths


@given(st.text(max_size=12))
def test_parse_score_answers_or_refuses_with_a_code(text: str):
    try:
        result = parse_score(text)
    except AssessmentValueError as error:
        assert error.code.startswith("assessment.score_") and error.message("en")
    else:
        assert result is None or 0 <= result <= 1000


@pytest.mark.parametrize(("text", "result"), [
    ("合格", "pass"), ("通过", "pass"), ("及格", "pass"), ("是", "pass"), ("pass", "pass"), ("PASS", "pass"),
    (" 合 格 ", "pass"), ("优秀", "pass"), ("良好", "pass"), ("√", "pass"), ("Ｐａｓｓ", "pass"),
    ("不合格", "fail"), ("未通过", "fail"), ("不及格", "fail"), ("否", "fail"), ("fail", "fail"), ("Failed", "fail"),
    ("×", "fail"), ("", None), (None, None),
])
def test_parse_result(text, result):
    assert parse_result(text) == result


@pytest.mark.parametrize("text", ["待定", "85", "良", "合格?"])
def test_unknown_result_words_are_refused(text):
    with pytest.raises(AssessmentValueError) as caught:
        parse_result(text)
    assert caught.value.code == "assessment.result_unreadable" and caught.value.params == {"value": text}


@pytest.mark.parametrize(("text", "retake"), [
    ("是", True), ("补考", True), ("Y", True), ("√", True), ("1", True), ("否", False), ("", False), (None, False),
    ("无", False), ("N", False), ("×", False), ("0", False), ("首考", False),
])
def test_parse_retake(text, retake):
    assert parse_retake(text) is retake


def test_unknown_retake_words_are_refused():
    with pytest.raises(AssessmentValueError) as caught:
        parse_retake("第二次")
    assert caught.value.code == "assessment.retake_unreadable"


# ----------------------------------------------------------------------------- fuzz


def read_or_refuse(data: bytes) -> AssessmentSheet | None:
    try:
        return read_assessments(data, name="fuzz")
    except AssessmentFileError as error:
        assert error.message("zh") and error.message("en")
        return None


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_raise_only_the_file_error(data: bytes):
    read_or_refuse(data)


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes_behind_a_zip_or_ole_signature(tail: bytes):
    for head in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"):
        assert read_or_refuse(head + tail) is None or head in (b"\xef\xbb\xbf", b"\xff\xfe")


@FUZZ
@given(st.lists(st.lists(st.sampled_from(["身份证号码", "理论成绩", "考核结果", "姓名", ID_1, "85", "缺考", "",
                                          '"', "=\"1\"", "合格", "x"]), max_size=6), max_size=8),
       st.sampled_from([",", "\t", ";"]), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_csv_tables(rows, delimiter, encoding):
    text = "\n".join(delimiter.join(row) for row in rows)
    sheet = read_or_refuse(text.encode(encoding))
    if sheet is not None:
        assert sheet.file_format == "csv" and sheet.rows
        assert all(row.id_number or row.problems for row in sheet.rows)


@functools.cache
def _valid_workbook() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    ws = workbook.active
    ws.append(["考核成绩"])
    ws.append(["姓名", "身份证号码", "理论成绩", "实操成绩", "考核结果"])
    ws.append(["张三", ID_1, 85, "=C3", "合格"])
    ws.append(["李四", 1.1e17, datetime(2024, 5, 6), True, "#N/A"])
    workbook.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(st.integers(min_value=0), st.integers(min_value=0, max_value=255))
def test_a_flipped_byte_in_a_real_workbook(position: int, value: int):
    data = bytearray(_valid_workbook())
    data[position % len(data)] = value
    read_or_refuse(bytes(data))


@FUZZ
@given(st.dictionaries(st.sampled_from(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                        "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                                        "xl/sharedStrings.xml", "xl/styles.xml"]),
                       st.binary(max_size=200), max_size=7))
def test_random_packages(parts: dict[str, bytes]):
    with zipfile.ZipFile(io.BytesIO(_valid_workbook())) as archive:
        base = {name: archive.read(name) for name in archive.namelist()}
    base.update(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in base.items():
            archive.writestr(name, content)
    read_or_refuse(buffer.getvalue())
