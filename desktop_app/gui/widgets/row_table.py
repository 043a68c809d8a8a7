"""The read-only, row-selecting table view every screen lists its rows in, and the row selected in it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.gui.widgets.row_model import ROW_ROLE


def row_table(model, name: str | None = None, *, fit_columns: bool = False) -> QTableView:
    """A table showing `model` a row at a time: single selection, no editing, alternating rows.
    With `fit_columns`, columns size to their contents and the last one takes the rest."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
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
    view.selectRow(number)
    view.scrollTo(view.model().index(number, 0))
    return True
