"""What every part of the attendance screen works with: the facade, the operations helper, the
screen's notice banner and status line, and the clock — and the small base each part builds on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.operations import Operations

if TYPE_CHECKING:  # the facade is only a type here; the page receives it from the window
    from desktop_app.services.office import Office


class StatusLine(QLabel):
    """The line under the tabs saying what just happened ("已保存：3. 张三：出勤"). It keeps the
    words as a function, so a language change says the same thing in the other language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setWordWrap(True)
        self._words: Callable[[], str] | None = None

    def say(self, words: Callable[[], str] | None) -> None:
        self._words = words
        self.setText(words() if words else "")

    def retranslate(self) -> None:
        self.setText(self._words() if self._words else "")


@dataclass(frozen=True)
class AttendanceTools:
    """Handed to every part by the page."""

    office: Office
    operations: Operations
    notice: NoticeBanner  # errors and notes that stay until read
    status: StatusLine  # what just happened
    now: Callable[[], datetime]  # China time; tests pin it


class AttendancePart(QObject):
    """One job of the screen (choosing, the sheet, marking, the card reader …). Its facade calls
    run through the operations helper with the part as owner, so "only the latest answer counts"
    is per part and purpose, and a failure nobody handles is shown in the screen's banner."""

    def __init__(self, tools: AttendanceTools, page: QWidget) -> None:
        super().__init__(page)
        self.tools = tools
        self.office = tools.office
        self.notice = tools.notice
        self.status = tools.status
        self.now = tools.now

    @property
    def page(self) -> QWidget:
        """The screen: the parent of the dialogs a part opens."""
        return self.parent()

    def run(self, fn: Callable[[], Any], *, success: Callable[[Any], None] | None = None,
            failure: Callable[[BaseException], None] | None = None, latest: str | None = None) -> None:
        self.tools.operations.run(self, fn, success=success, failure=failure, latest=latest)

    def show_failure(self, error: BaseException) -> None:
        """How the operations helper shows a failure this part did not handle itself."""
        self.notice.show_failure(error)
