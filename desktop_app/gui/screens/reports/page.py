"""The 报表 screen, whose working page comes in a later version: it says what will be there, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.page import ScreenPage

if TYPE_CHECKING:
    from desktop_app.services.office import Office


class ReportsPage(ScreenPage):
    """Heading (the screen base's), purpose, and a short list of what the finished page will offer."""

    page_id = "reports"

    def __init__(self, office: "Office", operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_reports")
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
        layout = self.page_layout(margins=(32, 28, 32, 28), spacing=14)
        layout.addWidget(self.purpose)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Reports")

    def retranslate(self) -> None:
        super().retranslate()
        self.purpose.setText(self.tr(
            "Quarterly and annual figures of training, completion and subsidies for the authorities."))
        self.upcoming_title.setText(self.tr("This page is being built. It will let you:"))
        items = (self.tr("Classes, trainees and completions by occupation and key group"),
                 self.tr("Subsidies claimed and paid"), self.tr("Export to Excel"))
        self.upcoming.setText("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
