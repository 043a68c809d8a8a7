"""`skilldesk trainee …`: find trainees, enrol one trainee in a class, correct one trainee's personal fields."""

from __future__ import annotations

import argparse

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_USAGE
from desktop_app.cli.opening import opened
from desktop_app.cli.output import print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.trainee_search": ("按姓名、身份证号或尾号查找学员", "find trainees by name, identity number or its last 4"),
        "cli.trainee.none": ("没有找到学员。", "No trainees found."),
        "cli.help.trainee_add": ("把一名学员加入班级（与花名册导入相同的检查）",
                                 "enrol one trainee in a class (the roster import's checks)"),
        "cli.help.trainee_edit": ("更正一名学员的个人信息（修改前后的内容记入档案和审计日志）",
                                  "correct one trainee's personal fields (old and new kept and audited)"),
        "cli.help.trainee_groups": ("人员类别，多项用顿号“、”分隔", "key groups; separate several with commas"),
        "cli.trainee.enrolled": ("已把 {name}（{id_masked}）加入班级 {code}，学号 {roll_no}。",
                                 "Enrolled {name} ({id_masked}) in class {code}, roll number {roll_no}."),
        "cli.trainee.enrolled_without_subsidy": ("  不享受补贴：{reasons}", "  Without subsidy: {reasons}"),
        "cli.trainee.warning": ("  注意：{message}", "  Note: {message}"),
        "cli.trainee.edited": ("已更正 {name} 的 {count} 项信息：{fields}。", "Corrected {count} field(s) of {name}: {fields}."),
        "cli.trainee.unchanged": ("{name} 的信息没有变化。", "Nothing changed for {name}."),
        "cli.trainee.nothing_given": ("请至少给出一项要更正的信息（--name、--phone、--bank 和 --account……）。",
                                      "Give at least one field to correct (--name, --phone, --bank with --account …)."),
    }
)

# Field names as the edit summary prints them.
_FIELD_WORDS = {
    "name": ("姓名", "name"), "phone": ("手机号码", "phone"), "bank_name": ("开户银行", "bank"),
    "bank_account": ("银行账号", "account"), "household_type": ("户口性质", "household type"),
    "key_groups": ("人员类别", "key groups"), "ethnicity": ("民族", "ethnicity"), "education": ("文化程度", "education"),
    "employment_status": ("就业状态", "employment status"),
}


def _define_trainee(trainee: argparse.ArgumentParser) -> None:
    trainee_commands = trainee.add_subparsers(dest="trainee_command", metavar="COMMAND", required=True)
    search = trainee_commands.add_parser("search", help=text("cli.help.trainee_search"))
    search.add_argument("query")
    search.set_defaults(handler=cmd_search)
    add = trainee_commands.add_parser("add", help=text("cli.help.trainee_add"))
    add.add_argument("--class", dest="class_code", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--id", dest="id_number", required=True, metavar="ID_NUMBER")
    add.add_argument("--phone")
    add.add_argument("--groups", help=text("cli.help.trainee_groups"))
    add.add_argument("--household")
    add.add_argument("--bank")
    add.add_argument("--account")
    add.set_defaults(handler=cmd_add)
    edit = trainee_commands.add_parser("edit", help=text("cli.help.trainee_edit"))
    edit.add_argument("id_number", metavar="ID_NUMBER")
    edit.add_argument("--name")
    edit.add_argument("--phone")
    edit.add_argument("--bank")
    edit.add_argument("--account")
    edit.add_argument("--household")
    edit.add_argument("--groups", help=text("cli.help.trainee_groups"))
    edit.add_argument("--reason", required=True)
    edit.set_defaults(handler=cmd_edit)


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


def cmd_add(args: argparse.Namespace) -> int:
    from desktop_app.domain.roster_outcome import RosterOutcome

    fields = {"name": args.name, "id_number": args.id_number, "phone": args.phone, "key_groups": args.groups,
              "household_type": args.household, "bank_name": args.bank, "bank_account": args.account}
    with opened(args) as office:
        enrolled = office.roster.enrol_one(args.class_code, fields)
    say("cli.trainee.enrolled", name=enrolled.name, id_masked=enrolled.id_masked, code=args.class_code.strip(),
        roll_no=enrolled.roll_no)
    if enrolled.status is RosterOutcome.ENROLLED_WITHOUT_SUBSIDY:
        say("cli.trainee.enrolled_without_subsidy", reasons="；".join(w.message() for w in enrolled.warnings))
    else:
        for warning in enrolled.warnings:
            say("cli.trainee.warning", message=warning.message())
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from desktop_app.cli.output import say_problem
    from desktop_app.domain.permissions import Permission
    from desktop_app.services.trainees import TraineeEdit

    groups = None if args.groups is None else tuple(g for g in args.groups.replace(",", "、").split("、"))
    edit = TraineeEdit(name=args.name, phone=args.phone, bank_name=args.bank, bank_account=args.account,
                       household_type=args.household, key_groups=groups)
    with opened(args) as office:
        office.require(Permission.ENROL_TRAINEES)  # before the look-up: a refused account learns nothing
        if all(value is None for value in vars(edit).values()):
            say_problem("cli.trainee.nothing_given")
            return EXIT_USAGE
        trainee_id = office.trainees.find_by_identity(args.id_number)
        before = office.trainees.get(trainee_id)
        after = office.trainees.edit(trainee_id, edit, reason=args.reason)
    new = after.changes[: len(after.changes) - len(before.changes)]
    if not new:
        say("cli.trainee.unchanged", name=after.row.name)
        return EXIT_OK
    say("cli.trainee.edited", name=after.row.name, count=len(new),
        fields="、".join(zh_or_en(*_FIELD_WORDS.get(c.field, (c.field, c.field))) for c in reversed(new)))
    return EXIT_OK
