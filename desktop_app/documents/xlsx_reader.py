"""Reading spreadsheets that come from outside: .xlsx packages, CSV text, and header-driven tables.

Three layers, each usable on its own:

* The PACKAGE reader, `XlsxPackage` (or `open_workbook`, which turns failures into coded
  errors): the sheets of an .xlsx and their rows as (row number, [(column, value, kind)]),
  streamed. `cell_text` shows a value as the text a person sees in Excel.
* FILE SNIFFING and refusals: `read_source` (a path or bytes), `sniff_and_refuse` (.xls,
  OLE, password-protected, web-page tables, not a workbook at all), `decode_text` and
  `csv_rows` for CSV as attendance machines and Excel write it.
* The TABLE reader, `read_table`: the first sheet whose header (within HEADER_SCAN_ROWS rows,
  possibly under a title) names the wanted columns, and the rows under it as trimmed texts
  keyed by column, with cell problems (formulas, error values, long numbers stored as
  numbers) coded per row. The roster, attendance and assessment readers are built on it.

Errors are coded per caller: each file kind subclasses `SpreadsheetFileError`, sets its
`code_prefix` (e.g. "roster") and registers the messages for the reasons it can meet,
`<prefix>.<reason>` (see REASON_PARAMS for each reason's parameters); `code_names`
maps a reason to a different code where an older code must stay.

Why not openpyxl's worksheet reader: measured on 10 000 rows x 14 columns written by Excel
(shared strings), openpyxl read_only took 2-3 s (its shared-string table and cell parsing
build descriptor objects for every string and cell, and a sheet without <dimension> is parsed
twice just to size it); inline strings (openpyxl's own output, hence our exports) took 6-10 s.
The package is simple and documented (ECMA-376 part 1 §18), so XlsxPackage streams the sheet
XML with expat and keeps openpyxl's semantics: shared and inline strings (rich-text runs
joined, phonetic runs left out), <f> = formula (what openpyxl's data_only=False shows),
t="e" errors, booleans, numbers, date styles decoded with openpyxl's own
is_date_format/from_excel, rows and cells without r=, and <dimension> ignored altogether
(WPS and LibreOffice get it wrong or leave it out).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Collection, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import ClassVar, Literal
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from desktop_app.documents.spreadsheet_safety import decode_ooxml_text
from desktop_app.domain.roster_columns import header_key
from desktop_app.messages import Problem, UserFacingError
from desktop_app.messages import register as register_messages

__all__ = [
    "ENCRYPTION_STREAM",
    "HEADER_SCAN_ROWS",
    "OLE_MAGIC",
    "REASON_PARAMS",
    "SCIENTIFIC_NUMBER",
    "LIMIT_REASONS",
    "MAX_CELL_CHARS",
    "NotXlsxError",
    "Row",
    "SheetInfo",
    "SpreadsheetFileError",
    "Table",
    "TableColumn",
    "TableRow",
    "XlsxLimitExceeded",
    "XlsxPackage",
    "broken_package_reason",
    "cell_text",
    "csv_delimiters",
    "csv_rows",
    "decode_text",
    "limit_refusal",
    "match_column",
    "number_text",
    "open_workbook",
    "read_source",
    "read_table",
    "sniff_and_refuse",
    "trim_text",
    "unwrap_csv_text",
]

HEADER_SCAN_ROWS = 20  # a header is looked for in the first rows of a sheet (titles may come first)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound files: .xls, and any encrypted Office file
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
# Excel's scientific rendering of a long number that a CSV kept as text: digits are gone.
SCIENTIFIC_NUMBER = re.compile(r"^[+-]?\d(?:\.\d+)?[eE][+-]?\d+$")

# The reasons a file or a cell is refused, and the parameters their messages get.
REASON_PARAMS: Mapping[str, tuple[str, ...]] = {
    "unreadable": ("file", "reason"),  # the path cannot be read (reason: the OS's words)
    "empty_file": ("file",),  # nothing in it (only when text is accepted)
    "not_workbook": ("file",),  # not an .xlsx (nor, when text is accepted, a text table)
    "damaged": ("file",),  # an .xlsx, but broken
    "xls_format": ("file",),  # old .xls, an HTML table or SpreadsheetML 2003
    "password_protected": ("file",),  # an encrypted Office file
    "no_header": ("file", "scan", "expected", "sheets"),  # expected: the required headers, quoted
    "duplicate_column": ("file", "sheet", "row", "header", "cells"),
    "empty": ("file", "sheet", "row"),  # a header and no rows under it
    "too_many_rows": ("file", "sheet", "limit"),
    # Row problems (Problem, not raised):
    "cell_formula": ("cell", "column", "value"),
    "cell_error": ("cell", "column", "value"),
    "cell_number": ("cell", "column", "value"),  # a long number stored as a number: digits lost
}

# Bounds on what a file from outside may make the reader hold or do, each checked while reading
# so that a hostile file (a zip bomb, one string of a gigabyte, millions of empty rows or tiny
# strings) is refused within seconds and a few hundred megabytes, never after minutes or by the
# operating system. Each is far above what a real roster, attendance or results file needs.
MAX_FILE_BYTES = 64 * 1024 * 1024  # the file as it is on disk (100 000 roster rows are about 10 MB)
MAX_PART_BYTES = 256 * 1024 * 1024  # one part of the package once decompressed
MAX_PACKAGE_BYTES = 512 * 1024 * 1024  # all parts together, decompressed
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell (and one shared string)
MAX_SHARED_STRINGS = 800_000  # a full 100 000-row roster has about 600 000 distinct texts
MAX_TEXT_CHARS = 64 * 1024 * 1024  # all shared strings together; again all cell texts of one sheet
# Rows counted as <row> elements appear, with or without r=: above the largest table any reader
# takes (300 000 attendance rows) and its blank lines, below Excel's grid of 1 048 576, so that
# a sheet of a million empty rows is refused in about a second of work.
MAX_SHEET_ROWS = 400_000
MAX_SHEET_CELLS = 4_000_000  # 100 000 rows of 40 columns
MAX_OTHER_ELEMENTS = 4_000_000  # elements of a part that carry no value (formats, rich-text runs, merges)
MAX_WHOLE_PART_BYTES = 16 * 1024 * 1024  # the workbook, relationships and styles, parsed whole
# A zip bomb's mark: a part that inflates more than 100-fold (the bound Apache POI has long used
# for Office files). Real sheets inflate 5-20-fold; a gigabyte of one letter or of empty rows,
# thousands-fold. Parts under 1 MB decompressed are too small to matter.
MAX_INFLATE_RATIO = 100
INFLATE_CHECK_FROM = 1024 * 1024

# The limit reasons share their codes and messages whatever the kind of file.
LIMIT_REASONS: Mapping[str, tuple[str, ...]] = {
    "file_too_large": ("file", "limit"),  # limit in MB
    "part_too_large": ("file", "part", "limit"),  # limit in MB
    "inflates_too_much": ("file", "part", "ratio", "size"),  # size in MB
    "cell_too_long": ("file", "where", "limit"),  # where: a cell reference, or "#n" for a shared string
    "too_many_strings": ("file", "limit"),
    "sheet_too_large": ("file", "sheet", "limit"),  # rows, cells or other elements beyond the bounds
}

register_messages({
    "spreadsheet.file_too_large": (
        "文件“{file}”超过 {limit} MB，为安全起见没有读取。花名册、考勤和成绩文件都远小于此；请确认选对了文件，"
        "或把内容分成几个文件。",
        "The file “{file}” is larger than {limit} MB and was not read, to be safe. Rosters, attendance and results "
        "files are far smaller; check that this is the right file, or split it into several.",
    ),
    "spreadsheet.part_too_large": (
        "文件“{file}”中的“{part}”解压后超过 {limit} MB（可能是恶意构造的压缩文件），没有读取，什么也没有改动。"
        "请用 Excel 或 WPS 打开确认内容后另存为新的 .xlsx 再导入。",
        "In the file “{file}”, the part “{part}” is larger than {limit} MB once decompressed (perhaps a file built "
        "to attack); it was not read and nothing was changed. Open it in Excel or WPS, check it, save it as a new "
        ".xlsx and import that.",
    ),
    "spreadsheet.inflates_too_much": (
        "文件“{file}”中的“{part}”解压后膨胀了 {ratio} 倍以上（{size} MB），这是恶意构造的压缩文件（“压缩炸弹”）的特征，"
        "没有读取，什么也没有改动。请向文件的来源核实；确实需要时，用 Excel 或 WPS 打开后另存为新的 .xlsx 再导入。",
        "In the file “{file}”, the part “{part}” inflates more than {ratio}-fold ({size} MB), the mark of a file built "
        "to attack (a “zip bomb”); it was not read and nothing was changed. Check with whoever sent it; if it is "
        "genuine, open it in Excel or WPS, save it as a new .xlsx and import that.",
    ),
    "spreadsheet.cell_too_long": (
        "文件“{file}”中 {where} 的内容超过 {limit} 个字符（Excel 单元格的上限），没有读取，什么也没有改动。"
        "请检查该单元格后再导入。",
        "In the file “{file}”, {where} holds more than {limit} characters (Excel's limit for a cell); the file was "
        "not read and nothing was changed. Check that cell and import again.",
    ),
    "spreadsheet.too_many_strings": (
        "文件“{file}”含有超过 {limit} 个不同的文本，远多于任何花名册或考勤表，没有读取，什么也没有改动。",
        "The file “{file}” holds more than {limit} distinct texts, far more than any roster or attendance sheet; "
        "it was not read and nothing was changed.",
    ),
    "spreadsheet.sheet_too_large": (
        "文件“{file}”的工作表“{sheet}”超出可读取的范围（超过 {limit}），没有读取，什么也没有改动。"
        "请删去多余的空行和空列，或把内容分成几个文件。",
        "The sheet “{sheet}” of “{file}” is beyond what can be read (more than {limit}); the file was not read and "
        "nothing was changed. Delete the surplus empty rows and columns, or split the content into several files.",
    ),
})


class XlsxLimitExceeded(Exception):
    """The package goes beyond one of the bounds above; `reason` is one of LIMIT_REASONS."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason, self.params = reason, params


