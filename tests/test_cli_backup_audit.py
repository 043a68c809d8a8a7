"""`skilldesk db backup`, `db restore` and `audit verify` end to end: exit codes, both languages,
the current database untouched whenever a restore is refused."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop_app.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main

SKILLDESK = Path(sys.executable).parent / "skilldesk"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@contextmanager
def raw_sqlite(path: Path):
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path, capsys) -> Path:
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "demo")[0] == EXIT_OK
    return db


def audit_rows(db: Path) -> list[tuple[int, str]]:
    with raw_sqlite(db) as raw:
        return raw.execute("SELECT id, action FROM audit_log ORDER BY id").fetchall()


# --- audit verify --------------------------------------------------------------------------


def test_audit_verify_passes_then_names_an_edited_entry_with_exit_3(demo_db, capsys):
    rows = audit_rows(demo_db)
    code, out, _ = run(capsys, "--db", str(demo_db), "audit", "verify")
    assert code == EXIT_OK and f"审计日志完整：共 {len(rows)} 条记录" in out
    target = next(entry_id for entry_id, action in rows if action == "class.created")
    with raw_sqlite(demo_db) as raw:
        raw.execute("UPDATE audit_log SET details = json_set(details, '$.code', '2026-XX99') WHERE id = ?", (target,))
    code, out, _ = run(capsys, "--db", str(demo_db), "audit", "verify")
    assert code == EXIT_PARTIAL
    assert "审计日志校验未通过" in out
    assert f"审计日志第 {target} 条（" in out and "新建班级）的内容与记录时不一致" in out
    code, out, _ = run(capsys, "--lang", "en", "--db", str(demo_db), "audit", "verify")
    assert code == EXIT_PARTIAL and f"Audit log entry {target} (" in out and "changed outside SkillDesk" in out


def test_audit_verify_names_the_entry_after_a_deleted_one(demo_db, capsys):
    rows = audit_rows(demo_db)
    with raw_sqlite(demo_db) as raw:
        raw.execute("DELETE FROM audit_log WHERE id = ?", (rows[3][0],))
    code, out, _ = run(capsys, "--db", str(demo_db), "audit", "verify")
    assert code == EXIT_PARTIAL
    assert f"审计日志第 {rows[4][0]} 条（" in out and "之前缺少记录" in out


# --- backup and restore --------------------------------------------------------------------


def test_backup_then_restore_end_to_end_in_a_subprocess(demo_db, tmp_path):
    env = {**os.environ, "SKILLDESK_DATA_DIR": str(tmp_path / "data")}

    def skilldesk(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(SKILLDESK), "--db", str(demo_db), *argv], capture_output=True, text=True,
                              env=env, timeout=120)

    backup = tmp_path / "usb" / "office-backup.db"
    done = skilldesk("db", "backup", str(backup))
    assert done.returncode == EXIT_OK, done.stderr
    assert f"已备份数据库到 {backup}" in done.stdout and "已通过完整性检查" in done.stdout
    assert "密钥文件夹" in done.stdout and str(tmp_path / "data" / "keys") in done.stdout
    assert backup.exists() and Path(f"{backup}.json").exists()

    created = skilldesk("class", "new", "--code", "2026-NEW1", "--name", "恢复测试班", "--occupation", "4-10-01-06",
                        "--level", "4", "--type", "employment_skills", "--start", "2027-03-01", "--end", "2027-03-31",
                        "--hours", "64")
    assert created.returncode == EXIT_OK, created.stderr

    before = sha(demo_db)
    refused = skilldesk("db", "restore", str(backup))
    assert refused.returncode == EXIT_USAGE
    assert "比当前数据库旧" in refused.stderr and "--force" in refused.stderr
    assert sha(demo_db) == before

    restored = skilldesk("db", "restore", str(backup), "--force")
    assert restored.returncode == EXIT_OK, restored.stderr
    assert "已用备份" in restored.stdout and "恢复前的数据库已另存为" in restored.stdout
    kept = next((tmp_path / "data" / "backups").glob("skilldesk-*-before_restore.db"))
    assert str(kept) in restored.stdout

    listing = skilldesk("class", "list")
    assert listing.returncode == EXIT_OK and "2026-NEW1" not in listing.stdout
    verified = skilldesk("audit", "verify")
    assert verified.returncode == EXIT_OK, verified.stdout
    assert audit_rows(demo_db)[-1][1] == "database.restored"

    # Undoing: the restore itself is now the newest entry (database.restored), so --force, as told.
    assert "--force" in restored.stdout
    undo = skilldesk("db", "restore", str(kept), "--force")
    assert undo.returncode == EXIT_OK, undo.stderr
    assert "2026-NEW1" in skilldesk("class", "list").stdout


def test_backup_into_the_default_folder_in_english(demo_db, tmp_path, capsys):
    code, out, _ = run(capsys, "--lang", "en", "--db", str(demo_db), "db", "backup")
    assert code == EXIT_OK
    made = list((tmp_path / "data" / "backups").glob("skilldesk-*-manual.db"))
    assert len(made) == 1 and f"Database backed up to {made[0]}" in out
    assert "Keep the key folder" in out


def test_restore_refuses_garbage_and_a_foreign_installation_with_exit_2(demo_db, tmp_path, capsys):
    garbage = tmp_path / "photo.jpg"
    garbage.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 5000)
    other = tmp_path / "other.db"
    assert run(capsys, "--db", str(other), "db", "upgrade")[0] == EXIT_OK
    before = sha(demo_db)
    code, _, err = run(capsys, "--db", str(demo_db), "db", "restore", str(garbage), "--force")
    assert code == EXIT_USAGE and "不是 SQLite 数据库文件" in err
    code, _, err = run(capsys, "--db", str(demo_db), "db", "restore", str(other))
    assert code == EXIT_USAGE and "来自另一个机构或另一台电脑的数据库" in err
    code, _, err = run(capsys, "--lang", "en", "--db", str(demo_db), "db", "restore", str(tmp_path / "nope.db"))
    assert code == EXIT_USAGE and "was not found" in err
    assert sha(demo_db) == before


def test_backup_and_restore_of_a_postgresql_database_point_to_pg_dump(capsys):
    url = "postgresql+psycopg://office@127.0.0.1:1/skilldesk"
    for argv in (["db", "backup"], ["db", "restore", "x.db"]):
        code, _, err = run(capsys, "--database-url", url, *argv)
        assert code == EXIT_USAGE and "pg_dump" in err


def test_a_damaged_database_is_refused_with_the_restore_hint(demo_db, tmp_path, capsys):
    demo_db.write_bytes(demo_db.read_bytes()[: demo_db.stat().st_size // 2])
    before = sha(demo_db)
    code, _, err = run(capsys, "--db", str(demo_db), "class", "list")
    assert code == EXIT_USAGE
    assert "已损坏" in err and "skilldesk db restore" in err
    assert sha(demo_db) == before


def test_backup_help_says_the_key_folder_must_be_backed_up_too(capsys):
    with pytest.raises(SystemExit):
        main(["db", "backup", "--help"])
    assert "密钥文件夹" in capsys.readouterr().out
