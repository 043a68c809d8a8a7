"""Choosing the class and the session whose attendance is taken: the two pickers, the classes on
offer (and the one that meets today), and the session to open on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop_app.domain.class_status import ClassStatus
from desktop_app.gui.widgets.class_picker import choose_in_combo, class_combo, offer_classes
from desktop_app.services.attendance import SessionInfo
from desktop_app.services.classes import ClassRow

from .part import AttendancePart, AttendanceTools
from .words import session_text

if TYPE_CHECKING:
    from desktop_app.services.office import Office

# Classes whose attendance is taken or still corrected here; sealed and uploaded ones are final.
OFFERED = (ClassStatus.FILED, ClassStatus.IN_TRAINING, ClassStatus.COMPLETED)


def default_session(sessions: Sequence[SessionInfo], now: datetime) -> int | None:
    """The session under way now, else the next one today, else the latest one begun, else the first."""
    live = [s for s in sessions if not s.cancelled]
    for s in live:
        if s.starts_at <= now < s.ends_at:
            return s.id
    for s in live:
        if s.starts_at.date() == now.date() and s.starts_at > now:
            return s.id
    begun = [s for s in live if s.starts_at <= now]
    if begun:
        return begun[-1].id
    if live:
        return live[0].id
    return sessions[0].id if sessions else None


def offered_classes(office: Office, today: date) -> tuple[list[ClassRow], str | None]:
    """Pool thread: the classes to offer, and the one (if any) that meets today."""
    rows = [r for r in office.classes.list() if r.status in OFFERED]
    candidates = sorted((r for r in rows if r.start_date <= today <= r.end_date),
                        key=lambda r: r.status is not ClassStatus.IN_TRAINING)
    for row in candidates:
        if any(s.starts_at.date() == today and not s.cancelled for s in office.attendance.sessions(row.code)):
            return rows, row.code
    return rows, None


class SessionChoice(AttendancePart):
    """The class and session pickers. Says what was chosen; the page decides what follows."""

    classes_loaded = Signal()
    sessions_loaded = Signal(str)  # class code
    class_changed = Signal(object)  # class code or None: another class, its sessions on their way
    session_changed = Signal(object)  # session id or None: another session (or none) is chosen
    session_kept = Signal(int)  # sessions read again and the one shown is still there
    picked = Signal()  # the person chose in a picker (the grid takes the keyboard back)

    def __init__(self, tools: AttendanceTools, page: QWidget) -> None:
        super().__init__(tools, page)
        self.classes: list[ClassRow] = []
        self.sessions: list[SessionInfo] = []
        self.class_label = QLabel()
        self.class_label.setObjectName("fieldLabel")
        self.class_combo = class_combo(width_in_characters=24)
        self.class_combo.currentIndexChanged.connect(self._class_chosen)
        self.session_label = QLabel()
        self.session_label.setObjectName("fieldLabel")
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionPicker")
        self.session_combo.setMinimumContentsLength(30)
        self.session_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.session_combo.currentIndexChanged.connect(self._session_chosen)
        # A card swiped while a picker has the focus must not jump the picker around.
        for combo in (self.class_combo, self.session_combo):
            combo.activated.connect(lambda _index: self.picked.emit())
        self.row = QHBoxLayout()
        self.row.addWidget(self.class_label)
        self.row.addWidget(self.class_combo, 3)
        self.row.addSpacing(10)
        self.row.addWidget(self.session_label)
        self.row.addWidget(self.session_combo, 4)

    # --- what is chosen ------------------------------------------------------------------------

    def current_code(self) -> str | None:
        return self.class_combo.currentData()

    def current_class_text(self) -> str:
        return self.class_combo.currentText()

    def current_session_id(self) -> int | None:
        return self.session_combo.currentData()

    def current_session(self) -> SessionInfo | None:
        session_id = self.current_session_id()
        return next((s for s in self.sessions if s.id == session_id), None)

    def select_class(self, code: str) -> bool:
        return choose_in_combo(self.class_combo, code, self._class_chosen)

    def select_session(self, session_id: int) -> bool:
        return choose_in_combo(self.session_combo, session_id, self._session_chosen)

    # --- classes -------------------------------------------------------------------------------

    def reload_classes(self) -> None:
        today = self.now().date()
        self.run(lambda: offered_classes(self.office, today),
                 success=lambda result: self._classes_arrived(*result), latest="classes")

    def _classes_arrived(self, rows: list[ClassRow], today_code: str | None) -> None:
        keep = self.current_code()
        self.classes = rows
        codes = [r.code for r in rows]
        if keep not in codes:
            keep = today_code or next((r.code for r in rows if r.status is ClassStatus.IN_TRAINING),
                                      codes[0] if codes else None)
        offer_classes(self.class_combo, rows, keep)
        self.classes_loaded.emit()
        if not rows:
            self.sessions = []
            self.session_combo.clear()
            self.session_changed.emit(None)
            return
        if self.sessions and self.sessions[0].class_code == keep:
            self._reload_sessions(keep)  # sessions may have moved; stay on the one shown
            return
        self._class_chosen()

    def _class_chosen(self, _index: int = -1) -> None:
        code = self.current_code()
        self.sessions = []
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        self.session_combo.blockSignals(False)
        self.class_changed.emit(code)
        if code is None:
            return
        self.run(lambda: self.office.attendance.sessions(code),
                 success=lambda sessions: self._sessions_arrived(code, sessions, None), latest="sessions")

    # --- sessions ------------------------------------------------------------------------------

    def _reload_sessions(self, code: str) -> None:
        keep = self.current_session_id()
        self.run(lambda: self.office.attendance.sessions(code),
                 success=lambda sessions: self._sessions_arrived(code, sessions, keep), latest="sessions")

    def _sessions_arrived(self, code: str, sessions: list[SessionInfo], keep: int | None) -> None:
        if code != self.current_code():  # the class was left meanwhile (or none is chosen now)
            return
        self.sessions = list(sessions)
        kept = keep is not None and any(s.id == keep for s in sessions)
        self._fill_session_combo(keep if kept else default_session(sessions, self.now()))
        self.sessions_loaded.emit(code)
        if kept:
            self.session_kept.emit(keep)  # the same session: refresh in place, the teacher's line stays selected
        else:
            self._session_chosen()

    def _fill_session_combo(self, select_id: int | None) -> None:
        today = self.now().date()
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for info in self.sessions:
            self.session_combo.addItem(session_text(info, today), info.id)
        index = self.session_combo.findData(select_id) if select_id is not None else -1
        self.session_combo.setCurrentIndex(index)
        self.session_combo.blockSignals(False)

    def _session_chosen(self, _index: int = -1) -> None:
        self.session_changed.emit(self.current_session_id())

    def retranslate(self) -> None:
        self.class_label.setText(self.tr("Class"))
        self.session_label.setText(self.tr("Session"))
        today = self.now().date()
        for number, info in enumerate(self.sessions):
            self.session_combo.setItemText(number, session_text(info, today))
