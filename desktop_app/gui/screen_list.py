"""The screens of the main window, in navigation order, and how each is built: the one place that
names them. The window knows screens only through the `ScreenPage` contract (gui/widgets/page.py);
what a single screen needs beyond the facade and the operations helper is given here, from the
`ScreenContext`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.config import Settings
from desktop_app.preferences import Preferences
from desktop_app.screen_ids import SCREEN_IDS  # navigation order; the command line reads it there, without the GUI

if TYPE_CHECKING:  # this module imports no Qt at load
    from PySide6.QtWidgets import QWidget

    from desktop_app.gui.operations import Operations
    from desktop_app.services.office import Office


@dataclass(frozen=True)
class ScreenContext:
    """What a screen may be given when it is built."""

    office: "Office"
    operations: "Operations"
    settings: Settings
    preferences: Preferences
    platform_url: Callable[[], str | None]  # the registered address, else (to register) the settings one


ScreenFactory = Callable[[ScreenContext], "QWidget"]


def screen_factories() -> list[tuple[str, ScreenFactory]]:
    """(screen id, how to build it), in navigation order."""
    from desktop_app.gui.screens.attendance import AttendancePage
    from desktop_app.gui.screens.audit import AuditPage
    from desktop_app.gui.screens.certificates import CertificatesPage
    from desktop_app.gui.screens.classes import ClassesPage
    from desktop_app.gui.screens.reports import ReportsPage  # a placeholder until it is built
    from desktop_app.gui.screens.settings import SettingsPage
    from desktop_app.gui.screens.trainees import TraineesPage
    from desktop_app.gui.screens.upload import UploadPage

    def settings_page(context: ScreenContext) -> "QWidget":
        settings, preferences = context.settings, context.preferences
        return SettingsPage(
            context.office, context.operations,
            language=settings.language,
            database=str(settings.sqlite_path) if settings.sqlite_path else context.office.database_name,
            data_dir=str(settings.data_dir),
            key_dir=str(settings.key_dir),
            platform_url=settings.platform_url,
            certificate_offset_mm=preferences.certificate_offset_mm,
            idle_minutes=int(preferences.idle_lock_minutes),
        )

    factories: list[tuple[str, ScreenFactory]] = [
        ("classes", lambda c: ClassesPage(c.office, c.operations)),
        ("trainees", lambda c: TraineesPage(c.office, c.operations)),
        ("attendance", lambda c: AttendancePage(c.office, c.operations)),
        ("certificates", lambda c: CertificatesPage(c.office, c.operations,
                                                    offset_mm=c.preferences.certificate_offset_mm)),
        ("sync", lambda c: UploadPage(c.office, c.operations, platform_url=c.platform_url)),
        ("audit", lambda c: AuditPage(c.office, c.operations)),
        ("reports", lambda c: ReportsPage(c.office, c.operations)),
        ("settings", settings_page),
    ]
    assert tuple(screen_id for screen_id, _ in factories) == SCREEN_IDS
    return factories
