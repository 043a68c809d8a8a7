"""This device's Ed25519 signing key: made on first use, kept outside the database.

The private key is a PKCS#8 PEM file readable only by the user, next to the data key (the OS
keyring can be added as another store). The key id is derived from the public key, so anyone
holding the public key PEM can recompute it. Signatures are raw 64-byte Ed25519 signatures
that `openssl pkeyutl -verify -rawin` accepts.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app import messages
from desktop_app.secret_files import write_new_secret_file

PRIVATE_KEY_FILE = "device-ed25519.pem"
NEXT_KEY_FILE = "device-ed25519.next.pem"

messages.register(
    {
        "device_key.unreadable": (
            "本机签名密钥文件 {path} 已损坏，无法签名。请从备份恢复该文件，或联系管理员。",
            "The device signing key {path} is damaged; nothing can be signed. Restore it from a backup or ask your administrator.",
        ),
    }
)


class DeviceKeyError(messages.UserFacingError):
    pass


def key_id_of(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "skd-" + hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public_key: Ed25519PublicKey) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


@dataclass(frozen=True)
class DeviceKey:
    private_key: Ed25519PrivateKey

    @property
    def key_id(self) -> str:
        return key_id_of(self.private_key.public_key())

    @property
    def public_key_pem(self) -> str:
        return public_pem(self.private_key.public_key())

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


def _load_key(path: Path) -> DeviceKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError):
        raise DeviceKeyError("device_key.unreadable", path=str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DeviceKeyError("device_key.unreadable", path=str(path))
    return DeviceKey(key)


def _create_key(path: Path) -> DeviceKey:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    write_new_secret_file(path, pem)
    return DeviceKey(key)


def load_or_create_device_key(folder: Path) -> DeviceKey:
    """The device key, created (0600, never overwritten) on first use."""
    path = Path(folder) / PRIVATE_KEY_FILE
    return _load_key(path) if path.exists() else _create_key(path)


def load_or_create_next_key(folder: Path) -> DeviceKey:
    """The key a rotation moves to: made once and kept until the rotation completes, so a
    rotation interrupted after the platform accepted it is finished with the same key."""
    path = Path(folder) / NEXT_KEY_FILE
    return _load_key(path) if path.exists() else _create_key(path)


def promote_next_key(folder: Path, old: DeviceKey) -> DeviceKey:
    """Make the rotated-to key the device key; the old private key is kept, renamed, so what it
    signed can still be re-exported — it no longer signs anything new."""
    folder = Path(folder)
    current, upcoming = folder / PRIVATE_KEY_FILE, folder / NEXT_KEY_FILE
    retired = folder / f"device-ed25519.{old.key_id}.retired.pem"
    if not retired.exists():
        os.link(current, retired)
    os.replace(upcoming, current)
    return _load_key(current)


def verify_signature(public_key_pem: str, signature: bytes, data: bytes) -> bool:
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode("ascii"))
    except ValueError:
        return False
    if not isinstance(key, Ed25519PublicKey):
        return False
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
