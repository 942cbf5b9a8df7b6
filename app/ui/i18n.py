"""Loading the UI translations: Cobranza's own (resources/translations/cobranza_<lang>.qm) and Qt's
(standard buttons and dialogs). English is the source language; its file only has the plural forms."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("es", "en")
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Replace the installed translators with those for `language`; True when Cobranza's was found."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish if language == "es" else QLocale.Language.English))
    found = False
    own = QTranslator(app)
    if own.load(f"cobranza_{language}", str(translations_dir())):
        app.installTranslator(own)
        _installed.append(own)
        found = True
    if language == "en":  # the source language; its file only holds plural forms
        return found
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found


def current_language() -> str:
    return "es" if QLocale().language() == QLocale.Language.Spanish else "en"
