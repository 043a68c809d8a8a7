"""The HTTP side: the protocol endpoints (/api/v1) and, with --control, the test controls.

Built on Starlette (FastAPI's base; it starts much faster, which matters for a server the
tests start for every test). Handlers are `async` and use the database synchronously, so one server process handles one
request's database work at a time: the order of checks and the single commit per batch are
easy to follow, and `slow_seconds` (an async sleep) still lets other requests through.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import inspect

from sqlalchemy import select
from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.platform_server import wire
from tests.platform_server.errors import ApiError, error_body, error_response, json_response
from tests.platform_server.records import apply_records, validate_records
from tests.platform_server.schema import schema_problems
from tests.platform_server.storage import (
    REFERENCE_DATASETS,
    Batch,
    Device,
    DeviceKey,
    EnrolmentCode,
    PriorSubsidy,
    Receipt,
    RegistryPerson,
    Storage,
    current_reference,
    next_sequence,
    publish_reference,
)

API = "/api/v1"
DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024
DEFAULT_MIN_CLIENT = "0.1.0"
ENROLMENT_CODE_DAYS = 30
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass
class Faults:
    """Misbehaviour the tests ask for (in memory: a restart clears it)."""

    default_max_batch_bytes: int = DEFAULT_MAX_BATCH_BYTES
    default_min_client: str = DEFAULT_MIN_CLIENT
    drop_after_commit: int = 0
    busy: int = 0
    retry_after: int = 1
    slow_seconds: float = 0.0
    max_batch_bytes_override: int | None = None
    min_client_override: str | None = None

    @property
    def max_batch_bytes(self) -> int:
        return self.max_batch_bytes_override or self.default_max_batch_bytes

    @property
    def min_client(self) -> str:
        return self.min_client_override or self.default_min_client

    def take(self, name: str) -> bool:
        """Use up one of the next-N faults `name`; True if it applies to this request."""
        left = getattr(self, name)
        if left > 0:
            setattr(self, name, left - 1)
            return True
        return False

    def as_json(self) -> dict:
        return {"drop_after_commit": self.drop_after_commit, "busy": self.busy, "retry_after": self.retry_after,
                "slow_seconds": self.slow_seconds, "max_batch_bytes": self.max_batch_bytes,
                "min_client": self.min_client}


@dataclass
class PlatformState:
    storage: Storage
    control: bool
    faults: Faults = field(default_factory=Faults)


# --- small helpers ---------------------------------------------------------------------------


def new_enrolment_code(storage: Storage, institution_code: str, *, expires_in_seconds: int | None = None) -> dict:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    code = f"{raw[:4]}-{raw[4:]}"
    now = datetime.now(timezone.utc)
    seconds = ENROLMENT_CODE_DAYS * 86400 if expires_in_seconds is None else expires_in_seconds
    expires = (now + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with storage.sessions.begin() as session:
        session.add(EnrolmentCode(code=code, institution_code=institution_code, issued_at=wire.utc_now(),
                                  expires_at=expires))
    return {"code": code, "institution_code": institution_code, "expires_at": expires}


def _normalise_code(text: str) -> str:
    cleaned = "".join(text.split()).upper().replace("-", "")
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == 8 else text.strip()


async def _json_body(request: Request) -> dict:
    body = await request.body()
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError("request.malformed", "The body is not JSON.") from None
    if not isinstance(value, dict):
        raise ApiError("request.malformed", "The body must be a JSON object.")
    return value


def _text_fields(body: dict, *names: str) -> list[str]:
    values = []
    for name in names:
        value = body.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ApiError("request.malformed", f"Field {name!r} is missing or not text.")
        values.append(value)
    return values


def _require_client(request: Request, faults: Faults, *, check_minimum: bool = True) -> None:
    version = request.headers.get("x-skilldesk-client")
    if not version:
        raise ApiError("request.malformed", "Header X-SkillDesk-Client is missing.")
    try:
        parsed = wire.parse_version(version)
    except ValueError:
        raise ApiError("request.malformed", f"X-SkillDesk-Client {version!r} is not a version.") from None
    if check_minimum and parsed < wire.parse_version(faults.min_client):
        raise ApiError("client.too_old", f"Client {version} is older than the minimum {faults.min_client}.")


def _envelope(receipt: Receipt, *, duplicate: bool) -> dict:
    return {"receipt": json.loads(receipt.receipt_bytes.decode("utf-8")), "platform_key_id": receipt.platform_key_id,
            "signature": receipt.signature, "duplicate": duplicate}


def _check_key(public_key_pem: str, key_id: str) -> None:
    try:
        key = wire.load_public_key(public_key_pem)
    except ValueError as error:
        raise ApiError("request.malformed", f"public key: {error}.") from None
    if wire.key_id(key) != key_id:
        raise ApiError("request.malformed", f"Key id {key_id} is not the id of this public key ({wire.key_id(key)}).")


# --- the application -------------------------------------------------------------------------


def create_app(storage: Storage, *, control: bool = False, max_batch_bytes: int = DEFAULT_MAX_BATCH_BYTES,
               min_client: str = DEFAULT_MIN_CLIENT):
    state = PlatformState(storage=storage, control=control,
                          faults=Faults(default_max_batch_bytes=max_batch_bytes, default_min_client=min_client))
    routes = Routes()
    app = routes  # the decorators below read like a web framework's: @app.get(path)
    faults = state.faults

    async def _api_error(_request: Request, error: ApiError) -> Response:
        return error_response(error)

    async def _http_error(_request: Request, error: StarletteHTTPException) -> Response:
        code = "not_found" if error.status_code == 404 else "request.malformed"
        return Response(error_body(code, f"{error.status_code}: {error.detail}"), status_code=error.status_code,
                        media_type="application/json")

    async def _failure(_request: Request, error: Exception) -> Response:
        return Response(error_body("platform.error", f"平台内部错误。Platform failure: {type(error).__name__}"),
                        status_code=500, media_type="application/json")

    # -- §3 health

    @app.get(f"{API}/health")
    async def health() -> Response:
        return json_response({"status": "ok", "protocol": wire.PROTOCOL_VERSION, "min_client": faults.min_client,
                              "max_batch_bytes": faults.max_batch_bytes})

    # -- §4 registration and rotation

    @app.post(f"{API}/devices")
    async def register_device(request: Request) -> Response:
        _require_client(request, faults)
        body = await _json_body(request)
        code_text, institution_code, key_id, public_key_pem = _text_fields(
            body, "enrolment_code", "institution_code", "key_id", "public_key_pem")
        _check_key(public_key_pem, key_id)
        code_text = _normalise_code(code_text)
        with storage.sessions.begin() as session:
            code = session.get(EnrolmentCode, code_text)
            if code is None or code.institution_code != institution_code:
                raise ApiError("enrolment.invalid", "The code is unknown or was issued to another institution.")
            if code.used_at is not None:
                if code.used_by_key_id != key_id:
                    raise ApiError("enrolment.invalid", "The code was already used.")
                device = session.get(Device, code.device_id)  # the same key and code again: same answer
                return _registration(device)
            if code.expires_at is not None and code.expires_at < wire.utc_now():
                raise ApiError("enrolment.invalid", "The code has expired.")
            if session.get(DeviceKey, key_id) is not None:
                raise ApiError("enrolment.invalid", "This key is already registered for another device.")
            device = Device(device_id="dev-" + uuid.uuid4().hex[:16], institution_code=institution_code,
                            enrolment_code=code.code, registered_at=wire.utc_now())
            session.add(device)
            session.flush()
            session.add(DeviceKey(key_id=key_id, device_id=device.device_id, public_key_pem=public_key_pem,
                                  added_at=wire.utc_now()))
            code.used_at, code.used_by_key_id, code.device_id = wire.utc_now(), key_id, device.device_id
            return _registration(device)

    def _registration(device: Device) -> Response:
        return json_response({"device_id": device.device_id, "institution_code": device.institution_code,
                              "platform_key_id": storage.key_id,
                              "platform_public_key_pem": storage.public_key_pem}, status=201)

    @app.post(API + "/devices/{device_id}/keys")
    async def rotate_key(device_id: str, request: Request) -> Response:
        _require_client(request, faults)
        body = await _json_body(request)
        new_key_id, new_pem, old_key_id, signature_text = _text_fields(
            body, "new_key_id", "new_public_key_pem", "old_key_id", "signature")
        _check_key(new_pem, new_key_id)
        with storage.sessions.begin() as session:
            old = session.get(DeviceKey, old_key_id)
            if old is None or old.device_id != device_id:
                raise ApiError("device.unknown", "The old key is not registered for this device.")
            if old.revoked_at is not None:
                raise ApiError("key.revoked")
            try:
                signature = wire.b64decode(signature_text)
            except ValueError:
                raise ApiError("signature.invalid", "The signature is not base64.") from None
            statement = wire.rotation_statement(device_id, new_key_id, new_pem)
            if not wire.verifies(old.public_key_pem, signature, statement):
                raise ApiError("signature.invalid", "The old key's signature over the rotation statement does not verify.")
            new = session.get(DeviceKey, new_key_id)
            if old.retired_at is not None:
                if old.replaced_by == new_key_id and new is not None:  # the same rotation again
                    return json_response({"device_id": device_id, "key_id": new_key_id})
                raise ApiError("key.revoked", "The old key was already replaced by another key.")
            if new is not None:
                raise ApiError("request.malformed", "The new key is already registered.")
            session.add(DeviceKey(key_id=new_key_id, device_id=device_id, public_key_pem=new_pem,
                                  added_at=wire.utc_now()))
            old.retired_at, old.replaced_by = wire.utc_now(), new_key_id
        return json_response({"device_id": device_id, "key_id": new_key_id})

    # -- §6 upload

    @app.put(API + "/batches/{batch_id}")
    async def upload(batch_id: str, request: Request) -> Response:
        limit = faults.max_batch_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ApiError("batch.too_large", f"{declared} bytes; at most {limit}.")
        body = await request.body()
        if len(body) > limit:
            raise ApiError("batch.too_large", f"{len(body)} bytes; at most {limit}.")
        headers = {name: request.headers.get(f"x-skilldesk-{name}") for name in
                   ("client", "key-id", "signature", "content-hash")}
        missing = [f"X-SkillDesk-{name.title()}" for name, value in headers.items() if not value]
        if missing:
            raise ApiError("request.malformed", "Missing header(s): " + ", ".join(missing) + ".")
        key_id = headers["key-id"]
        with storage.sessions() as session:
            key = session.get(DeviceKey, key_id)
            if key is None:
                raise ApiError("device.unknown", f"Key {key_id} is not registered.")
            if key.revoked_at is not None:
                raise ApiError("key.revoked", f"Key {key_id} was revoked at {key.revoked_at}.")
            if key.retired_at is not None:
                raise ApiError("key.revoked", f"Key {key_id} was replaced by {key.replaced_by}; sign with the new key.")
            device = session.get(Device, key.device_id)
            public_key_pem, institution_code, device_id = key.public_key_pem, device.institution_code, key.device_id
        _require_client(request, faults)
        digest = wire.sha256_hex(body)
        if headers["content-hash"].strip().lower() != digest:
            raise ApiError("hash.mismatch", f"The body's SHA-256 is {digest}.")
        try:
            signature = wire.b64decode(headers["signature"])
        except ValueError:
            raise ApiError("signature.invalid", "The signature is not base64.") from None
        if not wire.verifies(public_key_pem, signature, body):
            raise ApiError("signature.invalid")
        document = _parse_batch(body)
        problems = schema_problems(document)
        if problems:
            raise ApiError("schema.invalid", "; ".join(problems[:20]))
        if document["batch_id"] != batch_id:
            raise ApiError("schema.invalid", f"The URL names batch {batch_id}, the document {document['batch_id']}.")
        if document["device"]["key_id"] != key_id:
            raise ApiError("schema.invalid", "device.key_id differs from the X-SkillDesk-Key-Id header.")
        if document["institution"]["code"] != institution_code:
            raise ApiError("schema.invalid", f"The key is registered for institution {institution_code}, "
                                             f"the batch names {document['institution']['code']}.")
        with storage.sessions.begin() as session:
            existing = session.get(Batch, batch_id)
            if existing is not None:
                if existing.content_hash != digest:
                    raise ApiError("batch.conflict", f"Batch {batch_id} was received with hash {existing.content_hash}.")
                existing.times_received += 1
                existing.last_received_at = wire.utc_now()
                return json_response(_envelope(session.get(Receipt, batch_id), duplicate=True), status=200)
            receipt = _commit_new_batch(session, document, body=body, digest=digest, signature=headers["signature"],
                                        key_id=key_id, device_id=device_id, institution_code=institution_code)
            envelope = _envelope(receipt, duplicate=False)
        if faults.take("drop_after_commit"):
            request.scope["skilldesk.connection"]["drop"] = True
        return json_response(envelope, status=201)

    def _commit_new_batch(session, document: dict, *, body: bytes, digest: str, signature: str, key_id: str,
                          device_id: str, institution_code: str) -> Receipt:
        issues = validate_records(session, document, institution_code=institution_code)
        if any(issue.severity == "error" for issue in issues):
            status = "rejected"
        elif issues:
            status = "accepted_with_warnings"
        else:
            status = "accepted"
        now = wire.utc_now()
        batch_id = document["batch_id"]
        sequence = next_sequence(session)
        receipt_body = {"schema": wire.RECEIPT_SCHEMA, "batch_id": batch_id, "content_hash": digest,
                        "sequence": sequence, "status": status, "received_at": now,
                        "supersedes": document.get("supersedes"), "issues": [issue.as_json() for issue in issues]}
        receipt_bytes = wire.canonical(receipt_body)
        session.add(Batch(batch_id=batch_id, content_hash=digest, body=body, signature=signature, key_id=key_id,
                          device_id=device_id, institution_code=institution_code, kind=document["kind"],
                          supersedes=document.get("supersedes"), status=status, status_on_receipt=status,
                          sequence=sequence, received_at=now, times_received=1, last_received_at=now))
        session.flush()
        receipt = Receipt(batch_id=batch_id, receipt_bytes=receipt_bytes, platform_key_id=storage.key_id,
                          signature=wire.b64encode(storage.private_key.sign(receipt_bytes)))
        session.add(receipt)
        if status != "rejected":
            apply_records(session, document, institution_code=institution_code)
            if document.get("supersedes"):
                target = session.get(Batch, document["supersedes"])
                target.status, target.superseded_by = "superseded", batch_id
        session.flush()
        return receipt

    # -- §7 receipts

    @app.get(API + "/batches/{batch_id}/receipt")
    async def receipt(batch_id: str, request: Request) -> Response:
        # A client too old to upload may still learn what happened to what it sent.
        _require_client(request, faults, check_minimum=False)
        with storage.sessions() as session:
            stored = session.get(Receipt, batch_id)
            if stored is None:
                raise ApiError("batch.unknown", f"No batch {batch_id}.")
            return json_response(_envelope(stored, duplicate=False))

    # -- §8 reference data

    @app.get(API + "/reference/{dataset}")
    async def reference(dataset: str, request: Request) -> Response:
        _require_client(request, faults)
        if dataset not in REFERENCE_DATASETS:
            raise ApiError("dataset.unknown", f"Datasets: {', '.join(REFERENCE_DATASETS)}.")
        with storage.sessions() as session:
            current = current_reference(session, dataset)
            etag, document = current.etag, current.document
        wanted = request.headers.get("if-none-match")
        if wanted and _etag_matches(wanted, etag):
            return Response(status_code=304, headers={"ETag": etag})
        # §8: signed with the platform key over exactly these bytes (they name the dataset and
        # version), so a client applies only what this platform published.
        return Response(document, media_type="application/json", headers={
            "ETag": etag, "X-SkillDesk-Platform-Key-Id": storage.key_id,
            "X-SkillDesk-Signature": wire.b64encode(storage.private_key.sign(document))})

    if control:
        _add_control_routes(routes, state)
    application = Starlette(routes=routes.routes, exception_handlers={
        ApiError: _api_error, StarletteHTTPException: _http_error, Exception: _failure})
    application.state.platform = state
    return FaultInjector(application, faults)


class Routes:
    """Collects Starlette routes with FastAPI-like decorators; path parameters and the request
    are passed to the handler by name."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def _add(self, method: str, path: str):
        def decorator(handler):
            wants_request = "request" in inspect.signature(handler).parameters

            async def endpoint(request: Request) -> Response:
                arguments = dict(request.path_params)
                if wants_request:
                    arguments["request"] = request
                return await handler(**arguments)

            self.routes.append(Route(path, endpoint, methods=[method], name=handler.__name__))
            return handler
        return decorator

    def get(self, path: str):
        return self._add("GET", path)

    def post(self, path: str):
        return self._add("POST", path)

    def put(self, path: str):
        return self._add("PUT", path)


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [part.strip() for part in header.split(",")]
    return any(c == "*" or c.removeprefix("W/") == etag for c in candidates)


