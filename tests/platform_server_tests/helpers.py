"""Test-side helpers: real Ed25519 device keys, valid identity numbers, batch documents, uploads.

The documents are built and canonicalised here with `rfc8785` directly, like any third-party
client would; nothing is imported from the client's desktop_app.platform except where a test
deliberately cross-checks the two implementations.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import rfc8785
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.domain.identity import check_char

GOLDEN = Path(__file__).resolve().parents[1] / "platform" / "golden"
CLIENT_VERSION = "0.1.0"
INSTITUTION = "320106-0042"
CURRENT_VERSIONS = {"occupations": "2022-bundled-3", "subsidy_rates": "jiangsu-2025-01", "shortage_list": "2025-1"}


def id_number(serial: int, *, region: str = "320106", birth: str = "19900307") -> str:
    """A valid 18-character resident ID number; `serial` (0..999) makes it unique."""
    first17 = f"{region}{birth}{serial:03d}"
    return first17 + check_char(first17)


def broken_id_number(serial: int) -> str:
    good = id_number(serial)
    wrong = "0" if good[-1] != "0" else "1"
    return good[:-1] + wrong


@dataclass
class Device:
    """A real Ed25519 key pair, as a client device holds it."""

    private_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    device_id: str | None = None
    institution_code: str | None = None
    platform_public_key_pem: str | None = None

    @property
    def public_key_pem(self) -> str:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")

    @property
    def key_id(self) -> str:
        raw = self.private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return "skd-" + hashlib.sha256(raw).hexdigest()[:16]

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.private_key.sign(data)).decode("ascii")


def headers(**extra: str) -> dict[str, str]:
    return {"X-SkillDesk-Client": CLIENT_VERSION, **extra}


def register(platform, institution_code: str = INSTITUTION, device: Device | None = None) -> Device:
    device = device or Device()
    code = platform.enrolment_code(institution_code)
    answer = httpx.post(f"{platform.url}/api/v1/devices", headers=headers(), json={
        "enrolment_code": code, "institution_code": institution_code, "key_id": device.key_id,
        "public_key_pem": device.public_key_pem})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    device.device_id, device.institution_code = body["device_id"], body["institution_code"]
    device.platform_public_key_pem = body["platform_public_key_pem"]
    return device


def trainee(serial: int, *, name: str | None = None, subsidy: bool = True, withdrawn: bool = False,
            number: str | None = None) -> dict:
    return {
        "record_id": str(uuid.uuid4()), "trainee_id": str(uuid.uuid4()), "roll_no": serial,
        "id_type": "resident", "id_number": number or id_number(serial), "name": name or f"学员{serial}",
        "sex": "M", "birth_date": "1990-03-07", "phone": "13912345678", "education": "初中",
        "household_type": "农业户口", "employment_status": "registered_unemployed",
        "key_groups": ["registered_unemployed"], "subsidy_claimed": subsidy, "withdrawn": withdrawn,
    }


def batch_document(device: Device, trainees: list[dict], *, kind: str = "cohort_completion", year: int = 2025,
                   supersedes: str | None = None, certificate_numbers: dict[int, str] | None = None,
                   occupation_code: str = "4-03-02-01", reference_versions: dict | None = None,
                   completed: bool = True, batch_id: str | None = None) -> dict:
    """A schema-valid batch; `certificate_numbers` maps a trainee index to its certificate number."""
    document = {
        "schema": "skilldesk-batch/1", "kind": kind, "batch_id": batch_id or str(uuid.uuid4()),
        "created_at": f"{year}-04-12T02:00:00Z", "client": CLIENT_VERSION,
        "institution": {"code": device.institution_code or INSTITUTION, "name": "测试职业技能培训学校"},
        "device": {"device_id": device.device_id, "key_id": device.key_id},
        "reference_versions": dict(reference_versions or CURRENT_VERSIONS),
        "supersedes": supersedes,
        "payload": {
            "class": {
                "record_id": str(uuid.uuid4()), "code": f"T-{year}-001", "name": "中式烹调师（四级）培训班",
                "occupation_code": occupation_code, "occupation_edition": "2022", "level": 4,
                "training_type": "employment_skills", "project_based": False, "start_date": f"{year}-03-03",
                "end_date": f"{year}-04-11", "planned_minutes": {"theory": 3600, "practice": 5400, "online": 1800},
                "capacity": 40, "location": "实训基地", "sessions": 30, "policy": "jiangsu-2025",
            },
            "trainees": trainees,
        },
    }
    if kind == "correction":
        document["correction_reason"] = "更正学员信息"
    if kind != "class_filing":
        payload = document["payload"]
        payload["attendance"] = [
            {"record_id": t["record_id"], "required_minutes": 10800, "attended_minutes": 10260 if completed else 3000,
             "online_minutes_credited": 1800, "rate_permille": 950 if completed else 277, "completed": completed}
            for t in trainees]
        payload["assessments"] = []
        payload["certificates"] = [
            {"record_id": str(uuid.uuid4()), "enrolment_id": trainees[index]["record_id"], "number": number,
             "kind": "skill_level", "issued_on": f"{year}-04-11", "status": "issued", "content_hash": None}
            for index, number in (certificate_numbers or {}).items()]
    return document


def correction_of(document: dict, **changes) -> dict:
    """The whole cohort again, under a new batch id, naming `document` as the one it replaces."""
    corrected = copy.deepcopy(document)
    corrected["batch_id"] = str(uuid.uuid4())
    corrected["kind"] = "correction"
    corrected["supersedes"] = document["batch_id"]
    corrected["correction_reason"] = changes.pop("reason", "更正")
    for key, value in changes.items():
        corrected[key] = value
    return corrected


def canonical(document: dict) -> bytes:
    return rfc8785.dumps(document)


def upload_bytes(platform, device: Device, body: bytes, batch_id: str, *, http: httpx.Client | None = None,
                 timeout: float = 30, **header_overrides) -> httpx.Response:
    sent = {"Content-Type": "application/json", "X-SkillDesk-Client": CLIENT_VERSION,
            "X-SkillDesk-Key-Id": device.key_id, "X-SkillDesk-Signature": device.sign(body),
            "X-SkillDesk-Content-Hash": hashlib.sha256(body).hexdigest()}
    for name, value in header_overrides.items():
        header = {"client": "X-SkillDesk-Client", "key_id": "X-SkillDesk-Key-Id", "signature": "X-SkillDesk-Signature",
                  "content_hash": "X-SkillDesk-Content-Hash"}[name]
        if value is None:
            sent.pop(header)
        else:
            sent[header] = value
    url = f"{platform.url}/api/v1/batches/{batch_id}"
    if http is not None:
        return http.put(url, content=body, headers=sent)
    return httpx.put(url, content=body, headers=sent, timeout=timeout)


def upload(platform, device: Device, document: dict, **options) -> httpx.Response:
    return upload_bytes(platform, device, canonical(document), document["batch_id"], **options)


def receipt_verifies(envelope: dict, platform_public_key_pem: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    key = serialization.load_pem_public_key(platform_public_key_pem.encode("ascii"))
    try:
        key.verify(base64.b64decode(envelope["signature"]), rfc8785.dumps(envelope["receipt"]))
    except InvalidSignature:
        return False
    return True


def issue_codes(answer: httpx.Response) -> list[tuple[str, str, str]]:
    return [(i["code"], i["severity"], i["field"]) for i in answer.json()["receipt"]["issues"]]


def error_of(answer: httpx.Response) -> str:
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return body["error"]["code"]


def golden_document() -> dict:
    return json.loads((GOLDEN / "batch.input.json").read_text("utf-8"))
