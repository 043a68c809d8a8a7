"""Backups of an SQLite database: online copies, automatic rotating copies, safe restores.

- `backup_database` copies the live file with SQLite's online backup API (a consistent
  snapshot even while the window writes), into a temporary file that must pass
  `PRAGMA integrity_check` before it is renamed into place. Each backup gets a small JSON
  manifest beside it (installation id, schema revision, time, source, SHA-256).
- Automatic backups live in `<data folder>/backups/` as `skilldesk-YYYYMMDD-HHMMSS-KIND.db`
  (local time). Kinds: `manual`, `daily`, `on_close`, `before_restore`. `rotate_backups`
  keeps the newest N daily and on-close backups; manual and before-restore ones are never
  deleted.
- `restore_database` checks a backup thoroughly before it touches anything (an SQLite file,
  intact, SkillDesk's, this installation's, not older than the current data, a schema this
  version knows), keeps the current database as a `before_restore` backup, and swaps the file
  atomically.
- The encryption key of the personal data is NOT inside the database (see store/protection.py):
  whoever keeps backups must keep the key folder too. The manifests and the CLI say so.

PostgreSQL databases are backed up by the server's own tools (pg_dump); these functions say so
instead of pretending.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from sqlalchemy.exc import DBAPIError

from desktop_app import __version__, messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.china_time import moment_text
from desktop_app.services import audit
from desktop_app.store.engine import Database
from desktop_app.store.models import utcnow

messages.register(
    {
        "backup.postgresql": (
            "数据库 {database} 在 PostgreSQL 服务器上，不能用 SkillDesk 备份或恢复。请由服务器管理员用服务器自身的"
            "备份工具（pg_dump / pg_restore）定期备份。",
            "The database {database} is on a PostgreSQL server; SkillDesk does not back it up or restore it. Ask "
            "the server's administrator to use the server's own backup tools (pg_dump / pg_restore) regularly.",
        ),
        "backup.no_database": (
            "数据库文件 {path} 不存在，没有可备份的内容。",
            "The database file {path} does not exist; there is nothing to back up.",
        ),
        "backup.target_exists": (
            "{path} 已经存在。为免覆盖已有的备份，请换一个文件名。",
            "{path} already exists. Choose another file name so that no earlier backup is overwritten.",
        ),
        "backup.same_file": (
            "{path} 就是正在使用的数据库文件本身，不能作为备份或恢复的文件。",
            "{path} is the database file itself; it cannot be the backup file.",
        ),
        "backup.source_unreadable": (
            "无法读取数据库 {database}（{detail}），备份没有完成。数据库可能已损坏，请请管理员检查数据库（见用户手册“备份”一节）。",
            "Cannot read the database {database} ({detail}); no backup was made. The database may be damaged: ask "
            "your administrator to check it (see “Backups” in the user guide).",
        ),
        "backup.failed_check": (
            "备份文件没有通过完整性检查（{detail}），已被删除。原数据库可能已损坏，请请管理员检查数据库（见用户手册“备份”一节）。",
            "The backup failed its integrity check ({detail}) and was deleted. The database itself may be "
            "damaged: ask your administrator to check it (see “Backups” in the user guide).",
        ),
        "backup.write_failed": (
            "无法写入备份文件 {path}（{detail}）。请检查磁盘空间和文件夹的写入权限。",
            "Cannot write the backup file {path} ({detail}). Check the free disk space and that the folder is "
            "writable.",
        ),
        "db.quick_check": ("SQLite 快速检查报告：{detail}", "SQLite quick check reported: {detail}"),
        "restore.missing_file": (
            "找不到备份文件 {path}。当前数据库没有改动。",
            "The backup file {path} was not found. The current database was not changed.",
        ),
        "restore.not_sqlite": (
            "{path} 不是 SQLite 数据库文件（可能是别的文件，或已损坏、不完整），不能用来恢复。当前数据库没有改动。",
            "{path} is not an SQLite database file (another kind of file, or damaged or incomplete); it cannot be "
            "restored. The current database was not changed.",
        ),
        "restore.damaged": (
            "备份文件 {path} 已损坏（完整性检查：{detail}），不能用来恢复。当前数据库没有改动。",
            "The backup file {path} is damaged (integrity check: {detail}); it cannot be restored. The current "
            "database was not changed.",
        ),
        "restore.not_skilldesk": (
            "{path} 不是 SkillDesk 的备份（其中没有 SkillDesk 的安装标识），不能用来恢复。当前数据库没有改动。",
            "{path} is not a SkillDesk backup (it holds no SkillDesk installation id); it cannot be restored. The "
            "current database was not changed.",
        ),
        "restore.newer_schema": (
            "备份 {path} 由更新版本的 SkillDesk 写入（数据库版本 {revision}），本程序无法使用。请先升级 SkillDesk "
            "再恢复。当前数据库没有改动。",
            "The backup {path} was written by a newer SkillDesk (schema {revision}); this version cannot use it. "
            "Upgrade SkillDesk, then restore. The current database was not changed.",
        ),
        "restore.other_installation": (
            "备份 {path} 来自另一个机构或另一台电脑的数据库（安装标识 {backup_id}，当前数据库为 {current_id}）。"
            "当前数据库没有改动。如确实要用它替换当前数据库，请加 --force（当前数据库会先另存一份备份）。",
            "The backup {path} comes from another institution's or another computer's database (installation "
            "{backup_id}; the current one is {current_id}). The current database was not changed. To replace it "
            "anyway, add --force (the current database is saved as a backup first).",
        ),
        "restore.older": (
            "备份 {path} 比当前数据库旧（备份中最后一次操作在 {backup_time}，当前数据库在 {current_time}），恢复会丢失"
            "此后录入的数据。当前数据库没有改动。如确定要恢复，请加 --force（当前数据库会先另存一份备份）。",
            "The backup {path} is older than the current database (its last recorded action was at "
            "{backup_time}, the current database's at {current_time}); restoring it loses what was entered "
            "since. The current database was not changed. To restore anyway, add --force (the current database "
            "is saved as a backup first).",
        ),
        "restore.in_use": (
            "数据库 {database} 正在被 SkillDesk 窗口或其他程序使用。请先关闭所有 SkillDesk 窗口再恢复。当前数据库没有改动。",
            "The database {database} is in use by a SkillDesk window or another program. Close every SkillDesk "
            "window, then restore. The current database was not changed.",
        ),
        "restore.forced.other_installation": (
            "备份来自另一个机构或另一台电脑（已按 --force 恢复）",
            "the backup comes from another institution or computer (restored because of --force)",
        ),
        "restore.from_the_future": (
            "备份 {path} 中最后一次操作的时间是 {backup_time}，晚于现在（{now}）：写入它的电脑时钟有误，或文件被改动过。"
            "当前数据库没有改动。请先核对该备份，确认无误后再恢复（当前数据库会先另存一份备份）。",
            "The backup {path} says its last action happened at {backup_time}, later than now ({now}): the "
            "computer that wrote it had a wrong clock, or the file was changed. The current database was not "
            "changed. Check the backup first, and restore it only once you are sure (the current database is "
            "saved as a backup first).",
        ),
        "restore.forced.from_the_future": (
            "备份中最后一次操作的时间晚于恢复时间（经确认后恢复）",
            "the backup's last action is dated after the restore (restored once confirmed)",
        ),
        "restore.forced.older": (
            "备份比被替换的数据库旧（已按 --force 恢复）",
            "the backup is older than the database it replaced (restored because of --force)",
        ),
    }
)

log = logging.getLogger(__name__)

BackupKind = Literal["manual", "daily", "on_close", "before_restore"]
KINDS: tuple[str, ...] = ("manual", "daily", "on_close", "before_restore")
AUTOMATIC_KINDS: tuple[str, ...] = ("daily", "on_close")
FOLDER_NAME = "backups"
MANIFEST_FORMAT = "skilldesk-backup/1"
DAILY_INTERVAL = timedelta(hours=24)
SQLITE_HEADER = b"SQLite format 3\x00"
_NAME = re.compile(r"^skilldesk-(?P<stamp>\d{8}-\d{6})-(?P<kind>manual|daily|on_close|before_restore)"
                   r"(?:-(?P<seq>\d+))?\.db$")
_STALE_TEMP = re.compile(r"^\.skilldesk-.*\.tmp$")
_BUSY_TIMEOUT_MS = 15000


class BackupError(messages.UserFacingError):
    pass


class RestoreRefused(messages.UserFacingError):
    """The backup was not restored; the current database is exactly as it was."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    bytes: int
    created_at: datetime
    revision: str | None
    installation_id: str | None
    kind: str = "manual"
    sha256: str = ""
    manifest: Path | None = None
    newest_entry_at: datetime | None = None


