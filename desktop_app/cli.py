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
    from desktop_app.bootstrap import open_desk

    desk = open_desk(settings_from(args))
    try:
        yield desk
    finally:
        desk.close()


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.app import run_gui

    return run_gui(settings_from(args), page=args.page, screenshot=args.screenshot)


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo import fill_demo_institution

    with _opened(args) as desk:
        summary = fill_demo_institution(desk.db, desk.cipher, actor=desk.actor)
    print(_t("cli.demo.done", classes=summary.classes, trainees=summary.trainees, sessions=summary.sessions,
             marks=summary.marks))
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    with _opened(args) as desk:
        opened = desk.opened
        head = opened.revision
        if opened.created:
            print(_t("cli.db.created", database=desk.db.display_name(), after=head))
        elif opened.migrated_from != head:
            print(_t("cli.db.upgraded", database=desk.db.display_name(), before=opened.migrated_from, after=head))
        else:
            print(_t("cli.db.current", database=desk.db.display_name(), after=head))
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace) -> int:
    from desktop_app.services.database import check_database

    with _opened(args) as desk:
        report = check_database(desk.db)
    if report.ok:
        print(_t("cli.db.check_ok", database=desk.db.display_name(), revision=report.revision))
        return EXIT_OK
    print(_t("cli.db.check_failed", database=desk.db.display_name(), count=len(report.problems)))
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
    from desktop_app.services.backups import backup_database
    from desktop_app.store.engine import Database

    settings = settings_from(args)
    db = Database(settings.database_url)
    try:
        info = backup_database(db, args.file, settings_data_dir=settings.data_dir, reason="manual")
    finally:
        db.dispose()
    print(_t("cli.db.backup_done", path=info.path, size=_file_size(info.bytes), revision=info.revision or "—"))
    print(_t("cli.db.backup_key", keys=settings.key_dir, key=f"{info.installation_id}.key"))
    return EXIT_OK


def cmd_db_restore(args: argparse.Namespace) -> int:
    from desktop_app.services.backups import (
        backup_folder,
        ensure_sqlite,
        local_time_text,
        record_restore,
        restore_database,
    )
    from desktop_app.store.engine import Database

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
    with _opened(args) as desk:  # migrates an older backup to this version, and proves its key
        record_restore(desk.db, desk.actor, info)
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from desktop_app.services.audit_verify import verify_audit_chain

    with _opened(args) as desk:
        report = verify_audit_chain(desk.db)
    print(report.message())
    return EXIT_OK if report.ok else EXIT_PARTIAL


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
    from desktop_app.services.classes import ClassDraft, create_class, parse_date

    draft = ClassDraft(
        code=args.code, name=args.name, occupation_code=args.occupation, occupation_edition=args.edition,
        level=args.level, training_type=args.training_type, start_date=parse_date(args.start),
        end_date=parse_date(args.end), capacity=args.capacity, location=args.location,
        project_based=args.project_based, planned_lessons=args.hours, online_lessons=args.online_hours,
        schedule=parse_schedule_spec(args.schedule),
    )
    with _opened(args) as desk:
        detail = create_class(desk.db, actor=desk.actor, draft=draft)
    active = [s for s in detail.sessions if s.status != "cancelled"]
    print(_t("cli.class.created", code=detail.row.code, name=detail.row.name, sessions=len(active),
             lessons=detail.planned_theory_lessons + detail.planned_practice_lessons,
             theory=detail.planned_theory_lessons, practice=detail.planned_practice_lessons))
    for problem in detail.schedule_problems:
        print(_t("cli.class.warning", message=problem.message()))
    return EXIT_OK


def cmd_class_list(args: argparse.Namespace) -> int:
    from desktop_app.services.classes import list_classes

    with _opened(args) as desk:
        rows = list_classes(desk.db, search=args.search, status=args.status)
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
    from desktop_app.services.classes import get_class

    with _opened(args) as desk:
        detail = get_class(desk.db, args.code)
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
    from desktop_app.services.classes import change_class_status

    with _opened(args) as desk:
        detail = change_class_status(desk.db, actor=desk.actor, code=args.code, target=args.target)
    print(_t("cli.class.status_changed", code=detail.row.code, status=detail.row.status.label_zh))
    return EXIT_OK


def cmd_roster_template(args: argparse.Namespace) -> int:
    from desktop_app.services.roster import write_template

    with _opened(args) as desk:
        write_template(desk.db, args.file)
    print(_t("cli.roster.template_written", path=args.file))
    return EXIT_OK


def cmd_roster_import(args: argparse.Namespace) -> int:
    from desktop_app.services.roster import import_roster

    with _opened(args) as desk:
        report = import_roster(desk.db, desk.cipher, actor=desk.actor, class_code=args.class_code, source=args.file)
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
    from desktop_app.services.roster import export_roster

    with _opened(args) as desk:
        count = export_roster(desk.db, desk.cipher, actor=desk.actor, class_code=args.class_code, path=args.file)
    print(_t("cli.roster.exported", count=count, path=args.file))
    return EXIT_OK


