"""The audit screen's conditions: person, class, a date range and words of the action."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.china_time import china_moment
from desktop_app.gui.widgets.date_field import DateField
from desktop_app.services.audit_log import AuditFilterChoices


class AuditFilters(QWidget):
    """Two rows of conditions. Choosing a person, a class or a date asks again at once (`changed`);
    typed action words on Enter or “Search”."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_label = QLabel()
        self.person_label.setObjectName("fieldLabel")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("personFilter")
        self.person_combo.setMinimumContentsLength(8)
        self.class_label = QLabel()
        self.class_label.setObjectName("fieldLabel")
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classFilter")
        self.class_combo.setMinimumContentsLength(18)
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # The log's dates are China dates (the filter is applied in China time), whatever the PC's zone.
        today = china_moment(datetime.now(timezone.utc)).date()
        self.from_check = QCheckBox()
        self.from_check.setObjectName("fromCheck")
        # The dates that cannot lie (typing a full date sets that date; weekday beside it).
        self.from_date = DateField(today - timedelta(days=30))
        self.from_date.setObjectName("fromDate")
        self.to_check = QCheckBox()
        self.to_check.setObjectName("toCheck")
        self.to_date = DateField(today)
        self.to_date.setObjectName("toDate")
        for edit in (self.from_date, self.to_date):
            edit.setEnabled(False)
        self.action_label = QLabel()
        self.action_label.setObjectName("fieldLabel")
        self.action_edit = QLineEdit()
        self.action_edit.setObjectName("actionFilter")
        self.action_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton()
        self.search_button.setObjectName("searchAuditButton")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearFiltersButton")

        first = QHBoxLayout()
        first.addWidget(self.person_label)
        first.addWidget(self.person_combo, 1)
        first.addSpacing(8)
        first.addWidget(self.class_label)
        first.addWidget(self.class_combo, 2)
        first.addSpacing(8)
        first.addWidget(self.from_check)
        first.addWidget(self.from_date)
        first.addWidget(self.to_check)
        first.addWidget(self.to_date)
        second = QHBoxLayout()
        second.addWidget(self.action_label)
        second.addWidget(self.action_edit, 1)
        second.addWidget(self.search_button)
        second.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(first)
        layout.addLayout(second)

        self.person_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.class_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.from_check.toggled.connect(self._date_toggled)
        self.to_check.toggled.connect(self._date_toggled)
        self.from_date.changed.connect(lambda _date: self.changed.emit())
        self.to_date.changed.connect(lambda _date: self.changed.emit())
        self.action_edit.returnPressed.connect(self.changed)
        self.search_button.clicked.connect(self.changed)
        self.clear_button.clicked.connect(self.clear)

    def chosen(self) -> dict:
        """What the clerk chose, as keyword arguments of the facade's audit_entries / export_audit."""
        chosen: dict = {}
        user_id = self.person_combo.currentData()
        if user_id is not None:
            chosen["user_id"] = user_id
        code = self.class_combo.currentData()
        if code:
            chosen["class_code"] = code
        if self.from_check.isChecked() and self.from_date.value() is not None:
            chosen["date_from"] = self.from_date.value()
        if self.to_check.isChecked() and self.to_date.value() is not None:
            chosen["date_to"] = self.to_date.value()
        text = self.action_edit.text().strip()
        if text:
            chosen["action"] = text
        return chosen

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        """Set both date bounds at once (None: no bound) and ask once."""
        for check, edit, value in ((self.from_check, self.from_date, date_from), (self.to_check, self.to_date, date_to)):
            for widget in (check, edit):
                widget.blockSignals(True)
            check.setChecked(value is not None)
            edit.setEnabled(value is not None)
            if value is not None:
                edit.setDate(value)
            for widget in (check, edit):
                widget.blockSignals(False)
        self.changed.emit()

    def _date_toggled(self, _checked: bool) -> None:
        self.from_date.setEnabled(self.from_check.isChecked())
        self.to_date.setEnabled(self.to_check.isChecked())
        self.changed.emit()

    def clear(self) -> None:
        """Every condition back to “any”, and ask once."""
        widgets = (self.person_combo, self.class_combo, self.from_check, self.to_check, self.action_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.person_combo.setCurrentIndex(0)
        self.class_combo.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        self.action_edit.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def set_choices(self, choices: AuditFilterChoices) -> None:
        """The people and classes that can be chosen; what was chosen stays chosen, silently."""
        person, code = self.person_combo.currentData(), self.class_combo.currentData()
        for combo in (self.person_combo, self.class_combo):
            combo.blockSignals(True)
            combo.clear()
        self.person_combo.addItem(self.tr("Everyone"), None)
        for user in choices.users:
            self.person_combo.addItem(user.display_name, user.id)
            self.person_combo.setItemData(self.person_combo.count() - 1, user.username, Qt.ItemDataRole.ToolTipRole)
        self.class_combo.addItem(self.tr("All classes"), None)
        for row in choices.classes:
            self.class_combo.addItem(f"{row.code}  {row.name}", row.code)
            self.class_combo.setItemData(self.class_combo.count() - 1, row.name, Qt.ItemDataRole.ToolTipRole)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(person)))
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(code)))
        for combo in (self.person_combo, self.class_combo):
            combo.blockSignals(False)

    def retranslate(self) -> None:
        self.person_label.setText(self.tr("Person"))
        self.class_label.setText(self.tr("Class"))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("To"))
        self.action_label.setText(self.tr("Action"))
        self.action_edit.setPlaceholderText(self.tr("Words of the action, e.g. certificate, export, reveal; "
                                                    "press Enter"))
        self.search_button.setText(self.tr("Search"))
        self.clear_button.setText(self.tr("Clear conditions"))
        self.from_date.retranslate()
        self.to_date.retranslate()
        if self.person_combo.count():
            self.person_combo.setItemText(0, self.tr("Everyone"))
        if self.class_combo.count():
            self.class_combo.setItemText(0, self.tr("All classes"))
