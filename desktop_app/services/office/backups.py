"""`office.backups`: backups of the open SQLite database, and the audit entry after a restore.

Restoring itself replaces the database file while no database is open, so it is not here: the
command line checks the acting user through `office.require` first, closes the office, and
restores the file (`services.backups.restore_database`)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.permissions import Permission, require
from desktop_app.services import backups as use_cases
from desktop_app.services.backups import BackupInfo, RestoreInfo
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart


class Backups(OfficePart):
    """A backup someone asked for (checked), the automatic ones (nobody's action), and the
    record of a restore."""

    def backup(self, target: Path | None, *, data_dir: Path) -> BackupInfo:
        """An online backup into `target` (a file, a folder, or None for the data folder's
        backups). Writes a file, not the database; needs the right to back up and restore."""
        require(self._acting(), Permission.BACKUP_RESTORE)
        if target is not None and not Path(target).is_dir():
            self._guard.check(Path(target))  # never into the key folder or over the database
        elif target is not None:
            self._guard.check(Path(target) / "backup.db", replace=True)  # a folder: not the key folder
        return use_cases.backup_database(self._db, target, settings_data_dir=data_dir, reason="manual")

    def backup_if_due(self, data_dir: Path) -> BackupInfo | None:
        """The daily backup when one is due (SQLite only). Automatic: whoever is signed in."""
        return use_cases.backup_if_due(self._db, data_dir)

    def backup_on_close(self, data_dir: Path) -> BackupInfo | None:
        """The rotating backup once the window has closed (SQLite only). Automatic."""
        return use_cases.backup_on_close(self._db, data_dir)

    @writes(Area.AUDIT)
    def record_restore(self, info: RestoreInfo) -> str:
        """Write `database.restored` into the restored database's audit log."""
        return use_cases.record_restore(self._db, self._acting(), info)
