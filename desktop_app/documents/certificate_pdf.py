"""Printed training certificates (培训合格证书): one page per certificate, laid out by a template.

The layout is data (resources/templates/certificate_default.json, explained in the README
beside it): the page, its margins, an optional frame, and a list of fields — each a box in
millimetres from the bottom-left corner of the sheet, a font size, an alignment, an optional
label ("姓　　名：") and how many lines the value may take. An institution printing on
pre-printed stock moves the boxes onto its blanks and drops the frame; a background image of
the stock can be shown under the fields in the on-screen preview, and is never printed.

The pages are drawn on a ReportLab canvas with the bundled WenQuanYi Micro Hei embedded
(pdf_fonts) and `invariant=1`: the same certificates give byte-identical PDFs in any process,
so a reprint (`render_one`) is the very file printed at issue time. What is the same on every
page (frame, fixed texts, left-aligned labels) is one form XObject drawn by reference. A value
too wide for its box is set smaller down to the template's minimum size, then balanced over
the lines the field allows; it is never cut — below the minimum it is still printed whole,
with a warning. Rare name characters the main font lacks (陈䶮, 𠮷) are drawn in the Hanazono
fallback faces (pdf_fonts); one no face has prints as an empty frame and is reported with the
certificate number. The QR code (qr.py) is one filled path.

A printer that places everything a little off on pre-printed stock is corrected with
`offset_mm`, which shifts every printed mark (not the preview background).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop_app import resources
from desktop_app.documents.pdf_fonts import is_invisible, missing_glyphs, one_document_at_a_time, register_cjk_font
from desktop_app.documents.pdf_text import LEADING, TextSetter, clean_text
from desktop_app.documents.qr import QrPayloadError, draw_qr
from desktop_app.messages import Problem, UserFacingError, register

__all__ = ["DEFAULT_TEMPLATE", "SCHEMA_VERSION", "CertificateContent", "CertificateError", "CertificateRender",
           "CertificateTemplate", "TemplateError", "TemplateField", "TemplateFrame", "baseline_render",
           "default_template", "load_template", "parse_template", "render_certificates", "render_one"]

register(
    {
        "certificate.nothing_to_print": (
            "没有选定要打印的证书。",
            "No certificates were selected for printing.",
        ),
        "certificate.offset_out_of_range": (
            "打印偏移（{x} 毫米，{y} 毫米）超出允许范围（每个方向最多 ±{limit} 毫米）。请检查打印机偏移设置。",
            "The printer offset ({x} mm, {y} mm) is out of range (at most ±{limit} mm each way). Check the "
            "printer offset setting.",
        ),
        "certificate.qr_too_long": (
            "证书 {number} 的二维码内容太长（{length} 个字符），无法生成二维码。",
            "The QR content of certificate {number} is too long ({length} characters) to make a QR code.",
        ),
        "certificate.qr_too_dense": (
            "证书 {number} 的二维码每格只有 {module} 毫米，打印后可能扫不出来。请在模板中加大二维码方框。",
            "The QR code of certificate {number} has modules of only {module} mm and may not scan once printed. "
            "Make the QR box larger in the template.",
        ),
        "certificate.glyphs_missing": (
            "证书 {number}：“{text}”中的“{chars}”在打印字体中没有，证书上这些字印成空框，请打印后手写补上。",
            "Certificate {number}: in “{text}”, the character(s) “{chars}” are not in the print font and are "
            "printed as empty frames; write them in by hand after printing.",
        ),
        "certificate.text_too_small": (
            "证书 {number}：“{text}”太长，只能用 {size} 磅的小字印出（模板规定最小 {minimum} 磅），可能难以辨认。"
            "请使用简称，或在模板中加大该方框。",
            "Certificate {number}: “{text}” is too long and can only be printed at {size} pt (the template's "
            "minimum is {minimum} pt), which may be hard to read. Use a shorter form or enlarge its box in the "
            "template.",
        ),
        "certificate.template_text_too_small": (
            "证书模板中的固定文字“{text}”放不进它的方框，只能用 {size} 磅印出（最小 {minimum} 磅）。请修改模板。",
            "The template's fixed text “{text}” does not fit its box and is printed at {size} pt (minimum "
            "{minimum} pt). Adjust the template.",
        ),
        "certificate.template_glyphs_missing": (
            "证书模板中的固定文字“{text}”里的“{chars}”在打印字体中没有，印成空框。请修改模板。",
            "The template's fixed text “{text}” contains “{chars}”, which the print font lacks; they print as "
            "empty frames. Adjust the template.",
        ),
        "certificate.background_missing": (
            "预览底图“{path}”找不到或无法读取，预览中不显示底图（不影响打印）。",
            "The preview background “{path}” is missing or unreadable, so the preview shows no background "
            "(printing is not affected).",
        ),
        "certificate.template_unreadable": (
            "无法读取证书模板“{path}”：{reason}",
            "The certificate template “{path}” cannot be read: {reason}",
        ),
        "certificate.template_not_json": (
            "证书模板“{path}”不是有效的 JSON（第 {line} 行第 {column} 列：{reason}）。",
            "The certificate template “{path}” is not valid JSON (line {line}, column {column}: {reason}).",
        ),
        "certificate.template_version": (
            "证书模板“{path}”的格式版本 {version} 不受支持（本软件支持版本 {supported}）。",
            "The certificate template “{path}” has format version {version}, which is not supported (this "
            "version of SkillDesk reads version {supported}).",
        ),
        "certificate.template_missing": (
            "证书模板“{path}”：{where} 缺少必填项。",
            "Certificate template “{path}”: {where} is required but missing.",
        ),
        "certificate.template_unknown": (
            "证书模板“{path}”：不认识的设置项 {where}。可用的设置项：{allowed}。",
            "Certificate template “{path}”: unknown setting {where}. Allowed here: {allowed}.",
        ),
        "certificate.template_not_number": (
            "证书模板“{path}”：{where} 应为数字，现为 {value}。",
            "Certificate template “{path}”: {where} must be a number, not {value}.",
        ),
        "certificate.template_not_text": (
            "证书模板“{path}”：{where} 应为文字（用英文双引号括起），现为 {value}。",
            "Certificate template “{path}”: {where} must be text (in double quotes), not {value}.",
        ),
        "certificate.template_not_boolean": (
            "证书模板“{path}”：{where} 应为 true 或 false，现为 {value}。",
            "Certificate template “{path}”: {where} must be true or false, not {value}.",
        ),
        "certificate.template_not_object": (
            "证书模板“{path}”：{where} 应为 {{ … }} 形式的一组设置。",
            "Certificate template “{path}”: {where} must be a group of settings in {{ … }}.",
        ),
        "certificate.template_not_list": (
            "证书模板“{path}”：{where} 应为 [ … ] 形式的列表，且至少有一项。",
            "Certificate template “{path}”: {where} must be a list in [ … ] with at least one entry.",
        ),
        "certificate.template_out_of_range": (
            "证书模板“{path}”：{where} 的值 {value} 超出允许范围 {low} 至 {high}。",
            "Certificate template “{path}”: {where} is {value}, outside the allowed range {low} to {high}.",
        ),
        "certificate.template_bad_choice": (
            "证书模板“{path}”：{where} 的值 {value} 无效，可选：{choices}。",
            "Certificate template “{path}”: {where} is {value}, which is not one of: {choices}.",
        ),
        "certificate.template_box_outside": (
            "证书模板“{path}”：{where} 的方框（左下角 {x}, {y} 毫米，宽 {width} 毫米，高 {height} 毫米）超出了可打印区域"
            "（{area}）。",
            "Certificate template “{path}”: the box of {where} (lower left {x}, {y} mm, {width} mm wide, {height} mm "
            "high) lies outside the printable area ({area}).",
        ),
        "certificate.template_box_too_low": (
            "证书模板“{path}”：{where} 的方框高 {height} 毫米，放不下 {size} 磅的一行字（至少需要 {needed} 毫米）。",
            "Certificate template “{path}”: the box of {where} is {height} mm high, too low for one line at {size} pt "
            "(it needs at least {needed} mm).",
        ),
        "certificate.template_label_required": (
            "证书模板“{path}”：{where} 是固定文字，需要填写 label。",
            "Certificate template “{path}”: {where} is fixed text and needs a label.",
        ),
    }
)

SCHEMA_VERSION = 1
DEFAULT_TEMPLATE = "certificate_default.json"
TITLE = "培训合格证书"
OFFSET_LIMIT_MM = 30.0
QR_MIN_MODULE_MM = 0.25  # smaller modules risk not scanning once printed

# Paper sizes in mm, portrait.
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
                                              "A3": (297.0, 420.0)}
ORIENTATIONS = ("portrait", "landscape")
ALIGNMENTS = ("left", "center", "right")
# Keys whose value comes from the certificate; "text" and "seal_note" print their label only.
VALUE_KEYS = ("title", "name", "id_masked", "occupation", "level", "hours", "start_date", "end_date", "period",
              "institution", "number", "issue_date")
STATIC_KEYS = ("text", "seal_note")
FIELD_KEYS = (*VALUE_KEYS, "qr", *STATIC_KEYS)


class TemplateError(UserFacingError):
    """A certificate template that cannot be used; the message names the setting and the problem."""


class CertificateError(UserFacingError):
    """The certificates cannot be made as asked (nothing to print, offset out of range, QR too long)."""


# ----------------------------------------------------------------------------- the template


@dataclass(frozen=True)
class TemplateField:
    key: str
    x_mm: float  # lower left corner of the box, from the sheet's lower left corner
    y_mm: float
    width_mm: float
    height_mm: float
    font_size: float = 12.0  # pt: the size the text is set at when it fits
    align: str = "left"
    label: str = ""  # printed before the value ("姓　　名："); the whole text of "text"/"seal_note"
    label_font_size: float | None = None  # None: the field's font_size
    max_lines: int = 1
    min_font_size: float | None = None  # None: the template's
    bold: bool = False
    underline: bool = False  # a fill-in rule under the value
    color: tuple[float, float, float] | None = None  # RGB 0..1; None: black


@dataclass(frozen=True)
class TemplateFrame:
    """A ruled border along the margins (plain paper); leave it out for pre-printed stock."""

    style: str = "double"  # "single" or "double"
    line_width: float = 1.2  # pt, the outer rule
    color: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class CertificateTemplate:
    name: str
    page_width_mm: float
    page_height_mm: float
    margins_mm: tuple[float, float, float, float]  # left, right, top, bottom
    fields: tuple[TemplateField, ...]
    min_font_size: float = 7.0
    frame: TemplateFrame | None = None
    background: Path | None = None  # preview only, never printed
    schema_version: int = SCHEMA_VERSION
    source: str = ""


_TOP_KEYS = ("schema_version", "name", "page", "margins_mm", "min_font_size", "frame", "preview_background",
             "fields", "comment")
_PAGE_KEYS = ("size", "orientation", "width_mm", "height_mm")
_MARGIN_KEYS = ("left", "right", "top", "bottom")
_FRAME_KEYS = ("style", "line_width_pt", "color")
_FIELD_KEYS = ("key", "x_mm", "y_mm", "width_mm", "height_mm", "font_size", "align", "label", "label_font_size",
               "max_lines", "min_font_size", "bold", "underline", "color", "comment")
_QR_FIELD_KEYS = ("key", "x_mm", "y_mm", "width_mm", "height_mm", "comment")


def default_template() -> CertificateTemplate:
    """The bundled layout (A4 landscape, plain paper)."""
    return load_template(resources.template_path(DEFAULT_TEMPLATE))


def load_template(path: str | Path) -> CertificateTemplate:
    """Read and check a template file; raises TemplateError naming the first problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise TemplateError("certificate.template_unreadable", path=str(path), reason=reason) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError("certificate.template_not_json", path=str(path), line=exc.lineno, column=exc.colno,
                            reason=exc.msg) from exc
    return parse_template(data, source=str(path), base_dir=path.parent)


