"""Sample inputs shared by the tests of tests/render/: a score chart, street names, the text
widths of a page, and the rectification notices of the example workspace as render jobs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from reporter.model import BarChart, ChartBar, Highlight, Source
from reporter.render.renderer import DocumentInfo
from reporter.render.workers import Job

#: The text width of an A4 page in twips, portrait and landscape (GB/T 9704 margins).
PORTRAIT, LANDSCAPE = 8845, 12756
STREETS = ["东城街道", "西城街道", "南湖街道", "北山街道", "中心街道", "站前街道", "新华街道", "河滨街道", "公园街道"]


def sample_chart(bars: tuple[ChartBar, ...] | None = None) -> BarChart:
    """A small score chart with a gap and both highlights (or with ``bars``)."""
    d = Decimal
    return BarChart(
        title="第二轮督查各单位得分", series="得分",
        bars=bars or (ChartBar("北山街道", d("100.00"), Highlight.GOOD), ChartBar("东城街道", d("98.5")),
                      ChartBar("……", None), ChartBar("区城管局", d("97"), Highlight.BAD)),
        minimum=d(95), maximum=d(100), major_unit=d(1), width_mm=150, height_mm=60,
    )


def rectification_jobs(example_ws: Path) -> tuple[Source, list[Job]]:
    """The 整改通知书 template of ``example_ws`` and one render job for each unit with open
    problems after round 2, each stamped 2018-11-26."""
    from reporter import pipeline
    from reporter.documents.rectification import rectification_context, units_with_open_problems
    from reporter.figures.scoring import score_round

    checked = pipeline.collect(example_ws, forms=False)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    codes = units_with_open_problems(checked.campaign, result)
    source = Source(example_ws / "templates" / "docx" / "整改通知书.docx", "templates/docx/整改通知书.docx")
    return source, [Job(rectification_context(checked.campaign, result, code), DocumentInfo(code, "办公室", dt.datetime(2018, 11, 26)))
                    for code in codes]
