"""pytest fixtures: the reference platform as a real subprocess on 127.0.0.1.

Registered for the whole suite by `pytest_plugins = ["tests.platform_server.fixtures"]` in
tests/conftest.py. Importing this module is cheap (no FastAPI): the server runs in its own
process, started with `python -m tests.platform_server --port 0 --control`.

    def test_upload(platform_server):
        code = platform_server.enrolment_code("320106-0042")
        platform_server.set_faults(busy=2, retry_after=5)
        ... the client talks to platform_server.url ...
        assert [b["status"] for b in platform_server.batches()] == ["accepted"]
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
LISTENING = "listening on "
START_TIMEOUT_SECONDS = 60.0
CONTROL_TIMEOUT_SECONDS = 30.0

_running: set[subprocess.Popen] = set()


def _kill_leftovers() -> None:  # a crashed test run must not leave servers behind
    for process in list(_running):
        if process.poll() is None:
            process.kill()


atexit.register(_kill_leftovers)


class PlatformServerError(RuntimeError):
    """The server did not start, or a control request failed; the message holds its output."""


class PlatformHandle:
    """One running reference platform: its URL, key and the test controls (PROTOCOL.md is the
    contract; the controls under /_control/ are not part of it)."""

    def __init__(self, folder: Path, *, database_url: str | None = None, extra_args: tuple[str, ...] = ()) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or f"sqlite:///{self.folder / 'platform.db'}"
        self.extra_args = tuple(extra_args)
        self.log_path = self.folder / "server.log"
        self.url = ""
        self.port = 0
        self.public_key_pem = ""
        self.platform_key_id = ""
        self.demo_enrolment_code = ""
        self._process: subprocess.Popen | None = None
        self._starts = 0

    # -- life cycle

    def start(self) -> "PlatformHandle":
        if self._process is not None and self._process.poll() is None:
            raise PlatformServerError("the platform server is already running")
        self._starts += 1
        log = self.folder / f"server-{self._starts}.log"
        self.log_path = log
        command = [sys.executable, "-m", "tests.platform_server", "--host", "127.0.0.1", "--port", str(self.port),
                   "--database-url", self.database_url, "--control", "--exit-with-stdin", "--log-level", "warning",
                   *self.extra_args]
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
        environment["PYTHONUNBUFFERED"] = "1"
        with log.open("wb") as output:
            self._process = subprocess.Popen(command, cwd=ROOT, env=environment, stdin=subprocess.PIPE,
                                             stdout=output, stderr=subprocess.STDOUT)
        _running.add(self._process)
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise
        info = self._control("GET", "/_control/info")
        self.public_key_pem = info["platform_public_key_pem"]
        self.platform_key_id = info["platform_key_id"]
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self.url:
            for line in self.log_text().splitlines():
                if LISTENING in line:
                    self.url = line.split(LISTENING, 1)[1].strip()
                    self.port = int(self.url.rsplit(":", 1)[1])
                elif line.startswith("enrolment code for institution"):
                    self.demo_enrolment_code = line.split(": ", 1)[1].split()[0]
            self._fail_if_exited()
            if not self.url:
                if time.monotonic() > deadline:
                    raise PlatformServerError("the platform server did not start:\n" + self.log_text())
                time.sleep(0.05)  # waiting for the process to print its address
        while True:  # waiting for health, the only synchronisation the fixture does
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            self._fail_if_exited()
            if time.monotonic() > deadline:
                raise PlatformServerError("the platform server never answered its health check:\n" + self.log_text())
            time.sleep(0.05)

    def _fail_if_exited(self) -> None:
        if self._process is not None and self._process.poll() is not None:
            raise PlatformServerError(f"the platform server exited with {self._process.returncode}:\n"
                                      + self.log_text())

    def stop(self) -> None:
        """Stop the server process (idempotent): graceful first, killed if it hangs."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.poll() is None:
                try:
                    process.stdin.close()
                except OSError:
                    pass
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
            elif process.stdin is not None:
                process.stdin.close()
        finally:
            _running.discard(process)

    def restart(self) -> "PlatformHandle":
        """Stop and start again on the same port and database (faults are cleared)."""
        self.stop()
        return self.start()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def log_text(self) -> str:
        try:
            return self.log_path.read_text("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    # -- controls

    def _control(self, method: str, path: str, json: object = None) -> object:
        try:
            answer = httpx.request(method, self.url + path, json=json, timeout=CONTROL_TIMEOUT_SECONDS)
        except httpx.TransportError as error:
            raise PlatformServerError(f"{method} {path}: {error!r}\n" + self.log_text()) from error
        if answer.status_code >= 400:
            raise PlatformServerError(f"{method} {path} → {answer.status_code} {answer.text}")
        return answer.json()

    def enrolment_code(self, institution_code: str, *, expires_in_seconds: int | None = None) -> str:
        """A fresh single-use enrolment code issued to `institution_code`."""
        body: dict = {"institution_code": institution_code}
        if expires_in_seconds is not None:
            body["expires_in_seconds"] = expires_in_seconds
        return self._control("POST", "/_control/enrolment-codes", body)["code"]

    def revoke(self, key_id: str) -> None:
        self._control("POST", f"/_control/keys/{key_id}/revoke")

    def set_faults(self, drop_after_commit: int = 0, busy: int = 0, retry_after: int = 1, slow_seconds: float = 0,
                   max_batch_bytes: int | None = None, min_client: str | None = None) -> dict:
        """Set all faults at once (arguments left out go back to normal):
        drop_after_commit: the next N uploads that commit a new batch lose their answer (the
        connection is closed without a byte); busy: the next N uploads get 503 platform.busy with
        Retry-After: retry_after; slow_seconds: every /api/v1 answer but health is delayed;
        max_batch_bytes / min_client: override the limits (None = the server's defaults)."""
        return self._control("PUT", "/_control/faults", {
            "drop_after_commit": drop_after_commit, "busy": busy, "retry_after": retry_after,
            "slow_seconds": slow_seconds, "max_batch_bytes": max_batch_bytes, "min_client": min_client})

    def seed_registry(self, people: dict[str, str]) -> None:
        """Population registry entries: id_number → legal name (checked by trainee.name_mismatch)."""
        self._control("POST", "/_control/registry", {"people": dict(people)})

    def seed_prior_subsidies(self, id_number: str, year: int, count: int, institution_code: str | None = None) -> None:
        """`count` subsidised completions of `id_number` in `year` the platform already knows of."""
        self._control("POST", "/_control/prior-subsidies",
                      {"id_number": id_number, "year": year, "count": count, "institution_code": institution_code})

    def batches(self) -> list[dict]:
        """Every committed batch in sequence order: batch_id, content_hash, status (accepted,
        accepted_with_warnings, rejected, superseded), status_on_receipt, times_received (1 +
        duplicates), sequence, kind, institution_code, key_id, device_id, supersedes,
        superseded_by, received_at."""
        return self._control("GET", "/_control/batches")

    def publish_reference(self, dataset: str, version: str, items: list) -> str:
        """Publish (dataset, version) as current; returns its ETag."""
        return self._control("POST", f"/_control/reference/{dataset}", {"version": version, "items": items})["etag"]

    def faults(self) -> dict:
        return self._control("GET", "/_control/faults")

    def __repr__(self) -> str:
        return f"<PlatformHandle {self.url or 'not started'} db={self.database_url}>"


def start_platform_server(folder: Path, *, database_url: str | None = None,
                          extra_args: tuple[str, ...] = ()) -> PlatformHandle:
    """Start a platform server subprocess keeping its files in `folder`; the caller stops it."""
    return PlatformHandle(folder, database_url=database_url, extra_args=extra_args).start()


@pytest.fixture
def platform_server(tmp_path: Path) -> Iterator[PlatformHandle]:
    """A fresh reference platform (new SQLite file in tmp_path) running as a subprocess."""
    handle = start_platform_server(tmp_path / "platform_server")
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
def platform_server_factory(tmp_path: Path) -> Iterator[Callable[..., PlatformHandle]]:
    """Start more platforms, or one on another database: `factory(database_url=...)`."""
    handles: list[PlatformHandle] = []

    def factory(*, database_url: str | None = None, extra_args: tuple[str, ...] = ()) -> PlatformHandle:
        handle = start_platform_server(tmp_path / f"platform_server_{len(handles) + 1}", database_url=database_url,
                                       extra_args=extra_args)
        handles.append(handle)
        return handle

    try:
        yield factory
    finally:
        for handle in handles:
            handle.stop()
