"""The table models of the attendance screen: one session's grid of marks, the per-trainee
summary of a class, and the revisions of one mark. Thin adapters over the services' rows; the
colours are the theme's."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.attendance import AttendanceStatus
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.row_model import RowList
from desktop_app.services.attendance import GridRow, HistoryEntry, SessionGrid, SummaryRow

from .words import china_time, clock, describe_mark, eligibility_label, eligibility_state, minutes_text, status_label

# Status cells: (background, text). Green is fine, amber half-fine, blue excused, red absent,
# grey still to do — the colours a teacher reads across the room without the words.
STATUS_COLOURS: dict[AttendanceStatus | None, tuple[QColor, QColor]] = {
    AttendanceStatus.PRESENT: (qcolor(Colour.MARK_PRESENT_BACKGROUND), qcolor(Colour.MARK_PRESENT_TEXT)),
    AttendanceStatus.LATE: (qcolor(Colour.MARK_PARTLY_BACKGROUND), qcolor(Colour.MARK_PARTLY_TEXT)),
    AttendanceStatus.EARLY_LEAVE: (qcolor(Colour.MARK_PARTLY_BACKGROUND), qcolor(Colour.MARK_PARTLY_TEXT)),
    AttendanceStatus.LEAVE: (qcolor(Colour.MARK_LEAVE_BACKGROUND), qcolor(Colour.MARK_LEAVE_TEXT)),
    AttendanceStatus.ABSENT: (qcolor(Colour.MARK_ABSENT_BACKGROUND), qcolor(Colour.MARK_ABSENT_TEXT)),
    None: (qcolor(Colour.MARK_NONE_BACKGROUND), qcolor(Colour.TEXT_MUTED)),
}
AT_RISK_BACKGROUND = qcolor(Colour.ROW_AT_RISK)  # cannot complete
ATTENTION_BACKGROUND = qcolor(Colour.WARNING_BACKGROUND)  # needs attention: behind, still recoverable
ELIGIBILITY_COLOURS = {
    "on_track": qcolor(Colour.TEXT_MUTED),
    "needs_attention": qcolor(Colour.WARNING),
    "cannot_complete": qcolor(Colour.ERROR),
    "eligible": qcolor(Colour.MARK_PRESENT_TEXT),
    "not_eligible": qcolor(Colour.ERROR),
}


class AttendanceGridModel(RowList, QAbstractTableModel):
    """One session's trainees with their marks. A saved mark repaints its own line only."""

    ROLL, NAME, ID_NUMBER, STATUS, MINUTES, LEAVE_REASON, SIGN_IN, SIGN_OUT = range(8)

    row_key = "enrolment_id"

    def __init__(self, grid: SessionGrid | None = None, parent: QObject | None = None) -> None:
        super().__init__(grid.rows if grid else (), parent)
        self.grid: SessionGrid | None = grid

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("ID card no."), self.tr("Status"),
                self.tr("Late / early (min)"), self.tr("Reason for leave"), self.tr("Signed in"),
                self.tr("Signed out")]

    def cell(self, row: GridRow, column: int, role: int) -> Any:
        value = row.value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ROLL:
                return str(row.roll_no)
            if column == self.NAME:
                return row.name
            if column == self.ID_NUMBER:
                return row.id_masked
            if column == self.STATUS:
                return status_label(row.status)
            if column == self.MINUTES:
                return minutes_text(value)
            if column == self.LEAVE_REASON:
                return (value.leave_reason or "") if value else ""
            if column == self.SIGN_IN:
                return clock(value.sign_in_at) if value else ""
            if column == self.SIGN_OUT:
                return clock(value.sign_out_at) if value else ""
            return None
        if column == self.STATUS:
            background, foreground = STATUS_COLOURS[row.status]
            if role == Qt.ItemDataRole.BackgroundRole:
                return background
            if role == Qt.ItemDataRole.ForegroundRole:
                return foreground
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.LEAVE_REASON and value and value.leave_reason:
            return value.leave_reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.STATUS, self.MINUTES,
                                                                    self.SIGN_IN, self.SIGN_OUT):
            return Qt.AlignmentFlag.AlignCenter
        return None

    # --- rows -------------------------------------------------------------------------------

    def set_grid(self, grid: SessionGrid | None) -> None:
        """Show `grid`. The same roster again (a refresh after a swipe or 全部出勤) repaints only
        the lines that changed, so the teacher's place and selection stay where they were."""
        new_rows = list(grid.rows) if grid else []
        same_people = [r.enrolment_id for r in new_rows] == [r.enrolment_id for r in self._rows]
        same_session = grid is not None and self.grid is not None and grid.session.id == self.grid.session.id
        self.grid = grid
        if not (same_people and same_session):
            self.set_rows(new_rows)
            return
        for number, (old, new) in enumerate(zip(self._rows, new_rows)):
            if old != new:
                self._rows[number] = new
                self.repaint_line(number)

    def totals(self) -> dict[str, int]:
        """出勤/迟到/… counts of the lines as shown now (the service's own arithmetic)."""
        if self.grid is None:
            return {**{s.value: 0 for s in AttendanceStatus}, "unmarked": 0}
        return replace(self.grid, rows=tuple(self._rows)).totals()


