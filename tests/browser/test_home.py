"""The home page in Chromium: boxes added by htmx and removed by app.js, pasting, uploading, errors
that keep what was typed, the busy state while a brief is made, and the same form without JavaScript."""

from __future__ import annotations

import pytest
from browser_helpers import BRIEF_URL, FIXTURES, expect, marker, page_top, set_marker

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CRUFT = ("Related coverage", "Similar Readings", "==Kyodo", "Read Count", "Category ID")


def test_paste_add_remove_and_make_a_brief(page, kyodo, nhk):
    page.goto("/")
    boxes = page.locator("#boxes [data-box]")
    expect(boxes).to_have_count(2)
    page.fill("#text-0", kyodo)
    page.fill("#text-1", nhk)

    set_marker(page)
    page.click("#add-box")
    expect(boxes).to_have_count(3)
    third = boxes.nth(2)
    expect(third.locator("legend")).to_have_text("Article 3")
    expect(third.locator("textarea")).to_be_focused()  # autofocus of the new box
    assert marker(page) == "kept", "adding a box reloaded the page"
    # The add button was swapped out of band: the next one asks for index 3.
    expect(page.locator("#add-box")).to_have_attribute("hx-get", "/boxes/new?index=3")
    # What was typed is untouched.
    expect(page.locator("#text-0")).to_have_value(kyodo)
    expect(page.locator("#text-1")).to_have_value(nhk)

    # Remove the third box (app.js, no request): two boxes, numbered 1 and 2, text kept.
    third.locator("[data-remove-box]").click()
    expect(boxes).to_have_count(2)
    expect(boxes.locator("legend")).to_have_text(["Article 1", "Article 2"])
    expect(page.locator("#text-1")).to_be_focused()  # focus moves to the box before the removed one
    assert marker(page) == "kept", "removing a box reloaded the page"

    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)

    sentences = page.locator("#brief-region .brief-sentence")
    expect(sentences.first).to_be_visible()
    assert sentences.count() >= 2
    cards = page.locator("#brief-region .source-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).locator("h3")).to_have_text("Article 1")
    expect(cards.nth(1).locator("h3")).to_have_text("Article 2")
    # At least one sentence is what both articles say.
    expect(page.locator(".brief-sentence .badge.support", has_text="2 of 2 sources").first).to_be_visible()
    # Every brief sentence points at source sentences that exist.
    for i in range(sentences.count()):
        for pair in sentences.nth(i).get_attribute("data-sources").split():
            doc, sentence = pair.split(":")
            assert page.locator(f"#s-{doc}-{sentence}").count() == 1, pair

    # No page furniture in what is shown: the brief, and the articles' text.
    shown = page.locator("#brief-region").inner_text()
    brief_text = page.locator(".brief-sentences").text_content()
    sources_text = " ".join(page.locator(".source-text").all_text_contents())
    for cruft in CRUFT:
        assert cruft not in shown, cruft
        assert cruft not in brief_text, cruft
        assert cruft not in sources_text, cruft

    # The home page now lists it among this browser's recent briefs.
    brief_path = page.url.removeprefix(page.url.split("/briefs/")[0])
    page.goto("/")
    expect(page.locator(f".recent-list a[href='{brief_path}']")).to_be_visible()


def test_upload_files_makes_a_brief_naming_them(page, tmp_path, kyodo, nhk, base_url):
    (tmp_path / "kyodo.txt").write_text(kyodo, encoding="utf-8")
    (tmp_path / "nhk-reader.txt").write_text(nhk, encoding="utf-8")
    html = FIXTURES / "web" / "article.html"

    page.goto("/")
    page.set_input_files("#files", [tmp_path / "kyodo.txt", tmp_path / "nhk-reader.txt", html])
    # app.js lists the chosen files.
    expect(page.locator("[data-file-list] li")).to_have_text(["kyodo.txt", "nhk-reader.txt", "article.html"])
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)

    cards = page.locator(".source-card")
    expect(cards).to_have_count(3)
    expect(cards.nth(0).locator(".source-file")).to_have_text("File: kyodo.txt")
    expect(cards.nth(1).locator(".source-file")).to_have_text("File: nhk-reader.txt")
    expect(cards.nth(2).locator(".source-file")).to_have_text("File: article.html")
    # The HTML file's title and canonical address are read from it.
    expect(cards.nth(2).locator("h3")).to_contain_text("Kishida heads to NATO summit in Lithuania")
    expect(cards.nth(2).locator(".source-url")).to_have_text("https://example.com/news/kishida-nato")
    expect(page.locator(".brief-sentence").first).to_be_visible()
    expect(page.locator(".brief-sentence .badge.support", has_text="of 3 sources").first).to_be_visible()


