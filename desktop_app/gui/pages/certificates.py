"""The 证书 page: enter or import a class's assessment results, issue training certificates to those
who completed and passed, void and reissue with a reason, see the real certificate PDF, print or
export a whole class, and verify a scanned QR code offline."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import config
from desktop_app.config import Settings
from desktop_app.domain.assessment import AssessmentValueError, format_score, parse_score
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission
from desktop_app.gui.pickers import choose_in_combo
from desktop_app.gui import value_labels as labels
from desktop_app.gui.certificate_dialogs import (
    AssessmentImportResultDialog,
    CertificateReasonDialog,
    IssueReportDialog,
    VerifyCertificateDialog,
)
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.pdf_preview import PdfPreview, PrintOutcome, load_pdf, prepare_printer, print_pdf
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.table_models import MUTED_FOREGROUND, REJECTED_BACKGROUND, ROW_ROLE, Index, _Rows
from desktop_app.gui.table_views import documents_folder
from desktop_app.gui.tasks import CancellableRun, TaskRunner
from desktop_app.messages import Problem
from desktop_app.services.assessment import AssessmentImportReport, AssessmentRowView
from desktop_app.services.certificates import CertificateCandidate, CertificateView, IssueReport
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office

# Results are entered while the class runs and after it ends; a sealed class is shown read-only
# (its certificates can still be printed and verified).
OFFERED = (ClassStatus.IN_TRAINING, ClassStatus.COMPLETED, ClassStatus.SEALED)
OFFSET_PREFERENCE = "certificate_offset_mm"
OFFSET_LIMIT_MM = 20.0
PROGRESS_DELAY_MS = 500

PASS_COLOUR = QColor("#1d7a3a")
FAIL_COLOUR = QColor("#b3261e")

PAGE_STYLE = """
QLabel#fieldLabel { color: #1f3550; }
QLabel#classInfo { color: #5b6470; }
QLabel#readOnlyBanner { background: #ffe8c7; border: 1px solid #f0a84a; color: #7a3f00; padding: 8px; border-radius: 4px; }
QLabel#assessmentError { background: #fdecec; border: 1px solid #efb1b1; color: #8a1c1c; padding: 6px; border-radius: 4px; }
QLabel#tabSummary { color: #1f3550; font-size: 10.5pt; padding: 2px 0; }
QLabel#keyHelp { color: #5b6470; }
QLabel#previewTitle { font-weight: bold; color: #1f3550; padding: 2px 0; }
QLabel#previewNote { color: #8a4b00; }
QFrame#previewFrame { background: #fbfcfd; border: 1px solid #dde2e8; border-radius: 6px; }
"""


def result_label(result: str | None) -> str:
    if result == "pass":
        return QCoreApplication.translate("CertificatesPage", "Pass")
    if result == "fail":
        return QCoreApplication.translate("CertificatesPage", "Fail")
    return "—"


def certificate_status_label(status: str | None) -> str:
    if status == "issued":
        return QCoreApplication.translate("CertificatesPage", "Issued")
    if status == "void":
        return QCoreApplication.translate("CertificatesPage", "Void")
    return QCoreApplication.translate("CertificatesPage", "Not issued")


def stored_certificate_offset(settings: Settings) -> tuple[float, float]:
    """The printer offset saved in settings.json as [x, y] millimetres; (0, 0) when absent or unusable."""
    value = config.read_settings_file(settings.settings_file).get(OFFSET_PREFERENCE)
    try:
        x, y = (float(part) for part in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return (0.0, 0.0)
    if not all(math.isfinite(part) and abs(part) <= OFFSET_LIMIT_MM for part in (x, y)):
        return (0.0, 0.0)
    return (x, y)


# --- 考核成绩: the editable grid -------------------------------------------------------------


class AssessmentTableModel(_Rows, QAbstractTableModel):
    """A class's results, one line per trainee. An accepted edit changes the line at once and is
    announced through `edited` for the page to save; a refused one marks the cell and says why."""

    ROLL, NAME, ID_NUMBER, THEORY, PRACTICAL, RESULT, RETAKE = range(7)
    edited = Signal(object)  # AssessmentRowView with the new values
    refused = Signal(int, int, str)  # row, column, the rule's sentence

    def __init__(self, rows: Sequence[AssessmentRowView] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentRowView] = list(rows)
        self.read_only = False
        self.errors: dict[tuple[int, int], str] = {}  # (enrolment id, column) → why the entry was refused

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("ID card no."), self.tr("Theory score"),
                self.tr("Practical score"), self.tr("Assessment result"), self.tr("Retake")]

    def set_rows(self, rows: Sequence[AssessmentRowView]) -> None:
        self.errors.clear()
        super().set_rows(rows)

    def set_read_only(self, read_only: bool) -> None:
        self.beginResetModel()  # flags change for every cell
        self.read_only = read_only
        self.endResetModel()

    def row_of_enrolment(self, enrolment_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.enrolment_id == enrolment_id:
                return number
        return -1

    def replace_row(self, new: AssessmentRowView) -> None:
        number = self.row_of_enrolment(new.enrolment_id)
        if number < 0:
            return
        self._rows[number] = new
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers()) - 1))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        if index.column() in (self.THEORY, self.PRACTICAL, self.RESULT):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif index.column() == self.RETAKE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: AssessmentRowView = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.ROLL: str(row.roll_no),
                self.NAME: row.name,
                self.ID_NUMBER: row.id_masked,
                self.THEORY: format_score(row.theory_score),
                self.PRACTICAL: format_score(row.practical_score),
                self.RESULT: result_label(row.result),
                self.RETAKE: "",
            }[column]
        if role == Qt.ItemDataRole.EditRole:
            if column == self.THEORY:
                return format_score(row.theory_score)
            if column == self.PRACTICAL:
                return format_score(row.practical_score)
            if column == self.RESULT:
                return row.result or ""
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.RETAKE:
            return Qt.CheckState.Checked if row.retake else Qt.CheckState.Unchecked
        error = self.errors.get((row.enrolment_id, column))
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return REJECTED_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if error:
                return error
            if column in (self.THEORY, self.PRACTICAL) and not self.read_only:
                return self.tr("0 to 100, at most one decimal; type 缺考 for an absent trainee")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT and row.result:
            return PASS_COLOUR if row.result == "pass" else FAIL_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.THEORY, self.PRACTICAL,
                                                                    self.RESULT):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or self.read_only:
            return False
        number, column = index.row(), index.column()
        row: AssessmentRowView = self._rows[number]
        if column == self.RETAKE and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            return self._apply(number, column, replace(row, retake=checked))
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column in (self.THEORY, self.PRACTICAL):
            text = "" if value is None else str(value)
            try:
                score = parse_score(text)
            except AssessmentValueError as error:
                self.errors[(row.enrolment_id, column)] = error.message()
                self.dataChanged.emit(index, index)
                self.refused.emit(number, column, error.message())
                return False
            field = "theory_score" if column == self.THEORY else "practical_score"
            return self._apply(number, column, replace(row, **{field: score}))
        if column == self.RESULT:
            result = value or None
            if result not in (None, "pass", "fail"):
                return False
            return self._apply(number, column, replace(row, result=result))
        return False

    def _apply(self, number: int, column: int, new: AssessmentRowView) -> bool:
        had_error = self.errors.pop((new.enrolment_id, column), None) is not None
        if new == self._rows[number]:
            if had_error:
                self.dataChanged.emit(self.index(number, column), self.index(number, column))
            return True
        self._rows[number] = new
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers()) - 1))
        self.edited.emit(new)
        return True

    def counts(self) -> tuple[int, int, int]:
        """(trainees with a result, passed, failed)."""
        passed = sum(1 for row in self._rows if row.result == "pass")
        failed = sum(1 for row in self._rows if row.result == "fail")
        return passed + failed, passed, failed


class ResultDelegate(QStyledItemDelegate):
    """合格 / 不合格 / — as a drop-down; a choice is saved as soon as it is made."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("resultEditor")
        for code in ("", "pass", "fail"):
            combo.addItem(result_label(code or None), code)
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


