"""Saved briefs, on both backends (SQLite and a real PostgreSQL, tests/servers.py): save, open, list, update,
delete, edit-token hashes, the per-client quota (also under concurrent saves), expiry and its purge. SQLite
only: a delete that leaves no trace in the file, the schema grown in place, delete on a full disk.
PostgreSQL only: versioned migrations, a delete that takes the long articles' TOAST chunks too, and the
503 of a database that is read-only or does not answer."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from web import store

SQLITE_ONLY = pytest.mark.parametrize("make_app", ["sqlite"], indirect=True)


@pytest.fixture(params=["sqlite", "postgres"])
def make_app(request, make_app):
    """Every test of this module on both backends: the conftest's app, or the same on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return make_app
    url = request.getfixturevalue("postgres_url")

    def make(**overrides):
        return make_app(**{"DATABASE_URL": url, **overrides})

    return make


def _sql(query: str, params: tuple = ()) -> list[dict]:
    """Rows of a query written for SQLite (`?` marks) on the app's backend, as dicts (inside an app context)."""
    db = store.get_db()
    if store.backend().name == "postgres":
        query = query.replace("?", "%s")
        with db.cursor() as cursor:
            cursor.execute(query, params)
            return list(cursor.fetchall()) if cursor.description else []
    with db:
        return [dict(row) for row in db.execute(query, params).fetchall()]

BRIEF = {
    "summary": {"text": "A sentence.", "word_count": 2, "sentences": []},
    "documents": [],
    "algorithm": "consensus",
    "language": "english",
    "input_words": 10,
    "notes": [],
}
OPTIONS = {"max_words": 120, "max_sentences": None, "algorithm": "consensus", "language": "english"}


def _documents(marker: str) -> list[dict]:
    return [{"text": f"Article text {marker} goes on.", "title": f"Title {marker}", "url": None, "date": None, "name": ""}]


def _database_bytes(app) -> bytes:
    path = Path(app.config["DATABASE"])
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_save_then_load(app):
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("alpha"), BRIEF)
        saved = store.load(brief_id)
    assert saved is not None
    assert saved.id == brief_id
    assert saved.options == OPTIONS
    assert saved.documents == _documents("alpha")
    assert saved.brief == BRIEF
    assert saved.title == "A sentence"  # the brief's lead: "Title alpha" shares no word with the brief
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", saved.created)


def test_ids_are_unguessable_and_unique(app):
    with app.app_context():
        ids = {store.save(OPTIONS, _documents(str(i)), BRIEF) for i in range(20)}
    assert len(ids) == 20
    for brief_id in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", brief_id)  # 16 random bytes


def _brief_of(*sentences: str) -> dict:
    return {**BRIEF, "summary": {"text": " ".join(sentences), "word_count": len(" ".join(sentences).split()),
                                 "sentences": [{"text": t, "score": 1.0, "support": 1, "sources": []} for t in sentences]}}


def _titled(*titles: str) -> list[dict]:
    return [{"text": "x", "title": title, "url": None, "date": None, "name": ""} for title in titles]


LEAD = "Japan and NATO will sign a new security document in Vilnius, Prime Minister Kishida said on Tuesday."


def test_title_is_the_articles_title_sharing_most_words_with_the_brief(app):
    titles = _titled("NHK World", "Kishida in Vilnius", "Kishida: Japan and NATO to sign security document")
    with app.app_context():
        saved = store.load(store.save(OPTIONS, titles, _brief_of(LEAD, "Talks follow.")))
    assert saved.title == "Kishida: Japan and NATO to sign security document"


def test_title_falls_back_to_the_lead_sentence_cut_at_a_word(app):
    brief = _brief_of(LEAD + " " + " ".join(f"word{i}" for i in range(30)), "Another sentence.")
    with app.app_context():
        saved = store.load(store.save(OPTIONS, _titled("NHK World", ""), brief))
    assert saved.title.endswith("…") and len(saved.title) <= 90
    assert brief["summary"]["sentences"][0]["text"].startswith(saved.title.removesuffix("…") + " ")


