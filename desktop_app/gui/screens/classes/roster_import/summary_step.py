"""Step 4 of the roster import: what was done, and the rows that did not go in, to take away and correct."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from desktop_app.gui.screens.classes.models import OutcomeTableModel
from desktop_app.gui.screens.classes.roster_import.outcomes import counts_text, outcome_table, reasons_text

if TYPE_CHECKING:
    from desktop_app.gui.screens.classes.roster_import.wizard import RosterImportWizard


class SummaryPage(QWizardPage):
    """Step 4: what was done, and the rejected rows to take away and correct."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__()
        self.setObjectName("summaryPage")
        self.owner = wizard
        self.counts = QLabel()
        self.counts.setObjectName("countsSummary")
        self.counts.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.model = OutcomeTableModel(preview=False, parent=self)
        self.table = outcome_table(self.model, "summaryTable")
        self.table.selectionModel().currentRowChanged.connect(self._show_reasons)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveRejectedButton")
        self.save_button.clicked.connect(lambda: self.owner.save_rejected(self.owner.import_report, self.save_note))
        self.save_note = QLabel()
        self.save_note.setObjectName("saveRejectedNote")
        self.save_note.setWordWrap(True)
        self.save_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_note, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.advice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(save_row)

    def _show_reasons(self, current, _previous) -> None:
        self.reasons.setText(reasons_text(self.model, current))

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        report = self.owner.import_report
        self.model.set_outcomes(report.outcomes if report else [], preview=False)
        self.save_note.clear()
        self._render()

    def _render(self) -> None:
        report = self.owner.import_report
        if report is None:
            return
        self.counts.setText(counts_text(report, preview=False))
        rejected = len(report.rejected)
        self.save_button.setVisible(rejected > 0)
        self.advice.setText(self.tr(
            "Save the rows that were not imported: the workbook keeps your columns and adds the reason for each "
            "row. Correct them and import that file into this class again; nobody is enrolled twice.")
            if rejected else self.tr("Every row of the file was imported."))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Step 4 of 4: done"))
        self.setSubTitle(self.tr("The roster of the class has been updated."))
        self.save_button.setText(self.tr("Save rows not imported…"))
        self.model.retranslate()
        self._render()
