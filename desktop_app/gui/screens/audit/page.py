"""The 审计日志 screen: who did what and when, filtered by person, class, dates and action, and
exported to Excel (or CSV) for an auditor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import permitted, refusal_text
from desktop_app.gui.screens.audit.export import AuditExporter
from desktop_app.gui.screens.audit.filters import AuditFilters
from desktop_app.gui.screens.audit.models import AuditTableModel
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.gui.widgets.row_table import row_table
from desktop_app.services.audit_log import DEFAULT_LIMIT, AuditFilterChoices, AuditRow
from desktop_app.services.changes import Area
from desktop_app.services.office import AuditFilter, Office


class AuditPage(ScreenPage):
    """Conditions on top, the entries below; every read and the export run off the UI thread."""

    page_id = "audit"
    # Every write is audited, so any change adds entries; and other computers on a shared server
    # write to the log too, so the entries are also read again each time the screen is shown.
    shows = tuple(Area)
    entries_loaded = Signal(int)  # how many rows are shown
    exported = Signal(object)  # AuditExport
    choices_loaded = Signal()

    def __init__(self, office: Office, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_audit")
        self._summary_count: int | None = None
        self._load_error_shown = False

        self.exporter = AuditExporter(office, operations, screen=self, notice=self.notice,
                                      conditions=lambda: self.filters.chosen())
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self._export_failed)
        self.export_button = self.exporter.button
        self.header.addWidget(self.export_button)

        self.filters = AuditFilters()
        self.filters.changed.connect(self._read_entries)
        self.summary = QLabel()
        self.summary.setObjectName("auditSummary")
        self.summary.setWordWrap(True)
        self.model = AuditTableModel(parent=self)
        self.view = row_table(self.model, "auditTable")
        header = self.view.horizontalHeader()
        for column, width in ((AuditTableModel.TIME, 150), (AuditTableModel.PERSON, 100),
                              (AuditTableModel.CLASS, 96)):
            header.resizeSection(column, width)
        # Action words are short in Chinese and long in English: the column fits them, not a fixed width.
        header.setSectionResizeMode(AuditTableModel.ACTION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditTableModel.DETAILS, QHeaderView.ResizeMode.Stretch)

        # Conditions and entries in one box, hidden from a role that may not read the log (a note says why).
        self.content = QWidget()
        self.content.setObjectName("auditContent")
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        content.addWidget(self.filters)
        content.addWidget(self.summary)
        content.addWidget(self.view, 1)
        self.no_access = QLabel()
        self.no_access.setObjectName("auditNoAccess")
        self.no_access.setWordWrap(True)
        self.no_access.hide()

        layout = self.page_layout()
        layout.addWidget(self.notice)
        layout.addWidget(self.no_access)
        layout.addWidget(self.content, 1)
        self.retranslate()
        self.mark_stale()

    def title(self) -> str:
        return self.tr("Audit log")

    # --- who may read it -------------------------------------------------------------------

    def can_view(self) -> bool:
        return permitted(self.actor, Permission.VIEW_AUDIT)

    def _show_access(self) -> None:
        """The log for a role that may read it; for any other, a note saying why instead of a refusal
        each time the screen is shown. Export only for a role that may export."""
        can_view = self.can_view()
        self.content.setVisible(can_view)
        self.no_access.setVisible(not can_view)
        self.no_access.setText("" if can_view else refusal_text(self.actor, Permission.VIEW_AUDIT))
        self.exporter.apply_permissions()

    def apply_permissions(self) -> None:
        """The signed-in user changed: what the previous person was shown goes; the new one sees the log
        only when the role may read it."""
        self.model.set_rows([])
        self._summary_count = None
        self._render_summary()
        self._load_error_shown = False
        self.notice.hide()
        self._show_access()
        self.mark_stale()

    # --- entries ---------------------------------------------------------------------------

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.mark_stale()  # read again at the next showing (see `shows`)

    def reload(self) -> None:
        """The people and classes to choose from, and the entries that match the conditions."""
        if not self.can_view():
            return
        self.run(self.office.audit.filter_choices, success=self._choices_arrived, latest="choices")
        self._read_entries()

    def _read_entries(self) -> None:
        if not self.can_view():
            return
        office, conditions = self.office, self.filters.chosen()
        self.run(lambda: office.audit.entries(AuditFilter(**conditions)), success=self._arrived, failure=self._load_failed,
                 latest="entries")

    def _choices_arrived(self, choices: AuditFilterChoices) -> None:
        self.filters.set_choices(choices)
        self.choices_loaded.emit()

    def _arrived(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self._summary_count = len(rows)
        self._render_summary()
        if self._load_error_shown:  # the conditions that failed were corrected
            self._load_error_shown = False
            self.notice.hide()
        self.entries_loaded.emit(len(rows))

    def _load_failed(self, error: BaseException) -> None:
        self.model.set_rows([])
        self._summary_count = None
        self._render_summary()
        self._load_error_shown = True
        self.notice.show_failure(error)

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

    def _exported(self, result) -> None:
        self.exported.emit(result)
        self._read_entries()  # the export itself is in the log

    def _export_failed(self) -> None:
        self._load_error_shown = False  # the banner says why nothing was exported: a later load keeps it

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.exporter.retranslate()
        self.filters.retranslate()
        self.model.retranslate()
        self._render_summary()
        self._show_access()  # the note and tooltips in the language of the moment
        if self.isVisible():
            self._read_entries()  # action words and details come in the language of the moment
