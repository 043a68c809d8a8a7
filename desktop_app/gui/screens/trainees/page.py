"""The 学员 screen: find a trainee by name, identity number or its last four characters, and read
the selected trainee's record below the results."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.trainees.detail import TraineeDetailPanel
from desktop_app.gui.screens.trainees.models import TraineeTableModel
from desktop_app.gui.theme import Tone, set_tone
from desktop_app.gui.widgets.page import ScreenPage, list_over_detail
from desktop_app.gui.widgets.row_table import row_table, selected_row
from desktop_app.services.changes import Area
from desktop_app.services.office import Office
from desktop_app.services.trainees import TraineeRow

SEARCH_LIMIT = 200


class TraineesPage(ScreenPage):
    """Search, results and the selected trainee's record. Enrolments, corrections and class
    changes made elsewhere run the last search again (the history shows classes)."""

    page_id = "trainees"
    shows = (Area.TRAINEES, Area.ROSTER, Area.CLASSES)
    results_loaded = Signal()

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_trainees")
        self.last_query = ""
        self.loading = False

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("traineeSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton()
        self.search_button.setObjectName("searchButton")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.search_button)
        search_row.addSpacing(12)
        search_row.addWidget(self.result_label, 1)

        self.model = TraineeTableModel(parent=self)
        self.table = row_table(self.model, "traineeTable", fit_columns=True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = TraineeDetailPanel(office, operations)
        self.detail.edited.connect(lambda _detail: self.reload())  # the list shows the new name and phone
        self.splitter = list_over_detail(self.table, self.detail, list_first=True)

        layout = self.page_layout()
        layout.addLayout(search_row)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self.search()

    def title(self) -> str:
        return self.tr("Trainees")

    def reload(self) -> None:
        """What the screen shows changed elsewhere: run the last search again."""
        self.search(self.last_query)

    def search(self, query: str | None = None) -> None:
        text = (query if isinstance(query, str) else self.search_edit.text()).strip()
        self.last_query = text
        self.loading = True
        # Typing faster than the database answers: only the last search is shown.
        self.run(lambda: self.office.trainees.search(text, limit=SEARCH_LIMIT),
                 success=lambda rows: self._arrived(text, rows), failure=self._failed, latest="search")

    def _arrived(self, text: str, rows: list[TraineeRow]) -> None:
        self.loading = False
        keep = self.detail.trainee_id
        self.model.set_rows(rows)
        self._render_result(text, len(rows))
        number = self.model.row_of(keep) if keep is not None else -1
        if number < 0 and len(rows) == 1:
            number = 0
        if number >= 0:
            self.table.selectRow(number)
        else:
            self.detail.show_trainee(None)
        self.results_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        set_tone(self.result_label, Tone.ERROR)
        self.result_label.setText(failure_text(error))

    def _render_result(self, text: str, found: int) -> None:
        set_tone(self.result_label, Tone.PLAIN)
        if not text:
            message = self.tr("Showing the first %n trainees by name.", "", found) if found >= SEARCH_LIMIT else \
                self.tr("%n trainees on record.", "", found)
        elif found == 0:
            message = self.tr("Nobody found for “{query}”. Check the spelling, or try the last 4 characters of the "
                              "ID number.").format(query=text)
        elif found >= SEARCH_LIMIT:
            message = self.tr("Showing the first %n matches; type more to narrow the search.", "", found)
        else:
            message = self.tr("%n found.", "", found)
        self.result_label.setText(message)

    def apply_permissions(self) -> None:
        self.detail.apply_permissions()

    def selected_trainee(self) -> TraineeRow | None:
        return selected_row(self.table)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_trainee()
        self.detail.show_trainee(row.id if row else None)

    def retranslate(self) -> None:
        super().retranslate()
        self.search_edit.setPlaceholderText(self.tr("Name, ID number, or the last 4 characters of the ID number"))
        self.search_button.setText(self.tr("Search"))
        self.model.retranslate()
        self.detail.retranslate()
        if not self.loading and self.result_label.text():
            self._render_result(self.last_query, self.model.rowCount())
