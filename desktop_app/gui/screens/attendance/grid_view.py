"""The grid of one session as the teacher drives it: arrows move, 1–5 / P L E Q A set a status,
H shows the history, and a card reader's burst of digits plus Enter becomes a scan."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.domain.attendance import status_for_key

from .card_reader import ScanBuffer


class AttendanceGridView(QTableView):
    """The grid, driven by the keyboard: arrows move, 1–5 / P L E Q A set a status, H shows the
    history, and a card reader's burst of digits plus Enter becomes a scan."""

    status_key = Signal(int, object)  # grid line, AttendanceStatus
    history_key = Signal(int)  # grid line
    scanned = Signal(str)
    scan_dropped = Signal(str)
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
        self.scan = ScanBuffer(self)
        self.scan.key_pressed.connect(self._key_typed)
        self.scan.scanned.connect(self.scanned)
        self.scan.dropped.connect(self.scan_dropped)

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

    def handle_key(self, event: QKeyEvent) -> bool:
        """Typing meant for the grid (also forwarded by the page when the focus is elsewhere on it).
        Returns True when the key was taken."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.scan.enter()
            return True
        text = event.text()
        modifiers = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                         | Qt.KeyboardModifier.MetaModifier)
        if len(text) == 1 and text.isprintable() and not text.isspace() and not modifiers:
            if not event.isAutoRepeat():  # a held-down key must not sweep down the whole class
                self.scan.feed(text, self.current_row())
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
            return
        self.scan.flush()  # a lone status key typed just before an arrow still goes to its own line
        super().keyPressEvent(event)

    def _key_typed(self, text: str, row: int) -> None:
        if row < 0:
            row = self.current_row()
        status = status_for_key(text)
        if status is not None:
            self.status_key.emit(row, status)
        elif unicodedata.normalize("NFKC", text).upper() == "H":
            self.history_key.emit(row)
        else:
            self.other_key.emit(text)
