"""Shared fixtures: real SQLite files in tmp_path, real keys, Qt offscreen, Chinese by default."""

from __future__ import annotations

import os

# Must happen before anything imports Qt: with no display, Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
for variable in ("SKILLDESK_DATABASE_URL", "SKILLDESK_PLATFORM_URL", "SKILLDESK_LANG", "SKILLDESK_HOME"):
    os.environ.pop(variable, None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from desktop_app import messages  # noqa: E402
from desktop_app.bootstrap import open_office  # noqa: E402
from desktop_app.config import Settings, load_settings  # noqa: E402

pytest_plugins = ["tests.platform_server.fixtures"]


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each test gets its own data folder, and Chinese messages, whatever ran before."""
    monkeypatch.setenv("SKILLDESK_DATA_DIR", str(tmp_path / "data"))
    # Never touch a developer's real keyring; the keyring path is tested with an explicit backend.
    monkeypatch.setenv("SKILLDESK_KEYRING", "0")
    monkeypatch.delenv("SKILLDESK_KEY_DIR", raising=False)
    messages.set_language("zh")
    yield
    messages.set_language("zh")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a fresh SQLite database file in this test's folder."""
    return load_settings(db_path=tmp_path / "data" / "skilldesk.db", data_dir=tmp_path / "data")


@pytest.fixture
def office(settings: Settings):
    """A freshly created, migrated and initialised database with its key."""
    opened = open_office(settings)
    yield opened
    opened.close()


def pytest_sessionfinish(session, exitstatus):
    """Collect Python wrappers of Qt objects while Qt is still alive: left to interpreter
    shutdown, PySide6 can free them in the wrong order and abort the process after the
    tests have passed ("bool_dealloc" during finalization)."""
    import gc

    gc.collect()
