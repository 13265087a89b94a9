"""Issue 23, items 1 and 2: each attack on the upload route as the red team ran it.

Workbooks with live content are filed as values only (inputs/, the database, on SQLite and
PostgreSQL); a part nothing references is not stored; per-unit quotas refuse in Chinese (429);
the original upload is kept only when configured. Files named .xls are identified by content:
an .xlsx zip bomb meets the bomb checks and never LibreOffice, a flat ODS or HTML page is refused
unopened, and LibreOffice itself converts offline (a local listener hears nothing) in a bounded
pool that answers 503 when full.
"""

from __future__ import annotations

import gc
import io
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reporter.intake.clean_copy import live_content
from reporter.pipeline import submit
from reporter.intake.container import content_kind
from reporter.publish import convert
from reporter.publish import soffice as soffice_module
from reporter.web import quotas
from reporter.web.app import create_app
from reporter.web.originals import original
from reporter.web.storage import Store
from reporter.workspace import open_workspace
from tests.conftest import missing
from tests.intake import hostile_xlsx as hostile
from tests.publish.libreoffice_saved import saved_as
from tests.render.hostile_docx import recording_server
from tests.web.conftest import PERIOD, TODAY, Server, make_server, with_cell

# Werkzeug's test client spools a request body over 500 KB to a temporary file it never closes;
# collected after each test here, where its warning is ignored, not in a later test.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture(autouse=True)
def _collect_spooled_requests():
    yield
    gc.collect()


ATTACKS = {
    "dde": hostile.with_dde,
    "external-link": hostile.with_external_link,
    "formula-whose-result-lies": lambda data: hostile.with_formula(data, "1+1", "10"),
    "macros": hostile.with_macros,
    "unreferenced-9mb-part": hostile.with_unreferenced_part,
}


def configured(server: Server, table: str) -> Server:
    """``server`` rebuilt after ``table`` (TOML) is added to the workspace's 配置.toml."""
    config = server.ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    server.app = create_app(server.ws, store=server.store, today=lambda: TODAY)
    server.client = server.app.test_client()
    return server


def code_of(server: Server, short: str) -> str:
    return next(u.code for u in open_workspace(server.ws).campaign.units if u.short == short)


def assert_filed_values_only(server: Server, short: str, number: int) -> None:
    stored = server.store.content(PERIOD, code_of(server, short), number)
    assert stored is not None and stored == server.inputs(short).read_bytes()
    assert live_content(stored) == []
    assert len(stored) < 64 * 1024
    assert openpyxl.load_workbook(io.BytesIO(stored))["工作指标"]["D3"].value == 10


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_live_workbooks_are_filed_as_values_only_on_sqlite(server: Server, attack: str):
    sent = ATTACKS[attack](server.workbook("团区委"))
    body = server.upload("团区委", sent).get_json()
    assert body["status"] == "accepted", body
    assert_filed_values_only(server, "团区委", body["version"])


def test_live_workbooks_are_filed_as_values_only_on_postgres(postgres_url: str, tmp_path: Path):
    store = Store(postgres_url)
    try:
        server = make_server(tmp_path, store=store)
        data = server.workbook("团区委")
        for number, attack in enumerate(sorted(ATTACKS), start=1):
            sent = ATTACKS[attack](with_cell(data, "工作指标", "E4", attack))  # each a new version
            body = server.upload("团区委", sent).get_json()
            assert (body["status"], body["version"]) == ("accepted", number), body
            assert_filed_values_only(server, "团区委", number)
    finally:
        store.close()


def test_the_office_zip_carries_only_filed_copies(server: Server):
    server.upload("团区委", hostile.with_external_link(server.workbook("团区委")))
    office = server.tokens["办公室"]
    links = [rule.rule for rule in server.app.url_map.iter_rules() if "zip" in rule.rule]
    assert links, "the board offers every submission as a zip"
    response = server.client.get(links[0].replace("<token>", office))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        workbooks = [archive.read(n) for n in archive.namelist() if n.endswith(".xlsx")]
    assert workbooks
    for workbook in workbooks:
        assert live_content(workbook) == []


