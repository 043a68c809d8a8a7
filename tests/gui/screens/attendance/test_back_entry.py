"""Entering a locked session from paper on the 考勤 screen: one reason for the session, asked once and
shown while it is kept; an earlier value put back from the history; sign-in sheets of the chosen
session, one date or the whole class, saved as a PDF (read back) or printed."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import update

from desktop_app.domain.attendance import AttendanceStatus, MarkValue
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui.screens.attendance.models import MarkHistoryModel
from desktop_app.gui.widgets.pdf_preview import load_pdf
from desktop_app.store.models import TrainingClass
from tests.gui.screens.attendance.conftest import CODE, TODAY, WAIT

PERSON = 200  # ms between keys, as a person types


def _history_reasons(office, session_id: int) -> list[list[str | None]]:
    return [[h.reason for h in office.attendance.history(session_id, row.enrolment_id)]
            for row in office.attendance.grid(session_id).rows]


def _reason_asked(qtbot, page):
    reasons = page.marking.back_entry
    qtbot.waitUntil(lambda: reasons.dialog is not None and reasons.dialog.isVisible(), timeout=WAIT)
    return reasons.dialog


def test_a_paper_sheet_for_a_locked_session_takes_one_reason_for_all_its_marks(qtbot, page, office, running,
                                                                              past_session, show_session):
    detail, _ = running
    show_session(past_session)
    reasons = page.marking.back_entry
    assert reasons.bar.isVisible() and reasons.label.full_text == "修改原因：尚未填写" and "第一次修改时询问原因" in reasons.label.toolTip()
    assert reasons.change_button.text() == "填写原因…"
    opened = []
    reasons.dialogs.open = (lambda original: lambda dialog: opened.append(dialog) or original(dialog))(
        reasons.dialogs.open)

    qtbot.keyClick(page.view, "1", delay=PERSON)  # the first mark asks for the reason, the usual one offered
    dialog = _reason_asked(qtbot, page)
    assert dialog.reason() == "补录：纸质签到表" and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(dialog.combo.lineEdit(), Qt.Key.Key_Return)
    assert reasons.label.full_text == "修改原因：补录：纸质签到表" and reasons.change_button.text() == "更改原因…"
    page.view.setFocus()
    for key in ("1", "5", "1"):  # the rest of the paper sheet: no dialog at all
        with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
            qtbot.keyClick(page.view, key, delay=PERSON)
    qtbot.keyClick(page.view, "2", delay=PERSON)  # 迟到 asks only for the minutes, naming the reason it will keep
    qtbot.waitUntil(lambda: page.marking.dialog is not None and page.marking.dialog.isVisible(), timeout=WAIT)
    mark_dialog = page.marking.dialog
    assert "补录：纸质签到表" in mark_dialog.lock_note.text() and mark_dialog.lock_note.isVisible()
    mark_dialog.minutes_spin.lineEdit().selectAll()
    qtbot.keyClicks(mark_dialog.minutes_spin, "20", delay=PERSON)
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(mark_dialog.minutes_spin, Qt.Key.Key_Return)
    assert len(opened) == 1  # five marks, one reason dialog
    assert [r.status for r in office.attendance.grid(past_session).rows] == [
        AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.PRESENT,
        AttendanceStatus.LATE]
    assert _history_reasons(office, past_session) == [["补录：纸质签到表"]] * 5

    # Another locked session has its own reason; coming back, this one's is still there.
    other = [s for s in detail.sessions if s.starts_at.date() == TODAY - timedelta(days=3)][0].id
    show_session(other)
    assert reasons.change_button.text() == "填写原因…"
    qtbot.keyClick(page.view, "1", delay=PERSON)
    dialog = _reason_asked(qtbot, page)
    dialog.combo.setCurrentIndex(1)
    with qtbot.waitSignal(page.marking.saved, timeout=WAIT):
        qtbot.keyClick(dialog.combo.lineEdit(), Qt.Key.Key_Return)
    assert _history_reasons(office, other)[0] == ["更正：学员出示了出勤凭证"]
    show_session(past_session)
    assert reasons.label.full_text == "修改原因：补录：纸质签到表"
    # An open session (today's) shows no reason line: its marks need none.
    show_session([s for s in detail.sessions if s.starts_at.date() == TODAY][0].id)
    assert not reasons.bar.isVisible()


def test_all_present_on_a_locked_session_asks_the_reason_first_and_keeps_the_marks_taken(qtbot, page, office,
                                                                                        past_session, show_session):
    rows = office.attendance.grid(past_session).rows
    office.attendance.set_mark(past_session, rows[1].enrolment_id, MarkValue(AttendanceStatus.LEAVE, leave_reason="病假"),
                               reason="补录")
    show_session(past_session)
    page.marking.all_present_button.click()
    dialog = _reason_asked(qtbot, page)
    dialog.combo.lineEdit().clear()
    dialog.combo.lineEdit().insert("补录：纸质签到表（第 2 页）")
    with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT):
        qtbot.keyClick(dialog.combo.lineEdit(), Qt.Key.Key_Return)
    assert [r.status for r in office.attendance.grid(past_session).rows] == [
        AttendanceStatus.PRESENT, AttendanceStatus.LEAVE] + [AttendanceStatus.PRESENT] * 3
    reasons = _history_reasons(office, past_session)
    assert reasons[1] == ["补录"] and reasons[0] == reasons[4] == ["补录：纸质签到表（第 2 页）"]
    assert "4 名" in page.status_line.text()


def test_the_history_puts_an_earlier_value_back_as_a_new_line(qtbot, page, office, past_session, show_session):
    row = office.attendance.grid(past_session).rows[0]
    office.attendance.set_mark(past_session, row.enrolment_id, MarkValue(AttendanceStatus.LATE, late_minutes=25),
                               reason="补录：纸质签到表")
    office.attendance.set_mark(past_session, row.enrolment_id, MarkValue(AttendanceStatus.ABSENT), reason="误点")
    show_session(past_session)
    qtbot.keyClick(page.view, "H", delay=PERSON)
    qtbot.waitUntil(lambda: page.history.dialog is not None and page.history.dialog.isVisible(), timeout=WAIT)
    dialog = page.history.dialog
    model = dialog.model
    assert not dialog.restore_button.isEnabled()  # the newest line is the value now
    assert "现在的考勤" in dialog.restore_button.toolTip()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: page.history.restore_dialog is not None and page.history.restore_dialog.isVisible(),
                    timeout=WAIT)
    prompt = page.history.restore_dialog
    assert "迟到 25 分钟" in prompt.explanation.text() and "第 1 次修改" in prompt.explanation.text()
    qtbot.keyClick(prompt.reason_edit, Qt.Key.Key_Return)  # no reason: nothing happens
    assert prompt.isVisible() and not prompt.ok_button.isEnabled()
    prompt.reason_edit.insert("核对纸质签到表：迟到")
    qtbot.keyClick(prompt.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT)
    rows = [[model.data(model.index(r, c)) for c in (MarkHistoryModel.REVISION, MarkHistoryModel.CHANGE,
                                                     MarkHistoryModel.REASON)] for r in range(3)]
    assert rows[0] == ["1", "未考勤 → 迟到（迟到 25 分钟）", "补录：纸质签到表"]  # the old lines, as they were
    assert rows[1] == ["2", "迟到（迟到 25 分钟） → 缺勤", "误点"]
    assert rows[2] == ["3", "缺勤 → 迟到（迟到 25 分钟）", "恢复为第 1 次修改的值：核对纸质签到表：迟到"]
    assert not dialog.restore_button.isEnabled()  # the new line is chosen, and it is the value now
    saved = office.attendance.grid(past_session).rows[0]
    assert saved.status is AttendanceStatus.LATE and saved.value.late_minutes == 25 and saved.revision == 3
    assert page.sheet.model.row_at(0).revision == 3  # the grid shows it too
    assert "已恢复" in page.status_line.text()
    dialog.reject()


def test_a_sealed_class_offers_no_restore(qtbot, page, office, past_session, show_session):
    row = office.attendance.grid(past_session).rows[0]
    office.attendance.set_mark(past_session, row.enrolment_id, MarkValue(AttendanceStatus.LATE, late_minutes=5), reason="补录")
    office.attendance.set_mark(past_session, row.enrolment_id, MarkValue(AttendanceStatus.ABSENT), reason="补录")
    show_session(past_session)
    with office.db.writing() as session:
        session.execute(update(TrainingClass).where(TrainingClass.code == CODE).values(status="sealed"))
    with qtbot.waitSignal(page.sheet.loaded, timeout=WAIT):
        page.refresh()
    page.history.show(0)
    qtbot.waitUntil(lambda: page.history.dialog is not None, timeout=WAIT)
    page.history.dialog.table.selectRow(0)
    assert not page.history.dialog.restore_button.isEnabled()
    assert "已封存" in page.history.dialog.restore_button.toolTip()
    page.history.dialog.reject()


# --- sign-in sheets ---------------------------------------------------------------------------------


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pdf_days(path) -> list[date]:
    return [date(int(y), int(m), int(d)) for y, m, d in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", _pdf_text(path))]


def _save_sheets(qtbot, page, monkeypatch, target, choose) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    page.files.print_button.click()
    qtbot.waitUntil(lambda: page.files.signin_dialog is not None and page.files.signin_dialog.isVisible(), timeout=WAIT)
    choose(page.files.signin_dialog)
    page.files.signin_dialog.save_button.click()
    qtbot.waitUntil(lambda: target.exists() and page.files.print_button.isEnabled(), timeout=WAIT)


def test_sign_in_sheets_of_the_chosen_session_a_date_or_the_class_hold_exactly_those_sessions(
        qtbot, page, running, past_session, show_session, monkeypatch, tmp_path):
    detail, _ = running
    show_session(past_session)
    chosen = page.choice.current_session()

    def session_only(dialog):
        assert dialog.scope_day.isChecked()  # the chosen session's date is offered first
        assert dialog.day_edit.date().toPython() == chosen.starts_at.date()
        dialog.scope_session.setChecked(True)
        assert not dialog.per_day.isEnabled()  # one session is one sheet

    one = tmp_path / "one.pdf"
    _save_sheets(qtbot, page, monkeypatch, one, session_only)
    assert _pdf_days(one) == [chosen.starts_at.date()]
    same_day = [s for s in running[0].sessions if s.starts_at.date() == chosen.starts_at.date()]
    other_sitting = next(s for s in same_day if s.id != chosen.id)
    assert f"{chosen.starts_at:%H:%M}" in _pdf_text(one) and f"{other_sitting.starts_at:%H:%M}" not in _pdf_text(one)
    assert "1 页签到表" in page.notice.text()

    other_day = TODAY + timedelta(days=2)

    def a_date(dialog):
        dialog.day_edit.setDate(QDate(other_day))

    day = tmp_path / "day.pdf"
    _save_sheets(qtbot, page, monkeypatch, day, a_date)
    assert _pdf_days(day) == [other_day, other_day]  # its morning and afternoon

    def whole_class_per_day(dialog):
        dialog.scope_class.setChecked(True)
        dialog.per_day.setChecked(True)

    whole = tmp_path / "whole.pdf"
    _save_sheets(qtbot, page, monkeypatch, whole, whole_class_per_day)
    days = sorted({s.starts_at.astimezone(CHINA_TZ).date() for s in detail.sessions})
    assert _pdf_days(whole) == days  # one sheet per day, every day of the class


def test_sign_in_sheets_are_printed_directly_when_asked(qtbot, page, office, past_session, show_session, tmp_path):
    show_session(past_session)
    page.files.print_button.click()
    qtbot.waitUntil(lambda: page.files.signin_dialog is not None and page.files.signin_dialog.isVisible(), timeout=WAIT)
    page.files.signin_dialog.print_button.click()  # the date of the chosen session: two sheets
    qtbot.waitUntil(lambda: page.files.print_dialog is not None, timeout=WAIT)
    dialog = page.files.print_dialog
    assert dialog.minPage() == 1 and dialog.maxPage() == 2
    assert "打印" in dialog.windowTitle() and CODE in dialog.windowTitle()
    dialog.reject()
    qtbot.waitUntil(lambda: page.files.print_button.isEnabled(), timeout=WAIT)
    # What OK then does, with a PDF "printer" standing in for the real one (the dialog would
    # otherwise reset it to the system's printer).
    day = page.choice.current_session().starts_at.date()
    render = office.attendance.signin_sheets_pdf(CODE, day=day)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    page.files.start_printing(render, printer, range(render.pages))
    assert not page.files.print_button.isEnabled()
    qtbot.waitUntil(lambda: "发送到打印机" in page.notice.text(), timeout=60_000)
    assert "2 页签到表" in page.notice.text() and page.files.print_button.isEnabled()
    document, _buffer = load_pdf(target.read_bytes())
    assert document.pageCount() == 2
