"""The device's signing key as the services use it: loaded (or made) once, its public half
recorded in the database so certificates and batches can be verified later, offline."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.actors import Actor
from desktop_app.platform.device_keys import DeviceKey, load_or_create_device_key
from desktop_app.services import audit
from desktop_app.store.engine import Database
from desktop_app.store.models import DeviceKey as DeviceKeyRow


def ensure_device_key(db: Database, key_dir: Path, *, actor: Actor) -> DeviceKey:
    key = load_or_create_device_key(key_dir)
    with db.writing() as session:
        if session.get(DeviceKeyRow, key.key_id) is None:
            session.add(DeviceKeyRow(key_id=key.key_id, public_key_pem=key.public_key_pem, own=True))
            audit.record(session, actor, "device_key.registered", entity_type="device_key", entity_id=key.key_id)
    return key


def public_key_for(db: Database, key_id: str) -> str | None:
    with db.reading() as session:
        row = session.get(DeviceKeyRow, key_id)
        return row.public_key_pem if row else None
