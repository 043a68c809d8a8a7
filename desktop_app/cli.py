"""The `skilldesk` command line: the same services as the window, for administrators and scripts.

Exit codes (see CLI.md): 0 success, 1 unexpected failure, 2 bad usage or unreadable input
(nothing changed), 3 done but some rows or records were rejected.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app import __version__, messages
from desktop_app.config import Settings, load_settings

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3

PAGES = ("classes", "trainees", "attendance", "certificates", "sync", "reports", "settings")

messages.register(
    {
        "cli.description": ("SkillDesk 职业技能培训机构桌面端（命令行）", "SkillDesk for vocational training institutions (command line)"),
        "cli.help.db": ("SQLite 数据库文件路径", "path of an SQLite database file"),
        "cli.help.database_url": ("任意 SQLAlchemy 数据库地址（多台电脑共用时用 PostgreSQL）",
                                  "any SQLAlchemy database URL (PostgreSQL for several PCs)"),
        "cli.help.lang": ("界面语言：zh（默认）或 en", "language: zh (default) or en"),
        "cli.help.gui": ("打开窗口", "open the window"),
        "cli.help.page": ("打开时显示的页面", "page to show"),
        "cli.help.screenshot": ("把页面渲染成 PNG 文件后退出", "render the page to a PNG file and exit"),
        "cli.help.demo": ("向空数据库填入演示机构的数据", "fill an empty database with a demo institution"),
        "cli.help.db_group": ("数据库维护", "database maintenance"),
        "cli.help.db_upgrade": ("把数据库升级到当前版本", "upgrade the database to this version's schema"),
        "cli.help.db_check": ("检查数据库完整性", "check the database's integrity"),
        "cli.db.upgraded": ("数据库 {database} 已从版本 {before} 升级到 {after}。", "Database {database} upgraded from {before} to {after}."),
        "cli.db.current": ("数据库 {database} 已是最新版本（{after}），无需升级。", "Database {database} is already at the current version ({after})."),
        "cli.db.created": ("已新建数据库 {database}（版本 {after}）。", "Created database {database} (schema {after})."),
        "cli.db.check_ok": ("数据库 {database} 检查通过：结构版本 {revision}，完整性正常。",
                            "Database {database} passed: schema {revision}, integrity ok."),
        "cli.db.check_failed": ("数据库 {database} 检查发现 {count} 个问题：", "Database {database} check found {count} problem(s):"),
        "cli.demo.done": ("已写入演示数据：{classes} 个班级、{trainees} 名学员、{sessions} 次课、{marks} 条考勤记录。",
                          "Demo data written: {classes} classes, {trainees} trainees, {sessions} sessions, {marks} attendance marks."),
        "cli.screenshot.saved": ("已保存截图：{path}", "Screenshot saved: {path}"),
        "cli.unexpected": (
            "发生了意外错误，操作没有完成。详细信息已写入日志文件 {log}，请把该文件发给技术支持。",
            "An unexpected error stopped the operation. Details were written to {log}; please send that file to support.",
        ),
    }
)

log = logging.getLogger("skilldesk")


def _t(code: str, **params: object) -> str:
    return messages.render(code, **params)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skilldesk", description=_t("cli.description"))
    parser.add_argument("--version", action="version", version=f"SkillDesk {__version__}")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--db", metavar="PATH", help=_t("cli.help.db"))
    target.add_argument("--database-url", metavar="URL", help=_t("cli.help.database_url"))
    parser.add_argument("--lang", choices=messages.LANGUAGES, help=_t("cli.help.lang"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help=_t("cli.help.gui"))
    gui.add_argument("--page", choices=PAGES, default="classes", help=_t("cli.help.page"))
    gui.add_argument("--screenshot", metavar="FILE.png", type=Path, help=_t("cli.help.screenshot"))
    gui.set_defaults(handler=cmd_gui)

    demo = commands.add_parser("demo", help=_t("cli.help.demo"))
    demo.set_defaults(handler=cmd_demo)

    db = commands.add_parser("db", help=_t("cli.help.db_group"))
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    db_commands.add_parser("upgrade", help=_t("cli.help.db_upgrade")).set_defaults(handler=cmd_db_upgrade)
    db_commands.add_parser("check", help=_t("cli.help.db_check")).set_defaults(handler=cmd_db_check)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(db_path=args.db, database_url=args.database_url, language=args.lang)


def _open(args: argparse.Namespace):
    from desktop_app.bootstrap import open_desk

    return open_desk(settings_from(args))


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.app import run_gui

    return run_gui(settings_from(args), page=args.page, screenshot=args.screenshot)


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo import fill_demo_institution

    desk = _open(args)
    try:
        summary = fill_demo_institution(desk.db, desk.cipher, actor=desk.actor)
    finally:
        desk.close()
    print(_t("cli.demo.done", classes=summary.classes, trainees=summary.trainees, sessions=summary.sessions,
             marks=summary.marks))
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    desk = _open(args)
    try:
        opened = desk.opened
        head = opened.revision
        if opened.created:
            print(_t("cli.db.created", database=desk.db.display_name(), after=head))
        elif opened.migrated_from != head:
            print(_t("cli.db.upgraded", database=desk.db.display_name(), before=opened.migrated_from, after=head))
        else:
            print(_t("cli.db.current", database=desk.db.display_name(), after=head))
    finally:
        desk.close()
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace) -> int:
    from desktop_app.services.database import check_database

    desk = _open(args)
    try:
        report = check_database(desk.db)
    finally:
        desk.close()
    if report.ok:
        print(_t("cli.db.check_ok", database=desk.db.display_name(), revision=report.revision))
        return EXIT_OK
    print(_t("cli.db.check_failed", database=desk.db.display_name(), count=len(report.problems)))
    for problem in report.problems:
        print(f"  - {problem.message()}")
    return EXIT_PARTIAL


def _log_file(settings: Settings | None) -> Path:
    from desktop_app.config import default_data_dir

    folder = (settings.data_dir if settings else default_data_dir()) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "skilldesk.log"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser is built: its help texts are translated.
    messages.set_language(_language_from_argv(argv) or messages.language_from_environment())
    parser = build_parser()
    if not _has_command(argv) and not {"--version", "-h", "--help"} & set(argv):
        argv = [*argv, "gui"]  # plain `skilldesk` opens the window
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except messages.UserFacingError as error:
        print(error.message(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_UNEXPECTED
    except Exception:
        settings = None
        try:
            settings = settings_from(args)
        except Exception:  # the settings themselves may be what failed
            pass
        log_path = _log_file(settings)
        with log_path.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
        print(_t("cli.unexpected", log=log_path), file=sys.stderr)
        return EXIT_UNEXPECTED


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
        if value in ("--db", "--database-url", "--lang"):
            skip_next = True
            continue
        if not value.startswith("-"):
            return True
    return False
