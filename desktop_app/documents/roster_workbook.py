"""Roster (花名册) workbooks: the import template, reading a filled-in roster, the error workbook and the export."""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.domain.roster_columns import (
    COLUMNS_BY_KEY,
    EDUCATION_LEVELS,
    EMPLOYMENT_STATUSES,
    HOUSEHOLD_TYPES,
    ID_TYPE_WORDS,
    ROSTER_COLUMNS,
    RosterColumn,
    header_key,
    match_header,
)
from desktop_app.documents.spreadsheet_safety import (
    TEXT_FORMAT,
    decode_ooxml_text,
    stream_text,
    text_cell,
    write_text_cell,
)
from desktop_app.messages import Problem, UserFacingError, register

__all__ = [
    "DEFAULT_TITLE",
    "ERROR_REASON_HEADER",
    "HEADER_SCAN_ROWS",
    "ROSTER_SHEET",
    "HELP_SHEET",
    "LISTS_SHEET",
    "TEMPLATE_ROWS",
    "RosterFileError",
    "RosterRow",
    "RosterSheet",
    "read_roster",
    "template_headers",
    "write_error_workbook",
    "write_roster",
    "write_roster_template",
]

register(
    {
        "roster.unreadable": (
            "无法打开文件“{file}”（{reason}）。如果它正在 Excel 或 WPS 中打开，请先关闭再导入。",
            "Cannot open the file “{file}” ({reason}). If it is open in Excel or WPS, close it and import again.",
        ),
        "roster.not_workbook": (
            "文件“{file}”不是 Excel 工作簿（.xlsx），可能是 CSV、文本文件或其他格式改了扩展名。"
            "请用 Excel 或 WPS 打开它，“另存为”“Excel 工作簿（*.xlsx）”后再导入。",
            "The file “{file}” is not an Excel workbook (.xlsx); it may be a CSV, text or other file with a renamed "
            "extension. Open it in Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” and import that.",
        ),
        "roster.damaged": (
            "文件“{file}”像是 Excel 工作簿，但内容已损坏，无法读取。请用 Excel 或 WPS 打开它，"
            "“另存为”一个新的 .xlsx 文件后再导入。",
            "The file “{file}” looks like an Excel workbook but is damaged and cannot be read. Open it in Excel or "
            "WPS, save it as a new .xlsx file and import that.",
        ),
        "roster.xls_format": (
            "文件“{file}”是旧版 Excel（.xls）或网页格式的表格，本软件只能读取 .xlsx。"
            "请用 Excel 或 WPS 打开它，“另存为”“Excel 工作簿（*.xlsx）”后再导入。",
            "The file “{file}” is an old Excel (.xls) or web-page spreadsheet; only .xlsx can be read. Open it in "
            "Excel or WPS, use Save As → “Excel Workbook (*.xlsx)” and import that.",
        ),
        "roster.password_protected": (
            "文件“{file}”设置了打开密码（已加密），无法读取。请用 Excel 或 WPS 打开它，取消密码"
            "（Excel：“文件→信息→保护工作簿→用密码进行加密”清空密码；WPS：“文件→文档加密”），保存后再导入。",
            "The file “{file}” is protected by an opening password (encrypted) and cannot be read. Open it in Excel "
            "or WPS, remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password, clear it; "
            "WPS: File → Document Encryption), save and import again.",
        ),
        "roster.no_header": (
            "文件“{file}”中找不到花名册的表头：表头须在工作表的前 {scan} 行内，且至少包含 {expected} 两列"
            "（也可写作“身份证号”“证件号码”等）。已查看的工作表：{sheets}。请使用本软件的导入模板，或改好表头后再导入。",
            "No roster header was found in “{file}”: the header must be within the first {scan} rows of a sheet and "
            "contain at least the columns {expected} (also accepted: 身份证号, 证件号码 and similar). Sheets "
            "looked at: {sheets}. Use the import template, or fix the header and import again.",
        ),
        "roster.duplicate_column": (
            "文件“{file}”工作表“{sheet}”第 {row} 行的表头中，{cells} 几列都表示“{header}”，无法确定用哪一列。"
            "请删除多余的列或改掉它的列名后再导入。",
            "In “{file}”, sheet “{sheet}”, the header on row {row} has several columns meaning “{header}” "
            "({cells}); it is not clear which to use. Delete the extra column or rename it, then import again.",
        ),
        "roster.empty": (
            "文件“{file}”工作表“{sheet}”的表头（第 {row} 行）下面没有学员数据，请填写后再导入。",
            "In “{file}”, sheet “{sheet}” has a header (row {row}) but no trainee rows under it. Fill it in and "
            "import again.",
        ),
        "roster.too_many_rows": (
            "文件“{file}”工作表“{sheet}”的学员超过 {limit} 行，一次导入不了这么多。请拆分成几个文件分批导入。",
            "In “{file}”, sheet “{sheet}” has more than {limit} trainee rows, too many for one import. Split it into "
            "several files and import them one by one.",
        ),
        "roster.cell_number": (
            "单元格 {cell}（{column}）是数字，显示为“{value}”：Excel 只保留 15 位有效数字，长号码末尾的数字会丢失且无法还原，"
            "软件不会猜测。请把“{column}”列设为“文本”格式，重新输入完整号码后再导入。",
            "Cell {cell} ({column}) holds a number, shown as “{value}”: Excel keeps only 15 significant digits, so "
            "the last digits of a long number are lost for good and will not be guessed. Format the “{column}” "
            "column as Text, type the full number again and import once more.",
        ),
        "roster.cell_formula": (
            "单元格 {cell}（{column}）是公式，请复制后“选择性粘贴→数值”再导入。",
            "Cell {cell} ({column}) is a formula: copy it, use Paste Special → Values, then import again.",
        ),
        "roster.cell_error": (
            "单元格 {cell}（{column}）是错误值 {value}，请改成正确内容后再导入。",
            "Cell {cell} ({column}) holds the error value {value}; replace it with the right content and import "
            "again.",
        ),
    }
)

