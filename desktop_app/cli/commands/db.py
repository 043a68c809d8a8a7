"""`skilldesk db …`: upgrade the schema, check integrity, back up and restore the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app import messages
from desktop_app.cli.exit_codes import EXIT_OK, EXIT_PARTIAL
from desktop_app.cli.opening import office_for_database_files, opened, settings_from
from desktop_app.cli.output import file_size, moment, say, say_problem, text

messages.register(
    {
        "cli.help.db_upgrade": ("把数据库升级到当前版本", "upgrade the database to this version's schema"),
        "cli.help.db_check": ("检查数据库完整性", "check the database's integrity"),
        "cli.db.upgraded": ("数据库 {database} 已从版本 {before} 升级到 {after}。", "Database {database} upgraded from {before} to {after}."),
        "cli.db.current": ("数据库 {database} 已是最新版本（{after}），无需升级。", "Database {database} is already at the current version ({after})."),
        "cli.db.created": ("已新建数据库 {database}（版本 {after}）。", "Created database {database} (schema {after})."),
        "cli.db.check_ok": ("数据库 {database} 检查通过：结构版本 {revision}，完整性正常。",
                            "Database {database} passed: schema {revision}, integrity ok."),
        "cli.db.check_failed": ("数据库 {database} 检查发现 {count} 个问题：", "Database {database} check found {count} problem(s):"),
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


def _define_db(db: argparse.ArgumentParser) -> None:
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    db_commands.add_parser("upgrade", help=text("cli.help.db_upgrade")).set_defaults(handler=cmd_upgrade)
    db_commands.add_parser("check", help=text("cli.help.db_check")).set_defaults(handler=cmd_check)
    backup = db_commands.add_parser("backup", help=text("cli.help.db_backup"), description=text("cli.help.db_backup"))
    backup.add_argument("file", nargs="?", type=Path, metavar="FILE", help=text("cli.help.backup_file"))
    backup.set_defaults(handler=cmd_backup)
    restore = db_commands.add_parser("restore", help=text("cli.help.db_restore"), description=text("cli.help.db_restore"))
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--force", action="store_true", help=text("cli.help.restore_force"))
    restore.set_defaults(handler=cmd_restore)


PARSERS = {"db": _define_db}


def cmd_upgrade(args: argparse.Namespace) -> int:
    with opened(args) as office:
        opened_database = office.opened
        head = opened_database.revision
        if opened_database.created:
            say("cli.db.created", database=office.database_name, after=head)
        elif opened_database.migrated_from != head:
            say("cli.db.upgraded", database=office.database_name, before=opened_database.migrated_from, after=head)
        else:
            say("cli.db.current", database=office.database_name, after=head)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from desktop_app.services.database import DatabaseOpenError

    try:
        with opened(args) as office:
            report, name = office.check_database(), office.database_name
    except DatabaseOpenError as refused:
        if refused.code != "db.meta_missing":
            raise
        # A database that must not be opened (it would be initialised again) is still checked,
        # read only: the check names the damage instead of stopping at the refusal.
        from desktop_app.services.database import check_database
        from desktop_app.store.engine import Database

        db = Database(settings_from(args).database_url)
        try:
            report, name = check_database(db), db.display_name()
        finally:
            db.dispose()
    if report.ok:
        say("cli.db.check_ok", database=name, revision=report.revision)
        return EXIT_OK
    say("cli.db.check_failed", database=name, count=len(report.problems))
    for problem in report.problems:
        print(f"  - {problem.message()}")
    return EXIT_PARTIAL


def cmd_backup(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with office_for_database_files(args) as office:
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
    say("cli.db.backup_done", path=info.path, size=file_size(info.bytes), revision=info.revision or "—")
    say("cli.db.backup_key", keys=settings.key_dir, key=f"{info.installation_id}.key")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop_app.domain.permissions import Permission
    from desktop_app.services.backups import backup_folder, ensure_sqlite, restore_database
    from desktop_app.store.engine import Database

    with office_for_database_files(args) as office:
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
    say("cli.db.restored", backup=info.source, database=path.name, revision=info.revision,
        newest=moment(info.newest_entry_at))
    for problem in info.overridden:
        say("cli.db.restore_forced", reason=problem.message())
    if info.before_restore is not None:
        kept = "cli.db.restore_kept_damaged" if info.replaced_damaged else "cli.db.restore_undo"
        say(kept, path=info.before_restore.path)
    if info.key_missing is not None:
        say_problem("cli.db.restore_key_missing", keys=info.key_missing.parent, key=info.key_missing.name)
        return EXIT_OK
    with opened(args) as office:  # migrates an older backup to this version, and proves its key
        office.backups.record_restore(info)
    return EXIT_OK
