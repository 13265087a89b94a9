"""``reporter serve``: the intake server on waitress (pure Python, also on Windows), bound to
127.0.0.1 unless told otherwise, each request logged to standard error in one line without its
token (``web.requestlog``).

``prepare`` does everything that can fail before the server is announced: the database must
exist and be readable (named when it is not), the records are repaired (``web.filing``), the
port is bound (a port in use is named as such). Only then is “已启动” printed and ``run`` called.

Beyond this machine the server is reached through a proxy (Caddy, ``deploy/``): a host other
than the loopback is served but warned about. With ``public_url`` the proxy's forwarded client
address is trusted from the loopback only, and every page is made for that public address.
"""

from __future__ import annotations

import datetime as dt
import errno
import ipaddress
import logging
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from waitress.server import create_server

from reporter.errors import UsageError
from reporter.processes import use_temporary_folder
from reporter.web.app import DEFAULT_MAX_UPLOAD, create_app
from reporter.web.filing import scratch_folder
from reporter.web.jobs import DEFAULT_KEEP, DEFAULT_WORKERS
from reporter.web.public import checked_public_url
from reporter.web.requestlog import attach
from reporter.web.storage import Store
from reporter.workspace import open_workspace

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
THREADS = 8
GUIDE = "deploy/README.md"
EXPOSED = ("注意：服务监听在 {host}，本机以外的电脑可以直接连接（不加密，也挡不住大量慢速连接）。"
           "对外提供服务请只监听 127.0.0.1，由 Caddy 代理并提供 HTTPS，见 " + GUIDE)
#: The proxy headers waitress takes from a proxy on this machine (``public_url`` given).
PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}


def loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Running:
    """A bound server, ready to run: what was repaired at start, in Chinese, and how to run it."""

    server: object
    notes: list[str]
    scratch: Path

    def run(self) -> None:
        """Serve until interrupted (Ctrl-C, SIGTERM), then close every connection: the start of
        a ``serve`` process, which makes its process-wide settings here, once."""
        # This process only serves from now on: its temporary files (uploads being read,
        # openpyxl's) go to the workspace's scratch folder, swept at the next start should the
        # server be killed; its log goes to standard error without tokens.
        use_temporary_folder(self.scratch)
        attach(logging.StreamHandler(sys.stderr))
        self.server.run()  # type: ignore[attr-defined]


def check_port(host: str, port: int) -> None:
    """Refuse a port another program listens on, before anything is announced (probed with a
    socket of our own, closed at once, as waitress would bind it)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except socket.gaierror as e:
        raise UsageError(f"本机没有地址 {host}，服务未启动；请用 --host 0.0.0.0（局域网）或 127.0.0.1（仅本机）") from e
    except OSError as e:
        raise UsageError(bind_problem(e, host, port)) from e


def bind_problem(error: OSError, host: str, port: int) -> str:
    """Why the server could not listen on ``host:port``, in Chinese."""
    if error.errno == errno.EADDRINUSE:
        return (f"端口 {port} 已被占用（另一个 reporter serve 或其他程序正在使用它），服务未启动；"
                f"请先停止那个程序，或换一个端口：--port {port + 1 if port < 65535 else 8000}")
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限），服务未启动；请换一个端口，如 --port 8000"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"本机没有地址 {host}，服务未启动；请用 --host 0.0.0.0（局域网）或 127.0.0.1（仅本机）"
    return f"无法在 {host}:{port} 上启动服务（{error.strerror}）"


def prepare(root: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
            max_upload: int = DEFAULT_MAX_UPLOAD, threads: int = THREADS, public_url: str | None = None,
            job_workers: int = DEFAULT_WORKERS, job_keep: dt.timedelta = DEFAULT_KEEP) -> Running:
    """The server of the workspace at ``root``, bound to ``host:port`` but not yet serving.

    ``public_url``: the address users reach it by through a proxy on this machine;
    ``job_workers``, ``job_keep``: background jobs run at once by this process, and kept."""
    public_url = checked_public_url(public_url) if public_url else None
    check_port(host, port)
    ws = open_workspace(root)
    store = Store.for_workspace(ws.root, must_exist=True)
    app = create_app(ws.root, store=store, max_upload=max_upload, public_url=public_url,
                     job_workers=job_workers, job_keep=job_keep)
    proxy = {"trusted_proxy": "127.0.0.1", "trusted_proxy_count": 1, "trusted_proxy_headers": PROXY_HEADERS,
             "clear_untrusted_proxy_headers": True} if public_url else {}
    try:
        # Flask answers an upload over the limit (in Chinese) from its Content-Length without reading
        # it; waitress, which buffers a body before the app sees it, refuses only far larger ones itself.
        server = create_server(app, host=host, port=port, threads=threads, ident="reporter",
                               max_request_body_size=4 * max_upload + 1024 * 1024, **proxy)
    except OSError as e:
        store.close()
        raise UsageError(bind_problem(e, host, port)) from e
    notes = list(app.extensions["reporter"].notes)
    if not loopback(host):
        notes.append(EXPOSED.format(host=host))
    return Running(server, notes, scratch_folder(ws))


def serve(root: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          max_upload: int = DEFAULT_MAX_UPLOAD, threads: int = THREADS) -> None:
    """Serve the workspace at ``root`` until interrupted."""
    prepare(root, host, port, max_upload, threads).run()
