"""Fixing what the provincial platform found wrong in a returned batch, from the 上传 screen:
correcting a trainee's name to the one on the ID card, and withdrawing a subsidy claim.

Each is a reason prompt (widgets/reason_prompt): it calls the facade itself, keeps a refusal inline
(in the rule's own words) and closes only once the change is saved. Once every problem is fixed,
the clerk seals the correction on the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt
from desktop_app.services.office import Office
from desktop_app.services.outbox import IssueView

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


class _CorrectionDialog(ReasonPrompt):
    """The trainee, the platform's words, what to change and a required reason. `corrected`
    carries a short account of what was changed (for the correction batch's reason)."""

    corrected = Signal(str)
    trainee_loaded = Signal()

    def __init__(self, issue: IssueView, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="reasonEdit", width=340)
        self.issue = issue
        self.office = office
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
        self.explanation.setMinimumWidth(460)
        for row, widget in enumerate((self.trainee_label, self.platform_caption, self.platform_label)):
            self.form.insertRow(row, widget)
        self.saved.connect(lambda _result: self.corrected.emit(self.summary))
        if issue.trainee_id is not None:
            office, trainee_id = self.office, issue.trainee_id
            self.operations.run(self, lambda: office.trainees.get(trainee_id), success=self._trainee_arrived,
                                failure=self._trainee_failed)

    def reason_missing(self) -> str:
        return self.tr("Write the reason first: it is kept in the audit log with the change.")

    def _trainee_arrived(self, detail) -> None:
        self.current_name = detail.row.name
        self.id_masked = detail.row.id_masked
        self._render_trainee()
        self.form_changed()
        self.trainee_loaded.emit()

    def _trainee_failed(self, _error: BaseException) -> None:
        self.id_masked = "—"  # the rest of the dialog still works from the issue itself
        self._render_trainee()

    def _render_trainee(self) -> None:
        self.trainee_label.setText(self.tr("Roll No. {roll} · {name} · ID {id}").format(
            roll=self.issue.roll_no if self.issue.roll_no is not None else "—", name=self.current_name or "—",
            id=self.id_masked or "…"))

    def submit(self) -> None:
        if not self.busy and self.problem() is None:
            self.summary = self.describe()  # in the words of the moment the change was made
        super().submit()

    def describe(self) -> str:
        raise NotImplementedError("each correction dialog says what it changed")

    def retranslate(self) -> None:
        self._render_trainee()
        self.platform_caption.setText(self.tr("The platform says:"))
        self.reason_label.setText(self.tr("Reason *"))
        self.reason_edit.setPlaceholderText(self.tr("Why the record is changed (required, kept in the audit log)"))
        super().retranslate()


class NameCorrectionDialog(_CorrectionDialog):
    """trainee.name_mismatch: the name as printed on the trainee's ID card."""

    def __init__(self, issue: IssueView, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(issue, office, operations, parent)
        self.setObjectName("correctNameDialog")
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.textChanged.connect(self.form_changed)
        self.add_field(self.name_label, self.name_edit)
        self.ask_reason(self.tr("As the provincial platform asked: the name on the ID card is correct"))
        self.name_edit.setFocus()

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
        self.ask_reason(self.tr("As the provincial platform said: the trainee has reached this year's subsidy limit"))

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
