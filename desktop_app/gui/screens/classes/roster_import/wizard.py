"""导入花名册: the four steps of a roster import into one class — choose the file, see what would
happen to every row, import, and keep the rows that could not go in as a workbook to correct and
import again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.classes.roster_import.file_step import FilePage
from desktop_app.gui.screens.classes.roster_import.summary_step import SummaryPage
from desktop_app.gui.screens.classes.roster_import.work_steps import ImportPage, PreviewPage
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office
from desktop_app.services.roster import RosterImportReport


class RosterImportWizard(FollowsLanguage, QWizard):
    """The steps share the chosen file and the reports here. Closing mid-way stops the work (an
    answer that comes after the wizard was deleted is dropped). Its file dialogs start where the
    screen's last did (`files`, shared with the screen)."""

    imported = Signal(str)  # class code, once an import has been saved

    def __init__(self, office: Office, operations: Operations, class_row: ClassRow, parent: QWidget | None = None, *,
                 files: FileChooser | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterImportWizard")
        self.office = office
        self.operations = operations
        self.class_row = class_row
        self.files = files or FileChooser(purpose="roster")
        self.source: Path | None = None
        self.preview_report: RosterImportReport | None = None
        self.import_report: RosterImportReport | None = None
        self.saving = False  # the rows not imported are being written
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(900, 620)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.summary_page = SummaryPage(self)
        for page in self.steps():
            self.addPage(page)
        self.retranslate()

    def steps(self) -> tuple:
        return self.file_page, self.preview_page, self.import_page, self.summary_page

    def reject(self) -> None:
        # Closing mid-way stops the work; a cancelled import changes nothing.
        for page in (self.preview_page, self.import_page):
            page.cancel()
        super().reject()

    def default_rejected_name(self) -> str:
        return self.tr("roster_not_imported_{code}.xlsx").format(code=self.class_row.code)

    def save_rejected(self, report: RosterImportReport | None, note: QLabel) -> None:
        """Ask where, then write the rejected rows with their reasons (off the UI thread)."""
        if report is None or not report.rejected or self.saving:
            return
        path = self.files.save_file(self, self.tr("Save the rows that were not imported"), self.default_rejected_name(),
                                    (self.tr("Excel workbook (*.xlsx)"), ".xlsx"))
        if path is None:
            return
        self.saving = True

        def done(count: int) -> None:
            self.saving = False
            set_tone(note, Tone.PLAIN)
            note.setText(self.tr("{count} rows saved to {path}, each with its reason in the last column.").format(
                count=count, path=path))

        def failed(error: BaseException) -> None:
            self.saving = False
            set_tone(note, Tone.ERROR)
            note.setText(failure_text(error))

        self.operations.run(self, lambda: self.office.roster.write_rejected_rows(report, path, replace=True), success=done, failure=failed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import roster into {code}").format(code=self.class_row.code))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        for page in self.steps():
            page.retranslate()
