"""QR codes for printed certificates: ReportLab's encoder, drawn as one filled path.

ReportLab's QR widget spends most of a certificate's time in two places: choosing the mask
(its encoder builds the whole matrix nine times, module by module) and drawing (one graphics
object per run of dark modules). Here the symbol is the one ReportLab's encoder
(`reportlab.graphics.barcode.qrencoder`) makes — same segment mode, version, Reed-Solomon
blocks, data placement, format bits and mask choice; tests/documents/test_qr.py checks the
matrix is identical module for module — but computed on whole rows held as integers:

* ReportLab turns the payload into segments (numeric, alphanumeric, Kanji or UTF-8 bytes)
  and writes their bits, and supplies the version and block tables; non-ASCII bytes get an
  ECI 26 (UTF-8) segment in front, or readers guess the encoding wrong (see `_segments`);
* the Reed-Solomon remainder is computed with ReportLab's log/antilog tables, one pass per
  block (instead of its recursive polynomial division);
* the layout of each version — function patterns, the positions of data bits in placement
  order, the eight masks and their format bits — is worked out once with ReportLab's own
  `QRCode` and kept per version (at most 40 small tables; nothing about a payload is kept);
* the eight masks are scored with ReportLab's penalty rules on whole rows and columns at once
  with bitwise operations.

`draw_qr` then emits every dark module as one PDF path: horizontal runs merged into
rectangles, in module units under one transformation, filled once. The quiet zone (four
modules) is part of `size` and left unprinted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import zip_longest
from operator import itemgetter

from reportlab.graphics.barcode import qrencoder as _rl
from reportlab.pdfgen.canvas import Canvas

__all__ = ["ERROR_CORRECTION", "QUIET_ZONE", "UTF8_ECI", "QrPayloadError", "draw_qr", "qr_matrix", "qr_rows"]

ERROR_CORRECTION = "M"  # about 15 % of the symbol may be damaged (a stamp, a fold) and still read
QUIET_ZONE = 4  # modules of blank margin on every side, as the standard asks
UTF8_ECI = 26  # the Extended Channel Interpretation that declares UTF-8
_LEVEL = getattr(_rl.QRErrorCorrectLevel, ERROR_CORRECTION)
_MAX_VERSION = 39  # ReportLab's encoder searches versions 1-39
_RULE3 = (True, False, True, True, True, False, True, False, False, False, False)  # 1:1:3:1:1 then light


class QrPayloadError(ValueError):
    """The payload is empty or does not fit the largest QR symbol at level M."""


@dataclass(frozen=True)
class _Version:
    """What a version's layout holds whatever the payload.

    Rows are integers (bit c = column c). For scoring, the whole matrix is also held as one
    integer, row r at bit r * stride with a light gap bit after each row so that runs never
    continue into the next row; `*_cols` hold the transposed matrix the same way.
    """

    size: int
    stride: int
    test: int  # function patterns, format/version areas light (what ReportLab scores)
    test_cols: int
    masks: tuple[int, ...]  # per mask: the data modules it inverts
    masks_cols: tuple[int, ...]
    finals: tuple[int, ...]  # per mask: function patterns with its format bits set
    data_modules: int  # how many modules carry data (codeword bits, then remainder bits)
    # The data bit stream, as a string of "0"/"1" followed by one "0" for modules that carry no
    # data, picked into matrix order (highest bit first) by one C-level call.
    pick_rows: itemgetter
    pick_cols: itemgetter
    full: int  # every module
    pairs: int  # modules with a neighbour to the right and below (2x2 blocks, rule 2)
    starts: int  # where an 11-module pattern can start in a row (rule 3, as ReportLab scans)


_versions: dict[int, _Version] = {}
_versions_lock = threading.Lock()


def _version(version: int) -> _Version:
    layout = _versions.get(version)
    if layout is None:
        with _versions_lock:
            layout = _versions.get(version)
            if layout is None:
                layout = _versions[version] = _build_version(version)
    return layout


def _build_version(version: int) -> _Version:
    code = _rl.QRCode(version, _LEVEL)
    code.addData(_rl.QR8bitByte(b""))
    code.makeImpl(True, 0)
    size = code.getModuleCount()
    stride = (size + 1 + 7) // 8 * 8
    positions = tuple((row, col) for col, row in code.dataPosIterator())
    data_bits = [0] * size
    for row, col in positions:
        data_bits[row] |= 1 << col

    def function_rows() -> tuple[int, ...]:
        return tuple(_row_bits(row) & ~data_bits[r] for r, row in enumerate(code.modules))

    test_rows = function_rows()
    finals, masks, masks_cols = [], [], []
    for mask in range(8):
        code.makeImpl(False, mask)
        finals.append(_join(function_rows(), stride))
        invert = _rl.QRUtil.getMask(mask)
        rows, cols = [0] * size, [0] * size
        for row, col in positions:
            if invert(row, col):
                rows[row] |= 1 << col
                cols[col] |= 1 << row
        masks.append(_join(rows, stride))
        masks_cols.append(_join(cols, stride))
    blank = len(positions)  # the index of the trailing "0"
    by_row = [blank] * (stride * size)
    by_col = [blank] * (stride * size)
    for index, (row, col) in enumerate(positions):
        by_row[row * stride + col] = index
        by_col[col * stride + row] = index
    row_full = (1 << size) - 1
    return _Version(
        size=size, stride=stride, test=_join(test_rows, stride), test_cols=_join(_transpose(test_rows, size), stride),
        masks=tuple(masks), masks_cols=tuple(masks_cols), finals=tuple(finals), data_modules=len(positions),
        pick_rows=itemgetter(*reversed(by_row)), pick_cols=itemgetter(*reversed(by_col)),
        full=_join([row_full] * size, stride),
        pairs=_join([(1 << (size - 1)) - 1] * (size - 1), stride),
        starts=_join([(1 << (size - 11)) - 1] * size, stride))


def _join(rows: list[int] | tuple[int, ...], stride: int) -> int:
    """Rows of bits as one integer, row r at bit r * stride (stride: a multiple of 8)."""
    width = stride // 8
    return int.from_bytes(b"".join(row.to_bytes(width, "little") for row in rows), "little")


def _row_bits(row: list[bool]) -> int:
    value = 0
    for col, dark in enumerate(row):
        if dark:
            value |= 1 << col
    return value


def _transpose(rows: tuple[int, ...] | list[int], size: int) -> list[int]:
    cols = [0] * size
    for r, value in enumerate(rows):
        bit = 1 << r
        while value:
            low = value & -value
            cols[low.bit_length() - 1] |= bit
            value ^= low
    return cols


class _Bits:
    """A bit buffer with the interface ReportLab's segments write to (`put`), on one integer."""

    __slots__ = ("value", "length")

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def putBit(self, bit: bool) -> None:  # noqa: N802 - ReportLab's name
        self.put(1 if bit else 0, 1)

    def getLengthInBits(self) -> int:  # noqa: N802 - ReportLab's name
        return self.length


