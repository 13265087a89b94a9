"""Checking a PDF's text against the document it was made from.

LibreOffice can drop a character while laying out a page (CONVENTIONS.md, "Measured
pitfall"), and a PDF gives no sign of it. ``missing_characters`` compares the text a
document should print (plain strings: the caller reads the .docx) with the text extracted
from each page of the PDF (by poppler's ``pdftotext``, or by pypdf where it is missing). Characters are counted as a multiset, so order and
line breaks do not matter; whitespace and invisible characters are not counted, and text
found only in the PDF (page numbers, headers, footers) is ignored. A missing character
is placed on the page where the PDF's text around it lies.
"""

from __future__ import annotations

import bisect
import difflib
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reporter.processes import child_preexec

#: Unicode categories a PDF does not show as text: controls, format characters (soft
#: hyphen, zero-width space/joiners), separators.
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}

#: Seconds ``pdftotext`` may take over one PDF (about 5 s for 900 pages).
POPPLER_SECONDS = 300
#: PDFs of at least this many bytes are read by ``pdftotext`` (a page is 2 to 20 KB).
POPPLER_BYTES = 500_000

#: Above this many characters the missing ones are not placed on pages (the alignment
#: grows with the square of the length in the worst case); the document is named instead.
LOCATE_LIMIT = 200_000


def countable(text: str) -> str:
    """``text`` without whitespace and invisible characters."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE)


def page_texts(pdf: Path) -> list[str]:
    """The extracted text of each page of ``pdf``, by pypdf; a large PDF by poppler's
    ``pdftotext`` where it is installed (``make system-deps`` installs it: four times as fast
    on the 900 pages of a city's 督查通报, with the same characters; for a few pages, starting
    it costs more than it saves). Raises ValueError when it cannot be read."""
    program = shutil.which("pdftotext") if _size(pdf) >= POPPLER_BYTES else None
    texts = _by_poppler(program, pdf) if program else None
    if texts is not None:
        return texts
    try:
        reader = PdfReader(pdf)
        return [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(str(e) or type(e).__name__) from e


def _size(pdf: Path) -> int:
    try:
        return pdf.stat().st_size
    except OSError:
        return 0


def _by_poppler(program: str, pdf: Path) -> list[str] | None:
    """The page texts ``pdftotext`` gives (it ends every page with a form feed), or None when
    it fails (pypdf then reads the file, and says why it cannot)."""
    try:
        done = subprocess.run([program, "-q", "-enc", "UTF-8", str(pdf), "-"], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=POPPLER_SECONDS, preexec_fn=child_preexec, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    pages = done.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if pages and pages[-1] == "" else pages


@dataclass(frozen=True)
class Missing:
    """Characters of a document absent from its PDF, in document order, by page number
    (1-based; None where the page cannot be told)."""

    by_page: dict[int | None, str]

    def __bool__(self) -> bool:
        return any(self.by_page.values())

    @property
    def characters(self) -> str:
        return "".join(self.by_page.values())

    def describe(self) -> str:
        """In Chinese: 第1页缺少字符“、”，第3页缺少字符“。”“；”."""
        parts = []
        known = sorted(p for p in self.by_page if p is not None)
        for page in known + ([None] if None in self.by_page else []):
            chars = "".join(f"“{ch}”" for ch in self.by_page[page])
            where = f"第{page}页" if page is not None else ("另有" if known else "")
            parts.append(f"{where}缺少字符{chars}")
        return "，".join(parts)


def missing_characters(expected: str, pages: list[str]) -> Missing:
    """The characters of ``expected`` that the page texts ``pages`` lack (as a multiset)."""
    want = countable(expected)
    page_strings = [countable(p) for p in pages]
    lacking = Counter(want) - Counter("".join(page_strings))
    if not lacking:
        return Missing({})
    return Missing(_locate(want, page_strings, lacking))


def _locate(want: str, pages: list[str], lacking: Counter) -> dict[int | None, str]:
    """Put each lacking character on the page of the PDF text just before the gap it leaves."""
    placed: list[tuple[int, int | None, str]] = []  # (position in want, page, char)
    left = Counter(lacking)
    if len(want) <= LOCATE_LIMIT:
        found = "".join(pages)
        starts = [0]
        for text in pages:
            starts.append(starts[-1] + len(text))
        matcher = difflib.SequenceMatcher(None, want, found, autojunk=False)
        for op, i1, i2, j1, _ in matcher.get_opcodes():
            if op not in ("delete", "replace"):
                continue
            # The gap follows found[j1 - 1]: that character's page (page 1 at the very start).
            page = min(bisect.bisect_right(starts, max(j1 - 1, 0)), len(pages)) if pages else None
            for i in range(i1, i2):
                if left[want[i]] > 0:
                    left[want[i]] -= 1
                    placed.append((i, page, want[i]))
    for ch, count in left.items():  # not seen in the alignment: order by first occurrence
        for _ in range(count):
            placed.append((want.find(ch), None, ch))
    by_page: dict[int | None, str] = {}
    for _, page, ch in sorted(placed, key=lambda item: item[0]):
        by_page[page] = by_page.get(page, "") + ch
    return by_page
