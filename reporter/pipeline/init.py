"""``reporter init``: a new workspace with a configuration, the master form, a starter template
and the palette of tags for it (模板素材)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from reporter.documents.remind import REMINDER
from reporter.documents.report import REPORT
from reporter.errors import UsageError
from reporter.intake import schema
from reporter.intake.master import master_bytes
from reporter.model import Campaign
from reporter.pipeline.palette import PALETTE_NAME, palette_bytes
from reporter.pipeline.locking import locked
from reporter.publish.files import OutputBatch
from reporter.render.templates.remind import reminder_template_bytes
from reporter.render.templates.report import starter_report_template_bytes
from reporter.workspace import Workspace
from reporter.workspace.reading import campaign_from
from reporter.workspace.skeleton import MAKEFILE, config_text


def init_workspace(root: str | Path, today: dt.date | None = None) -> list[Path]:
    """Create a new workspace at ``root``: configuration, master form, starter report template,
    the 催报通知 template, the palette of tags for the configuration (模板素材) and a Makefile."""
    ws = Workspace(Path(root))
    if ws.config_path.exists():
        raise UsageError(f"{ws.config_path}: 已存在，未做任何改动（reporter init 只用于新建工作目录）")
    today = today or dt.date.today()
    config = config_text(today)
    campaign = campaign_from(tomllib.loads(config), ws.relative(ws.config_path))
    # No inputs/<month>/ yet: the folder is made when the first workbook of a month is put there.
    return write_new_files(ws, starter_files(ws, config, campaign, starter_report_template_bytes()))


def starter_files(ws: Workspace, config: str, campaign: Campaign, report_template: bytes) -> dict[Path, bytes]:
    """What every new workspace holds: its configuration, the master form, the report template
    given, the 催报通知 template, the palette of tags for ``campaign`` and a Makefile."""
    return {
        ws.config_path: config.encode("utf-8"),
        ws.xlsx_templates / schema.MASTER_NAME: master_bytes(),
        ws.docx_templates / REPORT.template: report_template,
        ws.docx_templates / REMINDER.template: reminder_template_bytes(),
        ws.docx_templates / PALETTE_NAME: palette_bytes(campaign),
        ws.root / "Makefile": MAKEFILE.encode("utf-8"),
        ws.outputs / ".gitkeep": b"",
    }


def write_new_files(ws: Workspace, files: dict[Path, bytes]) -> list[Path]:
    """Write those of ``files`` that do not exist yet, all or none; the paths written."""
    files = {path: data for path, data in files.items() if not path.exists()}
    with locked(ws.outputs), OutputBatch() as batch:
        for path, data in files.items():
            batch.add(path, data)
    return list(files)