class AttendanceSummaryModel(RowList, QAbstractTableModel):
    """Per trainee: lessons attended, online lessons credited, the two rates (each with its label),
    the standing and its reason. Rows that need attention are amber, rows that cannot complete red."""

    ROLL, NAME, ATTENDED, ONLINE, TOTAL, RATE, PLANNED_RATE, ELIGIBILITY, REASONS = range(9)

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("Lessons attended"), self.tr("Online credited"),
                self.tr("Lessons in total"), self.tr("Rate so far"), self.tr("Rate of all planned"),
                self.tr("Standing"), self.tr("Reasons")]

    @staticmethod
    def reasons(row: SummaryRow) -> list[str]:
        return [problem.message() for problem in row.shown_reasons]

    def cell(self, row: SummaryRow, column: int, role: int) -> Any:
        a = row.attendance
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.ROLL: str(row.roll_no),
                self.NAME: row.name,
                self.ATTENDED: str(a.attended_lessons),
                self.ONLINE: str(a.online_credited_lessons),
                self.TOTAL: str(a.total_lessons),
                self.RATE: f"{a.rate_percent}%" if a.scheduled_minutes else "—",
                self.PLANNED_RATE: f"{a.planned_rate_percent}%",
                self.ELIGIBILITY: eligibility_label(row),
                self.REASONS: "；".join(self.reasons(row)),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.RATE:
                return self.tr("{attended} of the {held} lessons held so far").format(
                    attended=a.held_attended_lessons, held=a.held_lessons)
            if column == self.PLANNED_RATE:
                return self.tr("{attended} of all {planned} planned lessons").format(
                    attended=a.attended_lessons, planned=a.planned_lessons)
            if column in (self.REASONS, self.ELIGIBILITY, self.NAME):
                reasons = self.reasons(row)
                return "\n".join(reasons) if reasons else None
        if role == Qt.ItemDataRole.BackgroundRole and row.in_progress and a.at_risk:
            return AT_RISK_BACKGROUND if a.standing.value == "cannot_complete" else ATTENTION_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ELIGIBILITY:
            return ELIGIBILITY_COLOURS[eligibility_state(row)]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.ATTENDED, self.ONLINE,
                                                                    self.TOTAL, self.RATE, self.PLANNED_RATE,
                                                                    self.ELIGIBILITY):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def at_risk_rows(self) -> list[int]:
        """Lines that need attention or cannot complete (coloured)."""
        return [n for n, row in enumerate(self._rows) if row.in_progress and row.attendance.at_risk]

    def lines_standing(self, value: str) -> list[int]:
        """Lines whose standing is `value` (a domain.attendance.Standing value)."""
        return [n for n, row in enumerate(self._rows) if row.standing.value == value]


class MarkHistoryModel(RowList, QAbstractTableModel):
    """Every revision of one mark, oldest first."""

    REVISION, CHANGED_AT, CHANGED_BY, CHANGE, REASON = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Revision"), self.tr("Time"), self.tr("Changed by"), self.tr("Change"), self.tr("Reason")]

    def cell(self, row: HistoryEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.REVISION:
                return str(row.revision)
            if column == self.CHANGED_AT:
                local = china_time(row.changed_at)
                return f"{local:%Y-%m-%d %H:%M:%S}" if local else ""
            if column == self.CHANGED_BY:
                return row.changed_by
            if column == self.CHANGE:
                return f"{describe_mark(row.old_value)} → {describe_mark(row.new_value)}"
            if column == self.REASON:
                return row.reason or ("" if role == Qt.ItemDataRole.DisplayRole else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.REVISION:
            return Qt.AlignmentFlag.AlignCenter
        return None
