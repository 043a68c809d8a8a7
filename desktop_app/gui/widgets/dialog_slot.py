"""The one open dialog of a kind on a screen: opened window-modal, known while it is open, deleted
once closed — the bookkeeping every screen used to write as a `_…_closed` handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class DialogSlot(Generic[D]):
    """Holds the dialog a screen has open for one purpose (the mark being asked for, a history).

    `open(dialog)` shows it window-modal and keeps it in `dialog` until it is closed; then the
    dialog is deleted and `closed` (when given) runs — typically to give the keyboard focus back
    to where the work goes on. A newer dialog in the same slot replaces the older one's place."""

    def __init__(self, closed: Callable[[], None] | None = None) -> None:
        self.dialog: D | None = None
        self._closed = closed

    def open(self, dialog: D) -> D:
        dialog.finished.connect(lambda _result: self._finished(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _finished(self, dialog: D) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if self._closed is not None:
            self._closed()
