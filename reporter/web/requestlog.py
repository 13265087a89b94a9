"""The intake server's log: one line per request with a request id, and no link token in any
line (access lines, errors, tracebacks, waitress's own messages).

Link tokens sit in URL paths (``/u/<token>``, ``/office/<token>``); every record written through
``SafeFormatter`` has such path segments, and anything shaped like a token, replaced by
``<token>``. Fields that come from the request are escaped (control characters, spaces, line
breaks and terminal escapes written as ``\\xNN``), and the continuation lines of a traceback
are indented, so no request can forge a log line or recolour the office's terminal.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Flask, Response, g, request

log = logging.getLogger("reporter.web")
MASK = "<token>"
TOKEN_IN_PATH = re.compile(r"/(u|office)/[^/\s?#\"']+")
#: A link token alone (43 characters of URL-safe base64), wherever it appears.
TOKEN_SHAPED = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
#: Loggers whose records reach the office's terminal through ``SafeFormatter``.
SERVER_LOGGERS = ("reporter.web", "waitress")


def masked(text: str) -> str:
    """``text`` with every link token replaced by ``<token>``."""
    return TOKEN_SHAPED.sub(MASK, TOKEN_IN_PATH.sub(rf"/\1/{MASK}", text))


def escaped(text: str) -> str:
    """``text`` as one field: characters that are not printable, and spaces, as ``\\xNN``."""
    return "".join(c if c.isprintable() and not c.isspace() else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)


def _one_line(text: str) -> str:
    """A message whose own line breaks become indented continuation lines, with every other
    control character (ESC of terminal colours) escaped."""
    lines = text.split("\n")
    clean = ["".join(c if c.isprintable() or c == "\t" else f"\\x{ord(c):02x}" for c in line) for line in lines]
    return "\n    ".join(clean)


class SafeFormatter(logging.Formatter):
    """A formatter whose output never holds a link token or a forged line."""

    def format(self, record: logging.LogRecord) -> str:
        return _one_line(masked(super().format(record)))


def attach(handler: logging.Handler) -> None:
    """Send the server's loggers (ours, and waitress's errors) through ``handler`` with
    ``SafeFormatter``, each message once."""
    handler.setFormatter(SafeFormatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    for name in SERVER_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def request_id() -> str:
    """The id of the request being served (shown in its log line and its error page)."""
    return g.get("request_id", "-")


def route() -> str:
    """The route of the request with its token masked (the route's pattern when one matched)."""
    if request.url_rule is not None:
        return request.url_rule.rule
    return masked(request.path)


def install(app: Flask) -> None:
    """Give every request of ``app`` an id and log it in one line as it is answered."""
    @app.before_request
    def _begin() -> None:
        g.request_id = secrets.token_hex(6)
        g.started = time.perf_counter()

    @app.after_request
    def _end(response: Response) -> Response:
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("req=%s %s %s %s %d %.0fms", request_id(), escaped(request.remote_addr or "-"),
                 escaped(request.method), escaped(route()), response.status_code, elapsed)
        response.headers["X-Request-Id"] = request_id()
        return response
