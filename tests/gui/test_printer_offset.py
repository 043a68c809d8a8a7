"""The printer offset for certificates, across the window: chosen on the settings page, saved at once
to settings.json, handed to the certificates screen, and read back by the next window.

(The certificates screen's own part — printing and exporting with the offset it was given — is in
tests/gui/screens/certificates/.)"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desktop_app.gui.i18n import install_translators
from desktop_app.gui.screens.certificates import stored_certificate_offset
from tests.services.test_attendance import running  # noqa: F401  (fixture: a class in training)
from tests.services.test_certificates import completed  # noqa: F401  (fixture: its results entered)

WAIT = 20_000


@pytest.fixture
def window(qtbot, qapp, office, settings, completed):  # noqa: F811
    from desktop_app.gui.main_window import MainWindow  # here, not above: see tests/gui/conftest.py

    install_translators(qapp, "zh")
    window = MainWindow(office, settings)
    window.resize(1280, 860)
    window.show()
    window.show_page("certificates")
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    yield window
    window.tasks.wait_for_done()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=WAIT)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    install_translators(qapp, "zh")


def test_the_printer_offset_is_saved_at_once_and_read_back(qtbot, qapp, window, settings, office):
    settings_page = window.pages["settings"]
    settings_page.printer.x_spin.setValue(2.5)
    settings_page.printer.y_spin.setValue(-1.0)
    stored = json.loads(settings.settings_file.read_text(encoding="utf-8"))
    assert stored["certificate_offset_mm"] == [2.5, -1.0]
    assert window.pages["certificates"].offset_mm == (2.5, -1.0)
    assert stored_certificate_offset(settings) == (2.5, -1.0)
    assert settings_page.printer.x_spin.maximum() == 20 and settings_page.printer.x_spin.singleStep() == 0.5
    again = type(window)(office, settings)  # the next start of SkillDesk
    try:
        assert again.pages["settings"].printer.x_spin.value() == 2.5
        assert again.pages["settings"].printer.y_spin.value() == -1.0
        assert again.pages["certificates"].offset_mm == (2.5, -1.0)
    finally:
        again.tasks.wait_for_done()
        qtbot.waitUntil(lambda: again.tasks.pending == 0, timeout=WAIT)
        again.close()
        again.deleteLater()
