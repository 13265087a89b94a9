"""``reporter links``: one link per unit and one for the office, written to
outputs/填报链接.xlsx and returned as lines to print."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.errors import UsageError
from reporter.pipeline.links import LinkRow, write_link_files
from reporter.web.storage import Store
from reporter.web.tokens import OFFICE, issue_tokens
from reporter.workspace import open_workspace

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
OFFICE_LABEL = "办公室"


@dataclass(frozen=True)
class Links:
    """The links made: one row per unit, then the office's; the workbook written, the
    printable PDF of the units' pages (None when it could not be made) and why not."""

    rows: list[LinkRow]
    workbook: Path
    sheets: Path | None = None
    note: str = ""

    def lines(self) -> list[str]:
        """``<单位简称>\\t<URL>`` for each unit, then ``办公室\\t<URL>``."""
        return [f"{row.short}\t{row.url}" for row in self.rows]


def unit_url(base_url: str, token: str) -> str:
    return f"{base_url}/u/{token}"


def office_url(base_url: str, token: str) -> str:
    return f"{base_url}/office/{token}"


def build_links(root: str | Path, base_url: str = DEFAULT_BASE_URL, renew: bool = False,
                store: Store | None = None) -> Links:
    """Issue (or keep, or with ``renew`` replace) every link of the workspace at ``root``."""
    ws = open_workspace(root)
    base_url = base_url.strip().rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url “{base_url}” 不是网址，请写成 http://地址:端口 的形式，如 {DEFAULT_BASE_URL}")
    campaign = ws.campaign
    own_store = store is None
    store = store or Store.for_workspace(ws.root)
    try:
        names = [unit.code for unit in campaign.units] + [OFFICE]
        tokens = issue_tokens(store, ws.root, names, renew)
    finally:
        if own_store:
            store.close()
    rows = [LinkRow(unit.name, unit.short, unit_url(base_url, tokens[unit.code])) for unit in campaign.units]
    rows.append(LinkRow(campaign.office or OFFICE_LABEL, OFFICE_LABEL, office_url(base_url, tokens[OFFICE])))
    files = write_link_files(ws, rows)
    return Links(rows, files.workbook, files.sheets, files.note)