def parse_template(data: object, *, source: str = "", base_dir: Path | None = None) -> CertificateTemplate:
    """A template from its parsed JSON (as `load_template` reads it); `base_dir` resolves the background."""
    check = _Checker(source)
    top = check.mapping(data, "(top level)", _TOP_KEYS)
    version = top.get("schema_version")
    if version is None:
        check.fail("certificate.template_missing", "schema_version")
    if version != SCHEMA_VERSION:
        raise TemplateError("certificate.template_version", path=source, version=json.dumps(version),
                            supported=SCHEMA_VERSION)
    name = check.text(top.get("name", ""), "name")

    page = check.mapping(check.required(top, "page", "page"), "page", _PAGE_KEYS)
    size = check.choice(check.required(page, "size", "page / size"), "page / size", (*PAPER_SIZES, "custom"))
    orientation = page.get("orientation")
    if orientation is not None or size != "custom":  # a custom size is taken as given unless turned
        orientation = check.choice(orientation or "portrait", "page / orientation", ORIENTATIONS)
    if size == "custom":
        width = check.number(check.required(page, "width_mm", "page / width_mm"), "page / width_mm", 50, 600)
        height = check.number(check.required(page, "height_mm", "page / height_mm"), "page / height_mm", 50, 600)
    else:
        for extra in ("width_mm", "height_mm"):
            if extra in page:
                check.fail("certificate.template_unknown", f"page / {extra}", allowed="size, orientation")
        width, height = PAPER_SIZES[size]
    if orientation is not None:
        short, long = sorted((width, height))
        width, height = (long, short) if orientation == "landscape" else (short, long)

    margins_data = check.mapping(top.get("margins_mm", {}), "margins_mm", _MARGIN_KEYS)
    margins = tuple(check.number(margins_data.get(side, 10), f"margins_mm / {side}", 0, 60) for side in _MARGIN_KEYS)
    left, right, top_margin, bottom = margins
    if left + right >= width - 20 or top_margin + bottom >= height - 20:
        check.fail("certificate.template_out_of_range", "margins_mm", value=json.dumps(margins_data),
                   low=0, high="page size - 20 mm")
    min_size = check.number(top.get("min_font_size", 7), "min_font_size", 3, 40)

    frame = None
    if top.get("frame") is not None:
        frame_data = check.mapping(top["frame"], "frame", _FRAME_KEYS)
        frame = TemplateFrame(
            style=check.choice(frame_data.get("style", "double"), "frame / style", ("single", "double")),
            line_width=check.number(frame_data.get("line_width_pt", 1.2), "frame / line_width_pt", 0.1, 6),
            color=check.color(frame_data.get("color"), "frame / color"))

    background = None
    if top.get("preview_background") is not None:
        raw = check.text(top["preview_background"], "preview_background")
        if raw:
            if Path(raw).suffix.lower() not in (".png", ".jpg", ".jpeg"):
                check.fail("certificate.template_bad_choice", "preview_background", value=json.dumps(raw),
                           choices=".png, .jpg, .jpeg")
            background = Path(raw) if Path(raw).is_absolute() else (base_dir or Path.cwd()) / raw

    raw_fields = top.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        check.fail("certificate.template_not_list", "fields")
    area = (left, bottom, width - right, height - top_margin)
    fields = tuple(check.field(item, index, area, min_size, (width, height, margins)) for index, item
                   in enumerate(raw_fields))
    return CertificateTemplate(name=name, page_width_mm=width, page_height_mm=height, margins_mm=margins,
                               fields=fields, min_font_size=min_size, frame=frame, background=background,
                               schema_version=SCHEMA_VERSION, source=source)


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _num(value: float) -> str:
    return f"{value:g}"


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, code: str, where: str, **params: object):
        raise TemplateError(code, path=self.source, where=where, **params)

    def required(self, data: Mapping, key: str, where: str) -> object:
        if key not in data:
            self.fail("certificate.template_missing", where)
        return data[key]

    def mapping(self, value: object, where: str, allowed: Sequence[str]) -> Mapping:
        if not isinstance(value, dict):
            self.fail("certificate.template_not_object", where)
        for key in value:
            if key not in allowed:
                place = key if where == "(top level)" else f"{where} / {key}"
                self.fail("certificate.template_unknown", place, allowed=", ".join(allowed))
        return value

    def number(self, value: object, where: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.fail("certificate.template_not_number", where, value=_show(value))
        if not low <= value <= high:
            self.fail("certificate.template_out_of_range", where, value=_num(value), low=_num(low), high=_num(high))
        return float(value)

    def integer(self, value: object, where: str, low: int, high: int) -> int:
        number = self.number(value, where, low, high)
        if number != int(number):
            self.fail("certificate.template_bad_choice", where, value=_show(value), choices=f"{low}, {low + 1} … {high}")
        return int(number)

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            self.fail("certificate.template_not_text", where, value=_show(value))
        return value

    def boolean(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail("certificate.template_not_boolean", where, value=_show(value))
        return value

    def choice(self, value: object, where: str, choices: Sequence[str]) -> str:
        if value not in choices:
            self.fail("certificate.template_bad_choice", where, value=_show(value), choices=", ".join(choices))
        return value

    def color(self, value: object, where: str) -> tuple[float, float, float] | None:
        if value is None:
            return None
        text = self.text(value, where)
        digits = text[1:] if text.startswith("#") else ""
        if len(digits) != 6 or any(char not in "0123456789abcdefABCDEF" for char in digits):
            self.fail("certificate.template_bad_choice", where, value=_show(value), choices="#RRGGBB, e.g. #8B1A1A")
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))

    def field(self, item: object, index: int, area: tuple[float, float, float, float], min_size: float,
              page: tuple) -> TemplateField:
        where = f"fields #{index + 1}"
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            where = f"fields #{index + 1} ({item['key']})"
        if not isinstance(item, dict):
            self.fail("certificate.template_not_object", where)
        key = self.choice(self.required(item, "key", f"{where} / key"), f"{where} / key", FIELD_KEYS)
        self.mapping(item, where, _QR_FIELD_KEYS if key == "qr" else _FIELD_KEYS)
        x = self.number(self.required(item, "x_mm", f"{where} / x_mm"), f"{where} / x_mm", -1000, 1000)
        y = self.number(self.required(item, "y_mm", f"{where} / y_mm"), f"{where} / y_mm", -1000, 1000)
        width = self.number(self.required(item, "width_mm", f"{where} / width_mm"), f"{where} / width_mm", 1, 1000)
        height = self.number(self.required(item, "height_mm", f"{where} / height_mm"), f"{where} / height_mm", 1,
                             1000)
        left, bottom, right, top = area
        tolerance = 1e-6
        if x < left - tolerance or y < bottom - tolerance or x + width > right + tolerance \
                or y + height > top + tolerance:
            page_width, page_height, margins = page
            self.fail("certificate.template_box_outside", where, x=_num(x), y=_num(y), width=_num(width),
                      height=_num(height),
                      area=f"x {_num(left)}–{_num(right)} mm, y {_num(bottom)}–{_num(top)} mm; "
                           f"{_num(page_width)} × {_num(page_height)} mm")
        if key == "qr":
            return TemplateField(key, x, y, width, height)
        size = self.number(item.get("font_size", 12), f"{where} / font_size", 4, 96)
        field_min = item.get("min_font_size")
        if field_min is not None:
            field_min = self.number(field_min, f"{where} / min_font_size", 3, size)
        smallest = min(field_min if field_min is not None else min_size, size)
        needed = smallest * LEADING / mm
        if height + tolerance < needed:
            self.fail("certificate.template_box_too_low", where, height=_num(height), size=_num(smallest),
                      needed=f"{needed:.1f}")
        label = self.text(item.get("label", ""), f"{where} / label")
        if key in STATIC_KEYS and not label.strip():
            self.fail("certificate.template_label_required", where)
        label_size = item.get("label_font_size")
        if label_size is not None:
            label_size = self.number(label_size, f"{where} / label_font_size", 4, 96)
            if height + tolerance < label_size * LEADING / mm:
                self.fail("certificate.template_box_too_low", where, height=_num(height), size=_num(label_size),
                          needed=f"{label_size * LEADING / mm:.1f}")
        return TemplateField(
            key=key, x_mm=x, y_mm=y, width_mm=width, height_mm=height, font_size=size,
            align=self.choice(item.get("align", "left"), f"{where} / align", ALIGNMENTS),
            label=label, label_font_size=label_size, max_lines=self.integer(item.get("max_lines", 1), f"{where} / max_lines", 1, 10),
            min_font_size=field_min, bold=self.boolean(item.get("bold", False), f"{where} / bold"),
            underline=self.boolean(item.get("underline", False), f"{where} / underline"),
            color=self.color(item.get("color"), f"{where} / color"))


