"""When the window uploads by itself, and the one upload in flight (Vorta's `scheduler.py` is the model).

The policy in one place: a background upload starts when the platform answers, batches are
waiting, no upload is running, the person signed in may upload, and the last one was at least
`AUTO_UPLOAD_INTERVAL_S` ago — except right after a class was sealed (more batches waiting than at
the last look), when its batch goes at once. A person pressing "upload now" is not held back by any
of that; the service still checks their role. The scheduler knows nothing of screens: it is told
the facts (`note_online`, `note_waiting`) and says what happens through its signals. Time is an
input (`monotonic`), so the policy is tested without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from desktop_app.domain.permissions import Permission, allows
from desktop_app.gui.operations import Operations
from desktop_app.gui.tasks import CancellableRun

if TYPE_CHECKING:
    from desktop_app.services.office import Office

# A background upload that left batches waiting (offline, back-off, not registered) is not tried
# again before this long, so the status refresh after it cannot start the next one.
AUTO_UPLOAD_INTERVAL_S = 60


class UploadScheduler(QObject):
    """Starts uploads through the facade's sync, at most one at a time."""

    started = Signal(bool)  # manual
    progressed = Signal(int, int)  # batches done, batches in this upload
    finished = Signal(object, bool)  # the SyncReport, or the error that stopped the upload; manual

    def __init__(self, office: "Office", operations: Operations, *, platform_url: Callable[[], str | None],
                 monotonic: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.operations = operations
        self.platform_url = platform_url
        self.monotonic = monotonic
        self.online: bool | None = None  # unknown until the first probe
        self.waiting: int | None = None  # batches waiting at the last status look
        self.current: CancellableRun | None = None
        # When the last upload ended or the last background one began; None: nothing holds the next back.
        self.last_upload_at: float | None = None

    @property
    def running(self) -> bool:
        return self.current is not None

    # --- facts ---------------------------------------------------------------------------------

    def note_online(self, online: bool) -> None:
        """The platform answered (or not) the window's probe."""
        self.online = bool(online)
        self.consider()

    def note_waiting(self, count: int) -> None:
        """How many batches wait, from the status refresh. More than before means a class (or a
        correction) was just sealed here or at another PC: its batch goes without waiting out the
        interval."""
        if self.waiting is not None and count > self.waiting:
            self.last_upload_at = None
        self.waiting = count
        self.consider()

    # --- policy --------------------------------------------------------------------------------

    def may_upload_in_background(self) -> bool:
        """Only for someone signed in whose role may upload: the window never uploads as nobody,
        nor makes a teacher's PC send the outbox in the teacher's name."""
        actor = self.office.actor
        return bool(getattr(actor, "signed_in", True)) and allows(actor.role, Permission.UPLOAD_BATCHES)

    def due(self) -> bool:
        """Whether a background upload should start now."""
        if self.running or not self.online or not self.waiting or not self.platform_url():
            return False
        if not self.may_upload_in_background():
            return False
        return self.last_upload_at is None or self.monotonic() - self.last_upload_at >= AUTO_UPLOAD_INTERVAL_S

    def consider(self) -> bool:
        """Start a background upload if one is due; True when it started."""
        return self.due() and self.start(manual=False)

    # --- running -------------------------------------------------------------------------------

    def start(self, *, manual: bool) -> bool:
        """Upload now. False when an upload is already running. A person asking ignores the
        platform's retry back-off; the background respects it."""
        if self.running:
            return False
        url = self.platform_url()
        run = CancellableRun(self)
        run.progressed.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self.current = run
        if not manual:
            self.last_upload_at = self.monotonic()
        self.started.emit(manual)
        self.operations.run(
            self,
            lambda: self.office.outbox.sync(url, progress=run.report, cancelled=run.cancelled, force=manual),
            success=lambda report: self._ended(run, report, manual),
            failure=lambda error: self._ended(run, error, manual),
        )
        return True

    def stop(self) -> None:
        """Ask the running upload to stop after the batch it is sending."""
        if self.current is not None:
            self.current.cancel()

    def _ended(self, run: CancellableRun, outcome: Any, manual: bool) -> None:
        if self.current is run:
            self.current = None
        run.deleteLater()
        self.last_upload_at = self.monotonic()  # the status refresh that follows must not start another at once
        if getattr(outcome, "offline", False):
            self.online = False
        self.finished.emit(outcome, manual)