ROSTER_SHEET = "花名册"
HELP_SHEET = "填写说明"
LISTS_SHEET = "下拉清单"
DEFAULT_TITLE = "培训学员花名册"
ERROR_REASON_HEADER = "错误原因"
ERROR_TITLE = "未导入的学员：请按最后一列“错误原因”改正后，直接导入本文件"
TEMPLATE_ROWS = 1000  # data rows pre-formatted and covered by drop-downs in the template
HEADER_SCAN_ROWS = 20
FIRST_DATA_ROW = 3  # our own layout: title row, header row, data

REQUIRED_KEYS = ("name", "id_number")
# Long digit strings that Excel would turn into 3.2E+17: numeric cells here are refused.
NUMBER_REFUSED_KEYS = frozenset({"id_number", "bank_account"})
# Columns written as Text in our workbooks, so that what a person types there stays text.
TEXT_KEYS = frozenset({"id_number", "bank_account", "phone"})

_WIDTHS = {"name": 12, "id_type": 16, "id_number": 22, "sex": 7, "birth_date": 12, "ethnicity": 8,
           "phone": 14, "household_type": 12, "education": 12, "employment_status": 12, "key_groups": 32,
           "pension": 10, "bank_name": 18, "bank_account": 24}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
# Values are trimmed at the ends, where a person cannot see spaces. Zero-width characters and
# BOMs come along with text copied from web pages and are just as invisible, so they go too;
# inside a value everything stays (full-width digits, internal spaces) for the validator.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_EDGE_SPACE = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")


class RosterFileError(UserFacingError):
    """The file as a whole cannot be read as a roster (its `code` says why)."""


@dataclass
class RosterRow:
    row_number: int  # the Excel row number, as the person sees it
    values: dict[str, str | None]  # column key -> text as shown, trimmed at the ends; None when empty
    raw: list[str | None]  # every cell under the header, as text, for the error workbook
    problems: list[Problem] = field(default_factory=list)  # cell problems found while reading


@dataclass
class RosterSheet:
    sheet_name: str
    header_row: int
    columns: dict[str, int]  # column key -> 1-based column index
    headers: list[str]  # header texts of all columns, in order ("" for an untitled column)
    ignored_headers: list[str]
    rows: list[RosterRow]


# ----------------------------------------------------------------------------- reading
#
# Reading does not go through openpyxl's worksheet reader. Measured on 10 000 rows x 14
# columns written by Excel (shared strings), openpyxl read_only took 2-3 s (its shared-string
# table and cell parsing build descriptor objects for every string and cell, and a sheet
# without <dimension> is parsed twice just to size it); inline strings (openpyxl's own output,
# hence our exports) took 6-10 s. The package is simple and documented (ECMA-376 part 1
# §18), so _Xlsx below streams the sheet XML with expat and keeps openpyxl's semantics:
# shared and inline strings (rich-text runs joined, phonetic runs left out), <f> = formula
# (what openpyxl's data_only=False shows), t="e" errors, booleans, numbers, date styles
# decoded with openpyxl's own is_date_format/from_excel, rows and cells without r=, and
# <dimension> ignored altogether (WPS and LibreOffice get it wrong or leave it out).


