"""`skilldesk class …`: create a class with its sessions, list classes, show one, change its status,
assign its teachers."""

from __future__ import annotations

import argparse
import sys

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_USAGE
from desktop_app.cli.opening import opened
from desktop_app.cli.output import language, print_table, say, text, zh_or_en
from desktop_app.domain.class_status import ClassStatus
from desktop_app.domain.occupation_codes import KNOWN_EDITIONS
from desktop_app.domain.schedule import SessionKind, SessionStatus

messages.register(
    {
        "cli.help.class_new": ("新建班级并按课表规则生成课次", "create a class and its sessions"),
        "cli.help.class_list": ("列出班级", "list classes"),
        "cli.help.class_show": ("查看一个班级的课次和状态", "show one class with its sessions and status"),
        "cli.help.class_status": ("变更班级状态（备案、开班、结业……）", "move a class to another status (file, start, complete …)"),
        "cli.help.schedule": ("课表规则，如 mon-fri:am,pm/4;practice=60", "schedule rule, e.g. mon-fri:am,pm/4;practice=60"),
        "cli.help.hours": ("计划总课时（每课时 45 分钟）", "planned total lessons (45 minutes each)"),
        "cli.help.confirm_long": ("确认超过三个月或 300 次课的班级无误", "confirm a class longer than three months or over 300 sessions"),
        "cli.class.confirm_long_hint": ("没有新建班级。日期和安排无误的，请加 --confirm-long 再运行一次。",
                                        "No class was created. If the dates and the schedule are right, run it again with --confirm-long."),
        "cli.class.created": ("已新建班级 {code}“{name}”：{sessions} 次课，共 {lessons} 课时（理论 {theory}，实操 {practice}）。状态：草稿。",
                              "Created class {code} “{name}”: {sessions} sessions, {lessons} lessons ({theory} theory, {practice} practice). Status: draft."),
        "cli.class.warning": ("注意：{message}", "Note: {message}"),
        "cli.class.none": ("没有符合条件的班级。", "No classes match."),
        "cli.class.status_changed": ("班级 {code} 的状态已变为“{status}”。", "Class {code} is now “{status}”."),
        "cli.help.class_assign_teacher": ("安排授课教师：整个班级，或用 --session 指定第几次课",
                                          "assign a teacher to the class, or with --session to one session"),
        "cli.help.class_session_number": ("第几次课（与 class show 列出的序号相同）", "session number as class show lists it"),
        "cli.class.teacher_assigned": ("已安排 {teacher} 为班级 {code} 的授课教师。", "{teacher} now teaches class {code}."),
        "cli.class.session_teacher_assigned": ("已安排 {teacher} 为班级 {code} 第 {number} 次课的授课教师。",
                                               "{teacher} now teaches session {number} of class {code}."),
        "cli.help.class_edit": ("修改班级的培训费和出资方", "change a class's fee and who pays it"),
        "cli.help.fee": ("每名学员的培训费（元），0 表示免费", "the fee per trainee in yuan; 0 means free"),
        "cli.help.paid_by": ("谁出资（谁出资，谁享受补贴）", "who pays the fee (and so receives the subsidy)"),
        "cli.class.edited": ("班级 {code} 已修改：培训费 {fee}，出资方 {paid_by}。", "Class {code} changed: fee {fee}, paid by {paid_by}."),
    }
)

# The statuses a person moves a class to; sealing and the platform's answers set the others.
_STATUSES_SET_BY_HAND = (ClassStatus.DRAFT, ClassStatus.FILED, ClassStatus.IN_TRAINING, ClassStatus.COMPLETED)


