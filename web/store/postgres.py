"""Saved briefs in PostgreSQL (psycopg 3 with a connection pool), for several app hosts sharing one database.

Chosen when SUMMARIZER_DATABASE_URL is a postgresql:// URL. Each process has its own pool (made on first
use in that process: gunicorn forks its workers from a master that must not hand them its connections);
a request takes one connection from it and gives it back on teardown. Connections run in autocommit, and
the writes that must be one unit take an explicit transaction.

Schema: a small versioned list, MIGRATIONS, applied in order at start (or by `python -m web.store migrate`)
under an advisory lock, so hosts and workers starting together apply each step once; `schema_migrations`
records what was applied. Add a step at the end to change the schema; never edit an applied one.

Quota: a save takes a transaction-scoped advisory lock on each of its maker's keys (address, browser)
before it counts, so two saves by one maker on two hosts cannot both pass the check.

Delete: the row and its TOAST chunks (the long articles) go in one statement and no query can read them
again. PostgreSQL does not overwrite freed space: the bytes stay in the table's free space until it is
reused (autovacuum makes it reusable), and in the write-ahead log until it is recycled. `VACUUM FULL
briefs` rewrites the table without them (README: Deleting on PostgreSQL).

Errors: a database that refuses (read-only, disk full, a lock held too long) or does not answer raises
StorageError; when it does not answer, reading fails too (`reads_work=False`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool
from flask import current_app, g

from .base import Backend, Deleted, StorageError

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
CREATE TABLE briefs (
    id        text PRIMARY KEY,             -- secrets.token_urlsafe(16): the permalink, unguessable
    created   timestamptz NOT NULL,
    updated   timestamptz NOT NULL,
    title     text NOT NULL,
    -- JSON kept as text, not jsonb: jsonb reorders keys, and the brief's key order is part of the API's answer
    options   text NOT NULL,
    documents text NOT NULL,
    brief     text NOT NULL,
    page      text,                         -- what the brief page shows; NULL: derive it
    edit_hash text,                         -- SHA-256 hex of the edit token
    client    text,                         -- keyed hash of the maker's address, for the quota
    owner     text,                         -- keyed hash of the maker's browser key, for the quota
    size      bigint NOT NULL DEFAULT 0     -- bytes of options, documents, brief and page: the quota's unit
);
CREATE INDEX briefs_created ON briefs (created);
CREATE INDEX briefs_client ON briefs (client, created);
CREATE INDEX briefs_owner ON briefs (owner, created);
"""),
]
MIGRATION_LOCK = 7_305_512_001  # any constant: the advisory lock key that serialises migrations
# Connections per process. A request holds at most one; make run's pages workers run 4 threads each, the
# summarising ones 1: 4 covers both, and N hosts x (2 + 2) processes x 4 stays well under max_connections (100).
POOL_MAX = 4
# Seconds a request waits for a connection before it is told the database is not answering; a database that
# is up hands one over in milliseconds.
POOL_WAIT_SECONDS = 3
# Milliseconds a statement may wait for a lock (as SQLite's busy timeout) and may run in all.
LOCK_TIMEOUT_MS = 5_000
STATEMENT_TIMEOUT_MS = 15_000


def _iso(value: datetime | str | None) -> str | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    return value


def _reason(error: psycopg.Error) -> tuple[str, bool]:
    """The user's words for what went wrong, and whether reading still works."""
    if isinstance(error, pg_errors.ReadOnlySqlTransaction):
        return "The server's storage is read-only at the moment", True
    if isinstance(error, pg_errors.DiskFull):
        return "The server's disk is full", True
    if isinstance(error, (pg_errors.LockNotAvailable, pg_errors.QueryCanceled, pg_errors.DeadlockDetected,
                          pg_errors.SerializationFailure, pg_errors.TooManyConnections)):
        return "The server is too busy to save right now", True
    if isinstance(error, psycopg.OperationalError):  # not answering: refused, gone away, pool timed out
        return "The server's database is not answering", False
    return "The server could not write to its storage", True


def connection_kwargs() -> dict[str, Any]:
    return {
        "autocommit": True,
        "row_factory": dict_row,
        "connect_timeout": POOL_WAIT_SECONDS,
        "options": f"-c timezone=UTC -c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS}",
    }


def migrate(url: str) -> int:
    """Apply the MIGRATIONS this database lacks; the schema version it is at."""
    with psycopg.connect(url, **connection_kwargs()) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                               "(version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())")
            done = {row["version"] for row in connection.execute("SELECT version FROM schema_migrations")}
            for version, sql in MIGRATIONS:
                if version in done:
                    continue
                with connection.transaction():
                    connection.execute(sql)
                    connection.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
            return max([*done, *(v for v, _ in MIGRATIONS)])
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


