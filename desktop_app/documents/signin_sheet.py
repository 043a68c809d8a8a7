"""Printed sign-in sheets (培训签到表): one A4 page per sitting, or per day, for trainees to sign.

The pages are drawn on a ReportLab canvas with the bundled WenQuanYi Micro Hei embedded
(pdf_fonts). Every page stands alone, because sheets get separated and filed by date: the
title, the class header and the table header are repeated on continuation pages, and the
footer carries "第 N 页 / 共 M 页" and the line for the teacher's signature.

Text is never cut: a value too wide for its cell is set smaller, then over two or three lines.
Rare name characters the main font lacks (陈䶮, 𠮷) are drawn in the Hanazono fallback faces
(pdf_fonts); a character no face has is printed as an empty frame to be completed by hand, and reported in `SigninRender.warnings` so the person printing knows.
`invariant=1` makes the same input give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop_app.documents.pdf_fonts import missing_glyphs, one_document_at_a_time, register_cjk_font
from desktop_app.documents.pdf_text import LEADING, TextSetter
from desktop_app.documents.pdf_text import clean_text as _clean
from desktop_app.messages import Problem, UserFacingError, register

__all__ = ["SigninRender", "SigninSession", "SigninSheetData", "SigninSheetError", "SigninTrainee",
           "render_signin_sheets", "rows_per_page"]

register(
    {
        "signin.no_sessions": (
            "班级“{class_name}”没有选定任何课次，无法生成签到表。请先排课或选择要打印的日期。",
            "The class “{class_name}” has no sessions selected, so no sign-in sheet can be made. Schedule the "
            "class or choose the dates to print first.",
        ),
        "signin.no_trainees": (
            "班级“{class_name}”还没有学员，无法生成签到表。请先导入花名册。",
            "The class “{class_name}” has no trainees yet, so no sign-in sheet can be made. Import the roster "
            "first.",
        ),
        "signin.name_glyphs_missing": (
            "学员 {roll_no} 号“{name}”姓名中的“{chars}”在打印字体中没有，签到表上这些字印成空框，请打印后手写补上。",
            "Trainee no. {roll_no}, “{name}”: the character(s) “{chars}” are not in the print font and are printed "
            "as empty frames on the sign-in sheet; write them in by hand after printing.",
        ),
        "signin.text_glyphs_missing": (
            "“{text}”中的“{chars}”在打印字体中没有，签到表上这些字印成空框，请打印后手写补上。",
            "In “{text}”, the character(s) “{chars}” are not in the print font and are printed as empty frames on "
            "the sign-in sheet; write them in by hand after printing.",
        ),
        "signin.text_too_long": (
            "“{text}”太长，签到表上只能用很小的字印出（{size} 磅），可能难以辨认。请考虑使用简称。",
            "“{text}” is too long: the sign-in sheet can only print it very small ({size} pt), which may be hard "
            "to read. Consider a shorter form.",
        ),
    }
)

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
TITLE = "培训签到表"
NOTE = "注：请学员本人签字，严禁代签；迟到、早退或请假请在“备注”栏注明。"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 11 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
ROW_HEIGHT = 10 * mm  # a signature needs room: at least 9 mm
INFO_ROW_HEIGHT = 7.5 * mm
HEADER_HEIGHT = 9 * mm
GROUP_HEADER_HEIGHT = 10 * mm  # per-day layout: the sitting above its 签到 / 签退 pair
SUB_HEADER_HEIGHT = 6 * mm
PADDING = 1.2 * mm
FOOTER_TOP = MARGIN_BOTTOM + 15 * mm  # the signature line sits here; page numbers below it
SMALLEST_READABLE = 4.5  # pt: below this, a warning goes with the sheet

_GREY = Color(0.35, 0.35, 0.35)
_LIGHT = Color(0.93, 0.93, 0.93)
_TEACHER_SEPARATORS = re.compile(r"[、,，;；/／]")


class SigninSheetError(UserFacingError):
    """The sheet cannot be made from the data given (no sessions, no trainees)."""


@dataclass(frozen=True)
class SigninSession:
    day: date
    period_label: str  # 上午 / 下午 / 晚上
    starts: str  # "08:30"
    ends: str
    kind_label: str  # 理论 / 实操
    lessons: int
    teacher: str | None = None  # None: the class's teachers


@dataclass(frozen=True)
class SigninTrainee:
    roll_no: int
    name: str
    id_masked: str


@dataclass(frozen=True)
class SigninSheetData:
    institution: str
    class_code: str
    class_name: str
    occupation: str
    level_label: str
    location: str | None
    teachers: str
    sessions: Sequence[SigninSession]
    trainees: Sequence[SigninTrainee]  # printed in this order
    per_day: bool = False  # one page per day, a 签到 and 签退 column for each sitting of the day


@dataclass(frozen=True)
class SigninRender:
    pdf: bytes
    pages: int
    warnings: list[Problem] = field(default_factory=list)


# ----------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Column:
    title: str
    width: float
    content: str  # "roll", "name", "id" or "" (left empty for writing)


@dataclass(frozen=True)
class _Group:
    """A per-day sitting's header above its pair of columns."""

    lines: tuple[str, ...]
    first: int  # index of the first column it spans
    span: int


