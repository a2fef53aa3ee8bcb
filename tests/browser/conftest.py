"""Real-browser fixtures: the app under gunicorn on a free loopback port, and Debian's Chromium via Playwright.

The server is the one `make run` starts (gunicorn, two workers, its own data directory), so these tests see
what a user sees: CSP headers, sessions shared by workers, htmx from static/vendor. Each test gets a fresh
browser context (own cookies, so its own session and CSRF token) and fails on any console error or CSP
violation it did not expect.

Chromium is Debian's (/usr/bin/chromium); `playwright install` is never needed. Without it the tests
skip, except under CI (the CI variable set), where they must run and so fail.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser_helpers import BRIEF_URL, CHROMIUM, CHROMIUM_ARGS, DESKTOP, ROOT, SCREENSHOTS, expect
from local_site import LocalSite


# Records CSP violations as the page sees them; added with add_init_script, which CSP does not govern.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests.", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def linked_site() -> Iterator[LocalSite]:
    """A loopback web site whose pages the app under test may fetch (tests/local_site.py)."""
    with LocalSite() as site:
        yield site


@pytest.fixture(scope="session")
def base_url(tmp_path_factory, linked_site) -> Iterator[str]:
    """gunicorn serving `app:create_app()` on 127.0.0.1:<free port>, with a temporary data directory; it
    fetches links from `linked_site` (allowed by SUMMARIZER_FETCH_ALLOW_HOSTS) and no other private address."""
    data_dir = tmp_path_factory.mktemp("browser-data")
    log_path = data_dir.parent / "gunicorn.log"
    port = _free_port()
    env = {
        **os.environ,
        "SUMMARIZER_DATA_DIR": str(data_dir),
        "SUMMARIZER_FETCH_ALLOW_HOSTS": ",".join(linked_site.allow),
    }
    env.pop("SECRET_KEY", None)  # the key file in the data directory, as in production
    command = [
        sys.executable, "-m", "gunicorn",
        "--bind", f"127.0.0.1:{port}",
        "--workers", "2",
        "--no-control-socket",
        "--timeout", "60",
        "app:create_app()",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited with {server.returncode}:\n{log_path.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer within 20 s:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class Problems:
    """Console errors, uncaught exceptions and CSP violations seen by the pages of one context."""

    errors: list[str] = field(default_factory=list)
    # Messages a test expects (e.g. the 400 of a refused form): regular expressions, each matched once or more.
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def allow_status(self, *statuses: int) -> None:
        """htmx error answers: Chromium logs each refused request as 'Failed to load resource ... status of N'."""
        for status in statuses:
            self.allow(rf"^Failed to load resource: the server responded with a status of {status} ")

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]

    def watch(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))


def csp_violations(page) -> list[str]:
    """The violations the init script recorded on the current document (none when JavaScript is off)."""
    try:
        return page.evaluate("() => window.__cspViolations || []")
    except Exception:  # the page is navigating or closed
        return []


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def new_context(browser, base_url, problems) -> Iterator[Callable]:
    """Make a browser context (viewport, JavaScript on or off...); every page it opens is watched."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("base_url", base_url)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_RECORDER)
        context.on("page", problems.watch)
        contexts.append(context)
        return context

    yield make
    pages = [page for context in contexts for page in context.pages]
    violations = [v for page in pages for v in csp_violations(page)]
    for context in contexts:
        context.close()
    unexpected = problems.unexpected()
    assert not violations, f"CSP violations: {violations}"
    assert not unexpected, f"console errors: {unexpected}"
    assert not [e for e in problems.errors if "Content Security Policy" in e], problems.errors


@pytest.fixture
def context(new_context, base_url):
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    return context


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def saved_brief(base_url, kyodo, nhk) -> str:
    """The path of one brief made from the two fixture articles, posted over plain HTTP (no browser), for
    the tests that only read a brief. Tests that change a brief make their own with `make_brief`."""
    import http.cookiejar
    import urllib.parse

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(base_url + "/", timeout=10) as response:
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', response.read().decode()).group(1)
    form = {
        "csrf_token": token,
        "title": ["Kyodo: Kishida and NATO", "NHK: Kishida in Lithuania"],
        "text": [kyodo, nhk],
        "length": "120",
        "unit": "words",
        "algorithm": "consensus",
        "language": "english",
        "action": "summarize",
    }
    body = urllib.parse.urlencode(form, doseq=True).encode()
    with opener.open(base_url + "/summarize", data=body, timeout=30) as response:  # follows the 303
        path = urllib.parse.urlsplit(response.url).path
    assert BRIEF_URL.search(path), path
    return path


@pytest.fixture
def make_brief(kyodo, nhk) -> Callable:
    """Make a brief through the home form in `page`, as a user does; leave the page on the brief."""

    def make(page, **options) -> str:
        page.goto("/")
        page.fill("#title-0", "Kyodo: Kishida and NATO")
        page.fill("#text-0", kyodo)
        page.fill("#title-1", "NHK: Kishida in Lithuania")
        page.fill("#text-1", nhk)
        if "length" in options:
            page.fill("#length", str(options["length"]))
        if "unit" in options:
            page.select_option("#unit", options["unit"])
        if "algorithm" in options:
            page.select_option("#algorithm", options["algorithm"])
        page.click("#summarize-button")
        expect(page).to_have_url(BRIEF_URL)
        expect(page.locator(".brief-sentence").first).to_be_visible()
        return page.url

    return make
