"""What the brief page shows, derived from `Brief.to_dict()`: which source sentences were used or repeat one, badges, stats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from summarizer import Brief, Removed
from summarizer.render import dispute_values, to_text
from summarizer.types import Dispute

from .sources import ARTICLE_PAGE_SENTENCES, PAGE_VERSION, page_data

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
    items: tuple[Removed, ...]  # those the page lists (web/sources.py bounds them)
    total: int = 0  # all removed of this kind

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.items))


@dataclass(frozen=True)
class SourceCard:
    index: int
    label: str  # "Article 2"
    title: str
    name: str
    url: str | None
    link: str | None  # the URL when it is safe to link
    date: str | None
    sentences: tuple[SourceSentence, ...]  # those shown: all of a short article, an excerpt or a page of a long one
    removed: tuple[RemovedGroup, ...]
    used: int  # sentences of this article that stand in the brief (shown or repeated)
    paragraphs: tuple[tuple[SourceSentence, ...], ...] = ()  # the sentences, laid out as the article's paragraphs
    sentence_count: int = 0  # all of the article's sentences
    skipped: tuple[int, ...] = ()  # sentences not shown before each of `paragraphs`
    skipped_after: int = 0  # sentences not shown after the last
    page: int = 0  # 0: the brief page's excerpt; k: page k of `pages` of the whole article
    pages: int = 0

    @property
    def complete(self) -> bool:
        return len(self.sentences) == self.sentence_count


@dataclass(frozen=True)
class DisputeLink:
    """A source that gives a brief sentence's figures other values: "155 in Northern Post"."""

    document: int
    sentence: int
    values: str  # what that source says instead: "155", "67 and 173"
    label: str  # the source's title, file name or "Article N"


@dataclass(frozen=True)
class BriefLine:
    index: int
    text: str
    support: int
    sources: tuple[tuple[int, int], ...]  # (document, sentence); the first is the wording shown
    documents: tuple[int, ...]  # distinct documents, in order of first mention
    links: tuple[tuple[int, int], ...]  # per distinct document, its first source sentence (for badges)
    disputes: tuple[DisputeLink, ...] = ()  # "Sources differ: ..."

    @property
    def data_sources(self) -> str:
        """`data-sources` attribute: "doc:sentence" pairs separated by spaces."""
        return " ".join(f"{d}:{s}" for d, s in self.sources)

    @property
    def data_disputes(self) -> str:
        """`data-disputes` attribute: the disputing sentences, as `data_sources`."""
        return " ".join(f"{d.document}:{d.sentence}" for d in self.disputes)


def _dispute_links(sentence: dict[str, Any], documents: list[dict[str, Any]]) -> tuple[DisputeLink, ...]:
    """`disputed_by` of a brief sentence as the page words it; briefs saved before it existed have none."""
    links = []
    for item in sentence.get("disputed_by") or ():
        dispute = Dispute.from_dict(item)
        document = documents[dispute.document]
        label = document.get("title") or document.get("name") or f"Article {dispute.document + 1}"
        links.append(DisputeLink(dispute.document, dispute.sentence, dispute_values(dispute), label))
    return tuple(links)


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


def _removed_groups(removed: list[dict[str, Any]], counts: dict[str, int]) -> tuple[RemovedGroup, ...]:
    by_kind: dict[str, list[Removed]] = {kind: [] for kind in counts}
    for item in removed:
        by_kind.setdefault(item["kind"], []).append(Removed(item["kind"], item["reason"], item["text"]))
    return tuple(RemovedGroup(kind, tuple(items), counts.get(kind, len(items))) for kind, items in by_kind.items())


def _paragraphs(
    sentences: list[SourceSentence], numbers: list[int], count: int, paged: bool
) -> tuple[tuple[tuple[SourceSentence, ...], ...], tuple[int, ...], int]:
    """The shown sentences in blocks: a new one at each paragraph, and after each gap of sentences not
    shown; with the gaps before each block (none inside a page of the whole article) and after the last.
    Briefs saved before paragraphs were recorded show as one block between gaps."""
    blocks: list[list[SourceSentence]] = []
    skipped: list[int] = []
    previous, paragraph = -1, None
    for position, sentence in enumerate(sentences):
        number = numbers[position] if len(numbers) == len(sentences) else 0
        gap = sentence.index - previous - 1
        if not blocks or gap > 0 or number != paragraph:
            blocks.append([])
            skipped.append(0 if paged else gap)
        blocks[-1].append(sentence)
        previous, paragraph = sentence.index, number
    after = 0 if paged or not sentences else count - previous - 1
    return tuple(tuple(block) for block in blocks), tuple(skipped), after


def source_card(index: int, document: dict[str, Any]) -> SourceCard:
    """A source card from one of web/sources.py's documents (an excerpt, or a page of the whole article)."""
    source_sentences = [
        SourceSentence(index, position, text, *(role or (None, None)))
        for position, text, role in zip(document["shown"], document["sentences"], document["roles"])
    ]
    paragraphs, skipped, after = _paragraphs(
        source_sentences, document.get("paragraphs") or [], document["sentence_count"], bool(document.get("page"))
    )
    return SourceCard(
        index=index,
        label=f"Article {index + 1}",
        title=document["title"],
        name=document["name"],
        url=document["url"],
        link=safe_url(document["url"]),
        date=document["date"],
        sentences=tuple(source_sentences),
        removed=_removed_groups(document["removed"], document.get("removed_counts", {})),
        used=document["used_count"],
        paragraphs=paragraphs,
        sentence_count=document["sentence_count"],
        skipped=skipped,
        skipped_after=after,
        page=document.get("page", 0),
        pages=document.get("pages") or -(-document["sentence_count"] // ARTICLE_PAGE_SENTENCES),
    )


def brief_view(data: dict[str, Any]) -> BriefView:
    """The brief page's view of a brief: a `Brief.to_dict()`, or the bounded copy of it that
    web/sources.page_data() makes (and the store keeps); the first is cut down to the second here."""
    if data.get("page_version") != PAGE_VERSION:
        data = page_data(data)
    sentences = data["summary"]["sentences"]
    lines = []
    for number, sentence in enumerate(sentences):
        refs = tuple((r["document"], r["sentence"]) for r in sentence["sources"])
        first: dict[int, int] = {}
        for doc, index in refs:
            first.setdefault(doc, index)
        lines.append(
            BriefLine(number, sentence["text"], sentence["support"], refs, tuple(first), tuple(first.items()),
                      _dispute_links(sentence, data["documents"]))
        )

    cards = [source_card(index, document) for index, document in enumerate(data["documents"])]

    word_count = data["summary"]["word_count"]
    input_words = data.get("input_words", 0)
    shrink = round(100 * (1 - word_count / input_words)) if input_words else 0
    return BriefView(
        lines=tuple(lines),
        sources=tuple(cards),
        word_count=word_count,
        input_words=input_words,
        shrink=max(0, shrink),
        total_sources=sum(1 for d in data["documents"] if d["sentence_count"]),
        notes=tuple(data.get("notes", ())),
        algorithm=algorithm_label(data["algorithm"]),
        language=data["language"],
        plain_text=to_text(Brief.from_dict(data)),
    )
