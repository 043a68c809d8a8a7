"""The dialogs of Settings → Accounts: a new account or a new password, and another role."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop_app.domain.actors import Role
from desktop_app.gui.permissions import role_name
from desktop_app.gui.widgets.form_texts import FormMessage


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for role in Role:
        combo.addItem(role_name(role), role.value)
    return combo


class AccountDialog(QDialog):
    """A new account (username, name, role, password) or a new password for an existing one."""

    def __init__(self, parent: QWidget, *, new: bool, username: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username_edit = QLineEdit(username)
        self.username_edit.setObjectName("accountUsernameEdit")
        self.username_edit.setReadOnly(not new)
        self.name_edit = QLineEdit()
        self.role_combo = _role_combo()
        self.role_combo.setObjectName("accountRoleCombo")
        self.role_combo.setCurrentIndex(list(Role).index(Role.REGISTRAR))
        self.password_edit, self.repeat_edit = QLineEdit(), QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Username"), self.username_edit)
        if new:
            form.addRow(self.tr("Name"), self.name_edit)
            form.addRow(self.tr("Role"), self.role_combo)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Password again"), self.repeat_edit)
        layout.addLayout(form)
        self.error_label = FormMessage()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Add account") if new else self.tr("Reset password"))

    def username(self) -> str:
        return self.username_edit.text().strip()

    def display_name(self) -> str:
        return self.name_edit.text().strip()

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def password(self) -> str:
        return self.password_edit.text()

    def _check(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.say_error(self.tr("The two passwords differ."))
            return
        self.accept()


class RoleDialog(QDialog):
    """Another role for an existing account."""

    def __init__(self, parent: QWidget, *, username: str) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.role_combo = _role_combo()
        layout.addRow(self.tr("Role of %1").replace("%1", username), self.role_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.setWindowTitle(self.tr("Change role"))

    def role(self) -> Role:
        return Role(self.role_combo.currentData())
