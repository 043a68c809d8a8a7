"""Device registration and key rotation (PROTOCOL.md §4)."""

from __future__ import annotations

import httpx
import rfc8785

from tests.platform_server_tests.helpers import (
    INSTITUTION,
    Device,
    batch_document,
    error_of,
    headers,
    register,
    trainee,
    upload,
)


def _register(platform, code: str, device: Device, institution: str = INSTITUTION, **extra) -> httpx.Response:
    return httpx.post(f"{platform.url}/api/v1/devices", headers=extra.pop("send_headers", headers()), json={
        "enrolment_code": code, "institution_code": institution, "key_id": device.key_id,
        "public_key_pem": device.public_key_pem, **extra})


def test_an_enrolment_code_registers_one_device_once_and_the_same_request_again_is_idempotent(platform_server):
    code = platform_server.enrolment_code(INSTITUTION)
    device = Device()
    first = _register(platform_server, code, device)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["device_id"].startswith("dev-") and body["institution_code"] == INSTITUTION
    assert body["platform_key_id"] == platform_server.platform_key_id

    again = _register(platform_server, code, device)
    assert again.status_code == 201 and again.json() == body  # lost answer, asked again: same device

    other = _register(platform_server, code, Device())
    assert other.status_code == 403 and error_of(other) == "enrolment.invalid"


def test_enrolment_codes_that_are_unknown_foreign_or_expired_are_refused(platform_server):
    foreign = platform_server.enrolment_code("320106-9999")
    assert error_of(_register(platform_server, foreign, Device())) == "enrolment.invalid"
    assert error_of(_register(platform_server, "ZZZZ-ZZZZ", Device())) == "enrolment.invalid"
    expired = platform_server.enrolment_code(INSTITUTION, expires_in_seconds=-60)
    answer = _register(platform_server, expired, Device())
    assert answer.status_code == 403 and error_of(answer) == "enrolment.invalid"
    # The code was not used up by the refused attempts.
    assert _register(platform_server, foreign, Device(), institution="320106-9999").status_code == 201


def test_the_demo_code_printed_at_start_works_and_codes_tolerate_case_and_spaces(platform_server):
    assert platform_server.demo_enrolment_code
    code = platform_server.demo_enrolment_code.lower().replace("-", " ")
    assert _register(platform_server, code, Device()).status_code == 201


def test_malformed_registrations(platform_server):
    code = platform_server.enrolment_code(INSTITUTION)
    device = Device()
    wrong_id = httpx.post(f"{platform_server.url}/api/v1/devices", headers=headers(), json={
        "enrolment_code": code, "institution_code": INSTITUTION, "key_id": Device().key_id,
        "public_key_pem": device.public_key_pem})
    assert wrong_id.status_code == 400 and error_of(wrong_id) == "request.malformed"
    not_json = httpx.post(f"{platform_server.url}/api/v1/devices", headers=headers(), content=b"{oops")
    assert not_json.status_code == 400 and error_of(not_json) == "request.malformed"
    no_client = _register(platform_server, code, device, send_headers={})
    assert no_client.status_code == 400 and error_of(no_client) == "request.malformed"
    assert _register(platform_server, code, device).status_code == 201  # nothing was used up


def _rotation(device: Device, new: Device, *, signer: Device | None = None) -> dict:
    statement = rfc8785.dumps({"device_id": device.device_id, "new_key_id": new.key_id,
                               "new_public_key_pem": new.public_key_pem, "purpose": "skilldesk-key-rotation/1"})
    return {"new_key_id": new.key_id, "new_public_key_pem": new.public_key_pem, "old_key_id": device.key_id,
            "signature": (signer or device).sign(statement)}


def test_key_rotation_signed_by_the_old_key(platform_server):
    old = register(platform_server)
    receipted = batch_document(old, [trainee(1)])
    assert upload(platform_server, old, receipted).status_code == 201

    new = Device()
    new.device_id, new.institution_code = old.device_id, old.institution_code
    url = f"{platform_server.url}/api/v1/devices/{old.device_id}/keys"
    forged = httpx.post(url, headers=headers(), json=_rotation(old, new, signer=Device()))
    assert forged.status_code == 400 and error_of(forged) == "signature.invalid"

    answer = httpx.post(url, headers=headers(), json=_rotation(old, new))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"device_id": old.device_id, "key_id": new.key_id}
    again = httpx.post(url, headers=headers(), json=_rotation(old, new))  # the answer was lost: same answer
    assert again.status_code == 200 and again.json() == answer.json()

    # New uploads must use the new key; the old key's batch stays receipted.
    refused = upload(platform_server, old, batch_document(old, [trainee(2)]))
    assert refused.status_code == 403 and error_of(refused) == "key.revoked"
    assert upload(platform_server, new, batch_document(new, [trainee(3)])).status_code == 201
    kept = httpx.get(f"{platform_server.url}/api/v1/batches/{receipted['batch_id']}/receipt", headers=headers())
    assert kept.status_code == 200 and kept.json()["receipt"]["status"] == "accepted"
    assert [b["key_id"] for b in platform_server.batches()] == [old.key_id, new.key_id]


def test_rotation_for_an_unknown_device_or_key(platform_server):
    device = register(platform_server)
    stranger = Device()
    stranger.device_id = device.device_id
    answer = httpx.post(f"{platform_server.url}/api/v1/devices/{device.device_id}/keys", headers=headers(),
                        json=_rotation(stranger, Device()))
    assert answer.status_code == 401 and error_of(answer) == "device.unknown"
    elsewhere = httpx.post(f"{platform_server.url}/api/v1/devices/dev-nope/keys", headers=headers(),
                           json=_rotation(device, Device()))
    assert elsewhere.status_code == 401 and error_of(elsewhere) == "device.unknown"


def test_a_revoked_key_cannot_rotate(platform_server):
    device = register(platform_server)
    platform_server.revoke(device.key_id)
    answer = httpx.post(f"{platform_server.url}/api/v1/devices/{device.device_id}/keys", headers=headers(),
                        json=_rotation(device, Device()))
    assert answer.status_code == 403 and error_of(answer) == "key.revoked"


def test_signature_field_must_be_base64(platform_server):
    device = register(platform_server)
    body = _rotation(device, Device())
    body["signature"] = "not base64!"
    answer = httpx.post(f"{platform_server.url}/api/v1/devices/{device.device_id}/keys", headers=headers(), json=body)
    assert answer.status_code == 400 and error_of(answer) == "signature.invalid"