@dataclass(frozen=True)
class BackupFile:
    """A backup found in the backups folder, recognised by its name."""

    path: Path
    kind: str
    created_at: datetime
    sequence: int = 0

    @property
    def manifest(self) -> Path:
        return manifest_path(self.path)


@dataclass(frozen=True)
class RestoreInfo:
    path: Path  # the database file now holding the backup's data
    source: Path  # the backup restored
    installation_id: str
    revision: str
    newest_entry_at: datetime | None
    before_restore: BackupInfo | None  # the replaced database, kept so the restore can be undone
    replaced_damaged: bool = False  # the replaced file was damaged; kept byte for byte
    overridden: tuple[messages.Problem, ...] = ()  # refusals --force overrode
    key_missing: Path | None = None  # where the key file of the restored data should be, if absent
    sha256: str = ""  # of the backup file restored from


@dataclass(frozen=True)
class _FileState:
    """What can be read from an SQLite file without the application's engine."""

    installation_id: str | None = None
    revision: str | None = None
    newest_entry_at: datetime | None = None
    audit_head: str | None = None
    audit_head_entry: int | None = None
    damaged: bool = False
    detail: str | None = None
    mtime: float = 0.0


# --- where backups live ----------------------------------------------------------------------


def backup_folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER_NAME


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def list_backups(folder: Path) -> list[BackupFile]:
    """SkillDesk's backups in `folder`, newest first; other files are ignored."""
    folder = Path(folder)
    found = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        stamp = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").astimezone()  # names are in local time
        found.append(BackupFile(path=path, kind=match["kind"], created_at=stamp, sequence=int(match["seq"] or 0)))
    found.sort(key=lambda b: (b.created_at, b.sequence), reverse=True)
    return found


