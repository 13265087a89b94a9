"""The printed text of a .docx: what its body paragraphs, tables and text boxes show.

``docx_text`` is what a PDF of the document must contain (``reporter pdf`` checks each PDF
against it). Headers and footers are left out; so are field results (page numbers, dates:
the converter computes them afresh), text hidden with w:vanish on its run, and the
fallback copies of text boxes that Word writes for old readers (mc:Fallback).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from reporter.errors import InputError, Problem

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_T, _FLD_CHAR, _FLD_SIMPLE, _P = qn("w:t"), qn("w:fldChar"), qn("w:fldSimple"), qn("w:p")
_R, _RPR, _VANISH = qn("w:r"), qn("w:rPr"), qn("w:vanish")


def follow_field(fields: list[bool], fld_char: etree._Element) -> None:
    """Keep ``fields`` (one entry per open complex field, True once its result has begun)
    up to date with a ``w:fldChar``."""
    kind = fld_char.get(qn("w:fldCharType"))
    if kind == "begin":
        fields.append(False)
    elif kind == "separate" and fields:
        fields[-1] = True
    elif kind == "end" and fields:
        fields.pop()


def docx_text(path: Path, display: str | None = None) -> str:
    """The text of the .docx at ``path`` in document order, one line per paragraph.

    Raises InputError (naming ``display``, default the path) when the file is not a
    readable .docx.
    """
    try:
        body = docx.Document(str(path)).element.body
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise InputError([Problem(display or str(path), f"不是有效的 .docx 文件，无法核对其 PDF（{e}）")]) from e
    return body_text(body)


def body_text(body: etree._Element) -> str:
    """The printed text under a w:body (or any) element, paragraphs separated by newlines."""
    out: list[str] = []
    # Complex fields: one entry per open field, True once its result part has begun.
    fields: list[bool] = []
    for element in body.iter(_T, _FLD_CHAR, _P):
        if element.tag == _P:
            if out and out[-1] != "\n":
                out.append("\n")
            continue
        if element.tag == _FLD_CHAR:
            follow_field(fields, element)
            continue
        if any(fields) or not element.text or _left_out(element):
            continue
        out.append(element.text)
    return "".join(out).strip("\n")


def _left_out(t: etree._Element) -> bool:
    """Whether a w:t is not printed: in a simple field's result, a fallback copy, or hidden."""
    for ancestor in t.iterancestors():
        if ancestor.tag in (_FLD_SIMPLE, _MC_FALLBACK):
            return True
    run = t.getparent()
    if run is not None and run.tag == _R:
        rpr = run.find(_RPR)
        if rpr is not None:
            vanish = rpr.find(_VANISH)
            if vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off"):
                return True
    return False
