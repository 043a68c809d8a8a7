"""Settings: language, where the data lives, the provincial platform's address and the certificate printer offset."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.domain.actors import Role
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.permissions import apply_permission


class SettingsPage(QWidget):
    """Preferences are saved at once; the language applies live, no restart needed."""

    page_id = "settings"
    language_chosen = Signal(str)
    platform_url_chosen = Signal(str)
    certificate_offset_chosen = Signal(float, float)  # millimetres, right and up
    idle_minutes_chosen = Signal(int)

    def __init__(self, *, language: str, database: str, data_dir: str, key_dir: str,
                 platform_url: str | None, certificate_offset_mm: tuple[float, float] = (0.0, 0.0),
                 idle_minutes: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_settings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)

        self.general_box = QGroupBox()
        general = QFormLayout(self.general_box)
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # Each language is named in itself, so a user who switched by mistake can switch back.
        self.language_combo.addItem("中文（简体）", "zh")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(0 if language == "zh" else 1)
        self.language_combo.currentIndexChanged.connect(
            lambda index: self.language_chosen.emit(self.language_combo.itemData(index))
        )
        general.addRow(self.language_label, self.language_combo)
        self.idle_label = QLabel()
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleMinutesSpin")
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setValue(int(idle_minutes))
        self.idle_spin.setMaximumWidth(140)
        self.idle_spin.valueChanged.connect(self.idle_minutes_chosen.emit)
        general.addRow(self.idle_label, self.idle_spin)
        layout.addWidget(self.general_box)

        # Accounts: shown to administrators once the window knows who is signed in (attach_accounts).
        self.users_box = QGroupBox()
        self.users_box.setObjectName("usersBox")
        users = QVBoxLayout(self.users_box)
        self.users_notice = NoticeBanner()
        users.addWidget(self.users_notice)
        self.users_table = QTableWidget(0, 4)
        self.users_table.setObjectName("usersTable")
        self.users_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users_table.verticalHeader().hide()
        self.users_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.users_table.setMinimumHeight(140)
        users.addWidget(self.users_table)
        buttons = QHBoxLayout()
        self.add_user_button, self.reset_password_button, self.change_role_button, self.disable_user_button = (
            QPushButton() for _ in range(4))
        for button, name in ((self.add_user_button, "addUserButton"), (self.reset_password_button, "resetPasswordButton"),
                             (self.change_role_button, "changeRoleButton"),
                             (self.disable_user_button, "disableUserButton")):
            button.setObjectName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        users.addLayout(buttons)
        self.add_user_button.clicked.connect(self._add_user_clicked)
        self.reset_password_button.clicked.connect(self._reset_password_clicked)
        self.change_role_button.clicked.connect(self._change_role_clicked)
        self.disable_user_button.clicked.connect(self._disable_user_clicked)
        self.users_box.hide()
        layout.addWidget(self.users_box)
        self.office = None
        self.tasks = None
        self.user_rows: list = []

        self.platform_box = QGroupBox()
        platform = QFormLayout(self.platform_box)
        self.platform_label = QLabel()
        row = QHBoxLayout()
        self.platform_edit = QLineEdit(platform_url or "")
        self.platform_edit.setObjectName("platformUrlEdit")
        self.platform_edit.setPlaceholderText("https://")
        self.platform_save = QPushButton()
        self.platform_save.clicked.connect(lambda: self.platform_url_chosen.emit(self.platform_edit.text().strip()))
        row.addWidget(self.platform_edit, 1)
        row.addWidget(self.platform_save)
        platform.addRow(self.platform_label, row)
        layout.addWidget(self.platform_box)

        # Pre-printed certificate stock: each printer places the page a little differently, so the
        # printed fields are shifted to land on the blanks. Saved at once, used for the next print.
        self.offset_box = QGroupBox()
        offset = QFormLayout(self.offset_box)
        self.offset_x_label, self.offset_y_label = QLabel(), QLabel()
        self.offset_x_spin, self.offset_y_spin = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value, name in ((self.offset_x_spin, certificate_offset_mm[0], "offsetXSpin"),
                                  (self.offset_y_spin, certificate_offset_mm[1], "offsetYSpin")):
            spin.setObjectName(name)
            spin.setRange(-20.0, 20.0)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setSuffix(" mm")
            spin.setMinimumWidth(110)
            spin.setMaximumWidth(140)
            spin.setValue(float(value))
            spin.valueChanged.connect(lambda _value: self.certificate_offset_chosen.emit(
                self.offset_x_spin.value(), self.offset_y_spin.value()))
        self.offset_note = QLabel()
        self.offset_note.setWordWrap(True)
        offset.addRow(self.offset_x_label, self.offset_x_spin)
        offset.addRow(self.offset_y_label, self.offset_y_spin)
        offset.addRow(self.offset_note)
        layout.addWidget(self.offset_box)

        self.storage_box = QGroupBox()
        storage = QFormLayout(self.storage_box)
        self.database_label, self.database_value = QLabel(), QLabel(database)
        self.data_dir_label, self.data_dir_value = QLabel(), QLabel(data_dir)
        self.key_dir_label, self.key_dir_value = QLabel(), QLabel(key_dir)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        for label, value in ((self.database_label, self.database_value), (self.data_dir_label, self.data_dir_value),
                             (self.key_dir_label, self.key_dir_value)):
            value.setWordWrap(True)
            storage.addRow(label, value)
        storage.addRow(self.key_note)
        layout.addWidget(self.storage_box)

        self.version_label = QLabel()
        layout.addWidget(self.version_label)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        self.general_box.setTitle(self.tr("General"))
        self.language_label.setText(self.tr("Language"))
        self.idle_label.setText(self.tr("Lock after inactivity"))
        self.idle_spin.setSuffix(self.tr(" min"))
        self.users_box.setTitle(self.tr("Accounts"))
        self.users_table.setHorizontalHeaderLabels([self.tr("Username"), self.tr("Name"), self.tr("Role"),
                                                    self.tr("State")])
        self.add_user_button.setText(self.tr("Add account…"))
        self.reset_password_button.setText(self.tr("Reset password…"))
        self.change_role_button.setText(self.tr("Change role…"))
        self.disable_user_button.setText(self.tr("Disable"))
        if self.user_rows:
            self._show_users(self.user_rows)
        self.platform_box.setTitle(self.tr("Provincial platform"))
        self.platform_label.setText(self.tr("Platform address"))
        self.platform_save.setText(self.tr("Save"))
        self.offset_box.setTitle(self.tr("Certificate printing offset"))
        self.offset_x_label.setText(self.tr("Horizontal (right +)"))
        self.offset_y_label.setText(self.tr("Vertical (up +)"))
        self.offset_note.setText(
            self.tr("Shifts everything printed on a certificate, to land on the blanks of pre-printed stock. "
                    "Print one test certificate on plain paper, hold it against the stock and measure how far "
                    "off it is. Saved at once; used for printing and exporting.")
        )
        self.storage_box.setTitle(self.tr("Data on this PC"))
        self.database_label.setText(self.tr("Database"))
        self.data_dir_label.setText(self.tr("Data folder"))
        self.key_dir_label.setText(self.tr("Encryption key folder"))
        self.key_note.setText(
            self.tr("Identity numbers, phones and bank accounts are encrypted with the key in this folder. "
                    "Back it up together with the database: without it they cannot be read.")
        )
        self.version_label.setText(self.tr("SkillDesk version %s") % __version__)
        self.apply_permissions()  # refusal tooltips in the language of the moment

    # --- accounts (administrators) -------------------------------------------------------------

    def attach_accounts(self, office, tasks) -> None:
        """Show the Accounts section when the signed-in user is an administrator (the services refuse
        everyone else anyway). Called again whenever the signed-in user changes."""
        self.office, self.tasks = office, tasks
        self.apply_permissions()
        if self.users_box.isVisibleTo(self):
            self.refresh_users()
        else:
            self.user_rows = []
            self.users_table.setRowCount(0)
            self.users_notice.hide()

    def apply_permissions(self) -> None:
        """Accounts only for a role that manages them; the platform address (where every upload goes)
        only for one that may change the institution's settings. Personal preferences stay open."""
        if self.office is None:
            return
        actor = self.office.actor
        apply_permission(self.users_box, actor, Permission.MANAGE_USERS, hide=True)
        for widget in (self.platform_edit, self.platform_save):
            apply_permission(widget, actor, Permission.MANAGE_SETTINGS)

    def refresh_users(self) -> None:
        self.tasks.run(self.office.accounts.list_users, on_success=self._show_users, on_failure=self._failed)

    def _show_users(self, rows) -> None:
        self.user_rows = list(rows)
        self.users_table.setRowCount(len(self.user_rows))
        for index, row in enumerate(self.user_rows):
            state = self.tr("Active") if row.is_active else self.tr("Disabled")
            values = (row.username, row.display_name, role_label(self, row.role), state)
            for column, value in enumerate(values):
                self.users_table.setItem(index, column, QTableWidgetItem(value))

    def selected_username(self) -> str | None:
        index = self.users_table.currentRow()
        return self.user_rows[index].username if 0 <= index < len(self.user_rows) else None

    def select_user(self, username: str) -> bool:
        for index, row in enumerate(self.user_rows):
            if row.username == username:
                self.users_table.selectRow(index)
                return True
        return False

    def _failed(self, error: BaseException) -> None:
        self.users_notice.show_note(failure_text(error), "error")

    def _done(self, text: str):
        def finished(_result) -> None:
            self.users_notice.show_note(text, "success")
            self.refresh_users()
        return finished

    def add_user(self, username: str, display_name: str, role: Role, password: str) -> None:
        self.tasks.run(lambda: self.office.accounts.create_user(username, password, role, display_name),
                       on_success=self._done(self.tr("Account %1 added.").replace("%1", username)),
                       on_failure=self._failed)

    def reset_password(self, username: str, password: str) -> None:
        self.tasks.run(lambda: self.office.accounts.set_password(username, password),
                       on_success=self._done(self.tr("New password set for %1.").replace("%1", username)),
                       on_failure=self._failed)

    def change_role(self, username: str, role: Role) -> None:
        self.tasks.run(lambda: self.office.accounts.set_role(username, role),
                       on_success=self._done(self.tr("%1 now has the role %2.").replace("%1", username)
                                             .replace("%2", role_label(self, role))),
                       on_failure=self._failed)

    def disable_user(self, username: str) -> None:
        self.tasks.run(lambda: self.office.accounts.deactivate(username),
                       on_success=self._done(self.tr("Account %1 disabled.").replace("%1", username)),
                       on_failure=self._failed)

    def _add_user_clicked(self) -> None:
        dialog = AccountDialog(self, new=True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_user(dialog.username(), dialog.display_name(), dialog.role(), dialog.password())

    def _reset_password_clicked(self) -> None:
        username = self.selected_username()
        if username is None:
            return self.users_notice.show_note(self.tr("Choose an account in the list first."), "warning")
        dialog = AccountDialog(self, new=False, username=username)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(username, dialog.password())

    def _change_role_clicked(self) -> None:
        username = self.selected_username()
        if username is None:
            return self.users_notice.show_note(self.tr("Choose an account in the list first."), "warning")
        dialog = RoleDialog(self, username=username)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_role(username, dialog.role())

    def _disable_user_clicked(self) -> None:
        username = self.selected_username()
        if username is None:
            return self.users_notice.show_note(self.tr("Choose an account in the list first."), "warning")
        answer = QMessageBox.question(self, "SkillDesk", self.tr("Disable the account %1? It can no longer sign in; "
                                                                 "its records are kept.").replace("%1", username))
        if answer == QMessageBox.StandardButton.Yes:
            self.disable_user(username)


def role_label(widget: QWidget | None, role: Role) -> str:
    """The role's name in the interface language (widget kept for call sites; the context is fixed)."""
    translate = QCoreApplication.translate
    labels = {Role.ADMINISTRATOR: translate("Roles", "Administrator"), Role.REGISTRAR: translate("Roles", "Registrar"),
              Role.TEACHER: translate("Roles", "Teacher"), Role.CLERK: translate("Roles", "Clerk"),
              Role.AUDITOR: translate("Roles", "Auditor")}
    return labels[role]


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
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("accountRoleCombo")
        for role in Role:
            self.role_combo.addItem(role_label(self, role), role.value)
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
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #8a1c1c;")
        self.error_label.hide()
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
            self.error_label.setText(self.tr("The two passwords differ."))
            self.error_label.show()
            return
        self.accept()


class RoleDialog(QDialog):
    def __init__(self, parent: QWidget, *, username: str) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(role_label(self, role), role.value)
        layout.addRow(self.tr("Role of %1").replace("%1", username), self.role_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.setWindowTitle(self.tr("Change role"))

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

