"""The app factory, its configuration, the headers on every response and the HTML rules (no inline code)."""

from __future__ import annotations

import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app import DEFAULTS, create_app
from summarizer.fetch import AllowedHost
from web.security import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parents[1]


# --- factory and configuration ------------------------------------------------------------------


def test_config_defaults_and_test_config(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "d"), "SECRET_KEY": "k"})
    assert app.testing
    assert app.config["MAX_FILES"] == 20
    assert app.config["MAX_FILE_BYTES"] == 5 * 1024 * 1024
    assert app.config["MAX_DOCUMENTS"] == 50
    assert app.config["MAX_DOCUMENT_CHARS"] == 200_000
    assert app.config["MAX_CONTENT_LENGTH"] == 25 * 1024 * 1024
    # Set on purpose: Flask's 500 kB default would refuse one long pasted article.
    assert app.config["MAX_FORM_MEMORY_SIZE"] >= 25 * 1024 * 1024
    assert app.config["DATABASE"] == str((tmp_path / "d" / "briefs.sqlite3").resolve())


def test_not_testing_without_test_config(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path / "d"))
    assert not create_app().testing


def test_data_dir_database_and_secret_key_are_created_on_first_start(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    data = tmp_path / "fresh" / "data"
    app = create_app({"DATA_DIR": str(data)})
    assert (data / "briefs.sqlite3").is_file()
    key_file = data / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert app.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(app.config["SECRET_KEY"]) >= 32
    # Kept: a second start (another worker, a restart) uses the same key.
    assert create_app({"DATA_DIR": str(data)}).config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_secret_key_is_not_a_constant_in_code(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    one = create_app({"DATA_DIR": str(tmp_path / "one")}).config["SECRET_KEY"]
    two = create_app({"DATA_DIR": str(tmp_path / "two")}).config["SECRET_KEY"]
    assert one != two
    assert DEFAULTS["SECRET_KEY"] is None


def test_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("SUMMARIZER_DATABASE", str(tmp_path / "elsewhere.sqlite3"))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("SUMMARIZER_MAX_FILES", "3")
    monkeypatch.setenv("SUMMARIZER_MAX_DOCUMENT_CHARS", "1000")
    monkeypatch.setenv("SUMMARIZER_FETCH_ALLOW_HOSTS", "127.0.0.1:8765, intranet.example")
    app = create_app()
    assert app.config["DATA_DIR"] == str((tmp_path / "env-data").resolve())
    assert app.config["DATABASE"] == str(tmp_path / "elsewhere.sqlite3")
    assert (tmp_path / "elsewhere.sqlite3").is_file()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "env-data" / "secret_key").exists()
    assert app.config["MAX_FILES"] == 3
    assert app.config["MAX_DOCUMENT_CHARS"] == 1000
    assert app.config["FETCH_ALLOW_HOSTS"] == (AllowedHost("127.0.0.1", 8765), AllowedHost("intranet.example"))
    # test_config wins over the environment
    assert create_app({"MAX_FILES": 7}).config["MAX_FILES"] == 7


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SUMMARIZER_MAX_FILES", "many", "SUMMARIZER_MAX_FILES must be a whole number"),
        ("SUMMARIZER_MAX_DOCUMENTS", "0", "MAX_DOCUMENTS must be a positive whole number"),
        ("SUMMARIZER_FETCH_ALLOW_HOSTS", "intranet:http", "SUMMARIZER_FETCH_ALLOW_HOSTS: 'intranet:http' is not a host"),
    ],
)
def test_bad_environment_fails_at_start_with_a_message(tmp_path, monkeypatch, variable, value, message):
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    with pytest.raises(RuntimeError, match=message):
        create_app()


def test_flask_cli_finds_the_factory():
    """`flask --app app run` looks for create_app in app.py; importing it configures nothing."""
    import app as module

    assert callable(module.create_app)
    assert not hasattr(module, "app")


# --- every route: headers -------------------------------------------------------------------------

EXPECTED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _responses(client, make_brief, token):
    brief_id = make_brief()
    yield "home", client.get("/")
    yield "brief", client.get(f"/briefs/{brief_id}")
    yield "txt", client.get(f"/briefs/{brief_id}.txt")
    yield "md", client.get(f"/briefs/{brief_id}.md")
    yield "json", client.get(f"/briefs/{brief_id}.json")
    yield "new box", client.get("/boxes/new?index=2", headers={"HX-Request": "true"})
    yield "api page", client.get("/api")
    yield "openapi", client.get("/api/openapi.json")
    yield "api 200", client.post("/api/summarize", json={"documents": [{"text": "One sentence is here for sure."}]})
    yield "api 400", client.post("/api/summarize", data="{", content_type="application/json")
    yield "page 422", client.post("/summarize", data={"csrf_token": token, "text": ""})
    yield "404", client.get("/nowhere")
    yield "api 404", client.get("/api/nowhere")
    yield "405", client.get("/api/summarize")
    yield "static", client.get("/static/app.css")
    yield "redirect", client.post("/summarize", data={"csrf_token": token, "text": ["x"], "action": "add"})


def test_security_headers_on_every_response(client, make_brief, token):
    for name, response in _responses(client, make_brief, token):
        for header, value in EXPECTED_HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
        assert response.status_code < 500, name


