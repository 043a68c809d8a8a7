"""A mark's history: who changed one trainee's mark in the chosen session, when, and why — and an
earlier value put back (a new revision with its reason; the lines already there stay as they are)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import permitted
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt, offer_reasons
from desktop_app.services.attendance import GridRow, HistoryEntry, SessionGrid, SessionInfo

from .dialogs import MarkHistoryDialog
from .part import AttendancePart, AttendanceTools
from .sheet import AttendanceSheet
from .words import describe_mark, session_text


class RestoreMarkPrompt(ReasonPrompt):
    """恢复此值: the value of one history line becomes the mark's value again, with a reason; the
    prompt saves it itself and keeps a refusal (changed meanwhile, class sealed …) inline."""

    def __init__(self, office, operations: Operations, *, row: GridRow, session_id: int, entry: HistoryEntry,
                 current_revision: int, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="restoreReasonCombo", width=320, choices=True)
        self.setObjectName("restoreMarkDialog")
        self.office = office
        self.row = row
        self.session_id = session_id
        self.entry = entry
        self.current_revision = current_revision
        self.explanation.setMinimumWidth(420)
        self.ask_reason()

    def reason_missing(self) -> str:
        return self.tr("Write the reason first: it is kept with the mark's history for good.")

    def change(self):
        attendance, session_id, enrolment_id = self.office.attendance, self.session_id, self.row.enrolment_id
        revision, reason, expected = self.entry.revision, self.reason(), self.current_revision
        return lambda: attendance.restore_mark(session_id, enrolment_id, revision, reason=reason,
                                               expected_revision=expected)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Restore an earlier value"))
        self.explanation.setText(self.tr(
            "Make “{value}” (revision {revision}) the mark of {name} again? The history keeps every line as it is; "
            "the restore is added as a new line with your name and the reason.").format(
            value=describe_mark(self.entry.new_value), revision=self.entry.revision, name=self.row.name))
        self.reason_label.setText(self.tr("Reason"))
        offer_reasons(self.reason_combo, [self.tr("Changed by mistake"),
                                          self.tr("Checked against the paper sign-in sheet")],
                      self.tr("Choose or type the reason (required)"))
        self.ok_button.setText(self.tr("Restore"))
        super().retranslate()


class MarkHistory(AttendancePart):
    """The 查看记录 button, H on a line and a double-click: the history of that line's mark."""

    restored = Signal(object)  # GridRow, the mark as the restore left it

    def __init__(self, tools: AttendanceTools, page: QWidget, sheet: AttendanceSheet) -> None:
        super().__init__(tools, page)
        self.sheet = sheet
        self.dialogs: DialogSlot[MarkHistoryDialog] = DialogSlot(closed=sheet.view.setFocus)
        self.restore_dialogs: DialogSlot[RestoreMarkPrompt] = DialogSlot()
        self.button = QPushButton()
        self.button.setObjectName("historyButton")
        self.button.clicked.connect(lambda: self.show(sheet.view.current_row()))
        sheet.view.doubleClicked.connect(lambda index: self.show(index.row()))

    @property
    def dialog(self) -> MarkHistoryDialog | None:
        """The history dialog open now, if any."""
        return self.dialogs.dialog

    @property
    def restore_dialog(self) -> RestoreMarkPrompt | None:
        """The restore prompt open now, if any."""
        return self.restore_dialogs.dialog

    def update_actions(self, grid: SessionGrid | None) -> None:
        self.button.setEnabled(grid is not None and bool(grid.rows))

    def show(self, row_number: int) -> None:
        grid = self.sheet.grid
        row: GridRow | None = self.sheet.model.row_at(row_number)
        if grid is None or row is None:
            return
        session = grid.session
        can_restore = not grid.read_only and permitted(self.office.actor, Permission.MARK_ATTENDANCE)
        self.run(lambda: self.office.attendance.history(session.id, row.enrolment_id),
                 success=lambda entries: self._arrived(row, session, entries, can_restore))

    def _arrived(self, row: GridRow, session: SessionInfo, entries: Sequence[HistoryEntry], can_restore: bool) -> None:
        who = self.tr("No. {roll} {name}").format(roll=row.roll_no, name=row.name)
        dialog = MarkHistoryDialog(who, session_text(session), entries, self.page, can_restore=can_restore)
        dialog.restore_requested.connect(lambda entry: self._ask_restore(dialog, row, session, entry))
        self.dialogs.open(dialog)

    def _ask_restore(self, dialog: MarkHistoryDialog, row: GridRow, session: SessionInfo, entry: HistoryEntry) -> None:
        current = dialog.model.rows()[-1].revision
        prompt = RestoreMarkPrompt(self.office, self.tools.operations, row=row, session_id=session.id, entry=entry,
                                   current_revision=current, parent=dialog)
        prompt.saved.connect(lambda saved: self._restored(dialog, session, saved))
        self.restore_dialogs.open(prompt)

    def _restored(self, dialog: MarkHistoryDialog, session: SessionInfo, row: GridRow) -> None:
        if self.sheet.grid is not None and self.sheet.grid.session.id == session.id:
            self.sheet.model.replace_row(row)
        self.status.say(lambda: self.tr("Restored: {roll}. {name}: {mark}").format(
            roll=row.roll_no, name=row.name, mark=describe_mark(row.value)))
        self.restored.emit(row)
        self.run(lambda: self.office.attendance.history(session.id, row.enrolment_id),
                 success=lambda entries: self.dialog is dialog and dialog.set_entries(entries))

    def retranslate(self) -> None:
        self.button.setText(self.tr("History"))
