"""Every command goes through the office, so a disabled account is refused by every one of them:
at sign-in, and — for every command that acts — also when an administrator disables it after the
sign-in, before the command's action (the per-action account check)."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop_app import messages
from desktop_app.cli import EXIT_OK, EXIT_USAGE, build_parser, main
from desktop_app.services import accounts
from desktop_app.store.engine import Database
from desktop_app.store.models import AppUser, AuditEntry

ADMIN_PASSWORD = "admin pass 123"
USER_PASSWORD = "user pass 456"

# The window asks for its own sign-in (a dialog), so `--user` does not apply to `gui`.
NOT_SIGNED_IN_HERE = {("gui",)}

# Commands that only read: the sign-in refuses a disabled account, and between sign-in and a read
# nothing is checked again (as in the window, where lists stay readable until the next action).
READS = {
    ("db", "upgrade"), ("db", "check"), ("audit", "verify"), ("class", "list"), ("class", "show"),
    ("roster", "template"), ("attendance", "summary"), ("attendance", "sheet"), ("certificates", "pdf"),
    ("certificates", "verify"), ("batch", "list"), ("batch", "show"), ("trainee", "search"), ("teacher", "list"),
    ("institution", "show"),
    ("subsidy", "rules", "show"), ("subsidy", "estimate"),
    # setup refuses a second first run before it would act
    ("setup",),
}


def _sample(dest: str, action: argparse.Action, folder: Path) -> str:
    """A value that gets the command past its own argument checks to the office."""
    if action.choices:
        return str(list(action.choices)[0])
    samples = {
        "start": "2026-12-01", "end": "2026-12-31", "issued": "2026-12-01", "date_from": "2026-03-01",
        "date_to": "2026-03-31", "level": "4", "role": "clerk", "username": "li", "url": "http://127.0.0.1:9",
        "class_code": "2026-JZ01", "query": "张", "reason": "测试", "admin": "wang",
    }
    if dest in samples:
        return samples[dest]
    if action.type is Path or dest in ("file", "folder", "out", "errors"):
        return str(folder / f"{dest}.xlsx")
    if action.type in (int, float):
        return "1"
    return "X1"


def leaf_commands(folder: Path) -> dict[tuple[str, ...], list[str]]:
    """Every command of the parser, with arguments that satisfy it."""
    found: dict[tuple[str, ...], list[str]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subparsers:
            for name, child in subparsers[0].choices.items():
                walk(child, (*path, name))
            return
        # A command's group defines its parser on demand: a leaf without a handler would be a
        # group left undefined, whose commands this walk would then miss.
        assert parser.get_default("handler") is not None, f"{' '.join(path)} has no handler"
        argv = list(path)
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if not action.option_strings:
                argv.append(_sample(action.dest, action, folder))
            elif action.required or action.dest == "url":  # a platform command needs an address first
                argv += [action.option_strings[0], _sample(action.dest, action, folder)]
        found[path] = argv

    walk(build_parser(), ())
    return found


def _build(folder: Path) -> None:
    path = str(folder / "office.db")
    saved = {name: os.environ.get(name) for name in ("SKILLDESK_DATA_DIR", "SKILLDESK_PASSWORD", "SKILLDESK_NEW_PASSWORD")}
    os.environ["SKILLDESK_DATA_DIR"] = str(folder)
    try:
        assert main(["--db", path, "demo"]) == EXIT_OK
        os.environ["SKILLDESK_PASSWORD"] = ADMIN_PASSWORD
        assert main(["--db", path, "setup", "--institution-code", "JS3205060001", "--institution-name",
                     "苏州市姑苏区职业培训学校", "--admin", "wang", "--admin-name", "王校长"]) == EXIT_OK
        os.environ["SKILLDESK_NEW_PASSWORD"] = USER_PASSWORD
        for user, role in (("zhou", "administrator"), ("li", "teacher")):
            assert main(["--db", path, "--user", "wang", "user", "add", user, "--role", role]) == EXIT_OK
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("office")
    _build(folder)
    return folder


def _copy(template: Path, tmp_path: Path, name: str) -> Path:
    data = tmp_path / name
    shutil.copytree(template, data)
    return data


def _audit_entries(db_path: Path) -> int:
    db = Database(f"sqlite:///{db_path}")
    try:
        with db.reading() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry))
    finally:
        db.dispose()


def _disable(db_path: Path, username: str) -> None:
    db = Database(f"sqlite:///{db_path}")
    try:
        with db.writing() as session:
            session.execute(update(AppUser).where(AppUser.username == username).values(is_active=False))
    finally:
        db.dispose()


def test_every_command_refuses_an_account_that_was_disabled(template, tmp_path, capsys, monkeypatch):
    data = _copy(template, tmp_path, "data")
    db_path = data / "office.db"
    _disable(db_path, "zhou")  # an administrator, disabled
    monkeypatch.setenv("SKILLDESK_DATA_DIR", str(data))
    monkeypatch.setenv("SKILLDESK_PASSWORD", USER_PASSWORD)
    monkeypatch.setenv("SKILLDESK_NEW_PASSWORD", USER_PASSWORD)
    commands = leaf_commands(tmp_path)
    assert len(commands) > 40
    refused = messages.render("accounts.bad_credentials")
    # After three refusals in a row under one name, the answer is "wait N seconds" instead
    # (services/accounts.py): the same refusal, in the words of the growing wait.
    waiting = messages.render("accounts.wait", seconds=1).split("1 秒")[0]
    for path, argv in commands.items():
        if path in NOT_SIGNED_IN_HERE:
            continue
        before = _audit_entries(db_path)
        code = main(["--db", str(db_path), "--user", "zhou", *argv])
        err = capsys.readouterr().err
        assert code == EXIT_USAGE and (refused in err or waiting in err), \
            f"{' '.join(path)} was not refused: {code} {err}"
        assert _audit_entries(db_path) == before, f"{' '.join(path)} changed something"


def test_every_acting_command_refuses_an_account_disabled_after_its_sign_in(template, tmp_path, capsys,
                                                                            monkeypatch):
    """As if an administrator at another computer disabled the account between the sign-in and
    the command's action: the office's check before the action refuses it."""
    real = accounts.authenticate

    def sign_in_then_disabled_elsewhere(db, username, password, **options):
        actor = real(db, username, password, **options)
        with db.writing() as session:
            session.execute(update(AppUser).where(AppUser.username == username).values(is_active=False))
        return actor

    monkeypatch.setattr(accounts, "authenticate", sign_in_then_disabled_elsewhere)
    monkeypatch.setenv("SKILLDESK_PASSWORD", USER_PASSWORD)
    monkeypatch.setenv("SKILLDESK_NEW_PASSWORD", USER_PASSWORD)
    commands = leaf_commands(tmp_path)
    acting = {path: argv for path, argv in commands.items() if path not in READS | NOT_SIGNED_IN_HERE}
    assert READS <= set(commands) and len(acting) > 25
    ended = messages.render("accounts.session_disabled", user="zhou")
    for number, (path, argv) in enumerate(acting.items()):
        data = _copy(template, tmp_path, f"data{number}")
        monkeypatch.setenv("SKILLDESK_DATA_DIR", str(data))
        code = main(["--db", str(data / "office.db"), "--user", "zhou", *argv])
        err = capsys.readouterr().err
        assert code == EXIT_USAGE and ended in err, f"{' '.join(path)} acted for a disabled account: {code} {err}"