def test_title_is_kept_when_the_brief_is_made_again_and_changed_by_set_title(app):
    with app.app_context():
        brief_id = store.save(OPTIONS, _titled("Kishida: Japan and NATO to sign security document"), _brief_of(LEAD))
        assert store.update(brief_id, OPTIONS, _brief_of("A wholly different lead about other things."))
        assert store.load(brief_id).title == "Kishida: Japan and NATO to sign security document"
        assert store.set_title(brief_id, "Japan and NATO")
        assert store.update(brief_id, OPTIONS, _brief_of(LEAD))
        assert store.load(brief_id).title == "Japan and NATO"
        assert not store.set_title("D" * 22, "Nothing here")


def test_load_unknown_is_none(app):
    with app.app_context():
        assert store.load("A" * 22) is None


def test_update_replaces_options_and_brief_and_keeps_the_articles(app):
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("beta"), BRIEF)
        new_options = {**OPTIONS, "max_words": None, "max_sentences": 3}
        assert store.update(brief_id, new_options, {**BRIEF, "algorithm": "lexrank"})
        saved = store.load(brief_id)
        assert saved.options == new_options
        assert saved.brief["algorithm"] == "lexrank"
        assert saved.documents == _documents("beta")
        assert not store.update("B" * 22, OPTIONS, BRIEF)


def test_listing_keeps_the_given_order_and_skips_missing(app):
    with app.app_context():
        first = store.save(OPTIONS, _documents("one"), BRIEF)
        second = store.save(OPTIONS, _documents("two"), BRIEF)
        store.set_title(first, "Title one")
        store.set_title(second, "Title two")
        rows = store.listing([second, "C" * 22, first])
        assert [r.id for r in rows] == [second, first]
        assert [r.title for r in rows] == ["Title two", "Title one"]
        assert store.listing([]) == []


def test_delete_removes_the_row(app):
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("gamma"), BRIEF)
        assert store.delete(brief_id)
        assert store.load(brief_id) is None
        assert not store.delete(brief_id)


@SQLITE_ONLY
@pytest.mark.parametrize("size", [100, 20_000])  # one page, and overflow pages
def test_delete_leaves_no_trace_of_the_articles_in_the_file(app, size):
    marker = "UNIQUE-MARKER-7f3a9c"
    text = (marker + " ") * (size // len(marker))
    documents = [{"text": text, "title": marker, "url": None, "date": None, "name": ""}]
    keep = [{"text": "other article stays", "title": "kept", "url": None, "date": None, "name": ""}]
    # Another worker's connection stays open, so closing ours does not checkpoint and remove the WAL.
    other_worker = store.connect(app.config["DATABASE"])
    try:
        with app.app_context():
            kept_id = store.save(OPTIONS, keep, BRIEF)
            brief_id = store.save(OPTIONS, documents, {**BRIEF, "summary": {**BRIEF["summary"], "text": marker}})
            store.update(brief_id, OPTIONS, {**BRIEF, "notes": [marker]})
            assert marker.encode() in _database_bytes(app)  # the check can fail
            store.delete(brief_id)
            assert marker.encode() not in _database_bytes(app)
            assert store.load(kept_id) is not None
        assert other_worker.execute("SELECT COUNT(*) FROM briefs").fetchone()[0] == 1
        assert marker.encode() not in _database_bytes(app)
    finally:
        other_worker.close()


@SQLITE_ONLY
def test_database_uses_wal_and_each_connection_secure_delete_and_busy_timeout(app):
    with app.app_context():
        db = store.get_db()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


@SQLITE_ONLY
def test_a_connection_per_request_closed_on_teardown(app):
    with app.app_context():
        db = store.get_db()
        assert store.get_db() is db
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")


# --- the schema grows in place --------------------------------------------------------------------

OLD_SCHEMA = """
CREATE TABLE briefs (id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL, title TEXT NOT NULL,
    options TEXT NOT NULL, documents TEXT NOT NULL, brief TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX briefs_created ON briefs (created);
"""


@SQLITE_ONLY
def test_a_database_of_the_first_schema_gains_the_new_columns_and_keeps_its_briefs(make_app, tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(OLD_SCHEMA)
    old.execute("INSERT INTO briefs VALUES (?, ?, ?, ?, ?, ?, ?)", ("O" * 22, store._now(), store._now(), "Old",
                json.dumps(OPTIONS), json.dumps(_documents("old")), json.dumps(BRIEF)))
    old.commit()
    old.close()
    app = make_app(DATABASE=str(path))
    make_app(DATABASE=str(path))  # a second worker starting finds the columns there
    with app.app_context():
        columns = {row["name"] for row in store.get_db().execute("PRAGMA table_info(briefs)")}
        assert set(store.COLUMNS) <= columns
        saved = store.load("O" * 22)
    assert saved.title == "Old" and saved.brief == BRIEF
    assert saved.edit_hash is None and saved.page is None  # read-only until its maker claims it


def test_save_keeps_the_edit_hash_page_maker_and_size(app):
    maker = store.Maker(client="c" * 32, owner="o" * 32)
    page = {"page_version": 1, "x": "y"}
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("m"), BRIEF, page=page, brief_id="M" * 22, edit_hash="h" * 64,
                              maker=maker)
        row = _sql("SELECT * FROM briefs WHERE id = ?", (brief_id,))[0]
        saved = store.load(brief_id, articles=False, brief=False)
    assert brief_id == "M" * 22
    assert (row["client"], row["owner"], row["edit_hash"]) == ("c" * 32, "o" * 32, "h" * 64)
    assert row["size"] == sum(len(row[c].encode()) for c in ("options", "documents", "brief", "page"))
    assert saved.page == page and saved.documents == [] and saved.brief == {}  # only what the page needs


def test_claim_gives_an_old_brief_its_first_token_only(app):
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("c"), BRIEF)
        assert store.claim(brief_id, "a" * 64)
        assert not store.claim(brief_id, "b" * 64)
        assert store.load(brief_id).edit_hash == "a" * 64


