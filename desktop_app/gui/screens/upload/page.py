"""The 上传 screen: the outbox of sealed batches, their receipts and what the platform found wrong,
uploading now, carrying batches and receipts on a USB stick, and sealing a correction.

Uploads themselves are run by the main window (one at a time, by hand or in the background);
this screen asks for one with `upload_requested` and shows its progress and outcome."""

from __future__ import annotations

from collections.abc import Callable
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from desktop_app.gui.operations import Operations
from desktop_app.gui.permissions import apply_permission
from desktop_app.gui.screens.upload.batch_panel import BatchPanel
from desktop_app.gui.screens.upload.models import OutboxModel
from desktop_app.gui.screens.upload.registration import RegistrationBar
from desktop_app.gui.screens.upload.usb import UsbTransfer
from desktop_app.gui.widgets.page import ScreenPage, list_over_detail
from desktop_app.gui.widgets.row_table import row_table, select_key, selected_row
from desktop_app.services.changes import Area
from desktop_app.services.office import Office
from desktop_app.services.outbox import BatchRow, Registration, SyncReport


class UploadPage(ScreenPage):
    """Registration on top, the outbox in the middle, the selected batch's receipt and issues below."""

    page_id = "sync"
    shows = (Area.OUTBOX, Area.DEVICE, Area.CLASSES)  # a sealed class puts a batch in the outbox
    upload_requested = Signal()
    upload_stop_requested = Signal()
    navigate_to_class = Signal(str)  # class code: "去修改"
    batches_loaded = Signal(int)
    batch_exported = Signal(object)  # list[Path]
    receipt_imported = Signal(object)  # BatchRow
    correction_sealed = Signal(object)  # BatchRow

    def __init__(self, office: Office, operations: Operations, *, platform_url: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_sync")
        self.uploading = False

        self.registration_bar = RegistrationBar(office, operations, platform_url=platform_url, notice=self.notice)
        self.registration_bar.registered.connect(lambda _registration: self.reload())
        self.usb = UsbTransfer(office, operations, screen=self, notice=self.notice)
        self.usb.exported.connect(self.batch_exported)
        self.usb.receipt_imported.connect(self._receipt_imported)
        self.usb.busy_changed.connect(self._update_buttons)
        self.upload_button = QPushButton()
        self.upload_button.setObjectName("uploadNowButton")
        self.upload_button.clicked.connect(self.request_upload)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopUploadButton")
        self.stop_button.clicked.connect(self.upload_stop_requested)
        self.stop_button.hide()
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportBatchButton")
        self.export_button.clicked.connect(self.export_batch)
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("importReceiptButton")
        self.receipt_button.clicked.connect(self.usb.import_receipt)
        self.correction_button = QPushButton()
        self.correction_button.setObjectName("sealCorrectionButton")
        self.correction_button.clicked.connect(self.seal_correction)
        actions = QHBoxLayout()
        actions.addWidget(self.upload_button)
        actions.addWidget(self.stop_button)
        actions.addStretch(1)
        for button in (self.export_button, self.receipt_button, self.correction_button):
            actions.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setObjectName("uploadProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()

        self.batch_model = OutboxModel(parent=self)
        self.batch_view = row_table(self.batch_model, "outboxTable")
        self.batch_view.selectionModel().selectionChanged.connect(lambda *_args: self._batch_selected())
        header = self.batch_view.horizontalHeader()
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(OutboxModel.CLASS, QHeaderView.ResizeMode.Stretch)
        for column in (OutboxModel.KIND, OutboxModel.STATE, OutboxModel.ATTEMPTS, OutboxModel.NEXT_TRY,
                       OutboxModel.RECEIPT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyDetail")
        self.empty_label.setWordWrap(True)
        self.batch_panel = BatchPanel(office, operations, outbox=self.batch_model, notice=self.notice)
        self.batch_panel.go_to_class.connect(self.navigate_to_class)

        self.splitter = list_over_detail(self.batch_view, self.batch_panel)

        layout = self.page_layout()
        layout.addWidget(self.registration_bar)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._update_buttons()
        self.mark_stale()  # read the outbox when first shown

    def title(self) -> str:
        return self.tr("Upload")

    # --- the outbox --------------------------------------------------------------------------

    def reload(self, *, select_batch: str | None = None) -> None:
        """Read the outbox and the registration; keep the selected batch (or select `select_batch`)."""
        selected = self.selected_batch()
        keep = select_batch or (selected.batch_id if selected else None)
        office = self.office
        self.run(lambda: (office.outbox.list(), office.device.registration()),
                 success=lambda answer: self._arrived(*answer, keep), latest="outbox")

    def _arrived(self, rows: list[BatchRow], registration: Registration | None, keep: str | None) -> None:
        self.registration_bar.show_registration(registration)
        self.batch_model.set_rows(rows)
        position = self.batch_model.row_of(keep) if keep else -1
        if position < 0:
            position = self.batch_model.most_urgent()
        if position >= 0:
            self.batch_view.selectRow(position)
        else:
            self._batch_selected()
        self._render_empty()
        self._update_buttons()
        self.batches_loaded.emit(len(rows))

    def selected_batch(self) -> BatchRow | None:
        return selected_row(self.batch_view)

    def select_batch(self, batch_id: str) -> bool:
        return select_key(self.batch_view, batch_id)

    def _batch_selected(self) -> None:
        self._update_buttons()
        self.batch_panel.show_batch(self.selected_batch())

    def export_batch(self) -> None:
        row = self.selected_batch()
        if row is not None:
            self.usb.export_batch(row)

    def _render_empty(self) -> None:
        empty = self.batch_model.rowCount() == 0
        self.empty_label.setVisible(empty)
        self.empty_label.setText(self.tr(
            "No batches yet. When a class is completed, open it on the Classes page and click “Seal and upload”: "
            "its records are sealed into a signed batch that appears here.") if empty else "")

    def apply_permissions(self) -> None:
        """The signed-in user changed: offer only what their role may do (the services check too)."""
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = self.actor
        row = self.selected_batch()
        apply_permission(self.upload_button, actor, Permission.UPLOAD_BATCHES, enabled=not self.uploading)
        self.stop_button.setVisible(self.uploading)
        apply_permission(self.export_button, actor, Permission.UPLOAD_BATCHES,
                         enabled=row is not None and "export" not in self.usb.busy)
        apply_permission(self.receipt_button, actor, Permission.UPLOAD_BATCHES, enabled="receipt" not in self.usb.busy)
        apply_permission(self.correction_button, actor, Permission.SEAL_BATCHES,
                         enabled=row is not None and self.batch_model.returned(row) and row.class_code is not None)
        self.registration_bar.apply_permissions()
        self.batch_panel.update_buttons()

    # --- uploading (run by the main window) -------------------------------------------------

    def request_upload(self) -> None:
        self.notice.hide()
        self.upload_requested.emit()

    def upload_started(self) -> None:
        self.uploading = True
        self.progress.setRange(0, 0)  # busy until the first figure arrives
        self.progress.show()
        self._update_buttons()

    def upload_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Batch %v of %m"))

    def upload_finished(self, outcome: SyncReport | BaseException, *, manual: bool) -> None:
        self.uploading = False
        self.progress.hide()
        self._update_buttons()
        if isinstance(outcome, BaseException):
            if manual:
                self.notice.show_failure(outcome)
        elif manual or outcome.uploaded or outcome.rejected:
            text, kind = self.report_text(outcome)
            self.notice.show_note(text, kind)
        self.mark_stale()

    def report_text(self, report: SyncReport) -> tuple[str, str]:
        """One paragraph on what an upload did, and how worried to be about it."""
        if report.stopped_reason:
            return report.stopped_reason, "warning"
        if report.offline:
            return self.tr("The provincial platform cannot be reached. Nothing is lost: {count} batch(es) wait "
                           "here and go up by themselves when the network returns.").format(count=report.waiting), \
                "warning"
        parts = []
        if report.uploaded:
            parts.append(self.tr("{count} batch(es) uploaded.").format(count=report.uploaded))
        if report.accepted:
            parts.append(self.tr("{count} accepted.").format(count=report.accepted))
        if report.rejected:
            parts.append(self.tr("{count} returned by the platform: see the problems listed for it.").format(
                count=report.rejected))
        if report.retry_after_seconds:
            parts.append(self.tr("The platform is busy; the rest will be tried again automatically."))
        if report.waiting:
            parts.append(self.tr("{count} batch(es) still waiting.").format(count=report.waiting))
        if not parts:
            parts.append(self.tr("Nothing was waiting to be uploaded."))
        if report.reference_problem:
            parts.append(report.reference_problem)
        return " ".join(parts), ("warning" if report.rejected or report.reference_problem else "success")

    # --- sealing a correction ----------------------------------------------------------------

    def seal_correction(self) -> None:
        row = self.selected_batch()
        if row is None or row.class_code is None:
            return
        code = row.class_code
        reason, accepted = QInputDialog.getText(
            self, self.tr("Seal correction for {code}").format(code=code),
            self.tr("The platform returned class {code}. Once its records are corrected, they are sealed again as a "
                    "correction batch and uploaded. What was corrected, and why?").format(code=code),
            QLineEdit.EchoMode.Normal, self.batch_panel.correction_reason(row))
        if not accepted:
            return
        reason = reason.strip()
        if not reason:
            self.notice.show_note(self.tr("Nothing was sealed: write what was corrected, and why."), "warning")
            return
        self.correction_button.setEnabled(False)

        def done(batch: BatchRow) -> None:
            self.notice.show_note(self.tr(
                "Correction for {code} sealed: it is waiting to upload and goes up automatically when this "
                "computer is online.").format(code=code), "success")
            self.correction_sealed.emit(batch)
            self.reload(select_batch=batch.batch_id)

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.notice.show_failure(error)

        office = self.office
        self.run(lambda: office.outbox.seal_correction(code, reason), success=done, failure=failed)

    def _receipt_imported(self, row: BatchRow) -> None:
        self.receipt_imported.emit(row)
        self.reload(select_batch=row.batch_id)

    # --- language ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.upload_button.setText(self.tr("Upload now"))
        self.stop_button.setText(self.tr("Stop"))
        self.export_button.setText(self.tr("Export to USB…"))
        self.receipt_button.setText(self.tr("Import receipt…"))
        self.correction_button.setText(self.tr("Seal correction…"))
        self.batch_model.retranslate()
        self.registration_bar.retranslate()
        self.batch_panel.retranslate()
        self._render_empty()
