"""The HTML pages: home (paste or upload), a saved brief beside its sources, downloads, delete.

Each view translates the form into `summarize()` arguments and renders the answer; nothing else.
Every form works without JavaScript (post, then 303 to the brief, or the form again with the
errors and the values kept); with htmx the same URLs answer with the fragment to swap, which is
why they send `Vary: HX-Request`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

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

from summarizer import AUTO, LANGUAGES, Brief, SummarizerError, algorithm_names, summarize
from summarizer.options import DEFAULT_MAX_WORDS, MAX_SENTENCES_LIMIT, MAX_WORDS_LIMIT
from summarizer.render import TITLE_CHARS, to_markdown, to_text

from . import inputs, ownership, sources, store
from .inputs import Limits, Problem
from .security import csrf_valid
from .views import algorithm_hint, algorithm_label, brief_view, source_card

bp = Blueprint("pages", __name__)

INITIAL_BOXES = 2
MAX_BOXES = 100  # boxes the form will render; the article limit is checked on submit
DEFAULT_SENTENCES = 5
# Fields of the options form whose messages are shown beside them (and cleared by htmx swaps).
ERROR_FIELDS = ("length", "algorithm", "language", "files")
OPTION_FIELDS = ("length", "algorithm", "language")  # the brief page's form has no files
# OptionsError.field -> the form field it is about
FORM_FIELD = {
    "max_words": "length",
    "max_sentences": "length",
    "words_mode": "length",
    "algorithm": "algorithm",
    "language": "language",
}
RECENT_KEY = "recent"


class BriefIdConverter(BaseConverter):
    """A permalink id as `secrets.token_urlsafe` makes it; anything else is a 404 without a database query."""

    regex = r"[A-Za-z0-9_-]{16,64}"


def algorithm_choices() -> list[tuple[str, str]]:
    """Our default first, then sumy's algorithms, then the baseline, as the library lists them; in plain words."""
    return [(name, algorithm_label(name)) for name in algorithm_names()]


def algorithm_hints() -> dict[str, str]:
    """One line on what each method does, shown under the menu (app.js swaps it as the choice changes)."""
    return {name: algorithm_hint(name) for name in algorithm_names()}


def language_choices() -> list[tuple[str, str]]:
    """"Detect by itself" first (the default), then every supported language by its English name."""
    return [(AUTO, "Detect by itself"), *((name, name.capitalize()) for name in LANGUAGES)]


@dataclass
class FormState:
    """What the user typed or chose, kept to render the form again, and the messages to show beside it."""

    boxes: list[tuple[str, str]] = field(default_factory=lambda: [("", "")] * INITIAL_BOXES)
    unit: str = "words"
    length: str = str(DEFAULT_MAX_WORDS)
    algorithm: str = algorithm_names()[0]
    language: str = AUTO
    about: bool = False  # "about N words": the last sentence may run over (Options.words_mode "about")
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
            about=form.get("words_mode") == "about",
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
            language=options.get("language", AUTO),
            about=options.get("words_mode") == "about",
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
            words_mode="about" if state.about and state.unit == "words" else None,
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
        "algorithm_hints": algorithm_hints(),
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
        f"{error.reason}, so {what}.{' Briefs saved before can still be opened.' if error.reads_work else ''} "
        "Try again in a few minutes.",
    )


def _recent() -> list[store.BriefListing]:
    ids = [i for i in session.get(RECENT_KEY, []) if isinstance(i, str)]
    try:
        return store.listing(ids)
    except store.StorageError:  # a database server that does not answer: the form still works without the list
        return []


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
    return refuse_form(problem, "Form expired")


