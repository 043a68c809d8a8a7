"""HTTP client for the provincial platform (docs/protocol/PROTOCOL.md).

Every answer is turned into a value or a typed exception here, so nothing above this module
ever sees an HTTP status: `PlatformUnreachable` (the network; the request may or may not have
reached the platform), `PlatformBusy` (come back after `retry_after`), `PlatformRefused` (the
platform said no, with its error code and how far the refusal reaches).
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from urllib.parse import urlsplit

from desktop_app import __version__, messages
from desktop_app.platform.protocol import API_PREFIX, Receipt, b64, parse_receipt, unb64, MalformedReceipt

# How far a refusal reaches (PROTOCOL §9): the whole device, or just the batch.
STOP_ALL_CODES = frozenset({"key.revoked", "device.unknown", "client.too_old"})
STOP_BATCH_CODES = frozenset({"batch.conflict", "batch.too_large", "schema.invalid", "signature.invalid",
                              "request.malformed"})


class PlatformError(Exception):
    pass


class PlatformUnreachable(PlatformError):
    """No answer: refused connection, dropped connection, timeout. The platform may have
    committed the request anyway, so the caller asks for the receipt before resending."""

    def __init__(self, detail: str, *, maybe_delivered: bool) -> None:
        super().__init__(detail)
        self.maybe_delivered = maybe_delivered


class PlatformBusy(PlatformError):
    def __init__(self, retry_after: float | None) -> None:
        super().__init__(f"busy, retry after {retry_after}")
        self.retry_after = retry_after


class PlatformRefused(PlatformError):
    def __init__(self, code: str, status: int, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.status = status
        self.detail = detail

    @property
    def stops_everything(self) -> bool:
        return self.code in STOP_ALL_CODES

    @property
    def stops_batch(self) -> bool:
        return self.code in STOP_BATCH_CODES or (400 <= self.status < 500 and self.code not in ("batch.unknown",))


messages.register(
    {
        "platform.address_invalid": (
            "省平台地址“{url}”无效：应以 https:// 开头，例如 https://px.example.gov.cn。",
            "The platform address “{url}” is not valid: it should begin with https://, e.g. https://px.example.gov.cn.",
        ),
        "platform.address_plain_http": (
            "省平台地址“{url}”用的是不加密的 http://，个人信息会在网络上明文传送，已拒绝。请使用 https:// 地址"
            "（http:// 只用于本机上的测试平台）。",
            "The platform address “{url}” uses unencrypted http://, which would send personal data in clear over the "
            "network; refused. Use an https:// address (http:// is only for a test platform on this computer).",
        ),
    }
)


class PlatformAddressRefused(messages.UserFacingError):
    """An address personal data must not be sent to (not https, or http beyond this computer)."""


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_platform_address(url: str) -> str:
    """The address in one spelling (scheme and host in lower case, no trailing slash), or
    PlatformAddressRefused: personal data goes over TLS, and plain http only to loopback (the
    reference platform in tests and demos)."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise PlatformAddressRefused("platform.address_invalid", url=text) from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host or parts.username or parts.password or parts.query or parts.fragment:
        raise PlatformAddressRefused("platform.address_invalid", url=text)
    if scheme == "http" and not _loopback(host):
        raise PlatformAddressRefused("platform.address_plain_http", url=text)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}"


def same_platform_address(first: str | None, second: str | None) -> bool:
    """Whether two addresses name the same platform (spelling aside)."""
    if not first or not second:
        return False
    try:
        return checked_platform_address(first) == checked_platform_address(second)
    except PlatformAddressRefused:
        return False


@dataclass(frozen=True)
class Registration:
    device_id: str
    institution_code: str
    platform_key_id: str
    platform_public_key_pem: str


@dataclass(frozen=True)
class ReferenceDocument:
    dataset: str
    version: str
    etag: str | None
    document: dict
    # PROTOCOL §8: the exact bytes received and the platform's detached signature over them
    # (None when the answer carried none); the services verify before applying anything.
    signed_bytes: bytes = b""
    signature: bytes | None = None
    platform_key_id: str | None = None

    def verifies_with(self, platform_public_key_pem: str | None) -> bool:
        """Signed by that platform key, over these bytes, for this dataset."""
        from desktop_app.platform.device_keys import verify_signature

        if not platform_public_key_pem or not self.signature or self.document.get("dataset") != self.dataset:
            return False
        return verify_signature(platform_public_key_pem, self.signature, self.signed_bytes)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


@functools.lru_cache(maxsize=1)
def _tls_context():
    """httpx's default verifying context, built once per process: loading the CA bundle takes
    ~0.08 s, and the GUI's background sync opens a client every few minutes."""
    import httpx

    return httpx.create_ssl_context()


