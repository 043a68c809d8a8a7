"""`skilldesk attendance …`: import punches or online hours, the per-trainee summary, sign-in sheets,
and marks set from the command line (one trainee, the whole roster, or everyone still unmarked)."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from desktop_app.cli.opening import opened
from desktop_app.cli.output import add_force_option, language, print_table, say, say_problem, text, zh_or_en

messages.register(
    {
        "cli.help.attendance_import": ("导入考勤机打卡记录或线上学时（xlsx 或 csv）", "import attendance-machine punches or online hours (xlsx or csv)"),
        "cli.help.attendance_summary": ("每名学员的出勤课时、线上学时、两种出勤率（已上的课、全部计划课时）和状态",
                                        "per trainee: hours, online hours, the rate so far and of all planned lessons, standing"),
        "cli.help.attendance_sheet": ("打印用的签到表（PDF）", "printable sign-in sheets (PDF)"),
        "cli.help.import_reason": ("补录原因：已过锁定时间的课，打卡记录只有填写原因才会写入",
                                   "reason for recording past sessions: punches for locked sessions are written only with one"),
        "cli.help.per_day": ("每天一页（默认每次课一页）", "one page per day (default: one per session)"),
        "cli.attendance.found_punches": ("文件 {file} 是考勤机打卡记录：{rows} 行，写入 {marks} 条考勤。", "{file} holds attendance-machine punches: {rows} rows, {marks} marks written."),
        "cli.attendance.found_online": ("文件 {file} 是线上学时记录：{rows} 行，计入 {records} 条。", "{file} holds online-learning hours: {rows} rows, {records} records added."),
        "cli.attendance.summary_written": ("考勤汇总已写入 {path}。", "Attendance summary written to {path}."),
        "cli.attendance.sheet_written": ("签到表已写入 {path}（{pages} 页）。", "Sign-in sheets written to {path} ({pages} pages)."),
        "cli.help.sheet_session": ("只打印第 N 次课（编号见 class show）", "only session N (numbered as class show lists them)"),
        "cli.help.sheet_date": ("只打印这一天的课（YYYY-MM-DD）", "only the sessions of this date (YYYY-MM-DD)"),
        "cli.attendance.sheet_one_scope": ("--session 和 --date 只能选一个。", "Give --session or --date, not both."),
        "cli.help.attendance_mark": ("在命令行记录考勤（与窗口中的规则相同）", "set attendance marks (same rules as the window)"),
        "cli.help.mark_session": ("第 N 次课（编号见 class show）", "session N (numbered as class show lists them)"),
        "cli.help.mark_date": ("这一天的每次课（YYYY-MM-DD）", "every session of this date (YYYY-MM-DD)"),
        "cli.help.mark_trainee": ("学员的学号或身份证号码", "the trainee's roll number or identity number"),
        "cli.help.mark_all": ("花名册上的每名学员", "every trainee on the roster"),
        "cli.help.mark_unmarked": ("已上完的每次课中还没有考勤的学员都记为缺勤", "everyone without a mark in a session already held becomes absent"),
        "cli.help.mark_status": ("考勤状态", "the status"),
        "cli.help.mark_minutes": ("迟到或早退的分钟数", "minutes late or left early"),
        "cli.help.mark_reason": ("原因（写入每条修改记录；请假时也是请假原因）", "the reason (kept in every change's history; for leave also the reason for leave)"),
        "cli.attendance.mark_usage": (
            "请这样使用：skilldesk attendance mark --class 班级 (--session N | --date 日期) (--trainee 学号或证件号 | --all) "
            "--status 状态 --reason 原因，或 skilldesk attendance mark --class 班级 --unmarked absent --reason 原因。",
            "Use: skilldesk attendance mark --class C (--session N | --date D) (--trainee ROLL_OR_ID | --all) --status S "
            "--reason R, or skilldesk attendance mark --class C --unmarked absent --reason R.",
        ),
        "cli.attendance.marked": (
            "已记录 {changed} 条考勤（{sessions} 次课），{unchanged} 条原本就是这个状态。操作编号 {operation}。",
            "{changed} marks recorded ({sessions} sessions); {unchanged} already had this status. Operation {operation}.",
        ),
        "cli.attendance.unmarked_none": (
            "已上完的课中每名学员都有考勤，没有做任何修改。",
            "Every trainee has a mark in every session already held; nothing was changed.",
        ),
    }
)


def _define_attendance(attendance: argparse.ArgumentParser) -> None:
    attendance_commands = attendance.add_subparsers(dest="attendance_command", metavar="COMMAND", required=True)
    importing = attendance_commands.add_parser("import", help=text("cli.help.attendance_import"))
    importing.add_argument("--class", dest="class_code", required=True)
    importing.add_argument("file", type=Path)
    importing.add_argument("--reason", help=text("cli.help.import_reason"))
    importing.set_defaults(handler=cmd_import)
    summary = attendance_commands.add_parser("summary", help=text("cli.help.attendance_summary"))
    summary.add_argument("--class", dest="class_code", required=True)
    summary.add_argument("--out", type=Path)
    add_force_option(summary)
    summary.set_defaults(handler=cmd_summary)
    sheet = attendance_commands.add_parser("sheet", help=text("cli.help.attendance_sheet"))
    sheet.add_argument("--class", dest="class_code", required=True)
    sheet.add_argument("--out", type=Path, required=True)
    sheet.add_argument("--per-day", action="store_true", help=text("cli.help.per_day"))
    sheet.add_argument("--session", dest="session_number", type=int, metavar="N", help=text("cli.help.sheet_session"))
    sheet.add_argument("--date", dest="day", metavar="YYYY-MM-DD", help=text("cli.help.sheet_date"))
    add_force_option(sheet)
    sheet.set_defaults(handler=cmd_sheet)
    mark = attendance_commands.add_parser("mark", help=text("cli.help.attendance_mark"))
    mark.add_argument("--class", dest="class_code", required=True)
    mark.add_argument("--session", dest="session_number", type=int, metavar="N", help=text("cli.help.mark_session"))
    mark.add_argument("--date", dest="day", metavar="YYYY-MM-DD", help=text("cli.help.mark_date"))
    mark.add_argument("--trainee", metavar="ROLL_OR_ID", help=text("cli.help.mark_trainee"))
    mark.add_argument("--all", dest="everyone", action="store_true", help=text("cli.help.mark_all"))
    mark.add_argument("--unmarked", choices=["absent"], help=text("cli.help.mark_unmarked"))
    mark.add_argument("--status", choices=[s for s, _ in _STATUSES], help=text("cli.help.mark_status"))
    mark.add_argument("--minutes", type=int, metavar="M", help=text("cli.help.mark_minutes"))
    mark.add_argument("--reason", required=True, help=text("cli.help.mark_reason"))
    mark.set_defaults(handler=cmd_mark)


# The words of the command line, and the status each one sets.
_STATUSES = (("present", "present"), ("late", "late"), ("early", "early_leave"), ("leave", "leave"),
             ("absent", "absent"))


PARSERS = {"attendance": _define_attendance}


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args) as office:
        report = office.attendance.import_file(args.class_code, args.file, reason=args.reason)
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
        if args.out:
            office.files.guard.check(args.out, replace=args.force)
        rows = office.attendance.summary(args.class_code, as_of=datetime.now(timezone.utc))
        guard = office.files.guard
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

        guard.write_with(args.out, lambda temporary: write_summary_workbook(rows, temporary,
                                                                            title=f"{args.class_code} 考勤汇总"),
                         replace=args.force)
        say("cli.attendance.summary_written", path=args.out)
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace) -> int:
    if args.session_number is not None and args.day is not None:
        say_problem("cli.attendance.sheet_one_scope")
        return EXIT_USAGE
    with opened(args) as office:
        from desktop_app.services.classes import parse_date

        day = parse_date(args.day) if args.day is not None else None
        session_id = None
        if args.session_number is not None:
            session_id = office.attendance.session_ids(args.class_code, number=args.session_number)[0]
        office.files.guard.check(args.out, replace=args.force)
        render = office.attendance.signin_sheets_pdf(args.class_code, per_day=args.per_day, day=day,
                                                     session_id=session_id)
        office.files.save(args.out, render.pdf, replace=args.force)
    for warning in render.warnings:
        say("cli.attendance.warning", message=warning.message())
    say("cli.attendance.sheet_written", path=args.out, pages=render.pages)
    return EXIT_OK


def _mark_usage_is_right(args: argparse.Namespace) -> bool:
    if args.unmarked:
        return not (args.session_number is not None or args.day or args.trainee or args.everyone
                    or args.status or args.minutes is not None)
    one_scope = (args.session_number is not None) != bool(args.day)
    one_who = bool(args.trainee) != bool(args.everyone)
    return one_scope and one_who and args.status is not None


def cmd_mark(args: argparse.Namespace) -> int:
    from desktop_app.domain.attendance import AttendanceStatus
    from desktop_app.domain.permissions import Permission

    with opened(args) as office:
        # The account first (a disabled one is told so whatever else is wrong), then the usage.
        office.require(Permission.MARK_ATTENDANCE)
        if not _mark_usage_is_right(args):
            say_problem("cli.attendance.mark_usage")
            return EXIT_USAGE
        if args.unmarked:
            report = office.attendance.mark_unmarked_absent(args.class_code, reason=args.reason)
        else:
            from desktop_app.services.classes import parse_date

            report = office.attendance.mark_trainees(
                args.class_code, status=AttendanceStatus(dict(_STATUSES)[args.status]), reason=args.reason,
                session_number=args.session_number, day=parse_date(args.day) if args.day else None,
                trainee=args.trainee, minutes=args.minutes)
    if args.unmarked and not report.changes:
        say("cli.attendance.unmarked_none")
        return EXIT_OK
    changed = [c for c in report.changes if c.changed]
    if changed:
        headers = zh_or_en(["课次", "学号", "姓名", "原状态", "新状态"], ["Session", "Roll", "Name", "Was", "Now"])
        unmarked = zh_or_en("未考勤", "unmarked")
        lang = language()
        print_table(headers, [
            [f"{c.session_starts_at:%Y-%m-%d %H:%M}", c.roll_no, c.name,
             c.old_status.label(lang) if c.old_status else unmarked, c.new_status.label(lang)]
            for c in changed
        ])
    say("cli.attendance.marked", changed=report.changed, unchanged=report.unchanged, sessions=report.sessions,
        operation=report.operation)
    return EXIT_OK
