"""Tab 发证 of the 证书 screen: who of the chosen class may receive a certificate and why not, the
number and state of each certificate, the actions on them, and the selected one's real PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop_app.domain.certificates import CertificateStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.screens.certificates.batch import CertificateBatch
from desktop_app.gui.screens.certificates.export import CertificateExport
from desktop_app.gui.screens.certificates.issue import CertificateIssuer
from desktop_app.gui.screens.certificates.models import CertificateIssueModel, IssueRow, issue_rows
from desktop_app.gui.screens.certificates.preview import CertificatePreview
from desktop_app.gui.screens.certificates.printing import CertificatePrinting
from desktop_app.gui.screens.certificates.void_reissue import CertificateChange, VoidReissue
from desktop_app.gui.widgets.row_table import row_table, selected_row
from desktop_app.services.certificates import CertificateCandidate, CertificateView

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.page import CertificatesPage

# The preview never gets narrower than this while the table takes what its columns need: a
# landscape certificate is still recognisable at a glance.
PREVIEW_MIN_WIDTH = 270
COLUMN_WIDTHS = {CertificateIssueModel.NAME: 72, CertificateIssueModel.ID_NUMBER: 158,
                 CertificateIssueModel.NUMBER: 176}


class IssuingTab(QWidget):
    """The issue table and what acts on it: issuing (`issuer`), void and reissue (`void_reissue`),
    the preview (`preview`), printing (`printing`) and export (`export`), one run at a time (`batch`)."""

    loaded = Signal(str)  # class code, once its candidates and certificates are shown

    def __init__(self, page: CertificatesPage) -> None:
        super().__init__()
        self.page = page
        self.certificates: list[CertificateView] = []
        self.stale = True  # results changed since the table was read

        self.batch = CertificateBatch(page, page.notice)
        self.batch.busy_changed.connect(lambda _busy: self.update_buttons())
        self.issuer = CertificateIssuer(self)
        self.void_reissue = VoidReissue(self)
        self.printing = CertificatePrinting(self)
        self.export = CertificateExport(self)

        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueButton")
        self.issue_button.clicked.connect(self.issuer.ask)
        self.void_button = QPushButton()
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(lambda: self.void_reissue.ask(CertificateChange.VOID))
        self.reissue_button = QPushButton()
        self.reissue_button.setObjectName("reissueButton")
        self.reissue_button.clicked.connect(lambda: self.void_reissue.ask(CertificateChange.REISSUE))
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.printing.print_class)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportPdfButton")
        self.export_button.clicked.connect(self.export.export_class)
        actions = QHBoxLayout()
        for button in (self.issue_button, self.void_button, self.reissue_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.export_button)
        self.summary = QLabel()
        self.summary.setObjectName("tabSummary")
        self.summary.setWordWrap(True)

        self.model = CertificateIssueModel(parent=self)
        self.view = row_table(self.model, "issueTable")
        self.view.verticalHeader().setDefaultSectionSize(28)  # as high as the results grid's
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())
        header = self.view.horizontalHeader()
        for column in (CertificateIssueModel.ROLL, CertificateIssueModel.STATUS):  # short words in either language
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The reasons are long: they take what is left, elided, and read in full as a tooltip.
        header.setSectionResizeMode(CertificateIssueModel.ELIGIBLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow heading ends in “…” (tooltip: all of it)

        self.preview = CertificatePreview(page.office, page.operations)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._divider_moved = False
        self.splitter.splitterMoved.connect(self._divider_dragged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

    def show_failure(self, error: BaseException) -> None:
        """Failures of this tab's operations are said in the screen's banner."""
        self.page.show_failure(error)

    def selected_row(self) -> IssueRow | None:
        return selected_row(self.view)

    # --- the chosen class ----------------------------------------------------------------------

    def show_class(self) -> None:
        """Another class was chosen (or none): forget the last one's lines and PDFs, read the new one's."""
        self.preview.forget_pdfs()
        self.model.set_rows([])
        self.certificates = []
        self.preview.show_row(None)
        self.update_buttons()
        if self.page.current_code() is not None:
            self.reload()

    def mark_stale(self) -> None:
        """Results changed: who may receive a certificate is read again when the tab is next chosen."""
        self.stale = True

    def reload(self, *, select_number: str | None = None) -> None:
        """Read candidates and certificates again, keeping the selected line (or selecting `select_number`)."""
        code = self.page.current_code()
        if code is None:
            return
        self.stale = False
        selected = self.selected_row()
        keep = select_number or (selected.number if selected and selected.number else None)
        keep_enrolment = selected.enrolment_id if selected and not select_number else None
        office = self.page.office
        self.page.operations.run(
            self, lambda: (office.certificates.candidates(code), office.certificates.list(code)),
            success=lambda answer: self._arrived(code, *answer, keep, keep_enrolment), latest="issue")

    def _arrived(self, code: str, candidates: list[CertificateCandidate], certificates: list[CertificateView],
                 keep: str | None, keep_enrolment: int | None) -> None:
        if code != self.page.current_code():
            return
        self.certificates = list(certificates)
        self.model.set_rows(issue_rows(candidates, certificates))
        position = self.model.row_of(keep) if keep else -1
        if position < 0 and keep_enrolment is not None:
            position = next((n for n, row in enumerate(self.model.rows()) if row.enrolment_id == keep_enrolment
                             and row.status != CertificateStatus.VOID), -1)
        if position >= 0:
            self.view.selectRow(position)
            self.view.scrollTo(self.model.index(position, 0))
        else:
            self._selection_changed()
        self._render_summary()
        self.update_buttons()
        self._fit_splitter()
        self.loaded.emit(code)

    def _selection_changed(self) -> None:
        self.preview.show_row(self.selected_row())
        self.update_buttons()

    def update_buttons(self) -> None:
        actor = self.page.actor
        has_class = self.page.current_code() is not None
        apply_permission(self.issue_button, actor, Permission.ISSUE_CERTIFICATES,
                         enabled=has_class and bool(self.model.issuable()))
        selected = self.selected_row()
        issued_selected = selected is not None and selected.status == CertificateStatus.ISSUED
        apply_permission(self.void_button, actor, Permission.ISSUE_CERTIFICATES, enabled=issued_selected)
        apply_permission(self.reissue_button, actor, Permission.ISSUE_CERTIFICATES, enabled=issued_selected)
        any_issued = bool(self.model.issued())
        busy = self.batch.busy
        self.print_button.setEnabled(any_issued and not busy and self.preview.available)
        if not self.preview.available:
            self.print_button.setToolTip(self.tr("Printing needs the Qt PDF module; export the PDF and print it from "
                                                 "a PDF reader instead."))
        else:
            self.print_button.setToolTip(self.tr("Print the certificates of the class; choose pages or the selected "
                                                 "certificate in the print dialog."))
        self.export_button.setEnabled(any_issued and not busy)

    # --- how wide the table is ----------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Fixed columns, but never narrower than their heading in the current language."""
        header = self.view.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))

    def _fit_splitter(self) -> None:
        """Until the person moves the divider: the table as wide as its columns need (the reasons
        at least as wide as their heading), the preview the rest — at least PREVIEW_MIN_WIDTH, and
        never less than the two fifths it has in a wide window."""
        total = sum(self.splitter.sizes())
        if self._divider_moved or total <= 0:
            return
        header = self.view.horizontalHeader()
        needed = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        for column in range(header.count()):
            if column == CertificateIssueModel.ELIGIBLE:
                needed += header.sectionSizeHint(column)
            elif header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents:
                needed += max(header.sectionSizeHint(column), self.view.sizeHintForColumn(column))
            else:
                needed += header.sectionSize(column)
        table = max(total * 3 // 5, min(needed, total - PREVIEW_MIN_WIDTH))
        if self.splitter.sizes()[0] != table:
            self.splitter.setSizes([table, total - table])

    def _divider_dragged(self, _position: int, _index: int) -> None:
        self._divider_moved = True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # the splitter has its new width already (the layout came first)
        self._fit_splitter()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # a tab laid out while hidden learns its width only now
        self._fit_splitter()

    # --- words ---------------------------------------------------------------------------------

    def _render_summary(self) -> None:
        rows = [row for row in self.model.rows() if row.enrolment_id is not None]
        if self.page.current_code() is None:
            self.summary.setText("")
            return
        issued = sum(1 for row in rows if row.status == CertificateStatus.ISSUED)
        ready = len(self.model.issuable())
        blocked = sum(1 for row in rows if not row.eligible and row.number is None)
        void = sum(1 for row in self.model.rows() if row.status == CertificateStatus.VOID)
        text = self.tr("{total} trainees: {issued} with a certificate, {ready} ready to receive one, {blocked} not "
                       "eligible yet.").format(total=len(rows), issued=issued, ready=ready, blocked=blocked)
        if void:
            text += " " + self.tr("{void} voided certificates are listed at the end (grey).").format(void=void)
        self.summary.setText(text)

    def retranslate(self) -> None:
        self.issue_button.setText(self.tr("Issue certificates"))
        self.void_button.setText(self.tr("Void…"))
        self.reissue_button.setText(self.tr("Reissue…"))
        self.print_button.setText(self.tr("Print…"))
        self.export_button.setText(self.tr("Export PDF…"))
        self.model.retranslate()
        self._fit_columns()
        self._fit_splitter()
        self.preview.retranslate()
        self._render_summary()
        self.update_buttons()
