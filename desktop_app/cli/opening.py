"""Opening what a command works on: the settings named by the global options, the office (signed
in as `--user`), and passwords, which come from the environment or a terminal, never from argv."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from desktop_app import messages
from desktop_app.cli.output import text
from desktop_app.config import Settings, load_settings

if TYPE_CHECKING:
    from desktop_app.services.office import Office

messages.register(
    {
        "cli.prompt.password": ("账号“{user}”的密码：", "Password of “{user}”: "),
        "cli.prompt.new_password": ("“{user}”的新密码：", "New password for “{user}”: "),
        "cli.prompt.repeat": ("再输入一遍：", "Again: "),
        "cli.password_mismatch": ("两次输入的密码不一致，什么也没有改动。", "The two passwords differ; nothing was changed."),
        "cli.password_needed": (
            "需要密码：请设置环境变量 {variable}，或在终端中运行以便输入密码。",
            "A password is needed: set the environment variable {variable}, or run this in a terminal to type it.",
        ),
    }
)


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings for this run — the global options, the environment, settings.json — read
    once: a command that needs them twice sees the same, and a bad value is reported once."""
    settings = getattr(args, "settings_of_this_run", None)
    if settings is None:
        settings = load_settings(db_path=args.db, database_url=args.database_url, language=args.lang)
        args.settings_of_this_run = settings
    return settings


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Office]:
    """The database named by the global options, opened (created, migrated) and closed again;
    signed in as `--user` when it is given."""
    from desktop_app.bootstrap import open_office

    office = open_office(settings_from(args))
    try:
        if getattr(args, "user", None):
            password = password_from_environment_or_prompt("SKILLDESK_PASSWORD", "cli.prompt.password", user=args.user)
            office.accounts.sign_in(args.user, password)
        yield office
    finally:
        office.close()


@contextmanager
def office_for_database_files(args: argparse.Namespace) -> Iterator[Office | None]:
    """The office for a backup or a restore, which once accounts exist need a signed-in user
    allowed to; None when there is no database to open: no file yet, or one too damaged to
    open (the reason to restore). That is not checked: whoever can reach the file can copy it."""
    from desktop_app.services.database import DatabaseOpenError

    settings = settings_from(args)
    if settings.sqlite_path is not None and not settings.sqlite_path.exists():
        yield None
        return
    with ExitStack() as stack:
        try:
            office = stack.enter_context(opened(args))
        except DatabaseOpenError:
            office = None
        yield office


class PasswordNeeded(messages.UserFacingError):
    pass


def password_from_environment_or_prompt(variable: str, prompt_code: str, *, user: str, confirm: bool = False) -> str:
    """A password from `variable`, else typed at a terminal (twice when `confirm`); never from argv,
    where other users of the machine could read it in the process list."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise PasswordNeeded("cli.password_needed", variable=variable)
    import getpass

    value = getpass.getpass(text(prompt_code, user=user))
    if confirm and getpass.getpass(text("cli.prompt.repeat")) != value:
        raise PasswordNeeded("cli.password_mismatch")
    return value
