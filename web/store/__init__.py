"""Saved briefs: one interface over two backends, each brief kept with the articles and options it was made from.

    SQLite (web/store/sqlite.py)        the default: one file in the data directory, nothing to install
    PostgreSQL (web/store/postgres.py)  when SUMMARIZER_DATABASE_URL is postgresql://...: several app hosts
                                        share one database

Callers use this module's functions (`store.save(...)`, `store.load(...)`) and never a backend. What is the
same on both lives here: ids, JSON, sizes, titles, the quota's arithmetic and expiry; a backend reads and
writes rows (base.Backend says what each must do). A write the database refuses raises `StorageError`,
which callers turn into a 503 that keeps what was typed; any other use of a database that does not answer
raises it too, and init_app answers that with a 503 page (JSON under /api/).

Bounds on what is kept (issue 8):
- Ownership: each brief stores the SHA-256 of its edit token, never the token (web/ownership.py makes
  and keeps tokens); `edit_hash` is NULL for briefs saved before tokens existed.
- Quota: each brief records keyed hashes of its maker's address and browser (`client`, `owner`) and
  its size; `save()` refuses with `QuotaExceeded` when either maker is over the briefs or bytes it may
  save in a day, checked and inserted in one transaction that no other save by that maker can interleave
  with (SQLite: BEGIN IMMEDIATE; PostgreSQL: advisory locks on the maker's keys), across workers and hosts.
- Expiry: a brief is deleted BRIEF_TTL_DAYS after it was made. `purge()` runs at start and at most
  once a minute (per process) before a write; until then `load()` marks an expired brief `expired`.
"""

from __future__ import annotations

import json
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app

from summarizer.render import default_title

from .base import Backend, BriefListing, Deleted, Maker, Quota, QuotaExceeded, SavedBrief, StorageError
from .sqlite import (  # the SQLite backend's own tools, kept here by name: tests replace connect & co. here
    COLUMNS,
    INDEXES,
    SCHEMA,
    SQLiteBackend,
    _checkpoint,
    _delete_row,
    close_db,
    connect,
    ensure_reserve,
    init_db,
    release_reserve,
    reserve_path,
)

__all__ = [
    "Backend", "BriefListing", "Deleted", "Maker", "Quota", "QuotaExceeded", "SavedBrief", "StorageError",
    "init_app", "save", "update", "claim", "keep_page", "set_title", "load", "listing", "delete", "purge",
    "maybe_purge", "check_quota", "usage", "new_id", "utcnow", "expires", "backend", "get_db",
]  # fmt: skip

ID_BYTES = 16
MiB = 1024 * 1024
PURGE_EVERY_SECONDS = 60  # at most one purge per process per minute, run before a write
PURGE_BATCH = 200  # expired briefs deleted by one purge: bounds the work a request does for it
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def make_backend(config: dict[str, Any]) -> Backend:
    """The backend the config asks for: PostgreSQL when DATABASE_URL is set, else the SQLite file DATABASE."""
    url = (config.get("DATABASE_URL") or "").strip()
    if url:
        if not url.startswith(POSTGRES_SCHEMES):
            raise RuntimeError(
                "SUMMARIZER_DATABASE_URL must be a PostgreSQL URL such as postgresql://user:password@host:5432/briefs "
                f"(or unset, for the SQLite file in the data directory), not one starting {url.split(':', 1)[0]!r}."
            )
        from .postgres import PostgresBackend

        return PostgresBackend(url)
    reserve = config.get("DELETE_RESERVE_MB", 0)
    return SQLiteBackend(config["DATABASE"], reserve * MiB)


def backend() -> Backend:
    return current_app.extensions["store"]["backend"]


def get_db():
    """The request's connection (sqlite3, or psycopg for PostgreSQL): for tests and maintenance, not callers."""
    chosen = backend()
    if chosen.name == "sqlite":
        from .sqlite import get_db as sqlite_db

        return sqlite_db()
    return chosen.connection()  # type: ignore[attr-defined]


def _storage_unavailable(error: StorageError):
    """A database that does not answer while a brief is opened or listed: a 503 that says so, never a 500."""
    from flask import jsonify, render_template, request

    from web.inputs import Problem

    problem = Problem(503, "storage_unavailable",
                      f"{error.reason}, so saved briefs cannot be opened just now. Try again in a minute.")
    if request.path.startswith("/api/"):
        return jsonify(problem.to_dict()), 503
    return render_template("error.html", title="Not available", message=problem.message), 503


