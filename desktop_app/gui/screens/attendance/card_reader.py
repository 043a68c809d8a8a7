"""The card reader on the attendance screen: swipes (from the application's card-burst filter, or
typed by hand into the swipe box) sent to the chosen session, and the answer in a message area of
fixed height above the grid, so that nothing moves when an answer comes and goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.permissions import apply_permission, permitted, refusal_text
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.services.attendance import SessionGrid, SessionInfo, SwipeResult

from .part import AttendancePart, AttendanceTools

if TYPE_CHECKING:
    from .sheet import AttendanceSheet

SCAN_NOTE_MS = 6_000
# Room for two lines of the banner's large type: an answer never changes the height of the area.
MESSAGE_AREA_HEIGHT = 76
LONG_MESSAGE = 40  # characters: longer answers use the smaller type (three lines fit)


class CardReader(AttendancePart):
    """Swipes sent to the chosen session, and the banner with the answer, big enough to read from
    across the classroom: green recorded, blue nothing to do (a double read), red not recorded."""

    answered = Signal(object)  # SwipeResult
    said = Signal(str, str)  # what the banner says now, and its tone (the lock screen repeats it)
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
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switchSessionButton")
        self.switch_button.clicked.connect(self._switch)
        # The area is always there, of one height; empty, it is plain and blank.
        self.area = QWidget()
        self.area.setObjectName("swipeMessageArea")
        self.area.setFixedHeight(MESSAGE_AREA_HEIGHT)
        row = QHBoxLayout(self.area)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.switch_button)
        self.switch_button.hide()
        self.recorded: bool | None = None  # what the banner says now: recorded (green) or not; None: blank
        self.tone = Tone.PLAIN
        self._offer: tuple[SessionInfo, str] | None = None  # the session a swipe belongs to, and the swipe
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.clear)
        sheet.view.number_typed.connect(self._number_typed)
        sheet.view.number_entered.connect(self._number_entered)
        self.clear()

    def update_actions(self, grid: SessionGrid | None) -> None:
        apply_permission(self.swipe_edit, self.office.actor, Permission.MARK_ATTENDANCE, enabled=grid is not None)

    def station_session(self) -> SessionInfo | None:
        """The session swipes go to now (the attendance station on the lock screen takes them), or
        None when no session is open for marking here."""
        grid = self.sheet.grid
        if grid is None or grid.read_only or not permitted(self.office.actor, Permission.MARK_ATTENDANCE):
            return None
        return grid.session

    # --- a number typed by hand into the grid ------------------------------------------------

    def _number_typed(self, number: str) -> None:
        # Into the swipe box, where Enter records it: in the grid it marks nobody.
        self.swipe_edit.setText(number)

    def _number_entered(self, number: str) -> None:
        self.swipe_edit.setText(number)
        self._show(self.tr("“{number}” was typed into the grid, so nothing was recorded (digits there are status "
                           "keys only when pressed alone). To sign a trainee in by hand, click the swipe box, where "
                           "the number now is, and press Enter.").format(number=number[:24]), Tone.INFO)

    # --- a swipe -------------------------------------------------------------------------------

    def _swipe_typed(self) -> None:
        text = self.swipe_edit.text().strip()
        self.swipe_edit.clear()
        if text:
            self.submit(text)

    def submit(self, text: str) -> None:
        grid = self.sheet.grid
        if grid is None:
            self._show(self.tr("Choose a class and a session first; nothing was recorded."), Tone.SCAN_BAD)
            return
        if grid.read_only:
            reason = grid.read_only_reason
            self._show(reason.message() if reason else self.tr("This session can no longer be changed."),
                       Tone.SCAN_BAD)
            return
        if not permitted(self.office.actor, Permission.MARK_ATTENDANCE):
            self._show(refusal_text(self.office.actor, Permission.MARK_ATTENDANCE), Tone.SCAN_BAD)
            return
        session_id = grid.session.id
        self.run(lambda: self.office.attendance.swipe(session_id, text),
                 success=lambda result: self._swiped(session_id, text, result),
                 failure=lambda error: self._swipe_failed(session_id, error))

    def _swiped(self, session_id: int, text: str, result: SwipeResult) -> None:
        tone = Tone.SCAN_OK if result.recorded else Tone.INFO if result.calm else Tone.SCAN_BAD
        self._show(result.message.message(), tone)
        if result.other_session is not None:
            self._offer = (result.other_session, text)
            self.switch_button.setText(self.tr("Switch to that session and record it"))
            self.switch_button.show()
        self.answered.emit(result)
        if session_id != self.sheet.choice.current_session_id() or result.enrolment_id is None:
            return
        if result.recorded:
            self.marks_changed.emit()

        def select(_grid: SessionGrid) -> None:
            number = self.sheet.model.row_of(result.enrolment_id)
            if number >= 0:
                self.sheet.view.go_to_row(number)

        # The swipe answers with the trainee only; the grid is read again and repaints the changed line.
        self.sheet.reload(then=select)

    def _swipe_failed(self, session_id: int, error: BaseException) -> None:
        # More than the text: the answer goes on the banner, and the grid is read again.
        self._show(failure_text(error), Tone.SCAN_BAD)
        if session_id == self.sheet.choice.current_session_id():
            self.sheet.reload()

    def _switch(self) -> None:
        """The swipe belonged to another session of the class: show that one, then record the swipe."""
        if self._offer is None:
            return
        session, text = self._offer
        self.clear()
        if self.sheet.choice.current_session_id() == session.id:
            self.submit(text)
            return

        def arrived(session_id: int) -> None:
            if session_id == session.id:
                self.sheet.loaded.disconnect(arrived)
                self.submit(text)

        self.sheet.loaded.connect(arrived)
        if not self.sheet.choice.select_session(session.id):
            self.sheet.loaded.disconnect(arrived)

    # --- the message area ----------------------------------------------------------------------

    def _show(self, text: str, tone: Tone) -> None:
        self.recorded = tone is Tone.SCAN_OK
        self.tone = tone
        self._offer = None
        self.switch_button.hide()
        set_tone(self.banner, tone)
        self._set_long(len(text) > LONG_MESSAGE)
        self.banner.setText(text)
        self._banner_timer.start(SCAN_NOTE_MS)
        self.said.emit(text, str(tone))

    def clear(self) -> None:
        """The area blank again (it keeps its place and its height)."""
        self._banner_timer.stop()
        self.recorded = None
        self.tone = Tone.PLAIN
        self._offer = None
        self.switch_button.hide()
        set_tone(self.banner, Tone.PLAIN)
        # Empty, the area says what it is for, so that it does not read as a gap in the screen.
        self.banner.setText(self.tr("Each card swipe is answered here: who signed in or out, or why nothing was "
                                    "recorded."))

    def _set_long(self, long: bool) -> None:
        """A long answer in smaller type, so that it fits the area's fixed height."""
        if (self.banner.property("long") == "true") == long:
            return
        self.banner.setProperty("long", "true" if long else "false")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    @property
    def showing(self) -> bool:
        """Whether the area shows an answer now (not its resting hint)."""
        return self.recorded is not None or self.tone is not Tone.PLAIN

    def retranslate(self) -> None:
        self.swipe_label.setText(self.tr("Swipe / scan"))
        self.swipe_edit.setPlaceholderText(self.tr("ID or roll number, then Enter"))
        if not self.showing:
            self.clear()  # the resting hint, in the new language
        if self._offer is not None:
            self.switch_button.setText(self.tr("Switch to that session and record it"))
