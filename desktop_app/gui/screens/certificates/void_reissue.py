"""Voiding (作废) or reissuing (补发) one certificate: the reason dialog, which saves the change
itself and keeps a refusal inline, and what the issue tab does once it is saved."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.certificates import CertificateStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import permitted
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.dialog_texts import explanation_label, refusal_label
from desktop_app.services.office import Office

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.issuing import IssuingTab

MAX_REASON_LENGTH = 200


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
        dialog.completed.connect(lambda result: self._saved(action, number, result))
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


class CertificateReasonDialog(QDialog):
    """Void (作废) or reissue (补发) one certificate; both need a reason, which goes into the audit log."""

    completed = Signal(object)  # None after a void; the new number after a reissue

    def __init__(self, action: CertificateChange, number: str, name: str, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = CertificateChange(action)  # refuses an action it does not know
        self.setObjectName(f"{self.action}CertificateDialog")
        self.number = number
        self.trainee = name
        self.office = office
        self.operations = operations
        self.busy = False  # saving: the dialog waits for the answer before it can close
        self.explanation = explanation_label()
        self.explanation.setMinimumWidth(420)
        self.reason_label = QLabel()
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reasonCombo")
        self.reason_combo.setEditable(True)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.setMinimumWidth(320)
        self.reason_combo.lineEdit().setMaxLength(MAX_REASON_LENGTH)
        self.reason_combo.editTextChanged.connect(self._reason_changed)
        form = QFormLayout()
        form.addRow(self.explanation)
        form.addRow(self.reason_label, self.reason_combo)
        self.error_label = refusal_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.reason_combo.setCurrentIndex(-1)
        self.reason_combo.setEditText("")
        self._reason_changed("")

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reason(self) -> str:
        return self.reason_combo.currentText().strip()

    def _reason_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()) and not self.busy)
        if text.strip():
            self.error_label.hide()

    def submit(self) -> None:
        if self.busy:
            return
        reason = self.reason()
        if not reason:
            self.error_label.setText(self.tr("Write the reason first: it is kept with the certificate for good."))
            self.error_label.show()
            self.adjustSize()
            self.ok_button.setEnabled(False)
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        number = self.number
        certificates = self.office.certificates
        change = certificates.void if self.action is CertificateChange.VOID else certificates.reissue
        self.operations.run(self, lambda: change(number, reason), success=self._saved, failure=self._failed)

    def _saved(self, result) -> None:
        self.busy = False
        self.completed.emit(result)
        self.accept()

    def reject(self) -> None:
        if self.busy:
            return  # a change is being saved: closing now would hide whether it was
        super().reject()

    def _failed(self, error: BaseException) -> None:
        """The rules said no (or the save failed): said in the dialog, which stays open."""
        self.busy = False
        self.ok_button.setEnabled(bool(self.reason()))
        self.error_label.setText(failure_text(error))
        self.error_label.show()
        self.adjustSize()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        text = self.reason_combo.currentText()
        self.reason_combo.blockSignals(True)
        self.reason_combo.clear()
        self.reason_combo.addItems(choices)
        self.reason_combo.setEditText(text)
        self.reason_combo.blockSignals(False)
        self.reason_combo.lineEdit().setPlaceholderText(self.tr("Choose or type the reason (required)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