@dataclass(frozen=True)
class _Layout:
    columns: tuple[_Column, ...]
    groups: tuple[_Group, ...]
    header_height: float
    rows_per_page: int


@dataclass(frozen=True)
class _Page:
    info: tuple[tuple[tuple[str, str], ...], ...]  # rows of (label, value) pairs
    layout: _Layout
    trainees: tuple[SigninTrainee, ...]
    part: int  # 1-based page within its sitting/day
    parts: int
    expected: int  # trainees expected at this sitting/day


def _info_block_height(rows: int) -> float:
    return rows * INFO_ROW_HEIGHT


INFO_ROWS = 5
_TABLE_TOP = PAGE_HEIGHT - MARGIN_TOP - 44 - _info_block_height(INFO_ROWS) - 4 * mm
_TABLE_BOTTOM_LIMIT = FOOTER_TOP + 11 * mm  # room for the note under the table


def rows_per_page(per_day: bool = False) -> int:
    """How many trainees one page holds in the given layout."""
    header = GROUP_HEADER_HEIGHT + SUB_HEADER_HEIGHT if per_day else HEADER_HEIGHT
    return int((_TABLE_TOP - header - _TABLE_BOTTOM_LIMIT) // ROW_HEIGHT)


def _session_layout() -> _Layout:
    widths = (12, 32, 42, 32, 32)
    titles = ("序号", "姓名", "身份证号（脱敏）", "签到", "签退")
    contents = ("roll", "name", "id", "", "")
    columns = [_Column(t, w * mm, c) for t, w, c in zip(titles, widths, contents)]
    columns.append(_Column("备注", CONTENT_WIDTH - sum(widths) * mm, ""))
    return _Layout(tuple(columns), (), HEADER_HEIGHT, rows_per_page(False))


def _day_layout(sittings: Sequence[SigninSession]) -> _Layout:
    count = len(sittings)
    fixed = (10, 28, 36, 16) if count <= 2 else (10, 24, 30, 12)
    sign_width = (CONTENT_WIDTH - sum(fixed) * mm) / (2 * count)
    columns = [_Column("序号", fixed[0] * mm, "roll"), _Column("姓名", fixed[1] * mm, "name"),
               _Column("身份证号（脱敏）", fixed[2] * mm, "id")]
    groups = []
    for sitting in sittings:
        groups.append(_Group((f"{sitting.period_label} {sitting.kind_label} {sitting.lessons} 课时",
                              f"{sitting.starts}-{sitting.ends}"), len(columns), 2))
        columns += [_Column("签到", sign_width, ""), _Column("签退", sign_width, "")]
    columns.append(_Column("备注", fixed[3] * mm, ""))
    return _Layout(tuple(columns), tuple(groups), GROUP_HEADER_HEIGHT + SUB_HEADER_HEIGHT, rows_per_page(True))


def _date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


def _common_info(sheet: SigninSheetData) -> list[tuple[tuple[str, str], ...]]:
    return [
        (("班级", f"{sheet.class_code}　{sheet.class_name}".strip("　 ")),),
        (("职业（工种）", sheet.occupation), ("等级", sheet.level_label)),
    ]


def _session_info(sheet: SigninSheetData, session: SigninSession) -> tuple[tuple[tuple[str, str], ...], ...]:
    return (
        *_common_info(sheet),
        (("日期", _date_text(session.day)), ("时间", f"{session.period_label}　{session.starts}-{session.ends}")),
        (("类别", f"{session.kind_label}　{session.lessons} 课时"), ("地点", sheet.location or "")),
        (("授课教师", session.teacher or sheet.teachers),),
    )


def _day_info(sheet: SigninSheetData, day: date, sittings: Sequence[SigninSession]) -> tuple:
    teachers: list[str] = []
    for sitting in sittings:
        for teacher in _TEACHER_SEPARATORS.split(sitting.teacher or sheet.teachers or ""):
            if teacher.strip() and teacher.strip() not in teachers:
                teachers.append(teacher.strip())
    times = "；".join(f"{s.period_label} {s.starts}-{s.ends}（{s.kind_label} {s.lessons} 课时）" for s in sittings)
    lessons = sum(s.lessons for s in sittings)
    return (
        *_common_info(sheet),
        (("日期", _date_text(day)), ("课时", f"共 {lessons} 课时（{len(sittings)} 次课）")),
        (("时间", times),),
        (("地点", sheet.location or ""), ("授课教师", "、".join(teachers))),
    )


def _pages(sheet: SigninSheetData) -> list[_Page]:
    trainees = tuple(sheet.trainees)
    groups: list[tuple[tuple, _Layout]] = []
    if sheet.per_day:
        days: dict[date, list[SigninSession]] = {}
        for session in sheet.sessions:
            days.setdefault(session.day, []).append(session)
        for day, sittings in days.items():
            groups.append((_day_info(sheet, day, sittings), _day_layout(sittings)))
    else:
        layout = _session_layout()
        groups = [(_session_info(sheet, session), layout) for session in sheet.sessions]
    pages = []
    for info, layout in groups:
        per_page = layout.rows_per_page
        chunks = [trainees[start:start + per_page] for start in range(0, len(trainees), per_page)]
        for part, chunk in enumerate(chunks, 1):
            pages.append(_Page(info, layout, chunk, part, len(chunks), len(trainees)))
    return pages


# ----------------------------------------------------------------------------- drawing


@one_document_at_a_time
def render_signin_sheets(sheet: SigninSheetData) -> SigninRender:
    """The sign-in sheets of `sheet` as one PDF; raises SigninSheetError, FontMissingError."""
    if not sheet.sessions:
        raise SigninSheetError("signin.no_sessions", class_name=sheet.class_name)
    if not sheet.trainees:
        raise SigninSheetError("signin.no_trainees", class_name=sheet.class_name)
    font_name = register_cjk_font()
    pages = _pages(sheet)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=font_name,
                    initialFontSize=10)
    canvas.setTitle(f"{TITLE} {sheet.class_code} {sheet.class_name}".strip())
    canvas.setAuthor(sheet.institution)
    canvas.setSubject(TITLE)
    canvas.setCreator("SkillDesk")
    writer = _Writer(canvas, font_name)
    for number, page in enumerate(pages, 1):
        writer.page(sheet, page, number, len(pages))
        canvas.showPage()
    canvas.save()
    return SigninRender(buffer.getvalue(), len(pages), list(writer.warnings.values()))


