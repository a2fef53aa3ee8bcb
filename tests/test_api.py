"""The JSON API: the contract (same JSON as the CLI, described by the OpenAPI document), and every error."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def validator(openapi: dict, schema: str) -> Draft202012Validator:
    """A validator for one component schema; its $refs resolve within the OpenAPI document."""
    return Draft202012Validator({**openapi, "$ref": f"#/components/schemas/{schema}"})


def api_error(response, openapi: dict, status: int, code: str) -> str:
    """Check an error answer: its status, that it is the documented Error JSON, its code; return its message."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.is_json
    error = response.get_json()
    validator(openapi, "Error").validate(error)
    assert error["error"]["code"] == code
    return error["error"]["message"]


def valid(openapi: dict, schema: str, instance) -> bool:
    return validator(openapi, schema).is_valid(instance)


def documents(*texts, **metadata) -> list[dict]:
    return [{"text": text, **metadata} for text in texts]


# --- the contract ------------------------------------------------------------------------------------


def test_summarize_json(client, openapi, kyodo, nhk):
    body = {
        "documents": [
            {"text": kyodo, "title": "Kyodo", "url": "https://example.com/kyodo", "date": "2023-07-11"},
            {"text": nhk},
        ],
        "max_words": 80,
        "algorithm": "consensus",
        "language": "en",
    }
    assert valid(openapi, "SummarizeRequest", body)
    response = client.post("/api/summarize", json=body)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    brief = response.get_json()
    validator(openapi, "Brief").validate(brief)
    assert 0 < brief["summary"]["word_count"] <= 80
    assert brief["language"] == "english" and brief["algorithm"] == "consensus"
    assert brief["documents"][0]["title"] == "Kyodo"
    assert brief["documents"][0]["url"] == "https://example.com/kyodo"
    assert list(brief) == ["summary", "documents", "algorithm", "language", "input_words", "notes"]
    assert "Set-Cookie" not in response.headers  # stateless


