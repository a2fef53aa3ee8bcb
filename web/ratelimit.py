"""Rate limiting of the requests that make a brief, per client address (Flask-Limiter): over the limit is a
429 with `Retry-After`, JSON from the API, the message in place (input kept) on the page.

`API_RATE_LIMIT` (env SUMMARIZER_API_RATE_LIMIT) is a limits string such as "60/minute" or
"10/second;300/hour", counted per client address over fixed windows; "off" turns limiting off.
One count covers every POST that summarises: `/api/summarize`, the home form's `/summarize` and a brief's
"make it again" (the page's "add another article" and "remove" buttons, posted without JavaScript, are free).
Everything else is free: reading, downloading, deleting, the OpenAPI document and the docs page.

The counts live where `RATELIMIT_STORAGE_URI` (env SUMMARIZER_RATELIMIT_STORAGE_URI) says. The
default, `memory://`, is per process: gunicorn with N workers lets a client make up to N times the
limit, and a restarted worker starts counting afresh. For one limit across workers and machines use
a shared store, e.g. `redis://localhost:6379/0` (needs the `redis` package installed beside the app).

The client address is `request.remote_addr`. Behind a reverse proxy that is the proxy's, so every
client would share one count: PROXIES (env SUMMARIZER_PROXIES; `make run` sets 1 for its nginx) makes
web/security.py take it from X-Forwarded-For instead.
"""

from __future__ import annotations

import math
import time

from flask import Flask, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import ConfigurationError

from .inputs import Problem

OFF = "off"
# The views that make a brief, sharing one count per client address.
LIMITED = ("api.summarize_endpoint", "pages.summarize_page", "pages.resummarize")


def _not_making_a_brief() -> bool:
    """The home form's add/remove buttons (without JavaScript) post to /summarize but summarise nothing."""
    return request.endpoint == "pages.summarize_page" and request.form.get("action", "summarize") != "summarize"


def _too_many_requests(limiter: Limiter):
    def handler(error: RateLimitExceeded):
        current = limiter.current_limit  # the breached limit; its window ends at window.reset_time
        retry_after = max(1, math.ceil(current.window.reset_time - time.time())) if current else 1
        wait = f"Wait {retry_after} second{'s' if retry_after != 1 else ''} and try again."
        if request.path.startswith("/api/"):
            problem = Problem(
                429, "rate_limited",
                f"Too many requests from your address: the API takes {error.description} from each client. {wait}",
            )  # fmt: skip
            response = jsonify(problem.to_dict())
            response.status_code = 429
        else:
            from .pages import refuse_form

            problem = Problem(
                429, "rate_limited",
                f"Too many briefs asked for from your address: {error.description} may be made. {wait} "
                "What you entered is kept below.",
            )  # fmt: skip
            response = refuse_form(problem, "Too many requests")
        response.headers["Retry-After"] = str(retry_after)
        return response

    return handler


def init_app(app: Flask) -> None:
    """Limit the POSTs that make a brief (LIMITED) per client address, unless API_RATE_LIMIT is "off"."""
    rate = str(app.config["API_RATE_LIMIT"] or OFF).strip()
    if rate.lower() == OFF:
        return
    try:
        parse_many(rate)
    except ValueError:
        raise RuntimeError(f"API_RATE_LIMIT must be a rate such as 60/minute (or {OFF!r}), not {rate!r}.") from None
    try:
        limiter = Limiter(
            get_remote_address,
            app=app,
            storage_uri=app.config["RATELIMIT_STORAGE_URI"],
            strategy="fixed-window",
            key_prefix="summarizer-api",
        )
    except ConfigurationError as error:
        raise RuntimeError(f"RATELIMIT_STORAGE_URI cannot be used: {error}") from None
    shared = limiter.shared_limit(rate, scope="make-brief", methods=["POST"], exempt_when=_not_making_a_brief)
    for endpoint in LIMITED:  # the wrapped view checks the count before it runs
        app.view_functions[endpoint] = shared(app.view_functions[endpoint])
    app.register_error_handler(RateLimitExceeded, _too_many_requests(limiter))
