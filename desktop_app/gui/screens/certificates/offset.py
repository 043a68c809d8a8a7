"""The printer offset for certificates as saved in settings.json, read through the checked
Preferences (desktop_app/preferences.py), as the command line reads it. The screen itself only
receives the offset (`offset_mm=`, `set_offset`)."""

from __future__ import annotations

from desktop_app.config import Settings
from desktop_app.preferences import Preferences


def stored_certificate_offset(settings: Settings) -> tuple[float, float]:
    """The printer offset saved in settings.json as [x, y] millimetres; (0, 0) when absent or unusable."""
    return Preferences.load(settings.settings_file).certificate_offset_mm