def limit_refusal(error: XlsxLimitExceeded, error_class: type[SpreadsheetFileError], file_name: str,
                  sheet: str | None = None) -> SpreadsheetFileError:
    """The coded error for a bound the file went beyond."""
    params = dict(error.params)
    if "sheet" in LIMIT_REASONS[error.reason] and params.get("sheet") is None:
        params["sheet"] = sheet or "—"
    return error_class(f"spreadsheet.{error.reason}", file=file_name, **params)


# Values are trimmed at the ends, where a person cannot see spaces. Zero-width characters and
# BOMs come along with text copied from web pages and are just as invisible, so they go too;
# inside a value everything stays (full-width digits, internal spaces) for the validators.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_EDGE_SPACE = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")


class SpreadsheetFileError(UserFacingError):
    """A file that cannot be read as the table wanted; subclassed per kind of file.

    A subclass sets `code_prefix`; the code for a reason is `code_names[reason]` when given,
    else "<code_prefix>.<reason>". The subclass's module registers those messages.
    """

    code_prefix: ClassVar[str] = ""
    code_names: ClassVar[Mapping[str, str]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.code_prefix:
            raise TypeError(f"{cls.__name__} must set code_prefix")

    @classmethod
    def code_for(cls, reason: str) -> str:
        return cls.code_names.get(reason) or f"{cls.code_prefix}.{reason}"

    @classmethod
    def refuse(cls, reason: str, /, **params: object) -> SpreadsheetFileError:
        """The error for `reason` (one of REASON_PARAMS), with its parameters."""
        return cls(cls.code_for(reason), **params)


# ----------------------------------------------------------------------------- cells as text


def trim_text(text: str | None) -> str | None:
    """`text` without spaces and invisible characters at its ends; None when nothing is left."""
    if not text:
        return None
    first, last = text[0], text[-1]
    if not (first.isspace() or last.isspace() or first in _INVISIBLE or last in _INVISIBLE):
        return text  # the usual case, without a regular expression per cell
    return _EDGE_SPACE.sub("", text) or None


def cell_text(value: object) -> str | None:
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
        return number_text(value)
    if isinstance(value, datetime):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def number_text(value: float) -> str:
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


# ----------------------------------------------------------------------------- the file


def read_source(source: Path | bytes, *, name: str | None, unnamed: str,
                error_class: type[SpreadsheetFileError]) -> tuple[bytes, str]:
    """(the bytes, the file name for messages): `name`, else the path's name, else `unnamed`."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) > MAX_FILE_BYTES:
            raise error_class("spreadsheet.file_too_large", file=name or unnamed, limit=MAX_FILE_BYTES // (1024 * 1024))
        return bytes(source), name or unnamed
    path = Path(source)
    file_name = name or path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise error_class("spreadsheet.file_too_large", file=file_name, limit=MAX_FILE_BYTES // (1024 * 1024))
        return path.read_bytes(), file_name
    except OSError as exc:
        raise error_class.refuse("unreadable", file=file_name, reason=exc.strerror or type(exc).__name__) from exc


def sniff_and_refuse(data: bytes, file_name: str, error_class: type[SpreadsheetFileError], *,
                     allow_text: bool = False) -> Literal["xlsx", "text"]:
    """What `data` should be read as; the usual wrong files are named precisely, before a vaguer
    answer from the zip reader. Without `allow_text`, everything but a zip is not_workbook."""
    if allow_text and not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise error_class.refuse("empty_file", file=file_name)
    if data.startswith(OLE_MAGIC):
        # An encrypted xlsx is an OLE compound file with an EncryptionInfo stream; any other
        # OLE file offered as a table is almost always an old .xls.
        reason = "password_protected" if ENCRYPTION_STREAM in data else "xls_format"
        raise error_class.refuse(reason, file=file_name)
    if data.startswith(b"PK"):
        return "xlsx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # Web systems hand out HTML tables or SpreadsheetML 2003 under a .xls name.
    if head.startswith(b"<") and (b"<table" in head or b"<html" in head
                                  or b"urn:schemas-microsoft-com:office:spreadsheet" in head):
        raise error_class.refuse("xls_format", file=file_name)
    if not allow_text:
        raise error_class.refuse("not_workbook", file=file_name)
    return "text"


def broken_package_reason(data: bytes) -> Literal["damaged", "not_workbook"]:
    """For bytes XlsxPackage could not open: not_workbook for a zip that is no xlsx (or no zip
    at all), damaged for a broken xlsx."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {item.lower() for item in archive.namelist()}
    except Exception:
        # A truncated download or copy still carries part names in its local headers.
        return "damaged" if data.startswith(b"PK\x03\x04") and b"xl/" in data else "not_workbook"
    if "xl/workbook.xml" in names and "[content_types].xml" in names:
        return "damaged"
    return "not_workbook"


def open_workbook(data: bytes, file_name: str, error_class: type[SpreadsheetFileError]) -> XlsxPackage:
    """The package in `data`; raises error_class not_workbook or damaged. Close it when done."""
    try:
        return XlsxPackage(data)
    except XlsxLimitExceeded as exc:
        raise limit_refusal(exc, error_class, file_name) from None
    except NotXlsxError as exc:
        raise error_class.refuse("not_workbook", file=file_name) from exc
    except Exception as exc:  # zipfile, expat and friends raise many kinds on bad input
        raise error_class.refuse(broken_package_reason(data), file=file_name) from exc


# ----------------------------------------------------------------------------- the .xlsx package

# A row as the package reader gives it: (Excel row number, [(column, value, kind)]) where
# kind is "v" (a value), "f" (a formula: value is its text, "=…") or "e" (an error value).
Row = tuple[int, list[tuple[int, object, str]]]

_MAIN_NAMESPACES = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional, strict
_SHEET_TAGS = ("row", "c", "v", "f", "is", "t", "rPh")
# expat reports "namespace-uri localname"; files without a namespace give the bare name.
_TAG = {f"{namespace} {tag}": tag for namespace in _MAIN_NAMESPACES for tag in _SHEET_TAGS}
_TAG.update({tag: tag for tag in _SHEET_TAGS})
_STRING_TAGS = {f"{namespace} {tag}": tag for namespace in _MAIN_NAMESPACES for tag in ("si", "t", "r", "rPh", "sst")}
_STRING_TAGS.update({tag: tag for tag in ("si", "t", "r", "rPh", "sst")})
# Built-in number formats of East Asian Excel (ECMA-376 §18.8.30, zh-CN): 27-31, 36, 50-54,
# 57, 58 are dates like yyyy"年"m"月"d"日", 32-35, 55, 56 times. openpyxl does not know them.
_CJK_DATE_FORMAT_IDS = frozenset({*range(27, 37), *range(50, 59)})
_MAX_COLUMN = 16_384
_CHUNK = 1 << 16


class NotXlsxError(Exception):
    """A zip, but not a SpreadsheetML workbook (an .ods, .xlsb, .docx, a zip of photos…)."""


@dataclass(frozen=True)
class SheetInfo:
    title: str
    state: str  # "visible", "hidden" or "veryHidden"
    part: str  # the worksheet's part name inside the package


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class XlsxPackage:
    """Just enough of an .xlsx package to stream its cell values (see the module notes).

    `XlsxPackage(data)` raises NotXlsxError for a zip that is no workbook, and zipfile/XML
    errors of many kinds for broken ones; open_workbook turns both into coded errors.
    `sheets` are the worksheets in workbook order (chart sheets left out).
    """

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._names = {name.lower(): name for name in self._zip.namelist()}
        # zipfile never yields more than a part's declared size (a lie ends in a CRC error), so
        # checking the declared sizes first bounds every later read.
        total = 0
        for info in self._zip.infolist():
            total += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise XlsxLimitExceeded("part_too_large", part=info.filename[:80], limit=MAX_PART_BYTES >> 20)
            if total > MAX_PACKAGE_BYTES:
                raise XlsxLimitExceeded("part_too_large", part=info.filename[:80], limit=MAX_PACKAGE_BYTES >> 20)
            if (info.file_size > INFLATE_CHECK_FROM
                    and info.file_size > MAX_INFLATE_RATIO * max(info.compress_size, 1)):
                raise XlsxLimitExceeded("inflates_too_much", part=info.filename[:80], ratio=MAX_INFLATE_RATIO,
                                        size=info.file_size >> 20)
        workbook_part = self._office_document()
        if workbook_part is None or not workbook_part.lower().endswith(".xml") or not self._has(workbook_part):
            raise NotXlsxError(workbook_part)
        root = self._xml(workbook_part)
        if _local(root.tag) != "workbook":
            raise NotXlsxError(root.tag)
        self.epoch = CALENDAR_WINDOWS_1900
        relations = self._relationships(workbook_part)
        self.sheets: list[SheetInfo] = []
        for element in root.iter():
            tag = _local(element.tag)
            if tag == "workbookPr" and element.get("date1904", "").lower() in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
            elif tag == "sheet":
                relation_id = next((value for key, value in element.attrib.items() if key.endswith("}id")), None)
                kind, target = relations.get(relation_id, ("", ""))
                if kind.endswith("/worksheet") and self._has(target):  # chart sheets hold no cells
                    self.sheets.append(SheetInfo(element.get("name", ""), element.get("state", "visible"), target))
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

    def __enter__(self) -> XlsxPackage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def sheets_in_reading_order(self) -> list[SheetInfo]:
        """Visible sheets first, then hidden ones, each in workbook order: a visible sheet with a
        header wins over a hidden one (old data is often hidden, not deleted)."""
        return sorted(self.sheets, key=lambda sheet: sheet.state != "visible")

    # -- package plumbing

    def _has(self, part: str) -> bool:
        return part.lower() in self._names

    def _open(self, part: str):
        return self._zip.open(self._names[part.lower()])

    def _xml(self, part: str) -> ElementTree.Element:
        if self._zip.getinfo(self._names[part.lower()]).file_size > MAX_WHOLE_PART_BYTES:
            raise XlsxLimitExceeded("part_too_large", part=part, limit=MAX_WHOLE_PART_BYTES >> 20)
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
        """The shared-string table, streamed with expat: each string's <t> texts (rich-text runs
        joined, phonetic runs left out), bounded in length, count and total size while read."""
        strings: list[str] = []
        tags = _STRING_TAGS
        pieces: list[str] = []
        length = total = others = 0
        in_item = in_phonetic = collecting = False

        def start(name: str, _attrs: dict[str, str]) -> None:
            nonlocal collecting, length, others, in_item, in_phonetic
            tag = tags.get(name)
            if tag == "t":
                # Direct <t> of the item and <t> of its rich-text runs; not those of <rPh>.
                collecting = in_item and not in_phonetic
            elif tag == "si":
                if len(strings) >= MAX_SHARED_STRINGS:
                    raise XlsxLimitExceeded("too_many_strings", limit=MAX_SHARED_STRINGS)
                pieces.clear()
                length, in_item = 0, True
            elif tag == "rPh":
                in_phonetic = True
            elif tag is None:
                others += 1
                if others > MAX_OTHER_ELEMENTS:
                    raise XlsxLimitExceeded("part_too_large", part=part, limit=MAX_TEXT_CHARS >> 20)

        def end(name: str) -> None:
            nonlocal collecting, total, in_item, in_phonetic
            tag = tags.get(name)
            if tag == "t":
                collecting = False
            elif tag == "si":
                text = "".join(pieces)
                total += len(text)
                if total > MAX_TEXT_CHARS:
                    raise XlsxLimitExceeded("part_too_large", part=part, limit=MAX_TEXT_CHARS >> 20)
                strings.append(decode_ooxml_text(text))
                in_item = False
            elif tag == "rPh":
                in_phonetic = False

        def text(data: str) -> None:
            nonlocal length
            if collecting:
                length += len(data)
                if length > MAX_CELL_CHARS:
                    raise XlsxLimitExceeded("cell_too_long", where=f"#{len(strings) + 1}", limit=MAX_CELL_CHARS)
                pieces.append(data)

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        with self._open(part) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
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

    def rows(self, sheet: SheetInfo) -> Generator[Row, None, None]:
        """Every <row> of `sheet` with its non-empty cells, streamed: memory stays flat.

        Values are str, int, float, bool, datetime/date/time/timedelta (date styles), or for
        kind "f" the formula text ("=…") and for kind "e" the error text ("#N/A"). Damage in
        the sheet XML surfaces as an exception while iterating; close() the generator early
        when not reading to the end."""
        shared = self.shared_strings
        date_styles, timedelta_styles, epoch = self.date_styles, self.timedelta_styles, self.epoch
        tags = _TAG
        ready: list[Row] = []
        row_number = column = 0
        cells: list = []
        cell_ref = cell_type = cell_style = None
        value: str | None = None
        formula: str | None = None
        piece = ""
        inline: list[str] | None = None
        target = 0  # where character data goes: 1 <v>, 2 <f>, 3 an inline <t>, 0 nowhere
        in_phonetic = False
        # The bounds (see MAX_SHEET_*): counted as the elements appear, whatever their r= say.
        rows_seen = cells_seen = others_seen = text_chars = 0
        title = sheet.title

        def too_large(limit: str) -> XlsxLimitExceeded:
            return XlsxLimitExceeded("sheet_too_large", sheet=title, limit=limit)

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row_number, column, cells, cell_ref, cell_type, cell_style, value, formula, inline, piece
            nonlocal target, in_phonetic, rows_seen, cells_seen, others_seen
            tag = tags.get(name)
            if tag is None:
                others_seen += 1
                if others_seen > MAX_OTHER_ELEMENTS:
                    raise too_large(f"{MAX_OTHER_ELEMENTS} elements")
            elif tag == "c":
                cells_seen += 1
                if cells_seen > MAX_SHEET_CELLS:
                    raise too_large(f"{MAX_SHEET_CELLS} cells")
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
                rows_seen += 1
                number = attrs.get("r")
                if number and number.isdigit() and int(number) > MAX_SHEET_ROWS:
                    raise too_large(f"{MAX_SHEET_ROWS} rows")
                row_number = _row_index(number) if number else row_number + 1
                if rows_seen > MAX_SHEET_ROWS or row_number > MAX_SHEET_ROWS:
                    raise too_large(f"{MAX_SHEET_ROWS} rows")
                column = 0
                cells = []
            elif tag == "is":
                inline = []
            elif tag == "rPh":
                in_phonetic = True

        def end(name: str) -> None:
            nonlocal column, target, in_phonetic, text_chars
            tag = tags.get(name)
            if tag == "c":
                column = _column_index(cell_ref) if cell_ref else column + 1
                if column > _MAX_COLUMN:
                    raise too_large(f"{_MAX_COLUMN} columns")
                if inline is not None and sum(map(len, inline)) > MAX_CELL_CHARS:
                    raise XlsxLimitExceeded("cell_too_long", where=f"{get_column_letter(column)}{row_number}",
                                            limit=MAX_CELL_CHARS)
                text_chars += len(value or "") + len(formula or "") + sum(map(len, inline or ()))
                if text_chars > MAX_TEXT_CHARS:
                    raise too_large(f"{MAX_TEXT_CHARS >> 20} MB")
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
                held = len(value)
            elif target == 2:
                formula += data
                held = len(formula)
            elif target == 3:
                piece += data
                held = len(piece)
            else:
                return
            if held > MAX_CELL_CHARS:
                where = f"{get_column_letter(min(column + 1, _MAX_COLUMN))}{row_number}" if not cell_ref else cell_ref
                raise XlsxLimitExceeded("cell_too_long", where=where[:20], limit=MAX_CELL_CHARS)

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



# ----------------------------------------------------------------------------- CSV text

_SNIFF_LINES = 20
_SNIFF_CHARS = 64 * 1024
_DELIMITERS = (",", "\t", ";")


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for a text table: UTF-16 by BOM, else UTF-8 (BOM or not), else GB18030
    (GBK); None when `data` is none of them or looks binary."""
    attempts = (("utf-16", "utf-16"),) if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
        else (("utf-8-sig", "utf-8"), ("gb18030", "gb18030"))
    for codec, label in attempts:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if label == "gb18030" and text.startswith("\ufeff"):
            text = text[1:]
        if _looks_binary(text):
            break
        return text, label
    return None


def _looks_binary(text: str) -> bool:
    """Control characters other than tab and line breaks, or private-use soup: not a text table."""
    sample = text[:_SNIFF_CHARS]
    if "\x00" in sample:
        return True
    odd = sum(1 for char in sample if (char < " " and char not in "\t\r\n")
              or unicodedata.category(char) in ("Co", "Cn", "Cs"))
    return odd > max(2, len(sample) // 100)


def csv_delimiters(text: str) -> list[str]:
    """Comma, tab and semicolon, the sniffed one first (the header decides which is right)."""
    lines = text[:_SNIFF_CHARS].splitlines()[:_SNIFF_LINES]
    order: list[str] = []
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(_DELIMITERS)).delimiter
        if sniffed in _DELIMITERS:
            order.append(sniffed)
    except csv.Error:
        pass
    # Otherwise the most frequent of the three in the first lines.
    counts = {delimiter: sum(line.count(delimiter) for line in lines) for delimiter in _DELIMITERS}
    order += sorted((d for d in _DELIMITERS if d not in order), key=lambda d: -counts[d])
    return order


def csv_rows(text: str, delimiter: str) -> Iterator[Row]:
    """The records of a CSV text in the package reader's shape; every cell a value (kind "v").

    The row number is the record number (a quoted line break keeps a record on one row)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)
    for number, record in enumerate(reader, 1):
        yield number, [(column, value, "v") for column, value in enumerate(record, 1) if value]


