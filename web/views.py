"""What the brief page shows, derived from `Brief.to_dict()`: which source sentences were used or repeat one, badges, stats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from summarizer import Brief, Removed
from summarizer.render import to_text

ALGORITHM_LABELS = {
    "consensus": "Consensus (ours: what the articles agree on)",
    "lexrank": "LexRank (sumy)",
    "textrank": "TextRank (sumy)",
    "lsa": "LSA (sumy)",
    "luhn": "Luhn (sumy)",
    "kl": "KL-Sum (sumy)",
    "sumbasic": "SumBasic (sumy)",
    "lead": "Lead: each article's first sentences (baseline)",
}


def algorithm_label(name: str) -> str:
    return ALGORITHM_LABELS.get(name, name)


def safe_url(url: str | None) -> str | None:
    """The URL when it may be a link (http or https with a host); None otherwise, e.g. for javascript:."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


@dataclass(frozen=True)
class SourceSentence:
    document: int
    index: int
    text: str
    role: str | None  # "used" (its wording is in the brief), "repeat" (says what a used one says), None
    brief: int | None  # index of the brief sentence it stands for


@dataclass(frozen=True)
class RemovedGroup:
    kind: str
    items: tuple[Removed, ...]


@dataclass(frozen=True)
class SourceCard:
    index: int
    label: str  # "Article 2"
    title: str
    name: str
    url: str | None
    link: str | None  # the URL when it is safe to link
    date: str | None
    sentences: tuple[SourceSentence, ...]
    removed: tuple[RemovedGroup, ...]
    used: int  # sentences of this article that stand in the brief (shown or repeated)
    paragraphs: tuple[tuple[SourceSentence, ...], ...] = ()  # the sentences, laid out as the article's paragraphs


@dataclass(frozen=True)
class BriefLine:
    index: int
    text: str
    support: int
    sources: tuple[tuple[int, int], ...]  # (document, sentence); the first is the wording shown
    documents: tuple[int, ...]  # distinct documents, in order of first mention
    links: tuple[tuple[int, int], ...]  # per distinct document, its first source sentence (for badges)

    @property
    def data_sources(self) -> str:
        """`data-sources` attribute: "doc:sentence" pairs separated by spaces."""
        return " ".join(f"{d}:{s}" for d, s in self.sources)


@dataclass(frozen=True)
class BriefView:
    lines: tuple[BriefLine, ...]
    sources: tuple[SourceCard, ...]
    word_count: int
    input_words: int
    shrink: int  # percent by which the brief is shorter than its input
    total_sources: int  # articles with text: the "of N" of the badges
    notes: tuple[str, ...]
    algorithm: str  # a label for people
    language: str
    plain_text: str  # what "Copy" puts on the clipboard: the .txt download


def _removed_groups(removed: list[dict[str, Any]]) -> tuple[RemovedGroup, ...]:
    by_kind: dict[str, list[Removed]] = {}
    for item in removed:
        by_kind.setdefault(item["kind"], []).append(Removed(item["kind"], item["reason"], item["text"]))
    return tuple(RemovedGroup(kind, tuple(items)) for kind, items in by_kind.items())


def _paragraphs(sentences: list[SourceSentence], numbers: list[int]) -> tuple[tuple[SourceSentence, ...], ...]:
    """Sentences grouped by paragraph; briefs saved before paragraphs were recorded show as one block."""
    if len(numbers) != len(sentences):
        return (tuple(sentences),) if sentences else ()
    blocks: dict[int, list[SourceSentence]] = {}
    for sentence, number in zip(sentences, numbers):
        blocks.setdefault(number, []).append(sentence)
    return tuple(tuple(block) for block in blocks.values())


def brief_view(data: dict[str, Any]) -> BriefView:
    sentences = data["summary"]["sentences"]
    roles: dict[tuple[int, int], tuple[str, int]] = {}
    lines = []
    for number, sentence in enumerate(sentences):
        refs = tuple((r["document"], r["sentence"]) for r in sentence["sources"])
        for position, ref in enumerate(refs):
            roles.setdefault(ref, ("used" if position == 0 else "repeat", number))
        first: dict[int, int] = {}
        for doc, index in refs:
            first.setdefault(doc, index)
        lines.append(
            BriefLine(number, sentence["text"], sentence["support"], refs, tuple(first), tuple(first.items()))
        )

    cards = []
    for index, document in enumerate(data["documents"]):
        source_sentences = []
        for position, text in enumerate(document["sentences"]):
            role, brief = roles.get((index, position), (None, None))
            source_sentences.append(SourceSentence(index, position, text, role, brief))
        cards.append(
            SourceCard(
                index=index,
                label=f"Article {index + 1}",
                title=document["title"],
                name=document["name"],
                url=document["url"],
                link=safe_url(document["url"]),
                date=document["date"],
                sentences=tuple(source_sentences),
                removed=_removed_groups(document["removed"]),
                used=sum(1 for s in source_sentences if s.role),
                paragraphs=_paragraphs(source_sentences, document.get("paragraphs") or []),
            )
        )

    word_count = data["summary"]["word_count"]
    input_words = data.get("input_words", 0)
    shrink = round(100 * (1 - word_count / input_words)) if input_words else 0
    return BriefView(
        lines=tuple(lines),
        sources=tuple(cards),
        word_count=word_count,
        input_words=input_words,
        shrink=max(0, shrink),
        total_sources=sum(1 for d in data["documents"] if d["sentences"]),
        notes=tuple(data.get("notes", ())),
        algorithm=algorithm_label(data["algorithm"]),
        language=data["language"],
        plain_text=to_text(Brief.from_dict(data)),
    )