def _new_name(folder: Path, created_at: datetime, kind: str) -> Path:
    stamp = created_at.astimezone().strftime("%Y%m%d-%H%M%S")
    path = folder / f"skilldesk-{stamp}-{kind}.db"
    sequence = 1
    while path.exists() or manifest_path(path).exists():
        sequence += 1
        path = folder / f"skilldesk-{stamp}-{kind}-{sequence}.db"
    return path


# --- backing up ------------------------------------------------------------------------------


def ensure_sqlite(db: Database) -> Path:
    """The database's file; PostgreSQL (or an in-memory database) gets the pg_dump message."""
    path = db.sqlite_path
    if not db.is_sqlite or path is None:
        raise BackupError("backup.postgresql", database=db.display_name())
    return path


def backup_database(db: Database, target: Path | None = None, *, settings_data_dir: Path,
                    reason: BackupKind = "manual", now: datetime | None = None) -> BackupInfo:
    """An online backup of the SQLite database (the window may keep writing meanwhile).

    `target`: a file (refused if it exists), a folder, or None for `<data dir>/backups/`.
    """
    if reason not in KINDS:
        raise ValueError(f"unknown backup kind {reason!r}")
    source = ensure_sqlite(db)
    if not source.is_file():
        raise BackupError("backup.no_database", path=str(source))
    created_at = now or utcnow()
    if target is None:
        target = _new_name(backup_folder(settings_data_dir), created_at, reason)
    else:
        target = Path(target)
        if target.is_dir():
            target = _new_name(target, created_at, reason)
        elif target.exists():
            raise BackupError("backup.target_exists", path=str(target))
    if _same_file(source, target):
        raise BackupError("backup.same_file", path=str(target))
    return _backup_file(source, target, kind=reason, created_at=created_at)


