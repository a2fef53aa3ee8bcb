"""The home page in Chromium: boxes added by htmx and removed by app.js, pasting, uploading, errors
that keep what was typed, the busy state while a brief is made, and the same form without JavaScript."""

from __future__ import annotations

import re

import pytest
from browser_helpers import (
    BRIEF_URL, DESKTOP, FIXTURES, NARROW, expect, marker, page_top, set_marker, wait_until,
)

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
    cards = page.locator("#sources .source-card")
    expect(cards).to_have_count(2)
    # Each source has a name (its outlet, site or file, else "Article N"); the badges use it.
    labels = [h.strip() for h in cards.locator("h3 .source-number").all_text_contents()]
    assert all(labels) and len(set(labels)) == 2, labels
    badges = {b.strip() for b in page.locator(".brief-sentence a.badge.source").all_text_contents()}
    assert badges and badges <= set(labels), (badges, labels)
    # At least one sentence is what both articles say.
    expect(page.locator(".brief-sentence .badge.support", has_text="2 of 2 sources").first).to_be_visible()
    # Every brief sentence points at source sentences that exist.
    for i in range(sentences.count()):
        for pair in sentences.nth(i).get_attribute("data-sources").split():
            doc, sentence = pair.split(":")
            assert page.locator(f"#s-{doc}-{sentence}").count() == 1, pair

    # No page furniture in what is shown: the brief, and the articles' text.
    shown = page.locator("#brief-region").inner_text() + page.locator("#sources").inner_text()
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
    expect(page.locator("[data-file-list] .file-name")).to_have_text(["kyodo.txt", "nhk-reader.txt", "article.html"])
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

    # 2. Only a file that is not an article (random bytes named .png): nothing readable is left.
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    page.fill("#length", "60")
    page.fill("#text-0", "")
    page.set_input_files("#files", png)
    page.click("#summarize-button")
    expect(alert).to_contain_text("photo.png")
    expect(page.locator("#error-length")).to_be_empty()  # the old message is cleared
    expect(page.locator("#length")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#title-0")).to_have_value("Kyodo")
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


# --- issue 9: errors in view, nothing lost, the file list, the article count, plain method names ---------


def in_view(locator) -> bool:
    """Whether the element's box lies within the viewport (top and bottom)."""
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "narrow"])
def test_an_error_is_scrolled_into_view_announced_and_focused(new_context, problems, kyodo, viewport):
    """Issue 9: the message was drawn at the top of the form, 533 px (desktop) / 1,411 px (phone) above the view,
    and focus stayed on the button: the user saw nothing happen."""
    problems.allow_status(400, 422)
    page = new_context(viewport=viewport).new_page()
    page.goto("/")
    page.fill("#text-0", kyodo)
    page.fill("#length", "5000")
    page.locator("#summarize-button").scroll_into_view_if_needed()
    page.click("#summarize-button")
    box = page.locator("#form-alert .alert-box")
    expect(box).to_contain_text("Choose a length between 1 and 2000 words.")
    expect(box).to_be_focused()
    expect(page.locator("#form-alert")).to_have_attribute("role", "alert")
    expect(page.locator("#length")).to_have_attribute("aria-invalid", "true")
    assert wait_until(lambda: in_view(box)), "the message is not in view"

    # Put right, the field is no longer marked.
    page.fill("#length", "0")
    page.click("#summarize-button")
    expect(box).to_contain_text("Choose a length")
    page.fill("#length", "60")
    page.set_input_files("#files", [])
    page.fill("#text-0", "")
    page.click("#summarize-button")  # now nothing to summarise: another message, not about the length
    expect(page.locator("#error-length")).to_be_empty()
    expect(page.locator("#length")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#form-alert .alert-box")).to_be_focused()


def _fill_five_boxes(page, kyodo, nhk) -> list[tuple[str, str]]:
    boxes = [(f"Title {n}", text) for n, text in enumerate([kyodo, nhk, kyodo[:900], nhk[:700], kyodo[:500]], start=1)]
    page.goto("/")
    for _ in range(3):
        count = page.locator("#boxes [data-box]").count()
        page.click("#add-box")
        expect(page.locator("#boxes [data-box]")).to_have_count(count + 1)
        # The new box takes the focus once htmx has settled it; typing before that (a busy machine) sent the
        # first title into the new box, as a person's typing would.
        expect(page.locator("#boxes [data-box]").last.locator("textarea")).to_be_focused()
    for index, (title, text) in enumerate(boxes):
        page.fill(f"#title-{index}", title)
        page.fill(f"#text-{index}", text)
    page.select_option("#algorithm", "lead")
    return boxes


def _expect_boxes(page, boxes) -> None:
    expect(page.locator("#boxes [data-box]")).to_have_count(len(boxes))
    expect(page.locator("#boxes legend")).to_have_text([f"Article {n}" for n in range(1, len(boxes) + 1)])
    assert page.locator("#boxes input[name=title]").evaluate_all("els => els.map(e => e.value)") == [t for t, _ in boxes]
    assert page.locator("#boxes textarea").evaluate_all("els => els.map(e => e.value)") == [t for _, t in boxes]
    expect(page.locator("#algorithm")).to_have_value("lead")
    expect(page.locator("#summarize-button")).to_be_enabled()
    expect(page.locator("#summarize-indicator")).to_be_hidden()


PAGESHOW_RECORDER = "window.addEventListener('pageshow', e => { window.__fromCache = e.persisted; });"


@pytest.fixture(params=["bfcache-off", "bfcache-on"])
def back_forward_page(request, browser, base_url, problems):
    """A page of a browser with the back/forward cache off (Playwright's default) or on."""
    from conftest import CHROMIUM, CHROMIUM_ARGS

    cached = None
    if request.param == "bfcache-on":
        cached = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
                                             ignore_default_args=["--disable-back-forward-cache"])
    context = (cached or browser).new_context(viewport=DESKTOP, base_url=base_url)
    context.add_init_script(PAGESHOW_RECORDER)
    page = context.new_page()
    problems.watch(page)
    page.bfcache = request.param == "bfcache-on"
    yield page
    context.close()
    if cached:
        cached.close()


