"""``reporter palette``: the workspace's 模板素材 (``templates/docx/模板素材.docx``), a palette of
tags to copy into a report template, each beside the text it gives on stand-in data.

The palette is made in two passes through the report's own renderer: the palette with its
效果 cells empty is rendered with stand-in figures for every unit, in this period and in every
earlier one the report may look back to (``trial_data``, as ``reporter lint`` stands in for
what is missing); what each 写法 cell became is then written into the 效果 cell beside it. So
the palette is a report template that renders entirely, and each 效果 is what its tag gives.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from reporter.documents.palette import TITLE, UNIT, PaletteContent, palette_content
from reporter.documents.report import REPORT, ReportValues
from reporter.figures.aggregate import aggregate
from reporter.figures.history import History, periods_needed
from reporter.model import Campaign, Source
from reporter.pipeline.output import document_stamp
from reporter.pipeline.report import context_of
from reporter.pipeline.trial_data import TRIAL_VALUE, completed
from reporter.pipeline.locking import locked
from reporter.publish import scratch
from reporter.publish.files import OutputBatch
from reporter.render.properties import DocumentInfo
from reporter.render.renderer import Renderer
from reporter.render.templates.blocks import Table
from reporter.render.templates.palette import (
    PaletteCells,
    Sample,
    SampleGroup,
    TableSample,
    palette_cells,
    palette_template_bytes,
)
from reporter.workspace import open_workspace

PALETTE_NAME = "模板素材.docx"
PALETTE_DISPLAY = f"templates/docx/{PALETTE_NAME}"
# Units whose stand-in work notes the palette shows: enough for each way of placing notes
# (a loop and 连写 in one section) without a page of run-on notes.
NOTE_UNITS = 3


def build_palette(root: str | Path) -> Path:
    """Write the palette of the workspace at ``root`` for its configuration as it is now."""
    ws = open_workspace(root)
    path = ws.docx_templates / PALETTE_NAME
    with locked(ws.outputs):
        data = palette_bytes(ws.campaign)
        with OutputBatch() as batch:
            batch.add(path, data)
    return path


def palette_bytes(campaign: Campaign) -> bytes:
    """The palette of ``campaign`` as .docx bytes."""
    context = trial_context(campaign)
    content = palette_content(campaign, {code: view.figure for code, view in context["指标"].items()}, TRIAL_VALUE)
    with tempfile.TemporaryDirectory(prefix="reporter-palette-", dir=scratch.current()) as folder:
        draft = Path(folder) / PALETTE_NAME
        draft.write_bytes(_palette(content))
        rendered = render_palette(Source(draft, PALETTE_DISPLAY), campaign)
    return _palette(content, palette_cells(rendered))


def trial_context(campaign: Campaign) -> ReportValues:
    """The report template's context with stand-in figures for every unit, in this period and
    in each earlier one 累计, 上期 and 同期 may need, and the stand-in work notes of the first
    ``NOTE_UNITS`` units (a fresh context each call: rendering takes the notes it places)."""
    whole, _units = completed(campaign, [])
    submissions = [s if index < NOTE_UNITS else replace(s, notes=()) for index, s in enumerate(whole)]
    figures = {campaign.period: aggregate(campaign, submissions)}
    for period in periods_needed(campaign):
        past = replace(campaign, period=period)
        figures[period] = aggregate(past, completed(past, [])[0])
    return context_of(campaign, submissions, [], History(campaign, figures)).values


def render_palette(source: Source, campaign: Campaign) -> bytes:
    """The palette at ``source`` rendered as a report template with ``trial_context``."""
    renderer = Renderer(source, REPORT.template_filters())
    info = DocumentInfo(TITLE, campaign.office, document_stamp(campaign))
    return renderer.render(trial_context(campaign), info)


def _palette(content: PaletteContent, cells: PaletteCells | None = None) -> bytes:
    """The palette's template; with ``cells`` (a rendering of it), each 效果 filled in."""
    effects = iter(cells.written if cells else [])
    groups = [SampleGroup(group.heading, tuple(Sample(tag, tuple(next(effects, "").split("\n")) if cells else ())
                                               for tag in group.tags))
              for group in content.groups]
    table = content.table
    block = Table(table.items, tuple((header, field, 0) for header, field in table.columns), name=UNIT)
    rows = tuple(tuple(row) for row in cells.table) if cells else ()
    return palette_template_bytes(content.title, content.lead, groups, TableSample(table.heading, block, rows))
