"""Carrying a batch to the platform's office on a USB stick, and bringing its receipt back: for an
institution whose computer cannot reach the platform."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.domain.batches import BatchState
from desktop_app.gui import value_labels as labels
from desktop_app.gui.feedback import NoticeBanner, failure_text
from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.file_chooser import FileChooser
from desktop_app.services.office import Office
from desktop_app.services.outbox import BatchRow


class UsbTransfer(QObject):
    """Asks where (file dialogs over `screen`), writes or reads off the UI thread, says what happened
    in the screen's banner; `busy` holds "export" / "receipt" while that runs."""

    exported = Signal(object)  # list[Path]
    receipt_imported = Signal(object)  # BatchRow, in its new state
    busy_changed = Signal()

    def __init__(self, office: Office, operations: Operations, *, screen: QWidget, notice: NoticeBanner) -> None:
        super().__init__(screen)
        self.office = office
        self.operations = operations
        self.screen = screen
        self.notice = notice
        self.files = FileChooser(purpose="usb")
        self.busy: set[str] = set()

    def export_batch(self, row: BatchRow) -> None:
        folder = self.files.choose_folder(self.screen, self.tr("Choose the USB stick or folder for batch {code}")
                                          .format(code=row.class_code or row.batch_id))
        if folder is None:
            return
        self._set_busy("export", True)

        def done(paths: list[Path]) -> None:
            self._set_busy("export", False)
            self.notice.show_note(self.tr(
                "Batch of {code} written to {folder}: {files}. Take these files to the platform's office; it "
                "contains personal data, so keep the stick safe. Bring back the receipt file and import it here.")
                .format(code=row.class_code or "", folder=folder, files="、".join(p.name for p in paths)), "success")
            self.exported.emit(paths)

        def failed(error: BaseException) -> None:
            self._set_busy("export", False)
            self.notice.show_note(self.tr("The batch was not exported. {reason}").format(reason=failure_text(error)),
                                  "error")

        office, batch_id = self.office, row.batch_id
        self.operations.run(self.screen, lambda: office.outbox.export_batch(batch_id, folder), success=done, failure=failed)

    def import_receipt(self) -> None:
        path = self.files.open_file(self.screen, self.tr("Import a receipt from the platform"),
                                    self.tr("Receipt files (*.json);;All files (*)"))
        if path is None:
            return
        self._set_busy("receipt", True)

        def done(row: BatchRow) -> None:
            self._set_busy("receipt", False)
            self.notice.show_note(self.tr("Receipt imported: {code} is now “{state}”.").format(
                code=row.class_code or row.batch_id, state=labels.batch_state(row.state)),
                "warning" if row.state == BatchState.REJECTED else "success")
            self.receipt_imported.emit(row)

        def failed(error: BaseException) -> None:
            self._set_busy("receipt", False)
            self.notice.show_note(self.tr("The receipt was not imported. {reason}").format(
                reason=failure_text(error)), "error")

        office = self.office
        self.operations.run(self.screen, lambda: office.outbox.import_receipt(path), success=done, failure=failed)

    def _set_busy(self, what: str, busy: bool) -> None:
        if busy:
            self.busy.add(what)
        else:
            self.busy.discard(what)
        self.busy_changed.emit()
