"""Every command that writes a file refuses the open database and its companion files, the key
folder and the file it reads; replaces an existing file only with --force; writes whole files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import EXIT_OK, EXIT_USAGE, main
from tests.services.conftest import people, rows_for, write_roster


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path, capsys) -> Path:
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "demo")[0] == EXIT_OK
    return db


def a_class(db: Path, *statuses: str) -> str:
    with sqlite3.connect(db) as raw:
        marks = ",".join("?" * len(statuses))
        return raw.execute(f"SELECT code FROM training_class WHERE status IN ({marks}) ORDER BY code",
                           statuses).fetchone()[0]


def writers(code: str, target: Path) -> list[list[str]]:
    return [
        ["roster", "template", str(target)],
        ["roster", "export", "--class", code, str(target)],
        ["attendance", "sheet", "--class", code, "--out", str(target)],
        ["keys", "export-public", str(target)],
        ["attendance", "summary", "--class", code, "--out", str(target)],
        ["certificates", "pdf", "--class", code, "--out", str(target)],
    ]


def test_no_writer_replaces_the_open_database_even_with_force(demo_db, capsys):
    code = a_class(demo_db, "completed", "sealed", "uploaded")
    before = digest(demo_db)
    for argv in writers(code, demo_db):
        for force in ([], ["--force"]):
            exit_code, out, err = run(capsys, "--db", str(demo_db), *argv, *force)
            assert exit_code == EXIT_USAGE, (argv, out, err)
            assert "正在使用的数据库" in err and str(demo_db) in err, (argv, err)
            assert out == ""  # no success reported
    assert digest(demo_db) == before
    with sqlite3.connect(demo_db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_database_companion_files_are_refused_by_name(demo_db, capsys):
    for suffix in ("-wal", "-shm", "-journal"):
        companion = Path(f"{demo_db}{suffix}")
        existed = companion.exists()
        exit_code, _, err = run(capsys, "--db", str(demo_db), "roster", "template", str(companion), "--force")
        assert exit_code == EXIT_USAGE and suffix in err and str(companion) in err
        assert companion.exists() == existed


def test_nothing_is_written_into_the_key_folder(demo_db, tmp_path, capsys):
    keys = tmp_path / "data" / "keys"
    assert any(keys.iterdir())
    before = {p.name: digest(p) for p in keys.iterdir()}
    for argv in (["keys", "export-public", str(keys / "device.pem")],
                 ["roster", "template", str(keys / "template.xlsx")],
                 ["audit", "export", str(keys / "audit.csv")],
                 *[["keys", "export-public", str(p), "--force"] for p in keys.iterdir()]):
        exit_code, _, err = run(capsys, "--db", str(demo_db), *argv)
        assert exit_code == EXIT_USAGE and "密钥文件夹" in err, (argv, err)
    assert {p.name: digest(p) for p in keys.iterdir()} == before


def test_an_existing_file_is_replaced_only_with_force(demo_db, tmp_path, capsys):
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"a spreadsheet someone made")
    exit_code, out, err = run(capsys, "--db", str(demo_db), "roster", "template", str(target))
    assert exit_code == EXIT_USAGE and "已存在" in err and "--force" in err and str(target) in err
    assert target.read_bytes() == b"a spreadsheet someone made"
    exit_code, out, _ = run(capsys, "--db", str(demo_db), "roster", "template", str(target), "--force")
    assert exit_code == EXIT_OK and target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_an_existing_audit_export_and_public_key_are_kept_without_force(demo_db, tmp_path, capsys):
    for argv, name in ((["audit", "export"], "audit.csv"), (["keys", "export-public"], "device.pem")):
        target = tmp_path / name
        target.write_text("kept", encoding="utf-8")
        assert run(capsys, "--db", str(demo_db), *argv, str(target))[0] == EXIT_USAGE
        assert target.read_text(encoding="utf-8") == "kept"
        assert run(capsys, "--db", str(demo_db), *argv, str(target), "--force")[0] == EXIT_OK
        assert target.read_text(encoding="utf-8-sig") != "kept"


def test_the_error_workbook_never_replaces_the_roster_it_reads(demo_db, tmp_path, capsys):
    code = a_class(demo_db, "draft", "filed")
    good = people(2, start=870_000)
    source = write_roster(tmp_path / "roster.xlsx", rows_for(good) + [[3, "校验错", "320102199003070011", None, None]])
    before = digest(source)
    with sqlite3.connect(demo_db) as raw:
        enrolments = raw.execute("SELECT count(*) FROM enrolment").fetchone()[0]
    for force in ([], ["--force"]):
        exit_code, out, err = run(capsys, "--db", str(demo_db), "roster", "import", "--class", code, str(source),
                                  "--errors", str(source), *force)
        assert exit_code == EXIT_USAGE and "本次读取的文件" in err and str(source) in err
    assert digest(source) == before
    with sqlite3.connect(demo_db) as raw:  # refused before anything was imported
        assert raw.execute("SELECT count(*) FROM enrolment").fetchone()[0] == enrolments
    errors = tmp_path / "errors.xlsx"
    exit_code, out, _ = run(capsys, "--db", str(demo_db), "roster", "import", "--class", code, str(source),
                            "--errors", str(errors))
    assert exit_code == 3 and errors.exists() and digest(source) == before
