"""The brief page in Chromium: brief <-> source highlighting by click and keyboard, copy, downloads,
and making the brief again in place (with its busy state)."""

from __future__ import annotations

import json
import re

import pytest
from browser_helpers import BRIEF_URL, NARROW, expect, marker, page_top, set_marker, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def source_ids(brief_sentence) -> list[str]:
    """The ids of a brief sentence's source sentences, from its data-sources ("doc:sentence ...")."""
    return ["s-{}-{}".format(*pair.split(":")) for pair in brief_sentence.get_attribute("data-sources").split()]


def in_viewport(page, selector: str) -> bool:
    """Whether the element lies inside the viewport (top edge visible and not below the bottom)."""
    return page.evaluate(
        """selector => {
            const rect = document.querySelector(selector).getBoundingClientRect();
            return rect.bottom > 0 && rect.top >= 0 && rect.top < window.innerHeight;
        }""",
        selector,
    )


def test_brief_and_sources_highlight_each_other(page, saved_brief):
    page.goto(saved_brief)
    sentences = page.locator(".brief-sentence")
    count = sentences.count()
    assert count >= 2

    # A brief sentence whose first source is off screen: clicking it highlights and scrolls to its sources.
    page.evaluate("() => window.scrollTo(0, 0)")
    chosen = None
    for i in range(count):
        if not in_viewport(page, "#" + source_ids(sentences.nth(i))[0]):
            chosen = sentences.nth(i)
            break
    assert chosen is not None, "every source sentence is already on screen: the test proves nothing"
    sources = source_ids(chosen)
    chosen.locator(".sentence-text").click()
    expect(chosen).to_have_class(re.compile(r"\bis-active\b"))
    for source in sources:
        expect(page.locator("#" + source)).to_have_class(re.compile(r"\bis-linked\b"))
    assert wait_until(lambda: in_viewport(page, "#" + sources[0])), "the first source was not scrolled into view"
    # Only this sentence's sources are highlighted.
    linked = page.locator(".source-sentence.is-linked")
    expect(linked).to_have_count(len(sources))
    assert sorted(linked.evaluate_all("els => els.map(e => e.id)")) == sorted(sources)
    expect(page.locator(".brief-sentence.is-active")).to_have_count(1)

    # Keyboard: Tab reaches the brief sentences, and focus alone shows their sources.
    page.goto(page.url)
    first, second = sentences.nth(0), sentences.nth(1)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == "b-0":
            break
    expect(first).to_be_focused()
    expect(first).to_have_class(re.compile(r"\bis-active\b"))
    for source in source_ids(first):
        expect(page.locator("#" + source)).to_have_class(re.compile(r"\bis-linked\b"))
    for _ in range(10):  # past the sentence's badge links to the next sentence
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == "b-1":
            break
    expect(second).to_be_focused()
    expect(second).to_have_class(re.compile(r"\bis-active\b"))
    expect(first).not_to_have_class(re.compile(r"\bis-active\b"))
    assert wait_until(lambda: in_viewport(page, "#" + source_ids(second)[0]))

    # Reverse: a source sentence used in the brief highlights that brief sentence and its other sources.
    used = page.locator(".source-sentence[data-role=used]").last
    brief_index = used.get_attribute("data-brief")
    target = page.locator(f"#b-{brief_index}")
    used.click()
    expect(used).to_have_class(re.compile(r"\bis-active\b"))
    expect(target).to_have_class(re.compile(r"\bis-linked\b"))
    for source in source_ids(target):
        expect(page.locator("#" + source)).to_have_class(re.compile(r"\bis-linked|is-active\b"))
    assert wait_until(lambda: in_viewport(page, f"#b-{brief_index}"))
    expect(page.locator(".brief-sentence.is-active")).to_have_count(0)

    # A sentence of an article that is not in the brief highlights nothing.
    plain = page.locator(".source-sentence:not([data-role])").first
    plain.click()
    expect(used).to_have_class(re.compile(r"\bis-active\b"))  # nothing changed


def test_copy_gives_the_brief_as_plain_text(page, saved_brief):
    page.goto(saved_brief)
    button = page.locator("#copy-button")
    expect(button).to_be_visible()  # app.js shows it (hidden without JavaScript)
    expect(page.locator("#copy-status")).to_have_text("")
    button.click()
    expect(page.locator("#copy-status")).to_have_text("Copied")
    expect(button).to_be_focused()
    copied = page.evaluate("() => navigator.clipboard.readText()")

    sentences = [s.strip() for s in page.locator(".brief-sentence .sentence-text").all_text_contents()]
    assert copied.splitlines() == sentences
    # The .txt download is the brief to share: the same sentences, with its title and sources around them.
    download = page.request.get(page.locator("#download-txt").get_attribute("href"))
    assert download.ok
    for sentence in sentences:
        assert sentence in download.text()


