"""The Flask application of the intake server, built for one workspace by ``create_app``.

Every page is reached through a link token (``/u/<token>``, ``/office/<token>``), resolved with
each POST's anti-forgery value before any view runs (``web.policy``); an unknown, renewed or
other kind of token is answered 404 with nothing revealed. Uploads are bounded in size; every
request is logged in one line with an id, never with its token (``web.requestlog``). A database
that cannot be reached is answered 503 “数据库暂时无法连接”, and logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from reporter.errors import ReporterError
from reporter.web import fill_routes, office_routes, policy, requestlog, unit_routes
from reporter.web.filing import repair, sweep
from reporter.web.jobs import DEFAULT_KEEP, DEFAULT_WORKERS, Jobs
from reporter.web.public import PublicAddress
from reporter.web.requestlog import log, request_id
from reporter.web.site import Site, wants_json
from reporter.web.storage import DatabaseUnavailable, Store
from reporter.web.submissions import Intake
from reporter.web.tokens import adopt_generations, secret_key
from reporter.workspace import open_workspace

DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024

MESSAGES = {
    400: "请求有误，请刷新页面后重试。",
    403: "页面已过期或来源不明（缺少防伪校验），请刷新本页后重新提交。",
    404: "链接无效或已更换。请核对链接是否完整，或向办公室索取新的填报链接。",
    405: "不支持这种访问方式，请从填报页面操作。",
    413: "上传的文件过大（超过 {limit}），填报表通常不超过 1 MB，请核对是否选错了文件。",
    500: "服务器内部错误，本次提交未保存。请稍后重试，或联系办公室。",
}
DATABASE_DOWN = "数据库暂时无法连接，请稍后重试。"
NOT_SAVED = "本次提交未保存。"


def size_text(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB"


def create_app(workspace: str | Path, store: Store | None = None, max_upload: int = DEFAULT_MAX_UPLOAD,
               today: Callable[[], dt.date] = dt.date.today, public_url: str | None = None,
               job_workers: int = DEFAULT_WORKERS, job_keep: dt.timedelta = DEFAULT_KEEP) -> Flask:
    """The intake server of the workspace at ``workspace`` (its configuration read once).

    ``store``: where links and versions live (the workspace's own by default);
    ``max_upload``: the largest request accepted, in bytes; ``today``: the date the deadline is
    counted from; ``public_url``: the address users reach it by through a proxy (``web.public``);
    ``job_workers``, ``job_keep``: the board's background jobs run at once, and kept (``web.jobs``).
    """
    ws = open_workspace(workspace)
    _ = ws.campaign  # read and validate the configuration now, not on the first request
    store = store or Store.for_workspace(ws.root)
    adopt_generations(store, ws.root)
    # What a server that was killed left: its scratch files, and versions not yet in inputs/.
    notes = [f"已清理上次服务留下的临时文件：{path}" for path in sweep(ws)] + repair(ws, store)
    shared = Site(ws, store, Intake(ws, store), secret_key(ws.root),
                  Jobs(store, ws.root, job_workers, job_keep), today, max_upload, notes)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_upload
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["reporter"] = shared

    @app.before_request
    def _start() -> None:
        g.site = shared

    requestlog.install(app)
    policy.install(app)  # after ``g.site`` is set, before any view

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")  # links never leak through Referer
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    def answer(title: str, message: str, code: int) -> tuple[Response | str, int]:
        if wants_json():
            return jsonify({"status": "error", "message": message, "request_id": request_id()}), code
        return render_template("message.html", title=title, message=message), code

    def not_saved() -> str:
        return "" if request.method in policy.SAFE_METHODS else NOT_SAVED

    @app.errorhandler(HTTPException)
    def _error(error: HTTPException) -> tuple[Response | str, int]:
        code = error.code or 500
        return answer("无法完成", MESSAGES.get(code, MESSAGES[400]).format(limit=size_text(max_upload)), code)

    @app.errorhandler(DatabaseUnavailable)
    def _database_down(error: DatabaseUnavailable) -> tuple[Response | str, int]:
        log.error("req=%s %s", request_id(), "; ".join(error.lines()))
        return answer("暂时无法完成", DATABASE_DOWN + not_saved(), 503)

    @app.errorhandler(ReporterError)
    def _reporter_error(error: ReporterError) -> tuple[Response | str, int]:
        # The workspace itself needs fixing (a missing form master, LibreOffice absent, the
        # database deleted): the office's problem, told to whoever sees it in the same words as
        # the command line.
        log.error("req=%s %s", request_id(), "; ".join(error.lines()))
        return answer("暂时无法完成", "服务器无法完成本次操作，请联系办公室：" + "；".join(error.lines()), 503)

    @app.errorhandler(Exception)
    def _fault(error: Exception) -> tuple[Response | str, int]:
        # One record with the traceback (through ``SafeFormatter``: no token in it), and the
        # request id on the page to find it by.
        log.error("req=%s %s %s 内部错误", request_id(), request.method, requestlog.route(), exc_info=error)
        return answer("无法完成", MESSAGES[500].replace("本次提交未保存。", not_saved())
                      + f"（编号 {request_id()}）", 500)

    app.register_blueprint(unit_routes.blueprint)
    app.register_blueprint(fill_routes.blueprint)
    app.register_blueprint(office_routes.blueprint)
    if public_url:
        app.wsgi_app = PublicAddress(app.wsgi_app, public_url)  # type: ignore[method-assign]
    return app
