"""Saved briefs under concurrency and faults: several gunicorn workers saving at once lose nothing; a
read-only, full or locked database gives a clear 503 and saved briefs stay readable."""

from __future__ import annotations

import html
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest

from app import create_app
from web import store

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def text_of(response) -> str:
    """The body with character references resolved (an apostrophe is &#39; in the page)."""
    return html.unescape(response.get_data(as_text=True))


# --- several gunicorn workers saving at once ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """gunicorn with three workers on a free loopback port and a fresh data directory."""
    port = _free_port()
    # One client makes all these briefs: rate limit and daily quota off, or they would refuse it.
    env = {**os.environ, "SUMMARIZER_DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "",
           "SUMMARIZER_API_RATE_LIMIT": "off", "SUMMARIZER_BRIEF_QUOTA": "100000", "SUMMARIZER_BRIEF_QUOTA_MB": "100000"}
    log_path = tmp_path / "gunicorn.log"  # a file, not a pipe: nobody reads a pipe while the test runs
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "3", "app:create_app()"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
    yield port, tmp_path / "data" / "briefs.sqlite3"
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _request(port: int, method: str, path: str, body: str | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def _save_one(port: int, number: int, articles: list[tuple[str, str]]) -> str:
    """One browser: open the home page (cookie and CSRF token), post the form; the permalink's id."""
    status, headers, page = _request(port, "GET", "/")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    fields = {
        "csrf_token": token,
        "title": [f"Brief {number}: {title}" for title, _ in articles],
        "text": [text for _, text in articles],
        "length": "60", "unit": "words", "algorithm": "consensus", "language": "english",
    }
    status, headers, body = _request(
        port, "POST", "/summarize", urlencode(fields, doseq=True),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    assert status == 303, body[:1000]
    return headers["Location"].rsplit("/", 1)[-1]


@pytest.mark.slow
def test_concurrent_saves_from_several_workers_lose_nothing(server, articles):
    port, database = server
    count = 60
    with ThreadPoolExecutor(max_workers=12) as pool:
        try:
            ids = list(pool.map(lambda n: _save_one(port, n, articles), range(count)))
        except ConnectionError as error:  # say what gunicorn saw (a worker killed or failing to boot?)
            log = (database.parent.parent / "gunicorn.log").read_text(errors="replace")[-3000:]
            pytest.fail(f"{error!r}; gunicorn's log:\n{log}")
    assert len(set(ids)) == count
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = dict(connection.execute("SELECT id, title FROM briefs").fetchall())
    finally:
        connection.close()
    assert set(rows) == set(ids)
    assert sorted(int(re.match(r"Brief (\d+):", t).group(1)) for t in rows.values()) == list(range(count))
    for number, brief_id in enumerate(ids):
        status, _, page = _request(port, "GET", f"/briefs/{brief_id}")
        assert status == 200 and f"Brief {number}: " in page


# --- a database that cannot be written ----------------------------------------------------------------------


def _read_only(path: str) -> sqlite3.Connection:
    """The database opened read-only, as a read-only file or file system leaves it."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
    connection.row_factory = sqlite3.Row
    return connection


def _full(path: str, connect=store.connect) -> sqlite3.Connection:
    """The database as a full disk leaves it: not one more page can be added."""
    connection = connect(path)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    return connection


def _impatient(path: str, connect=store.connect) -> sqlite3.Connection:
    connection = connect(path)
    connection.execute("PRAGMA busy_timeout = 100")
    return connection


FAULTS = [
    ("read-only", _read_only, "The server's storage is read-only at the moment"),
    ("disk full", _full, "The server's disk is full"),
    ("locked", _impatient, "The server is too busy to save right now"),
]


@pytest.fixture
def locked(app):
    """Another process holding the write lock (used by the "locked" case only)."""
    holders = []

    def hold():
        other = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        holders.append(other)

    yield hold
    for other in holders:
        other.rollback()
        other.close()


@pytest.mark.parametrize(("case", "connect", "reason"), FAULTS, ids=[f[0] for f in FAULTS])
def test_a_failed_save_is_a_clear_503_and_keeps_what_was_typed(
    client, post_form, make_brief, kyodo, monkeypatch, locked, case, connect, reason
):
    saved = make_brief()
    monkeypatch.setattr(store, "connect", connect)
    if case == "locked":
        locked()
    response = post_form([("Kept title", kyodo)])
    assert response.status_code == 503
    page = text_of(response)
    assert f"{reason}, so the brief was not saved. Briefs saved before can still be opened." in page
    assert 'value="Kept title"' in page and "Prime Minister Fumio Kishida" in page  # nothing typed is lost
    htmx = post_form([("Kept title", kyodo)], htmx=True)
    assert htmx.status_code == 503 and htmx.headers["HX-Retarget"] == "#form-alert"
    assert reason in text_of(htmx)
    # What was saved before is still there to read and download.
    assert client.get(f"/briefs/{saved}").status_code == 200
    assert client.get(f"/briefs/{saved}.json").status_code == 200
    assert client.get("/").status_code == 200


def test_delete_and_make_again_on_a_read_only_database_say_so(client, make_brief, monkeypatch):
    brief_id = make_brief()
    page = text_of(client.get(f"/briefs/{brief_id}"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    monkeypatch.setattr(store, "connect", _read_only)
    deleted = client.post(f"/briefs/{brief_id}/delete", data={"csrf_token": token})
    assert deleted.status_code == 503
    assert "read-only at the moment, so the brief was not deleted" in text_of(deleted)
    fields = {"csrf_token": token, "length": "2", "unit": "sentences", "algorithm": "lexrank", "language": "english"}
    again = client.post(f"/briefs/{brief_id}/resummarize", data=fields)
    assert again.status_code == 503
    assert "so the brief was not changed" in text_of(again)
    assert '<div id="brief-region"' in text_of(again)  # the brief is still shown
    monkeypatch.undo()
    assert client.get(f"/briefs/{brief_id}").status_code == 200


def test_the_app_starts_on_a_read_only_database_and_serves_saved_briefs(make_app, make_brief, tmp_path, monkeypatch):
    brief_id = make_brief()
    monkeypatch.setattr(store, "connect", _read_only)
    client = make_app().test_client()  # a restart, e.g. after the disk was remounted read-only
    assert client.get(f"/briefs/{brief_id}").status_code == 200


def test_an_unusable_database_path_fails_at_start_with_a_message(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(RuntimeError, match=r"The database .*cannot be opened .*Check SUMMARIZER_DATA_DIR"):
        create_app({"DATA_DIR": str(tmp_path / "data"), "DATABASE": str(tmp_path / "file" / "briefs.sqlite3")})
