"""The trainees screen's table models: trainees found by a search, and one trainee's classes. Thin
adapters over the services' plain rows (column constants name the columns; ROW_ROLE hands the
whole row to a view)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

from desktop_app.gui import value_labels as labels
from desktop_app.gui.theme import Colour, qcolor
from desktop_app.gui.widgets.row_model import RowList
from desktop_app.services.trainees import TraineeRow, TrainingRecord


class TraineeTableModel(RowList, QAbstractTableModel):
    """Trainees found by a search, masked."""

    NAME, ID_NUMBER, SEX, BIRTH_DATE, PHONE, CLASSES = range(6)
    row_key = "id"

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("ID number"), self.tr("Sex"), self.tr("Date of birth"), self.tr("Mobile"),
                self.tr("Number of classes")]

    def cell(self, row: TraineeRow, column: int, role: int) -> Any:
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


class HistoryTableModel(RowList, QAbstractTableModel):
    """A trainee's classes, newest first, with the subsidy decision of each."""

    CODE, NAME, LEVEL, DATES, SUBSIDY = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Class code"), self.tr("Class name"), self.tr("Level"), self.tr("Dates"), self.tr("Subsidy")]

    def cell(self, row: TrainingRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.CODE: row.class_code,
                self.NAME: row.class_name,
                self.LEVEL: labels.level(row.level),
                self.DATES: labels.date_range(row.start_date, row.end_date),
                self.SUBSIDY: (self.tr("Withdrew {date}").format(date=row.withdrawn_on.isoformat())
                               if row.withdrawn_on else labels.subsidy(row.subsidy_status)),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.withdrawn_on and column == self.SUBSIDY:
                return self.tr("Withdrew on {date}: {reason}").format(date=row.withdrawn_on.isoformat(),
                                                                     reason=row.withdrawal_reason or "—")
            if column == self.NAME:
                return f"{row.class_name}\n{row.occupation} {labels.level(row.level)}"
            if row.eligibility_reasons:
                return "\n".join(row.eligibility_reasons)
        if role == Qt.ItemDataRole.ForegroundRole and row.withdrawn_on:
            return qcolor(Colour.TEXT_FAINT)
        if role == Qt.ItemDataRole.BackgroundRole and not labels.subsidised(row.subsidy_status) and not row.withdrawn_on:
            return qcolor(Colour.ROW_NO_SUBSIDY)
        return None


class ChangeTableModel(RowList, QAbstractTableModel):
    """A trainee's corrected fields, newest first: when, who, which field, old → new, why."""

    WHEN, WHO, FIELD, OLD, NEW, REASON = range(6)

    def headers(self) -> list[str]:
        return [self.tr("When"), self.tr("By"), self.tr("Field"), self.tr("Before"), self.tr("After"),
                self.tr("Reason")]

    def field_name(self, key: str) -> str:
        return {
            "name": self.tr("Name"), "phone": self.tr("Mobile"), "bank_name": self.tr("Bank"),
            "bank_account": self.tr("Bank account"), "household_type": self.tr("Household type"),
            "ethnicity": self.tr("Ethnicity"), "education": self.tr("Education"),
            "employment_status": self.tr("Employment"), "key_groups": self.tr("Key groups"),
        }.get(key, key)

    def cell(self, row, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        from desktop_app.domain.china_time import moment_text

        def shown(value: str | None) -> str:
            if row.field == "key_groups" and value is not None and value.isdigit():
                return self.tr("{count} group(s)").format(count=value)  # only how many: membership is sensitive
            return value or "—"

        return {
            self.WHEN: moment_text(row.changed_at), self.WHO: row.changed_by, self.FIELD: self.field_name(row.field),
            self.OLD: shown(row.old_value), self.NEW: shown(row.new_value), self.REASON: row.reason,
        }[column]
