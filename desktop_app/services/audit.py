"""The append-only audit log: each entry carries the hash of the one before it (a chain).

The hash is an HMAC keyed with a secret derived from the database's key (the key folder), so
someone who edits rows and recomputes the chain with this source code still cannot produce
hashes that verify. Entries written before the chain was keyed keep their plain SHA-256; the
first keyed entry is remembered in app_meta, and from it on every entry must be keyed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from desktop_app.domain.actors import Actor
from desktop_app.store.engine import Database
from desktop_app.store.models import AppMeta, AuditEntry, utcnow

GENESIS_HASH = "0" * 64
META_KEYED_FROM = "audit_keyed_from"  # app_meta: the hash of the first keyed entry

# The audit key of each open database, by its write engine (set when the database's key is
# proven at opening; an engine that was never given one writes plain hashes, as before).
_KEYS: "weakref.WeakKeyDictionary[Engine, bytes]" = weakref.WeakKeyDictionary()


def use_key(db: Database, key: bytes) -> None:
    """Key every entry written through `db` from now on."""
    _KEYS[db.engine] = key


def key_of(db: Database) -> bytes | None:
    return _KEYS.get(db.engine)


def entry_digest(prev_hash: str, occurred_at: datetime, actor_name: str, actor_user_id: int | None,
                 action: str, entity_type: str | None, entity_id: str | None, class_id: int | None,
                 details: dict, *, key: bytes | None = None) -> str:
    """HMAC-SHA256 with `key` (SHA-256 without one) over a canonical JSON of the entry's content
    and the previous entry's hash."""
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
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    if key is not None:
        return hmac.new(key, canonical, hashlib.sha256).hexdigest()
    return hashlib.sha256(canonical).hexdigest()


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
    key = _KEYS.get(session.get_bind())
    first_keyed = key is not None and session.get(AppMeta, META_KEYED_FROM) is None
    entries = []
    for item in items:
        occurred_at = utcnow()
        details = item.details or {}
        entity = None if item.entity_id is None else str(item.entity_id)
        entry_hash = entry_digest(prev_hash, occurred_at, actor.username, actor.user_id, item.action,
                                  item.entity_type, entity, item.class_id, details, key=key)
        entries.append({
            "occurred_at": occurred_at, "actor_user_id": actor.user_id, "actor_name": actor.username,
            "action": item.action, "entity_type": item.entity_type, "entity_id": entity, "class_id": item.class_id,
            "details": details, "prev_hash": prev_hash, "entry_hash": entry_hash,
        })
        prev_hash = entry_hash
    if entries:
        # Core insert: an import writes thousands of entries, ten times faster than ORM objects.
        session.connection().execute(insert(AuditEntry.__table__), entries)
        if first_keyed:
            session.add(AppMeta(key=META_KEYED_FROM, value=entries[0]["entry_hash"]))
    return [entry["entry_hash"] for entry in entries]


def head(session: Session) -> dict | None:
    """The newest entry's place and hash (`{"entry": id, "hash": …}`), None for an empty log."""
    row = session.execute(select(AuditEntry.id, AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return None if row is None else {"entry": row.id, "hash": row.entry_hash}
