"""The record of what is selected in a screen's list, shown under the list (a class, a trainee):
read in the background each time the selection changes, only the last selection's answer shown.
Until it arrives the panel says so in a sentence — nothing selected, loading, or why it could not
be read — and then shows the record in a framed box, its facts as name and value pairs."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.gui.feedback import failure_text
from desktop_app.gui.operations import Operations

MESSAGE, RECORD = 0, 1


def fact_labels(key: str) -> tuple[QLabel, QLabel]:
    """A fact's name (muted) and its value (selectable, so it can be copied), named after `key`."""
    name, value = QLabel(), QLabel()
    name.setObjectName("factName")
    value.setObjectName(key)
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return name, value


class DetailPanel(QWidget):
    """A panel puts its record's widgets in `body` and defines `fetch`, `show_record`, `nothing_selected`
    and `loading`; the screen calls `show_selected(key)` when its list's selection changes."""

    loaded = Signal(object)  # the key, once its record is shown

    def __init__(self, office, operations: Operations, *, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.office = office
        self.operations = operations
        self.key: Hashable | None = None  # what is selected (a class's code, a trainee's id)
        self.detail: Any = None  # its record, once it arrived
        self.stack = QStackedWidget()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyDetail")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)
        frame = QFrame()
        frame.setObjectName("detailFrame")
        self.body = QVBoxLayout(frame)
        self.body.setContentsMargins(12, 10, 12, 10)
        self.stack.addWidget(frame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # --- what each panel defines ---------------------------------------------------------------

    def fetch(self, key: Hashable) -> Callable[[], Any]:
        """The facade call that reads the record of `key`, for a worker thread."""
        raise NotImplementedError  # abstract: Qt's metaclass rules out abc on a QWidget

    def show_record(self, answer: Any) -> None:
        """The record of the selected key arrived (keep it in `self.detail`) and is to be shown."""
        raise NotImplementedError

    def nothing_selected(self) -> str:
        """The sentence while nothing is selected: how to choose something."""
        raise NotImplementedError

    def loading(self, key: Hashable) -> str:
        raise NotImplementedError

    def shown_key(self) -> Hashable | None:
        """The key of the record shown now (`self.detail`'s)."""
        raise NotImplementedError

    # --- provided ------------------------------------------------------------------------------

    def show_selected(self, key: Hashable | None) -> None:
        """Show the record of `key` (None: nothing selected), read in the background. The person
        may move through the list faster than the database answers: the last selection counts."""
        self.key = key
        if key is None:
            self.detail = None
            self.stack.setCurrentIndex(MESSAGE)
            self.empty_label.setText(self.nothing_selected())
            return
        if self.detail is None or self.shown_key() != key:
            self.detail = None
            self.stack.setCurrentIndex(MESSAGE)
            self.empty_label.setText(self.loading(key))
        self.operations.run(self, self.fetch(key), success=lambda answer: self._arrived(key, answer),
                            failure=lambda error: self._failed(key, error), latest="record")

    def reload(self) -> None:
        """Read the record shown again (it changed)."""
        if self.key is not None:
            self.show_selected(self.key)

    def _arrived(self, key: Hashable, answer: Any) -> None:
        if key != self.key:
            return  # the selection has moved on (to nothing, or elsewhere)
        self.stack.setCurrentIndex(RECORD)
        self.show_record(answer)
        self.loaded.emit(key)

    def _failed(self, key: Hashable, error: BaseException) -> None:
        if key != self.key:
            return
        self.detail = None
        self.stack.setCurrentIndex(MESSAGE)
        self.empty_label.setText(failure_text(error))

    def retranslate(self) -> None:
        """Subclasses set their words and call this (a panel is retranslated by its screen)."""
        if self.key is None:
            self.empty_label.setText(self.nothing_selected())
