"""Personal data goes only to the platform the device key was registered with (issue 15 item 9).

A second HTTP server on 127.0.0.1 plays the fake platform an address in settings.json, the
environment or `--url` points at: it records every request it receives and must receive none.
The reference platform, where this computer was registered, receives the batch."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop_app.cli import main
from desktop_app.platform.client import PlatformAddressRefused, PlatformClient, checked_platform_address
from desktop_app.preferences import Preferences
from desktop_app.services.outbox import OutboxError
from tests.sync.conftest import CLASS, INSTITUTION, name_institution


class _Recorder(BaseHTTPRequestHandler):
    """Answers everything as a friendly platform would, and remembers what it was sent."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.seen.append((self.command, self.path, self.rfile.read(length) if length else b""))
        body = json.dumps({"status": "ok", "version": "fake", "items": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def fake_platform():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def sealed_on_registered(office, completed_class, platform_server, settings, capsys):
    name_institution(office)
    db = ["--db", str(settings.sqlite_path)]
    code, _, err = run(capsys, *db, "platform", "register", "--url", platform_server.url,
                       "--code", platform_server.enrolment_code(INSTITUTION))
    assert code == 0, err
    code, _, err = run(capsys, *db, "seal", "--class", CLASS)
    assert code == 0, err
    return db


def test_no_configured_address_redirects_an_upload(sealed_on_registered, fake_platform, platform_server, settings,
                                                   monkeypatch, capsys):
    db = sealed_on_registered
    server, fake_url = fake_platform

    code, out, err = run(capsys, *db, "sync", "--url", fake_url)
    assert code == 2 and platform_server.url in err and fake_url in err and "重新登记" in err

    monkeypatch.setenv("SKILLDESK_PLATFORM_URL", fake_url)
    code, out, err = run(capsys, *db, "sync")
    assert code == 2 and "重新登记" in err
    monkeypatch.delenv("SKILLDESK_PLATFORM_URL")

    Preferences(platform_url=fake_url).save(settings.settings_file)
    code, out, err = run(capsys, *db, "sync")
    assert code == 2 and "重新登记" in err
    settings.settings_file.unlink()

    assert server.seen == []  # not one request — no batch, no reference pull, nothing
    assert platform_server.batches() == []
    code, out, err = run(capsys, *db, "batch", "list")
    assert "待上传" in out

    # The registered platform, spelt differently, is the same platform and gets the batch.
    code, out, err = run(capsys, *db, "sync", "--url", platform_server.url + "/")
    assert code == 0 and "接收 1 个" in out, err
    assert len(platform_server.batches()) == 1
    assert server.seen == []


def test_the_office_refuses_another_address_too(office, completed_class, platform_server, fake_platform):
    server, fake_url = fake_platform
    name_institution(office)
    office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    office.outbox.seal(CLASS)
    report = office.outbox.sync(fake_url)
    assert report.uploaded == 0 and report.waiting == 1 and "重新登记" in report.stopped_reason
    assert server.seen == [] and platform_server.batches() == []


def test_changing_the_platform_means_registering_again(office, completed_class, platform_server, fake_platform):
    """Registering with another address is the deliberate way to move; it is an administrator's
    act (MANAGE_DEVICE) and the new address is where uploads then go."""
    _, fake_url = fake_platform
    name_institution(office)
    office.device.register(platform_server.url, platform_server.enrolment_code(INSTITUTION))
    with pytest.raises(OutboxError):  # the fake platform's answer is not a registration
        office.device.register(fake_url, "ANY")
    assert office.device.registration().platform_url == platform_server.url


@pytest.mark.parametrize("url", ["http://10.0.0.5:8765", "http://px.example.gov.cn", "http://127.0.0.1.example.org",
                                 "ftp://127.0.0.1", "https://user:pw@px.example.gov.cn", "not an address"])
def test_plain_http_beyond_this_computer_is_refused(url):
    with pytest.raises(PlatformAddressRefused) as refused:
        PlatformClient(url)
    assert "http://" in refused.value.message() or "无效" in refused.value.message()


@pytest.mark.parametrize("url, spelt", [
    ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
    ("HTTP://LocalHost:1", "http://localhost:1"),
    ("http://[::1]:9", "http://[::1]:9"),
    ("https://PX.example.gov.cn/api/", "https://px.example.gov.cn/api"),
])
def test_https_anywhere_and_http_only_to_loopback(url, spelt):
    assert checked_platform_address(url) == spelt


def test_registering_over_plain_http_is_refused_before_anything_is_sent(office, completed_class):
    name_institution(office)
    with pytest.raises(PlatformAddressRefused):
        office.device.register("http://192.168.1.20:8765", "CODE")
    assert office.device.registration() is None