def unwrap_csv_text(text: str) -> str:
    """="3201…" is how exports keep a long number text in Excel; what is meant is inside."""
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        return text[2:-1].replace('""', '"')
    return text


# ----------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableColumn:
    key: str
    header: str  # as our own template writes it; named in messages
    synonyms: tuple[str, ...] = ()  # other headers meaning the same (matched like the header)
    required: bool = False  # a header row must have it


@dataclass
class TableRow:
    row_number: int  # the Excel row number, as the person sees it (a CSV: the record number)
    values: dict[str, str | None]  # column key -> text as shown, trimmed at the ends; None when empty
    raw: list[str | None]  # every cell under the header, as text, for an error workbook
    problems: list[Problem] = field(default_factory=list)  # cell problems found while reading


@dataclass
class Table:
    sheet_name: str | None  # None for a CSV file
    header_row: int
    columns: dict[str, int]  # column key -> 1-based column index
    headers: list[str]  # header texts of all columns, in order ("" for an untitled column)
    ignored_headers: list[str]  # header texts that are none of the wanted columns
    rows: list[TableRow]
    file_format: Literal["xlsx", "csv"] = "xlsx"
    encoding: str | None = None  # a CSV's text encoding: utf-8, gb18030 or utf-16


@dataclass(frozen=True)
class _Spec:
    index: dict[str, str]  # folded header text -> key
    titles: dict[str, str]  # key -> header
    required: tuple[str, ...]
    required_any: tuple[frozenset[str], ...]


