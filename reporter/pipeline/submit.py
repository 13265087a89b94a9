"""What the intake server asks of the pipeline for one unit: its personalised form, an uploaded
or browser-filled workbook checked exactly as ``reporter check`` checks the workbooks in
inputs/, and one figure checked as it is typed."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from reporter.errors import InputError, Problem
from reporter.intake import build, schema
from reporter.intake.browser_form import BrowserEntries, NoteEntry, filled_form_bytes
from reporter.intake.clean_copy import filed_workbook
from reporter.intake.container import content_kind
from reporter.intake.unit_form import read_submission
from reporter.intake.values import CellValueError, parse_number
from reporter.model import Source, Submission, Task, Unit
from reporter.pipeline.check import load_tasks
from reporter.pipeline.forms import PREVIOUS_LABEL, last_period_figures
from reporter.pipeline.output import document_stamp
from reporter.publish import scratch
from reporter.publish.convert import LEGACY_SUFFIXES, POOL, Busy, TooSlow
from reporter.workspace import Workspace

__all__ = ["BrowserEntries", "Busy", "CheckedUpload", "NoteEntry", "browser_workbook", "check_upload", "figure_problem",
           "input_path", "unit_form_bytes", "unit_tasks"]

#: Suffixes an upload may have (anything else is refused before it is read).
UPLOAD_SUFFIXES = (".xlsx", *LEGACY_SUFFIXES)


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded workbook after the checks of ``reporter check``: its problems, the
    submission when clean, the .xlsx bytes to store and whether LibreOffice converted it."""

    problems: tuple[Problem, ...]
    submission: Submission | None
    workbook: bytes
    converted: bool
    # What was read differently from how it was typed ("75人次" read as 75): to show back.
    notices: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and self.submission is not None


def input_path(ws: Workspace, unit: Unit) -> Path:
    """Where a unit's clean submission of the period goes: inputs/<period>/<简称>.xlsx."""
    return ws.submissions_dir(ws.campaign) / f"{unit.short}.xlsx"


def unit_form_bytes(ws: Workspace, unit: Unit) -> bytes:
    """The personalised form of ``unit`` for the period, as ``reporter forms --period`` writes
    it: with the unit's figures of last month beside each indicator when it reported them."""
    master = ws.source(ws.xlsx_templates / schema.MASTER_NAME)
    if not master.path.is_file():
        raise InputError([Problem(master.display, "找不到填报表模板，请恢复该文件（可用 reporter init 重新生成）")])
    earlier = last_period_figures(ws, ws.campaign, unit)
    return build.form_bytes(master.path, master.display, ws.campaign, unit, _known_tasks(ws),
                            (PREVIOUS_LABEL, earlier) if earlier else None)


def _known_tasks(ws: Workspace) -> tuple[Task, ...]:
    """The 责任分解表's tasks when it is valid (as ``reporter check`` reads units against it)."""
    try:
        return tuple(load_tasks(ws, ws.campaign))
    except InputError:
        return ()


#: What an upload that is not a workbook reporter reads or converts is told, by what it is.
KIND_PROBLEMS = {
    "encrypted": "工作簿设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存再上传",
    "ods": "是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 Excel 工作簿（.xlsx）后上传",
    "other": "文件内容不是 Excel 或 WPS 表格（.xlsx、.xls、.et），请上传本单位的填报表",
}


def check_upload(ws: Workspace, unit: Unit, data: bytes, suffix: str) -> CheckedUpload:
    """``data`` (a file with ``suffix``) checked as ``unit``'s workbook of the period; problems
    named after the file it would become. What the file is comes from its content, not its name:
    an .xlsx is read whatever it is called (behind the same bomb checks), an Excel 97-2003 or
    WPS .et workbook is converted by LibreOffice first (``convert.POOL``: offline, capped, may
    raise ``convert.Busy``), anything else is refused unopened. The workbook kept for a clean
    upload is ``clean_copy.filed_workbook``: values only, nothing live."""
    display = ws.relative(input_path(ws, unit))
    suffix = suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return CheckedUpload((Problem(display, f"不是 Excel 工作簿（扩展名为“{suffix or '无'}”），"
                                               "请上传本单位的填报表（.xlsx）"),), None, b"", False)
    kind = content_kind(data)
    if kind in KIND_PROBLEMS:
        return CheckedUpload((Problem(display, KIND_PROBLEMS[kind]),), None, b"", False)
    with tempfile.TemporaryDirectory(prefix="reporter-upload-", dir=scratch.current()) as folder:
        converted = kind == "biff"
        path = Path(folder) / ("upload.xls" if converted else "upload.xlsx")
        path.write_bytes(data)
        if converted:
            try:
                found = POOL.convert(path, Path(folder) / "conversion")
            except TooSlow as e:
                return CheckedUpload((Problem(display, str(e)),), None, b"", True)
            if found is None:
                return CheckedUpload((Problem(display, "LibreOffice 无法读取这个文件，它可能不是电子表格或已损坏，"
                                                       "请在 Excel 或 WPS 中另存为 .xlsx 后上传"),), None, b"", True)
            path = found
        result = read_submission(Source(path, display), ws.campaign, _known_tasks(ws))
        workbook = filed_workbook(path) if result.ok else b""
    problems = list(result.problems)
    if result.unit_code is not None and result.unit_code != unit.code:
        other = ws.campaign.unit(result.unit_code)
        problems.insert(0, Problem(display, f"这是{other.short}的填报表，不是{unit.short}的；"
                                            "请在本页下载本单位的填报表填写后上传"))
    submission = result.value if not problems else None
    return CheckedUpload(tuple(problems), submission, workbook, converted, result.notices)


def unit_tasks(ws: Workspace, unit: Unit) -> list[Task]:
    """The tasks on the unit's 任务进展 sheet, in its order (led, then shared)."""
    return build.tasks_of(unit, _known_tasks(ws))


def browser_workbook(ws: Workspace, unit: Unit, entries: BrowserEntries) -> bytes:
    """The unit's form with what it typed in the browser, as if typed in Excel."""
    return filled_form_bytes(unit_form_bytes(ws, unit), ws.campaign, unit, entries, document_stamp(ws.campaign))


def figure_problem(ws: Workspace, unit: Unit, code: str, text: str) -> str | None:
    """Why ``text`` is not a valid figure for indicator ``code``, in the words of ``reporter check``."""
    indicators = {i.code: i for i in ws.campaign.indicators_for(unit)}
    if code not in indicators or not text.strip():
        return None
    indicator = indicators[code]
    try:
        parse_number(text, indicator.measure, indicator.decimals)
    except CellValueError as e:
        return f"{indicator.name}：{e}"
    return None