def test_downloads_are_attachments_of_the_right_types(page, saved_brief, kyodo):
    page.goto(saved_brief)
    url = page.url
    title = page.locator("h1.brief-title").inner_text().strip()
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:80].rstrip("-")  # downloads are named after the title
    expected = {
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "json": "application/json",
    }
    bodies = {}
    for fmt, content_type in expected.items():
        link = page.locator(f"#download-{fmt}")
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == f"{slug}.{fmt}"
        bodies[fmt] = open(download.path(), encoding="utf-8").read()

        response = page.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == content_type
        assert response.headers["content-disposition"] == f'attachment; filename="{slug}.{fmt}"'
        assert response.text() == bodies[fmt]
    assert page.url == url  # downloading did not leave the page

    sentences = [s.strip() for s in page.locator(".brief-sentence .sentence-text").all_text_contents()]
    lines = bodies["txt"].splitlines()  # the title, when it was made, the sentences citing sources, the sources
    assert lines[0] == title and lines[1].startswith("Made ")
    assert [re.sub(r" \[[\d, ]+\]$", "", line) for line in lines[3:3 + len(sentences)]] == sentences
    assert "Sources" in lines and "1. Kyodo: Kishida and NATO" in bodies["txt"]
    assert bodies["md"].startswith(f"# {title}\n")
    assert "## Sources" in bodies["md"]

    data = json.loads(bodies["json"])
    assert [s["text"] for s in data["summary"]["sentences"]] == sentences
    assert isinstance(data["summary"]["text"], str) and data["summary"]["text"]
    assert data["summary"]["word_count"] == int(page.locator("[data-word-count]").text_content())
    assert len(data["documents"]) == 2
    assert data["documents"][0]["title"] == "Kyodo: Kishida and NATO"

    # The same shape as the JSON API's answer for the same articles.
    api = page.request.post("/api/summarize", data={"documents": [{"text": kyodo}]})
    assert api.status == 200, api.text()
    answer = api.json()
    assert set(data) == set(answer)
    assert set(data["summary"]) == set(answer["summary"])
    assert set(data["documents"][0]) == set(answer["documents"][0])


