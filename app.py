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

from summarizer.fetch import allowed_hosts
from summarizer.language.detect import warm as warm_language_model
from web import api, body, deadline, errors, pages, ratelimit, security, store

MiB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    # Where the database and the secret-key file live; created on first start.
    "DATA_DIR": "data",
    # SQLite file for saved briefs; None means DATA_DIR/briefs.sqlite3.
    "DATABASE": None,
    # PostgreSQL for saved briefs instead of the SQLite file (postgresql://user:password@host/db), shared by
    # several app hosts; None: SQLite. Needs SECRET_KEY set to one value on every host (web/store/).
    "DATABASE_URL": None,
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
    # Saved briefs are deleted this many days after they were made (web/store.py purges them).
    "BRIEF_TTL_DAYS": 30,
    # Briefs, and megabytes of them, that one client (address or browser) may save per day. A brief
    # of typical articles takes ~0.1-0.3 MB; one at the character limit up to ~4 MB.
    "BRIEF_QUOTA": 50,
    "BRIEF_QUOTA_MB": 50,
    # Disk space kept free (a file beside the database) so that deleting works when the disk is full: even
    # a delete appends to SQLite's log. Deleting the largest brief (~4 MB, its freed pages zeroed in the
    # log too) appends well under this. 0: none.
    "DELETE_RESERVE_MB": 16,
    "SESSION_COOKIE_NAME": "summarizer_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # set SUMMARIZER_SECURE_COOKIES=1 behind HTTPS
    # POSTs to /api/ per client address, as a limits string ("60/minute", "10/second;300/hour");
    # "off" turns limiting off. See web/ratelimit.py.
    "API_RATE_LIMIT": "60/minute",
    # Where the counts are kept: memory:// is per gunicorn worker; redis://host:6379/0 is shared.
    "RATELIMIT_STORAGE_URI": "memory://",
    # Multipart parts (fields and files) per request: the home form has at most 100 boxes of two fields
    # plus a few options and 20 files, so 1,000 (Flask's default) is never reached by a person.
    "MAX_FORM_PARTS": 1000,
    # Seconds one request that makes a brief may take, reading and summarising (web/deadline.py): over
    # it the request is stopped with a 413 saying what to cut, below gunicorn's 30 s worker timeout,
    # which would kill the worker and drop the connection. 0 turns the budget off.
    "REQUEST_SECONDS": 20,
    # Absolute links ("Link to this brief", the /api page's examples) start with this, e.g.
    # https://brief.example.org; None: from the request's Host only when TRUSTED_HOSTS lists it,
    # else the links are paths. Never from an arbitrary Host header (web/security.py).
    "BASE_URL": None,
    # Flask's own: host names this app answers to; any other Host header is a 400. None: any.
    "TRUSTED_HOSTS": None,
    # Proxies in front whose X-Forwarded-For / X-Forwarded-Proto are trusted (make run's nginx: 1).
    # 0 when clients reach gunicorn directly: the headers are then ignored, as a client could forge them.
    "PROXIES": 0,
    # Hosts whose links are fetched although their addresses are not public (summarizer/fetch.py), as
    # "host" or "host:port" entries: an intranet, a test server. Nothing else that is not public is fetched.
    "FETCH_ALLOW_HOSTS": (),
    # How link host names are resolved: None is the system's resolver; tests pass one of their own.
    "FETCH_RESOLVE": None,
}

# environment variable -> (config key, type)
ENVIRONMENT: dict[str, tuple[str, type]] = {
    "SUMMARIZER_DATA_DIR": ("DATA_DIR", str),
    "SUMMARIZER_DATABASE": ("DATABASE", str),
    "SUMMARIZER_DATABASE_URL": ("DATABASE_URL", str),
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
    "SUMMARIZER_BRIEF_TTL_DAYS": ("BRIEF_TTL_DAYS", int),
    "SUMMARIZER_BRIEF_QUOTA": ("BRIEF_QUOTA", int),
    "SUMMARIZER_BRIEF_QUOTA_MB": ("BRIEF_QUOTA_MB", int),
    "SUMMARIZER_DELETE_RESERVE_MB": ("DELETE_RESERVE_MB", int),
    "SUMMARIZER_SECURE_COOKIES": ("SESSION_COOKIE_SECURE", bool),
    "SUMMARIZER_API_RATE_LIMIT": ("API_RATE_LIMIT", str),
    "SUMMARIZER_RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "SUMMARIZER_MAX_FORM_PARTS": ("MAX_FORM_PARTS", int),
    "SUMMARIZER_REQUEST_SECONDS": ("REQUEST_SECONDS", int),
    "SUMMARIZER_BASE_URL": ("BASE_URL", str),
    "SUMMARIZER_TRUSTED_HOSTS": ("TRUSTED_HOSTS", list),
    "SUMMARIZER_PROXIES": ("PROXIES", int),
    "SUMMARIZER_FETCH_ALLOW_HOSTS": ("FETCH_ALLOW_HOSTS", list),
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
    "BRIEF_TTL_DAYS",
    "BRIEF_QUOTA",
    "BRIEF_QUOTA_MB",
    "MAX_FORM_PARTS",
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
        elif kind is list:  # comma-separated
            config[key] = [item.strip() for item in raw.split(",") if item.strip()]
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

    try:
        app.config["FETCH_ALLOW_HOSTS"] = allowed_hosts(app.config["FETCH_ALLOW_HOSTS"])
    except ValueError as error:
        raise RuntimeError(str(error)) from None

    data_dir = security.prepare_data_dir(Path(app.config["DATA_DIR"]))
    app.config["DATA_DIR"] = str(data_dir)
    if not app.config["DATABASE"]:
        app.config["DATABASE"] = str(data_dir / "briefs.sqlite3")
    if not app.config["SECRET_KEY"]:
        security.require_shared_secret_key(app.config)
        app.config["SECRET_KEY"] = security.load_or_create_secret_key(data_dir / "secret_key")

    # Keep the JSON keys in the order Brief.to_dict() gives them, as the CLI prints them.
    app.json.sort_keys = False  # type: ignore[attr-defined]

    Htmx(app)
    security.init_app(app)
    store.init_app(app)
    errors.init_app(app)
    body.init_app(app)
    app.url_map.converters["briefid"] = pages.BriefIdConverter
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    ratelimit.init_app(app)
    deadline.init_app(app)
    # The language model (≈ 0.5 s to load) is read here, once per process: gunicorn preloads the app, so
    # its workers are forked with it and no request waits for it.
    warm_language_model()
    return app
