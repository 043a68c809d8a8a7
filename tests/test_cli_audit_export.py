"""`skilldesk audit export`: the filtered log to xlsx or csv, unknown names and formats refused in words."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import EXIT_OK, EXIT_USAGE, main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_db(tmp_path, capsys) -> Path:
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "demo")[0] == EXIT_OK
    return db


def class_codes(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [code for (code,) in connection.execute("SELECT code FROM training_class ORDER BY code")]
    finally:
        connection.close()


def test_export_of_one_class_to_xlsx(demo_db, tmp_path, capsys):
    code = class_codes(demo_db)[0]
    target = tmp_path / "audit.xlsx"
    exit_code, out, _ = run(capsys, "--db", str(demo_db), "audit", "export", str(target), "--class", code,
                            "--from", "2000-01-01", "--to", "2099-12-31", "--user-name", "本机管理员")
    assert exit_code == EXIT_OK
    assert f"已导出 1 条审计记录到 {target}" in out
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("时间", "操作人", "操作", "对象", "班级", "详情")
    assert rows[1][1:3] == ("本机管理员", "开班") and rows[1][4] == code


def test_export_to_csv_with_bom_and_the_export_is_audited(demo_db, tmp_path, capsys):
    target = tmp_path / "audit.csv"
    assert run(capsys, "--db", str(demo_db), "audit", "export", str(target))[0] == EXIT_OK
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "时间" and any(row[2] == "填入演示数据" for row in rows[1:])
    again = tmp_path / "again.csv"
    run(capsys, "--db", str(demo_db), "audit", "export", str(again))
    with open(again, encoding="utf-8-sig", newline="") as handle:
        newest = list(csv.reader(handle))[1]
    assert newest[2] == "导出审计日志" and "audit.csv" in newest[5]
    assert run(capsys, "--db", str(demo_db), "audit", "verify")[0] == EXIT_OK


def test_unknown_person_dates_and_formats_are_refused_in_words(demo_db, tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(demo_db), "audit", "export", str(tmp_path / "a.xlsx"), "--user-name", "nobody")
    assert code == EXIT_USAGE and "没有名为“nobody”的账号" in err and "local-admin" in err
    code, _, err = run(capsys, "--db", str(demo_db), "audit", "export", str(tmp_path / "a.xlsx"), "--from", "2026-13-01")
    assert code == EXIT_USAGE and "2026-13-01" in err
    code, _, err = run(capsys, "--db", str(demo_db), "audit", "export", str(tmp_path / "a.pdf"))
    assert code == EXIT_USAGE and ".xlsx" in err and not (tmp_path / "a.pdf").exists()
    code, _, err = run(capsys, "--db", str(demo_db), "audit", "export", str(tmp_path / "a.xlsx"), "--from",
                       "2026-03-02", "--to", "2026-03-01")
    assert code == EXIT_USAGE and "早于开始日期" in err
