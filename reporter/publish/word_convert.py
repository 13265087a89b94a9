"""A word-processing document in another format (Word 97-2003 .doc, WPS Writer .wps) turned
into .docx by LibreOffice Writer (``soffice.run``: headless, with the throwaway no-fetch
profile, in a private folder, bounded in time, ended with the caller)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from reporter.atomic import write_atomic
from reporter.errors import ToolError
from reporter.publish import scratch, soffice

#: Seconds one conversion may take (about 1.5 s for a template on a 2-core machine).
TIMEOUT = 60.0

#: How to get LibreOffice for converting documents (fonts are not needed for that).
INSTALL = "sudo make system-deps，或 sudo apt-get install --no-install-recommends libreoffice-writer-nogui"
#: What to do instead, at the end of every message.
SAVE_AS = "请在 Word 或 WPS 中把它另存为 .docx 格式"


def convert_to_docx(source: Path, target: Path, display: str, timeout: float = TIMEOUT) -> bool:
    """``source`` converted by LibreOffice into a .docx at ``target``, which is replaced whole
    or not at all; False when LibreOffice wrote nothing (not a document it can read).
    ``display`` names ``source`` in messages. A ToolError (exit code 3) when LibreOffice is
    missing, fails or runs past ``timeout`` seconds."""
    try:
        program = soffice.find_soffice()
    except ToolError as e:
        raise ToolError(f"{display}: 需要先由 LibreOffice 转换为 .docx 才能使用，但本机未安装 LibreOffice。"
                        f"{SAVE_AS}，或安装 LibreOffice（{INSTALL}）") from e
    with tempfile.TemporaryDirectory(prefix="reporter-convert-", dir=scratch.current()) as work:
        folder = Path(work)
        document = folder / "in" / f"template{source.suffix.lower()}"
        document.parent.mkdir()
        shutil.copyfile(source, document)  # a fixed name: never starts with "-", never needs an encoding
        try:
            finished = soffice.run(program, folder, [document], "docx", total=timeout)
        except soffice.Stopped:
            raise ToolError(f"{display}: LibreOffice 转换超过 {timeout:g} 秒仍未完成，已终止；{SAVE_AS}") from None
        except soffice.NotStarted as e:
            raise ToolError(f"{display}: 无法启动 LibreOffice（{e.program}）：{e.reason}；{SAVE_AS}") from e
        if finished.returncode != 0:
            detail = f"（{finished.last_words}）" if finished.last_words else ""
            raise ToolError(f"{display}: LibreOffice 转换失败，退出码 {finished.returncode}{detail}；{SAVE_AS}")
        converted = folder / "out" / f"{document.stem}.docx"
        if not converted.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, converted.read_bytes(), durable=False)
    return True
