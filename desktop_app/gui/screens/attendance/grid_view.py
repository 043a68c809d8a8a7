"""The grid of one session as the teacher drives it: arrows move, P L E Q A (and 1–5) set a status,
H shows the history; a number typed by hand is never taken for status keys. (A card reader's burst
never reaches the grid: the application's card-burst filter takes it, see gui/card_bursts.py.)"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.domain.attendance import status_for_key

# A digit is a status key only when no other character follows it this soon: a person typing a
# roll or identity number by hand puts one key after another well within half a second, a
# teacher marking looks at the next trainee first. Letters (P L E Q A) act at once.
NUMBER_GAP_MS = 500


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).upper()


class AttendanceGridView(QTableView):
    """The grid, driven by the keyboard (see the module docstring)."""

    status_key = Signal(int, object)  # grid line, AttendanceStatus
    history_key = Signal(int)  # grid line
    number_typed = Signal(str)  # the number typed so far by hand (it goes to the swipe box, marking nobody)
    number_entered = Signal(str)  # Enter at the end of a number typed by hand: nothing was recorded
    other_key = Signal(str)  # a lone key that means nothing here (the page may hint at the keys)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceGrid")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # A digit waiting to see whether another character follows (then it is part of a number).
        self._pending: tuple[str, int] | None = None
        self._number = ""  # the number being typed by hand, while its characters keep coming
        self._since = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NUMBER_GAP_MS)
        self._timer.timeout.connect(self._pause)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def go_to_row(self, row: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        column = max(self.currentIndex().column(), 0)
        index = model.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def next_row(self, after: int) -> None:
        if self.model() is not None and after + 1 < self.model().rowCount():
            self.go_to_row(after + 1)

    def typing_number(self) -> bool:
        return bool(self._number)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Typing meant for the grid (also forwarded by the page when the focus is elsewhere on it).
        Returns True when the key was taken."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
            return True
        text = event.text()
        modifiers = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                         | Qt.KeyboardModifier.MetaModifier)
        if len(text) == 1 and text.isprintable() and not text.isspace() and not modifiers:
            if not event.isAutoRepeat():  # a held-down key must not sweep down the whole class
                self._character(text)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
            return
        self.flush()  # a lone status key typed just before an arrow still goes to its own line
        super().keyPressEvent(event)

    # --- telling a status key from a number ---------------------------------------------------

    def _character(self, text: str) -> None:
        folded = _folded(text)
        if self._number:  # within a number typed by hand: everything belongs to it
            self._grow(text)
            return
        if self._pending is not None:  # a second character soon after a digit: a number
            first, _row = self._pending
            self._pending = None
            self._grow(first + text)
            return
        if folded.isdigit():
            self._pending = (text, self.current_row())
            self._timer.start()
            return
        self._act(text, self.current_row())

    def _grow(self, text: str) -> None:
        self._number += text
        self._timer.start()
        self.number_typed.emit(unicodedata.normalize("NFKC", self._number))

    def _enter(self) -> None:
        if self._pending is not None:  # one digit and Enter: a roll number typed by hand
            self._number, self._pending = self._pending[0], None
        if self._number:
            number, self._number = unicodedata.normalize("NFKC", self._number), ""
            self._timer.stop()
            self.number_entered.emit(number)

    def _pause(self) -> None:
        """No key for NUMBER_GAP_MS: a waiting digit was a status key; a number is complete."""
        if self._pending is not None:
            text, row = self._pending
            self._pending = None
            self._act(text, row)
        self._number = ""

    def flush(self) -> None:
        """Another kind of key (an arrow, a click): a waiting digit acts now, a number ends."""
        self._timer.stop()
        self._pause()

    def _act(self, text: str, row: int) -> None:
        if row < 0:
            row = self.current_row()
        status = status_for_key(text)
        if status is not None:
            self.status_key.emit(row, status)
        elif _folded(text) == "H":
            self.history_key.emit(row)
        else:
            self.other_key.emit(text)