def test_make_it_again_shorter_in_place(page, make_brief):
    url = make_brief(page)
    region = page.locator("#brief-region")
    before = region.inner_text()
    set_marker(page)

    page.fill("#length", "40")
    page.select_option("#unit", "words")
    page.click("#resummarize-button")
    expect(page.locator("#brief-status")).to_contain_text("The brief was made again")
    assert marker(page) == "kept", "the page was reloaded instead of swapped"
    assert page.url == url

    words = int(page.locator("[data-word-count]").text_content())
    assert 0 < words <= 40
    expect(page.locator("#brief-status")).to_have_text(f"The brief was made again: {words} words.")
    texts = page.locator(".brief-sentence .sentence-text").all_text_contents()
    assert texts and sum(len(t.split()) for t in texts) == words
    assert region.inner_text() != before
    expect(page.locator("#length")).to_have_value("40")
    expect(page.locator("#brief-region > .brief-column")).to_have_count(1)  # swapped inside, not nested
    expect(page.locator("#sources")).to_have_count(1)  # swapped out of band, not nested
    expect(page.locator("#sources .source-card")).to_have_count(2)

    # The swapped-in sentences are wired up like the first ones.
    page.locator(".brief-sentence").first.locator(".sentence-text").click()
    expect(page.locator(".brief-sentence").first).to_have_class(re.compile(r"\bis-active\b"))
    expect(page.locator(".source-sentence.is-linked").first).to_be_visible()

    # Copy and the .txt download give the new brief.
    page.click("#copy-button")
    expect(page.locator("#copy-status")).to_have_text("Copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.splitlines() == [t.strip() for t in texts]

    # The change was saved: a reload shows the shorter brief.
    page.reload()
    assert int(page.locator("[data-word-count]").text_content()) == words
    expect(page.locator("#length")).to_have_value("40")


def test_make_it_again_refused_keeps_the_brief(page, problems, make_brief):
    problems.allow_status(400)
    make_brief(page)
    set_marker(page)
    before = page.locator("#brief-region").inner_text()
    page.fill("#length", "101")
    page.select_option("#unit", "sentences")
    page.click("#resummarize-button")
    expect(page.locator("#form-alert")).to_contain_text("Choose a length between 1 and 100 sentences.")
    expect(page.locator("#error-length")).to_contain_text("Choose a length between 1 and 100 sentences.")
    # Issue 9: the field lacked aria-invalid after an error swapped in by htmx; the message is focused.
    expect(page.locator("#length")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#form-alert .alert-box")).to_be_focused()
    assert page.locator("#brief-region").inner_text() == before
    expect(page.locator("#length")).to_have_value("101")
    expect(page.locator("#unit")).to_have_value("sentences")
    assert marker(page) == "kept"

    # Fixed, it goes through and the message goes away.
    page.fill("#length", "2")
    page.click("#resummarize-button")
    expect(page.locator("#brief-status")).to_contain_text("The brief was made again")
    expect(page.locator("#form-alert")).to_be_empty()
    expect(page.locator("#error-length")).to_be_empty()
    expect(page.locator("#length")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".brief-sentence")).to_have_count(2)


def test_busy_state_while_the_brief_is_made_again(page, make_brief):
    url = make_brief(page)
    held = []
    page.route(url + "/resummarize", lambda route: held.append(route))
    button = page.locator("#resummarize-button")
    indicator = page.locator("#resummarize-indicator")
    region = page.locator("#brief-region")
    expect(indicator).to_be_hidden()
    region_top = page_top(region)

    page.fill("#length", "50")
    button.click()
    expect(button).to_be_disabled()
    expect(indicator).to_be_visible()
    expect(indicator).to_have_text("Making the brief…")
    assert len(held) == 1
    assert page_top(region) == region_top, "the indicator pushed the brief down"

    held[0].continue_()
    expect(page.locator("#brief-status")).to_contain_text("The brief was made again")
    expect(button).to_be_enabled()
    expect(indicator).to_be_hidden()
    assert page_top(region) == region_top
    assert page.url == url
    assert BRIEF_URL.search(page.url)


# --- issue 9: the brief first, sources collapsed, badges that go and links that come back ---------------


def test_on_a_phone_the_brief_comes_first(new_context, make_brief):
    """Issue 9: on a phone the first screen was all options; the brief started 781 px down."""
    page = new_context(viewport=NARROW).new_page()
    make_brief(page)
    first = page.locator(".brief-sentence").first.bounding_box()
    assert first["y"] >= 0 and first["y"] + first["height"] <= NARROW["height"], first
    last = page.locator(".brief-sentence").last.bounding_box()
    assert page.locator("#resummarize-form").bounding_box()["y"] > last["y"] + last["height"]
    assert page.locator("#sources").bounding_box()["y"] > page.locator("#brief-controls").bounding_box()["y"]


def _long_files(tmp_path, kyodo, nhk) -> list:
    """Four files on one story, each with 30 sentences of its own after the shared reporting."""
    paths = []
    for number, story in enumerate([kyodo, nhk, kyodo, nhk]):
        own = "\n\n".join(
            " ".join(f"Desk {number} notes that committee {i} of district {number * 100 + i} met on day {i % 28 + 1} "
                     f"with {i % 7 + 2} members." for i in range(start, start + 5))
            for start in range(0, 30, 5)
        )
        path = tmp_path / f"report-{number + 1}.txt"
        path.write_text(f"{story}\n\n{own}", encoding="utf-8")
        paths.append(path)
    return paths


def test_collapsed_sources_open_at_a_badge_and_link_back(new_context, tmp_path, kyodo, nhk):
    """Issue 9: sources were shown whole (a 4-file brief page was 8,158 px tall), and tapping a brief sentence
    on a phone jumped ~2,400 px down with no way back to the brief."""
    page = new_context(viewport=NARROW).new_page()
    page.goto("/")
    page.set_input_files("#files", _long_files(tmp_path, kyodo, nhk))
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator(".source-card")).to_have_count(4)

    # Collapsed: each card shows its sentences in the brief and their context, the rest a click away.
    expect(page.locator("details.source-whole")).to_have_count(4)
    expect(page.locator("details.source-whole[open]")).to_have_count(0)
    expect(page.locator(".source-sentence.is-extra").first).to_be_hidden()
    for used in page.locator(".source-sentence[data-role]").all():
        expect(used).to_be_visible()
    collapsed = page.evaluate("() => document.documentElement.scrollHeight")
    for summary in page.locator("details.source-whole summary").all():
        summary.click()
    expect(page.locator(".source-sentence.is-extra").first).to_be_visible()
    whole = page.evaluate("() => document.documentElement.scrollHeight")
    assert collapsed < whole / 2, (collapsed, whole)

    # A badge goes to its source sentence (opening the article around it), highlighted and focused ...
    page.reload()
    page.evaluate("() => window.scrollTo(0, 0)")
    line = page.locator(".brief-sentence").first
    badge = line.locator("a.badge.source").first
    target_id = badge.get_attribute("href").split("#")[1]
    doc = target_id.split("-")[1]
    badge.click()
    target = page.locator(f"#{target_id}")
    expect(page.locator(f"#doc-{doc}-whole")).to_have_attribute("open", "")
    expect(target).to_be_focused()
    expect(target).to_have_class(re.compile(r"\bis-active\b"))
    assert wait_until(lambda: in_viewport(page, f"#{target_id}")), "the source sentence is not in view"
    assert page.url.endswith(f"#{target_id}")

    # ... and "back to the brief" beside it returns to the brief sentence it stands for.
    back = target.locator("xpath=following-sibling::a[contains(@class, 'back-to-brief')][1]")
    expect(back).to_contain_text("back to the brief")
    number = back.get_attribute("data-brief")
    back.click()
    expect(page.locator(f"#b-{number}")).to_be_focused()
    assert wait_until(lambda: in_viewport(page, f"#b-{number}")), "the brief sentence is not in view"
    # Back (the browser's) goes to the source sentence again: the links are ordinary links.
    page.go_back()
    assert wait_until(lambda: in_viewport(page, f"#{target_id}"))


