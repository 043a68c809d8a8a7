"""The dialog that says what a finished run did (an import, an issue run): a summary sentence and,
for each kind of line it has to list (rows not used, notes), a titled list shown only when it has
lines. A screen's report subclasses it and sets the words in `retranslate`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class RunReportDialog(QDialog):
    """Build it with `add_list` for each kind of line, then `finish`."""

    def __init__(self, object_name: str, summary_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.summary = QLabel()
        self.summary.setObjectName(summary_name)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.summary)

    def add_list(self, object_name: str, lines: Sequence[str]) -> tuple[QLabel, QListWidget]:
        """A title and the list of `lines` under it; both hidden when there are none."""
        title = QLabel()
        widget = QListWidget()
        widget.setObjectName(object_name)
        widget.setWordWrap(True)
        widget.setAlternatingRowColors(True)
        for line in lines:
            widget.addItem(QListWidgetItem(line))
        title.setVisible(bool(lines))
        widget.setVisible(bool(lines))
        self._layout.addWidget(title)
        self._layout.addWidget(widget, 1)
        return title, widget

    def finish(self, width: int, height: int) -> None:
        """The Close button under the lists, the size, and the words."""
        self._layout.addWidget(self.buttons)
        self.resize(width, height)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Subclasses set their title, summary and list titles, then call this."""
        close = QCoreApplication.translate("RunReportDialog", "Close")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(close)
