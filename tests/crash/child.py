"""The process the crash harness kills: the real `skilldesk` entry point (or a marking loop)
with a trace of its write transactions, so every kill can be placed before, during or after
the work.

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

import json
import os
import sys
import time

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
    from desktop_app.bootstrap import open_desk
    from desktop_app.config import load_settings
    from desktop_app.domain.attendance import MarkValue

    desk = open_desk(load_settings(db_path=db_path))
    try:
        trace("S")
        for step in plan["steps"][start:]:
            if step["op"] == "all_present":
                desk.mark_all_present(step["session"])
            else:
                value = MarkValue(step["status"], late_minutes=step.get("late", 0),
                                  leave_reason=step.get("leave_reason"))
                desk.set_mark(step["session"], step["enrolment"], value, reason=plan["reason"])
    finally:
        desk.close()
    return 0


def main(argv: list[str]) -> int:
    path, mode, *rest = argv
    install_tracing(path)
    if rest and rest[0] == "--":
        rest = rest[1:]
    code = run_cli(rest) if mode == "cli" else run_marks(rest)
    trace("D")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
