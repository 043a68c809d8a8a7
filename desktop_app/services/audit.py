"""The append-only audit log: each entry carries the hash of the one before it (a chain)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop_app.domain.actors import Actor
from desktop_app.store.models import AuditEntry, utcnow

GENESIS_HASH = "0" * 64


def entry_digest(prev_hash: str, occurred_at: datetime, actor_name: str, actor_user_id: int | None,
                 action: str, entity_type: str | None, entity_id: str | None, class_id: int | None,
                 details: dict) -> str:
    """SHA-256 over a canonical JSON of the entry's content and the previous entry's hash."""
    body = {
        "prev": prev_hash,
        "at": occurred_at.isoformat(timespec="microseconds"),
        "actor": actor_name,
        "actor_id": actor_user_id,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "class_id": class_id,
        "details": details,
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    entity_type: str | None = None,
    entity_id: object = None,
    class_id: int | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction, so it commits (or not) with the change itself."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders so two PCs cannot both chain onto the same previous entry.
        session.execute(text("SELECT pg_advisory_xact_lock(7413001)"))
    prev_hash = session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS_HASH
    occurred_at = utcnow()
    details = details or {}
    entity = None if entity_id is None else str(entity_id)
    entry = AuditEntry(
        occurred_at=occurred_at,
        actor_user_id=actor.user_id,
        actor_name=actor.username,
        action=action,
        entity_type=entity_type,
        entity_id=entity,
        class_id=class_id,
        details=details,
        prev_hash=prev_hash,
        entry_hash=entry_digest(prev_hash, occurred_at, actor.username, actor.user_id, action,
                                entity_type, entity, class_id, details),
    )
    session.add(entry)
    session.flush()
    return entry
