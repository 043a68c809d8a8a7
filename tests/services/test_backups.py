"""Backups and restores on real SQLite files: online copies while another connection writes,
rotation by kind, restores that refuse rather than lose data, the damaged-file start-up check."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.bootstrap import open_office
from desktop_app.services.backups import (
    BackupError,
    RestoreRefused,
    backup_database,
    backup_folder,
    backup_if_due,
    backup_on_close,
    list_backups,
    manifest_path,
    restore_database,
    rotate_backups,
    startup_integrity_check,
)
from desktop_app.services.database import DatabaseOpenError, prepare_database
from desktop_app.store.engine import Database
from desktop_app.store.migrate import SCHEMA_HEAD
from desktop_app.store.models import AttendanceMarkHistory, AuditEntry
from desktop_app.store.protection import FileKeyStore
from tests.services.test_audit_verify import use_the_app

T0 = datetime(2026, 12, 1, 0, 30, 12, tzinfo=timezone.utc)  # 08:30:12 in China


@contextmanager
def raw_sqlite(path: Path):
    """sqlite3 behind the application's back; closed at once (in Python 3.11 an unclosed
    connection lingers until the garbage collector runs, and would look like an open window)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def count(path: Path, table: str) -> int:
    with raw_sqlite(path) as raw:
        return raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def folder_listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


@pytest.fixture
def used(office):
    use_the_app(office.db, office.cipher, office.actor)
    return office


# --- backing up ----------------------------------------------------------------------------


