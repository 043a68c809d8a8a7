"""The `skilldesk` command line: the same services as the window, for administrators and scripts.

Exit codes (see ../shared/CLI.md; README "Command line"): 0 success, 1 unexpected failure, 2 bad usage or unreadable input
(nothing changed), 3 done but some rows or records were rejected.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from desktop_app import __version__, messages
from desktop_app.config import Settings, load_settings

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3

PAGES = ("classes", "trainees", "attendance", "certificates", "sync", "audit", "reports", "settings")

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
        "cli.help.class_group": ("班级：新建、列表、查看、变更状态", "classes: new, list, show, change status"),
        "cli.help.class_new": ("新建班级并按课表规则生成课次", "create a class and its sessions"),
        "cli.help.class_list": ("列出班级", "list classes"),
        "cli.help.class_show": ("查看一个班级的课次和状态", "show one class with its sessions and status"),
        "cli.help.class_status": ("变更班级状态（备案、开班、结业……）", "move a class to another status (file, start, complete …)"),
        "cli.help.schedule": ("课表规则，如 mon-fri:am,pm/4;practice=60", "schedule rule, e.g. mon-fri:am,pm/4;practice=60"),
        "cli.help.hours": ("计划总课时（每课时 45 分钟）", "planned total lessons (45 minutes each)"),
        "cli.help.roster_group": ("花名册：模板、导入、导出", "roster: template, import, export"),
        "cli.help.roster_template": ("生成花名册模板（身份证号列为文本格式）", "write the roster template"),
        "cli.help.roster_import": ("从 Excel 导入学员并报名", "enrol trainees from a workbook"),
        "cli.help.roster_errors": ("把未导入的行写入这个错误工作簿", "write rejected rows to this workbook"),
        "cli.help.roster_export": ("导出班级花名册（含完整个人信息，会记入审计日志）", "export the roster (full personal data; audited)"),
        "cli.help.trainee_group": ("学员：查找", "trainees: search"),
        "cli.help.trainee_search": ("按姓名、身份证号或尾号查找学员", "find trainees by name, identity number or its last 4"),
        "cli.class.created": ("已新建班级 {code}“{name}”：{sessions} 次课，共 {lessons} 课时（理论 {theory}，实操 {practice}）。状态：草稿。",
                              "Created class {code} “{name}”: {sessions} sessions, {lessons} lessons ({theory} theory, {practice} practice). Status: draft."),
        "cli.class.warning": ("注意：{message}", "Note: {message}"),
        "cli.class.none": ("没有符合条件的班级。", "No classes match."),
        "cli.class.status_changed": ("班级 {code} 的状态已变为“{status}”。", "Class {code} is now “{status}”."),
        "cli.roster.template_written": ("已生成花名册模板：{path}", "Roster template written: {path}"),
        "cli.roster.summary": (
            "导入 {file} 到班级 {code}：共 {rows} 行；报名 {enrolled} 人（其中不享受补贴 {without}）；已在班中 {already} 人；未导入 {rejected} 行。",
            "Imported {file} into class {code}: {rows} rows; {enrolled} enrolled ({without} without subsidy); {already} already in the class; {rejected} rows rejected.",
        ),
        "cli.roster.row_rejected": ("  第 {row} 行 {name}：{reasons}", "  Row {row} {name}: {reasons}"),
        "cli.roster.row_unsubsidised": ("  第 {row} 行 {name} 已报名但不享受补贴：{reasons}", "  Row {row} {name} enrolled without subsidy: {reasons}"),
        "cli.roster.errors_written": ("未导入的 {count} 行已写入 {path}，改正后可直接重新导入该文件。",
                                      "The {count} rejected rows were written to {path}; fix them and import that file."),
        "cli.roster.exported": ("已导出 {count} 名学员到 {path}（含完整个人信息，已记入审计日志，请妥善保管）。",
                                "Exported {count} trainees to {path} (full personal data; logged — keep the file safe)."),
        "cli.trainee.none": ("没有找到学员。", "No trainees found."),
        "cli.help.attendance_group": ("考勤：导入、汇总、签到表", "attendance: import, summary, sign-in sheets"),
        "cli.help.attendance_import": ("导入考勤机打卡记录或线上学时（xlsx 或 csv）", "import attendance-machine punches or online hours (xlsx or csv)"),
        "cli.help.attendance_summary": ("每名学员的出勤课时、线上学时、出勤率和结业资格", "per trainee: hours, online hours, rate, completion eligibility"),
        "cli.help.attendance_sheet": ("打印用的签到表（PDF）", "printable sign-in sheets (PDF)"),
        "cli.help.per_day": ("每天一页（默认每次课一页）", "one page per day (default: one per session)"),
        "cli.attendance.found_punches": ("文件 {file} 是考勤机打卡记录：{rows} 行，写入 {marks} 条考勤。", "{file} holds attendance-machine punches: {rows} rows, {marks} marks written."),
        "cli.attendance.found_online": ("文件 {file} 是线上学时记录：{rows} 行，计入 {records} 条。", "{file} holds online-learning hours: {rows} rows, {records} records added."),
        "cli.attendance.problem": ("  未导入：{message}", "  Not imported: {message}"),
        "cli.attendance.warning": ("  提示：{message}", "  Note: {message}"),
        "cli.attendance.summary_written": ("考勤汇总已写入 {path}。", "Attendance summary written to {path}."),
        "cli.attendance.sheet_written": ("签到表已写入 {path}（{pages} 页）。", "Sign-in sheets written to {path} ({pages} pages)."),
        "cli.help.assessment_group": ("考核：导入成绩", "assessment: import results"),
        "cli.help.assessment_import": ("从 Excel 导入理论、实操成绩和考核结果", "import theory/practical scores and results"),
        "cli.help.certificates_group": ("证书：发放、打印、验证", "certificates: issue, print, verify"),
        "cli.help.certificates_issue": ("给符合条件的学员编号并发放培训合格证书", "number and issue certificates to eligible trainees"),
        "cli.help.certificates_pdf": ("把本班证书输出为一个 PDF（补打与首次打印完全一致）", "the class's certificates as one PDF (reprints are byte-identical)"),
        "cli.help.certificates_zip": ("每人一个 PDF，打包为 zip", "one PDF per trainee, in a zip"),
        "cli.help.certificates_verify": ("离线验证证书二维码内容", "verify a certificate QR payload offline"),
        "cli.help.certificates_void": ("作废证书（须填原因）", "void a certificate (reason required)"),
        "cli.help.certificates_reissue": ("补发证书：作废原证书并发新编号（须填原因）", "reissue: void and issue a new number (reason required)"),
        "cli.help.certificates_external": ("登记外部颁发的证书（职业技能等级证书等）的编号", "record an externally issued certificate's number"),
        "cli.certificates.external_recorded": ("已为 {name} 登记{kind} {number}。", "Recorded {kind} {number} for {name}."),
        "cli.help.keys_group": ("本机签名密钥", "this device's signing key"),
        "cli.help.keys_export": ("导出本机公钥（PEM）", "export the device's public key (PEM)"),
        "cli.assessment.done": ("已导入 {recorded} 条考核结果（共 {rows} 行）。", "Recorded {recorded} results ({rows} rows)."),
        "cli.certificates.issued": ("已发放 {count} 张证书：{numbers}", "Issued {count} certificates: {numbers}"),
        "cli.certificates.already": ("{count} 人此前已发证，未重复发放。", "{count} already had a certificate; none issued twice."),
        "cli.certificates.not_eligible": ("  未发证：{reasons}", "  Not issued: {reasons}"),
        "cli.certificates.pdf_written": ("已输出 {pages} 张证书到 {path}。", "Wrote {pages} certificates to {path}."),
        "cli.certificates.voided": ("证书 {number} 已作废。", "Certificate {number} is void."),
        "cli.certificates.reissued": ("已补发证书 {number}（原证书 {old} 已作废）。", "Reissued as {number} ({old} is void)."),
        "cli.keys.exported": ("本机公钥（密钥编号 {key}）已写入 {path}。", "Public key {key} written to {path}."),
        "cli.unexpected": (
            "发生了意外错误，操作没有完成。详细信息已写入日志文件 {log}，请把该文件发给技术支持。",
            "An unexpected error stopped the operation. Details were written to {log}; please send that file to support.",
        ),
    }
)

log = logging.getLogger("skilldesk")


def _t(code: str, /, **params: object) -> str:
    return messages.render(code, **params)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skilldesk", description=_t("cli.description"))
    parser.add_argument("--version", action="version", version=f"SkillDesk {__version__}")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--db", metavar="PATH", help=_t("cli.help.db"))
    target.add_argument("--database-url", metavar="URL", help=_t("cli.help.database_url"))
    parser.add_argument("--lang", choices=messages.LANGUAGES, help=_t("cli.help.lang"))
    parser.add_argument("--user", metavar="NAME", help=_t("cli.help.user"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_account_commands(commands)
    _add_platform_commands(commands)

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
    backup = db_commands.add_parser("backup", help=_t("cli.help.db_backup"), description=_t("cli.help.db_backup"))
    backup.add_argument("file", nargs="?", type=Path, metavar="FILE", help=_t("cli.help.backup_file"))
    backup.set_defaults(handler=cmd_db_backup)
    restore = db_commands.add_parser("restore", help=_t("cli.help.db_restore"), description=_t("cli.help.db_restore"))
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--force", action="store_true", help=_t("cli.help.restore_force"))
    restore.set_defaults(handler=cmd_db_restore)
    audit_group = commands.add_parser("audit", help=_t("cli.help.audit_group"))
    audit_commands = audit_group.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)
    audit_commands.add_parser("verify", help=_t("cli.help.audit_verify")).set_defaults(handler=cmd_audit_verify)
    audit_export = audit_commands.add_parser("export", help=_t("cli.help.audit_export"))
    audit_export.add_argument("file", metavar="FILE.xlsx|FILE.csv", type=Path)
    audit_export.add_argument("--user-name", metavar="U", help=_t("cli.help.audit_user"))
    audit_export.add_argument("--class", dest="class_code", metavar="C", help=_t("cli.help.audit_class"))
    audit_export.add_argument("--from", dest="date_from", metavar="DATE", help=_t("cli.help.audit_from"))
    audit_export.add_argument("--to", dest="date_to", metavar="DATE", help=_t("cli.help.audit_to"))
    audit_export.set_defaults(handler=cmd_audit_export)
    klass = commands.add_parser("class", help=_t("cli.help.class_group"))
    class_commands = klass.add_subparsers(dest="class_command", metavar="COMMAND", required=True)
    new = class_commands.add_parser("new", help=_t("cli.help.class_new"))
    new.add_argument("--code", required=True)
    new.add_argument("--name", required=True)
    new.add_argument("--occupation", required=True, metavar="CODE")
    new.add_argument("--edition", choices=("2015", "2022"))
    new.add_argument("--level", required=True)
    new.add_argument("--type", required=True, dest="training_type")
    new.add_argument("--start", required=True)
    new.add_argument("--end", required=True)
    new.add_argument("--hours", type=int, help=_t("cli.help.hours"))
    new.add_argument("--online-hours", type=int, default=0)
    new.add_argument("--capacity", type=int, default=50)
    new.add_argument("--location")
    new.add_argument("--project-based", action="store_true")
    new.add_argument("--schedule", help=_t("cli.help.schedule"))
    new.set_defaults(handler=cmd_class_new)
    listing = class_commands.add_parser("list", help=_t("cli.help.class_list"))
    listing.add_argument("--search")
    listing.add_argument("--status")
    listing.set_defaults(handler=cmd_class_list)
    show = class_commands.add_parser("show", help=_t("cli.help.class_show"))
    show.add_argument("code")
    show.set_defaults(handler=cmd_class_show)
    status = class_commands.add_parser("status", help=_t("cli.help.class_status"))
    status.add_argument("code")
    status.add_argument("target", choices=("draft", "filed", "in_training", "completed"))
    status.set_defaults(handler=cmd_class_status)

    roster = commands.add_parser("roster", help=_t("cli.help.roster_group"))
    roster_commands = roster.add_subparsers(dest="roster_command", metavar="COMMAND", required=True)
    template = roster_commands.add_parser("template", help=_t("cli.help.roster_template"))
    template.add_argument("file", type=Path)
    template.set_defaults(handler=cmd_roster_template)
    importing = roster_commands.add_parser("import", help=_t("cli.help.roster_import"))
    importing.add_argument("--class", dest="class_code", required=True)
    importing.add_argument("file", type=Path)
    importing.add_argument("--errors", type=Path, help=_t("cli.help.roster_errors"))
    importing.set_defaults(handler=cmd_roster_import)
    exporting = roster_commands.add_parser("export", help=_t("cli.help.roster_export"))
    exporting.add_argument("--class", dest="class_code", required=True)
    exporting.add_argument("file", type=Path)
    exporting.set_defaults(handler=cmd_roster_export)

    attendance = commands.add_parser("attendance", help=_t("cli.help.attendance_group"))
    attendance_commands = attendance.add_subparsers(dest="attendance_command", metavar="COMMAND", required=True)
    attendance_import = attendance_commands.add_parser("import", help=_t("cli.help.attendance_import"))
    attendance_import.add_argument("--class", dest="class_code", required=True)
    attendance_import.add_argument("file", type=Path)
    attendance_import.set_defaults(handler=cmd_attendance_import)
    summary = attendance_commands.add_parser("summary", help=_t("cli.help.attendance_summary"))
    summary.add_argument("--class", dest="class_code", required=True)
    summary.add_argument("--out", type=Path)
    summary.set_defaults(handler=cmd_attendance_summary)
    sheet = attendance_commands.add_parser("sheet", help=_t("cli.help.attendance_sheet"))
    sheet.add_argument("--class", dest="class_code", required=True)
    sheet.add_argument("--out", type=Path, required=True)
    sheet.add_argument("--per-day", action="store_true", help=_t("cli.help.per_day"))
    sheet.set_defaults(handler=cmd_attendance_sheet)

    assessment = commands.add_parser("assessment", help=_t("cli.help.assessment_group"))
    assessment_commands = assessment.add_subparsers(dest="assessment_command", metavar="COMMAND", required=True)
    assessment_import = assessment_commands.add_parser("import", help=_t("cli.help.assessment_import"))
    assessment_import.add_argument("--class", dest="class_code", required=True)
    assessment_import.add_argument("file", type=Path)
    assessment_import.set_defaults(handler=cmd_assessment_import)

    certificates = commands.add_parser("certificates", help=_t("cli.help.certificates_group"))
    certificate_commands = certificates.add_subparsers(dest="certificates_command", metavar="COMMAND", required=True)
    issue = certificate_commands.add_parser("issue", help=_t("cli.help.certificates_issue"))
    issue.add_argument("--class", dest="class_code", required=True)
    issue.set_defaults(handler=cmd_certificates_issue)
    pdf = certificate_commands.add_parser("pdf", help=_t("cli.help.certificates_pdf"))
    pdf.add_argument("--class", dest="class_code", required=True)
    pdf.add_argument("--out", type=Path, required=True)
    pdf.add_argument("--zip", action="store_true", help=_t("cli.help.certificates_zip"))
    pdf.set_defaults(handler=cmd_certificates_pdf)
    verify = certificate_commands.add_parser("verify", help=_t("cli.help.certificates_verify"))
    verify.add_argument("text")
    verify.set_defaults(handler=cmd_certificates_verify)
    void = certificate_commands.add_parser("void", help=_t("cli.help.certificates_void"))
    void.add_argument("number")
    void.add_argument("--reason", required=True)
    void.set_defaults(handler=cmd_certificates_void)
    reissue = certificate_commands.add_parser("reissue", help=_t("cli.help.certificates_reissue"))
    reissue.add_argument("number")
    reissue.add_argument("--reason", required=True)
    reissue.set_defaults(handler=cmd_certificates_reissue)

    external = certificate_commands.add_parser("record-external", help=_t("cli.help.certificates_external"))
    external.add_argument("--trainee", required=True, metavar="ID_NUMBER")
    external.add_argument("--kind", required=True,
                          choices=("skill_level", "vocational_qualification", "special_ability", "special_operation"))
    external.add_argument("--number", required=True)
    external.add_argument("--issued", required=True, metavar="DATE")
    external.set_defaults(handler=cmd_certificates_record_external)

    keys = commands.add_parser("keys", help=_t("cli.help.keys_group"))
    key_commands = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)
    export_public = key_commands.add_parser("export-public", help=_t("cli.help.keys_export"))
    export_public.add_argument("file", type=Path)
    export_public.set_defaults(handler=cmd_keys_export_public)
    key_commands.add_parser("rotate", help=_t("cli.help.keys_rotate")).set_defaults(handler=cmd_keys_rotate)

    trainee = commands.add_parser("trainee", help=_t("cli.help.trainee_group"))
    trainee_commands = trainee.add_subparsers(dest="trainee_command", metavar="COMMAND", required=True)
    search = trainee_commands.add_parser("search", help=_t("cli.help.trainee_search"))
    search.add_argument("query")
    search.set_defaults(handler=cmd_trainee_search)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(db_path=args.db, database_url=args.database_url, language=args.lang)


@contextmanager
def _opened(args: argparse.Namespace):
    """The database named by the global options, opened (created, migrated) and closed again."""
    from desktop_app.bootstrap import open_office

    office = open_office(settings_from(args))
    try:
        if getattr(args, "user", None):
            password = _password_from_environment_or_prompt("SKILLDESK_PASSWORD", "cli.prompt.password", user=args.user)
            office.accounts.sign_in(args.user, password)
        yield office
    finally:
        office.close()


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.app import run_gui

    return run_gui(settings_from(args), page=args.page, screenshot=args.screenshot)


def cmd_demo(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        summary = office.demo.fill()
    print(_t("cli.demo.done", classes=summary.classes, trainees=summary.trainees, sessions=summary.sessions,
             marks=summary.marks))
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        opened = office.opened
        head = opened.revision
        if opened.created:
            print(_t("cli.db.created", database=office.database_name, after=head))
        elif opened.migrated_from != head:
            print(_t("cli.db.upgraded", database=office.database_name, before=opened.migrated_from, after=head))
        else:
            print(_t("cli.db.current", database=office.database_name, after=head))
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.check_database()
    if report.ok:
        print(_t("cli.db.check_ok", database=office.database_name, revision=report.revision))
        return EXIT_OK
    print(_t("cli.db.check_failed", database=office.database_name, count=len(report.problems)))
    for problem in report.problems:
        print(f"  - {problem.message()}")
    return EXIT_PARTIAL


messages.register(
    {
        "cli.help.db_backup": (
            "在线备份 SQLite 数据库（使用中也可备份）。注意：个人信息的加密密钥不在数据库里，请同时备份密钥文件夹",
            "online backup of the SQLite database (works while it is in use). The personal-data encryption key "
            "is not inside the database: back up the key folder too",
        ),
        "cli.help.backup_file": ("备份文件名或文件夹（默认：数据文件夹下的 backups）",
                                 "backup file or folder (default: backups in the data folder)"),
        "cli.help.db_restore": (
            "从备份恢复数据库（不会覆盖更新的数据库，除非加 --force；恢复前先备份当前数据库）",
            "restore a backup (never over a newer database without --force; the current one is backed up first)",
        ),
        "cli.help.restore_force": ("即使备份比当前数据库旧、或来自另一个安装，也恢复",
                                   "restore even if the backup is older or comes from another installation"),
        "cli.help.audit_group": ("审计日志", "audit log"),
        "cli.help.audit_verify": ("校验防篡改的审计日志链；发现问题时退出码为 3，并指出第一处",
                                  "check the tamper-evident audit chain; exit 3 naming the first broken entry"),
        "cli.db.backup_done": ("已备份数据库到 {path}（{size}，结构版本 {revision}，已通过完整性检查）。",
                               "Database backed up to {path} ({size}, schema {revision}, integrity checked)."),
        "cli.db.backup_key": (
            "请注意：个人信息的加密密钥不在备份里。请把密钥文件夹 {keys}（其中的 {key}）与备份一起保存，"
            "否则恢复后无法读取身份证号等个人信息。",
            "Remember: the personal-data encryption key is not in the backup. Keep the key folder {keys} (file "
            "{key}) with the backup, or identity numbers and other personal data cannot be read after a restore.",
        ),
        "cli.db.restored": ("已用备份 {backup} 恢复数据库 {database}（结构版本 {revision}，备份中最后一次操作在 {newest}）。",
                            "Database {database} restored from {backup} (schema {revision}; last recorded action {newest})."),
        "cli.db.restore_forced": ("注意：{reason}。", "Note: {reason}."),
        "cli.db.restore_undo": ("恢复前的数据库已另存为 {path}；如需撤销，运行 skilldesk db restore 该文件 --force。",
                                "The database as it was before is kept as {path}; to undo, run skilldesk db restore "
                                "with that file and --force."),
        "cli.db.restore_kept_damaged": ("被替换的已损坏数据库文件已原样保存为 {path}。",
                                        "The damaged database file that was replaced is kept, unchanged, as {path}."),
        "cli.db.restore_key_missing": (
            "注意：密钥文件夹 {keys} 中没有这份数据的密钥 {key}。请把与备份一起保存的密钥文件复制到该文件夹，再打开 SkillDesk。",
            "Note: the key folder {keys} has no key {key} for this data. Copy the key file kept with the backup "
            "into that folder, then open SkillDesk.",
        ),
    }
)


def cmd_db_backup(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with _office_for_database_files(args) as office:
        if office is not None:
            info = office.backups.backup(args.file, data_dir=settings.data_dir)
    if office is None:
        # Nothing that opens (no file, or a damaged one): the file is copied as it is, or refused.
        from desktop_app.services.backups import backup_database
        from desktop_app.store.engine import Database

        db = Database(settings.database_url)
        try:
            info = backup_database(db, args.file, settings_data_dir=settings.data_dir, reason="manual")
        finally:
            db.dispose()
    print(_t("cli.db.backup_done", path=info.path, size=_file_size(info.bytes), revision=info.revision or "—"))
    print(_t("cli.db.backup_key", keys=settings.key_dir, key=f"{info.installation_id}.key"))
    return EXIT_OK


def cmd_db_restore(args: argparse.Namespace) -> int:
    from desktop_app.domain.permissions import Permission
    from desktop_app.services.backups import backup_folder, ensure_sqlite, local_time_text, restore_database
    from desktop_app.store.engine import Database

    with _office_for_database_files(args) as office:
        if office is not None:
            office.require(Permission.BACKUP_RESTORE)
    # Restoring replaces the database file, so it happens with the office closed, below it.
    settings = settings_from(args)
    db = Database(settings.database_url)
    try:
        path = ensure_sqlite(db)
    finally:
        db.dispose()
    info = restore_database(path, args.file, force=args.force, backups_folder=backup_folder(settings.data_dir),
                            key_dir=settings.key_dir)
    print(_t("cli.db.restored", backup=info.source, database=path.name, revision=info.revision,
             newest=local_time_text(info.newest_entry_at) if info.newest_entry_at else "—"))
    for problem in info.overridden:
        print(_t("cli.db.restore_forced", reason=problem.message()))
    if info.before_restore is not None:
        kept = "cli.db.restore_kept_damaged" if info.replaced_damaged else "cli.db.restore_undo"
        print(_t(kept, path=info.before_restore.path))
    if info.key_missing is not None:
        print(_t("cli.db.restore_key_missing", keys=info.key_missing.parent, key=info.key_missing.name),
              file=sys.stderr)
        return EXIT_OK
    with _opened(args) as office:  # migrates an older backup to this version, and proves its key
        office.backups.record_restore(info)
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.audit.verify()
    print(report.message())
    return EXIT_OK if report.ok else EXIT_PARTIAL


messages.register(
    {
        "cli.help.audit_export": ("把审计日志导出为 Excel（.xlsx）或 CSV 文件（导出本身也记入审计日志）",
                                  "export the audit log to an Excel (.xlsx) or CSV file (the export is audited)"),
        "cli.help.audit_user": ("只导出此账号的操作（登录名或姓名）", "only this account's actions (login or display name)"),
        "cli.help.audit_class": ("只导出此班级的操作（班级编号）", "only actions on this class (class code)"),
        "cli.help.audit_from": ("起始日期（含），如 2026-03-01（北京时间）", "first day (included), e.g. 2026-03-01 (China time)"),
        "cli.help.audit_to": ("截止日期（含）", "last day (included)"),
        "cli.audit.exported": ("已导出 {rows} 条审计记录到 {path}。", "Exported {rows} audit entries to {path}."),
    }
)


def cmd_audit_export(args: argparse.Namespace) -> int:
    from desktop_app.services.classes import parse_date
    from desktop_app.services.office import AuditFilter

    date_from = parse_date(args.date_from) if args.date_from else None
    date_to = parse_date(args.date_to) if args.date_to else None
    with _opened(args) as office:
        user_id = office.audit.find_user_id(args.user_name) if args.user_name else None
        result = office.audit.export(args.file,
                                     AuditFilter(user_id=user_id, class_code=args.class_code, date_from=date_from,
                                                 date_to=date_to))
    print(_t("cli.audit.exported", rows=result.rows, path=result.path))
    return EXIT_OK


def _file_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Columns padded by display width, so Chinese (two cells wide) lines up in a console."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    table = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(width(r[i]) for r in table) for i in range(len(headers))]
    for row in table:
        print("  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip())


def cmd_class_new(args: argparse.Namespace) -> int:
    from desktop_app.domain.schedule import parse_schedule_spec
    from desktop_app.services.classes import ClassDraft, parse_date

    draft = ClassDraft(
        code=args.code, name=args.name, occupation_code=args.occupation, occupation_edition=args.edition,
        level=args.level, training_type=args.training_type, start_date=parse_date(args.start),
        end_date=parse_date(args.end), capacity=args.capacity, location=args.location,
        project_based=args.project_based, planned_lessons=args.hours, online_lessons=args.online_hours,
        schedule=parse_schedule_spec(args.schedule),
    )
    with _opened(args) as office:
        detail = office.classes.create(draft)
    active = [s for s in detail.sessions if s.status != "cancelled"]
    print(_t("cli.class.created", code=detail.row.code, name=detail.row.name, sessions=len(active),
             lessons=detail.planned_theory_lessons + detail.planned_practice_lessons,
             theory=detail.planned_theory_lessons, practice=detail.planned_practice_lessons))
    for problem in detail.schedule_problems:
        print(_t("cli.class.warning", message=problem.message()))
    return EXIT_OK


def cmd_class_list(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        rows = office.classes.list(search=args.search, status=args.status)
    if not rows:
        print(_t("cli.class.none"))
        return EXIT_OK
    en = messages.current_language() == "en"
    headers = (["Code", "Name", "Occupation", "Level", "Dates", "Trainees", "Status"] if en else
               ["编号", "名称", "职业", "等级", "起止日期", "人数", "状态"])
    _print_table(headers, [
        [r.code, r.name, r.occupation, r.level_label, f"{r.start_date}～{r.end_date}", f"{r.enrolled}/{r.capacity}",
         r.status.label_en if en else r.status.label_zh]
        for r in rows
    ])
    return EXIT_OK


def cmd_class_show(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        detail = office.classes.get(args.code)
    r = detail.row
    en = messages.current_language() == "en"
    lines = [
        (("Class", "班级"), f"{r.code}  {r.name}"),
        (("Occupation", "职业"), f"{r.occupation}（{detail.occupation_code}，{detail.occupation_edition}）  {r.level_label}"),
        (("Type", "培训类型"), r.training_type + ("（项目制）" if r.project_based else "")),
        (("Dates", "起止日期"), f"{r.start_date} ～ {r.end_date}"),
        (("Trainees", "人数"), f"{r.enrolled}/{r.capacity}"),
        (("Location", "地点"), detail.location or "—"),
        (("Teachers", "教师"), "、".join(detail.teachers) or "—"),
        (("Lessons", "课时"), f"{detail.planned_theory_lessons + detail.planned_practice_lessons}"
                             f"（理论 {detail.planned_theory_lessons}，实操 {detail.planned_practice_lessons}，线上 {detail.planned_online_lessons}）"),
        (("Policy", "政策"), f"{detail.policy_name}（{detail.policy_code}）"),
        (("Status", "状态"), (r.status.label_en if en else r.status.label_zh)),
    ]
    for (label_en, label_zh), value in lines:
        print(f"{label_en if en else label_zh}：{value}")
    for problem in detail.schedule_problems:
        print(_t("cli.class.warning", message=problem.message()))
    _print_table(["#", "Date" if en else "日期", "Time" if en else "时间", "Kind" if en else "类型",
                  "Lessons" if en else "课时", "Status" if en else "状态"], [
        [i, f"{s.starts_at:%Y-%m-%d} " + ("Mon Tue Wed Thu Fri Sat Sun".split()[s.starts_at.weekday()] if en
                                          else "周" + "一二三四五六日"[s.starts_at.weekday()]),
         f"{s.starts_at:%H:%M}-{s.ends_at:%H:%M}",
         {"theory": "理论", "practice": "实操"}.get(s.kind, s.kind), s.lessons,
         {"planned": "", "cancelled": "已取消"}.get(s.status, s.status)]
        for i, s in enumerate(detail.sessions, start=1)
    ])
    return EXIT_OK


def cmd_class_status(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        detail = office.classes.change_status(args.code, args.target)
    print(_t("cli.class.status_changed", code=detail.row.code, status=detail.row.status.label_zh))
    return EXIT_OK


def cmd_roster_template(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        office.roster.write_template(args.file)
    print(_t("cli.roster.template_written", path=args.file))
    return EXIT_OK


def cmd_roster_import(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.roster.import_workbook(args.class_code, args.file)
    print(_t("cli.roster.summary", file=args.file.name, code=report.class_code, rows=len(report.outcomes),
             enrolled=report.enrolled, without=report.count("enrolled_without_subsidy"),
             already=report.count("already_enrolled"), rejected=len(report.rejected)))
    for outcome in report.outcomes:
        if outcome.status == "enrolled_without_subsidy":
            print(_t("cli.roster.row_unsubsidised", row=outcome.row_number, name=outcome.name,
                     reasons="；".join(w.message() for w in outcome.warnings)))
    for outcome in report.rejected:
        print(_t("cli.roster.row_rejected", row=outcome.row_number, name=outcome.name or "—",
                 reasons=outcome.reasons_text()))
    if report.rejected and args.errors:
        count = report.write_rejected_rows(args.errors)
        print(_t("cli.roster.errors_written", count=count, path=args.errors))
    return EXIT_PARTIAL if report.rejected else EXIT_OK


def cmd_roster_export(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        count = office.roster.export(args.class_code, args.file)
    print(_t("cli.roster.exported", count=count, path=args.file))
    return EXIT_OK


def cmd_attendance_import(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.attendance.import_file(args.class_code, args.file)
    if report.kind == "online":
        print(_t("cli.attendance.found_online", file=args.file.name, rows=report.rows, records=report.online_records))
    else:
        print(_t("cli.attendance.found_punches", file=args.file.name, rows=report.rows, marks=report.marks_written))
    for warning in report.warnings:
        print(_t("cli.attendance.warning", message=warning.message()))
    for problem in report.problems:
        print(_t("cli.attendance.problem", message=problem.message()))
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_attendance_summary(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        rows = office.attendance.summary(args.class_code, as_of=datetime.now(timezone.utc))
    en = messages.current_language() == "en"
    headers = (["Roll", "Name", "ID", "Attended", "Online credited", "Total", "Rate", "Eligible", "Why not"] if en else
               ["学号", "姓名", "证件号码", "出勤课时", "线上计入", "合计课时", "出勤率", "结业资格", "原因"])
    _print_table(headers, [
        [r.roll_no, r.name, r.id_masked, r.attendance.attended_lessons, r.attendance.online_credited_lessons,
         r.attendance.total_lessons, f"{r.attendance.rate_percent}%",
         _eligibility_label(r, en), "；".join(p.message() for p in r.shown_reasons)]
        for r in rows
    ])
    if args.out:
        from desktop_app.services.attendance import write_summary_workbook

        write_summary_workbook(rows, args.out, title=f"{args.class_code} 考勤汇总")
        print(_t("cli.attendance.summary_written", path=args.out))
    return EXIT_OK


def _eligibility_label(row, en: bool) -> str:
    if row.in_progress:
        if row.attendance.at_risk:
            return "at risk" if en else "有风险"
        return "in training" if en else "培训中"
    if row.attendance.eligible:
        return "yes" if en else "符合"
    return "no" if en else "不符合"


def cmd_attendance_sheet(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        render = office.attendance.signin_sheets_pdf(args.class_code, per_day=args.per_day)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render.pdf)
    for warning in render.warnings:
        print(_t("cli.attendance.warning", message=warning.message()))
    print(_t("cli.attendance.sheet_written", path=args.out, pages=render.pages))
    return EXIT_OK


def cmd_assessment_import(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.assessments.import_workbook(args.class_code, args.file)
    print(_t("cli.assessment.done", recorded=report.recorded, rows=report.rows))
    for problem in report.problems:
        print(_t("cli.attendance.problem", message=problem.message()))
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_certificates_issue(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.certificates.issue(args.class_code)
    print(_t("cli.certificates.issued", count=len(report.issued), numbers="、".join(report.issued) or "—"))
    if report.already:
        print(_t("cli.certificates.already", count=len(report.already)))
    for candidate in report.not_eligible:
        print(_t("cli.certificates.not_eligible", reasons="；".join(p.message() for p in candidate.reasons)))
    for warning in report.warnings:
        print(_t("cli.attendance.warning", message=warning.message()))
    return EXIT_OK


def cmd_certificates_pdf(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        offset = _printer_offset(settings_from(args))
        if args.zip:
            data, pages = office.certificates.zip(args.class_code, offset_mm=offset), None
        else:
            render = office.certificates.pdf(args.class_code, offset_mm=offset)
            data, pages = render.pdf, render.pages
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(_t("cli.certificates.pdf_written", pages=pages if pages is not None else "—", path=args.out))
    return EXIT_OK


def _printer_offset(settings: Settings) -> tuple[float, float]:
    from desktop_app.config import read_settings_file

    stored = read_settings_file(settings.settings_file).get("certificate_offset_mm") or [0, 0]
    try:
        return float(stored[0]), float(stored[1])
    except (TypeError, ValueError, IndexError):
        return 0.0, 0.0


def cmd_certificates_verify(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        result = office.certificates.verify(args.text)
    print(result.message.message())
    return EXIT_OK if result.valid else EXIT_PARTIAL


def cmd_certificates_void(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        office.certificates.void(args.number, args.reason)
    print(_t("cli.certificates.voided", number=args.number))
    return EXIT_OK


def cmd_certificates_reissue(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        number = office.certificates.reissue(args.number, args.reason)
    print(_t("cli.certificates.reissued", number=number, old=args.number))
    return EXIT_OK


def cmd_certificates_record_external(args: argparse.Namespace) -> int:
    from desktop_app.domain.certificates import CertificateKind
    from desktop_app.services.classes import parse_date

    with _opened(args) as office:
        name = office.certificates.record_external(id_number=args.trainee, kind=args.kind, number=args.number,
                                                   issued_on=parse_date(args.issued))
    print(_t("cli.certificates.external_recorded", name=name, kind=CertificateKind(args.kind).label_zh,
             number=args.number))
    return EXIT_OK


def cmd_keys_export_public(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        key = office.device.export_public_key(args.file)
    print(_t("cli.keys.exported", key=key.key_id, path=args.file))
    return EXIT_OK


def cmd_trainee_search(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        rows = office.trainees.search(args.query)
    if not rows:
        print(_t("cli.trainee.none"))
        return EXIT_OK
    en = messages.current_language() == "en"
    _print_table(["Name" if en else "姓名", "ID" if en else "证件号码", "Sex" if en else "性别",
                  "Born" if en else "出生日期", "Phone" if en else "手机", "Classes" if en else "班级数"],
                 [[r.name, r.id_masked, {"M": "男", "F": "女"}.get(r.sex or "", ""), r.birth_date, r.phone_masked,
                   r.classes] for r in rows])
    return EXIT_OK


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
    except BrokenPipeError:
        # Output piped into `head` and the reader went away: not a failure of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
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
        if value in ("--db", "--database-url", "--lang", "--user"):
            skip_next = True
            continue
        if not value.startswith("-"):
            return True
    return False


# --- accounts (issue 7): first run, signing in, managing users ------------------------------------

messages.register(
    {
        "cli.help.user": ("以此账号执行（密码取自环境变量 SKILLDESK_PASSWORD，或在终端中输入）",
                          "act as this account (password from SKILLDESK_PASSWORD, or asked in a terminal)"),
        "cli.help.setup": ("首次设置：机构信息和管理员账号（密码取自 SKILLDESK_PASSWORD 或在终端中输入）",
                           "first-run set-up: institution profile and the administrator account (password from "
                           "SKILLDESK_PASSWORD or asked)"),
        "cli.help.user_group": ("账号：新增、列表、改密码、改角色、停用（管理员）",
                                "accounts: add, list, password, role, disable (administrators)"),
        "cli.help.user_add": ("新增账号（新密码取自 SKILLDESK_NEW_PASSWORD 或在终端中输入）",
                              "add an account (its password from SKILLDESK_NEW_PASSWORD or asked)"),
        "cli.help.user_list": ("列出账号", "list accounts"),
        "cli.help.user_passwd": ("重设账号密码（新密码取自 SKILLDESK_NEW_PASSWORD 或在终端中输入），同时解除锁定",
                                 "reset a password (from SKILLDESK_NEW_PASSWORD or asked); also unlocks"),
        "cli.help.user_role": ("修改账号的角色", "change an account's role"),
        "cli.help.user_disable": ("停用账号（保留记录）", "disable an account (its records are kept)"),
        "cli.help.role": ("角色：administrator 管理员、registrar 教务、teacher 教师、clerk 文员、auditor 审计",
                          "role: administrator, registrar, teacher, clerk, auditor"),
        "cli.prompt.password": ("账号“{user}”的密码：", "Password of “{user}”: "),
        "cli.prompt.new_password": ("“{user}”的新密码：", "New password for “{user}”: "),
        "cli.prompt.repeat": ("再输入一遍：", "Again: "),
        "cli.password_mismatch": ("两次输入的密码不一致，什么也没有改动。", "The two passwords differ; nothing was changed."),
        "cli.password_needed": (
            "需要密码：请设置环境变量 {variable}，或在终端中运行以便输入密码。",
            "A password is needed: set the environment variable {variable}, or run this in a terminal to type it.",
        ),
        "cli.setup.done": ("首次设置完成：机构 {code}“{name}”，管理员账号 {user}。以后请用 --user {user} 执行需要权限的命令。",
                           "Set-up done: institution {code} “{name}”, administrator {user}. From now on use --user {user} "
                           "for commands that change data."),
        "cli.user.added": ("已新增账号 {user}（{name}），角色：{role}。", "Added account {user} ({name}), role: {role}."),
        "cli.user.password_set": ("已为账号 {user} 设置新密码。", "New password set for {user}."),
        "cli.user.role_set": ("账号 {user} 的角色已改为“{role}”。", "{user} now has the role “{role}”."),
        "cli.user.disabled": ("账号 {user} 已停用。", "The account {user} is disabled."),
        "cli.user.none": ("还没有账号（首次设置后才有）。", "No accounts yet (they exist after the first-run set-up)."),
    }
)


def _add_account_commands(commands) -> None:
    setup = commands.add_parser("setup", help=_t("cli.help.setup"), description=_t("cli.help.setup"))
    setup.add_argument("--institution-code", required=True)
    setup.add_argument("--institution-name", required=True)
    setup.add_argument("--credit-code")
    setup.add_argument("--address")
    setup.add_argument("--contact-name")
    setup.add_argument("--contact-phone")
    setup.add_argument("--admin", required=True, metavar="USER")
    setup.add_argument("--admin-name", metavar="NAME")
    setup.set_defaults(handler=cmd_setup)

    user = commands.add_parser("user", help=_t("cli.help.user_group"))
    user_commands = user.add_subparsers(dest="user_command", metavar="COMMAND", required=True)
    add = user_commands.add_parser("add", help=_t("cli.help.user_add"), description=_t("cli.help.user_add"))
    add.add_argument("username", metavar="USER")
    add.add_argument("--role", required=True, help=_t("cli.help.role"))
    add.add_argument("--name")
    add.set_defaults(handler=cmd_user_add)
    user_commands.add_parser("list", help=_t("cli.help.user_list")).set_defaults(handler=cmd_user_list)
    passwd = user_commands.add_parser("passwd", help=_t("cli.help.user_passwd"), description=_t("cli.help.user_passwd"))
    passwd.add_argument("username", metavar="USER")
    passwd.set_defaults(handler=cmd_user_passwd)
    role = user_commands.add_parser("role", help=_t("cli.help.user_role"))
    role.add_argument("username", metavar="USER")
    role.add_argument("role", metavar="ROLE", help=_t("cli.help.role"))
    role.set_defaults(handler=cmd_user_role)
    disable = user_commands.add_parser("disable", help=_t("cli.help.user_disable"))
    disable.add_argument("username", metavar="USER")
    disable.set_defaults(handler=cmd_user_disable)


class _PasswordNeeded(messages.UserFacingError):
    pass


def _password_from_environment_or_prompt(variable: str, prompt_code: str, *, user: str, confirm: bool = False) -> str:
    """A password from `variable`, else typed at a terminal (twice when `confirm`); never from argv,
    where other users of the machine could read it in the process list."""
    import os

    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise _PasswordNeeded("cli.password_needed", variable=variable)
    import getpass

    value = getpass.getpass(_t(prompt_code, user=user))
    if confirm and getpass.getpass(_t("cli.prompt.repeat")) != value:
        raise _PasswordNeeded("cli.password_mismatch")
    return value


def cmd_setup(args: argparse.Namespace) -> int:
    from desktop_app.services.accounts import InstitutionProfile

    profile = InstitutionProfile(code=args.institution_code, name=args.institution_name, credit_code=args.credit_code,
                                 address=args.address, contact_name=args.contact_name,
                                 contact_phone=args.contact_phone)
    with _opened(args) as office:
        if not office.accounts.first_run_needed():
            from desktop_app.services.accounts import AccountError

            raise AccountError("accounts.first_run_done")
        password = _password_from_environment_or_prompt("SKILLDESK_PASSWORD", "cli.prompt.new_password",
                                                        user=args.admin, confirm=True)
        actor = office.accounts.complete_first_run(profile, args.admin, args.admin_name or args.admin, password)
    print(_t("cli.setup.done", code=profile.code.strip(), name=profile.name.strip(), user=actor.username))
    return EXIT_OK


def _role_label(role) -> str:
    return role.value if messages.current_language() == "en" else role.label_zh


def cmd_user_add(args: argparse.Namespace) -> int:
    from desktop_app.services.accounts import parse_role

    role = parse_role(args.role)
    with _opened(args) as office:
        from desktop_app.domain.permissions import Permission

        office.require(Permission.MANAGE_USERS)  # before asking for a password nobody may set
        password = _password_from_environment_or_prompt("SKILLDESK_NEW_PASSWORD", "cli.prompt.new_password",
                                                        user=args.username, confirm=True)
        row = office.accounts.create_user(args.username, password, role, args.name)
    print(_t("cli.user.added", user=row.username, name=row.display_name, role=_role_label(row.role)))
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    from desktop_app.services.backups import local_time_text

    with _opened(args) as office:
        rows = office.accounts.list_users()
    if not rows:
        print(_t("cli.user.none"))
        return EXIT_OK
    en = messages.current_language() == "en"
    headers = (["User", "Name", "Role", "State", "Last sign-in"] if en else ["账号", "姓名", "角色", "状态", "最近登录"])
    now = datetime.now(timezone.utc)

    def state(row) -> str:
        if not row.is_active:
            return "disabled" if en else "已停用"
        if row.locked_until and row.locked_until > now:
            return (f"locked until {local_time_text(row.locked_until)}" if en
                    else f"锁定至 {local_time_text(row.locked_until)}")
        return "active" if en else "正常"

    _print_table(headers, [[r.username, r.display_name, _role_label(r.role), state(r),
                            local_time_text(r.last_login_at) if r.last_login_at else "—"] for r in rows])
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        if office.actor.username != args.username:
            from desktop_app.domain.permissions import Permission

            office.require(Permission.MANAGE_USERS)
        password = _password_from_environment_or_prompt("SKILLDESK_NEW_PASSWORD", "cli.prompt.new_password",
                                                        user=args.username, confirm=True)
        office.accounts.set_password(args.username, password)
    print(_t("cli.user.password_set", user=args.username))
    return EXIT_OK


def cmd_user_role(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        row = office.accounts.set_role(args.username, args.role)
    print(_t("cli.user.role_set", user=row.username, role=_role_label(row.role)))
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        row = office.accounts.deactivate(args.username)
    print(_t("cli.user.disabled", user=row.username))
    return EXIT_OK


@contextmanager
def _office_for_database_files(args: argparse.Namespace):
    """The office for a backup or a restore, which once accounts exist need a signed-in user
    allowed to; None when there is no database to open: no file yet, or one too damaged to
    open (the reason to restore). That is not checked: whoever can reach the file can copy it."""
    from contextlib import ExitStack

    from desktop_app.services.database import DatabaseOpenError

    settings = settings_from(args)
    if settings.sqlite_path is not None and not settings.sqlite_path.exists():
        yield None
        return
    with ExitStack() as stack:
        try:
            office = stack.enter_context(_opened(args))
        except DatabaseOpenError:
            office = None
        yield office


# --- the provincial platform: registration, sealing, upload, the outbox -------------------------

messages.register(
    {
        "cli.help.platform_group": ("省平台：登记本机", "the provincial platform: register this computer"),
        "cli.help.platform_register": ("用省平台发放的登记码登记本机的签名公钥", "register this device's key with an enrolment code"),
        "cli.help.url": ("省平台地址（默认取设置或上次登记时的地址）", "platform address (default: settings or the registration's)"),
        "cli.help.seal": ("封存已结业班级：冻结数据并生成签名批次放入上传队列", "seal a completed class into a signed batch in the outbox"),
        "cli.help.correction": ("被省平台退回的班级改正后，封存更正批次（须填原因）", "seal a returned class again as a correction (reason required)"),
        "cli.help.sync": ("上传待上传的批次、取回回执、同步参考数据", "upload pending batches, fetch receipts, pull reference data"),
        "cli.help.wait": ("平台要求稍后重试时，最多在本次命令中等待的秒数", "seconds to wait within this run when the platform asks to retry later"),
        "cli.help.batch_group": ("上传队列：列表、查看、导出到U盘、导入回执", "the outbox: list, show, export for USB, import a receipt"),
        "cli.help.batch_list": ("列出上传队列中的批次", "list the outbox"),
        "cli.help.batch_show": ("查看一个批次、回执和逐条问题", "show one batch, its receipt and per-record issues"),
        "cli.help.batch_export": ("导出批次（ID.json、ID.sig、ID.pub.pem）以便用U盘报送", "export ID.json, ID.sig and ID.pub.pem for USB transport"),
        "cli.help.batch_import_receipt": ("导入U盘带回的省平台回执", "apply a receipt carried back from the platform"),
        "cli.help.keys_rotate": ("更换本机签名密钥（新密钥由旧密钥签名担保，并在省平台登记）",
                                 "change the device's signing key (the old key vouches for the new one at the platform)"),
        "cli.keys.rotated": ("签名密钥已更换：{old} → {new}。", "Signing key changed: {old} → {new}."),
        "cli.platform.registered": ("本机已在省平台登记：设备编号 {device}，签名密钥 {key}。",
                                    "Registered with the platform: device {device}, signing key {key}."),
        "cli.seal.done": ("班级 {code} 已封存，批次 {batch} 已放入上传队列（{size} 字节，摘要 {hash}）。运行 skilldesk sync 或在联网时自动上传。",
                          "Class {code} is sealed; batch {batch} is in the outbox ({size} bytes, hash {hash}). Run "
                          "`skilldesk sync`, or it goes up by itself when online."),
        "cli.sync.summary": ("上传 {uploaded} 个批次；省平台接收 {accepted} 个，退回 {rejected} 个；取回回执 {fetched} 个；仍待上传 {waiting} 个。",
                             "Uploaded {uploaded} batch(es); accepted {accepted}, returned {rejected}; receipts fetched "
                             "{fetched}; still waiting {waiting}."),
        "cli.sync.reference": ("已更新参考数据：{datasets}。", "Reference data updated: {datasets:en}."),
        "cli.sync.retry_later": ("省平台暂时繁忙，约 {seconds} 秒后可再试。", "The platform is busy; try again in about {seconds} s."),
        "cli.batch.none": ("上传队列是空的。", "The outbox is empty."),
        "cli.batch.exported": ("已导出批次 {batch}：{files}。可用下面的命令独立验证签名：\n  {command}",
                               "Exported batch {batch}: {files}. Anyone can verify the signature with:\n  {command}"),
        "cli.batch.receipt_applied": ("已导入回执：批次 {batch} 状态为“{state}”。", "Receipt applied: batch {batch} is “{state}”."),
        "cli.batch.issue": ("  {who}{field}：{message}（处理办法：{todo}）", "  {who}{field}: {message} (what to do: {todo})"),
        "cli.batch.who": ("第 {roll_no} 号 {name}，", "No. {roll_no} {name}, "),
    }
)

def _state_words(state: str) -> str:
    from desktop_app.domain.batches import BatchState  # the words the upload page shows too

    return BatchState(state).label(messages.current_language())


def _add_platform_commands(commands) -> None:
    platform = commands.add_parser("platform", help=_t("cli.help.platform_group"))
    platform_commands = platform.add_subparsers(dest="platform_command", metavar="COMMAND", required=True)
    register = platform_commands.add_parser("register", help=_t("cli.help.platform_register"))
    register.add_argument("--url", help=_t("cli.help.url"))
    register.add_argument("--code", required=True, metavar="ENROLMENT_CODE")
    register.set_defaults(handler=cmd_platform_register)

    seal = commands.add_parser("seal", help=_t("cli.help.seal"), description=_t("cli.help.seal"))
    seal.add_argument("--class", dest="class_code", required=True, metavar="C")
    seal.add_argument("--correction", metavar="REASON", help=_t("cli.help.correction"))
    seal.set_defaults(handler=cmd_seal)

    sync = commands.add_parser("sync", help=_t("cli.help.sync"), description=_t("cli.help.sync"))
    sync.add_argument("--url", help=_t("cli.help.url"))
    sync.add_argument("--wait", type=float, default=30.0, metavar="SECONDS", help=_t("cli.help.wait"))
    sync.set_defaults(handler=cmd_sync)

    batch = commands.add_parser("batch", help=_t("cli.help.batch_group"))
    batch_commands = batch.add_subparsers(dest="batch_command", metavar="COMMAND", required=True)
    batch_commands.add_parser("list", help=_t("cli.help.batch_list")).set_defaults(handler=cmd_batch_list)
    show = batch_commands.add_parser("show", help=_t("cli.help.batch_show"))
    show.add_argument("batch_id", metavar="ID")
    show.set_defaults(handler=cmd_batch_show)
    export = batch_commands.add_parser("export", help=_t("cli.help.batch_export"))
    export.add_argument("batch_id", metavar="ID")
    export.add_argument("folder", type=Path, metavar="DIR")
    export.set_defaults(handler=cmd_batch_export)
    receipt = batch_commands.add_parser("import-receipt", help=_t("cli.help.batch_import_receipt"))
    receipt.add_argument("file", type=Path)
    receipt.set_defaults(handler=cmd_batch_import_receipt)


def _platform_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "url", None) or settings_from(args).platform_url


def cmd_platform_register(args: argparse.Namespace) -> int:
    url = _platform_url(args)
    if not url:
        raise messages.UserFacingError("sync.no_url")
    with _opened(args) as office:
        registration = office.device.register(url, args.code)
    print(_t("cli.platform.registered", device=registration.device_id, key=registration.key_id))
    return EXIT_OK


def cmd_seal(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        if args.correction is not None:
            row = office.outbox.seal_correction(args.class_code, args.correction)
        else:
            row = office.outbox.seal(args.class_code)
        detail = office.outbox.detail(row.batch_id)
    print(_t("cli.seal.done", code=row.class_code, batch=row.batch_id, size=detail.size_bytes,
             hash=row.content_hash[:16]))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        report = office.outbox.sync(_platform_url(args), max_wait=max(0.0, args.wait))
    if report.offline:
        print(_t("sync.offline"), file=sys.stderr)
    if report.stopped_reason:
        print(report.stopped_reason, file=sys.stderr)
    print(_t("cli.sync.summary", uploaded=report.uploaded, accepted=report.accepted, rejected=report.rejected,
             fetched=report.receipts_fetched, waiting=report.waiting))
    if report.reference_updated:
        from desktop_app.services.reference_sync import dataset_names

        print(_t("cli.sync.reference", datasets=dataset_names(report.reference_updated)))
    if report.reference_problem:
        print(report.reference_problem, file=sys.stderr)
    if report.retry_after_seconds is not None:
        print(_t("cli.sync.retry_later", seconds=int(report.retry_after_seconds + 0.999)))
    if report.stopped_reason or report.offline:
        return EXIT_USAGE if report.stopped_reason else EXIT_PARTIAL
    return EXIT_PARTIAL if report.rejected or report.waiting else EXIT_OK


def _local(value: datetime | None) -> str:
    if value is None:
        return "-"
    from desktop_app.domain.china_time import moment_text

    return moment_text(value)


def cmd_batch_list(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        rows = office.outbox.list()
    if not rows:
        print(_t("cli.batch.none"))
    for row in rows:
        print("\t".join([row.batch_id, row.class_code or "-", row.kind, _state_words(row.state), str(row.attempts),
                         _local(row.created_at), str(row.sequence or "-"), row.last_error or ""]))
    return EXIT_OK


def cmd_batch_show(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        detail = office.outbox.detail(args.batch_id)
    row = detail.row
    for label, value in (("batch", row.batch_id), ("class", f"{row.class_code} {row.class_name or ''}"),
                         ("kind", row.kind), ("state", _state_words(row.state)), ("attempts", row.attempts),
                         ("next", _local(row.next_attempt_at)), ("hash", detail.content_hash),
                         ("key", detail.key_id), ("bytes", detail.size_bytes), ("sequence", row.sequence or "-"),
                         ("receipt", row.receipt_status or "-"), ("receipt verified", detail.receipt_verified),
                         ("supersedes", row.supersedes or "-"), ("superseded by", row.superseded_by or "-")):
        print(f"{label}: {value}")
    if row.last_error:
        print(row.last_error)
    for issue in detail.issues:
        who = _t("cli.batch.who", roll_no=issue.roll_no, name=issue.trainee_name) if issue.trainee_name else ""
        print(_t("cli.batch.issue", who=who, field=issue.field_label, message=issue.message, todo=issue.what_to_do))
    return EXIT_OK


def cmd_batch_export(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        paths = office.outbox.export_batch(args.batch_id, args.folder)
    data, signature, public = paths
    command = f"openssl pkeyutl -verify -pubin -inkey {public} -rawin -in {data} -sigfile {signature}"
    print(_t("cli.batch.exported", batch=args.batch_id, files="、".join(p.name for p in paths), command=command))
    return EXIT_OK


def cmd_batch_import_receipt(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        row = office.outbox.import_receipt(args.file)
    print(_t("cli.batch.receipt_applied", batch=row.batch_id, state=_state_words(row.state)))
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    with _opened(args) as office:
        old = office.device.key().key_id
        new = office.device.rotate_key().key_id
    print(_t("cli.keys.rotated", old=old, new=new))
    return EXIT_OK