_SPECS: dict[tuple, _Spec] = {}


def _spec(columns: Sequence[TableColumn], required_any: Iterable[Collection[str]]) -> _Spec:
    cache_key = (tuple(columns), tuple(frozenset(group) for group in required_any))
    spec = _SPECS.get(cache_key)
    if spec is None:
        index: dict[str, str] = {}
        for column in columns:
            for text in (column.header, *column.synonyms):
                # As roster_columns.match_header: exact folded text first, then ignoring case.
                index.setdefault(header_key(text), column.key)
                index.setdefault(header_key(text).lower(), column.key)
        spec = _Spec(index, {column.key: column.header for column in columns},
                     tuple(column.key for column in columns if column.required), cache_key[1])
        if len(_SPECS) < 64:
            _SPECS[cache_key] = spec
    return spec


def match_column(text: str, columns: Sequence[TableColumn]) -> str | None:
    """The key of the column whose header or synonym `text` is (folded as read_table folds), or None."""
    index = _spec(columns, ()).index
    folded = header_key(text)
    return index.get(folded) or index.get(folded.lower())


def read_table(source: Path | bytes, *, columns: Sequence[TableColumn], error_class: type[SpreadsheetFileError],
               name: str | None = None, max_rows: int = 100_000,
               sensitive_number_keys: Collection[str] = frozenset(),
               required_any: Iterable[Collection[str]] = (), allow_csv: bool = False,
               unnamed: str = "workbook.xlsx") -> Table:
    """The table on the first sheet (visible ones first) with a header naming `columns`.

    A header row is one of the first HEADER_SCAN_ROWS rows that names at least two of the
    columns, every required one, and one of each `required_any` group; headers are compared
    folded (roster_columns.header_key: full-width, spaces, "*", "（必填）", then case). Rows
    empty in every wanted column are skipped. Cells in `sensitive_number_keys` stored as a
    number (or, in a CSV, shown in scientific notation) have lost digits: a cell_number
    problem. With `allow_csv`, text files are read as CSV (see decode_text). `name` is the
    file name for messages (default: the path's name, or `unnamed` for bytes). Raises
    `error_class` for every file-level refusal (see REASON_PARAMS).
    """
    spec = _spec(columns, required_any)
    data, file_name = read_source(source, name=name, unnamed=unnamed, error_class=error_class)
    if sniff_and_refuse(data, file_name, error_class, allow_text=allow_csv) == "text":
        return _read_csv_table(data, file_name, spec, error_class, max_rows, frozenset(sensitive_number_keys))
    package = open_workbook(data, file_name, error_class)
    try:
        sheets = package.sheets_in_reading_order()
        for sheet in sheets:
            rows = package.rows(sheet)
            try:
                found = _find_header(rows, spec, error_class, file_name, sheet.title)
                if found is not None:
                    # The same stream goes on from the row after the header: one pass over the sheet.
                    return _read_rows(rows, found, error_class, file_name, sheet.title, max_rows,
                                      frozenset(sensitive_number_keys), from_csv=False)
            finally:
                rows.close()
        raise _no_header(spec, error_class, file_name, "、".join(f"“{sheet.title}”" for sheet in sheets) or "—")
    except error_class:
        raise
    except XlsxLimitExceeded as exc:
        raise limit_refusal(exc, error_class, file_name) from None
    except Exception as exc:  # sheets are parsed as they are read, so damage can surface only here
        raise error_class.refuse("damaged", file=file_name) from exc
    finally:
        package.close()


