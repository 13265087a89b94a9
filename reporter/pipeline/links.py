"""The links workbook of ``reporter links`` (outputs/填报链接.xlsx), written like every output."""

from __future__ import annotations

from pathlib import Path

from reporter.pipeline.output import Publication, document_stamp
from reporter.publish.links_book import LinkRow, links_workbook_bytes
from reporter.workspace import Workspace

__all__ = ["LINKS_FILE", "LinkRow", "write_links"]

LINKS_FILE = "填报链接.xlsx"


def write_links(ws: Workspace, rows: list[LinkRow]) -> Path:
    """Write ``rows`` to outputs/填报链接.xlsx (replacing it in one step)."""
    campaign = ws.campaign
    title = f"{campaign.name}{campaign.period.label}填报链接（每个链接只发给对应单位，请勿转发）"
    stamp = document_stamp(campaign)
    with Publication(ws, stamp) as out:
        return out.file(ws.outputs / LINKS_FILE, links_workbook_bytes(title, rows, stamp))
