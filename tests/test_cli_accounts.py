"""`skilldesk setup`, `--user` and `skilldesk user …`: once accounts exist, every change needs a
signed-in user allowed to make it, and a refusal is exit code 2 with a message naming the role."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import time_machine

from desktop_app.cli import EXIT_OK, EXIT_USAGE, main

SKILLDESK = Path(sys.executable).parent / "skilldesk"
ADMIN_PASSWORD = "admin pass 123"
USER_PASSWORD = "user pass 456"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _build_office(folder: Path) -> None:
    """A demo database, set up from the command line with administrator `wang` and one account
    per role, in `folder` (database and key folder)."""
    path = str(folder / "office.db")
    saved = {name: os.environ.get(name) for name in ("SKILLDESK_DATA_DIR", "SKILLDESK_PASSWORD", "SKILLDESK_NEW_PASSWORD")}
    os.environ["SKILLDESK_DATA_DIR"] = str(folder)
    try:
        assert main(["--db", path, "demo"]) == EXIT_OK
        os.environ["SKILLDESK_PASSWORD"] = ADMIN_PASSWORD
        assert main(["--db", path, "setup", "--institution-code", "JS3205060001", "--institution-name",
                     "苏州市姑苏区职业培训学校", "--admin", "wang", "--admin-name", "王校长"]) == EXIT_OK
        os.environ["SKILLDESK_NEW_PASSWORD"] = USER_PASSWORD
        for user, role in (("zhou", "registrar"), ("li", "teacher"), ("chen", "clerk"), ("sun", "审计")):
            assert main(["--db", path, "--user", "wang", "user", "add", user, "--role", role]) == EXIT_OK
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def office_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("office")
    _build_office(folder)
    return folder


@pytest.fixture
def db(office_template, tmp_path, capsys) -> str:
    """A copy of the set-up demo office for this test (its data folder is SKILLDESK_DATA_DIR)."""
    data = tmp_path / "data"
    shutil.copytree(office_template, data, dirs_exist_ok=True)
    capsys.readouterr()
    return str(data / "office.db")


def test_setup_prints_what_it_did_and_the_next_step(tmp_path, capsys, monkeypatch):
    path = str(tmp_path / "fresh.db")
    assert run(capsys, "--db", path, "demo")[0] == EXIT_OK
    monkeypatch.setenv("SKILLDESK_PASSWORD", ADMIN_PASSWORD)
    code, out, err = run(capsys, "--db", path, "setup", "--institution-code", "JS3205060001",
                         "--institution-name", "苏州市姑苏区职业培训学校", "--admin", "wang", "--admin-name", "王校长")
    assert code == EXIT_OK, err
    assert "首次设置完成" in out and "wang" in out


def as_user(monkeypatch, password: str) -> None:
    monkeypatch.setenv("SKILLDESK_PASSWORD", password)


def this_year(suffix: str) -> str:
    return f"{date.today():%Y}-{suffix}"


def test_setup_then_user_list_shows_roles_in_chinese(db, capsys, monkeypatch):
    as_user(monkeypatch, ADMIN_PASSWORD)
    code, out, _ = run(capsys, "--db", db, "--user", "wang", "user", "list")
    assert code == EXIT_OK
    for expected in ("wang", "管理员", "zhou", "教务", "li", "教师", "chen", "文员", "sun", "审计", "正常"):
        assert expected in out


def test_setup_twice_is_refused(db, capsys, monkeypatch):
    as_user(monkeypatch, ADMIN_PASSWORD)
    code, _, err = run(capsys, "--db", db, "setup", "--institution-code", "X", "--institution-name", "Y",
                       "--admin", "other")
    assert code == EXIT_USAGE and "已完成首次设置" in err


def test_setup_refuses_a_short_password(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SKILLDESK_PASSWORD", "short")
    code, _, err = run(capsys, "--db", str(tmp_path / "a.db"), "setup", "--institution-code", "JS1",
                       "--institution-name", "学校", "--admin", "wang")
    assert code == EXIT_USAGE and "至少需要 8 个字符" in err


def test_without_user_a_change_is_refused_but_reading_works(db, capsys):
    code, _, err = run(capsys, "--db", db, "class", "status", this_year("PR01"), "filed")
    assert code == EXIT_USAGE and "请先登录" in err and "--user" in err
    code, out, _ = run(capsys, "--db", db, "class", "list")
    assert code == EXIT_OK and this_year("JZ01") in out


def test_wrong_and_empty_password_exit_2_without_saying_whether_the_user_exists(db, capsys, monkeypatch):
    as_user(monkeypatch, "wrong password")
    code, _, wrong = run(capsys, "--db", db, "--user", "wang", "user", "list")
    assert code == EXIT_USAGE and "账号或密码不正确" in wrong
    code, _, unknown = run(capsys, "--db", db, "--user", "nobody", "user", "list")
    assert code == EXIT_USAGE and unknown == wrong
    as_user(monkeypatch, "")
    code, _, empty = run(capsys, "--db", db, "--user", "wang", "user", "list")
    assert code == EXIT_USAGE and "请输入密码" in empty


def test_no_password_and_no_terminal_is_a_clear_refusal(db, capsys, monkeypatch):
    monkeypatch.delenv("SKILLDESK_PASSWORD", raising=False)
    code, _, err = run(capsys, "--db", db, "--user", "wang", "user", "list")
    assert code == EXIT_USAGE and "SKILLDESK_PASSWORD" in err


def test_repeated_wrong_passwords_make_the_next_attempt_wait_and_say_how_long(db, capsys, monkeypatch):
    as_user(monkeypatch, "wrong password")
    with time_machine.travel(datetime(2026, 12, 2, 4, 0, tzinfo=timezone.utc), tick=False):
        for _ in range(3):  # three wrong passwords are answered "wrong"
            code, _, err = run(capsys, "--db", db, "--user", "chen", "class", "list")
            assert code == EXIT_USAGE and "账号或密码不正确" in err
        code, _, err = run(capsys, "--db", db, "--user", "chen", "class", "list")
        assert code == EXIT_USAGE and "请等 1 秒后再试" in err
        # While waiting, even the right password is not tried.
        as_user(monkeypatch, USER_PASSWORD)
        code, _, err = run(capsys, "--db", db, "--user", "chen", "class", "list")
        assert code == EXIT_USAGE and "秒后再试" in err
    # The administrator's reset unlocks it.
    as_user(monkeypatch, ADMIN_PASSWORD)
    monkeypatch.setenv("SKILLDESK_NEW_PASSWORD", "fresh pass 789")
    assert run(capsys, "--db", db, "--user", "wang", "user", "passwd", "chen")[0] == EXIT_OK
    as_user(monkeypatch, "fresh pass 789")
    assert run(capsys, "--db", db, "--user", "chen", "class", "list")[0] == EXIT_OK


@pytest.mark.parametrize("user, role_zh, argv", [
    ("sun", "审计", ["class", "status", "{PR01}", "filed"]),
    ("li", "教师", ["roster", "export", "--class", "{JZ01}", "{tmp}/out.xlsx"]),
    ("chen", "文员", ["class", "status", "{PR01}", "filed"]),
    ("zhou", "教务", ["certificates", "void", "X-2026-000001", "--reason", "测试"]),
    ("zhou", "教务", ["user", "add", "new", "--role", "clerk"]),
    ("chen", "文员", ["user", "role", "chen", "administrator"]),
    ("sun", "审计", ["demo"]),
    ("li", "教师", ["db", "backup", "{tmp}/copy.db"]),
])
def test_each_role_is_refused_outside_its_rights_with_exit_2_naming_the_role(db, capsys, monkeypatch, tmp_path,
                                                                             user, role_zh, argv):
    as_user(monkeypatch, USER_PASSWORD)
    monkeypatch.setenv("SKILLDESK_NEW_PASSWORD", USER_PASSWORD)
    filled = [a.format(PR01=this_year("PR01"), JZ01=this_year("JZ01"), tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, "--db", db, "--user", user, *filled)
    assert code == EXIT_USAGE, (out, err)
    assert f"角色是“{role_zh}”" in err and "没有" in err
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "copy.db").exists()


def test_allowed_roles_do_their_work(db, capsys, monkeypatch, tmp_path):
    as_user(monkeypatch, USER_PASSWORD)
    code, out, err = run(capsys, "--db", db, "--user", "zhou", "class", "status", this_year("PR01"), "filed")
    assert code == EXIT_USAGE and "角色" not in err  # allowed; refused only by the class's own rules
    code, out, err = run(capsys, "--db", db, "--user", "chen", "roster", "export", "--class", this_year("JZ01"),
                         str(tmp_path / "out.xlsx"))
    assert code == EXIT_OK, err


def test_admin_changes_a_role_and_disables_an_account(db, capsys, monkeypatch):
    as_user(monkeypatch, ADMIN_PASSWORD)
    code, out, _ = run(capsys, "--db", db, "--user", "wang", "user", "role", "sun", "clerk")
    assert code == EXIT_OK and "文员" in out
    code, out, _ = run(capsys, "--db", db, "--user", "wang", "user", "disable", "sun")
    assert code == EXIT_OK and "已停用" in out
    as_user(monkeypatch, USER_PASSWORD)
    code, _, err = run(capsys, "--db", db, "--user", "sun", "class", "list")
    assert code == EXIT_USAGE and "账号或密码不正确" in err


def test_messages_are_english_when_asked(db, capsys):
    code, _, err = run(capsys, "--lang", "en", "--db", db, "class", "status", this_year("PR01"), "filed")
    assert code == EXIT_USAGE and "Sign in first" in err


def test_console_script_refuses_a_role_outside_its_rights(db, tmp_path):
    """The real `skilldesk` process, as an automation script would call it."""
    import os

    env = {**os.environ, "SKILLDESK_DATA_DIR": str(tmp_path / "data"), "SKILLDESK_PASSWORD": USER_PASSWORD}
    result = subprocess.run([str(SKILLDESK), "--db", db, "--user", "sun", "class", "status", this_year("PR01"),
                             "filed"], capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == EXIT_USAGE
    assert "审计" in result.stderr and "Traceback" not in result.stderr


def test_gui_screenshot_needs_no_login_once_accounts_exist(db, tmp_path):
    """Rendering a page for the docs stays non-interactive after the first run (no login dialog)."""
    import os

    shot = tmp_path / "settings.png"
    env = {**os.environ, "SKILLDESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("SKILLDESK_PASSWORD", None)
    result = subprocess.run([str(SKILLDESK), "--db", db, "gui", "--page", "settings", "--screenshot", str(shot)],
                            capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
