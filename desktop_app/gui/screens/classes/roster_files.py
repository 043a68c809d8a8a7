"""导入花名册, 导出花名册, 下载花名册模板: the selected class's roster through Excel, from the classes
screen's toolbar. What was written is said in the screen's banner; so is a failure."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.screens.classes.roster_import import RosterImportWizard
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office


class RosterFiles(QWidget):
    """The three buttons, enabled for what the selected class and the signed-in role allow. The
    folder last used is where the next file dialog starts."""

    roster_imported = Signal(str)  # class code, once an import has saved enrolments
    wizard_closed = Signal()  # the import wizard closed, imported or not

    def __init__(self, office: Office, operations: Operations, notice: NoticeBanner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.notice = notice
        self.class_row: ClassRow | None = None
        self.files = FileChooser(purpose="roster")  # the wizard's dialogs share it
        self.wizards: DialogSlot[RosterImportWizard] = DialogSlot(closed=self.wizard_closed.emit)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importRosterButton")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportRosterButton")
        self.export_button.clicked.connect(self.export_roster)
        self.template_button = QPushButton()
        self.template_button.setObjectName("templateButton")
        self.template_button.clicked.connect(self.save_template)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.import_button, self.export_button, self.template_button):
            layout.addWidget(button)

    @property
    def import_wizard(self) -> RosterImportWizard | None:
        return self.wizards.dialog

    def show_class(self, row: ClassRow | None) -> None:
        """The class the buttons act on (None: none selected)."""
        self.class_row = row
        self.apply_permissions()

    def apply_permissions(self) -> None:
        row = self.class_row
        can_import = row is not None and row.status.accepts_enrolment
        if row is None:
            import_tip = export_tip = self.tr("Select a class first.")
        else:
            export_tip = self.tr("Save the roster of {code} as an Excel workbook, with full numbers.").format(code=row.code)
            import_tip = (
                self.tr("Enrol trainees into {code} from an Excel roster.").format(code=row.code) if can_import else
                self.tr("A class that is “{status}” takes no more enrolments.").format(status=labels.class_status(row.status)))
        actor = self.office.actor
        apply_permission(self.export_button, actor, Permission.EXPORT_PERSONAL_DATA, enabled=row is not None,
                         tooltip=export_tip)
        apply_permission(self.import_button, actor, Permission.ENROL_TRAINEES, enabled=can_import, tooltip=import_tip)

    def show_failure(self, error: BaseException) -> None:
        self.notice.show_failure(error)

    # --- import ----------------------------------------------------------------------------

    def open_import(self) -> None:
        if self.class_row is None:
            return
        wizard = RosterImportWizard(self.office, self.operations, self.class_row, self, files=self.files)
        wizard.imported.connect(self.roster_imported)
        self.wizards.open(wizard)

    # --- template and export ---------------------------------------------------------------

    def _ask_save_path(self, title: str, file_name: str):
        return self.files.save_file(self, title, file_name, (self.tr("Excel workbook (*.xlsx)"), ".xlsx"))

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

        self.operations.run(self, lambda: self.office.roster.write_template(path, replace=True), success=done, failure=failed)

    def export_roster(self) -> None:
        if self.class_row is None:
            return
        code = self.class_row.code
        path = self._ask_save_path(self.tr("Export the roster of {code}").format(code=code),
                                   self.tr("roster_{code}.xlsx").format(code=code))
        if path is None:
            return
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.apply_permissions()
            self.notice.show_note(self.tr(
                "{count} trainees of {code} were exported to {path}. The file holds full ID numbers, phones and "
                "bank accounts: keep it safe and delete it when it is no longer needed. The export is recorded "
                "in the audit log.").format(count=count, code=code, path=path), "success")

        def failed(error: BaseException) -> None:
            self.apply_permissions()
            self.show_failure(error)

        self.operations.run(self, lambda: self.office.roster.export(code, path, replace=True), success=done, failure=failed)

    def retranslate(self) -> None:
        self.import_button.setText(self.tr("Import roster…"))
        self.export_button.setText(self.tr("Export roster…"))
        self.template_button.setText(self.tr("Roster template…"))
        self.apply_permissions()
