"""Steps 2 and 3 of the roster import: checking every row (nothing written), then importing them.

Both run one long job over the chosen file off the UI thread. The job's progress callback is
called on the worker thread, so it only emits a signal, which Qt delivers to the progress bar on
the UI thread. Cancel sets a flag that the service polls between rows; a cancelled import rolls
back and changes nothing. A step's state is a StepState; an answer for a run the step has since
dropped (Back, Try again) is ignored."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.screens.classes.models import OutcomeTableModel
from desktop_app.gui.screens.classes.roster_import.outcomes import counts_text, outcome_table, reasons_text
from desktop_app.gui.tasks import CancellableRun
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.services.roster import RosterImportReport

if TYPE_CHECKING:
    from desktop_app.gui.screens.classes.roster_import.wizard import RosterImportWizard


class StepState(StrEnum):
    """Where a step's run is (the wizard's own bookkeeping, not a state of anything stored)."""

    IDLE = "idle"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"

    @property
    def stopped(self) -> bool:
        """Ended without a report: the step shows why and offers Try again."""
        return self in (StepState.CANCELLED, StepState.FAILED)


class WorkStep(QWizardPage):
    """A step that runs its job when shown, with progress, Cancel, and Try again after a failure."""

    def __init__(self, wizard: "RosterImportWizard", name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}Page")
        self.owner = wizard
        self.run: CancellableRun | None = None
        self.state = StepState.IDLE
        self.error_text = ""
        self.last_progress: tuple[int, int] | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName(f"{name}Progress")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName(f"cancel{name.title()}Button")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName(f"retry{name.title()}Button")
        self.retry_button.clicked.connect(self.start)
        self.progress_row = QHBoxLayout()
        self.progress_row.addWidget(self.progress, 1)
        self.progress_row.addWidget(self.cancel_button)
        self.progress_row.addWidget(self.retry_button)

    # --- what each step defines ----------------------------------------------------------------

    def job(self, code: str, source: Path, run: CancellableRun) -> RosterImportReport:
        """The facade call (on the worker thread)."""
        raise NotImplementedError

    def clear(self) -> None:
        """Forget what an earlier run showed (before a new run starts)."""

    def show_report(self, report: RosterImportReport) -> None:
        """The run finished: keep its report and show it."""

    def _render(self) -> None:
        raise NotImplementedError

    # --- running -------------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.start()

    def start(self) -> None:
        if self.state is StepState.RUNNING or self.owner.source is None:
            return
        source, code = self.owner.source, self.owner.class_row.code
        # Not the step's child: a wizard closed mid-run is deleted at once while the worker, which
        # reports through the run, keeps it alive until it stops.
        run = CancellableRun()
        run.progressed.connect(lambda done, total: self._progressed(run, done, total),
                               Qt.ConnectionType.QueuedConnection)
        self.run = run
        self.state = StepState.RUNNING
        self.last_progress = None
        self.clear()
        self.progress.setRange(0, 0)  # busy until the first figure arrives (reading the file)
        self._render()
        self.completeChanged.emit()
        self.owner.operations.run(self, lambda: self.job(code, source, run),
                                  success=lambda report: self._finished(run, report),
                                  failure=lambda error: self._failed(run, error))

    def cancel(self) -> None:
        if self.run is not None and self.state is StepState.RUNNING:
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Stopping…"))

    def _progressed(self, run: CancellableRun, done: int, total: int) -> None:
        if not shiboken6.isValid(self) or run is not self.run or self.state is not StepState.RUNNING:
            return  # the wizard closed, or a run the step has since dropped
        self.last_progress = (done, total)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, run: CancellableRun, report: RosterImportReport) -> None:
        if run is not self.run:
            return
        self.state = StepState.DONE
        self.show_report(report)
        self._render()
        self.completeChanged.emit()

    def _failed(self, run: CancellableRun, error: BaseException) -> None:
        if run is not self.run:
            return
        self.state = StepState.CANCELLED if run.cancelled() else StepState.FAILED
        self.error_text = failure_text(error)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._render()
        self.completeChanged.emit()

    def _render_controls(self) -> None:
        running = self.state is StepState.RUNNING
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setVisible(self.state.stopped)
        self.progress.setVisible(running)
        set_tone(self.status_label, Tone.ERROR if self.state.stopped else Tone.PLAIN)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self._render()


class PreviewPage(WorkStep):
    """Step 2: every row checked, nothing written; the clerk sees who goes in and who does not."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__(wizard, "preview")
        self.setCommitPage(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("previewSaveRejectedButton")
        self.save_button.clicked.connect(lambda: self.owner.save_rejected(self.owner.preview_report, self.save_note))
        self.save_note = QLabel()
        self.save_note.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("countsSummary")
        self.counts.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.model = OutcomeTableModel(preview=True, parent=self)
        self.table = outcome_table(self.model, "previewTable")
        self.table.selectionModel().currentRowChanged.connect(self._show_reasons)
        self.reasons = QLabel()
        self.reasons.setObjectName("rowReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # People already on record whose details the file gives differently: shown old → new
        # (masked), and changed only when the clerk ticks the box.
        self.changes = QLabel()
        self.changes.setObjectName("knownPeopleChanges")
        self.changes.setWordWrap(True)
        self.changes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_changes = QCheckBox()
        self.accept_changes.setObjectName("acceptChangesBox")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_note, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(self.progress_row)
        layout.addWidget(self.counts)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        layout.addWidget(self.changes)
        layout.addWidget(self.accept_changes)
        layout.addLayout(save_row)

    def job(self, code: str, source: Path, run: CancellableRun) -> RosterImportReport:
        return self.owner.office.roster.preview(code, source, progress=run.report, cancelled=run.cancelled)

    def cleanupPage(self) -> None:  # noqa: N802 - Qt's name
        # Back to step 1, or the wizard closing: stop the check and forget it; its answer, when
        # it comes, is ignored (the wizard still waits for it before it lets itself be deleted).
        if self.run is not None:
            self.run.cancel()
        self.run = None
        self.state = StepState.IDLE
        self.owner.preview_report = None
        self.model.set_outcomes([], preview=True)
        self.accept_changes.setChecked(False)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        report = self.owner.preview_report
        return self.state is StepState.DONE and report is not None and (report.enrolled > 0 or bool(report.changed))

    def clear(self) -> None:
        self.owner.preview_report = None
        self.model.set_outcomes([], preview=True)
        self.save_note.clear()
        self.reasons.clear()

    def show_report(self, report: RosterImportReport) -> None:
        self.owner.preview_report = report
        self.model.set_outcomes(report.outcomes, preview=True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if report.outcomes:
            self.table.selectRow(0)

    def _show_reasons(self, current, _previous) -> None:
        self.reasons.setText(reasons_text(self.model, current))

    def _render(self) -> None:
        self._render_controls()
        report = self.owner.preview_report
        done = self.state is StepState.DONE
        self.table.setVisible(done)
        self.legend.setVisible(done)
        self.save_button.setVisible(done and report is not None and len(report.rejected) > 0)
        changed = report.changed if done and report is not None else []
        self.changes.setVisible(bool(changed))
        self.accept_changes.setVisible(bool(changed))
        if changed:
            lines = [self.tr("Row {row} {name}: {changes}").format(row=o.row_number, name=o.name,
                                                                     changes=o.changes_text()) for o in changed[:20]]
            if len(changed) > 20:
                lines.append(self.tr("… and {count} more").format(count=len(changed) - 20))
            self.changes.setText(self.tr(
                "{count} people already on record have different details in this file:").format(count=len(changed))
                + "\n" + "\n".join(lines))
        self.counts.setVisible(done)
        if self.state is StepState.RUNNING:
            self.status_label.setText(self.tr("Checking every row of {file} … nothing is saved yet.").format(
                file=self.owner.source.name if self.owner.source else ""))
        elif done and report is not None:
            if not report.outcomes:
                self.status_label.setText(self.tr("The file has no trainee rows."))
            elif report.enrolled == 0:
                self.status_label.setText(self.tr(
                    "Nobody in this file can be enrolled. Save the rows that cannot be imported, correct them "
                    "and choose the corrected file."))
            else:
                self.status_label.setText(self.tr(
                    "Nothing has been saved yet. Check the list, then click “Import” to enrol the trainees."))
            self.counts.setText(counts_text(report, preview=True))
        elif self.state.stopped:
            self.status_label.setText(self.error_text)
        self.setButtonText(QWizard.WizardButton.CommitButton,
                           self.tr("Import {count} trainees").format(count=report.enrolled) if report and report.enrolled
                           else self.tr("Import"))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Step 2 of 4: check the rows"))
        self.setSubTitle(self.tr("Every row is checked against the identity rules and the subsidy policy."))
        self.retry_button.setText(self.tr("Check again"))
        self.save_button.setText(self.tr("Save rows that cannot be imported…"))
        self.accept_changes.setText(self.tr("Also change these details (recorded in the audit log); "
                                            "otherwise the records stay as they are"))
        self.legend.setText(self.tr(
            "Red rows cannot be imported; orange rows will be enrolled without subsidy. Select a row to read "
            "the reasons in full."))
        self.model.retranslate()
        super().retranslate()


class ImportPage(WorkStep):
    """Step 3: the import itself, in one transaction; cancelling leaves the database as it was."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__(wizard, "import")
        self.accept_changes = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(self.progress_row)
        layout.addStretch(1)

    def job(self, code: str, source: Path, run: CancellableRun) -> RosterImportReport:
        return self.owner.office.roster.import_workbook(code, source, progress=run.report, cancelled=run.cancelled,
                                                        accept_changes=self.accept_changes)

    def start(self) -> None:
        # The clerk's answer on the preview, read here on the UI thread before the work starts.
        self.accept_changes = self.owner.preview_page.accept_changes.isChecked()
        super().start()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.state is StepState.DONE

    def _finished(self, run: CancellableRun, report: RosterImportReport) -> None:
        self.owner.imported.emit(report.class_code)  # saved, whatever the wizard shows now
        super()._finished(run, report)
        if run is self.run and self.owner.currentPage() is self:
            QTimer.singleShot(0, self.owner.next)

    def show_report(self, report: RosterImportReport) -> None:
        self.owner.import_report = report

    def _render(self) -> None:
        self._render_controls()
        if self.state is StepState.RUNNING:
            self.status_label.setText(self.tr("Enrolling the trainees … the window stays usable meanwhile."))
        elif self.state is StepState.DONE:
            self.status_label.setText(self.tr("Import finished."))
        elif self.state.stopped:
            self.status_label.setText(self.error_text + "\n" + self.tr(
                "Click “Try again” to import the file again, or “Close” to stop here."))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Step 3 of 4: import"))
        self.setSubTitle(self.tr("All accepted rows are saved together: either every one of them, or none."))
        self.retry_button.setText(self.tr("Try again"))
        super().retranslate()
