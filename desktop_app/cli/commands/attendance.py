"""`skilldesk attendance …`: import punches or online hours, the per-trainee summary, sign-in sheets."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from desktop_app.cli.opening import opened
from desktop_app.cli.output import print_table, say, text, zh_or_en

messages.register(
    {
        "cli.help.attendance_import": ("导入考勤机打卡记录或线上学时（xlsx 或 csv）", "import attendance-machine punches or online hours (xlsx or csv)"),
        "cli.help.attendance_summary": ("每名学员的出勤课时、线上学时、两种出勤率（已上的课、全部计划课时）和状态",
                                        "per trainee: hours, online hours, the rate so far and of all planned lessons, standing"),
        "cli.help.attendance_sheet": ("打印用的签到表（PDF）", "printable sign-in sheets (PDF)"),
        "cli.help.per_day": ("每天一页（默认每次课一页）", "one page per day (default: one per session)"),
        "cli.attendance.found_punches": ("文件 {file} 是考勤机打卡记录：{rows} 行，写入 {marks} 条考勤。", "{file} holds attendance-machine punches: {rows} rows, {marks} marks written."),
        "cli.attendance.found_online": ("文件 {file} 是线上学时记录：{rows} 行，计入 {records} 条。", "{file} holds online-learning hours: {rows} rows, {records} records added."),
        "cli.attendance.summary_written": ("考勤汇总已写入 {path}。", "Attendance summary written to {path}."),
        "cli.attendance.sheet_written": ("签到表已写入 {path}（{pages} 页）。", "Sign-in sheets written to {path} ({pages} pages)."),
    }
)


def _define_attendance(attendance: argparse.ArgumentParser) -> None:
    attendance_commands = attendance.add_subparsers(dest="attendance_command", metavar="COMMAND", required=True)
    importing = attendance_commands.add_parser("import", help=text("cli.help.attendance_import"))
    importing.add_argument("--class", dest="class_code", required=True)
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=cmd_import)
    summary = attendance_commands.add_parser("summary", help=text("cli.help.attendance_summary"))
    summary.add_argument("--class", dest="class_code", required=True)
    summary.add_argument("--out", type=Path)
    summary.set_defaults(handler=cmd_summary)
    sheet = attendance_commands.add_parser("sheet", help=text("cli.help.attendance_sheet"))
    sheet.add_argument("--class", dest="class_code", required=True)
    sheet.add_argument("--out", type=Path, required=True)
    sheet.add_argument("--per-day", action="store_true", help=text("cli.help.per_day"))
    sheet.set_defaults(handler=cmd_sheet)


PARSERS = {"attendance": _define_attendance}


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args) as office:
        report = office.attendance.import_file(args.class_code, args.file)
    if report.kind == "online":
        say("cli.attendance.found_online", file=args.file.name, rows=report.rows, records=report.online_records)
    else:
        say("cli.attendance.found_punches", file=args.file.name, rows=report.rows, marks=report.marks_written)
    for warning in report.warnings:
        say("cli.attendance.warning", message=warning.message())
    for problem in report.problems:
        say("cli.attendance.problem", message=problem.message())
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    """The same columns and words as the window's summary and the workbook: both rates, each
    with its label, and the standing (domain.attendance.Standing) with its reason."""
    with opened(args) as office:
        rows = office.attendance.summary(args.class_code, as_of=datetime.now(timezone.utc))
    headers = zh_or_en(["学号", "姓名", "证件号码", "出勤课时", "线上计入", "合计课时", "出勤率（已上的课）",
                        "出勤率（全部计划课时）", "状态", "原因"],
                       ["Roll", "Name", "ID", "Attended", "Online credited", "Total", "Rate so far",
                        "Rate of all planned", "Standing", "Reason"])
    print_table(headers, [
        [r.roll_no, r.name, r.id_masked, r.attendance.attended_lessons, r.attendance.online_credited_lessons,
         r.attendance.total_lessons, f"{r.attendance.rate_percent}%", f"{r.attendance.planned_rate_percent}%",
         zh_or_en(r.standing.label_zh, r.standing.label_en), "；".join(p.message() for p in r.shown_reasons)]
        for r in rows
    ])
    if args.out:
        from desktop_app.services.attendance import write_summary_workbook

        write_summary_workbook(rows, args.out, title=f"{args.class_code} 考勤汇总")
        say("cli.attendance.summary_written", path=args.out)
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    with opened(args) as office:
        render = office.attendance.signin_sheets_pdf(args.class_code, per_day=args.per_day)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render.pdf)
    for warning in render.warnings:
        say("cli.attendance.warning", message=warning.message())
    say("cli.attendance.sheet_written", path=args.out, pages=render.pages)
    return EXIT_OK