# --- 发证: candidates and certificates ---------------------------------------------------------


@dataclass(frozen=True)
class IssueRow:
    """One line of the issue table: a trainee of the class (with or without a valid certificate),
    or a certificate of the class that was voided (kept on record, shown greyed)."""

    enrolment_id: int | None
    roll_no: int | None
    name: str
    id_masked: str
    eligible: bool | None  # None on a voided certificate's line
    reasons: tuple[Problem, ...]
    number: str | None
    status: str | None  # "issued", "void" or None (no certificate)
    issued_on: date | None = None
    void_reason: str | None = None


def issue_rows(candidates: Sequence[CertificateCandidate], certificates: Sequence[CertificateView]) -> list[IssueRow]:
    """Trainees in roll order, then the class's voided certificates by number."""
    views = {view.number: view for view in certificates}
    rows = []
    for c in candidates:
        view = views.get(c.certificate_number) if c.certificate_number else None
        rows.append(IssueRow(c.enrolment_id, c.roll_no, c.name, c.id_masked, c.eligible, tuple(c.reasons),
                             c.certificate_number, c.certificate_status, view.issued_on if view else None))
    for view in certificates:
        if view.status == "void":
            rows.append(IssueRow(None, None, view.name, str(view.content.get("id_masked", "")), None, (),
                                 view.number, "void", view.issued_on, view.void_reason))
    return rows


