"""Hostile input, through the page and the API: rate limiting, bounded uploads, escaping, CSRF on every
form, permalinks that cannot be enumerated.

Headers, the secret key and the first escaping cases are in test_app.py and test_pages.py; this file
fills the gaps the issue lists, each through the HTTP interface a client would use.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
import zlib
from html.parser import HTMLParser

import pytest

from app import DEFAULTS, create_app
from summarizer import document_from_text
from test_api import api_error, validator
from web import inputs, store

REFUSED_WITHIN = 2.0  # seconds: every refusal of a hostile upload is quick, with room for a busy machine


def text_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def openapi(client) -> dict:
    return client.get("/api/openapi.json").get_json()


def api_files(client, *files, **fields):
    """POST files (name, bytes) to the API as multipart; return the response and the seconds it took."""
    data = {"files": [(io.BytesIO(content), name) for name, content in files], **fields}
    started = time.monotonic()
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    return response, time.monotonic() - started


# --- rate limiting ------------------------------------------------------------------------------------------


def _post_json(client, address="127.0.0.1"):
    """A cheap API request (malformed JSON, refused at once) from a client address."""
    environ = {"REMOTE_ADDR": address}
    return client.post("/api/summarize", data="{", content_type="application/json", environ_base=environ)


def test_api_over_the_rate_limit_is_429_with_retry_after(make_app):
    client = make_app(API_RATE_LIMIT="3/minute").test_client()
    document = client.get("/api/openapi.json").get_json()
    assert [_post_json(client).status_code for _ in range(3)] == [400, 400, 400]  # refused requests count too
    response = _post_json(client)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    body = response.get_json()
    validator(document, "Error").validate(body)
    assert body["error"]["code"] == "rate_limited"
    assert "3 per 1 minute" in body["error"]["message"]
    assert f"Wait {response.headers['Retry-After']} second" in body["error"]["message"]
    # Documented, with its header; the security headers are there as on every answer.
    documented = document["paths"]["/api/summarize"]["post"]["responses"]["429"]
    assert "Retry-After" in documented["headers"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_rate_limit_is_per_client_address_and_only_on_api_posts(make_app):
    client = make_app(API_RATE_LIMIT="2/minute").test_client()
    for _ in range(2):
        _post_json(client, "192.0.2.1")
    assert _post_json(client, "192.0.2.1").status_code == 429
    assert _post_json(client, "192.0.2.2").status_code == 400  # another client is not held up
    for _ in range(5):
        assert client.get("/api/openapi.json", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 200
        assert client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 200


def test_the_client_may_send_again_after_retry_after(make_app):
    client = make_app(API_RATE_LIMIT="2/second").test_client()
    _post_json(client), _post_json(client)
    refused = _post_json(client)
    assert refused.status_code == 429
    time.sleep(int(refused.headers["Retry-After"]))
    assert _post_json(client).status_code == 400


def test_rate_limit_off(make_app):
    client = make_app(API_RATE_LIMIT="off").test_client()
    assert all(_post_json(client).status_code == 400 for _ in range(80))  # above the default 60/minute


def test_rate_limit_settings_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SUMMARIZER_API_RATE_LIMIT", "2/minute")
    monkeypatch.setenv("SUMMARIZER_RATELIMIT_STORAGE_URI", "memory://")
    app = create_app({"TESTING": True})
    assert (app.config["API_RATE_LIMIT"], app.config["RATELIMIT_STORAGE_URI"]) == ("2/minute", "memory://")
    client = app.test_client()
    assert [_post_json(client).status_code for _ in range(3)] == [400, 400, 429]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"API_RATE_LIMIT": "lots"}, "API_RATE_LIMIT must be a rate such as 60/minute"),
        ({"RATELIMIT_STORAGE_URI": "nosuchstore://somewhere"}, "RATELIMIT_STORAGE_URI cannot be used"),
    ],
)
def test_bad_rate_limit_settings_fail_at_start(make_app, config, message):
    with pytest.raises(RuntimeError, match=message):
        make_app(**config)


def test_default_rate_limit_is_on():
    assert DEFAULTS["API_RATE_LIMIT"] == "60/minute" and DEFAULTS["RATELIMIT_STORAGE_URI"] == "memory://"


# --- uploads: bounded, and refused quickly with a clear 4xx -----------------------------------------------


def _zip_bomb() -> bytes:
    """A .docx-looking zip of about 100 kB that unpacks to 100 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            zeros = bytes(1 << 20)
            for _ in range(100):
                entry.write(zeros)
    return out.getvalue()


