"""The 花名册 tab of a class: who is enrolled, masked, and who is not subsidised (orange, with why)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop_app.gui import value_labels as labels
from desktop_app.gui.screens.classes.models import RosterTableModel
from desktop_app.gui.widgets.row_table import row_table
from desktop_app.services.trainees import RosterEntry


class RosterTab(QWidget):
    """The roster of the class shown in the detail, with a one-line summary above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RosterTableModel(parent=self)
        self.table = row_table(self.model, "rosterTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_roster(self, entries: Sequence[RosterEntry]) -> None:
        self.model.set_rows(entries)
        self.render_summary()

    def render_summary(self) -> None:
        entries = self.model.rows()
        not_subsidised = sum(1 for entry in entries if not labels.subsidised(entry.subsidy_status))
        if not entries:
            text = self.tr("Nobody is enrolled yet. Use “Import roster” above to enrol trainees from Excel.")
        elif not_subsidised:
            text = self.tr("{count} trainees; {without} without subsidy (orange rows; point at a row to see why)").format(
                count=len(entries), without=not_subsidised)
        else:
            text = self.tr("{count} trainees, all subsidised").format(count=len(entries))
        self.summary.setText(text)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.render_summary()
