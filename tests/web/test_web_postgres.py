"""The same storage code on a real PostgreSQL server (DATABASE_URL): links, versions numbered
without gaps under parallel uploads, and the whole upload path."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reporter.web.storage import Store
from tests.conftest import copy_example, run
from tests.intake.hostile_xlsx import filed_bytes
from tests.web.conftest import PERIOD, make_server

pytestmark = pytest.mark.postgres


def test_links_command_uses_database_url(postgres_url: str, tmp_path: Path, monkeypatch):
    ws = copy_example(tmp_path / "ws")
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    first = run("links", "-w", ws)
    assert first.exit_code == 0, first.output
    assert not (ws / ".reporter" / "intake.sqlite3").exists()
    store = Store(postgres_url)
    try:
        assert len(store.link_generations()) == len(first.stdout.splitlines())
        token = first.stdout.splitlines()[0].rsplit("/", 1)[1]
        assert store.name_of(hashlib.sha256(token.encode()).hexdigest()) is not None
    finally:
        store.close()
    assert run("links", "-w", ws).stdout == first.stdout


def test_parallel_versions_are_numbered_without_gaps(postgres_url: str):
    store = Store(postgres_url)
    try:
        contents = [f"workbook {i}".encode() for i in range(24)]
        with ThreadPoolExecutor(8) as pool:
            made = list(pool.map(lambda c: store.add_version(PERIOD, "U1", hashlib.sha256(c).hexdigest(), c, "测试"),
                                 contents))
        assert sorted(v.number for v in made) == list(range(1, 25))
        for content, version in zip(contents, made):
            assert store.content(PERIOD, "U1", version.number) == content
        assert store.latest_versions(PERIOD)["U1"].number == 24
    finally:
        store.close()


def test_upload_and_board_on_postgres(postgres_url: str, tmp_path: Path):
    store = Store(postgres_url)
    try:
        server = make_server(tmp_path, store=store)
        assert server.upload("东城街道", server.workbook("东城街道")).get_json()["status"] == "accepted"
        server.upload("西城街道", b"broken", name="x.xlsx")
        board = server.client.get(f"/office/{server.tokens['办公室']}", headers={"Accept": "application/json"})
        states = {u["short"]: u["state"] for u in board.get_json()["units"]}
        assert (states["东城街道"], states["西城街道"], states["南湖街道"]) == ("已报送", "有误待改", "未报")
        assert server.inputs("东城街道").read_bytes() == filed_bytes(server.workbook("东城街道"))
    finally:
        store.close()