def _segments(payload: str) -> list[_rl.QR]:
    """ReportLab's choice of mode for the payload (its QRCode.addData), with UTF-8 declared.

    Text that is neither digits, upper-case alphanumerics nor Shift-JIS kanji goes in byte
    mode as UTF-8. Without an ECI designator a reader has to guess the bytes' encoding, and
    guesses wrong: zbar reads the UTF-8 of 阿依古丽 as Shift-JIS. So non-ASCII bytes are
    preceded by ECI 26 (UTF-8), a segment ReportLab's encoder has but its widget never adds.
    """
    code = _rl.QRCode(None, _LEVEL)
    code.addData(payload)
    segments = list(code.dataList)
    if isinstance(segments[0], _rl.QR8bitByte) and not payload.isascii():
        segments.insert(0, _rl.QRECI(UTF8_ECI))
    return segments


def _segment_bits(segment: _rl.QR, version: int) -> int:
    if isinstance(segment, _rl.QRECI):  # ReportLab counts its designator as 0 bits; it writes 8 to 24
        return 4 + (8 if segment.data <= 0x7F else 16 if segment.data <= 0x3FFF else 24)
    return 4 + segment.getLengthBits(version) + segment.bitlength


def _choose_version(segments: list[_rl.QR]) -> int:
    """The smallest version that holds the segments (ReportLab's QRCode.calculate_version)."""
    for version in range(1, _MAX_VERSION + 1):
        capacity = sum(block.dataCount for block in _rl.QRRSBlock.getRSBlocks(version, _LEVEL)) * 8
        if sum(_segment_bits(segment, version) for segment in segments) <= capacity:
            return version
    raise QrPayloadError(f"the payload does not fit a QR code at level {ERROR_CORRECTION}")


