"""Attendance files as machines, platforms and people make them: real .xlsx and CSV files in tmp_path."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop_app.documents.attendance_files import (
    ONLINE,
    PUNCHES,
    AttendanceFile,
    AttendanceFileError,
    read_attendance_file,
)

ID_1 = "32010219900307123X"
ID_2 = "320102198511200016"
FUZZ = settings(max_examples=int(os.environ.get("ATTENDANCE_FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def xlsx(path: Path, rows, *, title_rows=(), text_columns=(), hidden_first: list | None = None) -> Path:
    """A workbook as a person makes it in Excel; `text_columns` (1-based) are formatted as Text."""
    workbook = Workbook()
    ws = workbook.active
    if hidden_first is not None:
        ws.title = "旧数据"
        for row in hidden_first:
            ws.append(row)
        ws.sheet_state = "hidden"
        ws = workbook.create_sheet("考勤")
    for title in title_rows:
        ws.append([title])
    for row in rows:
        ws.append(list(row))
    for column in text_columns:
        for (cell,) in ws.iter_rows(min_col=column, max_col=column):
            cell.number_format = "@"
    workbook.save(path)
    return path


def csv_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def refusal(source, **kwargs) -> AttendanceFileError:
    with pytest.raises(AttendanceFileError) as caught:
        read_attendance_file(source, **kwargs)
    error = caught.value
    assert error.message("zh") and error.message("en")
    return error


# ----------------------------------------------------------------------------- punches


def test_punches_workbook_with_title_rows_and_datetime_cells(tmp_path):
    path = xlsx(tmp_path / "打卡.xlsx", [
        ["身份证号", "姓名", "打卡时间", "设备"],
        [ID_1, "张三", datetime(2024, 5, 6, 8, 25, 3), "1号机"],
        [],
        [ID_2, "阿依古丽·买买提", datetime(2024, 5, 6, 8, 31), "1号机"],
        [ID_1, "张三", datetime(2024, 5, 6, 0, 0), None],
    ], title_rows=["鼓楼区职业技能培训学校考勤记录", "导出时间：2024-05-07"])
    result = read_attendance_file(path)
    assert isinstance(result, AttendanceFile)
    assert result.kind == PUNCHES
    assert result.header_row == 3
    assert result.columns == {"id_number": 1, "name": 2, "time": 3, "source": 4}
    assert result.unit_hint is None
    assert result.file_format == "xlsx" and result.sheet_name == "Sheet"
    assert [(r.row_number, r.person, r.person_kind, r.name, r.time_text, r.source) for r in result.rows] == [
        (4, ID_1, "id_number", "张三", "2024-05-06 08:25:03", "1号机"),
        (6, ID_2, "id_number", "阿依古丽·买买提", "2024-05-06 08:31:00", "1号机"),
        (7, ID_1, "id_number", "张三", "2024-05-06 00:00:00", None),  # midnight is still a moment
    ]
    assert all(row.problems == [] and row.amount_text is None for row in result.rows)


def test_punches_with_separate_date_and_time_columns_are_joined(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [
        ["序号", "学号", "姓名", "日期", "时间", "机器号"],
        [1, 7, "张三", date(2024, 5, 6), time(8, 25), 3],
        [2, "012", "李四", "2024/5/6", "13:31:07", 3],
        [3, 9, "王五", date(2024, 5, 6), datetime(2024, 5, 6, 16, 50), 3],  # a full date-time stays as it is
    ])
    result = read_attendance_file(path)
    assert result.kind == PUNCHES
    assert result.columns["roll_no"] == 2  # 学号 wins over 序号, the row counter
    assert result.columns["date"] == 4 and result.columns["time"] == 5
    assert [(r.person, r.person_kind, r.time_text, r.source) for r in result.rows] == [
        ("7", "roll_no", "2024-05-06 08:25:00", "3"),
        ("012", "roll_no", "2024/5/6 13:31:07", "3"),
        ("9", "roll_no", "2024-05-06 16:50:00", "3"),
    ]


def test_a_numeric_id_cell_is_a_row_problem(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [
        ["身份证号码", "刷卡时间"],
        [320102199003071234, "2024-05-06 08:25"],
        [ID_1, "2024-05-06 08:26"],
    ])
    first, second = read_attendance_file(path).rows
    assert first.person == "3.20102199003071E+17"
    assert [problem.code for problem in first.problems] == ["roster.cell_number"]
    assert first.problems[0].params["cell"] == "A2"
    assert "3.20102199003071E+17" in first.problems[0].message()
    assert second.problems == []


def test_formula_and_error_cells_are_row_problems(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [["证件号码", "考勤时间"], [ID_1, "=A1+1"], [ID_2, "#N/A"]])
    rows = read_attendance_file(path).rows
    assert [problem.code for problem in rows[0].problems] == ["roster.cell_formula"]
    assert [problem.code for problem in rows[1].problems] == ["roster.cell_error"]


def test_an_id_column_wins_over_a_roll_column_and_roll_numbers_fill_gaps(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [
        ["工号", "身份证号", "卡号", "签到时间"],
        ["001", ID_1, "8812345", "2024-05-06 08:25"],
        ["002", None, "8812346", "2024-05-06 08:26"],
    ])
    result = read_attendance_file(path)
    assert result.columns["id_number"] == 2  # 身份证号 over 卡号
    assert [(row.person, row.person_kind) for row in result.rows] == [(ID_1, "id_number"), ("002", "roll_no")]


def test_rows_without_person_or_time_carry_problems_and_totals_are_skipped(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [
        ["身份证号", "姓名", "打卡时间"],
        [ID_1, "张三", None],
        [None, "李四", "2024-05-06 08:25"],
        [None, "合计", None],
    ])
    rows = read_attendance_file(path).rows
    assert [(row.row_number, [problem.code for problem in row.problems]) for row in rows] == [
        (2, ["attendance.row_no_time"]), (3, ["attendance.row_no_person"])]
    assert rows[1].person == ""
    assert rows[0].problems[0].params == {"row": 2, "cell": "Sheet!C2"}


def test_a_visible_sheet_wins_over_a_hidden_one(tmp_path):
    old = [["身份证号", "打卡时间"], [ID_2, "2020-01-01 08:00"]]
    path = xlsx(tmp_path / "p.xlsx", [["身份证号", "打卡时间"], [ID_1, "2024-05-06 08:25"]], hidden_first=old)
    result = read_attendance_file(path)
    assert result.sheet_name == "考勤" and result.rows[0].person == ID_1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_punches_csv_in_every_encoding_and_delimiter(tmp_path, encoding, delimiter):
    lines = [["2024年5月考勤记录"], [], ["考勤号", "姓名", "打卡时间", "设备"],
             ["7", "张三", "2024-05-06 08:25:00", "大门"], ["12", "李四", "2024/5/6 8:31", "大门"]]
    text = "\r\n".join(delimiter.join(line) for line in lines) + "\r\n"
    result = read_attendance_file(csv_file(tmp_path / "考勤.csv", text, encoding))
    assert result.kind == PUNCHES and result.file_format == "csv"
    assert result.encoding == ("utf-8" if encoding.startswith("utf-8") else "gb18030")
    assert result.header_row == 3
    assert [(r.row_number, r.person, r.person_kind, r.name, r.time_text, r.source) for r in result.rows] == [
        (4, "7", "roll_no", "张三", "2024-05-06 08:25:00", "大门"),
        (5, "12", "roll_no", "李四", "2024/5/6 8:31", "大门"),
    ]


def test_csv_with_separate_date_and_time_and_quoted_fields(tmp_path):
    text = ('身份证号,姓名,日期,时间\n'
            f'"{ID_1}","张三",2024-05-06,08:25\n'
            f'="{ID_2}","李, 四",2024-05-06,"13:30"\n')
    rows = read_attendance_file(csv_file(tmp_path / "a.csv", text)).rows
    assert [(row.person, row.name, row.time_text) for row in rows] == [
        (ID_1, "张三", "2024-05-06 08:25"), (ID_2, "李, 四", "2024-05-06 13:30")]


def test_an_id_that_excel_turned_into_a_number_before_saving_as_csv(tmp_path):
    text = "身份证号,打卡时间\n3.20102E+17,2024-05-06 08:25\n"
    (row,) = read_attendance_file(csv_file(tmp_path / "a.csv", text)).rows
    assert row.person == "3.20102E+17"
    assert [problem.code for problem in row.problems] == ["roster.cell_number"]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    text = "身份证号\t打卡时间\r\n" + f"{ID_1}\t2024-05-06 08:25\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = read_attendance_file(path)
    assert result.encoding == "utf-16" and result.rows[0].person == ID_1


def test_bytes_with_a_name(tmp_path):
    data = "身份证号,打卡时间\n" f"{ID_1},2024-05-06 08:25\n"
    result = read_attendance_file(data.encode(), name="考勤.csv")
    assert result.rows[0].time_text == "2024-05-06 08:25"
    error = refusal(b"", name="\u8003\u52e4.csv")
    assert "考勤.csv" in error.message()


# ----------------------------------------------------------------------------- online hours


def test_online_hours_workbook_with_minutes_in_the_header(tmp_path):
    path = xlsx(tmp_path / "线上.xlsx", [
        ["身份证号码", "姓名", "学习时长（分钟）", "学习平台"],
        [ID_1, "张三", 90, "职业技能提升平台"],
        [ID_2, "李四", 125.5, "职业技能提升平台"],
    ], title_rows=["线上学习学时统计"], text_columns=[1])
    result = read_attendance_file(path)
    assert result.kind == ONLINE and result.unit_hint == "minutes"
    assert result.columns == {"id_number": 1, "name": 2, "amount": 3, "source": 4}
    assert [(r.person, r.person_kind, r.amount_text, r.source, r.time_text) for r in result.rows] == [
        (ID_1, "id_number", "90", "职业技能提升平台", None),
        (ID_2, "id_number", "125.5", "职业技能提升平台", None),
    ]


@pytest.mark.parametrize(("header", "unit"), [
    ("在线学时(h)", "hours"), ("在线学时（小时）", "hours"), ("时长(min)", "minutes"), ("学习时长/分钟", "minutes"),
    ("小时", "hours"), ("分钟", "minutes"), ("学时", None), ("线上学时", None), ("时长[H]", "hours"),
])
def test_the_unit_comes_from_the_amount_header(tmp_path, header, unit):
    text = f"身份证号,{header},来源\n{ID_1},2.5,平台A\n"
    result = read_attendance_file(csv_file(tmp_path / "o.csv", text))
    assert result.kind == ONLINE and result.unit_hint == unit
    assert result.rows[0].amount_text == "2.5" and result.rows[0].source == "平台A"


def test_online_rows_keep_their_date_and_report_a_missing_amount(tmp_path):
    text = f"日期,证件号码,在线学时\n2024-05-06,{ID_1},3\n2024-05-07,{ID_1},\n"
    rows = read_attendance_file(csv_file(tmp_path / "o.csv", text, "gbk")).rows
    assert [(row.time_text, row.amount_text) for row in rows] == [("2024-05-06", "3"), ("2024-05-07", None)]
    assert [problem.code for problem in rows[1].problems] == ["attendance.row_no_amount"]


# ----------------------------------------------------------------------------- refusals


def test_no_recognisable_header_names_what_each_kind_needs(tmp_path):
    error = refusal(xlsx(tmp_path / "p.xlsx", [["姓名", "电话"], ["张三", "13812345678"]]))
    assert error.code == "attendance.no_header"
    zh, en = error.message("zh"), error.message("en")
    for word in ("身份证号", "学号", "打卡时间", "学时", "小时"):
        assert word in zh
    assert "punch-time column" in en and "amount column" in en
    assert "“Sheet”" in zh
    # A roll number with an amount is no online file: online hours need the identity number.
    assert refusal(csv_file(tmp_path / "o.csv", "学号,学时\n1,2\n")).code == "attendance.no_header"


def test_a_header_below_the_scan_limit_is_not_found(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [["身份证号", "打卡时间"], [ID_1, "2024-05-06 08:25"]],
                title_rows=[f"说明 {n}" for n in range(25)])
    assert refusal(path).code == "attendance.no_header"


def test_both_a_time_and_an_amount_column_is_ambiguous(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [["身份证号", "打卡时间", "学时"], [ID_1, "2024-05-06 08:25", 4]])
    error = refusal(path)
    assert error.code == "attendance.ambiguous"
    assert "B1“打卡时间”" in error.message() and "C1“学时”" in error.message()
    assert refusal(csv_file(tmp_path / "a.csv", "证件号码,日期,时间,时长\n")).code == "attendance.ambiguous"


def test_two_columns_meaning_the_same_are_refused(tmp_path):
    error = refusal(csv_file(tmp_path / "a.csv", f"身份证号,证件号码,打卡时间\n{ID_1},{ID_1},2024-05-06 08:25\n"))
    assert error.code == "attendance.duplicate_column"
    assert "A1“身份证号”" in error.message() and "B1“证件号码”" in error.message()


def test_empty_files_are_refused(tmp_path):
    assert refusal(csv_file(tmp_path / "a.csv", "")).code == "attendance.empty_file"
    assert refusal(csv_file(tmp_path / "b.csv", "\ufeff\r\n  \r\n")).code == "attendance.empty_file"
    header_only = refusal(xlsx(tmp_path / "c.xlsx", [["身份证号", "打卡时间"], [], [None, None]]))
    assert header_only.code == "attendance.empty"
    assert refusal(csv_file(tmp_path / "d.csv", "身份证号,打卡时间\n,,\n")).code == "attendance.empty"


def test_garbage_and_other_formats_are_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert refusal(png, name="photo.csv").code == "attendance.not_table"
    assert refusal(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>\x00\x01\x02stream\n").code == "attendance.not_table"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert refusal(ole, name="考勤.xls").code == "attendance.xls_format"
    encrypted = ole + "EncryptionInfo".encode("utf-16-le")
    assert refusal(encrypted).code == "attendance.password_protected"
    html = b"<html><body><table><tr><td>\xe8\x80\x83</td></tr></table></body></html>"
    assert refusal(html, name="考勤.xls").code == "attendance.xls_format"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refusal(buffer.getvalue(), name="a.docx").code == "attendance.not_table"


def test_a_damaged_workbook_is_refused(tmp_path):
    data = xlsx(tmp_path / "p.xlsx", [["身份证号", "打卡时间"], [ID_1, "2024-05-06 08:25"]]).read_bytes()
    assert refusal(data[: len(data) // 2]).code == "attendance.damaged"


def test_an_unreadable_path_is_refused(tmp_path):
    error = refusal(tmp_path / "没有这个文件.csv")
    assert error.code == "attendance.unreadable" and "没有这个文件.csv" in error.message()


def test_too_many_rows_are_refused(tmp_path):
    text = "身份证号,打卡时间\n" + "".join(f"{ID_1},2024-05-06 08:{n % 60:02d}\n" for n in range(11))
    assert len(read_attendance_file(text.encode(), max_rows=11).rows) == 11
    assert refusal(text.encode(), max_rows=10).code == "attendance.too_many_rows"


# ----------------------------------------------------------------------------- fuzz


def read_or_refuse(data: bytes) -> AttendanceFile | None:
    try:
        result = read_attendance_file(data, name="fuzz")
    except AttendanceFileError as error:
        assert error.message("zh") and error.message("en")
        return None
    assert result.kind in (PUNCHES, ONLINE) and result.rows
    return result


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_only_ever_raise_attendance_file_error(data):
    read_or_refuse(data)


@FUZZ
@given(st.binary(max_size=512))
def test_arbitrary_bytes_behind_a_known_signature(tail):
    for head in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe", b"\xef\xbb\xbf", b"<html>"):
        read_or_refuse(head + tail)


_PIECES = ["身份证号", "学号", "打卡时间", "日期", "时间", "学时", "学习时长（分钟）", "姓名", "设备", "合计", ID_1,
           "2024-05-06 08:25", "3.2E+17", '="1"', "12", ",", ",", "\t", ";", '"', "\n", "\r\n", "\n", " ", "x", "𠮷"]


@FUZZ
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sampled_from(["utf-8", "utf-8-sig", "gb18030",
                                                                          "utf-16"]))
def test_table_like_text_is_read_or_refused(pieces, encoding):
    read_or_refuse("".join(pieces).encode(encoding))
