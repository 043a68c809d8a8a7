"""`skilldesk trainee search`: find trainees by name, identity number or its last four characters."""

from __future__ import annotations

import argparse

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK
from desktop_app.cli.opening import opened
from desktop_app.cli.output import print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.trainee_search": ("按姓名、身份证号或尾号查找学员", "find trainees by name, identity number or its last 4"),
        "cli.trainee.none": ("没有找到学员。", "No trainees found."),
    }
)


def _define_trainee(trainee: argparse.ArgumentParser) -> None:
    trainee_commands = trainee.add_subparsers(dest="trainee_command", metavar="COMMAND", required=True)
    search = trainee_commands.add_parser("search", help=text("cli.help.trainee_search"))
    search.add_argument("query")
    search.set_defaults(handler=cmd_search)


PARSERS = {"trainee": _define_trainee}

_SEX_WORDS = {"M": "男", "F": "女"}  # in Chinese in both languages, as this table has always printed it


def cmd_search(args: argparse.Namespace) -> int:
    with opened(args) as office:
        rows = office.trainees.search(args.query)
    if not rows:
        say("cli.trainee.none")
        return EXIT_OK
    print_table(zh_or_en(["姓名", "证件号码", "性别", "出生日期", "手机", "班级数"], ["Name", "ID", "Sex", "Born", "Phone", "Classes"]),
                [[r.name, r.id_masked, _SEX_WORDS.get(r.sex or "", ""), r.birth_date, r.phone_masked, r.classes]
                 for r in rows])
    return EXIT_OK
