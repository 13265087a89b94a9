"""Commands run as users run them, in processes of their own that the tests can find and end:
every process a run starts carries a mark in its environment, found through /proc (never by
name across the machine); a command run to its end, and ``reporter serve`` started, sent an
upload and stopped; and what a workspace's files look like before and after a run."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROFILE, ROOT, ctrl_c_as_at_a_terminal
from tests.web.serving import free_port, multipart

MARK = "REPORTER_RUN_MARK"

#: Temporary files a run stages, and what the next run sweeps when a run was killed.
LITTER = (".reporter-tmp", ".~")

NEXT_RUN_TIMEOUT = 180  # seconds for a run to its end (after a kill too), on a loaded 2-core machine


def new_mark() -> str:
    return uuid.uuid4().hex


def start(args: list[str], mark: str, stdout: Any = subprocess.DEVNULL, stderr: Any = subprocess.PIPE,
          cwd: Path | None = None, tmpdir: Path | None = None) -> subprocess.Popen:
    """``reporter ARGS`` in a session of its own, marked with ``mark`` (its system temporary
    folder ``tmpdir`` when given)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), MARK: mark}
    env.pop("DATABASE_URL", None)  # a server keeps its records in the workspace
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return subprocess.Popen([sys.executable, "-m", "reporter", *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=stdout, stderr=stderr, cwd=cwd, start_new_session=True,
                            preexec_fn=ctrl_c_as_at_a_terminal)


def marked(mark: str) -> dict[int, str]:
    """The live processes of this user whose environment holds ``mark``: pid -> command line
    (zombies have ended: in a container nobody may reap an orphan)."""
    needle = f"{MARK}={mark}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != os.getuid():
                continue
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                continue
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone, or not ours to read
            continue
    return found


def left_behind(mark: str, within: float = 1.0) -> dict[int, str]:
    """The processes of run ``mark`` still alive ``within`` seconds from now (none as soon as
    none is left)."""
    deadline = time.monotonic() + within
    while (found := marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def end_all(mark: str) -> None:
    """SIGKILL every process of run ``mark`` (only those: the mark is this test's own)."""
    for _attempt in range(20):
        found = marked(mark)
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.05)


def rng(name: str) -> tuple[random.Random, int]:
    """A random source and its seed: fixed in CI (REPORTER_KILL_SEED, else derived from
    ``name``), otherwise new each run (REPORTER_KILL_SEED repeats one)."""
    given = os.environ.get("REPORTER_KILL_SEED")
    if given is not None:
        seed = int(given)
    elif PROFILE == "ci":
        seed = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    else:
        seed = random.SystemRandom().randrange(2**32)
    return random.Random(seed), seed


def trials(default: int) -> int:
    """How many moments to try per command: REPORTER_KILL_TRIALS, else ``default`` (at least one:
    a test that tries none would pass having checked nothing)."""
    count = int(os.environ.get("REPORTER_KILL_TRIALS", default))
    assert count > 0, f"REPORTER_KILL_TRIALS={count}: at least one trial is needed"
    return count


def complete_run(args: list[str], ws: Path, timeout: float = NEXT_RUN_TIMEOUT) -> tuple[int, str, float]:
    """Run ``reporter ARGS -w ws`` to its end: exit code, messages, seconds taken."""
    mark = new_mark()
    began = time.monotonic()
    process = start([*args, "-w", str(ws)], mark, cwd=ws)
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        end_all(mark)
        _out, err = process.communicate()
        return -1, f"still running after {timeout} s\n{err.decode(errors='replace')}", timeout
    finally:
        end_all(mark)
    return process.returncode, err.decode(errors="replace"), time.monotonic() - began


# --- the intake server ----------------------------------------------------------------------------


def serve(ws: Path, mark: str, tmp: Path) -> tuple[subprocess.Popen, int]:
    """``reporter serve`` on ``ws`` at a free port of 127.0.0.1, once it answers."""
    port = free_port()
    tmp.mkdir(exist_ok=True)
    process = start(["serve", "-w", str(ws), "--port", str(port)], mark, stderr=subprocess.DEVNULL, tmpdir=tmp)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    end_all(mark)
    pytest.fail("reporter serve did not start")


def upload(port: int, token: str, csrf: str, data: bytes) -> int:
    """POST ``data`` as a unit's workbook; the answer's status (0 when the connection broke)."""
    body, content_type = multipart({"csrf_token": csrf}, {"workbook": ("form.xlsx", data)})
    request = urllib.request.Request(f"http://127.0.0.1:{port}/u/{token}/upload", data=body, method="POST",
                                     headers={"Accept": "application/json", "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (OSError, http.client.HTTPException):
        return 0


def stop_server(process: subprocess.Popen, mark: str) -> None:
    """Ctrl-C, as its user stops it; whatever is left of it killed."""
    try:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(60)
    finally:
        end_all(mark)


# --- the files of a workspace ---------------------------------------------------------------------


def files(ws: Path) -> dict[str, bytes]:
    """Every file in ``ws``'s inputs/ and outputs/ by relative path, without the lock's record
    and what runs stage on the way (``litter``)."""
    found = {}
    for folder in ("inputs", "outputs"):
        for path in sorted((ws / folder).rglob("*")):
            name = path.relative_to(ws).as_posix()
            if path.is_file() and not is_litter(name) and path.name != ".reporter.lock":
                found[name] = path.read_bytes()
    return found


def is_litter(name: str) -> bool:
    parts = name.split("/")
    return any(part == ".reporter-tmp" or part.startswith((".~", ".upload-")) for part in parts) or \
        (".cache/" in name and name.endswith(".tmp"))


def litter(ws: Path) -> list[str]:
    return [p.relative_to(ws).as_posix() for folder in ("inputs", "outputs") for p in (ws / folder).rglob("*")
            if is_litter(p.relative_to(ws).as_posix()) and not (".cache/" in p.as_posix())]


def whole(ws: Path, name: str, data: bytes) -> bool:
    """Whether ``data`` is a complete file of its kind: a PDF that ends as a PDF ends, a
    signed read record whose signature holds (both differ from run to run)."""
    if name.endswith(".pdf"):
        return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    if "/.cache/" in f"/{name}":
        key = (ws / ".reporter" / "cache.key").read_bytes()
        return hmac.compare_digest(data[:32], hmac.digest(key, data[32:], "sha256"))
    return False


def half_files(ws: Path, old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """The files of ``ws`` that are neither as they were before the run (``old``) nor as a
    complete run leaves them (``new``), nor complete files of a kind that differs each run."""
    return [name for name, data in files(ws).items()
            if data != old.get(name) and data != new.get(name) and not whole(ws, name, data)]