def read_roster(source: Path | bytes, *, max_rows: int = 100_000, name: str | None = None) -> RosterSheet:
    """The roster on the first sheet with a recognisable header; raises RosterFileError.

    `name` is the file name used in messages when `source` is bytes.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        file_name = name or "workbook.xlsx"
    else:
        path = Path(source)
        file_name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RosterFileError("roster.unreadable", file=file_name, reason=exc.strerror or type(exc).__name__) \
                from exc
    _refuse_other_formats(data, file_name)
    try:
        package = _Xlsx(data)
    except _NotXlsx as exc:
        raise RosterFileError("roster.not_workbook", file=file_name) from exc
    except Exception as exc:  # zipfile, expat and friends raise many kinds on bad input
        raise _unreadable(data, file_name) from exc
    try:
        return _read_workbook(package, file_name, max_rows)
    except RosterFileError:
        raise
    except Exception as exc:  # sheets are parsed as they are read, so damage can surface only here
        raise RosterFileError("roster.damaged", file=file_name) from exc
    finally:
        package.close()


def _refuse_other_formats(data: bytes, file_name: str) -> None:
    """Name the usual wrong files precisely, before a vaguer answer from the zip reader."""
    if data.startswith(_OLE_MAGIC):
        # An encrypted xlsx is an OLE compound file with an EncryptionInfo stream; any other
        # OLE file offered as a roster is almost always an old .xls.
        if _ENCRYPTION_STREAM in data:
            raise RosterFileError("roster.password_protected", file=file_name)
        raise RosterFileError("roster.xls_format", file=file_name)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # Web systems hand out HTML tables or SpreadsheetML 2003 under a .xls name.
    if head.startswith(b"<") and (b"<table" in head or b"<html" in head
                                  or b"urn:schemas-microsoft-com:office:spreadsheet" in head):
        raise RosterFileError("roster.xls_format", file=file_name)
    if not data.startswith(b"PK"):
        raise RosterFileError("roster.not_workbook", file=file_name)


def _unreadable(data: bytes, file_name: str) -> RosterFileError:
    """not_workbook for a zip that is no xlsx (or no zip at all); damaged for a broken xlsx."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {item.lower() for item in archive.namelist()}
    except Exception:
        # A truncated download or copy still carries part names in its local headers.
        code = "roster.damaged" if data.startswith(b"PK\x03\x04") and b"xl/" in data else "roster.not_workbook"
        return RosterFileError(code, file=file_name)
    if "xl/workbook.xml" in names and "[content_types].xml" in names:
        return RosterFileError("roster.damaged", file=file_name)
    return RosterFileError("roster.not_workbook", file=file_name)


def _read_workbook(package: _Xlsx, file_name: str, max_rows: int) -> RosterSheet:
    # A visible sheet with a header wins over a hidden one (old data is often hidden, not deleted).
    sheets = sorted(package.sheets, key=lambda sheet: sheet.state != "visible")
    for sheet in sheets:
        rows = package.rows(sheet)
        try:
            found = _find_header(rows, sheet.title, file_name)
            if found is not None:
                # The same stream goes on from the row after the header: one pass over the sheet.
                header_row, headers, columns = found
                return _read_rows(rows, sheet.title, file_name, header_row, headers, columns, max_rows)
        finally:
            rows.close()
    raise RosterFileError(
        "roster.no_header", file=file_name, scan=HEADER_SCAN_ROWS,
        expected="、".join(f"“{_column(key).header}”" for key in REQUIRED_KEYS),
        sheets="、".join(f"“{sheet.title}”" for sheet in sheets) or "—",
    )


def _find_header(rows: Iterator[_Row], title: str, file_name: str) -> tuple[int, list[str], dict[str, int]] | None:
    """(header row, header texts, key -> column), or None when the first rows hold no header."""
    for row_number, cells in rows:
        if row_number > HEADER_SCAN_ROWS:
            return None
        width = max((column for column, _, _ in cells), default=0)
        texts = [""] * width
        for column, value, _kind in cells:
            texts[column - 1] = _strip(_cell_text(value)) or ""
        positions: dict[str, list[int]] = {}
        for index, text in enumerate(texts, 1):
            key = match_header(text) if text else None
            if key is not None:
                positions.setdefault(key, []).append(index)
        if len(positions) < 2 or not all(key in positions for key in REQUIRED_KEYS):
            continue
        for key, indexes in positions.items():
            if len(indexes) > 1:
                raise RosterFileError(
                    "roster.duplicate_column", file=file_name, sheet=title, row=row_number,
                    header=_column(key).header,
                    cells="、".join(f"{get_column_letter(i)}{row_number}“{texts[i - 1]}”" for i in indexes),
                )
        while texts and not texts[-1]:
            texts.pop()
        return row_number, texts, {key: indexes[0] for key, indexes in positions.items()}
    return None


