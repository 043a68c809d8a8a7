"""Recording a result against the scores (an override): the results tab was refused by the domain
rule (domain.assessment.decide_result); this prompt says why and records the result only with
a written reason, which goes into the audit log with the result."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt, offer_reasons
from desktop_app.services.assessment import AssessmentRowView
from desktop_app.services.office import Office


class ResultOverrideDialog(ReasonPrompt):
    """“合格” with a practical score below the pass mark (or the reverse): the refusal's sentence on
    top, the reason below; OK records the result with the reason, Cancel leaves what is stored.
    `saved` carries the AssessmentRowView as stored."""

    def __init__(self, code: str, row: AssessmentRowView, refusal: str, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="overrideReason", width=360, choices=True)
        self.setObjectName("resultOverrideDialog")
        self.code = code
        self.row = row
        self.refusal = refusal
        self.office = office
        self.explanation.setMinimumWidth(460)
        self.ask_reason()

    def reason_missing(self) -> str:
        return self.tr("Write the reason first: a result against the scores is kept only with its reason.")

    def change(self):
        code, row, reason, assessments = self.code, self.row, self.reason(), self.office.assessments
        return lambda: assessments.record(code, row.enrolment_id, theory=row.theory_score,
                                          practical=row.practical_score, result=row.result, retake=row.retake,
                                          override_reason=reason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Result against the scores"))
        self.explanation.setText(self.tr("No. {roll} {name}: {refusal}").format(
            roll=self.row.roll_no, name=self.row.name, refusal=self.refusal))
        self.reason_label.setText(self.tr("Reason"))
        offer_reasons(self.reason_combo, [self.tr("Passed the make-up assessment (records attached)"),
                                          self.tr("Score sheet corrected by the assessment body")],
                      self.tr("Choose or type the reason (required)"))
        self.ok_button.setText(self.tr("Record with this reason"))
        super().retranslate()
