"""Composition root of the window: settings → database → services → Qt application and window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from desktop_app import messages
from desktop_app.bootstrap import open_office
from desktop_app.config import Settings

log = logging.getLogger(__name__)


def _prepare_platform(headless: bool) -> None:
    # A screenshot needs no screen: Qt's offscreen platform renders the same widgets to memory.
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def create_application():
    """The QApplication with the bundled CJK font and the theme; translations are installed by
    `build_window`."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.fonts import install_application_font
    from desktop_app.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SkillDesk")
    app.setOrganizationName("SkillDesk")
    install_application_font(app)
    apply_theme(app)
    return app


def build_window(app, settings: Settings, *, page: str = "classes"):
    """Open the database and build the main window on `page` (not yet shown); returns it.

    Raises UserFacingError when the database cannot be opened safely.
    """
    from desktop_app.gui.i18n import install_translators
    from desktop_app.gui.main_window import MainWindow

    if not install_translators(app, settings.language):
        log.warning("translation file missing for %s", settings.language)
    office = open_office(settings)
    window = MainWindow(office, settings)
    window.language_changed.connect(lambda language: install_translators(app, language))
    window.show_page(page)
    return window


def run_gui(settings: Settings, *, page: str = "classes", screenshot: Path | None = None) -> int:
    """Open the window (or render one page to a PNG and exit). Returns the process exit code."""
    _prepare_platform(headless=screenshot is not None)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    app = create_application()
    try:
        window = build_window(app, settings, page=page)
    except messages.UserFacingError as error:
        # The most common start-up failures (lost key, damaged file, newer database) are
        # explained in a dialog; the window does not open over data it cannot read safely.
        if screenshot is None:
            QMessageBox.critical(None, "SkillDesk", error.message())
        print(error.message(), file=sys.stderr)
        return error.exit_code
    office = window.office
    if screenshot is None and not start_session(window, settings):
        # Nobody signed in (or the first-run wizard was cancelled): nothing was opened for use.
        window.tasks.wait_for_done()
        office.close()
        return 0
    window.show()
    try:
        if screenshot is not None:
            return save_screenshot(app, window, screenshot)
        # The daily backup, in the background: a PC left on for days still gets one a day.
        window.tasks.run(lambda: daily_backup(office, settings), on_failure=lambda error: None)
        daily_timer = QTimer(window)
        daily_timer.timeout.connect(
            lambda: window.tasks.run(lambda: daily_backup(office, settings), on_failure=lambda error: None))
        daily_timer.start(60 * 60 * 1000)
        return app.exec()
    finally:
        window.tasks.wait_for_done()
        office.close()
        if screenshot is None:
            backup_after_close(office, settings)


def start_session(window, settings: Settings) -> bool:
    """Sign in (or run the first-run wizard), then arm the idle lock with the chosen period and the
    card reader's burst recognition.
    False when the person gave up. The screenshot path never comes here: it stays non-interactive."""
    from desktop_app.gui.login import sign_in_at_start

    if not sign_in_at_start(window.office, window.operations):
        return False
    window.arm_idle_lock()
    window.arm_card_reader()
    return True


def daily_backup(office, settings: Settings) -> None:
    """A daily backup when one is due (SQLite only); failures are logged, never shown as errors
    in the middle of someone's work."""
    try:
        office.backups.backup_if_due(settings.data_dir)
    except Exception:  # noqa: BLE001 - a backup problem must not interrupt the user
        log.exception("daily backup failed")


def backup_after_close(office, settings: Settings) -> None:
    """The automatic, rotating backup once the window has closed (SQLite only). A failure is
    logged and never stops the exit: the data itself is safe in the database."""
    try:
        info = office.backups.backup_on_close(settings.data_dir)
        if info is not None:
            log.info("automatic %s backup written to %s", info.kind, info.path)
    except Exception:
        log.exception("automatic backup after closing the window failed")


def save_screenshot(app, window, path: Path) -> int:
    """Let pending background results arrive, then grab the window into a PNG."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(5000)
    while window.tasks.pending and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    app.processEvents()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(messages.render("gui.screenshot_failed", path=path), file=sys.stderr)
        return 1
    print(messages.render("cli.screenshot.saved", path=path))
    return 0


messages.register(
    {"gui.screenshot_failed": ("无法保存截图到 {path}。请检查文件夹是否存在、是否有写入权限。",
                               "Could not save the screenshot to {path}. Check the folder exists and is writable.")}
)