def _read_csv_table(data: bytes, file_name: str, spec: _Spec, error_class: type[SpreadsheetFileError],
                    max_rows: int, sensitive: frozenset[str]) -> Table:
    decoded = decode_text(data)
    if decoded is None:
        raise error_class.refuse("not_workbook", file=file_name)
    text, encoding = decoded
    if not text.strip():
        raise error_class.refuse("empty_file", file=file_name)
    try:
        for delimiter in csv_delimiters(text):
            rows = _unwrapped(csv_rows(text, delimiter))
            found = _find_header(rows, spec, error_class, file_name, "CSV")
            if found is not None:
                table = _read_rows(rows, found, error_class, file_name, "CSV", max_rows, sensitive, from_csv=True)
                table.sheet_name, table.file_format, table.encoding = None, "csv", encoding
                return table
    except csv.Error as exc:  # a field beyond csv's size limit, and similar
        raise error_class.refuse("not_workbook", file=file_name) from exc
    raise _no_header(spec, error_class, file_name, "CSV")


def _unwrapped(rows: Iterable[Row]) -> Iterator[Row]:
    for number, cells in rows:
        kept = []
        for column, value, kind in cells:
            text = trim_text(value)  # CSV values are always str
            if text is not None:
                kept.append((column, unwrap_csv_text(text), kind))
        yield number, kept


