"""The JSON API: `POST /api/summarize` answers `Brief.to_dict()`; `/api/openapi.json` describes it.

Stateless: briefs made here are not saved. A document is text, or a `url` to fetch (summarizer/fetch.py);
a file or link that cannot be read is left out and named in the brief's `notes`. Only `application/json`
and `multipart/form-data` are taken (so no plain HTML form on another site can post here without a CORS
preflight except as multipart, which needs no session either: the API sets and reads no cookie). Every answer, errors
included, is JSON. POSTs are rate limited per client address (web/ratelimit.py): over the limit is a
429 with Retry-After.
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request
from jsonschema import Draft202012Validator, ValidationError
from werkzeug.datastructures import MultiDict

from summarizer import summarize
from summarizer.types import Document

from . import body as bodies
from . import inputs
from .inputs import Limits, Problem
from .openapi import openapi_document
from .pages import page_context

bp = Blueprint("api", __name__, url_prefix="/api")

FIELDS = ("documents", "max_words", "max_sentences", "algorithm", "language", "words_mode")
DOCUMENT_FIELDS = ("text", "title", "url", "date")
ACCEPTED_TYPES = ("application/json", "multipart/form-data")


def error_response(problem: Problem):
    return jsonify(problem.to_dict()), problem.status


@bp.errorhandler(Problem)
def _problem(problem: Problem):
    return error_response(problem)


def _bad(message: str, code: str = "invalid_request") -> Problem:
    return Problem(400, code, message)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


OPTION_FIELDS = ("max_words", "max_sentences", "algorithm", "language", "words_mode")
EXPECTED = {"integer": "a whole number", "string": "a string", "object": "an object", "array": "an array"}


def _request_validator() -> Draft202012Validator:
    """The OpenAPI document's SummarizeRequest schema as a validator, made once per app: the endpoint
    checks requests against the very document it publishes, so the two cannot drift apart."""
    if "request_validator" not in current_app.extensions:
        document = openapi_document(current_app.config)
        current_app.extensions["request_validator"] = Draft202012Validator(
            {**document, "$ref": "#/components/schemas/SummarizeRequest"}
        )
    return current_app.extensions["request_validator"]


def _where(path) -> str:
    """`documents[1].text` for the path ("documents", 1, "text")."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def _path_order(error: ValidationError) -> tuple:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in error.absolute_path)


def _problem(error: ValidationError, limits: Limits) -> Problem | None:
    """The schema's verdict in the user's words, naming the field; None where a later step says it
    better: option values (Options names the choices and ranges), an article's length (with counts)."""
    path = list(error.absolute_path)
    where = _where(path)
    option = bool(path) and path[0] in OPTION_FIELDS
    kind = error.validator
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = next(EXPECTED[t] for t in types if t in EXPECTED)
        if not path:
            return _bad(f"The request body must be a JSON object, not {_kind(error.instance)}.")
        if expected in ("an object", "an array") and path[0] == "documents":
            expected += " of objects with a text field" if expected == "an array" else " with a text field"
        code = "invalid_option" if option else "invalid_request"
        return Problem(400, code, f"{where} must be {expected}, not {_kind(error.instance)}.", path[0] if option else None)
    if option or kind == "maxLength":
        return None
    if kind == "required":
        missing = next(field for field in error.validator_value if field not in error.instance)
        if not path:
            return _bad("documents is required: an array of objects with a text field.")
        return _bad(f"{where}.{missing} is required.")
    if kind == "anyOf" and len(path) == 2 and path[0] == "documents" and isinstance(error.instance, dict):
        url = error.instance.get("url")
        if "text" not in error.instance and isinstance(url, str):
            return _bad(f"{where}.url must be an http or https address to fetch, such as "
                        f"https://example.com/news/story; got {url[:60]!r}.")
        return _bad(f"{where}.text is required, or url: the address of a web page to fetch.")
    if kind in ("additionalProperties", "unevaluatedProperties"):
        known = FIELDS if not path else DOCUMENT_FIELDS
        unknown = sorted(set(error.instance) - set(known))
        if not unknown:
            return None  # known fields left "unevaluated" because a subschema failed: reported on their own
        listing = f"the request may have: {', '.join(FIELDS)}" if not path else f"a document has: {', '.join(known)}"
        return _bad(f"{_where([*path, unknown[0]])} is not a known field; {listing}.")
    if kind == "maxItems" and path == ["documents"]:
        return inputs.too_many_documents(len(error.instance), limits)
    return _bad(f"{where or 'The request'}: {error.message}")


