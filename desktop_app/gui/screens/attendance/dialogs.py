"""Small dialogs of the attendance screen: the details a mark needs (minutes, reason for leave,
reason for a correction), a mark's history, an import's result and the sign-in sheet choice.

They only ask and show. The mark dialog is not a reason prompt that saves (widgets/reason_prompt):
the screen's marking part saves each mark in order, so a keyboard-driven teacher goes key → dialog
→ Enter → next trainee without waiting on the database; it offers the usual reasons for leave in
the prompts' editable list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
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
from desktop_app.services.attendance import AttendanceImportReport, HistoryEntry

from .models import MarkHistoryModel
from .words import status_label


class MarkDialog(FollowsLanguage, QDialog):
    """Asks what a status needs before it is saved: minutes for 迟到/早退, the reason for 请假,
    and — once the session's day is over — the reason for the correction. Enter confirms."""

    def __init__(self, *, trainee: str, status: AttendanceStatus, session_minutes: int, minutes: int = 0,
                 leave_reason: str | None = None, needs_correction_reason: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markDialog")
        self.trainee = trainee
        self.status = status
        self.needs_correction_reason = needs_correction_reason
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
        self.correction_label = QLabel()
        self.correction_edit = QLineEdit()
        self.correction_edit.setObjectName("correctionReasonEdit")
        self.correction_edit.setMinimumWidth(300)
        self.correction_edit.textChanged.connect(self._update_ok)
        if needs_correction_reason:
            form.addRow(self.lock_note)
            form.addRow(self.correction_label, self.correction_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.retranslate()
        self.leave_combo.setEditText(self._initial_leave_reason)
        first = (self.minutes_spin if status.takes_minutes else
                 self.leave_combo if status is AttendanceStatus.LEAVE else self.correction_edit)
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

    def correction_reason(self) -> str:
        return self.correction_edit.text().strip()

    def _complete(self) -> bool:
        if self.status is AttendanceStatus.LEAVE and not self.leave_reason():
            return False
        return not (self.needs_correction_reason and not self.correction_reason())

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
            "history, with your name and the reason."))
        self.correction_label.setText(self.tr("Reason for the change"))
        self.correction_edit.setPlaceholderText(self.tr("e.g. entered from the paper sign-in sheet (required)"))
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class MarkHistoryDialog(FollowsLanguage, QDialog):
    """Who changed one trainee's mark, when, from what to what, and why."""

    def __init__(self, trainee: str, session_text: str, entries: Sequence[HistoryEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markHistoryDialog")
        self.trainee = trainee
        self.session_text = session_text
        self.heading = QLabel()
        self.heading.setObjectName("markHistoryHeading")
        self.heading.setWordWrap(True)
        self.model = MarkHistoryModel(entries, self)
        self.table = row_table(self.model, "historyTable", fit_columns=True)
        self.empty = hint_label()
        self.empty.setVisible(not entries)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(940, 340)
        self.retranslate()

    def retranslate(self) -> None:
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
    """One sign-in sheet per session, or one per day (morning and afternoon together)."""

    def __init__(self, class_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signinSheetChoice")
        self.class_text = class_text
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.per_session = QRadioButton()
        self.per_session.setObjectName("perSession")
        self.per_day = QRadioButton()
        self.per_day.setObjectName("perDay")
        self.per_session.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.per_session)
        group.addButton(self.per_day)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.per_session)
        layout.addWidget(self.per_day)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def chosen_per_day(self) -> bool:
        return self.per_day.isChecked()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print sign-in sheets"))
        self.explanation.setText(self.tr("Sign-in sheets for every session of {name}, trainees in roll order "
                                         "with masked ID numbers.").format(name=self.class_text))
        self.per_session.setText(self.tr("One sheet per session"))
        self.per_day.setText(self.tr("One sheet per day (all sessions of the day side by side)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save as PDF…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
