"""修改班级: name, capacity, location and project flag of a class that is not yet sealed."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QLineEdit, QSpinBox, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.saving_dialog import SavingDialog
from desktop_app.services.classes import ClassDetail
from desktop_app.services.office import Office


class EditClassDialog(SavingDialog):
    """Saves the change itself; a refusal stays in the dialog. `saved` carries the ClassDetail."""

    def __init__(self, detail: ClassDetail, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, ok=QDialogButtonBox.StandardButton.Save)
        self.setObjectName("editClassDialog")
        self.detail = detail
        self.office = office
        self.name_edit = QLineEdit(detail.row.name)
        self.name_edit.setMinimumWidth(320)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 1000)
        self.capacity_spin.setValue(detail.row.capacity)
        self.location_edit = QLineEdit(detail.location or "")
        self.project_check = QCheckBox()
        self.project_check.setChecked(detail.row.project_based)
        self.name_label, self.capacity_label, self.location_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.capacity_label, self.capacity_spin)
        self.form.addRow(self.location_label, self.location_edit)
        self.form.addRow("", self.project_check)
        self.retranslate()

    def change(self):
        code, office = self.detail.row.code, self.office
        changes = dict(name=self.name_edit.text(), capacity=self.capacity_spin.value(),
                       location=self.location_edit.text().strip(), project_based=self.project_check.isChecked())
        return lambda: office.classes.update(code, **changes)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit class {code}").format(code=self.detail.row.code))
        self.name_label.setText(self.tr("Class name"))
        self.capacity_label.setText(self.tr("Capacity"))
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.location_label.setText(self.tr("Location"))
        self.project_check.setText(self.tr("Project-based training"))
        self.ok_button.setText(self.tr("Save"))
        super().retranslate()
