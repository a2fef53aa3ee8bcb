"""Several app hosts: two instances served as `make run` serves them (tests/live_stack.py) on two ports, sharing
one PostgreSQL and one Redis (tests/servers.py). A brief saved through one opens, is made again and is deleted
through the other; one client's requests through both count against one limit. In process: Redis that goes
away fails open and counts again when it is back; a shared database needs a shared SECRET_KEY."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlencode

import pytest
from live_stack import LiveStack, nginx_available
from servers import RedisServer, unavailable

from web import ratelimit

LIMIT = 5  # briefs per minute per client in the two-instance tests: small, so reaching it takes few requests
BASE_URL = "https://brief.example.org"  # what both instances put in absolute links
ARTICLES = [
    ("Kyodo", "Japan and NATO will sign a new security document in Vilnius, Prime Minister Kishida said on Tuesday. "
              "The document covers cyber defence and space. Officials said talks would follow in autumn."),
    ("NHK", "Prime Minister Kishida arrived in Vilnius for the NATO summit on Tuesday. Japan and NATO will sign a "
            "security document covering cyber defence, he said. Talks on space follow later this year."),
]  # fmt: skip


@pytest.fixture(scope="module")
def two_instances(postgres_server, redis_server):
    """Two `make run` stacks (one worker per pool each, to spare the machine) on one database and one Redis."""
    if not nginx_available():
        unavailable("nginx", FileNotFoundError("not installed (apt-get install nginx)"))
    env = {
        "SUMMARIZER_DATABASE_URL": postgres_server.create_database("multihost"),
        "SUMMARIZER_RATELIMIT_STORAGE_URI": redis_server.url,
        "SUMMARIZER_API_RATE_LIMIT": f"{LIMIT}/minute",
        "SECRET_KEY": "one-key-for-every-host",
        "SUMMARIZER_BASE_URL": BASE_URL,
        "PAGE_WORKERS": "1",
        "SUMMARIZER_FORWARDED_BY": "127.0.0.1",  # the test plays the load balancer, on loopback
    }
    stacks = [LiveStack(env, workers=1) for _ in range(2)]
    try:
        for stack in stacks:
            stack.start()
        yield stacks
    finally:
        for stack in stacks:
            stack.stop()


def _flush(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


class Browser:
    """One browser behind a load balancer: one cookie jar, whichever instance answers."""

    def __init__(self):
        self.cookie = ""

    def request(self, stack: LiveStack, method: str, path: str, fields: dict | None = None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, answer_headers, payload = stack.request(method, path, body, headers)
        if "set-cookie" in answer_headers:
            self.cookie = answer_headers["set-cookie"].split(";", 1)[0]
        return status, answer_headers, html.unescape(payload.decode())

    @staticmethod
    def token(page: str) -> str:
        """The session's CSRF token, as every page carries it for htmx."""
        return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.mark.slow
def test_a_brief_saved_through_one_host_opens_is_made_again_and_deleted_through_the_other(two_instances,
                                                                                         redis_server):
    first, second = two_instances
    _flush(redis_server.url)
    browser = Browser()
    status, _, page = browser.request(first, "GET", "/")
    assert status == 200
    fields = {"csrf_token": browser.token(page), "title": [t for t, _ in ARTICLES], "text": [x for _, x in ARTICLES],
              "length": "40", "unit": "words", "algorithm": "consensus", "language": "english"}
    status, headers, body = browser.request(first, "POST", "/summarize", fields)  # CSRF token made by the first
    assert status == 303, body[:2000]
    path = headers["location"]
    brief_id = path.rsplit("/", 1)[-1]

    status, _, page = browser.request(second, "GET", path)  # the session, signed by the first, read by the second
    assert status == 200
    assert f"{BASE_URL}/briefs/{brief_id}" in page  # absolute links from configuration, the same on every host

    again = {"csrf_token": browser.token(page), "length": "1", "unit": "sentences", "algorithm": "consensus",
             "language": "english"}
    status, _, body = browser.request(second, "POST", f"{path}/resummarize", again)
    assert status == 303, body[:2000]  # the edit token in the session from the first host is good on the second
    status, _, saved = first.request("GET", f"{path}.json")
    assert status == 200
    assert len(json.loads(saved)["summary"]["sentences"]) == 1  # made again on the second, seen on the first

    status, _, page = browser.request(first, "GET", path)
    status, _, body = browser.request(second, "POST", f"{path}/delete", {"csrf_token": browser.token(page)})
    assert status == 303, body[:2000]
    assert first.request("GET", path)[0] == 404
    assert second.request("GET", path)[0] == 404


