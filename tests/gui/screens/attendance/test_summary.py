"""The honest summary: on a class half-way through, the window's two rates (of the sessions held so
far; of all planned lessons) and each trainee's standing agree with a hand computation, and the
CLI's summary and the xlsx say the same; on the first day nobody is flagged before attendance
has been taken."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import time_machine
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop_app.cli import main
from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.screens.attendance.models import (
    AT_RISK_BACKGROUND,
    ATTENTION_BACKGROUND,
    AttendanceSummaryModel as M,
)
from desktop_app.services import attendance as attendance_service
from tests.gui.screens.attendance.conftest import CODE, TODAY, WAIT

# The class of conftest.running meets twice a day, 4 lessons each, from TODAY − 3 to TODAY + 12:
# 16 days, 32 sessions, 128 lessons. At 08:00 on TODAY + 5, the first 8 days (16 sessions, 64
# lessons) have been held: half-way.
HALF_WAY = datetime.combine(TODAY + timedelta(days=5), time(8, 0), tzinfo=CHINA_TZ)


def _mark_held(office, detail, absences: dict[int, int]) -> None:
    """Every session held by HALF_WAY: trainee at roll n absent from the first absences[n], the
    others present; each marked at the end of its session, as the teacher would."""
    held = [s for s in detail.sessions if s.ends_at <= HALF_WAY]
    assert len(held) == 16
    rows = office.attendance.grid(held[0].id).rows
    for number, info in enumerate(held):
        with time_machine.travel(info.ends_at, tick=False):
            for row in rows:
                if number < absences.get(row.roll_no, 0):
                    attendance_service.set_mark(office.db, actor=office.actor, session_id=info.id,
                                                enrolment_id=row.enrolment_id, value=MarkValue(AttendanceStatus.ABSENT),
                                                now=info.ends_at)
            attendance_service.mark_all_present(office.db, actor=office.actor, session_id=info.id, now=info.ends_at)


def test_the_two_rates_agree_with_a_hand_computation_half_way_through(qtbot, page, office, running, tmp_path,
                                                                     capsys):
    detail, _ = running
    _mark_held(office, detail, {1: 4, 3: 10})
    with time_machine.travel(HALF_WAY, tick=True):
        with qtbot.waitSignal(page.summary.loaded, timeout=WAIT):
            page.summary_button.click()
        model = page.summary.model

        def line(roll: int) -> list[str]:
            return [model.data(model.index(roll - 1, column)) for column in (M.RATE, M.PLANNED_RATE, M.ELIGIBILITY)]

        # By hand. No. 1: 64 − 4 × 4 = 48 of 64 held = 75.0 %; 48 of 128 = 37.5 %; at best
        # 48 + 64 = 112 of 128 (87.5 %) ≥ 80 %: below the minimum so far, still within reach.
        assert line(1) == ["75.0%", "37.5%", "需关注"]
        # No. 2: every session held: 100.0 %; 64 of 128 = 50.0 %.
        assert line(2) == ["100.0%", "50.0%", "培训中"]
        # No. 3: 64 − 10 × 4 = 24 of 64 = 37.5 %; 24 of 128 = 18.75 → 18.7 % (rounded down); at
        # best 24 + 64 = 88 of 128 = 68.7 % < 80 %: cannot complete, whatever happens now.
        assert line(3) == ["37.5%", "18.7%", "无法达标"]
        assert model.data(model.index(0, M.NAME), Qt.ItemDataRole.BackgroundRole) == ATTENTION_BACKGROUND
        assert model.data(model.index(2, M.NAME), Qt.ItemDataRole.BackgroundRole) == AT_RISK_BACKGROUND
        assert model.data(model.index(1, M.NAME), Qt.ItemDataRole.BackgroundRole) is None
        assert "68.7%" in model.data(model.index(2, M.REASONS))
        assert model.data(model.index(0, M.RATE), Qt.ItemDataRole.ToolTipRole) == "已上 64.0 课时，出勤 48.0 课时"
        note = page.summary.note.text()
        assert "需关注（黄色）：1 名" in note and "无法达标（红色）：1 名" in note

        # The command line and its workbook say the same, in the same words.
        out_file = tmp_path / "汇总.xlsx"
        assert main(["attendance", "summary", "--class", CODE, "--out", str(out_file)]) == 0
        printed = capsys.readouterr().out
    assert "出勤率（已上的课）" in printed and "出勤率（全部计划课时）" in printed
    lines = {line.split()[0]: line.split() for line in printed.splitlines() if line.split()[:1] in (["1"], ["2"], ["3"])}
    assert lines["1"][6:9] == ["75.0%", "37.5%", "需关注"]
    assert lines["2"][6:9] == ["100.0%", "50.0%", "培训中"]
    assert lines["3"][6:9] == ["37.5%", "18.7%", "无法达标"]
    sheet = load_workbook(out_file).active
    header = [cell.value for cell in sheet[2]]
    held_rate, planned_rate = header.index("出勤率（已上的课）"), header.index("出勤率（全部计划课时）")
    standing = header.index("状态")
    written = {row[0]: (round(row[held_rate] * 100, 1), round(row[planned_rate] * 100, 1), row[standing])
               for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert written[1] == (75.0, 37.5, "需关注")
    assert written[2] == (100.0, 50.0, "培训中")
    assert written[3] == (37.5, 18.7, "无法达标")


def test_on_the_first_day_nobody_is_flagged_before_the_marks_are_taken(qtbot, page, office, running):
    detail, _ = running
    first = detail.sessions[0]
    # The first session has just ended and the teacher has not entered the marks yet.
    with time_machine.travel(first.ends_at + timedelta(minutes=5), tick=True):
        with qtbot.waitSignal(page.summary.loaded, timeout=WAIT):
            page.summary_button.click()
        model = page.summary.model
        assert model.rowCount() == 5 and model.at_risk_rows() == []
        assert {model.data(model.index(n, M.ELIGIBILITY)) for n in range(5)} == {"培训中"}
        assert model.data(model.index(0, M.RATE)) == "—"  # nothing held and recorded yet
        # Once attendance is taken, only the trainee who was absent needs attention.
        rows = office.attendance.grid(first.id).rows
        attendance_service.set_mark(office.db, actor=office.actor, session_id=first.id,
                                    enrolment_id=rows[0].enrolment_id, value=MarkValue(AttendanceStatus.ABSENT))
        attendance_service.mark_all_present(office.db, actor=office.actor, session_id=first.id)
        with qtbot.waitSignal(page.summary.loaded, timeout=WAIT):
            page.summary.mark_stale()
        assert model.at_risk_rows() == [0]
        assert model.data(model.index(0, M.ELIGIBILITY)) == "需关注"
        assert model.data(model.index(1, M.RATE)) == "100.0%"
