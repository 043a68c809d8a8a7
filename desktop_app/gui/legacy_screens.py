"""TEMPORARY: today's `gui/pages/*` adapted to the screen contract the main window now expects, until
the screen packages (`gui/screens/<name>/`) are merged. Delete this module then, and point the
imports in `gui/screen_list.py` at the packages.

The contract (what `ScreenPage` gives every screen): built as `Page(office, operations, *, …)`;
`title()`, `retranslate()`, `apply_permissions()`, `show_count(text)`, and
`on_operation_did_execute(changes, origin)`. Today's pages announce their writes with
`data_changed`-style signals instead of change notices; here those signals are turned into the
notices the facade will report itself once it is `Office`, so the window needs no cross-page wiring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.pages import attendance, audit, certificates, classes, settings, sync, trainees
from desktop_app.services.changes import Area, Changes

if TYPE_CHECKING:
    from desktop_app.services.desk import Desk

# What each of today's signals means, in areas (what the facade's `@writes` will say).
ROSTER_OR_CLASSES_CHANGED = Changes(frozenset({Area.CLASSES, Area.SESSIONS, Area.ROSTER, Area.TRAINEES}))
CLASS_SEALED = Changes(frozenset({Area.CLASSES, Area.OUTBOX}))
ATTENDANCE_CHANGED = Changes(frozenset({Area.ATTENDANCE}))
RESULTS_CHANGED = Changes(frozenset({Area.ASSESSMENTS, Area.CERTIFICATES}))
OUTBOX_CHANGED = Changes(frozenset({Area.OUTBOX, Area.CLASSES, Area.DEVICE}))


def _announce(operations: Operations, changes: Changes, origin: QWidget) -> Callable[..., None]:
    return lambda *_args: operations.did_execute.emit(changes, origin)


class ClassesPage(classes.ClassesPage):
    def __init__(self, office: "Desk", operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations.tasks, parent)
        self.office, self.operations = office, operations
        self.data_changed.connect(_announce(operations, ROSTER_OR_CLASSES_CHANGED, self))
        self.class_sealed.connect(_announce(operations, CLASS_SEALED, self))

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        # Statuses changed by sealing, uploads or receipts (已封存 → 已上传 / 被退回): read them again.
        if origin is not self and changes.touches(Area.OUTBOX):
            self.reload()
            self.detail.reload()

    def show_class(self, code: str) -> None:
        """Select a class, showing every class first when the search or the filter hides it."""
        if self.select_class(code):
            return
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.reload(select_code=code)


class TraineesPage(trainees.TraineesPage):
    def __init__(self, office: "Desk", operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations.tasks, parent)
        self.office, self.operations = office, operations

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        if origin is not self and changes.touches(Area.TRAINEES, Area.ROSTER):  # an import enrols people
            self.mark_stale()


class AttendancePage(attendance.AttendancePage):
    def __init__(self, office: "Desk", operations: Operations, parent: QWidget | None = None, **options) -> None:
        super().__init__(office, operations.tasks, parent, **options)
        self.office, self.operations = office, operations
        self.data_changed.connect(_announce(operations, ATTENDANCE_CHANGED, self))

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        if origin is not self and changes.touches(Area.CLASSES, Area.SESSIONS, Area.ROSTER):
            self.mark_stale()  # new, filed or started classes: offer them when shown


class CertificatesPage(certificates.CertificatesPage):
    def __init__(self, office: "Desk", operations: Operations, parent: QWidget | None = None, *,
                 offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__(office, operations.tasks, parent, offset_mm=offset_mm)
        self.office, self.operations = office, operations
        self.data_changed.connect(_announce(operations, RESULTS_CHANGED, self))

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        # Completed or sealed classes, and attendance (which decides completion), change what is shown.
        if origin is not self and changes.touches(Area.CLASSES, Area.ROSTER, Area.ATTENDANCE):
            self.mark_stale()


class SyncPage(sync.SyncPage):
    def __init__(self, office: "Desk", operations: Operations, *, platform_url: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(office, operations.tasks, platform_url=platform_url, parent=parent)
        self.office, self.operations = office, operations
        self.data_changed.connect(_announce(operations, OUTBOX_CHANGED, self))

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        if origin is not self and changes.touches(Area.OUTBOX):
            self.mark_stale()

    def upload_finished(self, outcome, *, manual: bool) -> None:
        super().upload_finished(outcome, manual=manual)
        # Desk.sync reports nothing yet; Office.outbox.sync will say this itself.
        if not isinstance(outcome, BaseException) and (outcome.uploaded or outcome.accepted or outcome.rejected):
            self.operations.did_execute.emit(CLASS_SEALED, self)


class AuditPage(audit.AuditPage):
    def __init__(self, office: "Desk", operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(office, operations.tasks, parent)
        self.office, self.operations = office, operations

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        """The audit page reads the log again each time it is shown (every action writes to it)."""


class SettingsPage(settings.SettingsPage):
    def __init__(self, office: "Desk", operations: Operations, *, parent: QWidget | None = None, **preferences) -> None:
        super().__init__(parent=parent, **preferences)
        self.office, self.operations = office, operations
        self._accounts_for = office.actor
        self.attach_accounts(office, operations.tasks)

    def apply_permissions(self) -> None:
        if self.desk is not None and self.desk.actor != self._accounts_for:
            self._accounts_for = self.desk.actor  # someone else signed in: their accounts list, or none
            self.attach_accounts(self.desk, self.tasks)
            return
        super().apply_permissions()

    def on_operation_did_execute(self, changes: Changes, origin: object) -> None:
        """Accounts are read again by the section itself after each change it makes."""

