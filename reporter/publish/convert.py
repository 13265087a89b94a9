"""Old spreadsheet formats (.xls, WPS .et) turned into .xlsx by LibreOffice Calc headless, in a
private folder with a throwaway profile, bounded in time; its process group is killed on timeout."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reporter.errors import ToolError
from reporter.publish.profile import write_profile
from reporter.publish.soffice import _kill_group, _soffice_env, find_soffice

#: Suffixes LibreOffice converts for the intake server.
LEGACY_SUFFIXES = (".xls", ".et")
TIMEOUT = 60.0


def convert_to_xlsx(source: Path, folder: Path, timeout: float = TIMEOUT) -> Path | None:
    """``source`` converted into ``folder``/<stem>.xlsx; None when LibreOffice wrote nothing
    (the file is not a spreadsheet it can read). ToolError when LibreOffice is missing or
    runs past ``timeout`` seconds."""
    soffice = find_soffice()
    write_profile(folder / "profile")  # blocks remote content and link updates, as for PDFs
    out = folder / "out"
    out.mkdir(exist_ok=True)
    command = [soffice, "--headless", "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(folder / 'profile').resolve().as_uri()}",
               "--convert-to", "xlsx", "--outdir", str(out), str(source)]
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=_soffice_env(folder), cwd=folder, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ToolError(f"LibreOffice 转换 {source.name} 超过 {timeout:.0f} 秒未完成，"
                        "请在 Excel 或 WPS 中另存为 .xlsx 后上传") from None
    result = out / f"{source.stem}.xlsx"
    return result if result.is_file() else None
