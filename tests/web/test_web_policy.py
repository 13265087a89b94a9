"""Routes secure by construction (issue 23, item 3): every route of ``app.url_map`` is reached only
through a link of its own kind, in its current generation, and every POST only with the
anti-forgery value of its link, all decided before any view runs; and revocation that survives
the database (item 4): a link ``--renew`` revoked never works again, whatever becomes of the
database (deleted, restored from an older copy, moved to PostgreSQL)."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest
from flask import Blueprint

from reporter.web.app import create_app
from reporter.web.links import build_links
from reporter.web.policy import AUDIENCES, PUBLIC_ENDPOINTS
from reporter.web.storage import Store
from tests.conftest import run
from tests.web.conftest import Server, make_server

#: Values for the other parts of a route's URL.
OTHER_ARGUMENTS = {"kind": "check", "job_id": "0-abcdef01"}


def guarded_routes(server: Server) -> list[tuple[str, str, str]]:
    """(endpoint, method, URL pattern) of every route that is not public."""
    found = []
    for rule in server.app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, rule.rule))
    return found


def url(pattern: str, token: str) -> str:
    path = pattern.replace("<token>", token)
    for name, value in OTHER_ARGUMENTS.items():
        path = path.replace(f"<{name}>", value)
    assert "<" not in path, f"a route with an argument the test does not know: {pattern}"
    return path


@pytest.fixture
def watched(server: Server):
    """``server`` with every view replaced by one that records that it ran."""
    ran: list[str] = []
    for endpoint in list(server.app.view_functions):
        if endpoint in PUBLIC_ENDPOINTS:
            continue
        server.app.view_functions[endpoint] = lambda *a, _e=endpoint, **k: (ran.append(_e), "ran")[1]
    return server, ran


def audience_of(endpoint: str) -> str:
    return AUDIENCES[endpoint.split(".", 1)[0]]


def test_every_route_belongs_to_an_audience(server: Server):
    routes = guarded_routes(server)
    assert len(routes) >= 8
    for endpoint, _method, pattern in routes:
        assert endpoint.split(".", 1)[0] in AUDIENCES, f"{pattern} has no declared audience"
        assert "<token>" in pattern, f"{pattern} is reached without a link"


def test_bad_renewed_and_wrong_kind_tokens_never_reach_a_view(watched, tmp_path: Path):
    server, ran = watched
    old_unit, old_office = server.tokens["东城街道"], server.tokens["办公室"]
    renewed = build_links(server.ws, "http://127.0.0.1:8000", renew=True, store=server.store)
    fresh = {row.short: row.url.rsplit("/", 1)[1] for row in renewed.rows}
    assert fresh["东城街道"] != old_unit
    routes = guarded_routes(server)
    assert routes
    for endpoint, method, pattern in routes:
        right = fresh["办公室"] if audience_of(endpoint) == "office" else fresh["东城街道"]
        wrong_kind = fresh["东城街道"] if audience_of(endpoint) == "office" else fresh["办公室"]
        bad = {"unknown": secrets.token_urlsafe(32), "garbage": "not-a-token",
               "renewed": old_office if audience_of(endpoint) == "office" else old_unit,
               "wrong kind": wrong_kind, "truncated": right[:-1]}
        for what, token in bad.items():
            # With the right link's anti-forgery value, so that only the token can refuse it.
            data = {"csrf_token": server.app.extensions["reporter"].csrf(right)}
            response = server.client.open(url(pattern, token), method=method, data=data)
            assert response.status_code == 404, f"{method} {pattern} with a {what} token: {response.status_code}"
            assert token not in response.get_data(as_text=True)
    assert ran == [], f"views ran for refused requests: {ran}"


def test_every_post_needs_the_anti_forgery_value_of_its_own_link(watched):
    server, ran = watched
    posts = [(e, p) for e, m, p in guarded_routes(server) if m == "POST"]
    assert len(posts) >= 4
    for endpoint, pattern in posts:
        short = "办公室" if audience_of(endpoint) == "office" else "东城街道"
        other = "西城街道"  # another unit's link: its value must not do
        token = server.tokens[short]
        ran.clear()
        for what, value in {"none": None, "empty": "", "another link's": server.csrf(other),
                            "forged": secrets.token_urlsafe(32)}.items():
            data = {} if value is None else {"csrf_token": value}
            response = server.client.post(url(pattern, token), data=data)
            assert response.status_code == 403, f"POST {pattern} with {what} anti-forgery value"
            assert "防伪校验" in response.get_data(as_text=True)
        assert ran == []
        response = server.client.post(url(pattern, token), headers={"X-CSRF-Token": server.csrf(short)})
        assert response.status_code == 200 and ran[-1] == endpoint


def test_a_unit_link_reaches_only_its_own_unit(server: Server):
    """Another unit's link opens that unit's pages, never this one's data."""
    page = server.client.get(f"/u/{server.tokens['西城街道']}").get_data(as_text=True)
    assert "西城街道" in page and "东城街道" not in page
    sent = server.upload("东城街道", server.workbook("东城街道"), token=server.tokens["西城街道"],
                         csrf=server.csrf("西城街道"))
    assert sent.status_code == 422 and "不是西城街道的" in sent.get_json()["problems"][0]["message"]
    assert not server.inputs("东城街道").exists() and not server.inputs("西城街道").exists()


