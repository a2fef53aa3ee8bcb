"""Who may change a saved brief: edit tokens, kept by the browser that made it, and the quota's maker.

A brief's permalink lets anyone read it. Making it again or deleting it needs its edit token:
- the browser that makes a brief holds one random key in its signed session (`owner`), and the
  brief's token is HMAC-SHA256(key, brief id), so one key covers every brief that browser makes
  and the session cookie stays small;
- the maker also gets an edit link, /briefs/<id>/edit/<token>: opening it in another browser puts
  the token in that browser's session (`edit`, the last EDIT_TOKENS_KEPT of them).
The database keeps only SHA-256 of each token (web/store.py), and tokens are compared in constant time.

Briefs saved before tokens existed have none: the browser whose session lists one among its recent
briefs (a list only saving adds to, in a cookie only the server can sign) made it, and claims it with
its own token the first time it opens it. Anyone else can only read such a brief.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from flask import current_app, request, session

from . import store

OWNER_KEY = "owner"  # session: this browser's random key
EDIT_KEY = "edit"  # session: {brief id: token} from edit links opened in this browser
RECENT_KEY = "recent"  # session: ids of the briefs this browser made (web/pages.py keeps it)
EDIT_TOKENS_KEPT = 20  # edit links remembered per browser; ~70 bytes each in the session cookie
TOKEN_MAX_LENGTH = 100  # an edit link's token is 43 characters; longer ones are not even hashed


def _owner_key(create: bool) -> str | None:
    key = session.get(OWNER_KEY)
    if isinstance(key, str) and key:
        return key
    if not create:
        return None
    key = secrets.token_urlsafe(32)
    session[OWNER_KEY] = key
    session.permanent = True  # kept across browser restarts, for PERMANENT_SESSION_LIFETIME (31 days)
    return key


def token_for(brief_id: str) -> str:
    """The edit token of a brief this browser makes (its key is made on first use)."""
    key = _owner_key(create=True)
    digest = hmac.new(key.encode(), brief_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def matches(token: str, edit_hash: str | None) -> bool:
    """Whether `token` is the one whose hash was saved, compared in constant time."""
    if not edit_hash or not token or len(token) > TOKEN_MAX_LENGTH:
        return False
    return hmac.compare_digest(token_hash(token), edit_hash)


def _candidates(brief_id: str) -> list[str]:
    tokens = []
    if _owner_key(create=False):
        tokens.append(token_for(brief_id))
    kept = session.get(EDIT_KEY)
    if isinstance(kept, dict) and isinstance(kept.get(brief_id), str):
        tokens.append(kept[brief_id])
    return tokens


def edit_token(saved: store.SavedBrief) -> str | None:
    """This browser's token for `saved` when it may change it (None: read-only here).

    A brief saved before tokens existed is claimed by the browser that lists it among its recent briefs.
    """
    if saved.edit_hash is None:
        recent = session.get(RECENT_KEY, [])
        if not (isinstance(recent, list) and saved.id in recent):
            return None
        token = token_for(saved.id)
        try:
            store.claim(saved.id, token_hash(token))
        except store.StorageError:  # read-only or full disk: still this browser's, by its recent list
            pass
        return token
    for token in _candidates(saved.id):
        if matches(token, saved.edit_hash):
            return token
    return None


def keep(brief_id: str, token: str) -> None:
    """Remember a token from an edit link in this browser's session (the newest EDIT_TOKENS_KEPT)."""
    kept = session.get(EDIT_KEY)
    kept = {k: v for k, v in kept.items() if k != brief_id} if isinstance(kept, dict) else {}
    kept[brief_id] = token
    session[EDIT_KEY] = dict(list(kept.items())[-EDIT_TOKENS_KEPT:])
    session.permanent = True


def forget(brief_id: str) -> None:
    kept = session.get(EDIT_KEY)
    if isinstance(kept, dict) and brief_id in kept:
        session[EDIT_KEY] = {k: v for k, v in kept.items() if k != brief_id}


def _keyed(kind: str, value: str) -> str:
    """A value kept for counting only: keyed with the secret key, so an address cannot be read back."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def maker() -> store.Maker:
    """Who is saving, for the quota: the client address (as ProxyFix gives it) and this browser's key."""
    return store.Maker(
        client=_keyed("address", request.remote_addr or "unknown"),
        owner=_keyed("browser", _owner_key(create=True) or ""),
    )


def quota() -> store.Quota:
    config = current_app.config
    return store.Quota(briefs=config["BRIEF_QUOTA"], bytes=config["BRIEF_QUOTA_MB"] * 1024 * 1024)
