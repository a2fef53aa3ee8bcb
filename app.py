"""The web app: `create_app()` builds a Flask app serving the pages, the JSON API and the static files.

Run it with `gunicorn 'app:create_app()'` (see `make run`) or `flask --app app run --debug`.
Nothing is configured at import time: configuration comes from DEFAULTS, then environment
variables (ENVIRONMENT), then the `test_config` given to the factory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask
from htmx_flask import Htmx

from web import api, errors, pages, ratelimit, security, store

MiB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    # Where the database and the secret-key file live; created on first start.
    "DATA_DIR": "data",
    # SQLite file for saved briefs; None means DATA_DIR/briefs.sqlite3.
    "DATABASE": None,
    # None means: read DATA_DIR/secret_key, or create it (mode 0600) on first start.
    "SECRET_KEY": None,
    # Whole request, files included. 20 files of 5 MB would not fit; 25 MB is what one brief
    # plausibly needs (a few PDFs and pasted text) while bounding a request's disk and memory use.
    "MAX_CONTENT_LENGTH": 25 * MiB,
    # Flask 3.1 refuses any one multipart text field over this (500 kB by default): a box may
    # hold several long articles, so it is as large as the request may be. The per-article
    # character limit below gives the precise message.
    "MAX_FORM_MEMORY_SIZE": 25 * MiB,
    "MAX_FILES": 20,  # files per request
    "MAX_FILE_BYTES": 5 * MiB,  # bytes per file
    "MAX_DOCUMENTS": 50,  # articles per request, pasted and uploaded together
    "MAX_DOCUMENT_CHARS": 200_000,  # characters of text per article
    # Characters of text in all the articles of one request. The work grows with it (about 2 s and
    # 260 MB for 1,000,000 on a 2-core machine; 15 articles of 200,000 took 11 s and 840 MB), so this,
    # not the article and character limits multiplied, bounds what one request may cost.
    "MAX_TOTAL_CHARS": 1_000_000,
    # Seconds to read all the files of one request. Each PDF or Word file stops at 10 s and a web
    # page costs at most ~3 s, but twenty files add up: reading (15 s + one last page) and summarising
    # (MAX_TOTAL_CHARS, ~2-4 s) stay within gunicorn's 30 s worker timeout, so the answer is a 413
    # with a message, not a killed worker and a dropped connection.
    "MAX_READ_SECONDS": 15,
    "RECENT_BRIEFS": 10,  # briefs this browser made, listed on the home page
    "SESSION_COOKIE_NAME": "summarizer_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # set SUMMARIZER_SECURE_COOKIES=1 behind HTTPS
    # POSTs to /api/ per client address, as a limits string ("60/minute", "10/second;300/hour");
    # "off" turns limiting off. See web/ratelimit.py.
    "API_RATE_LIMIT": "60/minute",
    # Where the counts are kept: memory:// is per gunicorn worker; redis://host:6379/0 is shared.
    "RATELIMIT_STORAGE_URI": "memory://",
}

# environment variable -> (config key, type)
ENVIRONMENT: dict[str, tuple[str, type]] = {
    "SUMMARIZER_DATA_DIR": ("DATA_DIR", str),
    "SUMMARIZER_DATABASE": ("DATABASE", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "SUMMARIZER_MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "SUMMARIZER_MAX_FORM_MEMORY_SIZE": ("MAX_FORM_MEMORY_SIZE", int),
    "SUMMARIZER_MAX_FILES": ("MAX_FILES", int),
    "SUMMARIZER_MAX_FILE_BYTES": ("MAX_FILE_BYTES", int),
    "SUMMARIZER_MAX_DOCUMENTS": ("MAX_DOCUMENTS", int),
    "SUMMARIZER_MAX_DOCUMENT_CHARS": ("MAX_DOCUMENT_CHARS", int),
    "SUMMARIZER_MAX_TOTAL_CHARS": ("MAX_TOTAL_CHARS", int),
    "SUMMARIZER_MAX_READ_SECONDS": ("MAX_READ_SECONDS", int),
    "SUMMARIZER_RECENT_BRIEFS": ("RECENT_BRIEFS", int),
    "SUMMARIZER_SECURE_COOKIES": ("SESSION_COOKIE_SECURE", bool),
    "SUMMARIZER_API_RATE_LIMIT": ("API_RATE_LIMIT", str),
    "SUMMARIZER_RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
}

_POSITIVE_INTS = (
    "MAX_CONTENT_LENGTH",
    "MAX_FORM_MEMORY_SIZE",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_DOCUMENTS",
    "MAX_DOCUMENT_CHARS",
    "MAX_TOTAL_CHARS",
    "MAX_READ_SECONDS",
    "RECENT_BRIEFS",
)


def _from_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for variable, (key, kind) in ENVIRONMENT.items():
        raw = environ.get(variable, "").strip()
        if not raw:
            continue
        if kind is int:
            try:
                config[key] = int(raw)
            except ValueError:
                raise RuntimeError(f"{variable} must be a whole number, not {raw!r}.") from None
        elif kind is bool:
            config[key] = raw.lower() in ("1", "true", "yes", "on")
        else:
            config[key] = raw
    return config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app. `test_config` overrides defaults and environment (tests pass a temporary DATA_DIR)."""
    root = Path(__file__).resolve().parent
    app = Flask(
        __name__,
        static_folder=str(root / "static"),
        template_folder=str(root / "templates"),
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(_from_environment(os.environ))
    if test_config:
        app.config.from_mapping(test_config)

    for key in _POSITIVE_INTS:
        value = app.config[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise RuntimeError(f"{key} must be a positive whole number, not {value!r}.")

    data_dir = Path(app.config["DATA_DIR"]).resolve()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    app.config["DATA_DIR"] = str(data_dir)
    if not app.config["DATABASE"]:
        app.config["DATABASE"] = str(data_dir / "briefs.sqlite3")
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = security.load_or_create_secret_key(data_dir / "secret_key")

    # Keep the JSON keys in the order Brief.to_dict() gives them, as the CLI prints them.
    app.json.sort_keys = False  # type: ignore[attr-defined]

    Htmx(app)
    security.init_app(app)
    store.init_app(app)
    errors.init_app(app)
    app.url_map.converters["briefid"] = pages.BriefIdConverter
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    ratelimit.init_app(app, api.bp)
    return app
