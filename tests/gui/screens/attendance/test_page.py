"""The 考勤 page: pickers, the keyboard-driven grid, the card reader, 全部出勤, locks and seals,
a mark's history, imports, sign-in sheets and the summary with its at-risk rows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import update

from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.screens.attendance.choice import default_session
from desktop_app.gui.screens.attendance.grid_view import NUMBER_GAP_MS
from desktop_app.gui.screens.attendance.models import (
    ATTENTION_BACKGROUND,
    STATUS_COLOURS,
    AttendanceGridModel,
    AttendanceSummaryModel,
    MarkHistoryModel,
)
from desktop_app.gui.screens.attendance.words import session_text
from desktop_app.gui.theme import Tone
from desktop_app.services import attendance as attendance_service
from desktop_app.store.models import TrainingClass
from tests.gui.screens.attendance.conftest import CODE, TODAY, WAIT
from tests.services.conftest import people


def _statuses(office, session_id: int) -> list[AttendanceStatus | None]:
    return [row.status for row in office.attendance.grid(session_id).rows]


# --- models ---------------------------------------------------------------------------------


def test_the_grid_summary_and_history_models_pass_the_model_tester(qtmodeltester, chinese, office, running,
                                                                   today_session):
    detail, _ = running
    rows = office.attendance.grid(today_session).rows
    office.attendance.set_mark(today_session, rows[0].enrolment_id, MarkValue(AttendanceStatus.LATE, late_minutes=12))
    office.attendance.set_mark(today_session, rows[1].enrolment_id, MarkValue(AttendanceStatus.LEAVE, leave_reason="病假"))
    office.attendance.set_mark(today_session, rows[0].enrolment_id, MarkValue(AttendanceStatus.PRESENT), expected_revision=1)
    grid = office.attendance.grid(today_session)
    model = AttendanceGridModel(grid)
    qtmodeltester.check(model)
    assert model.headers() == ["学号", "姓名", "身份证号", "状态", "迟到/早退(分钟)", "请假原因", "签到", "签退"]
    assert model.data(model.index(1, AttendanceGridModel.STATUS)) == "请假"
    assert model.data(model.index(1, AttendanceGridModel.LEAVE_REASON)) == "病假"
    assert model.data(model.index(2, AttendanceGridModel.STATUS)) == "未考勤"
    assert model.data(model.index(2, AttendanceGridModel.STATUS), Qt.ItemDataRole.BackgroundRole) == STATUS_COLOURS[None][0]
    assert model.totals() == {"present": 1, "late": 0, "early_leave": 0, "leave": 1, "absent": 0, "unmarked": 3}

    summary = AttendanceSummaryModel(office.attendance.summary(CODE, as_of=datetime.now(timezone.utc)))
    qtmodeltester.check(summary)
    assert summary.rowCount() == 5
    history = MarkHistoryModel(office.attendance.history(today_session, rows[0].enrolment_id))
    qtmodeltester.check(history)
    assert history.rowCount() == 2


def test_a_refreshed_grid_repaints_only_the_lines_that_changed(qtbot, office, running, today_session):
    model = AttendanceGridModel(office.attendance.grid(today_session))
    rows = model.rows()
    office.attendance.set_mark(today_session, rows[3].enrolment_id, MarkValue(AttendanceStatus.ABSENT))
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row())))
    model.modelReset.connect(lambda: changed.append("reset"))
    model.set_grid(office.attendance.grid(today_session))
    assert changed == [(3, 3)]


# --- pickers --------------------------------------------------------------------------------


def test_the_page_opens_on_todays_class_and_a_session_of_today(page, running):
    detail, _ = running
    assert page.current_code() == CODE
    assert page.choice.class_combo.currentText().startswith(CODE)
    assert page.choice.current_session().starts_at.date() == TODAY
    text = page.choice.session_combo.currentText()
    start = page.choice.current_session().starts_at
    assert text.startswith(f"{start.month}月{start.day}日 周") and "课时" in text and text.endswith("（今天）")
    assert page.choice.session_combo.count() == len(detail.sessions)
    assert page.sheet.totals.text() == "出勤 0 · 迟到 0 · 早退 0 · 请假 0 · 缺勤 0 · 未考勤 5"
    assert [page.tabs.tabText(i) for i in range(2)] == ["考勤表", "考勤汇总"]


def test_the_default_session_is_the_one_under_way_else_the_next_one_today(office, running):
    sessions = office.attendance.sessions(CODE)
    morning, afternoon = [s for s in sessions if s.starts_at.date() == TODAY]
    during = morning.starts_at + timedelta(minutes=30)
    assert default_session(sessions, during) == morning.id
    assert default_session(sessions, morning.ends_at + timedelta(minutes=5)) == afternoon.id
    assert default_session(sessions, afternoon.ends_at + timedelta(hours=1)) == afternoon.id
    assert "上午" in session_text(morning) and "下午" in session_text(afternoon)


# --- the keyboard ---------------------------------------------------------------------------


def test_the_grid_is_driven_by_the_keyboard_and_every_key_saves_at_once(qtbot, page, office, today_session,
                                                                         show_session):
    show_session(today_session)
    view = page.view
    assert view.current_row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_row() == 1
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(view, "1")
    assert _statuses(office, today_session)[1] is AttendanceStatus.PRESENT
    assert view.current_row() == 2  # on to the next trainee
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(view, "5")
    assert _statuses(office, today_session)[2] is AttendanceStatus.ABSENT
    assert view.current_row() == 3

    qtbot.keyClick(view, "4")  # 请假 asks for the reason
    qtbot.waitUntil(lambda: page.marking.dialog is not None and page.marking.dialog.isVisible(), timeout=WAIT)
    dialog = page.marking.dialog
    assert not dialog.ok_button.isEnabled()  # no reason, no leave
    dialog.leave_combo.lineEdit().insert("病假：发烧")  # QTest cannot type Chinese; an IME inserts it
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(dialog.leave_combo.lineEdit(), Qt.Key.Key_Return)  # Enter confirms
    row = office.attendance.grid(today_session).rows[3]
    assert row.status is AttendanceStatus.LEAVE and row.value.leave_reason == "病假：发烧"
    assert view.current_row() == 4

    qtbot.keyClick(view, "L")  # 迟到 by letter asks for the minutes
    qtbot.waitUntil(lambda: page.marking.dialog is not None and page.marking.dialog.isVisible(), timeout=WAIT)
    spin = page.marking.dialog.minutes_spin
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "12")
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    row = office.attendance.grid(today_session).rows[4]
    assert row.status is AttendanceStatus.LATE and row.value.late_minutes == 12
    assert page.sheet.totals.text() == "出勤 1 · 迟到 1 · 早退 0 · 请假 1 · 缺勤 1 · 未考勤 1"
    assert page.sheet.model.data(page.sheet.model.index(4, AttendanceGridModel.MINUTES)) == "迟到 12"

    # Changing a mark saved a moment ago uses the revision that save produced.
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(view, "1")
    assert _statuses(office, today_session)[2] is AttendanceStatus.PRESENT
    assert not page.notice.text()


def test_a_wedge_scan_signs_the_trainee_in_and_selects_the_line(qtbot, page, office, running, today_session,
                                                                show_session):
    _, persons = running
    show_session(today_session)
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT):
        qtbot.keyClicks(page.view, persons[2].id_number)  # digits (and X) arrive together, like a reader
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.sheet.model.row_at(2).value is not None, timeout=WAIT)
    row = office.attendance.grid(today_session).rows[2]
    assert row.value.sign_in_at is not None
    assert row.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
    assert page.reader.banner.isVisible() and page.reader.recorded is True
    assert persons[2].name in page.reader.banner.text() and "签到" in page.reader.banner.text()
    assert page.view.current_row() == 2
    # The first digit of the number was not taken for a status key: nobody else has a mark.
    assert [s is None for s in _statuses(office, today_session)] == [True, True, False, True, True]

    # The box at the top right does the same for a teacher typing the number by hand.
    page.reader.swipe_edit.setFocus()
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT):
        qtbot.keyClicks(page.reader.swipe_edit, "4")  # a roll number
        qtbot.keyClick(page.reader.swipe_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.sheet.model.row_at(3).value is not None, timeout=WAIT)
    assert page.view.current_row() == 3 and page.reader.swipe_edit.text() == ""


def test_an_unknown_number_shows_a_red_banner_and_marks_nobody(qtbot, page, office, today_session, show_session):
    show_session(today_session)
    stranger = people(1, start=990_000)[0]
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT) as answered:
        qtbot.keyClicks(page.view, stranger.id_number)
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert not answered.args[0].recorded
    assert page.reader.banner.isVisible() and page.reader.recorded is False
    assert "未记录考勤" in page.reader.banner.text()
    assert page.reader.banner.property("tone") == Tone.SCAN_BAD  # red
    assert _statuses(office, today_session) == [None] * 5
    with qtbot.waitSignal(page.reader.answered, timeout=WAIT):
        qtbot.keyClicks(page.view, "ABCDEFG123")
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert "不是身份证号码" in page.reader.banner.text()
    assert _statuses(office, today_session) == [None] * 5


def test_all_present_fills_only_the_unmarked_and_says_how_many(qtbot, page, office, today_session, show_session):
    rows = office.attendance.grid(today_session).rows
    office.attendance.set_mark(today_session, rows[0].enrolment_id, MarkValue(AttendanceStatus.LEAVE, leave_reason="事假"))
    office.attendance.set_mark(today_session, rows[1].enrolment_id, MarkValue(AttendanceStatus.ABSENT))
    show_session(today_session)
    assert page.marking.all_present_button.isEnabled()
    with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT):
        page.marking.all_present_button.click()
    assert _statuses(office, today_session) == [AttendanceStatus.LEAVE, AttendanceStatus.ABSENT] + [
        AttendanceStatus.PRESENT] * 3
    assert "3 名" in page.status_line.text() and "请假" in page.status_line.text()
    assert page.sheet.totals.text() == "出勤 3 · 迟到 0 · 早退 0 · 请假 1 · 缺勤 1 · 未考勤 0"


def test_a_locked_session_asks_for_a_reason_and_the_history_shows_every_revision(qtbot, page, office, past_session,
                                                                                show_session):
    show_session(past_session)
    assert page.sheet.model.grid.locked
    assert page.marking.all_present_button.isEnabled() and "锁定" in page.marking.all_present_button.toolTip()
    qtbot.keyClick(page.view, "5")
    reasons = page.marking.back_entry
    qtbot.waitUntil(lambda: reasons.dialog is not None and reasons.dialog.isVisible(), timeout=WAIT)
    dialog = reasons.dialog
    assert "锁定时间" in dialog.explanation.text() and "永久" in dialog.explanation.text()
    dialog.combo.lineEdit().clear()
    qtbot.keyClick(dialog.combo.lineEdit(), Qt.Key.Key_Return)  # no reason: Enter does nothing
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    dialog.combo.lineEdit().insert("按纸质签到表补录")
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(dialog.combo.lineEdit(), Qt.Key.Key_Return)
    # The reason was changed before the next mark: that mark has the new one.
    reasons.change_button.click()
    qtbot.waitUntil(lambda: reasons.dialog is not None and reasons.dialog.isVisible(), timeout=WAIT)
    assert reasons.dialog.reason() == "按纸质签到表补录"
    reasons.dialog.combo.lineEdit().clear()
    reasons.dialog.combo.lineEdit().insert("学员出示了签到照片")
    qtbot.keyClick(reasons.dialog.combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reasons.dialog is None, timeout=WAIT)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Up)
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(page.view, "1")  # no dialog this time
    assert _statuses(office, past_session)[0] is AttendanceStatus.PRESENT

    qtbot.keyClick(page.view, Qt.Key.Key_Up)
    qtbot.keyClick(page.view, "H")
    qtbot.waitUntil(lambda: page.history.dialog is not None and page.history.dialog.isVisible(), timeout=WAIT)
    model = page.history.dialog.model
    assert [model.data(model.index(r, MarkHistoryModel.REVISION)) for r in range(model.rowCount())] == ["1", "2"]
    assert model.data(model.index(0, MarkHistoryModel.CHANGE)) == "未考勤 → 缺勤"
    assert model.data(model.index(1, MarkHistoryModel.CHANGE)) == "缺勤 → 出勤"
    assert model.data(model.index(1, MarkHistoryModel.REASON)) == "学员出示了签到照片"
    assert model.data(model.index(1, MarkHistoryModel.CHANGED_BY)) == "本机管理员"
    page.history.dialog.reject()
    qtbot.waitUntil(lambda: page.history.dialog is None, timeout=WAIT)
    # The button and a double-click open the same dialog.
    page.history.button.click()
    qtbot.waitUntil(lambda: page.history.dialog is not None, timeout=WAIT)
    page.history.dialog.reject()


def test_a_sealed_class_shows_why_and_a_status_key_changes_nothing(qtbot, page, office, today_session, show_session):
    show_session(today_session)
    with office.db.writing() as session:  # sealing arrives with the upload page; set the state directly
        session.execute(update(TrainingClass).where(TrainingClass.code == CODE).values(status="sealed"))
    # The grid on screen still says "open": the service refuses, the grid is read again and the
    # orange banner gives the reason.
    with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT):
        qtbot.keyClick(page.view, "1")
    assert page.sheet.model.grid.read_only
    assert page.sheet.read_only_banner.isVisible()
    assert "已封存" in page.sheet.read_only_banner.text() and "不能再修改" in page.sheet.read_only_banner.text()
    assert page.sheet.read_only_flashing and not page.notice.text()  # said once, on the banner
    assert not page.marking.all_present_button.isEnabled()
    # Now that the grid knows, a status key points at the reason without asking the database.
    page.sheet._end_flash()
    page.status_line.say(None)
    qtbot.keyClick(page.view, "2")
    qtbot.waitUntil(lambda: page.sheet.read_only_flashing, timeout=WAIT)
    assert page.marking.dialog is None and page.status_line.text() == "没有做任何修改（原因见上方说明）。"
    assert page.operations.tasks.pending == 0
    assert _statuses(office, today_session) == [None] * 5
    # A swipe is refused with the same reason, in red.
    qtbot.keyClicks(page.view, "110105194912310029")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.reader.recorded is False and "已封存" in page.reader.banner.text()
    assert _statuses(office, today_session) == [None] * 5


# --- files ----------------------------------------------------------------------------------


def test_importing_punches_shows_what_was_found_written_and_refused(qtbot, page, office, running, today_session,
                                                                    show_session, tmp_path, monkeypatch):
    _, persons = running
    show_session(today_session)
    session = page.choice.current_session()
    start = session.starts_at
    lines = ["身份证号码,姓名,打卡时间",
             f"{persons[0].id_number},{persons[0].name},{start:%Y-%m-%d} {start:%H:%M}",
             f"{persons[1].id_number},{persons[1].name},{start:%Y-%m-%d} 不是时间",
             f"{people(1, start=990_000)[0].id_number},陌生人,{start:%Y-%m-%d} {start:%H:%M}"]
    path = tmp_path / "punches.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), "")))
    page.files.import_button.click()
    qtbot.waitUntil(lambda: page.files.import_dialog is not None and page.files.import_dialog.isVisible(), timeout=WAIT)
    dialog = page.files.import_dialog
    assert "考勤机打卡记录" in dialog.summary.text() and "写入考勤 1 条" in dialog.summary.text()
    found = dialog.messages()
    assert any("第 4 行" in m and "不是本班学员" in m for m in found)
    assert any("不是时间" in m and "看不懂" in m for m in found)
    dialog.reject()
    qtbot.waitUntil(lambda: page.sheet.model.row_at(0).value is not None, timeout=WAIT)
    assert office.attendance.grid(today_session).rows[0].status is AttendanceStatus.PRESENT


def test_sign_in_sheets_are_saved_as_a_pdf_per_day_when_asked(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "签到表"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    page.files.print_button.click()
    qtbot.waitUntil(lambda: page.files.signin_dialog is not None and page.files.signin_dialog.isVisible(), timeout=WAIT)
    page.files.signin_dialog.per_day.setChecked(True)
    page.files.signin_dialog.accept()
    pdf = tmp_path / "签到表.pdf"
    qtbot.waitUntil(lambda: pdf.exists() and page.files.print_button.isEnabled(), timeout=WAIT)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "页签到表" in page.notice.text() and str(pdf) in page.notice.text()


# --- summary --------------------------------------------------------------------------------


def test_the_summary_highlights_trainees_at_risk_and_follows_new_marks(qtbot, page, office, running, show_session):
    # The clock is the directory's (conftest.china_morning: 10:00 China time on day 4 of the class,
    # ticking), so what has been held does not depend on the hour the suite runs at.
    detail, persons = running
    assert datetime.now(CHINA_TZ).date() == TODAY and datetime.now(CHINA_TZ).hour == 10  # the fixed clock is on
    held = [s for s in detail.sessions if s.ends_at < datetime.now(CHINA_TZ)]
    assert len(held) == 6  # three days, morning and afternoon
    first = office.attendance.grid(held[0].id).rows[0].enrolment_id
    for info in held:  # everybody came, except trainee 1 who never did
        attendance_service.set_mark(office.db, actor=office.actor, session_id=info.id, enrolment_id=first,
                                    value=MarkValue(AttendanceStatus.ABSENT), reason="补录", now=info.ends_at)
        attendance_service.mark_all_present(office.db, actor=office.actor, session_id=info.id, now=info.ends_at)
    with qtbot.waitSignal(page.summary.loaded, timeout=WAIT):
        page.summary_button.click()
    assert page.tabs.currentIndex() == 1
    model = page.summary.model
    assert model.headers() == ["学号", "姓名", "出勤课时", "线上计入", "合计课时", "出勤率（已上的课）",
                               "出勤率（全部计划课时）", "状态", "原因"]
    assert model.at_risk_rows() == [0]
    # Trainee 1 missed all 6 sessions held (24 lessons) of 32 planned (128): 0 % so far, but 104 of
    # 128 (81.2 %) is still within reach: needs attention, not (yet) cannot complete.
    assert model.data(model.index(0, AttendanceSummaryModel.ELIGIBILITY)) == "需关注"
    assert model.data(model.index(0, AttendanceSummaryModel.RATE)) == "0.0%"
    assert model.data(model.index(0, AttendanceSummaryModel.NAME), Qt.ItemDataRole.BackgroundRole) == ATTENTION_BACKGROUND
    assert "已上的课中出勤率为 0.0%" in model.data(model.index(0, AttendanceSummaryModel.REASONS))
    assert model.data(model.index(1, AttendanceSummaryModel.ELIGIBILITY)) == "培训中"
    assert model.data(model.index(1, AttendanceSummaryModel.RATE)) == "100.0%"
    assert model.data(model.index(1, AttendanceSummaryModel.PLANNED_RATE)) == "18.7%"  # 24 of 128, rounded down
    assert model.data(model.index(1, AttendanceSummaryModel.REASONS)) == ""
    assert model.data(model.index(1, AttendanceSummaryModel.NAME), Qt.ItemDataRole.BackgroundRole) is None
    assert "需关注（黄色）：1" in page.summary.note.text() and "（红色）：0" in page.summary.note.text()

    # A swipe while the summary is shown (the reader keeps working) reads the summary again.
    with qtbot.waitSignal(page.summary.loaded, timeout=WAIT):
        qtbot.keyClicks(page.summary.view, persons[1].id_number)
        qtbot.keyClick(page.summary.view, Qt.Key.Key_Return)
    assert page.reader.recorded is True and model.rowCount() == 5
    # A lone status key there does nothing: the grid it would change is not on screen. (Compared
    # with the marks before the key: after the day's last session the session shown is one held
    # already, where the set-up above marked trainee 1 absent.)
    qtbot.waitUntil(lambda: page.operations.tasks.pending == 0, timeout=WAIT)
    before = _statuses(office, page.choice.current_session_id())
    qtbot.keyClick(page.summary.view, "5")
    qtbot.wait(NUMBER_GAP_MS + 100)  # longer than a lone digit waits before it acts
    assert page.operations.tasks.pending == 0 and page.marking.dialog is None
    assert _statuses(office, page.choice.current_session_id()) == before


def test_classes_changed_elsewhere_are_read_again_without_losing_the_teachers_place(qtbot, page, today_session,
                                                                                      show_session):
    show_session(today_session)
    page.view.go_to_row(3)
    with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT):
        page.mark_stale()  # e.g. a class was filed on the 班级 page
    assert page.choice.current_session_id() == today_session and page.view.current_row() == 3


def test_punches_for_locked_sessions_are_recorded_only_with_a_reason_typed(qtbot, page, office, running, tmp_path,
                                                                           monkeypatch):
    detail, persons = running
    past = min(detail.sessions, key=lambda s: s.starts_at)  # three days ago: locked
    start, end = past.starts_at.astimezone(CHINA_TZ), past.ends_at.astimezone(CHINA_TZ)
    lines = ["身份证号码,姓名,打卡时间",
             f"{persons[0].id_number},{persons[0].name},{start:%Y-%m-%d %H:%M}",
             f"{persons[0].id_number},{persons[0].name},{end:%Y-%m-%d %H:%M}"]
    path = tmp_path / "补录.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), "")))
    page.files.import_button.click()
    qtbot.waitUntil(lambda: page.files.reason_prompt is not None and page.files.reason_prompt.isVisible(),
                    timeout=WAIT)
    prompt = page.files.reason_prompt
    assert "锁定时间" in prompt.explanation.text() and not prompt.ok_button.isEnabled()
    assert office.attendance.grid(past.id).rows[0].status is None  # nothing written without a reason
    qtbot.keyClicks(prompt.reason_edit, "punch clock broken", delay=20)  # QTest types ASCII only
    qtbot.keyClick(prompt.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.files.import_dialog is not None and page.files.import_dialog.isVisible(),
                    timeout=WAIT)
    assert "写入考勤 1 条" in page.files.import_dialog.summary.text()
    row = office.attendance.grid(past.id).rows[0]
    assert row.status is AttendanceStatus.PRESENT
    assert [h.reason for h in office.attendance.history(past.id, row.enrolment_id)] == ["punch clock broken"]
