"""The 班级 screen: find classes, open new ones, follow one class in the detail below the list,
and move rosters in and out of Excel."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
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
from desktop_app.gui.screens.classes.roster_import import RosterImportWizard
from desktop_app.gui.widgets.open_dialogs import still_open
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.gui.widgets.row_model import ROW_ROLE
from desktop_app.gui.widgets.row_table import documents_folder, row_table
from desktop_app.services.changes import Area, Changes
from desktop_app.services.classes import ClassDetail, ClassRow
from desktop_app.services.desk import Desk

SEARCH_DELAY_MS = 300


class ClassesPage(ScreenPage):
    """The class list with its search and status filter above the selected class's detail, and
    the roster round trip through Excel (template, import, export)."""

    page_id = "classes"
    shows = (Area.CLASSES, Area.SESSIONS, Area.ROSTER, Area.TRAINEES, Area.OUTBOX)
    class_sealed = Signal(object)  # BatchRow: a class was sealed into the outbox (the window uploads it)

    def __init__(self, office: Desk, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_classes")
        self.last_folder = documents_folder()
        self._new_class_dialog: NewClassDialog | None = None
        self._import_wizard: RosterImportWizard | None = None

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
        self.new_button = self._button("newClassButton", self.open_new_class)
        self.import_button = self._button("importRosterButton", self.open_import)
        self.export_button = self._button("exportRosterButton", self.export_roster)
        self.template_button = self._button("templateButton", self.save_template)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search_edit, 2)
        toolbar.addWidget(self.status_combo)
        toolbar.addSpacing(12)
        for button in (self.new_button, self.import_button, self.export_button, self.template_button):
            toolbar.addWidget(button)

        self.model = ClassTableModel(parent=self)
        self.table = row_table(self.model, "classTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ClassTableModel.NAME, QHeaderView.ResizeMode.Stretch)
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
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(self.header)
        layout.addLayout(toolbar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self.reload()

    def _button(self, name: str, action) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(action)
        return button

    def title(self) -> str:
        return self.tr("Classes")

    @property
    def new_class_dialog(self) -> NewClassDialog | None:
        return still_open(self._new_class_dialog)

    @property
    def import_wizard(self) -> RosterImportWizard | None:
        return still_open(self._import_wizard)

    # --- the list --------------------------------------------------------------------------

    def reload(self, select_code: str | None = None) -> None:
        """Read the list again with the current search and status filter."""
        self._search_timer.stop()
        search = self.search_edit.text().strip() or None
        status = self.status_combo.currentData()
        keep = select_code or (self.selected_class().code if self.selected_class() else None)
        self.run(lambda: self.office.list_classes(search=search, status=status),
                 success=lambda rows: self._list_arrived(rows, keep), latest="list")

    def _list_arrived(self, rows: list[ClassRow], keep: str | None) -> None:
        self.model.set_rows(rows)
        if not (keep and self.select_class(keep)):
            self.detail.show_class(None)
        self.empty_list.setVisible(not rows)
        self._render_empty_list()
        self._update_buttons()

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        # What this screen changed itself it already shows from the answer (and a class keeps its
        # place in a filtered list); a reload is for changes made elsewhere.
        if not self._started_here(origin):
            super().on_operation_did_execute(changes, origin)

    def _started_here(self, origin: object) -> bool:
        while isinstance(origin, QObject) and shiboken6.isValid(origin):
            if origin is self:
                return True
            origin = origin.parent()
        return False

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
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def select_class(self, code: str) -> bool:
        number = self.model.row_of_code(code)
        if number < 0:
            return False
        self.table.selectRow(number)
        self.table.scrollTo(self.model.index(number, 0))
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_class()
        self.detail.show_class(row.code if row else None)
        self._update_buttons()

    def _class_changed(self, row: ClassRow) -> None:
        self.model.replace_row(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_class()
        can_import = row is not None and row.status.accepts_enrolment
        if row is None:
            import_tip = export_tip = self.tr("Select a class first.")
        else:
            export_tip = self.tr("Save the roster of {code} as an Excel workbook, with full numbers.").format(code=row.code)
            import_tip = (
                self.tr("Enrol trainees into {code} from an Excel roster.").format(code=row.code) if can_import else
                self.tr("A class that is “{status}” takes no more enrolments.").format(status=labels.class_status(row.status)))
        apply_permission(self.export_button, self.actor, Permission.EXPORT_PERSONAL_DATA, enabled=row is not None,
                         tooltip=export_tip)
        apply_permission(self.import_button, self.actor, Permission.ENROL_TRAINEES, enabled=can_import,
                         tooltip=import_tip)
        apply_permission(self.new_button, self.actor, Permission.MANAGE_CLASSES)

    def apply_permissions(self) -> None:
        """The signed-in user changed: offer only what the new role may do, here and in the detail."""
        self._update_buttons()
        self.detail.apply_permissions()

    # --- new class -------------------------------------------------------------------------

    def open_new_class(self) -> None:
        if not permitted(self.actor, Permission.MANAGE_CLASSES):
            return
        dialog = NewClassDialog(self.office, self.operations, self)
        dialog.created.connect(self._class_created)
        dialog.finished.connect(dialog.dispose_when_idle)
        self._new_class_dialog = dialog
        dialog.open()

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

    # --- roster workbooks ------------------------------------------------------------------

    def open_import(self) -> None:
        row = self.selected_class()
        if row is None:
            return
        wizard = RosterImportWizard(self.office, self.operations, row, self, start_folder=self.last_folder)
        wizard.imported.connect(self._roster_imported)
        wizard.finished.connect(lambda _result: self._import_finished(wizard))
        self._import_wizard = wizard
        wizard.open()

    def _roster_imported(self, code: str) -> None:
        if self.detail.code == code:
            self.detail.reload()

    def _import_finished(self, wizard: RosterImportWizard) -> None:
        """The wizard closed (imported or not): start there next time, and show the class as it is."""
        if wizard.source is not None:
            self.last_folder = wizard.source.parent
        self.detail.reload()
        self.reload()
        wizard.dispose_when_idle()

    def _ask_save_path(self, title: str, file_name: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(self.last_folder / file_name),
                                                      self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.last_folder = path.parent
        return path

    def save_template(self) -> None:
        path = self._ask_save_path(self.tr("Save the roster template"), self.tr("roster_template.xlsx"))
        if path is None:
            return
        self.template_button.setEnabled(False)

        def done(_result) -> None:
            self.template_button.setEnabled(True)
            self.notice.show_note(self.tr(
                "The roster template was saved to {path}. Fill in one trainee per row; keep the ID number "
                "column formatted as text.").format(path=path), "success")

        def failed(error: BaseException) -> None:
            self.template_button.setEnabled(True)
            self.show_failure(error)

        self.run(lambda: self.office.write_roster_template(path), success=done, failure=failed)

    def export_roster(self) -> None:
        row = self.selected_class()
        if row is None:
            return
        path = self._ask_save_path(self.tr("Export the roster of {code}").format(code=row.code),
                                   self.tr("roster_{code}.xlsx").format(code=row.code))
        if path is None:
            return
        self.export_button.setEnabled(False)
        code = row.code

        def done(count: int) -> None:
            self._update_buttons()
            self.notice.show_note(self.tr(
                "{count} trainees of {code} were exported to {path}. The file holds full ID numbers, phones and "
                "bank accounts: keep it safe and delete it when it is no longer needed. The export is recorded "
                "in the audit log.").format(count=count, code=code, path=path), "success")

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.show_failure(error)

        self.run(lambda: self.office.export_roster(code, path), success=done, failure=failed)

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.search_edit.setPlaceholderText(self.tr("Search by code, name or occupation"))
        self.status_combo.setItemText(0, self.tr("All statuses"))
        for number, status in enumerate(ClassStatus, start=1):
            self.status_combo.setItemText(number, labels.class_status(status))
        self.new_button.setText(self.tr("New class…"))
        self.import_button.setText(self.tr("Import roster…"))
        self.export_button.setText(self.tr("Export roster…"))
        self.template_button.setText(self.tr("Roster template…"))
        self.model.retranslate()
        self.detail.retranslate()
        self._render_empty_list()
        self._update_buttons()
