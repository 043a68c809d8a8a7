"""The 审计日志 page: who did what and when, filtered by person, class, dates and action, and
exported to Excel (or CSV) for an auditor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.permissions import apply_permission, permitted, refusal_text
from desktop_app.gui.table_models import ROW_ROLE, Index, _Rows
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.audit_log import DEFAULT_LIMIT, AuditExport, AuditFilterChoices, AuditRow
from desktop_app.services.office import AuditFilter, Office

PAGE_STYLE = """
QLabel#fieldLabel { color: #1f3550; }
QLabel#auditSummary { color: #5b6470; }
"""


class AuditTableModel(_Rows, QAbstractTableModel):
    """Audit entries, newest first: time, person, action, class and what was done in words."""

    TIME, PERSON, ACTION, CLASS, DETAILS = range(5)

    def __init__(self, rows: Sequence[AuditRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = list(rows)

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Person"), self.tr("Action"), self.tr("Class"), self.tr("Details")]

    @staticmethod
    def details_text(row: AuditRow) -> str:
        if row.entity and row.details:
            return f"{row.entity} · {row.details}"
        return row.entity or row.details

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: AuditRow = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.TIME: f"{row.occurred_at:%Y-%m-%d %H:%M:%S}",
                self.PERSON: row.person,
                self.ACTION: row.action_label,
                self.CLASS: row.class_code or "",
                self.DETAILS: self.details_text(row),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DETAILS:
                return self.details_text(row)
            if column == self.ACTION:
                return row.action
        return None


def _default_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class AuditPage(QWidget):
    """Filters on top, the entries below; every read and the export run in the task runner."""

    page_id = "audit"
    entries_loaded = Signal(int)  # how many rows are shown
    exported = Signal(object)  # AuditExport
    choices_loaded = Signal()

    def __init__(self, office: Office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_audit")
        self.setStyleSheet(PAGE_STYLE)
        self.office = office
        self.tasks = tasks
        self.last_folder = _default_folder()
        self._generation = 0
        self._exporting = False
        self._summary_count: int | None = None
        self._load_error_shown = False

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportAuditButton")
        self.export_button.clicked.connect(self.export)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.export_button)

        self.person_label = QLabel()
        self.person_label.setObjectName("fieldLabel")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("personFilter")
        self.person_combo.setMinimumContentsLength(8)
        self.class_label = QLabel()
        self.class_label.setObjectName("fieldLabel")
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classFilter")
        self.class_combo.setMinimumContentsLength(18)
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        today = QDate.currentDate()
        self.from_check = QCheckBox()
        self.from_check.setObjectName("fromCheck")
        self.from_date = QDateEdit(today.addDays(-30))
        self.from_date.setObjectName("fromDate")
        self.to_check = QCheckBox()
        self.to_check.setObjectName("toCheck")
        self.to_date = QDateEdit(today)
        self.to_date.setObjectName("toDate")
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.action_edit = QLineEdit()
        self.action_edit.setObjectName("actionFilter")
        self.action_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton()
        self.search_button.setObjectName("searchAuditButton")
        self.search_button.clicked.connect(self.reload)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.clicked.connect(self.clear_filters)

        filters = QHBoxLayout()
        filters.addWidget(self.person_label)
        filters.addWidget(self.person_combo, 1)
        filters.addSpacing(8)
        filters.addWidget(self.class_label)
        filters.addWidget(self.class_combo, 2)
        filters.addSpacing(8)
        filters.addWidget(self.from_check)
        filters.addWidget(self.from_date)
        filters.addWidget(self.to_check)
        filters.addWidget(self.to_date)
        second = QHBoxLayout()
        self.action_label = QLabel()
        self.action_label.setObjectName("fieldLabel")
        second.addWidget(self.action_label)
        second.addWidget(self.action_edit, 1)
        second.addWidget(self.search_button)
        second.addWidget(self.clear_button)

        self.notice = NoticeBanner()
        self.summary = QLabel()
        self.summary.setObjectName("auditSummary")
        self.summary.setWordWrap(True)
        self.model = AuditTableModel(parent=self)
        self.view = QTableView()
        self.view.setObjectName("auditTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column, width in ((AuditTableModel.TIME, 150), (AuditTableModel.PERSON, 100),
                              (AuditTableModel.ACTION, 130), (AuditTableModel.CLASS, 96)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(AuditTableModel.DETAILS, QHeaderView.ResizeMode.Stretch)

        # Filters and entries in one box, hidden from a role that may not read the log (a note says why).
        self.content = QWidget()
        self.content.setObjectName("auditContent")
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        content.addLayout(filters)
        content.addLayout(second)
        content.addWidget(self.summary)
        content.addWidget(self.view, 1)
        self.no_access = QLabel()
        self.no_access.setObjectName("auditNoAccess")
        self.no_access.setWordWrap(True)
        self.no_access.setStyleSheet("color: #5b6470; font-size: 11pt;")
        self.no_access.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(heading_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.no_access)
        layout.addWidget(self.content, 1)

        # Choosing a person, a class or a date asks again at once; typed action words on Enter.
        self.person_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.class_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.from_check.toggled.connect(self._date_toggled)
        self.to_check.toggled.connect(self._date_toggled)
        self.from_date.dateChanged.connect(lambda _date: self.reload())
        self.to_date.dateChanged.connect(lambda _date: self.reload())
        self.action_edit.returnPressed.connect(self.reload)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Audit log")

    # --- filters ---------------------------------------------------------------------------

    def filters(self) -> dict:
        """What the clerk chose, as keyword arguments of Office.audit.entries / Office.audit.export
        (the fields of an AuditFilter)."""
        chosen: dict = {}
        user_id = self.person_combo.currentData()
        if user_id is not None:
            chosen["user_id"] = user_id
        code = self.class_combo.currentData()
        if code:
            chosen["class_code"] = code
        if self.from_check.isChecked():
            chosen["date_from"] = self.from_date.date().toPython()
        if self.to_check.isChecked():
            chosen["date_to"] = self.to_date.date().toPython()
        text = self.action_edit.text().strip()
        if text:
            chosen["action"] = text
        return chosen

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        """Set both date bounds at once (None: no bound) and ask once."""
        for check, edit, value in ((self.from_check, self.from_date, date_from), (self.to_check, self.to_date, date_to)):
            for widget in (check, edit):
                widget.blockSignals(True)
            check.setChecked(value is not None)
            edit.setEnabled(value is not None)
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))
            for widget in (check, edit):
                widget.blockSignals(False)
        self.reload()

    def _date_toggled(self, _checked: bool) -> None:
        self.from_date.setEnabled(self.from_check.isChecked())
        self.to_date.setEnabled(self.to_check.isChecked())
        self.reload()

    def clear_filters(self) -> None:
        for widget in (self.person_combo, self.class_combo, self.from_check, self.to_check, self.action_edit):
            widget.blockSignals(True)
        self.person_combo.setCurrentIndex(0)
        self.class_combo.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        self.action_edit.clear()
        for widget in (self.person_combo, self.class_combo, self.from_check, self.to_check, self.action_edit):
            widget.blockSignals(False)
        self.reload()

    def load_choices(self) -> None:
        self.tasks.run(self.office.audit.filter_choices, on_success=self._choices_arrived, on_failure=self._failed)

    def _choices_arrived(self, choices: AuditFilterChoices) -> None:
        person, code = self.person_combo.currentData(), self.class_combo.currentData()
        for combo in (self.person_combo, self.class_combo):
            combo.blockSignals(True)
            combo.clear()
        self.person_combo.addItem(self.tr("Everyone"), None)
        for user in choices.users:
            self.person_combo.addItem(user.display_name, user.id)
            self.person_combo.setItemData(self.person_combo.count() - 1, user.username, Qt.ItemDataRole.ToolTipRole)
        self.class_combo.addItem(self.tr("All classes"), None)
        for row in choices.classes:
            self.class_combo.addItem(f"{row.code}  {row.name}", row.code)
            self.class_combo.setItemData(self.class_combo.count() - 1, row.name, Qt.ItemDataRole.ToolTipRole)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(person)))
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(code)))
        for combo in (self.person_combo, self.class_combo):
            combo.blockSignals(False)
        self.choices_loaded.emit()

    # --- entries ---------------------------------------------------------------------------

    def can_view(self) -> bool:
        return permitted(self.office.actor, Permission.VIEW_AUDIT)

    def _show_access(self) -> None:
        """The log for a role that may read it; for any other, a note saying why instead of a refusal
        each time the page is shown. Export only for a role that may export."""
        actor = self.office.actor
        can_view = self.can_view()
        self.content.setVisible(can_view)
        self.no_access.setVisible(not can_view)
        self.no_access.setText("" if can_view else refusal_text(actor, Permission.VIEW_AUDIT))
        apply_permission(self.export_button, actor, Permission.EXPORT_AUDIT, enabled=not self._exporting)

    def apply_permissions(self) -> None:
        """The signed-in user changed: what the previous person was shown goes; the new one sees the log
        only when the role may read it."""
        self.model.set_rows([])
        self._summary_count = None
        self._render_summary()
        self._load_error_shown = False
        self.notice.hide()
        self._show_access()
        if self.isVisible() and self.can_view():
            self.load_choices()
            self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.can_view():
            return
        # Every other page writes to the log: what is shown is read again each time.
        self.load_choices()
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        filters = self.filters()
        self.tasks.run(lambda: self.office.audit.entries(AuditFilter(**filters)),
                       on_success=lambda rows: self._arrived(generation, rows),
                       on_failure=lambda error: self._load_failed(generation, error))

    def _arrived(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return  # an older question answered after a newer one was asked
        self.model.set_rows(rows)
        self._summary_count = len(rows)
        self._render_summary()
        if self._load_error_shown:  # the conditions that failed were corrected
            self._load_error_shown = False
            self.notice.hide()
        self.entries_loaded.emit(len(rows))

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_rows([])
        self._summary_count = None
        self._render_summary()
        self._load_error_shown = True
        self.notice.show_note(failure_text(error), "error")

    def _failed(self, error: BaseException) -> None:
        self.notice.show_note(failure_text(error), "error")

    def _render_summary(self) -> None:
        count = self._summary_count
        if count is None:
            self.summary.setText("")
        elif count == 0:
            self.summary.setText(self.tr("No entries match these conditions."))
        elif count >= DEFAULT_LIMIT:
            self.summary.setText(self.tr(
                "Showing the newest {count} entries. Narrow the conditions to see older ones; an export "
                "contains every matching entry.").format(count=count))
        else:
            self.summary.setText(self.tr("{count} entries, newest first.").format(count=count))

    # --- export ----------------------------------------------------------------------------

    def export(self) -> None:
        if self._exporting or not permitted(self.office.actor, Permission.EXPORT_AUDIT):
            return
        excel, comma = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV file (*.csv)")
        suggested = self.last_folder / self.tr("audit-log-{date}.xlsx").format(date=date.today().strftime("%Y%m%d"))
        chosen, chosen_filter = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), str(suggested),
                                                            f"{excel};;{comma}")
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if chosen_filter == comma else ".xlsx"))
        self.last_folder = path.parent
        filters = self.filters()
        self._exporting = True
        self.export_button.setEnabled(False)
        self.notice.show_note(self.tr("Exporting the audit log to {path} …").format(path=path), "info")
        self.tasks.run(lambda: self.office.audit.export(path, AuditFilter(**filters)), on_success=self._exported,
                       on_failure=self._export_failed)

    def _exported(self, result: AuditExport) -> None:
        self._exporting = False
        apply_permission(self.export_button, self.office.actor, Permission.EXPORT_AUDIT)
        self.notice.show_note(self.tr("Exported {count} entries to {path}. The export itself is recorded in the "
                                      "audit log.").format(count=result.rows, path=result.path), "success")
        self.exported.emit(result)
        self.reload()

    def _export_failed(self, error: BaseException) -> None:
        self._exporting = False
        self._load_error_shown = False
        apply_permission(self.export_button, self.office.actor, Permission.EXPORT_AUDIT)
        self.notice.show_note(self.tr("Nothing was exported. {reason}").format(reason=failure_text(error)), "error")

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.export_button.setText(self.tr("Export to Excel…"))
        self.person_label.setText(self.tr("Person"))
        self.class_label.setText(self.tr("Class"))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("To"))
        self.action_label.setText(self.tr("Action"))
        self.action_edit.setPlaceholderText(self.tr("Words of the action, e.g. certificate, export, reveal; "
                                                    "press Enter"))
        self.search_button.setText(self.tr("Search"))
        self.clear_button.setText(self.tr("Clear conditions"))
        if self.person_combo.count():
            self.person_combo.setItemText(0, self.tr("Everyone"))
        if self.class_combo.count():
            self.class_combo.setItemText(0, self.tr("All classes"))
        self.model.retranslate()
        self._render_summary()
        self._show_access()  # the note and tooltips in the language of the moment
        if self.isVisible() and self.can_view():
            self.reload()  # action words and details come in the language of the moment
