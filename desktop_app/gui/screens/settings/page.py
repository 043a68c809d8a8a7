"""Settings: language, idle lock, the institution (机构信息), accounts, backup and restore, the
provincial platform's address, the certificate printer offset and where the data lives.

Preferences are saved at once by the window (the screen only says what was chosen, through its
signals); the language applies live, no restart needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.gui.operations import Operations
from desktop_app.gui.screens.settings.accounts import AccountsSection
from desktop_app.gui.screens.settings.backup import BackupSection
from desktop_app.gui.screens.settings.institution import InstitutionSection
from desktop_app.gui.screens.settings.sections import GeneralSection, PlatformSection, PrinterOffsetSection, \
    StorageSection
from desktop_app.gui.widgets.page import ScreenPage
from desktop_app.services.changes import Area
from desktop_app.services.office import Office


class SettingsPage(ScreenPage):
    """The sections one above the other; the values in force come through the constructor."""

    exports_tables = False  # the accounts list is managed here, not a record to export

    page_id = "settings"
    shows = (Area.ACCOUNTS, Area.INSTITUTION)
    language_chosen = Signal(str)
    platform_url_chosen = Signal(str)
    certificate_offset_chosen = Signal(float, float)  # millimetres, right and up
    idle_minutes_chosen = Signal(int)

    def __init__(self, office: Office, operations: Operations, *, language: str, database: str, data_dir: str,
                 key_dir: str, platform_url: str | None, certificate_offset_mm: tuple[float, float] = (0.0, 0.0),
                 idle_minutes: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(office, operations, parent)
        self.setObjectName("page_settings")
        self.general = GeneralSection(language=language, idle_minutes=idle_minutes)
        self.general.language_chosen.connect(self.language_chosen)
        self.general.idle_minutes_chosen.connect(self.idle_minutes_chosen)
        self.institution = InstitutionSection(office, operations)
        self.accounts = AccountsSection(office, operations)
        self.backup = BackupSection(office, operations, data_dir=Path(data_dir), key_dir=Path(key_dir))
        self.platform = PlatformSection(platform_url=platform_url)
        self.platform.platform_url_chosen.connect(self.platform_url_chosen)
        self.printer = PrinterOffsetSection(offset_mm=certificate_offset_mm)
        self.printer.offset_chosen.connect(self.certificate_offset_chosen)
        self.storage = StorageSection(database=database, data_dir=data_dir, key_dir=key_dir)
        self.version_label = QLabel()

        # The sections scroll under the heading: together they are taller than a 720-pixel window,
        # and squeezed into it the accounts table and the longer notes were cut off.
        sections = QWidget()
        sections.setObjectName("settingsSections")
        column = QVBoxLayout(sections)
        column.setContentsMargins(0, 0, 12, 0)  # room for the scroll bar
        column.setSpacing(14)
        for section in self.sections():
            column.addWidget(section)
        column.addWidget(self.version_label)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("settingsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(sections)

        layout = self.page_layout(margins=(32, 28, 20, 28), spacing=14)
        layout.addWidget(self.notice)
        layout.addWidget(self.scroll, 1)
        self.retranslate()
        self.apply_permissions()

    def sections(self) -> tuple:
        return (self.general, self.institution, self.accounts, self.backup, self.platform, self.printer, self.storage)

    def title(self) -> str:
        return self.tr("Settings")

    def set_idle_minutes(self, minutes: int) -> None:
        """The idle-lock period in force (read at sign-in), shown without announcing a new choice."""
        self.general.set_idle_minutes(minutes)

    def apply_permissions(self) -> None:
        """Accounts only for a role that manages them; the platform address (where every upload goes)
        only for one that may change the institution's settings. Personal preferences stay open."""
        self.platform.apply_permissions(self.actor)
        self.backup.allowed()
        if self.accounts.allowed() | self.institution.allowed():
            self.mark_stale()  # the accounts and the institution are read when the screen is (or next is) shown

    def reload(self) -> None:
        if self.accounts.allowed():
            self.accounts.refresh()
        if self.institution.allowed():
            self.institution.refresh()

    def retranslate(self) -> None:
        super().retranslate()
        for section in self.sections():
            section.retranslate()
        self.version_label.setText(self.tr("SkillDesk version %s") % __version__)
        self.platform.apply_permissions(self.actor)  # refusal tooltips in the language of the moment