def _read_rows(rows: Iterable[_Row], title: str, file_name: str, header_row: int, headers: list[str],
               columns: dict[str, int], max_rows: int) -> RosterSheet:
    width = len(headers)
    key_at: list[str | None] = [None] * width
    for key, index in columns.items():
        key_at[index - 1] = key
    empty_values = dict.fromkeys(columns)
    result: list[RosterRow] = []
    for row_number, cells in rows:
        raw: list[str | None] = [None] * width
        values = dict(empty_values)
        problems: list[Problem] = []
        blank = True
        for column, value, kind in cells:
            # Cells beyond the last header are nobody's column.
            if column > width:
                continue
            index = column - 1
            text = value if kind == "f" else _cell_text(value)
            raw[index] = text
            key = key_at[index]
            if key is None:
                continue
            shown = _strip(text)
            values[key] = shown
            if shown is None:
                continue
            blank = False
            if kind == "f":
                problems.append(_cell_problem("roster.cell_formula", index, row_number, headers, shown))
            elif kind == "e":
                problems.append(_cell_problem("roster.cell_error", index, row_number, headers, shown))
            elif key in NUMBER_REFUSED_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
                problems.append(_cell_problem("roster.cell_number", index, row_number, headers, shown))
        if blank:
            continue
        if len(result) >= max_rows:
            raise RosterFileError("roster.too_many_rows", file=file_name, sheet=title, limit=max_rows)
        result.append(RosterRow(row_number, values, raw, problems))
    if not result:
        raise RosterFileError("roster.empty", file=file_name, sheet=title, row=header_row)
    ignored = [text for index, text in enumerate(headers) if text and key_at[index] is None]
    return RosterSheet(title, header_row, columns, headers, ignored, result)


def _cell_problem(code: str, index: int, row_number: int, headers: list[str], shown: str) -> Problem:
    # The person's own header names the column, without the "*" that marks required ones.
    column = headers[index].strip("*＊ \u3000") or headers[index]
    return Problem(code, {"cell": f"{get_column_letter(index + 1)}{row_number}", "column": column, "value": shown})


def _strip(text: str | None) -> str | None:
    if not text:
        return None
    first, last = text[0], text[-1]
    if not (first.isspace() or last.isspace() or first in _INVISIBLE or last in _INVISIBLE):
        return text  # the usual case, without a regular expression per cell
    return _EDGE_SPACE.sub("", text) or None


def _cell_text(value: object) -> str | None:
    """A cell value as the text a person sees in Excel (General format), not trimmed."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _number_text(value: float) -> str:
    """Excel's General rendering: 15 significant digits, scientific from 1E+15 on."""
    if not math.isfinite(value):
        return "#NUM!"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1e15:
        mantissa, exponent = f"{value:.14E}".split("E")
    else:
        text = f"{value:.15g}"
        if "e" not in text:
            return text
        mantissa, exponent = text.split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{int(exponent):+03d}"


def _column(key: str) -> RosterColumn:
    return COLUMNS_BY_KEY[key]


# A row as the package reader gives it: (Excel row number, [(column, value, kind)]) where
# kind is "v" (a value), "f" (a formula: value is its text, "=…") or "e" (an error value).
_Row = tuple[int, list[tuple[int, object, str]]]

_MAIN_NAMESPACES = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional, strict
_SHEET_TAGS = ("row", "c", "v", "f", "is", "t", "rPh")
# expat reports "namespace-uri localname"; files without a namespace give the bare name.
_TAG = {f"{namespace} {tag}": tag for namespace in _MAIN_NAMESPACES for tag in _SHEET_TAGS}
_TAG.update({tag: tag for tag in _SHEET_TAGS})
# Built-in number formats of East Asian Excel (ECMA-376 §18.8.30, zh-CN): 27-31, 36, 50-54,
# 57, 58 are dates like yyyy"年"m"月"d"日", 32-35, 55, 56 times. openpyxl does not know them.
_CJK_DATE_FORMAT_IDS = frozenset({*range(27, 37), *range(50, 59)})
_MAX_COLUMN = 16_384
_CHUNK = 1 << 16


class _NotXlsx(Exception):
    """A zip, but not a SpreadsheetML workbook (an .ods, .xlsb, .docx, a zip of photos…)."""


