"""The JSON API: `POST /api/summarize` answers `Brief.to_dict()`; `/api/openapi.json` describes it.

Stateless: briefs made here are not saved. Only `application/json` and `multipart/form-data`
are taken (so no plain HTML form on another site can post here without a CORS preflight except as
multipart, which needs no session either: the API sets and reads no cookie). Every answer, errors
included, is JSON. POSTs are rate limited per client address (web/ratelimit.py): over the limit is a
429 with Retry-After.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from summarizer import SummarizerError, summarize

from . import inputs
from .inputs import Limits, Problem
from .openapi import openapi_document
from .pages import page_context

bp = Blueprint("api", __name__, url_prefix="/api")

FIELDS = ("documents", "max_words", "max_sentences", "algorithm", "language")
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


def _optional_int(body: dict[str, Any], field: str) -> int | None:
    value = body.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(400, "invalid_option", f"{field} must be a whole number, not {_kind(value)}.", field)
    return value


def _optional_str(body: dict[str, Any], field: str, where: str | None = None) -> str | None:
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(f"{where or field} must be a string, not {_kind(value)}.")
    return value


def _json_documents(value: Any, limits: Limits, where: str = "documents") -> list:
    if not isinstance(value, list):
        raise _bad(f"{where} must be an array of objects with a text field, not {_kind(value)}.")
    if len(value) > limits.max_documents:
        raise inputs.too_many_documents(len(value), limits)
    documents = []
    for index, item in enumerate(value):
        path = f"documents[{index}]"
        if not isinstance(item, dict):
            raise _bad(f"{path} must be an object with a text field, not {_kind(item)}.")
        unknown = sorted(set(item) - set(DOCUMENT_FIELDS))
        if unknown:
            raise _bad(f"{path}.{unknown[0]} is not a known field; a document has: {', '.join(DOCUMENT_FIELDS)}.")
        if "text" not in item:
            raise _bad(f"{path}.text is required.")
        if not isinstance(item["text"], str):
            raise _bad(f"{path}.text must be a string, not {_kind(item['text'])}.")
        metadata = {f: _optional_str(item, f, f"{path}.{f}") for f in ("title", "url", "date")}
        documents.append(
            inputs.document_from_paste(
                item["text"], limits, f"documents[{index}]", **{k: v for k, v in metadata.items() if v}
            )
        )
    return documents


def _from_json(limits: Limits):
    try:
        body = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):
        raise _bad("The request body is not valid JSON.", "invalid_json") from None
    if not isinstance(body, dict):
        raise _bad(f"The request body must be a JSON object, not {_kind(body)}.")
    unknown = sorted(set(body) - set(FIELDS))
    if unknown:
        raise _bad(f"{unknown[0]} is not a known field; the request may have: {', '.join(FIELDS)}.")
    if "documents" not in body:
        raise _bad("documents is required: an array of objects with a text field.")
    documents = _json_documents(body["documents"], limits)
    options = inputs.build_options(
        max_words=_optional_int(body, "max_words"),
        max_sentences=_optional_int(body, "max_sentences"),
        algorithm=body.get("algorithm"),
        language=body.get("language"),
    )
    return documents, options


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
    )
    files = inputs.chosen_files(request.files.getlist("files"))
    extra = sorted(name or "" for name in set(request.files) - {"files"})
    if extra:
        raise _bad(f"Files must be sent in the field named files, not {extra[0] or 'a field without a name'}.")
    inputs.check_file_count(len(files), limits)
    documents = []
    raw_documents = form.get("documents")
    if raw_documents:
        try:
            parsed = json.loads(raw_documents)
        except (ValueError, RecursionError):
            raise _bad("The documents field is not valid JSON.", "invalid_json") from None
        documents += _json_documents(parsed, limits)
    documents += inputs.documents_from_boxes((("", text) for text in form.getlist("text")), limits)
    inputs.check_documents(documents, limits)
    documents += inputs.documents_from_files(files, limits)
    inputs.check_documents(documents, limits)
    return documents, options


@bp.post("/summarize")
def summarize_endpoint():
    limits = Limits.from_config(current_app.config)
    if request.mimetype == "application/json":
        documents, options = _from_json(limits)
    elif request.mimetype == "multipart/form-data":
        documents, options = _from_multipart(limits)
    else:
        raise Problem(
            415,
            "unsupported_media_type",
            "Send the request as application/json or multipart/form-data"
            + (f", not {request.mimetype}." if request.mimetype else "."),
        )
    inputs.check_documents(documents, limits)
    try:
        brief = summarize(documents, options)
    except SummarizerError as error:
        raise inputs.problem_from(error) from None
    return jsonify(brief.to_dict())


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(current_app.config))


@bp.get("")
def docs():
    return render_template("api.html", **page_context())
