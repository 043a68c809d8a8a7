"""The wire format against the golden vectors (docs/protocol/PROTOCOL.md §1) and its edge rules."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.platform.device_keys import key_id_of, verify_signature
from desktop_app.platform.protocol import (
    MalformedReceipt,
    NotCanonicalisable,
    b64,
    canonical_bytes,
    content_hash,
    parse_receipt,
    retry_delay_seconds,
)
from tests.platform.golden.make_vectors import golden_key

GOLDEN = Path(__file__).parent / "golden"


def golden_document() -> dict:
    return json.loads((GOLDEN / "batch.input.json").read_text("utf-8"))


def test_golden_batch_serialises_to_the_stored_canonical_bytes_hash_and_signature():
    data = canonical_bytes(golden_document())
    assert data == (GOLDEN / "batch.canonical.json").read_bytes()
    assert content_hash(data) == (GOLDEN / "batch.sha256").read_text("ascii").strip()
    signature = golden_key().sign(data)
    assert signature == (GOLDEN / "batch.sig").read_bytes()
    assert b64(signature) == (GOLDEN / "batch.sig.b64").read_text("ascii").strip()
    assert verify_signature((GOLDEN / "key.pub.pem").read_text("ascii"), signature, data)


def test_golden_key_id_is_the_one_the_document_names():
    assert key_id_of(golden_key().public_key()) == golden_document()["device"]["key_id"]


def test_canonical_bytes_sort_keys_drop_whitespace_and_nfc_normalise_text():
    data = canonical_bytes(golden_document())
    assert b"\n" not in data and b": " not in data
    assert data.startswith(b'{"batch_id":')
    # "Zoe" + combining acute accent becomes the single code point é (NFC).
    assert "Zoé 张伟".encode("utf-8") in data
    assert "Zoe\u0301".encode("utf-8") not in data


def test_a_changed_byte_no_longer_verifies():
    data = bytearray((GOLDEN / "batch.canonical.json").read_bytes())
    data[100] ^= 0x01
    assert not verify_signature((GOLDEN / "key.pub.pem").read_text("ascii"), (GOLDEN / "batch.sig").read_bytes(),
                                bytes(data))


def test_openssl_verifies_the_golden_signature_without_our_code():
    if shutil.which("openssl") is None:  # bootstrap.sh installs it: fail, never skip
        pytest.fail("openssl is not installed: run bash bootstrap.sh setup")
    result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(GOLDEN / "key.pub.pem"), "-rawin",
                             "-in", str(GOLDEN / "batch.canonical.json"), "-sigfile", str(GOLDEN / "batch.sig")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Signature Verified Successfully" in result.stdout


@pytest.mark.parametrize("bad", [{"hours": 1.5}, {1: "x"}, {"when": object()}])
def test_floats_and_non_json_values_are_refused(bad):
    with pytest.raises(NotCanonicalisable):
        canonical_bytes(bad)


def test_receipt_parsing_keeps_the_signed_part_and_verifies_it():
    key = golden_key()
    body = {"schema": "skilldesk-receipt/1", "batch_id": "b", "content_hash": "h", "sequence": 3,
            "status": "rejected", "received_at": "2026-11-27T02:00:05Z", "supersedes": None,
            "issues": [{"record_type": "trainee", "record_id": "e1", "severity": "error",
                        "code": "trainee.name_mismatch", "field": "name", "message": "姓名与身份证不一致"}]}
    envelope = {"receipt": body, "platform_key_id": "plat", "signature": b64(key.sign(canonical_bytes(body))),
                "duplicate": True}
    receipt = parse_receipt(envelope)
    assert receipt.duplicate and receipt.status == "rejected" and receipt.sequence == 3
    assert receipt.issues[0].field == "name" and receipt.issues[0].record_id == "e1"
    assert receipt.verifies_with((GOLDEN / "key.pub.pem").read_text("ascii"))
    tampered = dict(envelope, receipt=dict(body, status="accepted"))
    assert not parse_receipt(tampered).verifies_with((GOLDEN / "key.pub.pem").read_text("ascii"))


@pytest.mark.parametrize("bad", [None, [], {"receipt": 1}, {"receipt": {"schema": "other"}},
                                 {"receipt": {"schema": "skilldesk-receipt/1", "status": "maybe"}},
                                 {"receipt": {"schema": "skilldesk-receipt/1", "status": "accepted", "batch_id": "b",
                                              "content_hash": "h"}, "signature": "***"}])
def test_malformed_receipts_are_refused(bad):
    with pytest.raises(MalformedReceipt):
        parse_receipt(bad)


def test_back_off_doubles_with_jitter_caps_at_an_hour_and_honours_retry_after():
    assert retry_delay_seconds(1, random_fraction=1.0) == 30
    assert retry_delay_seconds(1, random_fraction=0.0) == 15
    assert retry_delay_seconds(3, random_fraction=1.0) == 120
    assert retry_delay_seconds(30, random_fraction=1.0) == 3600
    assert retry_delay_seconds(1, retry_after=600, random_fraction=0.0) == 600


from hypothesis import given, settings, strategies as st  # noqa: E402
import rfc8785  # noqa: E402

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1) | _text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_text, _json, max_size=5))
def test_the_fast_canonical_path_is_byte_for_byte_rfc8785(document):
    import unicodedata

    from desktop_app.platform.protocol import normalised

    assert canonical_bytes(document) == rfc8785.dumps(normalised(document))
    assert unicodedata.is_normalized("NFC", canonical_bytes(document).decode("utf-8"))


def test_control_characters_and_quotes_are_escaped_as_rfc8785_does():
    document = {"a": "\x00\x01\x08\t\n\x0c\r\x1f\"\\\x7f\u2028é😀", "b": [True, False, None, -0, 2**53 - 1]}
    assert canonical_bytes(document) == rfc8785.dumps(document)
    with pytest.raises(NotCanonicalisable):
        canonical_bytes({"big": 2**53})


def test_golden_reference_dataset_bytes_and_signature_verify_and_bind_the_dataset():
    """PROTOCOL §8: the platform signs the exact bytes of a reference answer; the client applies
    it only when the signature verifies with the registration's platform key and the signed
    bytes name the dataset that was asked for."""
    from desktop_app.platform.client import ReferenceDocument

    data = canonical_bytes(json.loads((GOLDEN / "reference.input.json").read_text("utf-8")))
    assert data == (GOLDEN / "reference.canonical.json").read_bytes()
    signature = (GOLDEN / "reference.sig").read_bytes()
    assert signature == golden_key().sign(data)
    assert b64(signature) == (GOLDEN / "reference.sig.b64").read_text("ascii").strip()
    public = (GOLDEN / "key.pub.pem").read_text("ascii")
    document = json.loads(data)
    received = ReferenceDocument(dataset="subsidy_rates", version=document["version"], etag=None, document=document,
                                 signed_bytes=data, signature=signature)
    assert received.verifies_with(public)
    assert not received.verifies_with(None)  # no registration, no platform key: nothing verifies
    assert not ReferenceDocument(dataset="occupations", version=document["version"], etag=None, document=document,
                                 signed_bytes=data, signature=signature).verifies_with(public)
    tampered = data.replace(b"430000", b"990000")
    assert not ReferenceDocument(dataset="subsidy_rates", version=document["version"], etag=None,
                                 document=json.loads(tampered), signed_bytes=tampered,
                                 signature=signature).verifies_with(public)
    result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(GOLDEN / "key.pub.pem"), "-rawin",
                             "-in", str(GOLDEN / "reference.canonical.json"), "-sigfile", str(GOLDEN / "reference.sig")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
