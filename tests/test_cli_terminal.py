"""What the command line prints cannot drive the terminal: control characters from files and
class names are shown escaped, and long values from a file are shortened."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.cli import EXIT_OK, main
from tests.services.conftest import write_roster

ESCAPE_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_db(tmp_path, capsys):
    db = tmp_path / "office.db"
    assert run(capsys, "--db", str(db), "demo")[0] == EXIT_OK
    return db


def raw_controls(text: str) -> set[str]:
    return {ch for ch in text if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0
            or 0x202A <= ord(ch) <= 0x202E}


def test_a_class_name_with_escape_sequences_is_printed_escaped(demo_db, capsys):
    with sqlite3.connect(demo_db) as raw:
        code = raw.execute("SELECT code FROM training_class ORDER BY code").fetchone()[0]
        raw.execute("UPDATE training_class SET name = ? WHERE code = ?", (f"{ESCAPE_TITLE}家政\r班\u202e{CLEAR}", code))
    for argv in (["class", "list"], ["class", "show", code]):
        exit_code, out, err = run(capsys, "--db", str(demo_db), *argv)
        assert exit_code == EXIT_OK, err
        assert raw_controls(out + err) == set()
        assert "\\x1b]0;pwned\\x07家政\\x0d班\\u202e\\x1b[2J" in out


def test_rejected_rows_of_hostile_cells_print_escaped_and_short(demo_db, tmp_path, capsys):
    with sqlite3.connect(demo_db) as raw:
        code = raw.execute("SELECT code FROM training_class WHERE status IN ('draft', 'filed') ORDER BY code"
                           ).fetchone()[0]
    # A worksheet carries control characters in OOXML's escaped form, which readers decode.
    rows = [[n, f"_x001B_[2J_x001B_[H学员{n}", "9" * 10_000, None, None] for n in range(1, 101)]
    source = write_roster(tmp_path / "hostile.xlsx", rows)
    exit_code, out, err = run(capsys, "--db", str(demo_db), "roster", "import", "--class", code, str(source))
    assert exit_code == 3
    assert raw_controls(out + err) == set()
    assert out.count("\\x1b[2J") >= 100  # each row named, escaped
    assert len(out) < 100 * 600, len(out)  # not 100 × 10 000 characters
    assert "共 10000 字" in out


def test_an_error_message_naming_a_hostile_file_name_is_escaped(demo_db, tmp_path, capsys):
    name = tmp_path / f"roster{ESCAPE_TITLE}.xlsx"
    name.write_bytes(b"not a workbook")
    with sqlite3.connect(demo_db) as raw:
        code = raw.execute("SELECT code FROM training_class ORDER BY code").fetchone()[0]
    exit_code, out, err = run(capsys, "--db", str(demo_db), "roster", "import", "--class", code, str(name))
    assert exit_code == 2
    assert raw_controls(out + err) == set() and "\\x1b]0;pwned\\x07" in err