# --- quota ------------------------------------------------------------------------------------------

QUOTA = store.Quota(briefs=3, bytes=1_000_000)


def _set_created(app, brief_id: str, when: datetime) -> None:
    with app.app_context():
        _sql("UPDATE briefs SET created = ? WHERE id = ?", (store._iso(when), brief_id))


def test_quota_counts_briefs_per_address_or_browser_in_the_last_day(app):
    me = store.Maker(client="addr-1", owner="browser-1")
    with app.app_context():
        first = store.save(OPTIONS, _documents("1"), BRIEF, maker=me, quota=QUOTA)
        store.save(OPTIONS, _documents("2"), BRIEF, maker=store.Maker("addr-1", "browser-2"), quota=QUOTA)
        store.save(OPTIONS, _documents("3"), BRIEF, maker=store.Maker("addr-2", "browser-1"), quota=QUOTA)
        with pytest.raises(store.QuotaExceeded) as refused:  # same address, or same browser: 3 already
            store.save(OPTIONS, _documents("4"), BRIEF, maker=me, quota=QUOTA)
        assert refused.value.briefs == 3 and not refused.value.too_large
        assert 0 < refused.value.retry_after <= 86_400
        assert store.load(store.listing([first])[0].id) is not None
        count = _sql("SELECT COUNT(*) AS n FROM briefs")[0]["n"]
        assert count == 3  # nothing saved by the refused one
        store.save(OPTIONS, _documents("5"), BRIEF, maker=store.Maker("addr-3", "browser-3"), quota=QUOTA)  # others may
    _set_created(app, first, store.utcnow() - timedelta(hours=25))  # a day later the first no longer counts
    with app.app_context():
        store.save(OPTIONS, _documents("6"), BRIEF, maker=me, quota=QUOTA)


