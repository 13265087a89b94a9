"""The Flask application of the intake server, built for one workspace by ``create_app``.

Every page is reached through a link token (``/u/<token>``, ``/office/<token>``); an unknown
or renewed token is answered 404 with nothing revealed. Every form carries an anti-forgery
value derived from its link; uploads are bounded in size; requests are logged by route,
never with their token.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from reporter.errors import ReporterError
from reporter.web import fill_routes, office_routes, unit_routes
from reporter.web.jobs import Jobs
from reporter.web.site import Site, wants_json
from reporter.web.storage import Store
from reporter.web.submissions import Intake
from reporter.web.tokens import secret_key
from reporter.workspace import open_workspace

DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
log = logging.getLogger("reporter.web")
TOKEN_IN_PATH = re.compile(r"^/(u|office)/[^/]+")

MESSAGES = {
    400: "请求有误，请刷新页面后重试。",
    403: "页面已过期或来源不明（缺少防伪校验），请刷新本页后重新提交。",
    404: "链接无效或已更换。请核对链接是否完整，或向办公室索取新的填报链接。",
    405: "不支持这种访问方式，请从填报页面操作。",
    413: "上传的文件过大（超过 {limit}），填报表通常不超过 1 MB，请核对是否选错了文件。",
    500: "服务器内部错误，本次提交未保存。请稍后重试，或联系办公室。",
}


def size_text(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MB"


def create_app(workspace: str | Path, store: Store | None = None, max_upload: int = DEFAULT_MAX_UPLOAD,
               today: Callable[[], dt.date] = dt.date.today) -> Flask:
    """The intake server of the workspace at ``workspace`` (its configuration read once).

    ``store``: where links and versions live (the workspace's own by default);
    ``max_upload``: the largest request accepted, in bytes; ``today``: the date the deadline is
    counted from.
    """
    ws = open_workspace(workspace)
    _ = ws.campaign  # read and validate the configuration now, not on the first request
    store = store or Store.for_workspace(ws.root)
    shared = Site(ws, store, Intake(ws, store), secret_key(ws.root), Jobs(), today, max_upload)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_upload
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["reporter"] = shared

    @app.before_request
    def _start() -> None:
        g.site = shared
        g.started = time.perf_counter()

    @app.after_request
    def _log(response: Response) -> Response:
        route = request.url_rule.rule if request.url_rule else TOKEN_IN_PATH.sub(r"/\1/<token>", request.path)
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s %s %d %.0fms", request.remote_addr, request.method, route, response.status_code, elapsed)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")  # links never leak through Referer
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.errorhandler(HTTPException)
    def _error(error: HTTPException) -> tuple[Response | str, int]:
        code = error.code or 500
        message = MESSAGES.get(code, MESSAGES[400]).format(limit=size_text(max_upload))
        if wants_json():
            return jsonify({"status": "error", "message": message}), code
        return render_template("message.html", title="无法完成", message=message), code

    @app.errorhandler(ReporterError)
    def _reporter_error(error: ReporterError) -> tuple[Response | str, int]:
        # The workspace itself needs fixing (a missing form master, LibreOffice absent): the
        # office's problem, told to whoever sees it in the same words as the command line.
        log.error("; ".join(error.lines()))
        message = "服务器无法完成本次操作，请联系办公室：" + "；".join(error.lines())
        if wants_json():
            return jsonify({"status": "error", "message": message}), 503
        return render_template("message.html", title="暂时无法完成", message=message), 503

    app.register_blueprint(unit_routes.blueprint)
    app.register_blueprint(fill_routes.blueprint)
    app.register_blueprint(office_routes.blueprint)
    return app
