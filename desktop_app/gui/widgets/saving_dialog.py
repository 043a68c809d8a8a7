"""A dialog that saves its change itself: a form above the line that says why the rules said no,
and OK/Cancel. OK (or Enter, or `accept()`) first asks the dialog what is still missing
(`problem()`); when nothing is, it runs the dialog's facade call (`change()`) through the
operations helper and closes once the change is saved, `saved` carrying what the call returned.
A refusal is written under the form and the dialog stays open to try again.

While the change is being saved the dialog is `busy`: OK waits, and closing (Esc, Cancel, ×)
waits too, because a dialog that vanished mid-save would leave the person not knowing whether
the change was made. A dialog closed while a question it asked is unanswered is simply deleted:
the operations helper drops the answers of an owner that no longer exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_texts import FormMessage

Buttons = QDialogButtonBox.StandardButton


class SavingDialog(FollowsLanguage, QDialog):
    """See the module docstring. A subclass puts its fields in `self.form` (or in a layout of its own
    given as `content`, then `self.content`), defines `change()` and, where the form can be
    incomplete, `problem()`."""

    saved = Signal(object)  # what the facade call returned; the dialog closes next

    def __init__(self, operations: Operations, parent: QWidget | None = None, *,
                 ok: QDialogButtonBox.StandardButton = Buttons.Ok, content: QLayout | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.busy = False
        self.form = QFormLayout()
        self.content = content if content is not None else self.form
        self.error_label = FormMessage()
        self._ok = ok
        self.buttons = QDialogButtonBox(ok | Buttons.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.content)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(self._ok)

    @property
    def cancel_button(self) -> QPushButton:
        return self.buttons.button(Buttons.Cancel)

    # --- what each dialog defines --------------------------------------------------------------

    def change(self) -> Callable[[], Any]:
        """The facade call that saves the change, as a callable for a worker thread (values read
        from the form now, not there)."""
        raise NotImplementedError  # abstract: Qt's metaclass rules out abc on a QDialog

    def problem(self) -> str | None:
        """Why the change cannot be saved yet, in words; None when it can."""
        return None

    def can_submit(self) -> bool:
        """Whether OK is offered now (besides not being busy)."""
        return True

    # --- provided ------------------------------------------------------------------------------

    def update_ok(self) -> None:
        self.ok_button.setEnabled(not self.busy and self.can_submit())

    def form_changed(self, *_args: object) -> None:
        """Connect the fields' change signals here: OK follows, and a refusal that no longer holds goes."""
        self.update_ok()
        if self.problem() is None and not self.busy:
            self.error_label.clear()

    def accept(self) -> None:
        """OK, Enter or a caller: save first; the dialog closes once the change is saved."""
        self.submit()

    def submit(self) -> None:
        if self.busy:
            return
        problem = self.problem()
        if problem is not None:
            self.error_label.say_error(problem)
            self.adjustSize()
            self.update_ok()
            return
        if not self.can_submit():
            return
        self.busy = True
        self.update_ok()
        self.error_label.clear()
        self.operations.run(self, self.change(), success=self._saved)  # a failure: show_failure below

    def _saved(self, result: Any) -> None:
        self.busy = False
        self.saved.emit(result)
        super().accept()

    def show_failure(self, error: BaseException) -> None:
        """The rules said no (or the save failed): said in the dialog, which stays open."""
        self.busy = False
        self.error_label.say_failure(error)
        self.adjustSize()
        self.update_ok()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # The buttons were made before the subclass's fields, so they come first in the focus
        # chain: the person starts in the first field, as in any form (Tab still ends on OK).
        focused = self.focusWidget()
        if focused is None or self.buttons.isAncestorOf(focused):
            widget = self.buttons.buttons()[-1].nextInFocusChain()
            while widget is not self and widget is not None:
                if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() and widget.isVisible()
                        and not self.buttons.isAncestorOf(widget)):
                    widget.setFocus()
                    break
                widget = widget.nextInFocusChain()

    def reject(self) -> None:
        if self.busy:
            return  # a change is being saved: closing now would hide whether it was
        super().reject()

    def retranslate(self) -> None:
        """Subclasses set their words, then call this (or set the buttons' words themselves)."""
        self.cancel_button.setText(self.tr("Cancel"))
