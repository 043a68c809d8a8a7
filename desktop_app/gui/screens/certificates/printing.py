"""Printing a class's certificates: render the class PDF off the UI thread, let the person choose
the printer and the pages (or the selected certificate), then send the pages one by one, with
progress and Cancel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

from desktop_app.domain.certificates import CertificateStatus
from desktop_app.gui.tasks import CancellableRun
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.pdf_preview import PrintOutcome, load_pdf, prepare_printer, print_pdf

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.issuing import IssuingTab


class CertificatePrinting(QObject):
    """The issue tab's “Print…”."""

    def __init__(self, tab: IssuingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.batch = tab.batch
        self.dialogs: DialogSlot[QPrintDialog] = DialogSlot()

    @property
    def print_dialog(self) -> QPrintDialog | None:
        return self.dialogs.dialog

    def selected_page(self) -> int | None:
        """The page of the selected certificate in the class PDF (issued certificates by number)."""
        row = self.tab.selected_row()
        if row is None or row.status != CertificateStatus.ISSUED:
            return None
        numbers = [view.number for view in self.tab.certificates if view.status == CertificateStatus.ISSUED]
        return numbers.index(row.number) if row.number in numbers else None

    def print_class(self) -> None:
        page = self.tab.page
        code = page.current_code()
        if code is None or self.batch.busy or not self.tab.model.issued():
            return
        run = self.batch.start(self.tr("Preparing the certificates of {code} for printing …").format(code=code), 0,
                               self.tr("Stopping…"))
        offset = page.offset_mm
        selected_page = self.selected_page()
        office = page.office
        page.operations.run(self, lambda: office.certificates.pdf(code, offset_mm=offset),
                            success=lambda render: self._ready(code, run, render, selected_page),
                            failure=self.batch.failed)

    def _ready(self, code: str, run: CancellableRun, render, selected_page: int | None) -> None:
        if run.cancelled():
            self.batch.end(None)
            self.tab.page.notice.show_note(self.tr("Printing was cancelled; nothing was sent to the printer."), "info")
            return
        self.batch.close()
        document, buffer = load_pdf(render.pdf)
        page_size = document.pagePointSize(0)
        document.close()
        buffer.close()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, page_size, self.tr("Certificates {code}").format(code=code))
        dialog = QPrintDialog(printer, self.tab.page)
        dialog.setObjectName("certificatePrintDialog")
        dialog.setWindowTitle(self.tr("Print the certificates of {code}").format(code=code))
        dialog.setMinMax(1, render.pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, selected_page is not None)
        if selected_page is not None:
            dialog.setPrintRange(QAbstractPrintDialog.PrintRange.Selection)
        # QPrintDialog.accepted also comes as accepted(QPrinter*): take whatever it carries.
        dialog.accepted.connect(lambda *_args: self._accepted(dialog, printer, render, selected_page))
        self.dialogs.open(dialog)

    def _accepted(self, dialog: QPrintDialog, printer: QPrinter, render, selected_page: int | None) -> None:
        pages = list(range(render.pages))
        chosen = dialog.printRange()
        if chosen == QAbstractPrintDialog.PrintRange.Selection and selected_page is not None:
            pages = [selected_page]
        elif chosen == QAbstractPrintDialog.PrintRange.PageRange and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, min(printer.toPage(), render.pages)))
        self.start_printing(render.pdf, printer, pages)

    def start_printing(self, pdf: bytes, printer: QPrinter, pages: Sequence[int]) -> None:
        """Send `pages` (0-based) of `pdf` to `printer` in the background, with progress and cancel."""
        pages = list(pages)
        run = self.batch.start(self.tr("Printing {count} certificates …").format(count=len(pages)), len(pages),
                               self.tr("Stopping after the current page …"), printer=printer)
        progress = self.batch.progress_dialog
        run.progressed.connect(lambda done, total: self.batch.advance(
            progress, done, self.tr("Printing certificate {done} of {total} …").format(done=done, total=total)),
            Qt.ConnectionType.QueuedConnection)
        self.tab.page.operations.run(
            self, lambda: print_pdf(pdf, printer, pages, progress=run.report, cancelled=run.cancelled),
            success=self._printed, failure=self.batch.failed)

    def _printed(self, outcome: PrintOutcome) -> None:
        self.batch.end(outcome)
        notice = self.tab.page.notice
        if not outcome.started:
            notice.show_note(self.tr("The printer could not be started. Check that it is switched on and "
                                     "connected, then try again."), "error")
        elif outcome.cancelled:
            notice.show_note(self.tr("Printing was cancelled after {printed} of {total} certificates.").format(
                printed=outcome.printed, total=outcome.total), "warning")
        else:
            notice.show_note(self.tr("{count} certificates were sent to the printer.").format(
                count=outcome.printed), "success")
