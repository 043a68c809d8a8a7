"""`skilldesk audit …`: check the tamper-evident audit chain, export the audit log."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from desktop_app.cli.opening import opened, settings_from
from desktop_app.cli.output import add_force_option, say, text

messages.register(
    {
        "cli.help.audit_verify": ("校验防篡改的审计日志链；发现问题时退出码为 3，并指出第一处",
                                  "check the tamper-evident audit chain; exit 3 naming the first broken entry"),
        "cli.help.audit_export": ("把审计日志导出为 Excel（.xlsx）或 CSV 文件（导出本身也记入审计日志）",
                                  "export the audit log to an Excel (.xlsx) or CSV file (the export is audited)"),
        "cli.help.audit_user": ("只导出此账号的操作（登录名或姓名）", "only this account's actions (login or display name)"),
        "cli.help.audit_class": ("只导出此班级的操作（班级编号）", "only actions on this class (class code)"),
        "cli.help.audit_from": ("起始日期（含），如 2026-03-01（北京时间）", "first day (included), e.g. 2026-03-01 (China time)"),
        "cli.help.audit_to": ("截止日期（含）", "last day (included)"),
        "cli.audit.exported": ("已导出 {rows} 条审计记录到 {path}。", "Exported {rows} audit entries to {path}."),
    }
)


def _define_audit(audit: argparse.ArgumentParser) -> None:
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)
    audit_commands.add_parser("verify", help=text("cli.help.audit_verify")).set_defaults(handler=cmd_verify)
    export = audit_commands.add_parser("export", help=text("cli.help.audit_export"))
    export.add_argument("file", metavar="FILE.xlsx|FILE.csv", type=Path)
    export.add_argument("--user-name", metavar="U", help=text("cli.help.audit_user"))
    export.add_argument("--class", dest="class_code", metavar="C", help=text("cli.help.audit_class"))
    export.add_argument("--from", dest="date_from", metavar="DATE", help=text("cli.help.audit_from"))
    export.add_argument("--to", dest="date_to", metavar="DATE", help=text("cli.help.audit_to"))
    add_force_option(export)
    export.set_defaults(handler=cmd_export)


PARSERS = {"audit": _define_audit}


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop_app.services.backups import backup_folder

    with opened(args) as office:
        report = office.audit.verify(backups_folder=backup_folder(settings_from(args).data_dir))
    print(report.message())
    return EXIT_OK if report.ok else EXIT_PARTIAL


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.services.classes import parse_date
    from desktop_app.services.office import AuditFilter

    date_from = parse_date(args.date_from) if args.date_from else None
    date_to = parse_date(args.date_to) if args.date_to else None
    with opened(args) as office:
        user_id = office.audit.find_user_id(args.user_name) if args.user_name else None
        result = office.audit.export(args.file, AuditFilter(user_id=user_id, class_code=args.class_code,
                                                            date_from=date_from, date_to=date_to),
                                     replace=args.force)
    say("cli.audit.exported", rows=result.rows, path=result.path)
    return EXIT_OK