def _backup_file(source: Path, target: Path, *, kind: str, created_at: datetime) -> BackupInfo:
    """Copy `source` with the online backup API into `target`, checked, atomically, with a manifest."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError("backup.write_failed", path=str(target), detail=_short(error)) from None
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        try:
            origin = _connect_existing(source)
        except sqlite3.Error as error:
            raise BackupError("backup.source_unreadable", database=source.name, detail=_short(error)) from None
        try:
            copy = sqlite3.connect(temp, isolation_level=None)
            try:
                try:
                    # One step: a single read transaction, a consistent snapshot. In WAL mode a
                    # writer holding its transaction open does not block it.
                    origin.backup(copy)
                except sqlite3.Error as error:
                    raise BackupError("backup.source_unreadable", database=source.name,
                                      detail=_short(error)) from None
                # A backup is a standalone file: no -wal beside it when it is opened later.
                copy.execute("PRAGMA journal_mode=DELETE")
                problems = _pragma_check(copy, "integrity_check")
                if problems:
                    raise BackupError("backup.failed_check", detail=problems[0])
                state = _read_state(copy)
            finally:
                copy.close()
        finally:
            origin.close()
        _fsync_file(temp)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as error:
        _remove_quietly(temp)
        raise BackupError("backup.write_failed", path=str(target), detail=_short(error)) from None
    except BaseException:
        _remove_quietly(temp)
        raise
    return _finish(target, source, kind=kind, created_at=created_at, state=state)


def _finish(target: Path, source: Path, *, kind: str, created_at: datetime, state: _FileState,
            raw_copy: bool = False) -> BackupInfo:
    digest, size = _sha256(target)
    manifest = manifest_path(target)
    body = {
        "format": MANIFEST_FORMAT,
        "kind": kind,
        "file": target.name,
        "bytes": size,
        "sha256": digest,
        "created_at": created_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "installation_id": state.installation_id,
        "schema_revision": state.revision,
        "newest_audit_entry_at": state.newest_entry_at.isoformat() if state.newest_entry_at else None,
        "audit_head": state.audit_head,
        # With the head's hash, its place: `audit verify` then tells a chain cut short since this
        # backup from one rebuilt (services/audit_verify.py checks every manifest it finds).
        "audit_head_entry": state.audit_head_entry,
        "source": str(source),
        "app_version": __version__,
        "key_file": f"{state.installation_id}.key" if state.installation_id else None,
        "note": "The personal-data encryption key is not inside this file: keep a copy of the key folder "
                "(keys/<installation_id>.key) with the backups. 个人信息加密密钥不在备份文件中，请同时备份密钥文件夹。",
    }
    if raw_copy:
        body["raw_copy"] = True
    try:
        _write_atomically(manifest, json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8"))
    except OSError as error:  # the backup itself is complete and checked; the manifest is a convenience
        log.warning("could not write the manifest %s: %s", manifest, error)
        manifest = None
    return BackupInfo(path=target, bytes=size, created_at=created_at, revision=state.revision,
                      installation_id=state.installation_id, kind=kind, sha256=digest, manifest=manifest,
                      newest_entry_at=state.newest_entry_at)


# --- automatic backups -----------------------------------------------------------------------


def rotate_backups(folder: Path, *, keep_daily: int = 7, keep_on_close: int = 10) -> list[Path]:
    """Delete all but the newest `keep_daily` daily and `keep_on_close` on-close backups (and
    their manifests). Manual and before-restore backups are never deleted. Returns what was deleted."""
    deleted: list[Path] = []
    backups = list_backups(folder)
    for kind, keep in (("daily", keep_daily), ("on_close", keep_on_close)):
        for backup in [b for b in backups if b.kind == kind][max(keep, 0):]:
            for path in (backup.path, backup.manifest, Path(f"{backup.path}-wal"), Path(f"{backup.path}-shm")):
                if path.exists():
                    try:
                        path.unlink()
                        deleted.append(path)
                    except OSError as error:
                        log.warning("could not delete old backup %s: %s", path, error)
    # Temporary files of backups interrupted by a crash or power cut, a day old or more.
    folder = Path(folder)
    if folder.is_dir():
        cutoff = datetime.now().timestamp() - DAILY_INTERVAL.total_seconds()
        for path in folder.iterdir():
            if _STALE_TEMP.match(path.name) and path.is_file() and path.stat().st_mtime < cutoff:
                _remove_quietly(path)
                deleted.append(path)
    return deleted


def _daily_due(folder: Path, now: datetime) -> bool:
    newest = next((b for b in list_backups(folder) if b.kind == "daily"), None)
    if newest is None:
        return True
    age = now - newest.created_at
    # A backup "from the future" means the clock was wrong then or is now: make a fresh one.
    return age >= DAILY_INTERVAL or age < -timedelta(hours=1)


def backup_if_due(db: Database, data_dir: Path, now: datetime | None = None) -> BackupInfo | None:
    """A daily backup when the newest daily backup is 24 hours old or more (call at start-up or on a
    timer); then rotate. None when none was due, or for a PostgreSQL or missing database."""
    if db.sqlite_path is None or not db.sqlite_path.is_file():
        return None
    now = now or utcnow()
    folder = backup_folder(data_dir)
    if not _daily_due(folder, now):
        return None
    info = backup_database(db, None, settings_data_dir=data_dir, reason="daily", now=now)
    rotate_backups(folder)
    return info


def backup_on_close(db: Database, data_dir: Path, now: datetime | None = None) -> BackupInfo | None:
    """The automatic backup when the window closes: the day's `daily` backup if one is due, else an
    `on_close` one; then rotate. None for a PostgreSQL or missing database."""
    if db.sqlite_path is None or not db.sqlite_path.is_file():
        return None
    now = now or utcnow()
    folder = backup_folder(data_dir)
    kind: BackupKind = "daily" if _daily_due(folder, now) else "on_close"
    info = backup_database(db, None, settings_data_dir=data_dir, reason=kind, now=now)
    rotate_backups(folder)
    return info


# --- start-up check --------------------------------------------------------------------------


def startup_integrity_check(db: Database, *, limit: int = 10) -> list[messages.Problem]:
    """`PRAGMA quick_check` (it skips the index-content cross-check of integrity_check) for an
    SQLite file; nothing for PostgreSQL. A damaged or truncated file is a problem, not an
    exception. A missing or empty file, or one without the SQLite header (another kind of
    file), is left to the caller's own probe: there is no database in it to check."""
    path = db.sqlite_path
    if not db.is_sqlite or path is None or not path.is_file() or not _has_sqlite_header(path):
        return []
    try:
        with db.read_engine.connect() as connection:
            lines = [row[0] for row in connection.exec_driver_sql(f"PRAGMA quick_check({int(limit)})")]
    except DBAPIError as error:
        return [messages.Problem("db.quick_check", {"detail": _short(getattr(error, "orig", None) or error)})]
    return [messages.Problem("db.quick_check", {"detail": line}) for line in lines if line != "ok"]


