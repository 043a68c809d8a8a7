"""The `skilldesk` command line: the same office as the window, for administrators and scripts.

The contract (commands, options, output, exit codes) is docs/cli.md. Exit codes: 0 success,
1 unexpected failure, 2 bad usage or unreadable input (nothing changed), 3 done but some rows or
records were rejected (`desktop_app.cli.exit_codes`).

Here: the global options, `main()` and what it does with a failure. The commands are in
`desktop_app.cli.commands`, one module per group, imported only when their command runs;
`output` and `opening` are what they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import __version__, messages
from desktop_app.cli.commands import add_commands
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL, EXIT_UNEXPECTED, EXIT_USAGE
from desktop_app.cli.output import terminal_safe_output, text
from desktop_app.cli.wording import error_text

if TYPE_CHECKING:
    from desktop_app.config import Settings

__all__ = ["EXIT_OK", "EXIT_PARTIAL", "EXIT_UNEXPECTED", "EXIT_USAGE", "build_parser", "main"]

messages.register(
    {
        "cli.description": ("SkillDesk 职业技能培训机构桌面端（命令行）", "SkillDesk for vocational training institutions (command line)"),
        "cli.help.db": ("SQLite 数据库文件路径", "path of an SQLite database file"),
        "cli.help.database_url": ("任意 SQLAlchemy 数据库地址（多台电脑共用时用 PostgreSQL）",
                                  "any SQLAlchemy database URL (PostgreSQL for several PCs)"),
        "cli.help.lang": ("界面语言：zh（默认）或 en", "language: zh (default) or en"),
        "cli.help.user": ("以此账号执行（密码取自环境变量 SKILLDESK_PASSWORD，或在终端中输入）",
                          "act as this account (password from SKILLDESK_PASSWORD, or asked in a terminal)"),
        "cli.unexpected": (
            "发生了意外错误，操作没有完成。详细信息已写入日志文件 {log}，请把该文件发给技术支持。",
            "An unexpected error stopped the operation. Details were written to {log}; please send that file to support.",
        ),
    }
)

# The global options that take a value: the word after one is not a command.
_OPTIONS_WITH_VALUES = ("--db", "--database-url", "--lang", "--user")


def build_parser() -> argparse.ArgumentParser:
    """The whole parser, every command defined (for the tests and documents that walk it)."""
    return _parser(define_all=True)


def _parser(*, define_all: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skilldesk", description=text("cli.description"))
    parser.add_argument("--version", action="version", version=f"SkillDesk {__version__}")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--db", metavar="PATH", help=text("cli.help.db"))
    target.add_argument("--database-url", metavar="URL", help=text("cli.help.database_url"))
    parser.add_argument("--lang", choices=messages.LANGUAGES, help=text("cli.help.lang"))
    parser.add_argument("--user", metavar="NAME", help=text("cli.help.user"))
    add_commands(parser, define_all=define_all)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with terminal_safe_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser is built: its help texts are translated.
    messages.set_language(_language_from_argv(argv) or messages.language_from_environment())
    parser = _parser(define_all=False)  # a command's group is defined when argparse reaches it
    if not _has_command(argv) and not {"--version", "-h", "--help"} & set(argv):
        argv = [*argv, "gui"]  # plain `skilldesk` opens the window
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except messages.UserFacingError as error:
        print(error_text(error), file=sys.stderr)
        if error.code == "output.exists":
            print(text("cli.output.force_hint"), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_UNEXPECTED
    except BrokenPipeError:
        # Output piped into `head` and the reader went away: not a failure of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        import traceback

        log_path = _log_file(_settings_if_readable(args))
        with log_path.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
        print(text("cli.unexpected", log=log_path), file=sys.stderr)
        return EXIT_UNEXPECTED


def _settings_if_readable(args: argparse.Namespace) -> Settings | None:
    try:
        from desktop_app.cli.opening import settings_from

        return settings_from(args)
    except Exception:  # the settings themselves may be what failed
        return None


def _log_file(settings: Settings | None) -> Path:
    from desktop_app.config import default_data_dir

    folder = (settings.data_dir if settings else default_data_dir()) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "skilldesk.log"


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, value in enumerate(argv):
        if value == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if value.startswith("--lang="):
            return value.split("=", 1)[1]
    return None


def _has_command(argv: Sequence[str]) -> bool:
    skip_next = False
    for value in argv:
        if skip_next:
            skip_next = False
            continue
        if value in _OPTIONS_WITH_VALUES:
            skip_next = True
            continue
        if not value.startswith("-"):
            return True
    return False
