"""The facade the GUI and CLI hold: one open database, its cipher and the acting user."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.actors import Actor
from desktop_app.platform.reachability import platform_reachable
from desktop_app.services.database import OpenedDatabase
from desktop_app.services.status import StatusSnapshot, status_snapshot
from desktop_app.store.engine import Database
from desktop_app.store.protection import PersonalDataCipher


@dataclass
class Desk:
    """What a window or a command works on. Use cases are reached through it, so callers
    never open a database session themselves (Anki's Collection plays the same part)."""

    db: Database
    cipher: PersonalDataCipher
    actor: Actor
    opened: OpenedDatabase

    @classmethod
    def from_opened(cls, opened: OpenedDatabase) -> "Desk":
        return cls(db=opened.db, cipher=opened.cipher, actor=opened.actor, opened=opened)

    @property
    def database_name(self) -> str:
        return self.db.display_name()

    def status(self) -> StatusSnapshot:
        return status_snapshot(self.db)

    def platform_online(self, platform_url: str | None) -> bool:
        """Slow (network): call from a background task, never from the UI thread."""
        return platform_reachable(platform_url)

    def close(self) -> None:
        self.db.dispose()