def _define_class(klass: argparse.ArgumentParser) -> None:
    class_commands = klass.add_subparsers(dest="class_command", metavar="COMMAND", required=True)
    new = class_commands.add_parser("new", help=text("cli.help.class_new"))
    new.add_argument("--code", required=True)
    new.add_argument("--name", required=True)
    new.add_argument("--occupation", required=True, metavar="CODE")
    new.add_argument("--edition", choices=KNOWN_EDITIONS)
    new.add_argument("--level", required=True)
    new.add_argument("--type", required=True, dest="training_type")
    new.add_argument("--start", required=True)
    new.add_argument("--end", required=True)
    new.add_argument("--hours", type=int, help=text("cli.help.hours"))
    new.add_argument("--online-hours", type=int, default=0)
    new.add_argument("--capacity", type=int, default=50)
    new.add_argument("--location")
    new.add_argument("--project-based", action="store_true")
    new.add_argument("--schedule", help=text("cli.help.schedule"))
    new.add_argument("--confirm-long", action="store_true", help=text("cli.help.confirm_long"))
    _fee_arguments(new)
    new.set_defaults(handler=cmd_new)
    edit = class_commands.add_parser("edit", help=text("cli.help.class_edit"))
    edit.add_argument("code")
    _fee_arguments(edit)
    edit.set_defaults(handler=cmd_edit)
    listing = class_commands.add_parser("list", help=text("cli.help.class_list"))
    listing.add_argument("--search")
    listing.add_argument("--status")
    listing.set_defaults(handler=cmd_list)
    show = class_commands.add_parser("show", help=text("cli.help.class_show"))
    show.add_argument("code")
    show.set_defaults(handler=cmd_show)
    status = class_commands.add_parser("status", help=text("cli.help.class_status"))
    status.add_argument("code")
    status.add_argument("target", choices=[s.value for s in _STATUSES_SET_BY_HAND])
    status.set_defaults(handler=cmd_status)
    assign = class_commands.add_parser("assign-teacher", help=text("cli.help.class_assign_teacher"))
    assign.add_argument("code")
    assign.add_argument("--teacher", required=True, metavar="NAME")
    assign.add_argument("--session", type=int, metavar="N", help=text("cli.help.class_session_number"))
    assign.set_defaults(handler=cmd_assign_teacher)


PARSERS = {"class": _define_class}

_PAYERS = ("trainee", "institution", "enterprise")


def _fee_arguments(parser: argparse.ArgumentParser) -> None:
    # Checked by the service (a clear message naming the value and the choices), not by argparse.
    parser.add_argument("--fee", metavar="YUAN", help=text("cli.help.fee"))
    parser.add_argument("--paid-by", metavar="|".join(_PAYERS), help=text("cli.help.paid_by"))


def _fee_words(detail) -> tuple[str, str]:
    from desktop_app.domain.subsidy import Payer, yuan

    fee = "—" if detail.fee_fen is None else zh_or_en(f"{yuan(detail.fee_fen)} 元", f"{yuan(detail.fee_fen)} yuan")
    paid_by = "—" if detail.paid_by is None else Payer(detail.paid_by).label(language())
    return fee, paid_by


def _schedule_warnings(detail) -> None:
    for problem in detail.schedule_problems:
        say("cli.class.warning", message=problem.message())


def cmd_new(args: argparse.Namespace) -> int:
    from desktop_app.domain.schedule import parse_schedule_spec
    from desktop_app.services.classes import ClassDraft, parse_date, parse_fee

    draft = ClassDraft(
        code=args.code, name=args.name, occupation_code=args.occupation, occupation_edition=args.edition,
        level=args.level, training_type=args.training_type, start_date=parse_date(args.start),
        end_date=parse_date(args.end), capacity=args.capacity, location=args.location,
        project_based=args.project_based, planned_lessons=args.hours, online_lessons=args.online_hours,
        schedule=parse_schedule_spec(args.schedule), confirm_long=args.confirm_long, fee_fen=parse_fee(args.fee),
        paid_by=args.paid_by,
    )
    from desktop_app.services.classes import LongClassUnconfirmed

    with opened(args) as office:
        try:
            detail = office.classes.create(draft)
        except LongClassUnconfirmed as unusual:
            print(unusual.message(), file=sys.stderr)
            print(text("cli.class.confirm_long_hint"), file=sys.stderr)
            return EXIT_USAGE
    active = [s for s in detail.sessions if s.status != SessionStatus.CANCELLED]
    say("cli.class.created", code=detail.row.code, name=detail.row.name, sessions=len(active),
        lessons=detail.planned_theory_lessons + detail.planned_practice_lessons,
        theory=detail.planned_theory_lessons, practice=detail.planned_practice_lessons)
    _schedule_warnings(detail)
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from desktop_app.services.classes import parse_fee

    fee_fen = parse_fee(args.fee)
    with opened(args) as office:
        detail = office.classes.update(args.code, fee_fen=fee_fen, paid_by=args.paid_by)
    fee, paid_by = _fee_words(detail)
    say("cli.class.edited", code=detail.row.code, fee=fee, paid_by=paid_by)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as office:
        rows = office.classes.list(search=args.search, status=args.status)
    if not rows:
        say("cli.class.none")
        return EXIT_OK
    headers = zh_or_en(["编号", "名称", "职业", "等级", "起止日期", "人数", "状态"],
                       ["Code", "Name", "Occupation", "Level", "Dates", "Trainees", "Status"])
    print_table(headers, [
        [r.code, r.name, r.occupation, r.level_label, f"{r.start_date}～{r.end_date}", f"{r.enrolled}/{r.capacity}",
         r.status.label(language())]
        for r in rows
    ])
    return EXIT_OK


