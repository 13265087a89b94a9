"""``reporter backup`` while units upload, then ``reporter restore``: every version present, the
same links opening the same pages, inputs/ agreeing with the database; a damaged archive and a
non-empty target refused. (The module is ``web.backup``: the database is the intake server's.)"""

from __future__ import annotations

import hashlib
import json
import threading
import zipfile
from pathlib import Path

from reporter.web.app import create_app
from reporter.web.storage import Store
from tests.conftest import run
from tests.web.conftest import PERIOD, TODAY, Server, with_cell

UNITS = ("东城街道", "西城街道", "南湖街道", "北山街道")


def all_versions(store: Store) -> dict[tuple[str, int], str]:
    """(unit code, number) -> sha256 of every version of the period, checked against its content."""
    found = {}
    codes = {row for row in store.link_generations()}
    for code in codes:
        for v in store.versions_of(PERIOD, code):
            assert hashlib.sha256(store.content(PERIOD, code, v.number) or b"").hexdigest() == v.sha256
            found[(code, v.number)] = v.sha256
    return found


def test_backup_during_uploads_restores_every_version_and_link(server: Server, tmp_path: Path):
    variants = {short: [with_cell(server.workbook(short), "工作指标", "D3", 1000 + n) for n in range(4)]
                for short in UNITS}
    for short in UNITS[:2]:
        assert server.upload(short, server.workbook(short)).get_json()["status"] == "accepted"
    before = all_versions(server.store)
    assert len(before) == 2

    started = threading.Event()
    answers: list[str] = []

    def keep_uploading() -> None:
        client = server.app.test_client()
        for n in range(4):
            for short in UNITS:
                answers.append(server.upload(short, variants[short][n], client=client).get_json()["status"])
                started.set()

    uploader = threading.Thread(target=keep_uploading)
    uploader.start()
    assert started.wait(60)
    archive = tmp_path / "备份.zip"
    made = run("backup", "-w", server.ws, archive)
    uploader.join(120)
    assert made.exit_code == 0, made.output
    assert answers and set(answers) == {"accepted"}

    restored = tmp_path / "restored"
    done = run("restore", archive, restored)
    assert done.exit_code == 0, done.output
    assert f"已恢复到：{restored}" in done.output

    store = Store.for_workspace(restored, must_exist=True)
    try:
        kept = all_versions(store)
        assert before.items() <= kept.items()  # everything filed before the backup began
        after = all_versions(server.store)
        assert kept.items() <= after.items()  # and nothing that differs from the original
        for short in UNITS:  # inputs/ holds each unit's newest version of the restored database
            code = next(u.code for u in server.app.extensions["reporter"].ws.campaign.units if u.short == short)
            newest = store.versions_of(PERIOD, code)
            if newest:
                filed = (restored / "inputs" / PERIOD / f"{short}.xlsx").read_bytes()
                assert filed == store.content(PERIOD, code, newest[0].number)
    finally:
        store.close()

    app = create_app(restored, today=lambda: TODAY)
    client = app.test_client()
    assert server.tokens  # every link of the original opens the same page on the restored workspace
    for short, token in server.tokens.items():
        path = f"/office/{token}" if short == "办公室" else f"/u/{token}"
        page = client.get(path)
        assert page.status_code == 200, short
        if short != "办公室":
            assert short in page.get_data(as_text=True)
    board = client.get(f"/office/{server.tokens['办公室']}", headers={"Accept": "application/json"}).get_json()
    versions = {u["short"]: u["version"] for u in board["units"]}
    assert versions["东城街道"] is not None and versions["西城街道"] is not None


def test_the_archive_holds_a_manifest_with_checksums(server: Server, tmp_path: Path):
    server.upload("东城街道", server.workbook("东城街道"))
    made = run("backup", "-w", server.ws)
    assert made.exit_code == 0, made.output
    written = list((server.ws / "备份").glob("工作目录备份-*.zip"))
    assert len(written) == 1 and written[0].stat().st_mode & 0o077 == 0  # it holds the secret key
    with zipfile.ZipFile(written[0]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["rows"]["versions"] == 1 and manifest["database"] == "sqlite"
        names = set(archive.namelist()) - {"manifest.json"}
        assert names == set(manifest["files"])
        for name in ("workspace/inputs/配置.toml", "workspace/.reporter/secret.key",
                     "workspace/.reporter/link-generations.json", f"workspace/inputs/{PERIOD}/东城街道.xlsx",
                     "database/versions.jsonl", "database/links.jsonl"):
            assert hashlib.sha256(archive.read(name)).hexdigest() == manifest["files"][name]["sha256"]
        assert any(n.startswith("workspace/templates/") for n in names)
        assert not any(n.startswith(("workspace/outputs/", "workspace/备份/")) for n in names)


def test_a_damaged_archive_and_a_used_folder_are_refused(server: Server, tmp_path: Path):
    archive = tmp_path / "备份.zip"
    assert run("backup", "-w", server.ws, archive).exit_code == 0
    used = tmp_path / "used"
    used.mkdir()
    (used / "x.txt").write_text("x")
    refused = run("restore", archive, used)
    assert refused.exit_code == 2 and "不是空文件夹" in refused.output

    damaged = tmp_path / "坏备份.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data + b"#" if info.filename == "database/links.jsonl" else data)
    broken = run("restore", damaged, tmp_path / "new")
    assert broken.exit_code == 1
    assert "database/links.jsonl 与清单中的校验值不符" in broken.output
