"""A punch import never replaces a complete mark silently, records past (locked) sessions only
with an explicit reason, and reports a 姓名 that is not the trainee the number belongs to."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.services.attendance import import_attendance, mark_history, session_grid, set_mark
from tests.services.test_attendance import DURING, first_session, running  # noqa: F401  (fixture)

SAME_DAY = datetime(2026, 12, 1, 13, 0, tzinfo=CHINA_TZ)  # after the morning session, not yet locked


def punches(tmp_path, lines):
    path = tmp_path / "punches.csv"
    path.write_text("\n".join(["身份证号,姓名,打卡时间", *lines]) + "\n", encoding="utf-8")
    return path


def run_import(office, path, *, now=SAME_DAY, reason=None):
    return import_attendance(office.db, office.cipher, actor=office.actor, class_code="2026-JZ01", source=path,
                             now=now, reason=reason)


def row_of(office, detail, index):
    return session_grid(office.db, first_session(detail), now=DURING).rows[index]


def test_a_complete_mark_is_kept_and_the_import_says_so(office, running, tmp_path):  # noqa: F811
    detail, persons = running
    by_hand, by_card = row_of(office, detail, 0), row_of(office, detail, 1)
    set_mark(office.db, actor=office.actor, session_id=first_session(detail), enrolment_id=by_hand.enrolment_id,
             value=MarkValue(AttendanceStatus.ABSENT), now=DURING)
    card_out = datetime(2026, 12, 1, 11, 58, tzinfo=CHINA_TZ)
    set_mark(office.db, actor=office.actor, session_id=first_session(detail), enrolment_id=by_card.enrolment_id,
             value=MarkValue(AttendanceStatus.PRESENT, sign_in_at=datetime(2026, 12, 1, 7, 55, tzinfo=CHINA_TZ),
                             sign_out_at=card_out), source="card", now=DURING)
    path = punches(tmp_path, [f"{persons[0].id_number},{persons[0].name},2026-12-01 08:45",
                              f"{persons[0].id_number},{persons[0].name},2026-12-01 12:05",
                              f"{persons[1].id_number},{persons[1].name},2026-12-01 08:40",
                              f"{persons[1].id_number},{persons[1].name},2026-12-01 10:30"])
    report = run_import(office, path)
    assert report.marks_written == 0
    kept = [w.message() for w in report.warnings if w.code == "attendance_import.kept_mark"]
    assert len(kept) == 2 and persons[0].name in kept[0] and "缺勤" in kept[0] and "没有覆盖" in kept[0]
    assert row_of(office, detail, 0).status is AttendanceStatus.ABSENT
    card = row_of(office, detail, 1)
    assert card.status is AttendanceStatus.PRESENT and card.value.sign_out_at == card_out  # sign-out kept
    assert len(mark_history(office.db, first_session(detail), by_card.enrolment_id)) == 1


def test_a_card_mark_with_only_a_sign_in_is_completed_by_the_punches(office, running, tmp_path):  # noqa: F811
    detail, persons = running
    row = row_of(office, detail, 0)
    signed_in = datetime(2026, 12, 1, 7, 58, tzinfo=CHINA_TZ)
    set_mark(office.db, actor=office.actor, session_id=first_session(detail), enrolment_id=row.enrolment_id,
             value=MarkValue(AttendanceStatus.PRESENT, sign_in_at=signed_in), source="card", now=DURING)
    report = run_import(office, punches(tmp_path, [f"{persons[0].id_number},{persons[0].name},2026-12-01 08:30",
                                                   f"{persons[0].id_number},{persons[0].name},2026-12-01 12:03"]))
    assert report.marks_written == 1
    value = row_of(office, detail, 0).value
    assert value.status is AttendanceStatus.PRESENT  # the card's earlier sign-in counts, not 08:30
    assert value.sign_in_at == signed_in and value.sign_out_at is not None


def test_past_sessions_are_recorded_only_with_an_explicit_reason(office, running, tmp_path):  # noqa: F811
    detail, persons = running
    path = punches(tmp_path, [f"{persons[0].id_number},{persons[0].name},2026-12-01 08:20",
                              f"{persons[0].id_number},{persons[0].name},2026-12-01 12:05"])
    week_later = DURING + timedelta(days=7)
    report = run_import(office, path, now=week_later)
    assert report.marks_written == 0
    assert [p.code for p in report.problems] == ["attendance_import.reason_needed"]
    assert "锁定时间" in report.problems[0].message() and persons[0].name in report.problems[0].message()
    assert row_of(office, detail, 0).status is None
    report = run_import(office, path, now=week_later, reason="考勤机故障后补录")
    assert report.marks_written == 1
    history = mark_history(office.db, first_session(detail), row_of(office, detail, 0).enrolment_id)
    assert [h.reason for h in history] == ["考勤机故障后补录"]


def test_a_name_that_is_not_the_numbers_trainee_is_reported_and_skipped(office, running, tmp_path):  # noqa: F811
    detail, persons = running
    path = punches(tmp_path, [f"{persons[0].id_number},{persons[1].name},2026-12-01 08:20",
                              f"{persons[0].id_number},{persons[1].name},2026-12-01 12:05"])
    report = run_import(office, path)
    assert report.marks_written == 0
    mismatches = [p for p in report.problems if p.code == "attendance_import.name_mismatch"]
    assert len(mismatches) == 2
    assert persons[0].name in mismatches[0].message() and persons[1].name in mismatches[0].message()
    assert persons[0].id_number not in mismatches[0].message()  # masked
    assert row_of(office, detail, 0).status is None