def _docx_with_entries(docx: bytes, extra: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item.filename))
        for number in range(extra):
            archive.writestr(f"padding/part{number}.xml", "<x/>")
    return out.getvalue()


def _docx_with_paragraphs(docx: bytes, count: int) -> bytes:
    """A small file whose body is `count` one-word paragraphs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>word</w:t></w:r></w:p>" * count, 1)
            archive.writestr(item, data)
    return out.getvalue()


def _pdf(page_streams: list[bytes], *, compress: bool = False) -> bytes:
    """A minimal PDF with one content stream per page (Flate-compressed when asked)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for stream in page_streams:
        number = len(objects) + 1
        kids.append(f"{number} 0 R")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (number + 1)
        )
        data = zlib.compress(stream, 9) if compress else stream
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PAGE = b"BT /F1 11 Tf 72 760 Td (The harbour bridge reopened on Tuesday after two years of repairs.) Tj ET"
PARAGRAPH = "<p>The harbour bridge reopened on Tuesday after two years of repairs, officials said.</p>"


def _html(body: str) -> bytes:
    return f"<!doctype html><html><head><title>Bridge</title></head><body>{body}</body></html>".encode()


UPLOADS = [
    # (case, file name, content (a callable of the samples), status, code, message)
    ("docx zip bomb", "bomb.docx", lambda s: _zip_bomb(), 413, "document_too_large",
     "bomb.docx: This Word document unpacks to 100 MB; the limit is 50 MB"),
    ("docx with absurdly many parts", "parts.docx", lambda s: _docx_with_entries(s.docx(["Text."]), 2100), 413,
     "document_too_large", "parts.docx: This Word document holds"),
    ("pdf over the page limit", "long.pdf", lambda s: _pdf([PAGE] * 250), 413, "document_too_large",
     "long.pdf: This PDF has 250 pages; the limit is 200"),
    ("pdf page that unpacks to 5 MB", "dense.pdf",
     lambda s: _pdf([b"BT /F1 12 Tf 10 10 Td " + b"(word ) Tj 1 0 Td " * 300_000 + b"ET"], compress=True), 413,
     "document_too_large", "dense.pdf: A page of this PDF unpacks to more than 1 MB of drawing instructions"),
    ("html nested 100,000 deep", "deep.html", lambda s: _html("<div>" * 100_000 + "x" + "</div>" * 100_000), 413,
     "document_too_large", "deep.html: This web page nests its elements more than 400 levels deep"),
    ("html with a 3 MB attribute", "attr.html", lambda s: _html(f'<div title="{"a" * 3_000_000}">{PARAGRAPH}</div>'),
     413, "document_too_large", "attr.html: This web page's tags and attributes take more than 1,000,000 characters"),
    ("html element with 5,000 attributes", "attrs.html",
     lambda s: _html("<div " + " ".join(f"a{i}=x" for i in range(5000)) + f">{PARAGRAPH}</div>"), 413,
     "document_too_large", "attrs.html: An element of this web page has more than 1,000 attributes"),
    ("html with 100,000 elements", "flat.html", lambda s: _html("<p>x</p>" * 100_000), 413, "document_too_large",
     "flat.html: This web page has more than 20,000 elements"),
    ("image named .txt", "story.txt", lambda s: s.png, 415, "unsupported_file_type", "story.txt: This is an image"),
    ("image named .pdf", "story.pdf", lambda s: s.png, 415, "unsupported_file_type", "story.pdf: This is an image"),
]


