"""Security plumbing for every response: the data directory and secret key, CSRF tokens, the response
headers, which proxy headers and Host headers are believed, and the absolute links built from them."""

from __future__ import annotations

import hmac
import os
import secrets
import stat
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request, session, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SESSION_KEY = "csrf"

# No 'unsafe-inline' anywhere: templates carry no inline script, style or handler attributes, and
# htmx is told (htmx-config meta) not to inject its indicator <style>.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def prepare_data_dir(path: Path) -> Path:
    """The data directory, resolved: created with mode 0700 when missing; refused when others may write to it.

    It holds the secret key and every saved article, so a directory that anyone on the machine may write
    to (say a 1777 one) would let them swap the key or the database. Its mode is not changed behind the
    owner's back: the app stops with a message saying what to run.

    Raises:
        RuntimeError: the path is not a directory, or group or others may write to it.
    """
    path = path.resolve()
    try:
        path.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        pass
    else:
        path.chmod(0o700)  # mkdir's mode is only narrowed by the umask; say it outright
    mode = path.stat().st_mode
    if not stat.S_ISDIR(mode):
        raise RuntimeError(f"The data directory {path} is not a directory; set SUMMARIZER_DATA_DIR to a directory.")
    writable_by = [who for who, bit in (("its group", stat.S_IWGRP), ("others", stat.S_IWOTH)) if mode & bit]
    if writable_by:
        raise RuntimeError(
            f"The data directory {path} may be written by {' and '.join(writable_by)} (mode "
            f"{stat.S_IMODE(mode):04o}), who could then replace the secret key or the saved briefs. "
            f"Run `chmod 700 {path}` or set SUMMARIZER_DATA_DIR to a private directory, then start again."
        )
    return path


def load_or_create_secret_key(path: Path) -> str:
    """The key kept in `path`, created once with `secrets` (mode 0600) when it does not exist.

    Several gunicorn workers may start at once: the first creates the file exclusively, the others
    wait briefly for its content.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.02)
        raise RuntimeError(f"The secret key file {path} is empty; delete it to have a new key made.") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def require_shared_secret_key(config) -> None:
    """Refuse to make a key of this host's own when saved briefs live in a shared database (DATABASE_URL).

    Sessions (CSRF tokens, recent briefs), edit links and the keyed hashes of the quota are all signed or
    keyed with SECRET_KEY: with one key file per host, a form opened on one host would be refused by
    another, and so would an edit link. Several hosts need one key, given to each.

    Raises:
        RuntimeError: DATABASE_URL is set and SECRET_KEY is not.
    """
    if config.get("DATABASE_URL"):
        raise RuntimeError(
            "SUMMARIZER_DATABASE_URL is set, so saved briefs are shared by every host that uses that database: set "
            "SECRET_KEY to one value on all of them (make one with `python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'`). A key file per host would make forms, sessions and edit links "
            "made on one host fail on the others."
        )


def csrf_token() -> str:
    """This session's CSRF token, made on first use; forms carry it in a hidden field, htmx in a header."""
    token = session.get(_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = token
    return token


def csrf_valid() -> bool:
    """Whether the request carries this session's token (header first, so a form need not be parsed)."""
    expected = session.get(_SESSION_KEY)
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    if not isinstance(expected, str) or not expected or not sent:
        return False
    return hmac.compare_digest(expected.encode(), sent.encode())


def _add_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        # Pages and API answers hold people's articles: never keep them in a shared cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _base_url(value: object) -> str | None:
    """BASE_URL checked: scheme and host (and port) only, no trailing slash; None when unset."""
    if value is None or value == "":
        return None
    parts = urlsplit(str(value).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query \
            or parts.fragment or "@" in parts.netloc:
        raise RuntimeError(
            f"BASE_URL must be the address people use, as scheme://host[:port] (e.g. https://brief.example.org), "
            f"not {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


def external_url(endpoint: str, **values) -> str:
    """An absolute link for people to copy: BASE_URL + path; else the request's host when TRUSTED_HOSTS
    vouches for it (Flask answers 400 to any other Host); else the path alone. Never an arbitrary Host header,
    which anyone can set and which would otherwise end up in links shared from the page."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("BASE_URL")
    if base:
        return base + path
    if current_app.config.get("TRUSTED_HOSTS"):
        return url_for(endpoint, _external=True, **values)
    return path


def init_app(app: Flask) -> None:
    app.config["BASE_URL"] = _base_url(app.config.get("BASE_URL"))
    proxies = app.config.get("PROXIES") or 0
    if isinstance(proxies, bool) or not isinstance(proxies, int) or proxies < 0:
        raise RuntimeError(f"PROXIES must be the number of proxies in front of the app (0, 1...), not {proxies!r}.")
    if proxies:
        # The client address (rate limits) and scheme as the proxy saw them. The Host header is not taken
        # from X-Forwarded-Host: links come from BASE_URL or TRUSTED_HOSTS, see external_url.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)  # type: ignore[method-assign]
    app.after_request(_add_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["external_url"] = external_url
