"""The 考勤 page: pick a class and a session, take attendance in the grid by keyboard or ID-card
reader, fill in punches and online hours from files, print sign-in sheets, and follow each
trainee's hours and completion in the summary."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.permissions import Permission
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.pickers import choose_in_combo
from desktop_app.gui import value_labels as labels
from desktop_app.gui.attendance_dialogs import (
    AttendanceImportResultDialog,
    MarkDialog,
    MarkHistoryDialog,
    SigninSheetChoiceDialog,
)
from desktop_app.gui.attendance_grid import (
    AttendanceGridModel,
    AttendanceGridView,
    AttendanceSummaryModel,
    status_label,
)
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.permissions import apply_permission, permitted, refusal_text
from desktop_app.gui.table_views import documents_folder
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.attendance import (
    AttendanceImportReport,
    GridRow,
    SessionGrid,
    SessionInfo,
    SummaryRow,
    SwipeResult,
)
from desktop_app.services.classes import ClassRow
from desktop_app.services.office import Office

# Classes whose attendance is taken or still corrected here; sealed and uploaded ones are final.
OFFERED = (ClassStatus.FILED, ClassStatus.IN_TRAINING, ClassStatus.COMPLETED)
SCAN_NOTE_MS = 6_000
SUMMARY_DELAY_MS = 400

PAGE_STYLE = """
QLabel#readOnlyBanner { background: #ffe8c7; border: 1px solid #f0a84a; color: #7a3f00; padding: 8px;
                        border-radius: 4px; font-weight: bold; }
