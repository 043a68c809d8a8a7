"""A page whose working screen comes in a later version: it says what will be there, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.page import ScreenPage

if TYPE_CHECKING:
    from desktop_app.services.office import Office

CONTEXT = "PlaceholderPage"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# Each entry: (page title, one sentence on what the page is for, what it will offer). Only pages
# whose working screen does not exist yet belong here; `gui/screen_list.py` builds this page for
# them. The strings are only marked here (for lupdate) and translated when shown,
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


class PlaceholderPage(ScreenPage):
    """Heading (the screen base's), purpose, and a short list of what the finished page will offer."""

    def __init__(self, office: "Office", operations: Operations, *, page_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.page_id = page_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.upcoming_title = QLabel()
        self.upcoming = QLabel()
        self.upcoming.setWordWrap(True)
        self.upcoming.setTextFormat(Qt.TextFormat.RichText)
        frame = QFrame()
        frame.setObjectName("placeholderFrame")
        frame_layout = QVBoxLayout(frame)
        frame_layout.addWidget(self.upcoming_title)
        frame_layout.addWidget(self.upcoming)
        layout.addLayout(self.header)
        for widget in (self.purpose, frame):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return _t(PAGE_TEXTS[self.page_id][0])

    def retranslate(self) -> None:
        super().retranslate()
        _title, purpose, items = PAGE_TEXTS[self.page_id]
        self.purpose.setText(_t(purpose))
        self.upcoming_title.setText(QCoreApplication.translate("PlaceholderPage", "This page is being built. It will let you:"))
        self.upcoming.setText("<ul>" + "".join(f"<li>{_t(item)}</li>" for item in items) + "</ul>")