def refuse_form(problem: Problem, title: str = "Not done") -> Response:
    """The form this request came from again, `problem` shown in place and what was typed kept (for htmx,
    the message alone): for refusals made outside the view (CSRF, rate limit, time budget)."""
    if request.endpoint == "pages.summarize_page":
        state = FormState.from_form(request.form)
        state.files_lost = bool(inputs.chosen_files(request.files.getlist("files")))
        return _form_failed(state, problem, _home)
    if request.endpoint == "pages.resummarize" and request.view_args:
        brief_id = request.view_args["brief_id"]
        return _form_failed(
            FormState.from_form(request.form, with_boxes=False),
            problem,
            lambda state, status: _brief_page(brief_id, state, status),
            OPTION_FIELDS,
        )
    if request.endpoint == "pages.brief_title" and request.view_args:
        return _title_answer(request.view_args["brief_id"], problem.status, problem.message)
    if request.htmx:
        return errors_fragment(FormState().fail(problem), problem.status)
    return make_response(render_template("error.html", title=title, message=problem.message), problem.status)


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
    response = make_response(render_template("_new_box.html", index=index, next_index=index + 1, title="", text=""))
    # An empty box holds no one's text. Chromium keeps a page that fetched a no-store answer out of its
    # back/forward cache, so with the default (security.py) Back after adding a box would always reload the form.
    response.headers["Cache-Control"] = "no-cache"
    return response


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
    maker, quota = ownership.maker(), ownership.quota()
    try:
        store.check_quota(maker, quota)  # before the work: a maker over the quota is told at once
        options = options_from(state)
        inputs.check_file_count(len(files), limits)
        # Files and links that cannot be read are left out and named in the brief's notes.
        articles = inputs.read_articles(inputs.articles_from_boxes(state.boxes, limits), files, limits)
        documents = articles.documents
        brief = inputs.brief_of(articles, options, summarize)
    except (Problem, SummarizerError) as error:
        problem = error if isinstance(error, Problem) else inputs.problem_from(error)
        state.files_lost = bool(files)
        return _form_failed(state, problem, _home)
    except store.QuotaExceeded as error:
        state.files_lost = bool(files)
        return _over_quota(state, error)
    except store.StorageError as error:  # a database server that does not answer: said before the work, input kept
        state.files_lost = bool(files)
        return _form_failed(state, _not_saved(error, "the brief was not saved"), _home)

    brief_id = store.new_id()
    data = brief.to_dict()
    try:
        store.save(
            inputs.options_dict(options),
            [inputs.document_dict(d) for d in documents],
            data,
            page=sources.page_data(data),
            brief_id=brief_id,
            edit_hash=ownership.token_hash(ownership.token_for(brief_id)),
            maker=maker,
            quota=quota,
        )
    except store.StorageError as error:
        state.files_lost = bool(files)
        return _form_failed(state, _not_saved(error, "the brief was not saved"), _home)
    except store.QuotaExceeded as error:
        state.files_lost = bool(files)
        return _over_quota(state, error)
    _remember(brief_id)
    url = url_for("pages.brief", brief_id=brief_id)
    if request.htmx:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


# --- a saved brief ---------------------------------------------------------------------------


