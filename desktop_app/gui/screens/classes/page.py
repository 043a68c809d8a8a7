"""The 班级 screen: find classes, open new ones, follow one class in the detail below the list,
and move rosters in and out of Excel (roster_files)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.screens.classes.detail import ClassDetailPanel
from desktop_app.gui.screens.classes.models import ClassTableModel
from desktop_app.gui.screens.classes.new_class_dialog import NewClassDialog
from desktop_app.gui.screens.classes.roster_files import RosterFiles
from desktop_app.gui.screens.classes.teachers_dialog import TeachersDialog
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.page import ScreenPage, list_over_detail
from desktop_app.gui.widgets.row_table import row_table, select_key, selected_row
from desktop_app.services.changes import Area
from desktop_app.services.classes import ClassDetail, ClassRow
from desktop_app.services.office import Office

SEARCH_DELAY_MS = 300


# Wide enough for the Chinese names (岗位技能提升培训) whole.
TRAINING_TYPE_WIDTH = 150


class ClassesPage(ScreenPage):
    """The class list with its search and status filter above the selected class's detail, and
    the roster round trip through Excel (template, import, export)."""

    page_id = "classes"
    shows = (Area.CLASSES, Area.SESSIONS, Area.ROSTER, Area.TRAINEES, Area.OUTBOX, Area.TEACHERS)
    class_sealed = Signal(object)  # BatchRow: a class was sealed into the outbox (the window uploads it)

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_classes")
        self.new_class_dialogs: DialogSlot[NewClassDialog] = DialogSlot()

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("classSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.reload)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem("", None)
        for status in ClassStatus:
            self.status_combo.addItem("", status.value)
        self.status_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.new_button = QPushButton()
        self.new_button.setObjectName("newClassButton")
        self.new_button.clicked.connect(self.open_new_class)
        self.roster_files = RosterFiles(office, operations, self.notice)
        self.roster_files.roster_imported.connect(self._roster_imported)
        self.roster_files.wizard_closed.connect(self._show_roster_as_it_is)
        self.teachers_button = QPushButton()
        self.teachers_button.setObjectName("teachersButton")
        self.teachers_button.clicked.connect(self.open_teachers)
        self.teachers_dialogs: DialogSlot[TeachersDialog] = DialogSlot(closed=self._teachers_closed)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search_edit, 2)
        toolbar.addWidget(self.status_combo)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.roster_files)
        toolbar.addWidget(self.teachers_button)

        self.model = ClassTableModel(parent=self)
        self.table = row_table(self.model, "classTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ClassTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Training types are long in English ("On-the-job skill upgrading training"): sized to
        # their content they left the class name no room at 1100 px. A fixed, resizable width,
        # elided, with the whole word in the tooltip.
        header.setSectionResizeMode(ClassTableModel.TRAINING_TYPE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(ClassTableModel.TRAINING_TYPE, TRAINING_TYPE_WIDTH)
        header.setMinimumSectionSize(40)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.detail.edit_class())
        self.empty_list = QLabel()
        self.empty_list.setObjectName("emptyList")
        self.empty_list.hide()
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.empty_list)

        self.detail = ClassDetailPanel(office, operations)
        self.detail.class_changed.connect(self._class_changed)
        self.detail.status_actions.sealed.connect(self.class_sealed)
        self.detail.people_changed.connect(self._people_changed)
        self.splitter = list_over_detail(list_box, self.detail)

        layout = self.page_layout()
        layout.addLayout(toolbar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self.reload()

    def title(self) -> str:
        return self.tr("Classes")

    @property
    def new_class_dialog(self) -> NewClassDialog | None:
        return self.new_class_dialogs.dialog

    # --- the list --------------------------------------------------------------------------

    def reload(self, select_code: str | None = None) -> None:
        """Read the list again with the current search and status filter."""
        self._search_timer.stop()
        search = self.search_edit.text().strip() or None
        status = self.status_combo.currentData()
        keep = select_code or (self.selected_class().code if self.selected_class() else None)
        self.run(lambda: self.office.classes.list(search=search, status=status),
                 success=lambda rows: self._list_arrived(rows, keep), latest="list")

    def _list_arrived(self, rows: list[ClassRow], keep: str | None) -> None:
        self.model.set_rows(rows)
        if not (keep and self.select_class(keep)):
            self.detail.show_class(None)
        self.empty_list.setVisible(not rows)
        self._render_empty_list()
        self._update_buttons()

    def show_class(self, code: str) -> None:
        """Select class `code`, showing every class first when the search or filter hides it
        (the upload page's "去修改")."""
        if not self.select_class(code):
            self._clear_filters()
            self.reload(select_code=code)

    def _clear_filters(self) -> None:
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(False)

    def _render_empty_list(self) -> None:
        filtered = bool(self.search_edit.text().strip() or self.status_combo.currentData())
        self.empty_list.setText(self.tr("No class matches the search or filter.") if filtered else
                                self.tr("There are no classes yet. Click “New class” to open the first one."))

    def selected_class(self) -> ClassRow | None:
        return selected_row(self.table)

    def select_class(self, code: str) -> bool:
        return select_key(self.table, code)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_class()
        self.detail.show_class(row.code if row else None)
        self._update_buttons()

    def _class_changed(self, row: ClassRow) -> None:
        self.model.replace_row(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.roster_files.show_class(self.selected_class())
        apply_permission(self.new_button, self.actor, Permission.MANAGE_CLASSES)
        apply_permission(self.teachers_button, self.actor, Permission.MANAGE_CLASSES)

    def apply_permissions(self) -> None:
        """The signed-in user changed: offer only what the new role may do, here and in the detail."""
        self._update_buttons()
        self.detail.apply_permissions()

    # --- new class -------------------------------------------------------------------------

    def open_new_class(self) -> None:
        if not permitted(self.actor, Permission.MANAGE_CLASSES):
            return
        dialog = NewClassDialog(self.office, self.operations, self)
        dialog.saved.connect(self._class_created)
        self.new_class_dialogs.open(dialog)

    def _class_created(self, detail: ClassDetail) -> None:
        code = detail.row.code
        self._clear_filters()  # the new class must be visible whatever the filter was
        self.reload(select_code=code)
        note = self.tr("Class {code} was created as a draft with {sessions} sessions.").format(
            code=code, sessions=len(detail.sessions))
        if detail.schedule_problems:
            note += " " + self.tr("Check the schedule: {problems}").format(
                problems="；".join(problem.message() for problem in detail.schedule_problems))
            self.notice.show_note(note, "warning")
        else:
            self.notice.show_note(note, "success")

    # --- after a roster import ------------------------------------------------------------

    def _roster_imported(self, code: str) -> None:
        if self.detail.code == code:
            self.detail.reload()

    def _show_roster_as_it_is(self) -> None:
        """The import wizard closed (imported or not): read the list and the detail again."""
        self.detail.reload()
        self.reload()

    # --- people ----------------------------------------------------------------------------

    def open_teachers(self) -> None:
        if self.teachers_dialogs.dialog is None:
            self.teachers_dialogs.open(TeachersDialog(self.office, self.operations, self))

    def _teachers_closed(self) -> None:
        self.detail.reload()  # a renamed or deactivated teacher reads as such in the class's facts

    def _people_changed(self, text: str, tone: str) -> None:
        self.reload()  # the enrolled count in the list
        self.notice.show_note(text, tone)

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.search_edit.setPlaceholderText(self.tr("Search by code, name or occupation"))
        self.status_combo.setItemText(0, self.tr("All statuses"))
        for number, status in enumerate(ClassStatus, start=1):
            self.status_combo.setItemText(number, labels.class_status(status))
        self.new_button.setText(self.tr("New class…"))
        self.teachers_button.setText(self.tr("Teachers…"))
        self.roster_files.retranslate()
        self.model.retranslate()
        self.detail.retranslate()
        self._render_empty_list()
        self._update_buttons()
