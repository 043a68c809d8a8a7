"""`office.attendance`: sessions, the attendance grid, card swipes, history, imports and summaries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.attendance import MarkValue
from desktop_app.services import attendance as use_cases
from desktop_app.services.attendance import (
    AttendanceImportReport,
    GridRow,
    HistoryEntry,
    SessionGrid,
    SessionInfo,
    SummaryRow,
    SwipeResult,
)
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart

if TYPE_CHECKING:
    from desktop_app.documents.signin_sheet import SigninRender


class Attendance(OfficePart):
    """Read and mark one session's grid, swipe cards, import machine punches or online hours."""

    def sessions(self, class_code: str) -> list[SessionInfo]:
        return use_cases.class_sessions(self._db, class_code)

    def grid(self, session_id: int) -> SessionGrid:
        self._reading_personal_data()
        return use_cases.session_grid(self._db, session_id)

    @writes(Area.ATTENDANCE)
    def set_mark(self, session_id: int, enrolment_id: int, value: MarkValue, *, reason: str | None = None,
                 expected_revision: int | None = None) -> GridRow:
        """One trainee's mark; `expected_revision` refuses a change someone else made meanwhile."""
        return use_cases.set_mark(self._db, actor=self._acting(), session_id=session_id, enrolment_id=enrolment_id,
                                  value=value, reason=reason, expected_revision=expected_revision)

    @writes(Area.ATTENDANCE)
    def mark_all_present(self, session_id: int) -> int:
        return use_cases.mark_all_present(self._db, actor=self._acting(), session_id=session_id)

    @writes(Area.ATTENDANCE)
    def swipe(self, session_id: int, text: str, *, now: datetime | None = None) -> SwipeResult:
        """A card or barcode swipe signs a trainee in, or out if already in."""
        return use_cases.swipe(self._db, self._cipher, actor=self._acting(), session_id=session_id, text=text,
                               now=now)

    def history(self, session_id: int, enrolment_id: int) -> list[HistoryEntry]:
        self._reading_personal_data()
        return use_cases.mark_history(self._db, session_id, enrolment_id)

    def summary(self, class_code: str, *, as_of: datetime | None = None) -> list[SummaryRow]:
        """Per trainee: hours attended, online hours credited, rate and completion eligibility."""
        self._reading_personal_data()
        return use_cases.class_attendance_summary(self._db, class_code, as_of=as_of)

    @writes(Area.ATTENDANCE)
    def import_file(self, class_code: str, source: Path) -> AttendanceImportReport:
        """Attendance-machine punches or online-learning hours, whichever the file holds."""
        return use_cases.import_attendance(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                           source=source)

    def signin_sheets_pdf(self, class_code: str, *, per_day: bool = False) -> SigninRender:
        self._reading_personal_data()
        return use_cases.signin_sheets_pdf(self._db, class_code, per_day=per_day)
