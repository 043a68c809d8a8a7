"""The record of the trainee selected on the trainees screen, masked, with their training history
and the history of corrections (修改信息); a full number appears only after an audited reveal, and
only until another trainee is selected."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.screens.trainees.edit_dialog import EditTraineeDialog
from desktop_app.gui.screens.trainees.models import ChangeTableModel, HistoryTableModel
from desktop_app.gui.screens.trainees.purpose_dialog import RevealPurposeDialog
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.gui.widgets.detail_panel import DetailPanel, fact_labels
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.row_table import row_table
from desktop_app.services.office import Office
from desktop_app.services.trainees import TraineeDetail

REVEALABLE = ("id_number", "phone", "bank_account")


class TraineeDetailPanel(DetailPanel):
    """One trainee's record (`loaded` carries the trainee's id once it is shown); full numbers
    appear here only after an audited reveal, and only until another trainee is selected."""

    revealed = Signal(str)  # field name
    edited = Signal(object)  # the TraineeDetail after a correction saved here

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, name="traineeDetail", parent=parent)
        self.detail: TraineeDetail | None = None
        self.revealed_values: dict[str, str] = {}
        self.purpose_dialogs: DialogSlot[RevealPurposeDialog] = DialogSlot()
        layout = self.body
        self.name_label = QLabel()
        self.name_label.setObjectName("traineeName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editTraineeButton")
        self.edit_button.clicked.connect(self.open_edit)
        self.edit_dialogs: DialogSlot[EditTraineeDialog] = DialogSlot()
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label, 1)
        name_row.addWidget(self.edit_button)
        layout.addLayout(name_row)

        # The record in two columns across the full width, the history below it: the panel is
        # wide and short, and the history table needs its width.
        self.facts_box = QGroupBox()
        self.facts_box.setObjectName("personalRecord")
        grid = QGridLayout(self.facts_box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.fact_names: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        self.reveal_buttons: dict[str, QPushButton] = {}
        left = ("id_type", "id_number", "phone", "sex", "birth_date", "ethnicity", "key_groups")
        right = ("household", "education", "employment", "pension", "bank_name", "bank_account")
        for column, keys in enumerate((left, right)):
            for row, key in enumerate(keys):
                name, value = fact_labels(f"trainee_{key}")
                self.fact_names[key], self.fact_values[key] = name, value
                grid.addWidget(name, row, column * 4)
                grid.addWidget(value, row, column * 4 + 1)
                if key in REVEALABLE:
                    button = QPushButton()
                    button.setObjectName(f"reveal_{key}")
                    button.clicked.connect(lambda _checked=False, key=key: self.ask_reveal(key))
                    policy = button.sizePolicy()
                    policy.setRetainSizeWhenHidden(True)  # the rows keep their height once a number shows
                    button.setSizePolicy(policy)
                    self.reveal_buttons[key] = button
                    grid.addWidget(button, row, column * 4 + 2)
        # Columns: name, value, button, gap | name, value, button, rest — the gaps take the slack,
        # so each button stays beside its number.
        grid.setColumnMinimumWidth(1, 150)
        grid.setColumnMinimumWidth(5, 150)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(7, 2)
        self.reveal_note = QLabel()
        self.reveal_note.setObjectName("revealNote")
        self.reveal_note.setWordWrap(True)
        self.reveal_note.hide()
        grid.addWidget(self.reveal_note, len(left), 0, 1, 8)
        layout.addWidget(self.facts_box)

        self.history_box = QGroupBox()
        history_layout = QVBoxLayout(self.history_box)
        self.history_model = HistoryTableModel(parent=self)
        self.history_table = row_table(self.history_model, fit_columns=True)
        self.history_table.setObjectName("historyTable")
        self.history_table.horizontalHeader().setStretchLastSection(False)
        self.history_table.horizontalHeader().setSectionResizeMode(HistoryTableModel.NAME,
                                                                   QHeaderView.ResizeMode.Stretch)
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        history_layout.addWidget(self.history_table, 1)
        history_layout.addWidget(self.history_note)
        self.changes_box = QGroupBox()
        changes_layout = QVBoxLayout(self.changes_box)
        self.changes_model = ChangeTableModel(parent=self)
        self.changes_table = row_table(self.changes_model, fit_columns=True)
        self.changes_table.setObjectName("changesTable")
        changes_layout.addWidget(self.changes_table, 1)
        # Below the history, full width, and only for a trainee whose record was corrected: most
        # never are, and their history keeps the height.
        self.changes_table.horizontalHeader().setStretchLastSection(True)
        self.changes_box.hide()
        layout.addWidget(self.history_box, 2)
        layout.addWidget(self.changes_box, 1)
        self.retranslate()

    @property
    def purpose_dialog(self) -> RevealPurposeDialog | None:
        """The "why do you need it" dialog while it is open."""
        return self.purpose_dialogs.dialog

    @property
    def trainee_id(self) -> int | None:
        """The selected trainee's id."""
        return self.key

    def show_trainee(self, trainee_id: int | None) -> None:
        """Show one trainee (None: nobody). Any revealed number is masked again at once."""
        if trainee_id != self.key:
            self.revealed_values = {}
            if self.purpose_dialog is not None:
                self.purpose_dialog.reject()
        self.show_selected(trainee_id)
        if trainee_id is None:
            self.retranslate()

    def fetch(self, trainee_id: int):
        office = self.office
        return lambda: office.trainees.get(trainee_id)

    def shown_key(self) -> int | None:
        return self.detail.row.id if self.detail else None

    def nothing_selected(self) -> str:
        return self.tr("Select a trainee to see the record and training history.")

    def loading(self, _trainee_id: int) -> str:
        return self.tr("Loading …")

    def show_record(self, detail: TraineeDetail) -> None:
        self.detail = detail
        self.history_model.set_rows(detail.history)
        self.changes_model.set_rows(detail.changes)
        self.changes_box.setVisible(bool(detail.changes))
        self._render()

    def field_label(self, key: str) -> str:
        return {"id_number": self.tr("ID number"), "phone": self.tr("mobile number"),
                "bank_account": self.tr("bank account")}[key]

    def _render(self) -> None:
        d = self.detail
        apply_permission(self.edit_button, self.office.actor, Permission.ENROL_TRAINEES, enabled=d is not None)
        if d is None:
            return
        row = d.row
        not_recorded = self.tr("Not recorded")
        self.name_label.setText(row.name)
        v = self.fact_values
        v["id_type"].setText(labels.id_type(d.id_type))
        v["sex"].setText(labels.sex(row.sex) or not_recorded)
        v["birth_date"].setText(labels.day(row.birth_date) or not_recorded)
        v["ethnicity"].setText(d.ethnicity or not_recorded)
        v["household"].setText(d.household_type or not_recorded)
        v["education"].setText(d.education or not_recorded)
        v["employment"].setText(d.employment_status or not_recorded)
        v["pension"].setText(labels.yes_no(d.pension_status))
        v["bank_name"].setText(d.bank_name or not_recorded)
        separator = ", " if labels.english() else "、"
        v["key_groups"].setText(separator.join(labels.reference_name(group) for group in d.key_groups)
                                if d.key_groups else self.tr("None"))
        masked = {
            "id_number": row.id_masked,
            "phone": row.phone_masked or "",
            "bank_account": self.tr("Recorded (hidden)") if d.has_bank_account else "",
        }
        for key in REVEALABLE:
            value = self.revealed_values.get(key)
            label = v[key]
            set_tone(label, Tone.ERROR if value else Tone.PLAIN)  # a full number stands out (theme: personalRecord)
            label.setText(value or masked[key] or not_recorded)
            button = self.reveal_buttons[key]
            button.setVisible(bool(masked[key]) and value is None)
            apply_permission(button, self.office.actor, Permission.REVEAL_PERSONAL_DATA)
        if self.revealed_values:
            self.reveal_note.setText(self.tr(
                "Full numbers are shown for this trainee only; they are masked again when you select someone "
                "else. The view is recorded in the audit log."))
            self.reveal_note.show()
        else:
            self.reveal_note.hide()
        subsidised = sum(1 for record in d.history if labels.subsidised(record.subsidy_status))
        if d.history:
            self.history_note.setText(self.tr("{count} classes, {subsidised} of them subsidised. Point at an orange "
                                              "row to see why it was not subsidised.").format(
                count=len(d.history), subsidised=subsidised))
        else:
            self.history_note.setText(self.tr("Not enrolled in any class yet."))

    # --- correcting ------------------------------------------------------------------------

    @property
    def edit_dialog(self) -> EditTraineeDialog | None:
        return self.edit_dialogs.dialog

    def open_edit(self) -> None:
        if self.detail is None or self.edit_dialog is not None:
            return
        if not permitted(self.office.actor, Permission.ENROL_TRAINEES):
            return
        trainee_id = self.detail.row.id
        dialog = EditTraineeDialog(self.detail, self.office, self.operations, self)
        dialog.saved.connect(lambda detail: self._edited(trainee_id, detail))
        self.edit_dialogs.open(dialog)

    def _edited(self, trainee_id: int, detail: TraineeDetail) -> None:
        if trainee_id == self.trainee_id:
            self.show_record(detail)
        self.edited.emit(detail)

    # --- reveal ----------------------------------------------------------------------------

    def apply_permissions(self) -> None:
        """The signed-in user changed: numbers the previous person revealed are masked again, and
        "Show full number" is offered only to a role that may reveal."""
        self.revealed_values = {}
        if self.purpose_dialog is not None:
            self.purpose_dialog.reject()
        self._render()

    def ask_reveal(self, key: str) -> None:
        if self.detail is None or self.purpose_dialog is not None:
            return
        if not permitted(self.office.actor, Permission.REVEAL_PERSONAL_DATA):
            return
        trainee_id, asked_by = self.detail.row.id, self.office.actor
        dialog = RevealPurposeDialog(key, self.field_label(key), trainee_id, self.detail.row.name, self.office,
                                     self.operations, self)
        dialog.saved.connect(lambda value: self._revealed(trainee_id, key, asked_by, value))
        self.purpose_dialogs.open(dialog)

    def _revealed(self, trainee_id: int, key: str, asked_by, value: str) -> None:
        """The prompt read the full value (and the audit log has the view with its purpose)."""
        if trainee_id != self.trainee_id or self.office.actor != asked_by:
            return  # selection moved on, or someone else signed in: the number is not shown
        self.revealed_values[key] = value
        self._render()
        self.revealed.emit(key)

    def retranslate(self) -> None:
        super().retranslate()
        names = {
            "id_type": self.tr("Document type"), "id_number": self.tr("ID number"), "sex": self.tr("Sex"),
            "birth_date": self.tr("Date of birth"), "ethnicity": self.tr("Ethnicity"), "phone": self.tr("Mobile"),
            "household": self.tr("Household type"), "education": self.tr("Education"),
            "employment": self.tr("Employment"), "pension": self.tr("Draws a pension"),
            "bank_name": self.tr("Bank"), "bank_account": self.tr("Bank account"), "key_groups": self.tr("Key groups"),
        }
        for key, label in self.fact_names.items():
            label.setText(names[key] + ("：" if not labels.english() else ":"))
        for key, button in self.reveal_buttons.items():
            button.setText(self.tr("Show full number"))
        self.facts_box.setTitle(self.tr("Personal record"))
        self.history_box.setTitle(self.tr("Training history"))
        self.changes_box.setTitle(self.tr("Corrections"))
        self.edit_button.setText(self.tr("Correct record…"))
        self.history_model.retranslate()
        self.changes_model.retranslate()
        self._render()
