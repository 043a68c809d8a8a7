"""One SQLite file, one window writing for a long time: the others keep reading, and a write
that cannot wait any longer says why in words (no "database is locked" traceback)."""

from __future__ import annotations

import sqlite3
import time

import pytest

from desktop_app.bootstrap import open_office
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.services.attendance import session_grid, set_mark
from desktop_app.services.certificates import class_certificates
from desktop_app.services.classes import list_classes
from desktop_app.store.engine import DatabaseBusyError
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)


def _hold_the_write_lock(path):
    """What another window in the middle of a long import does to the file."""
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE app_meta SET value = value WHERE key = 'installation_id'")
    return holder


def test_reading_while_another_window_writes_opens_and_lists_at_once(settings, office, running):  # noqa: F811
    holder = _hold_the_write_lock(office.db.sqlite_path)
    try:
        started = time.monotonic()
        seat = open_office(settings)
        try:
            assert [c.code for c in list_classes(seat.db)] == ["2026-JZ01"]
            assert class_certificates(seat.db, "2026-JZ01") == []
        finally:
            seat.close()
        assert time.monotonic() - started < 5, "opening and reading must not queue behind the writer"
    finally:
        holder.rollback()
        holder.close()


def test_a_write_that_waits_too_long_says_another_window_is_writing(settings, office, running, monkeypatch):  # noqa: F811
    from desktop_app.store import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    seat = open_office(settings)
    detail, _persons = running
    holder = _hold_the_write_lock(office.db.sqlite_path)
    try:
        with pytest.raises(DatabaseBusyError) as caught:
            set_mark(seat.db, actor=seat.actor, session_id=detail.sessions[0].id,
                     enrolment_id=session_grid(seat.db, detail.sessions[0].id, now=detail.sessions[0].starts_at).rows[0].enrolment_id,
                     value=MarkValue(AttendanceStatus.PRESENT), now=detail.sessions[0].starts_at)
        text = caught.value.message("zh")
        assert "另一个窗口或另一台电脑" in text and "skilldesk.db" in text and "Traceback" not in text
        assert "another window or another pc" in caught.value.message("en").lower()
    finally:
        holder.rollback()
        holder.close()
        seat.close()
