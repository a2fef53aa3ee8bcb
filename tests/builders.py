"""Builders for tests: documents and segmented input without going through the parsers."""

from __future__ import annotations

import re

from summarizer.segment import segment
from summarizer.types import Document


def doc(*paragraphs: str, title: str = "", date: str | None = None, url: str | None = None) -> Document:
    return Document(text="\n\n".join(paragraphs), title=title, date=date, url=url)


def segmented(*documents: Document, language: str = "english"):
    return segment(list(documents), language)


def csrf_token_of(client) -> str:
    """The session's CSRF token, as a page carries it (and makes it on first visit)."""
    html = client.get("/").get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "the page has no csrf-token meta"
    return match.group(1)
