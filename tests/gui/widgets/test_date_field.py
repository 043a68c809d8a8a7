"""The date field: typing a full date over the selected one sets exactly that date (QDateEdit
gave 2026-01-12 for "2026-12-11" and kept old years), the weekday beside it, a calendar, and a
text that is no date said as such instead of another day kept."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from desktop_app.gui.widgets.date_field import DateField, parse_typed_date

PERSON_MS = 200  # a person's speed between keys


@pytest.fixture
def field(qtbot, chinese):
    widget = DateField(date(2027, 12, 11))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def focus_and_select(qtbot, field) -> None:
    field.line.setFocus()
    qtbot.waitUntil(lambda: field.line.hasFocus())
    qtbot.waitUntil(lambda: field.line.selectedText() == field.line.text())  # focusing selects it all


def test_typing_a_full_date_over_the_selected_one_sets_exactly_that_date(qtbot, field):
    focus_and_select(qtbot, field)
    with qtbot.waitSignal(field.changed, check_params_cb=lambda value: value == date(2026, 12, 11)):
        qtbot.keyClicks(field.line, "2026-12-11", delay=PERSON_MS // 4)
    assert field.value() == date(2026, 12, 11) and field.text() == "2026-12-11"
    assert field.weekday_label.text() == "周五"  # 2026-12-11 is a Friday
    assert field.date() == QDate(2026, 12, 11)


@pytest.mark.parametrize("typed", ["20261211", "2026/12/11", "2026.12.11"])
def test_the_usual_ways_of_typing_a_date_all_mean_that_date(qtbot, field, typed):
    focus_and_select(qtbot, field)
    qtbot.keyClicks(field.line, typed, delay=8)
    assert field.value() == date(2026, 12, 11)


def test_a_text_that_is_no_date_leaves_no_date_and_says_so(qtbot, field):
    focus_and_select(qtbot, field)
    with qtbot.waitSignal(field.changed, check_params_cb=lambda value: value is None):
        qtbot.keyClicks(field.line, "2026-02-30", delay=8)
    assert field.value() is None and field.weekday_label.text() == "日期无效"
    assert not field.date().isValid()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "2026-12", delay=8)  # a month is not a day
    assert field.value() is None


def test_up_and_down_move_a_day_and_the_calendar_picks_one(qtbot, field):
    focus_and_select(qtbot, field)
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    assert field.value() == date(2027, 12, 12) and field.text() == "2027-12-12"
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    assert field.value() == date(2027, 12, 10)
    field.calendar_button.menu().aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(2027, 12, 10)
    field.calendar.clicked.emit(QDate(2028, 1, 3))
    assert field.value() == date(2028, 1, 3) and field.weekday_label.text() == "周一"


def test_parsing_refuses_partial_and_impossible_dates():
    assert parse_typed_date("2026年12月11日") == date(2026, 12, 11)
    assert parse_typed_date("2026-12") is None and parse_typed_date("2026-13-01") is None
    assert parse_typed_date("") is None and parse_typed_date("明天") is None