def _weekday(moment) -> str:
    return zh_or_en("周" + "一二三四五六日"[moment.weekday()], "Mon Tue Wed Thu Fri Sat Sun".split()[moment.weekday()])


def _session_kind(kind: str) -> str:
    # In Chinese in both languages, as this table has always printed it (scripts read it).
    return SessionKind(kind).label_zh


def _session_status(status: str) -> str:
    # Only a cancelled session is marked (in Chinese, as always); a planned one is the normal case.
    return SessionStatus(status).label_zh if status == SessionStatus.CANCELLED else ""


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as office:
        detail = office.classes.get(args.code)
    r = detail.row
    lines = [
        (("班级", "Class"), f"{r.code}  {r.name}"),
        (("职业", "Occupation"), f"{r.occupation}（{detail.occupation_code}，{detail.occupation_edition}）  {r.level_label}"),
        (("培训类型", "Type"), r.training_type + ("（项目制）" if r.project_based else "")),
        (("起止日期", "Dates"), f"{r.start_date} ～ {r.end_date}"),
        (("人数", "Trainees"), f"{r.enrolled}/{r.capacity}"),
        (("地点", "Location"), detail.location or "—"),
        (("教师", "Teachers"), "、".join(detail.teachers) or "—"),
        (("课时", "Lessons"), f"{detail.planned_theory_lessons + detail.planned_practice_lessons}"
                             f"（理论 {detail.planned_theory_lessons}，实操 {detail.planned_practice_lessons}，线上 {detail.planned_online_lessons}）"),
        (("政策", "Policy"), f"{detail.policy_name}（{detail.policy_code}）"),
        (("培训费", "Fee"), "，".join(_fee_words(detail))),
        (("状态", "Status"), r.status.label(language())),
    ]
    for label, value in lines:
        print(f"{zh_or_en(*label)}：{value}")
    _schedule_warnings(detail)
    print_table(["#", *zh_or_en(["日期", "时间", "类型", "课时", "状态"], ["Date", "Time", "Kind", "Lessons", "Status"])], [
        [i, f"{s.starts_at:%Y-%m-%d} {_weekday(s.starts_at)}", f"{s.starts_at:%H:%M}-{s.ends_at:%H:%M}",
         _session_kind(s.kind), s.lessons, _session_status(s.status)]
        for i, s in enumerate(detail.sessions, start=1)
    ])
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    with opened(args) as office:
        detail = office.classes.change_status(args.code, args.target)
    # The status in Chinese in both languages, as this line has always printed it.
    say("cli.class.status_changed", code=detail.row.code, status=detail.row.status.label_zh)
    return EXIT_OK


def cmd_assign_teacher(args: argparse.Namespace) -> int:
    with opened(args) as office:
        teacher = office.teachers.assign(args.code, args.teacher, session_number=args.session)
    if args.session is None:
        say("cli.class.teacher_assigned", teacher=teacher.name, code=args.code.strip())
    else:
        say("cli.class.session_teacher_assigned", teacher=teacher.name, code=args.code.strip(), number=args.session)
    return EXIT_OK
