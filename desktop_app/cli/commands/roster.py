"""`skilldesk roster …`: the roster template, enrolling trainees from a workbook, exporting a class's roster."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from desktop_app.cli.opening import opened
from desktop_app.cli.output import add_force_option, say, text
from desktop_app.domain.roster_outcome import RosterOutcome

messages.register(
    {
        "cli.help.roster_template": ("生成花名册模板（身份证号列为文本格式）", "write the roster template"),
        "cli.help.roster_import": ("从 Excel 导入学员并报名", "enrol trainees from a workbook"),
        "cli.help.roster_errors": ("把未导入的行写入这个错误工作簿", "write rejected rows to this workbook"),
        "cli.help.roster_export": ("导出班级花名册（含完整个人信息，会记入审计日志）", "export the roster (full personal data; audited)"),
        "cli.roster.template_written": ("已生成花名册模板：{path}", "Roster template written: {path}"),
        "cli.roster.summary": (
            "导入 {file} 到班级 {code}：共 {rows} 行；报名 {enrolled} 人（其中不享受补贴 {without}）；已在班中 {already} 人；未导入 {rejected} 行。",
            "Imported {file} into class {code}: {rows} rows; {enrolled} enrolled ({without} without subsidy); {already} already in the class; {rejected} rows rejected.",
        ),
        "cli.roster.row_rejected": ("  第 {row} 行 {name}：{reasons}", "  Row {row} {name}: {reasons}"),
        "cli.roster.row_unsubsidised": ("  第 {row} 行 {name} 已报名但不享受补贴：{reasons}", "  Row {row} {name} enrolled without subsidy: {reasons}"),
        "cli.roster.errors_written": ("未导入的 {count} 行已写入 {path}，改正后可直接重新导入该文件。",
                                      "The {count} rejected rows were written to {path}; fix them and import that file."),
        "cli.help.roster_update_known": ("同时更改已登记学员与表中不同的信息（银行账号、手机号码等；会记入审计日志）",
                                         "also change the details of people already on record where the roster differs "
                                         "(bank account, phone …; audited)"),
        "cli.roster.row_changed": ("  第 {row} 行 {name} 的信息已更改：{changes}",
                                   "  Row {row} {name}: details changed: {changes}"),
        "cli.roster.row_change_pending": ("  第 {row} 行 {name} 的信息与记录不同，没有更改：{changes}",
                                          "  Row {row} {name} differs from the record; not changed: {changes}"),
        "cli.roster.changes_pending": (
            "有 {count} 名已登记学员的信息与表中不同，没有更改。核对无误后，加上 --update-known 重新导入即可更改（会记入审计日志）。",
            "{count} people already on record differ from the roster and were not changed. Once checked, import "
            "again with --update-known to change them (audited).",
        ),
        "cli.roster.exported": ("已导出 {count} 名学员到 {path}（含完整个人信息，已记入审计日志，请妥善保管）。",
                                "Exported {count} trainees to {path} (full personal data; logged — keep the file safe)."),
        "cli.help.roster_withdraw": ("学员退学：从某日起不再参加考勤、考核和发证，档案中保留记录",
                                     "withdraw a trainee from a date (leaves attendance, results, certificates)"),
        "cli.help.roster_trainee": ("学号或完整的身份证号码", "roll number or full identity number"),
        "cli.roster.withdrawn": ("{name}（学号 {roll_no}）已于 {date} 从班级 {code} 退学。原因：{reason}",
                                 "{name} (roll number {roll_no}) withdrew from class {code} on {date}. Reason: {reason}"),
    }
)


def _define_roster(roster: argparse.ArgumentParser) -> None:
    roster_commands = roster.add_subparsers(dest="roster_command", metavar="COMMAND", required=True)
    template = roster_commands.add_parser("template", help=text("cli.help.roster_template"))
    template.add_argument("file", type=Path)
    add_force_option(template)
    template.set_defaults(handler=cmd_template)
    importing = roster_commands.add_parser("import", help=text("cli.help.roster_import"))
    importing.add_argument("--class", dest="class_code", required=True)
    importing.add_argument("file", type=Path)
    importing.add_argument("--errors", type=Path, help=text("cli.help.roster_errors"))
    importing.add_argument("--update-known", action="store_true", help=text("cli.help.roster_update_known"))
    add_force_option(importing)
    importing.set_defaults(handler=cmd_import)
    exporting = roster_commands.add_parser("export", help=text("cli.help.roster_export"))
    exporting.add_argument("--class", dest="class_code", required=True)
    exporting.add_argument("file", type=Path)
    add_force_option(exporting)
    exporting.set_defaults(handler=cmd_export)
    withdraw = roster_commands.add_parser("withdraw", help=text("cli.help.roster_withdraw"))
    withdraw.add_argument("--class", dest="class_code", required=True)
    withdraw.add_argument("--trainee", required=True, metavar="ROLL_OR_ID", help=text("cli.help.roster_trainee"))
    withdraw.add_argument("--date", required=True, metavar="DATE")
    withdraw.add_argument("--reason", required=True)
    withdraw.set_defaults(handler=cmd_withdraw)


PARSERS = {"roster": _define_roster}


def cmd_template(args: argparse.Namespace) -> int:
    with opened(args) as office:
        office.roster.write_template(args.file, replace=args.force)
    say("cli.roster.template_written", path=args.file)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args) as office:
        if args.errors:
            # Before anything is imported: an error workbook that could not be written afterwards
            # (over the roster itself, the database, an existing file) would lose the rejected rows.
            office.files.guard.check(args.errors, replace=args.force, sources=(args.file,))
        report = office.roster.import_workbook(args.class_code, args.file, accept_changes=args.update_known)
        if report.rejected and args.errors:
            count = office.roster.write_rejected_rows(report, args.errors, replace=args.force)
    say("cli.roster.summary", file=args.file.name, code=report.class_code, rows=len(report.outcomes),
        enrolled=report.enrolled, without=report.count(RosterOutcome.ENROLLED_WITHOUT_SUBSIDY),
        already=report.count(RosterOutcome.ALREADY_ENROLLED), rejected=len(report.rejected))
    for outcome in report.outcomes:
        if outcome.status is RosterOutcome.ENROLLED_WITHOUT_SUBSIDY:
            say("cli.roster.row_unsubsidised", row=outcome.row_number, name=outcome.name,
                reasons="；".join(w.message() for w in outcome.warnings))
    for outcome in report.rejected:
        say("cli.roster.row_rejected", row=outcome.row_number, name=outcome.name or "—",
            reasons=outcome.reasons_text())
    for outcome in report.changed:
        say("cli.roster.row_changed" if report.changes_applied else "cli.roster.row_change_pending",
            row=outcome.row_number, name=outcome.name, changes=outcome.changes_text())
    if report.changed and not report.changes_applied:
        say("cli.roster.changes_pending", count=len(report.changed))
    if report.rejected and args.errors:
        say("cli.roster.errors_written", count=count, path=args.errors)
    return EXIT_PARTIAL if report.rejected else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args) as office:
        count = office.roster.export(args.class_code, args.file, replace=args.force)
    say("cli.roster.exported", count=count, path=args.file)
    return EXIT_OK


def cmd_withdraw(args: argparse.Namespace) -> int:
    from desktop_app.domain.permissions import Permission
    from desktop_app.services.classes import parse_date

    with opened(args) as office:
        office.require(Permission.ENROL_TRAINEES)  # the account first, then what it typed
        done = office.roster.withdraw(args.class_code, args.trainee, on=parse_date(args.date), reason=args.reason)
    say("cli.roster.withdrawn", name=done.name, roll_no=done.roll_no, date=done.withdrawn_on, code=done.class_code,
        reason=done.reason)
    return EXIT_OK
