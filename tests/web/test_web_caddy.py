"""The shipped proxy configuration (deploy/Caddyfile, internal TLS) in front of ``reporter serve
--public-url``, with Debian's Caddy: a unit page driven through it in chromium, and 200 slow
clients holding connections open while a normal request is still answered within a second.

Caddy listens on free high ports of 127.0.0.1 with its admin endpoint off and its data under the
test's folder. Skipped without Caddy unless REPORTER_REQUIRE_CADDY=1."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, missing
from tests.web.conftest import PERIOD, Server
from tests.web.serving import fetch, free_port, serving, wait_listening

pytestmark = pytest.mark.caddy
CADDYFILE = ROOT / "deploy" / "Caddyfile"
SLOW_CLIENTS = 200
#: The issue's bound on a normal request while slow clients hold connections.
ANSWERED_WITHIN = 1.0


def caddy_binary() -> str:
    found = shutil.which("caddy")
    if found is None:
        missing("REPORTER_REQUIRE_CADDY", "Caddy is not installed (apt-get install caddy)")
    return found


@pytest.fixture
def proxied(server: Server, tmp_path: Path):
    """``reporter serve`` behind Caddy with the shipped Caddyfile; yields the public base URL."""
    caddy = caddy_binary()
    https_port, http_port = free_port(), free_port()
    public = f"https://127.0.0.1:{https_port}"
    home = tmp_path / "caddy"
    home.mkdir()
    with serving(server.ws, tmp_path / "serve.log", "--public-url", public) as served:
        env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
                   CADDY_ADMIN="off", CADDY_HTTP_PORT=str(http_port), CADDY_HTTPS_PORT=str(https_port),
                   REPORTER_SITE=public, REPORTER_TLS="internal", REPORTER_UPSTREAMS=served.base.removeprefix("http://"))
        with open(tmp_path / "caddy.log", "wb") as log:
            process = subprocess.Popen([caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                                       stdout=log, stderr=subprocess.STDOUT, env=env, cwd=home,
                                       start_new_session=True)
        try:
            wait_listening(https_port)
            for _ in range(100):  # the internal certificate is issued just after Caddy listens
                try:
                    fetch(f"{public}/", timeout=5)
                    break
                except OSError:
                    time.sleep(0.2)
            yield public
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


@pytest.mark.browser
def test_a_unit_page_through_caddy_in_chromium(server: Server, proxied: str, browser, tmp_path: Path):
    context = browser.new_context(locale="zh-CN", ignore_https_errors=True)
    page = context.new_page()
    try:
        response = page.goto(f"{proxied}/u/{server.tokens['东城街道']}")
        assert response is not None and response.status == 200
        assert response.headers["strict-transport-security"] == "max-age=31536000"
        assert "东城街道" in page.content()
        upload = tmp_path / "东城街道.xlsx"
        upload.write_bytes(server.workbook("东城街道"))
        page.set_input_files("input[name=workbook]", str(upload))
        page.get_by_role("button", name="上传并检查").click()
        page.locator("#outcome").wait_for()
        assert "已报送" in page.locator("#outcome").inner_text()
        assert page.url.startswith(proxied)
        page.screenshot(path=str(tmp_path / "经Caddy的单位页面.png"), full_page=True)
    finally:
        context.close()
    assert (server.ws / "inputs" / PERIOD / "东城街道.xlsx").is_file()


def slow_client(port: int, body: bool) -> ssl.SSLSocket:
    """A TLS connection that sends half a request and stops: half its headers, or its headers
    and the first bytes of a large body."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn = context.wrap_socket(raw, server_hostname="127.0.0.1")
    if body:
        conn.sendall(b"POST /u/x/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                     b"Content-Length: 1000000\r\n\r\n" + b"x" * 100)
    else:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return conn


def test_slow_clients_cannot_starve_the_server(server: Server, proxied: str):
    port = int(proxied.rsplit(":", 1)[1])
    held = []
    try:
        for n in range(SLOW_CLIENTS):
            held.append(slow_client(port, body=n % 2 == 1))
        url = f"{proxied}/u/{server.tokens['西城街道']}"
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            status, _, page = fetch(url, timeout=10)
            timings.append(time.perf_counter() - started)
            assert status == 200 and "西城街道" in page.decode("utf-8")
        # A fresh TLS connection each time; the best of three, so that one pause of a busy
        # test machine is not taken for starvation (starved, every one would wait 10 s).
        assert min(timings) < ANSWERED_WITHIN, timings
        still_open = sum(1 for conn in held if conn.fileno() != -1)
        assert still_open == SLOW_CLIENTS  # the slow clients were still connected meanwhile
    finally:
        for conn in held:
            conn.close()