QLabel#totals { font-size: 11pt; color: #1f3550; padding: 2px 0; }
QLabel#keyHelp { color: #5b6470; }
QLabel#statusLine { color: #1f3550; padding: 2px 0; }
QLabel#lockBanner { background: #eaf3fc; border: 1px solid #b7d3ef; color: #1f3550; padding: 6px; border-radius: 4px; }
QLabel#summaryNote { color: #5b6470; }
QLabel#fieldLabel { color: #1f3550; }
"""
SCAN_STYLE = {
    True: "background: #dff3e4; border: 2px solid #3c9a5c; color: #0f4d23;",
    False: "background: #fde3e3; border: 2px solid #d05050; color: #8a1111;",
}


def period_label(starts_at: datetime) -> str:
    """上午/下午/晚上 from the start time (SessionInfo has no period of its own)."""
    if starts_at.hour < 12:
        return QCoreApplication.translate("AttendancePage", "Morning")
    if starts_at.hour < 18:
        return QCoreApplication.translate("AttendancePage", "Afternoon")
    return QCoreApplication.translate("AttendancePage", "Evening")


def session_text(info: SessionInfo, today: date | None = None) -> str:
    """"12月1日 周二 上午 08:30–12:00 理论 4课时"."""
    start = info.starts_at
    template = QCoreApplication.translate("AttendancePage",
                                          "{month}/{day} {weekday} {period} {time} {kind} {lessons} lessons")
    text = template.format(
        month=start.month, day=start.day, weekday=labels.weekday(start.date()), period=period_label(start),
        time=labels.time_span(info.starts_at, info.ends_at), kind=labels.session_kind(info.kind), lessons=info.lessons)
    if info.cancelled:
        return QCoreApplication.translate("AttendancePage", "{session} (cancelled)").format(session=text)
    if today is not None and start.date() == today:
        return QCoreApplication.translate("AttendancePage", "{session} (today)").format(session=text)
    return text


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


def _offered_classes(office: Office, today: date) -> tuple[list[ClassRow], str | None]:
    """Pool thread: the classes to offer, and the one (if any) that meets today."""
    rows = [r for r in office.classes.list() if r.status in OFFERED]
    candidates = sorted((r for r in rows if r.start_date <= today <= r.end_date),
                        key=lambda r: r.status is not ClassStatus.IN_TRAINING)
    for row in candidates:
        if any(s.starts_at.date() == today and not s.cancelled for s in office.attendance.sessions(row.code)):
            return rows, row.code
    return rows, None


class AttendancePage(QWidget):
    """Class and session pickers, the grid with its totals and card reader, and the summary."""

    page_id = "attendance"
    classes_loaded = Signal()
    sessions_loaded = Signal(str)  # class code
    grid_loaded = Signal(int)  # session id
    mark_saved = Signal(object)  # GridRow
    swipe_answered = Signal(object)  # SwipeResult
    summary_loaded = Signal(str)  # class code
    data_changed = Signal()  # marks or online hours changed

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_attendance")
        self.setStyleSheet(PAGE_STYLE)
        self.office = office
        self.tasks = tasks
        self.now = clock or (lambda: datetime.now(CHINA_TZ))
        self.classes: list[ClassRow] = []
        self.sessions: list[SessionInfo] = []
        self.last_folder = documents_folder()
        self._stale = True  # the class list is read when the page is first shown
        self._class_generation = 0
        self._session_generation = 0
        self._grid_generation = 0
        self._summary_generation = 0
        self._summary_stale = True
        self._saving: set[int] = set()
        self._queued: dict[int, tuple[MarkValue, str | None]] = {}
        self._status_note: Callable[[], str] | None = None
        self.mark_dialog: MarkDialog | None = None
        self.history_dialog: MarkHistoryDialog | None = None
        self.import_dialog: AttendanceImportResultDialog | None = None
        self.signin_dialog: SigninSheetChoiceDialog | None = None

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")

        self.class_label = QLabel()
        self.class_label.setObjectName("fieldLabel")
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classPicker")
        self.class_combo.setMinimumContentsLength(24)
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
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
            combo.activated.connect(lambda _index: self.view.setFocus())
        pickers = QHBoxLayout()
        pickers.addWidget(self.class_label)
        pickers.addWidget(self.class_combo, 3)
        pickers.addSpacing(10)
        pickers.addWidget(self.session_label)
        pickers.addWidget(self.session_combo, 4)

        self.all_present_button = QPushButton()
        self.all_present_button.setObjectName("allPresentButton")
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.history_button = QPushButton()
        self.history_button.setObjectName("historyButton")
        self.history_button.clicked.connect(lambda: self.show_history(self.view.current_row()))
        self.import_button = QPushButton()
        self.import_button.setObjectName("importAttendanceButton")
        self.import_button.clicked.connect(self.import_file)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printSigninButton")
        self.print_button.clicked.connect(self.print_signin_sheets)
        self.summary_button = QPushButton()
        self.summary_button.setObjectName("summaryButton")
        self.summary_button.clicked.connect(self.show_summary)
        self.swipe_label = QLabel()
        self.swipe_label.setObjectName("fieldLabel")
        self.swipe_edit = QLineEdit()
        self.swipe_edit.setObjectName("swipeEdit")
        self.swipe_edit.setMaxLength(40)
        self.swipe_edit.setMinimumWidth(210)
        self.swipe_edit.returnPressed.connect(self._swipe_typed)
        actions = QHBoxLayout()
        for button in (self.all_present_button, self.history_button, self.import_button, self.print_button,
                       self.summary_button):
            actions.addWidget(button)
        actions.addStretch(1)

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
        self.scan_banner = QLabel()
        self.scan_banner.setObjectName("scanBanner")
        self.scan_banner.setWordWrap(True)
        self.scan_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scan_banner.hide()
        self.scan_recorded: bool | None = None
        self._scan_timer = QTimer(self)
        self._scan_timer.setSingleShot(True)
        self._scan_timer.timeout.connect(self.scan_banner.hide)
        self.notice = NoticeBanner()

        self.totals = QLabel()
        self.totals.setObjectName("totals")
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
        self.view.status_key.connect(lambda row, status: self._on_grid_tab() and self.set_status(row, status))
        self.view.history_key.connect(lambda row: self._on_grid_tab() and self.show_history(row))
        self.view.scanned.connect(self.submit_swipe)
        self.view.scan_dropped.connect(self._scan_dropped)
        self.view.doubleClicked.connect(lambda index: self.show_history(index.row()))
        self.view.other_key.connect(lambda _text: self._show_key_help())
        for signal in (self.model.modelReset, self.model.dataChanged):
            signal.connect(self._render_totals)
        self.key_help = QLabel()
        self.key_help.setObjectName("keyHelp")
        self.key_help.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("keyHelp")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        grid_tab = QWidget()
        grid_layout = QVBoxLayout(grid_tab)
        grid_layout.setContentsMargins(6, 6, 6, 6)
        totals_row = QHBoxLayout()
        totals_row.addWidget(self.totals, 1)
        totals_row.addWidget(self.swipe_label)
        totals_row.addWidget(self.swipe_edit)
        grid_layout.addLayout(totals_row)
        grid_layout.addWidget(self.view, 1)
        grid_layout.addWidget(self.empty_label)
        grid_layout.addWidget(self.key_help)

        self.summary_model = AttendanceSummaryModel(parent=self)
        self.summary_view = QTableView()
        self.summary_view.setObjectName("summaryTable")
        self.summary_view.setModel(self.summary_model)
        self.summary_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.summary_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.summary_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_view.verticalHeader().hide()
        self.summary_view.verticalHeader().setDefaultSectionSize(28)
        self.summary_view.setWordWrap(False)
        summary_header = self.summary_view.horizontalHeader()
        summary_header.setHighlightSections(False)
        summary_header.setMinimumSectionSize(64)  # short Chinese headers still get room to breathe
        summary_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        summary_header.setSectionResizeMode(AttendanceSummaryModel.REASONS, QHeaderView.ResizeMode.Stretch)
        self.summary_note = QLabel()
        self.summary_note.setObjectName("summaryNote")
        self.summary_note.setWordWrap(True)
        summary_tab = QWidget()
        summary_layout = QVBoxLayout(summary_tab)
        summary_layout.setContentsMargins(6, 6, 6, 6)
        summary_layout.addWidget(self.summary_note)
        summary_layout.addWidget(self.summary_view, 1)
        # The card reader keeps working while the summary is shown (its table would otherwise
        # take the digits for a keyboard search).
        self.summary_view.installEventFilter(self)
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(SUMMARY_DELAY_MS)
        self._summary_timer.timeout.connect(self.reload_summary)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("attendanceTabs")
        self.tabs.addTab(grid_tab, "")
        self.tabs.addTab(summary_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.status_line = QLabel()
        self.status_line.setObjectName("statusLine")
        self.status_line.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(pickers)
        layout.addLayout(actions)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.scan_banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_line)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Attendance")

    # --- what is shown ---------------------------------------------------------------------

    @property
    def grid(self) -> SessionGrid | None:
        return self.model.grid

    def current_code(self) -> str | None:
        return self.class_combo.currentData()

    def current_session_id(self) -> int | None:
        return self.session_combo.currentData()

    def current_session(self) -> SessionInfo | None:
        session_id = self.current_session_id()
        return next((s for s in self.sessions if s.id == session_id), None)

    def mark_stale(self) -> None:
        """Classes changed elsewhere (new, filed, roster imported): read them again when shown."""
        self._stale = True
        if self.isVisible():
            self.reload_classes()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload_classes()
        self.view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Typing that reaches the page (focus on a button, on the tabs …) still goes to the grid,
        # so a card swiped right after a click is not lost.
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
            return
        if self.view.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.summary_view and event.type() == QEvent.Type.KeyPress and self.view.handle_key(event):
            return True
        return super().eventFilter(watched, event)

    def _on_grid_tab(self) -> bool:
        """Status keys act on the grid only while it is shown; elsewhere only a scan counts."""
        return self.tabs.currentIndex() == 0

    def refresh(self) -> None:
        self.reload_grid()
        self._summary_stale = True
        if self.tabs.currentIndex() == 1:
            self.reload_summary()

    # --- classes and sessions --------------------------------------------------------------

    def reload_classes(self) -> None:
        self._stale = False
        self._class_generation += 1
        generation = self._class_generation
        today = self.now().date()
        self.tasks.run(lambda: _offered_classes(self.office, today),
                       on_success=lambda result: self._classes_arrived(generation, *result),
                       on_failure=self._failed)

    def _classes_arrived(self, generation: int, rows: list[ClassRow], today_code: str | None) -> None:
        if generation != self._class_generation:
            return
        keep = self.current_code()
        self.classes = rows
        codes = [r.code for r in rows]
        if keep not in codes:
            keep = today_code or next((r.code for r in rows if r.status is ClassStatus.IN_TRAINING),
                                      codes[0] if codes else None)
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for row in rows:
            self.class_combo.addItem(f"{row.code}  {row.name}", row.code)
            self.class_combo.setItemData(self.class_combo.count() - 1,
                                         f"{row.name}\n{labels.class_status(row.status)}", Qt.ItemDataRole.ToolTipRole)
        self.class_combo.setCurrentIndex(codes.index(keep) if keep in codes else -1)
        self.class_combo.blockSignals(False)
        self.classes_loaded.emit()
        if not rows:
            self.sessions = []
            self.session_combo.clear()
            self._show_grid(None)
            return
        if self.sessions and self.sessions[0].class_code == keep:
            self._reload_sessions(keep)  # sessions may have moved; stay on the one shown
            return
        self._class_chosen()

    def select_class(self, code: str) -> bool:
        return choose_in_combo(self.class_combo, code, self._class_chosen)

    def _class_chosen(self, _index: int = -1) -> None:
        code = self.current_code()
        self._session_generation += 1
        generation = self._session_generation
        self._summary_stale = True
        self.summary_model.set_rows([])
        self.sessions = []
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        self.session_combo.blockSignals(False)
        self._show_grid(None)
        if code is None:
            return
        self.tasks.run(lambda: self.office.attendance.sessions(code),
                       on_success=lambda sessions: self._sessions_arrived(generation, code, sessions, None),
                       on_failure=self._failed)
        if self.tabs.currentIndex() == 1:
            self.reload_summary()

    def _reload_sessions(self, code: str) -> None:
        self._session_generation += 1
        generation = self._session_generation
        keep = self.current_session_id()
        self.tasks.run(lambda: self.office.attendance.sessions(code),
                       on_success=lambda sessions: self._sessions_arrived(generation, code, sessions, keep),
                       on_failure=self._failed)

    def _sessions_arrived(self, generation: int, code: str, sessions: list[SessionInfo], keep: int | None) -> None:
        if generation != self._session_generation or code != self.current_code():
            return
        self.sessions = list(sessions)
        kept = keep is not None and any(s.id == keep for s in sessions)
        self._fill_session_combo(keep if kept else default_session(sessions, self.now()))
        self.sessions_loaded.emit(code)
        if kept:
            self.reload_grid()  # the same session: refresh in place, the teacher's line stays selected
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

    def select_session(self, session_id: int) -> bool:
        index = self.session_combo.findData(session_id)
        if index < 0:
            return False
        if index == self.session_combo.currentIndex():
            self._session_chosen()
        else:
            self.session_combo.setCurrentIndex(index)
        return True

    def _session_chosen(self, _index: int = -1) -> None:
        self._show_grid(None)
        self.reload_grid()

    # --- the grid --------------------------------------------------------------------------

    def reload_grid(self, *, then: Callable[[SessionGrid], None] | None = None) -> None:
        session_id = self.current_session_id()
        if session_id is None:
            return
        self._grid_generation += 1
        generation = self._grid_generation
        self.tasks.run(lambda: self.office.attendance.grid(session_id),
                       on_success=lambda grid: self._grid_arrived(generation, grid, then),
                       on_failure=self._failed)

    def _grid_arrived(self, generation: int, grid: SessionGrid, then) -> None:
        if generation != self._grid_generation or grid.session.id != self.current_session_id():
            return
        first = self.model.grid is None
        self._show_grid(grid)
        if first and self.model.rowCount():
            self.view.go_to_row(0)
        if then is not None:
            then(grid)
        self.grid_loaded.emit(grid.session.id)

    def _show_grid(self, grid: SessionGrid | None) -> None:
        if grid is None:
            self._saving.clear()
            self._queued.clear()
        self.model.set_grid(grid)
        if grid is not None and grid.read_only and grid.read_only_reason is not None:
            self.read_only_banner.setText(grid.read_only_reason.message())
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()
        self.lock_label.setVisible(grid is not None and grid.locked and not grid.read_only)
        self.empty_label.setVisible(grid is not None and not grid.rows)
        self._update_buttons()
        self._render_totals()

    def _render_totals(self, *_args) -> None:
        if self.model.grid is None:
            self.totals.setText("")
            return
        counts = self.model.totals()
        parts = [f"{status_label(s)} {counts[s.value]}" for s in AttendanceStatus]
        parts.append(f"{status_label(None)} {counts['unmarked']}")
        self.totals.setText(" · ".join(parts))

    def _update_buttons(self) -> None:
        # Marking is offered to every role that may record attendance; a teacher is refused other
        # teachers' classes by the service, with a message naming the class.
        actor = self.office.actor
        grid = self.model.grid
        writable = grid is not None and not grid.read_only
        if grid is not None and writable and grid.locked:
            all_present_tip = self.tr(
                "The lock time of this session's day has passed: change marks one by one, each with a reason.")
        else:
            all_present_tip = self.tr("Mark everyone not yet marked as present; marks already "
                                      "taken, leave included, stay as they are.")
        apply_permission(self.all_present_button, actor, Permission.MARK_ATTENDANCE,
                         enabled=writable and not grid.locked and bool(grid.rows), tooltip=all_present_tip)
        self.history_button.setEnabled(grid is not None and bool(grid.rows))
        has_class = self.current_code() is not None
        apply_permission(self.import_button, actor, Permission.MARK_ATTENDANCE, enabled=has_class)
        self.print_button.setEnabled(has_class)
        self.summary_button.setEnabled(has_class)
        apply_permission(self.swipe_edit, actor, Permission.MARK_ATTENDANCE, enabled=grid is not None)

    def apply_permissions(self) -> None:
        """The signed-in user changed: marking is offered only to a role that may record attendance."""
        self._update_buttons()

    def _refuse_marking(self) -> bool:
        """True (and a note saying why) when the signed-in role may not record attendance."""
        if permitted(self.office.actor, Permission.MARK_ATTENDANCE):
            return False
        self.notice.show_note(refusal_text(self.office.actor, Permission.MARK_ATTENDANCE), "warning")
        return True

    # --- marks -----------------------------------------------------------------------------

    def set_status(self, row_number: int, status: AttendanceStatus) -> None:
        """A status key on a grid line: save at once, asking first what the status needs."""
        grid = self.model.grid
        if grid is None:
            return
        if grid.read_only:
            self._refuse_read_only()
            return
        if self._refuse_marking():
            return
        row: GridRow | None = self.model.row_at(row_number)
        if row is None:
            self.notice.show_note(self.tr("Select a trainee first (arrow keys), then press the status key."), "info")
            return
        old = row.value
        # The card times stay with a mark that says the trainee was there; 缺勤 and 请假 drop them
        # (the history still has them), or a corrected mark would read "absent, signed in 08:25".
        there = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EARLY_LEAVE)
        times = {"sign_in_at": old.sign_in_at if old and there else None,
                 "sign_out_at": old.sign_out_at if old and there else None}
        if status in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
            value = MarkValue(status, **times)
            if value == old:
                self.view.next_row(row_number)
                return
            if not grid.locked:
                self._save(row.enrolment_id, value, None)
                self.view.next_row(row_number)
                return
        session = grid.session
        sitting = int((session.ends_at - session.starts_at).total_seconds() // 60)
        other = 0  # the other kind of minutes is kept: late AND left early is one 迟到 mark with both
        if old is not None and status.takes_minutes:
            other = old.early_leave_minutes if status is AttendanceStatus.LATE else old.late_minutes
        dialog = MarkDialog(trainee=row.name, status=status, session_minutes=max(1, sitting - other),
                            minutes=self._default_minutes(row, status), needs_correction_reason=grid.locked,
                            leave_reason=old.leave_reason if old else None, parent=self)
        dialog.accepted.connect(lambda: self._dialog_accepted(dialog, row, status, times, other, row_number))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.mark_dialog = dialog
        dialog.open()

    def _dialog_accepted(self, dialog: MarkDialog, row: GridRow, status: AttendanceStatus, times: dict,
                         other: int, row_number: int) -> None:
        if status is AttendanceStatus.LATE:
            value = MarkValue(status, late_minutes=dialog.minutes(), early_leave_minutes=other, **times)
        elif status is AttendanceStatus.EARLY_LEAVE:
            value = MarkValue(status, late_minutes=other, early_leave_minutes=dialog.minutes(), **times)
        elif status is AttendanceStatus.LEAVE:
            value = MarkValue(status, leave_reason=dialog.leave_reason(), **times)
        else:
            value = MarkValue(status, **times)
        current = self.model.row_at(row_number)
        if current is None or current.enrolment_id != row.enrolment_id:
            row_number = self.model.row_of_enrolment(row.enrolment_id)
        self._save(row.enrolment_id, value, dialog.correction_reason() or None)
        self.view.next_row(row_number)

    def _dialog_closed(self, dialog: MarkDialog) -> None:
        if self.mark_dialog is dialog:
            self.mark_dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    def _default_minutes(self, row: GridRow, status: AttendanceStatus) -> int:
        """Minutes late from the sign-in (or from now, during the session); minutes early from the
        sign-out (or until the end, during the session)."""
        old, session = row.value, self.model.grid.session
        now = self.now()
        if status is AttendanceStatus.LATE:
            if old is not None and old.late_minutes:
                return old.late_minutes
            moment = old.sign_in_at if old is not None and old.sign_in_at else (
                now if session.starts_at <= now <= session.ends_at else None)
            if moment is not None and moment > session.starts_at:
                return math.ceil((moment - session.starts_at).total_seconds() / 60)
            return 1
        if old is not None and old.early_leave_minutes:
            return old.early_leave_minutes
        moment = old.sign_out_at if old is not None and old.sign_out_at else (
            now if session.starts_at <= now <= session.ends_at else None)
        if moment is not None and moment < session.ends_at:
            return math.ceil((session.ends_at - moment).total_seconds() / 60)
        return 1

    def _save(self, enrolment_id: int, value: MarkValue, reason: str | None) -> None:
        """Saved at once; a second key on the same line while the first is saving waits for it,
        so it is sent with the revision the first one produced."""
        if enrolment_id in self._saving:
            self._queued[enrolment_id] = (value, reason)
            return
        grid = self.model.grid
        number = self.model.row_of_enrolment(enrolment_id)
        if grid is None or number < 0:
            return
        revision = self.model.row_at(number).revision
        session_id = grid.session.id
        self._saving.add(enrolment_id)
        self.tasks.run(
            lambda: self.office.attendance.set_mark(session_id, enrolment_id, value, reason=reason,
                                                    expected_revision=revision),
            on_success=lambda row: self._saved(session_id, row),
            on_failure=lambda error: self._save_failed(session_id, enrolment_id, error))

    def _saved(self, session_id: int, row: GridRow) -> None:
        if self.current_session_id() != session_id or self.model.grid is None:
            return
        self._saving.discard(row.enrolment_id)
        self.model.replace_row(row)
        self._set_status_line(lambda: self.tr("Saved: {roll}. {name}: {status}").format(
            roll=row.roll_no, name=row.name, status=status_label(row.status)))
        self._marks_changed()
        self.mark_saved.emit(row)
        queued = self._queued.pop(row.enrolment_id, None)
        if queued is not None:
            self._save(row.enrolment_id, *queued)

    def _save_failed(self, session_id: int, enrolment_id: int, error: BaseException) -> None:
        self._saving.discard(enrolment_id)
        self._queued.pop(enrolment_id, None)
        if self.current_session_id() != session_id:
            return
        self.notice.show_note(failure_text(error), "error")

        def reloaded(grid: SessionGrid) -> None:
            if grid.read_only:  # sealed meanwhile: the orange banner now says it, once is enough
                self.notice.hide()
                self._refuse_read_only()

        self.reload_grid(then=reloaded)  # show what is really saved (another PC, a class sealed meanwhile …)

    def _refuse_read_only(self) -> None:
        """The reason is on the orange banner already: make it catch the eye instead of repeating it."""
        reason = self.model.grid.read_only_reason
        if reason is None or self.read_only_banner.isHidden():
            self.notice.show_note(self.tr("This session can no longer be changed."), "warning")
        self.read_only_flashing = True
        self.read_only_banner.setStyleSheet("QLabel#readOnlyBanner { background: #ffd08a; border: 2px solid #d9822b; }")
        self._flash_timer.start(1500)
        self._set_status_line(lambda: self.tr("Nothing was changed (see the note above)."))

    def _end_flash(self) -> None:
        self.read_only_flashing = False
        self.read_only_banner.setStyleSheet("")

    def _marks_changed(self) -> None:
        self._summary_stale = True
        if self.tabs.currentIndex() == 1:
            self._summary_timer.start()
        self.data_changed.emit()

    def mark_all_present(self) -> None:
        grid = self.model.grid
        if grid is None:
            return
        if grid.read_only:
            self._refuse_read_only()
            return
        session_id = grid.session.id
        self.all_present_button.setEnabled(False)

        def done(count: int) -> None:
            if count:
                self._set_status_line(lambda: self.tr(
                    "{count} trainees not yet marked were marked present; marks already taken (leave included) "
                    "were left as they were.").format(count=count))
                self._marks_changed()
            else:
                self._set_status_line(lambda: self.tr("Everyone already has a mark; nothing was changed."))
            self.reload_grid()

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.notice.show_note(failure_text(error), "error")
            self.reload_grid()

        self.tasks.run(lambda: self.office.attendance.mark_all_present(session_id), on_success=done, on_failure=failed)
        self.view.setFocus()

    # --- card reader -----------------------------------------------------------------------

    def _swipe_typed(self) -> None:
        text = self.swipe_edit.text().strip()
        self.swipe_edit.clear()
        if text:
            self.submit_swipe(text)

    def submit_swipe(self, text: str) -> None:
        grid = self.model.grid
        if grid is None:
            self._show_scan(self.tr("Choose a class and a session first; nothing was recorded."), False)
            return
        if grid.read_only:
            reason = grid.read_only_reason
            self._show_scan(reason.message() if reason else self.tr("This session can no longer be changed."), False)
            return
        if not permitted(self.office.actor, Permission.MARK_ATTENDANCE):
            self._show_scan(refusal_text(self.office.actor, Permission.MARK_ATTENDANCE), False)
            return
        session_id = grid.session.id
        self.tasks.run(lambda: self.office.attendance.swipe(session_id, text),
                       on_success=lambda result: self._swiped(session_id, result),
                       on_failure=lambda error: self._swipe_failed(session_id, error))

    def _swiped(self, session_id: int, result: SwipeResult) -> None:
        self._show_scan(result.message.message(), result.recorded)
        self.swipe_answered.emit(result)
        if not result.recorded or session_id != self.current_session_id():
            return
        self._marks_changed()

        def select(_grid: SessionGrid) -> None:
            number = self.model.row_of_enrolment(result.enrolment_id)
            if number >= 0:
                self.view.go_to_row(number)

        # The swipe answers with the trainee only; the grid is read again and repaints the changed line.
        self.reload_grid(then=select)

    def _swipe_failed(self, session_id: int, error: BaseException) -> None:
        self._show_scan(failure_text(error), False)
        if session_id == self.current_session_id():
            self.reload_grid()

    def _scan_dropped(self, text: str) -> None:
        self.notice.show_note(self.tr(
            "Read “{text}” but no Enter followed, so nothing was recorded. Swipe again, or type the number into "
            "the swipe box above the grid and press Enter.").format(text=text[:24]), "warning")

    def _show_scan(self, text: str, recorded: bool) -> None:
        self.scan_recorded = recorded
        self.scan_banner.setStyleSheet(f"QLabel#scanBanner {{ {SCAN_STYLE[recorded]} font-size: 15pt; "
                                       "font-weight: bold; padding: 8px; border-radius: 6px; }")
        self.scan_banner.setText(text)
        self.scan_banner.show()
        self._scan_timer.start(SCAN_NOTE_MS)

    def _show_key_help(self) -> None:
        self._set_status_line(lambda: self.tr("Keys: {keys}").format(keys=self._keys_text()))

    # --- history ---------------------------------------------------------------------------

    def show_history(self, row_number: int) -> None:
        grid = self.model.grid
        row: GridRow | None = self.model.row_at(row_number)
        if grid is None or row is None:
            return
        session = grid.session
        self.tasks.run(lambda: self.office.attendance.history(session.id, row.enrolment_id),
                       on_success=lambda entries: self._history_arrived(row, session, entries),
                       on_failure=self._failed)

    def _history_arrived(self, row: GridRow, session: SessionInfo, entries) -> None:
        who = self.tr("No. {roll} {name}").format(roll=row.roll_no, name=row.name)
        dialog = MarkHistoryDialog(who, session_text(session), entries, self)
        dialog.finished.connect(lambda _result: self._history_closed(dialog))
        self.history_dialog = dialog
        dialog.open()

    def _history_closed(self, dialog: MarkHistoryDialog) -> None:
        if self.history_dialog is dialog:
            self.history_dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    # --- files -----------------------------------------------------------------------------

    def import_file(self) -> None:
        code = self.current_code()
        if code is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import punches or online hours into {code}").format(code=code), str(self.last_folder),
            self.tr("Attendance files (*.xlsx *.csv);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        self.last_folder = path.parent
        self.import_button.setEnabled(False)
        self._set_status_line(lambda: self.tr("Importing {file} …").format(file=path.name))

        def done(report: AttendanceImportReport) -> None:
            self._update_buttons()
            self._set_status_line(lambda: self.tr("Imported {file}.").format(file=path.name))
            dialog = AttendanceImportResultDialog(path.name, report, self)
            dialog.finished.connect(lambda _result: self._import_closed(dialog))
            self.import_dialog = dialog
            dialog.open()
            self._marks_changed()
            self.reload_grid()

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self._set_status_line(None)
            self.notice.show_note(failure_text(error), "error")

        self.tasks.run(lambda: self.office.attendance.import_file(code, path), on_success=done, on_failure=failed)

    def _import_closed(self, dialog: AttendanceImportResultDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    def print_signin_sheets(self) -> None:
        code = self.current_code()
        if code is None:
            return
        dialog = SigninSheetChoiceDialog(self.class_combo.currentText(), self)
        dialog.accepted.connect(lambda: self._print_chosen(code, dialog.chosen_per_day()))
        dialog.finished.connect(lambda _result: self._signin_closed(dialog))
        self.signin_dialog = dialog
        dialog.open()

    def _signin_closed(self, dialog: SigninSheetChoiceDialog) -> None:
        if self.signin_dialog is dialog:
            self.signin_dialog = None
        dialog.deleteLater()

    def _print_chosen(self, code: str, per_day: bool) -> None:
        name = self.tr("signin_{code}.pdf").format(code=code)
        title = self.tr("Save the sign-in sheets of {code}").format(code=code)
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(self.last_folder / name),
                                                      self.tr("PDF document (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.last_folder = path.parent
        self.print_button.setEnabled(False)
        self._set_status_line(lambda: self.tr("Preparing the sign-in sheets …"))

        def render_and_write():
            render = self.office.attendance.signin_sheets_pdf(code, per_day=per_day)
            path.write_bytes(render.pdf)
            return render

        def done(render) -> None:
            self._update_buttons()
            self._set_status_line(None)
            text = self.tr("{pages} pages of sign-in sheets were saved to {path}. Open the file to print it.").format(
                pages=render.pages, path=path)
            if render.warnings:
                text += "\n" + "\n".join(f"• {warning.message()}" for warning in render.warnings)
            self.notice.show_note(text, "warning" if render.warnings else "success")

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self._set_status_line(None)
            self.notice.show_note(failure_text(error), "error")

        self.tasks.run(render_and_write, on_success=done, on_failure=failed)

    # --- summary ---------------------------------------------------------------------------

    def show_summary(self) -> None:
        self.tabs.setCurrentIndex(1)

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._summary_stale:
            self.reload_summary()
        if index == 0:
            self.view.setFocus()

    def reload_summary(self) -> None:
        code = self.current_code()
        if code is None:
            return
        self._summary_stale = False
        self._summary_generation += 1
        generation = self._summary_generation
        as_of = datetime.now(timezone.utc)
        self.tasks.run(lambda: self.office.attendance.summary(code, as_of=as_of),
                       on_success=lambda rows: self._summary_arrived(generation, code, as_of, rows),
                       on_failure=self._failed)

    def _summary_arrived(self, generation: int, code: str, as_of: datetime, rows: list[SummaryRow]) -> None:
        if generation != self._summary_generation or code != self.current_code():
            return
        self.summary_model.set_rows(rows)
        self._summary_as_of = as_of
        self._render_summary_note()
        self.summary_loaded.emit(code)

    def _render_summary_note(self) -> None:
        rows = self.summary_model.rows()
        as_of = getattr(self, "_summary_as_of", None)
        if as_of is None:
            self.summary_note.setText("")
            return
        at_risk = len(self.summary_model.at_risk_rows())
        stamp = f"{as_of.astimezone(CHINA_TZ):%Y-%m-%d %H:%M}"
        if rows and rows[0].in_progress:
            text = self.tr("As of {time}; the class is still running, so the rate counts the sessions held so far. "
                           "Trainees at risk of not completing (red rows): %n.", "", at_risk).format(time=stamp)
        else:
            text = self.tr("As of {time}; every session has been held, so the verdict is final.").format(time=stamp)
        self.summary_note.setText(text)

    # --- language and notes ----------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        self.notice.show_note(failure_text(error), "error")

    def _set_status_line(self, text: Callable[[], str] | None) -> None:
        self._status_note = text
        self.status_line.setText(text() if text else "")

    def _keys_text(self) -> str:
        keys = [f"{s.shortcut}/{s.letter} {status_label(s)}" for s in AttendanceStatus]
        return " · ".join(keys) + " · " + self.tr("H history")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Attendance"))
        self.class_label.setText(self.tr("Class"))
        self.session_label.setText(self.tr("Session"))
        self.all_present_button.setText(self.tr("All present"))
        self.history_button.setText(self.tr("History"))
        self.import_button.setText(self.tr("Import punches / online hours…"))
        self.print_button.setText(self.tr("Print sign-in sheets…"))
        self.summary_button.setText(self.tr("Attendance summary"))
        self.swipe_label.setText(self.tr("Swipe / scan"))
        self.swipe_edit.setPlaceholderText(self.tr("ID or roll number, then Enter"))
        self.tabs.setTabText(0, self.tr("Attendance sheet"))
        self.tabs.setTabText(1, self.tr("Attendance summary"))
        self.key_help.setText(self.tr("Keys: {keys}. Swiping an ID card signs the trainee in, a second swipe signs "
                                      "out.").format(keys=self._keys_text()))
        self.empty_label.setText(self.tr("Nobody is enrolled in this class yet."))
        self.lock_label.setText(self.tr("The lock time of this session's day has passed: every change asks for a "
                                        "reason and is kept permanently in the history."))
        if self.sessions:
            for number, info in enumerate(self.sessions):
                self.session_combo.setItemText(number, session_text(info, self.now().date()))
        self.model.retranslate()
        self.summary_model.retranslate()
        self._render_totals()
        self._render_summary_note()
        self._update_buttons()
        self.status_line.setText(self._status_note() if self._status_note else "")
