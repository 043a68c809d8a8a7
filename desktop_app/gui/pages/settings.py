"""Settings: language, where the data lives, the provincial platform's address and the certificate printer offset."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__


class SettingsPage(QWidget):
    """Preferences are saved at once; the language applies live, no restart needed."""

    page_id = "settings"
    language_chosen = Signal(str)
    platform_url_chosen = Signal(str)
    certificate_offset_chosen = Signal(float, float)  # millimetres, right and up

    def __init__(self, *, language: str, database: str, data_dir: str, key_dir: str,
                 platform_url: str | None, certificate_offset_mm: tuple[float, float] = (0.0, 0.0),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_settings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)

        self.general_box = QGroupBox()
        general = QFormLayout(self.general_box)
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # Each language is named in itself, so a user who switched by mistake can switch back.
        self.language_combo.addItem("中文（简体）", "zh")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(0 if language == "zh" else 1)
        self.language_combo.currentIndexChanged.connect(
            lambda index: self.language_chosen.emit(self.language_combo.itemData(index))
        )
        general.addRow(self.language_label, self.language_combo)
        layout.addWidget(self.general_box)

        self.platform_box = QGroupBox()
        platform = QFormLayout(self.platform_box)
        self.platform_label = QLabel()
        row = QHBoxLayout()
        self.platform_edit = QLineEdit(platform_url or "")
        self.platform_edit.setObjectName("platformUrlEdit")
        self.platform_edit.setPlaceholderText("https://")
        self.platform_save = QPushButton()
        self.platform_save.clicked.connect(lambda: self.platform_url_chosen.emit(self.platform_edit.text().strip()))
        row.addWidget(self.platform_edit, 1)
        row.addWidget(self.platform_save)
        platform.addRow(self.platform_label, row)
        layout.addWidget(self.platform_box)

        # Pre-printed certificate stock: each printer places the page a little differently, so the
        # printed fields are shifted to land on the blanks. Saved at once, used for the next print.
        self.offset_box = QGroupBox()
        offset = QFormLayout(self.offset_box)
        self.offset_x_label, self.offset_y_label = QLabel(), QLabel()
        self.offset_x_spin, self.offset_y_spin = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value, name in ((self.offset_x_spin, certificate_offset_mm[0], "offsetXSpin"),
                                  (self.offset_y_spin, certificate_offset_mm[1], "offsetYSpin")):
            spin.setObjectName(name)
            spin.setRange(-20.0, 20.0)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setSuffix(" mm")
            spin.setMinimumWidth(110)
            spin.setMaximumWidth(140)
            spin.setValue(float(value))
            spin.valueChanged.connect(lambda _value: self.certificate_offset_chosen.emit(
                self.offset_x_spin.value(), self.offset_y_spin.value()))
        self.offset_note = QLabel()
        self.offset_note.setWordWrap(True)
        offset.addRow(self.offset_x_label, self.offset_x_spin)
        offset.addRow(self.offset_y_label, self.offset_y_spin)
        offset.addRow(self.offset_note)
        layout.addWidget(self.offset_box)

        self.storage_box = QGroupBox()
        storage = QFormLayout(self.storage_box)
        self.database_label, self.database_value = QLabel(), QLabel(database)
        self.data_dir_label, self.data_dir_value = QLabel(), QLabel(data_dir)
        self.key_dir_label, self.key_dir_value = QLabel(), QLabel(key_dir)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        for label, value in ((self.database_label, self.database_value), (self.data_dir_label, self.data_dir_value),
                             (self.key_dir_label, self.key_dir_value)):
            value.setWordWrap(True)
            storage.addRow(label, value)
        storage.addRow(self.key_note)
        layout.addWidget(self.storage_box)

        self.version_label = QLabel()
        layout.addWidget(self.version_label)
        layout.addStretch(1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        self.general_box.setTitle(self.tr("General"))
        self.language_label.setText(self.tr("Language"))
        self.platform_box.setTitle(self.tr("Provincial platform"))
        self.platform_label.setText(self.tr("Platform address"))
        self.platform_save.setText(self.tr("Save"))
        self.offset_box.setTitle(self.tr("Certificate printing offset"))
        self.offset_x_label.setText(self.tr("Horizontal (right +)"))
        self.offset_y_label.setText(self.tr("Vertical (up +)"))
        self.offset_note.setText(
            self.tr("Shifts everything printed on a certificate, to land on the blanks of pre-printed stock. "
                    "Print one test certificate on plain paper, hold it against the stock and measure how far "
                    "off it is. Saved at once; used for printing and exporting.")
        )
        self.storage_box.setTitle(self.tr("Data on this PC"))
        self.database_label.setText(self.tr("Database"))
        self.data_dir_label.setText(self.tr("Data folder"))
        self.key_dir_label.setText(self.tr("Encryption key folder"))
        self.key_note.setText(
            self.tr("Identity numbers, phones and bank accounts are encrypted with the key in this folder. "
                    "Back it up together with the database: without it they cannot be read.")
        )
        self.version_label.setText(self.tr("SkillDesk version %s") % __version__)
