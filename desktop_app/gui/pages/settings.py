"""Settings: language, where the data lives, and the provincial platform's address."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
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

    def __init__(self, *, language: str, database: str, data_dir: str, key_dir: str,
                 platform_url: str | None, parent: QWidget | None = None) -> None:
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
        self.storage_box.setTitle(self.tr("Data on this PC"))
        self.database_label.setText(self.tr("Database"))
        self.data_dir_label.setText(self.tr("Data folder"))
        self.key_dir_label.setText(self.tr("Encryption key folder"))
        self.key_note.setText(
            self.tr("Identity numbers, phones and bank accounts are encrypted with the key in this folder. "
                    "Back it up together with the database: without it they cannot be read.")
        )
        self.version_label.setText(self.tr("SkillDesk version %s") % __version__)
