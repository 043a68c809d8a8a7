"""Recognising an ID-card reader anywhere in the window: one event filter on the application tells
a reader's burst of characters ending in Enter from a person typing, wherever the keyboard focus
is (the attendance grid, the results grid, any text field, the lock screen).

A reader (or barcode wedge) "types" the card's number a few milliseconds a character and ends with
Enter; a person presses a key every tenth of a second or slower. The filter holds back each
printable key press: while the next ones keep coming at a reader's pace (on average at most
BURST_GAP_MS apart, none more than BURST_MAX_GAP_MS — a busy PC may deliver one late), they are
held too; if Enter follows a run of at least BURST_MIN_LENGTH held characters, every key of the
run is swallowed and `swiped` is emitted once with the text. Anything else (a pause, a slower
pace, another key, a modifier, a run too short) hands the held keys on to where they were going,
in their order, so a person's typing arrives unchanged, at most BURST_MAX_GAP_MS later.

In a text field a burst must also look like a card number (digits, a final X, or the old foreign
permanent residence card's three letters and twelve digits): a password manager or a QR scanner
typing other text fast into a field is left alone. A widget that reads a scanner itself says so
with the dynamic property `takesScannerInput` (then nothing it receives is held)."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

# A reader's characters come 1–10 ms apart; people, even fast typists, 60 ms and more.
BURST_GAP_MS = 30
BURST_MAX_GAP_MS = 75
STALL_MS = 20  # the timer this late: the window was busy, not the reader slow
STALL_GRACE_MS = 25
# The shortest number taken for a card: shorter bursts are keys hit together and are typed.
BURST_MIN_LENGTH = 6
SCANNER_PROPERTY = "takesScannerInput"

_CARD_LIKE = re.compile(r"[0-9]{5,}[0-9X]|[A-Z]{3}[0-9]{12}")
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_IGNORED_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
_CLICKS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)
_TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)


def looks_like_card(text: str) -> bool:
    """True for what an ID-card reader or a roll-number barcode yields (after width folding)."""
    return _CARD_LIKE.fullmatch(unicodedata.normalize("NFKC", text).strip().upper()) is not None


def takes_text(widget: QObject) -> bool:
    """A widget where typed characters become text (a burst there must look like a card)."""
    return isinstance(widget, _TEXT_INPUTS)


@dataclass
class _HeldKey:
    receiver: QObject
    event: QKeyEvent  # a copy: Qt reuses the original once the filter returns


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat(), event.count())


class CardBurstFilter(QObject):
    """The application-wide filter described in the module docstring. `start()` installs it on the
    QApplication, `stop()` removes it; `clock` (monotonic seconds) can be given by tests."""

    swiped = Signal(str)  # the card's text, width-folded and stripped

    def __init__(self, parent: QObject | None = None, *, gap_ms: int = BURST_GAP_MS,
                 max_gap_ms: int = BURST_MAX_GAP_MS, min_length: int = BURST_MIN_LENGTH) -> None:
        super().__init__(parent)
        self.gap_ms = gap_ms
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._first = 0.0
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._waited)
        self._due = 0.0  # when the timer should fire (monotonic seconds)
        self._installed = False

    def start(self) -> None:
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True

    def stop(self) -> None:
        self.release()
        app = QApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
        self._installed = False

    def held_text(self) -> str:
        return "".join(key.event.text() for key in self._held)

    # --- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self._held and not self._replaying and kind in _CLICKS:
            self.release()  # what was typed goes where it was typed, before a click moves the focus
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget) or watched.property(SCANNER_PROPERTY):
            return False
        if kind == QEvent.Type.KeyRelease:
            # The release of a held key would reach the widget before its press: it is dropped
            # (widgets act on presses; the replay sends no release either).
            return bool(self._held) and self._printable(event)
        # When the key was pressed: the system's time stamp says it even when the PC was busy
        # (events queued meanwhile arrive together); events made by software have none.
        now = event.timestamp() / 1000 if event.timestamp() else time.monotonic()
        recent = self._at_reader_pace(now)
        if event.key() in _ENTER_KEYS and not event.modifiers() & ~_IGNORED_MODIFIERS:
            text = unicodedata.normalize("NFKC", self.held_text()).strip()
            if recent and len(text) >= self.min_length and watched is self._held[0].receiver and (
                    not takes_text(watched) or looks_like_card(text)):
                self._timer.stop()
                self._held.clear()
                self.swiped.emit(text)
                return True
            self.release()
            return False
        if not self._printable(event) or event.isAutoRepeat():
            self.release()  # what was held goes first, then this key, in the order typed
            return False
        if self._held and (not recent or watched is not self._held[0].receiver):
            self.release()
        if not self._held:
            self._first = now
        self._held.append(_HeldKey(watched, _copy(event)))
        self._last = now
        self._arm(self.max_gap_ms)
        return True

    def _arm(self, ms: float) -> None:
        self._due = time.monotonic() + ms / 1000
        self._timer.start(max(1, round(ms)))

    def _waited(self) -> None:
        """No key within the gap: a person was typing — unless the window itself was busy (the timer
        comes late), when the reader's next keys may only now be on their way: the time lost is not
        counted against them, and they get a moment more."""
        late = time.monotonic() - self._due
        if late * 1000 > STALL_MS and self._held:
            # As if the last key had come only now, when the window is free again.
            lost = late + self.max_gap_ms / 1000
            self._first += lost
            self._last += lost
            self._arm(STALL_GRACE_MS)
            return
        self.release()

    def _at_reader_pace(self, now: float) -> bool:
        """Whether a key arriving `now` keeps the held run at a reader's pace: no gap longer than
        the maximum, and on average (one gap's slack) no slower than BURST_GAP_MS a key."""
        if not self._held:
            return False
        span_ms = (now - self._first) * 1000
        return (0 <= (now - self._last) * 1000 <= self.max_gap_ms
                and span_ms <= self.gap_ms * (len(self._held) + 1))

    @staticmethod
    def _printable(event: QKeyEvent) -> bool:
        text = event.text()
        return (len(text) == 1 and text.isprintable() and not text.isspace()
                and not event.modifiers() & ~_IGNORED_MODIFIERS)

    def release(self) -> None:
        """Hand the held keys on to their widgets, in order (a person was typing)."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for key in held:
                if isValid(key.receiver):  # (a dialog may have closed within those milliseconds)
                    QApplication.sendEvent(key.receiver, key.event)
        finally:
            self._replaying = False