class IssueTableModel(_Rows, QAbstractTableModel):
    """Who may receive a certificate and why not, with the number and state of each certificate."""

    ROLL, NAME, ID_NUMBER, ELIGIBLE, NUMBER, STATUS = range(6)

    def __init__(self, rows: Sequence[IssueRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[IssueRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("ID card no."), self.tr("Can be issued"),
                self.tr("Certificate number"), self.tr("Status")]

    @staticmethod
    def reasons_text(row: IssueRow) -> str:
        return "；".join(problem.message() for problem in row.reasons)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: IssueRow = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ELIGIBLE:
                if row.eligible is None:
                    return ""
                return "✓" if row.eligible else f"✗ {self.reasons_text(row)}"
            return {
                self.ROLL: str(row.roll_no) if row.roll_no is not None else "",
                self.NAME: row.name,
                self.ID_NUMBER: row.id_masked,
                self.NUMBER: row.number or "",
                self.STATUS: certificate_status_label(row.status),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ELIGIBLE and row.reasons:
                return "\n".join(problem.message() for problem in row.reasons)
            if row.status == "void" and row.void_reason:
                return self.tr("Voided: {reason}").format(reason=row.void_reason)
            if column == self.NUMBER and row.issued_on:
                return self.tr("Issued on {date}").format(date=row.issued_on.isoformat())
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == "void":
                return MUTED_FOREGROUND
            if column == self.ELIGIBLE and row.eligible is not None:
                return PASS_COLOUR if row.eligible else FAIL_COLOUR
            if column == self.STATUS and row.status == "issued":
                return PASS_COLOUR
        if role == Qt.ItemDataRole.FontRole and row.status == "void" and column == self.NUMBER:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.STATUS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def row_of_number(self, number: str) -> int:
        for position, row in enumerate(self._rows):
            if row.number == number:
                return position
        return -1

    def issuable(self) -> list[IssueRow]:
        return [row for row in self._rows if row.eligible and row.number is None and row.enrolment_id is not None]

    def issued(self) -> list[IssueRow]:
        return [row for row in self._rows if row.status == "issued"]


# --- the page ---------------------------------------------------------------------------------


def _table(model) -> QTableView:
    """Unlike the other pages' row lists, the results grid is edited cell by cell."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(28)
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    return view


class CertificatesPage(QWidget):
    """Class picker; tab 考核成绩 (results grid, import); tab 发证 (issue table, actions, PDF preview)."""

    page_id = "certificates"
    classes_loaded = Signal()
    assessments_loaded = Signal(str)  # class code
    assessment_saved = Signal(object)  # AssessmentRowView as stored
    candidates_loaded = Signal(str)  # class code
    preview_loaded = Signal(str)  # certificate number now shown
    certificates_issued = Signal(object)  # IssueReport
    batch_finished = Signal(object)  # PrintOutcome, or the Path of an exported PDF, or None when cancelled
    data_changed = Signal()

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None, *,
                 offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__(parent)
        self.setObjectName("page_certificates")
        self.setStyleSheet(PAGE_STYLE)
        self.office = office
        self.tasks = tasks
        self.offset_mm = (float(offset_mm[0]), float(offset_mm[1]))
        self.classes: list[ClassRow] = []
        self.certificates: list[CertificateView] = []
        self.last_folder = documents_folder()
        self._stale = True
        self._issue_stale = True
        self._generations = {"classes": 0, "assessments": 0, "issue": 0, "preview": 0}
        self._saving: set[int] = set()
        self._queued: dict[int, AssessmentRowView] = {}
        self._pdf_cache: dict[str, tuple[bytes, bool]] = {}
        self._preview_number: str | None = None
        self._preview_text: Callable[[], str] | None = None
        self._error_text: Callable[[], str] | None = None
        self.confirm_box: QMessageBox | None = None
        self.reason_dialog: CertificateReasonDialog | None = None
        self.verify_dialog: VerifyCertificateDialog | None = None
        self.report_dialog = None
        self.print_dialog: QPrintDialog | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._batch: tuple | None = None  # (run, progress dialog, printer) of the batch in flight

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verifyCertificateButton")
        self.verify_button.clicked.connect(self.open_verify)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.verify_button)

        self.class_label = QLabel()
        self.class_label.setObjectName("fieldLabel")
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classPicker")
        self.class_combo.setMinimumContentsLength(28)
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_combo.currentIndexChanged.connect(self._class_chosen)
        self.class_info = QLabel()
        self.class_info.setObjectName("classInfo")
        pickers = QHBoxLayout()
        pickers.addWidget(self.class_label)
        pickers.addWidget(self.class_combo, 3)
        pickers.addSpacing(10)
        pickers.addWidget(self.class_info, 2)

        self.notice = NoticeBanner()
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("keyHelp")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        # 考核成绩
        self.import_button = QPushButton()
        self.import_button.setObjectName("importResultsButton")
        self.import_button.clicked.connect(self.import_results)
        self.assessment_summary = QLabel()
        self.assessment_summary.setObjectName("tabSummary")
        self.assessment_model = AssessmentTableModel(parent=self)
        self.assessment_model.edited.connect(self._save_assessment)
        self.assessment_model.refused.connect(self._assessment_refused)
        self.assessment_model.modelReset.connect(self._render_assessment_summary)
        self.assessment_model.dataChanged.connect(self._render_assessment_summary)
        self.assessment_view = _table(self.assessment_model)
        self.assessment_view.setObjectName("assessmentTable")
        self.assessment_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.assessment_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                             | QAbstractItemView.EditTrigger.SelectedClicked
                                             | QAbstractItemView.EditTrigger.EditKeyPressed
                                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.result_delegate = ResultDelegate(self.assessment_view)
        self.assessment_view.setItemDelegateForColumn(AssessmentTableModel.RESULT, self.result_delegate)
        header = self.assessment_view.horizontalHeader()
        for column, width in ((AssessmentTableModel.ROLL, 56), (AssessmentTableModel.NAME, 110),
                              (AssessmentTableModel.ID_NUMBER, 190), (AssessmentTableModel.THEORY, 100),
                              (AssessmentTableModel.PRACTICAL, 100), (AssessmentTableModel.RESULT, 100),
                              (AssessmentTableModel.RETAKE, 64)):
            header.resizeSection(column, width)
        self.assessment_error = QLabel()
        self.assessment_error.setObjectName("assessmentError")
        self.assessment_error.setWordWrap(True)
        self.assessment_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assessment_error.hide()
        self.assessment_help = QLabel()
        self.assessment_help.setObjectName("keyHelp")
        self.assessment_help.setWordWrap(True)
        assessment_tab = QWidget()
        assessment_layout = QVBoxLayout(assessment_tab)
        assessment_layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.assessment_summary, 1)
        top.addWidget(self.import_button)
        assessment_layout.addLayout(top)
        assessment_layout.addWidget(self.assessment_view, 1)
        assessment_layout.addWidget(self.assessment_error)
        assessment_layout.addWidget(self.assessment_help)

        # 发证
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueButton")
        self.issue_button.clicked.connect(self.issue_certificates)
        self.void_button = QPushButton()
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(lambda: self.open_reason_dialog("void"))
        self.reissue_button = QPushButton()
        self.reissue_button.setObjectName("reissueButton")
        self.reissue_button.clicked.connect(lambda: self.open_reason_dialog("reissue"))
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_certificates)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportPdfButton")
        self.export_button.clicked.connect(self.export_pdf)
        issue_actions = QHBoxLayout()
        for button in (self.issue_button, self.void_button, self.reissue_button):
            issue_actions.addWidget(button)
        issue_actions.addStretch(1)
        issue_actions.addWidget(self.print_button)
        issue_actions.addWidget(self.export_button)
        self.issue_summary = QLabel()
        self.issue_summary.setObjectName("tabSummary")
        self.issue_summary.setWordWrap(True)
        self.issue_model = IssueTableModel(parent=self)
        self.issue_view = _table(self.issue_model)
        self.issue_view.setObjectName("issueTable")
        self.issue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issue_view.selectionModel().selectionChanged.connect(lambda *_args: self._issue_selection_changed())
        issue_header = self.issue_view.horizontalHeader()
        for column, width in ((IssueTableModel.NAME, 72), (IssueTableModel.ID_NUMBER, 158),
                              (IssueTableModel.NUMBER, 176)):
            issue_header.resizeSection(column, width)
        for column in (IssueTableModel.ROLL, IssueTableModel.STATUS):  # short words in either language
            issue_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The reasons are long: they take what is left, elided, and read in full as a tooltip.
        issue_header.setSectionResizeMode(IssueTableModel.ELIGIBLE, QHeaderView.ResizeMode.Stretch)
        issue_header.setMinimumSectionSize(36)

        self.preview_title = QLabel()
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setWordWrap(True)
        self.preview = PdfPreview()
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        self.preview_note.hide()
        preview_box = QWidget()
        preview_box.setObjectName("previewFrame")
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(6, 0, 0, 0)
        preview_layout.addWidget(self.preview_title)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.preview_note)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.issue_view)
        self.splitter.addWidget(preview_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        issue_tab = QWidget()
        issue_layout = QVBoxLayout(issue_tab)
        issue_layout.setContentsMargins(6, 6, 6, 6)
        issue_layout.addLayout(issue_actions)
        issue_layout.addWidget(self.issue_summary)
        issue_layout.addWidget(self.splitter, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("certificateTabs")
        self.tabs.addTab(assessment_tab, "")
        self.tabs.addTab(issue_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(heading_row)
        layout.addLayout(pickers)
        layout.addWidget(self.notice)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Certificates")

    # --- what is shown ---------------------------------------------------------------------

    def current_code(self) -> str | None:
        return self.class_combo.currentData()

    def current_class(self) -> ClassRow | None:
        code = self.current_code()
        return next((row for row in self.classes if row.code == code), None)

    def selected_issue_row(self) -> IssueRow | None:
        rows = self.issue_view.selectionModel().selectedRows()
        return self.issue_model.data(rows[0], ROW_ROLE) if rows else None

    def set_offset(self, offset_mm: tuple[float, float]) -> None:
        """The printer offset from the settings page, used for printing and exporting from now on."""
        self.offset_mm = (float(offset_mm[0]), float(offset_mm[1]))

    def mark_stale(self) -> None:
        """Classes changed elsewhere (new, completed, sealed): read them again when shown."""
        self._stale = True
        if self.isVisible():
            self.reload_classes()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload_classes()

    def _next(self, what: str) -> int:
        self._generations[what] += 1
        return self._generations[what]

    def _current(self, what: str, generation: int) -> bool:
        return self._generations[what] == generation

    # --- classes ---------------------------------------------------------------------------

    def reload_classes(self) -> None:
        self._stale = False
        generation = self._next("classes")
        self.tasks.run(lambda: [row for row in self.office.classes.list() if row.status in OFFERED],
                       on_success=lambda rows: self._classes_arrived(generation, rows), on_failure=self._failed)

    def _classes_arrived(self, generation: int, rows: list[ClassRow]) -> None:
        if not self._current("classes", generation):
            return
        keep = self.current_code()
        self.classes = list(rows)
        codes = [row.code for row in rows]
        if keep not in codes:
            # The class being completed is the one certificates are usually for.
            keep = next((r.code for r in rows if r.status is ClassStatus.COMPLETED), codes[0] if codes else None)
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for row in rows:
            self.class_combo.addItem(f"{row.code}  {row.name}", row.code)
            self.class_combo.setItemData(self.class_combo.count() - 1,
                                         f"{row.name}\n{labels.class_status(row.status)}", Qt.ItemDataRole.ToolTipRole)
        self.class_combo.setCurrentIndex(codes.index(keep) if keep in codes else -1)
        self.class_combo.blockSignals(False)
        self.empty_label.setVisible(not rows)
        self.tabs.setVisible(bool(rows))
        self.classes_loaded.emit()
        self._class_chosen()

    def select_class(self, code: str) -> bool:
        return choose_in_combo(self.class_combo, code, self._class_chosen)

    def _class_chosen(self, _index: int = -1) -> None:
        self._saving.clear()
        self._queued.clear()
        self._pdf_cache.clear()
        self._set_error(None)
        self.assessment_model.set_rows([])
        self.issue_model.set_rows([])
        self.certificates = []
        self.assessment_model.set_read_only(self._results_read_only())
        row = self.current_class()
        self._render_class_info()
        self._show_preview_for(None)
        self._update_buttons()
        if row is None:
            return
        self.reload_assessments()
        self.reload_issue()

    def _render_class_info(self) -> None:
        row = self.current_class()
        if row is None:
            self.class_info.setText("")
            self.read_only_banner.hide()
            return
        self.class_info.setText(self.tr("{status} · {dates} · {count} trainees").format(
            status=labels.class_status(row.status), dates=labels.date_range(row.start_date, row.end_date),
            count=row.enrolled))
        if row.status.is_read_only:
            self.read_only_banner.setText(self.tr(
                "Class {code} is {status}: its results can no longer change. Certificates can still be viewed, "
                "printed and verified.").format(code=row.code, status=labels.class_status(row.status)))
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()

    # --- 考核成绩 ---------------------------------------------------------------------------

    def reload_assessments(self) -> None:
        code = self.current_code()
        if code is None:
            return
        generation = self._next("assessments")
        self.tasks.run(lambda: self.office.assessments.list(code),
                       on_success=lambda rows: self._assessments_arrived(generation, code, rows),
                       on_failure=self._failed)

    def _assessments_arrived(self, generation: int, code: str, rows: list[AssessmentRowView]) -> None:
        if not self._current("assessments", generation) or code != self.current_code():
            return
        if self._saving:
            # Lines still being saved keep what the clerk typed; the save's answer refreshes them.
            shown = {row.enrolment_id: row for row in self.assessment_model.rows()}
            rows = [shown.get(row.enrolment_id, row) if row.enrolment_id in self._saving else row for row in rows]
        self.assessment_model.set_rows(rows)
        self._update_buttons()
        self.assessments_loaded.emit(code)

    def _save_assessment(self, row: AssessmentRowView) -> None:
        code = self.current_code()
        if code is None:
            return
        self._set_error(None)
        if row.enrolment_id in self._saving:
            self._queued[row.enrolment_id] = row  # saved once the one in flight has answered, in order
            return
        self._saving.add(row.enrolment_id)
        self.tasks.run(
            lambda: self.office.assessments.record(code, row.enrolment_id, theory=row.theory_score,
                                                   practical=row.practical_score, result=row.result, retake=row.retake),
            on_success=lambda saved: self._assessment_saved(code, saved),
            on_failure=lambda error: self._assessment_failed(code, row, error))

    def _assessment_saved(self, code: str, saved: AssessmentRowView) -> None:
        self._saving.discard(saved.enrolment_id)
        if code != self.current_code():
            return
        queued = self._queued.pop(saved.enrolment_id, None)
        if queued is not None:
            self._save_assessment(queued)
        else:
            self.assessment_model.replace_row(saved)
        self._issue_stale = True
        self.assessment_saved.emit(saved)
        self.data_changed.emit()

    def _assessment_failed(self, code: str, row: AssessmentRowView, error: BaseException) -> None:
        self._saving.discard(row.enrolment_id)
        self._queued.pop(row.enrolment_id, None)
        if code != self.current_code():
            return
        text = failure_text(error)
        self._set_error(lambda: self.tr("No. {roll} {name}: not saved. {reason}").format(
            roll=row.roll_no, name=row.name, reason=text))
        self.reload_assessments()  # show what is really stored

    def _assessment_refused(self, number: int, column: int, message: str) -> None:
        row = self.assessment_model.row_at(number)
        if row is None:
            return
        header = self.assessment_model.headers()[column]
        self._set_error(lambda: self.tr("No. {roll} {name}, {column}: {reason}").format(
            roll=row.roll_no, name=row.name, column=header, reason=message))

    def _set_error(self, text: Callable[[], str] | None) -> None:
        self._error_text = text
        self.assessment_error.setText(text() if text else "")
        self.assessment_error.setVisible(text is not None)

    def _render_assessment_summary(self, *_args) -> None:
        total = self.assessment_model.rowCount()
        if self.current_code() is None:
            self.assessment_summary.setText("")
            return
        if not total:
            self.assessment_summary.setText(self.tr("Nobody is enrolled in this class."))
            return
        entered, passed, failed = self.assessment_model.counts()
        self.assessment_summary.setText(self.tr(
            "Results entered for {entered} of {total} trainees: {passed} passed, {failed} failed.").format(
            entered=entered, total=total, passed=passed, failed=failed))

    def import_results(self) -> None:
        code = self.current_code()
        if code is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import assessment results into {code}").format(code=code), str(self.last_folder),
            self.tr("Results files (*.xlsx *.csv);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        self.last_folder = path.parent
        self.import_button.setEnabled(False)

        def done(report: AssessmentImportReport) -> None:
            self._update_buttons()
            dialog = AssessmentImportResultDialog(path.name, report, self)
            self._show_report(dialog)
            self._issue_stale = True
            self.reload_assessments()
            if self.tabs.currentIndex() == 1:
                self.reload_issue()
            if report.recorded:
                self.data_changed.emit()

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.notice.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.assessments.import_workbook(code, path), on_success=done, on_failure=failed)

    def _show_report(self, dialog) -> None:
        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_args, dialog=dialog: self._report_closed(dialog))
        dialog.open()

    def _report_closed(self, dialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None

    # --- 发证 --------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._issue_stale:
            self.reload_issue()

    def reload_issue(self, *, select_number: str | None = None) -> None:
        code = self.current_code()
        if code is None:
            return
        self._issue_stale = False
        generation = self._next("issue")
        selected = self.selected_issue_row()
        keep = select_number or (selected.number if selected and selected.number else None)
        keep_enrolment = selected.enrolment_id if selected and not select_number else None
        self.tasks.run(lambda: (self.office.certificates.candidates(code), self.office.certificates.list(code)),
                       on_success=lambda answer: self._issue_arrived(generation, code, *answer, keep, keep_enrolment),
                       on_failure=self._failed)

    def _issue_arrived(self, generation: int, code: str, candidates: list[CertificateCandidate],
                       certificates: list[CertificateView], keep: str | None, keep_enrolment: int | None) -> None:
        if not self._current("issue", generation) or code != self.current_code():
            return
        self.certificates = list(certificates)
        self.issue_model.set_rows(issue_rows(candidates, certificates))
        position = self.issue_model.row_of_number(keep) if keep else -1
        if position < 0 and keep_enrolment is not None:
            position = next((n for n, row in enumerate(self.issue_model.rows()) if row.enrolment_id == keep_enrolment
                             and row.status != "void"), -1)
        if position >= 0:
            self.issue_view.selectRow(position)
            self.issue_view.scrollTo(self.issue_model.index(position, 0))
        else:
            self._issue_selection_changed()
        self._render_issue_summary()
        self._update_buttons()
        self.candidates_loaded.emit(code)

    def _render_issue_summary(self) -> None:
        rows = [row for row in self.issue_model.rows() if row.enrolment_id is not None]
        if self.current_code() is None:
            self.issue_summary.setText("")
            return
        issued = sum(1 for row in rows if row.status == "issued")
        ready = len(self.issue_model.issuable())
        blocked = sum(1 for row in rows if not row.eligible and row.number is None)
        void = sum(1 for row in self.issue_model.rows() if row.status == "void")
        text = self.tr("{total} trainees: {issued} with a certificate, {ready} ready to receive one, {blocked} not "
                       "eligible yet.").format(total=len(rows), issued=issued, ready=ready, blocked=blocked)
        if void:
            text += " " + self.tr("{void} voided certificates are listed at the end (grey).").format(void=void)
        self.issue_summary.setText(text)

    def _issue_selection_changed(self) -> None:
        self._show_preview_for(self.selected_issue_row())
        self._update_buttons()

    def _results_read_only(self) -> bool:
        """Results cannot be typed: the class is sealed, or the signed-in role may not record them."""
        row = self.current_class()
        return (row is not None and row.status.is_read_only) or not permitted(self.office.actor,
                                                                             Permission.RECORD_ASSESSMENTS)

    def apply_permissions(self) -> None:
        """The signed-in user changed: results editable and certificates issued only by roles that may."""
        read_only = self._results_read_only()
        if self.assessment_model.read_only != read_only:
            self.assessment_model.set_read_only(read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = self.office.actor
        has_class = self.current_code() is not None
        row = self.current_class()
        writable = row is not None and not row.status.is_read_only
        apply_permission(self.import_button, actor, Permission.RECORD_ASSESSMENTS, enabled=writable,
                         tooltip="" if writable or not has_class else self.tr("This class is read-only."))
        busy = self._batch is not None
        apply_permission(self.issue_button, actor, Permission.ISSUE_CERTIFICATES,
                         enabled=has_class and bool(self.issue_model.issuable()))
        selected = self.selected_issue_row()
        issued_selected = selected is not None and selected.status == "issued"
        apply_permission(self.void_button, actor, Permission.ISSUE_CERTIFICATES, enabled=issued_selected)
        apply_permission(self.reissue_button, actor, Permission.ISSUE_CERTIFICATES, enabled=issued_selected)
        any_issued = bool(self.issue_model.issued())
        self.print_button.setEnabled(any_issued and not busy and self.preview.available)
        if not self.preview.available:
            self.print_button.setToolTip(self.tr("Printing needs the Qt PDF module; export the PDF and print it from "
                                                 "a PDF reader instead."))
        else:
            self.print_button.setToolTip(self.tr("Print the certificates of the class; choose pages or the selected "
                                                 "certificate in the print dialog."))
        self.export_button.setEnabled(any_issued and not busy)

    # --- issue, void, reissue --------------------------------------------------------------

    def issue_certificates(self) -> None:
        code = self.current_code()
        ready = self.issue_model.issuable()
        if code is None or not ready or not permitted(self.office.actor, Permission.ISSUE_CERTIFICATES):
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Issue certificates"), self.tr(
            "Issue training certificates to {count} eligible trainees of {code}? Numbers are given in order and are "
            "never reused; the content is fixed at issue and can afterwards only be voided or reissued, with a "
            "reason.").format(count=len(ready), code=code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmIssueBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Issue"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self._issue_confirmed(code) if button is yes else None)
        box.destroyed.connect(lambda *_args: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def _issue_confirmed(self, code: str) -> None:
        self.issue_button.setEnabled(False)

        def done(report: IssueReport) -> None:
            self._pdf_cache.clear()
            self.reload_issue(select_number=report.issued[0] if report.issued else None)
            self._show_report(IssueReportDialog(code, report, self))
            self.certificates_issued.emit(report)
            self.data_changed.emit()

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.notice.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.certificates.issue(code), on_success=done, on_failure=failed)

    def open_reason_dialog(self, action: str) -> None:
        row = self.selected_issue_row()
        if row is None or row.status != "issued" or row.number is None:
            return
        if not permitted(self.office.actor, Permission.ISSUE_CERTIFICATES):
            return
        dialog = CertificateReasonDialog(action, row.number, row.name, self.office, self.tasks, self)
        number = row.number
        dialog.done.connect(lambda result: self._reason_done(action, number, result))
        dialog.finished.connect(lambda _result: self._reason_closed(dialog))
        self.reason_dialog = dialog
        dialog.open()

    def _reason_closed(self, dialog: CertificateReasonDialog) -> None:
        if self.reason_dialog is dialog:
            self.reason_dialog = None
        dialog.dispose_when_idle()

    def _reason_done(self, action: str, number: str, result) -> None:
        if action == "void":
            self.notice.show_note(self.tr("Certificate {number} was voided. The trainee can receive a new certificate "
                                          "with “Issue certificates”.").format(number=number), "success")
            self.reload_issue(select_number=number)
        else:
            self.notice.show_note(self.tr("Certificate {new} was issued in place of {old}, which is now void. Print "
                                          "the new certificate.").format(new=result, old=number), "success")
            self.reload_issue(select_number=result)
        self.data_changed.emit()

    # --- the preview -----------------------------------------------------------------------

    def _show_preview_for(self, row: IssueRow | None) -> None:
        generation = self._next("preview")
        self.preview_note.hide()
        if row is None or row.number is None:
            self._preview_number = None
            if row is None:
                self._set_preview_title(None)
                self.preview.show_message(None)
            elif row.eligible:
                self._set_preview_title(lambda: self.tr("{name}: no certificate yet").format(name=row.name))
                self.preview.show_message(lambda: self.tr(
                    "{name} may receive a certificate. Click “Issue certificates”; the certificate is shown here "
                    "once it has its number.").format(name=row.name))
            else:
                reasons = IssueTableModel.reasons_text(row)
                self._set_preview_title(lambda: self.tr("{name}: no certificate").format(name=row.name))
                self.preview.show_message(lambda: self.tr("{name} cannot receive a certificate yet: {reasons}").format(
                    name=row.name, reasons=reasons))
            return
        number = row.number
        self._preview_number = number
        self._set_preview_title(lambda: self._certificate_title(row))
        cached = self._pdf_cache.get(number)
        if cached is not None:
            self._preview_arrived(generation, number, cached)
            return
        self.preview.show_message(lambda: self.tr("Preparing certificate {number} …").format(number=number))
        self.tasks.run(lambda: self.office.certificates.reprint(number),
                       on_success=lambda answer: self._preview_arrived(generation, number, answer),
                       on_failure=lambda error: self._preview_failed(generation, error))

    def _certificate_title(self, row: IssueRow) -> str:
        if row.status == "void":
            return self.tr("Certificate {number} · {name} · void: {reason}").format(
                number=row.number, name=row.name, reason=row.void_reason or "")
        return self.tr("Certificate {number} · {name} · issued {date}").format(
            number=row.number, name=row.name, date=row.issued_on.isoformat() if row.issued_on else "")

    def _set_preview_title(self, text: Callable[[], str] | None) -> None:
        self._preview_text = text
        self.preview_title.setText(text() if text else self.tr("Certificate preview"))

    def _preview_arrived(self, generation: int, number: str, answer: tuple[bytes, bool]) -> None:
        if not self._current("preview", generation):
            return
        pdf, matches = answer
        self._pdf_cache[number] = (pdf, matches)
        if self.preview.show_pdf(pdf):
            self.preview_loaded.emit(number)
        row = self.selected_issue_row()
        if row is not None and row.number == number and row.status == "void":
            self.preview_note.setText(self.tr("This certificate is void: do not print or hand it out. Scanning its QR "
                                              "code says it is void."))
            self.preview_note.show()
        elif not matches:
            self.preview_note.setText(self.tr(
                "This reprint differs from the file stored when the certificate was issued (the template or the "
                "font has changed since). Check it before printing, or ask your administrator."))
            self.preview_note.show()

    def _preview_failed(self, generation: int, error: BaseException) -> None:
        if not self._current("preview", generation):
            return
        text = failure_text(error)
        self.preview.show_message(lambda: text)

    # --- print and export ------------------------------------------------------------------

    def _progress(self, label: str, maximum: int, run: CancellableRun, stopping: str) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, maximum, self)
        dialog.setObjectName("batchProgress")
        dialog.setWindowTitle(self.tr("Certificates"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(run.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(stopping))
        dialog.setValue(0)
        self.progress_dialog = dialog
        return dialog

    def _close_progress(self) -> None:
        if self._batch is not None:
            progress = self._batch[1]
            progress.canceled.disconnect()  # closing a progress dialog emits canceled()
            progress.close()
            progress.deleteLater()
        self._batch = None
        self.progress_dialog = None
        self._update_buttons()

    def _end_batch(self, outcome: object) -> None:
        self._close_progress()
        self.batch_finished.emit(outcome)

    def _selected_page(self) -> int | None:
        """The page of the selected certificate in the class PDF (issued certificates by number)."""
        row = self.selected_issue_row()
        if row is None or row.status != "issued":
            return None
        numbers = [view.number for view in self.certificates if view.status == "issued"]
        return numbers.index(row.number) if row.number in numbers else None

    def print_certificates(self) -> None:
        code = self.current_code()
        if code is None or self._batch is not None or not self.issue_model.issued():
            return
        run = CancellableRun(self)
        progress = self._progress(self.tr("Preparing the certificates of {code} for printing …").format(code=code), 0,
                                  run, self.tr("Stopping…"))
        self._batch = (run, progress, None)
        self._update_buttons()
        offset = self.offset_mm
        selected_page = self._selected_page()
        self.tasks.run(lambda: self.office.certificates.pdf(code, offset_mm=offset),
                       on_success=lambda render: self._print_ready(code, run, render, selected_page),
                       on_failure=self._batch_failed)

    def _print_ready(self, code: str, run: CancellableRun, render, selected_page: int | None) -> None:
        if run.cancelled():
            self._end_batch(None)
            self.notice.show_note(self.tr("Printing was cancelled; nothing was sent to the printer."), "info")
            return
        self._close_progress()
        document, buffer = load_pdf(render.pdf)
        page_size = document.pagePointSize(0)
        document.close()
        buffer.close()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, page_size, self.tr("Certificates {code}").format(code=code))
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("certificatePrintDialog")
        dialog.setWindowTitle(self.tr("Print the certificates of {code}").format(code=code))
        dialog.setMinMax(1, render.pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, selected_page is not None)
        if selected_page is not None:
            dialog.setPrintRange(QAbstractPrintDialog.PrintRange.Selection)
        # QPrintDialog.accepted also comes as accepted(QPrinter*): take whatever it carries.
        dialog.accepted.connect(lambda *_args: self._print_accepted(dialog, printer, render, selected_page))
        dialog.finished.connect(lambda _result: self._print_dialog_closed(dialog))
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open() itself wants (receiver, slot)

    def _print_dialog_closed(self, dialog: QPrintDialog) -> None:
        if self.print_dialog is dialog:
            self.print_dialog = None
        dialog.deleteLater()

    def _print_accepted(self, dialog: QPrintDialog, printer: QPrinter, render, selected_page: int | None) -> None:
        pages = list(range(render.pages))
        chosen = dialog.printRange()
        if chosen == QAbstractPrintDialog.PrintRange.Selection and selected_page is not None:
            pages = [selected_page]
        elif chosen == QAbstractPrintDialog.PrintRange.PageRange and printer.fromPage() > 0:
            pages = list(range(printer.fromPage() - 1, min(printer.toPage(), render.pages)))
        self.start_printing(render.pdf, printer, pages)

    def start_printing(self, pdf: bytes, printer: QPrinter, pages: Sequence[int]) -> None:
        """Send `pages` (0-based) of `pdf` to `printer` in the background, with progress and cancel."""
        pages = list(pages)
        run = CancellableRun(self)
        progress = self._progress(self.tr("Printing {count} certificates …").format(count=len(pages)), len(pages), run,
                                  self.tr("Stopping after the current page …"))
        run.progressed.connect(lambda done, total: self._printing_progressed(progress, done, total),
                               Qt.ConnectionType.QueuedConnection)
        self._batch = (run, progress, printer)  # the printer lives until the job is done
        self._update_buttons()
        self.tasks.run(lambda: print_pdf(pdf, printer, pages, progress=run.report, cancelled=run.cancelled),
                       on_success=self._printed, on_failure=self._batch_failed)

    def _printing_progressed(self, progress: QProgressDialog, done: int, total: int) -> None:
        if self._batch is not None and self._batch[1] is progress and not progress.wasCanceled():
            progress.setValue(done)
            progress.setLabelText(self.tr("Printing certificate {done} of {total} …").format(done=done, total=total))

    def _printed(self, outcome: PrintOutcome) -> None:
        self._end_batch(outcome)
        if not outcome.started:
            self.notice.show_note(self.tr("The printer could not be started. Check that it is switched on and "
                                          "connected, then try again."), "error")
        elif outcome.cancelled:
            self.notice.show_note(self.tr("Printing was cancelled after {printed} of {total} certificates.").format(
                printed=outcome.printed, total=outcome.total), "warning")
        else:
            self.notice.show_note(self.tr("{count} certificates were sent to the printer.").format(
                count=outcome.printed), "success")

    def _batch_failed(self, error: BaseException) -> None:
        self._end_batch(None)
        self.notice.show_note(failure_text(error), "error")

    def export_pdf(self) -> None:
        code = self.current_code()
        if code is None or self._batch is not None or not self.issue_model.issued():
            return
        name = self.tr("certificates_{code}.pdf").format(code=code)
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the certificates of {code}").format(code=code),
                                                      str(self.last_folder / name), self.tr("PDF document (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.last_folder = path.parent
        run = CancellableRun(self)
        progress = self._progress(self.tr("Exporting the certificates of {code} …").format(code=code), 0, run,
                                  self.tr("Stopping…"))
        self._batch = (run, progress, None)
        self._update_buttons()
        offset = self.offset_mm

        def render_and_write():  # pool thread
            render = self.office.certificates.pdf(code, offset_mm=offset)
            if run.cancelled():
                return None
            path.write_bytes(render.pdf)
            return render

        def done(render) -> None:
            if render is None:
                self._end_batch(None)
                self.notice.show_note(self.tr("The export was cancelled; no file was written."), "info")
                return
            self._end_batch(path)
            text = self.tr("{pages} certificates were saved to {path} (printer offset {x} mm, {y} mm).").format(
                pages=render.pages, path=path, x=f"{offset[0]:g}", y=f"{offset[1]:g}")
            if render.warnings:
                text += "\n" + "\n".join(f"• {warning.message()}" for warning in render.warnings)
            self.notice.show_note(text, "warning" if render.warnings else "success")

        self.tasks.run(render_and_write, on_success=done, on_failure=self._batch_failed)

    # --- verify ----------------------------------------------------------------------------

    def open_verify(self) -> None:
        if self.verify_dialog is not None:
            self.verify_dialog.raise_()
            self.verify_dialog.activateWindow()
            return
        dialog = VerifyCertificateDialog(self.office, self.tasks, self)
        dialog.finished.connect(lambda _result: self._verify_closed(dialog))
        self.verify_dialog = dialog
        dialog.open()

    def _verify_closed(self, dialog: VerifyCertificateDialog) -> None:
        if self.verify_dialog is dialog:
            self.verify_dialog = None
        dialog.dispose_when_idle()

    # --- language and notes ----------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        self.notice.show_note(failure_text(error), "error")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Certificates"))
        self.verify_button.setText(self.tr("Verify a certificate…"))
        self.class_label.setText(self.tr("Class"))
        self.empty_label.setText(self.tr("No class is in training, completed or sealed yet. Results and certificates "
                                         "are entered here once a class has started."))
        self.tabs.setTabText(0, self.tr("Assessment results"))
        self.tabs.setTabText(1, self.tr("Issuing"))
        self.import_button.setText(self.tr("Import results…"))
        self.assessment_help.setText(self.tr(
            "Type a score (0–100, one decimal at most) or pick the result; each change is saved at once. "
            "Tick “Retake” for a make-up assessment. Only trainees who completed the hours and passed can "
            "receive a certificate."))
        self.issue_button.setText(self.tr("Issue certificates"))
        self.void_button.setText(self.tr("Void…"))
        self.reissue_button.setText(self.tr("Reissue…"))
        self.print_button.setText(self.tr("Print…"))
        self.export_button.setText(self.tr("Export PDF…"))
        self.assessment_model.retranslate()
        self.issue_model.retranslate()
        self.preview.retranslate()
        self.preview_title.setText(self._preview_text() if self._preview_text else self.tr("Certificate preview"))
        if self._error_text is not None:
            self.assessment_error.setText(self._error_text())
        self._render_class_info()
        self._render_assessment_summary()
        self._render_issue_summary()
        self._update_buttons()
