"""The one open dialog of a kind on a screen (a reason prompt, a report, the print dialog).

A dialog opened through a slot is window-modal, deleted once it closes, and forgotten by the slot
at once — so a screen writes no `_…_closed` handler. A dialog that asked the facade something may
close before the answer comes: `gui.operations` drops the answers of an owner that was deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class DialogSlot(Generic[D]):
    """Holds the open dialog of one kind, or None. `closed` (when given) runs after the dialog
    closed — typically to give the keyboard focus back to where the work goes on."""

    def __init__(self, closed: Callable[[], None] | None = None) -> None:
        self._dialog: D | None = None
        self._closed = closed

    @property
    def dialog(self) -> D | None:
        """The dialog while it is open; None once it closed (or before one was opened)."""
        if self._dialog is not None and not shiboken6.isValid(self._dialog):
            self._dialog = None
        return self._dialog

    def open(self, dialog: D) -> D:
        """Show `dialog` window-modal in the slot, closing the one it held."""
        previous = self.dialog
        if previous is not None and previous is not dialog:
            previous.close()
        self._dialog = dialog
        dialog.finished.connect(lambda _result, dialog=dialog: self._finished(dialog))
        QDialog.open(dialog)  # not dialog.open(): QPrintDialog's and QMessageBox's want (receiver, slot)
        return dialog

    def raise_open(self) -> bool:
        """Bring the open dialog to the front; False when none is open."""
        dialog = self.dialog
        if dialog is None:
            return False
        dialog.raise_()
        dialog.activateWindow()
        return True

    def _finished(self, dialog: D) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
        if self._closed is not None:
            self._closed()
