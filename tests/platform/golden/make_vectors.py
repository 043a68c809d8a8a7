"""Regenerates the golden vectors. Run only when the protocol version changes, on purpose:
`python -m tests.platform.golden.make_vectors`. The test compares against the stored files."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.platform.protocol import b64, canonical_bytes, content_hash

HERE = Path(__file__).parent
SEED = bytes(range(32))  # a fixed, public, test-only key: never use it for anything real


def golden_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(SEED)


def main() -> None:
    document = json.loads((HERE / "batch.input.json").read_text("utf-8"))
    data = canonical_bytes(document)
    key = golden_key()
    (HERE / "batch.canonical.json").write_bytes(data)
    (HERE / "batch.sha256").write_text(content_hash(data) + "\n", "ascii")
    (HERE / "batch.sig").write_bytes(key.sign(data))
    (HERE / "batch.sig.b64").write_text(b64(key.sign(data)) + "\n", "ascii")
    (HERE / "key.pub.pem").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    (HERE / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    reference_vectors()


def reference_vectors() -> None:
    """A reference dataset as the platform serves it (PROTOCOL §8): its canonical bytes and the
    detached signature over them; the golden key stands in for the platform's key."""
    data = canonical_bytes(json.loads((HERE / "reference.input.json").read_text("utf-8")))
    (HERE / "reference.canonical.json").write_bytes(data)
    (HERE / "reference.sig").write_bytes(golden_key().sign(data))
    (HERE / "reference.sig.b64").write_text(b64(golden_key().sign(data)) + "\n", "ascii")


if __name__ == "__main__":
    main()
