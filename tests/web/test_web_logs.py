"""The server's log (issue 23, item 3): one line per request with a request id; no link token in
any line — access lines, errors, tracebacks, waitress's own messages — when a request fails
with 500 or 503; request fields escaped so that no URL forges a line or recolours the terminal;
and a database that cannot be reached answered “数据库暂时无法连接” (503), and logged."""

from __future__ import annotations

import io
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from reporter.web.requestlog import SERVER_LOGGERS, attach
from tests.conftest import ROOT, ctrl_c_as_at_a_terminal
from tests.web.conftest import Server, make_server
from tests.web.serving import free_port, get

LINE_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")


@pytest.fixture
def log_text():
    """What the server's loggers write through the handler ``reporter serve`` uses."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    saved = {name: (logging.getLogger(name).handlers[:], logging.getLogger(name).propagate)
             for name in SERVER_LOGGERS}
    attach(handler)
    yield stream.getvalue
    for name, (handlers, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.propagate = propagate


def every_token(server: Server) -> list[str]:
    assert server.tokens
    return list(server.tokens.values())


def test_a_500_logs_one_traceback_without_the_token(server: Server, log_text, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("数据库文件被锁定")
    monkeypatch.setattr(server.store, "versions_of", broken)
    token = server.tokens["东城街道"]
    response = server.client.get(f"/u/{token}", headers={"Accept": "application/json"})
    assert response.status_code == 500
    body = response.get_json()
    assert "服务器内部错误" in body["message"] and body["request_id"] in body["message"]
    assert "本次提交未保存" not in body["message"]  # a page view submits nothing
    text = log_text()
    assert "Traceback" in text and "RuntimeError" in text
    assert not any(t in text for t in every_token(server))
    request_lines = [line for line in text.splitlines() if f"req={body['request_id']}" in line]
    assert len(request_lines) == 2  # the error with its traceback, and the request's own line
    assert request_lines[-1].endswith(tuple(f" 500 {n}ms" for n in range(100000)))
    # The traceback's own lines are indented: every line at the margin starts with a time.
    margin = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert margin and all(LINE_START.match(line) for line in margin)


def test_one_line_per_request_with_an_id(server: Server, log_text):
    token = server.tokens["东城街道"]
    ids = {server.client.get(f"/u/{token}").headers["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3
    lines = log_text().splitlines()
    assert len(lines) == 3
    for request_id in ids:
        assert sum(f"req={request_id} " in line for line in lines) == 1
    assert all(" GET /u/<token> 200 " in line for line in lines)
    assert token not in log_text()


def test_forged_lines_and_terminal_escapes_are_escaped(server: Server, log_text):
    forged = "/u/x/%0a2018-11-18%2009:00:00%20req=1%20GET%20200%0d%1b[31mRED%1b[0m"
    assert server.client.get(forged).status_code == 404
    server.client.get(f"/u/{server.tokens['东城街道']}%0aINJECTED")
    text = log_text()
    assert "\x1b" not in text and "\r" not in text
    lines = text.splitlines()
    assert len(lines) == 2 and all(LINE_START.match(line) for line in lines)
    assert "\\x0a" in text and "\\x1b[31mRED" in text
    assert server.tokens["东城街道"] not in text


@pytest.mark.postgres
def test_postgresql_down_is_503_in_chinese_and_logged(tmp_path: Path, postgres_url: str, log_text):
    from reporter.web.storage import Store

    server = make_server(tmp_path, store=Store(postgres_url))
    server.store.engine.dispose()
    # The server goes away: every new connection is refused.
    server.store.engine = create_engine("postgresql+psycopg://postgres@/gone?host=/nonexistent-socket-folder",
                                        pool_pre_ping=True)
    token = server.tokens["东城街道"]
    page = server.client.get(f"/u/{token}")
    assert page.status_code == 503
    assert "数据库暂时无法连接" in page.get_data(as_text=True) and "未保存" not in page.get_data(as_text=True)
    sent = server.upload("东城街道", server.workbook("东城街道"))
    assert sent.status_code == 503
    assert sent.get_json()["message"].startswith("数据库暂时无法连接") and "本次提交未保存" in sent.get_json()["message"]
    assert not server.inputs("东城街道").exists()
    text = log_text()
    assert text.count("数据库暂时无法连接") >= 2 and "Traceback" not in text
    assert "postgresql+psycopg://postgres@/t_" in text  # which database, for the office
    assert not any(t in text for t in every_token(server))


def test_serve_logs_no_token_when_the_database_is_deleted(server: Server, tmp_path: Path):
    """The attack as run: a request of the real server failing because the database went away."""
    server.store.close()
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "reporter", "serve", "-w", str(server.ws), "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True,
                                preexec_fn=ctrl_c_as_at_a_terminal)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/static/style.css", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        token = server.tokens["东城街道"]
        assert get(f"http://127.0.0.1:{port}/u/{token}")[0] == 200
        for leftover in (server.ws / ".reporter").glob("intake.sqlite3*"):
            leftover.unlink()
        status, body = get(f"http://127.0.0.1:{port}/u/{token}/upload?x=1", data=b"--x--",
                           headers={"Content-Type": "multipart/form-data; boundary=x",
                                    "X-CSRF-Token": server.csrf("东城街道")})
        assert status == 503 and "被删除或替换" in body
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(60)
    text = log.read_text(encoding="utf-8")
    assert not any(t in text for t in every_token(server)), text
    assert "intake.sqlite3 在服务运行中被删除或替换" in text
    assert text.count("POST /u/<token>/upload 503") == 1
