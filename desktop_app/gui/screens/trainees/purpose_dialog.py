"""Why a full number is needed: asked before the trainees screen shows an identity number, phone
or bank account unmasked; the purpose goes into the audit log with the view."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.gui.widgets.follows_language import FollowsLanguage


class RevealPurposeDialog(FollowsLanguage, QDialog):
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
