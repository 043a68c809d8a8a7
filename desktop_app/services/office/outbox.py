"""`office.outbox`: sealing classes into signed batches, and the batches' way to the platform."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.services import outbox as use_cases
from desktop_app.services import sealing
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.outbox import BatchDetail, BatchRow, SyncReport


class Outbox(OfficePart):
    """Seal a class (or its correction), list and read batches, upload, and carry them by USB."""

    @writes(Area.OUTBOX, Area.CLASSES)
    def seal(self, class_code: str) -> BatchRow:
        """Freeze a completed class and put its signed batch in the outbox (one transaction)."""
        key = self._context.device_key()
        sealed = sealing.seal_class(self._db, self._cipher, key, actor=self._acting(), class_code=class_code)
        return use_cases.batch_detail(self._db, sealed.batch_id).row

    @writes(Area.OUTBOX, Area.CLASSES)
    def seal_correction(self, class_code: str, reason: str) -> BatchRow:
        """Seal a class the platform returned, after its records were fixed, as a correction."""
        key = self._context.device_key()
        sealed = sealing.seal_class(self._db, self._cipher, key, actor=self._acting(), class_code=class_code,
                                    correction_reason=reason)
        return use_cases.batch_detail(self._db, sealed.batch_id).row

    def list(self) -> list[BatchRow]:
        """Every batch, newest first."""
        return use_cases.list_batches(self._db)

    def detail(self, batch_id: str) -> BatchDetail:
        """One batch with its receipt's per-record issues."""
        return use_cases.batch_detail(self._db, batch_id)

    @writes(Area.OUTBOX, Area.CLASSES, Area.DEVICE, Area.REFERENCE)
    def sync(self, platform_url: str | None, *, progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None, force: bool = True, max_wait: float = 0.0) -> SyncReport:
        """Upload what is due, fetch missing receipts (a receipt moves its class on), then pull
        reference data; the platform may also stop uploads (a revoked key). Slow (network)."""
        from desktop_app.services import reference_sync

        actor = self._acting()
        report = use_cases.upload_pending(self._db, self._cipher, actor=actor, url=platform_url, force=force,
                                          max_wait=max_wait, progress=progress, cancelled=cancelled)
        if report.offline or report.stopped_reason:
            return report
        return reference_sync.pull_into(self._db, actor=actor, url=platform_url, report=report)

    @writes(Area.AUDIT)
    def export_batch(self, batch_id: str, folder: Path) -> list[Path]:
        """ID.json, ID.sig and ID.pub.pem for USB transport (personal data: audited)."""
        return use_cases.export_batch(self._db, self._cipher, actor=self._acting(), batch_id=batch_id, folder=folder,
                                      guard=self._guard)

    @writes(Area.OUTBOX, Area.CLASSES)
    def import_receipt(self, path: Path) -> BatchRow:
        """Apply a receipt carried back from the platform (it moves the class on, or returns it)."""
        return use_cases.import_receipt(self._db, actor=self._acting(), path=path)
