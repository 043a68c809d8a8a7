"""The detail of the class selected on the classes screen: its facts, what its schedule still
lacks, what it may do next, and its schedule and roster tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.screens.classes.edit_class_dialog import EditClassDialog
from desktop_app.gui.screens.classes.models import STATUS_COLOURS
from desktop_app.gui.screens.classes.people_dialogs import AssignTeacherDialog
from desktop_app.gui.screens.classes.roster_tab import RosterTab
from desktop_app.gui.screens.classes.schedule_tab import ScheduleTab
from desktop_app.gui.screens.classes.status_actions import StatusActions
from desktop_app.gui.widgets.detail_panel import DetailPanel, fact_labels
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.services.classes import ClassDetail
from desktop_app.services.office import Office

# Three pairs of fact name and value to a line, so the schedule and roster below keep most of the height.
FACTS_LAYOUT = (
    ("occupation", 0, 0), ("level", 0, 1), ("type", 0, 2),
    ("dates", 1, 0), ("location", 1, 1), ("teachers", 1, 2),
    ("lessons", 2, 0), ("enrolled", 2, 1), ("policy", 2, 2),
)


def _show_status(chip: QLabel, status: ClassStatus) -> None:
    """The chip's colour follows the status (the stylesheet keys it on the `status` property)."""
    chip.setText(labels.class_status(status))
    chip.setProperty("status", status.value if status in STATUS_COLOURS else "")
    chip.style().unpolish(chip)
    chip.style().polish(chip)


