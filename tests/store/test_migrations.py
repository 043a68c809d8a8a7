"""Migrations: the schema matches the models, every revision moves up and down with data in it,
and opening refuses (without touching) databases this version must not migrate."""

from __future__ import annotations

import os
import random
import re
import stat
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory

from desktop_app.config import sqlite_url
from desktop_app.domain.actors import LOCAL_ADMIN_USERNAME
from desktop_app.services.database import DatabaseOpenError, prepare_database
from desktop_app.store.engine import Database
from desktop_app.store.migrate import (
    DatabaseNewerThanApplication,
    alembic_config,
    current_revision,
    head_revision,
    run_alembic,
)
from desktop_app.store.models import Base
from desktop_app.store.protection import FileKeyStore, open_cipher
from tests.store.revision_data import CHECK, SEED

CJK = re.compile(r"[\u4e00-\u9fff]")


def revisions_base_to_head() -> list[Script]:
    script = ScriptDirectory.from_config(alembic_config())
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def schema_differences(db: Database) -> list:
    with db.read_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def seed(db: Database, revision: str) -> None:
    with db.engine.begin() as connection:
        SEED[revision](connection)


def check(db: Database, revisions: list[str]) -> None:
    with db.read_engine.connect() as connection:
        for revision in revisions:
            CHECK[revision](connection)


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version included), order-independent."""
    with db.read_engine.connect() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        return {
            name: sorted((tuple(repr(value) for value in row) for row in connection.execute(sa.select(table))))
            for name, table in sorted(metadata.tables.items())
        }


def snapshot_of(url: str) -> dict[str, list[tuple]]:
    database = Database(url)
    try:
        return snapshot(database)
    finally:
        database.dispose()


# --- the schema ------------------------------------------------------------------------------


def test_schema_at_head_matches_the_models_exactly(db: Database):
    run_alembic(db, "upgrade", "head")

    assert schema_differences(db) == []
    tables = set(sa.inspect(db.engine).get_table_names())
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_migrations_have_a_single_head_reachable_from_base():
    revisions = revisions_base_to_head()

    assert revisions, "no Alembic revisions found"
    assert revisions[0].down_revision is None
    assert revisions[-1].revision == head_revision()


# --- data through every revision -------------------------------------------------------------


def test_every_revision_has_seed_and_check_data():
    """A new revision without rows in tests/store/revision_data.py fails here, by design."""
    known = {script.revision for script in revisions_base_to_head()}

    assert known - set(SEED) == set(), "revisions without SEED data in tests/store/revision_data.py"
    assert known - set(CHECK) == set(), "revisions without CHECK in tests/store/revision_data.py"
    assert set(SEED) - known == set(), "SEED entries for revisions that do not exist"
    assert set(CHECK) - known == set(), "CHECK entries for revisions that do not exist"


def test_every_revision_downgrades_and_upgrades_again_keeping_earlier_data(db: Database):
    """Base to head one revision at a time: upgrade, step back down with the data of the
    earlier revisions present, up again, add this revision's rows; every row survives to head."""
    seeded: list[str] = []
    for script in revisions_base_to_head():
        run_alembic(db, "upgrade", script.revision)
        assert current_revision(db) == script.revision

        run_alembic(db, "downgrade", "-1")
        assert current_revision(db) == script.down_revision
        check(db, seeded)

        run_alembic(db, "upgrade", script.revision)
        assert current_revision(db) == script.revision
        check(db, seeded)

        seed(db, script.revision)
        seeded.append(script.revision)
        check(db, seeded)

    assert current_revision(db) == head_revision()
    check(db, seeded)
    assert schema_differences(db) == []


def test_every_downgrade_succeeds_with_the_data_of_every_revision_present(db: Database):
    """Head back to base one step at a time with every revision's rows in the tables; the rows
    of the revisions below each step are still intact after it."""
    scripts = revisions_base_to_head()
    for script in scripts:
        run_alembic(db, "upgrade", script.revision)
        seed(db, script.revision)

    for index in reversed(range(len(scripts))):
        run_alembic(db, "downgrade", "-1")
        assert current_revision(db) == scripts[index].down_revision
        check(db, [script.revision for script in scripts[:index]])

    assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    run_alembic(db, "upgrade", "head")
    assert schema_differences(db) == []


# --- opening: prepare_database ---------------------------------------------------------------


