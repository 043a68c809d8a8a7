"""The batch selected on the upload screen: its receipt in words, what the platform found wrong in
it, and — while the platform has returned it — correcting those problems one by one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.batches import RECEIPT_STATES, BatchState
from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.screens.upload.correction_dialogs import (
    NAME_MISMATCH,
    SUBSIDY_LIMIT,
    NameCorrectionDialog,
    SubsidyWithdrawalDialog,
    fixable,
)
from desktop_app.gui.screens.upload.models import IssueKey, OutboxModel, ReceiptIssueModel, issue_key
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.row_table import row_table, selected_row
from desktop_app.services.office import Office
from desktop_app.services.outbox import BatchDetail, BatchRow, IssueView


class BatchPanel(QFrame):
    """Shows the batch the screen selected (`show_batch`); what happened is said in the screen's banner."""

    loaded = Signal(str)  # batch id: its details are shown
    issue_corrected = Signal(str)  # what was changed, in words
    go_to_class = Signal(str)  # class code: “Go and fix”

    def __init__(self, office: Office, operations: Operations, *, outbox: OutboxModel, notice: NoticeBanner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailFrame")
        self.office = office
        self.operations = operations
        self.outbox = outbox  # whether a batch is returned depends on the corrections sealed for it
        self.notice = notice
        self.row: BatchRow | None = None  # selected on the screen
        self.detail: BatchDetail | None = None  # shown here (the selected batch's, once it arrived)
        # What was corrected here for each returned batch (batch id → issue_key → words); kept while
        # the window is open and offered as the correction's reason.
        self.corrections: dict[str, dict[IssueKey, str]] = {}
        self.correction_dialogs: DialogSlot[NameCorrectionDialog | SubsidyWithdrawalDialog] = DialogSlot()

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.receipt_label = QLabel()
        self.receipt_label.setObjectName("receiptInfo")
        self.receipt_label.setWordWrap(True)
        self.receipt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("goFixButton")
        self.fix_button.clicked.connect(self._go_to_class)
        self.error_label = QLabel()
        self.error_label.setObjectName("batchError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.issue_model = ReceiptIssueModel(parent=self)
        self.issue_view = row_table(self.issue_model, "issueTable")
        self.issue_view.setWordWrap(True)
        # Long platform messages wrap: rows grow to show them whole.
        self.issue_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.issue_view.horizontalHeader()
        header.setMinimumSectionSize(60)
        for column in (ReceiptIssueModel.CORRECTION, ReceiptIssueModel.TRAINEE, ReceiptIssueModel.FIELD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (ReceiptIssueModel.MESSAGE, ReceiptIssueModel.WHAT_TO_DO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.issue_view.selectionModel().selectionChanged.connect(lambda *_args: self._issue_selected())
        self.issue_view.doubleClicked.connect(lambda _index: self._issue_double_clicked())
        self.issue_hint = QLabel()
        self.issue_hint.setObjectName("emptyDetail")
        self.issue_hint.setWordWrap(True)
        self.issue_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.correct_button = QPushButton()
        self.correct_button.setObjectName("correctIssueButton")
        self.correct_button.clicked.connect(self.correct_selected_issue)

        receipt_row = QHBoxLayout()
        receipt_row.addWidget(self.receipt_label, 1)
        receipt_row.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.issue_hint, 1)
        issue_row.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addLayout(receipt_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.issue_view, 1)
        layout.addLayout(issue_row)
        self.hide()

    # --- the batch shown ---------------------------------------------------------------------

    def show_batch(self, row: BatchRow | None) -> None:
        """The screen selected `row` (None: nothing): read its details; only the last asked is shown."""
        self.row = row
        self.update_buttons()
        if row is None:
            self.detail = None
            self.issue_model.set_rows([])
            self.hide()
            return
        if self.detail is not None and self.detail.row.batch_id != row.batch_id:
            self.issue_model.set_rows([])  # not the previous batch's problems under this batch's title
        office, batch_id = self.office, row.batch_id
        self.operations.run(self, lambda: office.outbox.detail(batch_id), success=self._arrived, latest="detail")

    def show_failure(self, error: BaseException) -> None:
        self.notice.show_failure(error)

    def _arrived(self, detail: BatchDetail) -> None:
        same_batch = self.detail is not None and self.detail.row.batch_id == detail.row.batch_id
        selected = self.selected_issue() if same_batch else None
        self.detail = detail
        done = self.corrections.setdefault(detail.row.batch_id, {})
        for issue in detail.issues:  # fixes made before this window opened come from the audit log
            if issue.corrected:
                done.setdefault(issue_key(issue), issue.corrected)
        returned = self.outbox.returned(detail.row)
        self.issue_model.set_corrections(returned, done)
        self.issue_model.set_rows(detail.issues)
        position = self.issue_model.row_of_issue(issue_key(selected)) if selected is not None else -1
        if position < 0 and returned:
            position = self.issue_model.first_to_correct()  # ready for “Correct…”
        if position >= 0:
            self.issue_view.selectRow(position)
        self._issue_selected()
        self.render()
        self.show()
        self.loaded.emit(detail.row.batch_id)

    def render(self) -> None:
        detail = self.detail
        if detail is None:
            return
        row = detail.row
        self.title.setText(self.tr("{code} {name} · {kind} · {state}").format(
            code=row.class_code or "", name=row.class_name or "", kind=labels.batch_kind(row.kind),
            state=labels.batch_state(row.state)))
        self.receipt_label.setText("\n".join(self._receipt_lines(detail)))
        self.error_label.setText(row.last_error or "")
        self.error_label.setVisible(bool(row.last_error))

    def _receipt_lines(self, detail: BatchDetail) -> list[str]:
        row = detail.row
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
        elif row.sent_at:
            lines.append(self.tr("No receipt yet. Sealed {sealed}; sent {sent}.").format(
                sealed=labels.local_time(row.created_at), sent=labels.local_time(row.sent_at)))
        else:
            lines.append(self.tr("No receipt yet. Sealed {sealed}; not sent yet.").format(
                sealed=labels.local_time(row.created_at)))
        correction = self.outbox.correction_of(row)
        if self.outbox.returned(row):
            lines.append(self.tr("The platform returned this class. Select each problem below and click “Correct…” "
                                 "(or fix it on the Classes and Trainees pages), then click “Seal correction…”."))
        elif correction is not None and not row.superseded_by:
            lines.append(self.tr("Correction batch {batch} was sealed for it: follow that batch.").format(
                batch=correction.batch_id))
        elif row.state == BatchState.ACCEPTED_WITH_WARNINGS:
            lines.append(self.tr("Accepted. The notes below need no new upload, but check them."))
        if row.supersedes:
            lines.append(self.tr("This correction replaces batch {batch}.").format(batch=row.supersedes))
        if row.superseded_by:
            lines.append(self.tr("Replaced by correction batch {batch}.").format(batch=row.superseded_by))
        if not detail.issues and row.state in RECEIPT_STATES:
            lines.append(self.tr("The platform listed no problems."))
        return lines

    def _go_to_class(self) -> None:
        if self.row is not None and self.row.class_code:
            self.go_to_class.emit(self.row.class_code)

    # --- the problems and correcting them ----------------------------------------------------

    def selected_issue(self) -> IssueView | None:
        return selected_row(self.issue_view)

    def select_issue(self, position: int) -> bool:
        if not 0 <= position < self.issue_model.rowCount():
            return False
        self.issue_view.selectRow(position)
        return True

    def _showing_selected(self) -> bool:
        """The details shown are the selected batch's (not the previous one's, still on screen)."""
        return self.row is not None and self.detail is not None and self.detail.row.batch_id == self.row.batch_id

    def _correctable_here(self, issue: IssueView | None) -> bool:
        return (issue is not None and self._showing_selected() and self.outbox.returned(self.row)
                and self.issue_model.correction_state(issue) == "to_correct")

    def update_buttons(self) -> None:
        self.fix_button.setEnabled(self.row is not None and self.row.class_code is not None)
        apply_permission(self.correct_button, self.office.actor, Permission.ENROL_TRAINEES,
                         enabled=self._correctable_here(self.selected_issue()))

    def _issue_selected(self) -> None:
        self.update_buttons()
        self._render_hint()

    def _render_hint(self) -> None:
        issue = self.selected_issue()
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
        elif self.detail is not None and self.outbox.returned(self.detail.row) and self.issue_model.rowCount():
            text = self.tr("Select a problem to correct it.")
        self.issue_hint.setText(text)
        self.issue_hint.setVisible(bool(text))

    def _issue_double_clicked(self) -> None:
        if self.correct_button.isEnabled():
            self.correct_selected_issue()
        else:
            self._go_to_class()

    @property
    def correction_dialog(self) -> NameCorrectionDialog | SubsidyWithdrawalDialog | None:
        """The correction dialog on screen, if one is."""
        return self.correction_dialogs.dialog

    def correct_selected_issue(self) -> None:
        """Open the dialog that fixes the selected problem (a name, a subsidy claim), or say what to do."""
        issue = self.selected_issue()
        if issue is None or not self._showing_selected():
            return
        if not fixable(issue):
            self.notice.show_note(self.tr("This problem cannot be corrected here. {what}").format(
                what=issue.what_to_do), "info")
            return
        if not self._correctable_here(issue):
            return
        if self.correction_dialogs.raise_open():
            return
        dialog_class = NameCorrectionDialog if issue.code == NAME_MISMATCH else SubsidyWithdrawalDialog
        dialog = dialog_class(issue, self.office, self.operations, self)
        batch_id = self.row.batch_id
        dialog.corrected.connect(lambda what: self._issue_corrected(batch_id, issue, what))
        self.correction_dialogs.open(dialog)

    def _issue_corrected(self, batch_id: str, issue: IssueView, what: str) -> None:
        done = self.corrections.setdefault(batch_id, {})
        done[issue_key(issue)] = what
        left: list[IssueView] = []
        if self.detail is not None and self.detail.row.batch_id == batch_id:
            self.issue_model.set_corrections(self.outbox.returned(self.detail.row), done)
            left = self.issue_model.still_to_fix()
        if left:
            self.notice.show_note(self.tr(
                "Corrected: {what}. {count} problem(s) of this batch still need correcting; when all are fixed, "
                "click “Seal correction…”.").format(what=what, count=len(left)), "info")
        else:
            self.notice.show_note(self.tr(
                "Corrected: {what}. Every problem of this batch is now corrected: click “Seal correction…” to seal "
                "the corrected class and upload it again.").format(what=what), "success")
        self.issue_corrected.emit(what)
        self.show_batch(self.row)  # read the batch again: the trainee's name shown is the new one

    def correction_reason(self, row: BatchRow) -> str:
        """What was corrected here for this batch, as the correction's suggested reason."""
        done = list(self.corrections.get(row.batch_id, {}).values())
        return self.tr("Corrected as the platform asked: {what}").format(what="；".join(done)) if done else ""

    def retranslate(self) -> None:
        self.fix_button.setText(self.tr("Go and fix"))
        self.fix_button.setToolTip(self.tr("Open this class on the Classes page"))
        self.correct_button.setText(self.tr("Correct…"))
        self.correct_button.setToolTip(self.tr("Correct the selected problem: a trainee's name, or a subsidy claim"))
        self.issue_model.retranslate()
        self.render()
        self._render_hint()