def test_versions_per_hour_are_bounded(server: Server):
    server = configured(server, "[intake]\nversions_per_hour = 2\n")
    data = server.workbook("团区委")
    for i in (1, 2):
        assert server.upload("团区委", with_cell(data, "工作指标", "E3", f"第{i}次")).get_json()["version"] == i
    response = server.upload("团区委", with_cell(data, "工作指标", "E3", "第3次"))
    assert response.status_code == 429
    assert "每小时 2 个的上限" in response.get_json()["problems"][0]["message"]
    page = server.upload("团区委", with_cell(data, "工作指标", "E3", "第4次"), json=False)
    assert page.status_code == 429 and "每小时 2 个的上限" in page.get_data(as_text=True)
    assert len(server.store.versions_of(PERIOD, code_of(server, "团区委"))) == 2
    assert server.upload("西城街道", server.workbook("西城街道")).status_code == 200  # other units unaffected


def test_bytes_per_period_are_bounded(server: Server, monkeypatch):
    monkeypatch.setattr(quotas, "MB", 20 * 1024)  # 1 "MB" of the quota: about one filed form
    server = configured(server, "[intake]\nperiod_mb = 1\n")
    data = server.workbook("团区委")
    assert server.upload("团区委", data).get_json()["version"] == 1
    assert server.upload("团区委", data).get_json()["version"] == 1  # a double submit costs nothing
    response = server.upload("团区委", with_cell(data, "工作指标", "E3", "更正"))
    assert response.status_code == 429
    assert "超过每期 1 MB 的上限" in response.get_json()["problems"][0]["message"]
    assert len(server.store.versions_of(PERIOD, code_of(server, "团区委"))) == 1


def test_the_original_upload_is_kept_only_when_configured(server: Server, tmp_path: Path):
    sent = hostile.with_macros(server.workbook("团区委"))
    assert server.upload("团区委", sent).get_json()["version"] == 1
    assert original(server.store, PERIOD, code_of(server, "团区委"), 1) is None
    server = configured(server, "[intake]\nkeep_originals = true\noriginal_max_mb = 1\n")
    changed = with_cell(sent, "工作指标", "E3", "更正")
    assert server.upload("团区委", changed).get_json()["version"] == 2
    assert original(server.store, PERIOD, code_of(server, "团区委"), 2) == changed  # as it came
    assert live_content(server.inputs("团区委").read_bytes()) == []  # inputs/ never holds it
    big = hostile.with_unreferenced_part(with_cell(sent, "工作指标", "E3", "再更正"), size=2 * 1024 * 1024)
    assert server.upload("团区委", big).get_json()["version"] == 3
    assert original(server.store, PERIOD, code_of(server, "团区委"), 3) is None  # over original_max_mb


# --- named .xls: identified by content ------------------------------------------------------------


def no_conversion(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("LibreOffice must not be started for this upload")
    monkeypatch.setattr(submit.POOL, "convert", refuse)


def test_an_xlsx_zip_bomb_named_xls_meets_the_bomb_checks(server: Server, monkeypatch):
    no_conversion(monkeypatch)
    files = hostile.parts(server.workbook("团区委"))
    files["xl/media/bomb.bin"] = b"\x00" * (200 * 1024 * 1024)
    bomb = hostile.package(files)
    assert len(bomb) < 1024 * 1024
    body = server.upload("团区委", bomb, name="团区委.xls").get_json()
    assert body["status"] == "rejected" and "解压后达" in body["problems"][0]["message"]
    assert not server.inputs("团区委").exists()


def test_an_xlsx_named_xls_or_et_is_read_without_conversion(server: Server, monkeypatch):
    no_conversion(monkeypatch)
    for name in ("团区委.xls", "团区委.et"):
        body = server.upload("团区委", hostile.with_dde(server.workbook("团区委")), name=name).get_json()
        assert (body["status"], body["converted"]) == ("accepted", False), body
    assert live_content(server.inputs("团区委").read_bytes()) == []


def flat_ods(base: str) -> bytes:
    """A flat OpenDocument spreadsheet with a picture loaded from ``base`` when the document is
    opened (LibreOffice with a bare profile fetches it three times per conversion, as the red team
    saw) and a sheet linked to a file there; the slow-host attack when ``base`` never answers."""
    return (f'<?xml version="1.0"?><office:document {ODF_NAMESPACES} office:version="1.2" '
            'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
            '<table:table table:name="S"><table:shapes><draw:frame svg:width="2cm" svg:height="2cm" svg:x="0cm" '
            f'svg:y="0cm"><draw:image xlink:href="{base}/shape.png" xlink:type="simple" xlink:show="embed" '
            'xlink:actuate="onLoad"/></draw:frame></table:shapes><table:table-row>'
            '<table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>'
            '</table:table-row></table:table><table:table table:name="L">'
            f'<table:table-source xlink:href="{base}/link.ods" xlink:type="simple" table:mode="copy-results-only" '
            'table:table-name="S"/><table:table-row><table:table-cell/></table:table-row></table:table>'
            '</office:spreadsheet></office:body></office:document>').encode()


ODF_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
                  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
                  'xmlns:xlink="http://www.w3.org/1999/xlink"')