@pytest.mark.parametrize(("case", "name", "content", "status", "code", "message"), UPLOADS, ids=[u[0] for u in UPLOADS])
def test_hostile_uploads_are_refused_quickly_with_a_clear_message(
    client, openapi, samples, case, name, content, status, code, message
):
    response, seconds = api_files(client, (name, content(samples)))
    text = api_error(response, openapi, status, code)
    assert text.startswith(message), text
    assert re.search(r"[Pp]aste|Split|Use a \.txt", text)  # says what to do instead
    assert seconds < REFUSED_WITHIN, f"{case} took {seconds:.1f} s"


def test_the_type_comes_from_the_content_not_the_name_or_header(client, kyodo):
    """Text named .pdf and sent as application/pdf is read as text; a PDF named .txt is read as a PDF."""
    data = {
        "files": [
            (io.BytesIO(kyodo.encode()), "article.pdf", "application/pdf"),
            (io.BytesIO(_pdf([PAGE])), "notes.txt", "text/plain"),
        ]
    }
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    sentences = [d["sentences"] for d in response.get_json()["documents"]]
    assert "Kishida" in " ".join(sentences[0])
    assert sentences[1] == ["The harbour bridge reopened on Tuesday after two years of repairs."]


def test_a_docx_of_many_tiny_paragraphs_stops_at_the_character_limit(make_app, samples):
    client = make_app(MAX_DOCUMENT_CHARS=2000).test_client()
    response, seconds = api_files(client, ("many.docx", _docx_with_paragraphs(samples.docx(["Start."]), 50_000)))
    assert response.status_code == 413
    assert re.match(r"many\.docx: This Word document has more than 2,0\d\d characters of text; the limit is 2,000",
                    response.get_json()["error"]["message"])
    assert seconds < REFUSED_WITHIN


def test_a_docx_that_takes_too_long_to_read_is_refused(client, samples, monkeypatch):
    from summarizer import ingest

    clock = iter(range(0, 10_000, 3))  # each look at the clock is three seconds later
    monkeypatch.setattr(ingest, "monotonic", lambda: next(clock))
    response, _ = api_files(client, ("slow.docx", _docx_with_paragraphs(samples.docx(["Start."]), 20)))
    assert response.status_code == 413
    assert response.get_json()["error"]["message"].startswith(
        "slow.docx: This Word document took more than 10 seconds to read. Paste its text instead."
    )


def test_reading_all_the_files_of_a_request_is_bounded_in_time(make_app, kyodo, monkeypatch):
    client = make_app(MAX_READ_SECONDS=20).test_client()
    clock = iter(range(0, 10_000, 15))  # each file seems to take fifteen seconds
    monkeypatch.setattr(inputs, "monotonic", lambda: next(clock))
    files = [(f"a{i}.txt", kyodo.encode()) for i in range(4)]
    response, _ = api_files(client, *files)
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "too_many_files"
    assert error["message"].startswith("Reading these files took more than 20 seconds, so 3 of them were not read.")


def test_a_pdf_or_docx_gets_no_more_time_than_the_request_has_left():
    limits = inputs.Limits.from_config(DEFAULTS)
    assert limits.ingest().max_pdf_seconds == 10
    assert limits.ingest(3.5).max_pdf_seconds == 3.5 and limits.ingest(3.5).max_docx_seconds == 3.5


