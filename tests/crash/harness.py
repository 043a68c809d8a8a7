"""The crash harness: run an operation as a child process, SIGKILL it at a random moment,
then prove the database whole.

For every operation (see operations.py) the harness

1. builds one template database (once per run) and, per kill, copies it to a fresh work file
   (the -wal/-shm of the previous, killed run are removed first);
2. calibrates: runs the operation once uninterrupted, traced (child.py), to learn the "after"
   state and how long the phases take: start-up, the operation's write transaction(s), the
   tail after the last commit;
3. per kill picks a phase at random (before the work / during it / after its last commit,
   weights 1:2:1) and a random moment inside it, starts the child with `os.fork()` (from this
   process, which has imported everything the child needs: see child.py), waits for that
   moment (phases after the start are found by watching the child's trace) and sends SIGKILL
   (`os.kill(pid, signal.SIGKILL)`, reaped with `os.waitpid`). A child that already exited is not a kill: it is counted as "missed"
   and the kill is drawn again;
4. after each kill checks, in this order:
   a. `PRAGMA integrity_check` is "ok" and `PRAGMA foreign_key_check` is empty (plain sqlite3,
      before anything of ours opens the file);
   b. the operation is whole or absent: its fingerprint (the rows it writes, including its
      audit entries) equals the state before it or after the uninterrupted run, and its own
      invariants hold (gapless numbers, a history row per revision, …);
   c. `skilldesk db check` and `skilldesk audit verify` exit 0;
   d. re-running the operation succeeds and leaves exactly the uninterrupted run's state, the
      invariants and the audit chain still holding.

`skilldesk db check`, `audit verify` and the re-run call the CLI's `main()` in this process:
the same code path as the console script without two seconds of interpreter start-up each.
SKILLDESK_CRASH_START=popen starts the killed children as new interpreters instead of forks.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PHASES = ("before", "during", "after")
PHASE_WEIGHTS = (1, 2, 1)


# --- the workspace ----------------------------------------------------------------------------


class Workspace:
    """A folder with the data directory (keys), the template database and input files."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.data_dir = self.root / "data"
        self.template = self.root / "template.db"
        self.work = self.root / "work.db"
        self.trace = self.root / "trace.txt"
        self.data_dir.mkdir(parents=True, exist_ok=True)

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("SKILLDESK_DATABASE_URL", "SKILLDESK_PLATFORM_URL", "SKILLDESK_KEY_DIR")}
        env.update(SKILLDESK_DATA_DIR=str(self.data_dir), SKILLDESK_LANG="en", PYTHONDONTWRITEBYTECODE="1",
                   QT_QPA_PLATFORM="offscreen")
        return env

    @contextlib.contextmanager
    def environment(self):
        """For in-process calls of the CLI: this workspace's data directory (keys)."""
        saved = {k: os.environ.get(k) for k in ("SKILLDESK_DATA_DIR", "SKILLDESK_KEY_DIR", "SKILLDESK_LANG")}
        os.environ["SKILLDESK_DATA_DIR"] = str(self.data_dir)
        os.environ.pop("SKILLDESK_KEY_DIR", None)
        os.environ["SKILLDESK_LANG"] = "en"
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def cli(self, *argv: str) -> tuple[int, str]:
        """`skilldesk ARGV` in this process; (exit code, stdout + stderr)."""
        from desktop_app import messages
        from desktop_app.cli import main

        out = io.StringIO()
        language = messages.current_language()
        with self.environment(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                code = main(list(argv))
            except SystemExit as exit_:  # argparse
                code = int(exit_.code or 0)
            finally:
                messages.set_language(language)
        return code, out.getvalue()

    def checked_cli(self, *argv: str, ok=(0,)) -> str:
        code, out = self.cli(*argv)
        if code not in ok:
            raise RuntimeError(f"skilldesk {' '.join(argv)} exited {code}:\n{out}")
        return out

    def fresh_copy(self, source: Path | None = None, target: Path | None = None) -> Path:
        """A template copied over the work file, with the killed run's WAL files gone."""
        target = target or self.work
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source or self.template, target)
        return target

    def seal_template(self, template: Path | None = None) -> None:
        """Fold a template's WAL into the file, so copying the one file copies everything."""
        template = template or self.template
        with contextlib.closing(sqlite3.connect(template)) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("-wal", "-shm"):
            Path(f"{template}{suffix}").unlink(missing_ok=True)


