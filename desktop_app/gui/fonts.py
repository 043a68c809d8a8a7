"""Registers the bundled CJK fonts so Chinese, rare name characters included, renders on any PC.

WenQuanYi Micro Hei is the UI face; it lacks CJK Extension A and the supplementary plane
(陈䶮, 𠮷), which real names hold (GB 18030-2022). The Hanazono subsets in resources/fonts are
registered as its fallbacks twice over: as the application font's family list (Qt tries the
families in order, character by character) and as font substitutions of the main family (for
widgets whose stylesheet or code names the family alone).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app import resources

UI_POINT_SIZE = 10

log = logging.getLogger(__name__)

# Font files already handed to Qt in this process: a second window (tests) must not map the
# 30 MB face again.
_added: dict[str, list[str]] = {}


def _add(path) -> list[str]:
    key = str(path)
    if key not in _added:
        font_id = QFontDatabase.addApplicationFont(key)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            return []
        _added[key] = families
    return _added[key]


def install_application_font(app: QApplication) -> str:
    """Register resources/fonts/<CJK font> and its name fallbacks; returns the main family used.

    A missing font file is not fatal for the window (the system font is used) but is logged,
    because certificates cannot be printed without it.
    """
    fallbacks: list[str] = []
    for path in resources.name_font_paths():
        families = _add(path)
        if families:
            fallbacks.append(families[0])
        else:
            log.warning("fallback font for rare name characters not loaded: %s", path)
    families = _add(resources.font_path())
    if not families:
        log.warning("bundled font not loaded: %s", resources.font_path())
        main = app.font().family()
    else:
        main = families[0]
    if fallbacks:
        QFont.insertSubstitutions(main, fallbacks)
    font = QFont(main, UI_POINT_SIZE)
    font.setFamilies([main, *fallbacks])
    app.setFont(font)
    return main


def font_chain(font: QFont | None = None) -> list[str]:
    """The families Qt tries for `font` (the application's by default), substitutions included."""
    font = font or QApplication.font()
    families = font.families() or [font.family()]
    chain: list[str] = []
    for name in [*families, *(substitute for family in families for substitute in QFont.substitutes(family))]:
        if name.casefold() not in (known.casefold() for known in chain):
            chain.append(name)
    return chain
