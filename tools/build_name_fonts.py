"""Builds resources/fonts/hanazono-names-{a,b}.ttf: the fallback faces for rare name characters.

The bundled WenQuanYi Micro Hei lacks CJK Extension A and the supplementary plane (Extensions
B–F), which resident ID names may hold (GB 18030-2022). Hanazono Mincho (GlyphWiki, Debian's
fonts-hanazono, dual-licensed Hanazono Font License / OFL 1.1) has TrueType outlines that
ReportLab can embed and Qt can draw. We ship a subset, taken under the Hanazono Font License
(which permits modification without renaming rules) and renamed so it never clashes with an
installed HanaMin:

- face A: every ideograph, radical and stroke HanaMinA has in the CJK blocks of the BMP that
  WenQuanYi lacks (Extension A and the few newer URO code points): about 7 000 glyphs;
- face B: all of HanaMinB's supplementary-plane ideographs (Extensions B–F).

Run once by a developer (needs `pip install fonttools` in any Python; not a dependency of the
app):  python tools/build_name_fonts.py HanaMinA.ttf HanaMinB.ttf
where the two files come from `apt-get download fonts-hanazono` (20170904-2.1), unpacked with
`dpkg-deb -x`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
BMP_BLOCKS = [(0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
PLANE_2 = (0x20000, 0x2FFFF)


def _subset(source: Path, codepoints: list[int], family: str, target: Path) -> None:
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    names = font["name"]
    postscript = family.replace(" ", "")
    for record in names.names:
        if record.nameID in (1, 4):
            record.string = family if record.nameID == 1 else f"{family} Regular"
        elif record.nameID == 3:
            record.string = f"{postscript}-Regular;subset of Hanazono 20170904"
        elif record.nameID == 6:
            record.string = f"{postscript}-Regular"
    font.save(str(target))
    print(f"{target.name}: {len(font.getBestCmap())} characters, {target.stat().st_size} bytes")


def main(path_a: str, path_b: str) -> None:
    main_face = TTCollection(str(FONTS / "wqy-microhei.ttc")).fonts[0].getBestCmap()
    source_a = TTFont(path_a).getBestCmap()
    missing = sorted(code for code in source_a if code not in main_face
                     and any(low <= code <= high for low, high in BMP_BLOCKS))
    _subset(Path(path_a), missing, "SkillDesk Hanazono A", FONTS / "hanazono-names-a.ttf")
    plane = sorted(code for code in TTFont(path_b).getBestCmap() if PLANE_2[0] <= code <= PLANE_2[1])
    _subset(Path(path_b), plane, "SkillDesk Hanazono B", FONTS / "hanazono-names-b.ttf")


if __name__ == "__main__":
    main(*sys.argv[1:3])