_products: dict[int, tuple[int, ...]] = {}


def _product_table(degree: int) -> tuple[int, ...]:
    """For each byte f, f times the Reed-Solomon generator of `degree` (below its leading 1),
    as one integer of `degree` bytes, highest coefficient first.

    The generator is (x - a^0)(x - a^1)...(x - a^(degree-1)) over GF(256), ReportLab's tables.
    """
    table = _products.get(degree)
    if table is None:
        exp, log = _rl.EXP_TABLE, _rl.LOG_TABLE
        generator = [1]
        for i in range(degree):
            factor = exp[i % 255]
            product = generator + [0]
            for j, value in enumerate(generator):
                if value:
                    product[j + 1] ^= exp[(log[value] + log[factor]) % 255]
            generator = product
        logs = [log[value] for value in generator[1:]]  # no coefficient is 0
        rows = [0]
        for factor in range(1, 256):
            shift = log[factor]
            rows.append(int.from_bytes(bytes(exp[(g + shift) % 255] for g in logs), "big"))
        table = _products[degree] = tuple(rows)
    return table


def _remainder(data: list[int], degree: int) -> list[int]:
    """The error-correction codewords of one block: data * x^degree modulo the generator."""
    table = _product_table(degree)
    top = 8 * (degree - 1)
    keep = (1 << (8 * degree)) - 1
    remainder = 0
    for value in data:
        remainder = ((remainder << 8) & keep) ^ table[value ^ (remainder >> top)]
    return list(remainder.to_bytes(degree, "big"))


