"""Qt translations: our .qm (English source strings → Chinese) and Qt's own for standard dialogs."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app import messages, resources

_installed: list[QTranslator] = []


def qm_path(language: str):
    return resources.translations_dir() / f"skilldesk_{'zh_CN' if language == 'zh' else language}.qm"


def install_translators(app: QApplication, language: str) -> bool:
    """Switch the UI language (live: widgets receive a LanguageChange event and retranslate).

    Returns False when the translation file is missing, in which case the English source
    strings show; Chinese users would notice at once, so the caller logs it.
    """
    language = messages.normalise_language(language)
    messages.set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ok = True
    ours = QTranslator(app)
    if ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt_own = QTranslator(app)
    if any(qt_own.load("qtbase_zh_CN", folder) for folder in qt_translation_folders()):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    else:
        logging.getLogger(__name__).warning("Qt's own Chinese translation (qtbase_zh_CN.qm) not found")
    return ok


def qt_translation_folders() -> list[str]:
    """Where Qt's own .qm files may be: Qt's configured folder, else PySide6's package folder (a
    frozen bundle whose qt.conf points elsewhere still carries them there)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(package / "Qt" / "translations"),
            str(package / "translations")]


def _qt_strings_missing_from_qt() -> None:  # pragma: no cover - never called: lupdate reads it
    """Strings of Qt's own dialogs that Qt's Chinese (qtbase_zh_CN.qm) lacks: Qt added keyboard
    accelerators to them ("&Look in:") and the translation still has the old wording, so the file
    and print dialogs said "Look in:" in a Chinese window. Listed here in Qt's own contexts so our
    .qm carries them (zh_CN.json); Qt asks every installed translator, ours included."""
    translate = QCoreApplication.translate
    translate("QFileDialog", "&Look in:")
    translate("QFileDialog", "Files of &type:")
    translate("QPrintSettingsOutput", "Page &Set:")
    translate("QPageSetupWidget", "Page &order:")
    translate("QPageSetupWidget", "Pages &per sheet:")
