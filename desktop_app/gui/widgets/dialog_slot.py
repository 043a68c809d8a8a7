"""The one open dialog of a kind on a screen (a reason prompt, a report, the print dialog).

A dialog opened through a slot is window-modal, deleted when it closes, and forgotten by the slot
at once — so a screen writes no `_…_closed` handler. A dialog that asked the facade something may
close before the answer comes: `gui.operations` drops the answers of an owner that was deleted.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class DialogSlot(Generic[D]):
    """Holds the open dialog of one kind, or None."""

    def __init__(self) -> None:
        self._dialog: D | None = None

    @property
    def dialog(self) -> D | None:
        """The dialog while it is open; None once it closed (or before one was opened)."""
        if self._dialog is not None and not shiboken6.isValid(self._dialog):
            self._dialog = None
        return self._dialog

    def open(self, dialog: D) -> D:
        """Show `dialog` in the slot, closing the one it held."""
        previous = self.dialog
        if previous is not None and previous is not dialog:
            previous.close()
        self._dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result, dialog=dialog: self._forget(dialog))
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

    def _forget(self, dialog: D) -> None:
        if self._dialog is dialog:
            self._dialog = None
