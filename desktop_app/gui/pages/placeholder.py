"""A page whose working screen comes in a later version: it says what will be there, and why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

CONTEXT = "PlaceholderPage"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# Each entry: (page title, one sentence on what the page is for, what it will offer). Only pages
# whose working screen does not exist yet belong here; `MainWindow._make_page` falls back to
# this page for them. The strings are only marked here (for lupdate) and translated when shown,
# so a language switch takes effect at once.
PAGE_TEXTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "reports": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Reports"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Quarterly and annual figures of training, completion and subsidies for the authorities."),
        (
            QT_TRANSLATE_NOOP("PlaceholderPage", "Classes, trainees and completions by occupation and key group"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Subsidies claimed and paid"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Export to Excel"),
        ),
    ),
}


class PlaceholderPage(QWidget):
    """Heading, purpose, and a short list of what the finished page will offer."""

    def __init__(self, page_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self.setObjectName(f"page_{page_id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.upcoming_title = QLabel()
        self.upcoming = QLabel()
        self.upcoming.setWordWrap(True)
        self.upcoming.setTextFormat(Qt.TextFormat.RichText)
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        frame = QFrame()
        frame.setObjectName("placeholderFrame")
        frame_layout = QVBoxLayout(frame)
        frame_layout.addWidget(self.upcoming_title)
        frame_layout.addWidget(self.upcoming)
        for widget in (self.heading, self.purpose, self.count, frame):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._count_text: Callable[[], str] | None = None
        self.retranslate()

    def title(self) -> str:
        return _t(PAGE_TEXTS[self.page_id][0])

    def retranslate(self) -> None:
        title, purpose, items = PAGE_TEXTS[self.page_id]
        self.heading.setText(_t(title))
        self.purpose.setText(_t(purpose))
        self.upcoming_title.setText(QCoreApplication.translate("PlaceholderPage", "This page is being built. It will let you:"))
        self.upcoming.setText("<ul>" + "".join(f"<li>{_t(item)}</li>" for item in items) + "</ul>")
        self.count.setText(self._count_text() if self._count_text else "")

    def show_count(self, text: Callable[[], str]) -> None:
        """A live figure from the database (e.g. how many classes exist), re-read on retranslate."""
        self._count_text = text
        self.count.setText(text())