@pytest.mark.parametrize("language", [None, "auto", "ABSENT"])
def test_language_is_found_by_itself_per_document_and_another_is_left_out_in_notes(client, openapi, language):
    """Issue 11: "auto", null or no field at all: each document's language is found and returned."""
    text = (ROOT / "tests/fixtures/languages/mixed.txt").read_text(encoding="utf-8")
    body = {"documents": [{"text": piece} for piece in text.split("\n---\n")]}
    if language != "ABSENT":
        body["language"] = language
    assert valid(openapi, "SummarizeRequest", body)
    response = client.post("/api/summarize", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    brief = response.get_json()
    validator(openapi, "Brief").validate(brief)
    assert brief["language"] == "german"
    assert [d["language"] for d in brief["documents"]] == ["de", "de", "en"]
    assert [d["left_out"] is None for d in brief["documents"]] == [True, True, False]
    assert any("left out: it is in English" in note for note in brief["notes"])


def test_same_json_as_the_cli(client, kyodo, nhk):
    files = [ROOT / "tests/fixtures/kyodo-kishida-nato.txt", ROOT / "tests/fixtures/nhk-kishida-nato-reader-copy.txt"]
    cli = subprocess.run(
        [sys.executable, "-m", "summarizer", "--format", "json", "--sentences", "4", "--algorithm", "lexrank", *map(str, files)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    expected = json.loads(cli.stdout)
    data = {"files": [(io.BytesIO(f.read_bytes()), f.name) for f in files], "max_sentences": "4", "algorithm": "lexrank"}
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert response.get_json() == expected


def test_api_does_not_save_briefs(client, kyodo):
    client.post("/api/summarize", json={"documents": documents(kyodo)})
    with client.application.app_context():
        from web.store import get_db

        assert get_db().execute("SELECT COUNT(*) FROM briefs").fetchone()[0] == 0


def test_every_algorithm_and_sentence_length(client, openapi, kyodo, nhk):
    for algorithm in ("consensus", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "lead", "default", "KL-Sum"):
        response = client.post("/api/summarize", json={"documents": documents(kyodo, nhk), "max_sentences": 2, "algorithm": algorithm})
        assert response.status_code == 200, (algorithm, response.get_json())
        validator(openapi, "Brief").validate(response.get_json())
        assert len(response.get_json()["summary"]["sentences"]) <= 2


def test_multipart_with_files_text_and_documents(client, openapi, kyodo, nhk, samples):
    data = {
        "files": [(io.BytesIO(samples.html), "story.html")],
        "text": [f"{kyodo}\n---\n{nhk}"],
        "documents": json.dumps([{"text": kyodo, "title": "From JSON"}]),
        "max_words": "100",
        "language": "english",
    }
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    brief = response.get_json()
    validator(openapi, "Brief").validate(brief)
    assert [d["title"] for d in brief["documents"]][0] == "From JSON"
    assert len(brief["documents"]) == 4
    assert brief["documents"][3]["name"] == "story.html"


def test_null_metadata_and_options_are_accepted(client, openapi, kyodo):
    body = {"documents": [{"text": kyodo, "title": None, "url": None, "date": None}], "max_words": None, "algorithm": None}
    assert valid(openapi, "SummarizeRequest", body)
    assert client.post("/api/summarize", json=body).status_code == 200


def test_a_note_when_cleaning_empties_an_article(client, kyodo, samples):
    response = client.post("/api/summarize", json={"documents": documents(kyodo, samples.cruft_only)})
    assert response.status_code == 200
    assert any("Article 2" in note for note in response.get_json()["notes"])


# --- errors ------------------------------------------------------------------------------------------

KYODO = "KYODO"  # placeholder replaced by the article's text

JSON_ERRORS = [
    # (case, body (str = raw bytes), status, code, message fragment, also invalid under the OpenAPI schema)
    ("malformed", '{"documents": [', 400, "invalid_json", "not valid JSON", None),
    ("not utf-8", b'{"documents": "\xff"}', 400, "invalid_json", "not valid JSON", None),
    ("deeply nested", "[" * 100_000 + "]" * 100_000, 400, "invalid_json", "not valid JSON", None),
    ("array body", [], 400, "invalid_request", "must be a JSON object, not an array", True),
    ("no documents", {}, 400, "invalid_request", "documents is required", True),
    ("documents not array", {"documents": "text"}, 400, "invalid_request", "documents must be an array", True),
    ("document not object", {"documents": ["text"]}, 400, "invalid_request", "documents[0] must be an object", True),
    ("text missing", {"documents": [{"title": "x"}]}, 400, "invalid_request", "documents[0].text is required", True),
    ("text not string", {"documents": [{"text": KYODO}, {"text": 5}]}, 400, "invalid_request",
     "documents[1].text must be a string, not a number", True),
    ("title not string", {"documents": [{"text": KYODO, "title": ["x"]}]}, 400, "invalid_request",
     "documents[0].title must be a string", True),
    ("unknown document field", {"documents": [{"text": KYODO, "body": "x"}]}, 400, "invalid_request",
     "documents[0].body is not a known field", True),
    ("unknown field", {"documents": [{"text": KYODO}], "max_word": 5}, 400, "invalid_request",
     "max_word is not a known field", True),
    ("max_words string", {"documents": [{"text": KYODO}], "max_words": "100"}, 400, "invalid_option",
     "max_words must be a whole number, not a string", True),
    ("max_words bool", {"documents": [{"text": KYODO}], "max_words": True}, 400, "invalid_option",
     "max_words must be a whole number, not a boolean", True),
    ("max_words zero", {"documents": [{"text": KYODO}], "max_words": 0}, 400, "invalid_option",
     "max_words must be between 1 and 2000", True),
    ("max_sentences big", {"documents": [{"text": KYODO}], "max_sentences": 101}, 400, "invalid_option",
     "max_sentences must be between 1 and 100", True),
    ("unknown algorithm", {"documents": [{"text": KYODO}], "algorithm": "magic"}, 400, "invalid_option",
     "Unknown algorithm 'magic'", True),
    ("algorithm not string", {"documents": [{"text": KYODO}], "algorithm": 3}, 400, "invalid_option", "algorithm", True),
    ("unknown language", {"documents": [{"text": KYODO}], "language": "klingon"}, 400, "invalid_option",
     "Unsupported language 'klingon'", True),
    ("unknown words_mode", {"documents": [{"text": KYODO}], "words_mode": "roughly"}, 400, "invalid_option",
     "words_mode must be one of: at_most, about; got 'roughly'", True),
    ("words_mode not string", {"documents": [{"text": KYODO}], "words_mode": True}, 400, "invalid_option",
     "words_mode must be a string, not a boolean", True),
    ("empty documents", {"documents": []}, 422, "nothing_to_summarize", "at least one article", False),
    ("empty text", {"documents": [{"text": "  "}]}, 422, "nothing_to_summarize", "empty", False),
    ("cleaner emptied", {"documents": [{"text": "CRUFT"}]}, 422, "nothing_to_summarize", "Nothing was left", False),
    ("unsupported language text", {"documents": [{"text": "THAI"}]}, 422, "unsupported_language",
     "cannot summarise yet", False),
]


def _body(body, kyodo, samples):
    if isinstance(body, (str, bytes)):
        return body
    text = json.dumps(body)
    for placeholder, value in (("KYODO", kyodo), ("CRUFT", samples.cruft_only), ("THAI", samples.thai)):
        text = text.replace(f'"{placeholder}"', json.dumps(value))
    return text


@pytest.mark.parametrize(("case", "body", "status", "code", "message", "schema_invalid"), JSON_ERRORS, ids=[e[0] for e in JSON_ERRORS])
def test_json_errors(client, openapi, kyodo, samples, case, body, status, code, message, schema_invalid):
    raw = _body(body, kyodo, samples)
    response = client.post("/api/summarize", data=raw, content_type="application/json")
    assert message in api_error(response, openapi, status, code)
    assert str(status) in openapi["paths"]["/api/summarize"]["post"]["responses"]
    if schema_invalid is not None:
        # The OpenAPI document says the same as the endpoint about what is a valid request.
        assert valid(openapi, "SummarizeRequest", json.loads(raw)) is not schema_invalid


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("text/plain", "hello"),
        ("application/x-www-form-urlencoded", "documents=x"),
        ("application/xml", "<documents/>"),
        (None, ""),
    ],
)
def test_other_content_types_are_415(client, content_type, data):
    kwargs = {"content_type": content_type} if content_type else {}
    response = client.post("/api/summarize", data=data, **kwargs)
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "unsupported_media_type"
    assert "application/json or multipart/form-data" in response.get_json()["error"]["message"]


MULTIPART_ERRORS = [
    # (case, files, fields, status, code, message)
    ("image", [("PNG", "photo.png")], {}, 415, "unsupported_file_type", "photo.png: This is an image"),
    ("scanned pdf", [("PDF", "scan.pdf")], {}, 422, "unreadable_document", "scan.pdf: This PDF has no text layer"),
    ("no input", [], {}, 422, "nothing_to_summarize", "at least one article"),
    ("bad length", [], {"text": "KYODO", "max_words": "ten"}, 400, "invalid_option", "max_words must be a whole number"),
    ("bad documents json", [], {"documents": "[{"}, 400, "invalid_json", "The documents field is not valid JSON"),
    ("documents wrong type", [], {"documents": '[{"text": 1}]'}, 400, "invalid_request", "documents[0].text must be a string"),
    ("unknown field", [], {"text": "KYODO", "lenght": "5"}, 400, "invalid_request", "lenght is not a known field"),
    ("bad words_mode", [], {"text": "KYODO", "words_mode": "roughly"}, 400, "invalid_option", "words_mode must be one of"),
    ("files in another field", [("TXT", "a.txt", "upload")], {}, 400, "invalid_request", "field named files"),
]


@pytest.mark.parametrize(("case", "files", "fields", "status", "code", "message"), MULTIPART_ERRORS, ids=[e[0] for e in MULTIPART_ERRORS])
def test_multipart_errors(client, openapi, kyodo, samples, case, files, fields, status, code, message):
    content = {"PNG": samples.png, "PDF": samples.scanned_pdf, "TXT": kyodo.encode()}
    data: dict = {k: (kyodo if v == "KYODO" else v) for k, v in fields.items()}
    for kind, name, *field in files:
        data.setdefault(field[0] if field else "files", []).append((io.BytesIO(content[kind]), name))
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert message in api_error(response, openapi, status, code)


LIMITS = [
    # (case, config, how, status, code, message)
    ("request too large", {"MAX_CONTENT_LENGTH": 2000}, "json", 413, "request_too_large", "over"),
    ("too many documents", {"MAX_DOCUMENTS": 2}, "json", 413, "too_many_documents", "at most 2"),
    ("too many characters", {"MAX_DOCUMENT_CHARS": 500}, "json", 413, "document_too_large", "at most 500"),
    ("too many files", {"MAX_FILES": 2}, "files", 413, "too_many_files", "at most 2"),
    ("file too large", {"MAX_FILE_BYTES": 1000}, "files", 413, "document_too_large", "each file may be at most"),
    ("multipart too large", {"MAX_CONTENT_LENGTH": 2000}, "files", 413, "request_too_large", "over"),
    ("too many documents in text", {"MAX_DOCUMENTS": 2}, "text", 413, "too_many_documents", "at most 2"),
]


@pytest.mark.parametrize(("case", "config", "how", "status", "code", "message"), LIMITS, ids=[c[0] for c in LIMITS])
def test_limits(make_app, openapi, kyodo, case, config, how, status, code, message):
    client = make_app(**config).test_client()
    if how == "json":
        response = client.post("/api/summarize", json={"documents": documents(kyodo, kyodo, kyodo)})
    elif how == "text":
        data = {"text": f"{kyodo}\n---\n{kyodo}\n---\n{kyodo}"}
        response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    else:
        data = {"files": [(io.BytesIO(kyodo.encode()), f"a{i}.txt") for i in range(3)]}
        response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert message in api_error(response, openapi, status, code)


def test_api_needs_no_csrf_token(client, kyodo):
    """The API is exempt: no session, no token; it only takes JSON or multipart."""
    response = client.post("/api/summarize", json={"documents": documents(kyodo)}, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200


# --- the OpenAPI document and the human page -----------------------------------------------------------


def test_openapi_document(openapi):
    assert openapi["openapi"].startswith("3.1")
    schemas = openapi["components"]["schemas"]
    for name in ("SummarizeRequest", "SummarizeForm", "InputDocument", "Brief", "BriefSentence", "DocumentView", "Error"):
        assert name in schemas
        Draft202012Validator.check_schema(schemas[name])
    operation = openapi["paths"]["/api/summarize"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"200", "400", "413", "415", "422"} <= set(operation["responses"])
    assert schemas["Options"]["properties"]["algorithm"]["enum"][0] == "consensus"


def test_openapi_limits_follow_the_config(make_app):
    document = make_app(MAX_DOCUMENTS=7, MAX_DOCUMENT_CHARS=1234).test_client().get("/api/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    assert schemas["SummarizeRequest"]["properties"]["documents"]["maxItems"] == 7
    assert schemas["InputDocument"]["properties"]["text"]["maxLength"] == 1234


def test_schema_rejects_what_the_endpoint_rejects(openapi):
    """The validator used above is not a pushover."""
    assert not valid(openapi, "Brief", {"summary": {}})
    assert not valid(openapi, "Error", {"error": {"code": "x"}})
    assert valid(openapi, "Error", {"error": {"code": "x", "message": "y"}})


def test_api_page(client):
    response = client.get("/api")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "curl" in page and "/api/summarize" in page
    assert 'href="/api/openapi.json"' in page
    assert "multipart/form-data" in page


# --- issue 7: sources that differ, and "about N words" ----------------------------------------------------

FIRE_DIR = Path(__file__).parent / "fixtures" / "fire"


def test_disputed_by_in_the_answer_and_in_the_schema(client, openapi):
    fire = [
        {"text": (FIRE_DIR / f"{name}.txt").read_text(encoding="utf-8"), "title": title}
        for name, title in (("herald", "Daily Herald"), ("northern", "Northern Post"), ("coast", "Coast Wire"))
    ]
    response = client.post("/api/summarize", json={"documents": fire, "max_words": 400})
    assert response.status_code == 200
    data = response.get_json()
    assert valid(openapi, "Brief", data)
    toll = next(s for s in data["summary"]["sentences"] if s["text"].startswith("The fire killed 60 people and injured 162"))
    assert toll["support"] == 1
    assert toll["disputed_by"] == [
        {"document": 1, "sentence": 1, "differs": [{"brief": "162", "source": "155"}]},
        {"document": 2, "sentence": 1, "differs": [{"brief": "60", "source": "sixty-seven"}, {"brief": "162", "source": "173"}]},
    ]
    shared = next(s for s in data["summary"]["sentences"] if s["text"].startswith("Firefighters needed most of the night"))
    assert shared["support"] == 3 and shared["disputed_by"] == []
    schema = openapi["components"]["schemas"]["BriefSentence"]
    assert "disputed_by" in schema["properties"] and "disputed_by" not in schema["required"]  # old briefs lack it


@pytest.mark.parametrize("how", ["json", "multipart"])
@pytest.mark.parametrize("mode", ["about", "at_most", None])
def test_words_mode_reaches_the_library(client, openapi, kyodo, monkeypatch, how, mode):
    from summarizer import summarize
    from web import api

    seen = []
    monkeypatch.setattr(api, "summarize", lambda documents, options, *a, **k: seen.append(options) or summarize(documents, options))
    if how == "json":
        body = {"documents": documents(kyodo), "max_words": 60, "words_mode": mode}
        assert valid(openapi, "SummarizeRequest", body)
        response = client.post("/api/summarize", json=body)
    else:
        fields = {"text": kyodo, "max_words": "60", **({"words_mode": mode} if mode else {})}
        assert valid(openapi, "SummarizeForm", {k: ([v] if k == "text" else v) for k, v in fields.items()})
        response = client.post("/api/summarize", data=fields, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    assert seen[-1].words_mode == (mode or "at_most") and seen[-1].max_words == 60


def test_openapi_lists_words_mode(openapi):
    schemas = openapi["components"]["schemas"]
    assert schemas["Options"]["properties"]["words_mode"]["enum"] == ["at_most", "about", None]
    assert schemas["SummarizeForm"]["properties"]["words_mode"]["enum"] == ["at_most", "about"]


# --- issue 9: each source is named --------------------------------------------------------------------------


def test_each_source_has_a_unique_label_in_the_answer_and_the_schema(client, openapi, kyodo, nhk):
    body = {"documents": [
        {"text": kyodo, "title": "Kyodo"},
        {"text": nhk, "url": "https://www3.nhk.or.jp/nhkworld/en/news/20230712_04/"},
        {"text": kyodo, "title": "kyodo"},
    ]}
    response = client.post("/api/summarize", json=body)
    assert response.status_code == 200
    data = response.get_json()
    validator(openapi, "Brief").validate(data)
    assert [d["label"] for d in data["documents"]] == ["Kyodo", data["documents"][1]["outlet"] or "nhk.or.jp",
                                                       "kyodo (2)"]
    schema = openapi["components"]["schemas"]["DocumentView"]
    assert {"label", "outlet"} <= set(schema["properties"]) and "label" not in schema["required"]  # old briefs lack it
    old = {**data, "documents": [{k: v for k, v in d.items() if k not in ("label", "outlet")} for d in data["documents"]]}
    assert valid(openapi, "Brief", old)
    assert not valid(openapi, "Brief", {**data, "documents": [{**data["documents"][0], "label": 1}]})


# --- issue 9: links, and files or links left out ------------------------------------------------------------


@pytest.fixture
def site():
    from local_site import LocalSite

    with LocalSite() as served:
        yield served


@pytest.fixture
def site_client(make_app, site):
    """A client of an app allowed to fetch from the loopback test site (and from nothing else that is not public)."""
    return make_app(FETCH_ALLOW_HOSTS=site.allow).test_client()


def test_url_documents_are_fetched_and_read(site_client, site, openapi):
    body = {"documents": [{"url": site.url("/article")}, {"url": site.url("/kyodo"), "title": "Kyodo"}]}
    assert valid(openapi, "SummarizeRequest", body)
    response = site_client.post("/api/summarize", json=body)
    assert response.status_code == 200, response.get_json()
    brief = response.get_json()
    validator(openapi, "Brief").validate(brief)
    first, second = brief["documents"]
    assert (first["title"], first["date"], first["url"]) == (
        "Kishida heads to NATO summit in Lithuania", "2023-07-11", site.url("/article"))
    assert (second["title"], second["url"]) == ("Kyodo", site.url("/kyodo"))  # the title given wins
    assert brief["notes"] == []


def test_text_with_a_url_is_still_the_text_the_url_only_shown(site_client, site, kyodo):
    response = site_client.post("/api/summarize", json={"documents": [{"text": kyodo, "url": site.url("/nhk")}]})
    assert response.status_code == 200
    assert response.get_json()["documents"][0]["sentences"][0].startswith("Prime Minister Fumio Kishida said")
    assert site.requests == []


def test_a_blank_text_beside_a_url_fetches_the_url(site_client, site):
    response = site_client.post("/api/summarize", json={"documents": [{"text": "  ", "url": site.url("/kyodo")}]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["documents"][0]["sentences"][0].startswith("Prime Minister Fumio Kishida said")
    assert [path for path, _ in site.requests] == ["/kyodo"]


def test_a_link_that_fails_is_left_out_and_noted(site_client, site, kyodo):
    body = {"documents": [{"text": kyodo}, {"url": site.url("/nhk")}, {"url": site.url("/photo.png")}]}
    response = site_client.post("/api/summarize", json=body)
    assert response.status_code == 200, response.get_json()
    brief = response.get_json()
    assert len(brief["documents"]) == 2
    assert brief["notes"] == [f"Left out {site.url('/photo.png')}: it is image/png, not a web page"]


def test_by_default_a_link_to_the_loopback_is_refused(client, openapi, site):
    response = client.post("/api/summarize", json={"documents": [{"url": site.url("/article")}]})
    message = api_error(response, openapi, 422, "link_not_fetched")
    assert message == f"{site.url('/article')}: it points to this server's own (loopback) address, which is not fetched"
    assert site.requests == []


def test_only_failed_links_are_refused_naming_each(site_client, openapi, site):
    body = {"documents": [{"url": site.url("/photo.png")}, {"url": site.url("/missing")}]}
    message = api_error(site_client.post("/api/summarize", json=body), openapi, 422, "link_not_fetched")
    assert message.startswith("None of the 2 links could be read.")
    assert f"1. {site.url('/photo.png')}: it is image/png, not a web page." in message
    assert f"2. {site.url('/missing')}: the site answered 404 Not Found." in message


def test_a_text_field_of_links_is_fetched(site_client, site):
    data = {"text": f"{site.url('/kyodo')}\n{site.url('/nhk')}"}
    response = site_client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    assert [d["url"] for d in response.get_json()["documents"]] == [site.url("/kyodo"), site.url("/nhk")]


URL_ERRORS = [
    ({"documents": [{"url": "ftp://example.com/story"}]}, "documents[0].url must be an http or https address"),
    ({"documents": [{"url": None}]}, "documents[0].text is required, or url"),
    ({"documents": [{"title": "x", "date": "2023-07-11"}]}, "documents[0].text is required, or url"),
]


@pytest.mark.parametrize(("body", "message"), URL_ERRORS)
def test_a_document_needs_text_or_an_http_url(client, openapi, body, message):
    assert message in api_error(client.post("/api/summarize", json=body), openapi, 400, "invalid_request")
    assert not valid(openapi, "SummarizeRequest", body)


def test_links_count_with_files(make_app, openapi, kyodo):
    client = make_app(MAX_FILES=2).test_client()
    data = {"text": "https://example.com/a https://example.com/b", "files": [(io.BytesIO(kyodo.encode()), "a.txt")]}
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert "You sent 1 files and 2 links; at most 2 files and links" in api_error(response, openapi, 413, "too_many_files")


def test_an_image_beside_two_articles_is_left_out_and_noted(client, openapi, kyodo, nhk, samples):
    data = {"files": [(io.BytesIO(kyodo.encode()), "kyodo.txt"), (io.BytesIO(samples.png), "photo.png"),
                      (io.BytesIO(nhk.encode()), "nhk.txt")]}
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    brief = response.get_json()
    validator(openapi, "Brief").validate(brief)
    assert [d["name"] for d in brief["documents"]] == ["kyodo.txt", "nhk.txt"]
    assert len(brief["notes"]) == 1 and brief["notes"][0].startswith("Left out photo.png: This is an image")


def test_only_unreadable_files_are_refused_naming_each(client, openapi, samples):
    data = {"files": [(io.BytesIO(samples.png), "photo.png"), (io.BytesIO(samples.scanned_pdf), "scan.pdf")]}
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    message = api_error(response, openapi, 422, "unreadable_document")
    assert message.startswith("None of the 2 files could be read. 1. photo.png: This is an image")
    assert "2. scan.pdf: This PDF has no text layer" in message


def test_cleaned_away_text_beside_an_unreadable_file_names_both(client, openapi, samples):
    data = {"text": samples.cruft_only, "files": [(io.BytesIO(samples.png), "photo.png")]}
    response = client.post("/api/summarize", data=data, content_type="multipart/form-data")
    message = api_error(response, openapi, 422, "nothing_to_summarize")
    assert message.startswith("Nothing was left to summarise") and "Also not read: photo.png: This is an image" in message