def cmd_attendance_import(args: argparse.Namespace) -> int:
    from desktop_app.services.attendance import import_attendance

    with _opened(args) as desk:
        report = import_attendance(desk.db, desk.cipher, actor=desk.actor, class_code=args.class_code, source=args.file)
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
    from desktop_app.services.attendance import class_attendance_summary

    with _opened(args) as desk:
        rows = class_attendance_summary(desk.db, args.class_code, as_of=datetime.now(timezone.utc))
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
    from desktop_app.services.attendance import signin_sheets_pdf

    with _opened(args) as desk:
        render = signin_sheets_pdf(desk.db, args.class_code, per_day=args.per_day)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render.pdf)
    for warning in render.warnings:
        print(_t("cli.attendance.warning", message=warning.message()))
    print(_t("cli.attendance.sheet_written", path=args.out, pages=render.pages))
    return EXIT_OK


def cmd_assessment_import(args: argparse.Namespace) -> int:
    from desktop_app.services.assessment import import_assessments

    with _opened(args) as desk:
        report = import_assessments(desk.db, desk.cipher, actor=desk.actor, class_code=args.class_code, source=args.file)
    print(_t("cli.assessment.done", recorded=report.recorded, rows=report.rows))
    for problem in report.problems:
        print(_t("cli.attendance.problem", message=problem.message()))
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_certificates_issue(args: argparse.Namespace) -> int:
    with _opened(args) as desk:
        report = desk.issue_certificates(args.class_code)
    print(_t("cli.certificates.issued", count=len(report.issued), numbers="、".join(report.issued) or "—"))
    if report.already:
        print(_t("cli.certificates.already", count=len(report.already)))
    for candidate in report.not_eligible:
        print(_t("cli.certificates.not_eligible", reasons="；".join(p.message() for p in candidate.reasons)))
    for warning in report.warnings:
        print(_t("cli.attendance.warning", message=warning.message()))
    return EXIT_OK


def cmd_certificates_pdf(args: argparse.Namespace) -> int:
    from desktop_app.services.certificates import certificates_pdf, certificates_zip

    with _opened(args) as desk:
        offset = _printer_offset(settings_from(args))
        if args.zip:
            data, pages = certificates_zip(desk.db, args.class_code, offset_mm=offset), None
        else:
            render = certificates_pdf(desk.db, args.class_code, offset_mm=offset)
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
    from desktop_app.services.certificates import verify_certificate_text

    with _opened(args) as desk:
        result = verify_certificate_text(desk.db, args.text)
    print(result.message.message())
    return EXIT_OK if result.valid else EXIT_PARTIAL


def cmd_certificates_void(args: argparse.Namespace) -> int:
    from desktop_app.services.certificates import void_certificate

    with _opened(args) as desk:
        void_certificate(desk.db, actor=desk.actor, number=args.number, reason=args.reason)
    print(_t("cli.certificates.voided", number=args.number))
    return EXIT_OK


def cmd_certificates_reissue(args: argparse.Namespace) -> int:
    with _opened(args) as desk:
        number = desk.reissue_certificate(args.number, args.reason)
    print(_t("cli.certificates.reissued", number=number, old=args.number))
    return EXIT_OK


def cmd_certificates_record_external(args: argparse.Namespace) -> int:
    from desktop_app.domain.certificates import CertificateKind
    from desktop_app.services.certificates import record_external_certificate
    from desktop_app.services.classes import parse_date

    with _opened(args) as desk:
        name = record_external_certificate(desk.db, desk.cipher, actor=desk.actor, id_number=args.trainee,
                                           kind=args.kind, number=args.number, issued_on=parse_date(args.issued))
    print(_t("cli.certificates.external_recorded", name=name, kind=CertificateKind(args.kind).label_zh,
             number=args.number))
    return EXIT_OK


def cmd_keys_export_public(args: argparse.Namespace) -> int:
    with _opened(args) as desk:
        key = desk.device_key()
    args.file.parent.mkdir(parents=True, exist_ok=True)
    args.file.write_text(key.public_key_pem, encoding="ascii")
    print(_t("cli.keys.exported", key=key.key_id, path=args.file))
    return EXIT_OK


def cmd_trainee_search(args: argparse.Namespace) -> int:
    from desktop_app.services.trainees import search_trainees

    with _opened(args) as desk:
        rows = search_trainees(desk.db, desk.cipher, args.query)
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
        if value in ("--db", "--database-url", "--lang"):
            skip_next = True
            continue
        if not value.startswith("-"):
            return True
    return False
