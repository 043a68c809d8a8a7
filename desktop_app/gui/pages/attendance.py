"""TEMPORARY bridge, to be deleted when the window builds its screens from gui/screens/: lets
today's MainWindow build the attendance screen the old way, `AttendancePage(desk, tasks)`, and
hear `data_changed` (which the change notices replace)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.attendance import page as screen
from desktop_app.gui.tasks import TaskRunner


class AttendancePage(screen.AttendancePage):  # same class name: the same translation context
    data_changed = Signal()  # marks or online hours changed

    def __init__(self, office, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(office, Operations(tasks), parent=parent)
        for part in (self.marking, self.reader, self.files):
            part.marks_changed.connect(self.data_changed)
