"""`skilldesk institution show|set` and `certificates issue` before the institution is set up."""

from __future__ import annotations

from desktop_app.cli import EXIT_OK, EXIT_USAGE, main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_certificates_wait_for_the_institution_and_the_cli_says_how_to_set_it_up(tmp_path, capsys):
    db = str(tmp_path / "office.db")
    code, _, err = run(capsys, "--db", db, "class", "new", "--code", "2026-EARLY", "--name", "早开班", "--occupation",
                       "4-10-01-06", "--level", "4", "--type", "employment_skills", "--start", "2027-03-01",
                       "--end", "2027-03-31", "--hours", "64")
    assert code == EXIT_OK, err
    code, out, _ = run(capsys, "--db", db, "institution", "show")
    assert code == EXIT_OK and "skilldesk institution set" in out

    code, out, err = run(capsys, "--db", db, "certificates", "issue", "--class", "2026-EARLY")
    assert code == EXIT_USAGE and out == ""
    assert "机构信息尚未填写" in err and "skilldesk institution set --code" in err and "UNSET" not in err

    code, _, err = run(capsys, "--db", db, "institution", "set", "--code", "wz 001", "--name", "温州职业技能培训学校")
    assert code == EXIT_USAGE and "大写英文字母和数字" in err and "JS3205060001" in err

    code, out, err = run(capsys, "--db", db, "institution", "set", "--code", "WZ001", "--name", "温州职业技能培训学校",
                         "--bank", "中国建设银行温州分行", "--account", "33050162735800000123")
    assert code == EXIT_OK, err
    assert "WZ001" in out and "****************0123" in out and "33050162735800000123" not in out

    code, out, _ = run(capsys, "--db", db, "--lang", "en", "institution", "set", "--address", "1 College Road")
    assert code == EXIT_OK and "1 College Road" in out and "WZ001" in out and "0123" in out

    code, out, err = run(capsys, "--db", db, "certificates", "issue", "--class", "2026-EARLY")
    assert code == EXIT_OK, err