def schema_version(url: str) -> int:
    """The newest migration applied (0: none); reads only, so a read-only database is enough."""
    with psycopg.connect(url, **connection_kwargs()) as connection:
        exists = connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS e").fetchone()["e"]
        if not exists:
            return 0
        return connection.execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").fetchone()["v"]


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, url: str):
        self.url = url
        self._pool: ConnectionPool | None = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()  # a gthread worker's threads ask for the pool at once

    # --- connections ------------------------------------------------------------------------------------------

    def pool(self) -> ConnectionPool:
        with self._pool_lock:
            return self._own_pool()

    def _own_pool(self) -> ConnectionPool:
        if self._pool is None or self._pool_pid != os.getpid():
            # A pool inherited through fork is the master's: its threads did not come along, and its sockets
            # must not be used by two processes. It is left alone; this process makes its own.
            self._pool = ConnectionPool(self.url, min_size=1, max_size=POOL_MAX, kwargs=connection_kwargs(),
                                        timeout=POOL_WAIT_SECONDS, check=ConnectionPool.check_connection,
                                        name=f"briefs-{os.getpid()}", open=True)
            self._pool_pid = os.getpid()
        return self._pool

    def release(self) -> None:
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.close()
        self._pool = None

    def connection(self) -> psycopg.Connection:
        if "pg" not in g:
            pool = self.pool()
            try:
                g.pg = pool.getconn()
            except psycopg.Error as error:
                raise self._error(error) from error
            g.pg_pool = pool
        return g.pg

    def close_request(self) -> None:
        connection, pool = g.pop("pg", None), g.pop("pg_pool", None)
        if connection is not None and pool is not None and not pool.closed:
            pool.putconn(connection)

    def _error(self, error: psycopg.Error) -> StorageError:
        reason, reads_work = _reason(error)
        current_app.logger.error("PostgreSQL refused or did not answer: %s", error)
        return StorageError(reason, reads_work=reads_work)

    @contextmanager
    def _using(self) -> Iterator[psycopg.Connection]:
        """The request's connection, with the driver's errors turned into StorageError."""
        try:
            yield self.connection()
        except psycopg.Error as error:
            raise self._error(error) from error

    # --- the interface ----------------------------------------------------------------------------------------

    def init(self) -> None:
        try:
            if schema_version(self.url) < MIGRATIONS[-1][0]:
                migrate(self.url)
        except psycopg.Error as error:
            raise RuntimeError(
                f"The database at SUMMARIZER_DATABASE_URL cannot be used ({str(error).strip()}). Check that "
                "PostgreSQL is running and answers at that address, and that the user may create tables there "
                "(or run `python -m web.store migrate` as one who may)."
            ) from error

    def usage(self, client: str, owner: str | None, since: str) -> tuple[int, int, str | None]:
        clause = "(client = %(client)s OR owner = %(owner)s)" if owner else "client = %(client)s"
        with self._using() as db:
            row = db.execute(
                "SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS size, MIN(created) AS oldest FROM briefs"
                f" WHERE {clause} AND created >= %(since)s",
                {"client": client, "owner": owner, "since": since},
            ).fetchone()
        return row["n"], int(row["size"]), _iso(row["oldest"])

    def insert(self, row: dict[str, Any], check: Callable[[], None] | None) -> None:
        keys = sorted({f"client:{row['client']}", *([f"owner:{row['owner']}"] if row.get("owner") else [])}) \
            if row.get("client") else []
        with self._using() as db, db.transaction():
            for key in keys:  # in one order everywhere, so two saves never wait for each other in a circle
                db.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
            if check is not None:
                check()
            db.execute(f"INSERT INTO briefs ({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))})",
                       tuple(row.values()))

    def update(self, brief_id: str, updated: str, options: str, brief: str, page: str | None) -> bool:
        size = sum(len(c.encode()) for c in (options, brief, page) if c is not None)
        with self._using() as db:
            return db.execute(
                "UPDATE briefs SET updated = %s, options = %s, brief = %s, page = %s,"
                " size = octet_length(documents) + %s WHERE id = %s",
                (updated, options, brief, page, size, brief_id),
            ).rowcount == 1

    def set_title(self, brief_id: str, title: str, updated: str) -> bool:
        with self._using() as db:
            return db.execute("UPDATE briefs SET title = %s, updated = %s WHERE id = %s",
                              (title, updated, brief_id)).rowcount == 1

    def claim(self, brief_id: str, edit_hash: str) -> bool:
        with self._using() as db:
            return db.execute("UPDATE briefs SET edit_hash = %s WHERE id = %s AND edit_hash IS NULL",
                              (edit_hash, brief_id)).rowcount == 1

    def keep_page(self, brief_id: str, page: str) -> None:
        with self._using() as db:
            db.execute("UPDATE briefs SET page = %s, size = size + %s WHERE id = %s AND page IS NULL",
                       (page, len(page.encode()), brief_id))

    def load(self, brief_id: str, columns: list[str]) -> dict[str, Any] | None:
        with self._using() as db:
            row = db.execute(f"SELECT {', '.join(columns)} FROM briefs WHERE id = %s", (brief_id,)).fetchone()
        if row is None:
            return None
        return {name: _iso(value) if name in ("created", "updated") else value for name, value in row.items()}

    def listing(self, ids: list[str], cutoff: str) -> list[tuple[str, str, str]]:
        with self._using() as db:
            rows = db.execute("SELECT id, created, title FROM briefs WHERE id = ANY(%s) AND created >= %s",
                              (ids, cutoff)).fetchall()
        return [(row["id"], _iso(row["created"]), row["title"]) for row in rows]

    def purge(self, cutoff: str, batch: int) -> int:
        with self._using() as db:  # SKIP LOCKED: hosts purging at once share the batch instead of waiting
            return db.execute(
                "DELETE FROM briefs WHERE id IN (SELECT id FROM briefs WHERE created < %s ORDER BY created"
                " LIMIT %s FOR UPDATE SKIP LOCKED)",
                (cutoff, batch),
            ).rowcount

    def delete(self, brief_id: str) -> Deleted:
        with self._using() as db:
            found = db.execute("DELETE FROM briefs WHERE id = %s", (brief_id,)).rowcount == 1
        return Deleted(found=found)
