"""API tokens: the secret is shown once at creation; only its SHA-256 is stored.

A token is 32 random bytes (url-safe base64 after a "sitrep_" prefix), so a plain hash is enough: there
is nothing to brute-force, and a stolen database gives no usable token.

Usage:
    with open_store("sitrep.db") as store:
        secret = create_token(store, "amina")      # print it once
        assert verify_token(store, secret) == "amina"
"""

from __future__ import annotations

__all__ = ["TokenInfo", "create_token", "verify_token", "list_tokens", "revoke_token", "TOKEN_PREFIX"]

import contextlib
import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.errors import StoreError, TokenError

if TYPE_CHECKING:
    from sitrep.store.contract import EventStore

TOKEN_PREFIX = "sitrep_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")


@dataclass(frozen=True)
class TokenInfo:
    """A token's name and when it was made and last used (unix seconds), never the secret."""

    name: str
    created_at: int
    last_used_at: int | None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: EventStore, name: str) -> str:
    """Make a new write token for an analyst.

    Args:
        store: the open store.
        name: who the token is for; recorded as the actor of every change made with it.

    Returns:
        The secret token (it cannot be recovered later).

    Raises:
        TokenError: the name is taken or not 1-64 letters, digits, '.', '_', '@', '-'.
    """
    if not _NAME.match(name):
        raise TokenError(
            f"bad token name {name!r}", field="name", hint="use 1-64 letters, digits, '.', '_', '@' or '-'"
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db = store.db
    with db.transaction("cannot store the token"):
        if db.one("SELECT 1 FROM api_tokens WHERE name = ?", (name,)) is not None:
            raise TokenError(f"a token named {name!r} exists already", field="name",
                             hint=f"revoke it first: sitrep token revoke --name {name}")  # fmt: skip
        db.execute(
            "INSERT INTO api_tokens (name, token_hash, created_at) VALUES (?, ?, ?)",
            (name, _hash(token), int(time.time())),
        )
    return token


def verify_token(store: EventStore, token: str) -> str | None:
    """The name of the token's owner, or None if it is not a current token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    db = store.db
    row = db.one("SELECT name FROM api_tokens WHERE token_hash = ?", (_hash(token),))
    if row is None:
        return None
    with contextlib.suppress(StoreError):  # a busy database must not refuse a valid token
        db.execute("UPDATE api_tokens SET last_used_at = ? WHERE name = ?", (int(time.time()), row[0]))
    return str(row[0])


def list_tokens(store: EventStore) -> list[TokenInfo]:
    """Every token's name and dates, by name."""
    rows = store.db.all("SELECT name, created_at, last_used_at FROM api_tokens ORDER BY name")
    return [TokenInfo(r[0], int(r[1]), None if r[2] is None else int(r[2])) for r in rows]


def revoke_token(store: EventStore, name: str) -> None:
    """Delete a token; requests using it fail from now on.

    Raises:
        TokenError: there is no token with this name.
    """
    with store.db.transaction("cannot revoke the token"):
        gone = store.db.execute("DELETE FROM api_tokens WHERE name = ?", (name,)).rowcount
    if gone == 0:
        raise TokenError(f"no token named {name!r}", field="name")
