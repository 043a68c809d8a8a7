"""The platform's own implementation of the wire rules (PROTOCOL.md §1): RFC 8785 canonical
bytes, SHA-256 content hashes, Ed25519 signatures and key ids. Written independently of
desktop_app.platform on purpose; the golden vectors check that both agree."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import unicodedata
from datetime import datetime, timezone

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

BATCH_SCHEMA = "skilldesk-batch/1"
RECEIPT_SCHEMA = "skilldesk-receipt/1"
ROTATION_PURPOSE = "skilldesk-key-rotation/1"
PROTOCOL_VERSION = 1


class NotCanonical(ValueError):
    """The bytes are not a JSON document the protocol allows (floats, duplicate keys, …)."""


class _Float:
    """Marks a number written with a fraction or exponent while parsing: floats are refused."""

    def __init__(self, text: str) -> None:
        self.text = text


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise NotCanonical(f"duplicate key {key!r}")
        out[key] = value
    return out


def _refuse_constant(name: str):
    raise NotCanonical(f"{name} is not allowed")


def parse_document(data: bytes) -> object:
    """The JSON value in `data`; NotCanonical for anything the protocol forbids in a document."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotCanonical("the body is not UTF-8") from None
    try:
        value = json.loads(text, parse_float=_Float, parse_constant=_refuse_constant,
                           object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise NotCanonical(f"not JSON: {error.msg} at character {error.pos}") from None
    _refuse_floats_and_unnormalised_text(value, "$")
    return value


def _refuse_floats_and_unnormalised_text(value: object, where: str) -> None:
    if isinstance(value, _Float):
        raise NotCanonical(f"{where}: floating-point number {value.text} (use integers)")
    if isinstance(value, str):
        if unicodedata.normalize("NFC", value) != value:
            raise NotCanonical(f"{where}: text is not NFC-normalised")
    elif isinstance(value, dict):
        for key, item in value.items():
            if unicodedata.normalize("NFC", key) != key:
                raise NotCanonical(f"{where}: key {key!r} is not NFC-normalised")
            _refuse_floats_and_unnormalised_text(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_floats_and_unnormalised_text(item, f"{where}[{index}]")


def canonical(value: object) -> bytes:
    """RFC 8785 (JCS) bytes of a JSON value made of dict/list/str/int/bool/None."""
    try:
        return rfc8785.dumps(value)
    except Exception as error:  # rfc8785 raises its own errors for out-of-range integers etc.
        raise NotCanonical(str(error)) from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text.strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ValueError("not standard base64") from None


def load_public_key(pem: str) -> Ed25519PublicKey:
    """An Ed25519 public key from SubjectPublicKeyInfo PEM; ValueError otherwise."""
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError, AttributeError):
        raise ValueError("not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "skd-" + hashlib.sha256(raw).hexdigest()[:16]


def public_key_pem(public_key: Ed25519PublicKey) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def verifies(public_key_pem_text: str, signature: bytes, data: bytes) -> bool:
    try:
        load_public_key(public_key_pem_text).verify(signature, data)
    except (ValueError, InvalidSignature):
        return False
    return True


def new_private_key_pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def load_private_key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the platform key is not an Ed25519 key")
    return key


def rotation_statement(device_id: str, new_key_id: str, new_public_key_pem: str) -> bytes:
    return canonical({"device_id": device_id, "new_key_id": new_key_id,
                      "new_public_key_pem": new_public_key_pem, "purpose": ROTATION_PURPOSE})


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_version(text: str) -> tuple[int, ...]:
    """'0.1.0' → (0, 1, 0); a pre-release suffix ('0.2.0rc1', '0.2.0-dev') counts as that release."""
    parts = []
    for piece in text.strip().split("."):
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            raise ValueError(f"not a version: {text!r}")
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    if not parts:
        raise ValueError(f"not a version: {text!r}")
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)
