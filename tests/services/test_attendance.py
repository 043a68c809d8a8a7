"""Attendance: marks saved at once with a history never overwritten, locks and seals, the
card reader, punch and online imports, and hours/eligibility per trainee."""

from __future__ import annotations

import subprocess
import threading
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from desktop_app.domain.attendance import AttendanceError, AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services.attendance import (
    class_attendance_summary,
    import_attendance,
    mark_all_present,
    mark_history,
    session_grid,
    set_mark,
    signin_sheets_pdf,
    swipe,
)
from desktop_app.services.classes import change_class_status
from desktop_app.services.roster import import_roster
from desktop_app.store.models import AttendanceMark, AttendanceMarkHistory, TrainingClass
from tests.services.conftest import make_class, people, rows_for, write_roster

DURING = datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ)  # the first morning session of the class


@pytest.fixture
def running(office, tmp_path):
    """A filed class in training with 5 trainees; returns (detail, persons)."""
    detail = make_class(office)
    persons = people(5)
    import_roster(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01",
                  source=write_roster(tmp_path / "r.xlsx", rows_for(persons)), today=date(2026, 11, 20))
    change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="filed", today=date(2026, 11, 20))
    change_class_status(office.db, actor=office.actor, code="2026-JZ01", target="in_training", today=date(2026, 12, 1))
    return detail, persons


def first_session(detail):
    return detail.sessions[0].id


def test_the_grid_lists_the_roster_by_roll_number_masked_and_counts_unmarked(office, running):
    detail, persons = running
    grid = session_grid(office.db, first_session(detail), now=DURING)
    assert [r.roll_no for r in grid.rows] == [1, 2, 3, 4, 5]
    assert grid.rows[0].id_masked == persons[0].id_number[:4] + "*" * 10 + persons[0].id_number[-4:]
    assert grid.totals()["unmarked"] == 5 and not grid.locked and not grid.read_only


def test_every_change_keeps_the_old_value_who_when_and_why(office, running):
    detail, _ = running
    session_id = first_session(detail)
    row = session_grid(office.db, session_id, now=DURING).rows[0]
    set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=row.enrolment_id,
             value=MarkValue(AttendanceStatus.ABSENT), now=DURING)
    set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=row.enrolment_id,
             value=MarkValue(AttendanceStatus.LATE, late_minutes=20), reason="公交晚点", now=DURING)
    history = mark_history(office.db, session_id, row.enrolment_id)
    assert [(h.revision, h.old_value and h.old_value.status, h.new_value.status, h.reason) for h in history] == [
        (1, None, AttendanceStatus.ABSENT, None),
        (2, AttendanceStatus.ABSENT, AttendanceStatus.LATE, "公交晚点"),
    ]
    assert history[1].changed_by == "本机管理员"


def test_after_the_lock_period_a_change_needs_a_reason(office, running):
    detail, _ = running
    session_id = first_session(detail)
    row = session_grid(office.db, session_id, now=DURING).rows[0]
    next_day = DURING + timedelta(days=1)
    assert session_grid(office.db, session_id, now=next_day).locked
    with pytest.raises(AttendanceError) as refused:
        set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=row.enrolment_id,
                 value=MarkValue(AttendanceStatus.PRESENT), now=next_day)
    assert "原因" in refused.value.message("zh")
    set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=row.enrolment_id,
             value=MarkValue(AttendanceStatus.PRESENT), reason="补录：纸质签到表", now=next_day)


def test_a_sealed_class_refuses_any_change(office, running):
    detail, _ = running
    session_id = first_session(detail)
    row = session_grid(office.db, session_id, now=DURING).rows[0]
    with office.db.writing() as session:  # sealing arrives with the sync issue; set the state directly
        session.execute(update(TrainingClass).values(status="sealed"))
    grid = session_grid(office.db, session_id, now=DURING)
    assert grid.read_only and "已封存" in grid.read_only_reason.message("zh")
    with pytest.raises(AttendanceError):
        set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=row.enrolment_id,
                 value=MarkValue(AttendanceStatus.PRESENT), now=DURING)
    with office.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AttendanceMark)) == 0


def test_all_present_fills_only_unmarked_trainees_and_never_overwrites_a_leave(office, running):
    detail, _ = running
    session_id = first_session(detail)
    rows = session_grid(office.db, session_id, now=DURING).rows
    set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=rows[0].enrolment_id,
             value=MarkValue(AttendanceStatus.LEAVE, leave_reason="病假"), now=DURING)
    set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=rows[1].enrolment_id,
             value=MarkValue(AttendanceStatus.ABSENT), now=DURING)
    assert mark_all_present(office.db, actor=office.actor, session_id=session_id, now=DURING) == 3
    statuses = [r.status for r in session_grid(office.db, session_id, now=DURING).rows]
    assert statuses == [AttendanceStatus.LEAVE, AttendanceStatus.ABSENT] + [AttendanceStatus.PRESENT] * 3
    assert mark_all_present(office.db, actor=office.actor, session_id=session_id, now=DURING) == 0


