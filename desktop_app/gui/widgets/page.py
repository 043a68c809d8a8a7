"""The base of every screen: a header with title and count, one retranslate hook, permissions
that follow the signed-in person, and reloading when an operation changed what the screen shows.

A screen subclasses `ScreenPage`, says which areas of the records it shows (`shows`), builds its
widgets under `self.header`, and implements `title()`, `retranslate()` (calling super) and
`reload()`. The window tells it about every finished operation; the base reloads at once when the
screen is visible and the change touches what it shows, else at the next showing — so a screen
never reloads for a change it does not show and never shows stale records (Vorta's BaseTab and
Anki's `on_operation_did_execute` play the same part). What the screen changed itself (the
operation's owner is the screen, one of its parts or a dialog it opened) it already shows from the
operation's answer: that change reloads nothing, or the selection and what is typed would be lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from desktop_app.domain.actors import Actor
from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.services.changes import Area, Changes

if TYPE_CHECKING:  # the facade is only a type here; screens receive it from the window
    from desktop_app.services.office import Office


class PageHeader(QHBoxLayout):
    """The title of a screen on the left, a live count beside it, room for buttons on the right."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        # Not `count`: QLayout.count() is a C++ virtual, and an attribute of that name makes Qt
        # call a QLabel when it counts the layout's items (a crash as soon as the header is laid out).
        self.count_label = QLabel()
        self.count_label.setObjectName("pageCount")
        self.addWidget(self.heading)
        self.addSpacing(12)
        self.addWidget(self.count_label)
        self.addStretch(1)


def list_over_detail(upper: QWidget, lower: QWidget) -> QSplitter:
    """A screen's list above the record of what is selected in it, the record taking three fifths."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(upper)
    splitter.addWidget(lower)
    splitter.setStretchFactor(0, 2)
    splitter.setStretchFactor(1, 3)
    splitter.setChildrenCollapsible(False)
    return splitter


class ScreenPage(FollowsLanguage, QWidget):
    """A screen of the main window (see the module docstring)."""

    # The areas whose changes this screen shows; a change touching none of them is ignored.
    shows: tuple[Area, ...] = ()

    def __init__(self, office: "Office", operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.header = PageHeader()
        self.notice = NoticeBanner()
        self._count_text: Callable[[], str] | None = None
        self._stale = False

    # --- what every screen implements ----------------------------------------------------------

    def title(self) -> str:
        """The screen's name in the navigation and its heading, in the current language."""
        raise NotImplementedError  # abstract: Qt's metaclass rules out abc.ABC on a QWidget

    def reload(self) -> None:
        """Read what the screen shows again (through `self.run`)."""

    def retranslate(self) -> None:
        """Set every visible string; called once when built and on every language change.
        Subclasses extend it and call super()."""
        self.header.heading.setText(self.title())
        self.header.count_label.setText(self._count_text() if self._count_text else "")

    def apply_permissions(self) -> None:
        """The signed-in person changed: offer what the new role may do (`self.actor`)."""

    # --- provided ------------------------------------------------------------------------------

    def page_layout(self, *, margins: tuple[int, int, int, int] = (20, 14, 20, 10), spacing: int = 8) -> QVBoxLayout:
        """The screen's column with the header on top; the screen adds its rows below it."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*margins)
        layout.setSpacing(spacing)
        layout.addLayout(self.header)
        return layout

    @property
    def actor(self) -> Actor:
        return self.office.actor

    def run(self, fn: Callable[[], Any], *, success: Callable[[Any], None] | None = None,
            failure: Callable[[BaseException], None] | None = None, latest: str | None = None) -> None:
        """Run `fn` off the UI thread on behalf of this screen (see gui.operations)."""
        self.operations.run(self, fn, success=success, failure=failure, latest=latest)

    def show_failure(self, error: BaseException) -> None:
        """How a failed operation is shown when its caller gave no `failure`: in the banner."""
        self.notice.show_failure(error)

    def show_count(self, text: Callable[[], str]) -> None:
        """A live figure beside the title (how many classes exist), re-read on retranslate."""
        self._count_text = text
        self.header.count_label.setText(text())

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        """The window calls this after every operation that changed something (`origin`: its owner)."""
        if changes.touches(*self.shows) and not self.made_here(origin):
            self.mark_stale()

    def made_here(self, origin: object) -> bool:
        """The operation's owner is this screen or lies within it (a part, a tab, a dialog it opened)."""
        while isinstance(origin, QObject) and shiboken6.isValid(origin):
            if origin is self:
                return True
            origin = origin.parent()
        return False

    def mark_stale(self) -> None:
        """What the screen shows changed: reload now when it is visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._stale = False
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