def test_errors_keep_what_was_typed_and_chosen(page, problems, tmp_path, kyodo):
    problems.allow_status(400, 415, 422)
    page.goto("/")
    set_marker(page)
    alert = page.locator("#form-alert")

    # 1. A length the server refuses (the browser's own check, min=1, lets it through).
    page.fill("#title-0", "Kyodo")
    page.fill("#text-0", kyodo)
    page.fill("#length", "5000")
    page.select_option("#unit", "words")
    page.select_option("#algorithm", "lexrank")
    page.click("#summarize-button")
    expect(alert).to_contain_text("Choose a length between 1 and 2000 words.")
    expect(page.locator("#error-length")).to_contain_text("Choose a length between 1 and 2000 words.")
    expect(alert.locator("a[href='#length']")).to_be_visible()  # the message leads to the field
    expect(page.locator("#title-0")).to_have_value("Kyodo")
    expect(page.locator("#text-0")).to_have_value(kyodo)
    expect(page.locator("#text-1")).to_have_value("")
    expect(page.locator("#length")).to_have_value("5000")
    expect(page.locator("#algorithm")).to_have_value("lexrank")
    expect(page.locator("#summarize-button")).to_be_enabled()
    assert marker(page) == "kept"

    # 2. A file that is not an article (random bytes named .png), beside the typed text.
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    page.fill("#length", "60")
    page.set_input_files("#files", png)
    page.click("#summarize-button")
    expect(page.locator("#error-files")).to_contain_text("photo.png")
    expect(alert).to_contain_text("photo.png")
    expect(page.locator("#error-length")).to_be_empty()  # the old message is cleared
    expect(page.locator("#text-0")).to_have_value(kyodo)
    expect(page.locator("#algorithm")).to_have_value("lexrank")
    expect(page.locator("#length")).to_have_value("60")
    assert page.evaluate("() => document.getElementById('files').files.length") == 1  # htmx left the input alone
    assert marker(page) == "kept"

    # 3. Nothing to summarise: every box empty, no file.
    page.set_input_files("#files", [])
    page.fill("#title-0", "")
    page.fill("#text-0", "")
    page.select_option("#unit", "sentences")
    page.fill("#length", "3")
    page.click("#summarize-button")
    expect(alert.locator(".alert-box")).to_be_visible()
    expect(page.locator("#error-files")).to_be_empty()
    expect(page.locator("#unit")).to_have_value("sentences")
    expect(page.locator("#length")).to_have_value("3")
    expect(page.locator("#algorithm")).to_have_value("lexrank")
    assert marker(page) == "kept"

    # After the errors the same form still makes a brief.
    page.fill("#text-0", kyodo)
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator("#algorithm")).to_have_value("lexrank")
    expect(page.locator("#unit")).to_have_value("sentences")
    assert 1 <= page.locator(".brief-sentence").count() <= 3


def test_busy_state_while_the_form_is_sent(page, problems, kyodo):
    """While the answer is awaited the buttons are disabled and the indicator shows; after it, not."""
    problems.allow_status(400)
    held = []
    # The POST is held (not answered) until the test lets it go: a slow server, deterministically.
    page.route("**/summarize", lambda route: held.append(route))
    page.goto("/")
    indicator = page.locator("#summarize-indicator")
    expect(indicator).to_be_hidden()
    page.fill("#text-0", kyodo)
    page.fill("#length", "5000")  # refused, so the page stays and the form must come back to life
    boxes_top = page_top(page.locator("#boxes"))
    page.click("#summarize-button")

    expect(page.locator("#summarize-button")).to_be_disabled()
    expect(page.locator("#add-box")).to_be_disabled()
    expect(indicator).to_be_visible()
    expect(indicator).to_have_text("Making the brief…")
    assert len(held) == 1
    assert page_top(page.locator("#boxes")) == boxes_top  # nothing above the boxes moved

    held[0].continue_()
    expect(page.locator("#form-alert")).to_contain_text("Choose a length")
    expect(page.locator("#summarize-button")).to_be_enabled()
    expect(page.locator("#add-box")).to_be_enabled()
    expect(indicator).to_be_hidden()


def test_without_javascript(new_context, problems, kyodo, nhk):
    problems.allow_status(400)
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    boxes = page.locator("#boxes [data-box]")
    page.fill("#title-0", "Kyodo")
    page.fill("#text-0", kyodo)
    page.fill("#text-1", nhk)
    page.select_option("#algorithm", "textrank")

    # "Add another article" posts the form; the page comes back with one more box and all that was typed.
    with page.expect_navigation():
        page.click("#add-box")
    expect(boxes).to_have_count(3)
    expect(page.locator("#title-0")).to_have_value("Kyodo")
    expect(page.locator("#text-0")).to_have_value(kyodo)
    expect(page.locator("#text-1")).to_have_value(nhk)
    expect(page.locator("#text-2")).to_have_value("")
    expect(page.locator("#text-2")).to_be_focused()  # autofocus on the new box
    expect(page.locator("#algorithm")).to_have_value("textrank")

    # "Remove" posts too.
    with page.expect_navigation():
        page.locator("#box-2 [data-remove-box]").click()
    expect(boxes).to_have_count(2)
    expect(page.locator("#text-1")).to_have_value(nhk)

    # A refused form comes back whole, with the message beside the field.
    page.fill("#length", "5000")
    with page.expect_navigation():
        page.click("#summarize-button")
    expect(page.locator("#form-alert")).to_contain_text("Choose a length between 1 and 2000 words.")
    expect(page.locator("#error-length")).to_contain_text("Choose a length between 1 and 2000 words.")
    expect(page.locator("#length")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#text-0")).to_have_value(kyodo)
    expect(page.locator("#text-1")).to_have_value(nhk)
    expect(page.locator("#algorithm")).to_have_value("textrank")

    # Submitting makes the brief: a post, then the server's redirect to it.
    page.fill("#length", "80")
    with page.expect_navigation():
        page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator(".brief-sentence").first).to_be_visible()
    expect(page.locator(".source-card")).to_have_count(2)
    expect(page.locator("#copy-button")).to_be_hidden()  # it needs JavaScript, so it stays hidden
    expect(page.locator("#download-txt")).to_be_visible()

    # "Make it again" posts and redirects back to the brief.
    page.fill("#length", "30")
    with page.expect_navigation():
        page.click("#resummarize-button")
    expect(page).to_have_url(BRIEF_URL)
    assert int(page.locator("[data-word-count]").text_content()) <= 30
    expect(page.locator("#length")).to_have_value("30")
