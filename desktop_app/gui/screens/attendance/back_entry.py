"""Entering a locked session from paper: the reason asked once for the session and kept for it.

Once a session's day is locked, every change needs a reason (it goes into the mark's history for
good). Entering yesterday's paper sign-in sheet is a series of marks with one reason, so the
screen asks for it at the first mark, keeps it for that session (shown above the grid, with a
button to change it) and gives it to every later mark of the session. The reason lasts until it
is changed or the window is closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import permitted
from desktop_app.gui.widgets.dialog_slot import DialogSlot
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.gui.widgets.reason_prompt import offer_reasons, reason_combo
from desktop_app.services.attendance import SessionGrid, SessionInfo

from .part import AttendancePart, AttendanceTools
from .words import session_text


class _ReasonLine(QLabel):
    """The kept reason in the row of buttons: as wide as the row allows, cut with "…" when it is
    narrower (the whole sentence in the tooltip), never pushing the buttons out of the window."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("backEntryReasonLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.full_text = ""

    def set_full_text(self, text: str, tip: str) -> None:
        self.full_text = text
        self.setToolTip(tip)
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(80, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(min(420, self.fontMetrics().horizontalAdvance(self.full_text) + 8), super().sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(20, self.width())))
        self.updateGeometry()


class BackEntryReasonDialog(FollowsLanguage, QDialog):
    """The reason for the changes to one locked session: one of the usual ones or typed."""

    def __init__(self, session: str, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backEntryReasonDialog")
        self.session = session
        self.explanation = hint_label()
        self.explanation.setMinimumWidth(420)
        self.reason_label = QLabel()
        self.combo = reason_combo("backEntryReasonCombo", width=320)
        self.combo.editTextChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(self.explanation)
        form.addRow(self.reason_label, self.combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        if current:
            self.combo.setEditText(current)
        else:  # the usual case offered, ready to confirm with Enter
            self.combo.setCurrentIndex(0)
        # Matching reasons in a popup, not completed inline: an inline completion (the offered
        # reason selected) would take the first Enter for itself, and Enter should confirm at once.
        self.combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setFocus()
        self._update_ok()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reason(self) -> str:
        return " ".join(self.combo.currentText().split())

    def _update_ok(self, *_args: object) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if not self.reason():
            return  # Enter on an empty reason: stay, the list says what is asked
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reason for changes to a locked session"))
        self.explanation.setText(self.tr(
            "The lock time of {session} has passed: every change is kept for good in the history, with your "
            "name and a reason. The reason you give here is used for every change you make to this session "
            "until you change it.").format(session=self.session))
        self.reason_label.setText(self.tr("Reason"))
        offer_reasons(self.combo, [self.tr("Back-entry: paper sign-in sheet"),
                                   self.tr("Correction: the trainee showed proof of attendance"),
                                   self.tr("Correction: marked by mistake")],
                      self.tr("Choose or type the reason (required)"))
        self.ok_button.setText(self.tr("Use this reason"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class BackEntryReason(AttendancePart):
    """The reason kept per locked session, the line that shows it and the button that changes it."""

    changed = Signal(int)  # session id

    def __init__(self, tools: AttendanceTools, page: QWidget) -> None:
        super().__init__(tools, page)
        self._reasons: dict[int, str] = {}
        self._session: SessionInfo | None = None
        self.dialogs: DialogSlot[BackEntryReasonDialog] = DialogSlot()
        self.label = _ReasonLine()
        self.change_button = QPushButton()
        self.change_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.change_button.setObjectName("backEntryReasonButton")
        self.change_button.clicked.connect(lambda: self.ask(None))
        # In the row of the screen's buttons, so showing it never moves the grid.
        self.bar = QWidget()
        self.bar.setObjectName("backEntryReasonBar")
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.change_button)
        self.bar.setVisible(False)

    @property
    def dialog(self) -> BackEntryReasonDialog | None:
        """The reason dialog open now, if any."""
        return self.dialogs.dialog

    def reason_for(self, session_id: int) -> str | None:
        return self._reasons.get(session_id)

    def update_actions(self, grid: SessionGrid | None) -> None:
        shown = (grid is not None and grid.locked and not grid.read_only
                 and permitted(self.office.actor, Permission.MARK_ATTENDANCE))
        self._session = grid.session if shown else None
        self.bar.setVisible(shown)
        self._show_words()

    def ask(self, then: Callable[[], None] | None) -> None:
        """Ask for the session's reason (the current one offered to change); `then` once it is given."""
        session = self._session
        if session is None:
            return
        dialog = BackEntryReasonDialog(session_text(session), self._reasons.get(session.id), self.page)
        dialog.accepted.connect(lambda: self._given(session.id, dialog.reason(), then))
        self.dialogs.open(dialog)

    def _given(self, session_id: int, reason: str, then: Callable[[], None] | None) -> None:
        self._reasons[session_id] = reason
        self._show_words()
        self.changed.emit(session_id)
        if then is not None:
            then()

    def _show_words(self) -> None:
        reason = self._reasons.get(self._session.id) if self._session is not None else None
        tip = self.tr("This session is locked: the first change asks for the reason, then every change to "
                      "this session uses it until you change it.")
        if reason:
            text = self.tr("Reason: {reason}").format(reason=reason)
            self.change_button.setText(self.tr("Change reason…"))
        else:
            text = self.tr("Reason: not given yet")
            self.change_button.setText(self.tr("Set reason…"))
        self.label.set_full_text(text, f"{text}\n{tip}")

    def retranslate(self) -> None:
        self._show_words()
