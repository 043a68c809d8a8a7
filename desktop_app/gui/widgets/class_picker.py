"""The drop-down in which a screen offers classes ("2026-JZ01  家政服务员培训班", its status as the
tooltip), and choosing an item of a drop-down by its data (a class by its code, a session by its
id). Which class a screen selects first is the screen's own choice."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.gui import value_labels as labels
from desktop_app.services.classes import ClassRow


def class_combo(*, width_in_characters: int) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("classPicker")
    combo.setMinimumContentsLength(width_in_characters)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def offer_classes(combo: QComboBox, rows: Sequence[ClassRow], select: str | None) -> None:
    """Offer `rows`, selected on the class coded `select` (none when it is not among them), without
    announcing a change of selection: the screen reads the chosen class itself afterwards."""
    codes = [row.code for row in rows]
    combo.blockSignals(True)
    combo.clear()
    for row in rows:
        combo.addItem(f"{row.code}  {row.name}", row.code)
        combo.setItemData(combo.count() - 1, f"{row.name}\n{labels.class_status(row.status)}",
                          Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(codes.index(select) if select in codes else -1)
    combo.blockSignals(False)


def choose_in_combo(combo: QComboBox, data: object, reselected: Callable[[], None]) -> bool:
    """Select the item carrying `data`; when it is already selected, no signal fires, so
    `reselected` is called to refresh the page all the same. False when no item carries it."""
    index = combo.findData(data)
    if index < 0:
        return False
    if index == combo.currentIndex():
        reselected()
    else:
        combo.setCurrentIndex(index)
    return True
