"""新建班级: everything a registrar fills in to open a class, and the rules its schedule is
generated from. The dialog saves the class itself and stays open, the refusal written inline,
when the rules say no.

The dates are DateFields (the typed date is the date, the weekday beside it). A class longer than
three months or with more than 300 sessions is saved only after a confirmation naming both
figures (the service refuses it unconfirmed, so the command line asks too)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from desktop_app import messages
from desktop_app.domain.schedule import Period, ScheduleSpec
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.date_field import DateField
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.gui.widgets.saving_dialog import SavingDialog
from desktop_app.services.classes import ClassDraft, LongClassUnconfirmed, OccupationChoice
from desktop_app.services.office import Office


class ScheduleBox(QGroupBox):
    """The rules the sessions are generated from: weekdays, sittings, lessons and practice share
    (retranslated by the dialog)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        form = QFormLayout(self)
        form.addRow(self.days_label, days)
        form.addRow(self.sittings_label, sittings)
        form.addRow(self.lessons_label, self.lessons_spin)
        form.addRow(self.planned_label, self.planned_spin)
        form.addRow(self.online_label, self.online_spin)
        form.addRow(self.practice_label, self.practice_spin)
        self.hint = hint_label()
        form.addRow(self.hint)

    def spec(self) -> ScheduleSpec:
        weekdays = frozenset(number for number, check in enumerate(self.weekday_checks) if check.isChecked())
        periods = tuple(period for period, check in self.period_checks.items() if check.isChecked())
        practice = self.practice_spin.value()
        return ScheduleSpec(weekdays=weekdays, periods=periods, lessons_per_sitting=self.lessons_spin.value(),
                            practice_percent=None if practice < 0 else practice)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Schedule"))
        for number, check in enumerate(self.weekday_checks):
            check.setText(labels.weekday(date(2024, 1, 1) + timedelta(days=number)))  # 2024-01-01 was a Monday
        for period, check in self.period_checks.items():
            check.setText(period.label(messages.current_language()))
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
        self.hint.setText(self.tr(
            "Sessions are generated from these rules and checked against the minimum lessons for the level. "
            "Single sessions can be moved or cancelled afterwards."))


