"""Two ``reporter serve`` processes on one workspace and one PostgreSQL are one service: an
upload through one is on the other's board, a job started through one is answered (status and
result) by the other, and each process logs each of its requests once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reporter.web.storage import Store
from tests.web.conftest import make_server
from tests.web.serving import fetch, fetch_json, multipart, serving

pytestmark = pytest.mark.postgres


def test_two_processes_on_one_database_are_one_service(postgres_url: str, tmp_path: Path):
    store = Store(postgres_url)
    try:
        server = make_server(tmp_path, store=store)
    finally:
        store.close()
    office, unit = server.tokens["办公室"], server.tokens["东城街道"]
    env = {"DATABASE_URL": postgres_url}
    with serving(server.ws, tmp_path / "a.log", env=env) as a, serving(server.ws, tmp_path / "b.log", env=env) as b:
        body, kind = multipart({"csrf_token": server.csrf("东城街道")},
                               {"workbook": ("东城街道.xlsx", server.workbook("东城街道"))})
        status, answer = fetch_json(f"{a.base}/u/{unit}/upload", body, {"Content-Type": kind})
        assert (status, answer["status"]) == (200, "accepted"), answer

        status, board = fetch_json(f"{b.base}/office/{office}")
        states = {u["short"]: u["state"] for u in board["units"]}
        assert status == 200 and states["东城街道"] == "已报送" and states["西城街道"] == "未报"

        for starter, answerer in ((a, b), (b, a)):
            status, started = fetch_json(f"{starter.base}/office/{office}/jobs/check",
                                         f"csrf_token={server.csrf('办公室')}".encode(),
                                         {"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 202, started
            for _ in range(1200):
                status, view = fetch_json(answerer.base + started["status_url"])
                assert status == 200
                if view["state"] != "running":
                    break
                time.sleep(0.1)
            assert view["state"] == "done", view["lines"]
            assert any("未报 " in line for line in view["lines"])
            status, _, text = fetch(answerer.base + view["result_url"])
            assert status == 200 and "未报 18 个" in text.decode("utf-8")  # 东城街道 counted as reported
    a_log, b_log = a.log_text(), b.log_text()
    assert a_log.count("POST /u/<token>/upload 200") == 1  # one line per request, not two
    assert b_log.count("GET /office/<token> 200") == 1
    assert "POST /u/<token>/upload" not in b_log
    assert unit not in a_log + b_log and office not in a_log + b_log
