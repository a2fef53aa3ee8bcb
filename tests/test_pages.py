"""The HTML pages: home form (with and without JavaScript), errors in place, the brief page, downloads,
make it again, delete, CSRF, and hostile input rendered as text."""

from __future__ import annotations

import html as htmllib
import io
import json
import re
from html.parser import HTMLParser

import pytest

from summarizer import Options, document_from_text, summarize
from web import inputs, store


def text_of(response) -> str:
    return response.get_data(as_text=True)


def textarea_values(page: str) -> list[str]:
    return [htmllib.unescape(v).removeprefix("\n") for v in re.findall(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)]


def input_values(page: str, name: str) -> list[str]:
    return [htmllib.unescape(v) for v in re.findall(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)]


def selected(page: str, select_id: str) -> str:
    block = re.search(rf'<select id="{select_id}".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]+)" selected>', block).group(1)


class Elements(HTMLParser):
    """Start tags with their attributes, to check data attributes and structure."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def having(self, attribute: str) -> list[dict]:
        return [attrs for _, attrs in self.tags if attribute in attrs]


# --- home -----------------------------------------------------------------------------------------


def test_home_has_two_boxes_files_options_and_a_primary_button(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text_of(response)
    assert len(re.findall(r"<fieldset class=\"article-box\"", page)) == 2
    for i in (0, 1):
        assert f'<label for="title-{i}">' in page and f'id="title-{i}"' in page
        assert f'<label for="text-{i}">' in page and f'id="text-{i}"' in page
    assert re.search(r'<input id="files" name="files" type="file" multiple', page)
    assert 'accept=".txt,.md,.markdown,.html,.htm,.pdf,.docx' in page
    assert '<label for="files">' in page and "data-dropzone" in page
    assert '<label for="length">' in page and '<select id="unit" name="unit">' in page
    assert 'id="summarize-button" type="submit" name="action" value="summarize" class="primary"' in page
    assert 'hx-disabled-elt="#summarize-button' in page  # no double submit while htmx works
    assert 'hx-indicator="#summarize-indicator"' in page and 'id="summarize-indicator"' in page
    assert 'enctype="multipart/form-data"' in page


def test_algorithms_ours_first_then_sumys(client):
    page = text_of(client.get("/"))
    block = re.search(r'<select id="algorithm".*?</select>', page, re.S).group(0)
    values = re.findall(r'<option value="([^"]+)"', block)
    assert values[0] == "consensus"
    assert values[1:7] == ["lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic"]
    assert selected(page, "algorithm") == "consensus"
    assert "(sumy)" in block


def test_languages_offered(client):
    page = text_of(client.get("/"))
    block = re.search(r'<select id="language".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="([^"]+)"', block)[:3] == ["english", "czech", "french"]
    assert selected(page, "language") == "english"


def test_summarize_redirects_to_the_permalink(post_form, articles, client):
    response = post_form(articles)
    assert response.status_code == 303
    assert re.fullmatch(r"/briefs/[A-Za-z0-9_-]{22}", response.headers["Location"])
    assert client.get(response.headers["Location"]).status_code == 200


def test_get_summarize_goes_home(client):
    response = client.get("/summarize")
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_htmx_summarize_answers_hx_redirect(post_form, articles):
    response = post_form(articles, htmx=True)
    assert response.status_code == 200
    assert re.fullmatch(r"/briefs/[A-Za-z0-9_-]{22}", response.headers["HX-Redirect"])
    assert "HX-Request" in response.headers["Vary"]


def test_one_box_may_hold_several_articles(post_form, client, kyodo, nhk):
    response = post_form([("", f"{kyodo}\n---\n{nhk}"), ("", "")])
    assert response.status_code == 303
    page = text_of(client.get(response.headers["Location"]))
    assert len(re.findall(r'<article class="source-card"', page)) == 2


def test_uploaded_files_are_read(post_form, client, samples, kyodo):
    files = [
        (io.BytesIO(samples.html), "story.html"),
        (io.BytesIO(samples.docx(kyodo.split("\n\n"))), "kyodo.docx"),
    ]
    response = post_form([("", "")], files=files)
    assert response.status_code == 303, text_of(response)[:3000]
    page = text_of(client.get(response.headers["Location"]))
    assert "Kishida heads to NATO summit in Lithuania" in page  # the HTML file's title
    assert '<a class="source-url" href="https://example.com/news/kishida-nato"' in page
    assert "2023-07-11" in page
    assert "File: <bdi>kyodo.docx</bdi>" in page


# --- without JavaScript: add and remove boxes by posting the form ---------------------------------


def test_add_box_without_javascript_keeps_everything(post_form, articles):
    response = post_form(articles, action="add", length="7", unit="sentences", algorithm="lexrank", language="french")
    assert response.status_code == 200
    page = text_of(response)
    assert textarea_values(page) == [articles[0][1], articles[1][1], ""]
    assert input_values(page, "title") == [articles[0][0], articles[1][0], ""]
    assert input_values(page, "length") == ["7"]
    assert selected(page, "unit") == "sentences"
    assert selected(page, "algorithm") == "lexrank"
    assert selected(page, "language") == "french"
    assert re.search(r'<textarea id="text-2" name="text" rows="8" autofocus>', page)


def test_remove_box_without_javascript(post_form):
    boxes = [("A", "first text"), ("B", "second text"), ("C", "third text")]
    page = text_of(post_form(boxes, action="remove-1"))
    assert textarea_values(page) == ["first text", "third text"]
    assert input_values(page, "title") == ["A", "C"]


def test_remove_the_last_box_leaves_one_empty_box(post_form):
    page = text_of(post_form([("A", "only")], action="remove-0"))
    assert textarea_values(page) == [""]


def test_files_chosen_before_a_reload_must_be_chosen_again(post_form, articles, samples):
    page = text_of(post_form(articles, action="add", files=[(io.BytesIO(samples.html), "a.html")]))
    assert "Choose your files again" in page


# --- with htmx: one box fragment --------------------------------------------------------------------


def test_new_box_fragment(client):
    response = client.get("/boxes/new?index=4", headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = text_of(response)
    assert '<fieldset class="article-box" id="box-4" data-box>' in page
    assert '<label for="text-4">' in page and "autofocus" in page
    assert "Article 5" in page
    # the add button is swapped out of band so the next box gets the next index
    assert re.search(r'id="add-box"[^>]*hx-get="/boxes/new\?index=5"[^>]*hx-swap-oob="true"', page, re.S)
    assert "<html" not in page
    assert "HX-Request" in response.headers["Vary"]


# --- errors, in place, with the input kept ---------------------------------------------------------

ERRORS = [
    # (case, boxes, fields, files, status, code, message fragment, field)
    ("empty", [("", ""), ("", "  ")], {}, None, 422, "nothing_to_summarize", "Paste or upload at least one article", None),
    ("cleaner emptied", "CRUFT", {}, None, 422, "nothing_to_summarize", "Nothing was left to summarise", None),
    ("language", "JAPANESE", {}, None, 422, "unsupported_language", "language this app cannot summarise", None),
    ("length text", "ARTICLES", {"length": "lots"}, None, 400, "invalid_option", "The length must be a whole number", "length"),
    ("length zero", "ARTICLES", {"length": "0"}, None, 400, "invalid_option", "Choose a length between 1 and 2000 words", "length"),
    ("too many sentences", "ARTICLES", {"length": "500", "unit": "sentences"}, None, 400, "invalid_option",
     "Choose a length between 1 and 100 sentences", "length"),
    ("algorithm", "ARTICLES", {"algorithm": "magic"}, None, 400, "invalid_option", "Unknown algorithm", "algorithm"),
    ("language option", "ARTICLES", {"language": "klingon"}, None, 400, "invalid_option", "Unsupported language", "language"),
    ("file type", [("", "")], {}, [("PNG", "photo.png")], 415, "unsupported_file_type", "photo.png: This is an image", "files"),
    ("scanned pdf", [("", "")], {}, [("PDF", "scan.pdf")], 422, "unreadable_document", "scan.pdf: This PDF has no text layer", "files"),
]


def _resolve(case_boxes, files, articles, samples):
    boxes = {
        "CRUFT": [("Cruft", samples.cruft_only)],
        "JAPANESE": [("日本語", samples.japanese)],
        "ARTICLES": articles,
    }.get(case_boxes, case_boxes) if isinstance(case_boxes, str) else case_boxes
    content = {"PNG": samples.png, "PDF": samples.scanned_pdf}
    return boxes, (None if files is None else [(io.BytesIO(content[kind]), name) for kind, name in files])


@pytest.mark.parametrize(
    ("case", "boxes", "fields", "files", "status", "code", "message", "field"), ERRORS, ids=[e[0] for e in ERRORS]
)
def test_errors_without_javascript_rerender_the_form_with_values(
    post_form, articles, samples, case, boxes, fields, files, status, code, message, field
):
    boxes, files = _resolve(boxes, files, articles, samples)
    response = post_form(boxes, files=files, **fields)
    assert response.status_code == status
    page = text_of(response)
    alert = re.search(r'<div id="form-alert"[^>]*>(.*?)</div>\s*</div>', page, re.S).group(1)
    assert htmllib.escape(message, quote=True) in alert or message in htmllib.unescape(alert)
    assert textarea_values(page) == [text for _, text in boxes]
    assert input_values(page, "title") == [title for title, _ in boxes]
    if "length" in fields:
        assert input_values(page, "length") == [fields["length"]]
    if field:
        slot = re.search(rf'<p id="error-{field}" class="field-error">(.*?)</p>', page, re.S).group(1)
        assert message in htmllib.unescape(slot)
        assert f'href="#{field}"' in alert
    if files:
        assert "Choose your files again" in page


@pytest.mark.parametrize(
    ("case", "boxes", "fields", "files", "status", "code", "message", "field"), ERRORS, ids=[e[0] for e in ERRORS]
)
def test_errors_with_htmx_swap_into_the_alert_and_leave_the_form(
    post_form, articles, samples, case, boxes, fields, files, status, code, message, field
):
    boxes, files = _resolve(boxes, files, articles, samples)
    response = post_form(boxes, files=files, htmx=True, **fields)
    assert response.status_code == status
    assert response.headers["HX-Retarget"] == "#form-alert"
    assert response.headers["HX-Reswap"] == "innerHTML"
    page = text_of(response)
    assert "<textarea" not in page and "<html" not in page  # the form, and what is in it, stay as they are
    assert message in htmllib.unescape(page)
    for name in ("length", "algorithm", "language", "files"):  # every message slot is refreshed
        assert re.search(rf'<p id="error-{name}" class="field-error" hx-swap-oob="true">', page)
    if field:
        slot = re.search(rf'<p id="error-{field}" [^>]*>(.*?)</p>', page, re.S).group(1)
        assert message in htmllib.unescape(slot)
    assert "Choose your files again" not in page


LIMITS = [
    # (case, config, boxes, number of files, status, code, message)
    ("too many files", {"MAX_FILES": 2}, [("", "")], 3, 413, "too_many_files", "You sent 3 files; at most 2"),
    ("file too large", {"MAX_FILE_BYTES": 1000}, [("", "")], 1, 413, "document_too_large",
     "article-0.txt: The file is 3 kB; each file may be at most 1 kB."),
    ("too many documents", {"MAX_DOCUMENTS": 3}, [("", "a\n---\nb\n---\nc\n---\nd")], 0, 413, "too_many_documents",
     "one brief can be made from at most 3"),
    ("too many characters", {"MAX_DOCUMENT_CHARS": 1000}, "LONG", 0, 413, "document_too_large",
     "each article may have at most 1,000"),
]


@pytest.mark.parametrize(("case", "config", "boxes", "files", "status", "code", "message"), LIMITS, ids=[c[0] for c in LIMITS])
@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_limits_on_the_page(make_app, post_form, kyodo, case, config, boxes, files, status, code, message, htmx):
    client = make_app(**config).test_client()
    boxes = [("Long", kyodo)] if boxes == "LONG" else boxes
    uploads = [(io.BytesIO(kyodo.encode()), f"article-{i}.txt") for i in range(files)] if files else None
    response = post_form(boxes, files=uploads, htmx=htmx, client=client)
    assert response.status_code == status
    page = htmllib.unescape(text_of(response))
    assert message in page
    if not htmx:
        assert textarea_values(text_of(response)) == [text for _, text in boxes]


def test_request_over_the_size_limit(make_app, post_form, kyodo):
    client = make_app(MAX_CONTENT_LENGTH=5000).test_client()
    page_response = post_form([("", kyodo * 3)], client=client)
    assert page_response.status_code == 413
    assert "What you sent is over" in text_of(page_response)
    htmx_response = post_form([("", kyodo * 3)], client=client, htmx=True)
    assert htmx_response.status_code == 413
    assert htmx_response.headers["HX-Retarget"] == "#form-alert"  # the typed text stays in the page
    assert "<html" not in text_of(htmx_response)


def test_long_pasted_article_is_accepted(post_form, samples):
    """Regression: Flask 3.1 refuses any form field over 500 kB (MAX_FORM_MEMORY_SIZE) with a bare 413."""
    long_text = (samples.japanese * 10_000)[:190_000]  # under the character limit, ~570 kB of UTF-8
    assert len(long_text.encode()) > 500_000
    response = post_form([("", long_text)])
    # read and refused for its language, not for its size
    assert response.status_code == 422
    assert "language this app cannot summarise" in text_of(response)


def test_a_note_when_the_cleaner_emptied_one_article(post_form, articles, samples, client):
    response = post_form([*articles, ("Only cruft", samples.cruft_only)])
    assert response.status_code == 303
    page = text_of(client.get(response.headers["Location"]))
    assert re.search(r'<p class="notice">Article 3 \(Only cruft\) had no article text left', page)


# --- CSRF -------------------------------------------------------------------------------------------


def test_summarize_without_csrf_token_is_refused_and_keeps_the_input(client, articles):
    client.get("/")
    data = {"title": [t for t, _ in articles], "text": [x for _, x in articles], "length": "120"}
    response = client.post("/summarize", data=data)
    assert response.status_code == 400
    page = text_of(response)
    assert "This form had expired" in page
    assert textarea_values(page) == [x for _, x in articles]
    with client.application.app_context():
        assert store.get_db().execute("SELECT COUNT(*) FROM briefs").fetchone()[0] == 0


def test_wrong_csrf_token_is_refused(client, articles, token):
    response = client.post("/summarize", data={"csrf_token": token[:-2] + "xx", "text": [articles[0][1]]})
    assert response.status_code == 400


def test_csrf_token_from_another_session_is_refused(make_app, token, articles):
    other = make_app().test_client()
    other.get("/")
    assert other.post("/summarize", data={"csrf_token": token, "text": [articles[0][1]]}).status_code == 400


def test_htmx_sends_the_token_in_a_header(client, articles, token):
    response = client.post(
        "/summarize",
        data={"text": [x for _, x in articles]},
        headers={"HX-Request": "true", "X-CSRF-Token": token},
    )
    assert response.status_code == 200 and response.headers["HX-Redirect"].startswith("/briefs/")


def test_delete_and_resummarize_need_the_token(client, make_brief):
    brief_id = make_brief()
    assert client.post(f"/briefs/{brief_id}/delete").status_code == 400
    assert client.post(f"/briefs/{brief_id}/resummarize", data={"length": "50"}).status_code == 400
    assert client.get(f"/briefs/{brief_id}").status_code == 200  # still there


# --- the brief page ------------------------------------------------------------------------------------


@pytest.fixture
def brief_page(client, make_brief):
    brief_id = make_brief()
    response = client.get(f"/briefs/{brief_id}")
    assert response.status_code == 200
    with client.application.app_context():
        saved = store.load(brief_id)
    return brief_id, text_of(response), saved.brief


def test_brief_sentences_in_order_with_sources_and_badges(brief_page):
    _, page, brief = brief_page
    elements = Elements(page)
    items = [a for a in elements.having("data-sources") if "brief-sentence" in a.get("class", "")]
    sentences = brief["summary"]["sentences"]
    assert len(items) == len(sentences) > 0
    total = sum(1 for d in brief["documents"] if d["sentences"])
    for index, (item, sentence) in enumerate(zip(items, sentences)):
        assert item["id"] == f"b-{index}" and item["tabindex"] == "0" and item["data-brief"] == str(index)
        assert item["data-sources"] == " ".join(f"{r['document']}:{r['sentence']}" for r in sentence["sources"])
        assert f"{sentence['support']} of {total} sources" in page
        assert htmllib.escape(sentence["text"]) in page
    positions = [page.index(htmllib.escape(s["text"])) for s in sentences]
    assert positions == sorted(positions)


def test_word_count_and_shrink(brief_page):
    _, page, brief = brief_page
    words, input_words = brief["summary"]["word_count"], brief["input_words"]
    shrink = round(100 * (1 - words / input_words))
    assert re.search(rf"<strong data-word-count>{words}</strong> words from {input_words:,}\s+\({shrink}% shorter\)", page)


def test_source_sentences_marked_used_or_repeat(brief_page):
    _, page, brief = brief_page
    elements = Elements(page)
    source_sentences = [a for a in elements.having("data-sentence") if "source-sentence" in a.get("class", "")]
    assert len(source_sentences) == sum(len(d["sentences"]) for d in brief["documents"])
    by_ref = {(int(a["data-doc"]), int(a["data-sentence"])): a for a in source_sentences}
    used, repeats = set(), set()
    for number, sentence in enumerate(brief["summary"]["sentences"]):
        refs = [(r["document"], r["sentence"]) for r in sentence["sources"]]
        used.add(refs[0])
        repeats.update(refs[1:])
        for ref in refs:
            assert by_ref[ref]["data-brief"] == str(number) and by_ref[ref]["tabindex"] == "0"
    assert repeats, "the fixtures share at least one sentence between the articles"
    for ref, attrs in by_ref.items():
        role = "used" if ref in used else "repeat" if ref in repeats else None
        assert attrs.get("data-role") == role
        assert ("is-used" in attrs["class"]) == (role == "used")
        assert ("is-repeat" in attrs["class"]) == (role == "repeat")
        assert attrs["id"] == f"s-{ref[0]}-{ref[1]}"


def test_source_text_keeps_the_article_paragraphs(brief_page):
    _, page, brief = brief_page
    cards = re.findall(r'<article class="source-card".*?</article>', page, re.S)
    for card, document in zip(cards, brief["documents"]):
        block = re.search(r'<div class="source-text">(.*?)</div>', card, re.S).group(1)
        assert block.count("<p>") == len(set(document["paragraphs"])) > 1


def test_sources_cards_and_removed_sections(brief_page):
    _, page, brief = brief_page
    assert len(re.findall(r'<article class="source-card" id="doc-\d+" data-doc="\d+"', page)) == len(brief["documents"])
    assert "Kyodo: Kishida and NATO" in page
    removed = [r for d in brief["documents"] for r in d["removed"]]
    assert removed, "the NHK reader copy carries cruft the cleaner removes"
    kinds = {r["kind"] for r in removed}
    for kind in kinds:
        count = sum(1 for d in brief["documents"] for r in d["removed"] if r["kind"] == kind)
        assert re.search(rf'<details class="removed-group" data-kind="{re.escape(kind)}">\s*'
                         rf"<summary>Removed by cleaning: {re.escape(kind)} \(\d+\)</summary>", page)
        assert count >= 1
    assert " open" not in re.search(r'<details class="removed-group"[^>]*>', page).group(0)  # collapsed


def test_copy_and_downloads_on_the_brief_page(brief_page):
    brief_id, page, brief = brief_page
    assert 'data-copy="#brief-plain"' in page
    plain = re.search(r'<pre id="brief-plain" hidden>(.*?)</pre>', page, re.S).group(1)
    assert htmllib.unescape(plain) == "\n".join(s["text"] for s in brief["summary"]["sentences"]) + "\n"
    assert 'id="copy-status" class="copy-status" role="status"' in page
    for fmt in ("txt", "md", "json"):
        assert f'href="/briefs/{brief_id}.{fmt}" download' in page


@pytest.mark.parametrize(("fmt", "mimetype"), [("txt", "text/plain"), ("md", "text/markdown"), ("json", "application/json")])
def test_downloads(client, brief_page, fmt, mimetype):
    brief_id, _, brief = brief_page
    response = client.get(f"/briefs/{brief_id}.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == f'attachment; filename="brief-{brief_id}.{fmt}"'
    body = text_of(response)
    if fmt == "json":
        assert json.loads(body) == brief
    elif fmt == "md":
        assert body.startswith("# Brief\n") and "## Sources" in body
    else:
        assert body == "\n".join(s["text"] for s in brief["summary"]["sentences"]) + "\n"


def test_download_of_unknown_brief_or_format(client, brief_page):
    brief_id, _, _ = brief_page
    assert client.get(f"/briefs/{brief_id}.exe").status_code == 404
    assert client.get("/briefs/AAAAAAAAAAAAAAAAAAAAAA.txt").status_code == 404


def test_brief_page_offers_the_options_it_was_made_with(client, make_brief):
    brief_id = make_brief(length="4", unit="sentences", algorithm="textrank")
    page = text_of(client.get(f"/briefs/{brief_id}"))
    assert input_values(page, "length") == ["4"]
    assert selected(page, "unit") == "sentences"
    assert selected(page, "algorithm") == "textrank"
    assert 'hx-post="/briefs/' + brief_id + '/resummarize" hx-target="#brief-region"' in page


# --- make it again --------------------------------------------------------------------------------------


def _resummarize(client, brief_id, htmx=False, **fields):
    token = re.search(r'name="csrf_token" value="([^"]+)"', text_of(client.get(f"/briefs/{brief_id}"))).group(1)
    data = {"csrf_token": token, "length": "120", "unit": "words", "algorithm": "consensus", "language": "english"}
    data.update(fields)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/briefs/{brief_id}/resummarize", data=data, headers=headers)


def test_resummarize_without_javascript(client, make_brief):
    brief_id = make_brief()
    response = _resummarize(client, brief_id, length="2", unit="sentences", algorithm="lexrank")
    assert response.status_code == 303 and response.headers["Location"] == f"/briefs/{brief_id}"
    with client.application.app_context():
        saved = store.load(brief_id)
    assert len(saved.brief["summary"]["sentences"]) == 2
    assert saved.brief["algorithm"] == "lexrank"
    assert saved.options == {"max_words": None, "max_sentences": 2, "algorithm": "lexrank", "language": "english"}


def test_resummarize_with_htmx_swaps_the_region(client, make_brief):
    brief_id = make_brief()
    response = _resummarize(client, brief_id, htmx=True, length="1", unit="sentences")
    assert response.status_code == 200
    page = text_of(response)
    assert "<html" not in page
    assert page.count('class="brief-sentence"') == 1
    assert '<section class="sources-column"' in page
    assert '<div id="form-alert" hx-swap-oob="innerHTML"></div>' in page
    assert re.search(r'<p id="brief-status"[^>]*hx-swap-oob="true">The brief was made again: \d+ words.</p>', page)
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"length": "0"}, "Choose a length between 1 and 2000 words", "length"),
        ({"algorithm": "nope"}, "Unknown algorithm", "algorithm"),
        ({"language": "xx"}, "Unsupported language", "language"),
    ],
)
def test_resummarize_errors(client, make_brief, fields, message, field):
    brief_id = make_brief()
    with client.application.app_context():
        before = store.load(brief_id).brief
    page_response = _resummarize(client, brief_id, **fields)
    assert page_response.status_code == 400
    page = text_of(page_response)
    assert message in htmllib.unescape(re.search(rf'<p id="error-{field}" class="field-error">(.*?)</p>', page, re.S).group(1))
    assert '<div id="brief-region"' in page  # the brief is still shown
    htmx_response = _resummarize(client, brief_id, htmx=True, **fields)
    assert htmx_response.status_code == 400
    assert htmx_response.headers["HX-Retarget"] == "#form-alert"
    assert 'id="error-files"' not in text_of(htmx_response)  # that slot is not on the brief page
    with client.application.app_context():
        assert store.load(brief_id).brief == before


def test_resummarize_unknown_brief(client, token):
    response = client.post("/briefs/AAAAAAAAAAAAAAAAAAAAAA/resummarize", data={"csrf_token": token, "length": "5"})
    assert response.status_code == 404


# --- delete and the list of recent briefs -----------------------------------------------------------------


def test_recent_briefs_on_home_and_delete(client, make_brief, articles):
    first = make_brief()
    second = make_brief([("Second story", articles[1][1])])
    home = text_of(client.get("/"))
    assert "Your recent briefs" in home
    assert home.index(f'/briefs/{second}"') < home.index(f'/briefs/{first}"')
    assert "Second story" in home and articles[0][0] in home

    token = re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)
    response = client.post(f"/briefs/{second}/delete", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    home = text_of(client.get("/"))
    assert "were deleted" in home
    assert f"/briefs/{second}" not in home and f"/briefs/{first}" in home
    assert client.get(f"/briefs/{second}").status_code == 404
    assert client.get(f"/briefs/{second}.json").status_code == 404
    assert client.post(f"/briefs/{second}/delete", data={"csrf_token": token}).status_code == 404


def test_recent_briefs_are_this_browsers_only(client, make_brief):
    brief_id = make_brief()
    assert f"/briefs/{brief_id}" in text_of(client.get("/"))
    stranger = client.application.test_client()
    assert f"/briefs/{brief_id}" not in text_of(stranger.get("/"))
    assert stranger.get(f"/briefs/{brief_id}").status_code == 200  # the link itself works for anyone


def test_delete_really_deletes_the_articles(client, post_form, kyodo, token):
    marker = "ZQXJ-unique-marker-4711"
    response = post_form([(f"Title {marker}", f"{kyodo}\n\nThe minister said {marker} twice, {marker}, to reporters.")])
    brief_id = response.headers["Location"].rsplit("/", 1)[-1]
    path = client.application.config["DATABASE"]

    def database_bytes() -> bytes:
        import glob

        return b"".join(open(p, "rb").read() for p in glob.glob(path + "*"))

    assert marker.encode() in database_bytes()
    other_worker = store.connect(path)  # an open connection elsewhere keeps the WAL file alive
    try:
        other_worker.execute("SELECT COUNT(*) FROM briefs").fetchone()
        client.post(f"/briefs/{brief_id}/delete", data={"csrf_token": token})
        assert marker.encode() not in database_bytes()
    finally:
        other_worker.close()


# --- hostile input is text, never markup ----------------------------------------------------------------

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_TEXT = 'He said " onmouseover="alert(1)" and <img src=x onerror=alert(1)> in the NATO summit talks on Tuesday.'
RTL = "\u202egnp.exe"


def test_hostile_title_and_text_are_escaped(client, post_form, kyodo):
    response = post_form([(HOSTILE_TITLE, f"{kyodo}\n\n{HOSTILE_TEXT}"), (RTL, kyodo)])
    location = response.headers["Location"]
    page = text_of(client.get(location))
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "onerror=alert(1)&gt;" in page or "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "\u202e" not in page  # bidi overrides are removed on input; titles are also isolated in <bdi>
    home = text_of(client.get("/"))
    assert "<script>alert(1)" not in home and "&lt;script&gt;" in home  # the recent list


def test_hostile_values_kept_in_a_rerendered_form_are_escaped(post_form):
    page = text_of(post_form([('" autofocus onfocus="alert(1)', "</textarea><script>alert(1)</script>")], length='"><b>'))
    assert "</textarea><script>" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in page
    assert 'value="&#34; autofocus onfocus=&#34;alert(1)"' in page
    assert 'value="&#34;&gt;&lt;b&gt;"' in page
    from test_app import inline_problems

    assert inline_problems(page) == []


def test_hostile_metadata_and_javascript_url_render_as_text(client, app, kyodo):
    documents = [
        document_from_text(
            kyodo,
            title=HOSTILE_TITLE,
            url="javascript:alert(1)",
            date='2023-07-11"><script>alert(2)</script>',
            name='<svg onload="alert(3)">.txt',
        ),
        document_from_text(kyodo, url="https://example.com/ok?a=1&b=<2>", title="Fine"),
    ]
    brief = summarize(documents, Options(max_words=60))
    with app.app_context():
        brief_id = store.save({}, [inputs.document_dict(d) for d in documents], brief.to_dict())
    page = text_of(client.get(f"/briefs/{brief_id}"))
    assert 'href="javascript:' not in page.lower()
    assert '<span class="source-url"><bdi>javascript:alert(1)</bdi></span>' in page
    assert '<a class="source-url" href="https://example.com/ok?a=1&amp;b=&lt;2&gt;"' in page
    assert "<script>alert(2)" not in page and "&lt;script&gt;alert(2)" in page
    assert "<svg" not in page and "&lt;svg onload=&#34;alert(3)&#34;&gt;.txt" in page
    from test_app import inline_problems

    assert inline_problems(page) == []


def test_hostile_file_name_in_an_error_is_escaped(post_form, samples):
    page = text_of(post_form([("", "")], files=[(io.BytesIO(samples.png), "<img src=x onerror=alert(1)>.png")]))
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.png" in page


def test_a_file_name_is_never_used_as_a_path(post_form, client, kyodo, tmp_path):
    response = post_form([("", "")], files=[(io.BytesIO(kyodo.encode()), "../../../../tmp/evil.txt")])
    assert response.status_code == 303
    page = text_of(client.get(response.headers["Location"]))
    assert "File: <bdi>evil.txt</bdi>" in page
    import os

    assert not os.path.exists("/tmp/evil.txt") or os.path.getsize("/tmp/evil.txt") != len(kyodo.encode())
