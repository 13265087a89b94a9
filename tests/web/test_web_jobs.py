"""Background jobs as rows of the database: seen by any server process on the same database, run
by a bounded pool, their errors logged with the traceback, expired after a while, and shown as
interrupted when the process running them is gone."""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
import time
import zipfile
from pathlib import Path

import pytest

from reporter.web.app import create_app
from reporter.web.jobrows import RUNNING
from reporter.web.jobs import INTERRUPTED, STALE_AFTER, Job, Jobs, JobsBusy
from reporter.web.storage import Store, now
from tests.web.conftest import TODAY, Server


def wait_finished(jobs: Jobs, job_id: str) -> dict:
    for _ in range(600):
        found = jobs.get(job_id)
        assert found is not None
        if found.view()["state"] != "running":
            return found.view()
        time.sleep(0.05)
    raise AssertionError("job did not finish")


@pytest.fixture
def store(tmp_path: Path):
    made = Store(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    yield made
    made.close()


def test_a_job_started_through_one_app_is_answered_by_another(server: Server):
    other = create_app(server.ws, today=lambda: TODAY).test_client()  # a second process's app: the same database
    office = server.tokens["办公室"]
    server.upload("东城街道", server.workbook("东城街道"))
    started = server.client.post(f"/office/{office}/jobs/report", data={"csrf_token": server.csrf("办公室"),
                                                                         "allow_missing": "1"},
                                 headers={"Accept": "application/json"})
    assert started.status_code == 202
    status_url = started.get_json()["status_url"]
    for _ in range(1200):
        view = other.get(status_url).get_json()
        if view["state"] != "running":
            break
        time.sleep(0.1)
    assert view["state"] == "done", view["lines"]
    assert view["done"] == view["total"] and view["total"] >= 1
    result = other.get(view["result_url"])
    assert result.status_code == 200
    assert sorted(zipfile.ZipFile(io.BytesIO(result.data)).namelist()) == [
        "工作情况汇报（草稿）-数据来源.xlsx", "工作情况汇报（草稿）.docx"]
    kept = list((server.ws / ".reporter" / "jobs").glob("*/工作情况汇报（草稿）.zip"))
    assert len(kept) == 1 and kept[0].read_bytes() == result.data  # the result is a file under the workspace


def test_the_pool_is_bounded_and_says_so(store: Store, tmp_path: Path):
    jobs = Jobs(store, tmp_path, workers=1)
    release = threading.Event()

    def blocked(job: Job):
        release.wait(60)
        return ["完成"], "结果.txt", b"ok"

    first, second = jobs.start("一", blocked), jobs.start("二", blocked)
    with pytest.raises(JobsBusy) as busy:
        jobs.start("三", blocked)
    assert "后台任务已满" in busy.value.lines()[0]
    release.set()
    assert wait_finished(jobs, first.id)["state"] == "done"
    assert wait_finished(jobs, second.id)["state"] == "done"
    third = jobs.start("三", blocked)  # room again
    assert wait_finished(jobs, third.id)["result"] == "结果.txt"
    assert jobs.get(third.id).result == b"ok"
    jobs.close()


def test_an_unexpected_error_is_logged_with_its_traceback(store: Store, tmp_path: Path):
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("reporter.web")
    logger.addHandler(handler)
    try:
        jobs = Jobs(store, tmp_path)

        def broken(job: Job):
            raise RuntimeError("磁盘坏了")

        job = jobs.start("坏任务", broken)
        view = wait_finished(jobs, job.id)
        jobs.close()
    finally:
        logger.removeHandler(handler)
    assert view["state"] == "failed" and job.id in view["lines"][0] and "内部错误" in view["lines"][0]
    logged = [r for r in records if r.exc_info]
    assert len(logged) == 1 and job.id in logged[0].getMessage()
    assert isinstance(logged[0].exc_info[1], RuntimeError)


def test_finished_jobs_expire_with_their_files(store: Store, tmp_path: Path):
    jobs = Jobs(store, tmp_path, keep=dt.timedelta(hours=1))
    job = jobs.start("检查", lambda job: (["完成"], "检查结果.txt", b"text"))
    wait_finished(jobs, job.id)
    file = jobs.get(job.id).result_file
    assert file is not None and file.read_bytes() == b"text"
    jobs.rows.set(job.id, finished_at=now() - dt.timedelta(hours=2))
    assert jobs.get(job.id) is None  # expired: unknown at once
    jobs.expire()
    assert jobs.rows.get(job.id) is None and not file.exists()
    jobs.close()


def test_a_job_whose_process_is_gone_shows_as_interrupted(store: Store, tmp_path: Path):
    jobs = Jobs(store, tmp_path)
    jobs.rows.add("stale", "生成工作情况汇报", "another-host:1234")
    jobs.rows.set("stale", state=RUNNING, beat_at=now() - STALE_AFTER - dt.timedelta(seconds=5))
    view = jobs.get("stale").view()
    assert view["state"] == "failed" and view["lines"][-1] == INTERRUPTED
    # A process of this machine that no longer runs: settled as soon as a server starts.
    dead = jobs.owner.rsplit(":", 1)[0] + ":999999999"
    jobs.rows.add("orphan", "检查填报表", dead)
    Jobs(store, tmp_path).close()
    row = jobs.rows.get("orphan")
    assert row.state == "failed" and row.lines == [INTERRUPTED] and row.finished_at is not None
    jobs.close()