class PlatformClient:
    """One platform, one connection pool. Not thread-safe: use one per worker."""

    def __init__(self, base_url: str, *, timeout: float = 30.0, client_version: str = __version__) -> None:
        import httpx  # deferred: ~0.1 s of start-up, needed only when talking to the platform

        self._httpx = httpx
        self.base_url = checked_platform_address(base_url)
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                    headers={"X-SkillDesk-Client": client_version}, verify=_tls_context())

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "PlatformClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, sent_body: bool = False, **kwargs):
        httpx = self._httpx
        try:
            response = self._client.request(method, self.base_url + API_PREFIX + path, **kwargs)
        except httpx.ConnectError as error:
            raise PlatformUnreachable(str(error) or "connect failed", maybe_delivered=False) from None
        except httpx.ConnectTimeout as error:
            raise PlatformUnreachable(str(error) or "connect timeout", maybe_delivered=False) from None
        except httpx.HTTPError as error:
            # Read timeouts, dropped connections, protocol errors: the request was sent and
            # may have been committed before the answer was lost.
            raise PlatformUnreachable(str(error) or type(error).__name__, maybe_delivered=sent_body) from None
        if response.status_code in (429, 503):
            raise PlatformBusy(_retry_after(response.headers.get("Retry-After")))
        if response.status_code >= 500:
            raise PlatformUnreachable(f"platform error {response.status_code}", maybe_delivered=sent_body)
        return response

    def _refused(self, response) -> PlatformRefused:
        code, detail = "", ""
        try:
            error = response.json().get("error") or {}
            code, detail = str(error.get("code") or ""), str(error.get("message") or "")
        except (ValueError, AttributeError):
            pass
        return PlatformRefused(code or f"http.{response.status_code}", response.status_code, detail)

    def _json(self, response) -> dict:
        try:
            body = response.json()
        except ValueError:
            raise PlatformRefused("response.malformed", response.status_code, "answer is not JSON") from None
        if not isinstance(body, dict):
            raise PlatformRefused("response.malformed", response.status_code, "answer is not an object")
        return body

    def _receipt(self, response) -> Receipt:
        try:
            return parse_receipt(self._json(response))
        except MalformedReceipt as error:
            raise PlatformRefused("receipt.malformed", response.status_code, str(error)) from None

    # --- protocol ---------------------------------------------------------------------------

    def health(self) -> dict:
        response = self._request("GET", "/health")
        if response.status_code != 200:
            raise self._refused(response)
        return self._json(response)

    def register(self, *, enrolment_code: str, institution_code: str, key_id: str, public_key_pem: str) -> Registration:
        response = self._request("POST", "/devices", sent_body=True, json={
            "enrolment_code": enrolment_code, "institution_code": institution_code, "key_id": key_id,
            "public_key_pem": public_key_pem})
        if response.status_code not in (200, 201):
            raise self._refused(response)
        body = self._json(response)
        try:
            return Registration(device_id=str(body["device_id"]), institution_code=str(body["institution_code"]),
                                platform_key_id=str(body["platform_key_id"]),
                                platform_public_key_pem=str(body["platform_public_key_pem"]))
        except KeyError as missing:
            raise PlatformRefused("response.malformed", response.status_code, f"missing {missing}") from None

    def rotate_key(self, *, device_id: str, old_key_id: str, new_key_id: str, new_public_key_pem: str,
                   signature: bytes) -> None:
        response = self._request("POST", f"/devices/{device_id}/keys", sent_body=True, json={
            "old_key_id": old_key_id, "new_key_id": new_key_id, "new_public_key_pem": new_public_key_pem,
            "signature": b64(signature)})
        if response.status_code not in (200, 201):
            raise self._refused(response)

    def put_batch(self, *, batch_id: str, data: bytes, key_id: str, signature: bytes, content_hash: str) -> Receipt:
        response = self._request("PUT", f"/batches/{batch_id}", sent_body=True, content=data, headers={
            "Content-Type": "application/json", "X-SkillDesk-Key-Id": key_id,
            "X-SkillDesk-Signature": b64(signature), "X-SkillDesk-Content-Hash": content_hash})
        if response.status_code not in (200, 201):
            raise self._refused(response)
        return self._receipt(response)

    def fetch_receipt(self, batch_id: str) -> Receipt | None:
        """The stored receipt, or None when the platform never committed the batch."""
        response = self._request("GET", f"/batches/{batch_id}/receipt")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise self._refused(response)
        return self._receipt(response)

    def fetch_reference(self, dataset: str, *, etag: str | None = None) -> ReferenceDocument | None:
        """The dataset, or None when our copy (`etag`) is current."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", f"/reference/{dataset}", headers=headers)
        if response.status_code == 304:
            return None
        if response.status_code != 200:
            raise self._refused(response)
        body = self._json(response)
        if not isinstance(body.get("version"), str) or not isinstance(body.get("items"), list):
            raise PlatformRefused("response.malformed", response.status_code, "reference without version/items")
        try:
            signature = unb64(response.headers.get("X-SkillDesk-Signature") or "") or None
        except ValueError:
            signature = None
        return ReferenceDocument(dataset=dataset, version=body["version"], etag=response.headers.get("ETag"),
                                 document=body, signed_bytes=response.content, signature=signature,
                                 platform_key_id=response.headers.get("X-SkillDesk-Platform-Key-Id"))
