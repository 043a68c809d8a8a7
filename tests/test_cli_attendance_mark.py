"""`skilldesk attendance mark` and `attendance sheet --session/--date`: marks set from the command
line follow the window's rules and refusals, `--unmarked absent` is one audited operation, and a
sheet holds exactly the sessions asked for. The clock is fixed: 10:00 on a Wednesday, China time."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select, update

from desktop_app.cli import EXIT_OK, EXIT_USAGE, main
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services.classes import ClassDraft, change_class_status, create_class
from desktop_app.services.roster import import_roster
from desktop_app.store.models import AttendanceMarkHistory, AuditEntry, TrainingClass
from tests.services.conftest import people, rows_for, write_roster

CODE = "2026-ML01"
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA_TZ)
TODAY = NOW.date()
START = TODAY - timedelta(days=3)  # 11-29; by 10:00 on 12-02 six sessions are over, the seventh under way


@pytest.fixture(autouse=True)
def wednesday_morning():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def running(office, settings, tmp_path):
    """A class in training since three days ago, morning and afternoon every day, 4 trainees."""
    draft = ClassDraft(code=CODE, name="家政服务员（四级）命令行考勤班", occupation_code="4-10-01-06", level=4,
                       training_type="employment_skills", start_date=START, end_date=TODAY + timedelta(days=12),
                       capacity=40, planned_lessons=None, schedule=_schedule())
    detail = create_class(office.db, actor=office.actor, draft=draft)
    persons = people(4)
    before = TODAY - timedelta(days=5)
    import_roster(office.db, office.cipher, actor=office.actor, class_code=CODE,
                  source=write_roster(tmp_path / "roster.xlsx", rows_for(persons)), today=before)
    change_class_status(office.db, actor=office.actor, code=CODE, target="filed", today=before)
    change_class_status(office.db, actor=office.actor, code=CODE, target="in_training", today=TODAY)
    return detail, persons


def _schedule():
    from desktop_app.domain.schedule import parse_schedule_spec

    return parse_schedule_spec("daily:am,pm/4")


def run(capsys, settings, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(settings.data_dir / "skilldesk.db"), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _rows(office, session_id):
    return office.attendance.grid(session_id).rows


def test_one_trainee_is_marked_late_by_roll_number_with_the_reason_in_the_history(office, settings, running, capsys):
    detail, persons = running
    past = detail.sessions[2]  # 11-30 morning: locked, so the reason is what makes it possible
    code, out, err = run(capsys, settings, "attendance", "mark", "--class", CODE, "--session", "3", "--trainee", "2",
                         "--status", "late", "--minutes", "15", "--reason", "补录：纸质签到表")
    assert code == EXIT_OK, err
    assert "已记录 1 条考勤（1 次课）" in out and persons[1].name in out and "未考勤" in out and "迟到" in out
    row = _rows(office, past.id)[1]
    assert row.status is AttendanceStatus.LATE and row.value.late_minutes == 15
    history = office.attendance.history(past.id, row.enrolment_id)
    assert [h.reason for h in history] == ["补录：纸质签到表"]
    # By identity number, the same mark again changes nothing and says so.
    code, out, _ = run(capsys, settings, "attendance", "mark", "--class", CODE, "--session", "3", "--trainee",
                       persons[1].id_number, "--status", "late", "--minutes", "15", "--reason", "再次补录")
    assert code == EXIT_OK and "已记录 0 条" in out and "1 条原本就是这个状态" in out
    assert len(office.attendance.history(past.id, row.enrolment_id)) == 1


def test_a_date_marks_every_session_of_the_day_for_the_whole_roster_in_english(office, settings, running, capsys):
    detail, _ = running
    day = START + timedelta(days=1)
    code, out, err = run(capsys, settings, "--lang", "en", "attendance", "mark", "--class", CODE, "--date",
                         f"{day:%Y-%m-%d}", "--all", "--status", "present", "--reason", "paper sheet")
    assert code == EXIT_OK, err
    assert "8 marks recorded (2 sessions)" in out and "unmarked" in out and "present" in out
    for s in detail.sessions:
        expected = AttendanceStatus.PRESENT if s.starts_at.astimezone(CHINA_TZ).date() == day else None
        assert [r.status for r in _rows(office, s.id)] == [expected] * 4


def test_refusals_are_the_windows_and_change_nothing(office, settings, running, capsys):
    detail, persons = running
    today = detail.sessions[6]
    # A card sign-in is never dropped from the command line.
    office.attendance.swipe(today.id, persons[0].id_number, now=NOW)
    cases = [
        (["--session", "7", "--all", "--status", "absent"], "有刷卡记录"),
        (["--session", "99", "--all", "--status", "absent"], "没有第 99 次课（共 32 次）"),
        (["--date", "2026-11-01", "--all", "--status", "absent"], "在 2026-11-01 没有课"),
        (["--session", "1", "--trainee", "17", "--status", "absent"], "“17”不是班级 2026-ML01 的学员"),
        (["--session", "1", "--trainee", "2", "--status", "late"], "需要分钟数"),
        (["--session", "1", "--trainee", "2", "--status", "present", "--minutes", "3"], "不需要分钟数"),
        (["--session", "1", "--trainee", "2", "--status", "late", "--minutes", "900"], "分钟"),
        (["--session", "1", "--status", "absent"], "请这样使用"),
        (["--session", "1", "--date", "2026-11-30", "--all", "--status", "absent"], "请这样使用"),
        (["--unmarked", "absent", "--session", "1"], "请这样使用"),
    ]
    before = [[r.value for r in _rows(office, s.id)] for s in detail.sessions]
    for extra, words in cases:
        code, out, err = run(capsys, settings, "attendance", "mark", "--class", CODE, *extra, "--reason", "补录")
        assert code == EXIT_USAGE and words in err, (extra, code, err)
    assert [[r.value for r in _rows(office, s.id)] for s in detail.sessions] == before
    # A sealed class refuses with the window's message.
    with office.db.writing() as session:
        session.execute(update(TrainingClass).where(TrainingClass.code == CODE).values(status="sealed"))
    for extra in (["--session", "1", "--all", "--status", "present"], ["--unmarked", "absent"]):
        code, _, err = run(capsys, settings, "attendance", "mark", "--class", CODE, *extra, "--reason", "补录")
        assert code == EXIT_USAGE and "考勤不能再修改" in err
    assert [[r.value for r in _rows(office, s.id)] for s in detail.sessions] == before


def test_unmarked_absent_fills_every_held_session_in_one_operation_and_touches_nothing_else(office, settings,
                                                                                           running, capsys):
    detail, persons = running
    first = detail.sessions[0]
    rows = _rows(office, first.id)
    office.attendance.set_mark(first.id, rows[0].enrolment_id, MarkValue(AttendanceStatus.LEAVE, leave_reason="病假"),
                               reason="补录")
    office.attendance.set_mark(first.id, rows[1].enrolment_id, MarkValue(AttendanceStatus.PRESENT), reason="补录")
    code, out, err = run(capsys, settings, "attendance", "mark", "--class", CODE, "--unmarked", "absent",
                         "--reason", "结业前核对：未到")
    assert code == EXIT_OK, err
    assert "已记录 22 条考勤（6 次课）" in out  # 6 held sessions × 4 trainees − the 2 already marked
    held = detail.sessions[:6]
    assert [r.status for r in _rows(office, first.id)] == [AttendanceStatus.LEAVE, AttendanceStatus.PRESENT,
                                                            AttendanceStatus.ABSENT, AttendanceStatus.ABSENT]
    for s in held[1:]:
        assert [r.status for r in _rows(office, s.id)] == [AttendanceStatus.ABSENT] * 4
    for s in detail.sessions[6:]:  # under way now, or still to come
        assert [r.status for r in _rows(office, s.id)] == [None] * 4
    with office.db.reading() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "attendance.marked")
                                  .order_by(AuditEntry.id)).all()[-22:]
        operations = {e.details["operation"] for e in entries}
        assert len(operations) == 1 and operations.pop() in out
        assert {e.details["reason"] for e in entries} == {"结业前核对：未到"}
        assert {e.details["operation_kind"] for e in entries} == {"unmarked_absent"}
        reasons = set(session.scalars(select(AttendanceMarkHistory.reason).where(AttendanceMarkHistory.revision == 1)))
        assert "结业前核对：未到" in reasons
    # A second run finds nothing left.
    code, out, _ = run(capsys, settings, "attendance", "mark", "--class", CODE, "--unmarked", "absent",
                       "--reason", "再核对")
    assert code == EXIT_OK and "没有做任何修改" in out


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _days_on_sheet(text: str) -> list[date]:
    import re

    return [date(int(y), int(m), int(d)) for y, m, d in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)]


def test_a_sheet_for_one_session_or_one_date_holds_exactly_those_sessions(office, settings, running, capsys, tmp_path):
    detail, _ = running
    one = tmp_path / "one.pdf"
    code, out, err = run(capsys, settings, "attendance", "sheet", "--class", CODE, "--out", str(one), "--session", "4")
    assert code == EXIT_OK, err
    assert "（1 页）" in out
    fourth = detail.sessions[3].starts_at.astimezone(CHINA_TZ)
    text = _pdf_text(one)
    assert _days_on_sheet(text) == [fourth.date()] and f"{fourth:%H:%M}" in text and "下午" in text
    day = tmp_path / "day.pdf"
    code, out, err = run(capsys, settings, "attendance", "sheet", "--class", CODE, "--out", str(day), "--date",
                         f"{TODAY:%Y-%m-%d}")
    assert code == EXIT_OK and "（2 页）" in out
    assert _days_on_sheet(_pdf_text(day)) == [TODAY, TODAY] and "上午" in _pdf_text(day)
    whole = tmp_path / "whole.pdf"
    code, out, _ = run(capsys, settings, "attendance", "sheet", "--class", CODE, "--out", str(whole))
    assert code == EXIT_OK and "（32 页）" in out  # the whole class stays the default
    assert len(_days_on_sheet(_pdf_text(whole))) == 32
    code, _, err = run(capsys, settings, "attendance", "sheet", "--class", CODE, "--out", str(whole), "--session", "1",
                       "--date", f"{TODAY:%Y-%m-%d}")
    assert code == EXIT_USAGE and "只能选一个" in err
