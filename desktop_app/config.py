"""Settings: where the data lives, which database, which platform, which language. No Qt.

The person's own choices in settings.json are `desktop_app.preferences.Preferences`; `Settings`
is what start-up makes of them together with the command line and the environment."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from desktop_app import messages
from desktop_app.preferences import Preferences

APP_NAME = "SkillDesk"
APP_AUTHOR = "SkillDesk"
DEFAULT_DB_FILENAME = "skilldesk.db"
SETTINGS_FILENAME = "settings.json"


def default_data_dir() -> Path:
    """The user's data directory (e.g. %LOCALAPPDATA%\\SkillDesk on Windows); SKILLDESK_DATA_DIR overrides."""
    override = os.environ.get("SKILLDESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


@dataclass(frozen=True)
class Settings:
    """Everything the composition root needs to know to wire the application."""

    data_dir: Path
    database_url: str
    key_dir: Path
    language: str = messages.DEFAULT_LANGUAGE
    platform_url: str | None = None
    # settings.json as read at start-up, checked; `language` and `platform_url` above are what
    # the command line and the environment made of it.
    preferences: Preferences = field(default_factory=Preferences)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        raw = self.database_url.split(":///", 1)[1] if ":///" in self.database_url else ""
        return Path(raw) if raw and raw != ":memory:" else None

    @property
    def settings_file(self) -> Path:
        return self.data_dir / SETTINGS_FILENAME

    def with_language(self, language: str) -> "Settings":
        return replace(self, language=messages.normalise_language(language))


def load_settings(
    *,
    db_path: str | os.PathLike[str] | None = None,
    database_url: str | None = None,
    language: str | None = None,
    data_dir: Path | None = None,
) -> Settings:
    """Settings from explicit arguments, then the environment, then settings.json, then defaults."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    stored = Preferences.load(data_dir / SETTINGS_FILENAME)
    if db_path is not None:
        url = sqlite_url(Path(db_path))
    else:
        url = database_url or os.environ.get("SKILLDESK_DATABASE_URL") or sqlite_url(data_dir / DEFAULT_DB_FILENAME)
    lang = language or os.environ.get("SKILLDESK_LANG") or stored.language
    key_dir = Path(os.environ.get("SKILLDESK_KEY_DIR") or data_dir / "keys")
    platform_url = os.environ.get("SKILLDESK_PLATFORM_URL") or stored.platform_url
    return Settings(
        data_dir=data_dir,
        database_url=url,
        key_dir=key_dir,
        language=messages.normalise_language(lang),
        platform_url=str(platform_url) if platform_url else None,
        preferences=stored,
    )


def read_settings_file(path: Path) -> dict[str, object]:
    """settings.json as stored, undecoded; a damaged file is ignored rather than blocking start-up.
    Read preferences through `desktop_app.preferences.Preferences`, which checks them; this raw view
    remains only for callers not yet moved there."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
