"""Which dialog a screen has open, without a `_…_closed` handler to forget it."""

from __future__ import annotations

from typing import TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def still_open(dialog: W | None) -> W | None:
    """`dialog` while it is on screen; None once it was closed (or deleted). A screen keeps the
    dialog it opened in a private attribute and offers it through a property that asks this."""
    if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
        return None
    return dialog
