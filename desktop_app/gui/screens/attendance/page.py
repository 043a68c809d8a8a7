"""The 考勤 screen: pick a class and a session, take attendance in the grid by keyboard or ID-card
reader, fill in punches and online hours from files, print sign-in sheets, and follow each
trainee's hours and completion in the summary.

The page lays out and connects its parts, each doing one job: `SessionChoice` (the pickers),
`AttendanceSheet` (the grid and its banners), `Marking` (status keys, 全部出勤), `CardReader`
(swipes), `MarkHistory`, `AttendanceFiles` (import, sign-in sheets) and `AttendanceSummary`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.services.attendance import SessionGrid
from desktop_app.services.changes import Area

from .card_reader import CardReader
from .choice import SessionChoice
from .files import AttendanceFiles
from .history import MarkHistory
from .marking import Marking
from .part import AttendanceTools, StatusLine
from .sheet import AttendanceSheet
from .summary import AttendanceSummary

if TYPE_CHECKING:
    from desktop_app.services.office import Office

GRID_TAB, SUMMARY_TAB = 0, 1


class AttendancePage(ScreenPage):
    """The attendance screen (see the module docstring)."""

    page_id = "attendance"
    swipe_answered = Signal(str, str)  # a swipe's answer and its tone, for the lock screen and the status bar
    # Classes offered, their sessions, who is enrolled (and their names), and the marks themselves.
    shows = (Area.CLASSES, Area.SESSIONS, Area.ROSTER, Area.TRAINEES, Area.ATTENDANCE)

    def __init__(self, office: Office, operations: Operations, *, clock: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_attendance")
        self.status_line = StatusLine()
        tools = AttendanceTools(office=office, operations=operations, notice=self.notice, status=self.status_line,
                                now=clock or (lambda: datetime.now(CHINA_TZ)))
        self.choice = SessionChoice(tools, self)
        self.sheet = AttendanceSheet(tools, self, self.choice)
        self.marking = Marking(tools, self, self.sheet)
        self.reader = CardReader(tools, self, self.sheet)
        self.history = MarkHistory(tools, self, self.sheet)
        self.files = AttendanceFiles(tools, self, self.sheet)
        self.summary = AttendanceSummary(tools, self, self.choice)
        self.view = self.sheet.view
        self.summary_button = QPushButton()
        self.summary_button.setObjectName("summaryButton")
        self.summary_button.clicked.connect(self.show_summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("attendanceTabs")
        self.tabs.addTab(self._grid_tab(), "")
        self.tabs.addTab(self.summary.tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._lay_out()
        self._connect()
        # The card reader keeps working while the summary is shown (its table would otherwise
        # take the digits for a keyboard search).
        self.summary.view.installEventFilter(self)
        self.mark_stale()  # the classes are read when the screen is first shown
        self.retranslate()
        self._update_actions()

    def _grid_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 6)
        totals_row = QHBoxLayout()
        totals_row.addWidget(self.sheet.totals, 1)
        totals_row.addWidget(self.reader.swipe_label)
        totals_row.addWidget(self.reader.swipe_edit)
        layout.addLayout(totals_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.sheet.empty_label)
        layout.addWidget(self.sheet.key_help)
        return tab

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        for button in (self.marking.all_present_button, self.history.button, self.files.import_button,
                       self.files.print_button, self.summary_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.marking.back_entry.bar)
        layout = self.page_layout()
        layout.addLayout(self.choice.row)
        layout.addLayout(actions)
        layout.addWidget(self.sheet.read_only_banner)
        layout.addWidget(self.sheet.lock_label)
        # Swipe answers in an area of fixed height, other notes under the tabs: neither moves the
        # grid or the swipe box (a click aimed at the box must not land on the first line).
        layout.addWidget(self.reader.area)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.status_line)

    def _connect(self) -> None:
        choice, sheet = self.choice, self.sheet
        choice.picked.connect(self.view.setFocus)
        choice.class_changed.connect(self._class_changed)
        choice.session_changed.connect(self._session_changed)
        choice.session_kept.connect(lambda _session_id: sheet.reload())
        sheet.shown.connect(lambda _grid: self._update_actions())
        # Status keys act on the grid only while it is shown; elsewhere only a scan counts.
        self.view.status_key.connect(lambda row, status: self._on_grid_tab() and self.marking.set_status(row, status))
        self.view.history_key.connect(lambda row: self._on_grid_tab() and self.history.show(row))
        for part in (self.marking, self.reader, self.files):
            part.marks_changed.connect(self.summary.marks_changed)
        self.history.restored.connect(lambda _row: self.summary.marks_changed())
        self.reader.said.connect(self.swipe_answered)

    def title(self) -> str:
        return self.tr("Attendance")

    # --- what is shown -------------------------------------------------------------------------

    @property
    def grid(self) -> SessionGrid | None:
        return self.sheet.grid

    def current_code(self) -> str | None:
        return self.choice.current_code()

    def select_class(self, code: str) -> bool:
        """Open a class (False when it is not offered here: draft, sealed or uploaded)."""
        return self.choice.select_class(code)

    def select_session(self, session_id: int) -> bool:
        return self.choice.select_session(session_id)

    def take_swipe(self, text: str) -> None:
        """A card read anywhere in the window (the card-burst filter): recorded for the chosen session."""
        self.reader.submit(text)

    def station_session(self):
        """The session the lock screen takes swipes for while the window is locked (or None)."""
        return self.reader.station_session()

    def reload(self) -> None:
        """Classes changed (new, filed, roster imported …): read them again, keeping the class and
        session shown and the teacher's line."""
        self.choice.reload_classes()

    def refresh(self) -> None:
        """F5: the grid and the summary read again."""
        self.sheet.reload()
        self.summary.mark_stale()

    def _class_changed(self, _code: str | None) -> None:
        self.summary.class_changed()
        self.sheet.show(None)

    def _session_changed(self, _session_id: int | None) -> None:
        self.sheet.show(None)
        self.sheet.reload()

    def show_summary(self) -> None:
        self.tabs.setCurrentIndex(SUMMARY_TAB)

    def _tab_changed(self, index: int) -> None:
        self.summary.set_on_screen(index == SUMMARY_TAB)
        if index == GRID_TAB:
            self.view.setFocus()

    def _on_grid_tab(self) -> bool:
        return self.tabs.currentIndex() == GRID_TAB

    def _update_actions(self) -> None:
        grid = self.sheet.grid
        self.marking.update_actions(grid)
        self.history.update_actions(grid)
        self.files.update_actions()
        self.summary_button.setEnabled(self.choice.current_code() is not None)
        self.reader.update_actions(grid)

    def apply_permissions(self) -> None:
        """The signed-in user changed: marking is offered only to a role that may record attendance."""
        self._update_actions()

    # --- the keyboard --------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Typing that reaches the page (focus on a button, on the tabs …) still goes to the grid,
        # so a card swiped right after a click is not lost.
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
            return
        if self.view.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.summary.view and event.type() == QEvent.Type.KeyPress and self.view.handle_key(event):
            return True
        return super().eventFilter(watched, event)

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.summary_button.setText(self.tr("Attendance summary"))
        self.tabs.setTabText(GRID_TAB, self.tr("Attendance sheet"))
        self.tabs.setTabText(SUMMARY_TAB, self.tr("Attendance summary"))
        for part in (self.choice, self.sheet, self.marking, self.reader, self.history, self.files, self.summary):
            part.retranslate()
        self._update_actions()
        self.status_line.retranslate()