def _no_header(spec: _Spec, error_class: type[SpreadsheetFileError], file_name: str,
               looked: str) -> SpreadsheetFileError:
    return error_class.refuse("no_header", file=file_name, scan=HEADER_SCAN_ROWS,
                              expected="、".join(f"“{spec.titles[key]}”" for key in spec.required), sheets=looked)


_Header = tuple[int, list[str], dict[str, int]]  # (row number, header texts, key -> 1-based column)


def _find_header(rows: Iterator[Row], spec: _Spec, error_class: type[SpreadsheetFileError], file_name: str,
                 sheet: str) -> _Header | None:
    """The header among the first rows, or None; raises when a header names a column twice."""
    index = spec.index
    for row_number, cells in rows:
        if row_number > HEADER_SCAN_ROWS:
            return None
        width = max((column for column, _, _ in cells), default=0)
        texts = [""] * width
        for column, value, _kind in cells:
            texts[column - 1] = trim_text(cell_text(value)) or ""
        positions: dict[str, list[int]] = {}
        for position, text in enumerate(texts, 1):
            if text:
                folded = header_key(text)
                key = index.get(folded) or index.get(folded.lower())
                if key is not None:
                    positions.setdefault(key, []).append(position)
        if (len(positions) < 2 or not all(key in positions for key in spec.required)
                or not all(any(key in positions for key in group) for group in spec.required_any)):
            continue
        for key, places in positions.items():
            if len(places) > 1:
                raise error_class.refuse(
                    "duplicate_column", file=file_name, sheet=sheet, row=row_number, header=spec.titles[key],
                    cells="、".join(f"{get_column_letter(i)}{row_number}“{texts[i - 1]}”" for i in places),
                )
        while texts and not texts[-1]:
            texts.pop()
        return row_number, texts, {key: places[0] for key, places in positions.items()}
    return None


