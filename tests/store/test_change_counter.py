"""The change counter: every committed write raises it, reading does not, another handle sees it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from desktop_app.store.engine import Database
from desktop_app.store.models import AppMeta
from desktop_app.store.migrate import upgrade_to_head


def test_every_committed_write_raises_the_counter_once(db: Database):
    upgrade_to_head(db)
    assert db.change_count() == 0
    with db.writing() as session:
        session.add(AppMeta(key="a", value="1"))
        session.flush()
        session.add(AppMeta(key="b", value="2"))  # two flushes, one transaction: one step
    assert db.change_count() == 1
    with db.writing() as session:
        session.execute(sa.update(AppMeta).where(AppMeta.key == "a").values(value="3"))  # an ORM-enabled update
    assert db.change_count() == 2
    assert db.own_writes == 2


def test_reading_and_empty_or_failed_writes_leave_it(db: Database):
    upgrade_to_head(db)
    with db.writing() as session:
        session.get(AppMeta, "nothing")  # a write block that only read
    with db.reading() as session:
        session.add(AppMeta(key="discarded", value="x"))
        session.flush()
    with pytest.raises(RuntimeError):
        with db.writing() as session:
            session.add(AppMeta(key="half", value="x"))
            session.flush()
            raise RuntimeError("stopped")
    assert db.change_count() == 0 and db.own_writes == 0


def test_another_handle_sees_the_change_and_does_not_count_it_as_its_own(database_url: str):
    window, command_line = Database(database_url), Database(database_url)
    try:
        upgrade_to_head(window)
        before = window.change_count()
        with command_line.writing() as session:
            session.add(AppMeta(key="from_the_cli", value="x"))
        assert window.change_count() == before + 1
        assert window.own_writes == 0 and command_line.own_writes == 1
    finally:
        window.dispose()
        command_line.dispose()