@dataclass(frozen=True)
class _SheetInfo:
    title: str
    state: str
    part: str


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class _Xlsx:
    """Just enough of an .xlsx package to stream its cell values (see the notes above)."""

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._names = {name.lower(): name for name in self._zip.namelist()}
        workbook_part = self._office_document()
        if workbook_part is None or not workbook_part.lower().endswith(".xml") or not self._has(workbook_part):
            raise _NotXlsx(workbook_part)
        root = self._xml(workbook_part)
        if _local(root.tag) != "workbook":
            raise _NotXlsx(root.tag)
        self.epoch = CALENDAR_WINDOWS_1900
        relations = self._relationships(workbook_part)
        self.sheets: list[_SheetInfo] = []
        for element in root.iter():
            tag = _local(element.tag)
            if tag == "workbookPr" and element.get("date1904", "").lower() in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
            elif tag == "sheet":
                relation_id = next((value for key, value in element.attrib.items() if key.endswith("}id")), None)
                kind, target = relations.get(relation_id, ("", ""))
                if kind.endswith("/worksheet") and self._has(target):  # chart sheets hold no cells
                    self.sheets.append(_SheetInfo(element.get("name", ""), element.get("state", "visible"), target))
        self.shared_strings: list[str] = []
        self.date_styles: frozenset[str] = frozenset()
        self.timedelta_styles: frozenset[str] = frozenset()
        for kind, target in relations.values():
            if kind.endswith("/sharedStrings") and self._has(target):
                self.shared_strings = self._read_shared_strings(target)
            elif kind.endswith("/styles") and self._has(target):
                self.date_styles, self.timedelta_styles = self._read_date_styles(target)

    def close(self) -> None:
        self._zip.close()

    # -- package plumbing

    def _has(self, part: str) -> bool:
        return part.lower() in self._names

    def _open(self, part: str):
        return self._zip.open(self._names[part.lower()])

    def _xml(self, part: str) -> ElementTree.Element:
        with self._open(part) as stream:
            return ElementTree.parse(stream).getroot()

    def _office_document(self) -> str | None:
        if self._has("_rels/.rels"):
            for kind, target in self._relationships("").values():
                if kind.endswith("/officeDocument"):
                    return target
        return "xl/workbook.xml" if self._has("xl/workbook.xml") else None

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) for `part` ("" for the package itself)."""
        folder, _, base = part.rpartition("/")
        rels_part = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        if not self._has(rels_part):
            return {}
        relations = {}
        for element in self._xml(rels_part).iter():
            if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
                continue
            target = element.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            relations[element.get("Id", "")] = (element.get("Type", ""), resolved)
        return relations

    def _read_shared_strings(self, part: str) -> list[str]:
        strings: list[str] = []
        with self._open(part) as stream:
            root = None
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                if root is None:
                    root = element
                if event == "end" and _local(element.tag) == "si":
                    strings.append(decode_ooxml_text("".join(_run_texts(element))))
                    root.clear()  # keep memory flat however many strings there are
        return strings

    def _read_date_styles(self, part: str) -> tuple[frozenset[str], frozenset[str]]:
        root = self._xml(part)
        custom: dict[int, str] = {}
        formats: list[int] = []
        for element in root:
            tag = _local(element.tag)
            if tag == "numFmts":
                for number_format in element:
                    custom[int(number_format.get("numFmtId", "0"))] = number_format.get("formatCode", "")
            elif tag == "cellXfs":
                formats = [int(xf.get("numFmtId", "0")) for xf in element if _local(xf.tag) == "xf"]
        dates, durations = set(), set()
        for index, format_id in enumerate(formats):
            code = custom.get(format_id) or BUILTIN_FORMATS.get(format_id)
            if (code and is_date_format(code)) or (format_id in _CJK_DATE_FORMAT_IDS and format_id not in custom):
                dates.add(str(index))
                if code and is_timedelta_format(code):
                    durations.add(str(index))
        return frozenset(dates), frozenset(durations)

    # -- the cells

    def rows(self, sheet: _SheetInfo) -> Generator[_Row, None, None]:
        """Every <row> of `sheet` with its non-empty cells, streamed: memory stays flat."""
        shared = self.shared_strings
        date_styles, timedelta_styles, epoch = self.date_styles, self.timedelta_styles, self.epoch
        tags = _TAG
        ready: list[_Row] = []
        row_number = column = 0
        cells: list = []
        cell_ref = cell_type = cell_style = None
        value: str | None = None
        formula: str | None = None
        piece = ""
        inline: list[str] | None = None
        target = 0  # where character data goes: 1 <v>, 2 <f>, 3 an inline <t>, 0 nowhere
        in_phonetic = False

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row_number, column, cells, cell_ref, cell_type, cell_style, value, formula, inline, piece
            nonlocal target, in_phonetic
            tag = tags.get(name)
            if tag == "c":
                cell_ref, cell_type, cell_style = attrs.get("r"), attrs.get("t", "n"), attrs.get("s")
                value = formula = inline = None
            elif tag == "v":
                value, target = "", 1
            elif tag == "f":
                formula, target = "", 2
            elif tag == "t":
                if inline is not None and not in_phonetic:
                    piece, target = "", 3
            elif tag == "row":
                number = attrs.get("r")
                row_number = _row_index(number) if number else row_number + 1
                column = 0
                cells = []
            elif tag == "is":
                inline = []
            elif tag == "rPh":
                in_phonetic = True

        def end(name: str) -> None:
            nonlocal column, target, in_phonetic
            tag = tags.get(name)
            if tag == "c":
                column = _column_index(cell_ref) if cell_ref else column + 1
                if formula is not None:
                    # Shared-formula followers carry no text of their own; still formulas.
                    cells.append((column, "=" + formula if formula else "=", "f"))
                elif cell_type == "inlineStr":
                    if inline:
                        cells.append((column, decode_ooxml_text("".join(inline)), "v"))
                elif value is None:
                    pass
                elif cell_type == "s":
                    cells.append((column, shared[int(value)], "v"))
                elif cell_type == "str":
                    cells.append((column, decode_ooxml_text(value), "v"))
                elif cell_type == "b":
                    cells.append((column, value.strip().lower() in ("1", "true"), "v"))
                elif cell_type == "e":
                    cells.append((column, value, "e"))
                elif cell_type == "d":
                    cells.append((column, _iso_date(value), "v"))
                else:
                    cells.append(_number_cell(column, value, cell_style, date_styles, timedelta_styles, epoch))
            elif tag == "t":
                if target == 3:
                    inline.append(piece)
                target = 0
            elif tag == "v" or tag == "f":
                target = 0
            elif tag == "row":
                ready.append((row_number, cells))
            elif tag == "rPh":
                in_phonetic = False

        def text(data: str) -> None:
            nonlocal value, formula, piece
            if target == 1:
                value += data
            elif target == 2:
                formula += data
            elif target == 3:
                piece += data

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        with self._open(sheet.part) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                parser.Parse(chunk, not chunk)
                if ready:
                    batch = ready[:]
                    ready.clear()
                    yield from batch
                if not chunk:
                    break


def _run_texts(element: ElementTree.Element) -> Iterator[str]:
    """The <t> texts of a string item, rich-text runs included, phonetic runs (<rPh>) left out."""
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            yield child.text or ""
        elif tag == "r":
            for part in child:
                if _local(part.tag) == "t":
                    yield part.text or ""


_COLUMN_CACHE: dict[str, int] = {}


def _column_index(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    index = _COLUMN_CACHE.get(letters)
    if index is None:
        index = 0
        for letter in letters.upper():
            if not "A" <= letter <= "Z":
                raise ValueError(f"bad cell reference {ref!r}")
            index = index * 26 + ord(letter) - 64
        if not 1 <= index <= _MAX_COLUMN:
            raise ValueError(f"bad cell reference {ref!r}")
        if len(_COLUMN_CACHE) < 20_000:
            _COLUMN_CACHE[letters] = index
    return index


def _row_index(text: str) -> int:
    number = float(text) if "." in text or "e" in text.lower() else int(text)
    if number != int(number) or not 1 <= number <= 1_048_576:
        raise ValueError(f"bad row number {text!r}")
    return int(number)


def _number_cell(column: int, text: str, style: str | None, date_styles: frozenset[str],
                 timedelta_styles: frozenset[str], epoch: datetime) -> tuple[int, object, str]:
    text = text.strip()
    if not text:
        return column, None, "v"
    try:
        number: int | float = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return column, text, "v"  # not a number after all: show what is there
    if style is not None and style in date_styles:
        try:
            return column, from_excel(number, epoch, timedelta=style in timedelta_styles), "v"
        except (OverflowError, ValueError, ArithmeticError):
            return column, "#VALUE!", "e"  # what openpyxl makes of a date beyond the calendar
    return column, number, "v"


def _iso_date(text: str) -> object:
    try:
        return from_ISO8601(text.strip())
    except (ValueError, TypeError, AttributeError):
        return text


# ----------------------------------------------------------------------------- writing

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=16)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def template_headers() -> list[str]:
    """Header texts of our layout; required columns carry a leading "*" (match_header ignores it)."""
    return [("*" + column.header) if column.required else column.header for column in ROSTER_COLUMNS]


def write_roster_template(path: Path, *, key_group_names: Sequence[str],
                          id_type_names: Sequence[str] = tuple(ID_TYPE_WORDS)) -> None:
    """The import template: title, header, Text-formatted ID columns, drop-downs, instructions."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = ROSTER_SHEET
    count = len(ROSTER_COLUMNS)
    last_row = FIRST_DATA_ROW + TEMPLATE_ROWS - 1
    _write_title(ws, DEFAULT_TITLE, count)
    for index, (column, text) in enumerate(zip(ROSTER_COLUMNS, template_headers()), 1):
        cell = write_text_cell(ws, 2, index, text)
        _style_header(cell, column)
        if column.help_zh:
            cell.comment = Comment(column.help_zh, "SkillDesk", width=260, height=90)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.key, 12)
        if column.key in TEXT_KEYS:
            # The column style covers rows typed beyond the pre-formatted ones; the cells
            # themselves are what Excel, WPS and LibreOffice all honour when pasting.
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(FIRST_DATA_ROW, last_row + 1):
                ws.cell(row=row, column=index).number_format = TEXT_FORMAT
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2)
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    choices: dict[str, tuple[Sequence[str], str, bool]] = {
        # key: (choices, prompt, only these values allowed)
        "id_type": (list(id_type_names), "请从下拉清单中选择证件类型", True),
        "sex": (["男", "女"], "可不填，由身份证号码读出", True),
        "household_type": (list(HOUSEHOLD_TYPES), "请从下拉清单中选择", True),
        "education": (list(EDUCATION_LEVELS), "请从下拉清单中选择", True),
        "employment_status": (list(EMPLOYMENT_STATUSES), "请从下拉清单中选择", True),
        "pension": (["是", "否"], "按月领取养老金的填“是”", True),
        # Several groups may be given ("A、B"), which a strict list would refuse.
        "key_groups": (list(key_group_names), "可多选，用顿号“、”分隔，名称须与清单一致", False),
    }
    list_column = 0
    for index, column in enumerate(ROSTER_COLUMNS, 1):
        if column.key not in choices:
            continue
        values, prompt, strict = choices[column.key]
        values = [value for value in values if value]
        if not values:
            continue
        list_column += 1
        source = _list_source(lists, list_column, column.header, values, force_range=column.key == "key_groups")
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.errorStyle = "stop" if strict else "warning"
        validation.errorTitle = column.header
        validation.error = f"“{column.header}”请从下拉清单中选择" + ("" if strict else "（多项用顿号“、”分隔）")
        validation.promptTitle = column.header
        validation.prompt = prompt
        validation.showErrorMessage = True
        validation.showInputMessage = True
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.add_data_validation(validation)

    _write_help_sheet(workbook.create_sheet(HELP_SHEET, 1), key_group_names)
    workbook.active = 0
    workbook.save(path)


