"""The subsidy estimate of a class as an xlsx: one header row, then one row per trainee and
nothing else (no title, no totals row), so that the sheet reads back as a plain table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from desktop_app.documents.spreadsheet_safety import text_cell

HEADERS = ("学号", "姓名", "证件号码", "补贴金额（元）", "生活费补贴（元）", "领取人", "原因")
UNSET = "未设置标准"


@dataclass(frozen=True)
class EstimateLine:
    roll_no: int
    name: str
    id_masked: str
    training_fen: int | None  # None: cannot be worked out (a figure unset)
    living_fen: int | None
    payee: str
    reasons: str


def _money(sheet, fen: int | None):
    if fen is None:
        return text_cell(sheet, UNSET)
    cell = WriteOnlyCell(sheet, fen / 100)  # yuan as a number, so the clerk can add them up
    cell.number_format = "0.00"
    return cell


def write_subsidy_estimate(path: Path, *, lines: Sequence[EstimateLine]) -> None:
    """Amounts as numbers (yuan, two decimals) or 未设置标准; every text cell goes through the
    formula-injection guard (names and reasons come from outside)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("补贴测算")
    sheet.append([text_cell(sheet, header) for header in HEADERS])
    for line in lines:
        sheet.append([WriteOnlyCell(sheet, line.roll_no), text_cell(sheet, line.name), text_cell(sheet, line.id_masked),
                      _money(sheet, line.training_fen), _money(sheet, line.living_fen), text_cell(sheet, line.payee),
                      text_cell(sheet, line.reasons)])
    workbook.save(path)
