"""The process the crash harness kills: the real `skilldesk` entry point (or a marking loop)
with a trace of its write transactions, so every kill can be placed before, during or after
the work.

The harness starts it with os.fork() from a process that has already imported everything
(preload()), and the forked child runs forked_main(): its own stdio, environment and working
folder, its own database connection (opened by the CLI after the fork: the harness never
forks while it holds one), then os._exit(). A real process killed with a real SIGKILL, without
two seconds of interpreter start-up and imports each time. The same child can still be
started as a program (SKILLDESK_CRASH_START=popen, or when forking is unsafe):

    python -m tests.crash.child TRACE cli -- --db FILE roster import --class C roster.xlsx
    python -m tests.crash.child TRACE marks --db FILE --plan PLAN.json [--start K]

TRACE receives one line per event, written with os.write on an O_APPEND descriptor (in the
kernel's page cache the moment the call returns, so a SIGKILL cannot lose it):

    B <t>   a write transaction began (the engine emitted BEGIN IMMEDIATE)
    C <t>   a commit returned
    R <t>   a rollback returned
    S <t>   (marks only) the marking loop starts
    D <t>   the process is about to exit normally

Nothing about the application is changed: the listeners only observe. `t` is time.time().
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import time
import traceback

_trace_fd: int | None = None


def trace(tag: str) -> None:
    if _trace_fd is not None:
        os.write(_trace_fd, f"{tag} {time.time():.6f}\n".encode("ascii"))


def install_tracing(path: str) -> None:
    global _trace_fd
    _trace_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.engine.default import DefaultDialect

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        if statement.strip().upper().startswith("BEGIN IMMEDIATE"):
            trace("B")

    event.listen(Engine, "before_cursor_execute", before_cursor_execute)

    original_commit = DefaultDialect.do_commit
    original_rollback = DefaultDialect.do_rollback

    def do_commit(self, dbapi_connection):
        original_commit(self, dbapi_connection)
        trace("C")

    def do_rollback(self, dbapi_connection):
        original_rollback(self, dbapi_connection)
        trace("R")

    DefaultDialect.do_commit = do_commit
    DefaultDialect.do_rollback = do_rollback


def run_cli(argv: list[str]) -> int:
    from desktop_app.cli import main

    return main(argv)


def run_marks(argv: list[str]) -> int:
    """Apply the steps of a marking plan (see operations.MarkingOperation), one transaction each,
    the way the attendance grid does: mark_all_present for a session, then single marks."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args(argv)
    return apply_plan(args.db, json.loads(open(args.plan, encoding="utf-8").read()), args.start)


def apply_plan(db_path: str, plan: dict, start: int) -> int:
    from desktop_app.bootstrap import open_office
    from desktop_app.config import load_settings
    from desktop_app.domain.attendance import MarkValue

    office = open_office(load_settings(db_path=db_path))
    try:
        trace("S")
        for step in plan["steps"][start:]:
            if step["op"] == "all_present":
                office.attendance.mark_all_present(step["session"])
            else:
                value = MarkValue(step["status"], late_minutes=step.get("late", 0),
                                  leave_reason=step.get("leave_reason"))
                office.attendance.set_mark(step["session"], step["enrolment"], value, reason=plan["reason"])
    finally:
        office.close()
    return 0


def main(argv: list[str]) -> int:
    path, mode, *rest = argv
    install_tracing(path)
    if rest and rest[0] == "--":
        rest = rest[1:]
    code = run_cli(rest) if mode == "cli" else run_marks(rest)
    trace("D")
    return code


# --- the forked child -----------------------------------------------------------------------------

# Never imported by preload(): the window, and Qt behind it.
_NOT_PRELOADED = ("desktop_app.app", "desktop_app.gui", "desktop_app.ui", "desktop_app.__main__")
_QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def preload() -> None:
    """Import, in the harness process before it forks, everything a child needs: the CLI, every
    non-GUI module of the application and the libraries behind them."""
    qt_before = {name for name in sys.modules if name.split(".")[0] in _QT}  # pytest-qt loads it
    import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    import httpx  # noqa: F401
    import openpyxl  # noqa: F401
    import reportlab.pdfgen.canvas  # noqa: F401
    import sqlalchemy  # noqa: F401
    import sqlalchemy.orm  # noqa: F401

    import desktop_app
    import desktop_app.cli

    _import_below(desktop_app)
    desktop_app.cli.build_parser()
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in _QT and name not in qt_before)
    if loaded:
        raise RuntimeError(f"preloading the CLI imported Qt: {loaded[:3]}")


def _import_below(package) -> None:
    """Import every module below `package` but those never preloaded, without entering their
    packages (pkgutil.walk_packages imports each package it walks into: the screens' packages
    import Qt)."""
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.startswith(_NOT_PRELOADED):
            continue
        module = importlib.import_module(info.name)
        if info.ispkg:
            _import_below(module)


class _NoQt:
    """A meta path finder that refuses Qt: a forked child must never import it."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] in _QT:
            raise ImportError(f"{name} must not be imported in a forked crash-harness child")
        return None


def forked_main(trace_path: str, argv: list[str], env: dict[str, str], cwd: str, stderr_path: str) -> int:
    """Runs in the child right after os.fork(); the caller passes the result to os._exit().

    Sets up what `subprocess.Popen` gave the program child (stdout to /dev/null, stderr to a
    file, the workspace's environment, the project folder as working folder, no stdin), then
    runs main() exactly as the program does."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
        errors = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(errors, 2)
        os.close(null)
        os.close(errors)
        sys.stdin = open(0, "r", encoding="utf-8", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.meta_path.insert(0, _NoQt)
    except BaseException:  # noqa: BLE001 - nothing may unwind into the harness's stack
        return 70
    try:
        code = main([trace_path, *argv])
    except SystemExit as exit_:  # argparse
        code = exit_.code if isinstance(exit_.code, int) else 2
    except BaseException:  # noqa: BLE001 - reported like an uncaught exception of the program
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001
        pass
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
