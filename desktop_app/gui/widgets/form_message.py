"""The line under a small form (sign-in, unlock, first run): "checking…" while an answer is awaited,
the refusal in the error tone when it comes, nothing otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.theme import Tone, set_tone


class FormMessage(QLabel):
    """Hidden until it has something to say."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.hide()

    def say_error(self, text: str) -> None:
        set_tone(self, Tone.ERROR)
        self.setText(text)
        self.show()

    def say_failure(self, error: BaseException) -> None:
        """The rule's own words for a refusal; the calm generic sentence for anything else (the
        operations helper has logged that one with its traceback)."""
        self.say_error(failure_text(error))

    def say_busy(self, text: str) -> None:
        set_tone(self, Tone.PLAIN)
        self.setText(text)
        self.show()

    def clear(self) -> None:
        self.setText("")
        self.hide()