# ----------------------------------------------------------------------------- the content


@dataclass(frozen=True)
class CertificateContent:
    number: str
    name: str
    id_masked: str
    occupation: str
    level_label: str
    hours_label: str  # "64 课时"
    start_date: date | str
    end_date: date | str
    institution: str
    issue_date: date | str
    title: str = TITLE
    qr_payload: str | None = None


@dataclass(frozen=True)
class CertificateRender:
    pdf: bytes
    pages: int
    warnings: list[Problem] = field(default_factory=list)


def format_date(value: date | str | None) -> str:
    """2024年5月6日 for a date; text is printed as given."""
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _value(content: CertificateContent, key: str) -> str:
    if key == "level":
        return content.level_label
    if key == "hours":
        return content.hours_label
    if key in ("start_date", "end_date", "issue_date"):
        return format_date(getattr(content, key))
    if key == "period":
        return f"{format_date(content.start_date)} 至 {format_date(content.end_date)}"
    return getattr(content, key) or ""


# ----------------------------------------------------------------------------- rendering


@one_document_at_a_time
def render_certificates(contents: Sequence[CertificateContent], template: CertificateTemplate, *,
                        offset_mm: tuple[float, float] = (0.0, 0.0),
                        preview_background: bool = False) -> CertificateRender:
    """One page per certificate, in the order given, as one PDF."""
    contents = list(contents)
    if not contents:
        raise CertificateError("certificate.nothing_to_print")
    dx, dy = (float(value) for value in offset_mm)
    if not all(math.isfinite(value) and abs(value) <= OFFSET_LIMIT_MM for value in (dx, dy)):
        raise CertificateError("certificate.offset_out_of_range", x=f"{dx:g}", y=f"{dy:g}", limit=f"{OFFSET_LIMIT_MM:g}")
    font_name = register_cjk_font()
    buffer = io.BytesIO()
    page_size = (template.page_width_mm * mm, template.page_height_mm * mm)
    canvas = Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1, initialFontName=font_name,
                    initialFontSize=10)
    first = contents[0]
    title = first.title or TITLE
    if len(contents) == 1:
        canvas.setTitle(f"{title} {first.number}")
    else:
        canvas.setTitle(f"{title} {first.number} – {contents[-1].number}（{len(contents)} 份）")
    canvas.setAuthor(first.institution)
    canvas.setSubject(title)
    canvas.setCreator("SkillDesk")
    painter = _Painter(canvas, font_name, template)
    painter.static_form()
    background = painter.background() if preview_background else None
    for content in contents:
        if background is not None:
            canvas.drawImage(background, 0, 0, page_size[0], page_size[1])
        if dx or dy:
            canvas.saveState()
            canvas.translate(dx * mm, dy * mm)
        painter.page(content)
        if dx or dy:
            canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return CertificateRender(buffer.getvalue(), len(contents), list(painter.warnings.values()))


