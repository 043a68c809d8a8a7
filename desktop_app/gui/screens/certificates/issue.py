"""Issuing certificates to every trainee of the class who may receive one: confirm, issue off the
UI thread, then show the new numbers and say who could not receive one and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import permitted
from desktop_app.gui.screens.certificates.reports import IssueReportDialog
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.services.certificates import IssueReport

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.issuing import IssuingTab


class CertificateIssuer(QObject):
    """The issue tab's “Issue certificates”."""

    issued = Signal(object)  # IssueReport

    def __init__(self, tab: IssuingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.confirmations: DialogSlot[QMessageBox] = DialogSlot()

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.confirmations.dialog

    def ask(self) -> None:
        """Ask before issuing: numbers are never reused and the content is fixed at issue."""
        page = self.tab.page
        code = page.current_code()
        ready = self.tab.model.issuable()
        if code is None or not ready or not permitted(page.actor, Permission.ISSUE_CERTIFICATES):
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Issue certificates"), self.tr(
            "Issue training certificates to {count} eligible trainees of {code}? Numbers are given in order and are "
            "never reused; the content is fixed at issue and can afterwards only be voided or reissued, with a "
            "reason.").format(count=len(ready), code=code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, page)
        box.setObjectName("confirmIssueBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Issue"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self._confirmed(code) if button is yes else None)
        self.confirmations.open(box)

    def _confirmed(self, code: str) -> None:
        self.tab.issue_button.setEnabled(False)
        office = self.tab.page.office
        self.tab.page.operations.run(self, lambda: office.certificates.issue(code),
                                     success=lambda report: self._issued(code, report), failure=self._failed)

    def _issued(self, code: str, report: IssueReport) -> None:
        self.tab.preview.forget_pdfs()
        self.tab.reload(select_number=report.issued[0] if report.issued else None)
        page = self.tab.page
        page.reports.open(IssueReportDialog(code, report, page))
        self.issued.emit(report)

    def _failed(self, error: BaseException) -> None:
        """The button comes back, and the banner says why."""
        self.tab.update_buttons()
        self.tab.show_failure(error)
