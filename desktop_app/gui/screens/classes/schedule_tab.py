"""The 课表 tab of a class: its sessions, and moving or cancelling one of them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.domain.schedule import SessionStatus
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.screens.classes.models import SessionTableModel
from desktop_app.gui.screens.classes.session_dialogs import CancelSessionDialog, MoveSessionDialog
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.row_table import row_table, selected_row
from desktop_app.services.classes import ClassDetail, SessionRow
from desktop_app.services.office import Office


class ScheduleTab(QWidget):
    """Sessions of the class shown in the detail; a class that is sealed keeps them as they are."""

    session_saved = Signal(object)  # SessionRow moved or cancelled: lessons and schedule problems follow

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.detail: ClassDetail | None = None
        self.dialogs: DialogSlot[MoveSessionDialog | CancelSessionDialog] = DialogSlot()
        self.model = SessionTableModel(parent=self)
        self.table = row_table(self.model, "sessionTable")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.move_button = QPushButton()
        self.move_button.setObjectName("moveSessionButton")
        self.move_button.clicked.connect(self.move_selected_session)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelSessionButton")
        self.cancel_button.clicked.connect(self.cancel_selected_session)
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._update_buttons()

    @property
    def active_dialog(self) -> MoveSessionDialog | CancelSessionDialog | None:
        """The move or cancel dialog while it is open."""
        return self.dialogs.dialog

    def show_sessions(self, detail: ClassDetail | None) -> None:
        """The sessions of `detail` (None: no class), keeping the selected session selected."""
        selected = self.selected_session()
        self.detail = detail
        self.model.set_rows(detail.sessions if detail else [])
        if selected is not None:
            for number, session in enumerate(self.model.rows()):
                if session.id == selected.id:
                    self.table.selectRow(number)
                    break
        self.render_summary()
        self._update_buttons()

    def render_summary(self) -> None:
        sessions = self.detail.sessions if self.detail else []
        active = [s for s in sessions if s.status != SessionStatus.CANCELLED]
        cancelled = len(sessions) - len(active)
        if not sessions:
            summary = self.tr("No sessions are scheduled.")
        elif cancelled:
            summary = self.tr("{count} sessions ({cancelled} cancelled)").format(count=len(active), cancelled=cancelled)
        else:
            summary = self.tr("{count} sessions").format(count=len(active))
        self.summary.setText(summary)

    def selected_session(self) -> SessionRow | None:
        return selected_row(self.table)

    def apply_permissions(self) -> None:
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        session = self.selected_session()
        editable = self.detail is not None and not self.detail.row.status.is_read_only
        usable = editable and session is not None and session.status != SessionStatus.CANCELLED
        for button in (self.move_button, self.cancel_button):
            apply_permission(button, self.office.actor, Permission.MANAGE_CLASSES, enabled=usable)

    def _menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(self.table.source_line(index))
        menu = QMenu(self)
        move = menu.addAction(self.tr("Move this session…"))
        cancel = menu.addAction(self.tr("Cancel this session…"))
        move.setEnabled(self.move_button.isEnabled())
        cancel.setEnabled(self.cancel_button.isEnabled())
        move.triggered.connect(self.move_selected_session)
        cancel.triggered.connect(self.cancel_selected_session)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def move_selected_session(self) -> None:
        session = self.selected_session()
        if session is not None and self.move_button.isEnabled():
            self._open(MoveSessionDialog(session, self.office, self.operations, self))

    def cancel_selected_session(self) -> None:
        session = self.selected_session()
        if session is not None and self.cancel_button.isEnabled():
            self._open(CancelSessionDialog(session, self.office, self.operations, self))

    def _open(self, dialog: MoveSessionDialog | CancelSessionDialog) -> None:
        dialog.saved.connect(self._saved)
        self.dialogs.open(dialog)

    def _saved(self, row: SessionRow) -> None:
        self.model.replace_row(row)
        self._update_buttons()
        self.session_saved.emit(row)

    def retranslate(self) -> None:
        self.move_button.setText(self.tr("Move session…"))
        self.cancel_button.setText(self.tr("Cancel session…"))
        self.model.retranslate()
        self.render_summary()
