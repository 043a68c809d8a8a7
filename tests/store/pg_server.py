"""A real, throw-away PostgreSQL server for the tests: started by pytest, one database per test.

No mocks and no skipping: if the PostgreSQL server binaries are missing, the tests that need
them FAIL with a message saying how to install them (the project's set-up script installs the
Debian `postgresql` package).

The fixtures are defined here, not in a conftest, so that any conftest can expose them with

    from tests.store.pg_server import postgres_server, postgres_url  # noqa: F401

`postgres_server` (session scope) runs initdb + pg_ctl once per test session in a temporary
folder and stops the server (and deletes the folder) at the end. `postgres_url` (function
scope) creates a fresh database `test_<name>_<random>` on that server for each test and drops
it afterwards, so tests never see each other's rows.

initdb refuses to run as root; as root the server is run as the Debian `postgres` system user
through `runuser -u postgres --`, in a folder owned by that user.
"""

from __future__ import annotations

import atexit
import glob
import os
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SUPERUSER = "skilldesk"
HOST = "127.0.0.1"
BINDIR_ENVIRONMENT_VARIABLE = "SKILLDESK_TEST_PG_BINDIR"
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")

INSTALL_HINT = (
    "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found on PATH nor under "
    f"{DEBIAN_BINDIRS}. The PostgreSQL tests start their own server and cannot run without them. "
    "Install the Debian package: `sudo apt-get install postgresql` (the project's set-up script "
    f"installs it), or point {BINDIR_ENVIRONMENT_VARIABLE} at a folder holding initdb and pg_ctl."
)


class PostgresUnavailable(RuntimeError):
    """The server programs are missing or the server would not start; the message says why."""


# --- finding the programs --------------------------------------------------------------------


def _has_server_programs(folder: Path) -> bool:
    return all(os.access(folder / name, os.X_OK) for name in SERVER_PROGRAMS)


def _version_key(folder: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/<version>/bin: sort 9.6 < 10 < 15 numerically, not as text.
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres: the override variable, then PATH, then
    the highest version under /usr/lib/postgresql. Symlinks are resolved, because pg_ctl
    finds `postgres` next to its own real location."""
    override = os.environ.get(BINDIR_ENVIRONMENT_VARIABLE)
    if override:
        folder = Path(override)
        if not _has_server_programs(folder):
            raise PostgresUnavailable(
                f"{BINDIR_ENVIRONMENT_VARIABLE}={override} does not hold {', '.join(SERVER_PROGRAMS)}. " + INSTALL_HINT
            )
        return folder
    on_path = shutil.which("initdb")
    if on_path:
        folder = Path(on_path).resolve().parent
        if _has_server_programs(folder):
            return folder
    candidates = [Path(p) for p in glob.glob(DEBIAN_BINDIRS) if _has_server_programs(Path(p))]
    if candidates:
        return max(candidates, key=_version_key)
    raise PostgresUnavailable(INSTALL_HINT)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- the server ------------------------------------------------------------------------------


@dataclass
class PostgresServer:
    """One running cluster: a data folder, a socket folder, a TCP port on 127.0.0.1."""

    bindir: Path
    base: Path
    port: int
    run_as: str | None  # the system user to run as (root cannot run initdb), or None
    _databases: set[str] = field(default_factory=set)
    _running: bool = False

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "sock"

    @property
    def log_file(self) -> Path:
        return self.base / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{database}"

    # -- life cycle

    @classmethod
    def start(cls, *, attempts: int = 3) -> "PostgresServer":
        bindir = find_bindir()
        run_as = _system_user_for_root()
        base = Path(tempfile.mkdtemp(prefix="skilldesk-pg-"))
        server = cls(bindir=bindir, base=base, port=0, run_as=run_as)
        atexit.register(server.stop)  # a crashed session must not leave a postmaster behind
        try:
            server._prepare_folders()
            server._initdb()
            last_error: Exception | None = None
            for _ in range(attempts):  # the free port may be taken between probe and bind
                server.port = free_port()
                try:
                    server._pg_ctl_start()
                    server._running = True
                    return server
                except PostgresUnavailable as error:
                    last_error = error
            assert last_error is not None
            raise last_error
        except BaseException:
            server.stop()
            raise

    def stop(self) -> None:
        if self._running:
            self._running = False
            self._run(["pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w", "-t", "30"], check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def _prepare_folders(self) -> None:
        self.socket_dir.mkdir()
        if self.run_as is None:
            return
        import pwd

        account = pwd.getpwnam(self.run_as)
        for path in (self.base, self.socket_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
        os.chmod(self.base, 0o700)
        # The postgres user must be able to reach the folder: give "others" search permission
        # (x only, no listing) on any parent that lacks it, e.g. a TMPDIR under /root.
        for parent in self.base.parents:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                os.chmod(parent, stat.S_IMODE(mode) | stat.S_IXOTH)

    def _initdb(self) -> None:
        last = None
        for locale in ("C.UTF-8", "C"):  # C.UTF-8 is built into glibc >= 2.35; plain C always exists
            last = self._run(
                ["initdb", "-D", str(self.data_dir), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                 f"--locale={locale}", "-N"],
                check=False,
            )
            if last.returncode == 0:
                return
            shutil.rmtree(self.data_dir, ignore_errors=True)
        raise PostgresUnavailable(f"initdb failed:\n{last.stdout}\n{last.stderr}")

    def _pg_ctl_start(self) -> None:
        options = (
            f"-k {self.socket_dir} -c listen_addresses={HOST} -p {self.port} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        result = self._run(
            ["pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file), "-w", "-t", "60", "-o", options],
            check=False,
        )
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"pg_ctl start failed (port {self.port}):\n{result.stdout}\n{result.stderr}\n"
                f"--- server log ---\n{self._log_tail()}"
            )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def _run(self, argv: list[str], *, check: bool) -> subprocess.CompletedProcess:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        environment["LC_ALL"] = "C"
        # cwd inside our folder: the postgres user may not be allowed into the caller's cwd.
        return subprocess.run(command, cwd=self.base, env=environment, capture_output=True, text=True,
                              check=check, timeout=120)

    # -- databases

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(host=HOST, port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True,
                               connect_timeout=10)

    def create_database(self, hint: str = "") -> str:
        """A new empty database (owned by the superuser); returns its SQLAlchemy URL."""
        slug = re.sub(r"[^a-z0-9]+", "_", hint.lower()).strip("_")[:40]
        name = f"test_{slug}_{uuid.uuid4().hex[:8]}" if slug else f"test_{uuid.uuid4().hex[:12]}"
        with self._admin_connection() as connection:
            # template1 is UTF8 already (initdb -E UTF8); copying it is ~4x faster than template0.
            connection.execute(f'CREATE DATABASE "{name}"')
        self._databases.add(name)
        return self.url(name)

    def drop_database(self, url_or_name: str) -> None:
        name = url_or_name.rsplit("/", 1)[-1]
        with self._admin_connection() as connection:
            # FORCE: a test that failed half-way may still hold a pooled connection.
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._databases.discard(name)


def _system_user_for_root() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            "running as root, and initdb refuses to run as root, but there is no `postgres` system "
            "user to run it as. " + INSTALL_HINT
        ) from None
    if shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root and `runuser` (util-linux) is missing: cannot drop to the postgres user")
    return "postgres"


# --- pytest fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session; FAILS (never skips) if it cannot be started."""
    problem = None
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as error:
        problem = str(error)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """`postgresql+psycopg://skilldesk@127.0.0.1:PORT/test_…`: a new empty database for this test."""
    url = postgres_server.create_database(request.node.name)
    yield url
    postgres_server.drop_database(url)
