"""The results grid's view and editors: a key typed into a score cell replaces its value, whatever
the timing, and Tab walks the cells a person can change only.

Why the care: the grid saves every accepted edit in the background, and the saved line comes
back while the person is already typing in the next cell. Qt hands every editor of a repainted
line its cell's value again (QAbstractItemView.dataChanged → setEditorData), which put the old
score back under the cursor: "73" typed over 82 became "823", or a digit vanished. Here an
editor is filled once, when it opens, with its text selected (the first key replaces it); what
comes back from the database afterwards never overwrites what is being typed.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from desktop_app.domain.assessment import AssessmentResult
from desktop_app.gui import value_labels as labels

_FILLED = "skilldeskFilled"  # editor property: its value was set when it opened


class ScoreDelegate(QStyledItemDelegate):
    """A plain line editor for 理论/实操成绩, filled once, its text selected."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("scoreEditor")
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if editor.property(_FILLED):
            return  # a saved line repainted: the person's typing stays as it is
        editor.setProperty(_FILLED, True)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()  # the first key typed replaces the value

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:
        editor.setGeometry(option.rect)


class ResultDelegate(QStyledItemDelegate):
    """合格 / 不合格 / — as a drop-down; a choice is saved as soon as it is made."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("resultEditor")
        combo.addItem(labels.assessment_result(None), "")
        for result in AssessmentResult:
            combo.addItem(labels.assessment_result(result), result.value)
        combo.activated.connect(lambda _index, combo=combo: self._chosen(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if editor.property(_FILLED):
            return
        editor.setProperty(_FILLED, True)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        model.setData(index, editor.currentData() or None, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:
        editor.setGeometry(option.rect)

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)


def _changeable(index: QModelIndex) -> bool:
    flags = index.flags()
    return bool(flags & Qt.ItemFlag.ItemIsEditable or flags & Qt.ItemFlag.ItemIsUserCheckable)


class ResultsGrid(QTableView):
    """The results table: Tab and Shift+Tab go to the next or previous cell a person can change
    (the scores, the result, the retake box), across lines, never to 学号/姓名/身份证号. Past the
    last such cell (or when none can change: a sealed class) Tab leaves the grid as usual."""

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers) -> QModelIndex:  # noqa: N802
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        model = self.model()
        rows, columns = model.rowCount(), model.columnCount()
        current = self.currentIndex()
        step = 1 if action == QAbstractItemView.CursorAction.MoveNext else -1
        if current.isValid():
            position = current.row() * columns + current.column() + step
        else:
            position = 0 if step > 0 else rows * columns - 1
        while 0 <= position < rows * columns:
            candidate = model.index(position // columns, position % columns)
            if _changeable(candidate) and not self.isColumnHidden(candidate.column()):
                return candidate
            position += step
        return QModelIndex()


def grid_view(model) -> ResultsGrid:
    """Unlike the other screens' row lists (widgets.row_table), the results grid is edited cell by cell."""
    view = ResultsGrid()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(28)
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(True)
    return view
