"""Store fixtures: a database URL per backend (a SQLite file in tmp_path, or a fresh PostgreSQL
database on the server the tests start themselves), and a `Database` on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.config import sqlite_url
from desktop_app.store.engine import Database
from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401  (fixtures)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend; the PostgreSQL server starts only if a test needs it."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "db" / "skilldesk.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = Database(sqlite_url(tmp_path / "db" / "skilldesk.db"))
    yield database
    database.dispose()