def _list_source(lists, list_column: int, title: str, values: Sequence[str], *, force_range: bool) -> str:
    """An inline list when Excel accepts it, else a range on the lists sheet.

    Excel refuses an inline list longer than 255 characters (older Chinese versions count
    bytes, two per Chinese character, and then call the file damaged), and commas or quotes
    inside an item would split it; the lists sheet has neither limit. Every list is also
    written there, so a person can see what the drop-downs offer.
    """
    letter = get_column_letter(list_column)
    write_text_cell(lists, 1, list_column, title).font = _HEADER_FONT
    for row, value in enumerate(values, 2):
        write_text_cell(lists, row, list_column, value)
    lists.column_dimensions[letter].width = max(12, max(len(v) for v in values) * 2 + 2)
    inline = ",".join(values)
    width = sum(1 if ord(char) < 128 else 2 for char in inline)
    if not force_range and width <= 255 and not any(("," in v or '"' in v) for v in values):
        return f'"{inline}"'
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"


def _write_title(ws, title: str, count: int) -> None:
    cell = write_text_cell(ws, 1, 1, title)
    cell.font = _TITLE_FONT
    cell.alignment = _CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=count)
    ws.row_dimensions[1].height = 32


def _style_header(cell, column: RosterColumn | None) -> None:
    cell.font = _REQUIRED_FONT if column is not None and column.required else _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.border = _BORDER
    cell.alignment = _CENTER


