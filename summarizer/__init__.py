"""Multi-document news summarisation: many articles on one story in, one deduplicated brief out.

    >>> from summarizer import Document, Options, summarize
    >>> brief = summarize([Document(text=a), Document(text=b)], Options(max_words=100))  # doctest: +SKIP

The stages live in their own modules (ingest, clean, segment, group, score, select, order) and pass
the frozen dataclasses of `summarizer.types` from one to the next. No web framework is imported here.

The names below are imported when first used (PEP 562), so `python -m summarizer --help` starts
without loading the readers of HTML and PDF or the scorers' numerics.
"""

from importlib import import_module
from typing import TYPE_CHECKING



# public name -> the module that defines it
_HOMES = {
    "WorkBudget": "budget",
    "DocumentTooLargeError": "errors",
    "NothingToSummarizeError": "errors",
    "OptionsError": "errors",
    "SummarizerError": "errors",
    "TooMuchWorkError": "errors",
    "UnreadableDocumentError": "errors",
    "UnsupportedFileTypeError": "errors",
    "UnsupportedLanguageError": "errors",
    "IngestLimits": "ingest",
    "document_from_text": "ingest",
    "read_document": "ingest",
    "split_pasted": "ingest",
    "AUTO": "language",
    "LANGUAGES": "language",
    "find_language": "language",
    "Options": "options",
    "summarize": "pipeline",
    "algorithm_names": "score",
    "Brief": "types",
    "BriefSentence": "types",
    "Document": "types",
    "DocumentView": "types",
    "Removed": "types",
    "SourceRef": "types",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


if TYPE_CHECKING:
    from .budget import WorkBudget
    from .errors import (
        DocumentTooLargeError,
        NothingToSummarizeError,
        OptionsError,
        SummarizerError,
        TooMuchWorkError,
        UnreadableDocumentError,
        UnsupportedFileTypeError,
        UnsupportedLanguageError,
    )
    from .ingest import IngestLimits, document_from_text, read_document, split_pasted
    from .language import AUTO, LANGUAGES, find_language
    from .options import Options
    from .pipeline import summarize
    from .score import algorithm_names
    from .types import Brief, BriefSentence, Document, DocumentView, Removed, SourceRef
