"""Old spreadsheet formats (.xls, WPS .et) turned into .xlsx by LibreOffice Calc headless
(``soffice.run``: a private folder, a throwaway profile, bounded in time)."""

from __future__ import annotations

from pathlib import Path

from reporter.errors import ToolError
from reporter.publish import soffice

#: Suffixes LibreOffice converts for the intake server.
LEGACY_SUFFIXES = (".xls", ".et")
TIMEOUT = 60.0


def convert_to_xlsx(source: Path, folder: Path, timeout: float = TIMEOUT) -> Path | None:
    """``source`` converted into ``folder``/<stem>.xlsx; None when LibreOffice wrote nothing
    (the file is not a spreadsheet it can read). ToolError when LibreOffice is missing or
    runs past ``timeout`` seconds."""
    program = soffice.find_soffice()
    try:
        soffice.run(program, folder, [source], "xlsx", total=timeout, recorded=False)  # an upload, outside any run
    except soffice.Stopped:
        raise ToolError(f"LibreOffice 转换 {source.name} 超过 {timeout:.0f} 秒未完成，"
                        "请在 Excel 或 WPS 中另存为 .xlsx 后上传") from None
    except soffice.NotStarted as e:
        raise ToolError(f"无法启动 LibreOffice（{e.program}）：{e.reason}。{soffice.INSTALL_HINT}") from e
    result = folder / "out" / f"{source.stem}.xlsx"
    return result if result.is_file() else None
