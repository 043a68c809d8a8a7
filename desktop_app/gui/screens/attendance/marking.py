"""Taking marks on the sheet: a status key saves at once (asking first for the minutes or the reason
for leave), and 全部出勤 marks everyone not yet marked. Once the session's day is locked, the
reason for the changes is asked once for the session (`back_entry`) and given to every mark."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import apply_permission, permitted, refusal_text
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.services.attendance import GridRow, SessionGrid

from .back_entry import BackEntryReason
from .dialogs import MarkDialog
from .part import AttendancePart, AttendanceTools
from .sheet import AttendanceSheet
from .words import clock, status_label


class Marking(AttendancePart):
    """Status keys and 全部出勤 on the sheet's grid, saved one mark at a time."""

    saved = Signal(object)  # GridRow
    marks_changed = Signal()

    def __init__(self, tools: AttendanceTools, page: QWidget, sheet: AttendanceSheet) -> None:
        super().__init__(tools, page)
        self.sheet = sheet
        self.model = sheet.model
        self.view = sheet.view
        self._saving: set[int] = set()
        self._queued: dict[int, tuple[MarkValue, str | None]] = {}
        self.confirm_box: QMessageBox | None = None  # "replace the card record?" while it is asked
        self.dialogs: DialogSlot[MarkDialog] = DialogSlot(closed=self.view.setFocus)
        self.all_present_button = QPushButton()
        self.all_present_button.setObjectName("allPresentButton")
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.back_entry = BackEntryReason(tools, page)
        self.back_entry.changed.connect(lambda _session_id: self.update_actions(self.model.grid))
        sheet.shown.connect(self._grid_shown)

    @property
    def dialog(self) -> MarkDialog | None:
        """The mark dialog open now, if any."""
        return self.dialogs.dialog

    def _grid_shown(self, grid: SessionGrid | None) -> None:
        if grid is None:  # another session: what was saving or waiting belongs to the old one
            self._saving.clear()
            self._queued.clear()

    def update_actions(self, grid: SessionGrid | None) -> None:
        # Marking is offered to every role that may record attendance; a teacher is refused other
        # teachers' classes by the service, with a message naming the class.
        writable = grid is not None and not grid.read_only
        if grid is not None and writable and grid.locked:
            tip = self.tr("The lock time of this session's day has passed: everyone not yet marked is marked "
                          "present with the reason for changes to this session (asked first if not given yet).")
        else:
            tip = self.tr("Mark everyone not yet marked as present; marks already "
                          "taken, leave included, stay as they are.")
        apply_permission(self.all_present_button, self.office.actor, Permission.MARK_ATTENDANCE,
                         enabled=writable and bool(grid.rows), tooltip=tip)
        self.back_entry.update_actions(grid)

    def _session_reason(self, grid: SessionGrid, then) -> tuple[bool, str | None]:
        """(ready, reason): a locked session's reason, asked first (then `then` runs again) when
        not given yet; an open session needs none."""
        if not grid.locked:
            return True, None
        reason = self.back_entry.reason_for(grid.session.id)
        if reason is None:
            self.back_entry.ask(then)
            return False, None
        return True, reason

    def _writable_grid(self) -> SessionGrid | None:
        """The grid shown, when marks may be taken on it; None when there is none or it is sealed
        (the sealed banner then catches the eye)."""
        grid = self.model.grid
        if grid is not None and grid.read_only:
            self.sheet.refuse_read_only()
            return None
        return grid

    def _refuse_marking(self) -> bool:
        """True (and a note saying why) when the signed-in role may not record attendance."""
        if permitted(self.office.actor, Permission.MARK_ATTENDANCE):
            return False
        self.notice.show_note(refusal_text(self.office.actor, Permission.MARK_ATTENDANCE), "warning")
        return True

    # --- a status key --------------------------------------------------------------------------

    def set_status(self, row_number: int, status: AttendanceStatus, *, confirmed: bool = False) -> None:
        """A status key on a grid line: save at once, asking first what the status needs (and
        whether to drop the times a card recorded, when the new status drops them)."""
        grid = self._writable_grid()
        if grid is None or self._refuse_marking():
            return
        row: GridRow | None = self.model.row_at(row_number)
        if row is None:
            self.notice.show_note(self.tr("Select a trainee first (arrow keys), then press the status key."), "info")
            return
        ready, reason = self._session_reason(grid, lambda: self.set_status(row_number, status))
        if not ready:
            return
        old = row.value
        # The card times stay with a mark that says the trainee was there; 缺勤 and 请假 drop them
        # (the history still has them), or a corrected mark would read "absent, signed in 08:25".
        there = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EARLY_LEAVE)
        if not there and old is not None and (old.sign_in_at or old.sign_out_at) and not confirmed:
            self._confirm_dropping_times(row, row_number, status)
            return
        times = {"sign_in_at": old.sign_in_at if old and there else None,
                 "sign_out_at": old.sign_out_at if old and there else None}
        if status in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
            value = MarkValue(status, **times)
            if value == old:
                self.view.next_row(row_number)
                return
            self._save(row.enrolment_id, value, reason)
            self.view.next_row(row_number)
            return
        session = grid.session
        sitting = int((session.ends_at - session.starts_at).total_seconds() // 60)
        other = 0  # the other kind of minutes is kept: late AND left early is one 迟到 mark with both
        if old is not None and status.takes_minutes:
            other = old.early_leave_minutes if status is AttendanceStatus.LATE else old.late_minutes
        dialog = MarkDialog(trainee=row.name, status=status, session_minutes=max(1, sitting - other),
                            minutes=self._default_minutes(row, status), correction_reason=reason,
                            leave_reason=old.leave_reason if old else None, parent=self.page)
        dialog.accepted.connect(lambda: self._dialog_accepted(dialog, row, status, times, other, row_number, reason))
        self.dialogs.open(dialog)

    def _confirm_dropping_times(self, row: GridRow, row_number: int, status: AttendanceStatus) -> None:
        """A card-recorded sign-in or sign-out is never replaced by a key press without asking."""
        value = row.value
        times = " ".join(part for part in (
            self.tr("signed in {time}").format(time=clock(value.sign_in_at)) if value.sign_in_at else "",
            self.tr("signed out {time}").format(time=clock(value.sign_out_at)) if value.sign_out_at else "",
        ) if part)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace the card record?"), self.tr(
            "{roll}. {name} has a card record ({times}). Marking “{status}” removes those times from the sheet "
            "(the history keeps them). Replace the card record?").format(
                roll=row.roll_no, name=row.name, times=times, status=status_label(status)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.page)
        box.setObjectName("replaceCardTimesBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps what the card recorded
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Replace"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep the card record"))
        self.confirm_box = box

        def answered(button) -> None:
            self.confirm_box = None
            box.deleteLater()
            self.view.setFocus()
            if box.standardButton(button) != QMessageBox.StandardButton.Yes:
                self.status.say(lambda: self.tr("Nothing was changed: the card record stays."))
                return
            current = self.model.row_of(row.enrolment_id)
            if current >= 0:
                self.set_status(current, status, confirmed=True)

        box.buttonClicked.connect(answered)
        box.open()

    def _dialog_accepted(self, dialog: MarkDialog, row: GridRow, status: AttendanceStatus, times: dict,
                         other: int, row_number: int, reason: str | None) -> None:
        if status is AttendanceStatus.LATE:
            value = MarkValue(status, late_minutes=dialog.minutes(), early_leave_minutes=other, **times)
        elif status is AttendanceStatus.EARLY_LEAVE:
            value = MarkValue(status, late_minutes=other, early_leave_minutes=dialog.minutes(), **times)
        elif status is AttendanceStatus.LEAVE:
            value = MarkValue(status, leave_reason=dialog.leave_reason(), **times)
        else:
            value = MarkValue(status, **times)
        current = self.model.row_at(row_number)
        if current is None or current.enrolment_id != row.enrolment_id:
            row_number = self.model.row_of(row.enrolment_id)
        self._save(row.enrolment_id, value, reason)
        self.view.next_row(row_number)

    def _default_minutes(self, row: GridRow, status: AttendanceStatus) -> int:
        """Minutes late from the sign-in (or from now, during the session); minutes early from the
        sign-out (or until the end, during the session)."""
        old, session = row.value, self.model.grid.session
        now = self.now()
        if status is AttendanceStatus.LATE:
            if old is not None and old.late_minutes:
                return old.late_minutes
            moment = old.sign_in_at if old is not None and old.sign_in_at else (
                now if session.starts_at <= now <= session.ends_at else None)
            if moment is not None and moment > session.starts_at:
                return math.ceil((moment - session.starts_at).total_seconds() / 60)
            return 1
        if old is not None and old.early_leave_minutes:
            return old.early_leave_minutes
        moment = old.sign_out_at if old is not None and old.sign_out_at else (
            now if session.starts_at <= now <= session.ends_at else None)
        if moment is not None and moment < session.ends_at:
            return math.ceil((session.ends_at - moment).total_seconds() / 60)
        return 1

    # --- saving --------------------------------------------------------------------------------

    def _save(self, enrolment_id: int, value: MarkValue, reason: str | None) -> None:
        """Saved at once; a second key on the same line while the first is saving waits for it,
        so it is sent with the revision the first one produced."""
        if enrolment_id in self._saving:
            self._queued[enrolment_id] = (value, reason)
            return
        grid = self.model.grid
        number = self.model.row_of(enrolment_id)
        if grid is None or number < 0:
            return
        revision = self.model.row_at(number).revision
        session_id = grid.session.id
        self._saving.add(enrolment_id)
        self.run(
            lambda: self.office.attendance.set_mark(session_id, enrolment_id, value, reason=reason, expected_revision=revision),
            success=lambda row: self._saved(session_id, row),
            failure=lambda error: self._save_failed(session_id, enrolment_id, error))

    def _saved(self, session_id: int, row: GridRow) -> None:
        if self.sheet.choice.current_session_id() != session_id or self.model.grid is None:
            return
        self._saving.discard(row.enrolment_id)
        self.model.replace_row(row)
        self.status.say(lambda: self.tr("Saved: {roll}. {name}: {status}").format(
            roll=row.roll_no, name=row.name, status=status_label(row.status)))
        self.marks_changed.emit()
        self.saved.emit(row)
        queued = self._queued.pop(row.enrolment_id, None)
        if queued is not None:
            self._save(row.enrolment_id, *queued)

    def _save_failed(self, session_id: int, enrolment_id: int, error: BaseException) -> None:
        # More than the text: what was waiting is dropped and the grid read again.
        self._saving.discard(enrolment_id)
        self._queued.pop(enrolment_id, None)
        if self.sheet.choice.current_session_id() != session_id:
            return
        self.notice.show_failure(error)

        def reloaded(grid: SessionGrid) -> None:
            if grid.read_only:  # sealed meanwhile: the orange banner now says it, once is enough
                self.notice.hide()
                self.sheet.refuse_read_only()

        self.sheet.reload(then=reloaded)  # show what is really saved (another PC, a class sealed meanwhile …)

    # --- 全部出勤 ------------------------------------------------------------------------------

    def mark_all_present(self) -> None:
        grid = self._writable_grid()
        if grid is None:
            return
        ready, reason = self._session_reason(grid, self.mark_all_present)
        if not ready:
            return
        session_id = grid.session.id
        self.all_present_button.setEnabled(False)

        def done(count: int) -> None:
            if count:
                self.status.say(lambda: self.tr(
                    "{count} trainees not yet marked were marked present; marks already taken (leave included) "
                    "were left as they were.").format(count=count))
                self.marks_changed.emit()
            else:
                self.status.say(lambda: self.tr("Everyone already has a mark; nothing was changed."))
            self.sheet.reload()

        def failed(error: BaseException) -> None:  # more than the text: the button back, the grid read again
            self.update_actions(self.model.grid)
            self.notice.show_failure(error)
            self.sheet.reload()

        self.run(lambda: self.office.attendance.mark_all_present(session_id, reason=reason), success=done,
                 failure=failed)
        self.view.setFocus()

    def retranslate(self) -> None:
        self.all_present_button.setText(self.tr("All present"))
        self.back_entry.retranslate()