def test_quota_counts_bytes_and_refuses_one_brief_over_the_days_size(app):
    me = store.Maker(client="addr-1")
    small = store.Quota(briefs=100, bytes=3_000)
    big = [{"text": "x" * 2_000, "title": "", "url": None, "date": None, "name": ""}]
    with app.app_context():
        store.save(OPTIONS, big, BRIEF, maker=me, quota=small)
        with pytest.raises(store.QuotaExceeded) as refused:
            store.save(OPTIONS, big, BRIEF, maker=me, quota=small)
        assert not refused.value.too_large and refused.value.size > 2_000
        with pytest.raises(store.QuotaExceeded) as refused:
            store.save(OPTIONS, [{**big[0], "text": "x" * 4_000}], BRIEF, maker=store.Maker("other"), quota=small)
        assert refused.value.too_large


def test_deleting_a_brief_gives_its_quota_back(app):
    me = store.Maker(client="addr-1")
    one = store.Quota(briefs=1, bytes=1_000_000)
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("1"), BRIEF, maker=me, quota=one)
        with pytest.raises(store.QuotaExceeded):
            store.check_quota(me, one)
        store.delete(brief_id)
        store.check_quota(me, one)


# --- expiry and purge ---------------------------------------------------------------------------------


def test_an_expired_brief_is_marked_until_purged_then_gone(make_app):
    app = make_app(BRIEF_TTL_DAYS=30)
    now = store.utcnow()
    with app.app_context():
        old = store.save(OPTIONS, _documents("old"), BRIEF)
        fresh = store.save(OPTIONS, _documents("fresh"), BRIEF)
    _set_created(app, old, now - timedelta(days=30, minutes=1))
    _set_created(app, fresh, now - timedelta(days=29, hours=23))
    with app.app_context():
        saved = store.load(old)
        assert saved.expired and saved.expires == store._iso(datetime.fromisoformat(saved.created) + timedelta(days=30))
        assert not store.load(fresh).expired
        assert [b.id for b in store.listing([old, fresh])] == [fresh]
        assert store.purge() == 1
        assert store.load(old) is None and store.load(fresh) is not None


@SQLITE_ONLY
def test_purge_wipes_the_expired_text_from_the_file(app):
    marker = "EXPIRED-MARKER-41c7"
    other_worker = store.connect(app.config["DATABASE"])  # keeps the WAL file alive
    try:
        with app.app_context():
            brief_id = store.save(OPTIONS, [{"text": marker * 50, "title": marker, "url": None, "date": None,
                                             "name": ""}], BRIEF)
        _set_created(app, brief_id, store.utcnow() - timedelta(days=31))
        assert marker.encode() in _database_bytes(app)
        with app.app_context():
            store.purge()
        assert marker.encode() not in _database_bytes(app)
    finally:
        other_worker.close()


def test_purge_runs_at_start_and_at_most_once_a_minute_on_writes(make_app, monkeypatch):
    app = make_app()
    with app.app_context():
        expired = [store.save(OPTIONS, _documents(str(i)), BRIEF) for i in range(2)]
    for brief_id in expired:
        _set_created(app, brief_id, store.utcnow() - timedelta(days=40))
    with app.app_context():  # this process purged at start, less than a minute ago: the write does not purge
        store.save(OPTIONS, _documents("w"), BRIEF)
        assert store.load(expired[0]) is not None
    clock = time.monotonic() + store.PURGE_EVERY_SECONDS + 1
    monkeypatch.setattr(store.time, "monotonic", lambda: clock)
    with app.app_context():  # a minute later it does
        store.save(OPTIONS, _documents("x"), BRIEF)
        assert store.load(expired[0]) is None and store.load(expired[1]) is None
    with app.app_context():
        again = store.save(OPTIONS, _documents("y"), BRIEF)
    _set_created(app, again, store.utcnow() - timedelta(days=40))
    restarted = make_app()  # a new worker purges as it starts
    with restarted.app_context():
        assert store.load(again) is None


def test_purge_is_bounded_per_run(app, monkeypatch):
    monkeypatch.setattr(store, "PURGE_BATCH", 3)
    with app.app_context():
        ids = [store.save(OPTIONS, _documents(str(i)), BRIEF) for i in range(5)]
    for brief_id in ids:
        _set_created(app, brief_id, store.utcnow() - timedelta(days=40))
    with app.app_context():
        assert store.purge() == 3
        assert store.purge() == 2
        assert store.purge() == 0


