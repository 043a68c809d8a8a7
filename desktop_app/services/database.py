"""Opening a database for use: migrate, first-start initialisation, key check, integrity check."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select, text

from desktop_app import messages
from desktop_app.domain.actors import LOCAL_ADMIN, LOCAL_ADMIN_USERNAME, Actor
from desktop_app.services import audit
from desktop_app.services.backups import FOLDER_NAME, startup_integrity_check
from desktop_app.store import reference
from desktop_app.store.engine import Database
from desktop_app.store.migrate import current_revision, head_revision, upgrade_to_head
from desktop_app.store.models import AppMeta, AppUser, Trainee
from desktop_app.store.protection import FileKeyStore, PersonalDataCipher, open_cipher
from desktop_app.store.trainees import encrypt_clear_birth_dates

messages.register(
    {
        "db.unreadable": (
            "无法打开数据库 {database}：该文件已损坏，或不是数据库文件。程序没有改动它；请从备份恢复，或联系管理员。",
            "Cannot open the database {database}: the file is damaged or not a database. It was left "
            "untouched; restore a backup or ask your administrator.",
        ),
        "db.check.revision": (
            "数据库结构版本是 {revision}，当前程序需要 {head}。请运行 skilldesk db upgrade。",
            "The schema is at {revision}; this version needs {head}. Run skilldesk db upgrade.",
        ),
        "db.check.integrity": ("SQLite 完整性检查报告：{detail}", "SQLite integrity check reported: {detail}"),
        "db.check.foreign_key": (
            "表 {table} 的第 {row} 行引用了表 {parent} 中不存在的记录。",
            "Row {row} of table {table} refers to a missing record in {parent}.",
        ),
        "db.check.not_initialised": (
            "数据库没有 SkillDesk 的安装标识，可能不是由 SkillDesk 创建的。",
            "The database has no SkillDesk installation id; it may not have been created by SkillDesk.",
        ),
        "db.corrupt": (
            "数据库 {database} 已损坏（SQLite 检查：{detail}）。程序没有改动它，也不会打开它。请关闭 SkillDesk，"
            "从备份恢复（自动备份在 {backups} 文件夹中，恢复方法见用户手册“备份”一节），或联系管理员。",
            "The database {database} is damaged (SQLite check: {detail}). It was left untouched and will not be "
            "opened. Close SkillDesk and restore a backup (automatic backups are in the folder {backups}; see "
            "“Backups” in the user guide), or ask your administrator.",
        ),
        "db.meta_missing": (
            "数据库 {database} 中已有数据，却缺少它的安装标识（或密钥校验值）：这是数据库损坏或被改动，不是一个新数据库。"
            "程序没有改动它，也没有生成新的密钥。请关闭 SkillDesk，从备份恢复，或联系技术支持。",
            "The database {database} holds data but has lost its installation id (or its key check): it is damaged "
            "or was tampered with, not a new database. It was left untouched and no new key was made. Close "
            "SkillDesk and restore a backup, or contact support.",
        ),
        "db.check.meta_missing": (
            "数据库中已有数据，却缺少安装标识或密钥校验值（数据库损坏或被改动）；请从备份恢复。",
            "The database holds data but has lost its installation id or key check (damaged or tampered with); "
            "restore a backup.",
        ),
        "db.unreachable": (
            "无法连接数据库服务器 {database}。请检查网络和服务器是否开启，然后重试。",
            "Cannot reach the database server {database}. Check the network and that the server is running, then try again.",
        ),
    }
)

log = logging.getLogger(__name__)

META_INSTALLATION_ID = "installation_id"
META_KEY_CHECK = "key_check"


class DatabaseOpenError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class OpenedDatabase:
    """A database ready for the services: at head, initialised, its key proven."""

    db: Database
    cipher: PersonalDataCipher
    installation_id: str
    actor: Actor
    created: bool
    migrated_from: str | None
    revision: str


def prepare_database(db: Database, keystore: FileKeyStore, *, actor: Actor = LOCAL_ADMIN,
                     backups_folder: Path | None = None) -> OpenedDatabase:
    """Upgrade to head, initialise a new database (installation id, key, reference data, the
    built-in administrator), and prove the encryption key; refuses rather than repairs."""
    _refuse_if_damaged(db, backups_folder)
    _probe(db)
    if _meta_lost(db):
        # Before anything is migrated or made: a new installation id would come with a new key,
        # under which nobody already recorded could be found again.
        raise DatabaseOpenError("db.meta_missing", database=db.display_name())
    before, head = upgrade_to_head(db)
    db.use_wal()
    if before == head:
        # Most openings find everything in place: prove the key in a read, so that a reading
        # command (or a second window) never queues behind another window's long write.
        opened = _open_initialised(db, keystore, actor, head)
        if opened is not None:
            return opened
    with db.writing() as session:
        installation_id = session.get(AppMeta, META_INSTALLATION_ID)
        created = installation_id is None
        if created:
            new_id = str(uuid.uuid4())
            cipher = PersonalDataCipher(keystore.create(new_id))
            session.add(AppMeta(key=META_INSTALLATION_ID, value=new_id))
            session.add(AppMeta(key=META_KEY_CHECK, value=cipher.check_value))
            installation = new_id
        else:
            installation = installation_id.value
            check = session.get(AppMeta, META_KEY_CHECK)
            cipher = open_cipher(keystore, installation, check.value if check else "")
        audit.use_key(db, cipher.audit_key)
        admin = session.scalar(select(AppUser).where(AppUser.username == LOCAL_ADMIN_USERNAME))
        if admin is None:
            admin = AppUser(username=LOCAL_ADMIN_USERNAME, display_name=LOCAL_ADMIN.display_name,
                            role=LOCAL_ADMIN.role.value, is_builtin=True)
            session.add(admin)
            session.flush()
        if actor.username == LOCAL_ADMIN_USERNAME and actor.user_id is None:
            actor = replace(actor, user_id=admin.id)
        loaded = reference.load_bundled_reference_data(session)
        moved_birth_dates = encrypt_clear_birth_dates(session, cipher)  # a database from before 0006
        if created:
            audit.record(session, actor, "database.created", entity_type="database", entity_id=installation,
                         details={"reference_versions": loaded})
        elif before != head:
            audit.record(session, actor, "database.migrated", entity_type="database", entity_id=installation,
                         details={"from": before, "to": head})
    if moved_birth_dates and db.is_sqlite:
        # The pages that held them in clear are rewritten into the main file now, not at some later checkpoint.
        raw = db.engine.raw_connection()  # outside any transaction, which a checkpoint needs
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    return OpenedDatabase(db=db, cipher=cipher, installation_id=installation, actor=actor,
                          created=created, migrated_from=before, revision=head)


def _open_initialised(db: Database, keystore: FileKeyStore, actor: Actor, head: str) -> OpenedDatabase | None:
    """The database as it is when nothing needs writing; None when something does (a new
    database, the built-in administrator or a bundled dataset missing)."""
    with db.reading() as session:
        installation_id = session.get(AppMeta, META_INSTALLATION_ID)
        admin = session.scalar(select(AppUser).where(AppUser.username == LOCAL_ADMIN_USERNAME))
        if installation_id is None or admin is None or not reference.bundled_reference_data_loaded(session):
            return None
        if session.scalar(select(Trainee.id).where(Trainee.birth_date.is_not(None)).limit(1)) is not None:
            return None  # birth dates still in clear (a database from before 0010): encrypted by the writing path
        check = session.get(AppMeta, META_KEY_CHECK)
        cipher = open_cipher(keystore, installation_id.value, check.value if check else "")
        audit.use_key(db, cipher.audit_key)
        if actor.username == LOCAL_ADMIN_USERNAME and actor.user_id is None:
            actor = replace(actor, user_id=admin.id)
        return OpenedDatabase(db=db, cipher=cipher, installation_id=installation_id.value, actor=actor,
                              created=False, migrated_from=head, revision=head)


def _meta_lost(db: Database) -> bool:
    """True when the database holds SkillDesk data but its installation id or key check is gone:
    damage to report, never a new database to initialise."""
    from sqlalchemy import inspect

    with db.read_engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            return False  # never migrated: a new, empty database
        present = set()
        if "app_meta" in tables:
            present = set(connection.execute(select(AppMeta.key).where(
                AppMeta.key.in_((META_INSTALLATION_ID, META_KEY_CHECK)))).scalars())
        if present == {META_INSTALLATION_ID, META_KEY_CHECK}:
            return False
        if present:
            return True  # one of the two rows gone: never a state SkillDesk leaves
        for table in ("audit_log", "app_user", "trainee", "training_class"):
            if table in tables and connection.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first() is not None:
                return True
    return False


def _probe(db: Database) -> None:
    """Fail with a person-readable message before Alembic touches a damaged or foreign file."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    try:
        with db.read_engine.connect() as connection:
            if db.is_sqlite:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            else:
                connection.execute(text("SELECT 1"))
    except OperationalError as error:
        log.warning("cannot open %s: %s", db.display_name(), _first_line(error))
        if db.is_sqlite:
            raise DatabaseOpenError("db.unreadable", database=db.display_name()) from None
        raise DatabaseOpenError("db.unreachable", database=db.display_name()) from None
    except DatabaseError as error:
        log.warning("cannot open %s: %s", db.display_name(), _first_line(error))
        raise DatabaseOpenError("db.unreadable", database=db.display_name()) from None


