"""Small dialogs of the 证书 screen: the reason for voiding or reissuing a certificate, checking a
scanned QR code, and what an issue run or a results import did.

Like the class dialogs, a dialog that changes data calls the Office itself through the task runner,
keeps the refusal inline when the rules say no, and closes only once the change is saved."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.dialogs import _AnswersArrive, _error_label, _hint_label
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.assessment import AssessmentImportReport
from desktop_app.services.certificates import IssueReport, VerifyResult
from desktop_app.services.office import Office

VALID_STYLE = ("QLabel#verifyResult { background: #dff3e4; border: 2px solid #3c9a5c; color: #0f4d23; padding: 10px;"
               " border-radius: 6px; font-size: 11pt; }")
INVALID_STYLE = ("QLabel#verifyResult { background: #fde3e3; border: 2px solid #d05050; color: #8a1111; padding: 10px;"
                 " border-radius: 6px; font-size: 11pt; }")
MAX_REASON_LENGTH = 200


class CertificateReasonDialog(_AnswersArrive, QDialog):
    """Void (作废) or reissue (补发) one certificate; both need a reason, which goes into the audit log."""

    done = Signal(object)  # None after a void; the new number after a reissue

    def __init__(self, action: str, number: str, name: str, office: Office, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if action not in ("void", "reissue"):
            raise ValueError(action)
        self.setObjectName(f"{action}CertificateDialog")
        self.action = action
        self.number = number
        self.trainee = name
        self.office = office
        self.tasks = tasks
        self.busy = False
        self.explanation = _hint_label()
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
        self.error_label = _error_label()
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
        if self.action == "void":
            self.run_task(lambda: self.office.certificates.void(number, reason), self._done, self._failed)
        else:
            self.run_task(lambda: self.office.certificates.reissue(number, reason), self._done, self._failed)

    def _done(self, result) -> None:
        self.busy = False
        self.done.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
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
        if self.action == "void":
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


class VerifyCertificateDialog(_AnswersArrive, QDialog):
    """Paste the text a scanner read from a certificate's QR code; the answer is green or red."""

    verified = Signal(object)  # VerifyResult

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyCertificateDialog")
        self.office = office
        self.tasks = tasks
        self.result: VerifyResult | None = None
        self._checked_text: str | None = None
        self.explanation = _hint_label()
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
        self.run_task(lambda: self.office.certificates.verify(text), lambda result: self._answered(text, result),
                      self._failed)

    def _answered(self, text: str, result: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        if text != self.text_edit.toPlainText().strip():
            return
        self.result = result
        self._checked_text = text
        self._render_result()
        self.verified.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.result = None
        self.result_label.setStyleSheet(INVALID_STYLE)
        self.result_label.setText(failure_text(error))
        self.result_label.show()

    def _render_result(self) -> None:
        if self.result is None:
            return
        mark = "✓" if self.result.valid else "✗"
        self.result_label.setStyleSheet(VALID_STYLE if self.result.valid else INVALID_STYLE)
        self.result_label.setText(f"{mark} {self.result.message.message()}")
        self.result_label.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Verify a certificate"))
        self.explanation.setText(self.tr(
            "Scan the QR code on the certificate with a scanner (or paste the text a phone read from it) and press "
            "“Verify”. The signature is checked on this PC, without a network."))
        self.text_edit.setPlaceholderText(self.tr("QR code text"))
        self.verify_button.setText(self.tr("Verify"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._render_result()


def _list(object_name: str, lines: list[str]) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(object_name)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    for line in lines:
        widget.addItem(QListWidgetItem(line))
    widget.setVisible(bool(lines))
    return widget


class IssueReportDialog(QDialog):
    """What an issue run did: new numbers, certificates already issued, who could not receive one and why."""

    def __init__(self, class_code: str, report: IssueReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueReportDialog")
        self.class_code = class_code
        self.report = report
        self.summary = QLabel()
        self.summary.setObjectName("issueSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.not_eligible_title = QLabel()
        self.not_eligible = _list("notEligibleList", [
            f"{c.roll_no}. {c.name}：{'；'.join(p.message() for p in c.reasons)}" for c in report.not_eligible])
        self.warnings_title = QLabel()
        self.warnings = _list("issueWarnings", [w.message() for w in report.warnings])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        for title, items in ((self.not_eligible_title, self.not_eligible), (self.warnings_title, self.warnings)):
            title.setVisible(items.count() > 0)
            layout.addWidget(title)
            layout.addWidget(items, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 320 if report.not_eligible or report.warnings else 150)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        r = self.report
        self.setWindowTitle(self.tr("Certificates issued for {code}").format(code=self.class_code))
        if r.issued:
            numbers = r.issued[0] if len(r.issued) == 1 else f"{r.issued[0]} – {r.issued[-1]}"
            text = self.tr("{count} certificates were issued ({numbers}).").format(count=len(r.issued), numbers=numbers)
        else:
            text = self.tr("No new certificate was issued.")
        if r.already:
            text += " " + self.tr("{count} trainees already had one.").format(count=len(r.already))
        if r.not_eligible:
            text += " " + self.tr("{count} trainees cannot receive one yet (listed below).").format(
                count=len(r.not_eligible))
        self.summary.setText(text)
        self.not_eligible_title.setText(self.tr("Cannot receive a certificate yet"))
        self.warnings_title.setText(self.tr("Check these certificates before printing"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))


class AssessmentImportResultDialog(QDialog):
    """What an import of assessment results recorded, and every row it could not use."""

    def __init__(self, file_name: str, report: AssessmentImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentImportResult")
        self.file_name = file_name
        self.report = report
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_title = QLabel()
        self.problems = _list("importProblems", [p.message() for p in report.problems])
        self.problems_title.setVisible(bool(report.problems))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 420 if report.problems else 160)
        self.retranslate()

    def messages(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        r = self.report
        self.setWindowTitle(self.tr("Results import: {file}").format(file=self.file_name))
        text = self.tr("{rows} rows read; results of {recorded} trainees were recorded.").format(
            rows=r.rows, recorded=r.recorded)
        if r.problems:
            text += " " + self.tr("The rows listed below could not be used; fix them in the file and import it "
                                  "again, or type those results into the grid.")
        self.summary.setText(text)
        self.problems_title.setText(self.tr("Not used"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
