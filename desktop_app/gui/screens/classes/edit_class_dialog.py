"""修改班级: name, capacity, location and project flag of a class that is not yet sealed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.answer_wait import AnswerWait
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_parts import error_label
from desktop_app.services.classes import ClassDetail
from desktop_app.services.office import Office


class EditClassDialog(AnswerWait, FollowsLanguage, QDialog):
    """Saves the change itself; a refusal stays in the dialog."""

    saved = Signal(object)  # ClassDetail

    def __init__(self, detail: ClassDetail, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editClassDialog")
        self.detail = detail
        self.office = office
        self.operations = operations
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
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.save_button.setEnabled(False)
        code = self.detail.row.code
        changes = dict(name=self.name_edit.text(), capacity=self.capacity_spin.value(),
                       location=self.location_edit.text().strip(), project_based=self.project_check.isChecked())
        self.ask(lambda: self.office.classes.update(code, **changes), self._saved)

    def _saved(self, detail: ClassDetail) -> None:
        self.busy = False
        self.saved.emit(detail)
        self.accept()

    def show_failure(self, error: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.error_label.setText(failure_text(error))
        self.error_label.show()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit class {code}").format(code=self.detail.row.code))
        self.name_label.setText(self.tr("Class name"))
        self.capacity_label.setText(self.tr("Capacity"))
        self.capacity_spin.setSuffix(self.tr(" people"))
        self.location_label.setText(self.tr("Location"))
        self.project_check.setText(self.tr("Project-based training (项目制)"))
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
