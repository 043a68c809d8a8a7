"""The base of every screen: a header with title and count, one retranslate hook, permissions
that follow the signed-in person, and reloading when an operation changed what the screen shows.

A screen subclasses `ScreenPage`, says which areas of the records it shows (`shows`), builds its
widgets under `self.header`, and implements `title()`, `retranslate()` (calling super) and
`reload()`. The window tells it about every finished operation; the base reloads at once when the
screen is visible and the change touches what it shows, else at the next showing — so a screen
never reloads for a change it does not show and never shows stale records (Vorta's BaseTab and
Anki's `on_operation_did_execute` play the same part). What the screen changed itself (the
operation's owner is the screen, one of its parts or a dialog it opened) it already shows from the
operation's answer: that change reloads nothing, or the selection and what is typed would be lost.

Every screen also gets, from the base: a 刷新 button (and F5, wired by the window) that calls
`refresh()`, and an 导出表格 button that writes the table shown — its rows in the order shown —
to Excel through `office.tables` (`export_shown`; a screen with several tables exports the one
with the focus, else the largest visible one). Changes made elsewhere (the CLI, another PC)
reach a screen through `mark_stale()`, which the window's change watch calls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import permitted
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.gui.widgets.follows_language import FollowsLanguage
from desktop_app.gui.widgets.row_table import shown_lines
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
        # What every screen offers (ScreenPage wires them); a screen's own buttons follow.
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshButton")
        self.export_table_button = QPushButton()
        self.export_table_button.setObjectName("exportTableButton")
        self.addWidget(self.refresh_button)
        self.addWidget(self.export_table_button)


def list_over_detail(upper: QWidget, lower: QWidget, *, list_first: bool = False) -> QSplitter:
    """A screen's list above the record of what is selected in it, the record taking three fifths.

    With `list_first` (a long list of people, a short record) the list takes three fifths and the
    record scrolls inside its part instead of pushing the list down to a few rows: its own
    minimum height no longer decides how much of the list is seen."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(upper)
    if list_first:
        scroller = QScrollArea()
        scroller.setObjectName("detailScroller")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(lower)
        scroller.setMinimumHeight(160)
        splitter.addWidget(scroller)
    else:
        splitter.addWidget(lower)
    splitter.setStretchFactor(0, 3 if list_first else 2)
    splitter.setStretchFactor(1, 2 if list_first else 3)
    splitter.setChildrenCollapsible(False)
    if list_first:  # the first layout shares by these proportions, not by the record's size hint
        splitter.setSizes([600, 400])
    return splitter


class ScreenPage(FollowsLanguage, QWidget):
    """A screen of the main window (see the module docstring)."""

    # The areas whose changes this screen shows; a change touching none of them is ignored.
    shows: tuple[Area, ...] = ()

    # Whether 导出表格… is offered: a screen of records is; one of settings has no table to take away.
    exports_tables = True

    def __init__(self, office: "Office", operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.header = PageHeader()
        self.notice = NoticeBanner()
        self._count_text: Callable[[], str] | None = None
        self._stale = False
        self.table_files = FileChooser()
        self.exporting_table = False
        self.header.refresh_button.clicked.connect(lambda: self.refresh())
        self.header.export_table_button.clicked.connect(lambda: self.export_shown())
        self.header.export_table_button.setVisible(self.exports_tables)

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
        translate = QCoreApplication.translate
        self.header.refresh_button.setText(translate("ScreenPage", "Refresh"))
        self.header.refresh_button.setToolTip(translate("ScreenPage", "Read this screen again from the database (F5)"))
        self.header.export_table_button.setText(translate("ScreenPage", "Export table…"))
        self.header.export_table_button.setToolTip(translate("ScreenPage", "Save the table as shown (these rows, in "
                                                                         "this order) as an Excel workbook"))

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

    def refresh(self) -> None:
        """刷新 / F5: read what the screen shows again now."""
        self._stale = False
        self.reload()

    def shown_table(self) -> QTableView | None:
        """The table the export writes: the one with the focus, else the largest one shown."""
        tables = [view for view in self.findChildren(QTableView)
                  if view.isVisible() and view.window() is self.window() and view.model() is not None]
        if not tables:
            return None
        focus = QApplication.focusWidget()
        for view in tables:
            if focus is not None and (focus is view or view.isAncestorOf(focus)):
                return view
        return max(tables, key=lambda view: view.width() * view.height())

    def export_shown(self, path=None) -> None:
        """导出表格: the table shown, as shown, into an .xlsx the person chooses (or `path`)."""
        translate = QCoreApplication.translate
        if self.exporting_table:
            return
        if not permitted(self.actor, Permission.EXPORT_PERSONAL_DATA):
            self.notice.show_note(translate("ScreenPage", "Your account may not export tables: they hold personal "
                                                          "data."), "error")
            return
        view = self.shown_table()
        if view is None:
            self.notice.show_note(translate("ScreenPage", "This screen shows no table to export."), "info")
            return
        title = self.title()
        if path is None:
            path = self.table_files.save_file(self, translate("ScreenPage", "Export the table"),
                                              f"{title}-{date.today():%Y%m%d}.xlsx",
                                              (translate("ScreenPage", "Excel workbook (*.xlsx)"), ".xlsx"))
            if path is None:
                return
        headers, lines = shown_lines(view)
        screen = getattr(self, "page_id", "") or self.objectName()
        office = self.office
        self.exporting_table = True
        self.header.export_table_button.setEnabled(False)
        self.run(lambda: office.tables.export_shown(path, title=title, headers=headers, lines=lines, screen=screen),
                 success=self._table_exported, failure=self._table_export_failed)

    def _table_exported(self, result) -> None:
        self._table_export_done()
        translate = QCoreApplication.translate
        text = translate("ScreenPage", "Saved {count} rows to {path}. The export is recorded in the audit log.")
        self.notice.show_note(text.format(count=result.rows, path=result.path), "success")

    def _table_export_failed(self, error: BaseException) -> None:
        self._table_export_done()
        translate = QCoreApplication.translate
        text = translate("ScreenPage", "The table was not exported. {reason}")
        self.notice.show_note(text.format(reason=failure_text(error)), "error")

    def _table_export_done(self) -> None:
        self.exporting_table = False
        self.header.export_table_button.setEnabled(True)

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
