"""Link tokens: unguessable, never stored in clear, the same on every run until renewed.

A token is an HMAC of the name it opens (a unit code, or ``OFFICE``) and its generation under
the workspace's secret key (``.reporter/secret.key``, 32 random bytes, readable by its owner
only). The database holds only each token's SHA-256, so a copy of the database opens nothing;
``--renew`` raises the generation, and the old token stops working.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from reporter.web.storage import STATE_FOLDER, Store

OFFICE = "__office__"
SECRET_FILE = "secret.key"


def secret_key(workspace: Path) -> bytes:
    """The workspace's secret key, created on first use."""
    folder = workspace / STATE_FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / SECRET_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it meanwhile: use theirs
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _mac(key: bytes, message: str) -> str:
    digest = hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def token_for(key: bytes, name: str, generation: int) -> str:
    """The token of ``name`` in its ``generation``."""
    return _mac(key, f"link:{name}:{generation}")


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_tokens(store: Store, key: bytes, names: list[str], renew: bool = False) -> dict[str, str]:
    """The current token of each name: kept from earlier runs, new for names without one, and
    replaced for every name when ``renew``."""
    generations = store.link_generations()
    tokens = {}
    for name in names:
        generation = generations.get(name, 0)
        if renew or name not in generations:
            generation += 1
            store.set_link(name, token_hash(token_for(key, name, generation)), generation)
        tokens[name] = token_for(key, name, generation)
    return tokens


def csrf_token(key: bytes, token: str) -> str:
    """The anti-forgery value the pages of one link carry in every form: another site cannot
    compute it without the secret key."""
    return _mac(key, f"csrf:{token_hash(token)}")


def same(a: str, b: str) -> bool:
    """Whether two secrets are equal, compared in constant time."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
