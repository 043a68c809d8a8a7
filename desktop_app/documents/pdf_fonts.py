"""The one place that gives ReportLab its Chinese fonts: WenQuanYi Micro Hei and its fallbacks, embedded.

ReportLab cannot embed CFF-outline fonts, and its built-in STSong-Light CID font is never
embedded (blank text on machines without it), so every PDF we make uses the TrueType face of
resources/fonts/wqy-microhei.ttc, subset into the file. WenQuanYi lacks CJK Extension A and
the supplementary plane, which real names hold (陈䶮, 𠮷), and ReportLab has no font fallback
of its own, so `font_for()` picks, character by character, the first face of the chain
main → Hanazono A (BMP) → Hanazono B (plane 2) that has it; pdf_text draws runs of one face
each. The fallback faces are read only when a text needs them (face B is 30 MB). A character
no face has prints as an empty box, so callers check text with `missing_glyphs()` and tell
the person instead of printing boxes silently.
"""

from __future__ import annotations

import functools
import logging
import threading
import unicodedata
from pathlib import Path
from typing import Callable, ParamSpec, TypeVar

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app import resources
from desktop_app.messages import UserFacingError, register

__all__ = ["CJK_FONT_NAME", "FALLBACK_FONT_NAMES", "FontMissingError", "cjk_font", "font_for", "is_invisible",
           "missing_glyphs", "one_document_at_a_time", "register_cjk_font", "reset_font_cache"]

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
# The fallback faces' ReportLab names, in resources.NAME_FONT_FILES order: A for the BMP, B for plane 2.
FALLBACK_FONT_NAMES = ("SkillDeskHanazonoA", "SkillDeskHanazonoB")

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
# Fallback faces by index; None = looked for and not usable (logged once), absent = not yet read.
_fallbacks: dict[int, TTFont | None] = {}

_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap with destinations in UTF-16BE, as the PDF specification wants.

    ReportLab writes each destination as `%04X`, which for a supplementary-plane character
    (𠮷 U+20BB7) gives five digits that readers cut to four: copying or searching the PDF
    then yields a wrong character although the right glyph is drawn. A surrogate pair fixes it.
    """
    cmap = _reportlab_to_unicode(fontname, subset)
    if all(code <= 0xFFFF for code in subset):
        return cmap
    lines = cmap.split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    for index, code in enumerate(subset):
        lines[start + index] = f"<{index:02X}> <{_utf16_hex(code)}>"
    return "\n".join(lines)


# ReportLab looks the function up as a module global when it writes each font subset.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


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
    """Forget the registered faces, so that the next call looks for the files again (tests)."""
    global _font, _font_source
    with _render_lock, _lock:
        _font = None
        _font_source = None
        _fallbacks.clear()


def _fallback(index: int) -> TTFont | None:
    """Fallback face `index`, read and registered on first use; None when its file is unusable.

    A missing fallback is not fatal: the characters it would draw are reported as missing,
    like any character no face has.
    """
    with _lock:
        if index in _fallbacks:
            return _fallbacks[index]
        path = resources.name_font_paths()[index]
        font: TTFont | None = None
        try:
            font = TTFont(FALLBACK_FONT_NAMES[index], str(path))
            pdfmetrics.registerFont(font)
        except Exception:  # missing or damaged file: OSError, TTFError
            logging.getLogger(__name__).warning("fallback font not usable: %s", path, exc_info=True)
            font = None
        _fallbacks[index] = font
        return font


def font_for(char: str) -> TTFont | None:
    """The first face of the chain that draws `char`; None when none does."""
    code = ord(char)
    main = cjk_font()
    if code in main.face.charToGlyph:
        return main
    fallback = _fallback(0 if code <= 0xFFFF else 1)
    if fallback is not None and code in fallback.face.charToGlyph:
        return fallback
    return None


def is_invisible(char: str) -> bool:
    """Characters that print as nothing and need no glyph: format controls, variation selectors."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True
    return unicodedata.category(char) in ("Cf", "Cc")


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of `text` no face of the chain can draw, in order of appearance.

    Spaces and invisible characters (see `is_invisible`) are not counted.
    """
    glyphs = cjk_font().face.charToGlyph
    missing: list[str] = []
    for char in text:
        if char.isspace() or is_invisible(char) or char in missing or ord(char) in glyphs:
            continue
        if font_for(char) is None:
            missing.append(char)
    return missing


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc).strip() or type(exc).__name__
    return text[:200]
