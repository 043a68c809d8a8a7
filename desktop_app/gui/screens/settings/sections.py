"""The sections of Settings that hold preferences: general (language, idle lock), the provincial
platform's address, the certificate printer's offset, and where the data lives on this PC.

Each section says what was chosen through a signal and saves nothing itself: the window saves
the preference and applies it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, \
    QPushButton, QSpinBox, QWidget

from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission
from desktop_app.gui.permissions import apply_permission

OFFSET_LIMIT_MM = 20.0  # how far the printed fields may be shifted, either way


class GeneralSection(QGroupBox):
    """The interface language (applied live) and the minutes of inactivity before the screen locks."""

    language_chosen = Signal(str)
    idle_minutes_chosen = Signal(int)

    def __init__(self, *, language: str, idle_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # Each language is named in itself, so a user who switched by mistake can switch back.
        self.language_combo.addItem("中文（简体）", "zh")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(0 if language == "zh" else 1)
        self.language_combo.currentIndexChanged.connect(
            lambda index: self.language_chosen.emit(self.language_combo.itemData(index)))
        form.addRow(self.language_label, self.language_combo)
        self.idle_label = QLabel()
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleMinutesSpin")
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setValue(int(idle_minutes))
        self.idle_spin.setMaximumWidth(140)
        self.idle_spin.valueChanged.connect(self.idle_minutes_chosen.emit)
        form.addRow(self.idle_label, self.idle_spin)

    def set_idle_minutes(self, minutes: int) -> None:
        """Show the period in force without announcing it as a new choice."""
        self.idle_spin.blockSignals(True)
        self.idle_spin.setValue(int(minutes))
        self.idle_spin.blockSignals(False)

    def retranslate(self) -> None:
        self.setTitle(self.tr("General"))
        self.language_label.setText(self.tr("Language"))
        self.idle_label.setText(self.tr("Lock after inactivity"))
        self.idle_spin.setSuffix(self.tr(" min"))


class PlatformSection(QGroupBox):
    """The provincial platform's address: where every upload goes, so only a role that may change
    the institution's settings may change it."""

    platform_url_chosen = Signal(str)

    def __init__(self, *, platform_url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.address_label = QLabel()
        self.address_edit = QLineEdit(platform_url or "")
        self.address_edit.setObjectName("platformUrlEdit")
        self.address_edit.setPlaceholderText("https://")
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.platform_url_chosen.emit(self.address_edit.text().strip()))
        row = QHBoxLayout()
        row.addWidget(self.address_edit, 1)
        row.addWidget(self.save_button)
        form.addRow(self.address_label, row)

    def apply_permissions(self, actor: Actor) -> None:
        for widget in (self.address_edit, self.save_button):
            apply_permission(widget, actor, Permission.MANAGE_SETTINGS)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Provincial platform"))
        self.address_label.setText(self.tr("Platform address"))
        self.save_button.setText(self.tr("Save"))


class PrinterOffsetSection(QGroupBox):
    """Pre-printed certificate stock: each printer places the page a little differently, so the
    printed fields are shifted to land on the blanks. Used for the next print."""

    offset_chosen = Signal(float, float)  # millimetres, right and up

    def __init__(self, *, offset_mm: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.x_label, self.y_label = QLabel(), QLabel()
        self.x_spin, self.y_spin = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value, name in ((self.x_spin, offset_mm[0], "offsetXSpin"), (self.y_spin, offset_mm[1], "offsetYSpin")):
            spin.setObjectName(name)
            spin.setRange(-OFFSET_LIMIT_MM, OFFSET_LIMIT_MM)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setSuffix(" mm")
            spin.setMinimumWidth(110)
            spin.setMaximumWidth(140)
            spin.setValue(float(value))
            spin.valueChanged.connect(lambda _value: self.offset_chosen.emit(self.x_spin.value(), self.y_spin.value()))
        self.note = QLabel()
        self.note.setWordWrap(True)
        form.addRow(self.x_label, self.x_spin)
        form.addRow(self.y_label, self.y_spin)
        form.addRow(self.note)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Certificate printing offset"))
        self.x_label.setText(self.tr("Horizontal (right +)"))
        self.y_label.setText(self.tr("Vertical (up +)"))
        self.note.setText(self.tr(
            "Shifts everything printed on a certificate, to land on the blanks of pre-printed stock. "
            "Print one test certificate on plain paper, hold it against the stock and measure how far "
            "off it is. Saved at once; used for printing and exporting."))


class StorageSection(QGroupBox):
    """Where the database, the data and the encryption key live on this PC (to back them up)."""

    def __init__(self, *, database: str, data_dir: str, key_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.database_label, self.database_value = QLabel(), QLabel(database)
        self.data_dir_label, self.data_dir_value = QLabel(), QLabel(data_dir)
        self.key_dir_label, self.key_dir_value = QLabel(), QLabel(key_dir)
        for label, value in ((self.database_label, self.database_value), (self.data_dir_label, self.data_dir_value),
                             (self.key_dir_label, self.key_dir_value)):
            value.setWordWrap(True)
            form.addRow(label, value)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        form.addRow(self.key_note)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Data on this PC"))
        self.database_label.setText(self.tr("Database"))
        self.data_dir_label.setText(self.tr("Data folder"))
        self.key_dir_label.setText(self.tr("Encryption key folder"))
        self.key_note.setText(self.tr(
            "Identity numbers, phones and bank accounts are encrypted with the key in this folder. "
            "Back it up together with the database: without it they cannot be read."))
