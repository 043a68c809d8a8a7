"""Reference data is applied only when the registered platform signed it (issue 15 item 10).

Before, a fake server's subsidy rates (999 999 元 a level) became current. Here the computer
registers with the reference platform, which then goes away; a fake server takes its address
and port and answers reference requests: unsigned, signed with another key, the platform's own
signature over another dataset, and the platform's signature over altered bytes. None of it is
applied; the platform's own, signed, is."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from desktop_app.platform.protocol import canonical_bytes
from desktop_app.store.models import ReferenceVersion
from tests.sync.conftest import INSTITUTION, name_institution

RATES = "subsidy_rates"


def current_rates_version(office) -> str:
    with office.db.reading() as session:
        return session.scalar(select(ReferenceVersion.version).where(ReferenceVersion.dataset == RATES,
                                                                     ReferenceVersion.is_current.is_(True)))


class _Impostor(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        answer = self.server.answers.get(self.path.rsplit("/", 1)[-1])
        if self.path.endswith("/health"):
            answer = (b'{"status":"ok"}', {})
        if answer is None:  # "your copy is current" for every dataset the test does not serve
            self.send_response(304 if "/reference/" in self.path else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, headers = answer
        self.send_response(200)
        for name, value in {"Content-Type": "application/json", "Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def impostor(office, completed_class, platform_server):
    """Registered with the platform; then the platform stops and a fake takes its port."""
    name_institution(office)
    office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    real = {}
    for dataset in ("occupations", RATES, "shortage_list"):
        answer = httpx.get(f"{platform_server.url}/api/v1/reference/{dataset}", headers={"X-SkillDesk-Client": "0.1.0"})
        real[dataset] = (answer.content, answer.headers["X-SkillDesk-Signature"])
    platform_server.stop()
    server = ThreadingHTTPServer(("127.0.0.1", platform_server.port), _Impostor)
    server.answers = {}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server, real
    finally:
        server.shutdown()
        server.server_close()


def inflated(real_rates: bytes) -> bytes:
    """The platform's own rates, in its own shape, every amount made 999 999 元: a dataset the
    client would apply if it only checked the shape."""
    document = json.loads(real_rates)
    document["version"] = "fake-999999"
    for item in document["items"]:
        for name, value in item.items():
            if isinstance(value, int) and not isinstance(value, bool) and "fen" in name:
                item[name] = 99_999_900
    return canonical_bytes(document)


def signed(body: bytes, key: Ed25519PrivateKey) -> dict:
    return {"X-SkillDesk-Signature": base64.b64encode(key.sign(body)).decode()}


def test_reference_data_not_signed_by_the_registered_platform_is_never_applied(office, impostor):
    server, real = impostor
    before = current_rates_version(office)
    real_rates, real_signature = real[RATES]
    fake = inflated(real_rates)
    altered = json.loads(fake)
    altered["version"] = json.loads(real_rates)["version"]
    attempts = {
        "unsigned": (fake, {}),
        "another key": (fake, signed(fake, Ed25519PrivateKey.generate())),
        "garbage signature": (fake, {"X-SkillDesk-Signature": "not base64!"}),
        "altered bytes": (canonical_bytes(altered), {"X-SkillDesk-Signature": real_signature}),
    }
    for name, answer in attempts.items():
        server.answers = {RATES: answer}
        report = office.outbox.sync(None)
        assert report.reference_updated == (), name
        assert "签名" in report.reference_problem and "补贴标准" in report.reference_problem, name
        assert current_rates_version(office) == before, name

    # The platform's genuine signature over one dataset, served as another.
    server.answers = {"occupations": (real_rates, {"X-SkillDesk-Signature": real_signature})}
    report = office.outbox.sync(None)
    assert report.reference_updated == () and "签名" in report.reference_problem

    # One bad dataset refuses the whole pull: the good one beside it is not applied either.
    server.answers = {"shortage_list": (real["shortage_list"][0], {"X-SkillDesk-Signature": real["shortage_list"][1]}),
                      RATES: (fake, {})}
    assert office.outbox.sync(None).reference_updated == ()
    assert current_rates_version(office) == before

    # What the platform signed is applied.
    server.answers = {RATES: (real_rates, {"X-SkillDesk-Signature": real_signature})}
    report = office.outbox.sync(None)
    assert report.reference_problem is None
