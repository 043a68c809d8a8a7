"""Engines and units of work: the SQLite pragmas are really in effect, writers queue instead of
failing, and a read unit of work never writes."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from desktop_app.store.engine import Database
from desktop_app.store.migrate import upgrade_to_head
from desktop_app.store.models import AppMeta

EXPECTED_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 15000, "synchronous": 1}


@pytest.mark.parametrize("engine_name", ["engine", "read_engine"])
def test_sqlite_pragmas_are_in_effect_on_every_connection_of_both_engines(sqlite_db: Database, engine_name: str):
    # WAL is written into the file once the file is known to be ours (prepare_database does it).
    sqlite_db.use_wal()
    engine = getattr(sqlite_db, engine_name)
    # Pragmas are per connection: hold the first one checked out so the pool opens a second.
    with engine.connect() as first:
        assert _pragmas(first) == EXPECTED_PRAGMAS
        first.rollback()  # the write engine's BEGIN IMMEDIATE would otherwise block the second
        with engine.connect() as second:
            assert second.connection.dbapi_connection is not first.connection.dbapi_connection
            assert _pragmas(second) == EXPECTED_PRAGMAS


def _pragmas(connection) -> dict:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED_PRAGMAS}


def test_foreign_keys_are_enforced_on_sqlite(sqlite_db: Database):
    upgrade_to_head(sqlite_db)

    with pytest.raises(sa.exc.IntegrityError):
        with sqlite_db.writing() as session:
            session.execute(sa.text(
                "INSERT INTO teacher (institution_id, name, is_active) VALUES (4242, '李建国', 1)"
            ))


def test_two_threads_writing_at_once_both_succeed_and_queue(sqlite_db: Database):
    """Read-then-write from two threads released together: with BEGIN IMMEDIATE the second
    writer waits for the first (busy_timeout) instead of failing with "database is locked",
    and neither increment is lost."""
    with sqlite_db.writing() as session:
        session.execute(sa.text("CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"))
        session.execute(sa.text("INSERT INTO counter VALUES ('enrolments', 0)"))
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    spans: dict[str, tuple[float, float]] = {}

    def writer(name: str) -> None:
        try:
            start.wait(timeout=10)
            with sqlite_db.writing() as session:
                # The session begins (BEGIN IMMEDIATE) at its first statement, not at `with`.
                value = session.execute(sa.text("SELECT value FROM counter WHERE name = 'enrolments'")).scalar_one()
                began = time.monotonic()
                time.sleep(0.3)  # hold the transaction open while the other thread tries to write
                session.execute(sa.text("UPDATE counter SET value = :v WHERE name = 'enrolments'"), {"v": value + 1})
                session.execute(sa.text("INSERT INTO counter VALUES (:name, 1)"), {"name": name})
            spans[name] = (began, time.monotonic())
        except BaseException as error:  # noqa: BLE001 - reported to the main thread below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(f"writer-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    with sqlite_db.reading() as session:
        rows = dict(session.execute(sa.text("SELECT name, value FROM counter")).all())
    assert rows == {"enrolments": 2, "writer-0": 1, "writer-1": 1}
    (first_start, first_end), (second_start, second_end) = sorted(spans.values())
    assert second_start >= first_end - 0.05, "the two write transactions overlapped"


def test_reading_discards_anything_written_in_it(db: Database):
    upgrade_to_head(db)

    with db.reading() as session:
        session.add(AppMeta(key="written_while_reading", value="orm"))
        session.flush()
        session.execute(sa.insert(AppMeta).values(key="core_while_reading", value="core"))
        assert session.get(AppMeta, "written_while_reading") is not None

    with db.reading() as session:
        assert session.scalars(sa.select(AppMeta.key)).all() == []


def test_writing_commits_at_the_end_of_the_block(db: Database):
    upgrade_to_head(db)

    with db.writing() as session:
        session.add(AppMeta(key="installation_id", value="3d0c6f7e-8b1a-4c2d-9e3f-5a6b7c8d9e0f"))

    with db.reading() as session:
        assert session.get(AppMeta, "installation_id").value == "3d0c6f7e-8b1a-4c2d-9e3f-5a6b7c8d9e0f"


def test_writing_rolls_back_when_the_block_raises(db: Database):
    upgrade_to_head(db)

    with pytest.raises(RuntimeError, match="导入中断"):
        with db.writing() as session:
            session.add(AppMeta(key="half_done", value="x"))
            session.flush()
            raise RuntimeError("导入中断")

    with db.reading() as session:
        assert session.get(AppMeta, "half_done") is None


def test_opening_a_connection_does_not_switch_a_file_to_wal(sqlite_db: Database):
    """Journal mode is persistent in the file: a file picked by mistake must not be changed."""
    with sqlite_db.read_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
