"""Rate limiting of the JSON API per client address (Flask-Limiter): over the limit is a 429 with `Retry-After`.

`API_RATE_LIMIT` (env SUMMARIZER_API_RATE_LIMIT) is a limits string such as "60/minute" or
"10/second;300/hour", counted per client address over fixed windows; "off" turns limiting off.
Only POSTs are counted: the summarising is what costs; the OpenAPI document and the docs page are free.

The counts live where `RATELIMIT_STORAGE_URI` (env SUMMARIZER_RATELIMIT_STORAGE_URI) says. The
default, `memory://`, is per process: gunicorn with N workers lets a client make up to N times the
limit, and a restarted worker starts counting afresh. For one limit across workers and machines use
a shared store, e.g. `redis://localhost:6379/0` (needs the `redis` package installed beside the app).

The client address is `request.remote_addr`. Behind a reverse proxy that is the proxy's, so every
client would share one count: wrap the app in werkzeug's `ProxyFix` with the number of proxies.
"""

from __future__ import annotations

import math
import time

from flask import Blueprint, Flask, jsonify
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import ConfigurationError

from .inputs import Problem

OFF = "off"


def _too_many_requests(limiter: Limiter):
    def handler(error: RateLimitExceeded):
        current = limiter.current_limit  # the breached limit; its window ends at window.reset_time
        retry_after = max(1, math.ceil(current.window.reset_time - time.time())) if current else 1
        problem = Problem(
            429,
            "rate_limited",
            f"Too many requests from your address: the API takes {error.description} from each client. "
            f"Wait {retry_after} second{'s' if retry_after != 1 else ''} and try again.",
        )
        response = jsonify(problem.to_dict())
        response.status_code = 429
        response.headers["Retry-After"] = str(retry_after)
        return response

    return handler


def init_app(app: Flask, blueprint: Blueprint) -> None:
    """Limit the POSTs of `blueprint` (the API) per client address, unless API_RATE_LIMIT is "off"."""
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
    limiter.limit(rate, methods=["POST"])(blueprint)
    app.register_error_handler(RateLimitExceeded, _too_many_requests(limiter))
