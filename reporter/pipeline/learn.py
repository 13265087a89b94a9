"""``reporter learn``: a new workspace from last month's report (.docx), and ``learn --apply``:
the secretary's choices in 指标核对.xlsx written into the configuration."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reporter.errors import InputError, Problem, UsageError
from reporter.intake.browser_form import BrowserEntries, filled_form_bytes
from reporter.intake.review_sheet import read_review_sheet
from reporter.learn.config_writer import OFFICE_UNIT_CODE, OFFICE_UNIT_SHORT, config_text
from reporter.learn.config_edits import applied_config
from reporter.learn.report_plan import LearntFigure, LearntReport, learn_report
from reporter.model import Period
from reporter.pipeline.forms import build_forms
from reporter.pipeline.init import starter_files, write_new_files
from reporter.pipeline.locking import locked
from reporter.pipeline.palette import PALETTE_NAME, palette_bytes
from reporter.publish.files import OutputBatch
from reporter.publish.review_sheet import REVIEW_NAME, ReviewRow, review_sheet_bytes
from reporter.render.learnt_template import Replacement, learnt_template, read_paragraphs
from reporter.workspace import Workspace, open_workspace
from reporter.workspace.periods import campaign_for
from reporter.workspace.reading import campaign_from

TITLE_TAG = "{{ 活动.标题 }}"
DATE_TAG = "{{ 活动.成文日期 | 日期 }}"
DATE_TEXT = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# The stamp of the review sheet's workbook properties, so that equal findings give equal bytes.
STAMP = dt.datetime(2000, 1, 1)
# What the office's own workbook gives as its telephone: it reports nothing but is the office itself.
OFFICE_PHONE = "（办公室）"


@dataclass(frozen=True)
class Learnt:
    """What ``learn_workspace`` did: the files written, the report it read, and the period."""

    written: list[Path]
    report: LearntReport
    period: Period


def learn_workspace(source: str | Path, root: str | Path, period: str | None = None,
                    today: dt.date | None = None) -> Learnt:
    """Write a new workspace at ``root`` from the report ``source``: a configuration with one
    indicator per figure (given by the office for ``period``), the report as a template with
    each figure replaced by its tag, the review sheet, the master form, the palette and a
    Makefile; then the forms, and the office's own (empty) workbook for the period, so that
    ``reporter report`` reproduces the report at once."""
    ws = Workspace(Path(root))
    if ws.config_path.exists():
        raise UsageError(f"{ws.config_path}: 已存在，未做任何改动（reporter learn 只用于新建工作目录；"
                         "核对指标后请用 reporter learn --apply 目录）")
    source = Path(source)
    if not source.is_file():
        raise UsageError(f"{source}: 找不到这个文件，请写出上月汇报（.docx）的路径")
    data = source.read_bytes()
    paragraphs = read_paragraphs(data, str(source))
    report = learn_report([(p.text, p.style) for p in paragraphs])
    chosen = _period(period, report, today or dt.date.today())
    config = config_text(report, chosen)
    campaign = campaign_from(tomllib.loads(config), ws.relative(ws.config_path))
    template = learnt_template(data, str(source), _edits(report, [p.text for p in paragraphs]))
    review = review_sheet_bytes([_review_row(f) for f in report.figures], STAMP)
    files = starter_files(ws, config, campaign, template) | {ws.root / REVIEW_NAME: review}
    written = write_new_files(ws, files) + _office_workbook(ws, report)
    return Learnt(written, report, chosen)


def _period(given: str | None, report: LearntReport, today: dt.date) -> Period:
    """The learnt period: ``--period``, else the month of the report's date, else this month."""
    if given is not None:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", given.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise UsageError(f"--period “{given}” 不是有效的报送期，请写成年-月，如 --period 2018-11")
        return Period(int(match.group(1)), int(match.group(2)))
    if report.month is not None:
        return Period(*report.month)
    return Period(today.year, today.month)


