"""Child process of the `hostile_xlsx` benchmark: read one file the way an import does and print
one JSON line — wall seconds, CPU seconds, peak memory (MB, the whole process) and the code
of the refusal (or "read" when the file was read).

    python -m tests.bench.hostile_probe roster|attendance FILE
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(kind: str, path: str) -> None:
    from desktop_app.documents.attendance_files import read_attendance_file
    from desktop_app.documents.roster_workbook import read_roster

    reader = read_attendance_file if kind == "attendance" else read_roster
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    try:
        reader(path)
        outcome = "read"
    except Exception as error:  # the refusal is what is measured
        outcome = getattr(error, "code", type(error).__name__)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime - cpu_before,
                      "peak_mb": usage.ru_maxrss / 1024, "outcome": outcome}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