def _codewords(version: int, segments: list[_rl.QR]) -> list[int]:
    """Data and error-correction codewords, interleaved, as ReportLab's createData makes them."""
    blocks = _rl.QRRSBlock.getRSBlocks(version, _LEVEL)
    capacity = sum(block.dataCount for block in blocks) * 8
    bits = _Bits()
    for segment in segments:
        segment.write(bits, version)
    if bits.length > capacity:
        raise QrPayloadError(f"the payload does not fit a QR code of version {version}")
    if bits.length + 4 <= capacity:
        bits.put(0, 4)  # terminator
    if bits.length % 8:
        bits.put(0, 8 - bits.length % 8)
    stream = list(bits.value.to_bytes(bits.length // 8, "big")) if bits.length else []
    pad = 0
    while len(stream) * 8 < capacity:
        stream.append((_rl.QRCode.PAD0, _rl.QRCode.PAD1)[pad])
        pad ^= 1
    data_blocks, ecc_blocks = [], []
    offset = 0
    for block in blocks:
        chunk = stream[offset:offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(chunk)
        ecc_blocks.append(_remainder(chunk, block.totalCount - block.dataCount))
    return [value for column in zip_longest(*data_blocks) for value in column if value is not None] + \
        [value for column in zip_longest(*ecc_blocks) for value in column if value is not None]


def _penalty(matrix: int, transposed: int, layout: _Version) -> int:
    """ReportLab's `QRUtil.getLostPoint` for the matrix held as one integer (see `_Version`).

    Rule 1 (runs of five or more) along rows and columns; rule 2 (2x2 blocks); rule 3 (the
    finder-like 1:1:3:1:1 pattern followed by four light modules) along rows only — ReportLab's
    column pass compares tuples with a list and never matches, and the mask it picks is what
    must be reproduced; rule 4 (balance of dark and light).
    """
    full = layout.full
    score = 0
    for value in (matrix, full & ~matrix, transposed, full & ~transposed):
        runs = value & (value >> 1) & (value >> 2) & (value >> 3) & (value >> 4)
        score += runs.bit_count() + 2 * (runs & ~(runs << 1)).bit_count()
    same_below = ~(matrix ^ (matrix >> layout.stride))
    same_right = ~(matrix ^ (matrix >> 1))
    score += 3 * (same_below & (same_below >> 1) & same_right & layout.pairs).bit_count()
    light = full & ~matrix
    found = layout.starts
    for shift, want_dark in enumerate(_RULE3):
        found &= (matrix if want_dark else light) >> shift
    score += 40 * found.bit_count()
    size = layout.size
    score += 10 * (abs(100 * matrix.bit_count() // (size * size) - 50) // 5)
    return score


def qr_rows(payload: str) -> tuple[int, list[int]]:
    """The symbol for `payload` (level M): its size in modules and one integer per row.

    Bit c of a row is the module in column c (1 = dark); row 0 is the top. No quiet zone.
    """
    if not isinstance(payload, str) or not payload:
        raise QrPayloadError("a QR payload must be a non-empty string")
    segments = _segments(payload)
    version = _choose_version(segments)
    layout = _version(version)
    codewords = _codewords(version, segments)
    bits = len(codewords) * 8
    stream = format(int.from_bytes(bytes(codewords), "big"), f"0{bits}b") + "0" * (layout.data_modules - bits + 1)
    data = int("".join(layout.pick_rows(stream)), 2)
    data_t = int("".join(layout.pick_cols(stream)), 2)
    best_mask, best_score = 0, None
    for mask in range(8):
        score = _penalty(layout.test | (data ^ layout.masks[mask]), layout.test_cols | (data_t ^ layout.masks_cols[mask]),
                         layout)
        if best_score is None or score < best_score:
            best_mask, best_score = mask, score
    matrix = layout.finals[best_mask] | (data ^ layout.masks[best_mask])
    size, stride = layout.size, layout.stride
    row_full = (1 << size) - 1
    return size, [matrix >> (r * stride) & row_full for r in range(size)]


def qr_matrix(payload: str) -> list[list[bool]]:
    """The module matrix for `payload` at level M (True = dark), row 0 at the top, no quiet zone."""
    size, rows = qr_rows(payload)
    return [[bool(value >> col & 1) for col in range(size)] for value in rows]


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float, *, quiet_zone: int = QUIET_ZONE) -> float:
    """Draw the QR code for `payload` in the square of side `size` (pt) whose lower left is (x, y).

    The quiet zone is inside the square and left blank. All dark modules go into one path,
    filled black once. Returns the side of one module in points (for checking it will scan).
    """
    modules, rows = qr_rows(payload)
    span = modules + 2 * quiet_zone
    unit = size / span
    top = modules - 1 + quiet_zone
    parts = [f"q 0 g {unit:.6f} 0 0 {unit:.6f} {x:.4f} {y:.4f} cm"]
    append = parts.append
    for r, value in enumerate(rows):
        row_y = top - r
        while value:
            low = value & -value
            start = low.bit_length() - 1
            after = value + low  # carries through the run: its lowest bit is the end of the run
            end = (after & -after).bit_length() - 1
            append(f"{start + quiet_zone} {row_y} {end - start} 1 re")
            value &= after
    append("f Q")
    canvas.addLiteral("\n".join(parts))
    return unit
