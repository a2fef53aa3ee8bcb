"""Saved briefs: one SQLite table holding each brief with the articles and options it was made from.

A connection per request lives on `g` and is closed on teardown. Deleting a brief really removes
its articles from the file: `secure_delete` overwrites freed pages with zeros and a WAL checkpoint
copies that into the database file and empties the write-ahead log, which still held the text.

Several gunicorn workers share the file: WAL lets readers go on while one writes, and writers wait
up to the busy timeout for each other. A write that fails (a read-only or full disk, a lock held past
the timeout) raises `StorageError`; reading saved briefs does not need to write and goes on working.

Bounds on what is kept (issue 8):
- Ownership: each brief stores the SHA-256 of its edit token, never the token (web/ownership.py makes
  and keeps tokens); `edit_hash` is NULL for briefs saved before tokens existed.
- Quota: each brief records keyed hashes of its maker's address and browser (`client`, `owner`) and
  its size; `save()` refuses with `QuotaExceeded` when either maker is over the briefs or bytes it may
  save in a day, checked and inserted in one IMMEDIATE transaction so workers cannot race past it.
- Expiry: a brief is deleted BRIEF_TTL_DAYS after it was made. `purge()` runs at start and at most
  once a minute (per process) before a write; until then `load()` marks an expired brief `expired`.
- Delete on a full disk: in WAL mode even a delete must append to the log, which a full disk refuses.
  A reserve file of DELETE_RESERVE_MB beside the database is given back to the file system when that
  happens, and the delete tried again; it is made again at the next purge. A checkpoint that cannot
  finish does not undo the delete: `delete()` says the text is not wiped yet, and the next purge
  checkpoints again.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app, g

from summarizer.render import default_title

SCHEMA = """
CREATE TABLE IF NOT EXISTS briefs (
    id        TEXT PRIMARY KEY,   -- secrets.token_urlsafe(16): the permalink, unguessable
    created   TEXT NOT NULL,      -- ISO 8601, UTC
    updated   TEXT NOT NULL,
    title     TEXT NOT NULL,      -- chosen when saved (render.default_title), changed only by its maker
    options   TEXT NOT NULL,      -- JSON: max_words, max_sentences, algorithm, language
    documents TEXT NOT NULL,      -- JSON: the articles as read (text, title, url, date, name)
    brief     TEXT NOT NULL       -- JSON: Brief.to_dict()
) WITHOUT ROWID
"""
# Columns added since the first schema, with their definitions; init_db adds those a file lacks.
COLUMNS = {
    "page": "TEXT",  # JSON: what the brief page shows (web/views.page_data), bounded; NULL: derive it
    "edit_hash": "TEXT",  # SHA-256 hex of the edit token; NULL: saved before ownership (read-only)
    "client": "TEXT",  # keyed hash of the maker's address, for the quota
    "owner": "TEXT",  # keyed hash of the maker's browser key, for the quota
    "size": "INTEGER NOT NULL DEFAULT 0",  # bytes of options, documents, brief and page: the quota's unit
}
INDEXES = """
CREATE INDEX IF NOT EXISTS briefs_created ON briefs (created);
CREATE INDEX IF NOT EXISTS briefs_client ON briefs (client, created);
CREATE INDEX IF NOT EXISTS briefs_owner ON briefs (owner, created);
"""

ID_BYTES = 16
MiB = 1024 * 1024
PURGE_EVERY_SECONDS = 60  # at most one purge per process per minute, run before a write
PURGE_BATCH = 200  # expired briefs deleted by one purge: bounds the work a request does for it


class StorageError(Exception):
    """A write to the database failed; `reason` says why in the user's words (it ends without a full stop)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class QuotaExceeded(Exception):
    """The maker has saved as many briefs, or bytes, as a day allows.

    `too_large` is set when this one brief is over the whole daily size; otherwise `retry_after` is the
    number of seconds until enough of the day's briefs are older than a day.
    """

    def __init__(self, quota: Quota, briefs: int, size: int, adding: int, retry_after: int, too_large: bool = False):
        super().__init__(f"quota exceeded: {briefs} briefs, {size} bytes")
        self.quota = quota
        self.briefs = briefs
        self.size = size
        self.adding = adding
        self.retry_after = retry_after
        self.too_large = too_large


