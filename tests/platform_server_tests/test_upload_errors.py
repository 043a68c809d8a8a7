"""Upload refusals (PROTOCOL.md §2, §6): every error code, and the order the checks run in."""

from __future__ import annotations

import hashlib
import json
import uuid

import httpx
import pytest

from tests.platform_server_tests.helpers import (
    Device,
    batch_document,
    canonical,
    error_of,
    headers,
    register,
    trainee,
    upload,
    upload_bytes,
)


@pytest.fixture
def device(platform_server) -> Device:
    return register(platform_server)


def _check(answer: httpx.Response, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    assert error_of(answer) == code
    assert answer.headers["content-type"].startswith("application/json")


def test_too_large_413(platform_server, device):
    document = batch_document(device, [trainee(1)])
    platform_server.set_faults(max_batch_bytes=len(canonical(document)) - 1)
    _check(upload(platform_server, device, document), 413, "batch.too_large")
    platform_server.set_faults(max_batch_bytes=len(canonical(document)))
    assert upload(platform_server, device, document).status_code == 201


def test_unknown_key_401(platform_server):
    stranger = Device()
    _check(upload(platform_server, stranger, batch_document(stranger, [trainee(1)])), 401, "device.unknown")


def test_revoked_key_403_and_earlier_receipts_stay_valid(platform_server, device):
    before = batch_document(device, [trainee(1)])
    first = upload(platform_server, device, before)
    assert first.status_code == 201
    platform_server.revoke(device.key_id)
    _check(upload(platform_server, device, batch_document(device, [trainee(2)])), 403, "key.revoked")
    _check(upload(platform_server, device, before), 403, "key.revoked")  # even a resend
    kept = httpx.get(f"{platform_server.url}/api/v1/batches/{before['batch_id']}/receipt", headers=headers())
    assert kept.status_code == 200 and kept.json()["receipt"] == first.json()["receipt"]
    assert [b["status"] for b in platform_server.batches()] == ["accepted"]


def test_client_too_old_426(platform_server, device):
    platform_server.set_faults(min_client="0.2.0")
    document = batch_document(device, [trainee(1)])
    _check(upload(platform_server, device, document, client="0.1.9"), 426, "client.too_old")
    assert upload(platform_server, device, document, client="0.2.0").status_code == 201
    assert upload(platform_server, device, batch_document(device, [trainee(2)]), client="0.10.0").status_code == 201
    ref = httpx.get(f"{platform_server.url}/api/v1/reference/occupations", headers=headers(**{"X-SkillDesk-Client": "0.1.0"}))
    _check(ref, 426, "client.too_old")


def test_hash_mismatch_400(platform_server, device):
    document = batch_document(device, [trainee(1)])
    _check(upload(platform_server, device, document, content_hash="0" * 64), 400, "hash.mismatch")
    # Transfer damage: the body changed on the way, the header still has the sender's hash.
    body = canonical(document)
    damaged = body.replace(b"\xe5\xad\xa6", b"\xe5\xad\xa7", 1)
    _check(upload_bytes(platform_server, device, damaged, document["batch_id"],
                        content_hash=hashlib.sha256(body).hexdigest(), signature=device.sign(body)),
           400, "hash.mismatch")


def test_signature_invalid_400(platform_server, device):
    document = batch_document(device, [trainee(1)])
    _check(upload(platform_server, device, document, signature=Device().sign(canonical(document))),
           400, "signature.invalid")
    _check(upload(platform_server, device, document, signature="***"), 400, "signature.invalid")
    assert platform_server.batches() == []


@pytest.mark.parametrize("breakage", ["missing_field", "wrong_type", "correction_without_target",
                                      "filing_with_supersedes", "unknown_enrolment", "bad_schema_name"])
def test_schema_invalid_422(platform_server, device, breakage):
    document = batch_document(device, [trainee(1)])
    if breakage == "missing_field":
        del document["payload"]["trainees"][0]["id_number"]
    elif breakage == "wrong_type":
        document["payload"]["trainees"][0]["subsidy_claimed"] = "yes"
    elif breakage == "correction_without_target":
        document["kind"] = "correction"
    elif breakage == "filing_with_supersedes":
        document["supersedes"] = str(uuid.uuid4())
    elif breakage == "unknown_enrolment":
        document["payload"]["attendance"][0]["record_id"] = str(uuid.uuid4())
    elif breakage == "bad_schema_name":
        document["schema"] = "skilldesk-batch/2"
    _check(upload(platform_server, device, document), 422, "schema.invalid")
    assert platform_server.batches() == []


def test_floats_non_canonical_bytes_and_unnormalised_text_are_schema_errors(platform_server, device):
    document = batch_document(device, [trainee(1)])
    with_float = canonical(document).replace(b'"capacity":40', b'"capacity":40.5')
    _check(upload_bytes(platform_server, device, with_float, document["batch_id"]), 422, "schema.invalid")
    pretty = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    _check(upload_bytes(platform_server, device, pretty, document["batch_id"]), 422, "schema.invalid")
    decomposed = batch_document(device, [trainee(2, name="Zoe\u0301")])
    body = json.dumps(decomposed, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    _check(upload_bytes(platform_server, device, body, decomposed["batch_id"]), 422, "schema.invalid")


def test_url_id_must_be_the_document_id_422(platform_server, device):
    document = batch_document(device, [trainee(1)])
    _check(upload_bytes(platform_server, device, canonical(document), str(uuid.uuid4())), 422, "schema.invalid")


def test_a_device_uploads_only_for_its_own_institution_422(platform_server, device):
    document = batch_document(device, [trainee(1)])
    document["institution"]["code"] = "320106-9999"
    _check(upload(platform_server, device, document), 422, "schema.invalid")


def test_request_malformed_400(platform_server, device):
    document = batch_document(device, [trainee(1)])
    for missing in ("client", "key_id", "signature", "content_hash"):
        _check(upload(platform_server, device, document, **{missing: None}), 400, "request.malformed")
    not_json = b"this is not json"
    _check(upload_bytes(platform_server, device, not_json, document["batch_id"]), 400, "request.malformed")


def test_duplicate_answers_the_original_receipt_and_conflict_409(platform_server, device):
    document = batch_document(device, [trainee(1)])
    first = upload(platform_server, device, document)
    assert first.status_code == 201 and first.json()["duplicate"] is False
    second = upload(platform_server, device, document)
    assert second.status_code == 200
    assert second.json() == {**first.json(), "duplicate": True}

    changed = dict(document, created_at="2025-04-13T02:00:00Z")
    _check(upload(platform_server, device, changed), 409, "batch.conflict")
    [stored] = platform_server.batches()
    assert stored["content_hash"] == hashlib.sha256(canonical(document)).hexdigest()
    assert stored["times_received"] == 2 and stored["status"] == "accepted"


def test_receipt_of_an_unknown_batch_404(platform_server):
    answer = httpx.get(f"{platform_server.url}/api/v1/batches/{uuid.uuid4()}/receipt", headers=headers())
    _check(answer, 404, "batch.unknown")


def test_checks_run_in_the_documented_order(platform_server, device):
    """size → key known → not revoked → client version → hash → signature → schema → URL id."""
    stranger = Device()
    document = batch_document(device, [trainee(1)])
    size = len(canonical(document))

    platform_server.set_faults(max_batch_bytes=size - 1)
    _check(upload(platform_server, stranger, document, content_hash="0" * 64), 413, "batch.too_large")
    platform_server.set_faults(min_client="9.0.0")
    _check(upload(platform_server, stranger, document, content_hash="0" * 64), 401, "device.unknown")
    _check(upload(platform_server, device, document, content_hash="0" * 64), 426, "client.too_old")
    platform_server.set_faults()
    _check(upload(platform_server, device, document, content_hash="0" * 64, signature="***"), 400, "hash.mismatch")
    broken = dict(document, schema="nope")
    _check(upload(platform_server, device, broken, signature=Device().sign(canonical(broken))),
           400, "signature.invalid")
    _check(upload_bytes(platform_server, device, canonical(broken), str(uuid.uuid4())), 422, "schema.invalid")

    revoked = register(platform_server)
    platform_server.revoke(revoked.key_id)
    platform_server.set_faults(min_client="9.0.0")
    _check(upload(platform_server, revoked, batch_document(revoked, [trainee(2)])), 403, "key.revoked")


def test_every_error_body_is_exactly_code_and_message(platform_server):
    for answer in (httpx.get(f"{platform_server.url}/api/v1/nowhere", headers=headers()),
                   httpx.delete(f"{platform_server.url}/api/v1/health"),
                   httpx.get(f"{platform_server.url}/api/v1/reference/unknown", headers=headers())):
        assert answer.status_code in (404, 405)
        body = answer.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