def _write_help_sheet(ws, key_group_names: Sequence[str]) -> None:
    defaults = {
        "id_type": "不填时按“居民身份证”处理；须从下拉清单中选择",
        "ethnicity": "如“汉族”“回族”",
        "household_type": "从下拉清单中选择：" + "、".join(HOUSEHOLD_TYPES),
        "education": "从下拉清单中选择：" + "、".join(EDUCATION_LEVELS),
        "employment_status": "从下拉清单中选择：" + "、".join(EMPLOYMENT_STATUSES),
        "bank_name": "如“中国工商银行南京新街口支行”",
    }
    write_text_cell(ws, 1, 1, "花名册填写说明").font = _TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    for index, text in enumerate(("列名", "是否必填", "填写要求"), 1):
        _style_header(write_text_cell(ws, 2, index, text), None)
    row = 3
    for column in ROSTER_COLUMNS:
        help_text = column.help_zh or defaults.get(column.key, "")
        if column.key == "key_groups" and key_group_names:
            help_text += "。可选：" + "、".join(key_group_names)
        if column.key in TEXT_KEYS and "文本" not in help_text:
            help_text += "（本列为文本格式）" if help_text else "本列为文本格式"
        write_text_cell(ws, row, 1, column.header).font = _REQUIRED_FONT if column.required else _HEADER_FONT
        write_text_cell(ws, row, 2, "必填" if column.required else "选填")
        write_text_cell(ws, row, 3, help_text or "—").alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    notes = (
        "通用要求",
        "1. 第 2 行是表头，请勿修改、删除或移动；标“*”的列必须填写。可以在右边增加其他列，导入时会忽略。",
        "2. 每行填写一名学员，中间的空行会被跳过。",
        "3. “身份证号码”“银行账号”列已设为文本格式。请勿改成“常规”或“数值”，否则 Excel 会把号码变成 3.2E+17 并丢失数字，导入时会被拒绝。",
        "4. 不要使用公式。从其他表格复制来的数据，请用“选择性粘贴→数值”粘贴。",
        "5. 有下拉箭头的列请从清单中选择；“人员类别”可填多项，用顿号“、”分隔。",
        "6. 导入后，未通过检查的行会列在“错误原因”表中，改正后可只导入这些行。",
    )
    row += 1
    for note in notes:
        cell = write_text_cell(ws, row, 1, note)
        if note == notes[0]:
            cell.font = _HEADER_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 30 if len(note) > 45 else 18
        row += 1
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 80


