"""The report dialog: what a finished run did (an import of punches or results, an issue run), shown
once it is done — a summary sentence and, for each kind of line it has to list (rows not used,
notes, who could not receive a certificate), a titled list shown only when it has lines. A
screen's report subclasses it and sets the words in `retranslate`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.gui.widgets.follows_language import FollowsLanguage


class ReportDialog(FollowsLanguage, QDialog):
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
        self._lists: list[QListWidget] = []
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
        self._lists.append(widget)
        return title, widget

    def finish(self, width: int, height: int, height_without_lines: int) -> None:
        """The Close button under the lists, the size (lower when nothing is listed), and the words."""
        self._layout.addWidget(self.buttons)
        listed = any(widget.count() for widget in self._lists)
        self.resize(width, height if listed else height_without_lines)
        self.retranslate()

    def messages(self) -> list[str]:
        """Every listed line, list after list."""
        return [widget.item(number).text() for widget in self._lists for number in range(widget.count())]

    def retranslate(self) -> None:
        """Subclasses set their title, summary and list titles, then call this."""
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
