"""Settings → Accounts: who may sign in and with which role; shown to administrators only (the
services refuse everyone else anyway)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.actors import Role
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted, role_name
from desktop_app.gui.screens.settings.account_dialogs import AccountDialog, RoleDialog
from desktop_app.services.accounts import UserRow
from desktop_app.services.office import Office


class AccountsSection(QGroupBox):
    """The accounts in a table, and adding, resetting a password, changing a role, disabling."""

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersBox")
        self.office = office
        self.operations = operations
        self.rows: list[UserRow] = []
        self.notice = NoticeBanner()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("usersTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(140)
        self.add_button, self.reset_password_button, self.change_role_button, self.disable_button = (
            QPushButton() for _ in range(4))
        buttons = QHBoxLayout()
        for button, name, clicked in (
                (self.add_button, "addUserButton", self._add_clicked),
                (self.reset_password_button, "resetPasswordButton", self._reset_password_clicked),
                (self.change_role_button, "changeRoleButton", self._change_role_clicked),
                (self.disable_button, "disableUserButton", self._disable_clicked)):
            button.setObjectName(name)
            button.clicked.connect(clicked)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.hide()

    def allowed(self) -> bool:
        """Shown (and offered) only to a role that manages accounts; what another saw is cleared."""
        allowed = apply_permission(self, self.office.actor, Permission.MANAGE_USERS, hide=True)
        if not allowed:
            self._show_rows([])
            self.notice.hide()
        return allowed

    def show_failure(self, error: BaseException) -> None:
        self.notice.show_failure(error)

    # --- the accounts ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.operations.run(self, self.office.accounts.list_users, success=self._users_arrived, latest="users")

    def _users_arrived(self, rows) -> None:
        if permitted(self.office.actor, Permission.MANAGE_USERS):  # not someone who signed in meanwhile
            self._show_rows(rows)

    def _show_rows(self, rows) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            state = self.tr("Active") if row.is_active else self.tr("Disabled")
            values = (row.username, row.display_name, role_name(row.role), state)
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))

    def selected_username(self) -> str | None:
        index = self.table.currentRow()
        return self.rows[index].username if 0 <= index < len(self.rows) else None

    def select_user(self, username: str) -> bool:
        for index, row in enumerate(self.rows):
            if row.username == username:
                self.table.selectRow(index)
                return True
        return False

    # --- changing them (each refused by the services unless the role manages accounts) -----------

    def _change(self, fn, done_text: str) -> None:
        def done(_result) -> None:
            self.notice.show_note(done_text, "success")
            self.refresh()

        self.operations.run(self, fn, success=done)

    def add_user(self, username: str, display_name: str, role: Role, password: str) -> None:
        office = self.office
        self._change(lambda: office.accounts.create_user(username, password, role, display_name),
                     self.tr("Account %1 added.").replace("%1", username))

    def reset_password(self, username: str, password: str) -> None:
        office = self.office
        self._change(lambda: office.accounts.set_password(username, password),
                     self.tr("New password set for %1.").replace("%1", username))

    def change_role(self, username: str, role: Role) -> None:
        office = self.office
        self._change(lambda: office.accounts.set_role(username, role),
                     self.tr("%1 now has the role %2.").replace("%1", username).replace("%2", role_name(role)))

    def disable_user(self, username: str) -> None:
        office = self.office
        self._change(lambda: office.accounts.deactivate(username), self.tr("Account %1 disabled.").replace("%1", username))

    def _chosen_username(self) -> str | None:
        username = self.selected_username()
        if username is None:
            self.notice.show_note(self.tr("Choose an account in the list first."), "warning")
        return username

    def _add_clicked(self) -> None:
        dialog = AccountDialog(self, new=True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_user(dialog.username(), dialog.display_name(), dialog.role(), dialog.password())

    def _reset_password_clicked(self) -> None:
        username = self._chosen_username()
        if username is None:
            return
        dialog = AccountDialog(self, new=False, username=username)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_password(username, dialog.password())

    def _change_role_clicked(self) -> None:
        username = self._chosen_username()
        if username is None:
            return
        dialog = RoleDialog(self, username=username)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_role(username, dialog.role())

    def _disable_clicked(self) -> None:
        username = self._chosen_username()
        if username is None:
            return
        answer = QMessageBox.question(self, "SkillDesk", self.tr("Disable the account %1? It can no longer sign in; "
                                                                 "its records are kept.").replace("%1", username))
        if answer == QMessageBox.StandardButton.Yes:
            self.disable_user(username)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Accounts"))
        self.table.setHorizontalHeaderLabels([self.tr("Username"), self.tr("Name"), self.tr("Role"), self.tr("State")])
        self.add_button.setText(self.tr("Add account…"))
        self.reset_password_button.setText(self.tr("Reset password…"))
        self.change_role_button.setText(self.tr("Change role…"))
        self.disable_button.setText(self.tr("Disable"))
        if self.rows:
            self._show_rows(self.rows)
