"""`skilldesk subsidy rules show|set`, `subsidy estimate` and `class new|edit --fee --paid-by`
through the real command line, on a real database. The clock is fixed: 2027-01-10, China time."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest
import time_machine
from sqlalchemy import select

from desktop_app.cli import EXIT_OK, EXIT_USAGE, main
from desktop_app.domain.actors import Role
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.store.models import AuditEntry, TrainingClass
from tests.services.test_accounts import PASSWORD, add_user
from tests.services.test_subsidy import CODE, _issue, completed  # noqa: F401  (fixture)

NOW = datetime(2027, 1, 10, 10, 0, tzinfo=CHINA_TZ)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def run(capsys, settings, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(settings.data_dir / "skilldesk.db"), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_rules_show_says_unset_and_set_overrides_with_an_audit_entry(office, settings, capsys):
    code, out, err = run(capsys, settings, "subsidy", "rules", "show")
    assert code == EXIT_OK, err
    assert "本市补贴系数" in out and "未设置标准" in out and "350 元" in out  # GYB, published
    code, out, err = run(capsys, settings, "subsidy", "rules", "set", "--local-factor", "100",
                         "--training-certificate-yuan", "600", "--living-allowance-yuan-per-day", "30.5")
    assert code == EXIT_OK, err
    assert "补贴标准已修改" in out and "100%" in out and "600 元" in out and "30.50 元" in out and "本机修改" in out
    with office.db.reading() as session:
        details = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "subsidy.rules_set")).all()
    assert details == [{"local_factor_percent": {"from": None, "to": 100}, "training_certificate_fen": {"from": None, "to": 60000},
                        "living_allowance_fen_per_day": {"from": None, "to": 3050}}]


@pytest.mark.parametrize("argv, words", [
    (["--local-factor", "200"], "70 到 130"),
    (["--local-factor", "很多"], "70 到 130"),
    (["--training-certificate-yuan", "-5"], "不小于 0"),
    ([], "至少给出一项"),
])
def test_rules_set_refuses_bad_figures_and_changes_nothing(office, settings, capsys, argv, words):
    code, out, err = run(capsys, settings, "subsidy", "rules", "set", *argv)
    assert code == EXIT_USAGE and words in err
    assert "Traceback" not in err
    _, out, _ = run(capsys, settings, "subsidy", "rules", "show")
    assert "本机修改" not in out


def test_rules_set_is_for_administrators(office, settings, capsys, monkeypatch):
    add_user(office, "liping", Role.REGISTRAR)
    monkeypatch.setenv("SKILLDESK_PASSWORD", PASSWORD)
    code, _, err = run(capsys, settings, "--user", "liping", "subsidy", "rules", "set", "--local-factor", "100")
    assert code != EXIT_OK and "修改机构设置" in err


def test_class_new_and_edit_record_the_fee_and_refuse_a_bad_one(office, settings, capsys):
    base = ["class", "new", "--code", "2027-JZ02", "--name", "家政服务员（四级）", "--occupation", "4-10-01-06",
            "--level", "4", "--type", "employment_skills", "--start", "2027-02-01", "--end", "2027-02-28",
            "--schedule", "mon-fri:am,pm/4"]
    code, out, err = run(capsys, settings, *base, "--fee", "-100")
    assert code == EXIT_USAGE and "不能为负数" in err and "-100" in err
    code, out, err = run(capsys, settings, *base, "--fee", "免费")
    assert code == EXIT_USAGE and "0 表示免费" in err
    with office.db.reading() as session:
        assert session.scalar(select(TrainingClass.id).where(TrainingClass.code == "2027-JZ02")) is None
    code, out, err = run(capsys, settings, *base, "--fee", "0", "--paid-by", "enterprise")
    assert code == EXIT_OK, err
    code, out, err = run(capsys, settings, "class", "show", "2027-JZ02")
    assert "培训费：0 元，企业" in out
    code, out, err = run(capsys, settings, "class", "edit", "2027-JZ02", "--fee", "1200.5", "--paid-by", "trainee")
    assert code == EXIT_OK and "培训费 1200.50 元" in out and "学员本人" in out
    with office.db.reading() as session:
        row = session.execute(select(TrainingClass.fee_fen, TrainingClass.paid_by)
                              .where(TrainingClass.code == "2027-JZ02")).one()
    assert tuple(row) == (120050, "trainee")
    code, _, err = run(capsys, settings, "class", "edit", "2027-JZ02", "--paid-by", "government")
    assert code == EXIT_USAGE and "government" in err


def test_estimate_prints_each_trainee_with_reasons_and_totals_and_writes_the_workbook(office, settings, capsys,
                                                                                      completed, tmp_path):
    _issue(office, tmp_path)
    assert run(capsys, settings, "subsidy", "rules", "set", "--local-factor", "100",
               "--training-certificate-yuan", "600")[0] == EXIT_OK
    assert run(capsys, settings, "class", "edit", CODE, "--fee", "500", "--paid-by", "institution")[0] == EXIT_OK
    out_file = tmp_path / "补贴测算.xlsx"
    code, out, err = run(capsys, settings, "subsidy", "estimate", "--class", CODE, "--out", str(out_file))
    assert code == EXIT_OK, err
    assert "按实际收取的培训费 500 元封顶（标准为 600 元）" in out
    assert "考核不合格" in out and "培训机构" in out
    assert "合计：5 人，培训补贴 2000 元" in out  # four at 500, the failed one nothing
    assert "生活费补贴日标准：未设置标准" in out and "1 人的金额因未设置标准无法计算" in out
    sheet = openpyxl.load_workbook(out_file).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["学号", "姓名", "证件号码", "补贴金额（元）", "生活费补贴（元）", "领取人", "原因"]
    assert [r[3] for r in rows[1:]] == [500, 500, 500, 500, 0] and rows[2][4] == "未设置标准"
    # Past the 12-month window the claim is refused with the date.
    code, out, _ = run(capsys, settings, "subsidy", "estimate", "--class", CODE, "--date", "2028-01-07")
    assert code == EXIT_OK and "截至 2028-01-06" in out and "合计：5 人，培训补贴 0 元" in out


def test_estimate_of_an_unknown_class_says_so(office, settings, capsys):
    code, _, err = run(capsys, settings, "subsidy", "estimate", "--class", "NOPE")
    assert code == EXIT_USAGE and "NOPE" in err
