"""Cell values as Excel shows them: a formula gives the result Excel saved with the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl.workbook.workbook import Workbook

from reporter.intake.values import CellValueError
from reporter.publish.xlsx import open_workbook

NO_RESULT = "是公式但文件中没有保存计算结果，请直接填写内容（或在 Excel 中打开后保存一次）"


class FormulaWithoutResult(CellValueError):
    """A formula cell whose file holds no computed result (written by a program, not Excel)."""


class CellValues:
    """Reads cells of an opened workbook; formula results come from a second, values-only
    reading of the file, made only when a formula is met."""

    def __init__(self, path: Path, wb: Workbook):
        self.path, self.wb = path, wb
        self._results: Workbook | None = None

    def get(self, sheet: str, address: str) -> Any:
        cell = self.wb[sheet][address]
        if cell.data_type != "f":
            return cell.value
        if self._results is None:
            self._results = open_workbook(self.path, data_only=True)
        result = self._results[sheet][address].value
        if result is None:
            raise FormulaWithoutResult(NO_RESULT)
        return result
