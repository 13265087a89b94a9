"""One function per command, usable as a library; each opens the workspace once and walks
down the layers: read and check the inputs, compute the figures, render, publish.

Everything is read and checked first; outputs are written only when all of it is valid,
through a ``Publication`` so a failed run leaves ``outputs/`` as it was.

The names below are loaded from their modules when first used, so that ``reporter --help``
and other cheap commands do not load openpyxl, docxtpl, pypdf and the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reporter.pipeline.check import CheckResult, check_inputs, collect
    from reporter.pipeline.forms import build_forms, form_path
    from reporter.pipeline.init import init_workspace
    from reporter.pipeline.learn import apply_review, learn_workspace
    from reporter.pipeline.notice import build_notice
    from reporter.pipeline.palette import build_palette
    from reporter.pipeline.pdf import build_booklet, build_pdfs, output_documents
    from reporter.pipeline.remind import Reminder, build_reminder
    from reporter.pipeline.lint import LintResult, lint
    from reporter.pipeline.locking import EXIT_BUSY, LOCK_WAITING
    from reporter.pipeline.templates import NOTES
    from reporter.pipeline.report import ReportResult, build_report
    from reporter.pipeline.tasks import build_tasks

# Each public name and the module of this package that defines it.
EXPORTS = {
    "CheckResult": "check", "check_inputs": "check", "collect": "check",
    "build_forms": "forms", "form_path": "forms",
    "init_workspace": "init",
    "learn_workspace": "learn", "apply_review": "learn",
    "build_notice": "notice",
    "build_palette": "palette",
    "build_booklet": "pdf", "build_pdfs": "pdf", "output_documents": "pdf",
    "Reminder": "remind", "build_reminder": "remind",
    "ReportResult": "report", "build_report": "report",
    "LintResult": "lint", "lint": "lint",
    "EXIT_BUSY": "locking", "LOCK_WAITING": "locking",
    "NOTES": "templates",
    "build_tasks": "tasks",
}

__all__ = [
    "CheckResult", "LintResult", "Reminder", "ReportResult", "build_booklet", "build_forms", "build_notice", "build_palette",
    "build_pdfs",
    "build_reminder", "build_report", "build_tasks", "check_inputs", "collect", "form_path", "init_workspace",
    "learn_workspace", "apply_review", "lint", "output_documents",
]


def __getattr__(name: str) -> Any:
    if name not in EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXPORTS))