def init_app(app: Flask) -> None:
    reserve = app.config.get("DELETE_RESERVE_MB", 0)
    if isinstance(reserve, bool) or not isinstance(reserve, int) or reserve < 0:
        raise RuntimeError(f"DELETE_RESERVE_MB must be a whole number of megabytes (0 for none), not {reserve!r}.")
    chosen = make_backend(app.config)
    chosen.init()
    app.extensions["store"] = {"last_purge": float("-inf"), "backend": chosen}
    app.teardown_appcontext(lambda _exception: chosen.close_request())
    app.register_error_handler(StorageError, _storage_unavailable)
    with app.app_context():  # at start: expired briefs go, and the reserve is made
        maybe_purge()
    chosen.release()  # gunicorn forks the workers from here: each opens its own connections


# --- time and expiry --------------------------------------------------------------------------


def utcnow() -> datetime:
    """The clock (tests replace it to move time)."""
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _now() -> str:
    return _iso(utcnow())


def _ttl() -> timedelta:
    return timedelta(days=current_app.config["BRIEF_TTL_DAYS"])


def _expiry_cutoff() -> str:
    """Briefs created before this instant have expired."""
    return _iso(utcnow() - _ttl())


def expires(created: str) -> str:
    return _iso(datetime.fromisoformat(created) + _ttl())


def purge() -> int:
    """Delete up to PURGE_BATCH expired briefs (SQLite: and wipe their text from the file); return how many went.

    Raises StorageError when the database cannot be written.
    """
    count = backend().purge(_expiry_cutoff(), PURGE_BATCH)
    if count:
        current_app.logger.info("Purged %d expired brief(s)", count)
    return count


def maybe_purge() -> None:
    """Purge when this process has not in the last PURGE_EVERY_SECONDS; never fails the write that asked."""
    state = current_app.extensions.setdefault("store", {"last_purge": float("-inf")})
    now = time.monotonic()
    if now - state["last_purge"] < PURGE_EVERY_SECONDS:
        return
    state["last_purge"] = now
    try:
        purge()
    except StorageError as error:
        current_app.logger.warning("Could not purge expired briefs: %s", error.reason)
    backend().after_purge()


# --- quota -------------------------------------------------------------------------------------


def usage(maker: Maker, since: str) -> tuple[int, int, str | None]:
    """(briefs, bytes, oldest created) saved since `since` by the maker's address or browser."""
    return backend().usage(maker.client, maker.owner, since)


def check_quota(maker: Maker, quota: Quota, adding: int = 0) -> None:
    """Raise QuotaExceeded when one more brief of `adding` bytes would take the maker over `quota`."""
    if adding > quota.bytes:
        raise QuotaExceeded(quota, 0, 0, adding, 0, too_large=True)
    now = utcnow()
    since = _iso(now - timedelta(seconds=quota.seconds))
    briefs, size, oldest = usage(maker, since)
    if briefs + 1 > quota.briefs or size + adding > quota.bytes:
        retry = quota.seconds
        if oldest:
            retry = int((datetime.fromisoformat(oldest) + timedelta(seconds=quota.seconds) - now).total_seconds()) + 1
        raise QuotaExceeded(quota, briefs, size, adding, max(1, retry))


# --- briefs ------------------------------------------------------------------------------------


def _title(documents: list[dict[str, Any]], brief: dict[str, Any]) -> str:
    """The title a brief gets when it is saved (its maker may change it; making it again keeps it)."""
    summary = brief.get("summary", {})
    sentences = [str(s.get("text", "")) for s in summary.get("sentences", ())] or [str(summary.get("text", ""))]
    return default_title([d.get("title") for d in documents], sentences)


def set_title(brief_id: str, title: str) -> bool:
    """Give a brief the title its maker chose (checked by the caller); False when it no longer exists.

    Raises StorageError when the database cannot be written.
    """
    return backend().set_title(brief_id, title, _now())


def new_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


def _page_json(page: dict[str, Any] | None) -> str | None:
    return None if page is None else json.dumps(page, ensure_ascii=False)