def test_a_route_added_without_an_audience_is_refused(tmp_path: Path):
    server = make_server(tmp_path)
    app = create_app(server.ws, store=server.store)
    extra = Blueprint("extra", __name__)
    extra.add_url_rule("/u/<token>/extra", "page", lambda token: "secret")
    extra.add_url_rule("/open", "open", lambda: "secret")
    app.register_blueprint(extra)
    client = app.test_client()
    assert client.get(f"/u/{server.tokens['东城街道']}/extra").status_code == 404
    assert client.get("/open").status_code == 404


# --- revocation that survives the database (item 4) ----------------------------------------------


def status_of(server: Server, token: str) -> int:
    app = create_app(server.ws)
    try:
        return app.test_client().get(f"/u/{token}").status_code
    finally:
        app.extensions["reporter"].store.close()


def tokens_of(output: str) -> dict[str, str]:
    return {line.split("\t")[0]: line.rsplit("/", 1)[1] for line in output.splitlines()}


def test_revoked_links_stay_revoked_when_the_database_is_deleted(tmp_path: Path):
    server = make_server(tmp_path)
    server.store.close()
    revoked = server.tokens["东城街道"]
    renewed = tokens_of(run("links", "-w", server.ws, "--renew").stdout)["东城街道"]
    assert status_of(server, revoked) == 404 and status_of(server, renewed) == 200
    for leftover in (server.ws / ".reporter").glob("intake.sqlite3*"):
        leftover.unlink()
    again = run("links", "-w", server.ws)
    assert again.exit_code == 0, again.output
    assert tokens_of(again.stdout)["东城街道"] == renewed  # the links in force are issued again
    assert status_of(server, revoked) == 404
    assert status_of(server, renewed) == 200


def test_revoked_links_stay_revoked_when_an_older_database_is_restored(tmp_path: Path):
    server = make_server(tmp_path)
    server.store.close()
    database = server.ws / ".reporter" / "intake.sqlite3"
    Store.for_workspace(server.ws).close()  # checkpointed: the file alone is a whole copy
    shutil.copy(database, tmp_path / "backup.sqlite3")
    revoked = server.tokens["东城街道"]
    renewed = tokens_of(run("links", "-w", server.ws, "--renew").stdout)["东城街道"]
    for leftover in (server.ws / ".reporter").glob("intake.sqlite3-*"):
        leftover.unlink()
    shutil.copy(tmp_path / "backup.sqlite3", database)  # the office restores last week's copy
    assert status_of(server, revoked) == 404
    again = tokens_of(run("links", "-w", server.ws).stdout)["东城街道"]
    assert again == renewed and status_of(server, renewed) == 200 and status_of(server, revoked) == 404


@pytest.mark.postgres
def test_revoked_links_stay_revoked_when_moving_to_postgresql(tmp_path: Path, postgres_url: str, monkeypatch):
    server = make_server(tmp_path)
    server.store.close()
    revoked = server.tokens["东城街道"]
    renewed = tokens_of(run("links", "-w", server.ws, "--renew").stdout)["东城街道"]
    monkeypatch.setenv("DATABASE_URL", postgres_url)  # as the README suggests for a whole city
    moved = run("links", "-w", server.ws)
    assert moved.exit_code == 0, moved.output
    assert tokens_of(moved.stdout)["东城街道"] == renewed
    assert status_of(server, revoked) == 404 and status_of(server, renewed) == 200
