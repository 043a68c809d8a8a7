"""The office: what the window and the command line hold to do SkillDesk's work.

An `Office` is one open database with the acting user, handed out area by area, the way Anki's
`Collection` hands out `col.decks` and `col.models`::

    office = Office.open(opened, key_dir=settings.key_dir)
    office.classes.list(search="家政")
    office.attendance.set_mark(session_id, enrolment_id, value, reason="补录")
    office.outbox.seal("2026-JZ01")
    office.accounts.sign_in("wang", password)

Every area is a small class over one shared `OfficeContext` (database, cipher, device key, acting
user), so a sign-in through `office.accounts` is what `office.attendance` acts as next. Callers
never open a database session themselves; every method may be slow, and the window calls them
through its operations helper, off the UI thread.

Two promises hold for every area:

- **The account is checked at each action.** Every method that acts for someone confirms the
  acting user against the accounts first (`OfficeContext.acting`): an account an administrator
  disabled or moved to another role, perhaps on another computer, stops acting at its next
  action, and the office is signed out.
- **Writing methods say what they change.** Each is marked `@writes(Area…)` with the kinds of
  record it changes (`services/changes.py`); the window's operation helper gathers them and each
  screen decides whether to reload. Every change also writes audit entries, so a screen showing
  the audit log reloads on any change; `Area.AUDIT` alone marks the calls whose only lasting
  record is their audit entry (revealing a field, exporting personal data). `Area.ROSTER` is
  enrolments (who is in which class, their subsidy claims), `Area.TRAINEES` the people.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission
from desktop_app.domain.permissions import require as require_permission
from desktop_app.services import accounts as account_use_cases
from desktop_app.services.database import CheckReport, OpenedDatabase, check_database
from desktop_app.services.office.accounts import Accounts
from desktop_app.services.office.assessments import Assessments
from desktop_app.services.office.attendance import Attendance
from desktop_app.services.office.audit import EVERYTHING, Audit, AuditFilter
from desktop_app.services.office.backups import Backups
from desktop_app.services.office.certificates import Certificates
from desktop_app.services.office.classes import Classes
from desktop_app.services.office.context import OfficeContext, OfficePart
from desktop_app.services.office.demo import Demo
from desktop_app.services.office.device import Device
from desktop_app.services.office.files import Files
from desktop_app.services.office.institution import Institution
from desktop_app.services.office.outbox import Outbox
from desktop_app.services.office.roster import Roster
from desktop_app.services.office.teachers import Teachers
from desktop_app.services.office.tables import Tables
from desktop_app.services.office.subsidy import Subsidy
from desktop_app.services.office.trainees import Trainees
from desktop_app.services.status import StatusSnapshot, status_snapshot
from desktop_app.store.engine import Database
from desktop_app.store.protection import PersonalDataCipher

__all__ = ["EVERYTHING", "AuditFilter", "Office", "OfficeContext", "OfficePart"]


class Office:
    """One open database and who acts on it, composed of one part per area of the work:

    ``classes`` · ``trainees`` · ``roster`` · ``attendance`` · ``assessments`` ·
    ``certificates`` · ``accounts`` · ``audit`` · ``outbox`` · ``device`` · ``backups`` · ``demo`` ·
    ``teachers``
    ``files``
    ``institution``

    Constructing one does no I/O; `Office.open` is the way in for an opened database (it
    confirms the account the database opened as). The parts share one `OfficeContext`."""

    def __init__(self, context: OfficeContext) -> None:
        self.context = context
        self.classes = Classes(context)
        self.trainees = Trainees(context)
        self.roster = Roster(context)
        self.attendance = Attendance(context)
        self.assessments = Assessments(context)
        self.certificates = Certificates(context)
        self.accounts = Accounts(context)
        self.audit = Audit(context)
        self.outbox = Outbox(context)
        self.device = Device(context)
        self.backups = Backups(context)
        self.demo = Demo(context)
        self.teachers = Teachers(context)
        self.files = Files(context)
        self.institution = Institution(context)
        self.tables = Tables(context)
        self.subsidy = Subsidy(context)

    @classmethod
    def open(cls, opened: OpenedDatabase, *, key_dir: Path | None = None) -> Office:
        """The office for a database `prepare_database` opened. Once the first run has retired
        the built-in local administrator, opening no longer acts as anyone: reading works, and
        every change asks for a sign-in first."""
        context = OfficeContext(opened, key_dir=key_dir)
        try:
            context.acting()
        except account_use_cases.SessionEnded:
            pass  # acting() signed the context out: the office opens as nobody
        return cls(context)

    # --- the office as a whole --------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        """Who acts now: one immutable snapshot, safe to read on the UI thread while a worker
        thread signs someone in. Read it once per decision."""
        return self.context.actor

    @property
    def db(self) -> Database:
        """The database underneath, for use cases the office does not wrap (tests, benchmarks)."""
        return self.context.db

    @property
    def cipher(self) -> PersonalDataCipher:
        return self.context.cipher

    @property
    def opened(self) -> OpenedDatabase:
        """What opening found: created now, migrated from which revision, at which revision."""
        return self.context.opened

    @property
    def database_name(self) -> str:
        return self.context.db.display_name()

    def status(self) -> StatusSnapshot:
        return status_snapshot(self.context.db)

    def check_database(self) -> CheckReport:
        """Schema at head, SQLite integrity and foreign keys, installation id present."""
        return check_database(self.context.db)

    def require(self, permission: Permission) -> Actor:
        """Refuse unless the acting user (confirmed against the accounts) holds `permission`; for a
        command that must know before it starts, e.g. before asking for a password to set."""
        actor = self.context.acting()
        require_permission(actor, permission)
        return actor

    def change_count(self) -> int:
        """The database's change counter (one small read): it rises with every write, from any PC."""
        return self.context.db.change_count()

    def own_writes(self) -> int:
        """How many of those writes this office made itself."""
        return self.context.db.own_writes

    def close(self) -> None:
        self.context.db.dispose()
