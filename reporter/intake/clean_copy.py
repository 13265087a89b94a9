"""The workbook filed for an upload: the upload as reporter read it, with nothing live left in it.

What a unit sends is never stored as it came. ``filed_workbook`` writes a copy with openpyxl in
which every formula is replaced by the result Excel saved with it (the value reporter read and
counted), so Excel shows what the figures say and has nothing to recalculate; links to other
workbooks (``externalLink`` parts, ``[1]Sheet1!A1``), DDE (``cmd|'/C calc'!A0``) and names,
data-validation lists and conditional formats that reach outside the workbook are removed, and so
are hyperlinks other than http, https and mailto. openpyxl writes only the parts it knows and
uses, so macros (``vbaProject.bin``), ActiveX and OLE objects, custom XML, parts nothing
references and shared strings no cell uses are not carried over either. ``live_content`` lists
what of this a package still holds; the filed copy holds none of it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from defusedxml.ElementTree import fromstring
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from reporter.publish.xlsx import open_workbook, set_text, workbook_bytes

#: A formula that reaches outside its workbook: an external reference ``[1]``, a path in quotes
#: (``'C:\\x\\[a.xlsx]S'!A1``) or DDE (``server|topic!item``).
REACHES_OUT = re.compile(r"[\[|]|https?:|file:|\\\\")
SAFE_LINKS = ("http://", "https://", "mailto:")
#: The date a filed copy carries when the upload had none, so equal uploads give equal bytes.
NO_DATE = dt.datetime(2000, 1, 1)
#: Parts that make a package live: macros, links to other files, DDE, embedded programs.
LIVE_PARTS = re.compile(r"(vbaProject|externalLink|activeX|embeddings/|oleObject|customXml/|connections\.xml"
                        r"|queryTable|vbaData)", re.IGNORECASE)


def filed_workbook(path: Path) -> bytes:
    """The .xlsx bytes to store for the upload at ``path`` (already read and found clean):
    values only, nothing that reaches outside it (see the module's docstring)."""
    book = open_workbook(path)
    results = open_workbook(path, data_only=True)
    for sheet in book.worksheets:
        _values_only(sheet, results[sheet.title])
        _no_outside_references(sheet)
    _workbook_without_links(book)
    stamp = book.properties.modified or book.properties.created or NO_DATE
    return workbook_bytes(book, stamp)


def _values_only(sheet: Worksheet, results: Worksheet) -> None:
    """Every formula cell of ``sheet`` given the result Excel saved with it (empty without one)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" or isinstance(cell.value, (ArrayFormula, DataTableFormula)):
                _set_result(cell, results[cell.coordinate].value)


def _set_result(cell: Cell, value: object) -> None:
    if isinstance(value, str):
        set_text(cell, value)  # a saved result "=…" stays text, never a formula again
    else:
        cell.value = value


def _no_outside_references(sheet: Worksheet) -> None:
    """Hyperlinks, validation lists, conditional formats and names of ``sheet`` that reach
    outside the workbook removed."""
    for row in sheet.iter_rows():
        for cell in row:
            link = cell.hyperlink
            if link is not None and not str(link.target or "").lower().startswith(SAFE_LINKS):
                cell.hyperlink = None
    validations = sheet.data_validations.dataValidation
    validations[:] = [v for v in validations if not _reaches_out(v.formula1, v.formula2)]
    formats = sheet.conditional_formatting
    for target in list(formats._cf_rules):
        rules = formats._cf_rules[target]
        rules[:] = [r for r in rules if not _reaches_out(*(r.formula or ()))]
        if not rules:
            del formats._cf_rules[target]
    for name in [n for n, d in sheet.defined_names.items() if _reaches_out(d.attr_text)]:
        del sheet.defined_names[name]


def _workbook_without_links(book: Workbook) -> None:
    book._external_links = []
    book.vba_archive = None
    for name in [n for n, d in book.defined_names.items() if _reaches_out(d.attr_text)]:
        del book.defined_names[name]


def _reaches_out(*formulas: object) -> bool:
    return any(formula is not None and REACHES_OUT.search(str(formula)) for formula in formulas)


def live_content(data: bytes) -> list[str]:
    """What in the .xlsx ``data`` could run, fetch or recalculate: each formula cell
    (``sheet part!cell``), each part that makes a package live, each relationship to
    something outside it; empty for a filed copy."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if LIVE_PARTS.search(name):
                found.append(name)
            content = archive.read(name)
            if name.endswith(".rels"):
                found.extend(f"{name}: {target}" for target in _outside_targets(content)
                             if not target.lower().startswith(SAFE_LINKS))
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found.extend(f"{name}!{cell.decode()}" for cell in
                             re.findall(rb'<c r="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*?<f[ >/]', content, re.DOTALL))
    return found


def _outside_targets(rels: bytes) -> list[str]:
    """The targets of a relationships part that lie outside the package."""
    return [r.get("Target", "") for r in fromstring(rels) if r.get("TargetMode") == "External"]