class ClassDetailPanel(DetailPanel):
    """One class (or, with none selected, a sentence saying how to choose one); `loaded` carries
    its code once facts, sessions and roster are shown. The page calls `retranslate` and
    `apply_permissions`; the tabs and status actions follow from here."""

    class_changed = Signal(object)  # ClassRow, after a change saved from this panel
    people_changed = Signal(str, str)  # a trainee added or withdrawn, a teacher assigned: sentence, tone

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, name="classDetail", parent=parent)
        self.detail: ClassDetail | None = None
        self.edit_dialogs: DialogSlot[EditClassDialog] = DialogSlot()
        layout = self.body
        layout.setSpacing(8)
        self.title_label = QLabel()
        self.title_label.setObjectName("classTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = QLabel()
        self.status_chip.setObjectName("statusChip")
        self.status_actions = StatusActions(office, operations)
        self.status_actions.changed.connect(self.set_detail)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editClassButton")
        self.edit_button.clicked.connect(self.edit_class)
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("assignTeacherButton")
        self.assign_button.clicked.connect(self.assign_teacher)
        self.assign_dialogs: DialogSlot[AssignTeacherDialog] = DialogSlot()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addWidget(self.status_chip)
        title_row.addStretch(1)
        title_row.addWidget(self.status_actions)
        title_row.addWidget(self.assign_button)
        title_row.addWidget(self.edit_button)
        layout.addLayout(title_row)
        layout.addLayout(self._facts_grid())

        self.problems_label = QLabel()
        self.problems_label.setObjectName("scheduleProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        layout.addWidget(self.problems_label)
        layout.addWidget(self.status_actions.refusal_label)

        self.tabs = QTabWidget()
        self.schedule = ScheduleTab(office, operations)
        self.schedule.session_saved.connect(lambda _row: self.reload())  # lessons and problems follow from sessions
        self.roster = RosterTab(office, operations)
        self.roster.changed.connect(self._people_changed)
        self.tabs.addTab(self.schedule, "")
        self.tabs.addTab(self.roster, "")
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def _facts_grid(self) -> QGridLayout:
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(4)
        self.fact_names: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        for key, row, pair in FACTS_LAYOUT:
            name, value = fact_labels(f"fact_{key}")
            facts.addWidget(name, row, pair * 2, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(value, row, pair * 2 + 1, Qt.AlignmentFlag.AlignTop)
            self.fact_names[key], self.fact_values[key] = name, value
        facts.setColumnStretch(1, 4)
        facts.setColumnStretch(3, 3)
        facts.setColumnStretch(5, 3)
        return facts

    @property
    def active_dialog(self) -> EditClassDialog | None:
        """The edit dialog while it is open."""
        return self.edit_dialogs.dialog

    # --- loading ---------------------------------------------------------------------------

    @property
    def code(self) -> str | None:
        """The selected class's code."""
        return self.key

    def show_class(self, code: str | None) -> None:
        """Show `code` (None: nothing selected); facts, sessions and roster load in the background."""
        if code != self.key:
            self.status_actions.refusal_label.hide()
        self.show_selected(code)
        if code is None:
            self.status_actions.show_class(None)
            self.retranslate()

    def fetch(self, code: str):
        office = self.office
        return lambda: (office.classes.get(code), office.trainees.class_roster(code))

    def shown_key(self) -> str | None:
        return self.detail.row.code if self.detail else None

    def nothing_selected(self) -> str:
        return self.tr("Select a class in the list above to see its facts, schedule and roster.")

    def loading(self, code: str) -> str:
        return self.tr("Loading class {code} …").format(code=code)

    def show_record(self, answer) -> None:
        self.detail, roster = answer
        self.roster.show_roster(roster)
        self._show_detail()

    def set_detail(self, detail: ClassDetail) -> None:
        """A change saved here returned the class's new state: show it and tell the list."""
        if detail.row.code == self.code:
            self.detail = detail
            self._show_detail()
        self.class_changed.emit(detail.row)

    def _show_detail(self) -> None:
        self.roster.show_class(self.detail.row)
        self.schedule.show_sessions(self.detail)
        self.status_actions.show_class(self.detail)
        self._render()

    # --- rendering -------------------------------------------------------------------------

    def _render(self) -> None:
        d = self.detail
        if d is None:
            return
        row = d.row
        self.title_label.setText(f"{row.code}  {row.name}")
        _show_status(self.status_chip, row.status)
        v = self.fact_values
        v["occupation"].setText(self.tr("{name} ({code}, {edition} edition)").format(
            name=row.occupation, code=d.occupation_code, edition=d.occupation_edition))
        v["level"].setText(labels.level(row.level))
        kind = labels.reference_name(row.training_type)
        if row.project_based:
            kind = self.tr("{type}, project-based").format(type=kind)
        v["type"].setText(kind)
        days = (row.end_date - row.start_date).days + 1
        v["dates"].setText(self.tr("{start} to {end} ({days} days)").format(
            start=row.start_date.isoformat(), end=row.end_date.isoformat(), days=days))
        v["location"].setText(d.location or self.tr("Not filled in"))
        v["teachers"].setText("、".join(d.teachers) if d.teachers else self.tr("None assigned yet"))
        v["lessons"].setText(self.tr("Theory {theory} + practice {practice} = {total} lessons; online {online}").format(
            theory=d.planned_theory_lessons, practice=d.planned_practice_lessons,
            total=d.planned_theory_lessons + d.planned_practice_lessons, online=d.planned_online_lessons))
        v["enrolled"].setText(self.tr("{enrolled} of {capacity} places").format(enrolled=row.enrolled,
                                                                               capacity=row.capacity))
        v["policy"].setText(d.policy_name)
        v["policy"].setToolTip(d.policy_code)
        if d.schedule_problems:
            if row.status is ClassStatus.DRAFT:
                lines = [self.tr("The schedule does not meet the policy yet (the class cannot be filed until it does):")]
            else:
                lines = [self.tr("The schedule does not meet the subsidy policy:")]
            lines += [f"• {problem.message()}" for problem in d.schedule_problems]
            self.problems_label.setText("\n".join(lines))
            self.problems_label.show()
        else:
            self.problems_label.hide()
        self.apply_permissions()

    def apply_permissions(self) -> None:
        """Edit, status, seal and session buttons: what the class's state and the signed-in role allow."""
        if self.detail is not None:
            read_only = self.detail.row.status.is_read_only
            apply_permission(self.edit_button, self.office.actor, Permission.MANAGE_CLASSES, enabled=not read_only,
                             tooltip=self.tr("A sealed class can no longer be changed.") if read_only else "")
            apply_permission(self.assign_button, self.office.actor, Permission.MANAGE_CLASSES, enabled=not read_only,
                             tooltip=self.tr("A sealed class can no longer be changed.") if read_only else "")
        else:
            self.assign_button.setEnabled(False)
        self.roster.apply_permissions()
        self.status_actions.apply_permissions()
        self.schedule.apply_permissions()

    # --- editing ---------------------------------------------------------------------------

    def edit_class(self) -> None:
        if self.detail is None or self.detail.row.status.is_read_only:
            return
        if not permitted(self.office.actor, Permission.MANAGE_CLASSES):
            return  # a double-click in the list: the disabled Edit button already says why
        dialog = EditClassDialog(self.detail, self.office, self.operations, self)
        dialog.saved.connect(self.set_detail)
        self.edit_dialogs.open(dialog)

    # --- people: teachers, and trainees one at a time ----------------------------------------

    def assign_teacher(self) -> None:
        if self.detail is None or self.detail.row.status.is_read_only or self.assign_dialogs.dialog is not None:
            return
        if not permitted(self.office.actor, Permission.MANAGE_CLASSES):
            return
        dialog = AssignTeacherDialog(self.detail, self.office, self.operations, self)
        dialog.saved.connect(lambda teacher: self._people_changed(
            self.tr("{teacher} now teaches in {code}.").format(teacher=teacher.name, code=self.code), "success"))
        self.assign_dialogs.open(dialog)

    def _people_changed(self, text: str, tone: str) -> None:
        """Saved from this panel (its own change notices skip this screen): read the class again."""
        self.reload()
        self.people_changed.emit(text, tone)

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        names = {
            "occupation": self.tr("Occupation"), "level": self.tr("Level"), "type": self.tr("Training type"),
            "dates": self.tr("Dates"), "location": self.tr("Location"), "teachers": self.tr("Teachers"),
            "lessons": self.tr("Lessons"), "enrolled": self.tr("Enrolled / places"), "policy": self.tr("Subsidy policy"),
        }
        for key, label in self.fact_names.items():
            label.setText(names[key] + "：" if not labels.english() else names[key] + ":")
        self.edit_button.setText(self.tr("Edit…"))
        self.assign_button.setText(self.tr("Assign teacher…"))
        self.tabs.setTabText(0, self.tr("Schedule"))
        self.tabs.setTabText(1, self.tr("Roster"))
        self.schedule.retranslate()
        self.roster.retranslate()
        self.status_actions.retranslate()
        if self.detail is not None:
            self._render()
        else:
            self.apply_permissions()  # the refusal tooltips in the language of the moment
