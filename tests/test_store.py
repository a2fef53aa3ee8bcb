"""Saved briefs in SQLite: save, open, list, update, and a delete that leaves no trace in the file."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from web import store

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
    assert saved.title == "Title alpha"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", saved.created)


def test_ids_are_unguessable_and_unique(app):
    with app.app_context():
        ids = {store.save(OPTIONS, _documents(str(i)), BRIEF) for i in range(20)}
    assert len(ids) == 20
    for brief_id in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", brief_id)  # 16 random bytes


def test_title_falls_back_to_the_first_words_of_the_brief(app):
    untitled = [{"text": "x", "title": "", "url": None, "date": None, "name": ""}]
    brief = {**BRIEF, "summary": {**BRIEF["summary"], "text": " ".join(f"w{i}" for i in range(30))}}
    with app.app_context():
        saved = store.load(store.save(OPTIONS, untitled, brief))
    assert saved.title == " ".join(f"w{i}" for i in range(12)) + "…"


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


def test_database_uses_wal_and_each_connection_secure_delete_and_busy_timeout(app):
    with app.app_context():
        db = store.get_db()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_connection_per_request_closed_on_teardown(app):
    with app.app_context():
        db = store.get_db()
        assert store.get_db() is db
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")