def _refuse_if_damaged(db: Database, backups_folder: Path | None) -> None:
    """SQLite quick_check before anything (migration, WAL switch) writes to the file: a damaged
    or truncated database is refused, untouched, with the way back (a backup) named."""
    problems = startup_integrity_check(db)
    if problems:
        log.warning("%s failed quick_check: %s", db.display_name(), "; ".join(p.message("en") for p in problems))
        folder = backups_folder or db.sqlite_path.parent / FOLDER_NAME
        raise DatabaseOpenError("db.corrupt", database=db.display_name(), detail=problems[0].params["detail"],
                                backups=str(folder))


def _first_line(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).splitlines()[0]


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    revision: str | None
    head: str
    problems: tuple[messages.Problem, ...]


def check_database(db: Database) -> CheckReport:
    """Integrity check: schema at head, SQLite integrity and foreign keys, audit chain intact."""
    Problem = messages.Problem
    problems: list[messages.Problem] = []
    revision = current_revision(db)
    head = head_revision()
    if revision != head:
        problems.append(Problem("db.check.revision", {"revision": revision, "head": head}))
    if db.is_sqlite:
        with db.engine.connect() as connection:
            for (line,) in connection.exec_driver_sql("PRAGMA integrity_check"):
                if line != "ok":
                    problems.append(Problem("db.check.integrity", {"detail": line}))
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(Problem("db.check.foreign_key", {"table": row[0], "row": row[1], "parent": row[2]}))
    if _meta_lost(db):
        problems.append(Problem("db.check.meta_missing"))
    else:
        with db.reading() as session:
            if session.get(AppMeta, META_INSTALLATION_ID) is None:
                problems.append(Problem("db.check.not_initialised"))
    return CheckReport(ok=not problems, revision=revision, head=head, problems=tuple(problems))


def count_rows(db: Database, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0
