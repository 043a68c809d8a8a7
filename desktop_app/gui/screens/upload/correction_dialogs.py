"""Fixing what the provincial platform found wrong in a returned batch, from the 上传 screen:
correcting a trainee's name to the one on the ID card, and withdrawing a subsidy claim.

Each dialog calls the facade itself through the operations helper, keeps a refusal inline (in the
rule's own words) and closes only once the change is saved; it deletes itself when closed (an
answer still on its way is then dropped by the helper). Once every problem is fixed, the clerk
seals the correction on the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.services.office import Office
from desktop_app.services.outbox import IssueView

MAX_REASON_LENGTH = 200
MAX_NAME_LENGTH = 50

NAME_MISMATCH = "trainee.name_mismatch"
SUBSIDY_LIMIT = "trainee.subsidy_limit"


def fixable(issue: IssueView) -> bool:
    """Whether the 上传 page can fix this issue itself (the others say what to do)."""
    if issue.code == NAME_MISMATCH:
        return issue.trainee_id is not None
    if issue.code == SUBSIDY_LIMIT:
        return issue.enrolment_id is not None
    return False


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


class _CorrectionDialog(QDialog):
    """The trainee, the platform's words, what to change and a required reason."""

    corrected = Signal(str)  # a short account of what was changed, for the correction's reason
    trainee_loaded = Signal()

    def __init__(self, issue: IssueView, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.issue = issue
        self.office = office
        self.operations = operations
        self.busy = False  # saving: the dialog waits for the answer before it can close
        self.current_name = issue.trainee_name or ""
        self.id_masked: str | None = None
        self.summary = ""
        self.trainee_label = QLabel()
        self.trainee_label.setObjectName("traineeFacts")
        self.trainee_label.setWordWrap(True)
        self.trainee_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.platform_caption = QLabel()
        self.platform_label = QLabel()
        self.platform_label.setObjectName("platformMessage")
        self.platform_label.setWordWrap(True)
        self.platform_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.platform_label.setText(issue.message)
        self.explanation = QLabel()
        self.explanation.setObjectName("hint")
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumWidth(460)
        self.form = QFormLayout()
        self.reason_label = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(MAX_REASON_LENGTH)
        self.reason_edit.setMinimumWidth(340)
        self.reason_edit.textChanged.connect(lambda _text: self._changed())
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_tone(self.error_label, Tone.ERROR)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.trainee_label)
        layout.addWidget(self.platform_caption)
        layout.addWidget(self.platform_label)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        if issue.trainee_id is not None:
            office, trainee_id = self.office, issue.trainee_id
            self.operations.run(self, lambda: office.trainees.get(trainee_id), success=self._trainee_arrived,
                                failure=self._trainee_failed)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reason(self) -> str:
        return _one_line(self.reason_edit.text())

    def problem(self) -> str | None:
        """Why the change cannot be saved yet, in words; None when it can."""
        if not self.reason():
            return self.tr("Write the reason first: it is kept in the audit log with the change.")
        return None

    def _changed(self) -> None:
        self.ok_button.setEnabled(self.problem() is None and not self.busy)
        if self.problem() is None:
            self.error_label.hide()

    def _trainee_arrived(self, detail) -> None:
        self.current_name = detail.row.name
        self.id_masked = detail.row.id_masked
        self._render_trainee()
        self._changed()
        self.trainee_loaded.emit()

    def _trainee_failed(self, _error: BaseException) -> None:
        self.id_masked = "—"  # the rest of the dialog still works from the issue itself
        self._render_trainee()

    def _render_trainee(self) -> None:
        self.trainee_label.setText(self.tr("Roll No. {roll} · {name} · ID {id}").format(
            roll=self.issue.roll_no if self.issue.roll_no is not None else "—", name=self.current_name or "—",
            id=self.id_masked or "…"))

    def submit(self) -> None:
        if self.busy:
            return
        problem = self.problem()
        if problem is not None:
            self.error_label.setText(problem)
            self.error_label.show()
            self.adjustSize()
            self.ok_button.setEnabled(False)
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.error_label.hide()
        self.summary = self.describe()
        self.operations.run(self, self.change(), success=self._done, failure=self._failed)

    # Qt's metaclass rules out abc here: these two are what each dialog below defines.

    def change(self):  # the facade call, as a callable for a worker thread
        raise NotImplementedError("each correction dialog defines its facade call")

    def describe(self) -> str:
        raise NotImplementedError("each correction dialog says what it changed")

    def _done(self, _result) -> None:
        self.busy = False
        self.corrected.emit(self.summary)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.error_label.setText(failure_text(error))
        self.error_label.show()
        self.adjustSize()
        self.ok_button.setEnabled(self.problem() is None)  # try again, or change something first

    def reject(self) -> None:
        if self.busy:
            return  # a change is being saved: closing now would hide whether it was
        super().reject()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._render_trainee()
        self.platform_caption.setText(self.tr("The platform says:"))
        self.reason_label.setText(self.tr("Reason *"))
        self.reason_edit.setPlaceholderText(self.tr("Why the record is changed (required, kept in the audit log)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class NameCorrectionDialog(_CorrectionDialog):
    """trainee.name_mismatch: the name as printed on the trainee's ID card."""

    def __init__(self, issue: IssueView, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(issue, office, operations, parent)
        self.setObjectName("correctNameDialog")
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.textChanged.connect(lambda _text: self._changed())
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.reason_label, self.reason_edit)
        self.retranslate()
        self.reason_edit.setText(self.tr("As the provincial platform asked: the name on the ID card is correct"))
        self.name_edit.setFocus()
        self._changed()

    def new_name(self) -> str:
        return _one_line(self.name_edit.text())

    def problem(self) -> str | None:
        name = self.new_name()
        if not name:
            return self.tr("Type the name exactly as printed on the ID card.")
        if name == _one_line(self.current_name):
            return self.tr("This is the name already on record; type the name printed on the ID card.")
        return super().problem()

    def change(self):
        office, trainee_id, name, reason = self.office, self.issue.trainee_id, self.new_name(), self.reason()
        return lambda: office.trainees.correct_name(trainee_id, name, reason)

    def describe(self) -> str:
        return self.tr("the name of No. {roll} from {old} to {new}").format(
            roll=self.issue.roll_no if self.issue.roll_no is not None else "—", old=self.current_name or "—",
            new=self.new_name())

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Correct the trainee's name"))
        self.explanation.setText(self.tr(
            "Type the name exactly as printed on the trainee's ID card (look at the card, not the enrolment form). "
            "The change is recorded in the audit log; the batch already sent keeps the old name, and the corrected "
            "name goes up with the correction batch."))
        self.name_label.setText(self.tr("Name on the ID card *"))
        self.name_edit.setPlaceholderText(self.tr("As printed on the ID card"))
        self.ok_button.setText(self.tr("Correct the name"))


class SubsidyWithdrawalDialog(_CorrectionDialog):
    """trainee.subsidy_limit: the trainee stays in the class but claims no subsidy this time."""

    def __init__(self, issue: IssueView, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(issue, office, operations, parent)
        self.setObjectName("withdrawSubsidyDialog")
        self.form.addRow(self.reason_label, self.reason_edit)
        self.retranslate()
        self.reason_edit.setText(self.tr(
            "As the provincial platform said: the trainee has reached this year's subsidy limit"))
        self._changed()

    def change(self):
        office, enrolment_id, reason = self.office, self.issue.enrolment_id, self.reason()
        return lambda: office.trainees.set_subsidy_claim(enrolment_id, False, reason)

    def describe(self) -> str:
        return self.tr("No. {roll} {name} claims no subsidy").format(
            roll=self.issue.roll_no if self.issue.roll_no is not None else "—", name=self.current_name or "—")

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Withdraw the subsidy claim"))
        self.explanation.setText(self.tr(
            "{name} stays in the class: attendance, results and certificate are kept. Only the subsidy claim is "
            "withdrawn, so the institution will not claim a training subsidy for this trainee for this class. "
            "Tell the trainee. The change is recorded in the audit log.").format(
            name=self.current_name or self.tr("The trainee")))
        self.ok_button.setText(self.tr("Withdraw the claim"))

    def _trainee_arrived(self, detail) -> None:
        super()._trainee_arrived(detail)
        self.retranslate()
