"""One number every write transaction raises, so an open window notices changes made elsewhere.

The command line, a second window, or another PC on the same PostgreSQL database changes
records this window does not know about. Re-reading every screen on a timer would be costly;
instead every committed write transaction raises the `change_counter` row of app_meta by one
(in the same transaction, so the number never runs ahead of the data), and the window reads
that one row every few seconds. The row is created on the first write; a database that has
none yet reads as 0.

A transaction counts as a write when its session flushed ORM changes or executed an ORM
insert/update/delete statement; the raise itself goes through the connection, unseen by the
session's events.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

__all__ = ["COUNTER_KEY", "bump", "read", "watch"]

COUNTER_KEY = "change_counter"
_WROTE = "skilldesk_wrote"


def watch(factory: sessionmaker) -> None:
    """Mark each session from `factory` that writes (see the module docstring)."""

    @event.listens_for(factory, "after_flush")
    def _flushed(session: Session, _context) -> None:
        session.info[_WROTE] = True

    @event.listens_for(factory, "do_orm_execute")
    def _executed(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info[_WROTE] = True


def wrote(session: Session) -> bool:
    return bool(session.info.get(_WROTE))


def bump(session: Session) -> None:
    """Raise the counter by one inside the session's transaction (created at 1 the first time)."""
    connection = session.connection()
    raised = connection.execute(
        text("UPDATE app_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)) WHERE key = :key"),
        {"key": COUNTER_KEY})
    if raised.rowcount:
        return
    # Two PCs writing for the first time at once: one insert wins, the other raises instead.
    savepoint = connection.begin_nested()
    try:
        connection.execute(text("INSERT INTO app_meta (key, value) VALUES (:key, '1')"), {"key": COUNTER_KEY})
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()
        connection.execute(
            text("UPDATE app_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)) WHERE key = :key"),
            {"key": COUNTER_KEY})


def read(session: Session) -> int:
    value = session.execute(text("SELECT value FROM app_meta WHERE key = :key"), {"key": COUNTER_KEY}).scalar()
    try:
        return int(value) if value is not None else 0
    except ValueError:  # a damaged row: treated as no change seen; the next write repairs nothing
        return 0
