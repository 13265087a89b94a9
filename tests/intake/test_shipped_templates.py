"""The shipped templates are what their generators write: every template ``scripts/build_templates.py``
writes is rebuilt into a temporary folder and compared with the file in ``templates/``, workbooks
sheet by sheet and cell by cell, Word documents part by part."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from scripts.build_templates import generated_templates, write_templates
from tests.conftest import ROOT
from tests.intake.workbook_compare import compare_files, compare_workbooks

#: The master workbooks (填报表, 责任分解表, 督查记录表) and the six document templates.
TEMPLATE_COUNT = 9


def test_every_shipped_template_is_what_its_generator_writes(tmp_path: Path):
    written = write_templates(tmp_path)
    compared = {}
    for generated in written:
        relative = generated.relative_to(tmp_path)
        comparison = compare_files(ROOT / relative, generated)
        assert not comparison.differences, (f"{relative} differs from what scripts/build_templates.py writes "
                                            f"(run it again):\n" + "\n".join(comparison.differences[:20]))
        compared[relative.as_posix()] = comparison.compared
    assert len(compared) == TEMPLATE_COUNT == len(generated_templates())
    assert all(compared.values()), compared  # each template had its sheets (or document parts) compared
    workbooks = {name: sheets for name, sheets in compared.items() if name.endswith(".xlsx")}
    assert workbooks == {"templates/xlsx/填报表.xlsx": ("填报说明", "基本信息", "工作指标", "工作举措"),
                         "templates/xlsx/责任分解表.xlsx": ("责任分解表",),
                         "templates/xlsx/督查记录表.xlsx": ("督查轮次", "督查记录")}


def test_the_comparison_sees_a_changed_cell_width_merge_and_validation(tmp_path: Path):
    def book(path: Path, value: str, width: float, merged: str, formula: str) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "表"
        ws["B2"] = value
        ws.column_dimensions["B"].width = width
        ws.merge_cells(merged)
        check = DataValidation(type="list", formula1=formula)
        check.add("C3:C9")
        ws.add_data_validation(check)
        wb.save(path)
        return path

    one = book(tmp_path / "one.xlsx", "甲", 10, "A5:B5", '"是,否"')
    same = book(tmp_path / "same.xlsx", "甲", 10, "A5:B5", '"是,否"')
    other = book(tmp_path / "other.xlsx", "乙", 12, "A6:B6", '"是"')
    assert compare_workbooks(one, same).differences == ()
    found = compare_workbooks(one, other)
    assert found.compared == ("表",)
    facts = {line.split(":")[0] for line in found.differences}
    assert facts == {"表 cells B2", "表 merged", "表 validations", "表 columns B"}, found.differences
