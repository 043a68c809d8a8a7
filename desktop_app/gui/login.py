"""Signing in, and the idle lock that covers the window until the same user's password is typed.

Checking a password costs about a tenth of a second of scrypt, and on a shared PostgreSQL server
network round trips besides: it runs through the operations helper, off the UI thread, while the
dialog says it is checking and offers nothing to press twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.first_run import FirstRunWizard
from desktop_app.gui.operations import Operations
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.gui.widgets.form_texts import FormMessage
from desktop_app.preferences import IDLE_LOCK_DEFAULT_MINUTES
from desktop_app.services.office import Office

# What counts as someone at the keyboard: input, not timers or repaints.
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
})


class PasswordCheck:
    """What the login dialog and the lock share (a mixin placed before the Qt class): the password
    is checked off the UI thread while the form says so and offers nothing to press twice; a
    refusal is said under the form and the password is asked again. The class using it sets
    `operations`, `password_edit` and `error_label`, and says which widgets wait (`inputs`)."""

    operations: Operations
    password_edit: QLineEdit
    error_label: FormMessage
    checking = False

    def inputs(self) -> tuple[QWidget, ...]:
        raise NotImplementedError

    def check(self, fn: Callable[[], Any], accepted: Callable[[], None], purpose: str) -> None:
        """Run `fn` (sign in, unlock); `accepted()` once the password was right."""
        if self.checking:
            return
        self._set_checking(True)
        self.operations.run(self, fn, success=lambda _actor: self._accepted(accepted), failure=self._refused,
                            latest=purpose)

    def _accepted(self, accepted: Callable[[], None]) -> None:
        self._set_checking(False)
        self.error_label.clear()
        accepted()

    def _refused(self, error: BaseException) -> None:
        self._set_checking(False)
        self.error_label.say_failure(error)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        for widget in self.inputs():
            widget.setEnabled(not checking)
        if checking:
            self.error_label.say_busy(self.tr("Checking the password…"))


class LoginDialog(PasswordCheck, QDialog):
    """Username and password; a wrong password or a lockout is said in the dialog itself."""

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None, *,
                 username: str = "") -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.setObjectName("loginDialog")
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        form = QFormLayout()
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username_edit = QLineEdit(username)
        self.username_edit.setObjectName("usernameEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        layout.addLayout(form)
        self.error_label = FormMessage("loginError")
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setObjectName("signInButton")
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.password_edit if username else self.username_edit).setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to SkillDesk"))
        self.heading.setText(self.tr("Sign in"))
        self.username_label.setText(self.tr("Username"))
        self.password_label.setText(self.tr("Password"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))

    def try_sign_in(self) -> None:
        """Check the password off the UI thread; the dialog closes when it is right."""
        office, username, password = self.office, self.username_edit.text().strip(), self.password_edit.text()
        self.check(lambda: office.accounts.sign_in(username, password), self.accept, "sign-in")

    def inputs(self) -> tuple[QWidget, ...]:
        return self.username_edit, self.password_edit, self.buttons

    def show_error(self, text: str) -> None:
        self.error_label.say_error(text)

    def reject(self) -> None:
        # Escape or the close button while the answer is on its way: wait for it (a tenth of a second).
        if not self.checking:
            super().reject()


# How many answers the attendance station on the lock screen lists under the latest one.
STATION_RECENT = 5


class LockOverlay(PasswordCheck, QWidget):
    """Covers the whole window while locked: who is signed in, their password, Unlock — and, while
    a session is open on the attendance screen, the attendance station: card swipes keep being
    recorded for that session and each answer is shown here (a reader's burst never reaches the
    password field: the card-burst filter takes it)."""

    unlocked = Signal()

    def __init__(self, office: Office, operations: Operations, parent: QWidget) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        # The session swipes go to (given by the window: the attendance screen's), or None.
        self.station: Callable[[], Any] = lambda: None
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.station_box = QWidget()
        self.station_box.setObjectName("attendanceStation")
        self.station_box.setMaximumWidth(760)
        station = QVBoxLayout(self.station_box)
        self.station_heading = QLabel()
        self.station_heading.setObjectName("stationHeading")
        self.station_heading.setWordWrap(True)
        self.station_heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_answer = QLabel()
        self.station_answer.setObjectName("scanBanner")
        self.station_answer.setWordWrap(True)
        self.station_answer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_answer.setFixedHeight(76)  # one height for every answer: nothing below moves
        set_tone(self.station_answer, Tone.PLAIN)
        self.station_recent = QLabel()
        self.station_recent.setObjectName("stationRecent")
        self.station_recent.setWordWrap(True)
        self.station_recent.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.station_recent.setFixedHeight(110)
        for widget in (self.station_heading, self.station_answer, self.station_recent):
            station.addWidget(widget)
        self.recent: list[str] = []
        self.swipes_shown = 0
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.station_box, 4)
        middle.addStretch(1)
        outer.addLayout(middle)
        self.station_box.hide()
        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.try_unlock)
        self.error_label = FormMessage("unlockError")
        row = QHBoxLayout()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        for widget in (self.heading, self.who, self.password_edit, self.error_label):
            inner.addWidget(widget)
        inner.addLayout(row)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(box)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("SkillDesk is locked"))
        actor = self.office.actor
        self.who.setText(self.tr("Locked after a period without use. Signed in as %1 (%2); enter the password to "
                                 "continue.").replace("%1", actor.display_name).replace("%2", actor.username))
        self.unlock_button.setText(self.tr("Unlock"))
        self._render_station()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.recent.clear()
        self.swipes_shown = 0
        self.station_answer.setText("")
        set_tone(self.station_answer, Tone.PLAIN)
        self.retranslate()
        self.error_label.clear()
        self.password_edit.clear()
        self.show()
        self.raise_()
        self.password_edit.setFocus()

    def _render_station(self) -> None:
        session = self.station()
        self.station_box.setVisible(session is not None)
        if session is None:
            return
        start, end = session.starts_at, session.ends_at
        self.station_heading.setText(self.tr(
            "Attendance station: swipe your ID card for {code} {name}, session {date} {start}–{end}. Everything "
            "else stays locked until the password is entered.").format(
                code=session.class_code, name=session.class_name, date=f"{start:%m-%d}", start=f"{start:%H:%M}",
                end=f"{end:%H:%M}"))
        self.station_recent.setText("\n".join(self.recent[1:]))

    def show_swipe(self, text: str, tone: str) -> None:
        """One swipe's answer, big, with the last few under it."""
        self.swipes_shown += 1
        set_tone(self.station_answer, Tone(tone))
        long = len(text) > 40
        if (self.station_answer.property("long") == "true") != long:
            self.station_answer.setProperty("long", "true" if long else "false")
            self.station_answer.style().unpolish(self.station_answer)
            self.station_answer.style().polish(self.station_answer)
        self.station_answer.setText(text)
        if self.station() is not None:
            self.station_box.show()
        self.recent = [text, *self.recent][:STATION_RECENT]
        self.station_recent.setText("\n".join(self.recent[1:]))
        self.password_edit.setFocus()

    def try_unlock(self) -> None:
        """Check the same user's password off the UI thread; the overlay goes when it is right."""
        office, password = self.office, self.password_edit.text()
        self.check(lambda: office.accounts.unlock(password), self._unlocked, "unlock")

    def inputs(self) -> tuple[QWidget, ...]:
        return self.password_edit, self.unlock_button

    def _unlocked(self) -> None:
        self.hide()
        self.unlocked.emit()


