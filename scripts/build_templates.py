"""Regenerate the shipped templates from code: ``templates/xlsx/填报表.xlsx``."""

from pathlib import Path

from reporter.intake.master import master_bytes, task_master_bytes
from reporter.intake.schema import MASTER_NAME, TASK_MASTER_NAME
from reporter.intake.inspection_form import inspection_form_bytes
from reporter.intake.schema import INSPECTION_MASTER_NAME
from reporter.render.templatebuild import (NOTICE_NAME, RECTIFY_NAME, REPORT_NAME, TASK_LIST_NAME, TASKS_NAME,
                                    breakdown_template_bytes, notice_template_bytes, rectification_template_bytes,
                                    report_template_bytes, task_list_template_bytes)

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    outputs = {
        ROOT / "templates" / "xlsx" / MASTER_NAME: master_bytes(),
        ROOT / "templates" / "xlsx" / TASK_MASTER_NAME: task_master_bytes(),
        ROOT / "templates" / "docx" / REPORT_NAME: report_template_bytes(),
        ROOT / "templates" / "docx" / TASKS_NAME: breakdown_template_bytes(),
        ROOT / "templates" / "docx" / TASK_LIST_NAME: task_list_template_bytes(),
        ROOT / "templates" / "xlsx" / INSPECTION_MASTER_NAME: inspection_form_bytes(),
        ROOT / "templates" / "docx" / NOTICE_NAME: notice_template_bytes(),
        ROOT / "templates" / "docx" / RECTIFY_NAME: rectification_template_bytes(),
    }
    for target, data in outputs.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
