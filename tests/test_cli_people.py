"""`skilldesk trainee add/edit`, `roster withdraw`, `teacher add/list/edit` and `class
assign-teacher`, run as a person types them, on a real database."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest
import time_machine

from desktop_app.bootstrap import open_office
from desktop_app.cli import EXIT_OK, EXIT_USAGE, main
from desktop_app.config import load_settings
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services.demo import demo_people
from desktop_app.services.office import Office


def run(capsys, db, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "office.db"
    assert run(capsys, path, "class", "new", "--code", "2026-JZ09", "--name", "家政服务员培训班", "--occupation",
               "4-10-01-06", "--level", "4", "--type", "employment_skills", "--start", "2026-12-01", "--end",
               "2026-12-31", "--hours", "64", "--schedule", "mon-fri:am,pm/4")[0] == EXIT_OK
    return path


def _office(db) -> Office:
    return open_office(load_settings(db_path=db, data_dir=db.parent / "data"))


def test_trainee_add_enrols_one_and_refuses_the_same_person_twice_in_words(db, capsys):
    person = demo_people(1, seed=7, start_serial=930_000)[0]
    code, out, _ = run(capsys, db, "trainee", "add", "--class", "2026-JZ09", "--name", person.name, "--id",
                       person.id_number, "--phone", person.phone, "--groups", "退役军人、残疾人", "--household", "农业户口")
    assert code == EXIT_OK
    assert f"已把 {person.name}（{person.id_number[:4]}" in out and "学号 1" in out
    assert person.id_number not in out

    code, _, err = run(capsys, db, "trainee", "add", "--class", "2026-JZ09", "--name", person.name, "--id",
                       person.id_number)
    assert code == EXIT_USAGE and "已在班级 2026-JZ09 的花名册上（学号 1）" in err

    code, _, err = run(capsys, db, "--lang", "en", "trainee", "add", "--class", "2026-JZ09", "--name", "张三",
                       "--id", person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1"), "--phone", "123")
    assert code == EXIT_USAGE and "2 problem(s)" in err and "Traceback" not in err


def test_trainee_edit_corrects_fields_and_keeps_masked_old_and_new(db, capsys):
    person = demo_people(1, seed=8, start_serial=931_000)[0]
    run(capsys, db, "trainee", "add", "--class", "2026-JZ09", "--name", person.name, "--id", person.id_number,
        "--phone", person.phone)

    code, _, err = run(capsys, db, "trainee", "edit", person.id_number, "--bank", "中国银行", "--reason", "补登")
    assert code == EXIT_USAGE and "开户银行和银行账号须一起填写" in err
    code, out, _ = run(capsys, db, "trainee", "edit", person.id_number, "--phone", "13800001111", "--bank", "中国银行",
                       "--account", "6216610100001234567", "--reason", "学员换了手机和银行卡")
    assert code == EXIT_OK and "3 项信息：手机号码、开户银行、银行账号" in out

    office = _office(db)
    try:
        detail = office.trainees.get(office.trainees.find_by_identity(person.id_number))
        assert {(c.field, c.new_value) for c in detail.changes} >= {("phone", "138****1111"),
                                                                    ("bank_account", "***************4567")}
        assert detail.changes[0].reason == "学员换了手机和银行卡"
    finally:
        office.close()

    code, _, err = run(capsys, db, "trainee", "edit", "11010519491231002X", "--name", "张三", "--reason", "更正")
    assert code == EXIT_USAGE and "没有身份证号码为 1101**********002X 的学员" in err


def test_roster_withdraw_by_roll_number_then_the_trainee_is_off_the_roster(db, capsys):
    a, b = demo_people(2, seed=9, start_serial=932_000)
    for person in (a, b):
        run(capsys, db, "trainee", "add", "--class", "2026-JZ09", "--name", person.name, "--id", person.id_number)

    code, _, err = run(capsys, db, "roster", "withdraw", "--class", "2026-JZ09", "--trainee", "2", "--date",
                       "2027-01-05", "--reason", "外出务工")
    assert code == EXIT_USAGE and "晚于班级 2026-JZ09 的结束日期" in err
    with time_machine.travel(datetime(2026, 12, 3, 10, 0, tzinfo=CHINA_TZ), tick=True):  # "today" is after the date
        code, out, _ = run(capsys, db, "roster", "withdraw", "--class", "2026-JZ09", "--trainee", "2", "--date",
                           "2026-11-30", "--reason", "外出务工")
    assert code == EXIT_OK and f"{b.name}（学号 2）已于 2026-11-30 从班级 2026-JZ09 退学" in out

    office = _office(db)
    try:
        assert [e.name for e in office.trainees.class_roster("2026-JZ09")] == [a.name]
    finally:
        office.close()


def test_teachers_from_the_command_line_and_a_class_naming_its_teacher(db, capsys):
    code, out, _ = run(capsys, db, "teacher", "add", "--name", "李明", "--phone", "025-83201234")
    assert code == EXIT_OK and "已新增教师 李明" in out
    code, _, err = run(capsys, db, "teacher", "add", "--name", "王芳", "--user", "nobody")
    assert code == EXIT_USAGE and "找不到账号“nobody”" in err

    code, out, _ = run(capsys, db, "class", "assign-teacher", "2026-JZ09", "--teacher", "李明")
    assert code == EXIT_OK and "已安排 李明 为班级 2026-JZ09 的授课教师" in out
    run(capsys, db, "teacher", "add", "--name", "王芳")
    code, out, _ = run(capsys, db, "class", "assign-teacher", "2026-JZ09", "--teacher", "王芳", "--session", "2")
    assert code == EXIT_OK and "第 2 次课" in out

    code, out, _ = run(capsys, db, "class", "show", "2026-JZ09")
    assert "教师：李明" in out
    code, out, _ = run(capsys, db, "teacher", "list")
    assert code == EXIT_OK and "025-83201234" in out and "2026-JZ09" in out

    code, out, _ = run(capsys, db, "teacher", "edit", "李明", "--deactivate")
    assert code == EXIT_OK and "已停用" in out
    code, _, err = run(capsys, db, "class", "assign-teacher", "2026-JZ09", "--teacher", "李明")
    assert code == EXIT_USAGE and "已停用" in err
    code, out, _ = run(capsys, db, "--lang", "en", "teacher", "list")
    assert "deactivated" in out


def test_the_sign_in_sheet_names_the_assigned_teacher(db, capsys, tmp_path):
    person = demo_people(1, seed=10, start_serial=933_000)[0]
    run(capsys, db, "trainee", "add", "--class", "2026-JZ09", "--name", person.name, "--id", person.id_number)
    run(capsys, db, "teacher", "add", "--name", "李明")
    run(capsys, db, "class", "assign-teacher", "2026-JZ09", "--teacher", "李明")
    out_pdf = tmp_path / "sheet.pdf"
    code, _, err = run(capsys, db, "attendance", "sheet", "--class", "2026-JZ09", "--out", str(out_pdf))
    assert code == EXIT_OK, err
    text = subprocess.run(["pdftotext", str(out_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "授课教师" in text and "李明" in text
