"""The `skilldesk` command line: exit codes, messages in both languages, nothing changed on failure."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli import EXIT_OK, EXIT_PARTIAL, EXIT_UNEXPECTED, EXIT_USAGE, main

SKILLDESK = Path(sys.executable).parent / "skilldesk"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_console_script_and_python_m_print_the_version(tmp_path):
    env = {**os.environ, "SKILLDESK_DATA_DIR": str(tmp_path)}
    for command in ([str(SKILLDESK), "--version"], [sys.executable, "-m", "desktop_app", "--version"]):
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0
        assert result.stdout.strip() == f"SkillDesk {__version__}"


def test_db_upgrade_creates_a_missing_database_then_reports_it_current(tmp_path, capsys):
    db = tmp_path / "new" / "office.db"
    code, out, _ = run(capsys, "--db", str(db), "db", "upgrade")
    assert code == EXIT_OK and db.exists()
    assert "已新建数据库 office.db" in out
    code, out, _ = run(capsys, "--db", str(db), "db", "upgrade")
    assert code == EXIT_OK and "已是最新版本" in out


def test_db_check_passes_on_a_healthy_database_in_english_when_asked(tmp_path, capsys):
    db = tmp_path / "office.db"
    code, out, _ = run(capsys, "--lang", "en", "--db", str(db), "db", "check")
    assert code == EXIT_OK
    assert out.startswith("Database office.db passed")


def test_db_check_names_a_broken_foreign_key_and_exits_3(tmp_path, capsys):
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "db", "upgrade")[0] == EXIT_OK
    with sqlite3.connect(db) as raw:  # behind the application's back, foreign keys off
        raw.execute("INSERT INTO teacher (institution_id, name, is_active) VALUES (999, '无主教师', 1)")
    code, out, _ = run(capsys, "--db", str(db), "db", "check")
    assert code == EXIT_PARTIAL
    assert "1 个问题" in out and "teacher" in out and "institution" in out


def test_skilldesk_lang_environment_variable_switches_to_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SKILLDESK_LANG", "en")
    code, out, _ = run(capsys, "--db", str(tmp_path / "a.db"), "db", "upgrade")
    assert code == EXIT_OK and out.startswith("Created database a.db")


def test_demo_fills_an_empty_database_and_refuses_a_second_time(tmp_path, capsys):
    db = tmp_path / "demo.db"
    code, out, _ = run(capsys, "--db", str(db), "demo")
    assert code == EXIT_OK and "已写入演示数据" in out
    with sqlite3.connect(db) as raw:
        classes = raw.execute("SELECT count(*) FROM training_class").fetchone()[0]
        trainees = raw.execute("SELECT count(*) FROM trainee").fetchone()[0]
        statuses = {row[0] for row in raw.execute("SELECT DISTINCT status FROM training_class")}
    assert classes >= 5 and trainees >= 100
    assert {"draft", "filed", "in_training", "completed"} <= statuses
    code, _, err = run(capsys, "--db", str(db), "demo")
    assert code == EXIT_USAGE
    assert "已经有数据" in err and "--db" in err
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM trainee").fetchone()[0] == trainees


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path, capsys):
    db = tmp_path / "notes.db"
    db.write_bytes(b"This is a shopping list, not a database.\n" * 100)
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "db", "check")
    assert code == EXIT_USAGE
    assert "无法打开数据库 notes.db" in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_a_lost_key_file_is_explained_not_reported_as_garbage(tmp_path, capsys):
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "demo")[0] == EXIT_OK
    for key in (tmp_path / "data" / "keys").glob("*.key"):
        key.unlink()
    code, _, err = run(capsys, "--db", str(db), "db", "check")
    assert code == EXIT_USAGE
    assert "找不到这个数据库的加密密钥文件" in err


def test_an_unusable_database_url_is_a_usage_error_that_hides_the_password(capsys):
    code, _, err = run(capsys, "--database-url", "mysterydb://clerk:s3cret@server/x", "db", "check")
    assert code == EXIT_USAGE
    assert "s3cret" not in err and "无法识别" in err


def test_an_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == EXIT_USAGE


def test_an_unexpected_failure_exits_1_with_a_pointer_to_the_log(tmp_path, capsys, monkeypatch):
    import desktop_app.cli.commands.db as db_commands

    def explode(args):
        raise RuntimeError("simulated bug")

    # The one fake here: a real bug cannot be summoned on demand, so a command is made to fail.
    monkeypatch.setattr(db_commands, "cmd_check", explode)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "db", "check")
    assert code == EXIT_UNEXPECTED
    assert "Traceback" not in err and "日志文件" in err
    log = tmp_path / "data" / "logs" / "skilldesk.log"
    assert "simulated bug" in log.read_text(encoding="utf-8")


def test_gui_screenshot_renders_a_page_to_png_without_a_display(tmp_path):
    shot = tmp_path / "settings.png"
    env = {**os.environ, "SKILLDESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen by itself
    env.pop("DISPLAY", None)
    result = subprocess.run([str(SKILLDESK), "gui", "--page", "settings", "--screenshot", str(shot)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_command_group_is_imported_only_when_its_command_runs(tmp_path):
    """`--version` and the top-level help import no command group and no service; a group's help
    imports that group alone (the parser for every group is built only by build_parser())."""
    probe = """
import contextlib, io, json, sys
from desktop_app.cli import main

def loaded():
    return sorted(m for m in sys.modules if m.startswith(("desktop_app.cli.commands.", "desktop_app.services",
                                                          "sqlalchemy", "PySide6")))

seen = {}
for argv in (["--version"], ["--help"], ["class", "--help"]):
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main(argv)
        except SystemExit:
            pass
    seen[" ".join(argv)] = loaded()
print(json.dumps(seen))
"""
    env = {**os.environ, "SKILLDESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    import json

    seen = json.loads(result.stdout)
    assert seen["--version"] == [] and seen["--help"] == []
    assert seen["class --help"] == ["desktop_app.cli.commands.classes"]