def _is_full(error: sqlite3.Error) -> bool:
    return "full" in str(error).lower()


def _reason(error: sqlite3.OperationalError) -> str:
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        return "The server's storage is read-only at the moment"
    if "full" in text:
        return "The server's disk is full"
    if "locked" in text or "busy" in text:
        return "The server is too busy to save right now"
    return "The server could not write to its storage"


@contextmanager
def _writing() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        current_app.logger.error("Could not write to %s: %s", current_app.config["DATABASE"], error)
        raise StorageError(_reason(error)) from error


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction taken at its start (BEGIN IMMEDIATE), so what it reads stays true until it commits."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.commit()


@dataclass(frozen=True)
class SavedBrief:
    id: str
    created: str
    updated: str
    title: str
    options: dict[str, Any]
    documents: list[dict[str, Any]]  # empty when loaded with articles=False
    brief: dict[str, Any]  # empty when loaded with brief=False (and a page copy was kept)
    page: dict[str, Any] | None = None  # what the brief page shows, kept when saved; None before
    edit_hash: str | None = None  # None: saved before edit tokens existed
    expires: str = ""  # ISO 8601, UTC
    expired: bool = False  # past `expires` but not purged yet


@dataclass(frozen=True)
class BriefListing:
    id: str
    created: str
    title: str


@dataclass(frozen=True)
class Maker:
    """Who saves a brief, as keyed hashes (web/ownership.py): the client address and the browser's key."""

    client: str
    owner: str | None = None


@dataclass(frozen=True)
class Quota:
    briefs: int  # briefs per maker per window
    bytes: int  # bytes per maker per window
    seconds: int = 86_400  # the window: a day


@dataclass(frozen=True)
class Deleted:
    """What `delete()` did: `found` (the brief existed and is gone: it is what bool() gives) and `wiped`
    (its text is gone from the database file too; False when the checkpoint could not finish)."""

    found: bool
    wiped: bool = True

    def __bool__(self) -> bool:
        return self.found


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=5.0)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exception: BaseException | None = None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


def init_db(path: str) -> None:
    try:  # the file holds people's articles: readable by the app's user only (SQLite gives -wal/-shm the same mode)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    connection = connect(path)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        if not set(COLUMNS) <= _columns(connection):  # a database that is up to date is not written (it may be read-only)
            with _immediate(connection):  # several workers start at once: one adds the columns, the others see them
                connection.execute(SCHEMA)
                have = _columns(connection)
                for name, definition in COLUMNS.items():
                    if name not in have:
                        connection.execute(f"ALTER TABLE briefs ADD COLUMN {name} {definition}")
        connection.executescript(INDEXES)
        connection.commit()
    finally:
        connection.close()


def _columns(connection: sqlite3.Connection) -> set[str]:
    return {row["name"] for row in connection.execute("PRAGMA table_info(briefs)")}


def reserve_path(database: str) -> str:
    """The reserve file: beside the database (same file system), named so a glob of the database's files skips it."""
    directory, name = os.path.split(os.path.abspath(database))
    return os.path.join(directory, f".{name}.reserve")


