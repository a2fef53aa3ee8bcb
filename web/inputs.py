"""From what a request carries to what `summarize()` takes, with the same limits for the page and the API.

Every refusal is a `Problem`: an HTTP status, a stable code, a message in plain words and, where it
belongs to one form field, that field's name. Library errors are mapped here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from time import monotonic
from typing import Any

from werkzeug.datastructures import FileStorage

from summarizer import (
    DocumentTooLargeError,
    IngestLimits,
    Options,
    OptionsError,
    SummarizerError,
    TooMuchWorkError,
    UnreadableDocumentError,
    UnsupportedFileTypeError,
    document_from_text,
    read_document,
    split_pasted,
)
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
    max_files: int
    max_file_bytes: int
    max_documents: int
    max_chars: int
    max_total_chars: int
    read_seconds: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Limits:
        return cls(
            max_files=config["MAX_FILES"],
            max_file_bytes=config["MAX_FILE_BYTES"],
            max_documents=config["MAX_DOCUMENTS"],
            max_chars=config["MAX_DOCUMENT_CHARS"],
            max_total_chars=config["MAX_TOTAL_CHARS"],
            read_seconds=config["MAX_READ_SECONDS"],
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


def check_file_count(count: int, limits: Limits) -> None:
    if count > limits.max_files:
        raise Problem(
            413,
            "too_many_files",
            f"You sent {count} files; at most {limits.max_files} can be read at once. "
            "Leave some out, or paste their text instead.",
            "files",
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
    return document_from_text(text, **metadata)


def documents_from_boxes(boxes: Iterable[tuple[str, str]], limits: Limits) -> list[Document]:
    """Documents from the page's boxes of (title, text); a box may hold several articles split by `---`.

    A box holding one article keeps its title; the pieces of a split box are untitled.
    """
    documents: list[Document] = []
    for number, (title, text) in enumerate(boxes, start=1):
        pieces = split_pasted(text or "")
        for piece_number, piece in enumerate(pieces, start=1):
            label = f"Article {number}" + (f", part {piece_number}," if len(pieces) > 1 else "")
            documents.append(
                document_from_paste(piece, limits, label, title=(title or "") if len(pieces) == 1 else "")
            )
            if len(documents) > limits.max_documents:
                raise too_many_documents(len(documents), limits)
    return documents


def chosen_files(files: Sequence[FileStorage]) -> list[FileStorage]:
    """Drop the empty part a browser sends for a file input left empty."""
    return [f for f in files if f.filename or f.content_length]


def documents_from_files(files: Sequence[FileStorage], limits: Limits) -> list[Document]:
    """Read each uploaded file, never more than the byte limit plus one into memory, and all of them
    within the request's reading time (each file type bounds its own, but twenty of them add up)."""
    check_file_count(len(files), limits)
    documents = []
    deadline = monotonic() + limits.read_seconds
    for storage in files:
        seconds_left = deadline - monotonic()
        if seconds_left <= 0:
            raise Problem(
                413,
                "too_many_files",
                f"Reading these files took more than {limits.read_seconds} seconds, so {len(files) - len(documents)} "
                "of them were not read. Send fewer files at once, or paste their text instead.",
                "files",
            )
        data = storage.stream.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise _file_too_large(storage, limits)
        try:
            documents.append(read_document(storage.filename or "", data, limits=limits.ingest(seconds_left)))
        except SummarizerError as error:
            raise problem_from(error) from None
    return documents


def _file_too_large(storage: FileStorage, limits: Limits) -> Problem:
    """Said here rather than by read_document, which would only see the first limit + 1 bytes."""
    name = document_from_text("", name=storage.filename or "").name  # the name as the library shows it
    try:
        size = f"{megabytes(storage.stream.seek(0, 2))}"
    except (OSError, ValueError):
        size = f"over {megabytes(limits.max_file_bytes)}"
    return Problem(
        413,
        "document_too_large",
        f"{name + ': ' if name else ''}The file is {size}; each file may be at most "
        f"{megabytes(limits.max_file_bytes)}. Split it, or paste the part you need.",
        "files",
    )


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
    }


def document_from_dict(saved: Mapping[str, Any]) -> Document:
    return Document(
        text=saved.get("text", ""),
        title=saved.get("title", ""),
        url=saved.get("url"),
        date=saved.get("date"),
        name=saved.get("name", ""),
    )
