"""The device's signing key as the services use it: loaded (or made) once, its public half
recorded in the database so certificates and batches can be verified later, offline."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.batches import PENDING_STATES, BatchState
from desktop_app.domain.permissions import Permission, require
from desktop_app.platform.client import PlatformClient, PlatformError, PlatformRefused
from desktop_app.platform.device_keys import (
    DeviceKey,
    DeviceKeyError,
    device_key_location,
    load_device_key,
    load_or_create_device_key,
    load_or_create_next_key,
    promote_next_key,
)
from desktop_app.platform.protocol import rotation_statement
from desktop_app.services import audit
from desktop_app.services import outbox
from desktop_app.services.outbox import (
    META_PLATFORM_URL,
    META_REGISTERED_KEY_ID,
    META_STOPPED,
    error_words,
)
from desktop_app.services.sealing import META_DEVICE_ID, reissue_batch
from desktop_app.store.engine import Database
from desktop_app.store.protection import PersonalDataCipher
from desktop_app.store.models import AppMeta, OutboxBatch
from desktop_app.store.models import DeviceKey as DeviceKeyRow


messages.register(
    {
        "device_key.lost": (
            "本机的签名密钥 {key_id} 不见了：{where} 中已经没有它，没有签名任何东西，也没有生成新密钥。"
            "请从备份恢复密钥文件夹；无法恢复时，请管理员重新登记本机（向省平台申请新的登记码），"
            "未登记的电脑由管理员更换签名密钥，那时才会生成新密钥。",
            "This computer's signing key {key_id} is gone: {where} no longer holds it. Nothing was signed and no new "
            "key was made. Restore the key folder from a backup; if that is not possible, an administrator registers "
            "this computer again (with a new enrolment code from the platform) — or, on a computer never registered, "
            "changes the signing key — and only then is a new key made.",
        ),
        "keys.rotate_lost_registered": (
            "本机的签名密钥已丢失，旧密钥无法为新密钥作证，省平台不会接受更换。请向省平台申请新的登记码，重新登记本机。",
            "The signing key is lost, so it cannot vouch for a new one and the platform would not accept the change. "
            "Ask the platform for a new enrolment code and register this computer again.",
        ),
    }
)


def lost_key_id(db: Database, key_dir: Path) -> str | None:
    """The id of the key this database signs with when its store no longer holds it (a deleted
    key file, a wiped keyring); None while the key is there or none was ever made."""
    if load_device_key(key_dir) is not None:
        return None
    with db.reading() as session:
        registered = session.scalar(select(AppMeta.value).where(AppMeta.key == META_REGISTERED_KEY_ID))
        if registered:
            return registered
        return session.scalar(select(DeviceKeyRow.key_id).where(DeviceKeyRow.own.is_(True),
                                                                DeviceKeyRow.retired_at.is_(None))
                              .order_by(DeviceKeyRow.created_at.desc()).limit(1))


def lost_key_words(key_dir: Path, key_id: str) -> str:
    return messages.render("device_key.lost", key_id=key_id, where=device_key_location(key_dir))


def ensure_device_key(db: Database, key_dir: Path, *, actor: Actor) -> DeviceKey:
    """The device key; made on first use only. A key the database knows but the key store lost is
    never silently replaced: certificates and batches signed with a new key would not verify
    against what the platform registered, so a person decides (restore, or register again)."""
    lost = lost_key_id(db, key_dir)
    if lost is not None:
        raise DeviceKeyError("device_key.lost", key_id=lost, where=device_key_location(key_dir))
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


messages.register(
    {
        "keys.rotate_pending": (
            "还有 {count} 个批次等待上传，它们是用当前密钥签名的。请先上传（或等待回执），再更换密钥。",
            "{count} batch(es) signed with the current key are still waiting; upload them (or wait for their "
            "receipts) before changing the key.",
        ),
        "keys.rotate_unregistered": (
            "本机还没有在省平台登记，直接登记即可，不需要更换密钥。",
            "This computer is not registered with the platform yet: register it; no key change is needed.",
        ),
        "keys.rotate_refused": (
            "省平台没有接受新密钥：{reason}",
            "The platform did not accept the new key: {reason}",
        ),
    }
)


def rotate_device_key(db: Database, key_dir: Path, *, actor: Actor, client=None) -> DeviceKey:
    """Replace the device key: the old key signs the new one, the platform records the change,
    then the new key becomes the one that signs. Refused while batches signed by the old key
    still wait, since the platform accepts new uploads only under the new key."""
    require(actor, Permission.MANAGE_DEVICE)
    lost = lost_key_id(db, key_dir)
    if lost is not None:
        return _replace_lost_unregistered_key(db, key_dir, lost, actor=actor)
    old = load_or_create_device_key(key_dir)
    with db.reading() as session:
        pending = session.scalar(select(func.count()).select_from(OutboxBatch)
                                 .where(OutboxBatch.state.in_(PENDING_STATES))) or 0
        device_id, url = (session.scalar(select(AppMeta.value).where(AppMeta.key == name))
                          for name in (META_DEVICE_ID, META_PLATFORM_URL))
    if pending:
        raise messages.UserFacingError("keys.rotate_pending", count=pending)
    if device_id is None or url is None:
        raise messages.UserFacingError("keys.rotate_unregistered")
    new = load_or_create_next_key(key_dir)
    signature = old.sign(rotation_statement(device_id=device_id, new_key_id=new.key_id,
                                            new_public_key_pem=new.public_key_pem))
    own = client is None
    client = client or PlatformClient(url)
    try:
        client.rotate_key(device_id=device_id, old_key_id=old.key_id, new_key_id=new.key_id,
                          new_public_key_pem=new.public_key_pem, signature=signature)
    except PlatformRefused as refused:
        raise messages.UserFacingError("keys.rotate_refused", reason=error_words(refused.code)) from None
    except PlatformError:
        raise messages.UserFacingError("sync.offline") from None
    finally:
        if own:
            client.close()
    promoted = promote_next_key(key_dir, old.key_id)
    with db.writing() as session:
        previous = session.get(DeviceKeyRow, old.key_id)
        if previous is not None:
            previous.retired_at = datetime.now(timezone.utc)
        session.add(DeviceKeyRow(key_id=promoted.key_id, public_key_pem=promoted.public_key_pem, own=True,
                                 previous_key_id=old.key_id, rotation_signature=signature))
        meta = session.get(AppMeta, META_REGISTERED_KEY_ID)
        if meta is not None:
            meta.value = promoted.key_id
        audit.record(session, actor, "device_key.rotated", entity_type="device_key", entity_id=promoted.key_id,
                     details={"previous": old.key_id})
    return promoted


def _replace_lost_unregistered_key(db: Database, key_dir: Path, lost: str, *, actor: Actor) -> DeviceKey:
    """A person asked for a new key after the old one was lost. A registered computer must
    register again (the platform accepts a new key only signed by the old one, or with a new
    enrolment code); one never registered simply starts signing with a new key."""
    with db.reading() as session:
        registered = session.scalar(select(AppMeta.value).where(AppMeta.key == META_DEVICE_ID))
    if registered:
        raise messages.UserFacingError("keys.rotate_lost_registered")
    new = load_or_create_next_key(key_dir)
    promoted = promote_next_key(key_dir, lost)
    with db.writing() as session:
        previous = session.get(DeviceKeyRow, lost)
        if previous is not None and previous.retired_at is None:
            previous.retired_at = datetime.now(timezone.utc)
        if session.get(DeviceKeyRow, promoted.key_id) is None:
            session.add(DeviceKeyRow(key_id=promoted.key_id, public_key_pem=promoted.public_key_pem, own=True,
                                     previous_key_id=lost))
        audit.record(session, actor, "device_key.replaced_after_loss", entity_type="device_key",
                     entity_id=promoted.key_id, details={"lost": lost})
    assert new.key_id == promoted.key_id
    return promoted


def key_revoked(db: Database) -> bool:
    """The platform revoked this computer's key: uploads stay stopped until it registers anew."""
    with db.reading() as session:
        return session.scalar(select(AppMeta.value).where(AppMeta.key == META_STOPPED)) == "key.revoked"


