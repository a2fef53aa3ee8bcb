"""The HTML pages: home (paste or upload), a saved brief beside its sources, downloads, delete.

Each view translates the form into `summarize()` arguments and renders the answer; nothing else.
Every form works without JavaScript (post, then 303 to the brief, or the form again with the
errors and the values kept); with htmx the same URLs answer with the fragment to swap, which is
why they send `Vary: HX-Request`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.routing import BaseConverter

from summarizer import LANGUAGES, Brief, SummarizerError, algorithm_names, summarize
from summarizer.options import DEFAULT_MAX_WORDS, MAX_SENTENCES_LIMIT, MAX_WORDS_LIMIT
from summarizer.render import to_markdown, to_text

from . import inputs, store
from .inputs import Limits, Problem
from .security import csrf_valid
from .views import algorithm_label, brief_view

bp = Blueprint("pages", __name__)

INITIAL_BOXES = 2
MAX_BOXES = 100  # boxes the form will render; the article limit is checked on submit
DEFAULT_SENTENCES = 5
# Fields of the options form whose messages are shown beside them (and cleared by htmx swaps).
ERROR_FIELDS = ("length", "algorithm", "language", "files")
OPTION_FIELDS = ("length", "algorithm", "language")  # the brief page's form has no files
# OptionsError.field -> the form field it is about
FORM_FIELD = {"max_words": "length", "max_sentences": "length", "algorithm": "algorithm", "language": "language"}
RECENT_KEY = "recent"


class BriefIdConverter(BaseConverter):
    """A permalink id as `secrets.token_urlsafe` makes it; anything else is a 404 without a database query."""

    regex = r"[A-Za-z0-9_-]{16,64}"


def algorithm_choices() -> list[tuple[str, str]]:
    """Our default first, then sumy's algorithms, then the baseline, as the library lists them."""
    return [(name, algorithm_label(name)) for name in algorithm_names()]


def language_choices() -> list[tuple[str, str]]:
    return [(name, name.capitalize()) for name in LANGUAGES]


@dataclass
class FormState:
    """What the user typed or chose, kept to render the form again, and the messages to show beside it."""

    boxes: list[tuple[str, str]] = field(default_factory=lambda: [("", "")] * INITIAL_BOXES)
    unit: str = "words"
    length: str = str(DEFAULT_MAX_WORDS)
    algorithm: str = algorithm_names()[0]
    language: str = "english"
    errors: dict[str, str] = field(default_factory=dict)
    alert: str = ""
    alert_field: str | None = None
    files_lost: bool = False
    focus_box: int | None = None  # box to give autofocus after "add" without JavaScript

    @classmethod
    def from_form(cls, form: MultiDict[str, str], with_boxes: bool = True) -> FormState:
        state = cls(
            unit="sentences" if form.get("unit") == "sentences" else "words",
            length=form.get("length", "")[:20],
            algorithm=form.get("algorithm", "")[:40],
            language=form.get("language", "")[:40],
        )
        if with_boxes:
            titles, texts = form.getlist("title"), form.getlist("text")
            count = max(len(titles), len(texts))
            titles += [""] * (count - len(titles))
            texts += [""] * (count - len(texts))
            state.boxes = list(zip(titles, texts))[:MAX_BOXES] or [("", "")]
        return state

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> FormState:
        by_sentences = options.get("max_sentences") and not options.get("max_words")
        return cls(
            boxes=[],
            unit="sentences" if by_sentences else "words",
            length=str(options.get("max_sentences") if by_sentences else options.get("max_words") or ""),
            algorithm=options.get("algorithm", algorithm_names()[0]),
            language=options.get("language", "english"),
        )

    def fail(self, problem: Problem) -> FormState:
        field_name = FORM_FIELD.get(problem.field or "", problem.field)
        if field_name in ERROR_FIELDS:
            self.errors[field_name] = problem.message
            self.alert_field = field_name
        self.alert = problem.message
        return self


def options_from(state: FormState):
    """Options from the form's length, unit, algorithm and language, with messages in the form's words."""
    limit = MAX_SENTENCES_LIMIT if state.unit == "sentences" else MAX_WORDS_LIMIT
    length = inputs.whole_number("length", state.length, "The length")
    try:
        return inputs.build_options(
            max_words=length if state.unit == "words" else None,
            max_sentences=length if state.unit == "sentences" else None,
            algorithm=state.algorithm or None,
            language=state.language or None,
        )
    except Problem as problem:
        if problem.field in ("max_words", "max_sentences"):
            raise Problem(400, problem.code, f"Choose a length between 1 and {limit} {state.unit}.", "length") from None
        raise


