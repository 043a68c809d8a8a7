"""The wire format of docs/protocol/PROTOCOL.md: canonical bytes, hashes, signatures, receipts.

Batches are serialised exactly once (RFC 8785); the bytes are what is hashed, signed, stored
and sent, and are never re-serialised afterwards.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field

import rfc8785

from desktop_app.platform.device_keys import verify_signature

PROTOCOL_VERSION = 1
BATCH_SCHEMA = "skilldesk-batch/1"
RECEIPT_SCHEMA = "skilldesk-receipt/1"
ROTATION_PURPOSE = "skilldesk-key-rotation/1"
API_PREFIX = "/api/v1"

BATCH_KINDS = ("class_filing", "cohort_completion", "correction")
RECEIPT_STATUSES = ("accepted", "accepted_with_warnings", "rejected")


class NotCanonicalisable(ValueError):
    """A document holds something the protocol forbids (a float, a non-string key)."""


# Beyond 2^53 an RFC 8785 number would need ECMAScript's exponent form; the protocol has no
# such numbers, so they are refused rather than serialised differently by two implementations.
MAX_SAFE_INTEGER = 2**53 - 1


def _normalise(value, non_ascii_keys: list):
    # Exact types first, and a dict's scalar members handled in its own loop: a cohort batch
    # has ~40 000 leaves, and a call plus an isinstance chain for each was most of sealing's
    # serialisation time. Subclasses (str enums, IntEnum) take the general path below.
    kind = type(value)
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str or not key.isascii():
                key = _object_key(key, non_ascii_keys)
            kind = type(item)
            if kind is str:
                out[key] = item if item.isascii() else unicodedata.normalize("NFC", item)
            elif kind is int and -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER or kind is bool or item is None:
                out[key] = item
            else:
                out[key] = _normalise(item, non_ascii_keys)
        return out
    if kind is list or kind is tuple:
        return [_normalise(item, non_ascii_keys) for item in value]
    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise NotCanonicalisable("integers beyond 2^53 are not allowed in a batch")
        return value
    if isinstance(value, float):
        raise NotCanonicalisable("floating-point numbers are not allowed in a batch")
    if isinstance(value, dict):
        return {_object_key(key, non_ascii_keys): _normalise(item, non_ascii_keys) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(item, non_ascii_keys) for item in value]
    raise NotCanonicalisable(f"{type(value).__name__} cannot go into a batch")


def _object_key(key, non_ascii_keys: list) -> str:
    if not isinstance(key, str):
        raise NotCanonicalisable(f"object keys must be strings, not {type(key).__name__}")
    if key.isascii():
        return key
    non_ascii_keys.append(key)
    return unicodedata.normalize("NFC", key)


def normalised(value):
    """A copy with every string NFC-normalised; floats and huge integers refused."""
    return _normalise(value, [])


def canonical_bytes(document: dict) -> bytes:
    """RFC 8785 bytes of the NFC-normalised document.

    For documents without floats, with integers below 2^53 and ASCII keys (every document of
    this protocol), RFC 8785 is exactly Python's compact, key-sorted, non-ASCII-escaping JSON:
    the same escapes for quotes, backslashes and control characters, and code-point key order
    equals UTF-16 order for ASCII. That is ~20x faster than the general `rfc8785` package, which
    stays the path for anything else; tests/platform/test_protocol.py checks the two agree."""
    non_ascii_keys: list = []
    value = _normalise(document, non_ascii_keys)
    if not non_ascii_keys:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                          allow_nan=False).encode("utf-8")
    return rfc8785.dumps(value)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError):
        raise ValueError("not base64") from None


def rotation_statement(*, device_id: str, new_key_id: str, new_public_key_pem: str) -> bytes:
    """What the old key signs to vouch for the new one."""
    return canonical_bytes({"device_id": device_id, "new_key_id": new_key_id,
                            "new_public_key_pem": new_public_key_pem, "purpose": ROTATION_PURPOSE})


@dataclass(frozen=True)
class RecordIssue:
    record_type: str
    record_id: str | None
    severity: str  # "error" or "warning"
    code: str
    field: str | None
    message: str
    message_en: str | None = None

    @classmethod
    def from_json(cls, item: dict) -> "RecordIssue":
        return cls(record_type=str(item.get("record_type") or "batch"), record_id=item.get("record_id"),
                   severity=str(item.get("severity") or "error"), code=str(item.get("code") or ""),
                   field=item.get("field"), message=str(item.get("message") or ""),
                   message_en=item.get("message_en"))


@dataclass(frozen=True)
class Receipt:
    """A receipt as the platform signed it; `envelope` is kept verbatim for storage."""

    batch_id: str
    content_hash: str
    status: str
    sequence: int | None
    received_at: str | None
    supersedes: str | None
    issues: tuple[RecordIssue, ...]
    platform_key_id: str | None
    signature: bytes
    envelope: dict = field(repr=False, compare=False)
    duplicate: bool = False

    @property
    def signed_bytes(self) -> bytes:
        return canonical_bytes(self.envelope["receipt"])

    def verifies_with(self, platform_public_key_pem: str) -> bool:
        return verify_signature(platform_public_key_pem, self.signature, self.signed_bytes)


class MalformedReceipt(ValueError):
    pass


def parse_receipt(envelope: object) -> Receipt:
    """The receipt inside a platform answer (or a file carried back); MalformedReceipt if not one."""
    if not isinstance(envelope, dict) or not isinstance(envelope.get("receipt"), dict):
        raise MalformedReceipt("no receipt object")
    body = envelope["receipt"]
    if body.get("schema") != RECEIPT_SCHEMA:
        raise MalformedReceipt(f"unknown receipt schema {body.get('schema')!r}")
    status = body.get("status")
    if status not in RECEIPT_STATUSES:
        raise MalformedReceipt(f"unknown receipt status {status!r}")
    batch_id, digest = body.get("batch_id"), body.get("content_hash")
    if not isinstance(batch_id, str) or not isinstance(digest, str):
        raise MalformedReceipt("receipt without batch id or content hash")
    try:
        signature = unb64(envelope.get("signature") or "")
    except ValueError:
        raise MalformedReceipt("receipt signature is not base64") from None
    issues = body.get("issues") or []
    if not isinstance(issues, list) or not all(isinstance(item, dict) for item in issues):
        raise MalformedReceipt("receipt issues are not a list of objects")
    try:
        canonical_bytes(body)  # what the signature covers: a float or odd key could never verify
    except NotCanonicalisable as error:
        raise MalformedReceipt(f"receipt cannot be canonicalised: {error}") from None
    sequence = body.get("sequence")
    return Receipt(batch_id=batch_id, content_hash=digest, status=status,
                   sequence=sequence if isinstance(sequence, int) and not isinstance(sequence, bool) else None,
                   received_at=body.get("received_at"), supersedes=body.get("supersedes"),
                   issues=tuple(RecordIssue.from_json(item) for item in issues),
                   platform_key_id=envelope.get("platform_key_id"), signature=signature,
                   envelope={"receipt": body, "platform_key_id": envelope.get("platform_key_id"),
                             "signature": envelope.get("signature")},
                   duplicate=bool(envelope.get("duplicate", False)))


def retry_delay_seconds(attempt: int, *, retry_after: float | None = None, random_fraction: float = 1.0) -> float:
    """Back-off before attempt `attempt + 1` (PROTOCOL §9): full jitter in [0.5, 1.0] of
    min(3600, 30·2^(attempt−1)); never less than the platform's Retry-After."""
    base = min(3600.0, 30.0 * (2 ** max(0, attempt - 1)))
    delay = base * (0.5 + 0.5 * min(1.0, max(0.0, random_fraction)))
    if retry_after is not None:
        delay = max(delay, float(retry_after))
    return delay
