"""What a unit sees after reporting and when correcting (issue 22, items 2–4 and 6 on the web):
the receipt of every version, the web form opened with the current version and last month's
figures, the current version to download, and a period the office closed refusing submissions."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl

from reporter.intake.unit_form import read_submission
from reporter.model import Source
from reporter.pipeline.check import load_tasks
from reporter.pipeline.receipt import figure_text
from reporter.web import storage
from reporter.workspace import open_workspace
from reporter.workspace.periods import campaign_for
from tests.web.conftest import PERIOD, Server, content, form_of, submission, with_cell


def test_an_accepted_upload_answers_with_its_receipt_and_every_version_keeps_one(server: Server):
    short = "区市场监管局"  # figures, work notes and tasks
    returned = submission(server, server.returned / f"{short}.xlsx")
    campaign = open_workspace(server.ws).campaign
    indicators = {i.code: i for i in campaign.indicators}
    response = server.upload(short, server.workbook(short), json=False)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "报送回执" in page and "第 1 版（当前版本）" in page
    assert returned.values, "the example's workbook has figures"
    for value in returned.values:
        indicator = indicators[value.indicator_code]
        assert f"{figure_text(value.value)} {indicator.measure}" in page and indicator.name in page
    assert returned.notes and all(note.text in page for note in returned.notes)
    assert returned.progress and all(p.state in page for p in returned.progress)

    again = server.upload(short, with_cell(server.workbook(short), "工作指标", "D3", 4321)).get_json()
    token = server.tokens[short]
    assert again["version"] == 2 and again["receipt_url"] == f"/u/{token}/receipt?version=2"
    first = server.client.get(f"/u/{token}/receipt?version=1").get_data(as_text=True)
    assert "已被第 2 版替代" in first and "4321" not in first
    assert f"4321 {campaign.indicators_for(campaign.unit(returned.unit_code))[0].measure}" in \
        server.client.get(again["receipt_url"]).get_data(as_text=True)
    assert server.client.get(f"/u/{token}/receipt?version=9").status_code == 404

    unit_page = server.client.get(f"/u/{token}").get_data(as_text=True)
    assert f"/u/{token}/receipt?version=1" in unit_page and f"/u/{token}/receipt?version=2" in unit_page
    assert "下载当前版本" in unit_page
    current = server.client.get(f"/u/{token}/version.xlsx")
    assert current.data == server.store.content(PERIOD, returned.unit_code, 2)
    assert "%EF%BC%88%E7%AC%AC2%E7%89%88%EF%BC%89.xlsx" in current.headers["Content-Disposition"]  # （第2版）


def test_the_web_form_opens_with_the_current_version_and_last_months_figures(server: Server):
    short = "区市场监管局"
    token = server.tokens[short]
    returned = submission(server, server.returned / f"{short}.xlsx")
    assert returned.values
    ws = open_workspace(server.ws)
    october = campaign_for(ws.campaign, "2018-10")
    found = read_submission(Source(server.ws / "inputs" / "2018-10" / f"{short}.xlsx", "x"), october,
                            tuple(load_tasks(ws, october)))
    assert found.ok and found.value is not None
    last_month = found.value
    empty = server.client.get(f"/u/{token}/fill").get_data(as_text=True)
    assert "上期：" in empty and last_month.values
    for value in last_month.values:
        assert f'id="previous-{value.indicator_code}">上期：{figure_text(value.value)}' in empty
    assert "当前的第" not in empty

    server.upload(short, server.workbook(short))
    page = server.client.get(f"/u/{token}/fill").get_data(as_text=True)
    assert "当前的第 1 版报送内容" in page
    for value in returned.values:
        assert f'name="value-{value.indicator_code}" data-code="{value.indicator_code}"' in page
        assert f'value="{figure_text(value.value)}"' in page
    assert all(note.text in page for note in returned.notes)
    assert all(f'<option selected>{p.state}</option>' in page for p in returned.progress)

    form = form_of(server, returned)
    form["csrf_token"] = server.csrf(short)
    changed = returned.values[0].indicator_code
    form[f"value-{changed}"] = "9876"
    answer = server.client.post(f"/u/{token}/fill", data=form)
    assert answer.status_code == 200 and "第 2 版（当前版本）" in answer.get_data(as_text=True)
    corrected = submission(server, server.inputs(short))
    assert [(v.indicator_code, v.value) for v in corrected.values if v.indicator_code == changed] == [(changed, 9876)]
    assert content(corrected)[5:] == content(returned)[5:]  # notes and tasks as they were


def test_the_office_closes_and_reopens_the_period(server: Server):
    office = server.tokens["办公室"]
    assert server.client.post(f"/office/{office}/close").status_code == 403  # without its anti-forgery value
    closed = server.client.post(f"/office/{office}/close", data={"csrf_token": server.csrf("办公室")})
    assert closed.status_code == 303
    assert (server.ws / "inputs" / PERIOD / ".closed").is_file()
    board = server.client.get(f"/office/{office}").get_data(as_text=True)
    assert "本期报送已截止" in board and "重新开放本期" in board

    refused = server.upload("东城街道", server.workbook("东城街道"))
    assert refused.status_code == 409
    assert "报送已由办公室截止" in refused.get_json()["problems"][0]["message"]
    form = form_of(server, submission(server, server.returned / "东城街道.xlsx"))
    form["csrf_token"] = server.csrf("东城街道")
    web = server.client.post(f"/u/{server.tokens['东城街道']}/fill", data=form)
    assert web.status_code == 409 and "报送已由办公室截止" in web.get_data(as_text=True)
    assert "本期报送已由办公室截止" in server.client.get(f"/u/{server.tokens['东城街道']}").get_data(as_text=True)
    assert not server.inputs("东城街道").exists()

    server.client.post(f"/office/{office}/reopen", data={"csrf_token": server.csrf("办公室")})
    assert server.upload("东城街道", server.workbook("东城街道")).get_json()["status"] == "accepted"


def test_the_board_puts_who_to_chase_first_and_hands_out_files(server: Server, monkeypatch):
    monkeypatch.setattr(storage, "now", lambda: dt.datetime(2018, 11, 22, 9, 30))  # two days late
    server.upload("东城街道", server.workbook("东城街道"))
    server.upload("西城街道", with_cell(server.workbook("西城街道"), "工作指标", "D3", "两千"))
    office = server.tokens["办公室"]
    campaign = open_workspace(server.ws).campaign
    page = server.client.get(f"/office/{office}").get_data(as_text=True)
    order = [u.short for u in campaign.units]
    rows = [line.split('data-unit="', 1)[1].split('"', 1)[0] for line in page.splitlines() if 'data-unit="' in line]
    assert sorted(rows) == sorted(order)
    assert rows[-1] == "东城街道" and rows[-2] == "西城街道"  # 未报 first, then 有误待改, then 已报送
    assert "逾期报送（2018年11月22日报送，逾期2天）" in page
    assert "赵丽 0416-2110001" in page  # each unit's contact

    reminder = page.split('id="reminder-text"', 1)[1].split("</textarea>", 1)[0]
    assert "西城街道（1处问题" in reminder and "东城街道" not in reminder
    assert "inputs/" not in reminder and ".xlsx" not in reminder

    to_fix = server.client.get(f"/office/{office}?state=有误待改").get_data(as_text=True)
    assert [line for line in to_fix.splitlines() if 'data-unit="' in line] == \
        [line for line in to_fix.splitlines() if 'data-unit="西城街道"' in line]
    departments = server.client.get(f"/office/{office}?kind=部门").get_data(as_text=True)
    assert 'data-unit="区城管局"' in departments and 'data-unit="东城街道"' not in departments

    single = server.client.get(f"/office/{office}/workbook.xlsx")
    assert single.data[:2] == b"PK" and "filename*=UTF-8''%E4%B8%9C%E5%9F%8E%E8%A1%97%E9%81%93.xlsx" in \
        single.headers["Content-Disposition"]  # 东城街道.xlsx, not a zip
    assert 'href="/office/' + office + '/workbook.xlsx"' in page

    book = openpyxl.load_workbook(io.BytesIO(server.client.get(f"/office/{office}/summary.xlsx").data))
    sheet = book["汇总表"]
    units = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert units == order  # one row per unit
    header = [cell.value for cell in sheet[2]]
    east = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "东城街道")
    returned = submission(server, server.returned / "东城街道.xlsx")
    names = {i.code: f"{i.name}（{i.measure}）" for i in campaign.indicators}
    assert returned.values
    for value in returned.values:
        assert Decimal(str(east[header.index(names[value.indicator_code])])) == value.value
    assert east[1] == "已报送"
    west = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "西城街道")
    assert west[1] == "有误待改" and all(cell is None for cell in west[2:])
    sources = [row for row in book["数据来源"].iter_rows(min_row=2, values_only=True)]
    assert sources and all(row[3].startswith("inputs/2018-11/东城街道.xlsx") for row in sources)
