"""A time budget for the views that make a brief: over REQUEST_SECONDS, the request stops with a 413.

The last line of defence, after the limits on size and the library's own work budgets: whatever an input
costs, the request answers within REQUEST_SECONDS with a message saying what to cut, instead of running into
gunicorn's worker timeout (30 s), which kills the worker, drops the connection and leaves the client with
nginx's 502. `make run` serves these requests from sync workers (deploy/gunicorn.conf.py), one request per
process on its main thread, which is where a timer signal can stop Python code: SIGALRM from
`signal.setitimer`, whose handler raises between two Python bytecodes. A long call into C (a regular
expression, an XML parser) is only stopped once it returns, so gunicorn's timeout stays the bound for those.
A request handled on another thread (gthread workers, Flask's threaded debug server) gets no budget.

The budget covers the view: reading the articles, summarising and saving. A database write cut short is
rolled back by SQLite, so the brief is not saved, and the person is told so."""

from __future__ import annotations

import signal
import threading
from functools import wraps
from types import FrameType

from flask import Flask, current_app, request

from .inputs import Problem

# The views that do the expensive work; nginx sends them to the summarising workers (deploy/nginx.conf.template).
BUDGETED = ("api.summarize_endpoint", "pages.summarize_page", "pages.resummarize")


class TookTooLong(Problem):
    def __init__(self, seconds: int):
        super().__init__(
            413,
            "took_too_long",
            f"Making this brief took more than {seconds} seconds, so it was stopped. Send fewer or shorter "
            "articles, or choose the default algorithm (consensus), which is the quickest.",
        )


class _Expired(BaseException):
    """Raised by the timer. A BaseException, like KeyboardInterrupt, so that no `except Exception` in a
    reader or library on the way (which would call it an unreadable file) can swallow it."""


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def budgeted(view):
    """`view`, stopped with TookTooLong once it has run REQUEST_SECONDS (where a timer signal can reach it)."""

    @wraps(view)
    def within_budget(*args, **kwargs):
        seconds = current_app.config["REQUEST_SECONDS"]
        if not seconds or not _can_interrupt():
            return view(*args, **kwargs)
        armed = [True]

        def expired(signum: int, frame: FrameType | None) -> None:
            if armed[0]:
                raise _Expired

        previous = signal.signal(signal.SIGALRM, expired)
        try:
            try:
                signal.setitimer(signal.ITIMER_REAL, seconds)
                return view(*args, **kwargs)
            finally:
                armed[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        except _Expired:
            current_app.logger.warning("%s %s stopped after %d s (REQUEST_SECONDS)", request.method, request.path, seconds)
            raise TookTooLong(seconds) from None

    return within_budget


def _took_too_long(problem: TookTooLong):
    if request.path.startswith("/api/"):
        from .api import error_response

        return error_response(problem)
    from .pages import refuse_form

    return refuse_form(problem)


def init_app(app: Flask) -> None:
    seconds = app.config["REQUEST_SECONDS"]
    if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
        raise RuntimeError(f"REQUEST_SECONDS must be a whole number of seconds (0 for none), not {seconds!r}.")
    for endpoint in BUDGETED:
        app.view_functions[endpoint] = budgeted(app.view_functions[endpoint])
    app.register_error_handler(TookTooLong, _took_too_long)
