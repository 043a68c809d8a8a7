"""`python -m tests.crash [--kills N] [--seed S] [--only NAME ...] [--keep DIR] [-v]`

Kills the operations N times in total (default 100, spread evenly over them) with SIGKILL at random moments and prints a table:
kills, where they landed (before / during / after the work), integrity failures, partial
operations, other failures and duplicates on the platform. Exit 0 only if every figure that
must be 0 is 0. The seed is printed; the same seed draws the same phases and delays (where
the kills actually land also depends on the machine's load).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.crash.harness import Workspace, format_table, run_operation
from tests.crash.operations import all_operations, build_template


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(kills: int, seed: int, only: list[str] | None = None, root: Path | None = None, verbose: bool = False):
    operations = [op for op in all_operations() if not only or op.name in only]
    if not operations:
        raise SystemExit(f"no such operation; choose from {[op.name for op in all_operations()]}")
    with tempfile.TemporaryDirectory(prefix="skilldesk-crash-") as temporary:
        ws = Workspace(root or Path(temporary))
        started = time.monotonic()
        try:
            build_template(ws, operations, log=log)
            reports = []
            for index, op in enumerate(operations):
                # One RNG per operation, derived from the seed: --only replays the same kills.
                rng = random.Random(f"{seed}:{op.name}")
                share = kills // len(operations) + (1 if index < kills % len(operations) else 0)
                reports.append(run_operation(ws, op, share, rng, log=log, verbose=verbose))
        finally:
            for op in operations:
                op.close()
        return reports, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.crash", description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100, help="kills in total, spread over the operations (default 100)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", nargs="*", metavar="NAME")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per kill")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    print(f"seed {seed}, {args.kills} kills", flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    reports, elapsed = run(args.kills, seed, args.only, args.keep, args.verbose)
    print(format_table(reports))
    for report in reports:
        t = report.calibration
        print(f"{report.operation}: uninterrupted {t['total']:.2f} s; work from {t['begin']:.2f} s for "
              f"{t['work']:.3f} s; states after kills: {dict(report.states)}")
    print(f"{sum(len(r.kills) for r in reports)} kills in {elapsed:.0f} s (seed {seed})")
    failures = [k for r in reports for k in r.failed]
    for kill in failures:
        print(f"FAILED {kill.operation} kill {kill.number} ({kill.phase}, {kill.delay:.3f} s): {'; '.join(kill.problems)}")
    duplicates = sum(r.platform_duplicates or 0 for r in reports)
    return 1 if failures or duplicates else 0


if __name__ == "__main__":
    raise SystemExit(main())
