"""Errors the library raises; each message says what went wrong in the user's terms and how to fix it."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the library raises on purpose. `code` is stable for API clients."""

    code = "summarizer_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class OptionsError(SummarizerError):
    """An option is out of range or unknown; `field` names it."""

    code = "invalid_option"

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class UnreadableDocumentError(SummarizerError):
    """A file could not be turned into text; `name` says which one."""

    code = "unreadable_document"

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}" if name else reason)
        self.name = name
        self.reason = reason


class UnsupportedFileTypeError(UnreadableDocumentError):
    code = "unsupported_file_type"


class DocumentTooLargeError(UnreadableDocumentError):
    code = "document_too_large"


class NothingToSummarizeError(SummarizerError):
    """All input was empty, or cleaning left no article text."""

    code = "nothing_to_summarize"


class UnsupportedLanguageError(SummarizerError):
    """The text is written in a script the chosen language (and every supported one) does not use."""

    code = "unsupported_language"


class TooMuchWorkError(SummarizerError):
    """Legal input that would cost more work than one brief may (see `summarizer.budget.WorkBudget`).

    `limit` names what ran out ("sentences" or "time"); the message says what to cut.
    """

    code = "too_much_work"

    def __init__(self, limit: str, message: str):
        super().__init__(message)
        self.limit = limit
