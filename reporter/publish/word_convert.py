"""A word-processing document in another format (Word 97-2003 .doc, WPS Writer .wps) turned
into .docx by LibreOffice Writer: headless, with the throwaway no-fetch profile (``profile``),
in a private folder, bounded in time. Its process group is recorded for the run (``scratch``)
and killed on timeout or when the caller is interrupted."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reporter.errors import ToolError
from reporter.publish import scratch
from reporter.publish.profile import write_profile
from reporter.publish.soffice import _kill_group, _soffice_env, find_soffice

#: Seconds one conversion may take (about 1.5 s for a template on a 2-core machine).
TIMEOUT = 60.0

#: How to get LibreOffice for converting documents (fonts are not needed for that).
INSTALL = "sudo make system-deps，或 sudo apt-get install --no-install-recommends libreoffice-writer-nogui"


def convert_to_docx(source: Path, target: Path, display: str, timeout: float = TIMEOUT) -> bool:
    """``source`` converted by LibreOffice into a .docx at ``target``, which is replaced whole
    or not at all; False when LibreOffice wrote nothing (not a document it can read).
    ``display`` names ``source`` in messages. A ToolError (exit code 3) when LibreOffice is
    missing, fails or runs past ``timeout`` seconds."""
    try:
        soffice = find_soffice()
    except ToolError as e:
        raise ToolError(f"{display}: 需要先由 LibreOffice 转换为 .docx 才能使用，但本机未安装 LibreOffice。"
                        f"请在 Word 或 WPS 中把它另存为 .docx 格式，或安装 LibreOffice（{INSTALL}）") from e
    with tempfile.TemporaryDirectory(prefix="reporter-convert-") as work:
        folder = Path(work)
        document = folder / "in" / f"template{source.suffix.lower()}"
        document.parent.mkdir()
        shutil.copyfile(source, document)  # a fixed name: never starts with "-", never needs an encoding
        write_profile(folder / "profile")  # blocks remote content, link updates and macros
        (folder / "tmp").mkdir()
        out = folder / "out"
        command = [soffice, "--headless", "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={(folder / 'profile').resolve().as_uri()}",
                   "--convert-to", "docx", "--outdir", str(out), str(document)]
        _run(command, folder, timeout, display)
        converted = out / f"{document.stem}.docx"
        if not converted.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(converted, staged)
        os.replace(staged, target)
    return True


def _run(command: list[str], folder: Path, timeout: float, display: str) -> None:
    """One soffice call in ``folder``, its output logged there; its whole process group ended
    when it overruns ``timeout`` or the caller stops waiting for it."""
    log_path = folder / "soffice.log"
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    env=_soffice_env(folder / "tmp"), cwd=folder, start_new_session=True)
        except OSError as e:
            raise ToolError(f"{display}: 无法启动 LibreOffice（{command[0]}）：{e.strerror or e}；"
                            f"请在 Word 或 WPS 中把它另存为 .docx 格式") from e
        try:
            scratch.record_group(proc.pid)
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ToolError(f"{display}: LibreOffice 转换超过 {timeout:g} 秒仍未完成，已终止；"
                            "请在 Word 或 WPS 中把它另存为 .docx 格式") from None
        finally:
            if proc.poll() is None:
                _kill_group(proc)
    if returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        detail = f"（{' / '.join(tail)}）" if tail else ""
        raise ToolError(f"{display}: LibreOffice 转换失败，退出码 {returncode}{detail}；"
                        "请在 Word 或 WPS 中把它另存为 .docx 格式")