def _over_quota(state: FormState, error: store.QuotaExceeded) -> Response:
    """The form again with why nothing was saved: 413 for one brief over the day's size, else 429."""
    quota = error.quota
    if error.too_large:
        problem = Problem(
            413,
            "brief_too_large",
            f"This brief and its articles take {inputs.megabytes(error.adding)}, more than the "
            f"{inputs.megabytes(quota.bytes)} one client may save in a day, so it was not saved. "
            "Leave some articles out, or paste only the part of each you need.",
        )
    else:
        hours, minutes = divmod(-(-error.retry_after // 60), 60)
        wait = f"{hours} h {minutes} min" if hours else f"{minutes} min"
        problem = Problem(
            429,
            "quota_exceeded",
            f"You have saved {error.briefs} brief{'' if error.briefs == 1 else 's'} "
            f"({inputs.megabytes(error.size)}) in the last 24 hours; one client may save {quota.briefs} briefs or "
            f"{inputs.megabytes(quota.bytes)} a day, so this one was not saved. Delete briefs you no longer "
            f"need (your recent briefs are listed below), or try again in {wait}.",
        )
    response = _form_failed(state, problem, _home)
    if problem.status == 429:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _gone(status: int, code: str, message: str):
    """Stop the request with `message`: a page, or for htmx the alert of the form it came from."""
    problem = Problem(status, code, message)
    if request.htmx:
        abort(errors_fragment(FormState().fail(problem), status))
    abort(make_response(render_template("error.html", title="Not found" if status == 404 else "Expired",
                                        message=message), status))


def _load(brief_id: str, *, articles: bool = True, brief: bool = True) -> store.SavedBrief:
    """The saved brief; 404 when there is none, 410 when it has expired (and is not purged yet)."""
    saved = store.load(brief_id, articles=articles, brief=brief)
    days = current_app.config["BRIEF_TTL_DAYS"]
    if saved is None:
        _gone(404, "not_found", "There is nothing at this address: the brief was deleted, or it expired (briefs "
                                f"are deleted {days} days after they are made), and it is gone for good.")
    if saved.expired:
        _gone(410, "expired", f"This brief expired on {saved.expires[:10]}: briefs are deleted {days} days after "
                              "they are made, with the articles they were made from.")
    return saved


def _page_view(saved: store.SavedBrief):
    """The brief page's view, from the page copy kept with the brief; a brief saved before copies were kept
    gets one the first time it is opened (if the disk allows), so later opens are as quick."""
    if saved.page is not None:
        return brief_view(saved.page)
    page = sources.page_data(saved.brief)
    try:
        store.keep_page(saved.id, page)
    except store.StorageError:
        pass
    return brief_view(page)


def _brief_page(brief_id: str, state: FormState | None = None, status: int = 200, **extra: Any) -> Response:
    saved = _load(brief_id, articles=False, brief=False)
    state = state or FormState.from_options(saved.options)
    context = page_context(saved=saved, view=_page_view(saved), form=state, edit_token=ownership.edit_token(saved),
                           **extra)
    return make_response(render_template("brief.html", **context), status)


def _not_owner(brief_id: str, what: str) -> Response:
    """403, said in place: on the brief page (its alert, for htmx), what was chosen kept."""
    problem = Problem(
        403,
        "not_owner",
        f"Only the browser that made this brief, or someone with its edit link, can {what}; this link lets you "
        "read it and download it. Nothing was changed.",
    )
    state = FormState.from_form(request.form, with_boxes=False)
    return _form_failed(state, problem, lambda s, status: _brief_page(brief_id, s, status), OPTION_FIELDS)


@bp.get("/briefs/<briefid:brief_id>")
def brief(brief_id: str):
    return _brief_page(brief_id)


@bp.post("/briefs/<briefid:brief_id>/resummarize")
def resummarize(brief_id: str):
    """Make the brief again from its saved articles with other options; htmx swaps it in place."""
    saved = _load(brief_id)
    if ownership.edit_token(saved) is None:
        return _not_owner(brief_id, "make it again")
    state = FormState.from_form(request.form, with_boxes=False)
    try:
        options = options_from(state)
        new = summarize([inputs.document_from_dict(d) for d in saved.documents], options,
                        notes=inputs.left_out_notes(saved.brief))
    except (Problem, SummarizerError) as error:
        problem = error if isinstance(error, Problem) else inputs.problem_from(error)
        return _form_failed(state, problem, lambda s, status: _brief_page(brief_id, s, status), OPTION_FIELDS)
    data = new.to_dict()
    try:
        if not store.update(brief_id, inputs.options_dict(options), data, page=sources.page_data(data)):
            abort(404)
    except store.StorageError as error:
        problem = _not_saved(error, "the brief was not changed")
        return _form_failed(state, problem, lambda s, status: _brief_page(brief_id, s, status), OPTION_FIELDS)
    if request.htmx:
        saved = _load(brief_id, articles=False, brief=False)
        return render_template(
            "_brief_update.html", **page_context(saved=saved, view=_page_view(saved), form=FormState.from_options(saved.options))
        )
    return redirect(url_for("pages.brief", brief_id=brief_id), 303)


def _title_answer(brief_id: str, status: int = 200, error: str = "", typed: str | None = None) -> Response:
    """The brief's title block with `error` beside the rename form (what was typed kept): for htmx the block
    alone, to swap; otherwise the whole brief page."""
    if not request.htmx:
        return _brief_page(brief_id, status=status, title_error=error, title_typed=typed)
    saved = _load(brief_id, articles=False, brief=False)
    context = page_context(saved=saved, edit_token=ownership.edit_token(saved), title_error=error, title_typed=typed,
                           title_swapped=True)
    return make_response(render_template("_brief_title.html", **context), status)


@bp.post("/briefs/<briefid:brief_id>/title")
def brief_title(brief_id: str):
    """Rename a brief (its maker only): without JavaScript 303 back to the brief, with htmx its title block."""
    saved = _load(brief_id, articles=False, brief=False)
    typed = request.form.get("title", "")[: TITLE_CHARS * 5]  # kept to show again; a longer field is not echoed whole
    if ownership.edit_token(saved) is None:
        return _title_answer(brief_id, 403, "Only the browser that made this brief, or someone with its edit link, can "
                                            "rename it; this link lets you read it and download it. The title was not "
                                            "changed.")
    title = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in typed).split())  # one line
    if not title:
        return _title_answer(brief_id, 400, "Type a title to rename the brief: an empty one is not saved, so the "
                                            "brief keeps its title.", typed)
    if len(title) > TITLE_CHARS:
        return _title_answer(brief_id, 400, f"A title may have at most {TITLE_CHARS} characters; this one has "
                                            f"{len(title):,}. Shorten it and save again.", typed)
    try:
        if not store.set_title(brief_id, title):
            abort(404)
    except store.StorageError as error:
        return _title_answer(brief_id, 503, _not_saved(error, "the title was not changed").message, typed)
    if request.htmx:
        return _title_answer(brief_id)
    flash("The brief was renamed.")
    return redirect(url_for("pages.brief", brief_id=brief_id), 303)


