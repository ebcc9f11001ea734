"""Qt translations: zh_CN by default, English on request (settings key ui/language)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator

from fieldapp.core.paths import resource_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}


def current_language() -> str:
    lang = QSettings().value("ui/language", "zh_CN")
    return lang if lang in LANGUAGES else "zh_CN"


def form_language() -> str:
    """The language of checklist labels: the forms carry Chinese and English."""
    return "en" if current_language() == "en" else "zh"


def install_translators(app, language: str | None = None) -> list[QTranslator]:
    """Load our .qm and Qt's own (standard buttons) for the language; keep them alive."""
    language = language or current_language()
    installed = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resource_dir() / "i18n" / f"fieldapp_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return installed
