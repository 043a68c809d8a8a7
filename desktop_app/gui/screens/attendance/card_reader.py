"""The card reader: telling an ID-card reader's burst of digits from a person typing, the swipe box
for numbers typed by hand, and the big green or red banner that answers each swipe."""

from __future__ import annotations

import time
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.permissions import apply_permission, permitted, refusal_text
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.services.attendance import SessionGrid, SwipeResult

from .part import AttendancePart, AttendanceTools

if TYPE_CHECKING:  # the sheet's view imports ScanBuffer from here
    from .sheet import AttendanceSheet

# A card reader types far faster than a person: its characters come a few milliseconds apart.
SCAN_GAP_MS = 100
SCAN_MIN_LENGTH = 6
SCAN_NOTE_MS = 6_000


class ScanBuffer(QObject):
    """Tells a card reader from a person typing.

    A reader (or barcode wedge) "types" the card's number a few milliseconds per character and
    ends with Enter; a person presses one key at a time. Printable characters are collected;
    when SCAN_GAP_MS pass without another one, a lone character is handed on as a key press
    (a status key), and a longer burst that never got its Enter is dropped. Enter right after a
    burst of at least SCAN_MIN_LENGTH characters makes a scan. So a number that happens to start
    with 1–5 never marks anybody, at the price of status keys acting SCAN_GAP_MS late.
    """

    key_pressed = Signal(str, int)  # the character, the grid line that was current when it was typed
    scanned = Signal(str)
    dropped = Signal(str)  # a fast burst that ended without Enter

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.row = -1
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SCAN_GAP_MS)
        self._timer.timeout.connect(self.flush)

    def feed(self, character: str, row: int) -> None:
        now = time.monotonic()
        if self.text and (now - self._last) * 1000 > SCAN_GAP_MS:
            self.flush()
        if not self.text:
            self.row = row
        self.text += character
        self._last = now
        self._timer.start()

    def enter(self) -> bool:
        """Enter was pressed: True when it completes a scan (which has then been emitted)."""
        text = self.text
        recent = (time.monotonic() - self._last) * 1000 <= 2 * SCAN_GAP_MS
        if len(text) >= SCAN_MIN_LENGTH and recent:
            self._timer.stop()
            self.text = ""
            self.scanned.emit(unicodedata.normalize("NFKC", text).strip())
            return True
        self.flush()
        return False

    def flush(self) -> None:
        self._timer.stop()
        text, row = self.text, self.row
        self.text, self.row = "", -1
        if len(text) == 1:
            self.key_pressed.emit(text, row)
        elif len(text) >= SCAN_MIN_LENGTH:
            self.dropped.emit(text)
        # Two to five characters in a burst: keys hit together by accident; doing nothing is safest.

    def pending(self) -> bool:
        return bool(self.text)


class CardReader(AttendancePart):
    """Swipes (from the grid's ScanBuffer or the swipe box) sent to the chosen session, and the
    banner with the answer, big enough to read from across the classroom."""

    answered = Signal(object)  # SwipeResult
    marks_changed = Signal()

    def __init__(self, tools: AttendanceTools, page: QWidget, sheet: AttendanceSheet) -> None:
        super().__init__(tools, page)
        self.sheet = sheet
        self.swipe_label = QLabel()
        self.swipe_label.setObjectName("fieldLabel")
        self.swipe_edit = QLineEdit()
        self.swipe_edit.setObjectName("swipeEdit")
        self.swipe_edit.setMaxLength(40)
        self.swipe_edit.setMinimumWidth(210)
        self.swipe_edit.returnPressed.connect(self._swipe_typed)
        self.banner = QLabel()
        self.banner.setObjectName("scanBanner")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A tone before the first polish: Qt sizes a label's box (its 2px border) when it is first
        # polished and a re-polish after a tone change updates only the colours.
        set_tone(self.banner, Tone.SCAN_OK)
        self.banner.hide()
        self.recorded: bool | None = None  # what the banner says now: recorded (green) or not (red)
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)
        sheet.view.scanned.connect(self.submit)
        sheet.view.scan_dropped.connect(self.show_dropped)

    def update_actions(self, grid: SessionGrid | None) -> None:
        apply_permission(self.swipe_edit, self.office.actor, Permission.MARK_ATTENDANCE, enabled=grid is not None)

    def _swipe_typed(self) -> None:
        text = self.swipe_edit.text().strip()
        self.swipe_edit.clear()
        if text:
            self.submit(text)

    def submit(self, text: str) -> None:
        grid = self.sheet.grid
        if grid is None:
            self._show(self.tr("Choose a class and a session first; nothing was recorded."), False)
            return
        if grid.read_only:
            reason = grid.read_only_reason
            self._show(reason.message() if reason else self.tr("This session can no longer be changed."), False)
            return
        if not permitted(self.office.actor, Permission.MARK_ATTENDANCE):
            self._show(refusal_text(self.office.actor, Permission.MARK_ATTENDANCE), False)
            return
        session_id = grid.session.id
        self.run(lambda: self.office.attendance.swipe(session_id, text),
                 success=lambda result: self._swiped(session_id, result),
                 failure=lambda error: self._swipe_failed(session_id, error))

    def _swiped(self, session_id: int, result: SwipeResult) -> None:
        self._show(result.message.message(), result.recorded)
        self.answered.emit(result)
        if not result.recorded or session_id != self.sheet.choice.current_session_id():
            return
        self.marks_changed.emit()

        def select(_grid: SessionGrid) -> None:
            number = self.sheet.model.row_of(result.enrolment_id)
            if number >= 0:
                self.sheet.view.go_to_row(number)

        # The swipe answers with the trainee only; the grid is read again and repaints the changed line.
        self.sheet.reload(then=select)

    def _swipe_failed(self, session_id: int, error: BaseException) -> None:
        # More than the text: the answer goes on the banner, and the grid is read again.
        self._show(failure_text(error), False)
        if session_id == self.sheet.choice.current_session_id():
            self.sheet.reload()

    def show_dropped(self, text: str) -> None:
        self.notice.show_note(self.tr(
            "Read “{text}” but no Enter followed, so nothing was recorded. Swipe again, or type the number into "
            "the swipe box above the grid and press Enter.").format(text=text[:24]), "warning")

    def _show(self, text: str, recorded: bool) -> None:
        self.recorded = recorded
        set_tone(self.banner, Tone.SCAN_OK if recorded else Tone.SCAN_BAD)
        self.banner.setText(text)
        self.banner.show()
        self._banner_timer.start(SCAN_NOTE_MS)

    def retranslate(self) -> None:
        self.swipe_label.setText(self.tr("Swipe / scan"))
        self.swipe_edit.setPlaceholderText(self.tr("ID or roll number, then Enter"))
