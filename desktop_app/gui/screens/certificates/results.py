"""Tab 考核成绩 of the 证书 screen: a class's results in an editable grid, each accepted edit saved at
once (in order, one save per trainee in flight), a refused entry said inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.assessment import AssessmentResult
from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.screens.certificates.models import AssessmentTableModel
from desktop_app.gui.screens.certificates.results_import import ResultsImport
from desktop_app.services.assessment import AssessmentRowView

if TYPE_CHECKING:
    from desktop_app.gui.screens.certificates.page import CertificatesPage

COLUMN_WIDTHS = {AssessmentTableModel.ROLL: 56, AssessmentTableModel.NAME: 110, AssessmentTableModel.ID_NUMBER: 190,
                 AssessmentTableModel.THEORY: 100, AssessmentTableModel.PRACTICAL: 100,
                 AssessmentTableModel.RESULT: 100, AssessmentTableModel.RETAKE: 64}


class ResultDelegate(QStyledItemDelegate):
    """合格 / 不合格 / — as a drop-down; a choice is saved as soon as it is made."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("resultEditor")
        combo.addItem(labels.assessment_result(None), "")
        for result in AssessmentResult:
            combo.addItem(labels.assessment_result(result), result.value)
        combo.activated.connect(lambda _index, combo=combo: self._chosen(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        model.setData(index, editor.currentData() or None, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:
        editor.setGeometry(option.rect)

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)


def grid_view(model) -> QTableView:
    """Unlike the other screens' row lists (widgets.row_table), the results grid is edited cell by cell."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(28)
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    return view


class ResultsTab(QWidget):
    """The results grid of the chosen class, its summary line, the import button and the line that
    says why an entry was refused or not saved."""

    loaded = Signal(str)  # class code, once its results are shown
    saved = Signal(object)  # AssessmentRowView as stored

    def __init__(self, page: CertificatesPage) -> None:
        super().__init__()
        self.page = page
        self._saving: set[int] = set()  # enrolments with a save in flight
        self._queued: dict[int, AssessmentRowView] = {}  # the edit made meanwhile, saved after it
        self._error_text: Callable[[], str] | None = None

        self.importer = ResultsImport(self)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importResultsButton")
        self.import_button.clicked.connect(self.importer.choose_and_import)
        self.summary = QLabel()
        self.summary.setObjectName("tabSummary")
        self.model = AssessmentTableModel(parent=self)
        self.model.edited.connect(self._save)
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

    # --- saving each edit ----------------------------------------------------------------------

    def _save(self, row: AssessmentRowView) -> None:
        code = self.page.current_code()
        if code is None:
            return
        self._set_error(None)
        if row.enrolment_id in self._saving:
            self._queued[row.enrolment_id] = row  # saved once the one in flight has answered, in order
            return
        self._saving.add(row.enrolment_id)
        office = self.page.office
        self.page.operations.run(
            self,
            lambda: office.assessments.record(code, row.enrolment_id, theory=row.theory_score,
                                              practical=row.practical_score, result=row.result, retake=row.retake),
            success=lambda saved: self._saved(code, saved),
            failure=lambda error: self._save_failed(code, row, error))

    def _saved(self, code: str, saved: AssessmentRowView) -> None:
        self._saving.discard(saved.enrolment_id)
        if code != self.page.current_code():
            return
        queued = self._queued.pop(saved.enrolment_id, None)
        if queued is not None:
            self._save(queued)
        else:
            self.model.replace_row(saved)
        self.saved.emit(saved)

    def _save_failed(self, code: str, row: AssessmentRowView, error: BaseException) -> None:
        """Said on the trainee's line rather than in the banner, then the stored values are shown."""
        self._saving.discard(row.enrolment_id)
        self._queued.pop(row.enrolment_id, None)
        if code != self.page.current_code():
            return
        text = failure_text(error)
        self._set_error(lambda: self.tr("No. {roll} {name}: not saved. {reason}").format(
            roll=row.roll_no, name=row.name, reason=text))
        self.reload()

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
        self.help_label.setText(self.tr(
            "Type a score (0–100, one decimal at most) or pick the result; each change is saved at once. "
            "Tick “Retake” for a make-up assessment. Only trainees who completed the hours and passed can "
            "receive a certificate."))
        self.model.retranslate()
        header = self.view.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():  # never narrower than the heading in this language
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        if self._error_text is not None:
            self.error_label.setText(self._error_text())
        self._render_summary()
        self.update_buttons()
