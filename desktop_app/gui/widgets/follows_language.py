"""The one retranslate hook: a screen (through ScreenPage) or a dialog sets every visible string in
`retranslate()`, which is called again on each language change. A tab or panel inside a screen
has no hook of its own: the screen's `retranslate` calls the panel's, so nothing is set twice."""

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
