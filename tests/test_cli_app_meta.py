"""A database that has lost its installation id (or its key check) is damage: opening refuses
with a clear message, changes nothing and makes no key; `db check` names it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from desktop_app.cli import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "demo")[0] == EXIT_OK
    return db


def state(db, keys):
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(p.name for p in keys.iterdir())


@pytest.mark.parametrize("lost", [("installation_id", "key_check"), ("installation_id",), ("key_check",)])
def test_losing_app_meta_is_reported_as_damage_and_nothing_is_made(demo_db, tmp_path, capsys, lost):
    keys = tmp_path / "data" / "keys"
    with sqlite3.connect(demo_db) as raw:
        raw.executemany("DELETE FROM app_meta WHERE key = ?", [(key,) for key in lost])
    before = state(demo_db, keys)
    for argv in (["class", "list"], ["trainee", "search", "张"], ["audit", "verify"], ["db", "upgrade"]):
        exit_code, out, err = run(capsys, "--db", str(demo_db), *argv)
        assert exit_code == EXIT_USAGE, (argv, out, err)
        assert "缺少它的安装标识" in err and "没有生成新的密钥" in err and "意外错误" not in err
    assert state(demo_db, keys) == before  # no new key file, the database unchanged
    exit_code, out, err = run(capsys, "--db", str(demo_db), "db", "check")
    assert exit_code == EXIT_PARTIAL
    assert "缺少安装标识或密钥校验值" in out
    assert state(demo_db, keys) == before


def test_a_new_database_is_still_initialised_with_its_key(tmp_path, capsys):
    db = tmp_path / "new.db"
    assert run(capsys, "--db", str(db), "db", "upgrade")[0] == EXIT_OK
    exit_code, out, _ = run(capsys, "--db", str(db), "db", "check")
    assert exit_code == EXIT_OK
    assert len(list((tmp_path / "data" / "keys").iterdir())) == 1
