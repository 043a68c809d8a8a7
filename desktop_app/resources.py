"""Named loaders for shipped assets, so a checkout and a frozen (PyInstaller) bundle find them alike."""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"
# WenQuanYi Micro Hei's .ttc holds two faces; index 0 is the proportional one used for UI and print.
FONT_SUBFONT_INDEX = 0
FONT_FAMILY = "WenQuanYi Micro Hei"
# Fallback faces for the rare characters of real names (CJK Extension A, Extensions B–F) that
# WenQuanYi lacks: subsets of Hanazono Mincho (tools/build_name_fonts.py), TrueType outlines.
NAME_FONT_FILES = ("hanazono-names-a.ttf", "hanazono-names-b.ttf")
NAME_FONT_FAMILIES = ("SkillDesk Hanazono A", "SkillDesk Hanazono B")


@cache
def root() -> Path:
    """The folder holding `resources/` and `migrations/`.

    SKILLDESK_HOME overrides; a PyInstaller bundle unpacks them beside the executable's
    support files (sys._MEIPASS); a checkout has them next to the package.
    """
    override = os.environ.get("SKILLDESK_HOME")
    if override:
        return Path(override)
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return root() / "resources"


def migrations_dir() -> Path:
    return root() / "migrations"


def font_path() -> Path:
    return resources_dir() / "fonts" / FONT_FILE


def name_font_paths() -> list[Path]:
    """The fallback faces for rare name characters, in the order they are tried."""
    return [resources_dir() / "fonts" / name for name in NAME_FONT_FILES]


def translations_dir() -> Path:
    return resources_dir() / "translations"


def help_dir(language: str) -> Path:
    """The help pages (Markdown, one per screen and `index.md` for the workflow) in `language`."""
    return resources_dir() / "help" / ("en" if language == "en" else "zh")


def template_path(name: str) -> Path:
    return resources_dir() / "templates" / name


def reference_path(name: str) -> Path:
    return resources_dir() / "reference" / name


def load_reference(name: str) -> dict:
    """A bundled reference-data document (occupations.json, policies.json …) as parsed JSON."""
    with reference_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"
