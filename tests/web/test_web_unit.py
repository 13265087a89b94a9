"""A unit's link: its page, its form, the upload checked as reporter check checks it, the JSON
contract, versions kept, the atomic write into inputs/, and every refusal."""

from __future__ import annotations

import hashlib
import io
import zipfile

import openpyxl

from reporter.intake.unit_form import read_submission
from reporter.model import Source
from reporter.workspace import open_workspace
from tests.conftest import snapshot
from tests.intake.hostile_xlsx import filed_bytes
from tests.web.conftest import PERIOD, Server, make_server, with_cell


def test_unit_page_shows_name_period_deadline_and_days_left(server: Server):
    page = server.client.get(f"/u/{server.tokens['东城街道']}").get_data(as_text=True)
    assert open_workspace(server.ws).campaign.units[0].name in page
    assert "2018年11月" in page
    assert "2018年11月20日（还剩2天）" in page
    assert "未报" in page
    assert f'value="{server.csrf("东城街道")}"' in page


def test_unit_page_as_json(server: Server):
    body = server.client.get(f"/u/{server.tokens['东城街道']}", headers={"Accept": "application/json"}).get_json()
    assert body["short"] == "东城街道"
    assert (body["period"], body["deadline"], body["days_left"], body["state"]) == (PERIOD, "2018-11-20", 2, "未报")
    assert body["csrf_token"] == server.csrf("东城街道")


def test_form_download_is_the_units_own_form(server: Server, tmp_path):
    response = server.client.get(f"/u/{server.tokens['西城街道']}/form")
    assert response.status_code == 200
    assert "filename*=UTF-8''%E8%A5%BF%E5%9F%8E%E8%A1%97%E9%81%93.xlsx" in response.headers["Content-Disposition"]
    path = tmp_path / "form.xlsx"
    path.write_bytes(response.data)
    found = read_submission(Source(path, "form.xlsx"), open_workspace(server.ws).campaign)
    assert found.unit_code == open_workspace(server.ws).campaign.units[1].code
    assert any("未填写" in p.message for p in found.problems)  # blank, as handed out


def test_wrong_or_foreign_tokens_get_404_and_reveal_nothing(server: Server):
    office = server.tokens["办公室"]
    for path in ("/u/not-a-token", f"/u/{office}", f"/u/{server.tokens['东城街道']}x",
                 f"/office/{server.tokens['东城街道']}", "/office/nothing"):
        response = server.client.get(path)
        assert response.status_code == 404, path
        text = response.get_data(as_text=True)
        assert "链接无效" in text
        assert "东城街道" not in text and "2018" not in text


def test_clean_upload_is_accepted_stored_and_written(server: Server):
    data = server.workbook("东城街道")
    response = server.upload("东城街道", data)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "accepted" and body["problems"] == [] and body["version"] == 1
    filed = filed_bytes(data)  # values only, nothing live: what reporter read, not the upload's bytes
    assert body["sha256"] == hashlib.sha256(filed).hexdigest()
    assert server.inputs("东城街道").read_bytes() == filed
    assert [p.name for p in (server.ws / "inputs" / PERIOD).iterdir()] == ["东城街道.xlsx"]
    code = open_workspace(server.ws).campaign.units[0].code
    version = server.store.versions_of(PERIOD, code)[0]
    assert (version.number, version.sha256, version.size) == (1, body["sha256"], len(filed))
    assert "（上传）" in version.submitted_by


def test_double_submit_keeps_one_version_and_a_change_makes_another(server: Server):
    data = server.workbook("东城街道")
    assert server.upload("东城街道", data).get_json()["version"] == 1
    assert server.upload("东城街道", data).get_json()["version"] == 1
    changed = with_cell(data, "工作指标", "E3", "核对后更正")
    assert server.upload("东城街道", changed).get_json()["version"] == 2
    code = open_workspace(server.ws).campaign.units[0].code
    assert [v.number for v in server.store.versions_of(PERIOD, code)] == [2, 1]
    assert server.store.content(PERIOD, code, 1) == filed_bytes(data)
    assert server.store.content(PERIOD, code, 2) == filed_bytes(changed)
    assert server.inputs("东城街道").read_bytes() == filed_bytes(changed)


