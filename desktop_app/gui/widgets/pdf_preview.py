"""Shows a real PDF on screen (QtPdf) and sends PDF pages to a printer, page by page, off the UI thread.

QtPdf comes with the PySide6-Addons wheel. A PC where it cannot be imported still runs
SkillDesk: the preview says why it is empty and printing is offered through the exported PDF.
The screen that shows a preview gives it its sentences (`PreviewWords`): what a certificate
preview says is not what a report's would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMargins,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPalette
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.gui.theme import Colour, qcolor

try:  # QtPdf ships in PySide6-Addons; without it the preview explains itself instead of crashing.
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError as error:  # pragma: no cover - exercised by monkeypatching in the tests
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]
    QTPDF_IMPORT_ERROR: str | None = str(error)
else:
    QTPDF_IMPORT_ERROR = None

# Rendering a landscape A4 page at 1200 dpi (a PDF printer's "high resolution") is a 550 MB
# image; 600 dpi is sharper than any certificate printer needs and a quarter of that. The image
# is still drawn at the page's true size, so what is printed lines up with pre-printed stock.
MAX_PRINT_DPI = 600
POINTS_PER_INCH = 72.0


def qtpdf_available() -> bool:
    return QPdfDocument is not None


def load_pdf(data: bytes, parent: QObject | None = None):
    """(QPdfDocument, QBuffer) holding `data`; the buffer must live as long as the document,
    which reads from it page by page. Raises RuntimeError when QtPdf is missing."""
    if QPdfDocument is None:
        raise RuntimeError(f"QtPdf is not available: {QTPDF_IMPORT_ERROR}")
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)  # a seekable device loads synchronously: the status is final here
    return document, buffer


@dataclass(frozen=True)
class PreviewWords:
    """What a preview says instead of a page, each read again on a language change."""

    unavailable: Callable[[], str]  # QtPdf cannot be imported on this PC
    nothing_chosen: Callable[[], str]  # nothing to show yet
    damaged: Callable[[], str]  # the PDF could not be read


class PdfPreview(QWidget):
    """One PDF document in a QPdfView (fit to the pane), or a sentence saying why there is none."""

    def __init__(self, words: PreviewWords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.words = words
        self.stack = QStackedWidget()
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMargin(16)
        self.stack.addWidget(self.message)
        self.document = None
        self.view = None
        self._buffer: QBuffer | None = None
        if QPdfDocument is not None:
            self.document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setObjectName("pdfView")
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.SinglePage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
            self.view.setDocumentMargins(QMargins(8, 8, 8, 8))
            palette = self.view.palette()
            palette.setColor(QPalette.ColorRole.Dark, qcolor(Colour.PREVIEW_DESK))
            self.view.setPalette(palette)
            self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._message_text: Callable[[], str] | None = None
        self.show_message(None)

    @property
    def available(self) -> bool:
        return self.document is not None

    def show_pdf(self, data: bytes) -> bool:
        """Show `data`; False (and a sentence instead) when it cannot be shown."""
        if self.document is None:
            self.show_message(None)
            return False
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:  # the document has let go of the previous one now
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = buffer
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            self.show_message(self.words.damaged)
            return False
        self._message_text = None
        self.view.pageNavigator().jump(0, QPointF(0, 0), 0)
        self.stack.setCurrentWidget(self.view)
        return True

    def show_message(self, text: Callable[[], str] | None) -> None:
        """A sentence instead of a page (re-read on a language change); None: the default one."""
        self._message_text = text
        if self.document is not None:
            self.document.close()
        self.stack.setCurrentWidget(self.message)
        self._render_message()

    def showing_pdf(self) -> bool:
        return self.view is not None and self.stack.currentWidget() is self.view

    def page_count(self) -> int:
        return self.document.pageCount() if self.showing_pdf() else 0

    def message_text(self) -> str:
        return self.message.text() if not self.showing_pdf() else ""

    def _render_message(self) -> None:
        if self._message_text is not None:
            self.message.setText(self._message_text())
        elif self.document is None:
            self.message.setText(self.words.unavailable())
        else:
            self.message.setText(self.words.nothing_chosen())

    def retranslate(self) -> None:
        """Called by the screen's retranslate (a preview is part of a screen, not a window of its own)."""
        if not self.showing_pdf():
            self._render_message()


@dataclass(frozen=True)
class PrintOutcome:
    started: bool  # False: the printer refused to start (offline, no permission …)
    printed: int
    total: int
    cancelled: bool


def prepare_printer(printer: QPrinter, page_size_pt: QSizeF, title: str) -> None:
    """Paper and orientation from the PDF's first page (A4 landscape for the default template), and
    the whole sheet as the drawing area, so the page is placed exactly as on pre-printed stock."""
    short, long = sorted((page_size_pt.width(), page_size_pt.height()))
    paper = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    landscape = page_size_pt.width() > page_size_pt.height()
    printer.setPageLayout(QPageLayout(paper, QPageLayout.Orientation.Landscape if landscape else
                                      QPageLayout.Orientation.Portrait, QPageLayout().margins()))
    printer.setFullPage(True)
    printer.setDocName(title)


def print_pdf(data: bytes, printer: QPrinter, pages: Sequence[int], *,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None, max_dpi: int = MAX_PRINT_DPI) -> PrintOutcome:
    """Worker thread: render each page of `data` (0-based `pages`) with QPdfDocument at the printer's
    resolution (at most `max_dpi`) and draw it at its true size on the sheet. Cancelling stops
    between pages and aborts the print job where the printer allows."""
    document, buffer = load_pdf(data)
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise RuntimeError(f"the PDF could not be read ({document.status()})")
        painter = QPainter()
        if not painter.begin(printer):
            return PrintOutcome(False, 0, len(pages), False)
        printed = 0
        stopped = False
        try:
            device_dpi = printer.resolution()
            render_dpi = min(device_dpi, max_dpi)
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            for number, page in enumerate(pages):
                if cancelled is not None and cancelled():
                    stopped = True
                    break
                if number:
                    printer.newPage()
                size = document.pagePointSize(page)
                target = QRectF(0, 0, size.width() / POINTS_PER_INCH * device_dpi,
                                size.height() / POINTS_PER_INCH * device_dpi)
                if target.width() > paper.width() + 2 or target.height() > paper.height() + 2:
                    # Paper smaller than the certificate (or turned the other way): shrink to fit
                    # rather than cut the page off.
                    scale = min(paper.width() / target.width(), paper.height() / target.height())
                    target = QRectF(0, 0, target.width() * scale, target.height() * scale)
                image = document.render(page, QSize(round(size.width() / POINTS_PER_INCH * render_dpi),
                                                    round(size.height() / POINTS_PER_INCH * render_dpi)))
                painter.drawImage(target, image)
                printed += 1
                if progress is not None:
                    progress(printed, len(pages))
            if stopped:
                printer.abort()
        finally:
            painter.end()
        return PrintOutcome(True, printed, len(pages), stopped)
    finally:
        document.close()
        buffer.close()
