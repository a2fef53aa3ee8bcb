"""Saved briefs in one SQLite file: the embedded default, nothing to install.

A connection per request lives on `g` and is closed on teardown. Deleting a brief really removes
its articles from the file: `secure_delete` overwrites freed pages with zeros and a WAL checkpoint
copies that into the database file and empties the write-ahead log, which still held the text.

Several gunicorn workers share the file: WAL lets readers go on while one writes, and writers wait
up to the busy timeout for each other. A write that fails (a read-only or full disk, a lock held past
the timeout) raises `StorageError`; reading saved briefs does not need to write and goes on working.

The schema grows in place: `init_db` adds the COLUMNS a file lacks, so a file of any earlier version opens.

Delete on a full disk: in WAL mode even a delete must append to the log, which a full disk refuses.
A reserve file of DELETE_RESERVE_MB beside the database is given back to the file system when that
happens, and the delete tried again; it is made again at the next purge. A checkpoint that cannot
finish does not undo the delete: `delete()` says the text is not wiped yet, and the next purge
checkpoints again.

`connect`, `_checkpoint` and `_delete_row` are called through the package (`web.store.connect`...), where
tests replace them to play a read-only, full or locked disk.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g

from .base import Backend, Deleted, StorageError

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
MiB = 1024 * 1024


def _package():
    from web import store

    return store


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


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=5.0)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = _package().connect(current_app.config["DATABASE"])
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
    connection = _package().connect(path)
    try:
        _use_wal(connection)
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


# How long a starting worker keeps asking for write-ahead logging while another holds the file.
WAL_SWITCH_SECONDS = 5.0


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch the file to write-ahead logging. The switch needs a lock that SQLite does not wait for
    (it answers "database is locked" at once rather than risk a deadlock, whatever the busy timeout),
    and gunicorn's workers all start at once on a new file: so ask again, briefly, until the one that
    got there first is done."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


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


class SQLiteBackend(Backend):
    name = "sqlite"

    def __init__(self, path: str, reserve_bytes: int):
        self.path = path
        self.reserve_bytes = reserve_bytes

    def init(self) -> None:
        try:
            init_db(self.path)
        except (OSError, sqlite3.Error) as error:
            raise RuntimeError(
                f"The database {self.path} cannot be opened ({error}). "
                "Check SUMMARIZER_DATA_DIR or SUMMARIZER_DATABASE, and that the directory is writable."
            ) from error

    def close_request(self) -> None:
        close_db()

    def usage(self, client: str, owner: str | None, since: str) -> tuple[int, int, str | None]:
        clauses, values = ["client = ?"], [client]
        if owner:
            clauses.append("owner = ?")
            values.append(owner)
        row = get_db().execute(
            "SELECT COUNT(*), COALESCE(SUM(size), 0), MIN(created) FROM briefs"
            f" WHERE ({' OR '.join(clauses)}) AND created >= ?",
            (*values, since),
        ).fetchone()
        return row[0], row[1], row[2]

    def insert(self, row: dict[str, Any], check: Callable[[], None] | None) -> None:
        db = get_db()
        with _writing(), _immediate(db):  # BEGIN IMMEDIATE: one writer at a time, so the quota check holds
            if check is not None:
                check()
            db.execute(f"INSERT INTO briefs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))

    def update(self, brief_id: str, updated: str, options: str, brief: str, page: str | None) -> bool:
        db = get_db()
        with _writing(), db:
            row = db.execute("SELECT documents FROM briefs WHERE id = ?", (brief_id,)).fetchone()
            if row is None:
                return False
            size = sum(len(c.encode()) for c in (row["documents"], options, brief, page) if c is not None)
            db.execute("UPDATE briefs SET updated = ?, options = ?, brief = ?, page = ?, size = ? WHERE id = ?",
                       (updated, options, brief, page, size, brief_id))
        return True

    def set_title(self, brief_id: str, title: str, updated: str) -> bool:
        db = get_db()
        with _writing(), db:
            return db.execute("UPDATE briefs SET title = ?, updated = ? WHERE id = ?",
                              (title, updated, brief_id)).rowcount == 1

    def claim(self, brief_id: str, edit_hash: str) -> bool:
        db = get_db()
        with _writing(), db:
            return db.execute("UPDATE briefs SET edit_hash = ? WHERE id = ? AND edit_hash IS NULL",
                              (edit_hash, brief_id)).rowcount == 1

    def keep_page(self, brief_id: str, page: str) -> None:
        db = get_db()
        with _writing(), db:
            db.execute("UPDATE briefs SET page = ?, size = size + ? WHERE id = ? AND page IS NULL",
                       (page, len(page.encode()), brief_id))

    def load(self, brief_id: str, columns: list[str]) -> dict[str, Any] | None:
        row = get_db().execute(f"SELECT {', '.join(columns)} FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        return dict(row) if row is not None else None

    def listing(self, ids: list[str], cutoff: str) -> list[tuple[str, str, str]]:
        marks = ",".join("?" * len(ids))
        rows = get_db().execute(f"SELECT id, created, title FROM briefs WHERE id IN ({marks}) AND created >= ?",
                                (*ids, cutoff)).fetchall()
        return [(row["id"], row["created"], row["title"]) for row in rows]

    def purge(self, cutoff: str, batch: int) -> int:
        db = get_db()
        with _writing():
            with db:
                ids = [row["id"] for row in db.execute(
                    "SELECT id FROM briefs WHERE created < ? ORDER BY created LIMIT ?", (cutoff, batch)
                )]
                if ids:
                    db.execute(f"DELETE FROM briefs WHERE id IN ({','.join('?' * len(ids))})", ids)
        _package()._checkpoint(db)  # also finishes the wiping of a delete whose checkpoint failed before
        return len(ids)

    def after_purge(self) -> None:
        ensure_reserve(self.path, self.reserve_bytes)

    def delete(self, brief_id: str) -> Deleted:
        package = _package()
        db = get_db()
        try:
            deleted = package._delete_row(db, brief_id)
        except sqlite3.OperationalError as error:
            if not (_is_full(error) and release_reserve(self.path)):
                current_app.logger.error("Could not delete from %s: %s", self.path, error)
                raise StorageError(_reason(error)) from error
            current_app.logger.warning("Disk full: released the reserve file to delete brief %s", brief_id)
            with _writing():
                deleted = package._delete_row(db, brief_id)
        if not deleted:
            return Deleted(found=False)
        return Deleted(found=True, wiped=package._checkpoint(db))