def test_broken_upload_lists_cells_and_stores_nothing(server: Server):
    broken = with_cell(server.workbook("南湖街道"), "工作指标", "D3", "两千")
    response = server.upload("南湖街道", broken)
    assert response.status_code == 422
    body = response.get_json()
    assert body["status"] == "rejected"
    assert body["problems"][0]["sheet"] == "工作指标" and body["problems"][0]["cell"] == "D3"
    assert "“两千” 不是数字" in body["problems"][0]["message"]
    assert not server.inputs("南湖街道").exists()
    page = server.upload("南湖街道", broken, json=False).get_data(as_text=True)
    assert "工作指标!D3" in page and "“两千” 不是数字" in page and "未保存" in page


def test_a_broken_upload_never_replaces_a_clean_one(server: Server):
    data = server.workbook("南湖街道")
    server.upload("南湖街道", data)
    server.upload("南湖街道", with_cell(data, "工作指标", "D3", -5))
    assert server.inputs("南湖街道").read_bytes() == filed_bytes(data)


def test_another_units_workbook_is_refused(server: Server):
    body = server.upload("东城街道", server.workbook("西城街道")).get_json()
    assert body["status"] == "rejected"
    assert "这是西城街道的填报表，不是东城街道的" in body["problems"][0]["message"]
    assert not any((server.ws / "inputs" / PERIOD).iterdir())


def test_not_a_workbook(server: Server):
    for data, name in ((b"hello", "说明.txt"), (b"not a zip at all", "表.xlsx"), (b"%PDF-1.4", "表.pdf"), (b"", "表.xlsx")):
        body = server.upload("东城街道", data, name=name).get_json()
        assert body["status"] == "rejected", name
        assert "请" in body["problems"][0]["message"]
    assert not any((server.ws / "inputs" / PERIOD).iterdir())


def test_zip_bomb_is_refused_unopened(server: Server):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    body = server.upload("东城街道", buffer.getvalue()).get_json()
    assert body["status"] == "rejected"
    assert body["problems"][0]["cell"] is None
    assert not any((server.ws / "inputs" / PERIOD).iterdir())


def test_oversized_upload_gets_413_in_chinese(tmp_path):
    small = make_server(tmp_path, max_upload=64 * 1024)
    response = small.upload("东城街道", b"0" * (128 * 1024))
    assert response.status_code == 413
    assert "过大" in response.get_json()["message"]
    page = small.upload("东城街道", b"0" * (128 * 1024), json=False)
    assert page.status_code == 413 and "文件过大" in page.get_data(as_text=True)


def test_missing_or_wrong_csrf_is_refused(server: Server):
    data = server.workbook("东城街道")
    assert server.upload("东城街道", data, csrf="").status_code == 403
    assert server.upload("东城街道", data, csrf=server.csrf("西城街道")).status_code == 403
    response = server.upload("东城街道", data, csrf="", json=False)
    assert "防伪校验" in response.get_data(as_text=True)
    assert not any((server.ws / "inputs" / PERIOD).iterdir())


def test_a_units_csrf_value_does_not_open_another_unit(server: Server):
    """Another unit's token on a submission URL is refused, whatever form value it sends."""
    data = server.workbook("东城街道")
    response = server.upload("东城街道", data, token=server.tokens["西城街道"])
    assert response.status_code == 403
    assert not any((server.ws / "inputs" / PERIOD).iterdir())


def test_client_file_name_never_becomes_a_path(server: Server):
    before = snapshot(server.ws)
    body = server.upload("东城街道", server.workbook("东城街道"), name="../../配置.toml/../x.xlsx").get_json()
    assert body["status"] == "accepted"
    after = snapshot(server.ws)
    changed = {name for name in after if before.get(name) != after[name]}
    assert {n for n in changed if not n.startswith(".reporter/")} == {f"inputs/{PERIOD}/东城街道.xlsx"}


def test_renewed_token_stops_working(server: Server):
    from reporter.web.links import build_links
    old = server.tokens["东城街道"]
    build_links(server.ws, renew=True, store=server.store)
    assert server.client.get(f"/u/{old}").status_code == 404


def test_written_file_reads_back_as_the_units_submission(server: Server):
    server.upload("北山街道", server.workbook("北山街道"))
    campaign = open_workspace(server.ws).campaign
    found = read_submission(Source(server.inputs("北山街道"), "x"), campaign)
    assert found.ok and found.unit_code == campaign.units[3].code
    assert openpyxl.load_workbook(server.inputs("北山街道")).sheetnames
