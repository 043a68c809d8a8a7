"""The one print or export run of a class's certificates in flight: its progress dialog with Cancel,
and how it ends. Printing and exporting share it, so only one of them runs at a time."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.gui.feedback import NoticeBanner
from desktop_app.gui.tasks import CancellableRun

PROGRESS_DELAY_MS = 500


class CertificateBatch(QObject):
    """Start a run (`start`), move its progress on (`advance`), end it (`end`, `failed`)."""

    busy_changed = Signal(bool)
    finished = Signal(object)  # PrintOutcome, or the Path of an exported PDF, or None when cancelled

    def __init__(self, window: QWidget, notice: NoticeBanner) -> None:
        super().__init__(window)
        self.over = window  # the progress dialog is modal over it
        self.notice = notice
        self.progress_dialog: QProgressDialog | None = None
        self._printer: QPrinter | None = None  # lives until its job is done

    @property
    def busy(self) -> bool:
        return self.progress_dialog is not None

    def start(self, label: str, maximum: int, stopping: str, *, printer: QPrinter | None = None) -> CancellableRun:
        """A run with a progress dialog (a busy bar with `maximum` 0) that says `stopping` once cancelled."""
        run = CancellableRun(self)
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, maximum, self.over)
        dialog.setObjectName("batchProgress")
        dialog.setWindowTitle(self.tr("Certificates"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(run.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(stopping))
        dialog.setValue(0)
        self.progress_dialog = dialog
        self._printer = printer
        self.busy_changed.emit(True)
        return run

    def advance(self, dialog: QProgressDialog, done: int, text: str) -> None:
        """`done` items of the run that `dialog` shows; ignored once that run ended or was cancelled."""
        if self.progress_dialog is dialog and not dialog.wasCanceled():
            dialog.setValue(done)
            dialog.setLabelText(text)

    def close(self) -> None:
        """The progress dialog goes; a print run goes on to its print dialog."""
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect()  # closing a progress dialog emits canceled()
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
        self.progress_dialog = None
        self._printer = None
        self.busy_changed.emit(False)

    def end(self, outcome: object) -> None:
        self.close()
        self.finished.emit(outcome)

    def failed(self, error: BaseException) -> None:
        """The run stopped on an error: it ends, and the banner says why."""
        self.end(None)
        self.notice.show_failure(error)