def test_the_clock_decides_expiry(app, monkeypatch):
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("t"), BRIEF)
    later = store.utcnow() + timedelta(days=app.config["BRIEF_TTL_DAYS"], seconds=5)
    monkeypatch.setattr(store, "utcnow", lambda: later)
    with app.app_context():
        assert store.load(brief_id).expired
        assert store.purge() == 1


# --- delete on a full disk ------------------------------------------------------------------------------


def _small_database(monkeypatch, pages: int) -> None:
    """Every connection of the app refuses to grow the file past `pages` pages: a full disk, for SQLite."""
    real = store.connect

    def connect(path):
        connection = real(path)
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(store, "connect", connect)


def _fill(app) -> list[str]:
    ids = []
    with app.app_context():
        while True:
            try:
                ids.append(store.save(OPTIONS, [{"text": secrets_text(), "title": "t", "url": None, "date": None,
                                                 "name": ""}], BRIEF))
            except store.StorageError as error:
                assert error.reason == "The server's disk is full"
                return ids


def secrets_text() -> str:
    import secrets

    return secrets.token_hex(3_000)


@SQLITE_ONLY
def test_delete_works_and_wipes_when_the_database_is_full(app, monkeypatch):
    _small_database(monkeypatch, 60)
    ids = _fill(app)
    assert len(ids) >= 3
    with app.app_context():
        outcome = store.delete(ids[0])
        assert outcome and outcome.found and outcome.wiped
        assert store.load(ids[0]) is None
        store.save(OPTIONS, _documents("after"), BRIEF)  # the freed pages are used again


@SQLITE_ONLY
def test_a_checkpoint_that_fails_does_not_undo_the_delete(app, monkeypatch):
    def failing(db):
        return False

    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("k"), BRIEF)
        monkeypatch.setattr(store, "_checkpoint", failing)
        outcome = store.delete(brief_id)
        assert outcome.found and not outcome.wiped
        assert store.load(brief_id) is None


@SQLITE_ONLY
def test_a_checkpoint_that_raises_is_reported_not_raised(app):
    class Failing:
        def execute(self, sql):
            raise sqlite3.OperationalError("database or disk is full")

    with app.app_context():
        assert store._checkpoint(Failing()) is False


@SQLITE_ONLY
def test_on_a_full_disk_delete_releases_the_reserve_and_tries_again(make_app, monkeypatch):
    app = make_app(DELETE_RESERVE_MB=2)
    reserve = store.reserve_path(app.config["DATABASE"])
    assert os.path.getsize(reserve) == 2 * store.MiB  # made at start
    real = store._delete_row
    calls = []

    def full_once(db, brief_id):
        calls.append(brief_id)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real(db, brief_id)

    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("r"), BRIEF)
        monkeypatch.setattr(store, "_delete_row", full_once)
        assert store.delete(brief_id)
        assert store.load(brief_id) is None
    assert calls == [brief_id, brief_id] and not os.path.exists(reserve)
    with app.app_context():  # made again at the next purge
        app.extensions["store"]["last_purge"] = float("-inf")
        store.maybe_purge()
    assert os.path.getsize(reserve) == 2 * store.MiB


@SQLITE_ONLY
def test_on_a_full_disk_without_a_reserve_delete_says_why(app, monkeypatch):
    assert not os.path.exists(store.reserve_path(app.config["DATABASE"]))  # DELETE_RESERVE_MB=0

    def full(db, brief_id):
        raise sqlite3.OperationalError("database or disk is full")

    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("n"), BRIEF)
        monkeypatch.setattr(store, "_delete_row", full)
        with pytest.raises(store.StorageError) as failed:
            store.delete(brief_id)
    assert failed.value.reason == "The server's disk is full"


