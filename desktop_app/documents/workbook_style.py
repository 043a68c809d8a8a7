"""The look our import templates share (title row, header cells, drop-down rules), so the roster and results templates match."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.documents.spreadsheet_safety import write_text_cell

__all__ = [
    "CELL_BORDER",
    "CENTERED",
    "HEADER_FILL",
    "HEADER_FONT",
    "REQUIRED_FONT",
    "TITLE_FONT",
    "TITLE_ROW_HEIGHT",
    "add_column_validation",
    "style_header_cell",
    "write_title_row",
]

_THIN = Side(style="thin", color="A6A6A6")
CELL_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=16)
CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)
TITLE_ROW_HEIGHT = 32


def write_title_row(ws, title: str, columns: int) -> None:
    """The title on row 1, centred across the first `columns` columns."""
    cell = write_text_cell(ws, 1, 1, title)
    cell.font = TITLE_FONT
    cell.alignment = CENTERED
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.row_dimensions[1].height = TITLE_ROW_HEIGHT


def style_header_cell(cell, *, required: bool) -> None:
    """A header cell: bold on the header fill, framed and centred; a required column's header in red."""
    cell.font = REQUIRED_FONT if required else HEADER_FONT
    cell.fill = HEADER_FILL
    cell.border = CELL_BORDER
    cell.alignment = CENTERED


def add_column_validation(ws, validation: DataValidation, *, column: int, first_row: int, last_row: int,
                          title: str, error: str, prompt: str, strict: bool) -> None:
    """Put `validation` on rows `first_row`..`last_row` of `column`, with its input prompt and error message.

    `strict` refuses other values ("stop"); otherwise Excel only warns and lets the value stand.
    """
    validation.errorStyle = "stop" if strict else "warning"
    validation.errorTitle = title
    validation.error = error
    validation.promptTitle = title
    validation.prompt = prompt
    validation.showErrorMessage = True
    validation.showInputMessage = True
    letter = get_column_letter(column)
    validation.add(f"{letter}{first_row}:{letter}{last_row}")
    ws.add_data_validation(validation)
