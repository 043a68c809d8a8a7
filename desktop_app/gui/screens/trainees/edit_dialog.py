"""修改信息: correct one trainee's personal fields, with the reason the change history keeps.

The phone and the bank account are not shown in full here: their fields start empty (the masked
value is their placeholder) and an empty field keeps what is stored — a person types the new
number, never reads the old one (revealing stays a separate, audited act)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt, offer_reasons
from desktop_app.services.office import Office
from desktop_app.services.trainees import TraineeDetail, TraineeEdit

# Shown filled in (not sensitive), and the two typed fresh (sensitive).
PLAIN_FIELDS = ("name", "household_type", "ethnicity", "education", "bank_name", "key_groups")
FRESH_FIELDS = ("phone", "bank_account")


class EditTraineeDialog(ReasonPrompt):
    """`saved` carries the trainee's new TraineeDetail."""

    def __init__(self, detail: TraineeDetail, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="editReason", width=320, choices=True)
        self.setObjectName("editTraineeDialog")
        self.detail = detail
        self.office = office
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        current = {
            "name": detail.row.name, "household_type": detail.household_type or "",
            "ethnicity": detail.ethnicity or "", "education": detail.education or "",
            "bank_name": detail.bank_name or "", "key_groups": "、".join(detail.key_groups),
        }
        lengths = {"name": 100, "household_type": 20, "ethnicity": 20, "education": 20, "bank_name": 100,
                   "key_groups": 200, "phone": 20, "bank_account": 40}
        for key in ("name", "phone", "household_type", "ethnicity", "education", "key_groups", "bank_name",
                    "bank_account"):
            label, edit = QLabel(), QLineEdit()
            edit.setObjectName(f"edit_{key}")
            edit.setMaxLength(lengths[key])
            edit.setMinimumWidth(260)
            edit.setText(current.get(key, ""))
            edit.textChanged.connect(self.form_changed)
            self.labels[key], self.fields[key] = label, edit
            self.add_field(label, edit)
        self.original = {key: self.fields[key].text() for key in PLAIN_FIELDS}
        self.ask_reason()

    def edit(self) -> TraineeEdit:
        """Only what the person changed: a plain field differing from what was shown, a fresh
        field with something typed."""
        values: dict[str, object] = {}
        for key in PLAIN_FIELDS:
            text = self.fields[key].text().strip()
            if text != self.original[key].strip():
                values[key] = text
        for key in FRESH_FIELDS:
            text = self.fields[key].text().strip()
            if text:
                values[key] = text
        if "key_groups" in values:
            text = str(values["key_groups"]).replace(",", "、").replace("，", "、")
            values["key_groups"] = tuple(part.strip() for part in text.split("、") if part.strip())
        if "bank_account" in values and "bank_name" not in values and self.fields["bank_name"].text().strip():
            values["bank_name"] = self.fields["bank_name"].text().strip()  # a new account at the bank shown
        return TraineeEdit(**values)

    def problem(self) -> str | None:
        if not self.fields["name"].text().strip():
            return self.tr("The name cannot be empty.")
        if all(value is None for value in vars(self.edit()).values()):
            return self.tr("Change at least one field first.")
        return super().problem()

    def reason_missing(self) -> str:
        return self.tr("Say why the record changes: the reason is kept with the old and new values.")

    def change(self):
        office, trainee_id, edit, reason = self.office, self.detail.row.id, self.edit(), self.reason()
        return lambda: office.trainees.edit(trainee_id, edit, reason=reason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Correct the record of {name}").format(name=self.detail.row.name))
        self.explanation.setText(self.tr(
            "The new values are checked like a roster row. Each change is kept in the trainee's change history "
            "with your name, the time and the reason; the phone and the bank account only masked. The identity "
            "number cannot change: another number is another person."))
        words = {
            "name": self.tr("Name"), "phone": self.tr("New mobile"), "household_type": self.tr("Household type"),
            "ethnicity": self.tr("Ethnicity"), "education": self.tr("Education"),
            "key_groups": self.tr("Key groups"), "bank_name": self.tr("Bank"),
            "bank_account": self.tr("New bank account"),
        }
        for key, label in self.labels.items():
            label.setText(words[key])
        phone = self.detail.row.phone_masked
        self.fields["phone"].setPlaceholderText(
            self.tr("unchanged ({masked})").format(masked=phone) if phone else self.tr("none recorded"))
        self.fields["bank_account"].setPlaceholderText(
            self.tr("unchanged (recorded)") if self.detail.has_bank_account else self.tr("none recorded"))
        self.fields["key_groups"].setPlaceholderText(self.tr("several separated by commas"))
        self.reason_label.setText(self.tr("Reason"))
        offer_reasons(self.reason_combo, [self.tr("The trainee's new phone number"),
                                          self.tr("As on the ID card"), self.tr("New bank account for subsidies"),
                                          self.tr("Correct a registration error")],
                      self.tr("Choose or type the reason (required)"))
        self.ok_button.setText(self.tr("Save"))
        super().retranslate()
