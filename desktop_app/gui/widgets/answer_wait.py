"""A dialog that asks the facade something and must never be deleted before the answer arrives.

`AnswerWait` is a mixin placed before QDialog (or QWizard) in the bases:

    class MoveSessionDialog(AnswerWait, QDialog):
        ...
        self.ask(lambda: office.move_session(...), self._moved)      # failure → self.show_failure

- `ask(fn, success, failure=None)` runs `fn` through the window's Operations with the dialog as
  owner; without `failure` the error goes to the dialog's own `show_failure(error)` (an inline
  label), as Operations does for every owner.
- `dispose_when_idle()` deletes the dialog at once, or when its last question has its answer: an
  answer (or a progress report from a worker, as the roster import sends) then never meets a
  deleted object. Connect it to `finished` instead of writing a `_…_closed` handler.
- `busy` is True while a change is being saved: closing (Esc, Cancel, ×) waits, because a dialog
  that vanished mid-save would leave the person not knowing whether the change was made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.gui.operations import Operations, show_failure


class AnswerWait:
    """See the module docstring. The class using it sets `self.operations`."""

    operations: Operations
    busy = False
    _waiting = 0
    _dispose = False

    @property
    def waiting(self) -> bool:
        """Some question this dialog asked has not been answered yet."""
        return self._waiting > 0

    def ask(self, fn: Callable[[], Any], success: Callable[[Any], None] | None = None,
            failure: Callable[[BaseException], None] | None = None) -> None:
        """Run `fn` off the UI thread; `success(value)` or `failure(error)` follow on the UI thread."""
        self._waiting += 1
        on_failure = failure or (lambda error: show_failure(self, error))

        def arrived(callback: Callable[[Any], None] | None, value: Any) -> None:
            self._waiting -= 1
            try:
                if callback is not None:
                    callback(value)
            finally:
                if self._dispose and not self._waiting:
                    self.deleteLater()

        # No `latest` here: a dropped answer would leave the count waiting for ever.
        self.operations.run(self, fn, success=lambda value: arrived(success, value),
                            failure=lambda error: arrived(on_failure, error))

    def dispose_when_idle(self, *_finished_result: object) -> None:
        """Delete the dialog now, or once its last question is answered (connect to `finished`)."""
        self._dispose = True
        if not self._waiting:
            self.deleteLater()

    def reject(self) -> None:
        if self.busy:
            return  # a change is being saved: closing now would hide whether it was
        super().reject()
