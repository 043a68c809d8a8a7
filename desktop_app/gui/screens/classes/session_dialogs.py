"""Moving or cancelling one session of a class's schedule, each with the reason the audit log
keeps. Both dialogs save the change themselves and stay open, the refusal written inline, when
the rules say no."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.schedule import CHINA_TZ
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.answer_wait import AnswerWait
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_parts import error_label, from_qdate, hint_label, to_qdate
from desktop_app.services.classes import SessionRow
from desktop_app.services.office import Office


class _SessionDialog(AnswerWait, FollowsLanguage, QDialog):
    """A form about one session above an inline refusal and OK/Cancel; `saved` carries the saved row."""

    saved = Signal(object)  # SessionRow, once the change is saved

    def __init__(self, session: SessionRow, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.office = office
        self.operations = operations
        self.form = QFormLayout()
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> None:  # pragma: no cover - each dialog saves its own change
        raise NotImplementedError

    def save(self, change) -> None:
        """Run `change` (a facade call returning the saved SessionRow); close once it is saved."""
        self.busy = True
        self.ok_button.setEnabled(False)
        self.ask(change, self._saved)

    def _saved(self, row: SessionRow) -> None:
        self.busy = False
        self.saved.emit(row)
        self.accept()

    def show_failure(self, error: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.error_label.setText(failure_text(error))
        self.error_label.show()


class MoveSessionDialog(_SessionDialog):
    """New date and times for one session, with the reason that goes into the audit log."""

    def __init__(self, session: SessionRow, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, office, operations, parent)
        self.setObjectName("moveSessionDialog")
        self.date_edit = QDateEdit(to_qdate(session.starts_at.date()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit = QTimeEdit(QTime(session.starts_at.hour, session.starts_at.minute))
        self.end_edit = QTimeEdit(QTime(session.ends_at.hour, session.ends_at.minute))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.reason_edit = QLineEdit()
        self.reason_edit.setMinimumWidth(300)
        self.current = hint_label()
        self.date_label, self.start_label, self.end_label, self.reason_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.form.addRow(self.current)
        self.form.addRow(self.date_label, self.date_edit)
        self.form.addRow(self.start_label, self.start_edit)
        self.form.addRow(self.end_label, self.end_edit)
        self.form.addRow(self.reason_label, self.reason_edit)
        self.retranslate()

    def submit(self) -> None:
        if self.busy:
            return
        day = from_qdate(self.date_edit.date())
        start, end = self.start_edit.time(), self.end_edit.time()
        starts_at = datetime(day.year, day.month, day.day, start.hour(), start.minute(), tzinfo=CHINA_TZ)
        ends_at = datetime(day.year, day.month, day.day, end.hour(), end.minute(), tzinfo=CHINA_TZ)
        session_id, reason = self.session.id, self.reason_edit.text()
        self.save(lambda: self.office.classes.move_session(session_id, starts_at, ends_at, reason))

    def retranslate(self) -> None:
        s = self.session
        self.setWindowTitle(self.tr("Move a session"))
        self.current.setText(self.tr("Now: {date} ({weekday}) {time}, {kind}, {lessons} lessons").format(
            date=s.starts_at.date().isoformat(), weekday=labels.weekday(s.starts_at.date()),
            time=labels.time_span(s.starts_at, s.ends_at), kind=labels.session_kind(s.kind), lessons=s.lessons))
        self.date_label.setText(self.tr("New date"))
        self.start_label.setText(self.tr("Starts"))
        self.end_label.setText(self.tr("Ends"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. teacher on leave, room not available"))
        self.ok_button.setText(self.tr("Move session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class CancelSessionDialog(_SessionDialog):
    """Cancel one session, with a reason; it stays listed as cancelled."""

    def __init__(self, session: SessionRow, office: Office, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, office, operations, parent)
        self.setObjectName("cancelSessionDialog")
        self.explanation = hint_label()
        self.reason_label = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setMinimumWidth(320)
        self.form.addRow(self.explanation)
        self.form.addRow(self.reason_label, self.reason_edit)
        self.retranslate()

    def submit(self) -> None:
        if self.busy:
            return
        session_id, reason = self.session.id, self.reason_edit.text()
        self.save(lambda: self.office.classes.cancel_session(session_id, reason))

    def retranslate(self) -> None:
        s = self.session
        self.setWindowTitle(self.tr("Cancel a session"))
        self.explanation.setText(self.tr(
            "Cancel the session of {date} ({weekday}) {time}? It stays in the schedule marked as cancelled, "
            "and its lessons no longer count. A session that already has attendance cannot be cancelled.").format(
            date=s.starts_at.date().isoformat(), weekday=labels.weekday(s.starts_at.date()),
            time=labels.time_span(s.starts_at, s.ends_at)))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. public holiday, teacher ill"))
        self.ok_button.setText(self.tr("Cancel this session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keep it"))
