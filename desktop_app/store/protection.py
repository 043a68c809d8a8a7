"""Encryption at rest for personal data: AES-GCM ciphertext plus keyed hashes for look-ups.

The 32-byte master key never enters the database. It lives in a key file named after the
database's installation id, in a folder readable only by the user (the OS keyring can be
added as another KeyStore). A check value in the database proves, at open, that the key on
this machine is the key the data was written with: a wrong or lost key is an explained
error, never silently undecryptable rows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app import messages
from desktop_app.secret_files import write_new_secret_file

messages.register(
    {
        "key.missing": (
            "找不到这个数据库的加密密钥文件（{path}）。学员的身份证号、手机号等个人信息是用它加密的，"
            "没有它就无法读取。请从备份中恢复该密钥文件到原位置，或联系管理员；不要新建数据库覆盖现有数据。",
            "The encryption key file of this database is missing ({path}). Trainees' identity numbers "
            "and phones are encrypted with it and cannot be read without it. Restore the key file from "
            "your backup to that place, or ask your administrator; do not create a new database over this one.",
        ),
        "key.mismatch": (
            "密钥文件 {path} 与这个数据库不匹配（可能来自另一台电脑或另一个数据库）。"
            "请找回与该数据库一同备份的密钥文件。",
            "The key file {path} does not belong to this database (perhaps from another PC or database). "
            "Find the key file that was backed up with this database.",
        ),
        "key.unreadable": (
            "密钥文件 {path} 已损坏或格式不对，无法读取。请从备份中恢复。",
            "The key file {path} is damaged or not a SkillDesk key file. Restore it from your backup.",
        ),
        "key.decrypt_failed": (
            "有一项加密的个人信息（{field}）无法解密：数据可能被改动过，或密钥不正确。请联系管理员检查数据库。",
            "An encrypted personal field ({field}) could not be decrypted: the data may have been altered, "
            "or the key is wrong. Ask your administrator to check the database.",
        ),
    }
)

KEY_FILE_HEADER = "SKILLDESK-KEY-V1"
_CHECK_LABEL = b"skilldesk key check v1"


class PersonalDataKeyError(messages.UserFacingError):
    """The encryption key cannot be used (missing, damaged, or belongs to another database)."""


class PersonalDataCipher:
    """Encrypts, decrypts and hashes personal fields with keys derived from one master key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"skilldesk field encryption v1"))
        self._mac_key = _derive(master_key, b"skilldesk lookup hash v1")
        # Keys the audit chain (services/audit.py): without it a rebuilt chain cannot pass.
        self.audit_key = _derive(master_key, b"skilldesk audit chain v1")
        self._check = hmac.new(_derive(master_key, b"skilldesk key check v1"), _CHECK_LABEL, hashlib.sha256).hexdigest()

    @property
    def check_value(self) -> str:
        """Stored in the database so that a wrong key is detected at open."""
        return self._check

    def encrypt(self, plaintext: str, *, field: str) -> bytes:
        """AES-GCM with a random nonce; the field name is bound in as associated data, so a
        ciphertext copied into another column does not decrypt."""
        nonce = secrets.token_bytes(12)
        return nonce + self._aead.encrypt(nonce, plaintext.encode("utf-8"), field.encode("ascii"))

    def decrypt(self, blob: bytes, *, field: str) -> str:
        try:
            return self._aead.decrypt(blob[:12], blob[12:], field.encode("ascii")).decode("utf-8")
        except (InvalidTag, ValueError):
            raise PersonalDataKeyError("key.decrypt_failed", field=field) from None

    def lookup_hash(self, value: str, *, field: str) -> str:
        """A keyed hash: equal values give equal hashes, but the hash alone reveals nothing
        (an unkeyed hash of an identity number could be reversed by trying every number)."""
        return hmac.new(self._mac_key, f"{field}\x1f{value}".encode("utf-8"), hashlib.sha256).hexdigest()


def _derive(master_key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master_key)


class FileKeyStore:
    """Master keys as files `<installation id>.key` in a folder only the user can read."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path_for(self, installation_id: str) -> Path:
        return self.folder / f"{installation_id}.key"

    def create(self, installation_id: str) -> bytes:
        """Create a new key; refuses to overwrite an existing key file (that would lose data)."""
        path = self.path_for(installation_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(self.folder, 0o700)
        except OSError:  # a folder we do not own (e.g. a shared test dir): the file mode still holds
            pass
        key = secrets.token_bytes(32)
        text = f"{KEY_FILE_HEADER}\n{installation_id}\n{base64.b64encode(key).decode('ascii')}\n"
        write_new_secret_file(path, text.encode("ascii"))
        return key

    def load(self, installation_id: str) -> bytes:
        path = self.path_for(installation_id)
        try:
            lines = path.read_text(encoding="ascii").splitlines()
        except FileNotFoundError:
            raise PersonalDataKeyError("key.missing", path=str(path)) from None
        except (OSError, UnicodeDecodeError):
            raise PersonalDataKeyError("key.unreadable", path=str(path)) from None
        if len(lines) < 3 or lines[0] != KEY_FILE_HEADER:
            raise PersonalDataKeyError("key.unreadable", path=str(path))
        if lines[1] != installation_id:
            raise PersonalDataKeyError("key.mismatch", path=str(path))
        try:
            key = base64.b64decode(lines[2], validate=True)
        except ValueError:
            raise PersonalDataKeyError("key.unreadable", path=str(path)) from None
        if len(key) != 32:
            raise PersonalDataKeyError("key.unreadable", path=str(path))
        return key


def open_cipher(keystore: FileKeyStore, installation_id: str, expected_check: str) -> PersonalDataCipher:
    """The cipher for this database, after proving the key is the one the data was written with."""
    cipher = PersonalDataCipher(keystore.load(installation_id))
    if not hmac.compare_digest(cipher.check_value, expected_check):
        raise PersonalDataKeyError("key.mismatch", path=str(keystore.path_for(installation_id)))
    return cipher
