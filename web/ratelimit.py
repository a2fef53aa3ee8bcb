"""Rate limiting of the requests that make a brief, per client address (Flask-Limiter): over the limit is a
429 with `Retry-After`, JSON from the API, the message in place (input kept) on the page.

`API_RATE_LIMIT` (env SUMMARIZER_API_RATE_LIMIT) is a limits string such as "60/minute" or
"10/second;300/hour", counted per client address over fixed windows; "off" turns limiting off.
One count covers every POST that summarises: `/api/summarize`, the home form's `/summarize` and a brief's
"make it again" (the page's "add another article" and "remove" buttons, posted without JavaScript, are free).
Everything else is free: reading, downloading, deleting, the OpenAPI document and the docs page.

The counts live where `RATELIMIT_STORAGE_URI` (env SUMMARIZER_RATELIMIT_STORAGE_URI) says. The
default, `memory://`, is per process: gunicorn with N workers lets a client make up to N times the
limit, and a restarted worker starts counting afresh. For one limit across workers and hosts use
Redis, e.g. `redis://redis.internal:6379/0` (the `redis` package is in requirements.txt): every host
and worker counts in the same keys (prefix KEY_PREFIX) over the same fixed windows.

If Redis is down, limits fail OPEN: the request is answered as if under the limit, and the failure is
logged ("Failed to rate limit"). Refusing every brief because the counter is away would turn an outage of
a helper into an outage of the service; what still bounds a client meanwhile is nginx's per-address
connection limit (deploy/nginx.conf.template) and the daily quota of saved briefs (web/store/). Each
request gives Redis at most REDIS_TIMEOUT_SECONDS to answer, so a Redis that hangs costs little more
than one that refuses; limits count in Redis again as soon as it answers.

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
KEY_PREFIX = "summarizer-api"
# Seconds to connect to Redis and for it to answer: it answers a counter in well under a millisecond on a
# network, so 0.5 s only ever expires when Redis is unreachable (then the request goes on, see above).
REDIS_TIMEOUT_SECONDS = 0.5
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
    storage_uri = app.config["RATELIMIT_STORAGE_URI"]
    options = {}
    if storage_uri.startswith(("redis://", "rediss://", "redis+unix://")):
        options = {"socket_connect_timeout": REDIS_TIMEOUT_SECONDS, "socket_timeout": REDIS_TIMEOUT_SECONDS}
    try:
        limiter = Limiter(
            get_remote_address,
            app=app,
            storage_uri=storage_uri,
            storage_options=options,
            strategy="fixed-window",
            key_prefix=KEY_PREFIX,
            swallow_errors=True,  # fail open when the storage (Redis) does not answer: see above
        )
    except ConfigurationError as error:
        raise RuntimeError(f"RATELIMIT_STORAGE_URI cannot be used: {error}") from None
    shared = limiter.shared_limit(rate, scope="make-brief", methods=["POST"], exempt_when=_not_making_a_brief)
    for endpoint in LIMITED:  # the wrapped view checks the count before it runs
        app.view_functions[endpoint] = shared(app.view_functions[endpoint])
    app.register_error_handler(RateLimitExceeded, _too_many_requests(limiter))