class NewClassDialog(SavingDialog):
    """The class's facts on the left, its schedule rules on the right; OK creates the class
    (`saved` carries its ClassDetail)."""

    choices_loaded = Signal()

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(operations, parent, content=QHBoxLayout())
        self.setObjectName("newClassDialog")
        self.office = office
        self.occupations: list[OccupationChoice] = []
        self.training_types: list[tuple[str, str]] = []
        self.ready = False  # the occupation and training type lists have arrived
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
        self.start_edit = DateField(today + timedelta(days=14))
        self.start_edit.setObjectName("startDate")
        self.end_edit = DateField(today + timedelta(days=14 + 27))
        self.end_edit.setObjectName("endDate")
        self.start_edit.changed.connect(self._start_changed)
        for edit in (self.start_edit, self.end_edit):
            edit.changed.connect(self.form_changed)
        self.confirmed_long = False  # the registrar confirmed a class out of the ordinary
        self.long_question: QMessageBox | None = None  # open while the registrar is asked
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 1000)
        self.capacity_spin.setValue(50)
        self.location_edit = QLineEdit()

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
        self.schedule_box = ScheduleBox()
        self.content.addWidget(self.class_box, 1)
        self.content.addWidget(self.schedule_box, 1)
        self.retranslate()
        self.update_ok()
        # A failure to read the lists is said under the form (show_failure); OK stays unoffered.
        self.operations.run(self, lambda: (office.classes.occupation_choices(), office.classes.training_type_choices()),
                            success=self._choices_arrived)

    def can_submit(self) -> bool:
        return self.ready

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
            self.type_combo.addItem(labels.reference_name(name), code)
        self._occupation_changed()
        self.ready = True
        self.update_ok()
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

    def _start_changed(self, start: date | None) -> None:
        end = self.end_edit.value()
        if start is not None and end is not None and end < start:
            self.end_edit.set_value(start)

    def schedule_spec(self) -> ScheduleSpec:
        return self.schedule_box.spec()

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
        start, end = self.start_edit.value(), self.end_edit.value()
        if start is None:
            return self.tr("The start date is not a date: type it in full, e.g. 2026-12-11, or pick it from the calendar.")
        if end is None:
            return self.tr("The end date is not a date: type it in full, e.g. 2026-12-11, or pick it from the calendar.")
        planned = self.schedule_box.planned_spin.value()
        return ClassDraft(
            code=self.code_edit.text().strip(), name=self.name_edit.text().strip(), occupation_code=choice.code,
            occupation_edition=choice.edition, level=int(self.level_combo.currentData()),
            training_type=self.type_combo.currentData() or "", start_date=start,
            end_date=end, capacity=self.capacity_spin.value(),
            location=self.location_edit.text().strip() or None, project_based=self.project_check.isChecked(),
            planned_lessons=planned or None, online_lessons=self.schedule_box.online_spin.value(), schedule=spec,
            confirm_long=self.confirmed_long,
        )

    def problem(self) -> str | None:
        draft = self.draft() if self.ready else None
        return draft if isinstance(draft, str) else None

    def change(self):
        office, draft = self.office, self.draft()
        return lambda: office.classes.create(draft)

    def form_changed(self, *args: object) -> None:
        self.confirmed_long = False  # a confirmation is for the figures it named
        super().form_changed(*args)

    def show_failure(self, error: BaseException) -> None:
        if isinstance(error, LongClassUnconfirmed):
            self.busy = False
            self.update_ok()
            self.ask_long_class(error)
            return
        super().show_failure(error)

    def ask_long_class(self, error: LongClassUnconfirmed) -> None:
        """Ask before saving a class out of the ordinary; the question names both figures. Creating
        it as it is saves it; correcting the dates leaves the dialog open with nothing saved."""
        p = error.params
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("A very long class"), self.tr(
            "This class runs from %1 to %2: %3 days and %4 sessions (%5 lessons). That is more than three months "
            "or more than 300 sessions. Are the end date and the schedule right?")
            .replace("%1", str(p["start"])).replace("%2", str(p["end"])).replace("%3", str(p["days"]))
            .replace("%4", str(p["sessions"])).replace("%5", str(p["lessons"])),
            QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("longClassQuestion")
        create = box.addButton(self.tr("Create the class as it is"), QMessageBox.ButtonRole.AcceptRole)
        correct = box.addButton(self.tr("Correct the dates"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(correct)  # Enter does not create an eleven-month class by accident
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.long_question = box

        def answered(button) -> None:
            self.long_question = None
            if button is create:
                self.confirmed_long = True
                self.submit()
            else:
                self.end_edit.setFocus()

        box.buttonClicked.connect(answered)
        box.open()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New class"))
        self.class_box.setTitle(self.tr("Class details"))
        self.code_label.setText(self.tr("Class code"))
        self.code_edit.setPlaceholderText(self.tr("e.g. 2026-JZ02"))
        self.name_label.setText(self.tr("Class name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 2026 housekeeping (level 4), 2nd intake"))
        self.occupation_label.setText(self.tr("Occupation"))
        self.occupation_combo.lineEdit().setPlaceholderText(self.tr("Type a name or code to search"))
        self.level_label.setText(self.tr("Level"))
        self.type_label.setText(self.tr("Training type"))
        self.project_check.setText(self.tr("Project-based training"))
        self.start_label.setText(self.tr("Start date"))
        self.end_label.setText(self.tr("End date"))
        self.capacity_label.setText(self.tr("Capacity"))
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.location_label.setText(self.tr("Location"))
        self.ok_button.setText(self.tr("Create class"))
        self.start_edit.retranslate()
        self.end_edit.retranslate()
        self.schedule_box.retranslate()
        super().retranslate()
