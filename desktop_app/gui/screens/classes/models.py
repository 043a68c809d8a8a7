"""Thin table models over the plain rows the services return (classes, sessions, rosters, trainees,
import outcomes). Column constants name the columns; ROW_ROLE hands the whole row to the view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.domain.class_status import ClassStatus
from desktop_app.gui import value_labels as labels
from desktop_app.gui.widgets.row_model import ROW_ROLE, Index, RowList
from desktop_app.services.classes import ClassRow, SessionRow
from desktop_app.services.roster import RowOutcome
from desktop_app.services.trainees import RosterEntry, TraineeRow, TrainingRecord

# Row colours: red for what cannot go in, orange for what goes in without a subsidy.
REJECTED_BACKGROUND = QColor("#f9d9d9")
NO_SUBSIDY_BACKGROUND = QColor("#ffe9c7")
MUTED_FOREGROUND = QColor("#8a9099")
STATUS_COLOURS = {
    ClassStatus.DRAFT: QColor("#6b7480"),
    ClassStatus.FILED: QColor("#2f6fb3"),
    ClassStatus.IN_TRAINING: QColor("#1d7a3a"),
    ClassStatus.COMPLETED: QColor("#5a4a9c"),
    ClassStatus.SEALED: QColor("#444444"),
    ClassStatus.UPLOADED: QColor("#444444"),
    ClassStatus.RETURNED: QColor("#b3261e"),
}

class ClassTableModel(RowList, QAbstractTableModel):
    """The class list."""

    CODE, NAME, OCCUPATION, LEVEL, TRAINING_TYPE, DATES, ENROLMENT, STATUS = range(8)

    def __init__(self, rows: Sequence[ClassRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ClassRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Class name"), self.tr("Occupation"), self.tr("Level"),
                self.tr("Training type"), self.tr("Dates"), self.tr("Enrolled / places"), self.tr("Status")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: ClassRow = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.CODE: row.code,
                self.NAME: row.name,
                self.OCCUPATION: row.occupation,
                self.LEVEL: labels.level(row.level),
                self.TRAINING_TYPE: row.training_type,
                self.DATES: labels.date_range(row.start_date, row.end_date),
                self.ENROLMENT: f"{row.enrolled}/{row.capacity}",
                self.STATUS: labels.class_status(row.status),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return row.name
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return STATUS_COLOURS.get(row.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ENROLMENT, self.STATUS, self.LEVEL):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def row_of_code(self, code: str) -> int:
        for number, row in enumerate(self._rows):
            if row.code == code:
                return number
        return -1

    def replace_row(self, new: ClassRow) -> None:
        """One class changed (status, capacity …): repaint its line only."""
        number = self.row_of_code(new.code)
        if number < 0:
            return
        self._rows[number] = new
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers()) - 1))


class SessionTableModel(RowList, QAbstractTableModel):
    """A class's sessions (课表)."""

    DATE, WEEKDAY, TIME, KIND, LESSONS, TEACHER, STATUS = range(7)

    def __init__(self, rows: Sequence[SessionRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Weekday"), self.tr("Time"), self.tr("Kind"), self.tr("Lessons"),
                self.tr("Teacher"), self.tr("Status")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: SessionRow = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
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
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "cancelled":
            return MUTED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.WEEKDAY, self.KIND, self.LESSONS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def replace_row(self, new: SessionRow) -> None:
        for number, row in enumerate(self._rows):
            if row.id == new.id:
                self._rows[number] = new
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers()) - 1))
                return


class RosterTableModel(RowList, QAbstractTableModel):
    """A class's roster (花名册), masked; the subsidy decision with its reasons as a tooltip."""

    ROLL, NAME, ID_NUMBER, SEX, PHONE, SUBSIDY = range(6)

    def __init__(self, rows: Sequence[RosterEntry] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RosterEntry] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Name"), self.tr("ID number"), self.tr("Sex"), self.tr("Mobile"),
                self.tr("Subsidy")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: RosterEntry = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
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
            return NO_SUBSIDY_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.SEX):
            return Qt.AlignmentFlag.AlignCenter
        return None


class OutcomeTableModel(RowList, QAbstractTableModel):
    """What a roster import did (or in a preview will do) with each spreadsheet row."""

    ROW_NUMBER, NAME, ID_NUMBER, RESULT, REASONS = range(5)

    def __init__(self, rows: Sequence[RowOutcome] = (), *, preview: bool = True, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RowOutcome] = list(rows)
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: RowOutcome = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
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
            if row.status == "rejected":
                return REJECTED_BACKGROUND
            if row.status == "enrolled_without_subsidy":
                return NO_SUBSIDY_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ROW_NUMBER:
            return Qt.AlignmentFlag.AlignCenter
        return None


class TraineeTableModel(RowList, QAbstractTableModel):
    """Trainees found by a search, masked."""

    NAME, ID_NUMBER, SEX, BIRTH_DATE, PHONE, CLASSES = range(6)

    def __init__(self, rows: Sequence[TraineeRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TraineeRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("ID number"), self.tr("Sex"), self.tr("Date of birth"), self.tr("Mobile"),
                self.tr("Number of classes")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: TraineeRow = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.NAME: row.name,
                self.ID_NUMBER: row.id_masked,
                self.SEX: labels.sex(row.sex),
                self.BIRTH_DATE: labels.day(row.birth_date),
                self.PHONE: row.phone_masked or "",
                self.CLASSES: str(row.classes),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SEX, self.CLASSES):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def row_of_id(self, trainee_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.id == trainee_id:
                return number
        return -1


class HistoryTableModel(RowList, QAbstractTableModel):
    """A trainee's classes, newest first, with the subsidy decision of each."""

    CODE, NAME, LEVEL, DATES, SUBSIDY = range(5)

    def __init__(self, rows: Sequence[TrainingRecord] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TrainingRecord] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Class code"), self.tr("Class name"), self.tr("Level"), self.tr("Dates"), self.tr("Subsidy")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: TrainingRecord = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.CODE: row.class_code,
                self.NAME: row.class_name,
                self.LEVEL: labels.level(row.level),
                self.DATES: labels.date_range(row.start_date, row.end_date),
                self.SUBSIDY: labels.subsidy(row.subsidy_status),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME:
                return f"{row.class_name}\n{row.occupation} {labels.level(row.level)}"
            if row.eligibility_reasons:
                return "\n".join(row.eligibility_reasons)
        if role == Qt.ItemDataRole.BackgroundRole and not labels.subsidised(row.subsidy_status):
            return NO_SUBSIDY_BACKGROUND
        return None
