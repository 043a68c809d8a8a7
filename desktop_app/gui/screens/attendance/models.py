"""The attendance grid of one session (model, and a keyboard-first view that also hears a card
reader) and the per-trainee attendance summary of a class."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.domain.attendance import AttendanceStatus, MarkValue, status_for_key
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui import value_labels as labels
from desktop_app.gui.widgets.row_model import ROW_ROLE, Index, RowList
from desktop_app.services.attendance import GridRow, SessionGrid, SummaryRow

# Status cells: (background, text). Green is fine, amber half-fine, blue excused, red absent,
# grey still to do — the colours a teacher reads across the room without the words.
STATUS_COLOURS: dict[AttendanceStatus | None, tuple[QColor, QColor]] = {
    AttendanceStatus.PRESENT: (QColor("#d7f0dd"), QColor("#17602e")),
    AttendanceStatus.LATE: (QColor("#ffe7b3"), QColor("#7a4a00")),
    AttendanceStatus.EARLY_LEAVE: (QColor("#ffe7b3"), QColor("#7a4a00")),
    AttendanceStatus.LEAVE: (QColor("#d6e6f9"), QColor("#1c4f8a")),
    AttendanceStatus.ABSENT: (QColor("#f8d2d2"), QColor("#8f1d1d")),
    None: (QColor("#eceff3"), QColor("#5b6470")),
}
AT_RISK_BACKGROUND = QColor("#fbe0de")
ELIGIBILITY_COLOURS = {
    "in_training": QColor("#5b6470"),
    "at_risk": QColor("#b3261e"),
    "eligible": QColor("#17602e"),
    "not_eligible": QColor("#b3261e"),
}

# A card reader types far faster than a person: its characters come a few milliseconds apart.
SCAN_GAP_MS = 100
SCAN_MIN_LENGTH = 6


def status_label(status: AttendanceStatus | None) -> str:
    if status is None:
        return QCoreApplication.translate("AttendanceGrid", "Not marked")
    return status.label_en.capitalize() if labels.english() else status.label_zh


def china_time(moment: datetime | None) -> datetime | None:
    """A stored moment in China time (a naive one is taken to be China time already)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ)


def clock(moment: datetime | None) -> str:
    local = china_time(moment)
    return f"{local:%H:%M}" if local else ""


def minutes_text(value: MarkValue | None) -> str:
    """What the 迟到/早退 column says: "迟到 17", "早退 5", or both."""
    if value is None:
        return ""
    parts = []
    if value.late_minutes:
        parts.append(QCoreApplication.translate("AttendanceGrid", "late {minutes}").format(minutes=value.late_minutes))
    if value.early_leave_minutes:
        parts.append(QCoreApplication.translate("AttendanceGrid", "early {minutes}").format(
            minutes=value.early_leave_minutes))
    return " · ".join(parts)


def describe_mark(value: MarkValue | None) -> str:
    """One mark in a sentence fragment, for the history: "迟到 17 分钟（签到 08:47）"."""
    if value is None:
        return status_label(None)
    text = status_label(value.status)
    details = []
    if value.late_minutes:
        details.append(QCoreApplication.translate("AttendanceGrid", "{minutes} min late").format(
            minutes=value.late_minutes))
    if value.early_leave_minutes:
        details.append(QCoreApplication.translate("AttendanceGrid", "left {minutes} min early").format(
            minutes=value.early_leave_minutes))
    if value.leave_reason:
        details.append(value.leave_reason)
    if value.sign_in_at:
        details.append(QCoreApplication.translate("AttendanceGrid", "in {time}").format(time=clock(value.sign_in_at)))
    if value.sign_out_at:
        details.append(QCoreApplication.translate("AttendanceGrid", "out {time}").format(time=clock(value.sign_out_at)))
    return f"{text}（{'，'.join(details)}）" if details else text


def eligibility_state(row: SummaryRow) -> str:
    """The same four-way verdict as the CLI's summary: while sessions remain, only "at risk" or
    "in training"; once the class has run, eligible or not."""
    if row.in_progress:
        return "at_risk" if row.attendance.at_risk else "in_training"
    return "eligible" if row.attendance.eligible else "not_eligible"


def eligibility_label(row: SummaryRow) -> str:
    return {
        "in_training": QCoreApplication.translate("AttendanceGrid", "In training"),
        "at_risk": QCoreApplication.translate("AttendanceGrid", "At risk"),
        "eligible": QCoreApplication.translate("AttendanceGrid", "Eligible"),
        "not_eligible": QCoreApplication.translate("AttendanceGrid", "Not eligible"),
    }[eligibility_state(row)]


