"""Old spreadsheet formats (.xls, WPS .et) turned into .xlsx by LibreOffice Calc headless, for the
intake server, under the same guards as everything else a unit sends.

Only an Excel 97-2003 workbook (an OLE2 file with a BIFF ``Workbook`` stream, as .xls and .et
are) reaches LibreOffice: the caller identifies it by content (``intake.container.content_kind``),
never by name, so an .xlsx, a flat ODS or an HTML page named .xls never does. LibreOffice runs
through ``soffice.run``: a private folder, a throwaway profile that fetches nothing, no network at
all (``offline``), its address space capped (``MEMORY_BYTES``) and its time bounded (``TIMEOUT``).
At most ``SLOTS`` conversions run at once; a request that finds them all busy waits ``QUEUE_WAIT``
seconds at most, then is told the server is busy (``Busy``), so conversions can never take all of
the server's request threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reporter.errors import ToolError
from reporter.publish import soffice

#: Suffixes LibreOffice converts for the intake server.
LEGACY_SUFFIXES = (".xls", ".et")
#: Seconds one conversion may take in all (a form converts in 2–4 s on a busy 2-core machine).
TIMEOUT = 60.0
#: The address space LibreOffice may map (measured: a form converts within 512 MB, not within 256 MB).
MEMORY_BYTES = 1024 * 1024 * 1024
#: Conversions at once, and how long a request waits for one of them.
SLOTS = 2
QUEUE_WAIT = 2.0
BUSY_MESSAGE = "服务器正忙，请稍后再试（正在转换其他单位上传的 .xls/.et 文件）"


class Busy(Exception):
    """Every conversion slot stayed taken while the request waited."""


class TooSlow(Exception):
    """LibreOffice did not finish converting within its time (a message for the unit)."""


class ConversionPool:
    """At most ``slots`` conversions at a time; the others wait ``wait`` seconds, then ``Busy``."""

    def __init__(self, slots: int = SLOTS, wait: float = QUEUE_WAIT):
        self.slots, self.wait = slots, wait
        self._free = threading.BoundedSemaphore(slots)

    def convert(self, source: Path, folder: Path, timeout: float = TIMEOUT,
                memory_bytes: int | None = MEMORY_BYTES) -> Path | None:
        """``convert_to_xlsx`` in one of the slots; raises ``Busy`` when none frees in time."""
        if not self._free.acquire(timeout=self.wait):
            raise Busy(BUSY_MESSAGE)
        try:
            return convert_to_xlsx(source, folder, timeout, memory_bytes)
        finally:
            self._free.release()


#: The pool every upload of this process converts in.
POOL = ConversionPool()


def convert_to_xlsx(source: Path, folder: Path, timeout: float = TIMEOUT,
                    memory_bytes: int | None = MEMORY_BYTES) -> Path | None:
    """``source`` converted into ``folder``/out/<stem>.xlsx, offline and capped; None when
    LibreOffice wrote nothing (the file is not a spreadsheet it can read, or it ran out of
    memory). ``TooSlow`` when it runs past ``timeout`` seconds; ToolError when LibreOffice is
    missing (the office's to fix)."""
    program = soffice.find_soffice()
    try:
        soffice.run(program, folder, [source], "xlsx", total=timeout, recorded=False,  # an upload, outside any run
                    offline=True, memory_bytes=memory_bytes)
    except soffice.Stopped:
        raise TooSlow(f"LibreOffice 转换这个文件超过 {timeout:.0f} 秒未完成，"
                      "请在 Excel 或 WPS 中另存为 .xlsx 后上传") from None
    except soffice.NotStarted as e:
        raise ToolError(f"无法启动 LibreOffice（{e.program}）：{e.reason}。{soffice.INSTALL_HINT}") from e
    result = folder / "out" / f"{source.stem}.xlsx"
    return result if result.is_file() else None