@SQLITE_ONLY
@pytest.mark.slow
def test_delete_on_a_real_full_file_system(make_app, tmp_path):
    """Regression (issue 8): on a full disk delete answered 503, as even a delete appends to the WAL.
    Needs root to mount an 8 MB tmpfs; skipped elsewhere."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        app = make_app(DATA_DIR=str(mount / "data"), DELETE_RESERVE_MB=4)
        ids = []
        with app.app_context():
            while True:  # fill the disk: the reserve (4 MB) leaves about 4 MB for briefs
                try:
                    ids.append(store.save(OPTIONS, [{"text": secrets_text() * 10, "title": "t", "url": None,
                                                     "date": None, "name": ""}], BRIEF))
                except store.StorageError as error:
                    assert error.reason == "The server's disk is full"
                    break
            assert len(ids) > 3
            for brief_id in ids[:3]:
                assert store.delete(brief_id)
                assert store.load(brief_id) is None
    finally:
        subprocess.run(["umount", str(mount)], check=False)


# --- saves at once --------------------------------------------------------------------------------------------


def _save_in_thread(app, marker: str, maker: store.Maker | None = None, quota: store.Quota | None = None) -> str | None:
    with app.app_context():
        try:
            return store.save(OPTIONS, _documents(marker), BRIEF, maker=maker, quota=quota)
        except store.QuotaExceeded:
            return None


def test_saves_at_once_lose_nothing_and_one_maker_never_passes_the_quota(app):
    """Regression guard for the quota's transaction: twelve saves by one maker at once, three allowed."""
    from concurrent.futures import ThreadPoolExecutor

    me = store.Maker(client="addr-race", owner="browser-race")
    with ThreadPoolExecutor(max_workers=12) as pool:
        raced = list(pool.map(lambda n: _save_in_thread(app, f"race{n}", me, QUOTA), range(12)))
        others = list(pool.map(lambda n: _save_in_thread(app, f"other{n}"), range(24)))
    assert len([i for i in raced if i]) == QUOTA.briefs
    assert all(others) and len(set(others)) == 24
    with app.app_context():
        assert _sql("SELECT COUNT(*) AS n FROM briefs")[0]["n"] == QUOTA.briefs + 24
        assert all(store.load(i).documents == _documents(f"other{n}") for n, i in enumerate(others))


def _open_new_database_at_once(path: str, barrier, answers) -> None:
    from web.store.sqlite import init_db

    barrier.wait()
    try:
        init_db(path)
        answers.put("")
    except sqlite3.Error as error:
        answers.put(repr(error))