# --- responses -------------------------------------------------------------------------------


def page_context(**context: Any) -> dict[str, Any]:
    limits = Limits.from_config(current_app.config)
    return {
        "algorithms": algorithm_choices(),
        "languages": language_choices(),
        "limits": limits,
        "max_file_mb": inputs.megabytes(limits.max_file_bytes),
        "max_request_mb": inputs.megabytes(current_app.config["MAX_CONTENT_LENGTH"]),
        "error_fields": ERROR_FIELDS,
        **context,
    }


def errors_fragment(state: FormState, status: int, fields: tuple[str, ...] = ()) -> Response:
    """For htmx: the message into #form-alert, and the messages of `fields` swapped out of band
    (emptied where there is none); the form itself (text, chosen files) is left as it is."""
    state.files_lost = False  # htmx left the file input alone
    response = make_response(render_template("_form_errors.html", **page_context(form=state, fields=fields)), status)
    response.headers["HX-Retarget"] = "#form-alert"
    response.headers["HX-Reswap"] = "innerHTML"
    return response


def _home(state: FormState, status: int = 200) -> Response:
    return make_response(render_template("index.html", **page_context(form=state, recent=_recent())), status)


def _form_failed(state: FormState, problem: Problem, page, fields: tuple[str, ...] = ERROR_FIELDS) -> Response:
    state.fail(problem)
    if request.htmx:
        return errors_fragment(state, problem.status, fields)
    return page(state, problem.status)


def _not_saved(error: store.StorageError, what: str) -> Problem:
    return Problem(
        503,
        "storage_unavailable",
        f"{error.reason}, so {what}. Briefs saved before can still be opened. Try again in a few minutes.",
    )


def _recent() -> list[store.BriefListing]:
    ids = [i for i in session.get(RECENT_KEY, []) if isinstance(i, str)]
    return store.listing(ids)


def _remember(brief_id: str) -> None:
    ids = [i for i in session.get(RECENT_KEY, []) if i != brief_id]
    session[RECENT_KEY] = [brief_id, *ids][: current_app.config["RECENT_BRIEFS"]]


def _forget(brief_id: str) -> None:
    ids = session.get(RECENT_KEY, [])
    if brief_id in ids:
        session[RECENT_KEY] = [i for i in ids if i != brief_id]


@bp.after_request
def _vary(response: Response) -> Response:
    response.vary.add("HX-Request")
    return response


@bp.before_request
def _check_csrf():
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or csrf_valid():
        return None
    problem = Problem(
        400,
        "csrf_failed",
        "This form had expired (or came from another site), so nothing was done. "
        "Check what you entered and send it again.",
    )
    if request.endpoint == "pages.summarize_page":
        return _form_failed(FormState.from_form(request.form), problem, _home)
    if request.endpoint == "pages.resummarize" and request.view_args:
        brief_id = request.view_args["brief_id"]
        return _form_failed(
            FormState.from_form(request.form, with_boxes=False),
            problem,
            lambda state, status: _brief_page(brief_id, state, status),
            OPTION_FIELDS,
        )
    if request.htmx:
        return errors_fragment(FormState().fail(problem), problem.status)
    return make_response(render_template("error.html", title="Form expired", message=problem.message), 400)


# --- home ------------------------------------------------------------------------------------


@bp.get("/")
def index():
    return _home(FormState())


@bp.get("/summarize")
def summarize_get():
    return redirect(url_for("pages.index"), 303)


@bp.get("/boxes/new")
def new_box():
    """htmx: one more article box (and the add button, out of band, pointing at the next index)."""
    index = max(0, min(request.args.get("index", INITIAL_BOXES, type=int), MAX_BOXES))
    return render_template("_new_box.html", index=index, next_index=index + 1, title="", text="")


