"""The certificate preview beside the issue table: the real PDF of the selected certificate (as a
reprint renders it, compared with the file stored at issue), or a sentence saying why there is none."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.certificates import CertificateStatus
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.certificates.models import CertificateIssueModel, IssueRow
from desktop_app.gui.widgets.pdf_preview import PdfPreview, PreviewWords
from desktop_app.services.office import Office


class CertificatePreview(QWidget):
    """Title, page and a note under it (void; differs from the stored file). Each certificate's PDF
    is asked for once per class; only the answer for the line selected last is shown."""

    loaded = Signal(str)  # certificate number now shown

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewFrame")
        self.office = office
        self.operations = operations
        self._cache: dict[str, tuple[bytes, bool]] = {}  # number → (PDF, matches the stored file)
        self._row: IssueRow | None = None  # the line whose certificate is wanted
        self._title_text: Callable[[], str] | None = None
        self.title = QLabel()
        self.title.setObjectName("previewTitle")
        self.title.setWordWrap(True)
        self.pdf = PdfPreview(PreviewWords(
            unavailable=lambda: self.tr(
                "The certificate preview needs the Qt PDF module (PySide6-Addons), which is not installed on this "
                "PC. Issuing, voiding, exporting and verifying still work; to print, export the PDF and print it "
                "from a PDF reader."),
            nothing_chosen=lambda: self.tr("Select a certificate to see it here."),
            damaged=lambda: self.tr("The certificate could not be shown: its PDF is damaged.")))
        self.note = QLabel()
        self.note.setObjectName("previewNote")
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.pdf, 1)
        layout.addWidget(self.note)

    @property
    def available(self) -> bool:
        """Whether PDFs can be shown (and printed) on this PC."""
        return self.pdf.available

    def forget_pdfs(self) -> None:
        """Another class, or new certificates: ask for their PDFs again."""
        self._cache.clear()

    def show_row(self, row: IssueRow | None) -> None:
        """Show what there is for the issue table's selected line."""
        self._row = row
        self.note.hide()
        if row is None or row.number is None:
            if row is None:
                self._set_title(None)
                self.pdf.show_message(None)
            elif row.eligible:
                self._set_title(lambda: self.tr("{name}: no certificate yet").format(name=row.name))
                self.pdf.show_message(lambda: self.tr(
                    "{name} may receive a certificate. Click “Issue certificates”; the certificate is shown here "
                    "once it has its number.").format(name=row.name))
            else:
                reasons = CertificateIssueModel.reasons_text(row)
                self._set_title(lambda: self.tr("{name}: no certificate").format(name=row.name))
                self.pdf.show_message(lambda: self.tr("{name} cannot receive a certificate yet: {reasons}").format(
                    name=row.name, reasons=reasons))
            return
        number = row.number
        self._set_title(lambda: self._certificate_title(row))
        cached = self._cache.get(number)
        if cached is not None:
            self._arrived(row, cached)
            return
        self.pdf.show_message(lambda: self.tr("Preparing certificate {number} …").format(number=number))
        office = self.office
        self.operations.run(self, lambda: office.certificates.reprint(number),
                            success=lambda answer: self._arrived(row, answer),
                            failure=lambda error: self._failed(row, error), latest="preview")

    def _certificate_title(self, row: IssueRow) -> str:
        if row.status == CertificateStatus.VOID:
            return self.tr("Certificate {number} · {name} · void: {reason}").format(
                number=row.number, name=row.name, reason=row.void_reason or "")
        return self.tr("Certificate {number} · {name} · issued {date}").format(
            number=row.number, name=row.name, date=row.issued_on.isoformat() if row.issued_on else "")

    def _set_title(self, text: Callable[[], str] | None) -> None:
        self._title_text = text
        self.title.setText(text() if text else self.tr("Certificate preview"))

    def _arrived(self, row: IssueRow, answer: tuple[bytes, bool]) -> None:
        pdf, matches = answer
        number = row.number
        assert number is not None
        self._cache[number] = (pdf, matches)
        if row != self._row:
            return  # another line was selected meanwhile (one without a certificate to ask for)
        if self.pdf.show_pdf(pdf):
            self.loaded.emit(number)
        if row.status == CertificateStatus.VOID:
            self.note.setText(self.tr("This certificate is void: do not print or hand it out. Scanning its QR "
                                      "code says it is void."))
            self.note.show()
        elif not matches:
            self.note.setText(self.tr(
                "This reprint differs from the file stored when the certificate was issued (the template or the "
                "font has changed since). Check it before printing, or ask your administrator."))
            self.note.show()

    def _failed(self, row: IssueRow, error: BaseException) -> None:
        """Said where the page would be, not in the banner."""
        if row != self._row:
            return
        text = failure_text(error)
        self.pdf.show_message(lambda: text)

    def retranslate(self) -> None:
        self.pdf.retranslate()
        self.title.setText(self._title_text() if self._title_text else self.tr("Certificate preview"))