class IdleLock(QObject):
    """Locks `window` after `minutes` without keyboard or mouse input anywhere in the application.

    An event filter on the QApplication restarts a single-shot timer on every input event; while
    locked it swallows input meant for anything but the lock overlay, so shortcuts and other
    open dialogs cannot be used behind it."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, office: Office, operations: Operations, *,
                 minutes: float = IDLE_LOCK_DEFAULT_MINUTES, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = LockOverlay(office, operations, window)
        self.overlay.unlocked.connect(self._unlocked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_interval(interval_ms if interval_ms is not None else int(minutes * 60_000))
        QApplication.instance().installEventFilter(self)
        window.installEventFilter(self)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self.overlay.isVisible()

    def set_minutes(self, minutes: float) -> None:
        self.set_interval(int(minutes * 60_000))

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(max(1, interval_ms))
        if not self.locked:
            self.timer.start()

    def lock(self) -> None:
        if self.locked or not self.overlay.office.actor.signed_in:
            return  # nobody signed in (the login dialog is up after "switch user"): nothing to unlock into
        self.timer.stop()
        self.overlay.cover()
        self.locked_changed.emit(True)

    def _unlocked(self) -> None:
        self.timer.start()
        self.locked_changed.emit(False)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Resize and self.locked:
            self.overlay.setGeometry(self.window.rect())
        if kind not in _INPUT_EVENTS:
            return False
        if not self.locked:
            self.timer.start()
            return False
        if isinstance(watched, QWidget) and not (watched is self.overlay or self.overlay.isAncestorOf(watched)):
            return True  # behind the lock: swallowed
        return False


def sign_in_at_start(office: Office, operations: Operations, parent: QWidget | None = None) -> bool:
    """The first-run wizard on a database without an administrator, otherwise the login dialog.
    False when the person gave up (the application then quits).

    Runs before any window is shown: each dialog's `exec()` turns a local event loop, so the
    checks still run on the pool and their answers still arrive."""
    if wait_for(operations, office.accounts.first_run_needed):
        return FirstRunWizard(office, operations, parent).exec() == QDialog.DialogCode.Accepted
    return LoginDialog(office, operations, parent).exec() == QDialog.DialogCode.Accepted


def wait_for(operations: Operations, fn: Callable[[], Any]) -> Any:
    """`fn()` run off the UI thread while a local event loop keeps the application responsive;
    its value, or its exception raised here. For start-up, before there is a window to wait in."""
    loop = QEventLoop()
    answer: dict[str, Any] = {}

    def done(key: str):
        def store(value: Any) -> None:
            answer[key] = value
            loop.quit()
        return store

    operations.run(None, fn, success=done("value"), failure=done("error"))
    if not answer:  # (an answer cannot arrive before the loop runs: callbacks need the event loop)
        loop.exec()
    if "error" in answer:
        raise answer["error"]
    return answer["value"]