@pytest.mark.slow
def test_one_clients_requests_through_both_hosts_count_against_one_limit(two_instances, redis_server):
    first, second = two_instances
    _flush(redis_server.url)
    body = json.dumps({"documents": [{"text": text, "title": title} for title, text in ARTICLES]})

    def post(stack: LiveStack, client: str):  # through the "load balancer", which names the client
        headers = {"Content-Type": "application/json", "X-Forwarded-For": client}
        status, answer, _ = stack.request("POST", "/api/summarize", body, headers)
        return status, answer.get("retry-after")

    statuses = [(number % 2, *post((first, second)[number % 2], "203.0.113.7")) for number in range(LIMIT + 3)]
    assert [s for _, s, _ in statuses[:LIMIT]] == [200] * LIMIT
    refused = statuses[LIMIT:]
    assert [s for _, s, _ in refused] == [429] * 3  # with counts per host, each would have allowed LIMIT
    assert {host for host, _, _ in refused} == {0, 1}  # both hosts refuse
    assert all(int(retry) >= 1 for _, _, retry in refused)
    assert post(first, "203.0.113.8")[0] == 200 and post(second, "203.0.113.8")[0] == 200  # another client: its own


# --- in process: Redis going away, and the shared key -------------------------------------------------------------


@pytest.fixture
def own_redis():
    """A Redis of this test's own, which it may stop."""
    try:
        server = RedisServer().start()
    except (OSError, RuntimeError) as error:
        unavailable("Redis", error)
    yield server
    server.close()


def _post(client) -> int:
    body = {"documents": [{"text": text, "title": title} for title, text in ARTICLES]}
    return client.post("/api/summarize", json=body).status_code


def test_limits_count_in_redis_fail_open_when_it_is_down_and_count_again_when_it_is_back(make_app, own_redis):
    import redis

    app = make_app(API_RATE_LIMIT="2/minute", RATELIMIT_STORAGE_URI=own_redis.url)
    client = app.test_client()
    assert [_post(client), _post(client), _post(client)] == [200, 200, 429]
    keys = redis.Redis.from_url(own_redis.url).keys(f"*{ratelimit.KEY_PREFIX}*")
    assert keys  # counted in Redis, not in this process
    own_redis.stop()
    assert [_post(client), _post(client), _post(client)] == [200, 200, 200]  # fails open: answered, not refused
    own_redis.start()  # empty: nothing is saved to disk
    assert [_post(client), _post(client), _post(client)] == [200, 200, 429]


def test_the_app_starts_and_answers_while_redis_is_down(make_app, own_redis):
    own_redis.stop()
    client = make_app(API_RATE_LIMIT="1/minute", RATELIMIT_STORAGE_URI=own_redis.url).test_client()
    assert [_post(client), _post(client)] == [200, 200]


def test_a_shared_database_needs_a_shared_secret_key(make_app):
    with pytest.raises(RuntimeError, match="set SECRET_KEY to one value on all of them"):
        make_app(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none", SECRET_KEY=None)


def test_a_database_url_that_is_not_postgresql_says_so(make_app):
    with pytest.raises(RuntimeError, match="must be a PostgreSQL URL"):
        make_app(DATABASE_URL="mysql://somewhere/briefs")


def test_an_unreachable_postgresql_at_start_says_what_to_check(make_app):
    with pytest.raises(RuntimeError, match="Check that PostgreSQL is running"):
        make_app(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
