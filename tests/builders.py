"""Builders for tests: documents and segmented input without going through the parsers."""

from __future__ import annotations

from summarizer.segment import segment
from summarizer.types import Document


def doc(*paragraphs: str, title: str = "", date: str | None = None, url: str | None = None) -> Document:
    return Document(text="\n\n".join(paragraphs), title=title, date=date, url=url)


def segmented(*documents: Document, language: str = "english"):
    return segment(list(documents), language)