@bp.post("/briefs/<briefid:brief_id>/delete")
def delete(brief_id: str):
    saved = _load(brief_id, articles=False, brief=False)
    if ownership.edit_token(saved) is None:
        return _not_owner(brief_id, "delete it")
    try:
        deleted = store.delete(brief_id)
    except store.StorageError as error:
        why = " even with the space the server keeps free for deleting" if "full" in error.reason else ""
        message = (
            f"{error.reason}, so the brief was not deleted{why}. It is still there, and only you can change it. "
            "Try again in a few minutes; the people who run this server have been told."
        )
        return make_response(render_template("error.html", title="Not deleted", message=message), 503)
    if not deleted:
        abort(404)
    _forget(brief_id)
    ownership.forget(brief_id)
    if deleted.wiped:
        flash("The brief and the articles it was made from were deleted.")
    else:
        flash("The brief and the articles it was made from were deleted: no one can open them any more. The server "
              "could not yet overwrite their text in its files (its disk is full or busy); that happens at its next "
              "clean-up, within minutes of the next brief being saved.")
    return redirect(url_for("pages.index"), 303)


@bp.get("/briefs/<briefid:brief_id>/edit/<token>")
def edit(brief_id: str, token: str):
    """An edit link: this browser may now make the brief again or delete it."""
    saved = _load(brief_id, articles=False, brief=False)
    if not ownership.matches(token, saved.edit_hash):
        message = ("This edit link does not match the brief: check that it was copied whole. The brief's own link "
                   "still lets you read it.")
        return make_response(render_template("error.html", title="Not an edit link", message=message), 403)
    ownership.keep(brief_id, token)
    _remember(brief_id)
    flash("This browser can now make this brief again or delete it.")
    return redirect(url_for("pages.brief", brief_id=brief_id), 303)


@bp.get("/briefs/<briefid:brief_id>/sources/<int:document>")
def source(brief_id: str, document: int):
    """A page of one whole article of the brief (?page=k): for htmx its text region, swapped into the card;
    a page of its own otherwise."""
    saved = _load(brief_id, articles=False)
    part = sources.article_page(saved.brief, document, request.args.get("page", 1, type=int))
    if part is None:
        _gone(404, "not_found", "This brief has no such article, or the article has no such page.")
    context = page_context(saved=saved, card=source_card(document, part), focus=bool(request.htmx))
    return render_template("_source_text.html" if request.htmx else "source.html", **context)


DOWNLOADS = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


def download_name(title: str, fmt: str) -> tuple[str, str]:
    """A file name for a download, from the brief's title: (an ASCII one for `filename`, the title's own words
    for `filename*`): "Kishida at the NATO summit" -> "kishida-at-the-nato-summit.md". Only letters, digits and
    dashes, so no path, quote or control character of a title reaches the header or the disk."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold().replace("_", " "))
    slug = "-".join(words)[:80].rstrip("-") or "brief"
    ascii_slug = "-".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", slug).encode("ascii", "ignore")
                                     .decode().lower()))[:80].rstrip("-") or "brief"
    return f"{ascii_slug}.{fmt}", f"{slug}.{fmt}"


@bp.get("/briefs/<briefid:brief_id>.<any(txt, md, json):fmt>")
def download(brief_id: str, fmt: str):
    saved = _load(brief_id, articles=False)
    made = datetime.fromisoformat(saved.created).date()
    if fmt == "json":
        body = json.dumps(saved.brief, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        body = to_markdown(Brief.from_dict(saved.brief), saved.title, made)
    else:
        body = to_text(Brief.from_dict(saved.brief), saved.title, made)
    response = make_response(body)
    response.headers["Content-Type"] = DOWNLOADS[fmt]
    ascii_name, name = download_name(saved.title, fmt)
    disposition = f'attachment; filename="{ascii_name}"'
    if name != ascii_name:
        disposition += f"; filename*=UTF-8''{quote(name)}"
    response.headers["Content-Disposition"] = disposition
    return response

