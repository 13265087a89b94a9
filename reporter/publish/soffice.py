"""The LibreOffice batch runner: one ``soffice --headless --convert-to pdf`` call over a batch
of .docx files, in a private folder with its own throwaway profile, its temporary files
(``TMPDIR``) and ``FONTCONFIG_FILE`` pointing at ``fonts.conf`` next to this module (the
Windows font names of the documents mapped to free fonts). Watched for progress, a timeout
and cancellation; it runs in a process group of its own, recorded for the run (``scratch``)
and killed when stopped.

Each call converts its whole batch in one LibreOffice. A LibreOffice kept running between
calls could save only its start-up (about 1.4 s a call, ``make bench``) and would need its
UNO bridge (a running LibreOffice handed a ``--convert-to`` exits after it): not worth it.

The only module that runs outside programs (``subprocess``). ``pdf.convert`` orchestrates it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reporter.errors import ToolError
from reporter.publish import scratch
from reporter.publish.profile import write_profile

#: How to install LibreOffice and the fonts (scripts/install-system-deps.sh).
INSTALL_HINT = ("请先安装：sudo make system-deps"
                "（或 sudo apt-get install --no-install-recommends libreoffice-writer-nogui "
                "fonts-noto-cjk fonts-liberation2）")

#: The fontconfig file given to LibreOffice.
FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"

#: Seconds between looks at a running LibreOffice (progress, timeout, cancellation).
_POLL = 0.1


def find_soffice() -> str:
    """The path of the LibreOffice program (``soffice`` or ``libreoffice`` on PATH).

    Raises ToolError (exit code 3) with the install command when it is absent.
    """
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ToolError(f"未找到 LibreOffice（soffice），无法生成 PDF。{INSTALL_HINT}")
    return found


@dataclass
class Batch:
    """One soffice call: the documents it converts and its private working folder.

    Inputs are copied to ``in/0001.docx`` … so names never collide, start with ``-`` or
    need any encoding; LibreOffice writes ``out/0001.pdf`` …; ``profile/`` is its user
    profile and ``tmp/`` its temporary files, thrown away afterwards.
    """

    sources: list[Path]
    folder: Path

    @property
    def inputs(self) -> list[Path]:
        return [self.folder / "in" / f"{i:04d}.docx" for i in range(1, len(self.sources) + 1)]

    @property
    def outputs(self) -> list[Path]:
        return [self.folder / "out" / f"{i:04d}.pdf" for i in range(1, len(self.sources) + 1)]


def split_batches(items: Sequence[Path], parts: int) -> list[list[Path]]:
    """``items`` in at most ``parts`` contiguous, nearly equal, non-empty slices."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def names(paths: Iterable[Path]) -> str:
    return "、".join(str(p) for p in paths)


def _soffice_env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env["TMPDIR"] = str(folder)
    return env


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the process group started for ``proc`` (soffice and its children) and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def run_batch(soffice: str, batch: Batch, timeout: float, cancel: threading.Event,
               tick: Callable[[], None]) -> None:
    """Run one soffice call for ``batch``; ``tick()`` once for each PDF seen appearing.

    Raises ToolError when soffice cannot start, fails, or runs longer than ``timeout``
    seconds (its process group is killed), and stops it quietly when ``cancel`` is set.
    """
    (batch.folder / "in").mkdir(parents=True)
    (batch.folder / "out").mkdir()
    write_profile(batch.folder / "profile")  # blocks remote content and link updates
    (batch.folder / "tmp").mkdir()
    for source, copy in zip(batch.sources, batch.inputs):
        shutil.copyfile(source, copy)
    command = [
        soffice, "--headless", "--invisible", "--nologo", "--nodefault", "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={(batch.folder / 'profile').resolve().as_uri()}",
        "--convert-to", "pdf", "--outdir", str(batch.folder / "out"),
        *(str(p) for p in batch.inputs),
    ]
    log_path = batch.folder / "soffice.log"
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, env=_soffice_env(batch.folder / "tmp"),
                                    cwd=batch.folder, start_new_session=True)
        except OSError as e:
            raise ToolError(f"无法启动 LibreOffice（{soffice}）：{e.strerror or e}。"
                            f"{INSTALL_HINT}") from e
        deadline = time.monotonic() + timeout
        seen: set[Path] = set()
        try:
            scratch.record_group(proc.pid)
            while True:
                try:
                    returncode = proc.wait(timeout=_POLL)
                    break
                except subprocess.TimeoutExpired:
                    pass
                for pdf in batch.outputs:
                    if pdf not in seen and pdf.exists():
                        seen.add(pdf)
                        tick()
                if cancel.is_set():
                    _kill_group(proc)
                    return
                if time.monotonic() > deadline:
                    _kill_group(proc)
                    raise ToolError(f"LibreOffice 转换超时（超过 {timeout:g} 秒），已终止："
                                    f"{names(batch.sources)}")
        finally:
            if proc.poll() is None:  # an exception from tick() or the like
                _kill_group(proc)
    if returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        detail = f"：{' / '.join(tail)}" if tail else ""
        raise ToolError(f"LibreOffice 转换失败（退出码 {returncode}）{detail}："
                        f"{names(batch.sources)}")
