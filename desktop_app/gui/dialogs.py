"""Small dialogs of the class and trainee screens: new class, edit class, move or cancel a
session, and the stated purpose before personal data is shown in full.

A dialog that changes data calls the Office itself (through the task runner), stays open with the
refusal written inline when the rules say no, and closes only once the change is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.schedule import CHINA_TZ, Period, ScheduleSpec
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.classes import ClassDetail, ClassDraft, OccupationChoice, SessionRow
from desktop_app.services.office import Office

ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #5b6470;"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _hint_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class _AnswersArrive:
    """Bookkeeping for a dialog that asks the Office something: an answer must never find the
    dialog deleted, so the dialog is deleted only once every question it asked has an answer."""

    tasks: TaskRunner
    busy = False  # saving: the dialog waits for the answer before it can close
    _in_flight = 0
    _dispose = False

    def run_task(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        self._in_flight += 1

        def arrived(callback: Callable, value: Any) -> None:
            self._in_flight -= 1
            try:
                callback(value)
            finally:
                if self._dispose and not self._in_flight:
                    self.deleteLater()

        self.tasks.run(fn, on_success=lambda value: arrived(on_success, value),
                       on_failure=lambda error: arrived(on_failure, error))

    def dispose_when_idle(self) -> None:
        self._dispose = True
        if not self._in_flight:
            self.deleteLater()

    def reject(self) -> None:
        if self.busy:
            return  # a change is being saved: closing now would hide whether it was
        super().reject()


class NewClassDialog(_AnswersArrive, QDialog):
    """Everything a registrar fills in to open a class; the schedule is generated from it."""

    created = Signal(object)  # ClassDetail
    choices_loaded = Signal()

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newClassDialog")
        self.office = office
        self.tasks = tasks
        self.occupations: list[OccupationChoice] = []
        self.training_types: list[tuple[str, str]] = []
        self.ready = False
        self.busy = False
        today = today or date.today()

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.occupation_combo = QComboBox()
        self.occupation_combo.setObjectName("occupationCombo")
        self.occupation_combo.setEditable(True)
        self.occupation_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.occupation_combo.setMinimumContentsLength(26)
        self.occupation_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = self.occupation_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.occupation_combo.currentIndexChanged.connect(self._occupation_changed)
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("levelCombo")
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("typeCombo")
        self.project_check = QCheckBox()
        self.start_edit = QDateEdit(to_qdate(today + timedelta(days=14)))
        self.end_edit = QDateEdit(to_qdate(today + timedelta(days=14 + 27)))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.dateChanged.connect(self._start_changed)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 1000)
        self.capacity_spin.setValue(50)
        self.location_edit = QLineEdit()

        self.weekday_checks = [QCheckBox() for _ in range(7)]
        for number, check in enumerate(self.weekday_checks):
            check.setChecked(number < 5)
        self.period_checks = {period: QCheckBox() for period in Period}
        self.period_checks[Period.MORNING].setChecked(True)
        self.period_checks[Period.AFTERNOON].setChecked(True)
        self.lessons_spin = QSpinBox()
        self.lessons_spin.setRange(1, 8)
        self.lessons_spin.setValue(4)
        self.planned_spin = QSpinBox()
        self.planned_spin.setRange(0, 5000)
        self.online_spin = QSpinBox()
        self.online_spin.setRange(0, 5000)
        self.practice_spin = QSpinBox()
        # -1 is "as the policy requires" (ScheduleSpec.practice_percent None), shown as words.
        self.practice_spin.setRange(-1, 100)
        self.practice_spin.setValue(-1)

        self.class_box = QGroupBox()
        class_form = QFormLayout(self.class_box)
        self.code_label, self.name_label, self.occupation_label = QLabel(), QLabel(), QLabel()
        self.level_label, self.type_label = QLabel(), QLabel()
        self.start_label, self.end_label, self.capacity_label, self.location_label = QLabel(), QLabel(), QLabel(), QLabel()
        class_form.addRow(self.code_label, self.code_edit)
        class_form.addRow(self.name_label, self.name_edit)
        class_form.addRow(self.occupation_label, self.occupation_combo)
        class_form.addRow(self.level_label, self.level_combo)
        class_form.addRow(self.type_label, self.type_combo)
        class_form.addRow("", self.project_check)
        class_form.addRow(self.start_label, self.start_edit)
        class_form.addRow(self.end_label, self.end_edit)
        class_form.addRow(self.capacity_label, self.capacity_spin)
        class_form.addRow(self.location_label, self.location_edit)

        self.schedule_box = QGroupBox()
        schedule_form = QFormLayout(self.schedule_box)
        days = QHBoxLayout()
        days.setSpacing(6)
        for check in self.weekday_checks:
            days.addWidget(check)
        days.addStretch(1)
        sittings = QHBoxLayout()
        for check in self.period_checks.values():
            sittings.addWidget(check)
        sittings.addStretch(1)
        self.days_label, self.sittings_label, self.lessons_label = QLabel(), QLabel(), QLabel()
        self.planned_label, self.online_label, self.practice_label = QLabel(), QLabel(), QLabel()
        schedule_form.addRow(self.days_label, days)
        schedule_form.addRow(self.sittings_label, sittings)
        schedule_form.addRow(self.lessons_label, self.lessons_spin)
        schedule_form.addRow(self.planned_label, self.planned_spin)
        schedule_form.addRow(self.online_label, self.online_spin)
        schedule_form.addRow(self.practice_label, self.practice_spin)
        self.schedule_hint = _hint_label()
        schedule_form.addRow(self.schedule_hint)

        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(self.class_box, 1)
        columns.addWidget(self.schedule_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._set_ready(False)
        self.run_task(lambda: (office.classes.occupation_choices(), office.classes.training_type_choices()),
                      self._choices_arrived, self._show_failure)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _set_ready(self, ready: bool) -> None:
        self.ready = ready
        self.ok_button.setEnabled(ready and not self.busy)

    def _choices_arrived(self, result) -> None:
        self.occupations, self.training_types = result
        self.occupation_combo.blockSignals(True)
        self.occupation_combo.clear()
        for number, choice in enumerate(self.occupations):
            self.occupation_combo.addItem(choice.label, number)
        self.occupation_combo.setCurrentIndex(-1)
        self.occupation_combo.blockSignals(False)
        self.type_combo.clear()
        for code, name in self.training_types:
            self.type_combo.addItem(name, code)
        self._occupation_changed()
        self._set_ready(True)
        self.choices_loaded.emit()

    def select_occupation(self, text: str) -> bool:
        """Choose the first occupation whose label contains `text` (code or name)."""
        for number in range(self.occupation_combo.count()):
            if text in self.occupation_combo.itemText(number):
                self.occupation_combo.setCurrentIndex(number)
                return True
        return False

    def chosen_occupation(self) -> OccupationChoice | None:
        # The combo is editable: what is typed must still be one of the listed occupations.
        text = self.occupation_combo.currentText().strip()
        number = self.occupation_combo.findText(text, Qt.MatchFlag.MatchExactly)
        if number < 0:
            return None
        return self.occupations[self.occupation_combo.itemData(number)]

    def _occupation_changed(self, *_args) -> None:
        previous = self.level_combo.currentData()
        self.level_combo.clear()
        choice = self.chosen_occupation() if self.occupation_combo.currentIndex() >= 0 else None
        if choice is None:
            self.level_combo.setEnabled(False)
            return
        self.level_combo.setEnabled(True)
        for level in sorted(choice.levels, reverse=True):  # 五级/初级工 first: the usual subsidised level
            self.level_combo.addItem(labels.level(level), level)
        if previous is not None and self.level_combo.findData(previous) >= 0:
            self.level_combo.setCurrentIndex(self.level_combo.findData(previous))

    def _start_changed(self, start: QDate) -> None:
        if self.end_edit.date() < start:
            self.end_edit.setDate(start)

    def schedule_spec(self) -> ScheduleSpec:
        weekdays = frozenset(number for number, check in enumerate(self.weekday_checks) if check.isChecked())
        periods = tuple(period for period, check in self.period_checks.items() if check.isChecked())
        practice = self.practice_spin.value()
        return ScheduleSpec(weekdays=weekdays, periods=periods, lessons_per_sitting=self.lessons_spin.value(),
                            practice_percent=None if practice < 0 else practice)

    def draft(self) -> ClassDraft | str:
        """The ClassDraft the form describes, or the sentence saying what is still missing."""
        choice = self.chosen_occupation()
        if choice is None:
            return self.tr("Choose the occupation from the list (type part of its name or code to find it).")
        if self.level_combo.currentData() is None:
            return self.tr("Choose the level.")
        spec = self.schedule_spec()
        if not spec.weekdays:
            return self.tr("Tick at least one weekday on which the class meets.")
        if not spec.periods:
            return self.tr("Tick at least one sitting (morning, afternoon or evening).")
        planned = self.planned_spin.value()
        return ClassDraft(
            code=self.code_edit.text().strip(), name=self.name_edit.text().strip(), occupation_code=choice.code,
            occupation_edition=choice.edition, level=int(self.level_combo.currentData()),
            training_type=self.type_combo.currentData() or "", start_date=from_qdate(self.start_edit.date()),
            end_date=from_qdate(self.end_edit.date()), capacity=self.capacity_spin.value(),
            location=self.location_edit.text().strip() or None, project_based=self.project_check.isChecked(),
            planned_lessons=planned or None, online_lessons=self.online_spin.value(), schedule=spec,
        )

    def submit(self) -> None:
        if self.busy or not self.ready:
            return
        draft = self.draft()
        if isinstance(draft, str):
            self._show_error(draft)
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.error_label.hide()
        self.run_task(lambda: self.office.classes.create(draft), self._created, self._show_failure)

    def _created(self, detail: ClassDetail) -> None:
        self.busy = False
        self.created.emit(detail)
        self.accept()

    def _show_failure(self, error: BaseException) -> None:
        self.busy = False
        self._show_error(failure_text(error))
        self._set_ready(self.ready)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New class"))
        self.class_box.setTitle(self.tr("Class details"))
        self.schedule_box.setTitle(self.tr("Schedule"))
        self.code_label.setText(self.tr("Class code"))
        self.code_edit.setPlaceholderText(self.tr("e.g. 2026-JZ02"))
        self.name_label.setText(self.tr("Class name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 2026 housekeeping (level 4), 2nd intake"))
        self.occupation_label.setText(self.tr("Occupation"))
        self.occupation_combo.lineEdit().setPlaceholderText(self.tr("Type a name or code to search"))
        self.level_label.setText(self.tr("Level"))
        self.type_label.setText(self.tr("Training type"))
        self.project_check.setText(self.tr("Project-based training (项目制)"))
        self.start_label.setText(self.tr("Start date"))
        self.end_label.setText(self.tr("End date"))
        self.capacity_label.setText(self.tr("Capacity"))
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.location_label.setText(self.tr("Location"))
        for number, check in enumerate(self.weekday_checks):
            check.setText(labels.weekday(date(2024, 1, 1) + timedelta(days=number)))  # 2024-01-01 was a Monday
        self.period_checks[Period.MORNING].setText(self.tr("Morning"))
        self.period_checks[Period.AFTERNOON].setText(self.tr("Afternoon"))
        self.period_checks[Period.EVENING].setText(self.tr("Evening"))
        self.days_label.setText(self.tr("Days"))
        self.sittings_label.setText(self.tr("Sittings"))
        self.lessons_label.setText(self.tr("Lessons per sitting"))
        self.planned_label.setText(self.tr("Total lessons"))
        self.planned_spin.setSpecialValueText(self.tr("As many as the dates allow"))
        self.online_label.setText(self.tr("Online lessons"))
        for spin in (self.lessons_spin, self.planned_spin, self.online_spin):
            spin.setSuffix(self.tr(" lessons"))
        self.practice_label.setText(self.tr("Practice share"))
        self.practice_spin.setSpecialValueText(self.tr("As the policy requires"))
        self.practice_spin.setSuffix(" %")
        self.schedule_hint.setText(self.tr(
            "Sessions are generated from these rules and checked against the minimum lessons for the level. "
            "Single sessions can be moved or cancelled afterwards."))
        self.ok_button.setText(self.tr("Create class"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class EditClassDialog(_AnswersArrive, QDialog):
    """Name, capacity, location and project flag of a class that is not yet sealed."""

    saved = Signal(object)  # ClassDetail

    def __init__(self, detail: ClassDetail, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editClassDialog")
        self.detail = detail
        self.office = office
        self.tasks = tasks
        self.busy = False
        self.name_edit = QLineEdit(detail.row.name)
        self.name_edit.setMinimumWidth(320)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 1000)
        self.capacity_spin.setValue(detail.row.capacity)
        self.location_edit = QLineEdit(detail.location or "")
        self.project_check = QCheckBox()
        self.project_check.setChecked(detail.row.project_based)
        self.name_label, self.capacity_label, self.location_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.capacity_label, self.capacity_spin)
        form.addRow(self.location_label, self.location_edit)
        form.addRow("", self.project_check)
        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        code = self.detail.row.code
        changes = dict(name=self.name_edit.text(), capacity=self.capacity_spin.value(),
                       location=self.location_edit.text().strip(), project_based=self.project_check.isChecked())
        self.run_task(lambda: self.office.classes.update(code, **changes), self._saved, self._failed)

    def _saved(self, detail: ClassDetail) -> None:
        self.busy = False
        self.saved.emit(detail)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.error_label.setText(failure_text(error))
        self.error_label.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit class {code}").format(code=self.detail.row.code))
        self.name_label.setText(self.tr("Class name"))
        self.capacity_label.setText(self.tr("Capacity"))
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.location_label.setText(self.tr("Location"))
        self.project_check.setText(self.tr("Project-based training (项目制)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class MoveSessionDialog(_AnswersArrive, QDialog):
    """New date and times for one session, with the reason that goes into the audit log."""

    moved = Signal(object)  # SessionRow

    def __init__(self, session: SessionRow, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveSessionDialog")
        self.session = session
        self.office = office
        self.tasks = tasks
        self.busy = False
        self.date_edit = QDateEdit(to_qdate(session.starts_at.date()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit = QTimeEdit(QTime(session.starts_at.hour, session.starts_at.minute))
        self.end_edit = QTimeEdit(QTime(session.ends_at.hour, session.ends_at.minute))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.reason_edit = QLineEdit()
        self.reason_edit.setMinimumWidth(300)
        self.current = _hint_label()
        self.date_label, self.start_label, self.end_label, self.reason_label = QLabel(), QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.current)
        form.addRow(self.date_label, self.date_edit)
        form.addRow(self.start_label, self.start_edit)
        form.addRow(self.end_label, self.end_edit)
        form.addRow(self.reason_label, self.reason_edit)
        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()

    def submit(self) -> None:
        if self.busy:
            return
        day = from_qdate(self.date_edit.date())
        start, end = self.start_edit.time(), self.end_edit.time()
        starts_at = datetime(day.year, day.month, day.day, start.hour(), start.minute(), tzinfo=CHINA_TZ)
        ends_at = datetime(day.year, day.month, day.day, end.hour(), end.minute(), tzinfo=CHINA_TZ)
        reason = self.reason_edit.text()
        self.busy = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        session_id = self.session.id
        self.run_task(lambda: self.office.classes.move_session(session_id, starts_at, ends_at, reason), self._moved,
                      self._failed)

    def _moved(self, row: SessionRow) -> None:
        self.busy = False
        self.moved.emit(row)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.error_label.setText(failure_text(error))
        self.error_label.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        s = self.session
        self.setWindowTitle(self.tr("Move a session"))
        self.current.setText(self.tr("Now: {date} ({weekday}) {time}, {kind}, {lessons} lessons").format(
            date=s.starts_at.date().isoformat(), weekday=labels.weekday(s.starts_at.date()),
            time=labels.time_span(s.starts_at, s.ends_at), kind=labels.session_kind(s.kind), lessons=s.lessons))
        self.date_label.setText(self.tr("New date"))
        self.start_label.setText(self.tr("Starts"))
        self.end_label.setText(self.tr("Ends"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. teacher on leave, room not available"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Move session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class CancelSessionDialog(_AnswersArrive, QDialog):
    """Cancel one session, with a reason; it stays listed as cancelled."""

    cancelled_session = Signal(object)  # SessionRow

    def __init__(self, session: SessionRow, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelSessionDialog")
        self.session = session
        self.office = office
        self.tasks = tasks
        self.busy = False
        self.explanation = _hint_label()
        self.reason_label = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setMinimumWidth(320)
        form = QFormLayout()
        form.addRow(self.explanation)
        form.addRow(self.reason_label, self.reason_edit)
        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        session_id, reason = self.session.id, self.reason_edit.text()
        self.run_task(lambda: self.office.classes.cancel_session(session_id, reason), self._done, self._failed)

    def _done(self, row: SessionRow) -> None:
        self.busy = False
        self.cancelled_session.emit(row)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.error_label.setText(failure_text(error))
        self.error_label.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        s = self.session
        self.setWindowTitle(self.tr("Cancel a session"))
        self.explanation.setText(self.tr(
            "Cancel the session of {date} ({weekday}) {time}? It stays in the schedule marked as cancelled, "
            "and its lessons no longer count. A session that already has attendance cannot be cancelled.").format(
            date=s.starts_at.date().isoformat(), weekday=labels.weekday(s.starts_at.date()),
            time=labels.time_span(s.starts_at, s.ends_at)))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. public holiday, teacher ill"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Cancel this session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keep it"))


class RevealPurposeDialog(QDialog):
    """Asks why a full number is needed; the purpose goes into the audit log with the view."""

    def __init__(self, field_label: str, trainee_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revealPurposeDialog")
        self.field_label = field_label
        self.trainee_name = trainee_name
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.purpose_label = QLabel()
        self.purpose_combo = QComboBox()
        self.purpose_combo.setObjectName("purposeCombo")
        self.purpose_combo.setEditable(True)
        self.purpose_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.purpose_combo.setMinimumWidth(300)
        self.purpose_combo.editTextChanged.connect(self._purpose_changed)
        form = QFormLayout()
        form.addRow(self.explanation)
        form.addRow(self.purpose_label, self.purpose_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.purpose_combo.setCurrentIndex(-1)
        self.purpose_combo.setEditText("")
        self._purpose_changed("")

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def purpose(self) -> str:
        return self.purpose_combo.currentText().strip()

    def _purpose_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def accept(self) -> None:
        if not self.purpose():
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Show the full number"))
        self.explanation.setText(self.tr(
            "You are about to see the full {field} of {name}. Say what you need it for: the view is recorded "
            "in the audit log with your name, the time and this purpose. The number is masked again as soon "
            "as you select another trainee.").format(field=self.field_label, name=self.trainee_name))
        self.purpose_label.setText(self.tr("Purpose"))
        text = self.purpose_combo.currentText()
        self.purpose_combo.blockSignals(True)
        self.purpose_combo.clear()
        self.purpose_combo.addItems([
            self.tr("Check against the ID card"),
            self.tr("Subsidy claim"),
            self.tr("Contact the trainee"),
            self.tr("Correct a registration error"),
        ])
        self.purpose_combo.setEditText(text)
        self.purpose_combo.blockSignals(False)
        self.purpose_combo.lineEdit().setPlaceholderText(self.tr("Choose or type the purpose (required)"))
        self.ok_button.setText(self.tr("Show"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
