"""The one retranslate hook for dialogs and panels (screens get it from ScreenPage)."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class FollowsLanguage:
    """Mixin placed before the Qt class in the bases: a widget that sets every visible string in
    `retranslate()` has it called again on each language change."""

    def retranslate(self) -> None:  # pragma: no cover - every user defines it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
