"""The office board: states, counts, overdue units, the zip of submissions, background check
and report with progress; and the request log, which never holds a token."""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
import zipfile
from urllib.parse import unquote

from tests.conftest import run
from tests.intake.hostile_xlsx import filed_bytes
from tests.web.conftest import PERIOD, Server, make_server, with_cell


def board(server: Server, json: bool = False):
    headers = {"Accept": "application/json"} if json else {}
    return server.client.get(f"/office/{server.tokens['办公室']}", headers=headers)


def test_states_counts_versions(server: Server):
    server.upload("东城街道", server.workbook("东城街道"))
    server.upload("西城街道", with_cell(server.workbook("西城街道"), "工作指标", "D3", "两千"))
    body = board(server, json=True).get_json()
    units = {u["short"]: u for u in body["units"]}
    assert units["东城街道"]["state"] == "已报送" and units["东城街道"]["version"] == 1
    assert units["西城街道"]["state"] == "有误待改" and units["西城街道"]["version"] is None
    assert units["南湖街道"]["state"] == "未报"
    assert body["counts"] == {"已报送": 1, "已报送（文件）": 0, "有误待改": 1, "未报": len(units) - 2}
    assert body["days_left"] == 2 and not any(u["overdue"] for u in units.values())
    page = board(server).get_data(as_text=True)
    assert "已报送 <b class=\"state-已报送\">1</b>" in page
    assert "最近一次上传有 1 处问题" in page
    assert "还剩2天" in page


def test_overdue_units_are_highlighted(tmp_path):
    late = make_server(tmp_path, today=dt.date(2018, 11, 23))
    late.upload("东城街道", late.workbook("东城街道"))
    body = board(late, json=True).get_json()
    overdue = {u["short"] for u in body["units"] if u["overdue"]}
    assert "东城街道" not in overdue and "西城街道" in overdue
    page = board(late).get_data(as_text=True)
    assert "已逾期3天" in page and 'class="state-row-未报 overdue"' in page


def test_zip_of_all_submissions(server: Server):
    server.upload("东城街道", server.workbook("东城街道"))
    server.upload("团区委", server.workbook("团区委"))
    response = server.client.get(f"/office/{server.tokens['办公室']}/submissions.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == sorted([f"{PERIOD}/东城街道.xlsx", f"{PERIOD}/团区委.xlsx"])
    assert archive.read(f"{PERIOD}/团区委.xlsx") == filed_bytes(server.workbook("团区委"))  # the filed copy


def run_job(server: Server, kind: str, **form: str) -> dict:
    token = server.tokens["办公室"]
    started = server.client.post(f"/office/{token}/jobs/{kind}", data={"csrf_token": server.csrf("办公室"), **form},
                                 headers={"Accept": "application/json"})
    assert started.status_code == 202
    for _ in range(600):
        view = server.client.get(started.get_json()["status_url"]).get_json()
        if view["state"] != "running":
            return view
        time.sleep(0.1)
    raise AssertionError("job did not finish")


def test_check_job_reports_progress_and_its_result(server: Server):
    server.upload("东城街道", server.workbook("东城街道"))
    view = run_job(server, "check")
    assert view["state"] == "done" and view["total"] >= 1 and view["done"] == view["total"]
    assert any("未报" in line for line in view["lines"])
    text = server.client.get(view["result_url"]).get_data(as_text=True)
    assert "共检查" in text and "西城街道" in text


def test_report_job_refuses_while_units_are_missing_then_drafts(server: Server):
    server.upload("东城街道", server.workbook("东城街道"))
    refused = run_job(server, "report")
    assert refused["state"] == "failed" and refused["lines"]
    draft = run_job(server, "report", allow_missing="1")
    assert draft["state"] == "done", draft["lines"]
    download = server.client.get(draft["result_url"])
    names = zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    assert sorted(names) == ["工作情况汇报（草稿）-数据来源.xlsx", "工作情况汇报（草稿）.docx"]
    assert "工作情况汇报（草稿）.zip" in unquote(download.headers["Content-Disposition"])
    assert any(line.startswith("校对：outputs/工作情况汇报（草稿）.docx: ") for line in draft["lines"])
    assert not (server.ws / "outputs" / "工作情况汇报.docx").exists()  # the final report is never a draft


def test_remind_job_chases_missing_units_and_refused_uploads(server: Server):
    server.upload("东城街道", server.workbook("东城街道"))
    server.upload("西城街道", with_cell(server.workbook("西城街道"), "工作指标", "D3", "两千"))
    view = run_job(server, "remind")
    assert view["state"] == "done", view["lines"]
    archive = zipfile.ZipFile(io.BytesIO(server.client.get(view["result_url"]).data))
    assert sorted(archive.namelist()) == ["催报文字.txt", "催报通知.docx"]
    text = archive.read("催报文字.txt").decode("utf-8")
    # The refused upload is chased for correction, not as not reported; the clean one not at all.
    assert "报送有误、待修改（1个）：西城街道（1处问题，钱伟 0416-2110002）" in text
    missing = next(line for line in text.splitlines() if line.startswith("未报送"))
    assert "西城街道" not in missing and "东城街道" not in missing and "南湖街道" in missing
    assert text.strip() in "\n".join(view["lines"])
    page = board(server).get_data(as_text=True)
    assert "生成催报通知" in page


def test_jobs_need_the_office_link_and_csrf(server: Server):
    token = server.tokens["办公室"]
    assert server.client.post(f"/office/{token}/jobs/check").status_code == 403
    assert server.client.post(f"/office/{server.tokens['东城街道']}/jobs/check",
                              data={"csrf_token": server.csrf("东城街道")}).status_code == 404
    assert server.client.post(f"/office/{token}/jobs/format-disk",
                              data={"csrf_token": server.csrf("办公室")}).status_code == 404
    assert server.client.get(f"/office/{token}/jobs/0-none").status_code == 404


def test_request_log_holds_no_token(server: Server, caplog):
    with caplog.at_level(logging.INFO, logger="reporter.web"):
        server.client.get(f"/u/{server.tokens['东城街道']}")
        server.upload("东城街道", server.workbook("东城街道"))
        board(server)
        server.client.get("/u/wrong-token-value")
    text = caplog.text
    assert "/u/<token>/upload 200" in text and "/office/<token> 200" in text and "/u/<token> 404" in text
    assert server.tokens
    for token in server.tokens.values():
        assert token not in text
    assert "wrong-token-value" not in text


def test_reporter_remind_on_the_command_line_knows_refused_uploads(server: Server):
    server.upload("西城街道", with_cell(server.workbook("西城街道"), "工作指标", "D3", "两千"))
    result = run("remind", "-w", server.ws, "--date", "2018-11-21")
    assert result.exit_code == 0, result.output
    assert "报送有误、待修改（1个）：西城街道（1处问题，钱伟 0416-2110002）" in result.output
