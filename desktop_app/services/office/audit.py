"""`office.audit`: reading, exporting and verifying the tamper-evident audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.services import audit_log
from desktop_app.services.audit_log import DEFAULT_LIMIT, AuditExport, AuditFilterChoices, AuditRow
from desktop_app.services.audit_verify import AuditReport, verify_audit_chain
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to read or export; None (the default) does not filter on that field.

    Dates are China dates with both ends included; `action` matches an action's code or its words."""

    user_id: int | None = None
    class_code: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    action: str | None = None


EVERYTHING = AuditFilter()


class Audit(OfficePart):
    """The audit log for an auditor: entries, the choices to filter them by, export, chain check."""

    def entries(self, filters: AuditFilter = EVERYTHING, *, limit: int | None = DEFAULT_LIMIT,
                language: str | None = None) -> list[AuditRow]:
        """Entries newest first, at most `limit` of them (None: all)."""
        return audit_log.list_audit_entries(self._db, actor=self._acting(), user_id=filters.user_id,
                                            class_code=filters.class_code, date_from=filters.date_from,
                                            date_to=filters.date_to, action=filters.action, limit=limit,
                                            language=language)

    @writes(Area.AUDIT)
    def export(self, path: Path, filters: AuditFilter = EVERYTHING, *, language: str | None = None,
               replace: bool = False) -> AuditExport:
        """Every matching entry into `path` (.xlsx or .csv); the export is itself audited."""
        return audit_log.export_audit(self._db, actor=self._acting(), path=Path(path), user_id=filters.user_id,
                                      class_code=filters.class_code, date_from=filters.date_from,
                                      date_to=filters.date_to, action=filters.action, language=language,
                                      guard=self._guard, replace=replace)

    def filter_choices(self) -> AuditFilterChoices:
        """The people and the classes to filter by."""
        return audit_log.audit_filter_choices(self._db, actor=self._acting())

    def find_user_id(self, name: str) -> int:
        """The account called `name` (its login name or its display name), to filter by."""
        return audit_log.find_user_id(self._db, name)

    def verify(self, *, backups_folder: Path | None = None) -> AuditReport:
        """Recompute every entry's (keyed) hash, check every link of the chain, and compare its
        end with every anchor outside it: the outbox's batches and the manifests in `backups_folder`."""
        return verify_audit_chain(self._db, cipher=self._cipher, backups_folder=backups_folder)