def test_a_flat_ods_or_html_named_xls_is_refused_unopened(server: Server, monkeypatch):
    no_conversion(monkeypatch)
    with recording_server() as (base, requests):
        for data in (flat_ods(base), f'<html><img src="{base}/x.png"><table><tr><td>1</td></tr></table>'.encode()):
            body = server.upload("团区委", data, name="团区委.xls").get_json()
            assert body["status"] == "rejected"
            assert "不是 Excel 或 WPS 表格" in body["problems"][0]["message"]
    assert requests == []


@pytest.mark.libreoffice
def test_libreoffice_converts_offline(soffice: str, tmp_path: Path):
    """LibreOffice given a flat ODS and an HTML table that fetch from a local listener (the
    profile settings alone let some of these through when networking is possible)."""
    if not soffice_module.network_isolation():
        missing("REPORTER_REQUIRE_SYSTEM", "this system cannot make a network namespace (unshare --net)")
    with recording_server() as (base, requests):
        for i, data in enumerate([flat_ods(base), f'<html><body><img src="{base}/h.png"><table><tr><td>7</td>'
                                                  f'<td><a href="{base}/a">a</a></td></tr></table></body></html>'
                                  .encode()]):
            source = tmp_path / f"in{i}" / "upload.xls"
            source.parent.mkdir()
            source.write_bytes(data)
            convert.convert_to_xlsx(source, tmp_path / f"conversion{i}")
    assert requests == []


@pytest.mark.libreoffice
def test_without_isolation_the_listener_would_hear(soffice: str, tmp_path: Path, monkeypatch):
    """The control of the test above: a bare profile and no namespace do fetch."""
    monkeypatch.setattr(soffice_module, "write_profile", lambda folder: (folder / "user").mkdir(parents=True))
    monkeypatch.setattr(soffice_module, "network_isolation", lambda: ())
    with recording_server() as (base, requests):
        source = tmp_path / "upload.xls"
        source.write_bytes(flat_ods(base))
        convert.convert_to_xlsx(source, tmp_path / "conversion")
    assert "/shape.png" in requests


@pytest.mark.libreoffice
def test_a_real_xls_is_converted_with_its_memory_capped(server: Server, soffice: str, tmp_path: Path):
    data = saved_as(soffice, server.returned / "团区委.xlsx", "xls", tmp_path).read_bytes()
    assert content_kind(data) == "biff"
    body = server.upload("团区委", data, name="团区委.et").get_json()
    assert (body["status"], body["converted"]) == ("accepted", True), body
    assert live_content(server.inputs("团区委").read_bytes()) == []
    starved = tmp_path / "starved"
    starved.mkdir()
    (starved / "upload.xls").write_bytes(data)
    # 128 MB is below what LibreOffice needs to start: it gives up, and nothing is written.
    assert convert.convert_to_xlsx(starved / "upload.xls", starved / "c", memory_bytes=128 * 1024 * 1024) is None


def test_a_full_conversion_pool_answers_busy_at_once(server: Server, monkeypatch):
    pool = convert.ConversionPool(slots=1, wait=0.05)
    monkeypatch.setattr(submit, "POOL", pool)
    biff = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 100
    taken = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with pool._free:  # a conversion in progress
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(5)
        response = server.upload("团区委", biff, name="团区委.xls")
        assert response.status_code == 503
        assert "服务器正忙，请稍后再试" in response.get_json()["problems"][0]["message"]
    finally:
        release.set()
        holder.join(10)
    assert not server.inputs("团区委").exists()


@pytest.mark.libreoffice
def test_the_network_namespace_alone_stops_the_fetch(soffice: str, tmp_path: Path, monkeypatch):
    """With a bare profile (none of its no-fetch settings) but in its own network namespace,
    LibreOffice reaches nothing: networking is impossible, not merely switched off."""
    if not soffice_module.network_isolation():
        missing("REPORTER_REQUIRE_SYSTEM", "this system cannot make a network namespace (unshare --net)")
    monkeypatch.setattr(soffice_module, "write_profile", lambda folder: (folder / "user").mkdir(parents=True))
    with recording_server() as (base, requests):
        source = tmp_path / "upload.xls"
        source.write_bytes(flat_ods(base))
        assert convert.convert_to_xlsx(source, tmp_path / "conversion") is not None
    assert requests == []
