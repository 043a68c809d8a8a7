"""The printer offset for certificates as saved in settings.json.

It stays here until the typed Preferences object (desktop_app/preferences.py) reads it for the
window and the command line alike; the screen itself only receives the offset (`offset_mm=`,
`set_offset`)."""

from __future__ import annotations

import math

from desktop_app import config
from desktop_app.config import Settings

OFFSET_PREFERENCE = "certificate_offset_mm"
OFFSET_LIMIT_MM = 20.0


def stored_certificate_offset(settings: Settings) -> tuple[float, float]:
    """The printer offset saved in settings.json as [x, y] millimetres; (0, 0) when absent or unusable."""
    value = config.read_settings_file(settings.settings_file).get(OFFSET_PREFERENCE)
    try:
        x, y = (float(part) for part in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return (0.0, 0.0)
    if not all(math.isfinite(part) and abs(part) <= OFFSET_LIMIT_MM for part in (x, y)):
        return (0.0, 0.0)
    return (x, y)
