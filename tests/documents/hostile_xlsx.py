"""Hostile .xlsx files, built the way an attacker would: a small file on disk that decompresses
into one enormous string, millions of empty rows, millions of tiny strings or cells of huge text.

Written in a stream (zipfile's writer fed chunk by chunk), so building a file of gigabytes
decompressed needs a few megabytes of memory; the tests and the `hostile_xlsx` benchmark share them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from tests.documents.workbooks import (
    _CONTENT_TYPES,
    _ROOT_RELS,
    _SHARED_REL,
    _SHARED_TYPE,
    _WORKBOOK,
    _WORKBOOK_RELS,
)

_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"
_SST_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
ROSTER_HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
                 '<c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c></row>')
PUNCH_HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c>'
                '<c r="C1" t="inlineStr"><is><t>打卡时间</t></is></c></row>')


def _repeat(piece: str, times: int, *, chunk: int = 1 << 20) -> Iterator[bytes]:
    data = piece.encode("utf-8")
    per_chunk = max(1, chunk // len(data))
    block = data * per_chunk
    full, rest = divmod(times, per_chunk)
    for _ in range(full):
        yield block
    if rest:
        yield data * rest


def _write(path: Path, sheet: Iterator[bytes], shared: Iterator[bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else "",
                                                                      styles=""))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name="Sheet1", workbook_pr=""))
        archive.writestr("xl/_rels/workbook.xml.rels",
                         _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else "", styles=""))
        for name, parts in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            if parts is None:
                continue
            with archive.open(name, "w", force_zip64=True) as stream:
                for part in parts:
                    stream.write(part)
    return path


def one_huge_shared_string(path: Path, characters: int) -> Path:
    """A roster whose second row names a shared string of `characters` characters."""
    def sheet():
        yield (_SHEET_HEAD + ROSTER_HEADER + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + _SHEET_TAIL).encode()

    def shared():
        yield (_SST_HEAD + "<si><t>").encode()
        yield from _repeat("A", characters)
        yield b"</t></si></sst>"

    return _write(path, sheet(), shared())


def empty_rows(path: Path, rows: int, *, with_numbers: bool = False) -> Path:
    """A roster header and then `rows` empty <row/> elements (numbered or, as here by default, without r=)."""
    def sheet():
        yield (_SHEET_HEAD + ROSTER_HEADER).encode()
        if with_numbers:
            yield "".join(f'<row r="{n}"/>' for n in range(2, rows + 2)).encode()
        else:
            yield from _repeat("<row/>", rows)
        yield _SHEET_TAIL.encode()

    return _write(path, sheet())


def tiny_shared_strings(path: Path, count: int) -> Path:
    """A roster whose shared-string table holds `count` one-character strings."""
    def sheet():
        yield (_SHEET_HEAD + ROSTER_HEADER + _SHEET_TAIL).encode()

    def shared():
        yield _SST_HEAD.encode()
        yield from _repeat("<si><t>a</t></si>", count)
        yield b"</sst>"

    return _write(path, sheet(), shared())


def long_punch_cells(path: Path, rows: int, characters: int) -> Path:
    """An attendance file whose rows each carry a name cell of `characters` characters."""
    def sheet():
        yield (_SHEET_HEAD + PUNCH_HEADER).encode()
        text = "张" * characters
        for number in range(2, rows + 2):
            yield (f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{text}</t></is></c>'
                   f'<c r="B{number}" t="inlineStr"><is><t>320102199003070017</t></is></c>'
                   f'<c r="C{number}" t="inlineStr"><is><t>2026-12-01 08:00</t></is></c></row>').encode()
        yield _SHEET_TAIL.encode()

    return _write(path, sheet())


def many_cells_in_rows(path: Path, rows: int, cells_per_row: int) -> Path:
    """Rows crowded with short inline cells without r= (the columns run on past the grid's edge)."""
    def sheet():
        yield (_SHEET_HEAD + PUNCH_HEADER).encode()
        row = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * cells_per_row + "</row>"
        yield from _repeat(row, rows)
        yield _SHEET_TAIL.encode()

    return _write(path, sheet())


def lying_part_size(path: Path, declared: int) -> Path:
    """A small, valid roster whose central directory claims the sheet decompresses to `declared` bytes."""
    import struct

    _write(path, iter([(_SHEET_HEAD + ROSTER_HEADER + _SHEET_TAIL).encode()]))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == name:
            if struct.unpack_from("<I", data, at + 24)[0] == 0xFFFFFFFF:  # zip64: the extra field holds it
                extra = at + 46 + name_length
                struct.pack_into("<Q", data, extra + 4, declared)
            else:
                struct.pack_into("<I", data, at + 24, min(declared, 0xFFFFFFFE))
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def distinct_shared_strings(path: Path, count: int) -> Path:
    """A roster whose shared-string table holds `count` different short strings (they compress
    too little to look like a zip bomb: only the count bound stops them)."""
    def sheet():
        yield (_SHEET_HEAD + ROSTER_HEADER + _SHEET_TAIL).encode()

    def shared():
        yield _SST_HEAD.encode()
        for start in range(0, count, 100_000):
            yield "".join(f"<si><t>{n:x}</t></si>" for n in range(start, min(count, start + 100_000))).encode()
        yield b"</sst>"

    return _write(path, sheet(), shared())