# --- restoring -------------------------------------------------------------------------------


def restore_database(db_path: Path, backup: Path, *, force: bool = False, backups_folder: Path | None = None,
                     key_dir: Path | None = None, now: datetime | None = None) -> RestoreInfo:
    """Replace the SQLite database at `db_path` by `backup`, after checking the backup.

    Nothing may have the database open: close the window (dispose the engines) first; a
    SkillDesk window that has it open is detected and the restore refused. Refused
    (`RestoreRefused`, the current file untouched) when the backup is not an intact SkillDesk
    SQLite database or needs a newer SkillDesk; also, unless `force`, when it belongs to
    another installation or is older than the current data. Before replacing, the current
    database is saved in `backups_folder` (default: `backups` beside it) as a `before_restore`
    backup; the swap is atomic. A missing current database is fine (a new PC).
    """
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise RestoreRefused("restore.missing_file", path=str(backup))
    if db_path.exists() and _same_file(db_path, backup):
        raise RestoreRefused("backup.same_file", path=str(backup))
    folder = Path(backups_folder) if backups_folder else db_path.parent / FOLDER_NAME
    now = now or utcnow()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temp = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}.tmp")
    try:
        shutil.copyfile(backup, temp)
        backup_digest, _size = _sha256(temp)  # the backup as read, before SQLite opens the copy
        candidate = _inspect_candidate(temp, backup)
        current = _inspect_current(db_path)
        overridden = _check_policy(candidate, current, backup, db_path, force, now)
        before: BackupInfo | None = None
        if current is not None:
            _refuse_if_in_use(db_path, current)
            before = _keep_current(db_path, current, folder, now)
            _refuse_if_in_use(db_path, current)  # again: a window may have opened it meanwhile
        _fsync_file(temp)
        # The old file's journals must go before the swap: left beside the new file, SQLite
        # would replay them into it. Their content is in the before_restore backup.
        for suffix in ("-wal", "-shm", "-journal"):
            _remove_quietly(Path(f"{db_path}{suffix}"), missing_ok=True, strict=True)
        os.replace(temp, db_path)
        _fsync_folder(db_path.parent)
    except BaseException:
        for suffix in ("", "-wal", "-shm", "-journal"):
            _remove_quietly(Path(f"{temp}{suffix}"))
        raise
    key_missing = None
    if key_dir is not None:
        from desktop_app.store.protection import FileKeyStore

        key_path = FileKeyStore(Path(key_dir)).path_for(candidate.installation_id or "")
        key_missing = None if key_path.exists() else key_path
    return RestoreInfo(path=db_path, source=backup, installation_id=candidate.installation_id or "",
                       revision=candidate.revision or "", newest_entry_at=candidate.newest_entry_at,
                       before_restore=before, replaced_damaged=bool(current and current.damaged),
                       overridden=overridden, key_missing=key_missing, sha256=backup_digest)


