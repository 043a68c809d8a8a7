"""Setting Chinese text into boxes on a ReportLab canvas: measure, shrink, wrap, draw — never cut.

Shared by the printed documents (sign-in sheets, certificates). Widths come straight from the
bundled faces (pdf_fonts), so no ReportLab font lookup happens per string. A text too
wide for its box is set smaller; below a comfortable size it is balanced over several lines,
preferring breaks after a name separator (·) or a space. A character the main face lacks is
drawn in the first fallback face that has it (a run of one face per drawString); one no face
has is drawn as an empty frame one em wide, to be completed by hand; callers report it
(`missing_glyphs`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from desktop_app.documents.pdf_fonts import cjk_font, font_for, is_invisible, register_cjk_font

__all__ = ["COMFORTABLE", "LEADING", "Fit", "TextSetter", "balanced_lines", "clean_text", "floor_size"]

LEADING = 1.18  # line height as a multiple of the font size
COMFORTABLE = 8.0  # pt: a one-line text is set no smaller than this before more lines are tried

_SPACES = re.compile(r"\s+")
_SELECTORS = re.compile("[\uFE00-\uFE0F\U000E0100-\U000E01EF]")  # variation selectors: printable, invisible
_BREAK_AFTER = frozenset("·・•‧ -－/、，,（(")


@dataclass
class Fit:
    """The size a text is set at, and its lines (one unless it had to wrap)."""

    size: float
    lines: list[str]


def clean_text(text: object) -> str:
    """One line of printable text: whitespace runs as one space, invisible characters dropped."""
    text = "" if text is None else str(text)
    if not text.isprintable() or _SELECTORS.search(text):  # the usual text skips the scan
        text = "".join(char for char in text if char.isspace() or not is_invisible(char))
    return _SPACES.sub(" ", text).strip()


def floor_size(size: float) -> float:
    """Sizes in quarter points, rounded down: stable output and never a hair too wide."""
    return max(int(size * 4) / 4, 0.25)


class TextSetter:
    """Measures and draws single lines in the CJK font on one canvas; remembers glyph widths."""

    def __init__(self, canvas: Canvas, font_name: str | None = None) -> None:
        self.canvas = canvas
        self.font_name = font_name or register_cjk_font()
        self.face = cjk_font().face
        self.glyphs = self.face.charToGlyph
        self._units: dict[str, float] = {}
        # The ReportLab font name drawing each character the main face lacks ("" = none does).
        self._fallback_names: dict[str, str] = {}

    # -- measuring

    def _unit(self, char: str) -> float:
        """The advance of `char` at 1 pt; a missing glyph takes a full em (its frame)."""
        width = self._units.get(char)
        if width is None:
            code = ord(char)
            if code in self.glyphs:
                width = self.face.getCharWidth(code) / 1000.0
            else:
                font = font_for(char)
                width = font.face.getCharWidth(code) / 1000.0 if font is not None else 1.0
            self._units[char] = width
        return width

    def width(self, text: str, size: float) -> float:
        return sum(self._unit(char) for char in text) * size

    def fit(self, text: str, width: float, height: float, max_size: float, max_lines: int = 1, *,
            comfortable: float = COMFORTABLE, leading: float = LEADING) -> Fit:
        """The largest size (and line breaks) at which `text` fits the box; never cuts text.

        One line is kept while it can be set at `comfortable` points or more (or `max_size`, if
        smaller); otherwise up to `max_lines` balanced lines are tried and the largest size wins.
        The result may be smaller than `comfortable`: the caller decides whether to warn.
        """
        if not text:
            return Fit(max_size, [])
        units = [self._unit(char) for char in text]
        one_line = min(max_size, width / max(sum(units), 1e-6), height / leading)
        if one_line >= min(comfortable, max_size) or max_lines == 1 or len(text) == 1:
            return Fit(floor_size(one_line), [text])
        best = Fit(floor_size(one_line), [text])
        for count in range(2, min(max_lines, len(text)) + 1):
            lines, widest = balanced_lines(text, units, count)
            size = floor_size(min(max_size, width / max(widest, 1e-6), height / (count * leading)))
            if size > best.size + 0.25:
                best = Fit(size, lines)
        return best

    # -- drawing

    def text(self, text: str, x: float, y: float, size: float, *, align: str = "left",
             color: Color = black, bold: bool = False) -> None:
        """Draw one line with its baseline at y; missing glyphs as empty frames."""
        if not text:
            return
        canvas = self.canvas
        if align != "left":
            total = self.width(text, size)
            x -= total / 2 if align == "center" else total
        coloured = color is not black
        if coloured:
            canvas.setFillColor(color)
            canvas.setStrokeColor(color)
        glyphs = self.glyphs
        if all(char == " " or ord(char) in glyphs for char in text):
            runs: list[tuple[str, str]] = [(text, self.font_name)]  # the usual case
        else:
            runs = []
            for char in text:
                font_name = self.font_name if char == " " or ord(char) in glyphs else self._fallback_name(char)
                if font_name and runs and runs[-1][1] == font_name:
                    runs[-1] = (runs[-1][0] + char, font_name)
                else:
                    runs.append((char, font_name))
        for run, font_name in runs:
            if not font_name:
                canvas.setLineWidth(0.5)
                canvas.rect(x + size * 0.08, y - size * 0.1, size * 0.84, size * 0.9, stroke=1, fill=0)
                x += size
                continue
            if bold:
                # The text render mode is graphics state that outlives BT/ET: keep it local.
                canvas.saveState()
                obj = canvas.beginText(x, y)
                obj.setFont(font_name, size)
                canvas.setLineWidth(size * 0.035)
                obj.setTextRenderMode(2)
                obj.textOut(run)
                canvas.drawText(obj)
                canvas.restoreState()
            else:
                if canvas._fontsize != size or canvas._fontname != font_name:
                    canvas.setFont(font_name, size)
                canvas.drawString(x, y, run)
            if len(runs) > 1:
                x += self.width(run, size)
        if coloured:
            canvas.setFillColor(black)
            canvas.setStrokeColor(black)

    def _fallback_name(self, char: str) -> str:
        """The registered name of the fallback face drawing `char`, "" when no face has it."""
        name = self._fallback_names.get(char)
        if name is None:
            font = font_for(char)
            name = self._fallback_names[char] = font.fontName if font is not None else ""
        return name


def balanced_lines(text: str, units: list[float], count: int) -> tuple[list[str], float]:
    """`text` split into `count` lines of about equal width, preferring breaks after · or a space.

    `units` holds each character's advance at 1 pt. Returns the lines and the widest line's
    width at 1 pt.
    """
    cumulative = list(accumulate(units, initial=0.0))
    total = cumulative[-1]
    breaks: list[int] = []
    start = 0
    for line in range(1, count):
        target = total * line / count
        # Candidates: every position leaving at least one character on each side.
        best, best_cost = None, None
        for position in range(start + 1, len(text) - (count - line) + 1):
            cost = abs(cumulative[position] - target)
            if text[position - 1] in _BREAK_AFTER:
                cost -= total / (count * 3)  # a natural break is worth an uneven split
            if best_cost is None or cost < best_cost:
                best, best_cost = position, cost
        breaks.append(best)
        start = best
    edges = [0, *breaks, len(text)]
    lines, widest = [], 0.0
    for begin, end in zip(edges, edges[1:]):
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            lines.append(stripped)
            left = begin + (len(piece) - len(piece.lstrip()))
            widest = max(widest, cumulative[left + len(stripped)] - cumulative[left])
    return lines, widest