def render_one(content: CertificateContent, template: CertificateTemplate, *,
               offset_mm: tuple[float, float] = (0.0, 0.0), preview_background: bool = False) -> bytes:
    """One certificate alone (a reprint): the same bytes as rendering it alone at issue time."""
    return render_certificates([content], template, offset_mm=offset_mm, preview_background=preview_background).pdf


_FORM = "SkillDeskCertificateStatic"


def _label_text(label: str) -> str:
    """A template's fixed text as printed: spaces kept as typed (full-width ones align labels)."""
    return "".join(char for char in label if not is_invisible(char))


def _static_label(item: TemplateField) -> bool:
    """Whether the field's label is the same on every page (drawn once, in the shared form)."""
    return bool(item.label) and item.align == "left" and item.max_lines == 1 and item.key not in (*STATIC_KEYS, "qr")


class _Painter(TextSetter):
    def __init__(self, canvas: Canvas, font_name: str, template: CertificateTemplate) -> None:
        super().__init__(canvas, font_name)
        self.template = template
        self.warnings: dict[tuple, Problem] = {}
        self._colors: dict[tuple, Color] = {}
        # Per field: the label's size and width, and whether the label is drawn in the static form.
        self._labels: list[tuple[float, float]] = []
        for item in template.fields:
            self._labels.append(self._label_metrics(item))
        self.dynamic = [(item, self._labels[i]) for i, item in enumerate(template.fields)
                        if item.key not in STATIC_KEYS]

    def _color(self, rgb: tuple[float, float, float] | None) -> Color:
        if rgb is None:
            return black
        color = self._colors.get(rgb)
        if color is None:
            color = self._colors[rgb] = Color(*rgb)
        return color

    def _label_metrics(self, item: TemplateField) -> tuple[float, float]:
        if not item.label or item.key in STATIC_KEYS or item.key == "qr":
            return (item.font_size, 0.0)
        # A label keeps the field's size; one wider than 60 % of its box is set smaller.
        label = _label_text(item.label)
        size = item.label_font_size or item.font_size
        width = self.width(label, size)
        limit = item.width_mm * mm * 0.6
        if width > limit:
            size = max(int(size * limit / width * 4) / 4, 0.25)
        return (size, self.width(label, size))

    def background(self) -> str | None:
        path = self.template.background
        if path is None:
            return None
        if not path.is_file():
            self.warnings.setdefault(("background",), Problem("certificate.background_missing", {"path": str(path)}))
            return None
        return str(path)

    # -- the parts every page shares

    def static_form(self) -> None:
        canvas = self.canvas
        canvas.beginForm(_FORM)
        frame = self.template.frame
        if frame is not None:
            self._frame(frame)
        for item, (label_size, _) in zip(self.template.fields, self._labels):
            if item.key in STATIC_KEYS:
                self._static_text(item)
            elif _static_label(item):
                self._check_static(item.label)
                self._line_label(item, label_size)
        canvas.endForm()

    def _frame(self, frame: TemplateFrame) -> None:
        canvas = self.canvas
        template = self.template
        left, right, top, bottom = (value * mm for value in template.margins_mm)
        width = template.page_width_mm * mm - left - right
        height = template.page_height_mm * mm - top - bottom
        color = self._color(frame.color)
        canvas.setStrokeColor(color)
        outer = frame.line_width
        canvas.setLineWidth(outer)
        inset = outer / 2
        canvas.rect(left + inset, bottom + inset, width - outer, height - outer, stroke=1, fill=0)
        if frame.style == "double":
            gap = outer + 2.2 * mm
            canvas.setLineWidth(max(outer * 0.4, 0.3))
            canvas.rect(left + gap, bottom + gap, width - 2 * gap, height - 2 * gap, stroke=1, fill=0)
        canvas.setStrokeColor(black)

    def _check_static(self, text: str) -> None:
        text = _label_text(text)
        missing = "".join(missing_glyphs(text))
        if missing:
            self.warnings.setdefault(("template_glyphs", text), Problem(
                "certificate.template_glyphs_missing", {"text": text, "chars": missing}))

    def _static_text(self, item: TemplateField) -> None:
        text = _label_text(item.label)
        self._check_static(text)
        box_width, box_height = item.width_mm * mm, item.height_mm * mm
        minimum = item.min_font_size or self.template.min_font_size
        fit = self.fit(text, box_width, box_height, item.font_size, item.max_lines, comfortable=minimum)
        if fit.size < minimum:
            self.warnings.setdefault(("template_small", text), Problem(
                "certificate.template_text_too_small", {"text": text, "size": f"{fit.size:g}",
                                                        "minimum": f"{minimum:g}"}))
        self._lines(item, fit.lines, fit.size, 0.0, 0.0)

    def _line_label(self, item: TemplateField, label_size: float) -> None:
        """A left-aligned label of a one-line field, on the baseline its value is set on."""
        baseline = self._baselines(item, 1, label_size)[0]
        self.text(_label_text(item.label), item.x_mm * mm, baseline, label_size, color=self._color(item.color),
                  bold=item.bold)

    # -- one certificate

    def page(self, content: CertificateContent) -> None:
        self.canvas.doForm(_FORM)
        for item, (label_size, label_width) in self.dynamic:
            if item.key == "qr":
                self._qr(item, content)
            else:
                self._field(item, content, label_size, label_width)

    def _qr(self, item: TemplateField, content: CertificateContent) -> None:
        payload = content.qr_payload
        if not payload:
            return
        side = min(item.width_mm, item.height_mm) * mm
        x = item.x_mm * mm + (item.width_mm * mm - side) / 2
        y = item.y_mm * mm + (item.height_mm * mm - side) / 2
        try:
            module = draw_qr(self.canvas, payload, x, y, side)
        except QrPayloadError as exc:
            raise CertificateError("certificate.qr_too_long", number=content.number, length=len(payload)) from exc
        if module / mm < QR_MIN_MODULE_MM:
            self.warnings.setdefault(("qr", content.number), Problem(
                "certificate.qr_too_dense", {"number": content.number, "module": f"{module / mm:.2f}"}))

    def _field(self, item: TemplateField, content: CertificateContent, label_size: float, label_width: float) -> None:
        value = clean_text(_value(content, item.key))
        if not value:
            return
        glyphs = self.glyphs
        missing = [] if all(ord(char) in glyphs or char == " " for char in value) else missing_glyphs(value)
        if missing:
            self.warnings.setdefault(("glyphs", content.number, value), Problem(
                "certificate.glyphs_missing", {"number": content.number, "text": value, "chars": "".join(missing)}))
        minimum = min(item.min_font_size or self.template.min_font_size, item.font_size)
        fit = self.fit(value, item.width_mm * mm - label_width, item.height_mm * mm, item.font_size, item.max_lines,
                       comfortable=minimum)
        if fit.size < minimum:
            self.warnings.setdefault(("small", content.number, value), Problem(
                "certificate.text_too_small", {"number": content.number, "text": value, "size": f"{fit.size:g}",
                                               "minimum": f"{minimum:g}"}))
        self._lines(item, fit.lines, fit.size, label_width, 0.0 if _static_label(item) else label_size)

    def _baselines(self, item: TemplateField, count: int, size: float) -> list[float]:
        """Baselines of `count` lines at `size`, the block centred in the box.

        A single line sits where it would at the field's own size, whatever size it was set at,
        so that a shrunk value keeps the baseline of its label and of the neighbouring fields.
        """
        y, height = item.y_mm * mm, item.height_mm * mm
        if count == 1:
            return [y + height / 2 - 0.36 * item.font_size]
        line_height = size * LEADING
        first = y + (height + line_height * count) / 2 - line_height + (line_height - size) / 2 + size * 0.14
        return [first - i * line_height for i in range(count)]

    def _lines(self, item: TemplateField, lines: list[str], size: float, label_width: float, label_size: float) -> None:
        """The value's lines in the box, after a label `label_width` wide (drawn here if label_size)."""
        canvas = self.canvas
        color = self._color(item.color)
        x, width = item.x_mm * mm, item.width_mm * mm
        baselines = self._baselines(item, len(lines), size)
        widths = [self.width(line, size) for line in lines]
        widest = max(widths, default=0.0)
        if item.align == "left":
            start = x + label_width
        elif item.align == "center":
            start = x + (width - label_width - widest) / 2 + label_width
        else:
            start = x + width - widest
        if label_size:
            self.text(_label_text(item.label), start - label_width, baselines[0], label_size, color=color,
                      bold=item.bold)
        for line, line_width, baseline in zip(lines, widths, baselines):
            if item.align == "left":
                line_x = start
            elif item.align == "center":
                line_x = start + (widest - line_width) / 2
            else:
                line_x = start + widest - line_width
            self.text(line, line_x, baseline, size, color=color, bold=item.bold)
            if item.underline:
                rule_y = baseline - size * 0.22
                if item.align == "left":
                    left, right = start, x + width
                else:
                    left, right = line_x - size * 0.5, line_x + line_width + size * 0.5
                canvas.setStrokeColor(color)
                canvas.setLineWidth(0.6)
                canvas.line(left, rule_y, right, rule_y)
                canvas.setStrokeColor(black)


