"""Registers the bundled CJK font so Chinese renders on PCs that have no Chinese font installed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app import resources

UI_POINT_SIZE = 10


def install_application_font(app: QApplication) -> str:
    """Register resources/fonts/<CJK font> and make it the default; returns the family used.

    A missing font file is not fatal for the window (the system font is used) but is logged,
    because certificates cannot be printed without it.
    """
    font_id = QFontDatabase.addApplicationFont(str(resources.font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        import logging

        logging.getLogger(__name__).warning("bundled font not loaded: %s", resources.font_path())
        return app.font().family()
    font = QFont(families[0], UI_POINT_SIZE)
    app.setFont(font)
    return families[0]
