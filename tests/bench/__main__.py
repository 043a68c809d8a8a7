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


def _roster_file(rows: int) -> Path:
    """A 10 000-row roster with every template column filled, as a registrar would send it."""
    path = CACHE / f"roster-{rows}.xlsx"
    if path.exists():
        return path
    import openpyxl

    from desktop_app.domain.roster_columns import ROSTER_COLUMNS
    from desktop_app.services.demo import demo_people

    CACHE.mkdir(exist_ok=True)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    sheet.append([column.header for column in ROSTER_COLUMNS])
    for person in demo_people(rows, seed=4, start_serial=3_000_000):
        sheet.append([person.name, "居民身份证", person.id_number, "男" if person.sex == "M" else "女",
                      person.birth_date.isoformat(), person.ethnicity, person.phone, person.household_type,
                      person.education, person.employment_status, "企业职工", "否", person.bank_name,
                      person.bank_account])
    workbook.save(path)
    return path


def _empty_database(folder: Path) -> Path:
    """A migrated, initialised database with one class able to take 10 000 trainees."""
    template = CACHE / "roster-template-db"
    if not (template / "ready").exists():
        import shutil

        shutil.rmtree(template, ignore_errors=True)
        from datetime import date

        from desktop_app.bootstrap import open_desk
        from desktop_app.config import load_settings
        from desktop_app.domain.schedule import parse_schedule_spec
        from desktop_app.services.classes import ClassDraft, create_class

        desk = open_desk(load_settings(data_dir=template))
        create_class(desk.db, actor=desk.actor, draft=ClassDraft(
            code="BENCH", name="基准测试班", occupation_code="4-10-01-06", level=4, training_type="employment_skills",
            start_date=date(2026, 12, 1), end_date=date(2026, 12, 31), capacity=10_000, planned_lessons=64,
            schedule=parse_schedule_spec("mon-fri:am,pm/4")))
        desk.close()
        (template / "ready").write_text("ok")
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(template, folder)
    return folder


@benchmark("roster_import")
def roster_import(options: argparse.Namespace) -> Result:
    """10 000 rows through the real import (read, validate, eligibility, encryption, insert, audit);
    baseline: openpyxl read_only read of the same file + sqlite3 executemany of the same rows."""
    import sqlite3
    from datetime import date

    import openpyxl

    path = _roster_file(10_000)
    ours, baseline = [], []
    for attempt in range(options.repeat):
        raw_db = CACHE / f"baseline-{attempt}.db"
        raw_db.unlink(missing_ok=True)
        started = time.perf_counter()
        workbook = openpyxl.load_workbook(path, read_only=True)
        rows = [tuple("" if v is None else str(v) for v in row) for row in workbook.active.iter_rows(min_row=2, values_only=True)]
        workbook.close()
        connection = sqlite3.connect(raw_db)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(f"CREATE TABLE roster ({', '.join(f'c{i} TEXT' for i in range(14))})")
        with connection:
            connection.executemany(f"INSERT INTO roster VALUES ({', '.join('?' * 14)})", rows)
        connection.close()
        baseline.append(time.perf_counter() - started)

        from desktop_app.bootstrap import open_desk
        from desktop_app.config import load_settings
        from desktop_app.services.roster import import_roster

        data_dir = _empty_database(CACHE / "roster-run")
        desk = open_desk(load_settings(data_dir=data_dir))
        started = time.perf_counter()
        report = import_roster(desk.db, desk.cipher, actor=desk.actor, class_code="BENCH", source=path,
                               today=date(2026, 11, 20))
        ours.append(time.perf_counter() - started)
        desk.close()
        if report.enrolled != 10_000:
            raise RuntimeError(f"benchmark import enrolled {report.enrolled}, rejected {len(report.rejected)}")
    return Result("roster_import", statistics.median(ours), statistics.median(baseline),
                  note=f"median of {options.repeat}, 10 000 rows x 14 columns")


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
