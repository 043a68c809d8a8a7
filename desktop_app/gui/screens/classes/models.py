"""The classes screen's table models: the class list, a class's sessions and roster, and what a
roster import does with each spreadsheet row. Thin adapters over the services' plain rows (column
constants name the columns; ROW_ROLE hands the whole row to a view)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.roster_outcome import RosterOutcome
from desktop_app.domain.schedule import SessionStatus
from desktop_app.gui import value_labels as labels
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.row_model import RowList
from desktop_app.services.classes import ClassRow, SessionRow
from desktop_app.services.roster import RowOutcome
from desktop_app.services.trainees import RosterEntry

# A class's status in colour, in the list and on the detail's chip.
STATUS_COLOURS = {
    ClassStatus.DRAFT: Colour.STATUS_DRAFT,
    ClassStatus.FILED: Colour.ACCENT,
    ClassStatus.IN_TRAINING: Colour.SUCCESS,
    ClassStatus.COMPLETED: Colour.STATUS_COMPLETED,
    ClassStatus.SEALED: Colour.STATUS_FINAL,
    ClassStatus.UPLOADED: Colour.STATUS_FINAL,
    ClassStatus.RETURNED: Colour.ERROR,
}


class ClassTableModel(RowList, QAbstractTableModel):
    """The class list."""

    CODE, NAME, OCCUPATION, LEVEL, TRAINING_TYPE, DATES, ENROLMENT, STATUS = range(8)
    row_key = "code"

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Class name"), self.tr("Occupation"), self.tr("Level"),
                self.tr("Training type"), self.tr("Dates"), self.tr("Enrolled / places"), self.tr("Status")]

    def cell(self, row: ClassRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.CODE: row.code,
                self.NAME: row.name,
                self.OCCUPATION: row.occupation,
                self.LEVEL: labels.level(row.level),
                self.TRAINING_TYPE: labels.reference_name(row.training_type),
                self.DATES: labels.date_range(row.start_date, row.end_date),
                self.ENROLMENT: f"{row.enrolled}/{row.capacity}",
                self.STATUS: labels.class_status(row.status),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TRAINING_TYPE:
            return labels.reference_name(row.training_type)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            colour = STATUS_COLOURS.get(row.status)
            return qcolor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ENROLMENT, self.STATUS, self.LEVEL):
            return Qt.AlignmentFlag.AlignCenter
        return None


class SessionTableModel(RowList, QAbstractTableModel):
    """A class's sessions (课表)."""

    DATE, WEEKDAY, TIME, KIND, LESSONS, TEACHER, STATUS = range(7)
    row_key = "id"

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Weekday"), self.tr("Time"), self.tr("Kind"), self.tr("Lessons"),
                self.tr("Teacher"), self.tr("Status")]

    def cell(self, row: SessionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.DATE: row.starts_at.date().isoformat(),
                self.WEEKDAY: labels.weekday(row.starts_at.date()),
                self.TIME: labels.time_span(row.starts_at, row.ends_at),
                self.KIND: labels.session_kind(row.kind),
                self.LESSONS: str(row.lessons),
                self.TEACHER: row.teacher or "",
                self.STATUS: labels.session_status(row.status),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.status == SessionStatus.CANCELLED:
            return qcolor(Colour.TEXT_FAINT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.WEEKDAY, self.KIND, self.LESSONS):
            return Qt.AlignmentFlag.AlignCenter
        return None


class RosterTableModel(RowList, QAbstractTableModel):
    """A class's roster (花名册), masked; the subsidy decision with its reasons as a tooltip."""

    ROLL, NAME, ID_NUMBER, SEX, PHONE, SUBSIDY = range(6)

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Name"), self.tr("ID number"), self.tr("Sex"), self.tr("Mobile"),
                self.tr("Subsidy")]

    def cell(self, row: RosterEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.ROLL: str(row.roll_no),
                self.NAME: row.name,
                self.ID_NUMBER: row.id_masked,
                self.SEX: labels.sex(row.sex),
                self.PHONE: row.phone_masked or "",
                self.SUBSIDY: labels.subsidy(row.subsidy_status),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and row.reasons:
            return "\n".join(row.reasons)
        if role == Qt.ItemDataRole.BackgroundRole and not labels.subsidised(row.subsidy_status):
            return qcolor(Colour.ROW_NO_SUBSIDY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.SEX):
            return Qt.AlignmentFlag.AlignCenter
        return None


class OutcomeTableModel(RowList, QAbstractTableModel):
    """What a roster import did (or in a preview will do) with each spreadsheet row."""

    ROW_NUMBER, NAME, ID_NUMBER, RESULT, REASONS = range(5)

    def __init__(self, rows: Sequence[RowOutcome] = (), *, preview: bool = True, parent=None) -> None:
        super().__init__(rows, parent)
        self.preview = preview

    def headers(self) -> list[str]:
        return [self.tr("Row"), self.tr("Name"), self.tr("ID number"), self.tr("Result"), self.tr("Reasons")]

    def set_outcomes(self, rows: Sequence[RowOutcome], *, preview: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.preview = preview
        self.endResetModel()

    @staticmethod
    def reasons(outcome: RowOutcome) -> list[str]:
        # Rejections carry problems; enrolments without subsidy carry the reasons as warnings.
        return [problem.message() for problem in (outcome.problems or outcome.warnings)]

    def cell(self, row: RowOutcome, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.ROW_NUMBER: str(row.row_number),
                self.NAME: row.name,
                self.ID_NUMBER: row.id_masked,
                self.RESULT: labels.roster_outcome(row.status, preview=self.preview),
                self.REASONS: "；".join(self.reasons(row)),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASONS:
            reasons = self.reasons(row)
            return "\n".join(reasons) if reasons else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.status == RosterOutcome.REJECTED:
                return qcolor(Colour.ROW_REJECTED)
            if row.status == RosterOutcome.ENROLLED_WITHOUT_SUBSIDY:
                return qcolor(Colour.ROW_NO_SUBSIDY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ROW_NUMBER:
            return Qt.AlignmentFlag.AlignCenter
        return None
