"""Regenerate the shipped templates from code: the master workbooks in ``templates/xlsx/`` and
the document templates in ``templates/docx/`` (named by their document specs)."""

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


def main() -> None:
    docx = ROOT / "templates" / "docx"
    xlsx = ROOT / "templates" / "xlsx"
    outputs = {
        xlsx / MASTER_NAME: master_bytes(),
        xlsx / TASK_MASTER_NAME: task_master_bytes(),
        docx / REPORT.template: report_template_bytes(),
        docx / BREAKDOWN.template: breakdown_template_bytes(),
        docx / TASK_LIST.template: task_list_template_bytes(),
        xlsx / INSPECTION_MASTER_NAME: inspection_form_bytes(),
        docx / NOTICE.template: notice_template_bytes(),
        docx / RECTIFICATION.template: rectification_template_bytes(),
        docx / REMINDER.template: reminder_template_bytes(),
    }
    for target, data in outputs.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
