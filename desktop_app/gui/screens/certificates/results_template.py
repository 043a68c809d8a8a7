"""Writing the results template of the chosen class (the roster filled in) off the UI thread, from
the results tab's “Results template…”; the banner says where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.results import ResultsTab


class ResultsTemplate(QObject):
    """The results tab's “Results template…”."""

    written = Signal(object)  # the Path written

    def __init__(self, tab: ResultsTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def choose_and_write(self) -> None:
        page = self.tab.page
        code = page.current_code()
        if code is None:
            return
        path = page.files.save_file(page, self.tr("Save the results template of {code}").format(code=code),
                                    self.tr("results_{code}.xlsx").format(code=code),
                                    (self.tr("Excel workbook (*.xlsx)"), ".xlsx"))
        if path is None:
            return
        self.tab.template_button.setEnabled(False)
        office = page.office
        page.operations.run(self.tab, lambda: office.assessments.write_template(code, path),
                            success=lambda count: self._written(path, count), failure=self._failed)

    def _written(self, path: Path, count: int) -> None:
        self.tab.update_buttons()
        self.tab.page.notice.show_note(self.tr(
            "The results template with {count} trainees was saved to {path}. It holds their full identity "
            "numbers: keep it safe. Fill in the scores, then bring it back with “Import results…”.").format(
            count=count, path=path), "success")
        self.written.emit(path)

    def _failed(self, error: BaseException) -> None:
        self.tab.update_buttons()
        self.tab.show_failure(error)
