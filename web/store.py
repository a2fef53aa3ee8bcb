"""Saved briefs: one SQLite table holding each brief with the articles and options it was made from.

A connection per request lives on `g` and is closed on teardown. Deleting a brief really removes
its articles from the file: `secure_delete` overwrites freed pages with zeros and a WAL checkpoint
copies that into the database file and empties the write-ahead log, which still held the text.

Several gunicorn workers share the file: WAL lets readers go on while one writes, and writers wait
up to the busy timeout for each other. A write that fails (a read-only or full disk, a lock held past
the timeout) raises `StorageError`; reading saved briefs does not need to write and goes on working.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS briefs (
    id        TEXT PRIMARY KEY,   -- secrets.token_urlsafe(16): the permalink, unguessable
    created   TEXT NOT NULL,      -- ISO 8601, UTC
    updated   TEXT NOT NULL,
    title     TEXT NOT NULL,      -- for lists: first article's title, or the brief's first words
    options   TEXT NOT NULL,      -- JSON: max_words, max_sentences, algorithm, language
    documents TEXT NOT NULL,      -- JSON: the articles as read (text, title, url, date, name)
    brief     TEXT NOT NULL       -- JSON: Brief.to_dict()
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS briefs_created ON briefs (created);
"""

ID_BYTES = 16


class StorageError(Exception):
    """A write to the database failed; `reason` says why in the user's words (it ends without a full stop)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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


@dataclass(frozen=True)
class SavedBrief:
    id: str
    created: str
    updated: str
    title: str
    options: dict[str, Any]
    documents: list[dict[str, Any]]
    brief: dict[str, Any]


@dataclass(frozen=True)
class BriefListing:
    id: str
    created: str
    title: str


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
        connection.executescript(SCHEMA)
        connection.commit()
    finally:
        connection.close()


def init_app(app: Flask) -> None:
    try:
        init_db(app.config["DATABASE"])
    except (OSError, sqlite3.Error) as error:
        raise RuntimeError(
            f"The database {app.config['DATABASE']} cannot be opened ({error}). "
            "Check SUMMARIZER_DATA_DIR or SUMMARIZER_DATABASE, and that the directory is writable."
        ) from error
    app.teardown_appcontext(close_db)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _title(documents: list[dict[str, Any]], brief: dict[str, Any]) -> str:
    for document in documents:
        if document.get("title"):
            return str(document["title"])[:200]
    words = str(brief.get("summary", {}).get("text", "")).split()
    if not words:
        return "Untitled brief"
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def new_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


def save(options: dict[str, Any], documents: list[dict[str, Any]], brief: dict[str, Any]) -> str:
    """Store a new brief; return its id. Raises StorageError when the database cannot be written."""
    db = get_db()
    brief_id = new_id()
    now = _now()
    with _writing(), db:
        db.execute(
            "INSERT INTO briefs (id, created, updated, title, options, documents, brief)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                brief_id,
                now,
                now,
                _title(documents, brief),
                json.dumps(options),
                json.dumps(documents, ensure_ascii=False),
                json.dumps(brief, ensure_ascii=False),
            ),
        )
    return brief_id


def update(brief_id: str, options: dict[str, Any], brief: dict[str, Any]) -> bool:
    """Replace a brief made again from its saved articles; False when it no longer exists."""
    db = get_db()
    with _writing(), db:
        row = db.execute("SELECT documents FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if row is None:
            return False
        db.execute(
            "UPDATE briefs SET updated = ?, title = ?, options = ?, brief = ? WHERE id = ?",
            (
                _now(),
                _title(json.loads(row["documents"]), brief),
                json.dumps(options),
                json.dumps(brief, ensure_ascii=False),
                brief_id,
            ),
        )
    return True


def load(brief_id: str) -> SavedBrief | None:
    row = get_db().execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
    if row is None:
        return None
    return SavedBrief(
        id=row["id"],
        created=row["created"],
        updated=row["updated"],
        title=row["title"],
        options=json.loads(row["options"]),
        documents=json.loads(row["documents"]),
        brief=json.loads(row["brief"]),
    )


def listing(ids: list[str]) -> list[BriefListing]:
    """The briefs among `ids` that still exist, in the order of `ids`."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = get_db().execute(f"SELECT id, created, title FROM briefs WHERE id IN ({marks})", ids).fetchall()
    found = {row["id"]: BriefListing(row["id"], row["created"], row["title"]) for row in rows}
    return [found[i] for i in ids if i in found]


def delete(brief_id: str) -> bool:
    """Delete a brief and wipe its text from the database file; False when it did not exist."""
    db = get_db()
    with _writing():
        with db:
            deleted = db.execute("DELETE FROM briefs WHERE id = ?", (brief_id,)).rowcount
        if deleted:
            # Copy the zeroed pages into the main file and empty the WAL, which held the inserted text.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return bool(deleted)
