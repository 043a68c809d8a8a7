"""Moving or cancelling one session of a class's schedule, each with the reason the audit log
keeps: reason prompts, which save the change themselves and stay open, the refusal written
inline, when the rules say no. `saved` carries the SessionRow as saved."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QTimeEdit, QWidget

from desktop_app import messages
from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui import value_labels as labels
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.date_field import DateField
from desktop_app.gui.widgets.reason_prompt import ReasonPrompt
from desktop_app.services.classes import SessionRow
from desktop_app.services.office import Office


class _SessionChange(ReasonPrompt):
    """A change to one session, with its reason."""

    def __init__(self, session: SessionRow, office: Office, operations: Operations, parent: QWidget | None,
                 *, width: int) -> None:
        super().__init__(operations, parent, reason_name="reasonEdit", width=width)
        self.session = session
        self.office = office

    def reason_missing(self) -> str:
        return messages.render("class.reason_required")  # the service's own words for the same rule

    def when(self) -> dict[str, str]:
        s = self.session
        return dict(date=s.starts_at.date().isoformat(), weekday=labels.weekday(s.starts_at.date()),
                    time=labels.time_span(s.starts_at, s.ends_at))


class MoveSessionDialog(_SessionChange):
    """New date and times for one session, with the reason that goes into the audit log."""

    def __init__(self, session: SessionRow, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, office, operations, parent, width=300)
        self.setObjectName("moveSessionDialog")
        self.date_edit = DateField(session.starts_at.date())  # the typed date is the date, weekday beside it
        self.date_edit.setObjectName("newDate")
        self.date_edit.changed.connect(self.form_changed)
        self.start_edit = QTimeEdit(QTime(session.starts_at.hour, session.starts_at.minute))
        self.end_edit = QTimeEdit(QTime(session.ends_at.hour, session.ends_at.minute))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.date_label, self.start_label, self.end_label = QLabel(), QLabel(), QLabel()
        self.add_field(self.date_label, self.date_edit)
        self.add_field(self.start_label, self.start_edit)
        self.add_field(self.end_label, self.end_edit)
        self.ask_reason()

    def problem(self) -> str | None:
        if self.date_edit.value() is None:
            return self.tr("The new date is not a date: type it in full, e.g. 2026-12-11, or pick it from the calendar.")
        return super().problem()

    def change(self):
        day = self.date_edit.value()
        start, end = self.start_edit.time(), self.end_edit.time()
        starts_at = datetime(day.year, day.month, day.day, start.hour(), start.minute(), tzinfo=CHINA_TZ)
        ends_at = datetime(day.year, day.month, day.day, end.hour(), end.minute(), tzinfo=CHINA_TZ)
        office, session_id, reason = self.office, self.session.id, self.reason()
        return lambda: office.classes.move_session(session_id, starts_at, ends_at, reason)

    def retranslate(self) -> None:
        s = self.session
        self.setWindowTitle(self.tr("Move a session"))
        self.explanation.setText(self.tr("Now: {date} ({weekday}) {time}, {kind}, {lessons} lessons").format(
            **self.when(), kind=labels.session_kind(s.kind), lessons=s.lessons))
        self.date_label.setText(self.tr("New date"))
        self.start_label.setText(self.tr("Starts"))
        self.end_label.setText(self.tr("Ends"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. teacher on leave, room not available"))
        self.ok_button.setText(self.tr("Move session"))
        self.date_edit.retranslate()
        super().retranslate()


class CancelSessionDialog(_SessionChange):
    """Cancel one session, with a reason; it stays listed as cancelled."""

    def __init__(self, session: SessionRow, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, office, operations, parent, width=320)
        self.setObjectName("cancelSessionDialog")
        self.ask_reason()

    def change(self):
        office, session_id, reason = self.office, self.session.id, self.reason()
        return lambda: office.classes.cancel_session(session_id, reason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cancel a session"))
        self.explanation.setText(self.tr(
            "Cancel the session of {date} ({weekday}) {time}? It stays in the schedule marked as cancelled, "
            "and its lessons no longer count. A session that already has attendance cannot be cancelled.").format(
            **self.when()))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. public holiday, teacher ill"))
        self.ok_button.setText(self.tr("Cancel this session"))
        super().retranslate()
        self.cancel_button.setText(self.tr("Keep it"))