@pytest.mark.parametrize("how", ["json", "page"])
def test_the_total_text_of_a_request_is_bounded(make_app, post_form, kyodo, how):
    app = make_app(MAX_TOTAL_CHARS=len(kyodo) * 2)
    client = app.test_client()
    if how == "json":
        response = client.post("/api/summarize", json={"documents": [{"text": kyodo}] * 3})
        message = response.get_json()["error"]["message"]
        assert response.get_json()["error"]["code"] == "too_much_text"
    else:
        response = post_form([("", kyodo)] * 3, client=client)
        message = text_of(response)
    assert response.status_code == 413
    assert f"one brief can be made from at most {len(kyodo) * 2:,}" in message
    assert client.post("/api/summarize", json={"documents": [{"text": kyodo}] * 2}).status_code == 200


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\evil\\x.txt", "x.txt"),
        ("/var/www/index.txt", "index.txt"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("evil\x00name.txt", "evilname.txt"),
        ("\u202etxt.exe", "txt.exe"),
    ],
)
def test_a_file_name_with_path_parts_is_only_a_label(client, post_form, kyodo, tmp_path, monkeypatch, sent, shown):
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # a name used as a relative path would land here
    response, _ = api_files(client, (sent, kyodo.encode()))
    assert response.status_code == 200
    name = response.get_json()["documents"][0]["name"]
    # werkzeug reads a backslash in a quoted file name as an escape ("C:\\evil\\x.txt" arrives as
    # "C:evilx.txt"); browsers send only the last part anyway. Either way: a label, never a path.
    assert name.endswith(shown) and "/" not in name and "\\" not in name
    page_response = post_form([("", "")], files=[(io.BytesIO(kyodo.encode()), sent)])
    assert page_response.status_code == 303
    page = text_of(client.get(page_response.headers["Location"]))
    assert f"File: <bdi>{name}</bdi>" in page
    assert list(workdir.iterdir()) == []


# --- escaping: hostile strings are data, never markup or links ------------------------------------------------

HOSTILE = [
    '<script>alert("title")</script>',
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus='alert(2)",
    "</textarea><svg onload=alert(3)>",
    "javascript:alert(4)",
    " JaVaScRiPt:alert(5)",
    "\u202egnp.exe",
    "nul\x00byte",
    "{{ 7 * 7 }} {% raw %}",
]
STATIC_SCRIPTS = ["/static/vendor/htmx.min.js", "/static/app.js"]


def _plain(value: str) -> str:
    """What the app keeps of a hostile string: no bidi controls or NULs, spaces collapsed."""
    return document_from_text("", title=value).title


class Parsed(HTMLParser):
    """Elements, attributes, scripts, link targets and text of a page, as a browser would parse them."""

    LINKS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.scripts: list[str | None] = []
        self.javascript: list[str] = []
        self.strings: list[str] = []  # text and attribute values
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        values = dict(attrs)
        for name, value in attrs:
            self.attributes.add((tag, name))
            self.strings.append(value or "")
            if name in self.LINKS and re.sub(r"[\x00-\x20]", "", value or "").lower().startswith("javascript:"):
                self.javascript.append(f"{tag} {name}={value}")
        if tag == "script":
            self.scripts.append(values.get("src"))

    def handle_data(self, data):
        self.strings.append(data)


def assert_inert(page: str, baseline: str, hostile: list[str]) -> None:
    """No element, attribute, script or javascript: link the benign baseline page lacks; each hostile
    string is there as text or an attribute value."""
    parsed, expected = Parsed(page), Parsed(baseline)
    assert parsed.scripts == STATIC_SCRIPTS
    assert parsed.javascript == []
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    assert parsed.tags <= expected.tags, parsed.tags - expected.tags
    assert parsed.attributes <= expected.attributes, parsed.attributes - expected.attributes
    shown = "\n".join(parsed.strings)
    for value in hostile:
        assert _plain(value) in shown, value


def _article(kyodo: str, marker: str) -> str:
    return f"{kyodo}\n\nA spokesman repeated the phrase {marker} to reporters after the NATO talks."


