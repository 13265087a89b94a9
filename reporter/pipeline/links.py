"""The links files of ``reporter links``: outputs/填报链接.xlsx (every link with its QR code)
and outputs/填报链接.pdf (one printable page per unit), written like every output."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from reporter import cnfmt
from reporter.errors import ToolError
from reporter.model import Campaign
from reporter.pipeline.output import Publication, document_stamp
from reporter.publish import pdf, scratch
from reporter.publish.links_book import LinkRow, links_workbook_bytes
from reporter.publish.qr import qr_png
from reporter.render.docxtext import docx_text
from reporter.render.templates.link_sheets import LinkSheet, link_sheets_bytes
from reporter.workspace import Workspace

__all__ = ["LINKS_FILE", "SHEETS_FILE", "LinkFiles", "LinkRow", "write_link_files", "write_links"]

LINKS_FILE = "填报链接.xlsx"
SHEETS_FILE = "填报链接.pdf"
#: Pixels per QR module on the printed page (the image is set 70 mm wide: about 600 dpi).
PRINT_SCALE = 16


@dataclass(frozen=True)
class LinkFiles:
    """What ``reporter links`` wrote: the workbook, the printable PDF (None when it could not
    be made) and, then, why not."""

    workbook: Path
    sheets: Path | None = None
    note: str = ""


def write_links(ws: Workspace, rows: list[LinkRow]) -> Path:
    """Write ``rows`` to outputs/填报链接.xlsx and, where LibreOffice is installed, the units'
    pages to outputs/填报链接.pdf; the workbook's path (see ``write_link_files``)."""
    return write_link_files(ws, rows).workbook


def write_link_files(ws: Workspace, rows: list[LinkRow]) -> LinkFiles:
    """Write ``rows`` to outputs/填报链接.xlsx, and the pages of the rows that are units (the
    office's link is not printed) to outputs/填报链接.pdf, both in one step. Without
    LibreOffice, or when it fails, the workbook alone, with the reason in ``note``."""
    campaign = ws.campaign
    title = f"{campaign.name}{campaign.period.label}填报链接（每个链接只发给对应单位，请勿转发）"
    stamp = document_stamp(campaign)
    with tempfile.TemporaryDirectory(prefix="reporter-links-", dir=scratch.current()) as folder:
        sheets, note = _printed_sheets(campaign, rows, Path(folder))
        with Publication(ws, stamp) as out:
            workbook = out.file(ws.outputs / LINKS_FILE, links_workbook_bytes(title, rows, stamp))
            printed = out.file(ws.outputs / SHEETS_FILE, sheets) if sheets is not None else None
    return LinkFiles(workbook, printed, note)


def link_sheets(campaign: Campaign, rows: list[LinkRow]) -> list[LinkSheet]:
    """One page per unit among ``rows``, in their order: name, period, deadline, QR code, link."""
    units = {u.short: u for u in campaign.units}
    deadline = cnfmt.cn_date(campaign.deadline) if campaign.deadline else ""
    return [LinkSheet(units[row.short].name, campaign.period.label, deadline, row.url, qr_png(row.url, PRINT_SCALE))
            for row in rows if row.short in units]


def _printed_sheets(campaign: Campaign, rows: list[LinkRow], folder: Path) -> tuple[bytes | None, str]:
    """The PDF of the units' pages, made in ``folder``; None and the reason when it cannot be."""
    sheets = link_sheets(campaign, rows)
    if not sheets:
        return None, ""
    docx = folder / "填报链接.docx"
    docx.write_bytes(link_sheets_bytes(f"{campaign.region}“{campaign.name}”网上填报", sheets, campaign.office,
                                       document_stamp(campaign)))
    try:
        made = pdf.convert([docx], workers=1, idle=campaign.pdf_idle_seconds,
                           expected_text=lambda doc: docx_text(doc, SHEETS_FILE), display=lambda _path: SHEETS_FILE)
    except ToolError as e:
        return None, f"未生成 {SHEETS_FILE}（可打印的二维码页）：{e}；填报链接.xlsx 已生成，其中也有各单位的二维码。"
    return made[0].read_bytes(), ""
