"""Filling the form in the browser: a page from the unit's indicators, sections and tasks,
each figure checked as typed with the words of reporter check, and a submission that reads
back exactly as the same figures typed into the form in Excel."""

from __future__ import annotations

from reporter.workspace import open_workspace
from tests.web.conftest import Server, content, form_of, submission


def test_page_lists_the_units_indicators_sections_and_tasks(server: Server):
    page = server.client.get(f"/u/{server.tokens['区城管局']}/fill").get_data(as_text=True)
    campaign = open_workspace(server.ws).campaign
    unit = next(u for u in campaign.units if u.short == "区城管局")
    indicators = campaign.indicators_for(unit)
    assert indicators
    for indicator in indicators:
        assert f'name="value-{indicator.code}"' in page and indicator.name in page
    assert all(section.title in page for section in campaign.sections)
    assert "任务进展" in page and 'name="task-state-' in page


def test_figure_checked_as_typed_in_the_words_of_check(server: Server):
    token = server.tokens["东城街道"]
    campaign = open_workspace(server.ws).campaign
    indicator = campaign.indicators_for(campaign.units[0])[0]
    url = f"/u/{token}/check-figure"
    headers = {"X-CSRF-Token": server.csrf("东城街道")}
    bad = server.client.post(url, data={"code": indicator.code, "value": "两千"}, headers=headers).get_json()
    assert bad["message"] == f"{indicator.name}：“两千” 不是数字，请填写阿拉伯数字（如 2000）"
    good = server.client.post(url, data={"code": indicator.code, "value": "2000"}, headers=headers).get_json()
    assert good["message"] is None
    assert server.client.post(url, data={"code": indicator.code, "value": "两千"}).status_code == 403


def test_browser_submission_reads_back_as_the_filled_form(server: Server):
    for short in ("区市场监管局", "东城街道"):
        returned = submission(server, server.returned / f"{short}.xlsx")
        form = form_of(server, returned)
        form["csrf_token"] = server.csrf(short)
        response = server.client.post(f"/u/{server.tokens[short]}/fill", data=form, headers={"Accept": "application/json"})
        assert response.get_json()["status"] == "accepted", response.get_json()
        assert content(submission(server, server.inputs(short))) == content(returned)
        versions = server.store.versions_of("2018-11", returned.unit_code)
        assert "（网页填报）" in versions[0].submitted_by


def test_browser_submission_with_a_bad_figure_is_refused_with_its_cell(server: Server):
    returned = submission(server, server.returned / "东城街道.xlsx")
    form = form_of(server, returned)
    form["csrf_token"] = server.csrf("东城街道")
    form[f"value-{returned.values[0].indicator_code}"] = "两千"
    response = server.client.post(f"/u/{server.tokens['东城街道']}/fill", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "工作指标!D3" in page and "“两千” 不是数字" in page
    assert 'value="两千"' in page  # what was typed stays in the page to correct
    assert not server.inputs("东城街道").exists()