def ensure_reserve(database: str, size: int) -> bool:
    """Make the reserve file of `size` bytes when it is missing (none when `size` is 0); False (and no
    partial file) when the disk has no room for it."""
    path = reserve_path(database)
    if size <= 0 or os.path.exists(path):
        return True
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it
        return True
    except OSError:
        return False
    try:
        try:
            os.posix_fallocate(fd, 0, size)  # blocks allocated, nothing written
        except OSError as error:
            if error.errno not in (95, 22):  # EOPNOTSUPP, EINVAL: the file system cannot; write zeros instead
                raise
            chunk = bytes(1024 * 1024)
            for _ in range(-(-size // len(chunk))):
                os.write(fd, chunk)
            os.fsync(fd)
    except OSError:
        os.close(fd)
        os.unlink(path)
        return False
    os.close(fd)
    return True


def release_reserve(database: str) -> bool:
    """Give the reserve's space back to the file system; False when there was none to give."""
    try:
        os.unlink(reserve_path(database))
    except FileNotFoundError:
        return False
    return True


def init_app(app: Flask) -> None:
    reserve = app.config.get("DELETE_RESERVE_MB", 0)
    if isinstance(reserve, bool) or not isinstance(reserve, int) or reserve < 0:
        raise RuntimeError(f"DELETE_RESERVE_MB must be a whole number of megabytes (0 for none), not {reserve!r}.")
    try:
        init_db(app.config["DATABASE"])
    except (OSError, sqlite3.Error) as error:
        raise RuntimeError(
            f"The database {app.config['DATABASE']} cannot be opened ({error}). "
            "Check SUMMARIZER_DATA_DIR or SUMMARIZER_DATABASE, and that the directory is writable."
        ) from error
    app.extensions["store"] = {"last_purge": float("-inf")}
    app.teardown_appcontext(close_db)
    with app.app_context():  # at start: expired briefs go, and the reserve is made
        maybe_purge()


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
    """Delete up to PURGE_BATCH expired briefs, then checkpoint (wiping their text); return how many went.

    Raises StorageError when the database cannot be written.
    """
    db = get_db()
    with _writing():
        with db:
            ids = [row["id"] for row in db.execute(
                "SELECT id FROM briefs WHERE created < ? ORDER BY created LIMIT ?", (_expiry_cutoff(), PURGE_BATCH)
            )]
            if ids:
                db.execute(f"DELETE FROM briefs WHERE id IN ({','.join('?' * len(ids))})", ids)
    _checkpoint(db)  # also finishes the wiping of a delete whose checkpoint failed before
    if ids:
        current_app.logger.info("Purged %d expired brief(s)", len(ids))
    return len(ids)


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
    ensure_reserve(current_app.config["DATABASE"], current_app.config.get("DELETE_RESERVE_MB", 0) * MiB)


# --- quota -------------------------------------------------------------------------------------


def usage(maker: Maker, since: str) -> tuple[int, int, str | None]:
    """(briefs, bytes, oldest created) saved since `since` by the maker's address or browser."""
    db = get_db()
    clauses, values = ["client = ?"], [maker.client]
    if maker.owner:
        clauses.append("owner = ?")
        values.append(maker.owner)
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(size), 0), MIN(created) FROM briefs"
        f" WHERE ({' OR '.join(clauses)}) AND created >= ?",
        (*values, since),
    ).fetchone()
    return row[0], row[1], row[2]


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
    db = get_db()
    with _writing(), db:
        changed = db.execute("UPDATE briefs SET title = ?, updated = ? WHERE id = ?", (title, _now(), brief_id))
        return changed.rowcount == 1


def new_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


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
    db = get_db()
    brief_id = brief_id or new_id()
    now = _now()
    columns = (
        json.dumps(options),
        json.dumps(documents, ensure_ascii=False),
        json.dumps(brief, ensure_ascii=False),
        None if page is None else json.dumps(page, ensure_ascii=False),
    )
    size = sum(len(c.encode()) for c in columns if c is not None)
    with _writing(), _immediate(db):
        if maker is not None and quota is not None:
            check_quota(maker, quota, size)
        db.execute(
            "INSERT INTO briefs (id, created, updated, title, options, documents, brief, page, edit_hash, client,"
            " owner, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                brief_id,
                now,
                now,
                _title(documents, brief),
                *columns,
                edit_hash,
                maker.client if maker else None,
                maker.owner if maker else None,
                size,
            ),
        )
    return brief_id


