"""`skilldesk teacher …`: the institution's teachers, linked to 教师 accounts."""

from __future__ import annotations

import argparse

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened
from desktop_app.cli.output import print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.teacher_add": ("新增授课教师，可关联一个“教师”角色的账号", "add a teacher, optionally linked to a Teacher account"),
        "cli.help.teacher_list": ("列出授课教师和他们的班级", "list teachers and their classes"),
        "cli.help.teacher_edit": ("修改教师信息、关联账号，或停用/重新启用", "edit a teacher, link an account, deactivate or reactivate"),
        "cli.help.teacher_user": ("“教师”角色的账号名；修改时填空字符串取消关联", "a Teacher account; \"\" unlinks when editing"),
        "cli.teacher.added": ("已新增教师 {name}{account}。", "Added the teacher {name}{account}."),
        "cli.teacher.account": ("（账号 {user}）", " (account {user})"),
        "cli.teacher.edited": ("已更新教师 {name}：{state}。", "Updated the teacher {name}: {state}."),
        "cli.teacher.none": ("还没有教师。用 skilldesk teacher add --name 姓名 添加。", "No teachers yet. Add one with skilldesk teacher add --name NAME."),
    }
)


def _define_teacher(teacher: argparse.ArgumentParser) -> None:
    commands = teacher.add_subparsers(dest="teacher_command", metavar="COMMAND", required=True)
    add = commands.add_parser("add", help=text("cli.help.teacher_add"))
    add.add_argument("--name", required=True)
    add.add_argument("--user", dest="account", metavar="ACCOUNT", help=text("cli.help.teacher_user"))
    add.add_argument("--phone")
    add.add_argument("--title")
    add.set_defaults(handler=cmd_add)
    listing = commands.add_parser("list", help=text("cli.help.teacher_list"))
    listing.set_defaults(handler=cmd_list)
    edit = commands.add_parser("edit", help=text("cli.help.teacher_edit"))
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", metavar="NEW_NAME")
    edit.add_argument("--user", dest="account", metavar="ACCOUNT", help=text("cli.help.teacher_user"))
    edit.add_argument("--phone")
    edit.add_argument("--title")
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--deactivate", dest="active", action="store_false", default=None)
    state.add_argument("--activate", dest="active", action="store_true", default=None)
    edit.set_defaults(handler=cmd_edit)


PARSERS = {"teacher": _define_teacher}


def _state(active: bool) -> str:
    return zh_or_en("在职", "active") if active else zh_or_en("已停用", "deactivated")


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as office:
        row = office.teachers.add(args.name, username=args.account, phone=args.phone, title=args.title)
    account = text("cli.teacher.account", user=row.username) if row.username else ""
    say("cli.teacher.added", name=row.name, account=account)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as office:
        rows = office.teachers.list()
    if not rows:
        say("cli.teacher.none")
        return EXIT_OK
    print_table(zh_or_en(["姓名", "职称", "电话", "账号", "状态", "班级"], ["Name", "Title", "Phone", "Account", "State", "Classes"]),
                [[r.name, r.title or "", r.phone or "", r.username or "", _state(r.active), "、".join(r.classes)]
                 for r in rows])
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    with opened(args) as office:
        row = office.teachers.edit(args.name, name=args.new_name, username=args.account, phone=args.phone,
                                   title=args.title, active=args.active)
    say("cli.teacher.edited", name=row.name, state=_state(row.active))
    return EXIT_OK
