"""The audit log as a file for an auditor: an xlsx (streamed) or a CSV Excel opens in Chinese."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

from desktop_app.documents.spreadsheet_safety import CSV_ENCODING, append_header_row, safe_csv_row, stream_text

# (Chinese, English) column headings, in the order of the lines handed to the writers.
AUDIT_HEADERS: tuple[tuple[str, str], ...] = (
    ("时间", "Time"),
    ("操作人", "Person"),
    ("操作", "Action"),
    ("对象", "Record"),
    ("班级", "Class"),
    ("详情", "Details"),
)
COLUMN_WIDTHS = (20, 14, 18, 30, 14, 80)

Line = Sequence[str]


def write_audit_workbook(path: Path, *, title: str, headers: Sequence[str], lines: Iterable[Line]) -> int:
    """Stream `lines` into one sheet (constant memory, write-only mode); returns how many were written.

    Every cell is text from the log, and every one goes through the formula guard: a name or
    a reason typed as =HYPERLINK(...) comes back out as that text, never as a live formula.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(COLUMN_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    append_header_row(sheet, headers)
    count = 0
    for line in lines:
        sheet.append([stream_text(sheet, value) for value in line])
        count += 1
    workbook.save(path)
    return count


def write_audit_csv(path: Path, *, headers: Sequence[str], lines: Iterable[Line]) -> int:
    """The same as CSV, UTF-8 with BOM, formula-like text prefixed with a quote; returns the line count."""
    count = 0
    with open(path, "w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(safe_csv_row(headers))
        for line in lines:
            writer.writerow(safe_csv_row(line))
            count += 1
    return count
