"""`office.demo`: the demo institution, for trying SkillDesk out and for screenshots."""

from __future__ import annotations

from datetime import date

from desktop_app.services import demo as use_cases
from desktop_app.services.changes import Area, writes
from desktop_app.services.demo import DemoSummary
from desktop_app.services.office.context import OfficePart


class Demo(OfficePart):
    """Fill an empty database with invented people (refused once it holds real records)."""

    @writes(Area.INSTITUTION, Area.CLASSES, Area.SESSIONS, Area.TRAINEES, Area.ROSTER, Area.ATTENDANCE)
    def fill(self, *, today: date | None = None) -> DemoSummary:
        """The demo institution with its teachers, five classes and their trainees."""
        return use_cases.fill_demo_institution(self._db, self._cipher, actor=self._acting(), today=today)
