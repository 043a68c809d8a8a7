"""Moves slow work (database, files, network) off the UI thread.

Threading contract (after Anki's taskman): `run(fn, on_success, on_failure)` calls `fn` on a
pool thread; `fn` must not touch widgets. The callbacks run later on the UI thread, where
they may. A task that raises a UserFacingError hands it to `on_failure`; anything else is
logged and handed over as well, so no failure disappears silently.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    # Created on the UI thread, so these signals are delivered there (queued connection).
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:  # pool thread
        try:
            result = self.fn()
        except BaseException as error:  # noqa: BLE001 - reported, never swallowed
            log.exception("background task failed")
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)


class TaskRunner(QObject):
    """The window's one way to do slow work; it also knows when everything has finished."""

    busy_changed = Signal(bool)
    # Every failure, after its own on_failure: for what concerns the whole window (the session
    # ending because an administrator disabled the account) rather than the page that asked.
    task_failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: set[_Relay] = set()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._pending.add(relay)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        @Slot(object)
        def finished_ok(result: Any) -> None:
            self._finish(relay)
            if on_success:
                on_success(result)

        @Slot(object)
        def finished_failed(error: BaseException) -> None:
            self._finish(relay)
            if on_failure:
                on_failure(error)
            self.task_failed.emit(error)

        relay.succeeded.connect(finished_ok)
        relay.failed.connect(finished_failed)
        self._pool.start(_Job(fn, relay))

    def _finish(self, relay: _Relay) -> None:
        self._pending.discard(relay)
        relay.deleteLater()
        if not self._pending:
            self.busy_changed.emit(False)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until pool threads finish (shutdown and tests); callbacks still need the event loop."""
        return self._pool.waitForDone(msecs)


class CancellableRun(QObject):
    """One long job in flight (an import, an upload, a print run): progress reported from the
    worker thread as a signal, and a stop flag the worker checks between items."""

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:  # worker thread: only emit
        self.progressed.emit(int(done), int(total))

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()
