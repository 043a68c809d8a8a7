"""The read-only, row-selecting table view every screen lists its rows in, sorted by a header click.

`row_table(model)` shows a RowList model through a `RowSortProxy`, so a click on a header sorts
by that column (again: the other way) without the model knowing. Sorting compares each cell's
SORT_ROLE value: what the model's `sort_value` gives, by default the text shown. Numbers compare
as numbers ("9" before "12", "85.5" before "100"), dates as dates (2026-05-06 before 2026-11-02),
Chinese text in dictionary (pinyin) order with the digits in it by value (第2期 before 第10期),
and an empty cell or "—" comes last. Code written before sorting
existed keeps working: the view's `selectRow` and `scrollTo` take the model's lines and indexes
and find where they are shown now; `selected_row` and `select_key` look through the proxy.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCollator, QLocale, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.gui.widgets.row_model import ROW_ROLE, SORT_ROLE

__all__ = ["RowSortProxy", "RowTable", "natural_key", "row_table", "select_key", "selected_row", "shown_lines"]

_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?\s*(%|％)?$")
_PARTS = re.compile(r"(\d+(?:\.\d+)?)")
_FIGURE = re.compile(r"^-?(0|[1-9]\d{0,6})(\.\d+)?$")  # what a spreadsheet should get as a number
_EMPTY = frozenset(("", "—", "-", "–"))


def natural_key(value: Any) -> tuple:
    """A key that orders numbers by value and text with numbers in it naturally; empty last."""
    if value is None:
        return (2,)
    if isinstance(value, bool):
        return (0, float(value))
    if isinstance(value, int | float):
        return (0, float(value))
    text = str(value).strip()
    if text in _EMPTY:
        return (2,)
    if _NUMBER.match(text):
        return (0, float(text.rstrip("%％").replace(",", "").strip()))
    parts = []
    for number, piece in enumerate(_PARTS.split(text.casefold())):
        if number % 2:
            parts.append((0, float(piece), ""))
        elif piece:
            parts.append((1, 0.0, piece))
    return (1, tuple(parts))


class RowSortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE through `natural_key`; hands the RowList helpers through."""

    def __init__(self, source, parent=None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)  # a row that changed moves to its place
        # Text in Chinese dictionary order (pinyin: 阿 陈 李 王 张), digits inside it by value.
        self.collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.collator.setNumericMode(True)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 - Qt's name
        first, second = left.data(SORT_ROLE), right.data(SORT_ROLE)
        first_key, second_key = natural_key(first), natural_key(second)
        if first_key[0] == second_key[0] == 1:  # two texts
            return self.collator.compare(str(first).strip(), str(second).strip()) < 0
        return first_key < second_key

    def row_of(self, key) -> int:
        """The shown line of the row whose key is `key`; -1 when no row has it."""
        line = self.sourceModel().row_of(key)
        if line < 0:
            return -1
        return self.mapFromSource(self.sourceModel().index(line, 0)).row()


class RowTable(QTableView):
    """A QTableView over a RowSortProxy whose selectRow/scrollTo speak in the model's lines."""

    def __init__(self, source) -> None:
        super().__init__()
        self.source = source
        self.proxy = RowSortProxy(source, self)
        self.setModel(self.proxy)

    def shown_line(self, line: int) -> int:
        """Where the model's `line` is shown now."""
        return self.proxy.mapFromSource(self.source.index(line, 0)).row()

    def source_line(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The model's line for an index of this view (indexAt, currentIndex …)."""
        return self.proxy.mapToSource(index).row() if index.model() is self.proxy else index.row()

    def selectRow(self, row: int) -> None:  # noqa: N802 - Qt's name; the model's line
        shown = self.shown_line(row)
        if shown >= 0:
            super().selectRow(shown)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if index.isValid() and index.model() is self.source:
            index = self.proxy.mapFromSource(index)
        super().scrollTo(index, hint)


def row_table(model, name: str | None = None, *, fit_columns: bool = False) -> RowTable:
    """A table showing `model` a row at a time: single selection, no editing, alternating rows,
    sorted by a header click. With `fit_columns`, columns size to their contents and the last one
    takes the rest."""
    view = RowTable(model)
    if name:
        view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's order until a click
    view.setSortingEnabled(True)
    # The arrow shows once a column is sorted: shown from the start, it widens every heading by its
    # room, and the smallest window would lose a column for an arrow nobody asked for yet.
    header.setSortIndicatorShown(False)
    header.sortIndicatorChanged.connect(lambda column, _order: header.setSortIndicatorShown(column >= 0))
    if fit_columns:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
    return view


def selected_row(view: QTableView):
    """The row (as the model holds it) selected in `view`, or None."""
    rows = view.selectionModel().selectedRows()
    return view.model().data(rows[0], ROW_ROLE) if rows else None


def select_key(view: QTableView, key) -> bool:
    """Select, and scroll to, the row whose key is `key` (a RowList model's `row_key`); False when
    no row has it."""
    number = view.model().row_of(key)
    if number < 0:
        return False
    QTableView.selectRow(view, number)
    QTableView.scrollTo(view, view.model().index(number, 0))
    return True


def shown_lines(view: QTableView) -> tuple[list[str], list[list[object]]]:
    """The headers and the rows of `view` as shown: its order, its visible columns, its words.

    A cell showing a plain figure ("32", "85.5") goes out as that number so a spreadsheet can sum
    it; long digit strings (phone numbers, codes with leading zeros) and everything else as the
    text on screen."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [header.logicalIndex(visual) for visual in range(header.count())]
    columns = [column for column in columns if not view.isColumnHidden(column)]
    headers = [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in columns]
    lines = []
    for row in range(model.rowCount()):
        if view.isRowHidden(row):
            continue
        line: list[object] = []
        for column in columns:
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, int | float) and not isinstance(text, bool):
                line.append(text)
                continue
            text = "" if text is None else str(text)
            if _FIGURE.match(text):
                line.append(float(text) if "." in text else int(text))
            else:
                line.append(text)
        lines.append(line)
    return headers, lines
