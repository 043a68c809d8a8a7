"""A page whose working screen comes in a later version: it says what will be there, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.page import ScreenPage

if TYPE_CHECKING:
    from desktop_app.services.desk import Desk

CONTEXT = "PlaceholderPage"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# Each entry: (page title, one sentence on what the page is for, what it will offer). The
# strings are only marked here (for lupdate) and translated when shown, so a language switch
# takes effect at once.
PAGE_TEXTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "classes": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Classes"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Open subsidised classes, plan their sessions and follow each class from filing to completion."),
        [
            QT_TRANSLATE_NOOP("PlaceholderPage", "Create a class: occupation, level, training type, dates, hours, capacity, teachers"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Generate the schedule and check minimum hours for the level"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Import the roster from Excel and see at once who cannot be subsidised, and why"),
        ],
    ),
    "trainees": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Trainees"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Every trainee is recorded once under a verified real identity, whatever the number of classes."),
        [
            QT_TRANSLATE_NOOP("PlaceholderPage", "Search by name or identity number; personal data stays masked"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Reveal a number only when needed; every reveal is written to the audit log"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Training history and subsidies received, across classes"),
        ],
    ),
    "attendance": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Attendance"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Take attendance in the classroom, with or without a network, by keyboard or ID-card reader."),
        [
            QT_TRANSLATE_NOOP("PlaceholderPage", "A grid per session: present, late, early leave, leave, absent"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Swipe an ID card to sign in and out"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Every change kept with who, when and why; hours and completion eligibility live"),
        ],
    ),
    "certificates": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Certificates"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Enter assessment results and print training certificates that anyone can verify offline."),
        [
            QT_TRANSLATE_NOOP("PlaceholderPage", "Gapless certificate numbers per year; void and reissue with a reason"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Print on pre-printed stock; reprints are identical to the first print"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "A signed QR code on every certificate"),
        ],
    ),
    "sync": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Upload"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Completed classes go to the provincial platform as signed batches, with receipts coming back."),
        [
            QT_TRANSLATE_NOOP("PlaceholderPage", "Batches waiting, sent and accepted, with the platform's receipt"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Records the platform refused, with the trainee and field to correct"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Export a batch to a USB stick when this PC has no network"),
        ],
    ),
    "reports": (
        QT_TRANSLATE_NOOP("PlaceholderPage", "Reports"),
        QT_TRANSLATE_NOOP("PlaceholderPage", "Quarterly and annual figures of training, completion and subsidies for the authorities."),
        [
            QT_TRANSLATE_NOOP("PlaceholderPage", "Classes, trainees and completions by occupation and key group"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Subsidies claimed and paid"),
            QT_TRANSLATE_NOOP("PlaceholderPage", "Export to Excel"),
        ],
    ),
}


class PlaceholderPage(ScreenPage):
    """Heading (the screen base's), purpose, and a short list of what the finished page will offer."""

    def __init__(self, office: "Desk", operations: Operations, *, page_id: str,
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
