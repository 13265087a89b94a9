"""Reproducible zip packages (.docx, .xlsx): fixed timestamps so equal content gives equal bytes.

``zip_package`` writes a package the way ``zipfile`` writes it with ``ZIP_DEFLATED``, fixed
timestamps and ``0o600`` attributes, byte for byte, but takes parts already compressed
(``Deflated``): a template's unchanged parts are compressed once and their compressed bytes
copied into every document made from it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# The zip records as zipfile writes them (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # version needed to extract a deflated entry
_UNIX = 3  # "made by" system zipfile records on POSIX
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o600 << 16
_DOS_DATE = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
_DOS_TIME = 0


@dataclass(frozen=True)
class Deflated:
    """A file's content compressed as zipfile compresses it, with what a zip records of it:
    ready to be copied into any number of packages."""

    data: bytes
    crc: int
    size: int


def deflate(content: bytes | Iterable[bytes]) -> Deflated:
    """``content`` compressed once, exactly as ``zipfile.ZIP_DEFLATED`` would in ``writestr``;
    given as pieces, the content is compressed as it comes and never joined (deflate's output
    does not depend on how its input is cut)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    pieces = [content] if isinstance(content, (bytes, bytearray)) else content
    compressed, crc, size = [], 0, 0
    for piece in pieces:
        compressed.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        size += len(piece)
    compressed.append(compressor.flush())
    return Deflated(b"".join(compressed), crc, size)


def zip_package(files: Iterable[tuple[str, bytes | Deflated]]) -> bytes:
    """The files, in the order given, as a zip: the bytes ``zipfile`` writes for them with
    ``ZIP_DEFLATED``, ``FIXED_ZIP_TIME`` and ``0o600``; parts given as ``Deflated`` are copied
    as they are, the others compressed now. Packages stay far below the zip64 limits."""
    out = io.BytesIO()
    central = []
    for name, content in files:
        part = content if isinstance(content, Deflated) else deflate(content)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        offset = out.tell()
        out.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                              part.crc, len(part.data), part.size, len(encoded), 0))
        out.write(encoded)
        out.write(part.data)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                     _DOS_TIME, _DOS_DATE, part.crc, len(part.data), part.size, len(encoded),
                                     0, 0, 0, 0, _ATTRIBUTES, offset) + encoded)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()


def normalized_zip(data: bytes) -> bytes:
    """The same zip package with fixed entry timestamps and attributes, so equal content
    gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = _ATTRIBUTES
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
