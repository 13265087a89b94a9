"""What the office can run from the board, as background jobs: the check of the period's
workbooks and the report, each giving lines to show and a file to download."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

from reporter import pipeline
from reporter.pipeline.check_lines import check_lines
from reporter.web.jobs import Job, Work
from reporter.web.status import refused
from reporter.web.storage import Store
from reporter.workspace import Workspace


def check_work(ws: Workspace) -> Work:
    """``reporter check`` for the period (and the earlier months the report looks back to):
    its lines, and them as 检查结果.txt."""
    def work(job: Job) -> tuple[list[str], str, bytes]:
        lines = check_lines(pipeline.check_inputs(ws.root, job.progress))
        return lines, "检查结果.txt", ("\n".join(lines) + "\n").encode("utf-8")
    return work


def report_work(ws: Workspace, allow_missing: bool) -> Work:
    """``reporter report`` (with ``allow_missing`` a draft, 工作情况汇报（草稿）.docx, which
    leaves the final report as it is): the files written, in a zip."""
    def work(job: Job) -> tuple[list[str], str, bytes]:
        result = pipeline.build_report(ws.root, allow_missing, job.progress)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in result.written:
                archive.write(path, path.name)
        lines = ([f"已生成：{ws.relative(p)}" for p in result.written] + [f"提醒：{w}" for w in result.warnings]
                 + [f"校对：{n}" for n in result.proofreading])
        return lines, f"{result.written[0].stem}.zip", buffer.getvalue()
    return work


def remind_work(ws: Workspace, store: Store, today: dt.date) -> Work:
    """``reporter remind``: units with no workbook in inputs/ whose latest upload was refused are
    chased to correct it; the 催报通知 and the chat text, in a zip."""
    def work(job: Job) -> tuple[list[str], str, bytes]:
        rejected = refused(store, ws.campaign, today)
        reminder = pipeline.build_reminder(ws.root, today, job.progress, rejected)
        if reminder.document is None:
            lines = ["各单位均已报送且检查无误，无需催报。"]
            return lines, "催报文字.txt", (lines[0] + "\n").encode("utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(reminder.document, reminder.document.name)
            archive.writestr("催报文字.txt", reminder.text + "\n")
        return [*reminder.text.splitlines(), f"已生成：{ws.relative(reminder.document)}"], "催报通知.zip", buffer.getvalue()
    return work


#: The jobs of the board by name: title and how to make the work from the workspace, the
#: intake store, today's date and the request's form.
JobMaker = Callable[[Workspace, Store, dt.date, dict[str, str]], Work]
JOB_KINDS: dict[str, tuple[str, JobMaker]] = {
    "check": ("检查填报表", lambda ws, store, today, form: check_work(ws)),
    "report": ("生成工作情况汇报",
               lambda ws, store, today, form: report_work(ws, form.get("allow_missing") == "1")),
    "remind": ("生成催报通知", lambda ws, store, today, form: remind_work(ws, store, today)),
}