def _made_through_the_page(client, post_form, kyodo, strings) -> tuple[str, str]:
    """A brief from the form: each string as a title, in the text and as an uploaded file's name."""
    boxes = [(value, _article(kyodo, value)) for value in strings]
    files = [(io.BytesIO(kyodo.encode()), f"{value}.txt") for value in strings[:3]]
    html_page = (
        f"<html><head><title>{strings[0]}</title><link rel=canonical href='javascript:alert(6)'>"
        f"<meta property='article:published_time' content='2023-07-11\"><script>alert(7)</script>'>"
        f"</head><body><article>{''.join(f'<p>{p}</p>' for p in kyodo.split(chr(10) * 2))}</article></body></html>"
    )
    files.append((io.BytesIO(html_page.encode()), "page.html"))
    response = post_form(boxes, files=files)
    assert response.status_code == 303, text_of(response)[:500]
    brief_id = response.headers["Location"].rsplit("/", 1)[-1]
    return brief_id, text_of(client.get(f"/briefs/{brief_id}"))


def _fragment(client, brief_id: str, page: str) -> str:
    """The htmx fragment "make it again" swaps in."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    fields = {"csrf_token": token, "length": "80", "unit": "words", "algorithm": "consensus", "language": "english"}
    response = client.post(f"/briefs/{brief_id}/resummarize", data=fields, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return text_of(response)


def test_the_inertness_check_can_fail():
    baseline = '<p class="x">Text</p>' + "".join(f'<script src="{src}"></script>' for src in STATIC_SCRIPTS)
    for injected in ['<img src=x onerror=alert(1)>', '<a href=" javascript:alert(1)">', '<p class="x" onclick="y">',
                     '<script>alert(1)</script>', '<p autofocus>']:
        with pytest.raises(AssertionError):
            assert_inert(baseline.replace("Text", injected), baseline, [])
    escaped = baseline.replace("Text", "&lt;img src=x onerror=alert(1)&gt;")
    assert_inert(escaped, baseline, ["<img src=x onerror=alert(1)>"])


def test_hostile_strings_through_the_page_render_as_text(client, post_form, kyodo):
    benign = ["Plain title", "Second title", "Third title", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"]
    benign_id, baseline = _made_through_the_page(client, post_form, kyodo, benign)
    baseline_home, baseline_fragment = text_of(client.get("/")), _fragment(client, benign_id, baseline)

    brief_id, page = _made_through_the_page(client, post_form, kyodo, HOSTILE)
    assert_inert(page, baseline, HOSTILE)
    assert "\u202e" not in page and "\x00" not in page
    # The same brief elsewhere: the home page's list of recent briefs (under a hostile title its maker
    # typed), the htmx fragment, the downloads.
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    renamed = client.post(f"/briefs/{brief_id}/title", data={"csrf_token": token, "title": HOSTILE[0]})
    assert renamed.status_code == 303
    assert_inert(text_of(client.get(f"/briefs/{brief_id}")), baseline, HOSTILE[:1])
    assert_inert(text_of(client.get("/")), baseline_home, HOSTILE[:1])
    fragment = Parsed(_fragment(client, brief_id, page))
    assert fragment.scripts == [] and fragment.javascript == []
    assert fragment.attributes <= Parsed(baseline_fragment).attributes
    for fmt, mimetype in (("txt", "text/plain"), ("md", "text/markdown"), ("json", "application/json")):
        download = client.get(f"/briefs/{brief_id}.{fmt}")
        assert download.mimetype == mimetype and download.headers["X-Content-Type-Options"] == "nosniff"
        assert download.headers["Content-Disposition"].startswith("attachment;")


def test_hostile_metadata_through_the_api_is_returned_as_data_and_rendered_as_text(client, app, kyodo):
    documents = [
        {"text": _article(kyodo, value), "title": value, "url": value, "date": value} for value in HOSTILE
    ]
    response = client.post("/api/summarize", json={"documents": documents, "max_words": 80})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    returned = response.get_json()["documents"]
    for value, document in zip(HOSTILE, returned):
        assert document["title"] == document["url"] == document["date"] == _plain(value)
        assert any(_plain(value) in sentence for sentence in document["sentences"])

    # The same articles saved and shown: URLs and dates are where the page could turn data into links.
    def saved_page(values):
        docs = [document_from_text(_article(kyodo, v), title=v, url=v, date=v, name=f"{v}.txt") for v in values]
        from summarizer import Options, summarize

        brief = summarize(docs, Options(max_words=80))
        with app.app_context():
            brief_id = store.save({}, [inputs.document_dict(d) for d in docs], brief.to_dict())
        return text_of(client.get(f"/briefs/{brief_id}"))

    benign = [f"https://example.com/{i}" for i in range(len(HOSTILE))]
    assert_inert(saved_page(HOSTILE), saved_page(benign), HOSTILE)


def test_json_answers_cannot_be_read_as_html(client):
    response = client.post("/api/summarize", json={"documents": [{"text": "<script>alert(1)</script> is a tag here."}]})
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.get_data())  # parses as JSON, whatever it holds


# --- CSRF on every form that changes state -------------------------------------------------------------------


def test_every_state_changing_route_outside_the_api_needs_the_csrf_token(app, client, make_brief):
    """Found from the URL map, so a form added later is covered too."""
    brief_id = make_brief()
    checked = []
    for rule in app.url_map.iter_rules():
        methods = rule.methods - {"GET", "HEAD", "OPTIONS"}
        if not methods or rule.rule.startswith("/api/") or rule.endpoint == "static":
            continue
        path = rule.rule.replace("<briefid:brief_id>", brief_id)
        for method in methods:
            response = client.open(path, method=method, data={"text": "x", "length": "5"})
            assert response.status_code == 400, (method, path)
            assert "This form had expired" in text_of(response)
            checked.append(f"{method} {rule.rule}")
    assert sorted(checked) == [
        "POST /briefs/<briefid:brief_id>/delete",
        "POST /briefs/<briefid:brief_id>/resummarize",
        "POST /briefs/<briefid:brief_id>/title",
        "POST /summarize",
    ]
    assert client.get(f"/briefs/{brief_id}").status_code == 200  # nothing was deleted


# --- permalinks -------------------------------------------------------------------------------------------------


def test_permalink_ids_have_128_random_bits_from_secrets(app, monkeypatch):
    assert store.ID_BYTES >= 16
    asked = []
    monkeypatch.setattr(store.secrets, "token_urlsafe", lambda n: asked.append(n) or "Z" * 22)
    assert store.new_id() == "Z" * 22 and asked == [store.ID_BYTES]


def _neighbours(brief_id: str) -> list[str]:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(brief_id[-1])
    return [
        brief_id[:-1] + alphabet[(last + 1) % 64],
        brief_id[:-1] + alphabet[(last - 1) % 64],
        brief_id[1:] + brief_id[0],
        brief_id.upper() if brief_id.upper() != brief_id else brief_id.lower(),
    ]


def test_permalinks_cannot_be_guessed_or_listed(client, make_brief):
    first, second = make_brief(), make_brief()
    assert len({first[:6], second[:6]}) == 2  # no shared counter or time prefix
    for guess in [*_neighbours(first), *_neighbours(second), "A" * 22, "0" * 22, "1", "2"]:
        if guess not in (first, second):
            assert client.get(f"/briefs/{guess}").status_code == 404, guess
            assert client.get(f"/briefs/{guess}.json").status_code == 404, guess
    for listing in ("/briefs", "/briefs/", "/briefs.json", "/api/briefs"):
        assert client.get(listing).status_code == 404, listing
    # Another browser sees none of them on the home page.
    stranger = client.application.test_client().get("/")
    assert first not in text_of(stranger) and second not in text_of(stranger)