def test_back_keeps_all_five_boxes(back_forward_page, kyodo, nhk):
    """Issue 9: Back after making a brief from 5 boxes returned a form with 2: the other articles were lost.
    With the back/forward cache the page comes back as it was left (and must not look busy); without it the
    browser renders the page afresh and app.js puts the boxes back."""
    page = back_forward_page
    boxes = _fill_five_boxes(page, kyodo, nhk)

    # Away by a link and back: from the cache when it is on.
    page.click(".site-header a[href='/api']")
    expect(page).to_have_url(re.compile(r"/api$"))
    page.go_back(wait_until="commit")  # a page from the cache fires no load event
    expect(page.locator("#boxes [data-box]")).to_have_count(5)
    assert page.evaluate("() => window.__fromCache") is page.bfcache, "the cache was not used as the test means it to"
    _expect_boxes(page, boxes)

    # Away by making the brief (a request in flight when the page was left) and back.
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator(".brief-sentence").first).to_be_visible()
    page.go_back(wait_until="commit")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#boxes [data-box]")).to_have_count(5)
    _expect_boxes(page, boxes)
    # The form still works: one more box is numbered on, and a brief is made from all five and the new one.
    page.click("#add-box")
    expect(page.locator("#boxes [data-box]")).to_have_count(6)
    expect(page.locator("#boxes legend").last).to_have_text("Article 6")
    assert len(set(page.locator("#boxes textarea").evaluate_all("els => els.map(e => e.id)"))) == 6
    page.fill("#boxes [data-box]:last-child textarea", nhk[:600])
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator(".source-card")).to_have_count(6)


def test_reload_keeps_every_box(page, kyodo, nhk):
    boxes = _fill_five_boxes(page, kyodo, nhk)
    page.locator("#boxes [data-box]").nth(1).locator("[data-remove-box]").click()  # four left
    del boxes[1]
    page.reload()
    _expect_boxes(page, boxes)
    # A fresh visit starts afresh.
    page.goto("/")
    expect(page.locator("#boxes [data-box]")).to_have_count(2)
    expect(page.locator("#text-0")).to_have_value("")


