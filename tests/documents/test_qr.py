"""QR codes: ReportLab's symbol module for module, drawn as one path, decoded back by zbarimg."""

from __future__ import annotations

import io
import random
import re
import string
import subprocess
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

from desktop_app.documents.qr import QUIET_ZONE, UTF8_ECI, QrPayloadError, draw_qr, qr_matrix, qr_rows

URL = "https://verify.skilldesk.cn/c/GL2024-000123?k=8f3a9c2e71b4d605"
LONG = "SKD1.GL2024-000123." + "x7Qm3Kp9Lw2Zr8Tn4Vb6Yc1Hd5Jf0Sg-_" * 8 + "END"  # about 300 characters


def needs_eci(payload: str) -> bool:
    """Byte mode (not digits, alphanumerics or Shift-JIS kanji) with non-ASCII text in it."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    return isinstance(code.dataList[0], qrencoder.QR8bitByte) and not payload.isascii()


def reportlab_matrix(payload: str, version: int | None = None) -> list[list[bool]]:
    """What ReportLab's own encoder makes at level M (what its QrCodeWidget draws).

    Non-ASCII byte text gets the ECI 26 (UTF-8) segment we add, from ReportLab's own class.
    """
    code = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    if needs_eci(payload):
        code.addData(qrencoder.QRECI(UTF8_ECI))
        code.addData(qrencoder.QR8bitByte(payload))
    else:
        code.addData(payload)
    code.make()
    return [[bool(module) for module in row] for row in code.modules]


def reference(payload: str) -> list[list[bool]] | None:
    """ReportLab's symbol, or None where ReportLab cannot make one.

    ReportLab's version search counts an ECI designator as 0 bits instead of 8, so near the
    top of a version it picks one too small and overflows; there the version we chose (one
    up) is given to it, and everything else must still match.
    """
    try:
        return reportlab_matrix(payload)
    except Exception:
        pass
    if not needs_eci(payload):
        return None
    try:
        ours = len(qr_matrix(payload))
    except QrPayloadError:
        return None
    return reportlab_matrix(payload, (ours - 17) // 4)


ALPHABETS = {
    "numeric": string.digits,
    "alphanumeric": string.digits + string.ascii_uppercase + " $%*+-./:",
    "ascii": string.ascii_letters + string.digits + string.punctuation + " ",
    "kanji": "王李林高田中山川木本日",  # all in Shift-JIS: ReportLab picks its Kanji mode
    "chinese": "证书编号张三阿依古丽·买买提职业技能培训学校abc123",  # UTF-8 bytes
}


def check_against_reportlab(alphabet: str, lengths: list[int]) -> None:
    rng = random.Random(f"{alphabet}{lengths}")
    for length in lengths:
        payload = "".join(rng.choice(ALPHABETS[alphabet]) for _ in range(length))
        expected = reference(payload)
        if expected is None:  # beyond version 39
            with pytest.raises(QrPayloadError):
                qr_matrix(payload)
            continue
        assert qr_matrix(payload) == expected, (alphabet, length)


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
def test_the_symbol_is_reportlabs_module_for_module(alphabet):
    check_against_reportlab(alphabet, [1, 2, 3, 7, 14, 15, 16, 17, 30, 31, 32, 33, 60, 100, 150, 220, 300])


@pytest.mark.slow
@pytest.mark.parametrize("alphabet", ["numeric", "ascii"])
def test_large_versions_are_reportlabs_too(alphabet):
    check_against_reportlab(alphabet, [500, 900, 1400, 2000])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=250))
def test_any_text_gives_reportlabs_symbol(payload):
    expected = reference(payload)
    if expected is not None:
        assert qr_matrix(payload) == expected


def test_sizes_follow_the_versions():
    size, rows = qr_rows("HELLO")
    assert size == 21 and len(rows) == 21
    assert all(0 <= row < 1 << 21 for row in rows)
    # The three finder patterns: a 7-module dark square ring in the corners.
    matrix = qr_matrix("HELLO")
    for top, left in ((0, 0), (0, 14), (14, 0)):
        assert all(matrix[top][left + i] and matrix[top + 6][left + i] for i in range(7))
        assert all(matrix[top + i][left] and matrix[top + i][left + 6] for i in range(7))
    assert len(qr_matrix(LONG)) > len(qr_matrix(URL)) > 21


def test_non_ascii_text_declares_utf8():
    assert not needs_eci("GL2024-000123 zhang san") and needs_eci("GL2024-000123 张三")
    assert not needs_eci("王李林")  # Shift-JIS kanji mode says what it is
    # "张" + 11 letters fills version 1 exactly once the ECI designator's 8 bits are counted:
    # ReportLab's own search would pick version 1 and overflow; we take version 2.
    with pytest.raises(Exception):
        reportlab_matrix("张" + "a" * 11)
    assert len(qr_matrix("张" + "a" * 10)) == 21
    assert len(qr_matrix("张" + "a" * 11)) == 25
    for length in (11, 23, 39, 59):
        assert qr_matrix("张" + "a" * length) == reference("张" + "a" * length)


def test_empty_and_oversized_payloads_are_refused():
    with pytest.raises(QrPayloadError):
        qr_matrix("")
    with pytest.raises(QrPayloadError):
        qr_matrix("证" * 3000)


def page_stream(draw) -> str:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 300), invariant=1, pageCompression=0)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    texts = []
    for raw in streams:
        try:
            texts.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            texts.append(raw.decode("latin-1"))
    return "\n".join(texts)


def test_all_dark_modules_are_one_path_filled_once():
    size, rows = qr_rows(URL)
    runs = sum(len(re.findall("1+", format(row, f"0{size}b"))) for row in rows)
    module = None

    def draw(canvas):
        nonlocal module
        module = draw_qr(canvas, URL, 20, 30, 200)

    stream = page_stream(draw)
    assert stream.count(" re") == runs  # one rectangle per horizontal run of dark modules
    assert re.findall(r"^f\b.*$", stream, re.M) == ["f Q"]  # filled once
    assert " S" not in stream and "BI" not in stream  # no strokes, no images
    assert module == pytest.approx(200 / (size + 2 * QUIET_ZONE))


def decode(tmp_path: Path, pdf: bytes, dpi: int = 200) -> list[str]:
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(tmp_path / "qr")], check=True)
    result = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")], capture_output=True)
    return result.stdout.decode("utf-8").splitlines()


@pytest.mark.parametrize("payload", [
    URL, LONG, "0123456789012345", "HELLO WORLD 2024", "证书编号 GL2024-000123 阿依古丽·买买提", "王李林",
    "1|GL2024-000123|阿依古丽·买买提|6501**********123X|4-03-02-01|5|2024-07-01|k7f3a9c2e|MEUCIQDk3x7Qm3Kp9Lw2Zr8Tn4"])
def test_the_drawn_code_decodes_to_the_payload(tmp_path, payload):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(250, 250), invariant=1)
    draw_qr(canvas, payload, 25, 25, 200)
    canvas.showPage()
    canvas.save()
    assert decode(tmp_path, buffer.getvalue()) == [payload]


def test_much_faster_than_reportlabs_encoder():
    payloads = [f"https://verify.skilldesk.cn/c/GL2024-{i:06d}?k=8f3a9c2e71b4d605" for i in range(30)]
    qr_rows(payloads[0])
    started = time.perf_counter()
    for payload in payloads:
        qr_rows(payload)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for payload in payloads:
        reportlab_matrix(payload)
    theirs = time.perf_counter() - started
    assert ours * 4 < theirs, (ours, theirs)
