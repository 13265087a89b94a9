"""Link tokens: unguessable, never stored in clear, the same on every run until renewed.

A token is an HMAC of the name it opens (a unit code, or ``OFFICE``) and its generation under
the workspace's secret key (``.reporter/secret.key``, 32 random bytes, readable by its owner
only). The database holds only each token's SHA-256, so a copy of the database opens nothing;
``--renew`` raises the generation, and the old token stops working.

The generation of every name is also kept beside the key (``.reporter/link-generations.json``,
owner only), written before the database: a link is valid only in the generation that file
names, and no generation below it is ever issued again. So a database deleted, restored from
an older copy or moved to PostgreSQL never brings back a link ``--renew`` revoked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from reporter.atomic import OWNER_ONLY, write_atomic
from reporter.web.storage import STATE_FOLDER, Store

OFFICE = "__office__"
SECRET_FILE = "secret.key"
GENERATIONS_FILE = "link-generations.json"


def secret_key(workspace: Path) -> bytes:
    """The workspace's secret key, created on first use."""
    folder = workspace / STATE_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
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


def generations_path(workspace: Path) -> Path:
    return workspace / STATE_FOLDER / GENERATIONS_FILE


def read_generations(workspace: Path) -> dict[str, int] | None:
    """The generation of each name's valid link as kept beside the secret key, or None when
    the workspace has no such file yet (links issued before it existed)."""
    try:
        data = json.loads(generations_path(workspace).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: no link is valid until ``reporter links`` writes it again
    return {str(k): int(v) for k, v in data.items() if isinstance(v, int)} if isinstance(data, dict) else {}


def write_generations(workspace: Path, generations: dict[str, int]) -> None:
    """Replace the generations file in one step (owner only)."""
    path = generations_path(workspace)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    write_atomic(path, json.dumps(generations, ensure_ascii=False, sort_keys=True, indent=0), mode=OWNER_ONLY)


def issue_tokens(store: Store, workspace: Path, names: list[str], renew: bool = False) -> dict[str, str]:
    """The current token of each name: kept from earlier runs, new for names without one, and
    replaced for every name when ``renew``. A generation is never lower than the one kept
    beside the key, so a reset database re-issues the links in force, never revoked ones."""
    key = secret_key(workspace)
    in_database = store.link_generations()
    kept = read_generations(workspace) or {}
    chosen = dict(kept)
    for name in names:
        generation = max(kept.get(name, 0), in_database.get(name, 0))
        chosen[name] = generation + 1 if renew or generation == 0 else generation
    if chosen != kept:
        write_generations(workspace, chosen)  # first: a crash before the database revokes, never revives
    for name in names:
        if in_database.get(name) != chosen[name]:
            store.set_link(name, token_hash(token_for(key, name, chosen[name])), chosen[name])
    return {name: token_for(key, name, chosen[name]) for name in names}


def adopt_generations(store: Store, workspace: Path) -> None:
    """Write the generations file from the database for a workspace whose links were issued
    before the file existed (done once, when the server starts)."""
    if read_generations(workspace) is None:
        write_generations(workspace, store.link_generations())


def csrf_token(key: bytes, token: str) -> str:
    """The anti-forgery value the pages of one link carry in every form: another site cannot
    compute it without the secret key."""
    return _mac(key, f"csrf:{token_hash(token)}")


def same(a: str, b: str) -> bool:
    """Whether two secrets are equal, compared in constant time."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
