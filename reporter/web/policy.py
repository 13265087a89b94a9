"""Who may reach which route, decided once for the whole application before any view runs
(Datasette's pattern): the link token in the URL is resolved to its holder, a route is reached
only by the kind of link its blueprint declares, and every request that changes something
carries the anti-forgery value of its link.

A route whose blueprint declares no audience, or whose URL has no token, is refused: a view
added later is guarded without doing anything, and cannot forget to be.
"""

from __future__ import annotations

from flask import Flask, abort, g, request

from reporter.model import Unit
from reporter.web.site import site
from reporter.web.tokens import OFFICE, csrf_token, read_generations, same, token_for, token_hash

UNIT, OFFICE_AUDIENCE = "unit", "office"
#: The audience of each blueprint: whose link opens its routes.
AUDIENCES = {"unit": UNIT, "fill": UNIT, "office": OFFICE_AUDIENCE}
#: Routes anyone may fetch (the style sheet and scripts).
PUBLIC_ENDPOINTS = {"static"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def holder(token: str) -> str | None:
    """The name a link token opens (a unit code or ``OFFICE``), or None: the database must know
    the token and it must be of the generation kept beside the secret key."""
    s = site()
    name = s.store.name_of(token_hash(token))
    if name is None:
        return None
    generation = (read_generations(s.ws.root) or {}).get(name)
    if generation is None or not same(token, token_for(s.key, name, generation)):
        return None
    return name


def current_unit() -> Unit:
    """The unit whose link this request came through (only on a unit route)."""
    return g.unit


def _guard() -> None:
    rule = request.url_rule
    if rule is None:  # no route matched: Flask answers 404/405 itself
        return
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    audience = AUDIENCES.get(request.blueprint or "")
    token = (request.view_args or {}).get("token")
    if audience is None or not isinstance(token, str):
        abort(404)
    name = holder(token)
    if audience == OFFICE_AUDIENCE:
        if name != OFFICE:
            abort(404)
    else:
        units = {u.code: u for u in site().ws.campaign.units}
        if name not in units:
            abort(404)
        g.unit = units[name]
    g.token = token
    if request.method not in SAFE_METHODS:
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
        if not same(sent, csrf_token(site().key, token)):
            abort(403)


def install(app: Flask) -> None:
    """Guard every route of ``app`` (call before registering the blueprints' own hooks)."""
    app.before_request(_guard)
