"""Helpers shared by the browser tests (a plain module: test modules import it, conftest.py uses it too)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips (or fails under CI) with a message
    expect = None

# Debian's Chromium; BROWSER_TESTS_CHROMIUM names another build (e.g. to check the skip).
CHROMIUM = Path(os.environ.get("BROWSER_TESTS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SCREENSHOTS = ROOT / "tests" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 390, "height": 844}
BRIEF_URL = re.compile(r"/briefs/[A-Za-z0-9_-]{16,64}$")


def set_marker(page) -> None:
    """A value on window: it survives htmx swaps and is gone after any full page load.

    page.evaluate goes through the DevTools protocol, not eval(), so it works under script-src 'self'.
    """
    page.evaluate("() => { window.__marker = 'kept'; }")


def marker(page):
    return page.evaluate("() => window.__marker || null")


def page_top(locator) -> float:
    """The element's top in page coordinates (bounding_box() is relative to the viewport, which scrolls)."""
    return locator.evaluate("element => element.getBoundingClientRect().top + window.scrollY")


def wait_until(check, timeout: float = 5.0) -> bool:
    """Poll `check` (smooth scrolling takes a few hundred ms) without eval-based waiting, which CSP forbids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()
