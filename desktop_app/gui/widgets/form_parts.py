"""Small parts every form dialog uses: the inline refusal label, the muted explanation label, and
dates between Python and Qt's date editors."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from desktop_app.gui.theme import Tone, set_tone


def error_label() -> QLabel:
    """Where a dialog writes, in red, why the rules said no; hidden until there is something to say.
    Selectable, so that a clerk can copy the sentence into a message to the administrator."""
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    set_tone(label, Tone.ERROR)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def hint_label() -> QLabel:
    """A muted sentence explaining a form (what happens next, what a field means)."""
    label = QLabel()
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