def raw_query(db: Path, sql: str, params=()) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as raw:
        return raw.execute(sql, params).fetchall()


# --- the child --------------------------------------------------------------------------------


def read_trace(path: Path) -> list[tuple[str, float]]:
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    events = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            events.append((parts[0], float(parts[1])))
    return events


@dataclass
class Span:
    """Where the operation's work sits in a child's trace."""

    begun: bool
    ended: bool
    t_begin: float | None = None
    t_end: float | None = None


# How children start: "fork" (default) or "popen" (a new interpreter per child, ≈ 2 s each).
START_METHOD = os.environ.get("SKILLDESK_CRASH_START") or "fork"
_preloaded = False
_warned = False


class ForkedChild:
    """A child made with os.fork(), with the part of Popen's interface the harness uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)  # -9 after SIGKILL, like Popen
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:  # not reaped yet: the pid is still ours, even as a zombie
            os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"forked child {self.pid}", timeout)
            time.sleep(0.002)
        return self.returncode


def _open_database_files(ws: Workspace) -> list[str]:
    """Database files of the workspace this process has open (Linux: /proc/self/fd)."""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return []
    found = []
    for fd in fds:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(ws.root)) and target.endswith((".db", "-wal", "-shm", "-journal")):
            found.append(target)
    return found


def _fork_is_safe(ws: Workspace) -> bool:
    """Fork only from a single-threaded process holding no connection to a workspace database:
    a child must open its own connection, never inherit one (SQLite's rule; SQLAlchemy's
    engines here are all disposed when their office closes, so nothing should be open)."""
    if threading.active_count() > 1:
        global _warned
        if not _warned:
            print(f"[crash] {threading.active_count()} threads in this process: starting children with "
                  "subprocess.Popen instead of os.fork()", file=sys.stderr)
            _warned = True
        return False
    if _open_database_files(ws):
        import gc

        gc.collect()  # an unreachable connection not yet finalised
        still = _open_database_files(ws)
        if still:
            raise RuntimeError(f"refusing to fork: this process holds database files open: {still}")
    return True


def start_child(ws: Workspace, argv: list[str]) -> tuple[ForkedChild | subprocess.Popen, float]:
    global _preloaded
    ws.trace.unlink(missing_ok=True)
    errors_path = ws.root / "child-stderr.txt"
    if START_METHOD == "fork" and _fork_is_safe(ws):
        from tests.crash import child

        if not _preloaded:
            child.preload()
            _preloaded = True
        env = ws.env
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.time()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the harness
            code = 70
            try:
                code = child.forked_main(str(ws.trace), argv, env, str(ROOT), str(errors_path))
            finally:
                os._exit(code)
        return ForkedChild(pid), started
    started = time.time()
    with errors_path.open("wb") as errors:
        proc = subprocess.Popen([sys.executable, "-m", "tests.crash.child", str(ws.trace), *argv], cwd=ROOT,
                                env=ws.env, stdout=subprocess.DEVNULL, stderr=errors)
    return proc, started


# --- results ----------------------------------------------------------------------------------


@dataclass
class KillResult:
    operation: str
    number: int
    target: str
    phase: str
    delay: float
    state: str  # absent / whole / between / partial
    problems: list[str] = field(default_factory=list)
    check_seconds: float = 0.0

    @property
    def integrity_failure(self) -> bool:
        return any(p.startswith("integrity") for p in self.problems)


@dataclass
class OperationReport:
    operation: str
    kills: list[KillResult] = field(default_factory=list)
    missed: int = 0
    calibration: dict[str, float] = field(default_factory=dict)
    platform_duplicates: int | None = None  # None: the operation does not touch the platform

    def count(self, phase: str) -> int:
        return sum(1 for k in self.kills if k.phase == phase)

    @property
    def integrity_failures(self) -> int:
        return sum(1 for k in self.kills if k.integrity_failure)

    @property
    def partial(self) -> int:
        return sum(1 for k in self.kills if k.state == "partial")

    @property
    def failed(self) -> list[KillResult]:
        return [k for k in self.kills if k.problems]

    @property
    def states(self) -> Counter:
        return Counter(k.state for k in self.kills)


# --- the loop ---------------------------------------------------------------------------------


def calibrate(ws: Workspace, op) -> dict[str, float]:
    """One uninterrupted traced run on a fresh copy: the reference end state and phase timings."""
    db = ws.fresh_copy(op.template)
    op.reset(ws)
    proc, started = start_child(ws, op.child_argv(ws, db))
    proc.wait(timeout=600)
    ended = time.time()
    if proc.returncode not in op.ok_codes:
        err = (ws.root / "child-stderr.txt").read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"{op.name}: the uninterrupted run exited {proc.returncode}:\n{err}")
    events = read_trace(ws.trace)
    if os.environ.get("SKILLDESK_CRASH_DEBUG"):
        print(f"[crash] {op.name} calibration trace: {' '.join(tag for tag, _ in events)}", file=sys.stderr)
    op.learn_trace(events)
    span = op.locate(events)
    if not (span.begun and span.ended):
        raise RuntimeError(f"{op.name}: the trace of an uninterrupted run shows no complete operation: {events}")
    op.learn_after(ws, db)
    problems = check_database(ws, db) + op.invariants(ws, db)
    if problems:
        raise RuntimeError(f"{op.name}: the uninterrupted run leaves problems: {problems}")
    # Re-running a completed operation must change nothing that matters (exit code learnt here).
    code, out = op.rerun(ws, db)
    if code not in op.ok_codes + op.repeat_codes or op.state_of(ws, db)[0] != "whole":
        raise RuntimeError(f"{op.name}: re-running a completed operation exited {code} or changed it:\n{out}")
    return {"begin": span.t_begin - started, "work": span.t_end - span.t_begin, "tail": ended - span.t_end,
            "total": ended - started}


def kill_once(ws: Workspace, op, rng: random.Random, timing: dict[str, float]) -> tuple[str, str, float] | None:
    """Start the child, SIGKILL it at a random moment of a random phase. Returns (target phase,
    actual phase, seconds after start) or None if the child finished before the kill."""
    target = rng.choices(PHASES, weights=PHASE_WEIGHTS)[0]
    db = ws.fresh_copy(op.template)
    op.reset(ws)
    proc, started = start_child(ws, op.child_argv(ws, db))
    try:
        if target == "before":
            _sleep_until(proc, started + rng.uniform(0, timing["begin"]))
        elif target == "during":
            if _wait_for(ws, proc, op, lambda s: s.begun):
                time.sleep(rng.uniform(0, timing["work"]))
        else:
            if _wait_for(ws, proc, op, lambda s: s.ended):
                time.sleep(rng.uniform(0, 0.8 * timing["tail"]))
        if proc.poll() is not None:
            return None
        proc.kill()  # SIGKILL (os.kill for a forked child)
        killed_at = time.time()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
    if proc.returncode != -9:
        return None  # finished (or failed) on its own just before the signal
    span = op.locate(read_trace(ws.trace))
    phase = "after" if span.ended else "during" if span.begun else "before"
    return target, phase, killed_at - started


def _sleep_until(proc, moment: float) -> None:
    while True:
        left = moment - time.time()
        if left <= 0 or proc.poll() is not None:
            return
        time.sleep(min(left, 0.005))


def _wait_for(ws: Workspace, proc, op, condition) -> bool:
    deadline = time.time() + 300
    while time.time() < deadline:
        if condition(op.locate(read_trace(ws.trace))):
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.001)
    return False


def check_database(ws: Workspace, db: Path) -> list[str]:
    """(a) SQLite's own checks, then the application's `db check` and `audit verify`."""
    problems = []
    try:
        with contextlib.closing(sqlite3.connect(db)) as raw:
            integrity = [row[0] for row in raw.execute("PRAGMA integrity_check")]
            foreign = raw.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        return [f"integrity: sqlite3 cannot read the file: {error}"]
    if integrity != ["ok"]:
        problems.append(f"integrity: PRAGMA integrity_check: {integrity[:3]}")
    if foreign:
        problems.append(f"integrity: PRAGMA foreign_key_check: {foreign[:3]}")
    return problems


def app_checks(ws: Workspace, db: Path) -> list[str]:
    problems = []
    code, out = ws.cli("--db", str(db), "db", "check")
    if code != 0:
        problems.append(f"integrity: skilldesk db check exited {code}: {out.strip()[:300]}")
    code, out = ws.cli("--db", str(db), "audit", "verify")
    if code != 0:
        problems.append(f"audit: skilldesk audit verify exited {code}: {out.strip()[:300]}")
    return problems


def verify_after_kill(ws: Workspace, op, db: Path) -> tuple[str, list[str]]:
    problems = check_database(ws, db)
    if problems:
        return "unreadable", problems
    state, detail = op.state_of(ws, db)
    if state == "partial":
        problems.append(f"partial: {detail}")
    problems += [f"invariant: {p}" for p in op.invariants(ws, db)]
    problems += app_checks(ws, db)
    # (d) the re-run completes the operation, exactly as an uninterrupted run leaves it.
    code, out = op.rerun(ws, db)
    if code not in (op.ok_codes if state == "absent" else op.ok_codes + op.repeat_codes):
        problems.append(f"rerun: exited {code}: {out.strip()[:300]}")
    after_state, after_detail = op.state_of(ws, db)
    if after_state != "whole":
        problems.append(f"rerun: the state after the re-run differs from an uninterrupted run: {after_detail}")
    problems += [f"rerun invariant: {p}" for p in op.invariants(ws, db)]
    problems += [f"rerun {p}" for p in check_database(ws, db)]
    code, out = ws.cli("--db", str(db), "audit", "verify")
    if code != 0:
        problems.append(f"rerun audit: skilldesk audit verify exited {code}: {out.strip()[:300]}")
    return state, problems


def run_operation(ws: Workspace, op, kills: int, rng: random.Random, *, log=None, verbose=False) -> OperationReport:
    report = OperationReport(op.name)
    before = ws.fresh_copy(op.template)
    op.reset(ws)
    op.learn_before(ws, before)
    timing = calibrate(ws, op)
    report.calibration = timing
    if log:
        log(f"[crash] {op.name}: uninterrupted run {timing['total']:.2f} s (work starts at {timing['begin']:.2f} s, "
            f"lasts {timing['work']:.3f} s, then {timing['tail']:.3f} s to exit)")
    attempts = 0
    while len(report.kills) < kills:
        attempts += 1
        if attempts > kills * 4 + 20:
            raise RuntimeError(f"{op.name}: too many runs ended before the kill ({report.missed})")
        outcome = kill_once(ws, op, rng, timing)
        if outcome is None:
            report.missed += 1
            continue
        target, phase, delay = outcome
        checked = time.monotonic()
        state, problems = verify_after_kill(ws, op, ws.work)
        result = KillResult(op.name, len(report.kills) + 1, target, phase, delay, state, problems,
                            time.monotonic() - checked)
        report.kills.append(result)
        if log and verbose:
            log(f"[crash] {op.name} kill {result.number}: aimed {target}, landed {phase} at {delay:.3f} s, "
                f"state {state}, checks {result.check_seconds:.2f} s")
        if log and problems:
            log(f"[crash] {op.name} kill {result.number} ({phase}, {delay:.3f} s): " + "; ".join(problems))
    report.platform_duplicates = op.platform_duplicates(ws)
    return report


def format_table(reports: list[OperationReport]) -> str:
    headers = ["operation", "kills", "before", "during", "after", "missed", "integrity failures",
               "partial operations", "other failures", "platform duplicates"]
    rows = []
    for r in reports:
        other = sum(1 for k in r.kills if k.problems and not k.integrity_failure and k.state != "partial")
        rows.append([r.operation, len(r.kills), r.count("before"), r.count("during"), r.count("after"), r.missed,
                     r.integrity_failures, r.partial, other,
                     "n/a" if r.platform_duplicates is None else r.platform_duplicates])
    total = ["total", sum(len(r.kills) for r in reports), *(sum(r.count(p) for r in reports) for p in PHASES),
             sum(r.missed for r in reports), sum(r.integrity_failures for r in reports),
             sum(r.partial for r in reports), sum(row[8] for row in rows),
             sum(r.platform_duplicates or 0 for r in reports)]
    rows.append(total)
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    lines = ["| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    return "\n".join(lines)
