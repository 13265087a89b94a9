"""QR codes of the units' links, as PNG images for the links workbook and the printed sheets.

Made with segno (pure Python, no dependencies), error correction level M (a code still reads
with about 15% of it smudged or folded), with the standard quiet zone of four modules."""

from __future__ import annotations

import io

import segno

#: Error correction level: M survives a crease or a smudge on a printed sheet.
ERROR_LEVEL = "m"
QUIET_ZONE = 4


def qr_code(text: str) -> segno.QRCode:
    """The QR code of ``text`` (a link)."""
    return segno.make_qr(text, error=ERROR_LEVEL, boost_error=False)


def qr_png(text: str, scale: int = 4) -> bytes:
    """The QR code of ``text`` as a black-on-white PNG, ``scale`` pixels per module."""
    out = io.BytesIO()
    qr_code(text).save(out, kind="png", scale=scale, border=QUIET_ZONE, dark="black", light="white")
    return out.getvalue()


def qr_size(text: str, scale: int = 4) -> int:
    """The width (and height) in pixels of ``qr_png(text, scale)``."""
    width, _height = qr_code(text).symbol_size(scale=scale, border=QUIET_ZONE)
    return int(width)