class _Writer(TextSetter):
    def __init__(self, canvas: Canvas, font_name: str) -> None:
        super().__init__(canvas, font_name)
        self.warnings: dict[tuple, Problem] = {}

    def boxed(self, text: str, x: float, y: float, width: float, height: float, max_size: float, *,
              max_lines: int = 1, align: str = "center", warn: tuple | None = None) -> None:
        """`text` fitted into the box whose lower left corner is (x, y), centred vertically."""
        text = _clean(text)
        if not text:
            return
        inner_width = width - 2 * PADDING
        fit = self.fit(text, inner_width, height - PADDING, max_size, max_lines)
        self._check(text, fit.size, warn)
        line_height = fit.size * LEADING
        block = line_height * len(fit.lines)
        # The first baseline: the block centred, descenders (about 0.2 em) taken into account.
        baseline = y + (height + block) / 2 - line_height + (line_height - fit.size) / 2 + fit.size * 0.14
        for line in fit.lines:
            if align == "center":
                self.text(line, x + width / 2, baseline, fit.size, align="center")
            else:
                self.text(line, x + PADDING, baseline, fit.size)
            baseline -= line_height

    def _check(self, text: str, size: float, warn: tuple | None) -> None:
        missing = "".join(missing_glyphs(text))
        if missing:
            if warn is not None and warn[0] == "name":
                key = ("signin.name_glyphs_missing", warn[1], text)
                params = {"roll_no": warn[1], "name": text, "chars": missing}
            else:
                key = ("signin.text_glyphs_missing", text)
                params = {"text": text, "chars": missing}
            self.warnings.setdefault(key, Problem(key[0], params))
        if size < SMALLEST_READABLE:
            key = ("signin.text_too_long", text)
            self.warnings.setdefault(key, Problem(key[0], {"text": text, "size": f"{size:g}"}))

    # -- the page

    def page(self, sheet: SigninSheetData, page: _Page, number: int, total: int) -> None:
        canvas = self.canvas
        top = PAGE_HEIGHT - MARGIN_TOP
        self.text(TITLE, PAGE_WIDTH / 2, top - 20, 20, align="center", bold=True)
        if page.part > 1:
            self.text(f"（续表 {page.part}/{page.parts}）", PAGE_WIDTH - MARGIN_X, top - 20, 9, align="right",
                      color=_GREY)
        self.boxed(sheet.institution, MARGIN_X, top - 42, CONTENT_WIDTH, 16, 11)

        # The class header: a ruled grid of label / value cells.
        y = top - 44
        label_width, value_width, label2_width = 24 * mm, 66 * mm, 20 * mm
        for row in page.info:
            y -= INFO_ROW_HEIGHT
            if len(row) == 1:
                cells = [(label_width, row[0][0], True), (CONTENT_WIDTH - label_width, row[0][1], False)]
            else:
                cells = [(label_width, row[0][0], True), (value_width, row[0][1], False),
                         (label2_width, row[1][0], True),
                         (CONTENT_WIDTH - label_width - value_width - label2_width, row[1][1], False)]
            x = MARGIN_X
            for width, value, is_label in cells:
                if is_label:
                    canvas.setFillColor(_LIGHT)
                    canvas.rect(x, y, width, INFO_ROW_HEIGHT, stroke=0, fill=1)
                    canvas.setFillColor(black)
                    self.boxed(value, x, y, width, INFO_ROW_HEIGHT, 9.5)
                else:
                    self.boxed(value or "—", x, y, width, INFO_ROW_HEIGHT, 10.5, max_lines=2, align="left")
                canvas.setLineWidth(0.5)
                canvas.rect(x, y, width, INFO_ROW_HEIGHT, stroke=1, fill=0)
                x += width
        canvas.setLineWidth(1)
        canvas.rect(MARGIN_X, y, CONTENT_WIDTH, top - 44 - y, stroke=1, fill=0)

        self._table(page)
        self._footer(page, number, total)

    def _table(self, page: _Page) -> None:
        canvas = self.canvas
        layout = page.layout
        lefts = [MARGIN_X + offset for offset in accumulate((c.width for c in layout.columns), initial=0)]
        top = _TABLE_TOP
        header_bottom = top - layout.header_height
        canvas.setFillColor(_LIGHT)
        canvas.rect(MARGIN_X, header_bottom, CONTENT_WIDTH, layout.header_height, stroke=0, fill=1)
        canvas.setFillColor(black)
        grouped = {}
        for group in layout.groups:
            for index in range(group.first, group.first + group.span):
                grouped[index] = group
        for index, column in enumerate(layout.columns):
            x, width = lefts[index], column.width
            if index in grouped:
                self.boxed(column.title, x, header_bottom, width, SUB_HEADER_HEIGHT, 9.5)
            else:
                self.boxed(column.title, x, header_bottom, width, layout.header_height, 10, max_lines=2)
        for group in layout.groups:
            x = lefts[group.first]
            width = lefts[group.first + group.span] - x
            y = header_bottom + SUB_HEADER_HEIGHT
            size = min(self.fit(line, width - 2 * PADDING, GROUP_HEADER_HEIGHT, 9).size for line in group.lines)
            size = min(size, (GROUP_HEADER_HEIGHT - PADDING) / (len(group.lines) * LEADING))
            for offset, line in enumerate(group.lines):
                baseline = y + GROUP_HEADER_HEIGHT / 2 + (len(group.lines) / 2 - offset - 1) * size * LEADING
                self.text(line, x + width / 2, baseline + size * 0.22, size, align="center")
            canvas.setLineWidth(0.5)
            canvas.line(x, y, lefts[group.first + group.span], y)

        rows = len(page.trainees)
        bottom = header_bottom - rows * ROW_HEIGHT
        for row, trainee in enumerate(page.trainees):
            y = header_bottom - (row + 1) * ROW_HEIGHT
            for index, column in enumerate(layout.columns):
                x, width = lefts[index], column.width
                if column.content == "roll":
                    self.boxed(str(trainee.roll_no), x, y, width, ROW_HEIGHT, 10.5)
                elif column.content == "name":
                    self.boxed(trainee.name, x, y, width, ROW_HEIGHT, 11.5, max_lines=3,
                               warn=("name", trainee.roll_no))
                elif column.content == "id":
                    self.boxed(trainee.id_masked, x, y, width, ROW_HEIGHT, 10)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN_X, y, MARGIN_X + CONTENT_WIDTH, y)
        # Vertical rules; under a group header the pair's middle rule starts below the group title.
        canvas.setLineWidth(0.5)
        for index in range(1, len(layout.columns)):
            group = grouped.get(index)
            starts_group = group is not None and index == group.first
            rule_top = header_bottom + SUB_HEADER_HEIGHT if group is not None and not starts_group else top
            canvas.line(lefts[index], bottom, lefts[index], rule_top)
        canvas.line(MARGIN_X, header_bottom, MARGIN_X + CONTENT_WIDTH, header_bottom)
        canvas.setLineWidth(1)
        canvas.rect(MARGIN_X, bottom, CONTENT_WIDTH, top - bottom, stroke=1, fill=0)
        self.text(NOTE, MARGIN_X, bottom - 4.5 * mm, 8.5, color=_GREY)

    def _footer(self, page: _Page, number: int, total: int) -> None:
        canvas = self.canvas
        y = FOOTER_TOP
        canvas.setLineWidth(0.6)
        x = MARGIN_X
        self.text("授课教师签字：", x, y, 10.5)
        x += self.width("授课教师签字：", 10.5)
        canvas.line(x, y - 2, x + 42 * mm, y - 2)
        x += 48 * mm
        self.text("日期：", x, y, 10.5)
        x += self.width("日期：", 10.5)
        for blank, word in ((14 * mm, "年"), (8 * mm, "月"), (8 * mm, "日")):
            canvas.line(x, y - 2, x + blank, y - 2)
            x += blank + 0.5 * mm
            self.text(word, x, y, 10.5)
            x += self.width(word, 10.5) + 0.5 * mm
        if page.part == page.parts:
            right = MARGIN_X + CONTENT_WIDTH
            self.text("人", right, y, 10.5, align="right")
            right -= self.width("人", 10.5) + 0.5 * mm
            canvas.line(right - 12 * mm, y - 2, right, y - 2)
            right -= 12 * mm + 0.5 * mm
            self.text(f"应到 {page.expected} 人　实到", right, y, 10.5, align="right")
        self.text(f"第 {number} 页 / 共 {total} 页", PAGE_WIDTH / 2, MARGIN_BOTTOM + 1 * mm, 9, align="center")
