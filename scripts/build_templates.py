"""Regenerate the shipped templates from code: the master workbooks in ``templates/xlsx/`` and
the document templates in ``templates/docx/`` (named by their document specs)."""

from collections.abc import Callable
from pathlib import Path

from reporter.documents.notice import NOTICE
from reporter.documents.rectification import RECTIFICATION
from reporter.documents.remind import REMINDER
from reporter.documents.report import REPORT
from reporter.documents.tasks import BREAKDOWN, TASK_LIST
from reporter.intake.inspection_form import inspection_form_bytes
from reporter.intake.master import master_bytes, task_master_bytes
from reporter.intake.schema import INSPECTION_MASTER_NAME, MASTER_NAME, TASK_MASTER_NAME
from reporter.render.templates.notice import notice_template_bytes
from reporter.render.templates.rectification import rectification_template_bytes
from reporter.render.templates.remind import reminder_template_bytes
from reporter.render.templates.report import report_template_bytes
from reporter.render.templates.tasks import (
    breakdown_template_bytes,
    task_list_template_bytes,
)

ROOT = Path(__file__).resolve().parent.parent
XLSX = Path("templates") / "xlsx"
DOCX = Path("templates") / "docx"


def generated_templates() -> dict[Path, Callable[[], bytes]]:
    """Every shipped template this script writes, by its path in the checkout, with the
    function that builds it."""
    return {
        XLSX / MASTER_NAME: master_bytes,
        XLSX / TASK_MASTER_NAME: task_master_bytes,
        DOCX / REPORT.template: report_template_bytes,
        DOCX / BREAKDOWN.template: breakdown_template_bytes,
        DOCX / TASK_LIST.template: task_list_template_bytes,
        XLSX / INSPECTION_MASTER_NAME: inspection_form_bytes,
        DOCX / NOTICE.template: notice_template_bytes,
        DOCX / RECTIFICATION.template: rectification_template_bytes,
        DOCX / REMINDER.template: reminder_template_bytes,
    }


def write_templates(root: Path) -> list[Path]:
    """Build every template into ``root`` (its ``templates/`` folder); the paths written."""
    written = []
    for relative, build in generated_templates().items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build())
        written.append(target)
    return written


def main() -> None:
    for target in write_templates(ROOT):
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
