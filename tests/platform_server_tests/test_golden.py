"""The golden vectors of tests/platform/golden are accepted by the platform, byte for byte."""

from __future__ import annotations

import shutil
import subprocess

import httpx
import pytest

from desktop_app.platform.protocol import parse_receipt
from tests.platform.golden.make_vectors import golden_key
from tests.platform_server_tests.helpers import GOLDEN, Device, error_of, golden_document, headers, receipt_verifies


def _register_golden(platform) -> Device:
    document = golden_document()
    device = Device(private_key=golden_key())
    assert device.key_id == document["device"]["key_id"]
    code = platform.enrolment_code(document["institution"]["code"])
    answer = httpx.post(f"{platform.url}/api/v1/devices", headers=headers(), json={
        "enrolment_code": code, "institution_code": document["institution"]["code"], "key_id": device.key_id,
        "public_key_pem": (GOLDEN / "key.pub.pem").read_text("ascii")})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["institution_code"] == "320106-0042"
    assert body["platform_key_id"] == platform.platform_key_id
    assert body["platform_public_key_pem"] == platform.public_key_pem
    return device


def _put_golden(platform) -> httpx.Response:
    body = (GOLDEN / "batch.canonical.json").read_bytes()
    return httpx.put(f"{platform.url}/api/v1/batches/{golden_document()['batch_id']}", content=body, headers={
        "Content-Type": "application/json", "X-SkillDesk-Client": "0.1.0",
        "X-SkillDesk-Key-Id": golden_document()["device"]["key_id"],
        "X-SkillDesk-Signature": (GOLDEN / "batch.sig.b64").read_text("ascii").strip(),
        "X-SkillDesk-Content-Hash": (GOLDEN / "batch.sha256").read_text("ascii").strip()})


def test_the_golden_batch_is_accepted_and_its_receipt_verifies(platform_server, tmp_path):
    _register_golden(platform_server)
    answer = _put_golden(platform_server)
    assert answer.status_code == 201, answer.text
    envelope = answer.json()
    receipt = envelope["receipt"]
    assert receipt["schema"] == "skilldesk-receipt/1"
    assert receipt["batch_id"] == golden_document()["batch_id"]
    assert receipt["content_hash"] == (GOLDEN / "batch.sha256").read_text("ascii").strip()
    assert receipt["status"] == "accepted" and receipt["issues"] == []
    assert receipt["sequence"] == 1 and receipt["supersedes"] is None
    assert envelope["duplicate"] is False and envelope["platform_key_id"] == platform_server.platform_key_id
    assert receipt_verifies(envelope, platform_server.public_key_pem)

    # The client's own implementation agrees with the platform's (a second, independent check).
    parsed = parse_receipt(envelope)
    assert parsed.verifies_with(platform_server.public_key_pem)
    assert parsed.status == "accepted" and not parsed.duplicate

    # The same bytes again: the original signed receipt, marked as a duplicate.
    again = _put_golden(platform_server)
    assert again.status_code == 200
    assert again.json()["receipt"] == receipt and again.json()["signature"] == envelope["signature"]
    assert again.json()["duplicate"] is True

    fetched = httpx.get(f"{platform_server.url}/api/v1/batches/{receipt['batch_id']}/receipt", headers=headers())
    assert fetched.status_code == 200
    assert fetched.json() == {**envelope, "duplicate": False}
    [stored] = platform_server.batches()
    assert stored["status"] == "accepted" and stored["times_received"] == 2

    if shutil.which("openssl"):  # an auditor without our code can check the receipt too
        import rfc8785

        (tmp_path / "receipt.json").write_bytes(rfc8785.dumps(receipt))
        (tmp_path / "receipt.sig").write_bytes(__import__("base64").b64decode(envelope["signature"]))
        (tmp_path / "platform.pub.pem").write_text(platform_server.public_key_pem, "ascii")
        result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "platform.pub.pem"),
                                 "-rawin", "-in", str(tmp_path / "receipt.json"), "-sigfile",
                                 str(tmp_path / "receipt.sig")], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_changed_byte_of_the_golden_batch_is_refused(platform_server):
    _register_golden(platform_server)
    body = bytearray((GOLDEN / "batch.canonical.json").read_bytes())
    body[100] ^= 0x01
    import hashlib

    answer = httpx.put(f"{platform_server.url}/api/v1/batches/{golden_document()['batch_id']}", content=bytes(body),
                       headers={"Content-Type": "application/json", "X-SkillDesk-Client": "0.1.0",
                                "X-SkillDesk-Key-Id": golden_document()["device"]["key_id"],
                                "X-SkillDesk-Signature": (GOLDEN / "batch.sig.b64").read_text("ascii").strip(),
                                "X-SkillDesk-Content-Hash": hashlib.sha256(bytes(body)).hexdigest()})
    assert answer.status_code == 400 and error_of(answer) == "signature.invalid"
    assert platform_server.batches() == []


@pytest.mark.parametrize("version", ["0.1.0", "0.2.0"])
def test_health_reports_protocol_and_limits(platform_server, version):
    platform_server.set_faults(min_client=version, max_batch_bytes=1234)
    body = httpx.get(f"{platform_server.url}/api/v1/health").json()
    assert body == {"status": "ok", "protocol": 1, "min_client": version, "max_batch_bytes": 1234}
