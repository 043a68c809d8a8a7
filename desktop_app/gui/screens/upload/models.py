"""The upload screen's tables: the outbox of sealed batches, and what the platform's receipt found
wrong in one of them (with, while the batch is returned, whether each problem is corrected here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

from desktop_app.domain.batches import PENDING_STATES, BatchState
from desktop_app.gui import value_labels as labels
from desktop_app.gui.screens.upload.correction_dialogs import fixable
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.row_model import RowList
from desktop_app.services.outbox import BatchRow, IssueView

# The colour of each batch state's word in the outbox (the words come from value_labels).
STATE_COLOURS: dict[BatchState, Colour] = {
    BatchState.SEALED: Colour.ACCENT,
    BatchState.SENDING: Colour.ACCENT,
    BatchState.SENT_UNCONFIRMED: Colour.WARNING,
    BatchState.ACCEPTED: Colour.SUCCESS,
    BatchState.ACCEPTED_WITH_WARNINGS: Colour.SUCCESS,
    BatchState.REJECTED: Colour.ERROR,
    BatchState.SUPERSEDED: Colour.TEXT_FAINT,
}

IssueKey = tuple[str, str | None, str | None]


def issue_key(issue: IssueView) -> IssueKey:
    """The same problem across reloads (the trainee's name in an IssueView changes once corrected)."""
    return issue.code, issue.record_id, issue.field


class OutboxModel(RowList, QAbstractTableModel):
    """The outbox, newest first: class, kind, state, attempts, next try, receipt."""

    CLASS, KIND, STATE, ATTEMPTS, NEXT_TRY, RECEIPT = range(6)
    row_key = "batch_id"

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

    def cell(self, row: BatchRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.CLASS: f"{row.class_code or ''}  {row.class_name or ''}".strip(),
                self.KIND: labels.batch_kind(row.kind),
                self.STATE: labels.batch_state(row.state),
                self.ATTEMPTS: str(row.attempts),
                self.NEXT_TRY: labels.local_time(row.next_attempt_at) if row.state in PENDING_STATES else "",
                self.RECEIPT: self.receipt(row),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            colour = STATE_COLOURS.get(row.state)
            return qcolor(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATE and row.last_error:
                return row.last_error
            if column == self.CLASS:
                return row.class_name
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ATTEMPTS, self.STATE, self.KIND):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def correction_of(self, row: BatchRow) -> BatchRow | None:
        """The correction batch sealed for `row`, if any."""
        return next((other for other in self._rows if other.supersedes == row.batch_id), None)

    def returned(self, row: BatchRow) -> bool:
        """Returned by the platform (被退回) and no correction sealed for it yet: it waits for fixes."""
        return row.state == BatchState.REJECTED and not row.superseded_by and self.correction_of(row) is None

    def most_urgent(self) -> int:
        """The batch that needs the clerk most: a returned one, else the newest (-1: none)."""
        returned = (n for n, row in enumerate(self._rows) if row.state == BatchState.REJECTED and not row.superseded_by)
        return next(returned, 0 if self._rows else -1)


class ReceiptIssueModel(RowList, QAbstractTableModel):
    """What the platform found wrong in a batch, per trainee and field, with what to do, and
    (while the batch is returned) whether it has been corrected here."""

    CORRECTION, TRAINEE, FIELD, MESSAGE, WHAT_TO_DO = range(5)

    def __init__(self, rows: Sequence[IssueView] = (), parent=None) -> None:
        super().__init__(rows, parent)
        self.returned = False  # the batch waits for corrections
        self.corrections: dict[IssueKey, str] = {}  # issue_key → what was changed

    def headers(self) -> list[str]:
        return [self.tr("Fix status"), self.tr("Trainee"), self.tr("Field"), self.tr("Problem"), self.tr("What to do")]

    def set_corrections(self, returned: bool, corrections: dict[IssueKey, str]) -> None:
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

    def row_of_issue(self, key: IssueKey) -> int:
        return next((number for number, issue in enumerate(self._rows) if issue_key(issue) == key), -1)

    def first_to_correct(self) -> int:
        """The first problem that can be corrected here (-1: none)."""
        return next((n for n, issue in enumerate(self._rows) if self.correction_state(issue) == "to_correct"), -1)

    def still_to_fix(self) -> list[IssueView]:
        """The problems of a returned batch not corrected yet, here or elsewhere."""
        return [issue for issue in self._rows if self.correction_state(issue) in ("to_correct", "elsewhere")]

    def trainee(self, issue: IssueView) -> str:
        if issue.trainee_name and issue.roll_no is not None:
            return self.tr("No. {roll} {name}").format(roll=issue.roll_no, name=issue.trainee_name)
        return issue.trainee_name or self.tr("Whole batch")

    def cell(self, issue: IssueView, column: int, role: int) -> Any:
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
            return qcolor(Colour.ERROR if issue.severity == "error" else Colour.WARNING)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CORRECTION:
            state = self.correction_state(issue)
            return qcolor(Colour.SUCCESS if state == "corrected" else Colour.ERROR if state == "to_correct"
                          else Colour.TEXT_FAINT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CORRECTION:
            return Qt.AlignmentFlag.AlignCenter
        return None