def test_a_backup_is_an_intact_checked_copy_with_a_manifest(used, settings):
    info = backup_database(used.db, settings_data_dir=settings.data_dir, reason="manual", now=T0)
    local = T0.astimezone().strftime("%Y%m%d-%H%M%S")
    assert info.path == settings.data_dir / "backups" / f"skilldesk-{local}-manual.db"
    assert info.installation_id == used.opened.installation_id and info.revision == SCHEMA_HEAD
    assert info.bytes == info.path.stat().st_size and info.sha256 == sha(info.path)
    live = used.db.sqlite_path
    for table in ("trainee", "enrolment", "attendance_mark", "audit_log"):
        assert count(info.path, table) == count(live, table) > 0
    with raw_sqlite(info.path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # standalone, no -wal beside it
    manifest = json.loads(manifest_path(info.path).read_text(encoding="utf-8"))
    assert manifest["sha256"] == info.sha256 and manifest["bytes"] == info.bytes
    assert manifest["installation_id"] == info.installation_id and manifest["schema_revision"] == SCHEMA_HEAD
    assert manifest["source"] == str(live) and manifest["created_at"] == "2026-12-01T00:30:12+00:00"
    assert manifest["key_file"] == f"{info.installation_id}.key" and "key" in manifest["note"]
    with raw_sqlite(live) as raw:
        assert manifest["audit_head"] == raw.execute("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert not [p for p in info.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_backup_succeeds_while_another_connection_holds_a_write_transaction_open(used, settings):
    live = used.db.sqlite_path
    writer = sqlite3.connect(live, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE institution SET name = '尚未提交的名称'")
        started = time.monotonic()
        info = backup_database(used.db, settings_data_dir=settings.data_dir)
        assert time.monotonic() - started < 5  # did not wait for the writer
        writer.execute("COMMIT")
    finally:
        writer.close()
    with raw_sqlite(info.path) as raw:
        assert raw.execute("SELECT name FROM institution").fetchone()[0] != "尚未提交的名称"
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_backup_to_a_chosen_file_or_folder_and_never_over_an_existing_file(used, settings, tmp_path):
    chosen = backup_database(used.db, tmp_path / "usb" / "office.db", settings_data_dir=settings.data_dir)
    assert chosen.path == tmp_path / "usb" / "office.db" and chosen.path.exists()
    before = sha(chosen.path)
    with pytest.raises(BackupError) as refused:
        backup_database(used.db, chosen.path, settings_data_dir=settings.data_dir)
    assert refused.value.code == "backup.target_exists" and sha(chosen.path) == before
    into_folder = backup_database(used.db, tmp_path / "usb", settings_data_dir=settings.data_dir, now=T0)
    assert into_folder.path.parent == tmp_path / "usb" and into_folder.path.name.endswith("-manual.db")
    again = backup_database(used.db, tmp_path / "usb", settings_data_dir=settings.data_dir, now=T0)
    assert again.path.name.endswith("-manual-2.db")  # same second: a new name, nothing overwritten
    with pytest.raises(BackupError) as same:
        backup_database(used.db, used.db.sqlite_path, settings_data_dir=settings.data_dir)
    assert same.value.code in ("backup.target_exists", "backup.same_file")


def test_postgresql_gets_the_servers_own_backup_message(tmp_path):
    db = Database("postgresql+psycopg://office@db.example/skilldesk")
    with pytest.raises(BackupError) as refused:
        backup_database(db, settings_data_dir=tmp_path)
    assert refused.value.code == "backup.postgresql" and "pg_dump" in refused.value.message()
    assert backup_on_close(db, tmp_path) is None and backup_if_due(db, tmp_path) is None
    assert startup_integrity_check(db) == []


def test_a_missing_database_is_not_backed_up(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'none.db'}")
    with pytest.raises(BackupError) as refused:
        backup_database(db, settings_data_dir=tmp_path)
    assert refused.value.code == "backup.no_database"
    assert backup_on_close(db, tmp_path) is None


# --- automatic backups and rotation --------------------------------------------------------


def test_rotation_keeps_the_newest_per_kind_and_never_deletes_manual_ones(office, settings):
    folder = backup_folder(settings.data_dir)
    made: dict[str, list[Path]] = {"daily": [], "on_close": [], "manual": [], "before_restore": []}
    for i in range(9):
        made["daily"].append(backup_database(office.db, settings_data_dir=settings.data_dir, reason="daily",
                                             now=T0 + timedelta(days=i)).path)
    for i in range(12):
        made["on_close"].append(backup_database(office.db, settings_data_dir=settings.data_dir, reason="on_close",
                                                now=T0 + timedelta(hours=i, minutes=7)).path)
    for i in range(3):
        made["manual"].append(backup_database(office.db, settings_data_dir=settings.data_dir, reason="manual",
                                              now=T0 - timedelta(days=300 + i)).path)
    made["before_restore"].append(backup_database(office.db, settings_data_dir=settings.data_dir,
                                                  reason="before_restore", now=T0 - timedelta(days=400)).path)
    (folder / "notes.txt").write_text("not a backup", encoding="utf-8")
    (folder / "skilldesk-old-copy.db").write_bytes(b"someone's own copy")

    deleted = rotate_backups(folder, keep_daily=7, keep_on_close=10)

    assert set(deleted) == {made["daily"][0], made["daily"][1], manifest_path(made["daily"][0]),
                            manifest_path(made["daily"][1]), made["on_close"][0], made["on_close"][1],
                            manifest_path(made["on_close"][0]), manifest_path(made["on_close"][1])}
    kept = {b.path for b in list_backups(folder)}
    assert kept == set(made["daily"][2:] + made["on_close"][2:] + made["manual"] + made["before_restore"])
    assert (folder / "notes.txt").exists() and (folder / "skilldesk-old-copy.db").exists()
    assert rotate_backups(folder, keep_daily=0, keep_on_close=0)  # even "keep none" keeps manual ones
    assert {b.kind for b in list_backups(folder)} == {"manual", "before_restore"}


def test_on_close_makes_the_days_daily_backup_first_then_on_close_ones(office, settings):
    data = settings.data_dir
    assert backup_on_close(office.db, data, now=T0).kind == "daily"
    assert backup_on_close(office.db, data, now=T0 + timedelta(hours=1)).kind == "on_close"
    assert backup_if_due(office.db, data, now=T0 + timedelta(hours=23)) is None
    assert backup_if_due(office.db, data, now=T0 + timedelta(hours=24)).kind == "daily"
    assert backup_on_close(office.db, data, now=T0 + timedelta(hours=30)).kind == "on_close"
    assert backup_on_close(office.db, data, now=T0 + timedelta(hours=48, minutes=1)).kind == "daily"
    kinds = [b.kind for b in list_backups(backup_folder(data))]
    assert kinds.count("daily") == 3 and kinds.count("on_close") == 2


def test_automatic_backups_rotate_themselves(office, settings):
    for i in range(14):
        backup_on_close(office.db, settings.data_dir, now=T0 + timedelta(minutes=i))
    backups = list_backups(backup_folder(settings.data_dir))
    assert [b.kind for b in backups].count("on_close") == 10 and [b.kind for b in backups].count("daily") == 1


# --- restoring -----------------------------------------------------------------------------


def _history_rows(path: Path) -> int:
    return count(path, AttendanceMarkHistory.__tablename__)


def test_backup_modify_restore_brings_the_old_data_back_and_keeps_the_replaced_one(used, settings):
    live = used.db.sqlite_path
    backup = backup_database(used.db, settings_data_dir=settings.data_dir, now=T0)
    audit_before, history_before = count(live, "audit_log"), _history_rows(live)
    use_more(used)
    audit_after, history_after = count(live, "audit_log"), _history_rows(live)
    assert audit_after > audit_before and history_after > history_before
    used.close()

    refused_sha = sha(live)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(live, backup.path, backups_folder=backup_folder(settings.data_dir))
    assert refused.value.code == "restore.older" and "--force" in refused.value.message()
    assert "比当前数据库旧" in refused.value.message()
    assert sha(live) == refused_sha

    info = restore_database(live, backup.path, force=True, backups_folder=backup_folder(settings.data_dir),
                            key_dir=settings.key_dir)
    assert [p.code for p in info.overridden] == ["restore.forced.older"]
    assert info.key_missing is None and info.installation_id == used.opened.installation_id
    assert info.sha256 == backup.sha256  # what the restore's audit entry records
    assert count(live, "audit_log") == audit_before and _history_rows(live) == history_before
    kept = info.before_restore
    assert kept.kind == "before_restore" and kept.path.parent == backup_folder(settings.data_dir)
    assert count(kept.path, "audit_log") == audit_after  # the replaced data, intact, can be restored again
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{live}{suffix}").exists()

    reopened = open_office(settings)  # the restored file opens normally (key, migrations, quick check)
    try:
        with reopened.db.reading() as session:
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
    finally:
        reopened.close()

    undo = restore_database(live, kept.path, backups_folder=backup_folder(settings.data_dir))  # newer: no --force
    assert undo.overridden == () and count(live, "audit_log") == audit_after


def use_more(office) -> None:
    from desktop_app.domain.attendance import AttendanceStatus, MarkValue
    from desktop_app.services.attendance import set_mark
    from desktop_app.store.models import AttendanceMark

    with office.db.reading() as session:
        mark = session.execute(select(AttendanceMark.session_id, AttendanceMark.enrolment_id)
                               .order_by(AttendanceMark.id.desc()).limit(1)).one()
    set_mark(office.db, actor=office.actor, session_id=mark.session_id, enrolment_id=mark.enrolment_id,
             value=MarkValue(AttendanceStatus.LATE, late_minutes=20), reason="门卫记录更正")


def test_restoring_a_backup_of_the_same_state_needs_no_force(used, settings):
    backup = backup_database(used.db, settings_data_dir=settings.data_dir)
    used.close()
    info = restore_database(used.db.sqlite_path, backup.path)
    assert info.overridden == () and info.before_restore is not None
    assert info.before_restore.path.parent == used.db.sqlite_path.parent / "backups"


def test_restore_refuses_a_backup_from_another_installation(used, settings, tmp_path):
    other = Database(f"sqlite:///{tmp_path / 'other' / 'skilldesk.db'}")
    try:
        other_id = prepare_database(other, FileKeyStore(tmp_path / "other" / "keys")).installation_id
    finally:
        other.dispose()
    used.close()
    live = used.db.sqlite_path
    before = sha(live)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(live, tmp_path / "other" / "skilldesk.db")
    assert refused.value.code == "restore.other_installation"
    assert "来自另一个机构或另一台电脑的数据库" in refused.value.message()
    assert other_id in refused.value.message() and used.opened.installation_id in refused.value.message()
    assert sha(live) == before
    assert not backup_folder(settings.data_dir).exists()  # nothing was even backed up
    forced = restore_database(live, tmp_path / "other" / "skilldesk.db", force=True, key_dir=settings.key_dir)
    assert "restore.forced.other_installation" in [p.code for p in forced.overridden]
    assert forced.installation_id == other_id
    assert forced.key_missing == settings.key_dir / f"{other_id}.key"  # the key must be copied over too


@pytest.mark.parametrize("kind", ["garbage", "truncated", "empty", "not_skilldesk", "newer_schema", "missing"])
def test_restore_refuses_files_that_are_not_good_skilldesk_backups(used, settings, tmp_path, kind):
    good = backup_database(used.db, settings_data_dir=settings.data_dir)
    used.close()
    live = used.db.sqlite_path
    bad = tmp_path / f"{kind}.db"
    if kind == "garbage":
        bad.write_bytes("这不是数据库，只是一段文字。".encode() * 100)
    elif kind == "truncated":
        bad.write_bytes(good.path.read_bytes()[: good.bytes // 2])
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "not_skilldesk":
        with raw_sqlite(bad) as raw:
            raw.execute("CREATE TABLE contacts (name TEXT)")
    elif kind == "newer_schema":
        bad.write_bytes(good.path.read_bytes())
        with raw_sqlite(bad) as raw:
            raw.execute("UPDATE alembic_version SET version_num = '9999'")
    expected = {"garbage": "restore.not_sqlite", "truncated": "restore.damaged", "empty": "restore.not_sqlite",
                "not_skilldesk": "restore.not_skilldesk", "newer_schema": "restore.newer_schema",
                "missing": "restore.missing_file"}[kind]
    before, listing, backups = sha(live), folder_listing(live.parent), folder_listing(good.path.parent)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(live, bad, force=True)  # --force never overrides these
    assert refused.value.code == expected
    assert "当前数据库没有改动" in refused.value.message()
    assert sha(live) == before
    assert folder_listing(live.parent) == listing and folder_listing(good.path.parent) == backups


def test_restore_onto_a_new_pc_with_no_database(used, settings, tmp_path):
    backup = backup_database(used.db, settings_data_dir=settings.data_dir)
    used.close()
    new_pc = tmp_path / "new-pc" / "skilldesk.db"
    info = restore_database(new_pc, backup.path, key_dir=tmp_path / "new-pc" / "keys")
    assert info.before_restore is None and info.key_missing is not None
    assert count(new_pc, "trainee") == count(used.db.sqlite_path, "trainee")


def test_restore_refuses_while_a_window_has_the_database_open(used, settings):
    backup = backup_database(used.db, settings_data_dir=settings.data_dir)
    live = used.db.sqlite_path
    with used.db.reading() as session:  # the window's pooled connections stay open
        session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(RestoreRefused) as refused:
        restore_database(live, backup.path)
    assert refused.value.code == "restore.in_use"
    assert count(live, "audit_log") > 0


def test_restore_replaces_a_damaged_database_and_keeps_its_bytes(used, settings):
    backup = backup_database(used.db, settings_data_dir=settings.data_dir)
    used.close()
    live = used.db.sqlite_path
    live.write_bytes(live.read_bytes()[: live.stat().st_size // 3])
    damaged = sha(live)
    info = restore_database(live, backup.path, backups_folder=backup_folder(settings.data_dir))
    assert info.replaced_damaged and sha(info.before_restore.path) == damaged
    assert json.loads(manifest_path(info.before_restore.path).read_text(encoding="utf-8"))["raw_copy"] is True
    assert count(live, "audit_log") == count(backup.path, "audit_log")


# --- start-up check ------------------------------------------------------------------------


def test_a_truncated_live_database_is_refused_at_open_with_the_restore_hint_and_left_unchanged(used, settings):
    used.close()
    live = used.db.sqlite_path
    live.write_bytes(live.read_bytes()[: live.stat().st_size * 2 // 3])
    before = sha(live)
    with pytest.raises(DatabaseOpenError) as refused:
        open_office(settings)
    assert refused.value.code == "db.corrupt"
    message = refused.value.message()  # what the window shows: no command, the way to the guide
    assert "skilldesk db" not in message and "用户手册“备份”" in message and str(settings.data_dir / "backups") in message
    assert "程序没有改动它" in message
    from desktop_app.cli.wording import error_text

    assert "skilldesk db restore" in error_text(refused.value)  # what the command line prints
    assert sha(live) == before


def test_a_damaged_page_is_refused_at_open(used, settings):
    used.close()
    live = used.db.sqlite_path
    with raw_sqlite(live) as raw:
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'trainee'").fetchone()[0]
    data = bytearray(live.read_bytes())
    data[(root - 1) * page_size:(root - 1) * page_size + 64] = b"\xa5" * 64
    live.write_bytes(bytes(data))
    before = sha(live)
    db = Database(f"sqlite:///{live}")
    try:
        assert startup_integrity_check(db)
    finally:
        db.dispose()
    with pytest.raises(DatabaseOpenError) as refused:
        open_office(settings)
    assert refused.value.code == "db.corrupt" and sha(live) == before


def test_a_healthy_database_passes_the_startup_check(used):
    assert startup_integrity_check(used.db) == []


def test_the_window_close_hook_backs_up_and_never_raises(used, settings, tmp_path, caplog):
    from dataclasses import replace

    from desktop_app.app import backup_after_close

    backup_after_close(used, settings)
    assert [b.kind for b in list_backups(backup_folder(settings.data_dir))] == ["daily"]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    backup_after_close(used, replace(settings, data_dir=blocked))  # logged, not raised
    assert "automatic backup after closing the window failed" in caplog.text


def test_a_backup_whose_last_action_is_in_the_future_needs_force(used, settings):
    live = used.db.sqlite_path
    backup = backup_database(used.db, settings_data_dir=settings.data_dir, now=T0)
    used.close()
    with raw_sqlite(backup.path) as raw:  # a clock set to 2099, or an edited file
        raw.execute("UPDATE audit_log SET occurred_at = '2099-01-01 00:00:00.000000' WHERE id = (SELECT max(id) FROM audit_log)")
        raw.commit()
    before = sha(live)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(live, backup.path, backups_folder=backup_folder(settings.data_dir), now=T0)
    assert refused.value.code == "restore.from_the_future"
    assert "2099-01-01" in refused.value.message() and "--force" not in refused.value.message()  # the window's words
    from desktop_app.cli.wording import error_text

    assert "--force" in error_text(refused.value)  # the command line's
    assert "2099-01-01" in refused.value.message("en")
    assert sha(live) == before
    info = restore_database(live, backup.path, force=True, backups_folder=backup_folder(settings.data_dir),
                            key_dir=settings.key_dir, now=T0)
    assert "restore.forced.from_the_future" in [p.code for p in info.overridden]
