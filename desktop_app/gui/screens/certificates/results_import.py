"""Importing a results workbook into the chosen class: choose the file, import it off the UI
thread, say what was recorded and which rows could not be used."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_app.gui.screens.certificates.reports import AssessmentImportResultDialog
from desktop_app.services.assessment import AssessmentImportReport

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.results import ResultsTab


class ResultsImport(QObject):
    """The results tab's “Import results…”."""

    imported = Signal(object)  # AssessmentImportReport, after the grid was asked to read again

    def __init__(self, tab: ResultsTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def choose_and_import(self) -> None:
        page = self.tab.page
        code = page.current_code()
        if code is None:
            return
        path = page.files.open_file(page, self.tr("Import assessment results into {code}").format(code=code),
                                    self.tr("Results files (*.xlsx *.csv);;All files (*)"))
        if path is None:
            return
        self.tab.import_button.setEnabled(False)
        office = page.office
        page.operations.run(self.tab, lambda: office.assessments.import_workbook(code, path),
                            success=lambda report: self._imported(path, report), failure=self._failed)

    def _imported(self, path: Path, report: AssessmentImportReport) -> None:
        self.tab.update_buttons()
        page = self.tab.page
        page.reports.open(AssessmentImportResultDialog(path.name, report, page))
        self.tab.reload()
        self.imported.emit(report)

    def _failed(self, error: BaseException) -> None:
        """The button comes back, and the banner says why."""
        self.tab.update_buttons()
        self.tab.show_failure(error)
