"""HTTP errors (404, 405, 413, 400, 500...): JSON under /api/, an htmx alert for htmx requests, a page otherwise."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from .body import FieldTooLarge, TooManyParts
from .inputs import Problem, megabytes

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    500: "Something went wrong",
}
CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
    500: "internal_error",
}


def _message(status: int) -> str:
    if status == 404:
        return "There is nothing at this address. A brief that was deleted is gone for good."
    if status == 405:
        return "This address does not take that kind of request."
    if status == 413:
        limit = megabytes(current_app.config["MAX_CONTENT_LENGTH"])
        return (
            f"What you sent is over {limit} in all, so it was not read. "
            "Send fewer or smaller files, or paste only the part of the articles you need."
        )
    if status == 400:
        return "The request could not be read. Reload the page and try again."
    if status >= 500:
        return "Something went wrong on our side. Try again; if it keeps happening, try shorter articles."
    return "The request could not be handled."


def _problem(error: HTTPException) -> Problem:
    status = error.code or 500
    if isinstance(error, TooManyParts):
        return Problem(
            413,
            "too_many_parts",
            f"The form has more than {error.limit:,} parts (fields and files), so it was not read; at most "
            f"{error.limit:,} are taken. Send fewer fields or files at once.",
        )
    if isinstance(error, FieldTooLarge):
        return Problem(
            413,
            "field_too_large",
            f"One field of the form is over {megabytes(error.limit)}, so it was not read. "
            "Paste only the part of the articles you need, or send them as files.",
        )
    return Problem(status, CODES.get(status, "error"), _message(status))


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if isinstance(error, SecurityError):
        # A Host header not in TRUSTED_HOSTS: no URL can be built for it, so no page either.
        problem = Problem(400, "untrusted_host", "This server does not answer to that host name.")
        if request.path.startswith("/api/"):
            return jsonify(problem.to_dict()), 400
        return make_response(problem.message + "\n", 400, {"Content-Type": "text/plain; charset=utf-8"})
    problem = _problem(error)
    if status >= 500:
        current_app.logger.error("Server error on %s %s", request.method, request.path,
                                 exc_info=getattr(error, "original_exception", None))
    if request.path.startswith("/api/"):
        response = jsonify(problem.to_dict())
        response.status_code = status
    elif getattr(request, "htmx", False):
        from .pages import FormState, errors_fragment

        response = errors_fragment(FormState().fail(problem), status)
    else:
        response = make_response(
            render_template("error.html", title=TITLES.get(status, "Error"), message=problem.message), status
        )
    if not request.path.startswith("/api/"):
        response.vary.add("HX-Request")  # a page, or for htmx a fragment
    if status == 405 and error.get_response().headers.get("Allow"):
        response.headers["Allow"] = error.get_response().headers["Allow"]
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
