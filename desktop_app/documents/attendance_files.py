"""Attendance files from outside: attendance-machine punches and online-learning hours, as .xlsx or CSV.

Two kinds of file come in, told apart by their header row:

* PUNCHES, from attendance machines and ID-card readers: one punch per row, with the person
  (an identity number — 身份证号, 证件号码, 卡号 … — or a roll number — 学号, 考勤号, 工号 …)
  and the time (打卡时间, 刷卡时间 … or separate 日期 and 时间 columns, which are joined);
  optionally 姓名 and the device (设备, 机器号).
* ONLINE, from online-learning platforms: an identity number and an amount of study time
  (学时, 在线学时, 学习时长 …, the unit read from the header when it says 小时/分钟/(h)/(min));
  optionally 来源/平台 and a 日期 column (given as `time_text`).

Nothing is interpreted here beyond finding the columns: the cells come back as the text a
person sees in Excel, trimmed, for the domain (domain/punches.py) to parse and check.

Workbooks go through the shared streaming .xlsx machinery (xlsx_reader.XlsxPackage) and its
cell-to-text rules, except that date-time cells keep their time of day. CSV comes from
attendance machines as UTF-8 (with or without BOM) or GB18030/GBK, and from Excel's "Unicode
text" as UTF-16 with a BOM; the delimiter (comma, tab or semicolon) is sniffed (xlsx_reader's
decode_text, csv_delimiters and csv_rows).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal

from openpyxl.utils import get_column_letter

from desktop_app.documents.xlsx_reader import (
    HEADER_SCAN_ROWS,
    SCIENTIFIC_NUMBER,
    Row,
    SpreadsheetFileError,
    XlsxLimitExceeded,
    cell_text,
    csv_delimiters,
    csv_rows,
    decode_text,
    limit_refusal,
    open_workbook,
    read_source,
    sniff_and_refuse,
    trim_text,
    unwrap_csv_text,
)
from desktop_app.domain.roster_columns import header_key
from desktop_app.messages import Problem, register

__all__ = [
    "EXPECTED_HEADERS",
    "MAX_ROWS",
    "ONLINE",
    "PUNCHES",
    "AttendanceFile",
    "AttendanceFileError",
    "AttendanceRow",
    "read_attendance_file",
]

register(
    {
        "attendance.unreadable": (
            "无法打开文件“{file}”（{reason}）。如果它正在 Excel 或 WPS 中打开，请先关闭再导入。",
            "Cannot open the file “{file}” ({reason}). If it is open in Excel or WPS, close it and import again.",
        ),
        "attendance.empty_file": (
            "文件“{file}”是空的，没有任何内容。请从考勤机或学习平台重新导出后再导入。",
            "The file “{file}” is empty. Export it again from the attendance machine or the learning platform "
            "and import that.",
        ),
        "attendance.not_table": (
            "文件“{file}”不是考勤数据表：只能读取 Excel 工作簿（.xlsx）或 CSV 文本文件（逗号、制表符或分号分隔）。"
            "请从考勤机或学习平台重新导出，或用 Excel/WPS 打开后“另存为”.xlsx 或 CSV 文件再导入。",
            "The file “{file}” is not an attendance table: only Excel workbooks (.xlsx) and CSV text files "
            "(separated by commas, tabs or semicolons) can be read. Export it again from the attendance machine "
            "or learning platform, or open it in Excel/WPS and save it as .xlsx or CSV, then import that.",
        ),
        "attendance.xls_format": (
            "文件“{file}”是旧版 Excel（.xls）或网页格式的表格，本软件只能读取 .xlsx 或 CSV。"
            "请用 Excel 或 WPS 打开它，“另存为”“Excel 工作簿（*.xlsx）”或“CSV（逗号分隔）”后再导入。",
            "The file “{file}” is an old Excel (.xls) or web-page spreadsheet; only .xlsx and CSV can be read. "
            "Open it in Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” or “CSV (Comma delimited)” and "
            "import that.",
        ),
        "attendance.password_protected": (
            "文件“{file}”设置了打开密码（已加密），无法读取。请用 Excel 或 WPS 打开它，取消密码后保存，再导入。",
            "The file “{file}” is protected by an opening password (encrypted) and cannot be read. Open it in "
            "Excel or WPS, remove the password, save and import again.",
        ),
        "attendance.damaged": (
            "文件“{file}”像是 Excel 工作簿，但内容已损坏，无法读取。请用 Excel 或 WPS 打开它，“另存为”一个新的 "
            ".xlsx 文件后再导入，或从考勤机重新导出。",
            "The file “{file}” looks like an Excel workbook but is damaged and cannot be read. Open it in Excel "
            "or WPS and save it as a new .xlsx file, or export it again from the attendance machine.",
        ),
        "attendance.no_header": (
            "文件“{file}”中找不到考勤数据的表头（表头须在前 {scan} 行内）。打卡记录须有人员列（{person}）"
            "和打卡时间列（{time}，也可以是“日期”“时间”两列）；线上学时须有身份证号列（{identity}）和学时列"
            "（{amount}）。已查看：{looked}。请改好表头后再导入。",
            "No attendance header was found in “{file}” (it must be within the first {scan} rows). A file of "
            "punches needs a person column ({person}) and a punch-time column ({time}, or two columns 日期 and "
            "时间); a file of online hours needs an identity-number column ({identity}) and an amount column "
            "({amount}). Looked at: {looked}. Fix the header and import again.",
        ),
        "attendance.ambiguous": (
            "文件“{file}”的表头（{cells}）既有打卡时间列又有学时列，无法判断是考勤机打卡记录还是线上学时。"
            "打卡记录和线上学时请分成两个文件，或删除不用的列后再导入。",
            "The header of “{file}” ({cells}) has both a punch-time column and a study-time column, so it is not "
            "clear whether it holds attendance-machine punches or online hours. Put punches and online hours in "
            "separate files, or delete the column not meant, then import again.",
        ),
        "attendance.duplicate_column": (
            "文件“{file}”的表头中，{cells} 几列都表示“{header}”，无法确定用哪一列。请删除多余的列或改掉它的列名后再导入。",
            "In the header of “{file}”, the columns {cells} all mean “{header}”; it is not clear which to use. "
            "Delete the extra column or rename it, then import again.",
        ),
        "attendance.empty": (
            "文件“{file}”的表头（{cell} 所在行）下面没有考勤数据。",
            "The file “{file}” has a header (the row of {cell}) but no attendance rows under it.",
        ),
        "attendance.too_many_rows": (
            "文件“{file}”超过 {limit} 行考勤数据，一次导入不了这么多。请按月份拆分成几个文件分批导入。",
            "The file “{file}” has more than {limit} attendance rows, too many for one import. Split it by month "
            "into several files and import them one by one.",
        ),
        "attendance.row_no_person": (
            "第 {row} 行没有身份证号或学号（{cell}），无法知道是哪位学员的记录。",
            "Row {row} has no identity number or roll number ({cell}), so it is not known whose record it is.",
        ),
        "attendance.row_no_time": (
            "第 {row} 行没有打卡时间（{cell}）。",
            "Row {row} has no punch time ({cell}).",
        ),
        "attendance.row_no_amount": (
            "第 {row} 行没有学时（{cell}）。",
            "Row {row} has no study time ({cell}).",
        ),
    }
)

PUNCHES = "punches"
ONLINE = "online"
MAX_ROWS = 300_000  # a class of 100 punching 4 times a day for two years is 290 000

Kind = Literal["punches", "online"]
PersonKind = Literal["id_number", "roll_no"]
UnitHint = Literal["hours", "minutes"]

# Header texts by role, as typed (folded with roster_columns.header_key before matching).
# Within a role, an earlier group wins when a file has several (身份证号 over 卡号, 考勤号 over 序号).
_ROLE_HEADERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "id_number": (
        ("身份证号", "身份证号码", "证件号码", "证件号", "身份证", "公民身份号码", "身份证件号码", "身份号码",
         "居民身份证号码", "证件号码(身份证)"),
        ("卡号",),
    ),
    "roll_no": (("考勤号", "考勤号码", "学号", "学员编号"), ("工号", "登记号码", "人员编号"), ("编号",), ("序号",)),
    "time": (("打卡时间", "刷卡时间", "考勤时间", "签到时间", "日期时间", "打卡日期时间", "刷卡日期时间"), ("时间",)),
    "date": (("日期", "打卡日期", "刷卡日期", "考勤日期", "签到日期", "学习日期"),),
    "amount": (("学时", "在线学时", "线上学时", "学习学时", "学时数", "时长", "学习时长", "在线时长", "在线学习时长",
                "线上学习时长", "分钟", "小时"),),
    "name": (("姓名", "学员姓名", "人员姓名", "学生姓名", "名字"),),
    "source": (("设备", "机器号", "设备号", "设备名称", "设备编号", "考勤机", "考勤机名称", "来源", "平台",
                "学习平台", "数据来源"),),
}
_HEADER_ROLE: dict[str, tuple[str, int]] = {
    header_key(text).lower(): (role, rank)
    for role, groups in _ROLE_HEADERS.items()
    for rank, group in enumerate(groups)
    for text in group
}
_ROLE_TITLES = {"id_number": "身份证号", "roll_no": "学号", "time": "打卡时间", "date": "日期", "amount": "学时",
                "name": "姓名", "source": "设备/来源"}
EXPECTED_HEADERS = {
    "person": [*_ROLE_HEADERS["id_number"][0][:3], "卡号", "学号", "考勤号", "工号", "编号", "序号"],
    "time": ["打卡时间", "刷卡时间", "考勤时间", "签到时间", "日期时间", "时间"],
    "identity": [*_ROLE_HEADERS["id_number"][0][:3], "卡号"],
    "amount": ["学时", "在线学时", "线上学时", "时长", "学习时长", "分钟", "小时"],
}

# A unit after the amount header: 学习时长（分钟）, 在线学时(h), 时长/min, 学时[小时].
_UNIT_SUFFIX = re.compile(r"^(?P<base>.+?)(?:\((?P<a>[^()]+)\)|\[(?P<b>[^\[\]]+)\]|[/_\-](?P<c>[^/_\-]+))$")
_HOUR_WORDS = frozenset({"小时", "时", "h", "hr", "hrs", "hour", "hours"})
_MINUTE_WORDS = frozenset({"分钟", "分", "min", "mins", "minute", "minutes", "m"})

# Rows that total a column: skipped when they name no person.
_TOTAL_WORDS = frozenset({"合计", "总计", "小计"})
# A date inside a time text (then a separate date column is not added to it).
_HAS_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\d{8}")


class AttendanceFileError(SpreadsheetFileError):
    """The file as a whole cannot be read as attendance (its `code` says why)."""

    code_prefix = "attendance"
    code_names = {"not_workbook": "attendance.not_table"}  # CSV is welcome too: "not a table"


@dataclass
class AttendanceRow:
    row_number: int  # the row as the person sees it in Excel (for a CSV: the record number)
    person: str  # the identity or roll number as typed, trimmed; "" when missing (see problems)
    person_kind: PersonKind
    name: str | None
    time_text: str | None  # punches: the punch time (date and time joined); online: the 日期 column, if any
    amount_text: str | None  # online: the study time as typed
    source: str | None  # punches: the device; online: the platform
    problems: list[Problem] = field(default_factory=list)


@dataclass
class AttendanceFile:
    kind: Kind
    header_row: int
    columns: dict[str, int]  # role -> 1-based column: id_number, roll_no, name, time, date, amount, source
    unit_hint: UnitHint | None  # from the amount header (小时 / 分钟 / (h) / (min)); None when it does not say
    rows: list[AttendanceRow]
    headers: list[str] = field(default_factory=list)  # the header texts, in column order
    sheet_name: str | None = None  # the worksheet read (xlsx)
    file_format: Literal["xlsx", "csv"] = "xlsx"
    encoding: str | None = None  # the text encoding (csv): utf-8, gb18030 or utf-16


def read_attendance_file(source: Path | bytes, *, name: str | None = None,
                         max_rows: int = MAX_ROWS) -> AttendanceFile:
    """The punches or online hours in `source` (.xlsx or CSV); raises AttendanceFileError.

    The format is told from the content, not the file name. `name` is the file name used in
    messages when `source` is bytes.
    """
    data, file_name = read_source(source, name=name, unnamed="attendance", error_class=AttendanceFileError)
    # Empty, .xls, encrypted and web-page files are refused here; anything else not a zip is tried as CSV.
    if sniff_and_refuse(data, file_name, AttendanceFileError, allow_text=True) == "xlsx":
        return _read_xlsx(data, file_name, max_rows)
    return _read_csv(data, file_name, max_rows)


# ----------------------------------------------------------------------------- the header

# A row as both readers give it: (row number, [(column, value, kind)]), kind "v", "f" or "e";
# xlsx_reader's shape, so its package reader and CSV rows can be used as they are.
_Row = Row


@dataclass
class _Header:
    row: int
    texts: list[str]
    columns: dict[str, int]
    kind: Kind
    unit_hint: UnitHint | None


def _role_of(text: str) -> tuple[str, int, UnitHint | None] | None:
    """(role, rank, unit) for a header text, or None for a column not used."""
    key = header_key(text).lower()
    if not key:
        return None
    found = _HEADER_ROLE.get(key)
    if found is not None:
        role, rank = found
        unit = "hours" if key == "小时" else "minutes" if key == "分钟" else None
        return role, rank, unit if role == "amount" else None
    match = _UNIT_SUFFIX.match(key)
    if match is not None:
        found = _HEADER_ROLE.get(match.group("base"))
        unit_word = (match.group("a") or match.group("b") or match.group("c") or "").strip()
        if found is not None and found[0] == "amount":
            unit = "hours" if unit_word in _HOUR_WORDS else "minutes" if unit_word in _MINUTE_WORDS else None
            return "amount", found[1], unit
        if found is not None:
            return found[0], found[1], None  # 打卡时间(24小时制) and the like
    return None


def _header_in(row_number: int, texts: list[str], file_name: str, sheet: str | None) -> _Header | None:
    """The header this row makes, or None; raises when it is a header but an unclear one."""
    found: dict[str, list[tuple[int, int, UnitHint | None]]] = {}
    for index, text in enumerate(texts, 1):
        role = _role_of(text) if text else None
        if role is not None:
            found.setdefault(role[0], []).append((role[1], index, role[2]))
    has_person = "id_number" in found or "roll_no" in found
    punches = has_person and "time" in found
    online = "id_number" in found and "amount" in found
    if not (punches or online):
        return None
    if "time" in found and "amount" in found:
        cells = [index for role in ("time", "amount") for _, index, _ in found[role]]
        raise AttendanceFileError("attendance.ambiguous", file=file_name,
                                  cells=_cell_list(cells, row_number, texts, sheet))
    columns: dict[str, int] = {}
    unit_hint: UnitHint | None = None
    for role, candidates in found.items():
        best = min(rank for rank, _, _ in candidates)
        chosen = [(index, unit) for rank, index, unit in candidates if rank == best]
        if len(chosen) > 1:
            raise AttendanceFileError("attendance.duplicate_column", file=file_name, header=_ROLE_TITLES[role],
                                      cells=_cell_list([index for index, _ in chosen], row_number, texts, sheet))
        columns[role] = chosen[0][0]
        if role == "amount":
            unit_hint = chosen[0][1]
    while texts and not texts[-1]:
        texts.pop()
    return _Header(row_number, texts, columns, PUNCHES if punches else ONLINE, unit_hint)


def _cell_ref(index: int, row_number: int, sheet: str | None) -> str:
    ref = f"{get_column_letter(index)}{row_number}"
    if sheet is None:
        return ref
    quoted = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{ref}"


def _cell_list(indexes: list[int], row_number: int, texts: list[str], sheet: str | None) -> str:
    return "、".join(f"{_cell_ref(index, row_number, sheet)}“{texts[index - 1]}”" for index in sorted(indexes))


def _find_header(rows: Iterator[_Row], file_name: str, sheet: str | None) -> _Header | None:
    for row_number, cells in rows:
        if row_number > HEADER_SCAN_ROWS:
            return None
        width = max((column for column, _, _ in cells), default=0)
        if width > 1000:  # a header is a few dozen columns; anything wider is not one
            continue
        texts = [""] * width
        for column, value, _kind in cells:
            texts[column - 1] = trim_text(cell_text(value)) or ""
        header = _header_in(row_number, texts, file_name, sheet)
        if header is not None:
            return header
    return None


def _no_header(file_name: str, looked: str) -> AttendanceFileError:
    return AttendanceFileError(
        "attendance.no_header", file=file_name, scan=HEADER_SCAN_ROWS, looked=looked,
        **{key: "、".join(f"“{text}”" for text in texts) for key, texts in EXPECTED_HEADERS.items()},
    )


# ----------------------------------------------------------------------------- the rows


def _value_text(value: object, role: str) -> str | None:
    """A cell as text like cell_text, but date-times keep their time (a punch is a moment)."""
    if isinstance(value, datetime):
        value = _round_second(value)
        if role == "time" or value.time() != time(0):
            return f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value:%H:%M:%S}"
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, time):
        moment = _round_second(datetime.combine(date(2000, 1, 1), value))
        return moment.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        sign = "-" if seconds < 0 else ""
        hours, rest = divmod(abs(seconds), 3600)
        return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return cell_text(value)


def _round_second(moment: datetime) -> datetime:
    if moment.microsecond >= 500_000:
        try:
            moment += timedelta(microseconds=1_000_000 - moment.microsecond)
        except OverflowError:
            pass
    return moment.replace(microsecond=0)


def _read_rows(rows: Iterator[_Row], header: _Header, file_name: str, sheet: str | None, max_rows: int,
               from_csv: bool) -> list[AttendanceRow]:
    columns = header.columns
    role_at = {index: role for role, index in columns.items()}
    titles = header.texts
    kind = header.kind
    result: list[AttendanceRow] = []
    for row_number, cells in rows:
        values: dict[str, str | None] = {}
        problems: list[Problem] = []
        for column, value, cell_kind in cells:
            role = role_at.get(column)
            if role is None:
                continue
            if cell_kind == "f":
                text = trim_text(value) if isinstance(value, str) else None
            else:
                text = trim_text(_value_text(value, role))
            if text is None:
                continue
            if from_csv:
                text = trim_text(unwrap_csv_text(text))
                if text is None:
                    continue
            values[role] = text
            if cell_kind == "f":
                problems.append(_problem("roster.cell_formula", column, row_number, titles, text))
            elif cell_kind == "e":
                problems.append(_problem("roster.cell_error", column, row_number, titles, text))
            elif role == "id_number" and (
                    (isinstance(value, (int, float)) and not isinstance(value, bool))
                    or (from_csv and SCIENTIFIC_NUMBER.match(text))):
                problems.append(_problem("roster.cell_number", column, row_number, titles, text))
        if not values:
            continue
        if "id_number" in values:
            person, person_kind = values["id_number"], "id_number"
        elif "roll_no" in values:
            person, person_kind = values["roll_no"], "roll_no"
        else:
            if any(header_key(text) in _TOTAL_WORDS for text in values.values()):
                continue  # a 合计 row under the data
            person = ""
            person_kind = "id_number" if "id_number" in columns else "roll_no"
            problems.append(Problem("attendance.row_no_person", {
                "row": row_number, "cell": _cell_ref(columns.get("id_number") or columns["roll_no"], row_number,
                                                     sheet)}))
        time_text = _joined_time(values.get("time"), values.get("date")) if kind == PUNCHES else values.get("date")
        amount_text = values.get("amount") if kind == ONLINE else None
        if kind == PUNCHES and time_text is None:
            problems.append(Problem("attendance.row_no_time",
                                    {"row": row_number, "cell": _cell_ref(columns["time"], row_number, sheet)}))
        if kind == ONLINE and amount_text is None:
            problems.append(Problem("attendance.row_no_amount",
                                    {"row": row_number, "cell": _cell_ref(columns["amount"], row_number, sheet)}))
        if len(result) >= max_rows:
            raise AttendanceFileError("attendance.too_many_rows", file=file_name, limit=max_rows)
        result.append(AttendanceRow(row_number, person, person_kind, values.get("name"), time_text, amount_text,
                                    values.get("source"), problems))
    if not result:
        raise AttendanceFileError("attendance.empty", file=file_name,
                                  cell=_cell_ref(min(columns.values()), header.row, sheet))
    return result


def _joined_time(time_text: str | None, date_text: str | None) -> str | None:
    """The punch time, with the separate date column put in front when the time has no date."""
    if time_text is None:
        return None
    if date_text is None or _HAS_DATE.search(time_text):
        return time_text
    return f"{date_text} {time_text}"


def _problem(code: str, column: int, row_number: int, titles: list[str], shown: str) -> Problem:
    title = titles[column - 1] if column - 1 < len(titles) else ""
    return Problem(code, {"cell": f"{get_column_letter(column)}{row_number}", "column": title.strip("*＊ \u3000")
                          or title, "value": shown})


def _result(header: _Header, rows: list[AttendanceRow], **extra) -> AttendanceFile:
    return AttendanceFile(header.kind, header.row, dict(header.columns), header.unit_hint, rows,
                          headers=header.texts, **extra)


# ----------------------------------------------------------------------------- .xlsx


def _read_xlsx(data: bytes, file_name: str, max_rows: int) -> AttendanceFile:
    package = open_workbook(data, file_name, AttendanceFileError)  # not_table or damaged when it cannot
    try:
        # A visible sheet with a header wins over a hidden one (old data is often hidden, not deleted).
        sheets = package.sheets_in_reading_order()
        for sheet in sheets:
            rows = package.rows(sheet)
            try:
                header = _find_header(rows, file_name, sheet.title)
                if header is not None:
                    found = _read_rows(rows, header, file_name, sheet.title, max_rows, from_csv=False)
                    return _result(header, found, sheet_name=sheet.title, file_format="xlsx")
            finally:
                rows.close()
        raise _no_header(file_name, "、".join(f"“{sheet.title}”" for sheet in sheets) or "—")
    except AttendanceFileError:
        raise
    except XlsxLimitExceeded as exc:
        raise limit_refusal(exc, AttendanceFileError, file_name) from None
    except Exception as exc:  # sheets are parsed as they are read, so damage can surface only here
        raise AttendanceFileError("attendance.damaged", file=file_name) from exc
    finally:
        package.close()


# ----------------------------------------------------------------------------- CSV


def _read_csv(data: bytes, file_name: str, max_rows: int) -> AttendanceFile:
    decoded = decode_text(data)  # UTF-16 by BOM, UTF-8 (BOM or not), GB18030; None when not text
    if decoded is None:
        raise AttendanceFileError("attendance.not_table", file=file_name)
    text, encoding = decoded
    if not text.strip():
        raise AttendanceFileError("attendance.empty_file", file=file_name)
    try:
        for delimiter in csv_delimiters(text):
            rows = csv_rows(text, delimiter)
            header = _find_header(rows, file_name, None)
            if header is not None:
                found = _read_rows(rows, header, file_name, None, max_rows, from_csv=True)
                return _result(header, found, file_format="csv", encoding=encoding)
    except csv.Error as exc:  # a field beyond csv's size limit, and similar
        raise AttendanceFileError("attendance.not_table", file=file_name) from exc
    raise _no_header(file_name, "CSV")
