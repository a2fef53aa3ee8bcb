"""Render a Brief as plain text or Markdown (JSON is `Brief.to_dict()`), and name its sources and the brief
itself: shared by the pipeline (labels), the CLI and the web downloads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tld import get_fld  # the public suffix list, bundled (trafilatura's courlan needs it too): "nhk.or.jp"

from .types import Brief, BriefSentence, Dispute, Document, DocumentView

LABEL_CHARS = 40  # a label is a name in a badge: a longer title is cut at a word (the card shows it whole)
TITLE_CHARS = 200  # a brief's title, chosen or typed
LEAD_TITLE_CHARS = 90  # a title made from the brief's lead sentence is cut at a word to about this


def _one_line(text: str | None) -> str:
    return " ".join(str(text or "").split())


def cut(text: str, limit: int) -> str:
    """`text` whole when it fits in `limit` characters, else cut at the last word that fits, with "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head and not text[limit - 1].isspace():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-–—") + "…"


def site_name(url: str | None) -> str:
    """The site of a web address, as people name it: its registrable domain ("https://www3.nhk.or.jp/..." ->
    "nhk.or.jp"), else its host without "www." (an address, "localhost"); "" when it has no host."""
    try:
        parts = urlsplit(_one_line(url))
        host = (parts.hostname or "") if parts.scheme.lower() in ("http", "https") else ""
    except ValueError:
        return ""
    if not host:
        return ""
    try:
        domain = get_fld(host, fix_protocol=True, fail_silently=True)
    except Exception:  # an odd host the suffix list cannot place: named by the host itself
        domain = None
    return domain or re.sub(r"\A(?:www\d*|m)\.", "", host)


def _field(document: Document | DocumentView | Mapping[str, Any], key: str) -> Any:
    return document.get(key) if isinstance(document, Mapping) else getattr(document, key, None)


def source_label(document: Document | DocumentView | Mapping[str, Any], index: int) -> str:
    """One source's name, before it is made unique: the title the user typed for it, else the outlet read
    from it, else its site, else the headline read from it, else its file name, else "Article N".

    A document that does not say whether its title was typed (a view, a brief saved before that was
    recorded) counts it as typed: the title was the first name tried then."""
    typed = _field(document, "title_typed")
    title_typed = typed if isinstance(typed, bool) else True
    names = (
        lambda: _field(document, "title") if title_typed else "",
        lambda: _field(document, "outlet"),
        lambda: site_name(_field(document, "url")),  # the suffix list loads on first use (~0.1 s): only if needed
        lambda: _field(document, "title"),
        lambda: _field(document, "name"),
    )
    for name in names:
        candidate = _one_line(name())
        if candidate:
            return cut(candidate, LABEL_CHARS)
    return f"Article {index + 1}"


def source_labels(documents: Iterable[Document | DocumentView | Mapping[str, Any]]) -> tuple[str, ...]:
    """Each source's label, unique in the brief: a second source named the same is "Reuters (2)"."""
    labels: list[str] = []
    taken: set[str] = set()
    for index, document in enumerate(documents):
        base = source_label(document, index)
        label, number = base, 1
        while label.casefold() in taken:
            number += 1
            label = f"{base} ({number})"
        taken.add(label.casefold())
        labels.append(label)
    return tuple(labels)


def document_labels(documents: Sequence[DocumentView | Mapping[str, Any]]) -> tuple[str, ...]:
    """The labels a brief was made with; derived by the same rule for a brief saved before labels existed."""
    kept = tuple(_field(d, "label") or "" for d in documents)
    return kept if all(kept) else source_labels(documents)


def _words(text: str) -> set[str]:
    """Words that carry meaning in any language, roughly: longer than three letters, or figures."""
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 3 or w.isdigit()}


def default_title(titles: Iterable[str | None], sentences: Sequence[str]) -> str:
    """A title for a brief nobody has named: the articles' title that shares the most words with the brief
    (two at least, so a title that only names the outlet, "NHK World", is passed over), else the brief's
    lead sentence, cut at a word; "Untitled brief" for an empty brief.

    Args:
        titles: the articles' titles, in order (the first wins a tie).
        sentences: the brief's sentences, in order.
    """
    brief_words = _words(" ".join(sentences))
    best, shared_most = "", 1
    for title in titles:
        title = _one_line(title)
        shared = len(_words(title) & brief_words)
        if shared > shared_most:
            best, shared_most = title, shared
    if best:
        return cut(best, TITLE_CHARS)
    lead = _one_line(sentences[0] if sentences else "")
    if not lead:
        return "Untitled brief"
    return cut(lead, LEAD_TITLE_CHARS).removesuffix(".")


def dispute_values(dispute: Dispute) -> str:
    """What the other source says instead: "155", or "67 and 173"."""
    values = [d.source for d in dispute.differs]
    return " and ".join([", ".join(values[:-1]), values[-1]] if len(values) > 2 else values)


def disputes_text(brief: Brief, sentence: BriefSentence, labels: Sequence[str] | None = None) -> str:
    """ "Sources differ: 155 in Northern Post, 67 and 173 in Coast Wire", or "" when none does."""
    if not sentence.disputed_by:
        return ""
    labels = labels or document_labels(brief.documents)
    parts = [f"{dispute_values(d)} in {labels[d.document]}" for d in sentence.disputed_by]
    return "Sources differ: " + ", ".join(parts)


