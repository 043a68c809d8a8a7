"""`office.roster`: roster workbooks, from the template to the import that enrols a class."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop_app.services import roster as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.roster import EnrolledTrainee, ProgressCallback, RosterImportReport, Withdrawal


class Roster(OfficePart):
    """Write the template, preview and import a filled-in roster, export a class's roster."""

    def write_template(self, path: Path, *, replace: bool = False) -> None:
        """The roster template (identity-number column as text, drop-downs); writes a file only,
        never over the database or the key folder, over an existing file only when `replace`."""
        use_cases.write_template(self._db, path, guard=self._guard, replace=replace)

    def preview(self, class_code: str, source: Path, *, progress: ProgressCallback | None = None,
                cancelled: Callable[[], bool] | None = None) -> RosterImportReport:
        """Everything an import would do, row by row, without changing the database."""
        return use_cases.preview_roster(self._db, self._cipher, class_code=class_code, source=source,
                                        progress=progress, cancelled=cancelled)

    @writes(Area.ROSTER, Area.TRAINEES, Area.CLASSES)
    def import_workbook(self, class_code: str, source: Path, *, progress: ProgressCallback | None = None,
                        cancelled: Callable[[], bool] | None = None, accept_changes: bool = False) -> RosterImportReport:
        """Enrol every acceptable row (new trainees are created; the class's count changes). Known
        people's fields the roster gives differently change only with `accept_changes`."""
        return use_cases.import_roster(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                       source=source, progress=progress, cancelled=cancelled,
                                       accept_changes=accept_changes)

    def write_rejected_rows(self, report: RosterImportReport, path: Path, *, replace: bool = False) -> int:
        """The rows `report` rejected, into an error workbook (never over the roster it read); a file only."""
        return report.write_rejected_rows(path, guard=self._guard, replace=replace)

    @writes(Area.AUDIT)
    def export(self, class_code: str, path: Path, *, replace: bool = False) -> int:
        """The class's roster with full personal data: a deliberate, audited export."""
        return use_cases.export_roster(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                       path=path, guard=self._guard, replace=replace)

    @writes(Area.ROSTER, Area.TRAINEES, Area.CLASSES)
    def enrol_one(self, class_code: str, fields: dict[str, str | None], *, today: date | None = None) -> EnrolledTrainee:
        """One trainee from a form (roster column keys → text), with exactly the import's checks."""
        return use_cases.enrol_one_trainee(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                           fields=fields, today=today)

    @writes(Area.ROSTER, Area.CLASSES, Area.ATTENDANCE, Area.ASSESSMENTS, Area.CERTIFICATES)
    def withdraw(self, class_code: str, trainee: str | int, *, on: date, reason: str,
                 today: date | None = None) -> Withdrawal:
        """退学 from `on`: by roll number or identity number (or enrolment id); history keeps it."""
        return use_cases.withdraw_trainee(self._db, self._cipher, actor=self._acting(), class_code=class_code,
                                          trainee=trainee, on=on, reason=reason, today=today)
