"""Temporary: the dialog bookkeeping the upload and certificates dialogs still import from here.

The classes screen moved its dialogs to gui/screens/classes/ and the shared parts to
gui/widgets/form_parts.py (error_label, hint_label, to_qdate, from_qdate) and
gui/widgets/answer_wait.py (AnswerWait, the same bookkeeping through Operations). Once no screen
imports this module, delete it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.widgets.form_parts import error_label as _error_label  # noqa: F401
from desktop_app.gui.widgets.form_parts import from_qdate, hint_label as _hint_label, to_qdate  # noqa: F401


class _AnswersArrive:
    """Bookkeeping for a dialog that asks the Office something: an answer must never find the
    dialog deleted, so the dialog is deleted only once every question it asked has an answer."""

    tasks: TaskRunner
    busy = False  # saving: the dialog waits for the answer before it can close
    _in_flight = 0
    _dispose = False

    def run_task(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        self._in_flight += 1

        def arrived(callback: Callable, value: Any) -> None:
            self._in_flight -= 1
            try:
                callback(value)
            finally:
                if self._dispose and not self._in_flight:
                    self.deleteLater()

        self.tasks.run(fn, on_success=lambda value: arrived(on_success, value),
                       on_failure=lambda error: arrived(on_failure, error))

    def dispose_when_idle(self) -> None:
        self._dispose = True
        if not self._in_flight:
            self.deleteLater()

    def reject(self) -> None:
        if self.busy:
            return  # a change is being saved: closing now would hide whether it was
        super().reject()
