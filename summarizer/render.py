"""Render a Brief as plain text or Markdown (JSON is `Brief.to_dict()`): shared by the CLI and the web downloads."""

from __future__ import annotations

from .types import Brief


def document_label(brief: Brief, index: int) -> str:
    document = brief.documents[index]
    return document.title or document.name or f"Article {index + 1}"


def to_text(brief: Brief) -> str:
    """One sentence a line: what a person pastes into a message or a note."""
    return "\n".join(s.text for s in brief.sentences) + ("\n" if brief.sentences else "")


def _markdown_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _markdown_url(url: str) -> str:
    """A web address as an autolink; anything else (javascript:, spaces, angle brackets) as escaped text."""
    if url.startswith(("http://", "https://")) and not any(c in url for c in " <>\n"):
        return f"<{url}>"
    return _markdown_escape(url)


def to_markdown(brief: Brief) -> str:
    """The brief as a list, each sentence citing its sources by number, then the numbered sources."""
    lines = ["# Brief", ""]
    for sentence in brief.sentences:
        cited = sorted({ref.document + 1 for ref in sentence.sources})
        marks = "".join(f"[^{n}]" for n in cited)
        lines.append(f"- {_markdown_escape(sentence.text)} {marks}")
    lines += ["", "## Sources", ""]
    for index, document in enumerate(brief.documents):
        label = _markdown_escape(document_label(brief, index))
        details = [_markdown_escape(document.date)] if document.date else []
        if document.url:
            details.append(_markdown_url(document.url))
        suffix = f" ({', '.join(details)})" if details else ""
        lines.append(f"[^{index + 1}]: {label}{suffix}")
    return "\n".join(lines) + "\n"
