"""Bring a database to the schema this version of SkillDesk expects, at every start-up.

Alembic (and Mako beneath it) costs a quarter of a second to import, so the common case —
a database already at head — is recognised with one query against `alembic_version` and
`SCHEMA_HEAD`, and Alembic is loaded only when there is something to migrate. A test keeps
`SCHEMA_HEAD` equal to the head of migrations/versions.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from desktop_app import messages, resources
from desktop_app.store.engine import Database

# The newest revision in migrations/versions; tests/store fail when the two disagree.
SCHEMA_HEAD = "0012"

messages.register(
    {
        "db.newer_than_app": (
            "数据库 {database} 由更新版本的 SkillDesk 创建（数据库版本 {revision}），本程序无法安全打开。"
            "请升级 SkillDesk 后再打开，或联系管理员。",
            "The database {database} was written by a newer SkillDesk (schema {revision}); this version "
            "cannot open it safely. Upgrade SkillDesk, or ask your administrator.",
        ),
        "db.foreign": (
            "{database} 是一个数据库文件，但不是 SkillDesk 的数据库（可能属于其他软件）。程序没有改动它。"
            "请选择 SkillDesk 的数据库文件，或指定一个新文件名。",
            "{database} is a database, but not a SkillDesk one (perhaps another program's). It was left "
            "untouched. Choose a SkillDesk database, or give a new file name.",
        ),
    }
)


class DatabaseNewerThanApplication(messages.UserFacingError):
    pass


class ForeignDatabase(messages.UserFacingError):
    pass


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.migrations_dir()))
    return config


def head_revision() -> str:
    """The head according to the migration scripts themselves (loads Alembic)."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def current_revision(db: Database) -> str | None:
    """The revision the database is stamped with; None for a new, empty database."""
    # The read engine: asking the version must not queue behind (or block) a writer.
    with db.read_engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(db: Database) -> tuple[str | None, str]:
    """Upgrade to head in one transaction; returns (revision before, revision after).

    Refuses a database stamped with a revision this version does not know: it came from a
    newer SkillDesk and migrating it "down" by accident would lose data.
    """
    before = current_revision(db)
    if before == SCHEMA_HEAD:
        return before, SCHEMA_HEAD
    if before is None and _has_tables(db):
        # Someone picked another program's database: never write SkillDesk tables into it.
        raise ForeignDatabase("db.foreign", database=db.display_name())
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if before is not None and _script_revision(script, before) is None:
        raise DatabaseNewerThanApplication("db.newer_than_app", database=db.display_name(), revision=before)
    run_alembic(db, "upgrade", "head")
    return before, SCHEMA_HEAD


def _has_tables(db: Database) -> bool:
    with db.read_engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def run_alembic(db: Database, verb: str, target: str) -> None:
    """`upgrade`/`downgrade` to `target` on the database's write engine, in one transaction.

    On SQLite, batch migrations copy a table and drop the original, which foreign keys from
    other tables forbid; as SQLite's documentation prescribes for schema changes, foreign keys
    are switched off for the migration (outside the transaction, where the pragma works) and
    the result is checked with foreign_key_check before it is committed.
    """
    from alembic import command

    config = alembic_config()
    with db.engine.connect() as connection:
        if db.is_sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                getattr(command, verb)(config, target)
                if db.is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration {verb} {target} broke foreign keys: {broken[:5]}")
        finally:
            if db.is_sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _script_revision(script, revision: str):
    try:
        return script.get_revision(revision)
    except Exception:  # alembic raises several types for an unknown id
        return None
