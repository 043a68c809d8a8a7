"""Small dialogs of the attendance screen: the details a mark needs (minutes, reason for leave),
a mark's history (with 恢复此值), an import's result and the sign-in sheet choice.

They only ask and show. The mark dialog is not a reason prompt that saves (widgets/reason_prompt):
the screen's marking part saves each mark in order, so a keyboard-driven teacher goes key → dialog
→ Enter → next trainee without waiting on the database; it offers the usual reasons for leave in
the prompts' editable list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal

from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attendance import MAX_LEAVE_REASON_LENGTH, AttendanceStatus
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.gui.widgets.reason_prompt import offer_reasons, reason_combo
from desktop_app.gui.widgets.report_dialog import ReportDialog
from desktop_app.gui.widgets.row_table import row_table
from desktop_app.services.attendance import AttendanceImportReport, HistoryEntry, SessionInfo

from .models import MarkHistoryModel
from .words import session_text, status_label


class MarkDialog(FollowsLanguage, QDialog):
    """Asks what a status needs before it is saved: minutes for 迟到/早退, the reason for 请假.
    Once the session's day is over it shows the reason the change will be kept with (asked once for
    the session, see back_entry). Enter confirms."""

    def __init__(self, *, trainee: str, status: AttendanceStatus, session_minutes: int, minutes: int = 0,
                 leave_reason: str | None = None, correction_reason: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markDialog")
        self.trainee = trainee
        self.status = status
        self.correction_reason = correction_reason
        self.heading = QLabel()
        self.heading.setObjectName("markDialogHeading")
        form = QFormLayout()
        form.addRow(self.heading)
        self.minutes_label = QLabel()
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(1, max(1, session_minutes))
        self.minutes_spin.setValue(min(max(1, minutes), max(1, session_minutes)))
        self.minutes_hint = hint_label()
        if status.takes_minutes:
            form.addRow(self.minutes_label, self.minutes_spin)
            form.addRow(self.minutes_hint)
        self.leave_label = QLabel()
        self.leave_combo = reason_combo("leaveReasonCombo", width=300, max_length=MAX_LEAVE_REASON_LENGTH)
        self.leave_combo.editTextChanged.connect(self._update_ok)
        self._initial_leave_reason = leave_reason or ""
        if status is AttendanceStatus.LEAVE:
            form.addRow(self.leave_label, self.leave_combo)
        self.lock_note = QLabel()
        self.lock_note.setObjectName("lockNote")
        self.lock_note.setWordWrap(True)
        if correction_reason:
            form.addRow(self.lock_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.retranslate()
        self.leave_combo.setEditText(self._initial_leave_reason)
        first = self.minutes_spin if status.takes_minutes else self.leave_combo
        first.setFocus()
        if status.takes_minutes:
            self.minutes_spin.selectAll()
        self._update_ok()

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def minutes(self) -> int:
        return self.minutes_spin.value()

    def leave_reason(self) -> str:
        return self.leave_combo.currentText().strip()

    def _complete(self) -> bool:
        return not (self.status is AttendanceStatus.LEAVE and not self.leave_reason())

    def _update_ok(self, *_args: Any) -> None:
        self.ok_button.setEnabled(self._complete())

    def accept(self) -> None:
        if not self._complete():
            return  # Enter on an empty required field: stay, the field says what is missing
        self.minutes_spin.interpretText()
        super().accept()

    def retranslate(self) -> None:
        label = status_label(self.status)
        self.setWindowTitle(self.tr("Mark {name}: {status}").format(name=self.trainee, status=label))
        self.heading.setText(self.tr("{name}: {status}").format(name=self.trainee, status=label))
        if self.status is AttendanceStatus.LATE:
            self.minutes_label.setText(self.tr("Minutes late"))
        else:
            self.minutes_label.setText(self.tr("Minutes left early"))
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.minutes_hint.setText(self.tr("Type the minutes and press Enter."))
        self.leave_label.setText(self.tr("Reason for leave"))
        offer_reasons(self.leave_combo, [self.tr("Sick leave"), self.tr("Personal leave"), self.tr("Work commitment")],
                      self.tr("Choose or type the reason (required)"))
        self.lock_note.setText(self.tr(
            "The lock time of this session's day has passed: the change will be kept permanently in the "
            "history, with your name and the reason “{reason}”.").format(reason=self.correction_reason or ""))
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class MarkHistoryDialog(FollowsLanguage, QDialog):
    """Who changed one trainee's mark, when, from what to what, and why; 恢复此值 puts the value of
    the chosen line back (as a new line: the history itself is never edited)."""

    restore_requested = Signal(object)  # the HistoryEntry whose value is to come back

    def __init__(self, trainee: str, session_text: str, entries: Sequence[HistoryEntry],
                 parent: QWidget | None = None, *, can_restore: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("markHistoryDialog")
        self.trainee = trainee
        self.session_text = session_text
        self.can_restore = can_restore
        self.heading = QLabel()
        self.heading.setObjectName("markHistoryHeading")
        self.heading.setWordWrap(True)
        self.model = MarkHistoryModel(entries, self)
        self.table = row_table(self.model, "historyTable", fit_columns=True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_restore())
        self.empty = hint_label()
        self.empty.setVisible(not entries)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("restoreMarkButton")
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self._restore_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(940, 340)
        self.retranslate()
        self.set_entries(entries)

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        """The history read again (after a restore): the newest line chosen."""
        self.model.set_rows(entries)
        self.empty.setVisible(not entries)
        if entries:
            self.table.selectRow(len(entries) - 1)
        self._update_restore()

    def chosen_entry(self) -> HistoryEntry | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _restorable(self, entry: HistoryEntry | None) -> bool:
        rows = self.model.rows()
        return entry is not None and bool(rows) and entry.new_value != rows[-1].new_value

    def _update_restore(self) -> None:
        entry = self.chosen_entry()
        self.restore_button.setEnabled(self.can_restore and self._restorable(entry))
        if not self.can_restore:
            tip = self.tr("This mark cannot be changed here (the class is sealed or your role may not record "
                          "attendance).")
        elif entry is not None and not self._restorable(entry):
            tip = self.tr("The chosen line's value is the mark's value now. Choose an earlier line to restore its value.")
        else:
            tip = self.tr("Make the chosen line's value the mark's value again. The history keeps every line; "
                          "the restore is added as a new line with your reason.")
        self.restore_button.setToolTip(tip)

    def _restore_clicked(self) -> None:
        entry = self.chosen_entry()
        if self.can_restore and self._restorable(entry):
            self.restore_requested.emit(entry)

    def retranslate(self) -> None:
        self.restore_button.setText(self.tr("Restore this value…"))
        self.setWindowTitle(self.tr("History of a mark"))
        self.heading.setText(self.tr("{name}, {session}").format(name=self.trainee, session=self.session_text))
        self.empty.setText(self.tr("No attendance has been recorded for this trainee in this session yet."))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.model.retranslate()


class AttendanceImportResultDialog(ReportDialog):
    """What an import of punches or online hours found and wrote, and every row it could not use."""

    def __init__(self, file_name: str, report: AttendanceImportReport, parent: QWidget | None = None) -> None:
        super().__init__("attendanceImportResult", "importSummary", parent)
        self.file_name = file_name
        self.report = report
        self.problems_title, self.problems = self.add_list("importProblems", [p.message() for p in report.problems])
        self.warnings_title, self.warnings = self.add_list("importWarnings", [w.message() for w in report.warnings])
        self.finish(720, 460, 160)

    def retranslate(self) -> None:
        r = self.report
        self.setWindowTitle(self.tr("Attendance import: {file}").format(file=self.file_name))
        if r.kind == "online":
            text = self.tr("The file holds online-learning hours. {rows} rows read; {records} records of online "
                           "learning were added.").format(rows=r.rows, records=r.online_records)
        else:
            text = self.tr("The file holds attendance-machine punches. {rows} rows read; {marks} attendance marks "
                           "were written.").format(rows=r.rows, marks=r.marks_written)
        if r.problems:
            text += " " + self.tr("{count} rows could not be used (listed below); everything else was saved.").format(
                count=len(r.problems))
        self.summary.setText(text)
        self.problems_title.setText(self.tr("Not used"))
        self.warnings_title.setText(self.tr("Notes"))
        super().retranslate()


class SigninSheetChoiceDialog(FollowsLanguage, QDialog):
    """Which sign-in sheets: the chosen session, every session of one date, or the whole class; one
    sheet per session or one per day; then printed directly or saved as a PDF."""

    PRINT, SAVE = "print", "save"

    def __init__(self, class_text: str, session: SessionInfo | None, *, first_day: date | None = None,
                 last_day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signinSheetChoice")
        self.class_text = class_text
        self.session = session
        self.action = self.SAVE
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.scope_label = QLabel()
        self.scope_session = QRadioButton()
        self.scope_session.setObjectName("scopeSession")
        self.scope_day = QRadioButton()
        self.scope_day.setObjectName("scopeDay")
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("signinDayEdit")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        if first_day is not None and last_day is not None:
            self.day_edit.setDateRange(QDate(first_day), QDate(last_day))
        today = session.starts_at.date() if session is not None else first_day
        if today is not None:
            self.day_edit.setDate(QDate(today))
        self.scope_class = QRadioButton()
        self.scope_class.setObjectName("scopeClass")
        scopes = QButtonGroup(self)
        for button in (self.scope_session, self.scope_day, self.scope_class):
            scopes.addButton(button)
        self.scope_session.setEnabled(session is not None)
        (self.scope_day if session is not None else self.scope_class).setChecked(True)
        self.layout_label = QLabel()
        self.per_session = QRadioButton()
        self.per_session.setObjectName("perSession")
        self.per_day = QRadioButton()
        self.per_day.setObjectName("perDay")
        self.per_session.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.per_session)
        group.addButton(self.per_day)
        for button in (self.scope_session, self.scope_day, self.scope_class):
            button.toggled.connect(self._scope_changed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("signinPrintButton")
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("signinSaveButton")
        self.save_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self._choose(self.PRINT))
        self.save_button.clicked.connect(lambda: self._choose(self.SAVE))
        self.buttons.rejected.connect(self.reject)
        day_row = QHBoxLayout()
        day_row.addWidget(self.scope_day)
        day_row.addWidget(self.day_edit)
        day_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.scope_session)
        layout.addLayout(day_row)
        layout.addWidget(self.scope_class)
        layout.addWidget(self.layout_label)
        layout.addWidget(self.per_session)
        layout.addWidget(self.per_day)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self._scope_changed()

    def _choose(self, action: str) -> None:
        self.action = action
        self.accept()

    def _scope_changed(self, *_args: object) -> None:
        self.day_edit.setEnabled(self.scope_day.isChecked())
        one = self.scope_session.isChecked()  # one session is one sheet: the layout does not apply
        self.per_session.setEnabled(not one)
        self.per_day.setEnabled(not one)

    def chosen_per_day(self) -> bool:
        return self.per_day.isChecked() and not self.scope_session.isChecked()

    def chosen_session_id(self) -> int | None:
        return self.session.id if self.scope_session.isChecked() and self.session is not None else None

    def chosen_day(self) -> date | None:
        return self.day_edit.date().toPython() if self.scope_day.isChecked() else None

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign-in sheets"))
        self.explanation.setText(self.tr("Sign-in sheets of {name}, trainees in roll order with masked ID "
                                         "numbers.").format(name=self.class_text))
        self.scope_label.setText(self.tr("Which sessions"))
        if self.session is not None:
            self.scope_session.setText(self.tr("This session: {session}").format(session=session_text(self.session)))
        else:
            self.scope_session.setText(self.tr("This session (choose a session first)"))
        self.scope_day.setText(self.tr("Every session of the date"))
        self.scope_class.setText(self.tr("Every session of the class"))
        self.layout_label.setText(self.tr("Layout"))
        self.per_session.setText(self.tr("One sheet per session"))
        self.per_day.setText(self.tr("One sheet per day (all sessions of the day side by side)"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
