"""Exporting the audit entries that match the conditions to Excel (or CSV), for an auditor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.domain.permissions import Permission
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission, permitted
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.services.audit_log import AuditExport
from desktop_app.services.office import AuditFilter, Office


class AuditExporter(QObject):
    """The export button: asks where (a dialog over `screen`), writes off the UI thread, says what
    happened in the screen's banner. `conditions()` gives the screen's filters at that moment."""

    exported = Signal(object)  # AuditExport
    failed = Signal()

    def __init__(self, office: Office, operations: Operations, *, screen: QWidget, notice: NoticeBanner,
                 conditions: Callable[[], dict]) -> None:
        super().__init__(screen)
        self.office = office
        self.operations = operations
        self.screen = screen
        self.notice = notice
        self.conditions = conditions
        self.files = FileChooser(purpose="audit")
        self.exporting = False
        self.button = QPushButton()
        self.button.setObjectName("exportAuditButton")
        self.button.clicked.connect(self.export)

    def apply_permissions(self) -> None:
        apply_permission(self.button, self.office.actor, Permission.EXPORT_AUDIT, enabled=not self.exporting)

    def export(self) -> None:
        if self.exporting or not permitted(self.office.actor, Permission.EXPORT_AUDIT):
            return
        path = self.files.save_file(self.screen, self.tr("Export the audit log"),
                                    self.tr("audit-log-{date}.xlsx").format(date=date.today().strftime("%Y%m%d")),
                                    (self.tr("Excel workbook (*.xlsx)"), ".xlsx"), (self.tr("CSV file (*.csv)"), ".csv"))
        if path is None:
            return
        office, conditions = self.office, self.conditions()
        self._set_exporting(True)
        self.notice.show_note(self.tr("Exporting the audit log to {path} …").format(path=path), "info")
        # The save dialog asked before replacing a file: replace=True passes that answer on.
        self.operations.run(self.screen, lambda: office.audit.export(path, AuditFilter(**conditions), replace=True),
                            success=self._exported,
                            failure=self._failed)

    def _exported(self, result: AuditExport) -> None:
        self._set_exporting(False)
        self.notice.show_note(self.tr("Exported {count} entries to {path}. The export itself is recorded in the "
                                      "audit log.").format(count=result.rows, path=result.path), "success")
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._set_exporting(False)
        self.notice.show_note(self.tr("Nothing was exported. {reason}").format(reason=failure_text(error)), "error")
        self.failed.emit()

    def _set_exporting(self, exporting: bool) -> None:
        self.exporting = exporting
        self.apply_permissions()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Export to Excel…"))