def _parse_batch(body: bytes) -> dict:
    try:
        document = wire.parse_document(body)
    except wire.NotCanonical as error:
        if str(error).startswith(("not JSON", "the body is not UTF-8")):
            raise ApiError("request.malformed", str(error)) from None
        raise ApiError("schema.invalid", str(error)) from None
    try:
        canonical = wire.canonical(document)
    except wire.NotCanonical as error:
        raise ApiError("schema.invalid", str(error)) from None
    if canonical != body:
        raise ApiError("schema.invalid", "The body is not the RFC 8785 canonical form of the document.")
    return document


# --- test controls (not part of the protocol) -----------------------------------------------


def _add_control_routes(app: Routes, state: PlatformState) -> None:
    storage, faults = state.storage, state.faults

    @app.get("/_control/info")
    async def info() -> Response:
        return json_response({"platform_key_id": storage.key_id, "platform_public_key_pem": storage.public_key_pem,
                              "database": storage.engine.url.render_as_string(hide_password=True),
                              "faults": faults.as_json()})

    @app.post("/_control/enrolment-codes")
    async def issue_code(request: Request) -> Response:
        body = await _json_body(request)
        (institution_code,) = _text_fields(body, "institution_code")
        expires = body.get("expires_in_seconds")
        return json_response(new_enrolment_code(storage, institution_code,
                                                expires_in_seconds=expires if isinstance(expires, int) else None),
                             status=201)

    @app.post("/_control/keys/{key_id}/revoke")
    async def revoke(key_id: str) -> Response:
        with storage.sessions.begin() as session:
            key = session.get(DeviceKey, key_id)
            if key is None:
                raise ApiError("device.unknown", f"No key {key_id}.")
            key.revoked_at = key.revoked_at or wire.utc_now()
            return json_response({"key_id": key_id, "revoked_at": key.revoked_at})

    @app.post("/_control/registry")
    async def seed_registry(request: Request) -> Response:
        body = await _json_body(request)
        people = body.get("people")
        if not isinstance(people, dict):
            raise ApiError("request.malformed", "Send {\"people\": {id_number: name}}.")
        with storage.sessions.begin() as session:
            for id_number, name in people.items():
                session.merge(RegistryPerson(id_number=id_number, name=unicodedata.normalize("NFC", str(name))))
        return json_response({"count": len(people)})

    @app.post("/_control/prior-subsidies")
    async def seed_prior(request: Request) -> Response:
        body = await _json_body(request)
        id_number, year, count = body.get("id_number"), body.get("year"), body.get("count")
        if not isinstance(id_number, str) or not isinstance(year, int) or not isinstance(count, int):
            raise ApiError("request.malformed", "Send {id_number, year, count[, institution_code]}.")
        with storage.sessions.begin() as session:
            session.add(PriorSubsidy(id_number=id_number, year=year, count=count,
                                     institution_code=body.get("institution_code")))
        return json_response({"id_number": id_number, "year": year, "count": count})

    @app.get("/_control/faults")
    async def get_faults() -> Response:
        return json_response(faults.as_json())

    @app.put("/_control/faults")
    async def set_faults(request: Request) -> Response:
        """Sets every fault at once; a field left out goes back to its default."""
        body = await _json_body(request)
        try:
            faults.drop_after_commit = int(body.get("drop_after_commit") or 0)
            faults.busy = int(body.get("busy") or 0)
            faults.retry_after = int(body.get("retry_after") if body.get("retry_after") is not None else 1)
            faults.slow_seconds = float(body.get("slow_seconds") or 0)
            limit = body.get("max_batch_bytes")
            faults.max_batch_bytes_override = int(limit) if limit is not None else None
            minimum = body.get("min_client")
            if minimum is not None:
                wire.parse_version(str(minimum))
            faults.min_client_override = str(minimum) if minimum is not None else None
        except (TypeError, ValueError) as error:
            raise ApiError("request.malformed", str(error)) from None
        return json_response(faults.as_json())

    @app.get("/_control/batches")
    async def list_batches() -> Response:
        with storage.sessions() as session:
            rows = session.scalars(select(Batch).order_by(Batch.sequence)).all()
            return json_response([
                {"batch_id": row.batch_id, "content_hash": row.content_hash, "status": row.status,
                 "status_on_receipt": row.status_on_receipt, "times_received": row.times_received,
                 "sequence": row.sequence, "kind": row.kind, "institution_code": row.institution_code,
                 "key_id": row.key_id, "device_id": row.device_id, "supersedes": row.supersedes,
                 "superseded_by": row.superseded_by, "received_at": row.received_at} for row in rows])

    @app.post("/_control/reference/{dataset}")
    async def publish(dataset: str, request: Request) -> Response:
        if dataset not in REFERENCE_DATASETS:
            raise ApiError("dataset.unknown")
        body = await _json_body(request)
        (version,) = _text_fields(body, "version")
        items = body.get("items")
        if not isinstance(items, list):
            raise ApiError("request.malformed", "items must be a list.")
        try:
            with storage.sessions.begin() as session:
                row = publish_reference(session, dataset, version, items)
                etag = row.etag
        except wire.NotCanonical as error:
            raise ApiError("request.malformed", str(error)) from None
        return json_response({"dataset": dataset, "version": version, "etag": etag}, status=201)