@bp.post("/summarize")
def summarize_page():
    state = FormState.from_form(request.form)
    files = inputs.chosen_files(request.files.getlist("files"))
    action = request.form.get("action", "summarize")

    # Without JavaScript, "Add another article" and "Remove" are submit buttons of this form.
    if action == "add":
        if len(state.boxes) < MAX_BOXES:
            state.boxes.append(("", ""))
        state.focus_box = len(state.boxes) - 1
        state.files_lost = bool(files)
        return _home(state)
    if action.startswith("remove-"):
        try:
            del state.boxes[int(action.removeprefix("remove-"))]
        except (ValueError, IndexError):
            pass
        state.boxes = state.boxes or [("", "")]
        state.files_lost = bool(files)
        return _home(state)

    limits = Limits.from_config(current_app.config)
    try:
        options = options_from(state)
        inputs.check_file_count(len(files), limits)
        documents = inputs.documents_from_boxes(state.boxes, limits)
        inputs.check_documents(documents, limits)
        documents += inputs.documents_from_files(files, limits)
        inputs.check_documents(documents, limits)
        brief = summarize(documents, options)
    except (Problem, SummarizerError) as error:
        problem = error if isinstance(error, Problem) else inputs.problem_from(error)
        state.files_lost = bool(files)
        return _form_failed(state, problem, _home)

    try:
        brief_id = store.save(
            inputs.options_dict(options), [inputs.document_dict(d) for d in documents], brief.to_dict()
        )
    except store.StorageError as error:
        state.files_lost = bool(files)
        return _form_failed(state, _not_saved(error, "the brief was not saved"), _home)
    _remember(brief_id)
    url = url_for("pages.brief", brief_id=brief_id)
    if request.htmx:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


# --- a saved brief ---------------------------------------------------------------------------


def _load(brief_id: str) -> store.SavedBrief:
    saved = store.load(brief_id)
    if saved is None:
        abort(404)
    return saved


def _brief_page(brief_id: str, state: FormState | None = None, status: int = 200) -> Response:
    saved = _load(brief_id)
    state = state or FormState.from_options(saved.options)
    return make_response(
        render_template("brief.html", **page_context(saved=saved, view=brief_view(saved.brief), form=state)), status
    )


@bp.get("/briefs/<briefid:brief_id>")
def brief(brief_id: str):
    return _brief_page(brief_id)


@bp.post("/briefs/<briefid:brief_id>/resummarize")
def resummarize(brief_id: str):
    """Make the brief again from its saved articles with other options; htmx swaps it in place."""
    saved = _load(brief_id)
    state = FormState.from_form(request.form, with_boxes=False)
    try:
        options = options_from(state)
        new = summarize([inputs.document_from_dict(d) for d in saved.documents], options)
    except (Problem, SummarizerError) as error:
        problem = error if isinstance(error, Problem) else inputs.problem_from(error)
        return _form_failed(state, problem, lambda s, status: _brief_page(brief_id, s, status), OPTION_FIELDS)
    try:
        if not store.update(brief_id, inputs.options_dict(options), new.to_dict()):
            abort(404)
    except store.StorageError as error:
        problem = _not_saved(error, "the brief was not changed")
        return _form_failed(state, problem, lambda s, status: _brief_page(brief_id, s, status), OPTION_FIELDS)
    if request.htmx:
        saved = _load(brief_id)
        return render_template(
            "_brief_update.html", **page_context(saved=saved, view=brief_view(saved.brief), form=FormState.from_options(saved.options))
        )
    return redirect(url_for("pages.brief", brief_id=brief_id), 303)


@bp.post("/briefs/<briefid:brief_id>/delete")
def delete(brief_id: str):
    try:
        if not store.delete(brief_id):
            abort(404)
    except store.StorageError as error:
        problem = _not_saved(error, "the brief was not deleted")
        return make_response(render_template("error.html", title="Not deleted", message=problem.message), 503)
    _forget(brief_id)
    flash("The brief and the articles it was made from were deleted.")
    return redirect(url_for("pages.index"), 303)


DOWNLOADS = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


@bp.get("/briefs/<briefid:brief_id>.<any(txt, md, json):fmt>")
def download(brief_id: str, fmt: str):
    saved = _load(brief_id)
    if fmt == "json":
        body = json.dumps(saved.brief, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        body = to_markdown(Brief.from_dict(saved.brief))
    else:
        body = to_text(Brief.from_dict(saved.brief))
    response = make_response(body)
    response.headers["Content-Type"] = DOWNLOADS[fmt]
    response.headers["Content-Disposition"] = f'attachment; filename="brief-{brief_id}.{fmt}"'
    return response

