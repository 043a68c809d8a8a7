"""Verifying a certificate offline: the text a scanner read from its QR code is checked against the
signature on this PC, and the answer is green or red."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.services.certificates import VerifyResult
from desktop_app.services.office import Office


class VerifyCertificateDialog(FollowsLanguage, QDialog):
    """Paste the text a scanner read from a certificate's QR code; the answer is green or red."""

    verified = Signal(object)  # VerifyResult

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyCertificateDialog")
        self.office = office
        self.operations = operations
        self.result: VerifyResult | None = None
        self._checked_text: str | None = None
        self.explanation = hint_label()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("qrTextEdit")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(90)
        self.text_edit.textChanged.connect(self._text_changed)
        # A scanner types the QR text and then Enter: Enter verifies (Shift+Enter still breaks a line).
        self.text_edit.installEventFilter(self)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.verify)
        self.result_label = QLabel()
        self.result_label.setObjectName("verifyResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.retranslate()
        self._text_changed()

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.text_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.verify()
            return True
        return super().eventFilter(watched, event)

    def valid(self) -> bool | None:
        return None if self.result is None else self.result.valid

    def _text_changed(self) -> None:
        self.verify_button.setEnabled(bool(self.text_edit.toPlainText().strip()))
        if self.result is not None and self.text_edit.toPlainText().strip() != self._checked_text:
            self.result = None
            self.result_label.hide()  # the answer was about other text

    def verify(self) -> None:
        text = self.text_edit.toPlainText().strip()
        if not text:
            return
        self.verify_button.setEnabled(False)
        office = self.office
        self.operations.run(self, lambda: office.certificates.verify(text),
                            success=lambda result: self._answered(text, result), failure=self._failed)

    def _answered(self, text: str, result: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        if text != self.text_edit.toPlainText().strip():
            return
        self.result = result
        self._checked_text = text
        self._render_result()
        self.verified.emit(result)

    def _failed(self, error: BaseException) -> None:
        """Said where the answer would be, in red."""
        self.verify_button.setEnabled(True)
        self.result = None
        set_tone(self.result_label, Tone.SCAN_BAD)
        self.result_label.setText(failure_text(error))
        self.result_label.show()

    def _render_result(self) -> None:
        if self.result is None:
            return
        mark = "✓" if self.result.valid else "✗"
        set_tone(self.result_label, Tone.SCAN_OK if self.result.valid else Tone.SCAN_BAD)
        self.result_label.setText(f"{mark} {self.result.message.message()}")
        self.result_label.show()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Verify a certificate"))
        self.explanation.setText(self.tr(
            "Scan the QR code on the certificate with a scanner (or paste the text a phone read from it) and press "
            "“Verify”. The signature is checked on this PC, without a network."))
        self.text_edit.setPlaceholderText(self.tr("QR code text"))
        self.verify_button.setText(self.tr("Verify"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._render_result()