def update(brief_id: str, options: dict[str, Any], brief: dict[str, Any], *, page: dict[str, Any] | None = None) -> bool:
    """Replace a brief made again from its saved articles, keeping its title; False when it no longer exists."""
    maybe_purge()
    db = get_db()
    with _writing(), db:
        row = db.execute("SELECT documents, options FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if row is None:
            return False
        new = (json.dumps(options), json.dumps(brief, ensure_ascii=False),
               None if page is None else json.dumps(page, ensure_ascii=False))
        db.execute(
            "UPDATE briefs SET updated = ?, options = ?, brief = ?, page = ?, size = ? WHERE id = ?",
            (
                _now(),
                *new,
                len(row["documents"].encode()) + sum(len(c.encode()) for c in new if c is not None),
                brief_id,
            ),
        )
    return True


def claim(brief_id: str, edit_hash: str) -> bool:
    """Give a brief saved before edit tokens its first one; False when it has one already (or is gone)."""
    db = get_db()
    with _writing(), db:
        return db.execute(
            "UPDATE briefs SET edit_hash = ? WHERE id = ? AND edit_hash IS NULL", (edit_hash, brief_id)
        ).rowcount == 1


def keep_page(brief_id: str, page: dict[str, Any]) -> None:
    """Keep the page copy of a brief saved without one (the first time it is opened); raises StorageError."""
    db = get_db()
    text = json.dumps(page, ensure_ascii=False)
    with _writing(), db:
        db.execute("UPDATE briefs SET page = ?, size = size + ? WHERE id = ? AND page IS NULL",
                   (text, len(text.encode()), brief_id))


def load(brief_id: str, *, articles: bool = True, brief: bool = True) -> SavedBrief | None:
    """The saved brief, or None. `articles=False` leaves the input articles unread (`documents` is empty);
    `brief=False` leaves the full brief unread when a page copy was kept (what the brief page needs)."""
    parts = ["id", "created", "updated", "title", "options", "page", "edit_hash"]
    if articles:
        parts.append("documents")
    if brief:
        parts.append("brief")
    db = get_db()
    row = db.execute(f"SELECT {', '.join(parts)} FROM briefs WHERE id = ?", (brief_id,)).fetchone()
    if row is None:
        return None
    full = row["brief"] if brief else None
    if not brief and row["page"] is None:  # saved before page copies were kept: the page derives it
        full = db.execute("SELECT brief FROM briefs WHERE id = ?", (brief_id,)).fetchone()["brief"]
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
    marks = ",".join("?" * len(ids))
    rows = get_db().execute(
        f"SELECT id, created, title FROM briefs WHERE id IN ({marks}) AND created >= ?", (*ids, _expiry_cutoff())
    ).fetchall()
    found = {row["id"]: BriefListing(row["id"], row["created"], row["title"]) for row in rows}
    return [found[i] for i in ids if i in found]


def _delete_row(db: sqlite3.Connection, brief_id: str) -> int:
    with db:
        return db.execute("DELETE FROM briefs WHERE id = ?", (brief_id,)).rowcount


def _checkpoint(db: sqlite3.Connection) -> bool:
    """Copy the log into the main file (with the zeroed pages of deleted briefs) and empty it; False when
    that could not finish (readers in the way, a full disk), logged, to be tried again at the next purge."""
    try:
        busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as error:
        current_app.logger.warning("WAL checkpoint failed: %s", error)
        return False
    if busy:
        current_app.logger.warning("WAL checkpoint could not finish: readers in the way")
    return not busy


def delete(brief_id: str) -> Deleted:
    """Delete a brief and wipe its text from the database file.

    Returns Deleted(found=False) when it did not exist; `wiped` is False when the row is gone but the
    checkpoint that wipes its text from the file could not finish (tried again at the next purge).
    On a full disk the reserve file is released and the delete tried once more.

    Raises StorageError when even that fails.
    """
    maybe_purge()
    db = get_db()
    database = current_app.config["DATABASE"]
    try:
        deleted = _delete_row(db, brief_id)
    except sqlite3.OperationalError as error:
        if not (_is_full(error) and release_reserve(database)):
            current_app.logger.error("Could not delete from %s: %s", database, error)
            raise StorageError(_reason(error)) from error
        current_app.logger.warning("Disk full: released the reserve file to delete brief %s", brief_id)
        with _writing():
            deleted = _delete_row(db, brief_id)
    if not deleted:
        return Deleted(found=False)
    return Deleted(found=True, wiped=_checkpoint(db))
