"""One truth for submissions (issue 23, item 5): the database and inputs/ written in one order
with the state in between recorded, and repaired as the server starts; a full disk leaving both
unchanged; workbooks put into inputs/ by hand on the board; the database file for its owner
only, refused at start when missing or damaged; the same limits on SQLite and PostgreSQL; a
used port named before anything is announced."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import stat
import threading
import time
from pathlib import Path

import pytest

from reporter.web import filing
from reporter.web.app import create_app
from reporter.web.storage import Store
from tests.conftest import missing, run
from tests.faults.runs import end_all, new_mark, serve, stop_server, upload
from tests.web.conftest import PERIOD, Server, make_server, with_cell
from tests.web.serving import free_port


def board_states(server: Server) -> dict[str, str]:
    body = server.client.get(f"/office/{server.tokens['办公室']}", headers={"Accept": "application/json"}).get_json()
    assert body["units"]
    return {u["short"]: u["state"] for u in body["units"]}


def newest_content(store: Store, code: str) -> bytes | None:
    versions = store.versions_of(PERIOD, code)
    return store.content(PERIOD, code, versions[0].number) if versions else None


def code_of(server: Server, short: str) -> str:
    return next(u.code for u in create_app(server.ws, store=server.store).extensions["reporter"].ws.campaign.units
                if u.short == short)


# --- write order and repair -------------------------------------------------------------------------


def test_a_version_committed_but_not_filed_is_written_at_start(server: Server):
    """As if the server was killed between the database and inputs/: repaired, and said."""
    code = code_of(server, "东城街道")
    data = server.workbook("东城街道")
    server.store.add_version(PERIOD, code, hashlib.sha256(data).hexdigest(), data, "张三（上传）", unfiled_too=True)
    assert not server.inputs("东城街道").exists() and server.store.unfiled_versions()
    app = create_app(server.ws, store=server.store)
    notes = app.extensions["reporter"].notes
    assert notes == [f"已修复：inputs/{PERIOD}/东城街道.xlsx 按数据库中东城街道的第 1 版补写（上次服务在保存过程中中断）"]
    assert server.inputs("东城街道").read_bytes() == data
    assert server.store.unfiled_versions() == []
    assert create_app(server.ws, store=server.store).extensions["reporter"].notes == []  # nothing more to do


def test_a_superseded_unfiled_version_is_not_written(server: Server):
    code = code_of(server, "东城街道")
    first, second = server.workbook("东城街道"), with_cell(server.workbook("东城街道"), "基本信息", "B6", "李四")
    server.store.add_version(PERIOD, code, hashlib.sha256(first).hexdigest(), first, "x", unfiled_too=True)
    server.store.add_version(PERIOD, code, hashlib.sha256(second).hexdigest(), second, "x", unfiled_too=True)
    create_app(server.ws, store=server.store)
    assert server.inputs("东城街道").read_bytes() == second and server.store.unfiled_versions() == []


def test_killed_during_uploads_inputs_follow_the_database(tmp_path: Path):
    """The attack as run: kill -9 of ``reporter serve`` while units upload, again and again; after
    each restart inputs/ holds every unit's newest version, and nothing is left in inputs/ or
    the scratch folder."""
    server = make_server(tmp_path)
    server.store.close()
    shorts = ["东城街道", "西城街道", "南湖街道"]
    versions = {s: [with_cell(server.workbook(s), "基本信息", "B6", f"填报人{n}") for n in range(4)] for s in shorts}
    offsets = [0.3, 0.9, 1.6, 2.5]
    for round_number, offset in enumerate(offsets):
        mark = new_mark()
        process, port = serve(server.ws, mark, tmp_path / "tmp")
        scratch = server.ws / ".reporter" / "tmp" / f"serve-{process.pid}"
        try:
            senders = [threading.Thread(target=upload, args=(port, server.tokens[s], server.csrf(s),
                                                               versions[s][round_number]), daemon=True)
                       for s in shorts]
            for sender in senders:
                sender.start()
            time.sleep(offset)
            process.kill()
            process.wait(30)
        finally:
            end_all(mark)
        for sender in senders:
            sender.join(60)
        mark = new_mark()
        process, port = serve(server.ws, mark, tmp_path / "tmp")
        stop_server(process, mark)
        assert not scratch.exists(), f"round {round_number}: the killed server's scratch folder was not swept"
        store = Store.for_workspace(server.ws)
        try:
            assert store.unfiled_versions() == []
            for short in shorts:
                newest = newest_content(store, code_of(server, short))
                on_disk = server.inputs(short).read_bytes() if server.inputs(short).exists() else None
                assert on_disk == newest, f"round {round_number} (killed at {offset} s): {short} disagrees"
        finally:
            store.close()
        assert not list((server.ws / "inputs").rglob("*.tmp")), f"round {round_number}: staged files left"


def test_server_temporary_files_live_in_the_workspace(tmp_path: Path):
    server = make_server(tmp_path)
    server.store.close()
    system_temp = tmp_path / "system-tmp"
    mark = new_mark()
    process, port = serve(server.ws, mark, system_temp)
    try:
        assert upload(port, server.tokens["东城街道"], server.csrf("东城街道"), server.workbook("东城街道")) == 200
        assert (server.ws / ".reporter" / "tmp" / f"serve-{process.pid}").is_dir()
    finally:
        stop_server(process, mark)
    assert list(system_temp.iterdir()) == []  # no reporter-upload-* in the system's temporary folder


# --- disk full --------------------------------------------------------------------------------------


def test_disk_full_while_staging_changes_nothing_and_says_so(server: Server, monkeypatch):
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(filing.os, "fsync", full)
    sent = server.upload("东城街道", server.workbook("东城街道"))
    monkeypatch.setattr(filing.os, "fsync", real_fsync)
    assert sent.status_code == 503
    message = sent.get_json()["message"]
    assert "磁盘已满" in message and "本次提交未保存" in message
    assert not server.inputs("东城街道").exists()
    assert server.store.versions_of(PERIOD, code_of(server, "东城街道")) == []
    assert board_states(server)["东城街道"] == "未报"  # not 已报送 and not 有误待改: nothing happened
    assert not list((server.ws / ".reporter" / "tmp").rglob("upload-*"))


def test_disk_full_when_moving_into_inputs_withdraws_the_version(server: Server, monkeypatch):
    def full(staged: Path, destination: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(filing, "place", full)
    sent = server.upload("东城街道", server.workbook("东城街道"))
    assert sent.status_code == 503 and "磁盘已满" in sent.get_json()["message"]
    assert server.store.versions_of(PERIOD, code_of(server, "东城街道")) == []
    assert server.store.unfiled_versions() == []
    assert board_states(server)["东城街道"] == "未报" and not server.inputs("东城街道").exists()


def test_disk_full_on_a_real_full_disk(tmp_path: Path):
    """The attack as run: the workspace's disk fills up during an upload."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        missing("REPORTER_REQUIRE_SYSTEM", "mounting a small tmpfs needs root and mount")
    mount = tmp_path / "small"
    mount.mkdir()
    if os.system(f"mount -t tmpfs -o size=24m tmpfs {mount} 2>/dev/null") != 0:
        missing("REPORTER_REQUIRE_SYSTEM", "a tmpfs could not be mounted here")
    try:
        server = make_server(mount)
        ballast = mount / "ballast"
        with open(ballast, "wb") as out:
            try:
                while True:
                    out.write(b"\0" * 65536)
                    out.flush()
            except OSError:
                pass
        sent = server.upload("东城街道", server.workbook("东城街道"))
        assert sent.status_code == 503 and "磁盘已满" in sent.get_json()["message"], sent.get_data(as_text=True)
        ballast.unlink()
        assert not server.inputs("东城街道").exists()
        assert server.store.versions_of(PERIOD, code_of(server, "东城街道")) == []
        assert board_states(server)["东城街道"] == "未报"
        server.store.close()
    finally:
        os.system(f"umount {mount}")


