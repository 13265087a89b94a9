"""The address the users reach the server by, when it sits behind a proxy (``serve
--public-url https://…``): every request is seen as made to that address, so the links, QR
codes and redirects the server makes carry it, never the 127.0.0.1 the proxy talks to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from reporter.errors import UsageError

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


def checked_public_url(url: str) -> str:
    """``url`` without its final slash; a ``UsageError`` in Chinese when it is no http(s) address."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise UsageError(f"--public-url “{url}” 不是网址，请写成 https://域名 的形式，如 https://tb.example.gov.cn")
    return url


class PublicAddress:
    """WSGI middleware: each request as if made to ``url`` (scheme, host, path prefix)."""

    def __init__(self, app: WsgiApp, url: str):
        parts = urlsplit(checked_public_url(url))
        self.app = app
        self.scheme = parts.scheme
        self.host = parts.netloc
        self.name = parts.hostname or ""
        self.port = str(parts.port or (443 if parts.scheme == "https" else 80))
        self.prefix = parts.path.rstrip("/")

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        environ["wsgi.url_scheme"] = self.scheme
        environ["HTTP_HOST"] = self.host
        environ["SERVER_NAME"], environ["SERVER_PORT"] = self.name, self.port
        if self.prefix:
            path = environ.get("PATH_INFO", "")
            if path == self.prefix or path.startswith(self.prefix + "/"):
                environ["PATH_INFO"] = path[len(self.prefix):]  # the proxy passed the prefix on
            environ["SCRIPT_NAME"] = self.prefix
        return self.app(environ, start_response)
