"""Voiding (作废) or reissuing (补发) one certificate: the reason prompt, which saves the change
itself and keeps a refusal inline, and what the issue tab does once it is saved."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop_app.domain.certificates import CertificateStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import permitted
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt, offer_reasons
from desktop_app.services.office import Office

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.issuing import IssuingTab


class CertificateChange(StrEnum):
    """What the reason dialog does to a certificate (an action, not one of its states)."""

    VOID = "void"  # 作废
    REISSUE = "reissue"  # 补发


class VoidReissue(QObject):
    """The issue tab's “Void…” and “Reissue…” for the selected certificate."""

    def __init__(self, tab: IssuingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.dialogs: DialogSlot[CertificateReasonDialog] = DialogSlot()

    @property
    def reason_dialog(self) -> CertificateReasonDialog | None:
        return self.dialogs.dialog

    def ask(self, action: CertificateChange) -> None:
        """The dialog asks for the reason and saves the change."""
        row = self.tab.selected_row()
        if row is None or row.status != CertificateStatus.ISSUED or row.number is None:
            return
        page = self.tab.page
        if not permitted(page.actor, Permission.ISSUE_CERTIFICATES):
            return
        dialog = CertificateReasonDialog(action, row.number, row.name, page.office, page.operations, page)
        number = row.number
        dialog.saved.connect(lambda result: self._saved(action, number, result))
        self.dialogs.open(dialog)

    def _saved(self, action: CertificateChange, number: str, result) -> None:
        notice = self.tab.page.notice
        if action == CertificateChange.VOID:
            notice.show_note(self.tr("Certificate {number} was voided. The trainee can receive a new certificate "
                                     "with “Issue certificates”.").format(number=number), "success")
            self.tab.reload(select_number=number)
        else:
            notice.show_note(self.tr("Certificate {new} was issued in place of {old}, which is now void. Print "
                                     "the new certificate.").format(new=result, old=number), "success")
            self.tab.reload(select_number=result)


class CertificateReasonDialog(ReasonPrompt):
    """Void (作废) or reissue (补发) one certificate; both need a reason, which goes into the audit
    log. `saved` carries None after a void, the new number after a reissue."""

    def __init__(self, action: CertificateChange, number: str, name: str, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="reasonCombo", width=320, choices=True)
        self.action = CertificateChange(action)  # refuses an action it does not know
        self.setObjectName(f"{self.action}CertificateDialog")
        self.number = number
        self.trainee = name
        self.office = office
        self.explanation.setMinimumWidth(420)
        self.ask_reason()

    def reason_missing(self) -> str:
        return self.tr("Write the reason first: it is kept with the certificate for good.")

    def change(self):
        number, reason, certificates = self.number, self.reason(), self.office.certificates
        change = certificates.void if self.action is CertificateChange.VOID else certificates.reissue
        return lambda: change(number, reason)

    def retranslate(self) -> None:
        if self.action is CertificateChange.VOID:
            self.setWindowTitle(self.tr("Void a certificate"))
            self.explanation.setText(self.tr(
                "Void certificate {number} of {name}? The number is never used again and the certificate stays on "
                "record as void: scanning its QR code will say so. This cannot be undone.").format(
                number=self.number, name=self.trainee))
            choices = [self.tr("Issued by mistake"), self.tr("Issued twice"), self.tr("Training record corrected")]
            self.ok_button.setText(self.tr("Void the certificate"))
        else:
            self.setWindowTitle(self.tr("Reissue a certificate"))
            self.explanation.setText(self.tr(
                "Reissue certificate {number} of {name}? The old certificate is voided and a new number is issued "
                "with the same training, dated today. Print the new certificate and take back the old one if you "
                "can.").format(number=self.number, name=self.trainee))
            choices = [self.tr("Certificate lost"), self.tr("Certificate damaged"), self.tr("Misprinted")]
            self.ok_button.setText(self.tr("Reissue"))
        self.reason_label.setText(self.tr("Reason"))
        offer_reasons(self.reason_combo, choices, self.tr("Choose or type the reason (required)"))
        super().retranslate()