# --- faults at the connection level ---------------------------------------------------------


class FaultInjector:
    """Outermost ASGI layer: answers `busy` uploads with 503, delays answers (`slow_seconds`)
    and drops the connection of an upload that committed when `drop_after_commit` says so."""

    def __init__(self, app: Starlette, faults: Faults) -> None:
        self.app = app
        self.faults = faults
        self.state = app.state  # so that `create_app(...).state.platform` works on the wrapper too

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        connection = {"drop": False, "dropped": False}
        scope["skilldesk.connection"] = connection
        if method == "PUT" and path.startswith(f"{API}/batches/") and self.faults.take("busy"):
            retry_after = str(self.faults.retry_after)
            await send({"type": "http.response.start", "status": 503,
                        "headers": [(b"content-type", b"application/json"), (b"retry-after", retry_after.encode())]})
            await send({"type": "http.response.body",
                        "body": error_body("platform.busy", f"平台繁忙，请 {retry_after} 秒后重试。"
                                                            f"The platform is busy; retry after {retry_after} s.")})
            return
        slow = self.faults.slow_seconds if path.startswith(API) and path != f"{API}/health" else 0

        async def guarded_send(message) -> None:
            if connection["dropped"]:
                return
            if message["type"] == "http.response.start":
                if connection["drop"]:
                    connection["dropped"] = True
                    _drop_connection(send)
                    return
                if slow:
                    await asyncio.sleep(slow)
            await send(message)

        await self.app(scope, receive, guarded_send)
        if connection["dropped"] and not _can_drop(send):
            # No transport to close (another server than uvicorn): make the server close it.
            raise ConnectionAbortedError("drop_after_commit")


def _can_drop(send) -> bool:
    return getattr(getattr(send, "__self__", None), "transport", None) is not None


def _drop_connection(send) -> None:
    """Close the TCP connection without a byte of answer. uvicorn's `send` is a bound method of
    its request cycle, which holds the transport; marking the cycle disconnected stops uvicorn
    from answering 500 itself once the application returns."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        return
    cycle.keep_alive = False
    cycle.disconnected = True
    transport.close()
