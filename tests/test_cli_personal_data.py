"""Reading personal data on the command line needs an account once accounts exist, and a search
by a full identity number is audited (issue 15 item 7).

Before: `trainee search <full number>` answered anyone at the keyboard, unaudited, so a list of
candidate numbers could be confirmed one by one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.bootstrap import open_office
from desktop_app.cli import EXIT_OK, EXIT_USAGE
from desktop_app.config import load_settings
from desktop_app.store.models import AuditEntry
from tests.test_cli_accounts import ADMIN_PASSWORD, USER_PASSWORD, db, office_template, run, this_year  # noqa: F401


def _office(path: str):
    from pathlib import Path

    return open_office(load_settings(db_path=path, data_dir=Path(path).parent))


@pytest.fixture
def person(db):  # noqa: F811
    """(full number, name) of a demo trainee, read by the administrator."""
    office = _office(db)
    try:
        office.accounts.sign_in("wang", ADMIN_PASSWORD)
        row = office.trainees.search("")[0]
        return office.trainees.reveal_personal_field(row.id, "id_number", "测试"), row.name
    finally:
        office.close()


def searches(path: str) -> list[tuple[str, dict]]:
    office = _office(path)
    try:
        with office.db.reading() as session:
            return [(entry.actor_name, dict(entry.details)) for entry in session.scalars(select(AuditEntry).where(
                AuditEntry.action == "trainee.searched_by_id_number").order_by(AuditEntry.id))]
    finally:
        office.close()


def test_personal_data_commands_need_an_account(db, person, capsys, tmp_path, monkeypatch):  # noqa: F811
    number, name = person
    monkeypatch.delenv("SKILLDESK_PASSWORD", raising=False)
    code_ = this_year("JZ01")
    for argv in (["trainee", "search", number], ["trainee", "search", name], ["trainee", "search", number[-4:]],
                 ["roster", "export", "--class", code_, str(tmp_path / "r.xlsx")],
                 ["attendance", "summary", "--class", code_],
                 ["attendance", "sheet", "--class", code_, "--out", str(tmp_path / "s.pdf")],
                 ["certificates", "pdf", "--class", code_, "--out", str(tmp_path / "c.pdf")]):
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == EXIT_USAGE and "请先登录" in err and "--user" in err, (argv, out, err)
        assert name not in out and number not in out
    assert not any(tmp_path.glob("*.xlsx")) and not any(tmp_path.glob("*.pdf"))
    assert searches(db) == []
    # What holds no personal data still reads without an account.
    code, out, _ = run(capsys, "--db", db, "class", "list")
    assert code == EXIT_OK and code_ in out


def test_a_full_number_search_is_audited_found_or_not(db, person, capsys, monkeypatch):  # noqa: F811
    number, name = person
    monkeypatch.setenv("SKILLDESK_PASSWORD", USER_PASSWORD)
    code, out, err = run(capsys, "--db", db, "--user", "zhou", "trainee", "search", number)
    assert code == EXIT_OK and name in out, err
    other = number[:-2] + ("1X" if number[-2:] != "1X" else "2X")
    run(capsys, "--db", db, "--user", "zhou", "trainee", "search", other)
    run(capsys, "--db", db, "--user", "zhou", "trainee", "search", name)  # by name: not this audit
    found, missed = searches(db)
    assert found[0] == "zhou" and found[1]["found"] == 1 and missed[1]["found"] == 0
    for _, details in (found, missed):
        assert "*" in details["query"]
        assert number not in str(details) and other not in str(details)
