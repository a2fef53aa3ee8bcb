"""Shared fixtures: an app on a temporary data directory, its test client, and realistic articles."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from builders import csrf_token_of
from local_site import resolve_loopback_only
from servers import postgres_server, postgres_url, redis_server  # noqa: F401  (real PostgreSQL and Redis, session-wide)

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `pytest` (not `python -m pytest`) does not put the repository on the path
    sys.path.insert(0, str(ROOT))

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WEB_FIXTURES = FIXTURES / "web"


@pytest.fixture
def make_app(tmp_path) -> Iterator[Callable]:
    """Build an app on a fresh data directory; keyword arguments override the config (e.g. limits).

    Each app's database connections are let go at the end of the test: a PostgreSQL pool left open keeps
    threads that try to reconnect once the session's server has stopped."""
    from app import create_app

    made = []

    def make(**overrides):
        # No reserve file for deletes on a full disk (16 MB each): tests/test_store.py asks for one where it tests it.
        # Links resolve only to 127.0.0.1 (tests/local_site.py): no test, fuzzed ones included, fetches past the machine.
        config = {"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "test-secret-key",
                  "DELETE_RESERVE_MB": 0, "FETCH_RESOLVE": resolve_loopback_only}
        config.update(overrides)
        made.append(create_app(config))
        return made[-1]

    yield make
    for app in made:
        app.extensions["store"]["backend"].release()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def kyodo() -> str:
    return (FIXTURES / "kyodo-kishida-nato.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nhk() -> str:
    return (FIXTURES / "nhk-kishida-nato-reader-copy.txt").read_text(encoding="utf-8")


@pytest.fixture
def articles(kyodo, nhk) -> list[tuple[str, str]]:
    """(title, text) of two articles on one story."""
    return [("Kyodo: Kishida and NATO", kyodo), ("NHK: Kishida in Lithuania", nhk)]


@pytest.fixture
def token(client) -> str:
    return csrf_token_of(client)


def _form_data(boxes, token, *, length="120", unit="words", algorithm="consensus", language="auto", **extra):
    """The home form's fields as a browser sends them."""
    data = {
        "csrf_token": token,
        "title": [title for title, _ in boxes],
        "text": [text for _, text in boxes],
        "length": length,
        "unit": unit,
        "algorithm": algorithm,
        "language": language,
    }
    data.update(extra)
    return data


@pytest.fixture
def post_form(client, token):
    """POST the home form; `htmx=True` sends it as htmx does; `client=` posts with another app's client."""

    def post(boxes, *, files=None, htmx=False, client=client, **fields):
        data = _form_data(boxes, token if client is post.default_client else csrf_token_of(client), **fields)
        if files is not None:
            data["files"] = files
        headers = {"HX-Request": "true"} if htmx else {}
        return client.post("/summarize", data=data, headers=headers, content_type="multipart/form-data")

    post.default_client = client
    return post


@pytest.fixture
def make_brief(post_form, articles) -> Callable[..., str]:
    """Make and save a brief through the home form; return its id."""

    def make(boxes=None, **fields) -> str:
        response = post_form(boxes or articles, **fields)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        return response.headers["Location"].rsplit("/", 1)[-1]

    return make


def _pdf_without_text() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=300, height=300)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def samples() -> SimpleNamespace:
    """Inputs for the error cases: bytes of files and texts the pipeline refuses."""
    return SimpleNamespace(
        png=b"\x89PNG\r\n\x1a\n" + bytes(64),
        scanned_pdf=_pdf_without_text(),
        docx=_docx,
        html=(WEB_FIXTURES / "article.html").read_bytes(),
        thai=(  # a language the detector knows and the pipeline does not support
            "รัฐสภาได้ผ่านกฎหมายใหม่เมื่อวันพฤหัสบดีเพื่อส่งเสริมพลังงานหมุนเวียน "
            "สมาชิกลงมติเห็นชอบร่างของรัฐบาลด้วยเสียงข้างมาก"
        ),
        cruft_only="Share this article\n\nFollow us on Twitter\n\nAdvertisement",
    )
