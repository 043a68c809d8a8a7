"""The two kinds of sentence a form shows besides its fields: what it is about (a muted hint) and
the line under it that says "checking…" while an answer is awaited and why the rules said no when
one comes (`FormMessage`). Sign-in, the first run and every dialog that saves a change use them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.theme import Tone, set_tone


def hint_label() -> QLabel:
    """A muted sentence explaining a form (what happens next, what a field means)."""
    label = QLabel()
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class FormMessage(QLabel):
    """The line under a form: hidden until it has something to say. Selectable, so that a clerk can
    copy a refusal into a message to the administrator."""

    def __init__(self, object_name: str = "dialogError", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
