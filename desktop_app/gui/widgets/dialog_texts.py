"""The two kinds of sentence a small dialog shows besides its fields: what it is about (muted) and
why the rules said no (in the error tone, selectable, hidden until there is one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.gui.theme import Tone, set_tone


def explanation_label() -> QLabel:
    label = QLabel()
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def refusal_label() -> QLabel:
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    set_tone(label, Tone.ERROR)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label
