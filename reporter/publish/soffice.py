"""The one way reporter runs LibreOffice: ``run`` converts some files with one headless
``soffice --convert-to`` in a private folder, with a throwaway profile that fetches nothing
(``profile``), its temporary files (``TMPDIR``) in that folder and ``FONTCONFIG_FILE``
pointing at ``fonts.conf`` next to this module (the Windows font names of the documents
mapped to free fonts).

LibreOffice runs in a session and process group of its own that ends with reporter however
reporter ends (``processes.child_preexec`` and ``processes.watch_group``), recorded for the
run (``scratch``), and killed when it is stopped. Its time is bounded by progress, not by a
total: it is stopped when it has produced nothing for ``idle`` seconds (no new or growing file
among its outputs and temporary files, no new line of its own output), so a long document
that LibreOffice is visibly working through is never cut off; ``total`` bounds it outright
where a conversion has no reason to last (a template).

A LibreOffice kept running between calls could save only its start-up (about 1.4 s a call,
``make bench``) and would need its UNO bridge: not worth it. PDF runs are orchestrated by
``pdf_calls``; templates and old spreadsheets call ``run`` directly.

The only module that runs LibreOffice (``pdftext`` runs poppler's ``pdftotext``).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reporter.errors import ToolError
from reporter.processes import child_preexec, watch_group
from reporter.publish import scratch
from reporter.publish.profile import write_profile

#: How to install LibreOffice and the fonts (scripts/install-system-deps.sh).
INSTALL_HINT = ("请先安装：sudo make system-deps"
                "（或 sudo apt-get install --no-install-recommends libreoffice-writer-nogui "
                "fonts-noto-cjk fonts-liberation2）")

#: The fontconfig file given to LibreOffice.
FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"

#: Seconds between looks at a running LibreOffice (progress, limits, cancellation).
_POLL = 0.1
#: The lines of LibreOffice's own output kept for a message.
LAST_WORDS = 3


def find_soffice() -> str:
    """The path of the LibreOffice program (``soffice`` or ``libreoffice`` on PATH).

    Raises ToolError (exit code 3) with the install command when it is absent.
    """
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ToolError(f"未找到 LibreOffice（soffice），无法生成 PDF。{INSTALL_HINT}")
    return found


def names(paths: Iterable[object]) -> str:
    return "、".join(str(p) for p in paths)


class NotStarted(Exception):
    """LibreOffice could not be started at all (not there, not executable); ``reason`` says
    why in the system's words."""

    def __init__(self, program: str, reason: str):
        super().__init__(f"{program}: {reason}")
        self.program, self.reason = program, reason


class Stopped(Exception):
    """LibreOffice was stopped before it ended: it produced nothing for ``seconds`` seconds
    (``idle``) or ran past its total limit of ``seconds``; ``last_words`` is the end of its
    own output."""

    def __init__(self, idle: bool, seconds: float, last_words: str):
        super().__init__(f"stopped after {'no progress for ' if idle else ''}{seconds:g} s")
        self.idle, self.seconds, self.last_words = idle, seconds, last_words


@dataclass(frozen=True)
class Finished:
    """How a LibreOffice run ended by itself: its exit code and the last lines it printed
    (joined with " / ")."""

    returncode: int
    last_words: str


def run(soffice: str, folder: Path, documents: Sequence[Path], to: str, *, idle: float | None = None,
        total: float | None = None, cancel: threading.Event | None = None,
        written: Callable[[Path], None] | None = None, recorded: bool = True, offline: bool = False,
        memory_bytes: int | None = None) -> Finished:
    """LibreOffice converting ``documents`` to the format ``to`` ("pdf", "docx", "xlsx") into
    ``folder/out``, with its profile in ``folder/profile``, its temporary files in
    ``folder/tmp`` and its output in ``folder/soffice.log``. ``folder`` is created; give the
    documents names that are safe on a command line (reporter copies them to ``0001.docx`` …).

    ``written(path)`` hears of each output once it is complete (LibreOffice has let go of it),
    in the order they appear. Raises ``Stopped`` when ``idle`` seconds pass without progress
    or ``total`` seconds in all, ``NotStarted`` when the program cannot be run; when ``cancel``
    is set, LibreOffice is killed and ``Stopped`` raised too. In every case its process group
    is gone when this returns. ``recorded``: its process group is noted for the run holding the
    output lock (``scratch``), to be ended with it; not for work outside such a run (a web
    upload), which another request's run must not end.

    ``offline``: LibreOffice runs in a network namespace of its own with no interface but a
    loopback that is down (``unshare --net``), so no link, image or DTD in a document can be
    fetched and a silent host cannot hold it; where namespaces cannot be made, the profile's
    settings alone keep it from fetching. ``memory_bytes``: its address space is capped
    (``RLIMIT_AS``, inherited by LibreOffice's own processes).
    """
    out, tmp = folder / "out", folder / "tmp"
    out.mkdir(parents=True, exist_ok=True)
    tmp.mkdir(exist_ok=True)
    write_profile(folder / "profile")  # blocks remote content, link updates and macros
    command = [*(network_isolation() if offline else ()), soffice, "--headless", "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={(folder / 'profile').resolve().as_uri()}",
               "--convert-to", to, "--outdir", str(out), *(str(p) for p in documents)]
    log_path = folder / "soffice.log"
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    env=_environment(tmp), cwd=folder, start_new_session=True,
                                    preexec_fn=_limited(memory_bytes))
        except OSError as e:
            raise NotStarted(soffice, e.strerror or str(e)) from e
        try:
            watch_group(proc.pid)  # LibreOffice's own processes end with this one, however it ends
            if recorded:
                scratch.record_group(proc.pid)
            returncode = _watch(proc, _Progress(out, tmp, log_path, written), idle, total, cancel)
        finally:
            if proc.poll() is None:  # stopped, or an error in ``written``
                kill_group(proc)
    return Finished(returncode, last_words(log_path))


