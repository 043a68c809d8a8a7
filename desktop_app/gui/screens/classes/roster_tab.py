"""The 花名册 tab of a class: who is enrolled, masked, and who is not subsidised (orange, with why);
添加学员 (one trainee, the import's checks) and 退学 (the selected trainee, from a date)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.screens.classes.models import RosterTableModel
from desktop_app.domain.roster_outcome import RosterOutcome
from desktop_app.gui.screens.classes.people_dialogs import AddTraineeDialog, WithdrawDialog
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.row_table import row_table, selected_row
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office
from desktop_app.services.trainees import RosterEntry


class RosterTab(QWidget):
    """The roster of the class shown in the detail, with a one-line summary above it and the
    one-trainee actions; `changed` carries a sentence and its tone once one is saved."""

    changed = Signal(str, str)  # what happened, "success" / "warning"

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.class_row: ClassRow | None = None
        self.dialogs: DialogSlot = DialogSlot()
        self.model = RosterTableModel(parent=self)
        self.table = row_table(self.model, "rosterTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.apply_permissions())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addTraineeButton")
        self.add_button.clicked.connect(self.open_add)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.open_withdraw)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table)

    @property
    def dialog(self):
        """The add or withdraw dialog while it is open."""
        return self.dialogs.dialog

    def show_class(self, row: ClassRow | None) -> None:
        self.class_row = row
        self.apply_permissions()

    def show_roster(self, entries: Sequence[RosterEntry]) -> None:
        self.model.set_rows(entries)
        self.render_summary()
        self.apply_permissions()

    def apply_permissions(self) -> None:
        row, actor = self.class_row, self.office.actor
        open_for_enrolment = row is not None and row.status.accepts_enrolment
        changeable = row is not None and not row.status.is_read_only
        closed = self.tr("A class that is “{status}” takes no more enrolments.").format(
            status=labels.class_status(row.status)) if row is not None else ""
        apply_permission(self.add_button, actor, Permission.ENROL_TRAINEES, enabled=open_for_enrolment,
                         tooltip="" if open_for_enrolment else closed)
        selected = selected_row(self.table) is not None
        apply_permission(self.withdraw_button, actor, Permission.ENROL_TRAINEES, enabled=changeable and selected,
                         tooltip=self.tr("Select the trainee who leaves in the roster first.") if not selected else "")

    def open_add(self) -> None:
        row = self.class_row
        if row is None or self.dialog is not None or not permitted(self.office.actor, Permission.ENROL_TRAINEES):
            return
        dialog = AddTraineeDialog(row.code, self.office, self.operations, self)
        dialog.saved.connect(lambda enrolled: self.changed.emit(*self.enrolled_note(enrolled)))
        self.dialogs.open(dialog)

    def enrolled_note(self, enrolled) -> tuple[str, str]:
        """What the screen's banner says after an enrolment from the form, and its tone."""
        if enrolled.status is RosterOutcome.ENROLLED_WITHOUT_SUBSIDY:
            reasons = "；".join(problem.message() for problem in enrolled.warnings)
            return self.tr("{name} was enrolled with roll number {roll}, without subsidy: {reasons}").format(
                name=enrolled.name, roll=enrolled.roll_no, reasons=reasons), "warning"
        return self.tr("{name} was enrolled with roll number {roll}.").format(
            name=enrolled.name, roll=enrolled.roll_no), "success"

    def open_withdraw(self) -> None:
        row, entry = self.class_row, selected_row(self.table)
        if row is None or entry is None or self.dialog is not None:
            return
        if not permitted(self.office.actor, Permission.ENROL_TRAINEES):
            return
        dialog = WithdrawDialog(row.code, entry, self.office, self.operations, self)
        dialog.saved.connect(lambda done: self.changed.emit(self.tr(
            "{name} withdrew from {code} on {date}.").format(name=done.name, code=done.class_code,
                                                             date=done.withdrawn_on.isoformat()), "success"))
        self.dialogs.open(dialog)

    def render_summary(self) -> None:
        entries = self.model.rows()
        not_subsidised = sum(1 for entry in entries if not labels.subsidised(entry.subsidy_status))
        if not entries:
            text = self.tr("Nobody is enrolled yet. Use “Import roster” above to enrol trainees from Excel.")
        elif not_subsidised:
            text = self.tr("{count} trainees; {without} without subsidy (orange rows; point at a row to see why)").format(
                count=len(entries), without=not_subsidised)
        else:
            text = self.tr("{count} trainees, all subsidised").format(count=len(entries))
        self.summary.setText(text)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.add_button.setText(self.tr("Add trainee…"))
        self.withdraw_button.setText(self.tr("Withdraw…"))
        self.render_summary()
        self.apply_permissions()
