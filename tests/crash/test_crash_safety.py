"""Crash safety, proven: SIGKILL at random moments during roster import, attendance
import, single marks, certificate issue, sealing and upload — 17 kills each, 102 in all —
and after every kill the database passes its integrity checks, the operation is whole or
absent, a re-run completes it exactly as an uninterrupted run does, and the platform never
holds a duplicate. See tests/crash/harness.py for what is checked and how kills are placed;
`python -m tests.crash` prints the same figures as a table."""

from __future__ import annotations

import os
import random

import pytest

from tests.crash.harness import Workspace, format_table, run_operation
from tests.crash.operations import all_operations, build_template

# × 6 operations = 102 kills; SKILLDESK_CRASH_KILLS lowers it for a quick look while developing.
KILLS_PER_OPERATION = int(os.environ.get("SKILLDESK_CRASH_KILLS") or 17)
SEED = int(os.environ.get("SKILLDESK_CRASH_SEED") or random.SystemRandom().randrange(10**6))

pytestmark = pytest.mark.slow

OPERATIONS = all_operations()
REPORTS = []


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    print(f"crash harness seed {SEED} (set SKILLDESK_CRASH_SEED to replay)")
    ws = Workspace(tmp_path_factory.mktemp("crash"))
    try:
        build_template(ws, OPERATIONS)
        yield ws
    finally:
        for op in OPERATIONS:
            op.close()
        if REPORTS:
            print("\n" + format_table(REPORTS))


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_a_killed_operation_is_whole_or_absent_and_completes_when_run_again(workspace, operation):
    report = run_operation(workspace, operation, KILLS_PER_OPERATION, random.Random(f"{SEED}:{operation.name}"))
    REPORTS.append(report)
    failures = [f"kill {k.number} ({k.phase}, {k.delay:.3f} s, state {k.state}): {'; '.join(k.problems)}"
                for k in report.failed]
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures)
    assert len(report.kills) == KILLS_PER_OPERATION
    assert report.integrity_failures == 0 and report.partial == 0
    assert not report.platform_duplicates
    if KILLS_PER_OPERATION >= 10:
        # The kills really landed inside the work. (Kills "before" it are drawn too, but a forked
        # child reaches its first transaction — opening the database — within milliseconds, so on
        # a busy machine all of them may land later: they are not required.)
        assert report.count("during"), dict(report.states)
