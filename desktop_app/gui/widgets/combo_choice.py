"""Choosing an item in a combo box by its data, for screens that pick a class (or anything else)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox


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
