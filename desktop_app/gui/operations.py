"""Operations: the one way a screen runs facade calls off the UI thread.

Threading contract (after Anki's `aqt.operations`): `Operations.run(owner, fn, …)` calls `fn` on
a worker thread of the window's TaskRunner; `fn` must not touch widgets. Its callbacks run later
on the UI thread. Three things every screen used to write by hand are done here once:

- **Only the latest answer counts** per purpose: `latest="grid"` drops the callbacks of an older
  call with the same owner and purpose when a newer one was started (a person clicking through
  classes faster than the database answers sees the class they clicked last, never an older one).
- **Failures are shown on the owner by default** — `owner.show_failure(error)` when the owner has
  one, else a window-modal message box — and always logged (a programming error is logged with its
  traceback at ERROR; a refusal meant for people at INFO), so no failure disappears and no bug
  reads as a refusal without a trace in the log.
- **Changes are announced**: the facade's writing calls report the areas they changed
  (`services.changes`); after each operation, even one whose answer was dropped or that failed
  half-way, `did_execute(changes, origin)` is emitted so each screen decides whether to reload
  (Anki's `operation_did_execute`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app import messages
from desktop_app.gui.feedback import failure_text, show_error
from desktop_app.gui.tasks import TaskRunner
from desktop_app.services.changes import NO_CHANGES, Changes, collect_changes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Outcome:
    value: Any
    error: BaseException | None
    changes: Changes


def _in_worker(fn: Callable[[], Any]) -> _Outcome:
    with collect_changes() as collected:
        try:
            value = fn()
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, never swallowed
            if isinstance(error, messages.UserFacingError):
                log.info("operation refused: %s", error.message())
            else:
                log.exception("operation failed")
            return _Outcome(None, error, collected.changes)
    return _Outcome(value, None, collected.changes)


class Operations(QObject):
    """Owned by the main window (tests make their own); screens receive it at construction."""

    # (Changes, origin): after every operation that changed something; origin is the owner widget.
    did_execute = Signal(object, object)
    # Every failure, after it was shown: for what concerns the whole window rather than the screen
    # that asked (the session ending because an administrator disabled the account).
    failed = Signal(object)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._latest: dict[tuple[int, str], int] = {}

    def run(
        self,
        owner: QWidget | QObject | None,
        fn: Callable[[], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        latest: str | None = None,
    ) -> None:
        """Run `fn` off the UI thread. `success(value)` / `failure(error)` run on the UI thread
        unless a newer call with the same owner and `latest` purpose was started since, or the
        owner was deleted. Without `failure` the error is shown on the owner."""
        key = (id(owner), latest) if latest is not None else None
        generation = 0
        if key is not None:
            generation = self._latest.get(key, 0) + 1
            self._latest[key] = generation

        def finished(outcome: _Outcome) -> None:
            if outcome.changes:
                self.did_execute.emit(outcome.changes, owner)
            current = key is None or self._latest.get(key) == generation
            alive = owner is None or shiboken6.isValid(owner)
            if outcome.error is not None:
                if current and alive:
                    if failure is not None:
                        failure(outcome.error)
                    else:
                        show_failure(owner, outcome.error)
                self.failed.emit(outcome.error)
            elif current and alive and success is not None:
                success(outcome.value)

        self.tasks.run(lambda: _in_worker(fn), on_success=finished)


def show_failure(owner: QWidget | QObject | None, error: BaseException) -> None:
    """Show a failed operation on its owner: its own `show_failure` if it has one (a banner or an
    inline label), else a message box over it."""
    handler = getattr(owner, "show_failure", None)
    if callable(handler):
        handler(error)
        return
    parent = owner if isinstance(owner, QWidget) else None
    show_error(parent, failure_text(error))


__all__ = ["NO_CHANGES", "Changes", "Operations", "show_failure"]