# Schema errors looked at: with at most MAX_DOCUMENTS documents of four fields there are far fewer, so
# this only bounds the sort below should a body still produce many.
MAX_SCHEMA_ERRORS = 200


def _count_first(body: Any, limits: Limits) -> None:
    """Refuse what is over a count before the schema sees it, after one len() each: the schema walks every
    item and reports every error, and sorting those took 17-29 s and 2 GB for 300,000 empty documents."""
    if not isinstance(body, dict):
        return
    unknown = sorted(set(body) - set(FIELDS))
    if unknown:
        raise _bad(f"{unknown[0]} is not a known field; the request may have: {', '.join(FIELDS)}.")
    documents = body.get("documents")
    if isinstance(documents, list) and len(documents) > limits.max_documents:
        raise inputs.too_many_documents(len(documents), limits)


def _validate(body: Any, limits: Limits) -> None:
    """Raise the first problem with a SummarizeRequest body, in the order of its fields."""
    _count_first(body, limits)
    errors = islice(_request_validator().iter_errors(body), MAX_SCHEMA_ERRORS)
    for error in sorted(errors, key=_path_order):
        problem = _problem(error, limits)
        if problem is not None:
            raise problem


def _json_documents(items: list[dict[str, Any]], limits: Limits) -> list[Document | inputs.Link]:
    """Documents, and links to fetch, from InputDocument objects the schema has already checked: with
    text, `url` is the article's address (shown, not fetched); without text, or with a blank one (a
    client's empty field), it is fetched."""
    return [
        inputs.document_from_paste(
            item["text"], limits, f"documents[{index}]", **{f: item[f] for f in ("title", "url", "date") if item.get(f)}
        )
        if (item.get("text") or "").strip() or not item.get("url")
        else inputs.Link(item["url"], title=(item.get("title") or "").strip(), date=item.get("date") or None)
        for index, item in enumerate(items)
    ]


def _from_json(limits: Limits):
    try:
        body = json.loads(bodies.read_all(request))
    except (ValueError, RecursionError):
        raise _bad("The request body is not valid JSON.", "invalid_json") from None
    _validate(body, limits)
    given = _json_documents(body["documents"], limits)
    options = inputs.build_options(**{field: body.get(field) for field in OPTION_FIELDS})
    return inputs.read_articles(given, [], limits), options


def _from_multipart(limits: Limits):
    form: MultiDict[str, str] = request.form
    unknown = sorted(name or "" for name in set(form) - set(FIELDS) - {"text"})  # a part may have no name
    if unknown:
        raise _bad(
            f"{unknown[0] or 'A field without a name'} is not a known field; "
            f"the form may have: files, text, {', '.join(FIELDS)}."
        )
    options = inputs.build_options(
        max_words=inputs.whole_number("max_words", form.get("max_words")),
        max_sentences=inputs.whole_number("max_sentences", form.get("max_sentences")),
        algorithm=form.get("algorithm") or None,
        language=form.get("language") or None,
        words_mode=form.get("words_mode") or None,
    )
    files = inputs.chosen_files(request.files.getlist("files"))
    extra = sorted(name or "" for name in set(request.files) - {"files"})
    if extra:
        raise _bad(f"Files must be sent in the field named files, not {extra[0] or 'a field without a name'}.")
    inputs.check_file_count(len(files), limits)
    given: list[Document | inputs.Link] = []
    raw_documents = form.get("documents")
    if raw_documents:
        try:
            parsed = json.loads(raw_documents)
        except (ValueError, RecursionError):
            raise _bad("The documents field is not valid JSON.", "invalid_json") from None
        _validate({"documents": parsed}, limits)
        given += _json_documents(parsed, limits)
    given += inputs.articles_from_boxes((("", text) for text in form.getlist("text")), limits)
    return inputs.read_articles(given, files, limits), options


@bp.post("/summarize")
def summarize_endpoint():
    limits = Limits.from_config(current_app.config)
    if request.mimetype == "application/json":
        articles, options = _from_json(limits)
    elif request.mimetype == "multipart/form-data":
        articles, options = _from_multipart(limits)
    else:
        raise Problem(
            415,
            "unsupported_media_type",
            "Send the request as application/json or multipart/form-data"
            + (f", not {request.mimetype}." if request.mimetype else "."),
        )
    return jsonify(inputs.brief_of(articles, options, summarize).to_dict())


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(current_app.config))


@bp.get("")
def docs():
    return render_template("api.html", **page_context())
