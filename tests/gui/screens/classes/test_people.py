"""One trainee at a time and teachers on the 班级 screen, driven as hands do: 添加学员 and 退学 on a
class's roster, 教师… (the teachers list) and 安排教师… on the class, and a 教师 account that then
sees only its classes. The demo institution's dates are relative to today, as the demo is."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
import time_machine
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop_app.domain.actors import Role
from desktop_app.services.demo import demo_people

TYPING_MS = 200  # a person at the keyboard
FAST_MS = 20  # a long number typed by someone who does it all day


def type_text(qtbot, widget, text: str, *, delay: int = TYPING_MS) -> None:
    """Type `text` into `widget` as hands do: ASCII key by key; Chinese as an input method commits
    it, a word at a time (Qt's key simulation knows only ASCII keys)."""
    if text.isascii():
        qtbot.keyClicks(widget, text, delay=delay)
        return
    widget.setFocus()
    for character in text:
        event = QInputMethodEvent()
        event.setCommitString(character)
        QApplication.sendEvent(widget, event)
        qtbot.wait(delay)


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_adding_one_trainee_on_the_roster_enrols_them_with_the_next_roll_number(qtbot, classes_page, select_class,
                                                                              code):
    select_class(code("JZ01"))
    roster = classes_page.detail.roster
    before = roster.model.rowCount()
    _click(qtbot, roster.add_button)
    qtbot.waitUntil(lambda: roster.dialog is not None and roster.dialog.isVisible(), timeout=10_000)
    dialog = roster.dialog
    assert dialog.windowTitle() == f"添加学员到 {code('JZ01')}"
    assert not dialog.ok_button.isEnabled()  # name and number first
    person = demo_people(1, seed=41, start_serial=940_000)[0]
    type_text(qtbot, dialog.fields["name"], person.name)
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), person.id_number, delay=FAST_MS)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), person.phone, delay=FAST_MS)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: roster.dialog is None, timeout=20_000)
    qtbot.waitUntil(lambda: roster.model.rowCount() == before + 1, timeout=20_000)
    assert roster.model.rows()[-1].name == person.name
    assert roster.model.rows()[-1].roll_no == before + 1
    qtbot.waitUntil(lambda: classes_page.notice.isVisible(), timeout=10_000)
    assert f"学号 {before + 1}" in classes_page.notice.text()
    model = classes_page.model
    qtbot.waitUntil(lambda: model.rows()[model.row_of(code("JZ01"))].enrolled == before + 1, timeout=20_000)


def test_adding_someone_already_on_the_roster_is_refused_in_the_dialog_in_the_imports_words(qtbot, classes_page,
                                                                                           select_class, code):
    select_class(code("JZ01"))
    roster = classes_page.detail.roster
    first = roster.model.rows()[0]
    id_number = classes_page.office.trainees.reveal_personal_field(first.trainee_id, "id_number", "测试核对")
    _click(qtbot, roster.add_button)
    qtbot.waitUntil(lambda: roster.dialog is not None, timeout=10_000)
    dialog = roster.dialog
    type_text(qtbot, dialog.fields["name"], first.name)
    qtbot.keyClicks(dialog.fields["id_number"], id_number, delay=FAST_MS)
    qtbot.keyClick(dialog.fields["id_number"], Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and bool(dialog.error_label.text()), timeout=20_000)
    assert f"已在班级 {code('JZ01')} 的花名册上（学号 {first.roll_no}）" in dialog.error_label.text()
    assert id_number not in dialog.error_label.text()
    assert roster.dialog is dialog  # stays open to correct


@pytest.fixture
def noon():
    """Noon of today's date, ticking: the demo is made relative to today, and the withdrawal
    defaults to today, so the date stays the real one but no run straddles midnight."""
    moment = datetime.combine(date.today(), time(12), tzinfo=datetime.now().astimezone().tzinfo)
    with time_machine.travel(moment, tick=True):
        yield date.today()


