"""The attendance sheet of the chosen session: the grid with its totals, and the banners that say
when the session can no longer change (sealed) or asks a reason for every change (locked)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from desktop_app.domain.attendance import AttendanceStatus
from desktop_app.services.attendance import SessionGrid

from .choice import SessionChoice
from .grid_view import AttendanceGridView
from .models import AttendanceGridModel
from .part import AttendancePart, AttendanceTools
from .words import keys_text, status_label

FLASH_MS = 1_500


def _set_flashing(label: QLabel, flashing: bool) -> None:
    """The stylesheet gives a flashing banner its brighter look; Qt re-reads it only when told."""
    label.setProperty("flashing", "true" if flashing else "false")
    label.style().unpolish(label)
    label.style().polish(label)


class AttendanceSheet(AttendancePart):
    """Reads and shows the grid of the session the choice points at."""

    loaded = Signal(int)  # session id: its grid arrived and is shown
    shown = Signal(object)  # the SessionGrid now shown, or None

    def __init__(self, tools: AttendanceTools, page: QWidget, choice: SessionChoice) -> None:
        super().__init__(tools, page)
        self.choice = choice
        self.model = AttendanceGridModel(parent=self)
        self.view = AttendanceGridView()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for column, width in ((AttendanceGridModel.ROLL, 56), (AttendanceGridModel.NAME, 96),
                              (AttendanceGridModel.ID_NUMBER, 178), (AttendanceGridModel.STATUS, 82),
                              (AttendanceGridModel.MINUTES, 120), (AttendanceGridModel.SIGN_IN, 64),
                              (AttendanceGridModel.SIGN_OUT, 64)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(AttendanceGridModel.LEAVE_REASON, QHeaderView.ResizeMode.Stretch)
        self.view.other_key.connect(lambda _text: self.show_key_help())
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        for signal in (self.model.modelReset, self.model.dataChanged):
            signal.connect(self.render_totals)
        self.key_help = QLabel()
        self.key_help.setObjectName("keyHelp")
        self.key_help.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("keyHelp")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        self.read_only_flashing = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self.lock_label = QLabel()
        self.lock_label.setObjectName("lockBanner")
        self.lock_label.setWordWrap(True)
        self.lock_label.hide()

    @property
    def grid(self) -> SessionGrid | None:
        return self.model.grid

    def reload(self, *, then: Callable[[SessionGrid], None] | None = None) -> None:
        """Read the chosen session's grid again; `then(grid)` once it is shown."""
        session_id = self.choice.current_session_id()
        if session_id is None:
            return
        self.run(lambda: self.office.attendance.grid(session_id),
                 success=lambda grid: self._arrived(grid, then), latest="grid")

    def _arrived(self, grid: SessionGrid, then: Callable[[SessionGrid], None] | None) -> None:
        if grid.session.id != self.choice.current_session_id():  # another session (or none) chosen meanwhile
            return
        first = self.model.grid is None
        self.show(grid)
        if first and self.model.rowCount():
            self.view.go_to_row(0)
        if then is not None:
            then(grid)
        self.loaded.emit(grid.session.id)

    def show(self, grid: SessionGrid | None) -> None:
        self.model.set_grid(grid)
        if grid is not None and grid.read_only and grid.read_only_reason is not None:
            self.read_only_banner.setText(grid.read_only_reason.message())
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()
        self.lock_label.setVisible(grid is not None and grid.locked and not grid.read_only)
        self.empty_label.setVisible(grid is not None and not grid.rows)
        self.shown.emit(grid)
        self.render_totals()

    def render_totals(self, *_args) -> None:
        if self.model.grid is None:
            self.totals.setText("")
            return
        counts = self.model.totals()
        parts = [f"{status_label(s)} {counts[s.value]}" for s in AttendanceStatus]
        parts.append(f"{status_label(None)} {counts['unmarked']}")
        self.totals.setText(" · ".join(parts))

    def refuse_read_only(self) -> None:
        """The reason is on the orange banner already: make it catch the eye instead of repeating it."""
        reason = self.model.grid.read_only_reason
        if reason is None or self.read_only_banner.isHidden():
            self.notice.show_note(self.tr("This session can no longer be changed."), "warning")
        self.read_only_flashing = True
        _set_flashing(self.read_only_banner, True)
        self._flash_timer.start(FLASH_MS)
        self.status.say(lambda: self.tr("Nothing was changed (see the note above)."))

    def _end_flash(self) -> None:
        self.read_only_flashing = False
        _set_flashing(self.read_only_banner, False)

    def show_key_help(self) -> None:
        self.status.say(lambda: self.tr("Keys: {keys}").format(keys=keys_text()))

    def retranslate(self) -> None:
        self.key_help.setText(self.tr("Keys: {keys} (a digit counts when pressed alone; a number typed here goes "
                                      "to the swipe box and marks nobody). Swiping an ID card signs the trainee "
                                      "in, a later swipe signs out.").format(keys=keys_text()))
        self.empty_label.setText(self.tr("Nobody is enrolled in this class yet."))
        self.lock_label.setText(self.tr("The lock time of this session's day has passed: every change asks for a "
                                        "reason and is kept permanently in the history."))
        self.model.retranslate()
        self.render_totals()
