"""``reporter serve``: the intake server on waitress (pure Python, also on Windows), bound to
127.0.0.1 unless told otherwise, each request logged to standard error without its token."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from waitress import serve as waitress_serve

from reporter.web.app import DEFAULT_MAX_UPLOAD, create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
THREADS = 8


def serve(root: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          max_upload: int = DEFAULT_MAX_UPLOAD, threads: int = THREADS) -> None:
    """Serve the workspace at ``root`` until interrupted."""
    app = create_app(root, max_upload=max_upload)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    log = logging.getLogger("reporter.web")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    # Flask answers an upload over the limit (in Chinese) from its Content-Length without reading it;
    # waitress, which buffers a body before the app sees it, refuses only far larger ones itself.
    waitress_serve(app, host=host, port=port, threads=threads, ident="reporter",
                   max_request_body_size=4 * max_upload + 1024 * 1024)
