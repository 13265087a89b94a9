"""One function per command, usable as a library; each opens the workspace once and walks
down the layers: read and check the inputs, compute the figures, render, publish.

Everything is read and checked first; outputs are written only when all of it is valid,
through a ``Publication`` so a failed run leaves ``outputs/`` as it was.
"""

from reporter.pipeline.check import CheckResult, check_inputs, collect
from reporter.pipeline.forms import build_forms, form_path
from reporter.pipeline.init import init_workspace
from reporter.pipeline.notice import build_notice
from reporter.pipeline.pdf import build_booklet, build_pdfs, output_documents
from reporter.pipeline.remind import Reminder, build_reminder
from reporter.pipeline.report import ReportResult, build_report, lint
from reporter.pipeline.tasks import build_tasks

__all__ = [
    "CheckResult", "Reminder", "ReportResult", "build_booklet", "build_forms", "build_notice", "build_pdfs",
    "build_reminder", "build_report", "build_tasks", "check_inputs", "collect", "form_path", "init_workspace", "lint", "output_documents",
]
