"""Wiring without Qt: settings → database → services, shared by the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.config import Settings
from desktop_app.domain.actors import Actor
from desktop_app.services.database import OpenedDatabase, prepare_database
from desktop_app.store.engine import Database
from desktop_app.store.protection import FileKeyStore, PersonalDataCipher


@dataclass
class Workspace:
    """Everything a use case may need, built once per process by `open_workspace`."""

    settings: Settings
    db: Database
    cipher: PersonalDataCipher
    actor: Actor
    opened: OpenedDatabase

    def close(self) -> None:
        self.db.dispose()


def open_workspace(settings: Settings) -> Workspace:
    """Open (creating and migrating if needed) the configured database, proving its key."""
    db = Database(settings.database_url)
    try:
        opened = prepare_database(db, FileKeyStore(settings.key_dir))
    except BaseException:
        db.dispose()
        raise
    return Workspace(settings=settings, db=db, cipher=opened.cipher, actor=opened.actor, opened=opened)