def test_a_card_swipe_signs_in_then_out_and_strangers_mark_nobody(office, running, tmp_path):
    detail, persons = running
    session_id = first_session(detail)
    signed_in = swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text=persons[0].id_number,
                      now=datetime(2026, 12, 1, 8, 41, tzinfo=CHINA_TZ))
    assert signed_in.recorded and "签到 08:41（迟到 11 分钟）" in signed_in.message.message("zh")
    english = signed_in.message.message("en")
    assert "signed in at 08:41 (11 minutes late)" in english and "迟到" not in english
    row = session_grid(office.db, session_id, now=DURING).rows[0]
    assert row.status is AttendanceStatus.LATE and row.value.late_minutes == 11
    signed_out = swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text=persons[0].id_number,
                       now=datetime(2026, 12, 1, 12, 1, tzinfo=CHINA_TZ))
    assert signed_out.recorded and "签退" in signed_out.message.message("zh")
    by_roll = swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text="2", now=DURING)
    assert by_roll.recorded and persons[1].name in by_roll.message.message("zh")
    stranger = swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text="11010519491231002X", now=DURING)
    garbage = swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text="%%%abc", now=DURING)
    assert not stranger.recorded and "不是本班学员" in stranger.message.message("zh")
    assert not garbage.recorded
    # A trainee of another class is named, and still marks nobody here.
    make_class(office, "2027-OTHER", start=date(2027, 3, 1), end=date(2027, 3, 31))
    other = people(1, start=950_000)[0]
    import_roster(office.db, office.cipher, actor=office.actor, class_code="2027-OTHER",
                  source=write_roster(tmp_path / "o.xlsx", rows_for([other])), today=date(2026, 11, 20))
    elsewhere = swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text=other.id_number, now=DURING)
    assert not elsewhere.recorded and other.name in elsewhere.message.message("zh")
    assert session_grid(office.db, session_id, now=DURING).totals()["unmarked"] == 3


def test_two_windows_marking_the_same_trainee_at_once_never_lose_a_change(office, running):
    detail, _ = running
    session_id = first_session(detail)
    row = session_grid(office.db, session_id, now=DURING).rows[0]
    outcomes = []

    def mark(status):
        try:
            set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=row.enrolment_id,
                     value=MarkValue(status), expected_revision=0, now=DURING)
            outcomes.append("ok")
        except AttendanceError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=mark, args=(s,)) for s in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["attendance.changed_elsewhere", "ok"]
    with office.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AttendanceMarkHistory)) == 1


def test_punch_files_are_matched_to_sessions_with_every_problem_reported(office, running, tmp_path):
    detail, persons = running
    lines = ["身份证号,姓名,打卡时间",
             f"{persons[0].id_number},{persons[0].name},2026-12-01 08:20",
             f"{persons[0].id_number},{persons[0].name},2026-12-01 08:20",  # the same punch twice
             f"{persons[0].id_number},{persons[0].name},2026-12-01 12:05",
             f"{persons[1].id_number},{persons[1].name},2026-12-01T00:45:00Z",  # 08:45 China time, tz-aware
             f"{persons[2].id_number},{persons[2].name},2026-11-20 08:30",  # before the class started
             f"{persons[3].id_number},{persons[3].name},下周一早上",  # garbage
             "11010519491231002X,陌生人,2026-12-01 08:30"]
    path = tmp_path / "punches.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The next day the session is locked: recording it needs a reason, as on the sheet.
    report = import_attendance(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path,
                               now=DURING + timedelta(days=1), reason="考勤机数据补录")
    assert report.kind == "punches" and report.marks_written == 2
    codes = sorted(p.code for p in report.problems)
    assert "punch.before_class" in codes and "punch.time_invalid" in codes and "attendance_import.unknown_person" in codes
    assert [w.code for w in report.warnings] == ["punch.duplicate"]
    rows = session_grid(office.db, first_session(detail), now=DURING).rows
    assert rows[0].status is AttendanceStatus.PRESENT and rows[0].value.sign_out_at is not None
    assert rows[1].status is AttendanceStatus.LATE and rows[1].value.late_minutes == 15


def test_online_hours_are_credited_up_to_the_policy_cap_and_bad_amounts_reported(office, running, tmp_path):
    detail, persons = running
    lines = ["证件号码,在线学时（小时）,来源",
             f"{persons[0].id_number},40,江苏职业培训在线",
             f"{persons[1].id_number},-3,江苏职业培训在线",
             f"{persons[2].id_number},99999,江苏职业培训在线"]
    path = tmp_path / "online.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_attendance(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path)
    assert report.kind == "online" and report.online_records == 1
    assert sorted(p.code for p in report.problems) == ["online.amount_absurd", "online.amount_invalid"]
    again = import_attendance(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path)
    assert again.online_records == 0 and again.warnings  # re-importing never counts twice
    row = class_attendance_summary(office.db, "2026-JZ01")[0]
    # No classroom attendance yet: the online share cap (50%) credits nothing.
    assert row.attendance.online_reported_minutes == 40 * 60 and row.attendance.online_credited_minutes == 0


def test_the_summary_judges_completion_with_reasons(office, running):
    detail, _ = running
    for info in detail.sessions:
        mark_all_present(office.db, actor=office.actor, session_id=info.id, now=info.ends_at)
    rows = class_attendance_summary(office.db, "2026-JZ01", as_of=datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert all(r.attendance.eligible and not r.in_progress for r in rows)
    assert rows[0].attendance.total_lessons == 64


def test_signin_sheets_print_one_page_per_session_with_the_embedded_font(office, running, tmp_path):
    render = signin_sheets_pdf(office.db, "2026-JZ01")
    assert render.pages == 16
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render.pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "培训签到表" in text and "2026-JZ01" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "wqy" in fonts.lower()