# ----------------------------------------------------------------------------- benchmark baseline


@one_document_at_a_time
def baseline_render(contents: Sequence[CertificateContent], template: CertificateTemplate) -> bytes:
    """BENCHMARK BASELINE ONLY (not used by the app): plain ReportLab drawing the same text.

    Each field's label and value as one `drawString` at the field's size in the same embedded
    font (no fitting), the frame, and ReportLab's own `QrCodeWidget` (level M, quiet zone 4)
    in a `Drawing` rendered with `renderPDF.draw` — what `render_certificates` is measured
    against (tests/bench).
    """
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    font_name = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(template.page_width_mm * mm, template.page_height_mm * mm), invariant=1,
                    pageCompression=1, initialFontName=font_name, initialFontSize=10)
    for content in contents:
        if template.frame is not None:
            left, right, top, bottom = (value * mm for value in template.margins_mm)
            canvas.setLineWidth(template.frame.line_width)
            canvas.rect(left, bottom, template.page_width_mm * mm - left - right,
                        template.page_height_mm * mm - top - bottom)
        for item in template.fields:
            x, y = item.x_mm * mm, item.y_mm * mm
            width, height = item.width_mm * mm, item.height_mm * mm
            if item.key == "qr":
                if content.qr_payload:
                    side = min(width, height)
                    widget = QrCodeWidget(content.qr_payload, barLevel="M", barBorder=4, barWidth=side,
                                          barHeight=side)
                    drawing = Drawing(side, side)
                    drawing.add(widget)
                    renderPDF.draw(drawing, canvas, x + (width - side) / 2, y + (height - side) / 2)
                continue
            text = item.label if item.key in STATIC_KEYS else item.label + _value(content, item.key)
            canvas.setFont(font_name, item.font_size)
            baseline = y + height / 2 - 0.36 * item.font_size
            if item.align == "center":
                canvas.drawCentredString(x + width / 2, baseline, text)
            elif item.align == "right":
                canvas.drawRightString(x + width, baseline, text)
            else:
                canvas.drawString(x, baseline, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
