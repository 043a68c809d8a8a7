"""Tab 考核成绩 of the 证书 screen: a class's results in an editable grid, each accepted edit saved at
once (in order, one save per trainee in flight), a refused entry said inline. The result follows
the scores (the domain rule, with the policy's pass marks); a result chosen against them asks for
a written reason (results_override). The grid's keys: results_grid. The template with the roster
filled in: results_template."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.assessment import AssessmentValueError
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.screens.certificates.models import AssessmentTableModel
from desktop_app.gui.screens.certificates.results_grid import ResultDelegate, ScoreDelegate, grid_view
from desktop_app.gui.screens.certificates.results_import import ResultsImport
from desktop_app.gui.screens.certificates.results_override import ResultOverrideDialog
from desktop_app.gui.screens.certificates.results_template import ResultsTemplate
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.services.assessment import AssessmentRowView

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.page import CertificatesPage

COLUMN_WIDTHS = {AssessmentTableModel.ROLL: 56, AssessmentTableModel.NAME: 110, AssessmentTableModel.ID_NUMBER: 190,
                 AssessmentTableModel.THEORY: 100, AssessmentTableModel.PRACTICAL: 100,
                 AssessmentTableModel.RESULT: 100, AssessmentTableModel.RETAKE: 64}


class ResultsTab(QWidget):
    """The results grid of the chosen class, its summary line, the import button and the line that
    says why an entry was refused or not saved."""

    loaded = Signal(str)  # class code, once its results are shown
    saved = Signal(object)  # AssessmentRowView as stored

    def __init__(self, page: CertificatesPage) -> None:
        super().__init__()
        self.page = page
        self._saving: set[int] = set()  # enrolments with a save in flight
        # The edit made meanwhile, saved after it; with whether a score changed (the result follows).
        self._queued: dict[int, tuple[AssessmentRowView, bool]] = {}
        self.overrides: DialogSlot[ResultOverrideDialog] = DialogSlot()
        self._error_text: Callable[[], str] | None = None

        self.importer = ResultsImport(self)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importResultsButton")
        self.import_button.clicked.connect(self.importer.choose_and_import)
        self.template = ResultsTemplate(self)
        self.template_button = QPushButton()
        self.template_button.setObjectName("resultsTemplateButton")
        self.template_button.clicked.connect(self.template.choose_and_write)
        self.summary = QLabel()
        self.summary.setObjectName("tabSummary")
        self.model = AssessmentTableModel(parent=self)
        self.model.edited_cell.connect(self._edited)
        self.model.refused.connect(self._refused)
        self.model.modelReset.connect(self._render_summary)
        self.model.dataChanged.connect(self._render_summary)
        self.view = grid_view(self.model)
        self.view.setObjectName("assessmentTable")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.SelectedClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.delegate = ResultDelegate(self.view)
        self.view.setItemDelegateForColumn(AssessmentTableModel.RESULT, self.delegate)
        self.score_delegate = ScoreDelegate(self.view)
        for column in (AssessmentTableModel.THEORY, AssessmentTableModel.PRACTICAL):
            self.view.setItemDelegateForColumn(column, self.score_delegate)
        self.error_label = QLabel()
        self.error_label.setObjectName("assessmentError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.help_label = QLabel()
        self.help_label.setObjectName("keyHelp")
        self.help_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.template_button)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.help_label)

    def show_failure(self, error: BaseException) -> None:
        """Failures of this tab's operations are said in the screen's banner."""
        self.page.show_failure(error)

    # --- the chosen class ----------------------------------------------------------------------

    def show_class(self) -> None:
        """Another class was chosen (or none): forget the last one's lines and read the new one's."""
        self._saving.clear()
        self._queued.clear()
        self._set_error(None)
        self.model.set_rows([])
        self.model.set_read_only(self.read_only())
        self.update_buttons()
        if self.page.current_code() is not None:
            self.reload()

    def reload(self) -> None:
        code = self.page.current_code()
        if code is None:
            return
        office = self.page.office
        self.page.operations.run(self, lambda: office.assessments.list(code),
                                 success=lambda rows: self._arrived(code, rows), latest="assessments")

    def _arrived(self, code: str, rows: list[AssessmentRowView]) -> None:
        if code != self.page.current_code():
            return
        if self._saving:
            # Lines still being saved keep what the clerk typed; the save's answer refreshes them.
            shown = {row.enrolment_id: row for row in self.model.rows()}
            rows = [shown.get(row.enrolment_id, row) if row.enrolment_id in self._saving else row for row in rows]
        self.model.set_rows(rows)
        self.update_buttons()
        self.loaded.emit(code)

    def read_only(self) -> bool:
        """Results cannot be typed: the class is sealed, or the signed-in role may not record them."""
        row = self.page.current_class()
        return (row is not None and row.status.is_read_only) or not permitted(self.page.actor,
                                                                             Permission.RECORD_ASSESSMENTS)

    def apply_permissions(self) -> None:
        read_only = self.read_only()
        if self.model.read_only != read_only:
            self.model.set_read_only(read_only)
        self.update_buttons()

    def update_buttons(self) -> None:
        has_class = self.page.current_code() is not None
        row = self.page.current_class()
        writable = row is not None and not row.status.is_read_only
        apply_permission(self.import_button, self.page.actor, Permission.RECORD_ASSESSMENTS, enabled=writable,
                         tooltip="" if writable or not has_class else self.tr("This class is read-only."))
        # The template carries full identity numbers: only for who may also export personal data.
        may_export = permitted(self.page.actor, Permission.EXPORT_PERSONAL_DATA)
        apply_permission(self.template_button, self.page.actor, Permission.RECORD_ASSESSMENTS,
                         enabled=writable and may_export,
                         tooltip="" if (writable and may_export) or not has_class else
                         self.tr("This class is read-only.") if not writable else
                         self.tr("Your role may not export files with personal data."))

    # --- saving each edit ----------------------------------------------------------------------

    @property
    def override_dialog(self) -> ResultOverrideDialog | None:
        return self.overrides.dialog

    def _edited(self, row: AssessmentRowView, column: int) -> None:
        # A changed score re-decides the result; a chosen result is checked against the scores.
        self._save(row, column in (AssessmentTableModel.THEORY, AssessmentTableModel.PRACTICAL))

    def _save(self, row: AssessmentRowView, follows_scores: bool = False) -> None:
        code = self.page.current_code()
        if code is None:
            return
        self._set_error(None)
        if row.enrolment_id in self._saving:
            self._queued[row.enrolment_id] = (row, follows_scores)  # saved once the one in flight has answered
            return
        self._saving.add(row.enrolment_id)
        office = self.page.office
        self.page.operations.run(
            self,
            # A result recorded with a reason keeps it while the scores stay (a retake ticked); a
            # changed score re-decides the result and the reason lapses.
            lambda: office.assessments.record(code, row.enrolment_id, theory=row.theory_score,
                                              practical=row.practical_score, result=row.result, retake=row.retake,
                                              override_reason=None if follows_scores else row.override_reason,
                                              result_follows_scores=follows_scores),
            success=lambda saved: self._saved(code, saved),
            failure=lambda error: self._save_failed(code, row, error))

    def _saved(self, code: str, saved: AssessmentRowView) -> None:
        self._saving.discard(saved.enrolment_id)
        if code != self.page.current_code():
            return
        queued = self._queued.pop(saved.enrolment_id, None)
        if queued is not None:
            self._save(*queued)
        else:
            self.model.replace_row(saved)
        self.saved.emit(saved)

    def _save_failed(self, code: str, row: AssessmentRowView, error: BaseException) -> None:
        """Said on the trainee's line rather than in the banner, then the stored values are shown. A
        result against the scores is not an error: it asks for the reason that would let it stand."""
        self._saving.discard(row.enrolment_id)
        self._queued.pop(row.enrolment_id, None)
        if code != self.page.current_code():
            return
        text = failure_text(error)
        self._set_error(lambda: self.tr("No. {roll} {name}: not saved. {reason}").format(
            roll=row.roll_no, name=row.name, reason=text))
        self.reload()
        if isinstance(error, AssessmentValueError) and error.code == "assessment.result_contradicts":
            self._ask_override(code, row, text)

    def _ask_override(self, code: str, row: AssessmentRowView, refusal: str) -> None:
        dialog = ResultOverrideDialog(code, row, refusal, self.page.office, self.page.operations, self)
        dialog.saved.connect(lambda saved: self._overridden(code, saved))
        self.overrides.open(dialog)

    def _overridden(self, code: str, saved: AssessmentRowView) -> None:
        if code != self.page.current_code():
            return
        self._set_error(None)
        self.model.replace_row(saved)
        self.saved.emit(saved)

    def saving(self) -> bool:
        """Whether an edit is still on its way to the database."""
        return bool(self._saving)

    def _refused(self, number: int, column: int, message: str) -> None:
        row = self.model.row_at(number)
        if row is None:
            return
        header = self.model.headers()[column]
        self._set_error(lambda: self.tr("No. {roll} {name}, {column}: {reason}").format(
            roll=row.roll_no, name=row.name, column=header, reason=message))

    def _set_error(self, text: Callable[[], str] | None) -> None:
        self._error_text = text
        self.error_label.setText(text() if text else "")
        self.error_label.setVisible(text is not None)

    # --- words ---------------------------------------------------------------------------------

    def _render_summary(self, *_args) -> None:
        total = self.model.rowCount()
        if self.page.current_code() is None:
            self.summary.setText("")
            return
        if not total:
            self.summary.setText(self.tr("Nobody is enrolled in this class."))
            return
        entered, passed, failed = self.model.counts()
        self.summary.setText(self.tr(
            "Results entered for {entered} of {total} trainees: {passed} passed, {failed} failed.").format(
            entered=entered, total=total, passed=passed, failed=failed))

    def retranslate(self) -> None:
        self.import_button.setText(self.tr("Import results…"))
        self.template_button.setText(self.tr("Results template…"))
        self.help_label.setText(self.tr(
            "Type a score (0–100, one decimal at most); Tab goes to the next cell you can change. The result "
            "follows the scores and the pass marks; a result against the scores needs a written reason. Each "
            "change is saved at once. Tick “Retake” for a make-up assessment. Only trainees who completed the "
            "hours and passed can receive a certificate."))
        self.model.retranslate()
        header = self.view.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():  # never narrower than the heading in this language
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        if self._error_text is not None:
            self.error_label.setText(self._error_text())
        self._render_summary()
        self.update_buttons()
