"""修改信息 on the 学员 screen: a correction typed into the dialog, checked by the roster's rules,
kept in the corrections history with who, when, why, and old and new value (masked for the phone)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.screens.classes.test_people import type_text

TYPING_MS = 200


def _first_trainee(qtbot, page):
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    trainee = page.model.row_at(0)
    with qtbot.waitSignal(page.detail.loaded, timeout=20_000, check_params_cb=lambda loaded: loaded == trainee.id):
        page.table.selectRow(0)
    return trainee


def _open_edit(qtbot, page):
    button = page.detail.edit_button
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.edit_dialog is not None and page.detail.edit_dialog.isVisible(), timeout=10_000)
    return page.detail.edit_dialog


def test_a_new_phone_is_saved_and_the_history_shows_it_masked_with_the_reason(qtbot, trainees_page):
    trainee = _first_trainee(qtbot, trainees_page)
    dialog = _open_edit(qtbot, trainees_page)
    assert dialog.fields["phone"].text() == ""  # the old number is not shown in full
    assert trainee.phone_masked in dialog.fields["phone"].placeholderText()
    qtbot.keyClicks(dialog.fields["phone"], "13800001111", delay=TYPING_MS // 4)
    type_text(qtbot, dialog.reason_edit, "学员换号")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    detail = trainees_page.detail
    qtbot.waitUntil(lambda: detail.edit_dialog is None, timeout=20_000)
    qtbot.waitUntil(lambda: detail.changes_model.rowCount() == 1, timeout=20_000)
    change = detail.changes_model.rows()[0]
    assert (change.field, change.old_value, change.new_value, change.reason) == (
        "phone", trainee.phone_masked, "138****1111", "学员换号")
    model = detail.changes_model
    assert model.data(model.index(0, model.FIELD)) == "手机号码"
    assert detail.fact_values["phone"].text() == "138****1111"
    # The list is searched again: the trainee's line shows the new number (masked) too.
    qtbot.waitUntil(lambda: any(r.id == trainee.id and r.phone_masked == "138****1111"
                                for r in trainees_page.model.rows()), timeout=20_000)


def test_a_phone_the_roster_would_refuse_is_refused_in_the_dialog_and_nothing_changes(qtbot, trainees_page):
    trainee = _first_trainee(qtbot, trainees_page)
    dialog = _open_edit(qtbot, trainees_page)
    qtbot.keyClicks(dialog.fields["phone"], "12345", delay=TYPING_MS // 4)
    type_text(qtbot, dialog.reason_edit, "号码有误")  # not the start of a listed reason: Enter saves
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: bool(dialog.error_label.text()), timeout=20_000)
    assert "手机号码" in dialog.error_label.text()
    assert trainees_page.detail.edit_dialog is dialog
    assert trainees_page.office.trainees.get(trainee.id).changes == ()


def test_without_a_change_or_a_reason_the_dialog_saves_nothing(qtbot, trainees_page):
    _first_trainee(qtbot, trainees_page)
    dialog = _open_edit(qtbot, trainees_page)
    type_text(qtbot, dialog.reason_edit, "无")
    assert dialog.problem() == "请先修改至少一项信息。" and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert trainees_page.detail.edit_dialog is dialog
