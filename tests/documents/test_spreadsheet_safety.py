"""The formula-injection guard: text stays text in every cell we write."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.documents.spreadsheet_safety import (
    decode_ooxml_text,
    encode_ooxml_text,
    is_formula_like,
    safe_cell_text,
    stream_text,
    text_cell,
    write_text_cell,
)
from tests.documents.workbooks import sheet_xml

DANGEROUS = ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "  =1", "\u3000=1",
             "＝1", "＋1", "－1", "＠A1"]
HARMLESS = ["张三", "1+1", "a=b", "", "11010519491231002X", "#N/A", "'=1", "下岗失业人员、就业困难人员"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like(text: str):
    assert is_formula_like(text)
    assert safe_cell_text(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_not_formula_like(text: str):
    assert not is_formula_like(text)
    assert safe_cell_text(text) == text


def test_openpyxl_alone_would_write_a_formula(tmp_path: Path):
    """Why the guard exists: a plain assignment of "=…" becomes a <f> element."""
    workbook = Workbook()
    workbook.active["A1"] = "=1+1"
    path = tmp_path / "naive.xlsx"
    workbook.save(path)
    assert "<f>" in next(iter(sheet_xml(path).values()))


@pytest.mark.parametrize("write_only", [False, True])
def test_written_cells_are_strings_and_read_back_unchanged(tmp_path: Path, write_only: bool):
    texts = DANGEROUS + HARMLESS[:-3] + ["#N/A", "#REF!", "a\rb", "x\x01y", "_x000D_", "tab\there", "new\nline"]
    workbook = Workbook(write_only=write_only)
    if write_only:
        ws = workbook.create_sheet("s")
        for text in texts:
            ws.append([text_cell(ws, text), text_cell(ws, None, number_format="@")])
    else:
        ws = workbook.active
        for row, text in enumerate(texts, 1):
            cell = write_text_cell(ws, row, 1, text)
            assert cell.data_type == "s" or text == ""
            assert bool(cell.quotePrefix) == is_formula_like(text)
    path = tmp_path / "cells.xlsx"
    workbook.save(path)
    xml = next(iter(sheet_xml(path).values()))
    assert "<f>" not in xml and 't="e"' not in xml
    back = load_workbook(path).worksheets[0]
    # openpyxl does not decode _xHHHH_ escapes; Excel and our reader do.
    assert [decode_ooxml_text(back.cell(row=r, column=1).value or "") for r in range(1, len(texts) + 1)] == \
        [text if text else "" for text in texts]


def test_ooxml_escapes_round_trip():
    for text in ["plain", "a\rb", "\x00\x1f", "_x000D_", "_x005F_", "_X000d_", "\ud83d", "\uffff", "tab\t"]:
        assert decode_ooxml_text(encode_ooxml_text(text)) == text
    assert encode_ooxml_text("a\rb") == "a_x000D_b"


def test_long_text_is_cut_to_excels_limit(tmp_path: Path):
    workbook = Workbook()
    cell = write_text_cell(workbook.active, 1, 1, "\x01" * 40_000)
    assert len(cell.value) <= 32_767
    assert decode_ooxml_text(cell.value) == "\x01" * (len(cell.value) // 7)


def test_stream_text_hands_over_plain_strings_only_when_openpyxl_keeps_them_text(tmp_path: Path):
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("s")
    assert stream_text(ws, "张三") == "张三"
    assert stream_text(ws, None) is None and stream_text(ws, "") is None
    for risky in ["=1+1", "#N/A", "-1", "a\rb", "_x0041_"]:
        assert not isinstance(stream_text(ws, risky), str), risky
    assert stream_text(ws, "123", number_format="@").number_format == "@"
    assert stream_text(ws, None, number_format="@").number_format == "@"
    ws.append([stream_text(ws, text) for text in ["张三", "=1+1", "#N/A", "-1", "a\rb", "_x0041_"]])
    path = tmp_path / "s.xlsx"
    workbook.save(path)
    xml = next(iter(sheet_xml(path).values()))
    assert "<f>" not in xml and 't="e"' not in xml
    back = [decode_ooxml_text(cell.value) for cell in load_workbook(path).worksheets[0][1]]
    assert back == ["张三", "=1+1", "#N/A", "-1", "a\rb", "_x0041_"]
