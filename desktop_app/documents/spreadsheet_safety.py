"""Text cells that spreadsheet programs never run as formulas: the formula/CSV-injection guard."""

# Trainee data comes from outside (other institutions' rosters, the platform, typing), so a
# name such as =HYPERLINK("http://x","点我") must come back out of our workbooks as that
# text, never as a live formula or link. Two places need guarding:
#
# * xlsx written by openpyxl: assigning a str that starts with "=" to cell.value makes
#   openpyxl write a <f> formula element, and "#N/A"-like strings become error cells.
#   write_text_cell / text_cell / stream_text therefore store every text as a string cell
#   (t="inlineStr") whatever it starts with, so the text stays exactly the same and re-imports
#   unchanged. Formula-like cells also get Excel's "quote prefix" flag, so that Excel and WPS
#   keep them text even when a person edits the cell and presses Enter.
# * Plain-text exports (CSV, clipboard): there is no cell type, so safe_cell_text applies the
#   OWASP advice and prefixes a single quote.
#
# Leading whitespace: Excel ignores spaces before "=" when some locales open a CSV, and
# LibreOffice can trim them on import, so " =1+1" counts as formula-like. Full-width ＝＋－＠
# count too: Chinese input methods produce them and some Excel builds take them for the
# ASCII ones. Being conservative costs nothing in xlsx (the text is unchanged) and only a
# visible apostrophe in CSV.

from __future__ import annotations

import re
from collections.abc import Iterable

from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.cell.cell import WriteOnlyCell as _WriteOnlyCell

__all__ = ["CSV_ENCODING", "FORMULA_TRIGGERS", "TEXT_FORMAT", "decode_ooxml_text", "encode_ooxml_text",
           "is_formula_like", "safe_cell_text", "safe_csv_row", "stream_text", "text_cell", "write_text_cell"]

# The characters that start a formula (or DDE payload) in Excel, WPS and LibreOffice; tab and
# CR come from OWASP's CSV-injection advice (they let a payload hide behind a cell break).
FORMULA_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")

TEXT_FORMAT = "@"  # Excel's "Text" number format: what a person types stays text

# Excel keeps at most 32 767 characters in a cell; openpyxl silently truncates, we do it openly.
MAX_CELL_CHARS = 32_767

_LEADING_SPACE = re.compile(r"^[ \u3000\u00a0\n]+")


def is_formula_like(value: str) -> bool:
    """True when a spreadsheet program could take `value` for a formula (see the module notes)."""
    if not value:
        return False
    if value[0] in FORMULA_TRIGGERS:
        return True
    rest = _LEADING_SPACE.sub("", value)
    return bool(rest) and rest != value and rest[0] in FORMULA_TRIGGERS


def safe_cell_text(value: str) -> str:
    """`value` for a CSV or other plain-text export: formula-like text gets a leading "'"."""
    value = "" if value is None else str(value)
    return "'" + value if is_formula_like(value) else value


# UTF-8 with a byte-order mark: without it Excel opens a CSV in the machine's ANSI code page
# (GBK on Chinese Windows) and every Chinese character comes out garbled.
CSV_ENCODING = "utf-8-sig"


def safe_csv_row(values) -> list[object]:
    """A row for `csv.writer`: every text through `safe_cell_text`; numbers stay numbers (a
    negative amount is data, not a formula), None becomes an empty cell."""
    row: list[object] = []
    for value in values:
        if value is None:
            row.append("")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            row.append(value)
        else:
            row.append(safe_cell_text(str(value)))
    return row


# XML 1.0 cannot carry these; Excel writes them as _xHHHH_ escapes. CR is escaped too: an XML
# parser turns a bare CR into LF, and openpyxl only writes &#13; when lxml is installed.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def encode_ooxml_text(text: str) -> str:
    """`text` as Excel stores it in a string cell: unsafe characters as _xHHHH_, and a literal
    "_xHHHH_" protected as "_x005F_xHHHH_" so that readers do not decode it."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _XML_UNSAFE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def decode_ooxml_text(text: str) -> str:
    """The text Excel shows for a stored string: _xHHHH_ escapes decoded (left to right)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if text == "":
        return None
    # Excel keeps 32 767 characters at most; openpyxl would cut silently, even mid-escape.
    encoded = encode_ooxml_text(text[:MAX_CELL_CHARS])
    while len(encoded) > MAX_CELL_CHARS:
        text = text[: len(text) - (len(encoded) - MAX_CELL_CHARS)]
        encoded = encode_ooxml_text(text)
    return encoded


def _bind_text(cell: Cell, value: object, number_format: str | None) -> Cell:
    text = _clean(value)
    if number_format:
        cell.number_format = number_format
    if text is None:
        cell.value = None
        return cell
    cell.value = text
    # openpyxl guessed "f" for "=…" and "e" for "#N/A"; a text cell it must be.
    cell.data_type = "s"
    if is_formula_like(value if isinstance(value, str) else text):
        cell.quotePrefix = True
    return cell


def write_text_cell(ws, row: int, col: int, value: object, *, number_format: str | None = None) -> Cell:
    """Put `value` as plain text into cell (row, col) of an ordinary worksheet; never a formula."""
    return _bind_text(ws.cell(row=row, column=col), value, number_format)


def text_cell(ws, value: object, *, number_format: str | None = None) -> Cell:
    """The same for a write-only worksheet: a cell to pass to ``ws.append``, never a formula."""
    return _bind_text(_WriteOnlyCell(ws), value, number_format)


def append_header_row(ws, headers: Iterable[object]) -> None:
    """The bold header row of a write-only sheet, each header as text (never a formula)."""
    from openpyxl.styles import Font

    cells = []
    for header in headers:
        cell = text_cell(ws, header)
        cell.font = Font(bold=True)
        cells.append(cell)
    ws.append(cells)


def stream_text(ws, value: object, *, number_format: str | None = None) -> str | Cell | None:
    """What to put in a row for ``ws.append`` on a write-only sheet: `text_cell`'s cell, or the
    plain str when openpyxl would store exactly that as a string anyway.

    Handing openpyxl a Cell costs it a failed conversion and an exception per cell; a plain
    str is about twice as fast to write, which matters for exports of many thousand rows.
    """
    if number_format is None:
        if value is None or value == "":
            return None
        # openpyxl itself turns "=…" into a formula and "#N/A" into an error cell.
        if (isinstance(value, str) and not is_formula_like(value) and value not in ERROR_CODES
                and len(value) <= MAX_CELL_CHARS and encode_ooxml_text(value) == value):
            return value
    return text_cell(ws, value, number_format=number_format)