def save(
    options: dict[str, Any],
    documents: list[dict[str, Any]],
    brief: dict[str, Any],
    *,
    page: dict[str, Any] | None = None,
    brief_id: str | None = None,
    edit_hash: str | None = None,
    maker: Maker | None = None,
    quota: Quota | None = None,
) -> str:
    """Store a new brief; return its id.

    Args:
        page: what the brief page shows, kept so that opening it does not derive it again.
        brief_id: the id to use (new_id() when None), e.g. because the edit token is made from it.
        edit_hash: SHA-256 hex of the brief's edit token.
        maker, quota: who saves it, and what they may save in a day; no check without both.

    Raises:
        QuotaExceeded: the maker is over the quota (nothing saved).
        StorageError: the database cannot be written.
    """
    maybe_purge()
    brief_id = brief_id or new_id()
    now = _now()
    columns = {
        "options": json.dumps(options),
        "documents": json.dumps(documents, ensure_ascii=False),
        "brief": json.dumps(brief, ensure_ascii=False),
        "page": _page_json(page),
    }
    size = sum(len(c.encode()) for c in columns.values() if c is not None)
    row = {
        "id": brief_id, "created": now, "updated": now, "title": _title(documents, brief), **columns,
        "edit_hash": edit_hash, "client": maker.client if maker else None, "owner": maker.owner if maker else None,
        "size": size,
    }  # fmt: skip
    check = (lambda: check_quota(maker, quota, size)) if maker is not None and quota is not None else None
    backend().insert(row, check)
    return brief_id


def update(brief_id: str, options: dict[str, Any], brief: dict[str, Any], *, page: dict[str, Any] | None = None) -> bool:
    """Replace a brief made again from its saved articles, keeping its title; False when it no longer exists."""
    maybe_purge()
    return backend().update(brief_id, _now(), json.dumps(options), json.dumps(brief, ensure_ascii=False),
                            _page_json(page))


def claim(brief_id: str, edit_hash: str) -> bool:
    """Give a brief saved before edit tokens its first one; False when it has one already (or is gone)."""
    return backend().claim(brief_id, edit_hash)


def keep_page(brief_id: str, page: dict[str, Any]) -> None:
    """Keep the page copy of a brief saved without one (the first time it is opened); raises StorageError."""
    backend().keep_page(brief_id, json.dumps(page, ensure_ascii=False))


def load(brief_id: str, *, articles: bool = True, brief: bool = True) -> SavedBrief | None:
    """The saved brief, or None. `articles=False` leaves the input articles unread (`documents` is empty);
    `brief=False` leaves the full brief unread when a page copy was kept (what the brief page needs)."""
    parts = ["id", "created", "updated", "title", "options", "page", "edit_hash"]
    if articles:
        parts.append("documents")
    if brief:
        parts.append("brief")
    store = backend()
    row = store.load(brief_id, parts)
    if row is None:
        return None
    full = row["brief"] if brief else None
    if not brief and row["page"] is None:  # saved before page copies were kept: the page derives it
        full = (store.load(brief_id, ["brief"]) or {}).get("brief")
    return SavedBrief(
        id=row["id"],
        created=row["created"],
        updated=row["updated"],
        title=row["title"],
        options=json.loads(row["options"]),
        documents=json.loads(row["documents"]) if articles else [],
        brief=json.loads(full) if full is not None else {},
        page=json.loads(row["page"]) if row["page"] is not None else None,
        edit_hash=row["edit_hash"],
        expires=expires(row["created"]),
        expired=row["created"] < _expiry_cutoff(),
    )


def listing(ids: list[str]) -> list[BriefListing]:
    """The briefs among `ids` that still exist and have not expired, in the order of `ids`."""
    if not ids:
        return []
    found = {row[0]: BriefListing(*row) for row in backend().listing(ids, _expiry_cutoff())}
    return [found[i] for i in ids if i in found]


def delete(brief_id: str) -> Deleted:
    """Delete a brief and its articles.

    Returns Deleted(found=False) when it did not exist. SQLite: `wiped` is False when the row is gone but
    the checkpoint that wipes its text from the file could not finish (tried again at the next purge); on
    a full disk the reserve file is released and the delete tried once more. PostgreSQL: see postgres.py.

    Raises StorageError when the delete fails.
    """
    maybe_purge()
    return backend().delete(brief_id)
