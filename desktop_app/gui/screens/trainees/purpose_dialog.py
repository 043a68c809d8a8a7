"""Why a full number is needed: asked before the trainees screen shows an identity number, phone
or bank account unmasked. The prompt fetches the number itself; the purpose goes into the audit
log with the view, in the same transaction."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt, offer_reasons
from desktop_app.services.office import Office


class RevealPurposeDialog(ReasonPrompt):
    """Asks why a full number is needed, then reads it; `saved` carries the full value."""

    def __init__(self, field: str, field_label: str, trainee_id: int, trainee_name: str, office: Office,
                 operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="purposeCombo", width=300, choices=True)
        self.setObjectName("revealPurposeDialog")
        self.field = field
        self.field_label = field_label
        self.trainee_id = trainee_id
        self.trainee_name = trainee_name
        self.office = office
        self.ask_reason()

    def reason_missing(self) -> str:
        return self.tr("Say first what you need the full number for: it is recorded in the audit log.")

    def change(self):
        office, trainee_id, field, purpose = self.office, self.trainee_id, self.field, self.reason()
        return lambda: office.trainees.reveal_personal_field(trainee_id, field, purpose)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Show the full number"))
        self.explanation.setText(self.tr(
            "You are about to see the full {field} of {name}. Say what you need it for: the view is recorded "
            "in the audit log with your name, the time and this purpose. The number is masked again as soon "
            "as you select another trainee.").format(field=self.field_label, name=self.trainee_name))
        self.reason_label.setText(self.tr("Purpose"))
        offer_reasons(self.reason_combo, [
            self.tr("Check against the ID card"),
            self.tr("Subsidy claim"),
            self.tr("Contact the trainee"),
            self.tr("Correct a registration error"),
        ], self.tr("Choose or type the purpose (required)"))
        self.ok_button.setText(self.tr("Show"))
        super().retranslate()