# --- the board, the file, the limits ---------------------------------------------------------------


def test_a_workbook_put_into_inputs_by_hand_shows_on_the_board(server: Server):
    shutil.copy(server.returned / "东城街道.xlsx", server.inputs("东城街道"))
    states = board_states(server)
    assert states["东城街道"] == "已报送（文件）" and states["西城街道"] == "未报"
    page = server.client.get(f"/office/{server.tokens['办公室']}").get_data(as_text=True)
    assert "已报送（文件）" in page
    assert "已报送（文件）" in server.client.get(f"/u/{server.tokens['东城街道']}").get_data(as_text=True)


def test_the_database_is_for_its_owner_only(server: Server):
    server.upload("东城街道", server.workbook("东城街道"))
    files = list((server.ws / ".reporter").glob("intake.sqlite3*"))
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((server.ws / ".reporter").stat().st_mode) & 0o077 == 0


def long_filled_by(server: Server, length: int) -> bytes:
    return with_cell(server.workbook("东城街道"), "基本信息", "B6", "张" * length)


@pytest.mark.parametrize("length", [197, 5000])
def test_a_long_filled_by_is_refused_in_chinese_on_sqlite(server: Server, length: int):
    sent = server.upload("东城街道", long_filled_by(server, length))
    assert sent.status_code == 422
    assert f"填报人一栏有 {length} 个字，超过 100 个字" in sent.get_json()["problems"][0]["message"]
    assert board_states(server)["东城街道"] == "有误待改"


