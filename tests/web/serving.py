"""``reporter serve`` as a child process of a test (on 127.0.0.1, stopped by the test that
started it), and plain HTTP requests to it: a page, JSON, a multipart upload."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT, ctrl_c_as_at_a_terminal


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@dataclass
class Served:
    """A running ``reporter serve``: its base URL and its log file."""

    base: str
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8")


@contextlib.contextmanager
def serving(ws: Path, log: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``reporter serve -w ws`` on a free port of 127.0.0.1 until the block ends (then Ctrl-C)."""
    port = free_port()
    environ = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    with open(log, "wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "reporter", "serve", "-w", str(ws), "--port", str(port),
                                    *args], stdout=subprocess.DEVNULL, stderr=err, env=environ,
                                   start_new_session=True, preexec_fn=ctrl_c_as_at_a_terminal)
    try:
        wait_listening(port)
        yield Served(f"http://127.0.0.1:{port}", log, process)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
          timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET (or a POST with ``data``); no redirect followed, any
    certificate accepted (Caddy's internal one)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=INSECURE))
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def fetch_json(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    status, _, body = fetch(url, data, {"Accept": "application/json", **(headers or {})})
    return status, json.loads(body)


def get(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """Status and text of a GET (or a POST with ``data``), redirects followed."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
