"""Noticing, within seconds, what was changed elsewhere: the command line, another window, another PC.

Every committed write raises the database's change counter (store/change_counter.py). Every
few seconds the watch reads it, with this office's own write count, off the UI thread: when
the counter rose by more than this office wrote itself, someone else changed something, and
`changed_elsewhere` is emitted (the window marks every screen stale: the visible one reloads
now, the others when next shown). What this window changed itself is announced by the
operations helper as before, with the areas it touched, so it never causes a second reload.

One read of one row per probe; never two probes at once; a probe that fails (the server
unreachable for a moment) is simply tried again next time.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.gui.tasks import TaskRunner

PROBE_MS = 3_000


class ChangeWatch(QObject):
    changed_elsewhere = Signal()

    def __init__(self, office, tasks: TaskRunner, parent: QObject | None = None, *,
                 interval_ms: int = PROBE_MS) -> None:
        super().__init__(parent)
        self.office = office
        self.tasks = tasks
        self._seen: tuple[int, int] | None = None  # (own writes, counter) at the last probe
        self._probing = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.probe)

    def start(self) -> None:
        self.probe()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def probe(self) -> None:
        if self._probing:
            return
        self._probing = True
        office = self.office

        def read() -> tuple[int, int]:
            own = office.own_writes()  # first: a write of ours landing in between looks foreign, never the reverse
            return own, office.change_count()

        self.tasks.run(read, on_success=self._arrived, on_failure=self._failed)

    def _arrived(self, seen: tuple[int, int]) -> None:
        if not shiboken6.isValid(self):  # the window closed while the probe ran
            return
        self._probing = False
        before, self._seen = self._seen, seen
        if before is None:
            return
        own_delta, counter_delta = seen[0] - before[0], seen[1] - before[1]
        if counter_delta > own_delta or counter_delta < 0:  # < 0: the database was restored or replaced
            self.changed_elsewhere.emit()

    def _failed(self, _error: BaseException) -> None:
        if shiboken6.isValid(self):
            self._probing = False
