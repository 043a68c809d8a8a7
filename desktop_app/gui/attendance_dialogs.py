"""Small dialogs of the attendance screen: the details a mark needs (minutes, reason for leave,
reason for a correction), a mark's history, an import's result and the sign-in sheet choice.

They only ask and show; the page saves through the Office, so a keyboard-driven teacher goes
key → dialog → Enter → next trainee without waiting on the database."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attendance import MAX_LEAVE_REASON_LENGTH, AttendanceStatus
from desktop_app.gui.attendance_grid import china_time, describe_mark, status_label
from desktop_app.gui.table_models import ROW_ROLE, Index, _Rows
from desktop_app.services.attendance import AttendanceImportReport, HistoryEntry

WARNING_STYLE = "background: #fff4e0; border: 1px solid #f0c37a; color: #6b4300; padding: 6px; border-radius: 4px;"
HINT_STYLE = "color: #5b6470;"


class MarkDialog(QDialog):
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
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.heading)
        self.minutes_label = QLabel()
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(1, max(1, session_minutes))
        self.minutes_spin.setValue(min(max(1, minutes), max(1, session_minutes)))
        self.minutes_hint = QLabel()
        self.minutes_hint.setStyleSheet(HINT_STYLE)
        if status.takes_minutes:
            form.addRow(self.minutes_label, self.minutes_spin)
            form.addRow(self.minutes_hint)
        self.leave_label = QLabel()
        self.leave_combo = QComboBox()
        self.leave_combo.setObjectName("leaveReasonCombo")
        self.leave_combo.setEditable(True)
        self.leave_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.leave_combo.setMinimumWidth(300)
        self.leave_combo.lineEdit().setMaxLength(MAX_LEAVE_REASON_LENGTH)
        self.leave_combo.editTextChanged.connect(self._update_ok)
        self._initial_leave_reason = leave_reason or ""
        if status is AttendanceStatus.LEAVE:
            form.addRow(self.leave_label, self.leave_combo)
        self.lock_note = QLabel()
        self.lock_note.setObjectName("lockNote")
        self.lock_note.setWordWrap(True)
        self.lock_note.setStyleSheet(WARNING_STYLE)
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        text = self.leave_combo.currentText()
        self.leave_combo.blockSignals(True)
        self.leave_combo.clear()
        self.leave_combo.addItems([self.tr("Sick leave"), self.tr("Personal leave"), self.tr("Work commitment")])
        self.leave_combo.setEditText(text)
        self.leave_combo.blockSignals(False)
        self.leave_combo.lineEdit().setPlaceholderText(self.tr("Choose or type the reason (required)"))
        self.lock_note.setText(self.tr(
            "The lock time of this session's day has passed: the change will be kept permanently in the "
            "history, with your name and the reason."))
        self.correction_label.setText(self.tr("Reason for the change"))
        self.correction_edit.setPlaceholderText(self.tr("e.g. entered from the paper sign-in sheet (required)"))
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class MarkHistoryModel(_Rows, QAbstractTableModel):
    """Every revision of one mark, oldest first."""

    REVISION, CHANGED_AT, CHANGED_BY, CHANGE, REASON = range(5)

    def __init__(self, rows: Sequence[HistoryEntry] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryEntry] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Revision"), self.tr("Time"), self.tr("Changed by"), self.tr("Change"), self.tr("Reason")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: HistoryEntry = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
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


class MarkHistoryDialog(QDialog):
    """Who changed one trainee's mark, when, from what to what, and why."""

    def __init__(self, trainee: str, session_text: str, entries: Sequence[HistoryEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markHistoryDialog")
        self.trainee = trainee
        self.session_text = session_text
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 11pt; font-weight: bold;")
        self.model = MarkHistoryModel(entries, self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setStyleSheet(HINT_STYLE)
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("History of a mark"))
        self.heading.setText(self.tr("{name}, {session}").format(name=self.trainee, session=self.session_text))
        self.empty.setText(self.tr("No attendance has been recorded for this trainee in this session yet."))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.model.retranslate()


class AttendanceImportResultDialog(QDialog):
    """What an import of punches or online hours found and wrote, and every row it could not use."""

    def __init__(self, file_name: str, report: AttendanceImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceImportResult")
        self.file_name = file_name
        self.report = report
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_title = QLabel()
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setWordWrap(True)
        self.warnings_title = QLabel()
        self.warnings = QListWidget()
        self.warnings.setObjectName("importWarnings")
        self.warnings.setWordWrap(True)
        for problem in report.problems:
            self.problems.addItem(QListWidgetItem(problem.message()))
        for warning in report.warnings:
            self.warnings.addItem(QListWidgetItem(warning.message()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        for title, items in ((self.problems_title, self.problems), (self.warnings_title, self.warnings)):
            layout.addWidget(title)
            layout.addWidget(items, 1)
            title.setVisible(items.count() > 0)
            items.setVisible(items.count() > 0)
        layout.addWidget(self.buttons)
        self.resize(720, 460 if report.problems or report.warnings else 160)
        self.retranslate()

    def messages(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())] + \
               [self.warnings.item(i).text() for i in range(self.warnings.count())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))


class SigninSheetChoiceDialog(QDialog):
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print sign-in sheets"))
        self.explanation.setText(self.tr("Sign-in sheets for every session of {name}, trainees in roll order "
                                         "with masked ID numbers.").format(name=self.class_text))
        self.per_session.setText(self.tr("One sheet per session"))
        self.per_day.setText(self.tr("One sheet per day (all sessions of the day side by side)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save as PDF…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