def record_restore(db: Database, actor: Actor, info: RestoreInfo) -> str:
    """Write `database.restored` into the restored database's audit log (it explains the gap
    in the chain's history to an auditor). Call once the database is opened again."""
    details = {
        "backup_file": info.source.name,
        "backup_sha256": info.sha256,
        "backup_newest_entry_at": info.newest_entry_at.isoformat() if info.newest_entry_at else None,
        "replaced_kept_as": str(info.before_restore.path) if info.before_restore else None,
        "replaced_was_damaged": info.replaced_damaged,
        "forced": [problem.code for problem in info.overridden],
    }
    with db.writing() as session:
        return audit.record(session, actor, "database.restored", entity_type="database",
                            entity_id=info.installation_id, details=details)


def _inspect_candidate(temp: Path, shown: Path) -> _FileState:
    """The copy of the backup must be an intact SkillDesk database this version can open."""
    if not _has_sqlite_header(temp):
        raise RestoreRefused("restore.not_sqlite", path=str(shown))
    try:
        connection = sqlite3.connect(temp, isolation_level=None)
    except sqlite3.Error:
        raise RestoreRefused("restore.not_sqlite", path=str(shown)) from None
    try:
        problems = _damage_found(connection, "integrity_check")
        if problems:
            raise RestoreRefused("restore.damaged", path=str(shown), detail=problems[0])
        state = _read_state(connection)
        if not state.installation_id or not state.revision:
            raise RestoreRefused("restore.not_skilldesk", path=str(shown))
        if not _known_revision(state.revision):
            raise RestoreRefused("restore.newer_schema", path=str(shown), revision=state.revision)
        # The restored file starts in rollback-journal mode; SkillDesk switches it to WAL when
        # it opens it (prepare_database), after its own checks.
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    return state