def _read_rows(rows: Iterable[Row], header: _Header, error_class: type[SpreadsheetFileError], file_name: str,
               sheet: str, max_rows: int, sensitive: frozenset[str], *, from_csv: bool) -> Table:
    header_row, headers, columns = header
    width = len(headers)
    key_at: list[str | None] = [None] * width
    for key, position in columns.items():
        key_at[position - 1] = key
    formula_code, error_code, number_code = (error_class.code_for(reason)
                                             for reason in ("cell_formula", "cell_error", "cell_number"))
    scientific = SCIENTIFIC_NUMBER.match if from_csv else None
    empty_values = dict.fromkeys(columns)
    result: list[TableRow] = []
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
            text = value if kind == "f" else cell_text(value)
            raw[index] = text
            key = key_at[index]
            if key is None:
                continue
            shown = trim_text(text)
            values[key] = shown
            if shown is None:
                continue
            blank = False
            if kind == "f":
                problems.append(_cell_problem(formula_code, index, row_number, headers, shown))
            elif kind == "e":
                problems.append(_cell_problem(error_code, index, row_number, headers, shown))
            elif key in sensitive and ((isinstance(value, (int, float)) and not isinstance(value, bool))
                                       or (scientific is not None and scientific(shown))):
                problems.append(_cell_problem(number_code, index, row_number, headers, shown))
        if blank:
            continue
        if len(result) >= max_rows:
            raise error_class.refuse("too_many_rows", file=file_name, sheet=sheet, limit=max_rows)
        result.append(TableRow(row_number, values, raw, problems))
    if not result:
        raise error_class.refuse("empty", file=file_name, sheet=sheet, row=header_row)
    ignored = [text for index, text in enumerate(headers) if text and key_at[index] is None]
    return Table(sheet, header_row, columns, headers, ignored, result)


def _cell_problem(code: str, index: int, row_number: int, headers: list[str], shown: str) -> Problem:
    # The person's own header names the column, without the "*" that marks required ones.
    column = headers[index].strip("*＊ \u3000") or headers[index]
    return Problem(code, {"cell": f"{get_column_letter(index + 1)}{row_number}", "column": column, "value": shown})