def test_remove_one_chosen_file_before_sending(page, tmp_path, kyodo, nhk):
    """Issue 9: the file list had no way to remove one file; the user had to choose them all again."""
    (tmp_path / "kyodo.txt").write_text(kyodo, encoding="utf-8")
    (tmp_path / "wrong.txt").write_text("Not this one. " * 20, encoding="utf-8")
    (tmp_path / "nhk.txt").write_text(nhk, encoding="utf-8")
    page.goto("/")
    page.set_input_files("#files", [tmp_path / "kyodo.txt", tmp_path / "wrong.txt", tmp_path / "nhk.txt"])
    items = page.locator("[data-file-list] li")
    expect(items.locator(".file-name")).to_have_text(["kyodo.txt", "wrong.txt", "nhk.txt"])
    expect(page.locator("#article-count")).to_have_text("3 articles: 3 files.")

    items.nth(1).get_by_role("button", name="Remove wrong.txt").click()
    expect(items.locator(".file-name")).to_have_text(["kyodo.txt", "nhk.txt"])
    assert page.evaluate("() => Array.from(document.getElementById('files').files, f => f.name)") == ["kyodo.txt", "nhk.txt"]
    expect(page.locator("[data-file-status]")).to_have_text("wrong.txt removed; 2 files chosen.")
    expect(items.nth(1).get_by_role("button")).to_be_focused()  # focus stays in the list
    expect(page.locator("#article-count")).to_have_text("2 articles: 2 files.")

    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator(".source-card")).to_have_count(2)
    expect(page.locator(".source-card .source-file")).to_have_text(["File: kyodo.txt", "File: nhk.txt"])


def test_the_page_counts_the_articles_before_sending(page, tmp_path, kyodo, nhk):
    page.goto("/")
    count = page.locator("#article-count")
    expect(count).to_have_text("No articles yet.")
    page.fill("#text-0", f"{kyodo}\n\n----\n\n{nhk}")  # four dashes split too
    expect(count).to_have_text("2 articles: 1 box split at a line of dashes.")
    page.fill("#text-1", "https://example.com/a\n  https://example.org/b  \n")
    expect(count).to_have_text("4 articles: 1 box split at a line of dashes and 2 links.")
    page.fill("#text-1", "See https://example.com/a for more.")  # text with a link in it is text
    expect(count).to_have_text("3 articles: 2 boxes, one of them split at a line of dashes.")
    (tmp_path / "a.txt").write_text(kyodo, encoding="utf-8")
    page.set_input_files("#files", tmp_path / "a.txt")
    expect(count).to_have_text("4 articles: 2 boxes, one of them split at a line of dashes, and 1 file.")
    expect(count).to_have_attribute("role", "status")
    expect(page.locator("#text-0")).to_have_attribute("placeholder", re.compile("link"))


def test_the_count_keeps_a_markdown_heading_underline_as_the_server_does(page, kyodo, nhk):
    """In Markdown a dash line right under a short heading underlines it; the page counts as the server splits."""
    from summarizer.ingest import split_pasted

    pasted = f"# Kishida in Europe\n\nWhat changed\n---\n\n{kyodo}\n\n---\n\n{nhk}"
    assert len(split_pasted(pasted)) == 2
    page.goto("/")
    page.fill("#text-0", pasted)
    expect(page.locator("#article-count")).to_have_text("2 articles: 1 box split at a line of dashes.")
    page.fill("#text-0", pasted.replace("# Kishida in Europe", "Kishida in Europe."))  # not Markdown: every dash line splits
    assert len(split_pasted(pasted.replace("# Kishida in Europe", "Kishida in Europe."))) == 3
    expect(page.locator("#article-count")).to_have_text("3 articles: 1 box split at lines of dashes.")


def test_the_methods_line_follows_the_choice(page):
    page.goto("/")
    hint = page.locator("#algorithm-hint")
    expect(hint).to_contain_text("Recommended")
    page.select_option("#algorithm", "lead")
    expect(hint).to_have_text("Each article's opening sentences in turn: a simple baseline.")
    expect(page.locator("#algorithm option:checked")).to_have_text("First sentences of each article")


def test_links_are_fetched_named_by_their_outlet_and_a_bad_one_is_left_out(page, linked_site):
    """Links in boxes: each page is fetched by the server (a loopback site allowed for the tests), its
    source named by the outlet read from it, and an image among them named in the notes, not fatal."""
    page.goto("/")
    page.fill("#text-0", linked_site.url("/kyodo"))
    page.fill("#text-1", f"{linked_site.url('/nhk')}\n{linked_site.url('/photo.png')}")
    expect(page.locator("#article-count")).to_contain_text("3 links")
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)

    expect(page.locator(".notice", has_text="/photo.png")).to_contain_text("not a web page")
    cards = page.locator(".source-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).locator(".source-url")).to_have_text(linked_site.url("/kyodo"))
    badges = page.locator(".brief-sentence .badge.source")
    expect(badges.filter(has_text="Kyodo").first).to_be_visible()
    expect(badges.filter(has_text="NHK World").first).to_be_visible()
    expect(page.locator(".brief-sentence .badge.support", has_text="of 2 sources").first).to_be_visible()