@pytest.mark.slow
def test_workers_starting_at_once_on_a_new_database_all_open_it(tmp_path):
    """Regression: of gunicorn's workers starting on a new file, one could fail "database is locked" while
    another switched it to write-ahead logging (the switch does not wait out the busy timeout), and
    gunicorn exited. Four processes at once on each of 40 new files: all open it (before: 3 of 160 failed)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    failures = []
    for round_ in range(40):
        path = str(tmp_path / f"briefs{round_}.db")
        barrier, answers = context.Barrier(4), context.Queue()
        workers = [context.Process(target=_open_new_database_at_once, args=(path, barrier, answers)) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=30)
        failures += [answer for answer in (answers.get(timeout=5) for _ in workers) if answer]
    assert failures == []


# --- PostgreSQL only ------------------------------------------------------------------------------------------

POSTGRES_ONLY = pytest.mark.parametrize("make_app", ["postgres"], indirect=True)


@POSTGRES_ONLY
def test_the_postgres_schema_is_versioned_and_migrating_again_changes_nothing(app):
    from web.store import postgres

    url = app.config["DATABASE_URL"]
    with app.app_context():
        brief_id = store.save(OPTIONS, _documents("kept"), BRIEF)
        assert [r["version"] for r in _sql("SELECT version FROM schema_migrations ORDER BY version")] == \
            [v for v, _ in postgres.MIGRATIONS]
    assert postgres.migrate(url) == postgres.MIGRATIONS[-1][0]
    with app.app_context():
        assert store.load(brief_id).documents == _documents("kept")


@POSTGRES_ONLY
def test_the_migrate_command_brings_an_empty_database_up_to_date(postgres_server, make_app):
    from web.store import postgres

    url = postgres_server.create_database("empty")
    assert postgres.schema_version(url) == 0
    done = subprocess.run([sys.executable, "-m", "web.store", "migrate"], capture_output=True, text=True,
                          env={**os.environ, "SUMMARIZER_DATABASE_URL": url}, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    assert f"version {postgres.MIGRATIONS[-1][0]}" in done.stdout
    assert postgres.schema_version(url) == postgres.MIGRATIONS[-1][0]
    app = make_app(DATABASE_URL=url)
    with app.app_context():
        assert store.load(store.save(OPTIONS, _documents("m"), BRIEF)) is not None


@POSTGRES_ONLY
def test_a_postgres_delete_takes_the_long_articles_toast_chunks_too(app):
    long_text = secrets_text() * 10  # 60 kB that does not compress: PostgreSQL keeps it in the TOAST table
    with app.app_context():
        toast = _sql("SELECT reltoastrelid::regclass::text AS t FROM pg_class WHERE relname = 'briefs'")[0]["t"]
        kept = store.save(OPTIONS, _documents("short"), BRIEF)
        brief_id = store.save(OPTIONS, [{"text": long_text, "title": "t", "url": None, "date": None, "name": ""}], BRIEF)
        chunks = _sql(f"SELECT COUNT(*) AS n FROM {toast}")[0]["n"]
        assert chunks > 0  # the check can fail
        assert store.delete(brief_id)
        assert _sql(f"SELECT COUNT(*) AS n FROM {toast}")[0]["n"] == 0
        assert _sql("SELECT COUNT(*) AS n FROM briefs WHERE documents LIKE ?", (f"%{long_text[:40]}%",))[0]["n"] == 0
        assert store.load(brief_id) is None and store.load(kept) is not None
        assert not store.delete(brief_id)


def _text(response) -> str:
    import html

    return html.unescape(response.get_data(as_text=True))


@POSTGRES_ONLY
def test_a_read_only_postgres_refuses_saves_with_a_503_and_still_serves_briefs(make_app, post_form, make_brief, kyodo):
    brief_id = make_brief()
    app = make_app()
    with app.app_context():
        name = _sql("SELECT current_database() AS d")[0]["d"]
        _sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    restarted = make_app().test_client()  # new connections take the setting; starting works on a read-only database
    response = post_form([("Kept title", kyodo)], client=restarted)
    assert response.status_code == 503
    page = _text(response)
    assert "read-only at the moment, so the brief was not saved. Briefs saved before can still be opened." in page
    assert 'value="Kept title"' in page and "Prime Minister Fumio Kishida" in page
    assert restarted.get(f"/briefs/{brief_id}").status_code == 200
    assert restarted.get(f"/briefs/{brief_id}.json").status_code == 200


@pytest.mark.slow
@POSTGRES_ONLY
def test_a_postgres_that_stops_gives_clear_503s_keeps_input_and_recovers(make_app, kyodo, post_form):
    """The database server stops under a running app: saving says so and keeps what was typed, opening a brief
    is a 503 page (JSON under /api/), the home page still answers; when it is back, so is everything."""
    from servers import PostgresServer

    try:
        server = PostgresServer(fsync=False).start()
    except (OSError, RuntimeError) as error:
        pytest.skip(f"PostgreSQL could not be started: {error}")
    try:
        client = make_app(DATABASE_URL=server.create_database()).test_client()
        made = post_form([("First", kyodo)], client=client)
        assert made.status_code == 303
        path = made.headers["Location"]
        assert client.get(path).status_code == 200
        server.stop()
        response = post_form([("Kept title", kyodo)], client=client)
        assert response.status_code == 503
        page = _text(response)
        assert "The server's database is not answering, so the brief was not saved." in page
        assert "can still be opened" not in page  # it cannot: reads need the database too
        assert 'value="Kept title"' in page
        opened = client.get(path)
        assert opened.status_code == 503 and "not answering" in _text(opened)
        as_json = client.get(path + ".json")
        assert as_json.status_code == 503 and "not answering" in _text(as_json)
        assert client.get("/").status_code == 200  # the form is still there (its list of recent briefs is not)
        server.start()
        deadline = time.monotonic() + 60  # the pool tries again with a backoff of up to 10 s (psycopg_pool)
        while (status := client.get(path).status_code) != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert status == 200
    finally:
        server.close()
