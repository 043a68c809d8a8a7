"""The append-only audit log: each entry carries the hash of the one before it (a chain)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, text
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


@dataclass(frozen=True)
class AuditItem:
    action: str
    entity_type: str | None = None
    entity_id: object = None
    class_id: int | None = None
    details: dict | None = None


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    entity_type: str | None = None,
    entity_id: object = None,
    class_id: int | None = None,
    details: dict | None = None,
) -> str:
    """Append an entry in the caller's transaction, so it commits (or not) with the change itself.
    Returns the entry's hash."""
    return record_many(session, actor, [AuditItem(action, entity_type, entity_id, class_id, details)])[0]


def record_many(session: Session, actor: Actor, items: Sequence[AuditItem]) -> list[str]:
    """Append several entries at once (a roster import enrols hundreds), chained in order."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders so two PCs cannot both chain onto the same previous entry.
        session.execute(text("SELECT pg_advisory_xact_lock(7413001)"))
    session.flush()
    prev_hash = session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS_HASH
    entries = []
    for item in items:
        occurred_at = utcnow()
        details = item.details or {}
        entity = None if item.entity_id is None else str(item.entity_id)
        entry_hash = entry_digest(prev_hash, occurred_at, actor.username, actor.user_id, item.action,
                                  item.entity_type, entity, item.class_id, details)
        entries.append({
            "occurred_at": occurred_at, "actor_user_id": actor.user_id, "actor_name": actor.username,
            "action": item.action, "entity_type": item.entity_type, "entity_id": entity, "class_id": item.class_id,
            "details": details, "prev_hash": prev_hash, "entry_hash": entry_hash,
        })
        prev_hash = entry_hash
    if entries:
        # Core insert: an import writes thousands of entries, ten times faster than ORM objects.
        session.connection().execute(insert(AuditEntry.__table__), entries)
    return [entry["entry_hash"] for entry in entries]
