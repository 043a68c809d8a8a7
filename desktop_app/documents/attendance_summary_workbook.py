"""The attendance summary of a class as an xlsx: one row per trainee, hours, the two rates (of the
sessions held so far, of all planned lessons), the standing and its reason: the same columns and
words as the window's summary and `skilldesk attendance summary`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from desktop_app.documents.spreadsheet_safety import text_cell

HEADERS = ("学号", "姓名", "身份证号（脱敏）", "出勤课时", "其中实操课时", "线上学时（上报）", "线上学时（计入）",
           "合计课时", "出勤率（已上的课）", "出勤率（全部计划课时）", "未考勤课次", "状态", "原因")
_AT_RISK = PatternFill("solid", fgColor="FCE4D6")


@dataclass(frozen=True)
class SummaryLine:
    roll_no: int
    name: str
    id_masked: str
    attended_lessons: Decimal
    practice_lessons: Decimal
    online_reported_lessons: Decimal
    online_credited_lessons: Decimal
    total_lessons: Decimal
    rate_percent: Decimal  # of the sessions held so far
    planned_rate_percent: Decimal  # of all planned lessons
    unmarked_sessions: int
    standing: str  # 培训中 / 需关注 / 无法达标 / 符合 / 不符合 (domain.attendance.Standing)
    reasons: str
    warning: bool  # shaded: needs attention, cannot complete, not eligible


def write_attendance_summary(path: Path, *, title: str, lines: Sequence[SummaryLine]) -> None:
    """Figures are written as numbers so the clerk can add them up; every text cell goes
    through the formula-injection guard. Trainees who need attention, cannot complete or are
    not eligible are shaded."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("考勤汇总")
    heading = text_cell(sheet, title)
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    sheet.append([text_cell(sheet, header) for header in HEADERS])
    for line in lines:
        numbers = (line.attended_lessons, line.practice_lessons, line.online_reported_lessons,
                   line.online_credited_lessons, line.total_lessons)
        row = [WriteOnlyCell(sheet, line.roll_no), text_cell(sheet, line.name), text_cell(sheet, line.id_masked)]
        row += [WriteOnlyCell(sheet, float(value)) for value in numbers]
        for percent in (line.rate_percent, line.planned_rate_percent):
            rate = WriteOnlyCell(sheet, float(percent) / 100)
            rate.number_format = "0.0%"
            row.append(rate)
        row += [WriteOnlyCell(sheet, line.unmarked_sessions), text_cell(sheet, line.standing),
                text_cell(sheet, line.reasons)]
        if line.warning:
            for cell in row:
                cell.fill = _AT_RISK
        sheet.append(row)
    workbook.save(path)