@functools.cache
def network_isolation() -> tuple[str, ...]:
    """The command prefix that runs a program without any network (``unshare --net``, mapping
    the user to root in a user namespace when not root); empty where this system cannot make a
    network namespace (no ``unshare``, namespaces disabled), tried once."""
    program = shutil.which("unshare")
    if program is None:
        return ()
    prefix = (program, "--net") if os.geteuid() == 0 else (program, "--net", "--map-root-user")
    try:
        tried = subprocess.run([*prefix, "true"], stdin=subprocess.DEVNULL, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return prefix if tried.returncode == 0 else ()


def _limited(memory_bytes: int | None) -> Callable[[], None]:
    """What runs in LibreOffice's process before it starts: it dies with reporter
    (``child_preexec``) and, given ``memory_bytes``, may map no more than that."""
    def preexec() -> None:
        if memory_bytes is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        child_preexec()
    return preexec


def _watch(proc: subprocess.Popen, progress: _Progress, idle: float | None, total: float | None,
           cancel: threading.Event | None) -> int:
    """Wait for LibreOffice to end, looking at its progress; its exit code."""
    started = last_change = time.monotonic()
    while True:
        try:
            returncode = proc.wait(timeout=_POLL)
        except subprocess.TimeoutExpired:
            pass
        else:
            progress.ended()
            return returncode
        if progress.look():  # after hearing of finished outputs: that time is not LibreOffice's
            last_change = time.monotonic()
        now = time.monotonic()
        stopped = None
        if cancel is not None and cancel.is_set():
            stopped = Stopped(False, now - started, "")
        elif idle is not None and now - last_change > idle:
            stopped = Stopped(True, idle, "")
        elif total is not None and now - started > total:
            stopped = Stopped(False, total, "")
        if stopped is not None:
            kill_group(proc)
            stopped.last_words = last_words(progress.log)
            raise stopped


class _Progress:
    """What a running LibreOffice has produced so far: the sizes of the files in its output and
    temporary folders and of its own output; and which outputs it has finished."""

    def __init__(self, out: Path, tmp: Path, log: Path, written: Callable[[Path], None] | None):
        self.out, self.tmp, self.log, self.written = out, tmp, log, written
        self.state: dict[str, int] = {}
        self.done: set[str] = set()

    def look(self) -> bool:
        """Whether anything changed since the last look; tells ``written`` of finished outputs."""
        state = {f"out/{name}": size for name, size in _sizes(self.out)}
        state.update((f"tmp/{name}", size) for name, size in _sizes(self.tmp))
        try:
            state["log"] = self.log.stat().st_size
        except OSError:
            pass
        changed = state != self.state
        # An output is finished once it has content that did not change since the last look:
        # a file just created is empty, and one being written grows between looks.
        settled = {key[len("out/"):] for key, size in state.items()
                   if key.startswith("out/") and size > 0 and self.state.get(key) == size}
        self.state = state
        self._tell(settled)
        return changed

    def ended(self) -> None:
        self.look()
        self._tell(None)

    def _tell(self, settled: set[str] | None) -> None:
        """Tell ``written`` of the outputs not told yet: of those ``settled`` and not locked by
        LibreOffice while it runs, of all of them once it has ended (``settled`` None)."""
        if self.written is None:
            return
        names = [name for name, _ in _sizes(self.out)]
        locked = {name[len(".~lock."):-1] for name in names if name.startswith(".~lock.") and name.endswith("#")}
        for name in names:
            if (name in self.done or name.startswith(".") or name.endswith(".tmp")
                    or (settled is not None and (name in locked or name not in settled))):
                continue
            self.done.add(name)
            self.written(self.out / name)


def _sizes(folder: Path) -> list[tuple[str, int]]:
    """(name, size) of the files in ``folder`` and its subfolders, in order of name."""
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            try:
                found.append((os.path.relpath(path, folder), os.stat(path).st_size))
            except OSError:
                continue
    return sorted(found)


def last_words(log: Path) -> str:
    """The last lines LibreOffice printed, joined with " / " (its start-up warning left out)."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and "javaldx" not in line]
    return " / ".join(lines[-LAST_WORDS:])


def _environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env["TMPDIR"] = str(tmp)
    return env


def kill_group(proc: subprocess.Popen) -> None:
    """Kill the process group started for ``proc`` (soffice and its children) and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