def register_with_new_key(db: Database, key_dir: Path, cipher: PersonalDataCipher, *, actor: Actor, url: str,
                          enrolment_code: str, client=None) -> tuple[DeviceKey, outbox.Registration, list[str]]:
    """After the platform revoked this computer's key: a new key pair, registered as a new device
    with a new enrolment code; the batches still waiting, which the platform refused unread, are
    signed again with it as new batches (the old ones are marked superseded by them here).
    Returns the new key, the registration and the new batch ids.

    The new key waits in the rotation slot until the platform has accepted it, so a failed or
    interrupted attempt is repeated with the same key; the revoked key stays, retired, for
    re-exporting what it signed."""
    require(actor, Permission.MANAGE_DEVICE)
    lost = lost_key_id(db, key_dir)
    old_key_id = lost if lost is not None else load_or_create_device_key(key_dir).key_id
    new = load_or_create_next_key(key_dir)
    registered = outbox.register_device(db, new, actor=actor, url=url, enrolment_code=enrolment_code, client=client)
    promoted = promote_next_key(key_dir, old_key_id)
    now = datetime.now(timezone.utc)
    reissued = []
    with db.writing() as session:
        previous = session.get(DeviceKeyRow, old_key_id)
        if previous is not None and previous.retired_at is None:
            previous.retired_at = now
        if session.get(DeviceKeyRow, promoted.key_id) is None:
            session.add(DeviceKeyRow(key_id=promoted.key_id, public_key_pem=promoted.public_key_pem, own=True,
                                     previous_key_id=old_key_id))
        # Every waiting batch not signed by the new key: after a revocation no other key of this
        # computer can upload (and an attempt cut short earlier may have left some behind).
        waiting = session.scalars(select(OutboxBatch).where(OutboxBatch.state == BatchState.SEALED,
                                                            OutboxBatch.key_id != promoted.key_id)
                                  .order_by(OutboxBatch.id)).all()
        for batch in waiting:
            again = reissue_batch(session, cipher, promoted, batch, device_id=registered.device_id, now=now)
            reissued.append(again.batch_id)
            audit.record(session, actor, "batch.resigned", entity_type="outbox_batch", entity_id=again.batch_id,
                         class_id=batch.class_id, details={"replaces": batch.batch_id,
                                                           ("lost_key" if lost else "revoked_key"): old_key_id,
                                                           "key_id": promoted.key_id})
        if lost is not None:
            audit.record(session, actor, "device_key.replaced_after_loss", entity_type="device_key",
                         entity_id=promoted.key_id, details={"lost": lost, "batches": len(reissued)})
        else:
            audit.record(session, actor, "device_key.replaced_after_revocation", entity_type="device_key",
                         entity_id=promoted.key_id, details={"revoked": old_key_id, "batches": len(reissued)})
    return promoted, registered, reissued