def _edits(report: LearntReport, texts: list[str]) -> dict[int, list[Replacement]]:
    """Where tags go: each figure's place, the title and the report's date."""
    edits: dict[int, list[Replacement]] = defaultdict(list)
    for learnt in report.figures:
        edits[learnt.paragraph].append(Replacement(learnt.figure.start, learnt.figure.end, learnt.tag))
    if report.title_at is not None:
        text = texts[report.title_at]
        start = len(text) - len(text.lstrip())
        edits[report.title_at].append(Replacement(start, len(text.rstrip()), TITLE_TAG))
    if report.date_at is not None:
        match = DATE_TEXT.search(texts[report.date_at])
        if match:
            edits[report.date_at].append(Replacement(match.start(), match.end(), DATE_TAG))
    return edits


def _review_row(learnt: LearntFigure) -> ReviewRow:
    figure = learnt.figure
    note = f"原文是约数，{figure.value} 是估计的数，请改为实际数" if figure.estimated else ""
    return ReviewRow(sentence=learnt.naming.sentence, original=figure.text.strip(), code=learnt.naming.code,
                     name=learnt.naming.name, measure=figure.measure, form=figure.form,
                     value=float(figure.value) if figure.decimals else int(figure.value), note=note)


def _office_workbook(ws: Workspace, report: LearntReport) -> list[Path]:
    """The forms of the period, and the office's own workbook put where the month's workbooks
    go (signed by the report's author on its date): the office gives every figure itself, so
    the month counts as reported and ``reporter report`` runs at once."""
    forms = build_forms(ws.root)
    campaign = open_workspace(ws.root).campaign
    office = next((path for path in forms if path.stem == OFFICE_UNIT_SHORT), None)
    target = ws.inputs / campaign.period.key / f"{OFFICE_UNIT_SHORT}.xlsx"
    if office is None or target.exists():
        return forms
    signed = BrowserEntries(filled_by=report.author or campaign.office, phone=OFFICE_PHONE,
                            filled_on=campaign.report_date or _last_day(campaign.period))
    with OutputBatch() as batch:
        batch.add(target, filled_form_bytes(office.read_bytes(), campaign, campaign.unit(OFFICE_UNIT_CODE),
                                            signed, STAMP))
    return forms + [target]


def _last_day(period: Period) -> dt.date:
    """The last day of ``period``: the date a report without one is taken to bear."""
    following = period.shifted(1)
    return dt.date(following.year, following.month, 1) - dt.timedelta(days=1)


def apply_review(root: str | Path) -> list[Path]:
    """Write the names, values and reporting units chosen in 指标核对.xlsx into the configuration
    of the workspace at ``root`` (checked before it is written), then make the forms again."""
    ws = Workspace(Path(root))
    review = ws.root / REVIEW_NAME
    if not ws.config_path.is_file() or not review.is_file():
        raise UsageError(f"{ws.root}: 不是 reporter learn 生成的工作目录（缺少 inputs/配置.toml 或 {REVIEW_NAME}）")
    choices = read_review_sheet(review, ws.relative(review))
    text = ws.config_path.read_text(encoding="utf-8")
    changed, unknown = applied_config(text, choices)
    if unknown:
        raise InputError([Problem(ws.relative(review), f"代码“{code}”在配置文件中没有对应的指标（请不要改动“代码”列）")
                          for code in unknown])
    campaign_from(tomllib.loads(changed), ws.relative(ws.config_path))
    with locked(ws.outputs), OutputBatch() as batch:
        batch.add(ws.config_path, changed.encode("utf-8"))
        batch.add(ws.docx_templates / PALETTE_NAME, palette_bytes(campaign_for(
            campaign_from(tomllib.loads(changed), ws.relative(ws.config_path)), None)))
    return [ws.config_path, ws.docx_templates / PALETTE_NAME] + build_forms(ws.root)
