"""How the screens tell people what happened: failure sentences, message boxes and a notice banner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from desktop_app import messages
from desktop_app.gui.theme import Tone, set_tone

SUCCESS_NOTE_MS = 20_000


def failure_text(error: BaseException) -> str:
    """The sentence a person sees for a failed task: the rule's own words, or a calm generic one.

    Anything that is not a UserFacingError is a bug or an environment problem; the task runner
    has logged its traceback, so the person only needs to know that nothing was done and what
    to try.
    """
    if isinstance(error, messages.UserFacingError):
        return error.message()
    return QCoreApplication.translate(
        "Feedback",
        "The action could not be completed because of an unexpected error. Please try again; "
        "if it keeps happening, tell your administrator the time it happened.",
    )


def show_error(parent: QWidget, text: str, *, title: str | None = None) -> QMessageBox:
    """A warning box that does not block the event loop (window-modal, `open()` not `exec()`)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or "SkillDesk", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class NoticeBanner(QWidget):
    """A one-line note above a page's content ("template saved to …"), closable, never modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = "info"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_note(self, text: str, kind: str = "info") -> None:
        """Show `text`; good news fades after a while, warnings and errors stay until closed.
        `kind`: "info", "success", "warning" or "error" (a `Tone`)."""
        self.kind = kind
        if kind in ("info", "success"):
            self._timer.start(SUCCESS_NOTE_MS)
        else:
            self._timer.stop()
        set_tone(self, Tone(kind))  # the look of each kind is in the application stylesheet
        self.label.setText(text)
        self.show()

    def show_failure(self, error: BaseException) -> None:
        """A failed operation, in the rule's own words (or the calm generic sentence), until closed."""
        self.show_note(failure_text(error), "error")

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