def write_error_workbook(path: Path, sheet: RosterSheet, rejected: Sequence[tuple[RosterRow, str]]) -> None:
    """The rejected rows with the source's own columns plus 错误原因, to fix and re-import."""
    # A re-imported error workbook already has a reason column: replace it, never pile up.
    keep = [index for index, text in enumerate(sheet.headers) if header_key(text) != ERROR_REASON_HEADER]
    headers = [sheet.headers[index] for index in keep] + [ERROR_REASON_HEADER]
    key_of = {index - 1: key for key, index in sheet.columns.items()}
    text_positions = {position for position, index in enumerate(keep) if key_of.get(index) in TEXT_KEYS}

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_sheet_title(sheet.sheet_name))
    _prepare_stream_sheet(ws, headers, [key_of.get(index) for index in keep] + ["_reason"], len(rejected))
    ws.append(_title_row(ws, ERROR_TITLE))
    ws.append([_header_cell(ws, text, _column(key_of[index]) if index in key_of else None)
               for text, index in zip(headers, keep + [-1])])
    reason_font = Font(color="C00000")
    for row, reason in rejected:
        cells = []
        for position, index in enumerate(keep):
            value = row.raw[index] if index < len(row.raw) else None
            cells.append(stream_text(ws, value, number_format=TEXT_FORMAT if position in text_positions else None))
        reason_cell = text_cell(ws, reason)
        reason_cell.font = reason_font
        cells.append(reason_cell)
        ws.append(cells)
    workbook.save(path)


def write_roster(path: Path, rows: Sequence[Mapping[str, str | None]], *, title: str) -> None:
    """An export in the template's layout (title, header, columns), so that it can be re-imported.

    Keys of `rows` that are not roster columns are ignored.
    """
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(ROSTER_SHEET)
    keys = [column.key for column in ROSTER_COLUMNS]
    _prepare_stream_sheet(ws, template_headers(), keys, len(rows))
    ws.append(_title_row(ws, title or DEFAULT_TITLE))
    ws.append([_header_cell(ws, text, column) for text, column in zip(template_headers(), ROSTER_COLUMNS)])
    for values in rows:
        ws.append([stream_text(ws, values.get(key), number_format=TEXT_FORMAT if key in TEXT_KEYS else None)
                   for key in keys])
    workbook.save(path)


def _prepare_stream_sheet(ws, headers: Sequence[str], keys: Sequence[str | None], data_rows: int) -> None:
    """Everything a write-only sheet needs before its first row: widths, formats, panes, merge."""
    for index, key in enumerate(keys, 1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        if key == "_reason":
            dimension.width = 60
        elif key is not None:
            dimension.width = _WIDTHS.get(key, 12)
        else:
            dimension.width = max(10, min(40, len(headers[index - 1]) * 2 + 4))
        if key in TEXT_KEYS:
            dimension.number_format = TEXT_FORMAT
    ws.freeze_panes = "B3"
    ws.merged_cells.add(f"A1:{get_column_letter(len(headers))}1")
    ws.row_dimensions[1].height = 32
    ws.row_dimensions[2].height = 30
    # openpyxl cannot know a streamed sheet's size when it writes the top, so it leaves out
    # <dimension>, which Excel always writes; readers that size sheets from it (openpyxl's
    # read-only mode parses a whole sheet once extra without it) do better when we say it.
    ref = f"A1:{get_column_letter(len(headers))}{data_rows + 2}"
    ws.calculate_dimension = lambda: ref


def _title_row(ws, title: str) -> list:
    cell = text_cell(ws, title)
    cell.font = _TITLE_FONT
    cell.alignment = _CENTER
    return [cell]


def _header_cell(ws, text: str, column: RosterColumn | None):
    cell = text_cell(ws, text)
    _style_header(cell, column)
    return cell


def _sheet_title(name: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name or "").strip("'")[:31]
    return cleaned or ROSTER_SHEET
