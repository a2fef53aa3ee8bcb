"""Screenshots of the home page and a brief, wide and narrow, into tests/screenshots/ (git-ignored) for a
person to look at; the layout facts that must hold: brief beside sources when wide, above them when
narrow, and no page that scrolls sideways."""

from __future__ import annotations

import pytest
from browser_helpers import DESKTOP, NARROW, expect

pytestmark = [pytest.mark.slow, pytest.mark.browser]

WIDTHS = [("desktop", DESKTOP), ("narrow", NARROW)]


def sideways_overflow(page) -> list[str]:
    """The first elements sticking out to the right of the viewport when the page scrolls sideways; else []."""
    return page.evaluate(
        """() => {
            if (document.documentElement.scrollWidth <= window.innerWidth) return [];
            return Array.from(document.querySelectorAll("body *"))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")
                          + " right=" + Math.round(e.getBoundingClientRect().right));
        }"""
    )


def bottom_of(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("name, viewport", WIDTHS)
def test_screenshots_and_layout(new_context, make_brief, screenshots, name, viewport):
    page = new_context(viewport=viewport, reduced_motion="reduce").new_page()

    page.goto("/")
    expect(page.locator("#summarize-button")).to_be_visible()
    if name == "desktop":  # issue 9: the button was below the fold (y = 1200) on a 1280 x 800 screen
        assert bottom_of(page.locator("#summarize-button")) <= viewport["height"]
    # The method's name and its line are not cut off (the menu is as wide as its longest name).
    assert page.locator("#algorithm").evaluate("s => s.scrollWidth <= s.clientWidth + 1")
    page.screenshot(path=screenshots / f"home-{name}.png", full_page=True)

    make_brief(page)
    brief = page.locator(".brief-column").bounding_box()
    sources = page.locator(".sources-column").bounding_box()
    # Title, the brief, then its sources: on a phone too the first brief sentence is on the first screen.
    assert bottom_of(page.locator(".brief-sentence").first) <= viewport["height"]
    title = page.locator("h1").bounding_box()
    assert title["y"] < brief["y"]
    controls = page.locator("#brief-controls").bounding_box()
    assert controls["y"] >= brief["y"] + brief["height"] - 1, "the options come before the brief"
    if name == "narrow":
        assert sources["y"] >= controls["y"] + controls["height"] - 1, ("not stacked", brief, sources)
    else:
        assert abs(sources["y"] - brief["y"]) < 2, ("not side by side", brief, sources)
        assert sources["x"] >= brief["x"] + brief["width"], ("not side by side", brief, sources)
    # Highlight one sentence so the screenshot shows the linked state too.
    page.locator(".brief-sentence").first.locator(".sentence-text").click()
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=screenshots / f"brief-{name}.png", full_page=True)
    assert (screenshots / f"brief-{name}.png").stat().st_size > 10_000


@pytest.mark.parametrize(
    "page_name, name, viewport",
    [
        ("home", "desktop", DESKTOP),
        ("home", "narrow", NARROW),
        ("brief", "desktop", DESKTOP),
        ("brief", "narrow", NARROW),
        ("brief-removed-open", "desktop", DESKTOP),
        ("brief-removed-open", "narrow", NARROW),
    ],
)
def test_no_sideways_scrolling(new_context, saved_brief, page_name, name, viewport):
    page = new_context(viewport=viewport, reduced_motion="reduce").new_page()
    page.goto("/" if page_name == "home" else saved_brief)
    if page_name == "brief-removed-open":
        for summary in page.locator(".removed-group summary").all():
            summary.click()
        expect(page.locator(".removed-group:not([open])")).to_have_count(0)
    assert sideways_overflow(page) == []
