"""This device's Ed25519 signing key: made on first use, kept outside the database.

The private key (PKCS#8 PEM) lives in the operating system's keyring where one is available
(Windows Credential Manager, macOS Keychain, the Secret Service of a Linux desktop), else in a
file readable only by the user, next to the data key. An installation keeps the store its key
was made in: an existing key file is always used. `SKILLDESK_KEYRING=0` forces the file.
The key id is derived from the public key, so anyone holding the public key PEM can recompute
it. Signatures are raw 64-byte Ed25519 signatures that `openssl pkeyutl -verify -rawin` accepts.
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
        "device_key.keyring_failed": (
            "系统密钥库没有保存本机签名密钥（{where}）。请检查系统密钥库，或设置环境变量 SKILLDESK_KEYRING=0 改用密钥文件。",
            "The system keyring did not keep the device signing key ({where}). Check the keyring, or set "
            "SKILLDESK_KEYRING=0 to keep the key in a file instead.",
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


KEYRING_SERVICE = "SkillDesk device signing key"
OS_KEYRING_MODULES = ("keyring.backends.Windows", "keyring.backends.macOS", "keyring.backends.SecretService",
                      "keyring.backends.libsecret", "keyring.backends.kwallet")


class _FileSlot:
    """A key as a user-only file; created whole or not at all, never overwritten."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)

    def read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def create(self, pem: bytes) -> None:
        write_new_secret_file(self.path, pem)

    def retire_as(self, name: str) -> None:
        retired = self.path.with_name(f"device-ed25519.{name}.retired.pem")
        if not retired.exists() and self.path.exists():  # a lost key has nothing left to keep
            os.link(self.path, retired)

    def take_from(self, other: "_FileSlot") -> None:
        os.replace(other.path, self.path)


class _KeyringSlot:
    """A key as an entry of the OS keyring, named after the key folder so installations differ."""

    def __init__(self, keyring, folder: Path, suffix: str = "") -> None:
        self.keyring = keyring
        digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
        self.entry = f"device-key:{digest}{suffix}"
        self.where = f"{KEYRING_SERVICE} / {self.entry}"

    def read(self) -> bytes | None:
        value = self.keyring.get_password(KEYRING_SERVICE, self.entry)
        return value.encode("ascii") if value else None

    def create(self, pem: bytes) -> None:
        if self.read() is not None:
            raise FileExistsError(self.where)
        self.keyring.set_password(KEYRING_SERVICE, self.entry, pem.decode("ascii"))
        if self.read() != pem:  # a keyring that silently drops secrets must not lose the key
            raise DeviceKeyError("device_key.keyring_failed", where=self.where)

    def retire_as(self, name: str) -> None:
        current = self.read()
        if current is not None:
            self.keyring.set_password(KEYRING_SERVICE, f"{self.entry}:retired:{name}", current.decode("ascii"))

    def take_from(self, other: "_KeyringSlot") -> None:
        pem = other.read()
        self.keyring.set_password(KEYRING_SERVICE, self.entry, pem.decode("ascii"))
        self.keyring.delete_password(KEYRING_SERVICE, other.entry)


def os_keyring():
    """The OS keyring module when a real backend is available here, else None."""
    if os.environ.get("SKILLDESK_KEYRING", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 — a broken keyring set-up means "no keyring", never a crash
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    # Only the operating system's own stores: keyring also picks up third-party backends such as
    # keyrings.alt's plain-text file, which would be weaker than our user-only key file.
    if not type(backend).__module__.startswith(OS_KEYRING_MODULES):
        return None
    return keyring


def _slots(folder: Path, *, keyring=None):
    """(current, next) slots: the file ones if a key file exists or no keyring is available."""
    folder = Path(folder)
    files = _FileSlot(folder / PRIVATE_KEY_FILE), _FileSlot(folder / NEXT_KEY_FILE)
    if files[0].path.exists():
        return files
    keyring = keyring if keyring is not None else os_keyring()
    if keyring is None:
        return files
    return _KeyringSlot(keyring, folder), _KeyringSlot(keyring, folder, ":next")


def _parse(pem: bytes, where: str) -> DeviceKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise DeviceKeyError("device_key.unreadable", path=where) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DeviceKeyError("device_key.unreadable", path=where)
    return DeviceKey(key)


def _load_or_create(slot) -> DeviceKey:
    pem = slot.read()
    if pem is not None:
        return _parse(pem, slot.where)
    key = Ed25519PrivateKey.generate()
    slot.create(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return DeviceKey(key)


def load_device_key(folder: Path, *, keyring=None) -> DeviceKey | None:
    """The device key if its store still holds one; None, and nothing made, otherwise."""
    slot = _slots(folder, keyring=keyring)[0]
    pem = slot.read()
    return None if pem is None else _parse(pem, slot.where)


def device_key_location(folder: Path, *, keyring=None) -> str:
    """Where the device key is (or will be) kept, for the settings page and the documentation."""
    return _slots(folder, keyring=keyring)[0].where


def load_or_create_device_key(folder: Path, *, keyring=None) -> DeviceKey:
    """The device key, created on first use (in the OS keyring if there is one, else as a 0600
    file) and never overwritten."""
    return _load_or_create(_slots(folder, keyring=keyring)[0])


def load_or_create_next_key(folder: Path, *, keyring=None) -> DeviceKey:
    """The key a rotation moves to: made once and kept until the rotation completes, so a
    rotation interrupted after the platform accepted it is finished with the same key."""
    return _load_or_create(_slots(folder, keyring=keyring)[1])


def promote_next_key(folder: Path, old_key_id: str, *, keyring=None) -> DeviceKey:
    """Make the rotated-to key the device key; the old private key (when it is not lost) is kept
    under a retired name, so what it signed can still be re-exported — it no longer signs anything new."""
    current, upcoming = _slots(folder, keyring=keyring)
    current.retire_as(old_key_id)
    current.take_from(upcoming)
    return _parse(current.read(), current.where)


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
