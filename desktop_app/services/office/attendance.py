"""`office.attendance`: sessions, the attendance grid, card swipes, history, imports and summaries."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.services import attendance as use_cases
from desktop_app.services import attendance_marks as marks_use_cases
from desktop_app.services.attendance import (
    AttendanceImportReport,
    GridRow,
    HistoryEntry,
    SessionGrid,
    SessionInfo,
    SummaryRow,
    SwipeResult,
)
from desktop_app.services.attendance_marks import BulkMarkReport
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.teachers import require_teaches_class, require_teaches_session

if TYPE_CHECKING:
    from desktop_app.documents.signin_sheet import SigninRender


class Attendance(OfficePart):
    """Read and mark one session's grid, swipe cards, import machine punches or online hours."""

    def sessions(self, class_code: str) -> list[SessionInfo]:
        """The class's sessions; a 教师 account is refused a class it does not teach."""
        require_teaches_class(self._db, self._context.actor, class_code)
        return use_cases.class_sessions(self._db, class_code)

    def grid(self, session_id: int) -> SessionGrid:
        require_teaches_session(self._db, self._context.actor, session_id)
        self._reading_personal_data()
        return use_cases.session_grid(self._db, session_id)

    @writes(Area.ATTENDANCE)
    def set_mark(self, session_id: int, enrolment_id: int, value: MarkValue, *, reason: str | None = None,
                 expected_revision: int | None = None) -> GridRow:
        """One trainee's mark; `expected_revision` refuses a change someone else made meanwhile."""
        return use_cases.set_mark(self._db, actor=self._acting(), session_id=session_id, enrolment_id=enrolment_id,
                                  value=value, reason=reason, expected_revision=expected_revision)

    @writes(Area.ATTENDANCE)
    def mark_all_present(self, session_id: int, *, reason: str | None = None) -> int:
        """Everyone not yet marked becomes present; a locked session needs the reason."""
        return use_cases.mark_all_present(self._db, actor=self._acting(), session_id=session_id, reason=reason)

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
    def import_file(self, class_code: str, source: Path, *, reason: str | None = None) -> AttendanceImportReport:
        """Attendance-machine punches or online-learning hours, whichever the file holds; punches
        for sessions past the lock period only with `reason`."""
        return use_cases.import_attendance(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                           source=source, reason=reason)

    def signin_sheets_pdf(self, class_code: str, *, per_day: bool = False, day: date | None = None,
                          session_id: int | None = None) -> SigninRender:
        """签到表 for the whole class, the sessions of one `day`, or one session."""
        self._reading_personal_data()
        return use_cases.signin_sheets_pdf(self._db, class_code, per_day=per_day, from_day=day, to_day=day,
                                           session_id=session_id)

    # --- back-entry, bulk marks and restores (services/attendance_marks.py) ---------------------

    def session_ids(self, class_code: str, *, number: int | None = None, day: date | None = None) -> list[int]:
        """Session `number` as the class's session list numbers it, or the sessions on `day`."""
        return marks_use_cases.session_ids(self._db, class_code, number=number, day=day)

    @writes(Area.ATTENDANCE)
    def mark_trainees(self, class_code: str, *, status: AttendanceStatus, reason: str,
                      session_number: int | None = None, day: date | None = None, trainee: str | None = None,
                      minutes: int | None = None, now: datetime | None = None) -> BulkMarkReport:
        """One status for one trainee (roll or identity number) or the whole roster, in one session
        or every session of a date; all or nothing, each change with the reason."""
        return marks_use_cases.mark_trainees(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                             session_number=session_number, day=day, trainee=trainee, status=status,
                                             minutes=minutes, reason=reason, now=now)

    @writes(Area.ATTENDANCE)
    def mark_unmarked_absent(self, class_code: str, *, reason: str, now: datetime | None = None) -> BulkMarkReport:
        """Everyone without a mark in a session already held becomes absent, in one operation."""
        return marks_use_cases.mark_unmarked_absent(self._db, actor=self._acting(), class_code=class_code,
                                                    reason=reason, now=now)

    @writes(Area.ATTENDANCE)
    def restore_mark(self, session_id: int, enrolment_id: int, revision: int, *, reason: str,
                     expected_revision: int | None = None) -> GridRow:
        """Put back the value a mark had after `revision`, as a new revision with the reason."""
        return marks_use_cases.restore_mark(self._db, actor=self._acting(), session_id=session_id,
                                            enrolment_id=enrolment_id, revision=revision, reason=reason,
                                            expected_revision=expected_revision)
