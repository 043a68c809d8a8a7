"""新建班级 with dates typed as a person types them, and a class out of the ordinary (over three
months or 300 sessions) saved only after a confirmation naming both figures."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from desktop_app.domain.schedule_rules import long_class

WAIT = 20_000


@pytest.fixture
def dialog(qtbot, classes_page):
    classes_page.new_button.click()
    dialog = classes_page.new_class_dialog
    qtbot.waitUntil(lambda: dialog.ready, timeout=WAIT)
    dialog.code_edit.setText("2027-LONG")
    dialog.name_edit.setText("2027年家政服务员（四级）长期班")
    assert dialog.select_occupation("家政服务员")
    dialog.level_combo.setCurrentIndex(0)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("employment_skills"))
    return dialog


def type_date(qtbot, field, text: str) -> None:
    field.line.setFocus()
    qtbot.waitUntil(lambda: field.line.selectedText() == field.line.text())
    qtbot.keyClicks(field.line, text, delay=20)


def test_a_class_of_eleven_months_is_created_only_once_confirmed_with_both_figures(qtbot, dialog, classes_page,
                                                                                  demo_office):
    type_date(qtbot, dialog.start_edit, "2027-01-04")
    type_date(qtbot, dialog.end_edit, "2027-11-30")  # the end year typed in full: 2027, not kept from before
    assert (dialog.start_edit.value(), dialog.end_edit.value()) == (date(2027, 1, 4), date(2027, 11, 30))
    assert dialog.end_edit.weekday_label.text() == "周二"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.long_question is not None, timeout=WAIT)
    box = dialog.long_question
    sessions = box.text().split("天、")[1].split(" 次课")[0]
    assert "2027-01-04" in box.text() and "2027-11-30" in box.text() and "331 天" in box.text()
    assert int(sessions) > 300
    assert "2027-LONG" not in [row.code for row in demo_office.classes.list()]  # nothing saved yet
    correct = next(b for b in box.buttons() if b.text() == "修改日期")
    assert box.defaultButton() is correct
    correct.click()
    assert dialog.isVisible() and dialog.long_question is None
    assert "2027-LONG" not in [row.code for row in demo_office.classes.list()]

    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.long_question is not None, timeout=WAIT)
    create = next(b for b in dialog.long_question.buttons() if b.text() == "按此新建班级")
    create.click()
    qtbot.waitUntil(lambda: classes_page.new_class_dialog is None, timeout=WAIT)
    created = demo_office.classes.get("2027-LONG")
    assert created.row.end_date == date(2027, 11, 30) and len(created.sessions) == int(sessions)


def test_a_date_that_is_not_a_date_is_refused_in_the_dialog(qtbot, dialog):
    type_date(qtbot, dialog.end_edit, "2027-02-30")
    dialog.ok_button.click()
    assert dialog.error_label.text().startswith("结束日期无效") and dialog.isVisible()


def test_an_ordinary_class_asks_nothing():
    assert long_class(date(2027, 1, 4), date(2027, 4, 4), sessions=120, lessons=480) is None
    assert long_class(date(2027, 1, 4), date(2027, 4, 5), sessions=120, lessons=480) is not None
    assert long_class(date(2027, 1, 4), date(2027, 2, 4), sessions=301, lessons=1204) is not None


def test_the_command_line_needs_confirm_long_for_such_a_class(tmp_path, capsys):
    from desktop_app.cli import EXIT_OK, EXIT_USAGE, main

    db = str(tmp_path / "office.db")
    argv = ["--db", db, "class", "new", "--code", "2027-LONG", "--name", "长期班", "--occupation", "4-10-01-06",
            "--level", "4", "--type", "employment_skills", "--start", "2027-01-04", "--end", "2027-11-30"]
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        assert main(argv) == EXIT_USAGE
        err = capsys.readouterr().err
        assert "331 天" in err and "次课" in err and "--confirm-long" in err
        assert main([*argv, "--confirm-long"]) == EXIT_OK
    assert "已新建班级 2027-LONG" in capsys.readouterr().out
