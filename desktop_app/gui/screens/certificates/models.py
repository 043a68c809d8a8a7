"""The table models of the 证书 screen: a class's assessment results (edited cell by cell) and the
issue table (who may receive a certificate, and the number and state of each one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.assessment import AssessmentResult, AssessmentValueError, format_score, parse_score
from desktop_app.domain.certificates import CertificateStatus
from desktop_app.gui import value_labels as labels
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.row_model import Index, RowList
from desktop_app.messages import Problem
from desktop_app.services.assessment import AssessmentRowView
from desktop_app.services.certificates import CertificateCandidate, CertificateView

def _pass_or_fail(passed: bool) -> QColor:
    return qcolor(Colour.SUCCESS) if passed else qcolor(Colour.ERROR)


# --- 考核成绩: the editable grid -------------------------------------------------------------


class AssessmentTableModel(RowList, QAbstractTableModel):
    """A class's results, one line per trainee. An accepted edit changes the line at once and is
    announced through `edited` for the screen to save; a refused one marks the cell and says why."""

    ROLL, NAME, ID_NUMBER, THEORY, PRACTICAL, RESULT, RETAKE = range(7)
    edited = Signal(object)  # AssessmentRowView with the new values
    edited_cell = Signal(object, int)  # the same, with the column that changed (after `edited`)
    refused = Signal(int, int, str)  # row, column, the rule's sentence
    row_key = "enrolment_id"

    def __init__(self, rows: Sequence[AssessmentRowView] = (), parent=None) -> None:
        super().__init__(rows, parent)
        self.read_only = False
        self.errors: dict[tuple[int, int], str] = {}  # (enrolment id, column) → why the entry was refused

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("ID card no."), self.tr("Theory score"),
                self.tr("Practical score"), self.tr("Assessment result"), self.tr("Retake")]

    def set_rows(self, rows: Sequence[AssessmentRowView]) -> None:
        """The same trainees read again: changed lines are repainted in place, so that an editor
        open in the grid stays open with what is being typed (a reset would close it and lose
        the keys). Other trainees: the whole grid is read anew."""
        marked = {enrolment_id for enrolment_id, _column in self.errors}  # their red cells go too
        self.errors.clear()
        rows = list(rows)
        if [row.enrolment_id for row in rows] != [row.enrolment_id for row in self._rows] or not rows:
            super().set_rows(rows)
            return
        for number, row in enumerate(rows):
            if row != self._rows[number] or row.enrolment_id in marked:
                self._rows[number] = row
                self.repaint_line(number)

    def set_read_only(self, read_only: bool) -> None:
        self.beginResetModel()  # flags change for every cell
        self.read_only = read_only
        self.endResetModel()

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

    def cell(self, row: AssessmentRowView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.ROLL: str(row.roll_no),
                self.NAME: row.name,
                self.ID_NUMBER: row.id_masked,
                self.THEORY: format_score(row.theory_score),
                self.PRACTICAL: format_score(row.practical_score),
                self.RESULT: labels.assessment_result(row.result) + (" *" if row.override_reason else ""),
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
            return qcolor(Colour.ROW_REJECTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if error:
                return error
            if column == self.RESULT and row.override_reason:
                return self.tr("Recorded against the scores. Reason: {reason}").format(reason=row.override_reason)
            if column in (self.THEORY, self.PRACTICAL) and not self.read_only:
                return self.tr("0 to 100, at most one decimal; type 缺考 for an absent trainee")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT and row.result:
            return _pass_or_fail(row.result == AssessmentResult.PASS)
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
            if value and value not in tuple(AssessmentResult):
                return False
            result = AssessmentResult(value) if value else None
            return self._apply(number, column, replace(row, result=result))
        return False

    def _apply(self, number: int, column: int, new: AssessmentRowView) -> bool:
        had_error = self.errors.pop((new.enrolment_id, column), None) is not None
        if new == self._rows[number]:
            if had_error:
                self.dataChanged.emit(self.index(number, column), self.index(number, column))
            return True
        self._rows[number] = new
        self.repaint_line(number)
        self.edited.emit(new)
        self.edited_cell.emit(new, column)
        return True

    def counts(self) -> tuple[int, int, int]:
        """(trainees with a result, passed, failed)."""
        passed = sum(1 for row in self._rows if row.result == AssessmentResult.PASS)
        failed = sum(1 for row in self._rows if row.result == AssessmentResult.FAIL)
        return passed + failed, passed, failed


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
    status: CertificateStatus | None  # None: no certificate
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
        if view.status == CertificateStatus.VOID:
            rows.append(IssueRow(None, None, view.name, str(view.content.get("id_masked", "")), None, (),
                                 view.number, CertificateStatus.VOID, view.issued_on, view.void_reason))
    return rows


class CertificateIssueModel(RowList, QAbstractTableModel):
    """Who may receive a certificate and why not, with the number and state of each certificate.
    (Not the upload screen's table of what an upload did.)"""

    ROLL, NAME, ID_NUMBER, ELIGIBLE, NUMBER, STATUS = range(6)
    row_key = "number"

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("ID card no."), self.tr("Can be issued"),
                self.tr("Certificate number"), self.tr("Status")]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole heading, when a narrow column cuts it short
            role = Qt.ItemDataRole.DisplayRole
        return super().headerData(section, orientation, role)

    @staticmethod
    def reasons_text(row: IssueRow) -> str:
        return "；".join(problem.message() for problem in row.reasons)

    def cell(self, row: IssueRow, column: int, role: int) -> Any:
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
                self.STATUS: labels.certificate_status(row.status),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ELIGIBLE and row.reasons:
                return "\n".join(problem.message() for problem in row.reasons)
            if row.status == CertificateStatus.VOID and row.void_reason:
                return self.tr("Voided: {reason}").format(reason=row.void_reason)
            if column == self.NUMBER and row.issued_on:
                return self.tr("Issued on {date}").format(date=row.issued_on.isoformat())
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == CertificateStatus.VOID:
                return qcolor(Colour.TEXT_FAINT)
            if column == self.ELIGIBLE and row.eligible is not None:
                return _pass_or_fail(row.eligible)
            if column == self.STATUS and row.status == CertificateStatus.ISSUED:
                return qcolor(Colour.SUCCESS)
        if role == Qt.ItemDataRole.FontRole and row.status == CertificateStatus.VOID and column == self.NUMBER:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.STATUS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def issuable(self) -> list[IssueRow]:
        return [row for row in self._rows if row.eligible and row.number is None and row.enrolment_id is not None]

    def issued(self) -> list[IssueRow]:
        return [row for row in self._rows if row.status == CertificateStatus.ISSUED]
