"""Who may change a brief, in Chromium: another browser that only has the permalink reads it but cannot make it
again or delete it (no controls, and a forged POST is refused); the maker's edit link hands that right over.
And a long article: an excerpt in its card, the whole article swapped in by htmx page by page, highlighting intact."""

from __future__ import annotations

import re

import pytest
from browser_helpers import BRIEF_URL, expect, marker, set_marker

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def csrf_of(page) -> str:
    return page.locator('meta[name="csrf-token"]').get_attribute("content")


def test_another_browser_cannot_make_again_or_delete_a_brief_it_did_not_make(new_context, make_brief, problems):
    maker = new_context().new_page()
    url = make_brief(maker)
    path = re.sub(r"^https?://[^/]+", "", url)
    expect(maker.locator("#resummarize-form")).to_be_visible()
    maker.locator(".danger-zone summary").click()
    expect(maker.locator("#delete-button")).to_be_visible()
    edit_link = maker.locator("#edit-link a").get_attribute("href")
    before = maker.locator(".brief-sentence .sentence-text").all_text_contents()

    stranger = new_context().new_page()  # its own cookies: another browser with the link
    stranger.goto(path)
    expect(stranger.locator(".brief-sentence").first).to_be_visible()
    expect(stranger.locator("#read-only-notice")).to_be_visible()
    expect(stranger.locator("#resummarize-form")).to_have_count(0)
    expect(stranger.locator("#delete-button")).to_have_count(0)
    expect(stranger.locator("#edit-link")).to_have_count(0)

    # Forged requests, with the stranger's own valid CSRF token, as a form post and as htmx would send them.
    token = csrf_of(stranger)
    for headers in ({}, {"HX-Request": "true", "X-CSRF-Token": token}):
        remade = stranger.request.post(path + "/resummarize", headers=headers, max_redirects=0, form={
            "csrf_token": token, "length": "1", "unit": "sentences", "algorithm": "lexrank", "language": "english"})
        assert remade.status == 403
        assert "Only the browser that made this brief" in remade.text()
        deleted = stranger.request.post(path + "/delete", headers=headers, max_redirects=0, form={"csrf_token": token})
        assert deleted.status == 403
        assert "can delete it" in deleted.text()

    # Nothing changed for the maker.
    maker.reload()
    expect(maker.locator(".brief-sentence .sentence-text")).to_have_text(before)
    expect(maker.locator("#resummarize-form")).to_be_visible()

    # The edit link hands the right over: the stranger's browser now has the controls, and delete works.
    stranger.goto(edit_link)
    expect(stranger).to_have_url(BRIEF_URL)
    expect(stranger.locator(".flash")).to_contain_text("This browser can now make this brief again or delete it.")
    expect(stranger.locator("#resummarize-form")).to_be_visible()
    stranger.locator(".danger-zone summary").click()
    stranger.click("#delete-button")
    expect(stranger.locator(".flash")).to_contain_text("were deleted")
    assert stranger.request.get(path).status == 404


def _long_article() -> str:
    return "\n\n".join(
        " ".join(f"The committee in district {i} reviewed budget line {i} with {i % 7 + 2} members." for i in range(s, s + 10))
        for s in range(0, 450, 10)
    )


def test_a_long_article_shows_an_excerpt_and_the_whole_on_demand(new_context, kyodo):
    page = new_context().new_page()
    page.goto("/")
    page.fill("#title-0", "Kyodo")
    page.fill("#text-0", kyodo)
    page.fill("#title-1", "Long report")
    page.fill("#text-1", _long_article())
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)

    region = page.locator("#doc-1-text")
    shown = region.locator(".source-sentence").count()
    assert 0 < shown < 450
    expect(region.locator(".source-gap").first).to_be_visible()
    # Highlighting between the brief and the excerpts: every brief sentence's wording is shown.
    used = page.locator(".source-sentence[data-role=used]").first
    used.click()
    expect(page.locator(f"#b-{used.get_attribute('data-brief')}")).to_have_class(re.compile(r"\bis-linked\b"))

    set_marker(page)
    region.get_by_text("Show the whole article (450 sentences, 3 pages)").click()
    expect(page.locator("#doc-1-text nav.source-pages")).to_contain_text("Page 1 of 3")
    expect(page.locator("#doc-1-text .source-sentence")).to_have_count(200)
    expect(page.locator("#doc-1-text")).to_be_focused()
    assert marker(page) == "kept", "the whole article was loaded by a full page load, not swapped in"
    # ... and with the sentences swapped in: a brief sentence finds its source among them, and back.
    for line in page.locator(".brief-sentence").all():
        doc, index = line.get_attribute("data-sources").split()[0].split(":")
        if doc == "1" and int(index) < 200:
            line.locator(".sentence-text").click()
            expect(page.locator(f"#s-1-{index}")).to_have_class(re.compile(r"\bis-linked\b"))
            page.locator(f"#s-1-{index}").click()
            expect(line).to_have_class(re.compile(r"\bis-linked\b"))
    page.locator("#doc-1-text").get_by_text("Next page").click()
    expect(page.locator("#doc-1-text nav.source-pages")).to_contain_text("Page 2 of 3")
    expect(page.locator("#s-1-200")).to_be_visible()
    expect(page.locator("#s-1-0")).to_have_count(0)
    assert marker(page) == "kept"


def test_the_whole_article_without_javascript(new_context, kyodo):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    page.fill("#title-0", "Kyodo")
    page.fill("#text-0", kyodo)
    page.fill("#title-1", "Long report")
    page.fill("#text-1", _long_article())
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    page.locator("#doc-1-text").get_by_text("Show the whole article").click()
    expect(page).to_have_url(re.compile(r"/sources/1\?page=1$"))
    expect(page.locator("h1")).to_have_text("Long report")  # its label: the title typed for it
    expect(page.locator(".source-sentence")).to_have_count(200)
    page.get_by_text("Next page").click()
    expect(page).to_have_url(re.compile(r"/sources/1\?page=2$"))
    page.get_by_role("link", name="Back to the brief", exact=True).click()
    expect(page).to_have_url(re.compile(r"/briefs/[A-Za-z0-9_-]+#doc-1$"))
