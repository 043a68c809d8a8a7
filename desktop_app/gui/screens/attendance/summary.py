"""The 考勤汇总 tab: per trainee, the lessons attended and credited, the two rates with their labels
(of the sessions held so far; of all planned lessons) and the standing — needs attention in amber,
cannot complete in red (domain.attendance.Standing); read again shortly after marks change while
shown."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop_app.gui.widgets.row_table import row_table
from desktop_app.services.attendance import SummaryRow

from .choice import SessionChoice
from .models import AttendanceSummaryModel
from .part import AttendancePart, AttendanceTools
from .words import china_time

SUMMARY_DELAY_MS = 400  # a burst of marks reads the summary once, after the last


class AttendanceSummary(AttendancePart):
    """The summary of the chosen class; `tab` is its page in the screen's tabs."""

    loaded = Signal(str)  # class code

    def __init__(self, tools: AttendanceTools, page: QWidget, choice: SessionChoice) -> None:
        super().__init__(tools, page)
        self.choice = choice
        self.on_screen = False  # its tab is the current one
        self.stale = True
        self.as_of: datetime | None = None
        self.model = AttendanceSummaryModel(parent=self)
        self.view = row_table(self.model, "summaryTable", fit_columns=True)
        self.view.setAlternatingRowColors(False)  # the rows of trainees at risk are red
        self.view.verticalHeader().setDefaultSectionSize(28)  # as high as the grid's
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(64)  # short Chinese headers still get room to breathe
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AttendanceSummaryModel.REASONS, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setObjectName("summaryNote")
        self.note.setWordWrap(True)
        self.tab = QWidget()
        layout = QVBoxLayout(self.tab)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SUMMARY_DELAY_MS)
        self._timer.timeout.connect(self.reload)

    # --- when to read it -----------------------------------------------------------------------

    def set_on_screen(self, on_screen: bool) -> None:
        self.on_screen = on_screen
        if on_screen and self.stale:
            self.reload()

    def class_changed(self) -> None:
        """Another class: what is shown belongs to the old one."""
        self.stale = True
        self.model.set_rows([])
        if self.on_screen:
            self.reload()

    def marks_changed(self) -> None:
        self.stale = True
        if self.on_screen:
            self._timer.start()

    def mark_stale(self) -> None:
        """Read again when next shown (F5), at once when shown now."""
        self.stale = True
        if self.on_screen:
            self.reload()

    # --- reading it ----------------------------------------------------------------------------

    def reload(self) -> None:
        code = self.choice.current_code()
        if code is None:
            return
        self.stale = False
        as_of = datetime.now(timezone.utc)
        self.run(lambda: self.office.attendance.summary(code, as_of=as_of),
                 success=lambda rows: self._arrived(code, as_of, rows), latest="summary")

    def _arrived(self, code: str, as_of: datetime, rows: list[SummaryRow]) -> None:
        if code != self.choice.current_code():
            return
        self.model.set_rows(rows)
        self.as_of = as_of
        self._render_note()
        self.loaded.emit(code)

    def _render_note(self) -> None:
        rows = self.model.rows()
        if self.as_of is None:
            self.note.setText("")
            return
        stamp = f"{china_time(self.as_of):%Y-%m-%d %H:%M}"
        if rows and rows[0].in_progress:
            text = self.tr(
                "As of {time}; the class is still running. “Rate so far” counts the sessions that have "
                "ended and been marked; “Rate of all planned” counts every planned lesson, the one "
                "completion is judged on. Needs attention (amber): {attention}; cannot complete even with full "
                "attendance from now on (red): {cannot}.").format(
                time=stamp, attention=len(self.model.lines_standing("needs_attention")),
                cannot=len(self.model.lines_standing("cannot_complete")))
        else:
            text = self.tr("As of {time}; every session has been held, so the verdict is final.").format(time=stamp)
        self.note.setText(text)

    def retranslate(self) -> None:
        self.model.retranslate()
        self._render_note()
