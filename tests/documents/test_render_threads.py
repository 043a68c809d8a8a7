"""PDFs rendered from several threads at once are the bytes of a single-threaded render.

The window renders in background threads (printing, previews, the issue run) while another
may be rendering a sign-in sheet; ReportLab's TrueType subsetting reads the one shared font
face, so two renders at once once ended in a KeyError inside `ttfonts.makeSubset`.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor


from desktop_app.documents import pdf_fonts
from desktop_app.documents.certificate_pdf import default_template, render_certificates
from tests.documents.test_certificate_pdf import content

NAMES = "张小凤 李四海 王五月 赵六合 钱七星 孙八方 周九州 吴十全 郑一鸣 冯二乔 陈三省 褚四维".split()


def _certificates(offset: int) -> list:
    # Different characters per thread: each render subsets a different glyph set.
    return [content(number=f"GL2024-{offset * 100 + index:06d}",
                    name=NAMES[(offset + index) % len(NAMES)],
                    institution="".join(chr(0x4E00 + offset * 400 + index * 20 + k) for k in range(20)))
            for index in range(6)]


def test_certificates_rendered_from_four_threads_are_the_single_threaded_bytes():
    # Switch threads as often as the interpreter allows, so that a render that shares state
    # with another is caught in the act rather than once in a hundred runs.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        _render_in_threads()
    finally:
        sys.setswitchinterval(previous)


def _render_in_threads() -> None:
    template = default_template()
    pdf_fonts.reset_font_cache()
    expected = {offset: render_certificates(_certificates(offset), template).pdf for offset in range(8)}
    start = threading.Barrier(4)

    def render(offset: int) -> tuple[int, bytes]:
        if offset < 4:
            start.wait()
        return offset, render_certificates(_certificates(offset), template).pdf

    for _round in range(6):
        pdf_fonts.reset_font_cache()
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = dict(pool.map(render, range(8)))
        assert results == expected