def _inspect_current(db_path: Path) -> _FileState | None:
    """The database about to be replaced; None if there is none (a new PC, an empty file)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    mtime = max(p.stat().st_mtime for p in (db_path, Path(f"{db_path}-wal")) if p.exists())
    if not _has_sqlite_header(db_path):
        return _FileState(damaged=True, detail="not an SQLite file", mtime=mtime)
    try:
        connection = _connect_existing(db_path)
    except sqlite3.Error as error:
        return _FileState(damaged=True, detail=_short(error), mtime=mtime)
    try:
        problems = _damage_found(connection, "quick_check")
        if problems:
            return _FileState(damaged=True, detail=problems[0], mtime=mtime)
        state = _read_state(connection)
    finally:
        connection.close()
    return _FileState(installation_id=state.installation_id, revision=state.revision,
                      newest_entry_at=state.newest_entry_at, audit_head=state.audit_head, mtime=mtime)


# Clocks of two PCs disagree by minutes, not days: a backup "from the future" beyond this was
# written under a wrong clock or edited, and would also defeat the older-than check below.
FUTURE_TOLERANCE = timedelta(days=1)


def _check_policy(candidate: _FileState, current: _FileState | None, backup: Path, db_path: Path,
                  force: bool, now: datetime) -> tuple[messages.Problem, ...]:
    """Refusals --force may override; a damaged current database is replaced without them (it is
    kept byte for byte)."""
    overridden = []
    if candidate.newest_entry_at and candidate.newest_entry_at > now + FUTURE_TOLERANCE:
        if not force:
            raise RestoreRefused("restore.from_the_future", path=str(backup),
                                 backup_time=moment_text(candidate.newest_entry_at, seconds=True),
                                 now=moment_text(now, seconds=True))
        overridden.append(messages.Problem("restore.forced.from_the_future"))
    if current is None or current.damaged:
        return tuple(overridden)
    if current.installation_id and candidate.installation_id != current.installation_id:
        if not force:
            raise RestoreRefused("restore.other_installation", path=str(backup),
                                 backup_id=candidate.installation_id, current_id=current.installation_id)
        overridden.append(messages.Problem("restore.forced.other_installation"))
    if candidate.newest_entry_at and current.newest_entry_at:
        older = candidate.newest_entry_at < current.newest_entry_at
        backup_time, current_time = candidate.newest_entry_at, current.newest_entry_at
    else:  # no audit entries to compare: the files' times
        backup_mtime = backup.stat().st_mtime
        older = backup_mtime < current.mtime
        backup_time = datetime.fromtimestamp(backup_mtime, timezone.utc)
        current_time = datetime.fromtimestamp(current.mtime, timezone.utc)
    if older:
        if not force:
            raise RestoreRefused("restore.older", path=str(backup),
                                 backup_time=moment_text(backup_time, seconds=True),
                                 current_time=moment_text(current_time, seconds=True))
        overridden.append(messages.Problem("restore.forced.older"))
    return tuple(overridden)


def _refuse_if_in_use(db_path: Path, current: _FileState) -> None:
    """SkillDesk keeps its databases in WAL mode, and leaving WAL mode needs the only connection:
    if another one (a window, a second command) has the file open, SQLite says it is locked.
    Leaving WAL also folds the -wal file into the database, so nothing is lost by the swap."""
    try:
        connection = _connect_existing(db_path)
    except sqlite3.Error:
        return  # unreadable: nothing can be using it as a database
    try:
        connection.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS // 5}")
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise RestoreRefused("restore.in_use", database=db_path.name) from None
        if not current.damaged:
            raise
        return
    except sqlite3.DatabaseError:
        if not current.damaged:
            raise
        return
    finally:
        connection.close()
    if str(mode).lower() == "wal":
        raise RestoreRefused("restore.in_use", database=db_path.name)


def _keep_current(db_path: Path, current: _FileState, folder: Path, now: datetime) -> BackupInfo:
    """The current database as a `before_restore` backup: checked copy if it is intact, else the
    raw bytes (with its -wal), so even a damaged file can be looked at later."""
    target = _new_name(folder, now, "before_restore")
    if not current.damaged:
        try:
            return _backup_file(db_path, target, kind="before_restore", created_at=now)
        except BackupError as error:
            log.warning("before-restore backup of %s failed (%s); keeping a raw copy", db_path, error.code)
    folder.mkdir(parents=True, exist_ok=True)
    _copy_atomically(db_path, target)
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        _copy_atomically(wal, Path(f"{target}-wal"))
    return _finish(target, db_path, kind="before_restore", created_at=now, state=current, raw_copy=True)


# --- SQLite helpers --------------------------------------------------------------------------


def _connect_existing(path: Path) -> sqlite3.Connection:
    """A connection to an existing file (never creates one), waiting for writers like the app does."""
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    return connection


def _pragma_check(connection: sqlite3.Connection, pragma: str) -> list[str]:
    lines = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
    return [line for line in lines if line != "ok"]


def _damage_found(connection: sqlite3.Connection, pragma: str) -> list[str]:
    """`_pragma_check` on a file of unknown health: a file too damaged to check is a finding too."""
    try:
        return _pragma_check(connection, pragma)
    except sqlite3.DatabaseError as error:
        return [_short(error)]


def _read_state(connection: sqlite3.Connection) -> _FileState:
    def one(sql: str):
        try:
            row = connection.execute(sql).fetchone()
        except sqlite3.DatabaseError:  # no such table: not (yet) a SkillDesk database
            return None
        return row[0] if row else None

    newest_text = one("SELECT occurred_at FROM audit_log ORDER BY id DESC LIMIT 1")
    return _FileState(
        installation_id=one("SELECT value FROM app_meta WHERE key = 'installation_id'"),
        revision=one("SELECT version_num FROM alembic_version"),
        newest_entry_at=_parse_stored_time(newest_text),
        audit_head=one("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1"),
        audit_head_entry=one("SELECT max(id) FROM audit_log"),
    )


def _parse_stored_time(value) -> datetime | None:
    """occurred_at as SQLAlchemy stores it in SQLite: naive UTC text."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


def _known_revision(revision: str) -> bool:
    from desktop_app.store.migrate import SCHEMA_HEAD

    if revision == SCHEMA_HEAD:
        return True
    from alembic.script import ScriptDirectory

    from desktop_app.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return revision in {r.revision for r in script.walk_revisions()}


def _has_sqlite_header(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


# --- file helpers ----------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_atomically(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        _remove_quietly(temp)
        raise


def _copy_atomically(source: Path, target: Path) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, temp)
        _fsync_file(temp)
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise


def _remove_quietly(path: Path, *, missing_ok: bool = True, strict: bool = False) -> None:
    try:
        path.unlink(missing_ok=missing_ok)
    except OSError:
        if strict:
            raise


def _short(error: object) -> str:
    text = str(error).strip()
    return (text.splitlines()[0] if text else type(error).__name__)[:160]
