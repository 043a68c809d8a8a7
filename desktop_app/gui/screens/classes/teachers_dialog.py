"""教师名单: the institution's teachers — add, edit, link a 教师 account, deactivate or reactivate —
opened from the classes screen (the teachers are assigned to classes there)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.gui.widgets.row_model import RowList
from desktop_app.gui.widgets.row_table import row_table, select_key, selected_row
from desktop_app.gui.widgets.saving_dialog import SavingDialog
from desktop_app.services.office import Office
from desktop_app.services.teachers import TeacherRow


class TeacherTableModel(RowList, QAbstractTableModel):
    """The teachers, active ones first; a deactivated teacher's line is greyed."""

    NAME, TITLE, PHONE, ACCOUNT, STATE, CLASSES = range(6)
    row_key = "id"

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Title"), self.tr("Phone"), self.tr("Account"), self.tr("State"),
                self.tr("Classes")]

    def cell(self, row: TeacherRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return qcolor(Colour.TEXT_FAINT)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.NAME: row.name, self.TITLE: row.title or "", self.PHONE: row.phone or "",
            self.ACCOUNT: row.username or "", self.STATE: self.tr("Active") if row.active else self.tr("Deactivated"),
            self.CLASSES: "、".join(row.classes),
        }[column]


class TeacherFormDialog(SavingDialog):
    """A new teacher, or the details of one (None: new); `saved` carries the TeacherRow."""

    def __init__(self, office: Office, operations: Operations, teacher: TeacherRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent)
        self.setObjectName("teacherFormDialog")
        self.office = office
        self.teacher = teacher
        self.explanation = hint_label()
        self.form.addRow(self.explanation)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        for key, length in (("name", 50), ("title", 50), ("phone", 30), ("account", 64)):
            label, edit = QLabel(), QLineEdit()
            edit.setObjectName(f"teacher_{key}")
            edit.setMaxLength(length)
            edit.setMinimumWidth(240)
            edit.textChanged.connect(self.form_changed)
            self.labels[key], self.fields[key] = label, edit
            self.form.addRow(label, edit)
        if teacher is not None:
            self.fields["name"].setText(teacher.name)
            self.fields["title"].setText(teacher.title or "")
            self.fields["phone"].setText(teacher.phone or "")
            self.fields["account"].setText(teacher.username or "")
        self.retranslate()
        self.form_changed()

    def problem(self) -> str | None:
        return None if self.fields["name"].text().strip() else self.tr("Enter the teacher's name.")

    def can_submit(self) -> bool:
        return self.problem() is None

    def change(self):
        office, teacher = self.office, self.teacher
        name, title, phone, account = (self.fields[k].text().strip() for k in ("name", "title", "phone", "account"))
        if teacher is None:
            return lambda: office.teachers.add(name, username=account or None, phone=phone or None,
                                               title=title or None)
        return lambda: office.teachers.edit(teacher.id, name=name, title=title, phone=phone, username=account)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New teacher") if self.teacher is None else self.tr("Edit teacher"))
        self.explanation.setText(self.tr(
            "Link the teacher's own sign-in account (role Teacher) so that the teacher can take attendance in "
            "the classes they teach. Leave the account empty for a teacher who does not sign in."))
        words = {"name": self.tr("Name"), "title": self.tr("Title"), "phone": self.tr("Phone"),
                 "account": self.tr("Account")}
        for key, label in self.labels.items():
            label.setText(words[key])
        self.fields["title"].setPlaceholderText(self.tr("e.g. senior technician, lecturer"))
        self.fields["account"].setPlaceholderText(self.tr("the account name, e.g. lilaoshi"))
        self.ok_button.setText(self.tr("Save"))
        super().retranslate()


class TeachersDialog(FollowsLanguage, QDialog):
    """The list of teachers with Add, Edit and Deactivate/Reactivate; changes are saved at once."""

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teachersDialog")
        self.office = office
        self.operations = operations
        self.forms: DialogSlot[TeacherFormDialog] = DialogSlot()
        self.model = TeacherTableModel(parent=self)
        self.table = row_table(self.model, "teacherTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.open_edit())
        self.message = QLabel()
        self.message.setObjectName("teachersMessage")
        self.message.setWordWrap(True)
        self.add_button, self.edit_button, self.active_button = QPushButton(), QPushButton(), QPushButton()
        for name, button, slot in (("addTeacherButton", self.add_button, self.open_add),
                                   ("editTeacherButton", self.edit_button, self.open_edit),
                                   ("teacherActiveButton", self.active_button, self.toggle_active)):
            button.setObjectName(name)
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.close_box)
        self.resize(720, 420)
        self.retranslate()
        self.reload()

    @property
    def form(self) -> TeacherFormDialog | None:
        return self.forms.dialog

    def reload(self, select: int | None = None) -> None:
        self.operations.run(self, self.office.teachers.list, success=lambda rows: self._arrived(rows, select))

    def _arrived(self, rows: list[TeacherRow], select: int | None) -> None:
        keep = select if select is not None else (self.selected().id if self.selected() else None)
        self.model.set_rows(rows)
        if keep is not None:
            select_key(self.table, keep)
        self._update_buttons()

    def selected(self) -> TeacherRow | None:
        return selected_row(self.table)

    def _update_buttons(self) -> None:
        row, actor = self.selected(), self.office.actor
        apply_permission(self.add_button, actor, Permission.MANAGE_CLASSES)
        apply_permission(self.edit_button, actor, Permission.MANAGE_CLASSES, enabled=row is not None)
        apply_permission(self.active_button, actor, Permission.MANAGE_CLASSES, enabled=row is not None)
        self.active_button.setText(self.tr("Reactivate") if row is not None and not row.active else self.tr("Deactivate"))

    def open_add(self) -> None:
        self._open(TeacherFormDialog(self.office, self.operations, None, self))

    def open_edit(self) -> None:
        if self.selected() is not None:
            self._open(TeacherFormDialog(self.office, self.operations, self.selected(), self))

    def _open(self, dialog: TeacherFormDialog) -> None:
        dialog.saved.connect(lambda row: (self._say(self.tr("Saved: {name}.").format(name=row.name)),
                                          self.reload(select=row.id)))
        self.forms.open(dialog)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        office, teacher, active = self.office, row.id, not row.active
        self.operations.run(self, lambda: office.teachers.edit(teacher, active=active),
                            success=lambda saved: (self._say(
                                self.tr("{name} is active again.").format(name=saved.name) if saved.active else
                                self.tr("{name} is deactivated: no longer assignable, and their account sees no "
                                        "class.").format(name=saved.name)), self.reload(select=saved.id)))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def show_failure(self, error: BaseException) -> None:
        self.message.setText(failure_text(error))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Teachers"))
        self.add_button.setText(self.tr("Add teacher…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.model.retranslate()
        self._update_buttons()
