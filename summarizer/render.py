"""Render a Brief as plain text or Markdown (JSON is `Brief.to_dict()`): shared by the CLI and the web downloads."""

from __future__ import annotations

from .types import Brief, BriefSentence, Dispute


def document_label(brief: Brief, index: int) -> str:
    document = brief.documents[index]
    return document.title or document.name or f"Article {index + 1}"


def dispute_values(dispute: Dispute) -> str:
    """What the other source says instead: "155", or "67 and 173"."""
    values = [d.source for d in dispute.differs]
    return " and ".join([", ".join(values[:-1]), values[-1]] if len(values) > 2 else values)


def disputes_text(brief: Brief, sentence: BriefSentence) -> str:
    """ "Sources differ: 155 in Northern Post, 67 and 173 in Coast Wire", or "" when none does."""
    if not sentence.disputed_by:
        return ""
    parts = [f"{dispute_values(d)} in {document_label(brief, d.document)}" for d in sentence.disputed_by]
    return "Sources differ: " + ", ".join(parts)


def to_text(brief: Brief) -> str:
    """One sentence a line, with what other sources say instead where they differ: what a person
    pastes into a message or a note."""
    lines = []
    for sentence in brief.sentences:
        differ = disputes_text(brief, sentence)
        lines.append(f"{sentence.text} ({differ}.)" if differ else sentence.text)
    return "\n".join(lines) + ("\n" if lines else "")


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
        differ = ", ".join(
            f"{_markdown_escape(dispute_values(d))} in {_markdown_escape(document_label(brief, d.document))}"
            f"[^{d.document + 1}]"
            for d in sentence.disputed_by
        )
        differ = f" *(Sources differ: {differ}.)*" if differ else ""
        lines.append(f"- {_markdown_escape(sentence.text)} {marks}{differ}")
    lines += ["", "## Sources", ""]
    for index, document in enumerate(brief.documents):
        label = _markdown_escape(document_label(brief, index))
        details = [_markdown_escape(document.date)] if document.date else []
        if document.url:
            details.append(_markdown_url(document.url))
        suffix = f" ({', '.join(details)})" if details else ""
        lines.append(f"[^{index + 1}]: {label}{suffix}")
    return "\n".join(lines) + "\n"
