"""A screen's table, as shown, into one sheet: the headers, then each row in the order on screen.

Numbers stay numbers (a person sums the 课时 column); every text goes through the formula
guard (spreadsheet_safety), so a name typed as =HYPERLINK(...) comes back out as that text.
Text is stored as Unicode strings, so rare name characters (陈䶮, 𠮷) survive as they are;
Excel and WPS draw them with the system's Extension fonts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

from desktop_app.documents.spreadsheet_safety import append_header_row, stream_text

__all__ = ["write_table_workbook"]

Value = str | int | float | None


def _width(header: str, values: list[Value]) -> float:
    longest = max([len(str(value or "")) for value in values[:200]] + [len(header)])
    return min(max(longest * 1.6 + 2, 8), 60)  # CJK characters are about two Latin widths


def write_table_workbook(path: Path, *, title: str, headers: Sequence[str], lines: Iterable[Sequence[Value]]) -> int:
    """Write the table to `path` (.xlsx); returns the number of rows written."""
    lines = [list(line) for line in lines]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet((title or "Sheet")[:31])
    for index, header in enumerate(headers):
        letter = _column_letter(index)
        sheet.column_dimensions[letter].width = _width(header, [line[index] for line in lines if index < len(line)])
    sheet.freeze_panes = "A2"
    append_header_row(sheet, headers)
    for line in lines:
        sheet.append([value if isinstance(value, int | float) and not isinstance(value, bool)
                      else stream_text(sheet, value) for value in line])
    workbook.save(path)
    return len(lines)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
