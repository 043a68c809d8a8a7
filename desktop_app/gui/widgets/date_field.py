"""A date field that cannot lie: what is typed is the date, a calendar beside it, and the day of
the week shown next to it.

Qt's QDateEdit edits a date section by section: typing "2026-12-11" over a selected date gave
2026-01-12, and over a partly selected one kept the old year (2026-12-11 became 2027-12-11),
without a word. Here the text is the value: a full date typed (2026-12-11, 2026/12/11, 20261211 or
2026年12月11日) sets exactly that date; anything else leaves the field without a date, said in red
beside it, so a dialog refuses it instead of saving another day. Up and Down move a day; the
日历 button opens a calendar. Focusing the field selects its text, so typing replaces all of it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget, \
    QWidgetAction

from desktop_app.domain.trainee_input import parse_birth_date_text
from desktop_app.gui import value_labels as labels
from desktop_app.gui.theme import Tone, set_tone

DISPLAY_FORMAT = "%Y-%m-%d"


def parse_typed_date(text: str) -> date | None:
    """A full date in one of the ways people type one; None for anything else (a year and month
    alone are not a day)."""
    parsed = parse_birth_date_text(text or "")
    if parsed is None or parsed[2] is None:
        return None
    return date(parsed[0], parsed[1], parsed[2])


class _DateLine(QLineEdit):
    """The text part: selects everything when focused; Up/Down move the date a day."""

    stepped = Signal(int)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        # After Qt's own handling, which places the cursor where the mouse pressed.
        QTimer.singleShot(0, self.selectAll)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepped.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """`value()` is the date typed or picked, None while the text is not a full date. `changed`
    carries the new value (a date or None) whenever it changes."""

    changed = Signal(object)

    def __init__(self, value: date | None = None, parent: QWidget | None = None, *,
                 minimum: date = date(1900, 1, 1), maximum: date = date(2200, 12, 31)) -> None:
        super().__init__(parent)
        self.minimum, self.maximum = minimum, maximum
        self._value: date | None = None
        self.line = _DateLine()
        self.line.setObjectName("dateText")
        self.line.setMaxLength(16)
        self.line.setMinimumWidth(110)
        self.line.textEdited.connect(self._typed)
        self.line.stepped.connect(self._step)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("calendarButton")
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The button's word says what it opens; Qt's own menu arrow beside it would say it twice.
        self.calendar_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("dateCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setDateRange(QDate(minimum), QDate(maximum))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(QDate(self._value or date.today())))
        self.calendar_button.setMenu(menu)
        self.weekday_label = QLabel()
        self.weekday_label.setObjectName("weekdayLabel")
        self.weekday_label.setMinimumWidth(48)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.weekday_label)
        self.setFocusProxy(self.line)
        self.set_value(value)

    # --- the value ----------------------------------------------------------------------------

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show `value` (None: empty) as the field's date, as if picked."""
        self.line.setText(value.strftime(DISPLAY_FORMAT) if value else "")
        self._set(value)

    def text(self) -> str:
        return self.line.text()

    def _typed(self, text: str) -> None:
        day = parse_typed_date(text)
        if day is not None and not self.minimum <= day <= self.maximum:
            day = None
        self._set(day)

    def _picked(self, picked: QDate) -> None:
        self.set_value(picked.toPython())
        self.calendar_button.menu().hide()
        self.line.setFocus()

    def _step(self, days: int) -> None:
        if self._value is not None:
            moved = self._value + timedelta(days=days)
            if self.minimum <= moved <= self.maximum:
                self.set_value(moved)

    def _set(self, value: date | None) -> None:
        changed = value != self._value
        self._value = value
        self._show_weekday()
        if changed:
            self.changed.emit(value)

    def _show_weekday(self) -> None:
        if self._value is not None:
            self.weekday_label.setText(labels.weekday(self._value))
            set_tone(self.weekday_label, Tone.PLAIN)
            self.line.setToolTip("")
        elif self.line.text().strip():
            self.weekday_label.setText(self.tr("Not a date"))
            set_tone(self.weekday_label, Tone.ERROR)
            self.line.setToolTip(self.tr("Type a full date, e.g. 2026-12-11, or pick one from the calendar."))
        else:
            self.weekday_label.clear()

    # --- QDateEdit's names, so that it can stand in for one (defined last: `date` is also the type) --

    def date(self) -> QDate:  # noqa: A003 - Qt's name
        """The value as a QDate; an invalid QDate while the text is not a full date."""
        return QDate(self._value) if self._value is not None else QDate()

    def setDate(self, value) -> None:  # noqa: N802 - Qt's name
        self.set_value(value.toPython() if isinstance(value, QDate) else value)

    def retranslate(self) -> None:
        self.calendar_button.setText(self.tr("Calendar"))
        self.calendar_button.setToolTip(self.tr("Choose from a calendar"))
        self.line.setPlaceholderText(self.tr("e.g. 2026-12-11"))
        self._show_weekday()
