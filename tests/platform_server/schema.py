"""Schema check of a `skilldesk-batch/1` document (PROTOCOL.md §5): shape and types only.

Unknown fields are ignored (adding an optional field does not change the protocol version);
missing or mistyped ones are reported with their path.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime

from tests.platform_server.wire import BATCH_SCHEMA

KINDS = ("class_filing", "cohort_completion", "correction")
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

# Type names used in the table below. A trailing "?" means null is allowed.
_CLASS = {
    "record_id": "uuid", "code": "str", "name": "str", "occupation_code": "str", "occupation_edition": "str",
    "level": "level", "training_type": "str?", "project_based": "bool", "start_date": "date",
    "end_date": "date", "planned_minutes": "minutes", "capacity": "count?", "location": "str?",
    "sessions": "count?", "policy": "str?",
}
_TRAINEE = {
    "record_id": "uuid", "trainee_id": "uuid", "roll_no": "count?", "id_type": "str", "id_number": "str",
    "name": "str", "sex": "str?", "birth_date": "date?", "phone": "str?", "education": "str?",
    "household_type": "str?", "employment_status": "str?", "key_groups": "strings", "subsidy_claimed": "bool",
    "withdrawn": "bool",
}
_ATTENDANCE = {
    "record_id": "uuid", "required_minutes": "count", "attended_minutes": "count",
    "online_minutes_credited": "count", "rate_permille": "permille", "completed": "bool",
}
_ASSESSMENT = {
    "record_id": "uuid", "enrolment_id": "uuid", "theory_score": "permille?", "practical_score": "permille?",
    "result": "result?", "retake": "bool", "assessed_on": "date?",
}
_CERTIFICATE = {
    "record_id": "uuid", "enrolment_id": "uuid", "number": "str", "kind": "str", "issued_on": "date?",
    "status": "cert_status", "content_hash": "str?",
}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check(kind: str, value: object) -> str | None:
    """What is wrong with `value` for type `kind`, or None."""
    if kind.endswith("?"):
        if value is None:
            return None
        kind = kind[:-1]
    if kind == "str":
        return None if isinstance(value, str) and value.strip() else "must be non-empty text"
    if kind == "uuid":
        if isinstance(value, str):
            try:
                uuid.UUID(value)
                return None
            except ValueError:
                pass
        return "must be a UUID"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "count":
        return None if _is_int(value) and value >= 0 else "must be a whole number ≥ 0"
    if kind == "permille":
        return None if _is_int(value) and 0 <= value <= 1000 else "must be a whole number 0..1000"
    if kind == "level":
        return None if _is_int(value) and 1 <= value <= 5 else "must be a whole number 1..5"
    if kind == "date":
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return "must be a date YYYY-MM-DD"
    if kind == "strings":
        return None if isinstance(value, list) and all(isinstance(v, str) for v in value) else "must be a list of text"
    if kind == "result":
        return None if value in ("pass", "fail") else 'must be "pass", "fail" or null'
    if kind == "cert_status":
        return None if value in ("issued", "void") else 'must be "issued" or "void"'
    if kind == "minutes":
        if not isinstance(value, dict):
            return "must be an object {theory, practice, online}"
        for part in ("theory", "practice", "online"):
            if not (_is_int(value.get(part)) and value[part] >= 0):
                return f"{part} must be a whole number of minutes ≥ 0"
        return None
    raise AssertionError(kind)


def _record(problems: list[str], where: str, value: object, fields: dict[str, str]) -> None:
    if not isinstance(value, dict):
        problems.append(f"{where}: must be an object")
        return
    for name, kind in fields.items():
        if name not in value:
            if not kind.endswith("?"):
                problems.append(f"{where}.{name}: missing")
            continue
        problem = _check(kind, value[name])
        if problem:
            problems.append(f"{where}.{name}: {problem}")


def _records(problems: list[str], payload: dict, name: str, fields: dict[str, str]) -> list[dict]:
    items = payload.get(name)
    if not isinstance(items, list):
        problems.append(f"payload.{name}: missing or not a list")
        return []
    seen: set[str] = set()
    for index, item in enumerate(items):
        _record(problems, f"payload.{name}[{index}]", item, fields)
        record_id = item.get("record_id") if isinstance(item, dict) else None
        if isinstance(record_id, str):
            if record_id in seen:
                problems.append(f"payload.{name}[{index}].record_id: {record_id} appears twice")
            seen.add(record_id)
    return [item for item in items if isinstance(item, dict)]


def schema_problems(document: object) -> list[str]:
    """Every way `document` fails the batch schema; empty when it conforms."""
    if not isinstance(document, dict):
        return ["the document must be a JSON object"]
    problems: list[str] = []
    if document.get("schema") != BATCH_SCHEMA:
        problems.append(f"schema: must be {BATCH_SCHEMA!r}, not {document.get('schema')!r}")
    kind = document.get("kind")
    if kind not in KINDS:
        problems.append(f"kind: must be one of {', '.join(KINDS)}")
    if _check("uuid", document.get("batch_id")):
        problems.append("batch_id: must be a UUID")
    created = document.get("created_at")
    if not (isinstance(created, str) and _INSTANT.fullmatch(created) and _valid_instant(created)):
        problems.append("created_at: must be a UTC instant YYYY-MM-DDTHH:MM:SSZ")
    if _check("str", document.get("client")):
        problems.append("client: must be the client version")
    _record(problems, "institution", document.get("institution"), {"code": "str", "name": "str"})
    _record(problems, "device", document.get("device"), {"device_id": "str?", "key_id": "str"})
    versions = document.get("reference_versions")
    if not (isinstance(versions, dict) and all(isinstance(v, str) for v in versions.values())):
        problems.append("reference_versions: must be an object of dataset → version text")
    supersedes = document.get("supersedes")
    if kind == "correction":
        if _check("uuid", supersedes):
            problems.append("supersedes: a correction must name the batch it replaces (UUID)")
        elif supersedes == document.get("batch_id"):
            problems.append("supersedes: a correction cannot replace itself")
        if _check("str", document.get("correction_reason")):
            problems.append("correction_reason: a correction must say why (non-empty text)")
    elif "supersedes" not in document or supersedes is not None:
        problems.append("supersedes: must be null for a batch that is not a correction")
    payload = document.get("payload")
    if not isinstance(payload, dict):
        problems.append("payload: must be an object")
        return problems
    _record(problems, "payload.class", payload.get("class"), _CLASS)
    trainees = _records(problems, payload, "trainees", _TRAINEE)
    if kind in ("cohort_completion", "correction"):
        enrolments = {t.get("record_id") for t in trainees}
        attendance = _records(problems, payload, "attendance", _ATTENDANCE)
        assessments = _records(problems, payload, "assessments", _ASSESSMENT)
        certificates = _records(problems, payload, "certificates", _CERTIFICATE)
        for index, item in enumerate(attendance):
            if isinstance(item.get("record_id"), str) and item["record_id"] not in enrolments:
                problems.append(f"payload.attendance[{index}].record_id: no trainee with this enrolment")
        for name, items in (("assessments", assessments), ("certificates", certificates)):
            for index, item in enumerate(items):
                if isinstance(item.get("enrolment_id"), str) and item["enrolment_id"] not in enrolments:
                    problems.append(f"payload.{name}[{index}].enrolment_id: no trainee with this enrolment")
    klass = payload.get("class")
    if isinstance(klass, dict) and not _check("date", klass.get("start_date")) \
            and not _check("date", klass.get("end_date")) and klass["end_date"] < klass["start_date"]:
        problems.append("payload.class.end_date: before start_date")
    return problems


def _valid_instant(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
        return True
    except ValueError:
        return False
