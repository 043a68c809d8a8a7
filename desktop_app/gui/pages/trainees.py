"""The 学员 page: find a trainee by name, identity number or its last four characters, see the
record and training history masked, and reveal a full number only for a stated, audited purpose."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from desktop_app.gui import value_labels as labels
from desktop_app.gui.dialogs import RevealPurposeDialog
from desktop_app.gui.feedback import failure_text
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.table_models import ROW_ROLE, HistoryTableModel, TraineeTableModel
from desktop_app.gui.table_views import row_table
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.office import Office
from desktop_app.services.trainees import TraineeDetail, TraineeRow

SEARCH_LIMIT = 200
REVEALABLE = ("id_number", "phone", "bank_account")

PAGE_STYLE = """
QLabel#traineeName { font-size: 14pt; font-weight: bold; color: #1f3550; }
QLabel#emptyDetail { color: #5b6470; font-size: 11pt; }
QLabel#revealedValue { color: #8a1c1c; font-weight: bold; }
QLabel#revealNote { color: #8a4b00; }
QLabel#detailError { color: #b3261e; }
QLabel#factName { color: #5b6470; }
QFrame#detailFrame { background: #fbfcfd; border: 1px solid #dde2e8; border-radius: 6px; }
"""


class TraineeDetailPanel(QWidget):
    """One trainee's record; full numbers appear here only after an audited reveal, and only
    until another trainee is selected."""

    loaded = Signal(int)  # trainee id
    revealed = Signal(str)  # field name

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("traineeDetail")
        self.office = office
        self.tasks = tasks
        self.trainee_id: int | None = None
        self.detail: TraineeDetail | None = None
        self.revealed_values: dict[str, str] = {}
        self.purpose_dialog: RevealPurposeDialog | None = None

        self.stack = QStackedWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyDetail")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)

        content = QFrame()
        content.setObjectName("detailFrame")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        self.name_label = QLabel()
        self.name_label.setObjectName("traineeName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name_label)

        # The record in two columns across the full width, the history below it: the panel is
        # wide and short, and the history table needs its width.
        self.facts_box = QGroupBox()
        grid = QGridLayout(self.facts_box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.fact_names: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        self.reveal_buttons: dict[str, QPushButton] = {}
        left = ("id_type", "id_number", "phone", "sex", "birth_date", "ethnicity", "key_groups")
        right = ("household", "education", "employment", "pension", "bank_name", "bank_account")
        for column, keys in enumerate((left, right)):
            for row, key in enumerate(keys):
                name, value = QLabel(), QLabel()
                name.setObjectName("factName")
                value.setObjectName(f"trainee_{key}")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.fact_names[key], self.fact_values[key] = name, value
                grid.addWidget(name, row, column * 4)
                grid.addWidget(value, row, column * 4 + 1)
                if key in REVEALABLE:
                    button = QPushButton()
                    button.setObjectName(f"reveal_{key}")
                    button.clicked.connect(lambda _checked=False, key=key: self.ask_reveal(key))
                    policy = button.sizePolicy()
                    policy.setRetainSizeWhenHidden(True)  # the rows keep their height once a number shows
                    button.setSizePolicy(policy)
                    self.reveal_buttons[key] = button
                    grid.addWidget(button, row, column * 4 + 2)
        # Columns: name, value, button, gap | name, value, button, rest — the gaps take the slack,
        # so each button stays beside its number.
        grid.setColumnMinimumWidth(1, 150)
        grid.setColumnMinimumWidth(5, 150)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(7, 2)
        self.reveal_note = QLabel()
        self.reveal_note.setObjectName("revealNote")
        self.reveal_note.setWordWrap(True)
        self.reveal_note.hide()
        self.error_label = QLabel()
        self.error_label.setObjectName("detailError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        grid.addWidget(self.reveal_note, len(left), 0, 1, 8)
        grid.addWidget(self.error_label, len(left) + 1, 0, 1, 8)
        layout.addWidget(self.facts_box)

        self.history_box = QGroupBox()
        history_layout = QVBoxLayout(self.history_box)
        self.history_model = HistoryTableModel(parent=self)
        self.history_table = row_table(self.history_model, fit_columns=True)
        self.history_table.setObjectName("historyTable")
        self.history_table.horizontalHeader().setStretchLastSection(False)
        self.history_table.horizontalHeader().setSectionResizeMode(HistoryTableModel.NAME,
                                                                   QHeaderView.ResizeMode.Stretch)
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        history_layout.addWidget(self.history_table, 1)
        history_layout.addWidget(self.history_note)
        layout.addWidget(self.history_box, 1)
        self.stack.addWidget(content)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.retranslate()

    def show_trainee(self, trainee_id: int | None) -> None:
        """Show one trainee (None: nobody). Any revealed number is masked again at once."""
        if trainee_id != self.trainee_id:
            self.revealed_values = {}
            self.error_label.hide()
            if self.purpose_dialog is not None:
                self.purpose_dialog.reject()
        self.trainee_id = trainee_id
        if trainee_id is None:
            self.detail = None
            self.stack.setCurrentIndex(0)
            self.retranslate()
            return
        if self.detail is None or self.detail.row.id != trainee_id:
            self.detail = None
            self.stack.setCurrentIndex(0)
            self.empty_label.setText(self.tr("Loading …"))
        self.tasks.run(lambda: self.office.trainees.get(trainee_id),
                       on_success=lambda detail: self._arrived(trainee_id, detail),
                       on_failure=lambda error: self._failed(trainee_id, error))

    def _arrived(self, trainee_id: int, detail: TraineeDetail) -> None:
        if trainee_id != self.trainee_id:
            return
        self.detail = detail
        self.history_model.set_rows(detail.history)
        self.stack.setCurrentIndex(1)
        self._render()
        self.loaded.emit(trainee_id)

    def _failed(self, trainee_id: int, error: BaseException) -> None:
        if trainee_id != self.trainee_id:
            return
        self.detail = None
        self.stack.setCurrentIndex(0)
        self.empty_label.setText(failure_text(error))

    def field_label(self, key: str) -> str:
        return {"id_number": self.tr("ID number"), "phone": self.tr("mobile number"),
                "bank_account": self.tr("bank account")}[key]

    def _render(self) -> None:
        d = self.detail
        if d is None:
            return
        row = d.row
        not_recorded = self.tr("Not recorded")
        self.name_label.setText(row.name)
        v = self.fact_values
        v["id_type"].setText(labels.id_type(d.id_type))
        v["sex"].setText(labels.sex(row.sex) or not_recorded)
        v["birth_date"].setText(labels.day(row.birth_date) or not_recorded)
        v["ethnicity"].setText(d.ethnicity or not_recorded)
        v["household"].setText(d.household_type or not_recorded)
        v["education"].setText(d.education or not_recorded)
        v["employment"].setText(d.employment_status or not_recorded)
        v["pension"].setText(labels.yes_no(d.pension_status))
        v["bank_name"].setText(d.bank_name or not_recorded)
        v["key_groups"].setText("、".join(d.key_groups) if d.key_groups else self.tr("None"))
        masked = {
            "id_number": row.id_masked,
            "phone": row.phone_masked or "",
            "bank_account": self.tr("Recorded (hidden)") if d.has_bank_account else "",
        }
        for key in REVEALABLE:
            value = self.revealed_values.get(key)
            label = v[key]
            label.setStyleSheet("color: #8a1c1c; font-weight: bold;" if value else "")
            label.setText(value or masked[key] or not_recorded)
            button = self.reveal_buttons[key]
            button.setVisible(bool(masked[key]) and value is None)
            apply_permission(button, self.office.actor, Permission.REVEAL_PERSONAL_DATA)
        if self.revealed_values:
            self.reveal_note.setText(self.tr(
                "Full numbers are shown for this trainee only; they are masked again when you select someone "
                "else. The view is recorded in the audit log."))
            self.reveal_note.show()
        else:
            self.reveal_note.hide()
        subsidised = sum(1 for record in d.history if labels.subsidised(record.subsidy_status))
        if d.history:
            self.history_note.setText(self.tr("{count} classes, {subsidised} of them subsidised. Point at an orange "
                                              "row to see why it was not subsidised.").format(
                count=len(d.history), subsidised=subsidised))
        else:
            self.history_note.setText(self.tr("Not enrolled in any class yet."))

    # --- reveal ----------------------------------------------------------------------------

    def apply_permissions(self) -> None:
        """The signed-in user changed: numbers the previous person revealed are masked again, and
        "Show full number" is offered only to a role that may reveal."""
        self.revealed_values = {}
        self.error_label.hide()
        if self.purpose_dialog is not None:
            self.purpose_dialog.reject()
        self._render()

    def ask_reveal(self, key: str) -> None:
        if self.detail is None or self.purpose_dialog is not None:
            return
        if not permitted(self.office.actor, Permission.REVEAL_PERSONAL_DATA):
            return
        dialog = RevealPurposeDialog(self.field_label(key), self.detail.row.name, self)
        self.purpose_dialog = dialog
        trainee_id = self.detail.row.id
        dialog.accepted.connect(lambda: self.reveal(trainee_id, key, dialog.purpose()))
        dialog.finished.connect(lambda _result: self._purpose_closed(dialog))
        dialog.open()

    def _purpose_closed(self, dialog: RevealPurposeDialog) -> None:
        if self.purpose_dialog is dialog:
            self.purpose_dialog = None
        dialog.deleteLater()

    def reveal(self, trainee_id: int, key: str, purpose: str) -> None:
        """Fetch the full value (the Office writes the audit entry in the same transaction)."""
        self.error_label.hide()
        self.reveal_buttons[key].setEnabled(False)
        asked_by = self.office.actor

        def done(value: str) -> None:
            apply_permission(self.reveal_buttons[key], self.office.actor, Permission.REVEAL_PERSONAL_DATA)
            if trainee_id != self.trainee_id or self.office.actor != asked_by:
                return  # selection moved on, or someone else signed in: the number is not shown
            self.revealed_values[key] = value
            self._render()
            self.revealed.emit(key)

        def failed(error: BaseException) -> None:
            apply_permission(self.reveal_buttons[key], self.office.actor, Permission.REVEAL_PERSONAL_DATA)
            if trainee_id != self.trainee_id:
                return
            self.error_label.setText(failure_text(error))
            self.error_label.show()

        self.tasks.run(lambda: self.office.trainees.reveal_personal_field(trainee_id, key, purpose), on_success=done,
                       on_failure=failed)

    def retranslate(self) -> None:
        self.empty_label.setText(self.tr("Select a trainee to see the record and training history."))
        names = {
            "id_type": self.tr("Document type"), "id_number": self.tr("ID number"), "sex": self.tr("Sex"),
            "birth_date": self.tr("Date of birth"), "ethnicity": self.tr("Ethnicity"), "phone": self.tr("Mobile"),
            "household": self.tr("Household type"), "education": self.tr("Education"),
            "employment": self.tr("Employment"), "pension": self.tr("Draws a pension"),
            "bank_name": self.tr("Bank"), "bank_account": self.tr("Bank account"), "key_groups": self.tr("Key groups"),
        }
        for key, label in self.fact_names.items():
            label.setText(names[key] + ("：" if not labels.english() else ":"))
        for key, button in self.reveal_buttons.items():
            button.setText(self.tr("Show full number"))
        self.facts_box.setTitle(self.tr("Personal record"))
        self.history_box.setTitle(self.tr("Training history"))
        self.history_model.retranslate()
        self._render()


class TraineesPage(QWidget):
    """Search, results and the selected trainee's record."""

    page_id = "trainees"
    results_loaded = Signal()

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_trainees")
        self.setStyleSheet(PAGE_STYLE)
        self.office = office
        self.tasks = tasks
        self._generation = 0
        self._count_text: Callable[[], str] | None = None
        self._stale = False
        self.last_query = ""
        self.loading = False

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addSpacing(12)
        heading_row.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        heading_row.addStretch(1)

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
        self.table = row_table(self.model, fit_columns=True)
        self.table.setObjectName("traineeTable")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = TraineeDetailPanel(office, tasks)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(heading_row)
        layout.addLayout(search_row)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self.search()

    def title(self) -> str:
        return self.tr("Trainees")

    def show_count(self, text: Callable[[], str]) -> None:
        self._count_text = text
        self.count.setText(text())

    def mark_stale(self) -> None:
        """Enrolments changed elsewhere (an import): search again the next time the page shows."""
        self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.search(self.last_query)

    def search(self, query: str | None = None) -> None:
        text = (query if isinstance(query, str) else self.search_edit.text()).strip()
        self.last_query = text
        self._generation += 1
        generation = self._generation
        self.loading = True
        self.tasks.run(lambda: self.office.trainees.search(text, limit=SEARCH_LIMIT),
                       on_success=lambda rows: self._arrived(generation, text, rows),
                       on_failure=lambda error: self._failed(generation, error))

    def _arrived(self, generation: int, text: str, rows: list[TraineeRow]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        keep = self.detail.trainee_id
        self.model.set_rows(rows)
        self._render_result(text, len(rows))
        number = self.model.row_of_id(keep) if keep is not None else -1
        if number < 0 and len(rows) == 1:
            number = 0
        if number >= 0:
            self.table.selectRow(number)
        else:
            self.detail.show_trainee(None)
        self.results_loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.result_label.setStyleSheet("color: #b3261e;")
        self.result_label.setText(failure_text(error))

    def _render_result(self, text: str, found: int) -> None:
        self.result_label.setStyleSheet("")
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
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_trainee()
        self.detail.show_trainee(row.id if row else None)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Trainees"))
        self.count.setText(self._count_text() if self._count_text else "")
        self.search_edit.setPlaceholderText(self.tr("Name, ID number, or the last 4 characters of the ID number"))
        self.search_button.setText(self.tr("Search"))
        self.model.retranslate()
        self.detail.retranslate()
        if not self.loading and self.result_label.text():
            self._render_result(self.last_query, self.model.rowCount())
