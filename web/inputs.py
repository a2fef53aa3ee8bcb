"""From what a request carries to what `summarize()` takes, with the same limits for the page and the API.

Every refusal is a `Problem`: an HTTP status, a stable code, a message in plain words and, where it
belongs to one form field, that field's name. Library errors are mapped here, once.

A file or link that cannot be read is left out and named in the brief's notes; only when nothing is
left is the request refused, naming each. Limits that protect the server (counts, sizes, time) refuse
the whole request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from time import monotonic
from typing import Any

from werkzeug.datastructures import FileStorage

from summarizer import (
    Brief,
    DocumentTooLargeError,
    IngestLimits,
    NothingToSummarizeError,
    Options,
    OptionsError,
    SummarizerError,
    TooMuchWorkError,
    UnreadableDocumentError,
    UnsupportedFileTypeError,
    document_from_text,
    read_document,
    split_pasted,
    summarize,
)
from summarizer.fetch import FetchError, FetchSettings, fetch_pages, links_in, read_page, resolve_host
from summarizer.pipeline import left_out_note
from summarizer.types import Document


class Problem(Exception):
    """A request the app refuses, said in the user's terms."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field

    def to_dict(self) -> dict[str, Any]:
        """The API's error body."""
        return {"error": {"code": self.code, "message": self.message}}


def problem_from(error: SummarizerError) -> Problem:
    """The status and form field for each error the library raises."""
    if isinstance(error, OptionsError):
        return Problem(400, error.code, error.message, error.field)
    if isinstance(error, UnsupportedFileTypeError):
        return Problem(415, error.code, error.message, "files")
    if isinstance(error, DocumentTooLargeError):
        return Problem(413, error.code, error.message, "files" if error.name else None)
    if isinstance(error, TooMuchWorkError):  # legal in size, too much work: the message says what to cut
        return Problem(413, error.code, error.message)
    if isinstance(error, UnreadableDocumentError):  # e.g. a PDF without a text layer
        return Problem(422, error.code, error.message, "files")
    # NothingToSummarizeError, UnsupportedLanguageError, and any error added to the library later
    return Problem(422, error.code, error.message)


@dataclass(frozen=True)
class Limits:
    max_files: int  # files and links together: each may bring up to max_file_bytes
    max_file_bytes: int
    max_documents: int
    max_chars: int
    max_total_chars: int
    read_seconds: int  # reading files and fetching links, all of a request's
    fetch: FetchSettings = FetchSettings()

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Limits:
        return cls(
            max_files=config["MAX_FILES"],
            max_file_bytes=config["MAX_FILE_BYTES"],
            max_documents=config["MAX_DOCUMENTS"],
            max_chars=config["MAX_DOCUMENT_CHARS"],
            max_total_chars=config["MAX_TOTAL_CHARS"],
            read_seconds=config["MAX_READ_SECONDS"],
            fetch=FetchSettings(
                max_bytes=config["MAX_FILE_BYTES"],
                allow_hosts=config.get("FETCH_ALLOW_HOSTS") or (),
                resolve=config.get("FETCH_RESOLVE") or resolve_host,
            ),
        )

    def ingest(self, seconds_left: float | None = None) -> IngestLimits:
        """The library's limits for one file; a PDF, DOCX or web page gets no more time than the request has left."""
        limits = IngestLimits(max_bytes=self.max_file_bytes, max_chars=self.max_chars)
        if seconds_left is None:
            return limits
        return replace(
            limits,
            max_pdf_seconds=min(limits.max_pdf_seconds, seconds_left),
            max_docx_seconds=min(limits.max_docx_seconds, seconds_left),
            max_html_seconds=min(limits.max_html_seconds, seconds_left),
        )


def megabytes(size: int) -> str:
    """A size for people: 5 MB, 5.7 MB, 12 kB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if size % (1024 * 1024) == 0 else f"{mb:.1f} MB"


# --- options ------------------------------------------------------------------------------


def whole_number(field: str, raw: str | None, label: str | None = None) -> int | None:
    """A form field's whole number, or None when left empty."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise Problem(
            400, "invalid_option", f"{label or field} must be a whole number, such as 120; got {text[:40]!r}.", field
        ) from None


def build_options(**values: Any) -> Options:
    """Options from already-typed values; an OptionsError becomes a Problem naming its field."""
    try:
        return Options(**{k: v for k, v in values.items() if v is not None})
    except OptionsError as error:
        raise problem_from(error) from None


def options_dict(options: Options) -> dict[str, Any]:
    return {
        "max_words": options.max_words,
        "max_sentences": options.max_sentences,
        "algorithm": options.algorithm,
        "language": options.language,
        "words_mode": options.words_mode,
    }


