"""Page numbers (folios) on PDF pages: finding and removing the text a page draws in its
foot margin, below the type area, where GB/T 9704 puts the page number "— N —".

The booklet replaces the documents' own numbers with its own (or moves them, on landscape
pages turned upright): it takes the text-showing operators whose text starts in the foot
margin out of the page's content stream, and leaves everything else byte for byte.

A content stream is read by a small tokenizer that knows where each operator and its
operands start and end (pypdf's parser gives no offsets, and on the 督查通报's pages took
about twice as long, measured side by side: a TJ array is one token here). It
follows what places text: the graphics state stack (q, Q, cm) and the text matrices (BT,
Tm, Td, TD, T*, TL, ', ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Millimetres to PDF points.
PT_PER_MM = 72 / 25.4
#: Height of the foot margin, below the type area, in which a page prints its number
#: (GB/T 9704: 35 mm on a portrait page; a landscape page is bound along its top edge and
#: takes the portrait right margin, 26 mm, at its foot: see render.page).
FOOT_MARGIN_MM = {"portrait": 35.0, "landscape": 26.0}

_WHITESPACE = b"\x00\t\n\x0c\r "
_DELIMITERS = b"()<>[]{}/%"
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_TOKEN = re.compile(
    rb"(?P<space>[\x00\t\n\x0c\r ]+|%[^\r\n]*)"
    rb"|(?P<string>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<dict><<|>>)"
    rb"|(?P<array>\[(?:[^\[\]()]|\((?:[^()\\]|\\.)*\))*\])"  # a whole array, as TJ takes
    rb"|(?P<bracket>[\[\]])"
    rb"|(?P<name>/" + _REGULAR + rb"*)"
    rb"|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?!" + _REGULAR + rb"))"
    rb"|(?P<operator>" + _REGULAR + rb"+)",
    re.S,
)
_SHOW = {b"Tj", b"TJ", b"'", b'"'}

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class ContentError(ValueError):
    """A content stream this module cannot read (a string or inline image left open)."""


@dataclass(frozen=True)
class ShownText:
    """One text-showing operator of a content stream: the byte span of it and its operands,
    and where its text starts on the page (x, y in points from the lower left corner)."""

    start: int
    end: int
    x: float
    y: float


def _literal_end(data: bytes, start: int) -> int:
    """The offset after the literal string opening at ``start``, balanced parentheses
    counted (PDF allows them unescaped)."""
    depth, index = 0, start
    while index < len(data):
        char = data[index]
        if char == 0x5C:  # backslash: the next byte is escaped
            index += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise ContentError(f"string opened at byte {start} is not closed")


def _inline_image_end(data: bytes, start: int) -> int:
    """The offset after the EI ending the inline image whose data begins at ``start``."""
    index = start
    while True:
        index = data.find(b"EI", index)
        if index < 0:
            raise ContentError(f"inline image at byte {start} has no EI")
        before_ok = index > 0 and data[index - 1] in _WHITESPACE
        after = index + 2
        after_ok = after == len(data) or data[after] in _WHITESPACE + _DELIMITERS
        if before_ok and after_ok:
            return after
        index += 2


def shown_texts(data: bytes) -> list[ShownText]:
    """Every text-showing operator of the content stream ``data``, with where its text starts."""
    out: list[ShownText] = []
    operands: list[float | None] = []
    first_operand: int | None = None
    ctm, stack = IDENTITY, []
    line = text = IDENTITY
    leading = 0.0
    position = 0
    while position < len(data):
        match = _TOKEN.match(data, position)
        if match is None:
            if data[position] == 0x28:  # a literal string holding balanced parentheses
                end = _literal_end(data, position)
                first_operand = position if first_operand is None else first_operand
                operands.append(None)
                position = end
                continue
            raise ContentError(f"unreadable byte {data[position]!r} at {position}")
        kind, token, position = match.lastgroup, match.group(), match.end()
        if kind == "space":
            continue
        if kind != "operator":
            first_operand = match.start() if first_operand is None else first_operand
            operands.append(float(token) if kind == "number" else None)
            continue
        numbers = [value for value in operands if value is not None]
        start = match.start() if first_operand is None else first_operand
        if token == b"q":
            stack.append(ctm)
        elif token == b"Q":
            ctm = stack.pop() if stack else ctm
        elif token == b"cm" and len(numbers) >= 6:
            ctm = multiply(tuple(numbers[-6:]), ctm)  # type: ignore[arg-type]
        elif token == b"BT":
            line = text = IDENTITY
        elif token == b"Tm" and len(numbers) >= 6:
            line = text = tuple(numbers[-6:])  # type: ignore[assignment]
        elif token in (b"Td", b"TD") and len(numbers) >= 2:
            if token == b"TD":
                leading = -numbers[-1]
            line = text = multiply((1.0, 0.0, 0.0, 1.0, numbers[-2], numbers[-1]), line)
        elif token == b"TL" and numbers:
            leading = numbers[-1]
        elif token == b"ID":
            position = _inline_image_end(data, position)
        if token in (b"T*", b"'", b'"'):
            line = text = multiply((1.0, 0.0, 0.0, 1.0, 0.0, -leading), line)
        if token in _SHOW:
            x, y = multiply((1.0, 0.0, 0.0, 1.0, text[4], text[5]), ctm)[4:]
            out.append(ShownText(start, position, x, y))
        operands, first_operand = [], None
    return out


def foot_margin(width: float, height: float) -> float:
    """The height in points of the foot margin of a page of this size (see FOOT_MARGIN_MM)."""
    return FOOT_MARGIN_MM["landscape" if width > height else "portrait"] * PT_PER_MM


def without_folio(data: bytes, width: float, height: float) -> tuple[bytes, int]:
    """The content stream ``data`` of a page of this size without the text it shows in its
    foot margin, and how many text-showing operators were taken out (0: ``data`` as it was)."""
    limit = foot_margin(width, height)
    folio = [shown for shown in shown_texts(data) if 0 <= shown.y < limit and 0 <= shown.x <= width]
    if not folio:
        return data, 0
    kept, cursor = [], 0
    for shown in folio:
        kept.append(data[cursor:shown.start])
        cursor = shown.end
    kept.append(data[cursor:])
    return b"".join(kept), len(folio)
