"""The reason asked after a punch import met sessions past the lock period: the same rule as a
change on the attendance sheet. With a reason the file is imported again for those sessions
(what the first pass wrote is already there and stays as it is); without one they stay empty."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt
from desktop_app.services.office import Office


class PunchReasonDialog(ReasonPrompt):
    """Asks why sessions past the lock period are recorded from a file; `saved` carries the report
    of the import made with that reason."""

    def __init__(self, class_code: str, path: Path, sessions: int, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, reason_name="punchReasonEdit", width=320)
        self.setObjectName("punchReasonDialog")
        self.class_code, self.path, self.sessions, self.office = class_code, path, sessions, office
        self.ask_reason()

    def reason_missing(self) -> str:
        return self.tr("Write why these past sessions are recorded from the file: the reason is kept with each mark.")

    def change(self):
        office, code, path, reason = self.office, self.class_code, self.path, self.reason()
        return lambda: office.attendance.import_file(code, path, reason=reason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record past sessions from {file}").format(file=self.path.name))
        self.explanation.setText(self.tr(
            "{count} punches in {file} are for sessions past the lock period and were not written. Recording "
            "them needs a reason, as a change on the attendance sheet does; marks already complete are kept "
            "either way.").format(count=self.sessions, file=self.path.name))
        self.reason_label.setText(self.tr("Reason"))
        self.ok_button.setText(self.tr("Record them"))
        super().retranslate()
