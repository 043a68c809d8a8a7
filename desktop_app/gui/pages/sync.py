"""The 上传 page: the outbox of sealed batches, their receipts and what the platform found wrong,
uploading now, carrying batches and receipts on a USB stick, and sealing a correction.

Uploads themselves are run by the main window (one at a time, by hand or in the background);
this page asks for one with `upload_requested` and shows its progress and outcome."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import value_labels as labels
from desktop_app.gui.correction_dialogs import (
    NAME_MISMATCH,
    SUBSIDY_LIMIT,
    NameCorrectionDialog,
    SubsidyWithdrawalDialog,
    fixable,
)
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.table_models import MUTED_FOREGROUND, ROW_ROLE, Index, _Rows
from desktop_app.gui.table_views import documents_folder, row_table
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.office import Office
from desktop_app.services.outbox import BatchDetail, BatchRow, IssueView, Registration, SyncReport

PAGE_STYLE = """
QLabel#registrationState { padding: 6px; border-radius: 4px; }
QLabel#detailTitle { font-weight: bold; color: #1f3550; font-size: 11pt; }
QLabel#receiptInfo { color: #1f3550; }
QLabel#batchError { background: #fdecec; border: 1px solid #efb1b1; color: #8a1c1c; padding: 6px; border-radius: 4px; }
QLabel#emptyDetail { color: #5b6470; }
QFrame#detailFrame { background: #fbfcfd; border: 1px solid #dde2e8; border-radius: 6px; }
"""
REGISTERED_STYLE = "QLabel#registrationState { background: #eaf7ee; border: 1px solid #a9d8b6; color: #1d4d2b; }"
UNREGISTERED_STYLE = "QLabel#registrationState { background: #fff4e0; border: 1px solid #f0c37a; color: #6b4300; }"

STATE_COLOURS = {
    "sealed": QColor("#2f6fb3"),
    "sending": QColor("#2f6fb3"),
    "sent_unconfirmed": QColor("#8a4b00"),
    "accepted": QColor("#1d7a3a"),
    "accepted_with_warnings": QColor("#1d7a3a"),
    "rejected": QColor("#b3261e"),
    "superseded": MUTED_FOREGROUND,
}
WARNING_COLOUR = QColor("#8a4b00")
ERROR_COLOUR = QColor("#b3261e")
CORRECTED_COLOUR = QColor("#1d7a3a")


def issue_key(issue: IssueView) -> tuple[str, str | None, str | None]:
    """The same problem across reloads (the trainee's name in an IssueView changes once corrected)."""
    return issue.code, issue.record_id, issue.field




class BatchTableModel(_Rows, QAbstractTableModel):
    """The outbox, newest first: class, kind, state, attempts, next try, receipt."""

    CLASS, KIND, STATE, ATTEMPTS, NEXT_TRY, RECEIPT = range(6)

    def __init__(self, rows: Sequence[BatchRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[BatchRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Class"), self.tr("Kind"), self.tr("State"), self.tr("Attempts"), self.tr("Next try"),
                self.tr("Receipt")]

    def receipt(self, row: BatchRow) -> str:
        parts = []
        if row.sequence is not None:
            parts.append(self.tr("No. {sequence}").format(sequence=row.sequence))
        if row.received_at:
            parts.append(labels.local_time(row.received_at))
        return " · ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: BatchRow = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.CLASS: f"{row.class_code or ''}  {row.class_name or ''}".strip(),
                self.KIND: labels.batch_kind(row.kind),
                self.STATE: labels.batch_state(row.state),
                self.ATTEMPTS: str(row.attempts),
                self.NEXT_TRY: labels.local_time(row.next_attempt_at) if row.state in ("sealed", "sending",
                                                                                       "sent_unconfirmed") else "",
                self.RECEIPT: self.receipt(row),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return STATE_COLOURS.get(row.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATE and row.last_error:
                return row.last_error
            if column == self.CLASS:
                return row.class_name
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ATTEMPTS, self.STATE, self.KIND):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def row_of_batch(self, batch_id: str) -> int:
        return next((number for number, row in enumerate(self._rows) if row.batch_id == batch_id), -1)


class IssueTableModel(_Rows, QAbstractTableModel):
    """What the platform found wrong in a batch, per trainee and field, with what to do, and
    (while the batch is returned) whether it has been corrected here."""

    CORRECTION, TRAINEE, FIELD, MESSAGE, WHAT_TO_DO = range(5)

    def __init__(self, rows: Sequence[IssueView] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[IssueView] = list(rows)
        self.returned = False  # the batch waits for corrections
        self.corrections: dict[tuple, str] = {}  # issue_key → what was changed

    def headers(self) -> list[str]:
        return [self.tr("Fix status"), self.tr("Trainee"), self.tr("Field"), self.tr("Problem"), self.tr("What to do")]

    def set_corrections(self, returned: bool, corrections: dict[tuple, str]) -> None:
        self.returned = returned
        self.corrections = dict(corrections)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.CORRECTION), self.index(len(self._rows) - 1, self.CORRECTION))

    def correction_state(self, issue: IssueView) -> str:
        """corrected, to_correct (here, with “Correct…”), elsewhere (as “What to do” says) or "" (nothing to do)."""
        if issue_key(issue) in self.corrections:
            return "corrected"
        if not self.returned or issue.severity != "error":
            return ""
        return "to_correct" if fixable(issue) else "elsewhere"

    def correction_text(self, issue: IssueView) -> str:
        return {"corrected": self.tr("✓ Corrected"), "to_correct": self.tr("To correct"),
                "elsewhere": self.tr("See what to do"), "": ""}[self.correction_state(issue)]

    def row_of_issue(self, key: tuple) -> int:
        return next((number for number, issue in enumerate(self._rows) if issue_key(issue) == key), -1)

    def trainee(self, issue: IssueView) -> str:
        if issue.trainee_name and issue.roll_no is not None:
            return self.tr("No. {roll} {name}").format(roll=issue.roll_no, name=issue.trainee_name)
        return issue.trainee_name or self.tr("Whole batch")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        issue: IssueView = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return issue
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CORRECTION:
            return self.corrections.get(issue_key(issue)) or self.correction_text(issue)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                self.CORRECTION: self.correction_text(issue),
                self.TRAINEE: self.trainee(issue),
                self.FIELD: issue.field_label,
                self.MESSAGE: issue.message,
                self.WHAT_TO_DO: issue.what_to_do,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.MESSAGE:
            return ERROR_COLOUR if issue.severity == "error" else WARNING_COLOUR
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CORRECTION:
            state = self.correction_state(issue)
            return CORRECTED_COLOUR if state == "corrected" else ERROR_COLOUR if state == "to_correct" else \
                MUTED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CORRECTION:
            return Qt.AlignmentFlag.AlignCenter
        return None


class SyncPage(QWidget):
    """Registration on top, the outbox in the middle, the selected batch's receipt and issues below."""

    page_id = "sync"
    upload_requested = Signal()
    upload_stop_requested = Signal()
    navigate_to_class = Signal(str)  # class code: "去修改"
    data_changed = Signal()  # the outbox changed here (receipt, correction, registration)
    batches_loaded = Signal(int)
    detail_loaded = Signal(str)  # batch id
    batch_exported = Signal(object)  # list[Path]
    receipt_imported = Signal(object)  # BatchRow
    correction_sealed = Signal(object)  # BatchRow
    issue_corrected = Signal(str)  # what was changed, in words

    def __init__(self, office: Office, tasks: TaskRunner, *, platform_url: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_sync")
        self.setStyleSheet(PAGE_STYLE)
        self.office = office
        self.tasks = tasks
        self.platform_url = platform_url
        self.registration: Registration | None = None
        self.detail: BatchDetail | None = None
        self.uploading = False
        self.last_folder = documents_folder()
        self._stale = True
        self._generation = 0
        self._detail_generation = 0
        self._registration_known = False
        self._count_text: Callable[[], str] | None = None
        # What was corrected here for each returned batch (batch id → issue_key → words); kept while
        # the window is open and offered as the correction's reason.
        self.corrections: dict[str, dict[tuple, str]] = {}
        self.correction_dialog: NameCorrectionDialog | SubsidyWithdrawalDialog | None = None
        self._busy: set[str] = set()  # "receipt" / "register" while that task runs

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addSpacing(12)
        heading_row.addWidget(self.count)
        heading_row.addStretch(1)

        self.registration_label = QLabel()
        self.registration_label.setObjectName("registrationState")
        self.registration_label.setWordWrap(True)
        self.registration_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_button = QPushButton()
        self.register_button.setObjectName("registerDeviceButton")
        self.register_button.clicked.connect(self.register_device)
        registration_row = QHBoxLayout()
        registration_row.addWidget(self.registration_label, 1)
        registration_row.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignTop)

        self.upload_button = QPushButton()
        self.upload_button.setObjectName("uploadNowButton")
        self.upload_button.clicked.connect(self.request_upload)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopUploadButton")
        self.stop_button.clicked.connect(self.upload_stop_requested)
        self.stop_button.hide()
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportBatchButton")
        self.export_button.clicked.connect(self.export_batch)
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("importReceiptButton")
        self.receipt_button.clicked.connect(self.import_receipt)
        self.correction_button = QPushButton()
        self.correction_button.setObjectName("sealCorrectionButton")
        self.correction_button.clicked.connect(self.seal_correction)
        actions = QHBoxLayout()
        actions.addWidget(self.upload_button)
        actions.addWidget(self.stop_button)
        actions.addStretch(1)
        for button in (self.export_button, self.receipt_button, self.correction_button):
            actions.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setObjectName("uploadProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()

        self.notice = NoticeBanner()
        self.batch_model = BatchTableModel(parent=self)
        self.batch_view = row_table(self.batch_model, "outboxTable")
        self.batch_view.selectionModel().selectionChanged.connect(lambda *_args: self._batch_selected())
        header = self.batch_view.horizontalHeader()
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(BatchTableModel.CLASS, QHeaderView.ResizeMode.Stretch)
        for column in (BatchTableModel.KIND, BatchTableModel.STATE, BatchTableModel.ATTEMPTS,
                       BatchTableModel.NEXT_TRY, BatchTableModel.RECEIPT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyDetail")
        self.empty_label.setWordWrap(True)

        # The selected batch.
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        self.receipt_label = QLabel()
        self.receipt_label.setObjectName("receiptInfo")
        self.receipt_label.setWordWrap(True)
        self.receipt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("batchError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.issue_model = IssueTableModel(parent=self)
        self.issue_view = row_table(self.issue_model, "issueTable")
        self.issue_view.setWordWrap(True)
        # Long platform messages wrap: rows grow to show them whole.
        self.issue_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        issue_header = self.issue_view.horizontalHeader()
        issue_header.setMinimumSectionSize(60)
        for column in (IssueTableModel.CORRECTION, IssueTableModel.TRAINEE, IssueTableModel.FIELD):
            issue_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        issue_header.setSectionResizeMode(IssueTableModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        issue_header.setSectionResizeMode(IssueTableModel.WHAT_TO_DO, QHeaderView.ResizeMode.Stretch)
        self.issue_view.selectionModel().selectionChanged.connect(lambda *_args: self._issue_selected())
        self.issue_view.doubleClicked.connect(lambda _index: self._issue_double_clicked())
        self.correct_button = QPushButton()
        self.correct_button.setObjectName("correctIssueButton")
        self.correct_button.clicked.connect(self.correct_selected_issue)
        self.issue_hint = QLabel()
        self.issue_hint.setObjectName("emptyDetail")
        self.issue_hint.setWordWrap(True)
        self.issue_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.issue_hint, 1)
        issue_row.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignTop)
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("goFixButton")
        self.fix_button.clicked.connect(self.go_to_class)
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.receipt_label, 1)
        fix_row.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        self.detail_frame = QFrame()
        self.detail_frame.setObjectName("detailFrame")
        detail_layout = QVBoxLayout(self.detail_frame)
        detail_layout.setContentsMargins(10, 8, 10, 8)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addLayout(fix_row)
        detail_layout.addWidget(self.error_label)
        detail_layout.addWidget(self.issue_view, 1)
        detail_layout.addLayout(issue_row)
        self.detail_frame.hide()

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.batch_view)
        self.splitter.addWidget(self.detail_frame)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(heading_row)
        layout.addLayout(registration_row)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Upload")

    def show_count(self, text: Callable[[], str]) -> None:
        self._count_text = text
        self.count.setText(text())

    # --- loading -----------------------------------------------------------------------------

    def mark_stale(self) -> None:
        """The outbox changed elsewhere (a class sealed, an upload done): read it again when shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, *, select_batch: str | None = None) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        selected = self.selected_batch()
        keep = select_batch or (selected.batch_id if selected else None)
        self.tasks.run(lambda: (self.office.outbox.list(), self.office.device.registration()),
                       on_success=lambda answer: self._arrived(generation, *answer, keep),
                       on_failure=self._failed)

    def _arrived(self, generation: int, rows: list[BatchRow], registration: Registration | None,
                 keep: str | None) -> None:
        if generation != self._generation:
            return
        self.registration = registration
        self._registration_known = True
        self._render_registration()
        self.batch_model.set_rows(rows)
        position = self.batch_model.row_of_batch(keep) if keep else -1
        if position < 0 and rows:
            # The batch that needs the clerk most: a returned one, else the newest.
            position = next((n for n, row in enumerate(rows) if row.state == "rejected" and not row.superseded_by), 0)
        if position >= 0:
            self.batch_view.selectRow(position)
        else:
            self._batch_selected()
        self._render_empty()
        self._update_buttons()
        self.batches_loaded.emit(len(rows))

    def _failed(self, error: BaseException) -> None:
        self.notice.show_note(failure_text(error), "error")

    def selected_batch(self) -> BatchRow | None:
        rows = self.batch_view.selectionModel().selectedRows()
        return self.batch_model.data(rows[0], ROW_ROLE) if rows else None

    def select_batch(self, batch_id: str) -> bool:
        position = self.batch_model.row_of_batch(batch_id)
        if position < 0:
            return False
        self.batch_view.selectRow(position)
        return True

    def _batch_selected(self) -> None:
        row = self.selected_batch()
        self._update_buttons()
        if row is None:
            self.detail = None
            self.issue_model.set_rows([])
            self.detail_frame.hide()
            return
        if self.detail is not None and self.detail.row.batch_id != row.batch_id:
            self.issue_model.set_rows([])  # not the previous batch's problems under this batch's title
        self._detail_generation += 1
        generation = self._detail_generation
        batch_id = row.batch_id
        self.tasks.run(lambda: self.office.outbox.detail(batch_id),
                       on_success=lambda detail: self._detail_arrived(generation, detail),
                       on_failure=self._failed)

    def _detail_arrived(self, generation: int, detail: BatchDetail) -> None:
        if generation != self._detail_generation:
            return
        same_batch = self.detail is not None and self.detail.row.batch_id == detail.row.batch_id
        selected = self.selected_issue() if same_batch else None
        self.detail = detail
        done = self.corrections.setdefault(detail.row.batch_id, {})
        for issue in detail.issues:  # fixes made before this window opened come from the audit log
            if issue.corrected:
                done.setdefault(issue_key(issue), issue.corrected)
        self.issue_model.set_corrections(self.returned(detail.row), done)
        self.issue_model.set_rows(detail.issues)
        position = self.issue_model.row_of_issue(issue_key(selected)) if selected is not None else -1
        if position < 0 and self.returned(detail.row):
            # The first problem that can be corrected here, ready for “Correct…”.
            position = next((n for n, issue in enumerate(detail.issues)
                             if self.issue_model.correction_state(issue) == "to_correct"), -1)
        if position >= 0:
            self.issue_view.selectRow(position)
        self._issue_selected()
        self._render_detail()
        self.detail_frame.show()
        self._update_buttons()
        self.detail_loaded.emit(detail.row.batch_id)

    # --- rendering ---------------------------------------------------------------------------

    def _render_registration(self) -> None:
        registration = self.registration
        if not self._registration_known:
            self.registration_label.setText("")
            return
        if registration is None:
            self.registration_label.setStyleSheet(UNREGISTERED_STYLE)
            self.registration_label.setText(self.tr(
                "This computer is not yet registered with the provincial platform, so nothing "
                "can be uploaded. Ask the platform for an enrolment code, enter the platform address on the "
                "Settings page, then click “Register this computer…”. Until then, batches can go on a USB stick."))
            self.register_button.setVisible(True)
            return
        if registration.stopped:
            self.registration_label.setStyleSheet(UNREGISTERED_STYLE)
            self.registration_label.setText(self.tr("Uploads are paused: {reason}").format(reason=registration.stopped))
            self.register_button.setVisible(True)
            return
        self.registration_label.setStyleSheet(REGISTERED_STYLE)
        self.registration_label.setText(self.tr(
            "Registered with the provincial platform as device {device} (since {since}, {url}).").format(
            device=registration.device_id, since=labels.local_time(registration.registered_at) or "—",
            url=registration.platform_url or "—"))
        self.register_button.setVisible(False)

    def _render_empty(self) -> None:
        empty = self.batch_model.rowCount() == 0
        self.empty_label.setVisible(empty)
        self.empty_label.setText(self.tr(
            "No batches yet. When a class is completed, open it on the Classes page and click “Seal and upload”: "
            "its records are sealed into a signed batch that appears here.") if empty else "")

    def _render_detail(self) -> None:
        detail = self.detail
        if detail is None:
            return
        row = detail.row
        self.detail_title.setText(self.tr("{code} {name} · {kind} · {state}").format(
            code=row.class_code or "", name=row.class_name or "", kind=labels.batch_kind(row.kind),
            state=labels.batch_state(row.state)))
        lines = []
        if row.sequence is not None or row.received_at:
            if detail.receipt_verified is True:
                verified = self.tr("signature verified")
            elif detail.receipt_verified is False:
                verified = self.tr("signature does NOT verify")
            else:
                verified = self.tr("signature not checked (platform key unknown)")
            lines.append(self.tr("Receipt No. {sequence}, received {time} ({verified}).").format(
                sequence=row.sequence if row.sequence is not None else "—",
                time=labels.local_time(row.received_at) or "—", verified=verified))
        else:
            if row.sent_at:
                lines.append(self.tr("No receipt yet. Sealed {sealed}; sent {sent}.").format(
                    sealed=labels.local_time(row.created_at), sent=labels.local_time(row.sent_at)))
            else:
                lines.append(self.tr("No receipt yet. Sealed {sealed}; not sent yet.").format(
                    sealed=labels.local_time(row.created_at)))
        correction = self.correction_of(row)
        if self.returned(row):
            lines.append(self.tr("The platform returned this class. Select each problem below and click “Correct…” "
                                 "(or fix it on the Classes and Trainees pages), then click “Seal correction…”."))
        elif correction is not None and not row.superseded_by:
            lines.append(self.tr("Correction batch {batch} was sealed for it: follow that batch.").format(
                batch=correction.batch_id))
        elif row.state == "accepted_with_warnings":
            lines.append(self.tr("Accepted. The notes below need no new upload, but check them."))
        if row.supersedes:
            lines.append(self.tr("This correction replaces batch {batch}.").format(batch=row.supersedes))
        if row.superseded_by:
            lines.append(self.tr("Replaced by correction batch {batch}.").format(batch=row.superseded_by))
        if not detail.issues and row.state in ("accepted", "accepted_with_warnings", "rejected"):
            lines.append(self.tr("The platform listed no problems."))
        self.receipt_label.setText("\n".join(lines))
        self.error_label.setText(row.last_error or "")
        self.error_label.setVisible(bool(row.last_error))

    def _set_busy(self, what: str, busy: bool) -> None:
        if busy:
            self._busy.add(what)
        else:
            self._busy.discard(what)
        self._update_buttons()

    def apply_permissions(self) -> None:
        """The signed-in user changed: offer only what their role may do (the services check too)."""
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = self.office.actor
        row = self.selected_batch()
        apply_permission(self.upload_button, actor, Permission.UPLOAD_BATCHES, enabled=not self.uploading)
        self.stop_button.setVisible(self.uploading)
        apply_permission(self.export_button, actor, Permission.UPLOAD_BATCHES, enabled=row is not None)
        apply_permission(self.receipt_button, actor, Permission.UPLOAD_BATCHES, enabled="receipt" not in self._busy)
        apply_permission(self.register_button, actor, Permission.MANAGE_DEVICE, enabled="register" not in self._busy)
        apply_permission(self.correction_button, actor, Permission.SEAL_BATCHES,
                         enabled=row is not None and self.returned(row) and row.class_code is not None)
        self.fix_button.setEnabled(row is not None and row.class_code is not None)
        issue = self.selected_issue()
        apply_permission(self.correct_button, actor, Permission.ENROL_TRAINEES, enabled=(
            issue is not None and row is not None and self.detail is not None
            and self.detail.row.batch_id == row.batch_id and self.returned(row)
            and self.issue_model.correction_state(issue) == "to_correct"))

    # --- uploading (run by the main window) -------------------------------------------------

    def request_upload(self) -> None:
        self.notice.hide()
        self.upload_requested.emit()

    def upload_started(self) -> None:
        self.uploading = True
        self.progress.setRange(0, 0)  # busy until the first figure arrives
        self.progress.show()
        self._update_buttons()

    def upload_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Batch %v of %m"))

    def upload_finished(self, outcome: SyncReport | BaseException, *, manual: bool) -> None:
        self.uploading = False
        self.progress.hide()
        self._update_buttons()
        if isinstance(outcome, BaseException):
            if manual:
                self.notice.show_note(failure_text(outcome), "error")
        elif manual or outcome.uploaded or outcome.rejected:
            text, kind = self.report_text(outcome)
            self.notice.show_note(text, kind)
        self.mark_stale()

    def report_text(self, report: SyncReport) -> tuple[str, str]:
        """One paragraph on what an upload did, and how worried to be about it."""
        if report.stopped_reason:
            return report.stopped_reason, "warning"
        if report.offline:
            return self.tr("The provincial platform cannot be reached. Nothing is lost: {count} batch(es) wait "
                           "here and go up by themselves when the network returns.").format(count=report.waiting), \
                "warning"
        parts = []
        if report.uploaded:
            parts.append(self.tr("{count} batch(es) uploaded.").format(count=report.uploaded))
        if report.accepted:
            parts.append(self.tr("{count} accepted.").format(count=report.accepted))
        if report.rejected:
            parts.append(self.tr("{count} returned by the platform: see the problems listed for it.").format(
                count=report.rejected))
        if report.retry_after_seconds:
            parts.append(self.tr("The platform is busy; the rest will be tried again automatically."))
        if report.waiting:
            parts.append(self.tr("{count} batch(es) still waiting.").format(count=report.waiting))
        if not parts:
            parts.append(self.tr("Nothing was waiting to be uploaded."))
        if report.reference_problem:
            parts.append(report.reference_problem)
        return " ".join(parts), ("warning" if report.rejected or report.reference_problem else "success")

    # --- correcting what the platform found --------------------------------------------------

    def returned(self, row: BatchRow) -> bool:
        """Returned by the platform (被退回) and no correction sealed for it yet: it waits for fixes."""
        return row.state == "rejected" and not row.superseded_by and self.correction_of(row) is None

    def correction_of(self, row: BatchRow) -> BatchRow | None:
        return next((other for other in self.batch_model.rows() if other.supersedes == row.batch_id), None)

    def selected_issue(self) -> IssueView | None:
        rows = self.issue_view.selectionModel().selectedRows()
        return self.issue_model.data(rows[0], ROW_ROLE) if rows else None

    def select_issue(self, position: int) -> bool:
        if not 0 <= position < self.issue_model.rowCount():
            return False
        self.issue_view.selectRow(position)
        return True

    def _issue_selected(self) -> None:
        self._update_buttons()
        self._render_issue_hint()

    def _render_issue_hint(self) -> None:
        issue = self.selected_issue()
        row = self.detail.row if self.detail is not None else None
        state = self.issue_model.correction_state(issue) if issue is not None else ""
        text = ""
        if issue is not None and state == "corrected":
            text = self.tr("Corrected here: {what}.").format(what=self.issue_model.corrections[issue_key(issue)])
        elif issue is not None and state == "to_correct":
            if issue.code == NAME_MISMATCH:
                text = self.tr("Click “Correct…” to enter the name as printed on the trainee's ID card.")
            elif issue.code == SUBSIDY_LIMIT:
                text = self.tr("Click “Correct…” to withdraw this trainee's subsidy claim for this class.")
        elif issue is not None and state == "elsewhere":
            text = self.tr("This cannot be corrected here. {what}").format(what=issue.what_to_do)
        elif row is not None and self.returned(row) and self.issue_model.rowCount():
            text = self.tr("Select a problem to correct it.")
        self.issue_hint.setText(text)
        self.issue_hint.setVisible(bool(text))

    def _issue_double_clicked(self) -> None:
        if self.correct_button.isEnabled():
            self.correct_selected_issue()
        else:
            self.go_to_class()

    def correct_selected_issue(self) -> None:
        """Open the dialog that fixes the selected problem (a name, a subsidy claim), or say what to do."""
        row = self.selected_batch()
        issue = self.selected_issue()
        if row is None or issue is None or self.detail is None or self.detail.row.batch_id != row.batch_id:
            return
        if not fixable(issue):
            self.notice.show_note(self.tr("This problem cannot be corrected here. {what}").format(
                what=issue.what_to_do), "info")
            return
        if not self.returned(row) or self.issue_model.correction_state(issue) != "to_correct":
            return
        if self.correction_dialog is not None:
            self.correction_dialog.raise_()
            return
        dialog_class = NameCorrectionDialog if issue.code == NAME_MISMATCH else SubsidyWithdrawalDialog
        dialog = dialog_class(issue, self.office, self.tasks, self)
        batch_id = row.batch_id
        dialog.corrected.connect(lambda what: self._issue_corrected(batch_id, issue, what))
        dialog.finished.connect(lambda _result: self._correction_closed(dialog))
        self.correction_dialog = dialog
        dialog.open()

    def _correction_closed(self, dialog) -> None:
        if self.correction_dialog is dialog:
            self.correction_dialog = None
        dialog.dispose_when_idle()

    def _issue_corrected(self, batch_id: str, issue: IssueView, what: str) -> None:
        done = self.corrections.setdefault(batch_id, {})
        done[issue_key(issue)] = what
        if self.detail is not None and self.detail.row.batch_id == batch_id:
            self.issue_model.set_corrections(self.returned(self.detail.row), done)
            left = [i for i in self.detail.issues if self.issue_model.correction_state(i) in ("to_correct", "elsewhere")]
        else:
            left = []
        if left:
            self.notice.show_note(self.tr(
                "Corrected: {what}. {count} problem(s) of this batch still need correcting; when all are fixed, "
                "click “Seal correction…”.").format(what=what, count=len(left)), "info")
        else:
            self.notice.show_note(self.tr(
                "Corrected: {what}. Every problem of this batch is now corrected: click “Seal correction…” to seal "
                "the corrected class and upload it again.").format(what=what), "success")
        self.issue_corrected.emit(what)
        self.data_changed.emit()
        self._batch_selected()  # read the batch again: the trainee's name shown is the new one

    def correction_reason(self, row: BatchRow) -> str:
        """What was corrected here for this batch, as the correction's suggested reason."""
        done = list(self.corrections.get(row.batch_id, {}).values())
        return self.tr("Corrected as the platform asked: {what}").format(what="；".join(done)) if done else ""

    # --- USB, receipts, corrections, registration -------------------------------------------

    def export_batch(self) -> None:
        row = self.selected_batch()
        if row is None:
            return
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick or folder for batch {code}")
                                                  .format(code=row.class_code or row.batch_id), str(self.last_folder))
        if not chosen:
            return
        folder = Path(chosen)
        self.last_folder = folder
        batch_id = row.batch_id
        self.export_button.setEnabled(False)

        def done(paths: list[Path]) -> None:
            self._update_buttons()
            self.notice.show_note(self.tr(
                "Batch of {code} written to {folder}: {files}. Take these files to the platform's office; it "
                "contains personal data, so keep the stick safe. Bring back the receipt file and import it here.")
                .format(code=row.class_code or "", folder=folder, files="、".join(p.name for p in paths)), "success")
            self.batch_exported.emit(paths)

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.notice.show_note(self.tr("The batch was not exported. {reason}").format(reason=failure_text(error)),
                                  "error")

        self.tasks.run(lambda: self.office.outbox.export_batch(batch_id, folder), on_success=done, on_failure=failed)

    def import_receipt(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Import a receipt from the platform"),
                                                      str(self.last_folder),
                                                      self.tr("Receipt files (*.json);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        self.last_folder = path.parent
        self._set_busy("receipt", True)

        def done(row: BatchRow) -> None:
            self._set_busy("receipt", False)
            self.notice.show_note(self.tr("Receipt imported: {code} is now “{state}”.").format(
                code=row.class_code or row.batch_id, state=labels.batch_state(row.state)),
                "warning" if row.state == "rejected" else "success")
            self.receipt_imported.emit(row)
            self.data_changed.emit()
            self.reload(select_batch=row.batch_id)

        def failed(error: BaseException) -> None:
            self._set_busy("receipt", False)
            self.notice.show_note(self.tr("The receipt was not imported. {reason}").format(
                reason=failure_text(error)), "error")

        self.tasks.run(lambda: self.office.outbox.import_receipt(path), on_success=done, on_failure=failed)

    def seal_correction(self) -> None:
        row = self.selected_batch()
        if row is None or row.class_code is None:
            return
        code = row.class_code
        reason, accepted = QInputDialog.getText(
            self, self.tr("Seal correction for {code}").format(code=code),
            self.tr("The platform returned class {code}. Once its records are corrected, they are sealed again as a "
                    "correction batch and uploaded. What was corrected, and why?").format(code=code),
            QLineEdit.EchoMode.Normal, self.correction_reason(row))
        if not accepted:
            return
        reason = reason.strip()
        if not reason:
            self.notice.show_note(self.tr("Nothing was sealed: write what was corrected, and why."), "warning")
            return
        self.correction_button.setEnabled(False)

        def done(batch: BatchRow) -> None:
            self.notice.show_note(self.tr(
                "Correction for {code} sealed: it is waiting to upload (待上传) and goes up automatically when this "
                "computer is online.").format(code=code), "success")
            self.correction_sealed.emit(batch)
            self.data_changed.emit()
            self.reload(select_batch=batch.batch_id)

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.notice.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.outbox.seal_correction(code, reason), on_success=done, on_failure=failed)

    def register_device(self) -> None:
        url = self.platform_url()
        if not url:
            self.notice.show_note(self.tr("Enter the platform address on the Settings page first, then register "
                                          "this computer."), "warning")
            return
        code, accepted = QInputDialog.getText(self, self.tr("Register this computer"), self.tr(
            "Enrolment code from the provincial platform (it can be used once):"))
        if not accepted or not code.strip():
            return
        self._set_busy("register", True)

        def done(registration: Registration) -> None:
            self._set_busy("register", False)
            self.notice.show_note(self.tr("This computer is registered as device {device}. Waiting batches now go up "
                                          "automatically.").format(device=registration.device_id), "success")
            self.data_changed.emit()
            self.reload()

        def failed(error: BaseException) -> None:
            self._set_busy("register", False)
            self.notice.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.device.register(url, code.strip()), on_success=done, on_failure=failed)

    def go_to_class(self) -> None:
        row = self.selected_batch()
        if row is not None and row.class_code:
            self.navigate_to_class.emit(row.class_code)

    # --- language ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.upload_button.setText(self.tr("Upload now"))
        self.stop_button.setText(self.tr("Stop"))
        self.export_button.setText(self.tr("Export to USB…"))
        self.receipt_button.setText(self.tr("Import receipt…"))
        self.correction_button.setText(self.tr("Seal correction…"))
        self.register_button.setText(self.tr("Register this computer…"))
        self.fix_button.setText(self.tr("Go and fix"))
        self.fix_button.setToolTip(self.tr("Open this class on the Classes page"))
        self.correct_button.setText(self.tr("Correct…"))
        self.correct_button.setToolTip(self.tr("Correct the selected problem: a trainee's name, or a subsidy claim"))
        self.count.setText(self._count_text() if self._count_text else "")
        self.batch_model.retranslate()
        self.issue_model.retranslate()
        self._render_registration()
        self._render_empty()
        self._render_detail()
        self._render_issue_hint()