# --- documents ----------------------------------------------------------------------------


def too_many_documents(count: int, limits: Limits) -> Problem:
    return Problem(
        413,
        "too_many_documents",
        f"There are {count} articles; one brief can be made from at most {limits.max_documents}. "
        "Leave some out and try again.",
    )


def check_file_count(count: int, limits: Limits, links: int = 0) -> None:
    """Files and links count together: each is read or fetched, up to the byte limit."""
    if count + links > limits.max_files:
        sent = f"{count} files and {links} links" if links else f"{count} files"
        raise Problem(
            413,
            "too_many_files",
            f"You sent {sent}; at most {limits.max_files} {'files and links' if links else 'files'} can be read "
            "at once. Leave some out, or paste their text instead.",
            "files" if count else None,
        )


def document_from_paste(text: str, limits: Limits, label: str, **metadata: Any) -> Document:
    """A pasted or JSON-given article, refused when over the character limit."""
    if len(text) > limits.max_chars:
        raise Problem(
            413,
            "document_too_large",
            f"{label} has {len(text):,} characters; each article may have at most {limits.max_chars:,}. "
            "Split it, or paste only the part you need.",
        )
    try:
        # Pasted HTML is read as a page is, within the same limits, and may be refused as one.
        return document_from_text(text, limits=limits.ingest(), **metadata)
    except SummarizerError as error:
        raise problem_from(error) from None


@dataclass(frozen=True)
class Link:
    """A link to fetch, with the title and date the user gave beside it (they win over the page's)."""

    url: str
    title: str = ""
    date: str | None = None


def articles_from_boxes(boxes: Iterable[tuple[str, str]], limits: Limits) -> list[Document | Link]:
    """Articles from the page's boxes of (title, text); a box may hold several split by `---`, and a box
    or piece holding nothing but links (one or more a line) is links to fetch.

    A box holding one article (or one link) keeps its title; the pieces of a split box are untitled.
    """
    articles: list[Document | Link] = []
    for number, (title, text) in enumerate(boxes, start=1):
        pieces = split_pasted(text or "")
        for piece_number, piece in enumerate(pieces, start=1):
            urls = links_in(piece)
            if urls:
                keep_title = len(pieces) == 1 and len(urls) == 1
                articles += [Link(url, (title or "").strip() if keep_title else "") for url in urls]
            else:
                label = f"Article {number}" + (f", part {piece_number}," if len(pieces) > 1 else "")
                articles.append(
                    document_from_paste(piece, limits, label, title=(title or "") if len(pieces) == 1 else "")
                )
            if len(articles) > limits.max_documents:
                raise too_many_documents(len(articles), limits)
    return articles


def chosen_files(files: Sequence[FileStorage]) -> list[FileStorage]:
    """Drop the empty part a browser sends for a file input left empty."""
    return [f for f in files if f.filename or f.content_length]


@dataclass
class Articles:
    """What a request's articles came to: those read, in the order given, and those left out (why)."""

    documents: list[Document] = field(default_factory=list)
    left_out: list[UnreadableDocumentError] = field(default_factory=list)
    files_left_out: int = 0


def read_articles(given: Sequence[Document | Link], files: Sequence[FileStorage], limits: Limits) -> Articles:
    """Fetch the links and read the files; one that cannot be read is left out, named with its reason.

    Files are read no further than the byte limit plus one; links are fetched all at once; all of
    them within the request's reading time (each file type and link bounds its own, but twenty add up).
    Over a count, the total size or that time, the whole request is refused.
    """
    links = [item for item in given if isinstance(item, Link)]
    check_file_count(len(files), limits, links=len(links))
    if len(given) + len(files) > limits.max_documents:
        raise too_many_documents(len(given) + len(files), limits)
    check_documents([item for item in given if isinstance(item, Document)], limits)
    deadline = monotonic() + limits.read_seconds
    articles = Articles()
    pages = iter(fetch_pages([link.url for link in links], limits.fetch, seconds=limits.read_seconds))
    for item in given:
        if isinstance(item, Document):
            articles.documents.append(item)
            continue
        page = next(pages)
        try:
            if isinstance(page, FetchError):
                raise page
            document = read_page(page, limits.ingest(deadline - monotonic()))
        except UnreadableDocumentError as error:
            articles.left_out.append(error)
            continue
        typed = {"title": item.title, "date": item.date}  # what the user gave wins over the page's
        document = replace(document, **{key: value for key, value in typed.items() if value})
        articles.documents.append(replace(document, title_typed=bool(item.title)))
    for number, storage in enumerate(files):
        seconds_left = deadline - monotonic()
        if seconds_left <= 0:
            raise Problem(
                413,
                "too_many_files",
                f"Reading these files{' and links' if links else ''} took more than {limits.read_seconds} seconds, "
                f"so {len(files) - number} of {'the files' if links else 'them'} were not read. Send fewer files at "
                "once, or paste their text instead.",
                "files",
            )
        data = storage.stream.read(limits.max_file_bytes + 1)
        try:
            if len(data) > limits.max_file_bytes:
                raise _file_too_large(storage, limits)
            articles.documents.append(read_document(storage.filename or "", data, limits=limits.ingest(seconds_left)))
        except UnreadableDocumentError as error:
            articles.left_out.append(error)
            articles.files_left_out += 1
        except SummarizerError as error:
            raise problem_from(error) from None
    check_documents(articles.documents, limits)
    return articles