def test_the_whole_article_opens_without_javascript(new_context, make_brief, saved_brief):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(saved_brief)
    card = page.locator(".source-card").first
    hidden = card.locator(".source-sentence.is-extra")
    assert hidden.count() > 0
    expect(hidden.first).to_be_hidden()
    expect(card.locator(".source-gap.when-collapsed").first).to_be_visible()
    card.get_by_text("Show the whole article").click()
    expect(hidden.first).to_be_visible()
    expect(card.locator(".source-gap.when-collapsed").first).to_be_hidden()
    # A link to a sentence the collapsed card hides shows it (the :target rule), without JavaScript.
    extra_id = hidden.first.get_attribute("id")
    card.get_by_text("Show only the sentences in the brief").click()
    expect(hidden.first).to_be_hidden()
    page.goto(f"{saved_brief}#{extra_id}")
    expect(page.locator(f"#{extra_id}")).to_be_visible()


def test_arabic_is_found_by_itself_and_laid_out_right_to_left_in_page_and_downloads(page):
    """Issue 11: an Arabic story with "Detect by itself" left as it is: the sources say so, the brief and
    the sources run right to left, and the downloads keep the Arabic text as it was."""
    from pathlib import Path

    fixture = Path(__file__).parent.parent / "fixtures" / "languages" / "ar.txt"
    articles = [a.strip() for a in fixture.read_text(encoding="utf-8").split("\n---\n")]
    page.goto("/")
    assert page.locator("#language").input_value() == "auto"
    for i, text in enumerate(articles):
        page.fill(f"#text-{i}", text)
        assert page.eval_on_selector(f"#text-{i}", "el => getComputedStyle(el).direction") == "rtl"
    page.click("#summarize-button")
    expect(page).to_have_url(BRIEF_URL)
    expect(page.locator(".brief-sentence").first).to_be_visible()

    assert page.locator(".source-language").all_text_contents() == ["Detected: Arabic"] * len(articles)
    assert page.eval_on_selector(".brief-sentences", "el => getComputedStyle(el).direction") == "rtl"
    assert page.eval_on_selector(".source-text", "el => getComputedStyle(el).direction") == "rtl"
    # the numbers stand on the right, where an Arabic list has them, and the text starts there
    padding = page.eval_on_selector(".brief-sentences", "el => [getComputedStyle(el).paddingLeft, "
                                    "getComputedStyle(el).paddingRight]")
    assert padding[0] == "0px" and padding[1] != "0px"
    assert page.eval_on_selector(".brief-sentence", "el => getComputedStyle(el).textAlign") in ("start", "right")

    sentences = [s.strip() for s in page.locator(".brief-sentence .sentence-text").all_text_contents()]
    assert all(any(sentence in " ".join(a.split()) for a in articles) for sentence in sentences)
    for fmt in ("txt", "md", "json"):
        body = page.request.get(page.locator(f"#download-{fmt}").get_attribute("href")).text()
        data = json.loads(body)["summary"]["sentences"] if fmt == "json" else None
        texts = [s["text"] for s in data] if data else sentences
        assert texts == sentences
        assert all(sentence in body for sentence in sentences) or fmt == "json"
