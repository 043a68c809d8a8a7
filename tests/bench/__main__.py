"""Run benchmarks: `python -m tests.bench [NAME ...]` (all when no name is given).

Each line: name, our median, the raw baseline's median measured in the same run, the ratio.
Fixtures (large databases) are built once into .bench/ and reused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".bench"


@dataclass(frozen=True)
class Result:
    name: str
    ours: float
    baseline: float
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    def line(self) -> str:
        return (f"{self.name:<22} ours {self.ours:9.4f} {self.unit}   baseline {self.baseline:9.4f} {self.unit}   "
                f"ratio {self.ratio:5.2f}x   {self.note}")


BENCHMARKS: dict[str, Callable[[argparse.Namespace], Result]] = {}


def benchmark(name: str):
    def register(fn):
        BENCHMARKS[name] = fn
        return fn

    return register


def _startup_database(trainees: int) -> Path:
    """A data folder whose database holds `trainees` trainees (built once, then reused)."""
    data_dir = CACHE / f"startup-{trainees}"
    marker = data_dir / "ready"
    if marker.exists():
        return data_dir
    import shutil

    shutil.rmtree(data_dir, ignore_errors=True)
    from desktop_app.bootstrap import open_desk
    from desktop_app.config import load_settings
    from desktop_app.services.demo import demo_people
    from desktop_app.store.trainees import insert_trainees

    print(f"[bench] building a database with {trainees:,} trainees in {data_dir} …", file=sys.stderr)
    desk = open_desk(load_settings(data_dir=data_dir))
    chunk = 10_000
    for start in range(0, trainees, chunk):
        people = demo_people(min(chunk, trainees - start), seed=start, start_serial=start)
        with desk.db.writing() as session:
            insert_trainees(session, desk.cipher, people)
    desk.close()
    marker.write_text("ok")
    return data_dir


def _spawn_and_time(args: list[str], env: dict[str, str]) -> float:
    started = time.monotonic_ns()
    result = subprocess.run([sys.executable, "-m", "tests.bench.startup_probe", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    shown = int(result.stdout.strip().splitlines()[-1])
    return (shown - started) / 1e9


@benchmark("startup")
def startup(options: argparse.Namespace) -> Result:
    """Process start → main window shown (offscreen) with the status bar filled, on a database of
    100 000 trainees; baseline: an empty PySide6 QMainWindow in a fresh process."""
    data_dir = _startup_database(options.trainees)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SKILLDESK_DATA_DIR": str(data_dir)}
    ours, baseline = [], []
    for _ in range(options.repeat):  # interleaved, so drift in machine load hits both alike
        baseline.append(_spawn_and_time(["baseline"], env))
        ours.append(_spawn_and_time(["ours", str(data_dir)], env))
    return Result("startup", statistics.median(ours), statistics.median(baseline),
                  note=f"median of {options.repeat}, {options.trainees:,} trainees")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all): {', '.join(BENCHMARKS)}")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--trainees", type=int, default=100_000)
    options = parser.parse_args(argv)
    unknown = [name for name in options.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    for name in options.names or list(BENCHMARKS):
        print(BENCHMARKS[name](options).line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
