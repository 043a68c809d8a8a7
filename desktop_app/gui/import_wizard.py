"""导入花名册: choose an Excel roster, see what would happen to every row, import, and keep the
rows that could not go in as a workbook to correct and import again.

Preview and import run in the task runner; their progress callback is called on the worker
thread, so it only emits a signal, which Qt delivers to the progress bar on the UI thread. The
cancel button sets a flag that the service polls between rows; a cancelled import rolls back
and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.table_models import ROW_ROLE, OutcomeTableModel
from desktop_app.gui.tasks import CancellableRun, TaskRunner
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office
from desktop_app.services.roster import RosterImportReport

DROP_STYLE = ("QLabel#dropArea { border: 2px dashed #9fb6d0; border-radius: 8px; background: #f5f8fb; color: #40556e;"
              " padding: 18px; font-size: 11pt; }")
SUMMARY_STYLE = "QLabel#countsSummary { font-size: 11pt; }"
ERROR_STYLE = "color: #b3261e;"




def _outcome_table(model: OutcomeTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def counts_text(report: RosterImportReport, *, preview: bool) -> str:
    """The one sentence a clerk reads first: how many rows go in, how, and how many do not."""
    subsidised = report.count("enrolled")
    without = report.count("enrolled_without_subsidy")
    already = report.count("already_enrolled")
    rejected = report.count("rejected")
    total = len(report.outcomes)
    if preview:
        return QCoreApplication.translate(
            "RosterImportWizard",
            "{total} rows read: {subsidised} will be enrolled with subsidy, {without} will be enrolled without "
            "subsidy, {already} are already in the class, {rejected} cannot be imported."
        ).format(total=total, subsidised=subsidised, without=without, already=already, rejected=rejected)
    return QCoreApplication.translate(
        "RosterImportWizard",
        "{enrolled} trainees were enrolled ({subsidised} with subsidy, {without} without); {already} were already "
        "in the class; {rejected} rows were not imported."
    ).format(enrolled=subsidised + without, subsidised=subsidised, without=without, already=already,
             rejected=rejected)


def reasons_text(model: OutcomeTableModel, current) -> str:
    """The full reasons of the selected row, under the table (the cell shows only their start)."""
    outcome = model.data(model.index(current.row(), 0), ROW_ROLE) if current.isValid() else None
    reasons = OutcomeTableModel.reasons(outcome) if outcome is not None else []
    if not reasons:
        return ""
    return QCoreApplication.translate("RosterImportWizard", "Row {row} ({name}): {reasons}").format(
        row=outcome.row_number, name=outcome.name or "—", reasons="；".join(reasons))


class FilePage(QWizardPage):
    """Step 1: which file (chosen or dropped), with what the file must look like."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__()
        self.setObjectName("filePage")
        self.owner = wizard
        self.setAcceptDrops(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.drop_area = QLabel()
        self.drop_area.setObjectName("dropArea")
        self.drop_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_area.setWordWrap(True)
        self.drop_area.setMinimumHeight(110)
        self.drop_area.setStyleSheet(DROP_STYLE)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton()
        self.template_button.setObjectName("wizardTemplateButton")
        self.template_button.clicked.connect(self.save_template)
        self.file_label = QLabel()
        self.file_label.setObjectName("chosenFile")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.drop_area)
        layout.addLayout(buttons)
        layout.addWidget(self.file_label)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.owner.source is not None

    def set_source(self, path: Path) -> None:
        self.owner.source = path
        self.owner.preview_report = None
        self.note.clear()
        self.retranslate()
        self.completeChanged.emit()

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the roster workbook"), str(self.owner.start_folder),
            self.tr("Excel workbook (*.xlsx);;All files (*)"))
        if chosen:
            self.set_source(Path(chosen))

    @staticmethod
    def _dropped_file(event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return local[0] if len(local) == 1 and local[0].is_file() else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.set_source(path)

    def save_template(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the roster template"), str(self.owner.start_folder / self.tr("roster_template.xlsx")),
            self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return
        path = Path(chosen)
        self.template_button.setEnabled(False)

        def done(_result) -> None:
            self.template_button.setEnabled(True)
            self.note.setStyleSheet("")
            self.note.setText(self.tr("Template saved to {path}.").format(path=path))

        def failed(error: BaseException) -> None:
            self.template_button.setEnabled(True)
            self.note.setStyleSheet(ERROR_STYLE)
            self.note.setText(failure_text(error))

        self.owner.task_started()
        self.owner.tasks.run(lambda: self.owner.office.roster.write_template(path),
                             on_success=lambda result: self.owner.task_ended(lambda: done(result)),
                             on_failure=lambda error: self.owner.task_ended(lambda: failed(error)))

    def retranslate(self) -> None:
        row = self.owner.class_row
        self.setTitle(self.tr("Step 1 of 4: choose the roster file"))
        self.setSubTitle(self.tr("Trainees in the file will be enrolled into {code} {name}.").format(
            code=row.code, name=row.name))
        self.hint.setText(self.tr(
            "Use the roster template (button below), one trainee per row. The ID number column must be "
            "formatted as Text in Excel, otherwise Excel turns the numbers into 3.2E+17 and loses digits. "
            "A roster in another layout also works if its first row holds column names such as 姓名 and 身份证号码. "
            "Nothing is saved until you confirm the import in step 3."))
        self.drop_area.setText(self.tr("Drag the Excel file (.xlsx) here, or click “Choose file…”"))
        self.choose_button.setText(self.tr("Choose file…"))
        self.template_button.setText(self.tr("Save the template…"))
        source = self.owner.source
        self.file_label.setText(self.tr("Chosen file: {path}").format(path=source) if source else "")


class PreviewPage(QWizardPage):
    """Step 2: every row checked, nothing written; the clerk sees who goes in and who does not."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__()
        self.setObjectName("previewPage")
        self.owner = wizard
        self.setCommitPage(True)
        self.run: CancellableRun | None = None
        self.state = "idle"  # idle / running / done / cancelled / failed
        self.error_text = ""
        self.last_progress: tuple[int, int] | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("previewProgress")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelPreviewButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryPreviewButton")
        self.retry_button.clicked.connect(self.start)
        self.save_button = QPushButton()
        self.save_button.setObjectName("previewSaveRejectedButton")
        self.save_button.clicked.connect(lambda: self.owner.save_rejected(self.owner.preview_report, self.save_note))
        self.save_note = QLabel()
        self.save_note.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("countsSummary")
        self.counts.setStyleSheet(SUMMARY_STYLE)
        self.counts.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.model = OutcomeTableModel(preview=True, parent=self)
        self.table = _outcome_table(self.model)
        self.table.setObjectName("previewTable")
        self.table.selectionModel().currentRowChanged.connect(self._show_reasons)
        self.reasons = QLabel()
        self.reasons.setObjectName("rowReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        progress_row.addWidget(self.retry_button)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_note, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(progress_row)
        layout.addWidget(self.counts)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(save_row)

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:
        # Back to step 1, or the wizard closing: stop the check and forget it; its answer, when
        # it comes, is ignored (the wizard still counts it as in flight until then).
        if self.run is not None:
            self.run.cancel()
        self.run = None
        self.state = "idle"
        self.owner.preview_report = None
        self.model.set_outcomes([], preview=True)

    def isComplete(self) -> bool:
        report = self.owner.preview_report
        return self.state == "done" and report is not None and report.enrolled > 0

    def start(self) -> None:
        if self.state == "running" or self.owner.source is None:
            return
        source, code = self.owner.source, self.owner.class_row.code
        run = CancellableRun(self)
        run.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.run = run
        self.state = "running"
        self.last_progress = None
        self.owner.preview_report = None
        self.model.set_outcomes([], preview=True)
        self.progress.setRange(0, 0)  # busy until the first figure arrives (reading the file)
        self.save_note.clear()
        self.reasons.clear()
        self._render()
        self.completeChanged.emit()
        self.owner.task_started()
        self.owner.tasks.run(
            lambda: self.owner.office.roster.preview(code, source, progress=run.report, cancelled=run.cancelled),
            on_success=lambda report: self.owner.task_ended(lambda: self._finished(run, report)),
            on_failure=lambda error: self.owner.task_ended(lambda: self._failed(run, error)),
        )

    def cancel(self) -> None:
        if self.run is not None and self.state == "running":
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Stopping…"))

    def _progressed(self, done: int, total: int) -> None:
        if self.sender() is not self.run or self.state != "running":
            return
        self.last_progress = (done, total)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, run: CancellableRun, report: RosterImportReport) -> None:
        if run is not self.run:
            return
        self.state = "done"
        self.owner.preview_report = report
        self.model.set_outcomes(report.outcomes, preview=True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._render()
        if report.outcomes:
            self.table.selectRow(0)
        self.completeChanged.emit()

    def _failed(self, run: CancellableRun, error: BaseException) -> None:
        if run is not self.run:
            return
        self.state = "cancelled" if run.cancelled() else "failed"
        self.error_text = failure_text(error)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._render()
        self.completeChanged.emit()

    def _show_reasons(self, current, _previous) -> None:
        self.reasons.setText(reasons_text(self.model, current))

    def _render(self) -> None:
        report = self.owner.preview_report
        running = self.state == "running"
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setVisible(self.state in ("cancelled", "failed"))
        self.progress.setVisible(running)
        self.table.setVisible(self.state == "done")
        self.legend.setVisible(self.state == "done")
        rejected = len(report.rejected) if report else 0
        self.save_button.setVisible(self.state == "done" and rejected > 0)
        self.counts.setVisible(self.state == "done")
        if running:
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("Checking every row of {file} … nothing is saved yet.").format(
                file=self.owner.source.name if self.owner.source else ""))
        elif self.state == "done" and report is not None:
            self.status_label.setStyleSheet("")
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
        elif self.state in ("cancelled", "failed"):
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.status_label.setText(self.error_text)
        self.setButtonText(QWizard.WizardButton.CommitButton,
                           self.tr("Import {count} trainees").format(count=report.enrolled) if report and report.enrolled
                           else self.tr("Import"))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Step 2 of 4: check the rows"))
        self.setSubTitle(self.tr("Every row is checked against the identity rules and the subsidy policy."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Check again"))
        self.save_button.setText(self.tr("Save rows that cannot be imported…"))
        self.legend.setText(self.tr(
            "Red rows cannot be imported; orange rows will be enrolled without subsidy. Select a row to read "
            "the reasons in full."))
        self.model.retranslate()
        self._render()


class ImportPage(QWizardPage):
    """Step 3: the import itself, in one transaction; cancelling leaves the database as it was."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__()
        self.setObjectName("importPage")
        self.owner = wizard
        self.run: CancellableRun | None = None
        self.state = "idle"  # idle / running / done / cancelled / failed
        self.error_text = ""
        self.last_progress: tuple[int, int] | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryImportButton")
        self.retry_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def isComplete(self) -> bool:
        return self.state == "done"

    def start(self) -> None:
        if self.state == "running" or self.owner.source is None:
            return
        source, code = self.owner.source, self.owner.class_row.code
        run = CancellableRun(self)
        run.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.run = run
        self.state = "running"
        self.last_progress = None
        self.progress.setRange(0, 0)
        self._render()
        self.completeChanged.emit()
        self.owner.task_started()
        self.owner.tasks.run(
            lambda: self.owner.office.roster.import_workbook(code, source, progress=run.report,
                                                             cancelled=run.cancelled),
            on_success=lambda report: self.owner.task_ended(lambda: self._finished(run, report)),
            on_failure=lambda error: self.owner.task_ended(lambda: self._failed(run, error)),
        )

    def cancel(self) -> None:
        if self.run is not None and self.state == "running":
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Stopping…"))

    def _progressed(self, done: int, total: int) -> None:
        if self.sender() is not self.run or self.state != "running":
            return
        self.last_progress = (done, total)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, run: CancellableRun, report: RosterImportReport) -> None:
        self.owner.imported.emit(report.class_code)  # saved, whatever the wizard shows now
        if run is not self.run:
            return
        self.state = "done"
        self.owner.import_report = report
        self._render()
        self.completeChanged.emit()
        if self.owner.currentPage() is self:
            QTimer.singleShot(0, self.owner.next)

    def _failed(self, run: CancellableRun, error: BaseException) -> None:
        if run is not self.run:
            return
        self.state = "cancelled" if run.cancelled() else "failed"
        self.error_text = failure_text(error)
        self._render()
        self.completeChanged.emit()

    def _render(self) -> None:
        running = self.state == "running"
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setVisible(self.state in ("cancelled", "failed"))
        if running:
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("Enrolling the trainees … the window stays usable meanwhile."))
        elif self.state == "done":
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("Import finished."))
        elif self.state in ("cancelled", "failed"):
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.status_label.setText(self.error_text + "\n" + self.tr(
                "Click “Try again” to import the file again, or “Close” to stop here."))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Step 3 of 4: import"))
        self.setSubTitle(self.tr("All accepted rows are saved together: either every one of them, or none."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Try again"))
        self._render()


class SummaryPage(QWizardPage):
    """Step 4: what was done, and the rejected rows to take away and correct."""

    def __init__(self, wizard: "RosterImportWizard") -> None:
        super().__init__()
        self.setObjectName("summaryPage")
        self.owner = wizard
        self.counts = QLabel()
        self.counts.setObjectName("countsSummary")
        self.counts.setStyleSheet(SUMMARY_STYLE)
        self.counts.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.model = OutcomeTableModel(preview=False, parent=self)
        self.table = _outcome_table(self.model)
        self.table.setObjectName("summaryTable")
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

    def initializePage(self) -> None:
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


class RosterImportWizard(QWizard):
    """The four steps of a roster import into one class."""

    imported = Signal(str)  # class code, once an import has been saved

    def __init__(self, office: Office, tasks: TaskRunner, class_row: ClassRow, parent: QWidget | None = None, *,
                 start_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterImportWizard")
        self.office = office
        self.tasks = tasks
        self.class_row = class_row
        self.start_folder = start_folder or Path.home()
        self.source: Path | None = None
        self.preview_report: RosterImportReport | None = None
        self.import_report: RosterImportReport | None = None
        self.saving = False
        self._in_flight = 0
        self._dispose_when_idle = False
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(900, 620)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.preview_page, self.import_page, self.summary_page):
            self.addPage(page)
        self.retranslate()

    @property
    def busy(self) -> bool:
        """Some work started by this wizard has not answered yet."""
        return self._in_flight > 0

    def task_started(self) -> None:
        self._in_flight += 1

    def task_ended(self, then: Callable[[], None]) -> None:
        """Run a task's callback, then let the wizard go if it was closed meanwhile."""
        self._in_flight -= 1
        try:
            then()
        finally:
            if self._dispose_when_idle and not self.busy:
                self.deleteLater()

    def dispose_when_idle(self) -> None:
        """Delete the wizard now, or once its last task has answered (so no answer finds it gone)."""
        self._dispose_when_idle = True
        if not self.busy:
            self.deleteLater()

    def reject(self) -> None:
        # Closing mid-way stops the work; a cancelled import changes nothing.
        for page in (self.preview_page, self.import_page):
            page.cancel()
        super().reject()

    def default_rejected_name(self) -> str:
        return self.tr("roster_not_imported_{code}.xlsx").format(code=self.class_row.code)

    def save_rejected(self, report: RosterImportReport | None, note: QLabel) -> None:
        """Ask where, then write the rejected rows with their reasons (in the task runner)."""
        if report is None or not report.rejected or self.saving:
            return
        folder = self.source.parent if self.source else self.start_folder
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the rows that were not imported"),
                                                      str(folder / self.default_rejected_name()),
                                                      self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.saving = True

        def done(count: int) -> None:
            self.saving = False
            note.setStyleSheet("")
            note.setText(self.tr("{count} rows saved to {path}, each with its reason in the last column.").format(
                count=count, path=path))

        def failed(error: BaseException) -> None:
            self.saving = False
            note.setStyleSheet(ERROR_STYLE)
            note.setText(failure_text(error))

        self.task_started()
        self.tasks.run(lambda: report.write_rejected_rows(path),
                       on_success=lambda count: self.task_ended(lambda: done(count)),
                       on_failure=lambda error: self.task_ended(lambda: failed(error)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import roster into {code}").format(code=self.class_row.code))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        for page in (self.file_page, self.preview_page, self.import_page, self.summary_page):
            page.retranslate()
