"""A mark's history: who changed one trainee's mark in the chosen session, when, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.services.attendance import GridRow, SessionGrid, SessionInfo

from .dialogs import MarkHistoryDialog
from .part import AttendancePart, AttendanceTools
from .sheet import AttendanceSheet
from .words import session_text


class MarkHistory(AttendancePart):
    """The 查看记录 button, H on a line and a double-click: the history of that line's mark."""

    def __init__(self, tools: AttendanceTools, page: QWidget, sheet: AttendanceSheet) -> None:
        super().__init__(tools, page)
        self.sheet = sheet
        self.dialogs: DialogSlot[MarkHistoryDialog] = DialogSlot(closed=sheet.view.setFocus)
        self.button = QPushButton()
        self.button.setObjectName("historyButton")
        self.button.clicked.connect(lambda: self.show(sheet.view.current_row()))
        sheet.view.doubleClicked.connect(lambda index: self.show(index.row()))

    @property
    def dialog(self) -> MarkHistoryDialog | None:
        """The history dialog open now, if any."""
        return self.dialogs.dialog

    def update_actions(self, grid: SessionGrid | None) -> None:
        self.button.setEnabled(grid is not None and bool(grid.rows))

    def show(self, row_number: int) -> None:
        grid = self.sheet.grid
        row: GridRow | None = self.sheet.model.row_at(row_number)
        if grid is None or row is None:
            return
        session = grid.session
        self.run(lambda: self.office.attendance.history(session.id, row.enrolment_id),
                 success=lambda entries: self._arrived(row, session, entries))

    def _arrived(self, row: GridRow, session: SessionInfo, entries) -> None:
        who = self.tr("No. {roll} {name}").format(roll=row.roll_no, name=row.name)
        self.dialogs.open(MarkHistoryDialog(who, session_text(session), entries, self.page))

    def retranslate(self) -> None:
        self.button.setText(self.tr("History"))