def test_pages_and_api_answers_are_not_cached_but_static_files_may_be(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert client.post("/api/summarize", json={}).headers["Cache-Control"] == "no-store"
    assert client.get("/static/app.js").headers.get("Cache-Control") != "no-store"


# --- HTML rules: no inline script, style or handler; assets from static/ -------------------------


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        values = dict(attrs)
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.problems.append("inline <script>")
            else:
                self.scripts.append(values["src"])
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in names:
            self.problems.append(f"style attribute on <{tag}>")
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
            if name.startswith("hx-on"):
                self.problems.append(f"{name} (evaluated by htmx) on <{tag}>")
        for name in ("href", "src", "action"):
            if (values.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: {name} on <{tag}>")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("script with a body")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def inline_problems(html: str) -> list[str]:
    parser = _Inline()
    parser.feed(html)
    return parser.problems


def test_the_checker_finds_inline_code():
    """The checker used below must be able to fail."""
    assert inline_problems('<script>alert(1)</script>') == ["inline <script>", "script with a body"]
    assert inline_problems('<p style="color:red" onclick="x()">') == ["style attribute on <p>", "onclick handler on <p>"]
    assert inline_problems('<a href="javascript:alert(1)">x</a>') == ["javascript: href on <a>"]
    assert inline_problems('<p>" onmouseover="x</p><script src="/static/app.js"></script>') == []


def test_no_inline_code_in_any_rendered_page(client, make_brief, token):
    for name, response in _responses(client, make_brief, token):
        if response.mimetype == "text/html":
            assert inline_problems(response.get_data(as_text=True)) == [], name


def test_no_inline_code_in_templates():
    for template in (ROOT / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template.name
        assert not re.search(r"\sstyle=", text), template.name
        assert not re.search(r"\son[a-z]+=", text), template.name
        assert "|safe" not in text.replace(" ", ""), template.name


def test_scripts_and_styles_come_from_static_not_a_cdn(client):
    html = client.get("/").get_data(as_text=True)
    parser = _Inline()
    parser.feed(html)
    assert parser.scripts == ["/static/vendor/htmx.min.js", "/static/app.js"]
    assert re.search(r'<link rel="stylesheet" href="/static/app.css">', html)
    assert "://" not in "".join(parser.scripts)
    htmx = client.get("/static/vendor/htmx.min.js")
    assert htmx.status_code == 200 and b"htmx" in htmx.data[:200]
    assert client.get("/static/app.js").status_code == 200


def test_htmx_is_configured_for_the_csp_and_for_error_fragments(client):
    html = client.get("/").get_data(as_text=True)
    match = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    assert match
    import json

    config = json.loads(match.group(1))
    assert config["includeIndicatorStyles"] is False  # else htmx injects a <style> the CSP refuses
    assert config["allowEval"] is False
    assert {"code": "...", "swap": True} in config["responseHandling"]  # 4xx error fragments swap in
    # htmx sends the CSRF token on every request it makes
    assert re.search(r"hx-headers='\{&#34;X-CSRF-Token&#34;: &#34;[\w-]+&#34;\}'|hx-headers='\{\"X-CSRF-Token\": \"[\w-]+\"\}'", html)


def test_package_json_pins_htmx_2():
    import json

    package = json.loads((ROOT / "package.json").read_text())
    assert package["dependencies"]["htmx.org"] == "2.0.8"


# --- error handlers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/nowhere", 404, "not_found"),
        ("get", "/api/summarize", 405, "method_not_allowed"),
        ("put", "/api/summarize", 405, "method_not_allowed"),
    ],
)
def test_errors_under_api_are_json(client, method, path, status, code):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.is_json
    assert response.get_json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("method", "path", "status", "text"),
    [
        ("get", "/nowhere", 404, "There is nothing at this address"),
        ("get", "/briefs/AAAAAAAAAAAAAAAAAAAAAA", 404, "There is nothing at this address"),
        ("get", "/briefs/short", 404, "There is nothing at this address"),
        ("delete", "/", 405, "does not take that kind of request"),
    ],
)
def test_errors_elsewhere_are_friendly_pages(client, method, path, status, text):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert text in body
    assert 'href="/"' in body  # a way back


def test_server_errors_are_a_friendly_page_not_a_traceback(make_app, monkeypatch):
    app = make_app(TESTING=False)

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("web.pages.store.listing", boom)
    client = app.test_client()
    with client.session_transaction() as session:
        session["recent"] = ["x" * 22]
    response = client.get("/")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body
    assert "secret internals" not in body and "Traceback" not in body
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_server_errors_under_api_are_json(make_app, monkeypatch):
    app = make_app(TESTING=False)
    monkeypatch.setattr("web.api.summarize", lambda *a, **k: 1 / 0)
    response = app.test_client().post("/api/summarize", json={"documents": [{"text": "Some text here."}]})
    assert response.status_code == 500
    assert response.get_json() == {
        "error": {"code": "internal_error", "message": response.get_json()["error"]["message"]}
    }
    assert "ZeroDivision" not in response.get_data(as_text=True)


def test_secret_key_file_is_kept_out_of_git():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "data/" in ignored
    assert os.path.relpath(DEFAULTS["DATA_DIR"]) == "data"
