"""Helpers that build real .xlsx files for the roster tests, including hand-made XML like WPS/LibreOffice write."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

from openpyxl import Workbook

HEADERS = ["姓名", "证件类型", "身份证号码", "性别", "出生日期", "民族", "手机号码", "户口性质", "文化程度", "就业状态",
           "人员类别", "是否领取养老金", "开户银行", "银行账号"]


def roster_row(i: int) -> list[str]:
    return [f"学员{i}", "居民身份证", f"32010219900307{i % 10000:04d}", "男", "1990-03-07", "汉族", "13812345678",
            "农业户口", "初中", "失业", "下岗失业人员、就业困难人员", "否", "中国银行南京分行", f"6217{i:015d}"]


def save_rows(path: Path, rows: Sequence[Sequence[object]], *, title_rows: Sequence[str] = (),
              sheet_name: str = "Sheet1") -> Path:
    """A workbook as a person would make it in Excel: optional title rows, then the given rows."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet_name
    for title in title_rows:
        ws.append([title])
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
{shared}{styles}</Types>"""
_STYLES_TYPE = ('<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
_STYLES_REL = ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'styles" Target="styles.xml"/>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
{workbook_pr}<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
{shared}{styles}</Relationships>"""
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/>')
_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>"""


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def inline_cell(ref: str | None, text: str) -> str:
    r = f' r="{ref}"' if ref else ""
    return f'<c{r} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def hand_made_xlsx(path: Path, sheet_rows_xml: str, *, dimension: str | None = None,
                   shared_strings: Sequence[str] | None = None, sheet_name: str = "Sheet1",
                   raw_shared_xml: str | None = None, styles_xml: str | None = None, date1904: bool = False,
                   prefix: str = "") -> Path:
    """An .xlsx zipped by hand: optional styles, <dimension>, inline or shared strings, and a
    namespace prefix on the sheet's elements (as the .NET Open XML SDK writes "x:c")."""
    shared = shared_strings is not None or raw_shared_xml is not None
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else "",
                                                                      styles=_STYLES_TYPE if styles_xml else ""))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(
            name=escape(sheet_name), workbook_pr='<workbookPr date1904="1"/>' if date1904 else ""))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(
            shared=_SHARED_REL if shared else "", styles=_STYLES_REL if styles_xml else ""))
        if styles_xml:
            archive.writestr("xl/styles.xml", styles_xml)
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        sheet = _SHEET.format(dimension=dim, rows=sheet_rows_xml)
        if prefix:
            sheet = re.sub(r"<(/?)([a-zA-Z]+)([ >/])", rf"<\1{prefix}:\2\3", sheet.split("?>", 1)[1])
            sheet = sheet.replace(f"<{prefix}:worksheet xmlns=", f"<{prefix}:worksheet xmlns:{prefix}=")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared:
            body = raw_shared_xml if raw_shared_xml is not None else "".join(
                f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in shared_strings)
            archive.writestr(
                "xl/sharedStrings.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + body + "</sst>")
    return path


def inline_rows_xml(rows: Sequence[Sequence[str | None]], *, with_refs: bool = True, first_row: int = 1) -> str:
    out = []
    for number, row in enumerate(rows, first_row):
        cells = "".join(inline_cell(f"{column_letter(col)}{number}" if with_refs else None, text)
                        for col, text in enumerate(row, 1) if text is not None)
        out.append(f'<row r="{number}">{cells}</row>' if with_refs else f"<row>{cells}</row>")
    return "".join(out)


def sheet_xml(path: Path) -> dict[str, str]:
    """Every worksheet part of a saved workbook, as text."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")}


def excel_like_xlsx(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A sheet as Excel saves it: every text in the shared-string table, cells with r=, a <dimension>."""
    index: dict[str, int] = {}
    body = []
    for number, row in enumerate(rows, 1):
        cells = []
        for col, text in enumerate(row, 1):
            if text is None:
                continue
            position = index.setdefault(text, len(index))
            cells.append(f'<c r="{column_letter(col)}{number}" t="s"><v>{position}</v></c>')
        body.append(f'<row r="{number}">{"".join(cells)}</row>')
    width = max((len(row) for row in rows), default=1)
    return hand_made_xlsx(path, "".join(body), dimension=f"A1:{column_letter(width)}{len(rows)}",
                          shared_strings=list(index))
