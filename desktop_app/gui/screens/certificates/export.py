"""Exporting a class's certificates as one PDF, with the printer offset, off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.issuing import IssuingTab


class CertificateExport(QObject):
    """The issue tab's “Export PDF…”."""

    def __init__(self, tab: IssuingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.batch = tab.batch

    def export_class(self) -> None:
        page = self.tab.page
        code = page.current_code()
        if code is None or self.batch.busy or not self.tab.model.issued():
            return
        path = page.files.save_file(page, self.tr("Export the certificates of {code}").format(code=code),
                                    self.tr("certificates_{code}.pdf").format(code=code),
                                    (self.tr("PDF document (*.pdf)"), ".pdf"))
        if path is None:
            return
        run = self.batch.start(self.tr("Exporting the certificates of {code} …").format(code=code), 0,
                               self.tr("Stopping…"))
        offset = page.offset_mm
        office = page.office

        def render_and_write():  # worker thread
            render = office.certificates.pdf(code, offset_mm=offset)
            if run.cancelled():
                return None
            office.files.save(path, render.pdf, replace=True)  # the save dialog asked before replacing
            return render

        page.operations.run(self, render_and_write, success=lambda render: self._written(path, offset, render),
                            failure=self.batch.failed)

    def _written(self, path: Path, offset: tuple[float, float], render) -> None:
        notice = self.tab.page.notice
        if render is None:
            self.batch.end(None)
            notice.show_note(self.tr("The export was cancelled; no file was written."), "info")
            return
        self.batch.end(path)
        text = self.tr("{pages} certificates were saved to {path} (printer offset {x} mm, {y} mm).").format(
            pages=render.pages, path=path, x=f"{offset[0]:g}", y=f"{offset[1]:g}")
        if render.warnings:
            text += "\n" + "\n".join(f"• {warning.message()}" for warning in render.warnings)
        notice.show_note(text, "warning" if render.warnings else "success")