class AttendanceGridModel(RowList, QAbstractTableModel):
    """One session's trainees with their marks. A saved mark repaints its own line only."""

    ROLL, NAME, ID_NUMBER, STATUS, MINUTES, LEAVE_REASON, SIGN_IN, SIGN_OUT = range(8)

    def __init__(self, grid: SessionGrid | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: SessionGrid | None = grid
        self._rows: list[GridRow] = list(grid.rows) if grid else []

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("ID card no."), self.tr("Status"),
                self.tr("Late / early (min)"), self.tr("Reason for leave"), self.tr("Signed in"),
                self.tr("Signed out")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: GridRow = self._rows[index.row()]
        column = index.column()
        value = row.value
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ROLL:
                return str(row.roll_no)
            if column == self.NAME:
                return row.name
            if column == self.ID_NUMBER:
                return row.id_masked
            if column == self.STATUS:
                return status_label(row.status)
            if column == self.MINUTES:
                return minutes_text(value)
            if column == self.LEAVE_REASON:
                return (value.leave_reason or "") if value else ""
            if column == self.SIGN_IN:
                return clock(value.sign_in_at) if value else ""
            if column == self.SIGN_OUT:
                return clock(value.sign_out_at) if value else ""
            return None
        if column == self.STATUS:
            background, foreground = STATUS_COLOURS[row.status]
            if role == Qt.ItemDataRole.BackgroundRole:
                return background
            if role == Qt.ItemDataRole.ForegroundRole:
                return foreground
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.LEAVE_REASON and value and value.leave_reason:
            return value.leave_reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.STATUS, self.MINUTES,
                                                                    self.SIGN_IN, self.SIGN_OUT):
            return Qt.AlignmentFlag.AlignCenter
        return None

    # --- rows -------------------------------------------------------------------------------

    def set_grid(self, grid: SessionGrid | None) -> None:
        """Show `grid`. The same roster again (a refresh after a swipe or 全部出勤) repaints only
        the lines that changed, so the teacher's place and selection stay where they were."""
        new_rows = list(grid.rows) if grid else []
        same_people = [r.enrolment_id for r in new_rows] == [r.enrolment_id for r in self._rows]
        same_session = grid is not None and self.grid is not None and grid.session.id == self.grid.session.id
        self.grid = grid
        if not (same_people and same_session):
            self.set_rows(new_rows)
            return
        last = len(self.headers()) - 1
        for number, (old, new) in enumerate(zip(self._rows, new_rows)):
            if old != new:
                self._rows[number] = new
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    def replace_row(self, new: GridRow) -> int:
        """One mark was saved: repaint its line only. Returns the line, or -1."""
        number = self.row_of_enrolment(new.enrolment_id)
        if number >= 0:
            self._rows[number] = new
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers()) - 1))
        return number

    def row_of_enrolment(self, enrolment_id: int | None) -> int:
        for number, row in enumerate(self._rows):
            if row.enrolment_id == enrolment_id:
                return number
        return -1

    def totals(self) -> dict[str, int]:
        """出勤/迟到/… counts of the lines as shown now (the service's own arithmetic)."""
        if self.grid is None:
            return {**{s.value: 0 for s in AttendanceStatus}, "unmarked": 0}
        return replace(self.grid, rows=tuple(self._rows)).totals()


class AttendanceSummaryModel(RowList, QAbstractTableModel):
    """Per trainee: lessons attended, online lessons credited, rate and completion verdict."""

    ROLL, NAME, ATTENDED, ONLINE, TOTAL, RATE, ELIGIBILITY, REASONS = range(8)

    def __init__(self, rows: Sequence[SummaryRow] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SummaryRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Roll no."), self.tr("Name"), self.tr("Lessons attended"), self.tr("Online credited"),
                self.tr("Lessons in total"), self.tr("Attendance rate"), self.tr("Completion"), self.tr("Reasons")]

    @staticmethod
    def reasons(row: SummaryRow) -> list[str]:
        return [problem.message() for problem in row.shown_reasons]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: SummaryRow = self._rows[index.row()]
        column = index.column()
        a = row.attendance
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.ROLL: str(row.roll_no),
                self.NAME: row.name,
                self.ATTENDED: str(a.attended_lessons),
                self.ONLINE: str(a.online_credited_lessons),
                self.TOTAL: str(a.total_lessons),
                self.RATE: f"{a.rate_percent}%",
                self.ELIGIBILITY: eligibility_label(row),
                self.REASONS: "；".join(self.reasons(row)),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REASONS, self.ELIGIBILITY, self.NAME):
            reasons = self.reasons(row)
            return "\n".join(reasons) if reasons else None
        if role == Qt.ItemDataRole.BackgroundRole and row.in_progress and a.at_risk:
            return AT_RISK_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ELIGIBILITY:
            return ELIGIBILITY_COLOURS[eligibility_state(row)]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROLL, self.ATTENDED, self.ONLINE,
                                                                    self.TOTAL, self.RATE, self.ELIGIBILITY):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def at_risk_rows(self) -> list[int]:
        return [n for n, row in enumerate(self._rows) if row.in_progress and row.attendance.at_risk]


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
