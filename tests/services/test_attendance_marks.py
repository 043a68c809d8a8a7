"""Marks set in bulk and earlier values restored: the window's rules for every mark, all or nothing
for an operation, and a restore that adds a revision without editing the history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop_app.domain.actors import Actor, Role
from desktop_app.domain.attendance import AttendanceError, AttendanceStatus, MarkValue
from desktop_app.domain.permissions import PermissionDenied
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services.attendance import mark_all_present, mark_history, session_grid, set_mark
from desktop_app.services.attendance_marks import mark_trainees, mark_unmarked_absent, restore_mark, value_for_status
from desktop_app.services.classes import change_class_status
from desktop_app.services.roster import import_roster
from desktop_app.store.models import AttendanceMarkHistory
from tests.services.conftest import make_class, people, rows_for, write_roster

CODE = "2026-JZ01"
DURING = datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ)  # the first morning of the class
NEXT_DAY = DURING + timedelta(days=1)  # the first day's sessions are locked by then


@pytest.fixture
def running(office, tmp_path):
    detail = make_class(office)
    persons = people(3)
    import_roster(office.db, office.cipher, actor=office.actor, class_code=CODE,
                  source=write_roster(tmp_path / "r.xlsx", rows_for(persons)), today=date(2026, 11, 20))
    change_class_status(office.db, actor=office.actor, code=CODE, target="filed", today=date(2026, 11, 20))
    change_class_status(office.db, actor=office.actor, code=CODE, target="in_training", today=date(2026, 12, 1))
    return detail, persons


def _history(office, session_id, enrolment_id):
    with office.db.reading() as session:
        return [(h.revision, h.old_value, h.new_value, h.reason) for h in session.scalars(
            select(AttendanceMarkHistory).order_by(AttendanceMarkHistory.id))]


def test_a_restore_is_a_new_revision_and_the_old_lines_stay_as_they_were(office, running):
    detail, _ = running
    session_id = detail.sessions[0].id
    enrolment = session_grid(office.db, session_id, now=DURING).rows[0].enrolment_id
    for value in (MarkValue(AttendanceStatus.LATE, late_minutes=10), MarkValue(AttendanceStatus.ABSENT)):
        set_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=enrolment, value=value,
                 reason="补录", now=NEXT_DAY)
    before = _history(office, session_id, enrolment)
    for reason in ("", "   "):
        with pytest.raises(AttendanceError) as refused:
            restore_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=enrolment, revision=1,
                         reason=reason, now=NEXT_DAY)
        assert "必须填写原因" in refused.value.message("zh")
    with pytest.raises(AttendanceError) as refused:
        restore_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=enrolment, revision=2,
                     reason="核对", now=NEXT_DAY)
    assert "就是现在的值" in refused.value.message("zh")
    with pytest.raises(AttendanceError) as refused:
        restore_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=enrolment, revision=9,
                     reason="核对", now=NEXT_DAY)
    assert "没有第 9 次修改记录" in refused.value.message("zh")
    with pytest.raises(AttendanceError) as refused:  # shown at revision 1: someone changed it since
        restore_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=enrolment, revision=1,
                     reason="核对", expected_revision=1, now=NEXT_DAY)
    assert "刚被其他窗口或其他电脑修改过" in refused.value.message("zh")
    row = restore_mark(office.db, actor=office.actor, session_id=session_id, enrolment_id=enrolment, revision=1,
                       reason="核对纸质签到表", expected_revision=2, now=NEXT_DAY)
    assert row.value == MarkValue(AttendanceStatus.LATE, late_minutes=10) and row.revision == 3
    after = _history(office, session_id, enrolment)
    assert after[:2] == before  # never edited
    assert after[2][0] == 3 and after[2][3] == "恢复为第 1 次修改的值：核对纸质签到表"
    assert [h.new_value.status for h in mark_history(office.db, session_id, enrolment)] == [
        AttendanceStatus.LATE, AttendanceStatus.ABSENT, AttendanceStatus.LATE]


def test_a_bulk_operation_is_all_or_nothing(office, running):
    detail, persons = running
    session_id = detail.sessions[0].id
    rows = session_grid(office.db, session_id, now=DURING).rows
    from desktop_app.services.attendance import swipe

    swipe(office.db, office.cipher, actor=office.actor, session_id=session_id, text=persons[2].id_number,
          now=DURING)  # the third trainee's card sign-in: never dropped in bulk
    with pytest.raises(AttendanceError) as refused:
        mark_trainees(office.db, office.cipher, actor=office.actor, class_code=CODE, session_number=1,
                      status=AttendanceStatus.ABSENT, reason="补录", now=NEXT_DAY)
    assert persons[2].name in refused.value.message("zh") and "刷卡" in refused.value.message("zh")
    assert [r.status for r in session_grid(office.db, session_id, now=DURING).rows] == [
        None, None, AttendanceStatus.LATE]  # signed in at 09:00, half an hour after the start
    # A present mark keeps the card time.
    report = mark_trainees(office.db, office.cipher, actor=office.actor, class_code=CODE, session_number=1,
                           status=AttendanceStatus.PRESENT, reason="补录", now=NEXT_DAY)
    assert report.changed == 3 and report.unchanged == 0
    grid = session_grid(office.db, session_id, now=DURING)
    assert grid.rows[2].value.sign_in_at is not None and rows[0].enrolment_id == grid.rows[0].enrolment_id


def test_a_teacher_of_another_class_may_not_mark_it_from_the_command_line_either(office, running):
    teacher = Actor(user_id=999, username="li", display_name="李老师", role=Role.TEACHER)
    for call in (lambda: mark_trainees(office.db, office.cipher, actor=teacher, class_code=CODE, session_number=1,
                                       status=AttendanceStatus.PRESENT, reason="补录", now=NEXT_DAY),
                 lambda: mark_unmarked_absent(office.db, actor=teacher, class_code=CODE, reason="补录", now=NEXT_DAY)):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert "不是班级 2026-JZ01 的授课教师" in refused.value.message("zh")


def test_all_present_on_a_locked_session_needs_the_reason_and_keeps_it(office, running):
    detail, _ = running
    session_id = detail.sessions[0].id
    with pytest.raises(AttendanceError):
        mark_all_present(office.db, actor=office.actor, session_id=session_id, now=NEXT_DAY)
    assert mark_all_present(office.db, actor=office.actor, session_id=session_id, reason="补录：纸质签到表",
                            now=NEXT_DAY) == 3
    enrolment = session_grid(office.db, session_id, now=DURING).rows[0].enrolment_id
    assert [h.reason for h in mark_history(office.db, session_id, enrolment)] == ["补录：纸质签到表"]


def test_a_status_keeps_what_the_window_keeps():
    signed = MarkValue(AttendanceStatus.LATE, late_minutes=5, early_leave_minutes=7,
                       sign_in_at=DURING, sign_out_at=DURING + timedelta(hours=3))
    late = value_for_status(signed, AttendanceStatus.LATE, minutes=12, leave_reason=None)
    assert late.late_minutes == 12 and late.early_leave_minutes == 7 and late.sign_in_at == DURING
    assert value_for_status(signed, AttendanceStatus.LEAVE, minutes=None, leave_reason="病假").sign_in_at is None
    with pytest.raises(AttendanceError):
        value_for_status(None, AttendanceStatus.EARLY_LEAVE, minutes=None, leave_reason=None)
