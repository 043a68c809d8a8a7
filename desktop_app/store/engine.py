"""Engines and units of work: SQLite pragmas (WAL, foreign keys), read and write transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app import messages
from desktop_app.store import change_counter

messages.register(
    {
        "db.bad_url": (
            "数据库地址“{url}”无法识别。SQLite 数据库请给出文件路径；PostgreSQL 请用 "
            "postgresql+psycopg://用户名@服务器/数据库名 的形式。",
            "The database address “{url}” is not understood. For an SQLite database give the file's path; for "
            "PostgreSQL use postgresql+psycopg://user@server/database.",
        ),
        "db.busy": (
            "另一个窗口或另一台电脑正在写入数据库“{database}”，等待 {seconds} 秒后仍未完成，所以这次没有保存任何内容。"
            "请等对方的导入或上传结束后再试一次。",
            "Another window or another PC is writing to the database “{database}” and had not finished after "
            "{seconds} seconds, so nothing was saved this time. Try again when their import or upload has ended.",
        ),
    }
)

# How long a writer waits for another window's (or PC's) write to end before giving up with
# "db.busy". Long enough for an ordinary save elsewhere; a 100 000-row import is not.
BUSY_TIMEOUT_MS = 15_000


class DatabaseUrlError(messages.UserFacingError):
    pass


class DatabaseBusyError(messages.UserFacingError):
    """Another connection held the write lock for longer than `BUSY_TIMEOUT_MS`."""


def _is_busy(error: OperationalError) -> bool:
    # SQLite reports SQLITE_BUSY as "database is locked" (and "database table is locked" for
    # shared-cache locks); PostgreSQL's lock_timeout is SQLSTATE 55P03.
    original = getattr(error, "orig", None)
    return "is locked" in str(original) or getattr(original, "sqlstate", None) == "55P03"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Take transaction control away from pysqlite so that BEGIN is ours to emit (SQLAlchemy
    # docs, "Serializable isolation / Savepoints / Transactional DDL" for pysqlite).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Journal mode is not set here: it is written into the file, and a file someone picked by
    # mistake must stay untouched until we know it is ours (see Database.use_wal).
    # NORMAL with WAL never corrupts on power loss and loses at most the last transaction.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Two windows (or the uploader and the grid) may write at once: wait rather than fail.
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cursor.close()


def _make_sqlite_engine(url, *, immediate: bool, echo: bool) -> Engine:
    engine = create_engine(url, echo=echo)
    event.listen(engine, "connect", _sqlite_pragmas)
    # A deferred BEGIN lets two writers both read and then collide when upgrading to a write
    # lock (SQLITE_BUSY at once, busy_timeout not honoured). Writers therefore BEGIN
    # IMMEDIATE and queue; readers keep a deferred BEGIN so a long write never blocks them.
    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


class Database:
    """The one handle services receive: a write engine, a read engine, units of work."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        try:
            self.url = make_url(url)
            self._create_engines(echo)
        except (ArgumentError, NoSuchModuleError, ValueError):
            # Never echo a password that may be inside the URL.
            shown = self.url.render_as_string(hide_password=True) if hasattr(self, "url") else str(url).split("@")[-1]
            raise DatabaseUrlError("db.bad_url", url=shown) from None
        self._write_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=self.read_engine, expire_on_commit=False)
        change_counter.watch(self._write_sessions)
        # Write transactions this handle committed (each raised the change counter by one): the
        # window tells its own changes from changes made elsewhere by comparing the two.
        self._own_writes = 0
        self._own_writes_lock = threading.Lock()

    def _create_engines(self, echo: bool) -> None:
        if self.url.get_backend_name() == "sqlite":
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = _make_sqlite_engine(self.url, immediate=True, echo=echo)
            self.read_engine = _make_sqlite_engine(self.url, immediate=False, echo=echo)
        else:
            self.engine = create_engine(self.url, echo=echo, pool_pre_ping=True)
            self.read_engine = self.engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def use_wal(self) -> None:
        """Switch a SkillDesk SQLite file to write-ahead logging (persistent in the file): the
        UI can then read while a background task writes."""
        if self.is_sqlite and self.sqlite_path is not None:
            # On the raw connection: SQLAlchemy would wrap it in BEGIN, and SQLite refuses to
            # change the journal mode inside a transaction.
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA journal_mode=WAL")
            finally:
                raw.close()

    def display_name(self) -> str:
        """What the status bar shows: the file name, or the server and database name."""
        if self.is_sqlite:
            path = self.sqlite_path
            return path.name if path else ":memory:"
        return f"{self.url.get_backend_name()}://{self.url.host or 'localhost'}/{self.url.database}"

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends normally, rolled back otherwise."""
        session = self._write_sessions()
        try:
            yield session
            session.flush()
            counted = change_counter.wrote(session)
            if counted:
                change_counter.bump(session)
            session.commit()
            if counted:
                with self._own_writes_lock:
                    self._own_writes += 1
        except OperationalError as error:
            session.rollback()
            if _is_busy(error):
                raise DatabaseBusyError("db.busy", database=self.display_name(),
                                        seconds=f"{BUSY_TIMEOUT_MS / 1000:g}") from None
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only snapshot; anything written in it is discarded."""
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @property
    def own_writes(self) -> int:
        """How many write transactions this handle has committed since it was opened."""
        with self._own_writes_lock:
            return self._own_writes

    def change_count(self) -> int:
        """The database's change counter (store/change_counter.py): one small read."""
        with self.reading() as session:
            return change_counter.read(session)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
