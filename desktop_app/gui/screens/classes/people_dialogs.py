"""One trainee at a time on a class's roster — 添加学员 (the roster import's checks for one person)
and 退学 (from a date, with a reason) — and 安排教师 (a teacher for the whole class or one session)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt, offer_reasons
from desktop_app.gui.widgets.saving_dialog import SavingDialog
from desktop_app.services.classes import ClassDetail
from desktop_app.services.office import Office
from desktop_app.services.trainees import RosterEntry

# The roster's column keys the form fills, in the order a registrar reads an ID card and a form.
FORM_FIELDS = ("name", "id_number", "phone", "key_groups", "household_type", "bank_name", "bank_account")


def _line(name: str, *, max_length: int = 60, width: int = 260) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    edit.setMinimumWidth(width)
    return edit


class AddTraineeDialog(SavingDialog):
    """Enrol one trainee in the class: the same checks, eligibility and words as a roster import;
    `saved` carries the EnrolledTrainee (roll number, subsidy decision)."""

    def __init__(self, class_code: str, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent)
        self.setObjectName("addTraineeDialog")
        self.class_code = class_code
        self.office = office
        self.explanation = hint_label()
        self.form.addRow(self.explanation)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        lengths = {"name": 100, "id_number": 24, "phone": 20, "key_groups": 200, "household_type": 20,
                   "bank_name": 100, "bank_account": 40}
        for key in FORM_FIELDS:
            label, edit = QLabel(), _line(f"trainee_{key}", max_length=lengths[key])
            edit.textChanged.connect(self.form_changed)
            self.labels[key], self.fields[key] = label, edit
            self.form.addRow(label, edit)
        self.retranslate()
        self.form_changed()

    def values(self) -> dict[str, str | None]:
        values = {key: (edit.text().strip() or None) for key, edit in self.fields.items()}
        if values["key_groups"]:
            # Typed with commas as often as with 、, the roster's own separator.
            values["key_groups"] = values["key_groups"].replace(",", "、").replace("，", "、")
        return values

    def problem(self) -> str | None:
        values = self.values()
        if not values["name"] or not values["id_number"]:
            return self.tr("Fill in at least the name and the identity number as on the ID card.")
        return None

    def can_submit(self) -> bool:
        return self.problem() is None

    def change(self):
        office, code, fields = self.office, self.class_code, self.values()
        return lambda: office.roster.enrol_one(code, fields)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a trainee to {code}").format(code=self.class_code))
        self.explanation.setText(self.tr(
            "The trainee is checked exactly as a roster row would be: the identity number, the phone, the key "
            "groups, and whether the trainee may enrol and be subsidised."))
        words = {
            "name": self.tr("Name"), "id_number": self.tr("Identity number"), "phone": self.tr("Mobile"),
            "key_groups": self.tr("Key groups"), "household_type": self.tr("Household type"),
            "bank_name": self.tr("Bank"), "bank_account": self.tr("Bank account"),
        }
        for key, label in self.labels.items():
            label.setText(words[key])
        self.fields["key_groups"].setPlaceholderText(self.tr("several separated by commas (may stay empty)"))
        self.fields["household_type"].setPlaceholderText(self.tr("e.g. rural household (may stay empty)"))
        self.fields["bank_account"].setPlaceholderText(self.tr("together with the bank"))
        self.ok_button.setText(self.tr("Add"))
        super().retranslate()


class WithdrawDialog(ReasonPrompt):
    """退学 of one roster entry from a date, with the reason; `saved` carries the Withdrawal."""

    def __init__(self, class_code: str, entry: RosterEntry, office: Office, operations: Operations,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(operations, parent, reason_name="withdrawReason", width=300, choices=True)
        self.setObjectName("withdrawDialog")
        self.class_code = class_code
        self.entry = entry
        self.office = office
        self.date_label = QLabel()
        self.date_edit = _line("withdrawDate", max_length=10, width=120)
        self.date_edit.setInputMask("0000-00-00;_")
        self.date_edit.setText((today or date.today()).isoformat())
        self.date_edit.textChanged.connect(self.form_changed)
        self.add_field(self.date_label, self.date_edit)
        self.ask_reason()

    def withdrawal_date(self) -> date | None:
        try:
            return date.fromisoformat(self.date_edit.text())
        except ValueError:
            return None

    def problem(self) -> str | None:
        if self.withdrawal_date() is None:
            return self.tr("Write the day the trainee left as 2026-12-08.")
        return super().problem()

    def reason_missing(self) -> str:
        return self.tr("Say why the trainee leaves: the reason is kept in the trainee's record and the audit log.")

    def change(self):
        office, code, enrolment_id = self.office, self.class_code, self.entry.enrolment_id
        on, reason = self.withdrawal_date(), self.reason()
        return lambda: office.roster.withdraw(code, enrolment_id, on=on, reason=reason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Withdraw a trainee"))
        self.explanation.setText(self.tr(
            "{name} (roll number {roll}) leaves class {code}. From that day on the trainee is no longer on the "
            "attendance grid, the results or the certificates, and no subsidy is claimed; the enrolment and the "
            "reason stay in the trainee's history.").format(name=self.entry.name, roll=self.entry.roll_no,
                                                            code=self.class_code))
        self.date_label.setText(self.tr("Left on"))
        self.reason_label.setText(self.tr("Reason"))
        offer_reasons(self.reason_combo, [self.tr("Found work"), self.tr("Illness"), self.tr("Moved away"),
                                          self.tr("Personal reasons")],
                      self.tr("Choose or type the reason (required)"))
        self.ok_button.setText(self.tr("Withdraw"))
        super().retranslate()


class AssignTeacherDialog(SavingDialog):
    """A teacher for the whole class (and its sessions without one) or for one session; the
    active teachers are read when the dialog opens."""

    def __init__(self, detail: ClassDetail, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent)
        self.setObjectName("assignTeacherDialog")
        self.detail = detail
        self.office = office
        self.explanation = hint_label()
        self.teacher_label, self.scope_label = QLabel(), QLabel()
        self.teacher_combo = QComboBox()
        self.teacher_combo.setObjectName("teacherCombo")
        self.teacher_combo.setMinimumWidth(220)
        self.teacher_combo.currentIndexChanged.connect(self.form_changed)
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("scopeCombo")
        self.scope_combo.addItem("", None)
        for number, s in enumerate(detail.sessions, start=1):
            self.scope_combo.addItem(f"{number}. {s.starts_at:%Y-%m-%d %H:%M}", number)
        self.form.addRow(self.explanation)
        self.form.addRow(self.teacher_label, self.teacher_combo)
        self.form.addRow(self.scope_label, self.scope_combo)
        self.retranslate()
        self.form_changed()
        self.operations.run(self, lambda: office.teachers.list(include_inactive=False), success=self._teachers)

    def _teachers(self, rows) -> None:
        self.teacher_combo.clear()
        for row in rows:
            self.teacher_combo.addItem(row.name, row.id)
        self.form_changed()
        if not rows:
            self.error_label.say_error(self.tr("There are no active teachers yet. Add them with “Teachers…” "
                                               "above the class list first."))

    def can_submit(self) -> bool:
        return self.teacher_combo.currentData() is not None

    def change(self):
        office, code = self.office, self.detail.row.code
        teacher, number = self.teacher_combo.currentData(), self.scope_combo.currentData()
        return lambda: office.teachers.assign(code, teacher, session_number=number)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assign a teacher"))
        self.explanation.setText(self.tr(
            "A teacher of the whole class also takes its sessions that have no teacher yet. A teacher's account "
            "sees and marks attendance only in the classes it teaches."))
        self.teacher_label.setText(self.tr("Teacher"))
        self.scope_label.setText(self.tr("For"))
        self.scope_combo.setItemText(0, self.tr("The whole class"))
        self.ok_button.setText(self.tr("Assign"))
        super().retranslate()
