"""reporter serve as users start it: a waitress server on 127.0.0.1 that answers in Chinese and
logs every request without its token."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, ctrl_c_as_at_a_terminal
from tests.web.conftest import Server
from tests.web.serving import free_port, get


def test_serve_answers_in_chinese_and_logs_without_tokens(server: Server, tmp_path: Path):
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "reporter", "serve", "-w", str(server.ws), "--port", str(port),
                                 "--max-upload-mb", "0.1"], stdout=subprocess.DEVNULL, stderr=err, env=env,
                                start_new_session=True, preexec_fn=ctrl_c_as_at_a_terminal)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        token = server.tokens["东城街道"]
        status, page = get(f"{base}/u/{token}")
        assert status == 200 and "东城街道" in page
        status, _ = get(f"{base}/u/not-a-token")
        assert status == 404
        status, body = get(f"{base}/u/{token}/upload", data=b"x" * 300_000,
                           headers={"Accept": "application/json", "Content-Type": "application/octet-stream"})
        assert status == 413 and "文件过大" in json.loads(body)["message"]
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(60)  # waitress closes its connections first; slow on a busy machine
    text = log.read_text(encoding="utf-8")
    assert "http://127.0.0.1:" in text  # bound to this machine only unless --host says otherwise
    assert "GET /u/<token> 200" in text and "GET /u/<token> 404" in text and "POST /u/<token>/upload 413" in text
    assert token not in text and "not-a-token" not in text