def test_withdrawing_the_selected_trainee_takes_them_off_the_roster_and_keeps_the_reason(noon, qtbot, classes_page,
                                                                                       select_class, code):
    select_class(code("JZ01"))
    roster = classes_page.detail.roster
    assert not roster.withdraw_button.isEnabled()  # nobody selected yet
    leaving = roster.model.rows()[2]
    roster.table.selectRow(2)
    _click(qtbot, roster.withdraw_button)
    qtbot.waitUntil(lambda: roster.dialog is not None and roster.dialog.isVisible(), timeout=10_000)
    dialog = roster.dialog
    assert leaving.name in dialog.explanation.text()
    assert dialog.date_edit.text() == noon.isoformat()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert roster.dialog is dialog and not dialog.ok_button.isEnabled()  # no reason: nothing saved
    type_text(qtbot, dialog.reason_edit, "外出务工")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: roster.dialog is None, timeout=20_000)
    qtbot.waitUntil(lambda: leaving.enrolment_id not in [r.enrolment_id for r in roster.model.rows()], timeout=20_000)
    assert "退学" in classes_page.notice.text()
    history = classes_page.office.trainees.get(leaving.trainee_id).history
    record = next(h for h in history if h.class_code == code("JZ01"))
    assert (record.withdrawn_on, record.withdrawal_reason) == (noon, "外出务工")


def test_teachers_are_added_in_the_list_and_assigned_to_a_class_which_then_names_them(qtbot, classes_page,
                                                                                     select_class, code):
    _click(qtbot, classes_page.teachers_button)
    qtbot.waitUntil(lambda: classes_page.teachers_dialogs.dialog is not None, timeout=10_000)
    teachers = classes_page.teachers_dialogs.dialog
    qtbot.waitUntil(lambda: teachers.model.rowCount() == 4, timeout=20_000)  # the demo's four
    _click(qtbot, teachers.add_button)
    qtbot.waitUntil(lambda: teachers.form is not None and teachers.form.isVisible(), timeout=10_000)
    form = teachers.form
    type_text(qtbot, form.fields["name"], "林海")
    qtbot.keyClicks(form.fields["phone"], "025-83201234", delay=FAST_MS)
    qtbot.keyClick(form.fields["phone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: teachers.form is None, timeout=20_000)
    qtbot.waitUntil(lambda: "林海" in [r.name for r in teachers.model.rows()], timeout=20_000)
    assert "已保存：林海" in teachers.message.text()
    teachers.close()

    select_class(code("DG01"))
    detail = classes_page.detail
    _click(qtbot, detail.assign_button)
    qtbot.waitUntil(lambda: detail.assign_dialogs.dialog is not None, timeout=10_000)
    assign = detail.assign_dialogs.dialog
    qtbot.waitUntil(lambda: assign.teacher_combo.count() == 5, timeout=20_000)
    assign.teacher_combo.setFocus()
    while assign.teacher_combo.currentText() != "林海":
        qtbot.keyClick(assign.teacher_combo, Qt.Key.Key_Down)
    qtbot.keyClick(assign.teacher_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.assign_dialogs.dialog is None, timeout=20_000)
    qtbot.waitUntil(lambda: "林海" in detail.fact_values["teachers"].text(), timeout=20_000)
    assert "已安排 林海" in classes_page.notice.text()


def test_deactivating_a_teacher_in_the_list_greys_them_and_says_what_it_means(qtbot, classes_page):
    _click(qtbot, classes_page.teachers_button)
    qtbot.waitUntil(lambda: classes_page.teachers_dialogs.dialog is not None, timeout=10_000)
    teachers = classes_page.teachers_dialogs.dialog
    qtbot.waitUntil(lambda: teachers.model.rowCount() == 4, timeout=20_000)
    teachers.table.selectRow(0)
    name = teachers.selected().name
    assert teachers.active_button.text() == "停用"
    _click(qtbot, teachers.active_button)
    qtbot.waitUntil(lambda: not next(r for r in teachers.model.rows() if r.name == name).active, timeout=20_000)
    assert "已停用" in teachers.message.text()
    teachers.close()


def test_a_teacher_account_sees_only_the_classes_it_teaches(qtbot, demo_window, classes_page, code):
    office = classes_page.office
    office.accounts.create_user("lilaoshi", "Teach-2026-pass", Role.TEACHER, display_name="李老师")
    office.teachers.add("李老师", username="lilaoshi")
    office.teachers.assign(code("AI01"), "李老师")
    office.accounts.sign_in("lilaoshi", "Teach-2026-pass")
    demo_window.refresh_for_actor()
    classes_page.reload()
    qtbot.waitUntil(lambda: [r.code for r in classes_page.model.rows()] == [code("AI01")], timeout=20_000)
    assert not classes_page.teachers_button.isEnabled()
    demo_window.show_page("attendance")
    attendance = demo_window.pages["attendance"]
    attendance.reload()
    qtbot.waitUntil(lambda: demo_window.tasks.pending == 0, timeout=20_000)
    combo = attendance.choice.class_combo
    assert [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)] == [code("AI01")]
