"""`office.backups`: backups of the open SQLite database, restoring one from the window, and the
audit entry after a restore.

Restoring replaces the database file while no connection is open. The command line checks the
acting user through `office.require` first, closes the office, and restores the file
(`services.backups.restore_database`). The window calls `restore`, which closes this office's
connections first; the window then closes, because every screen holds what the old file said."""

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

    @writes(*Area)
    def restore(self, backup: Path, *, data_dir: Path, key_dir: Path | None, force: bool = False) -> RestoreInfo:
        """Replace the open SQLite database by `backup` (checked; the current one kept as a
        `before_restore` backup), needing the right to back up and restore. Refused while another
        program has the file open. `force` overrides only what `restore_database` lets it (an older
        backup, another installation's). The restore is audited in the restored database when it is
        at this version's schema; an older one is migrated, and can be audited, at the next start."""
        from desktop_app.store.migrate import SCHEMA_HEAD

        actor = self._acting()
        require(actor, Permission.BACKUP_RESTORE)
        path = use_cases.ensure_sqlite(self._db)
        self._db.dispose()  # this office's connections: the engines reconnect to the new file
        info = use_cases.restore_database(path, Path(backup), force=force,
                                          backups_folder=use_cases.backup_folder(data_dir), key_dir=key_dir)
        if info.revision == SCHEMA_HEAD and info.key_missing is None:
            use_cases.record_restore(self._db, actor, info)
        return info

    @writes(Area.AUDIT)
    def record_restore(self, info: RestoreInfo) -> str:
        """Write `database.restored` into the restored database's audit log."""
        return use_cases.record_restore(self._db, self._acting(), info)