def _file_too_large(storage: FileStorage, limits: Limits) -> DocumentTooLargeError:
    """Said here rather than by read_document, which would only see the first limit + 1 bytes."""
    name = document_from_text("", name=storage.filename or "").name  # the name as the library shows it
    try:
        size = f"{megabytes(storage.stream.seek(0, 2))}"
    except (OSError, ValueError):
        size = f"over {megabytes(limits.max_file_bytes)}"
    return DocumentTooLargeError(
        name,
        f"The file is {size}; each file may be at most {megabytes(limits.max_file_bytes)}. "
        "Split it, or paste the part you need.",
    )


def left_out_notes(brief: Mapping[str, Any]) -> list[str]:
    """A saved brief's notes on what was left out, which still hold when it is made again from what was read."""
    return [note for note in brief.get("notes", ()) if isinstance(note, str) and note.startswith("Left out ")]


def _none_read(articles: Articles) -> Problem:
    """Nothing could be read: one failure is refused as itself; several are listed, each with its reason."""
    left_out = articles.left_out
    field_name = "files" if articles.files_left_out == len(left_out) else None
    if len(left_out) == 1:
        only = problem_from(left_out[0])
        return Problem(only.status, only.code, only.message, field_name)
    statuses = {(problem_from(error).status, error.code) for error in left_out}
    status, code = statuses.pop() if len(statuses) == 1 else (422, "unreadable_document")
    listing = " ".join(f"{number}. {error.message.rstrip('.')}." for number, error in enumerate(left_out, start=1))
    files = articles.files_left_out
    what = "files" if files == len(left_out) else "links" if not files else "files and links"
    return Problem(status, code, f"None of the {len(left_out)} {what} could be read. {listing}", field_name)


def brief_of(articles: Articles, options: Options, make: Callable[..., Brief] = summarize) -> Brief:
    """The brief of the articles read, noting those left out; refused only when nothing could be read.

    `make` is the library's `summarize` as the calling view names it (where tests stand in for it).

    Raises:
        Problem: nothing was read (each failure named), or the library refused what was read.
    """
    if not articles.documents and articles.left_out:
        raise _none_read(articles)
    try:
        return make(articles.documents, options, notes=[left_out_note(e.name, e.reason) for e in articles.left_out])
    except NothingToSummarizeError as error:
        problem = problem_from(error)
        if articles.left_out:  # say what else was tried, so the person does not fix only half of it
            also = " ".join(f"{e.name or 'A file without a name'}: {e.reason}" for e in articles.left_out)
            problem = Problem(problem.status, problem.code, f"{problem.message} Also not read: {also}", problem.field)
        raise problem from None
    except SummarizerError as error:
        raise problem_from(error) from None


def check_documents(documents: Sequence[Document], limits: Limits) -> None:
    if len(documents) > limits.max_documents:
        raise too_many_documents(len(documents), limits)
    total = sum(len(document.text) for document in documents)
    if total > limits.max_total_chars:
        raise Problem(
            413,
            "too_much_text",
            f"The articles have {total:,} characters in all; one brief can be made from at most "
            f"{limits.max_total_chars:,}. Leave some out, or paste only the part of each you need.",
        )


def document_dict(document: Document) -> dict[str, Any]:
    """What is saved of an input article, enough to make its brief again."""
    return {
        "text": document.text,
        "title": document.title,
        "url": document.url,
        "date": document.date,
        "name": document.name,
        "outlet": document.outlet,
        "title_typed": document.title_typed,
    }


def document_from_dict(saved: Mapping[str, Any]) -> Document:
    return Document(
        text=saved.get("text", ""),
        title=saved.get("title", ""),
        url=saved.get("url"),
        date=saved.get("date"),
        name=saved.get("name", ""),
        outlet=saved.get("outlet") or "",  # absent from articles saved before outlets were read
        # absent before it was recorded: a title was then always taken as the source's name
        title_typed=saved.get("title_typed", bool(saved.get("title"))),
    )
