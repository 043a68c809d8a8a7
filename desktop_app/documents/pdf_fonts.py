"""The one place that gives ReportLab its Chinese font: the bundled WenQuanYi Micro Hei, embedded.

ReportLab cannot embed CFF-outline fonts, and its built-in STSong-Light CID font is never
embedded (blank text on machines without it), so every PDF we make uses the TrueType face of
resources/fonts/wqy-microhei.ttc, subset into the file. ReportLab has no font fallback: a
character the face lacks prints as an empty box, so callers check text with
`missing_glyphs()` and tell the person instead of printing boxes silently.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from pathlib import Path
from typing import Callable, ParamSpec, TypeVar

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app import resources
from desktop_app.messages import UserFacingError, register

__all__ = ["CJK_FONT_NAME", "FontMissingError", "cjk_font", "is_invisible", "missing_glyphs", "register_cjk_font",
           "one_document_at_a_time", "reset_font_cache"]

register(
    {
        "pdf.font_missing": (
            "找不到打印用的中文字体文件“{path}”，无法生成 PDF。请重新安装本软件（安装包自带该字体）。",
            "The Chinese font file needed for printing, “{path}”, is missing, so no PDF can be made. Reinstall "
            "SkillDesk (the installer ships the font).",
        ),
        "pdf.font_unreadable": (
            "打印用的中文字体文件“{path}”无法读取（{reason}），无法生成 PDF。请重新安装本软件。",
            "The Chinese font file needed for printing, “{path}”, cannot be read ({reason}), so no PDF can be "
            "made. Reinstall SkillDesk.",
        ),
    }
)

# The name the face is registered under in ReportLab (also the base of the embedded subset names).
CJK_FONT_NAME = "WenQuanYiMicroHei"

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
# ReportLab's TrueType face is shared by every document: drawing text records the glyphs a
# document uses in the face's state, and saving reads the font file through one shared
# position to build the subset. Two documents made at once interleave those reads (a KeyError
# in `ttfonts.makeSubset`, or a damaged PDF), so a whole document is made under this lock.
# Re-entrant: a render may call another render's helpers.
_render_lock = threading.RLock()
_font: TTFont | None = None
_font_source: Path | None = None


class FontMissingError(UserFacingError):
    """The bundled CJK font file is missing or unreadable; `params["path"]` names it."""


def register_cjk_font() -> str:
    """Register the bundled font with ReportLab (once per process) and return the name to use."""
    cjk_font()
    return CJK_FONT_NAME


def cjk_font() -> TTFont:
    """The registered TTFont, for width and glyph queries; registers it on first use."""
    global _font, _font_source
    path = resources.font_path()
    with _lock:
        if _font is not None and _font_source == path:
            return _font
        if not path.is_file():
            raise FontMissingError("pdf.font_missing", path=str(path))
        try:
            font = TTFont(CJK_FONT_NAME, str(path), subfontIndex=resources.FONT_SUBFONT_INDEX)
        except Exception as exc:  # TTFError, OSError, struct errors on a damaged file
            raise FontMissingError("pdf.font_unreadable", path=str(path), reason=_reason(exc)) from exc
        # Registering again under the same name replaces the earlier face (a test that moved
        # SKILLDESK_HOME); ReportLab looks fonts up by name when a page is drawn.
        pdfmetrics.registerFont(font)
        _font, _font_source = font, path
        return font


def one_document_at_a_time(render: Callable[P, R]) -> Callable[P, R]:
    """Decorate a function that makes a whole PDF: it runs under the render lock, start to `save()`."""

    @functools.wraps(render)
    def serialised(*args: P.args, **kwargs: P.kwargs) -> R:
        with _render_lock:
            return render(*args, **kwargs)

    return serialised


def reset_font_cache() -> None:
    """Forget the registered face, so that the next call looks for the file again (tests)."""
    global _font, _font_source
    with _render_lock, _lock:
        _font = None
        _font_source = None


def is_invisible(char: str) -> bool:
    """Characters that print as nothing and need no glyph: format controls, variation selectors."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True
    return unicodedata.category(char) in ("Cf", "Cc")


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of `text` the font cannot draw, in order of appearance.

    Spaces and invisible characters (see `is_invisible`) are not counted.
    """
    glyphs = cjk_font().face.charToGlyph
    missing: list[str] = []
    for char in text:
        if char.isspace() or is_invisible(char) or char in missing:
            continue
        if ord(char) not in glyphs:
            missing.append(char)
    return missing


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc).strip() or type(exc).__name__
    return text[:200]