def with_dateline(sentence: BriefSentence) -> str:
    """The sentence under its dateline where it needs one ("Ulan Bator, 1998-02-22 — ... left here today"), as
    wire roundups print their items; else the sentence."""
    return f"{sentence.dateline} — {sentence.text}" if sentence.dateline else sentence.text


def _cited(sentence: BriefSentence) -> list[int]:
    """The documents a brief sentence stands on, in order of first mention (its wording's first)."""
    return list(dict.fromkeys(ref.document for ref in sentence.sources))


def _made_line(brief: Brief, made: date | None) -> str:
    """ "Made 2026-12-02 from 3 sources, dated 2023-07-11 to 2023-07-12." """
    count = len(brief.documents)
    line = f"Made {made.strftime('%Y-%m-%d')} from " if made else "From "
    line += f"{count} source{'' if count == 1 else 's'}"
    dates = sorted({d.date[:10] for d in brief.documents if d.date and re.match(r"\d{4}-\d\d-\d\d\Z", d.date[:10])})
    if dates:
        line += f", dated {dates[0]}" + (f" to {dates[-1]}" if len(dates) > 1 else "")
    return line + "."


def _source_details(document: DocumentView, label: str) -> list[str]:
    """What a reader needs to find a source again, beyond its label: its title (when the label is not it), date,
    where it was filed (its dateline's place, which its "here" means), file name, address. Untrusted text: the
    caller escapes it for its format."""
    title = _one_line(document.title)
    details = [title] if title and title != label else []
    place = _one_line(document.place)
    filed = f"filed in {place}" if place else ""
    details += [_one_line(v) for v in (document.date, filed, document.name) if _one_line(v) and _one_line(v) != label]
    if document.left_out:
        details.append(f"left out: {_one_line(document.left_out)}")
    return details


def to_text(brief: Brief, title: str | None = None, made: date | None = None) -> str:
    """The brief as plain text.

    Without a title: its sentences, one a line, with what other sources say instead where they differ: what a
    person pastes into a message (the page's Copy, the CLI's `--format text`). With one: a file to share: the
    title, when it was made and how the sources are dated, the sentences citing their sources by number, and
    the numbered sources with labels, dates and addresses (the .txt download).
    """
    labels = document_labels(brief.documents)
    lines = []
    for sentence in brief.sentences:
        text = with_dateline(sentence)
        if title is not None:
            text += " [" + ", ".join(str(d + 1) for d in _cited(sentence)) + "]"
        differ = disputes_text(brief, sentence, labels)
        lines.append(f"{text} ({differ}.)" if differ else text)
    if title is None:
        return "\n".join(lines) + ("\n" if lines else "")
    out = [_one_line(title) or "Brief", _made_line(brief, made), "", *lines, "", "Sources"]
    for index, document in enumerate(brief.documents):
        details = _source_details(document, labels[index])
        if document.url:
            details.append(_one_line(document.url))
        out.append(" · ".join([f"{index + 1}. {labels[index]}", *details]))
    return "\n".join(out) + "\n"


def _markdown_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _markdown_item(text: str) -> str:
    """Text that opens a list item, escaped so that it does not open a list of its own ("1995. ...", "- ...")."""
    return re.sub(r"\A(\d{1,9})([.)])|\A([-+])(?=\s)", lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}",
                  _markdown_escape(text))


def _link_target(url: str | None) -> str | None:
    """A web address that may be a link target as it is; None for anything else (javascript:, spaces, brackets)."""
    url = (url or "").strip()
    if url.startswith(("http://", "https://")) and not any(c in url for c in " <>\n\r\t\"'()"):
        return url
    return None


def _markdown_url(url: str) -> str:
    """A web address as an autolink; anything else as escaped text."""
    target = _link_target(url)
    return f"<{target}>" if target else _markdown_escape(_one_line(url))


def to_markdown(brief: Brief, title: str | None = None, made: date | None = None) -> str:
    """The brief as Markdown: its title (`default_title` when none is given), when it was made, the sentences
    each naming its sources, linked to the article where it has a web address, and the numbered sources."""
    labels = document_labels(brief.documents)
    linked = {index: f"[{index + 1}]" for index, d in enumerate(brief.documents) if _link_target(d.url)}

    def name(index: int) -> str:
        label = _markdown_escape(labels[index])
        return f"[{label}]{linked[index]}" if index in linked else label

    if title is None:
        title = default_title([d.title for d in brief.documents], [s.text for s in brief.sentences])
    lines = [f"# {_markdown_escape(_one_line(title) or 'Brief')}", "", _made_line(brief, made), ""]
    for sentence in brief.sentences:
        cited = ", ".join(name(d) for d in _cited(sentence))
        differ = ", ".join(f"{_markdown_escape(dispute_values(d))} in {name(d.document)}" for d in sentence.disputed_by)
        differ = f" *(Sources differ: {differ}.)*" if differ else ""
        lines.append(f"- {_markdown_item(with_dateline(sentence))} ({cited}){differ}")
    lines += ["", "## Sources", ""]
    for index, document in enumerate(brief.documents):
        details = [_markdown_escape(d) for d in _source_details(document, labels[index])]
        if document.url:
            details.append(_markdown_url(document.url))
        lines.append(" · ".join([f"{index + 1}. **{_markdown_escape(labels[index])}**", *details]))
    if linked:
        lines.append("")
        lines += [f"{ref}: <{_link_target(brief.documents[index].url)}>" for index, ref in linked.items()]
    return "\n".join(lines) + "\n"
