"""The list-keeping every table model shares: rows in, counts and headers out, one row found by its
key and repainted when it changes, a language change re-read. Table models are thin adapters over
the plain rows the services return (Vorta's models with column constants are the model): each says
what a cell shows (`cell`); ROW_ROLE hands the whole row to a view; SORT_ROLE what a header click
sorts by (`sort_value`: the text shown unless a model says better, e.g. a date or a number)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RowList:
    """The list-keeping every model shares (a mixin placed before QAbstractTableModel, so that
    `self.tr` keeps each model's own class name as its translation context)."""

    _rows: list
    # The attribute that tells rows apart (a class's `code`, a grid line's `enrolment_id`); "" when
    # the model never looks a row up.
    row_key = ""

    def __init__(self, rows: Sequence = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    # --- what every model defines --------------------------------------------------------------

    def headers(self) -> list[str]:  # pragma: no cover - every model overrides it
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:  # pragma: no cover - every model overrides it
        """What the cell of `row` in `column` shows for `role` (text, colour, tooltip …); None: nothing."""
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        """What sorting compares in `column` (row_table's natural_key orders it): the text shown by
        default, in which numbers and ISO dates already sort right; a model whose column shows a
        date as "5月6日" or a figure with words returns the date or the number instead."""
        return self.cell(row, column, Qt.ItemDataRole.DisplayRole)

    # --- Qt's side -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            if 0 <= section < len(headers):
                return headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        return self.cell(row, index.column(), role)

    # --- the rows ------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Hashable) -> int:
        """The line of the row whose key (`row_key`) is `key`; -1 when no row has it."""
        return next((number for number, row in enumerate(self._rows) if getattr(row, self.row_key) == key), -1)

    def replace_row(self, new: Any) -> int:
        """One row changed (a saved mark, a class's new status): it takes the place of the row with
        its key, and only that line is repainted. The line, or -1 when no row has that key."""
        number = self.row_of(getattr(new, self.row_key))
        if number >= 0:
            self._rows[number] = new
            self.repaint_line(number)
        return number

    def repaint_line(self, number: int) -> None:
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers()) - 1))

    def retranslate(self) -> None:
        """Headers and value words follow the language: tell the views to read them again."""
        columns = len(self.headers())
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, columns - 1))

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.headers())