def test_prepare_database_creates_a_ready_database(db: Database, tmp_path: Path):
    keystore = FileKeyStore(tmp_path / "keys")

    opened = prepare_database(db, keystore)

    assert opened.created is True
    assert opened.migrated_from is None
    assert current_revision(db) == head_revision()
    with db.read_engine.connect() as connection:
        meta = dict(connection.execute(sa.text("SELECT key, value FROM app_meta")).all())
        occupations = connection.execute(sa.text("SELECT count(*) FROM occupation")).scalar_one()
        active_policies = connection.execute(
            sa.text("SELECT code FROM policy WHERE is_active = :yes"), {"yes": True}
        ).scalars().all()
        admins = connection.execute(
            sa.text("SELECT username FROM app_user WHERE is_builtin = :yes"), {"yes": True}
        ).scalars().all()
        audit = connection.execute(sa.text("SELECT action, entity_id FROM audit_log")).all()
    assert meta["installation_id"] == opened.installation_id
    assert str(uuid.UUID(opened.installation_id)) == opened.installation_id
    key_file = keystore.path_for(opened.installation_id)
    assert key_file.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert open_cipher(keystore, opened.installation_id, meta["key_check"]).check_value == opened.cipher.check_value
    assert occupations > 0
    assert len(active_policies) == 1
    assert admins == [LOCAL_ADMIN_USERNAME]
    assert [tuple(row) for row in audit] == [("database.created", opened.installation_id)]


def test_prepare_database_a_second_time_changes_nothing(database_url: str, tmp_path: Path):
    keystore = FileKeyStore(tmp_path / "keys")
    first_db = Database(database_url)
    first = prepare_database(first_db, keystore)
    first_db.dispose()
    key_file = keystore.path_for(first.installation_id)
    key_bytes = key_file.read_bytes()
    before = snapshot_of(database_url)

    second_db = Database(database_url)
    try:
        second = prepare_database(second_db, keystore)
    finally:
        second_db.dispose()

    assert second.created is False
    assert second.installation_id == first.installation_id
    assert second.migrated_from == head_revision()
    assert second.cipher.check_value == first.cipher.check_value
    assert snapshot_of(database_url) == before
    assert key_file.read_bytes() == key_bytes
    assert sorted(p.name for p in keystore.folder.iterdir()) == [key_file.name]


def test_database_stamped_by_a_newer_version_is_refused_and_left_unchanged(database_url: str, tmp_path: Path):
    keystore = FileKeyStore(tmp_path / "keys")
    setup = Database(database_url)
    prepare_database(setup, keystore)
    with setup.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    setup.dispose()
    before = snapshot_of(database_url)
    file_before = _sqlite_file_bytes(database_url)

    newer = Database(database_url)
    try:
        with pytest.raises(DatabaseNewerThanApplication) as refused:
            prepare_database(newer, keystore)
    finally:
        newer.dispose()

    message = refused.value.message("zh")
    assert "9999" in message and CJK.search(message)
    assert snapshot_of(database_url) == before
    assert _sqlite_file_bytes(database_url) == file_before


def _sqlite_file_bytes(url: str) -> bytes | None:
    database = Database(url)
    path = database.sqlite_path
    database.dispose()
    return path.read_bytes() if path else None


# --- opening: files that are not databases ---------------------------------------------------


def _real_database_bytes(folder: Path) -> bytes:
    path = folder / "source.db"
    database = Database(sqlite_url(path))
    prepare_database(database, FileKeyStore(folder / "source-keys"))
    database.dispose()  # last connection closed: WAL checkpointed into the file
    return path.read_bytes()


NOT_DATABASES = {
    "random_bytes": ("培训记录.db", lambda folder: random.Random(20250301).randbytes(64 * 1024)),
    "truncated_copy": ("skilldesk.db", lambda folder: (data := _real_database_bytes(folder))[: len(data) // 3]),
    "truncated_to_the_header": ("skilldesk-backup.db", lambda folder: _real_database_bytes(folder)[:100]),
    "text_file": ("学员名单.csv", lambda folder: "姓名,身份证号,手机\n张伟,32010619850615321X,13912345678\n".encode("utf-8")),
}


@pytest.mark.parametrize("kind", NOT_DATABASES)
def test_file_that_is_not_a_database_is_refused_in_chinese_and_left_untouched(kind: str, tmp_path: Path):
    name, make_content = NOT_DATABASES[kind]
    content = make_content(tmp_path)
    path = tmp_path / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    keystore = FileKeyStore(tmp_path / "keys")

    database = Database(sqlite_url(path))
    try:
        with pytest.raises(DatabaseOpenError) as refused:
            prepare_database(database, keystore)
    finally:
        database.dispose()

    message = refused.value.message("zh")
    assert CJK.search(message), message
    assert name in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == [name], "no -wal/-shm or other file left beside it"
    assert not keystore.folder.exists(), "no key created for a file that was refused"


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path):
    import sqlite3

    from desktop_app.store.migrate import ForeignDatabase

    path = tmp_path / "wages.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE message (id INTEGER PRIMARY KEY, body TEXT)")
        raw.execute("INSERT INTO message (body) VALUES ('hello')")
    before = path.read_bytes()
    db = Database(f"sqlite:///{path}")
    try:
        with pytest.raises(ForeignDatabase) as refused:
            prepare_database(db, FileKeyStore(tmp_path / "keys"))
    finally:
        db.dispose()
    assert "不是 SkillDesk 的数据库" in refused.value.message("zh")
    assert path.read_bytes() == before
    assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())


def test_schema_head_constant_matches_the_migration_scripts():
    from desktop_app.store.migrate import SCHEMA_HEAD, head_revision

    assert SCHEMA_HEAD == head_revision()
