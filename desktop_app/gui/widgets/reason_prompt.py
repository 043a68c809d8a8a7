"""The reason prompt: a change that the audit log keeps together with why it was made (a
certificate voided, a session moved, a name corrected, a full number shown).

The reason is required: OK waits for one, and OK pressed without one says what is missing under
the form. Then the prompt saves the change itself, a refusal written inline, busy until the answer
comes (see `SavingDialog`). Where the usual reasons are few and known, the prompt offers them in
an editable list (`reason_combo`, words set with `offer_reasons`), which the attendance mark
dialog uses for the reason for leave too."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from desktop_app.gui.operations import Operations
from desktop_app.gui.widgets.form_texts import hint_label
from desktop_app.gui.widgets.saving_dialog import SavingDialog

MAX_REASON_LENGTH = 200


def reason_combo(name: str, *, width: int, max_length: int = MAX_REASON_LENGTH) -> QComboBox:
    """An editable list of the usual reasons; what is typed that is not in it is kept as typed."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumWidth(width)
    combo.lineEdit().setMaxLength(max_length)
    return combo


def offer_reasons(combo: QComboBox, reasons: Sequence[str], placeholder: str) -> None:
    """The usual reasons in the language of the moment, keeping what was typed or chosen."""
    text = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(list(reasons))
    combo.setEditText(text)
    combo.blockSignals(False)
    combo.lineEdit().setPlaceholderText(placeholder)


class ReasonPrompt(SavingDialog):
    """`explanation` on top, the fields a subclass adds (`add_field`), the reason, the refusal line
    and OK/Cancel. A subclass builds its fields, calls `ask_reason()` last in its constructor, and
    defines `change()`, `reason_missing()` and `retranslate()`."""

    def __init__(self, operations: Operations, parent: QWidget | None = None, *, reason_name: str, width: int,
                 choices: bool = False, ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> None:
        super().__init__(operations, parent, ok=ok)
        self.explanation = hint_label()
        self.reason_label = QLabel()
        self.reason_combo: QComboBox | None = None
        if choices:
            self.reason_combo = reason_combo(reason_name, width=width)
            self.reason_edit = self.reason_combo.lineEdit()
            field: QWidget = self.reason_combo
        else:
            self.reason_edit = QLineEdit()
            self.reason_edit.setObjectName(reason_name)
            self.reason_edit.setMaxLength(MAX_REASON_LENGTH)
            self.reason_edit.setMinimumWidth(width)
            field = self.reason_edit
        self.reason_edit.textChanged.connect(self.form_changed)
        self.form.addRow(self.explanation)
        self.form.addRow(self.reason_label, field)

    def add_field(self, label: QLabel, field: QWidget) -> None:
        """A field of the change itself, above the reason."""
        self.form.insertRow(self.form.rowCount() - 1, label, field)

    def ask_reason(self, suggested: str = "") -> None:
        """The words, then the reason field as it starts (empty, or the suggested reason)."""
        self.retranslate()
        if self.reason_combo is not None:
            self.reason_combo.setCurrentIndex(-1)
        self.reason_edit.setText(suggested)
        self.form_changed()

    def reason(self) -> str:
        """The reason as one line, without surrounding spaces."""
        return " ".join(self.reason_edit.text().split())

    def reason_missing(self) -> str:
        """The sentence OK shows while no reason is written: why the reason is asked."""
        raise NotImplementedError

    def problem(self) -> str | None:
        return None if self.reason() else self.reason_missing()

    def can_submit(self) -> bool:
        return self.problem() is None