@pytest.mark.postgres
@pytest.mark.parametrize("length", [197, 5000])
def test_a_long_filled_by_is_refused_in_chinese_on_postgresql(tmp_path: Path, postgres_url: str, length: int):
    server = make_server(tmp_path, store=Store(postgres_url))
    try:
        sent = server.upload("东城街道", long_filled_by(server, length))
        assert sent.status_code == 422
        assert f"填报人一栏有 {length} 个字，超过 100 个字" in sent.get_json()["problems"][0]["message"]
        assert server.upload("东城街道", long_filled_by(server, 100)).status_code == 200  # the limit itself is kept
    finally:
        server.store.close()


def test_a_database_deleted_while_serving_is_refused(server: Server):
    for path in (server.ws / ".reporter").glob("intake.sqlite3*"):
        path.unlink()
    sent = server.upload("东城街道", server.workbook("东城街道"))
    assert sent.status_code == 503 and "被删除或替换" in sent.get_json()["message"]
    assert not server.inputs("东城街道").exists()


# --- refused at start -------------------------------------------------------------------------------


def test_serve_refuses_a_missing_database_naming_it(tmp_path: Path):
    server = make_server(tmp_path)
    server.store.close()
    for path in (server.ws / ".reporter").glob("intake.sqlite3*"):
        path.unlink()
    result = run("serve", "-w", server.ws, "--port", str(free_port()))
    assert result.exit_code == 1, result.output
    assert "intake.sqlite3 不存在" in result.output and "reporter links" in result.output
    assert "已启动" not in result.output and "内部错误" not in result.output


@pytest.mark.parametrize("command", ["serve", "links", "remind"])
def test_a_corrupt_database_is_refused_naming_it(tmp_path: Path, command: str):
    server = make_server(tmp_path)
    server.store.close()
    for path in (server.ws / ".reporter").glob("intake.sqlite3*"):
        path.unlink()
    (server.ws / ".reporter" / "intake.sqlite3").write_bytes(b"this is not a database" * 100)
    args = {"serve": ["--port", str(free_port())], "links": [], "remind": ["--date", "2018-11-18"]}[command]
    result = run(command, "-w", server.ws, *args)
    assert result.exit_code == 1, result.output
    assert "intake.sqlite3 不是有效的数据库文件（已损坏）" in result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output and "已启动" not in result.output


def test_a_port_in_use_is_named_before_anything_is_announced(server: Server):
    server.store.close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "-w", server.ws, "--port", str(port))
    assert result.exit_code == 2, result.output
    assert f"端口 {port} 已被占用" in result.output
    assert "已启动" not in result.output and "磁盘" not in result.output
