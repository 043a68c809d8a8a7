"""The audit screen's table: audit entries, newest first, as a person reads them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

from desktop_app.gui.widgets.row_model import RowList
from desktop_app.services.audit_log import AuditRow


class AuditTableModel(RowList, QAbstractTableModel):
    """Audit entries, newest first: time, person, action, class and what was done in words."""

    TIME, PERSON, ACTION, CLASS, DETAILS = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Person"), self.tr("Action"), self.tr("Class"), self.tr("Details")]

    @staticmethod
    def details_text(row: AuditRow) -> str:
        if row.entity and row.details:
            return f"{row.entity} · {row.details}"
        return row.entity or row.details

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.TIME: f"{row.occurred_at:%Y-%m-%d %H:%M:%S}",  # already China time (services.audit_log)
                self.PERSON: row.person,
                self.ACTION: row.action_label,
                self.CLASS: row.class_code or "",
                self.DETAILS: self.details_text(row),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DETAILS:
                return self.details_text(row)
            if column == self.ACTION:
                return row.action
        return None
