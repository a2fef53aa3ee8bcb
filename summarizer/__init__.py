"""Multi-document news summarisation: many articles on one story in, one deduplicated brief out.

    >>> from summarizer import Document, Options, summarize
    >>> brief = summarize([Document(text=a), Document(text=b)], Options(max_words=100))  # doctest: +SKIP

The stages live in their own modules (ingest, clean, segment, group, score, select, order) and pass
the frozen dataclasses of `summarizer.types` from one to the next. No web framework is imported here.
"""

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
from .languages import LANGUAGES
from .options import Options
from .pipeline import summarize
from .score import algorithm_names
from .types import Brief, BriefSentence, Document, DocumentView, Removed, SourceRef

__all__ = [
    "Brief",
    "BriefSentence",
    "Document",
    "DocumentTooLargeError",
    "DocumentView",
    "IngestLimits",
    "LANGUAGES",
    "NothingToSummarizeError",
    "Options",
    "OptionsError",
    "Removed",
    "SourceRef",
    "SummarizerError",
    "TooMuchWorkError",
    "UnreadableDocumentError",
    "UnsupportedFileTypeError",
    "UnsupportedLanguageError",
    "WorkBudget",
    "algorithm_names",
    "document_from_text",
    "read_document",
    "split_pasted",
    "summarize",
]
