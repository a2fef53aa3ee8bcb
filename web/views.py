"""What the brief page shows, derived from `Brief.to_dict()`: which source sentences were used or repeat one, badges, stats."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from summarizer import Brief, Removed, find_language
from summarizer.render import dispute_values, document_labels, to_text
from summarizer.types import Dispute

from .sources import ARTICLE_PAGE_SENTENCES, PAGE_VERSION, page_data

# Method names in plain words (the select), and one line on what each does (under it). The API's values
# (the keys) stay as they are; the technical name is kept at the end of the line for those who know it.
ALGORITHM_LABELS = {
    "consensus": "What the articles agree on",
    "lexrank": "Sentences most like the rest",
    "textrank": "Best-connected sentences",
    "lsa": "Main topics",
    "luhn": "Sentences dense in key words",
    "kl": "Closest mix of words",
    "sumbasic": "Most frequent words",
    "lead": "First sentences of each article",
}
ALGORITHM_HINTS = {
    "consensus": "Recommended: facts several articles report, each said once, opening on the story's lead.",
    "lexrank": "Sentences that resemble many other sentences of the articles (LexRank).",
    "textrank": "Sentences that share the most words with the others (TextRank).",
    "lsa": "Sentences covering the articles' main themes, found by matrix analysis (LSA).",
    "luhn": "Sentences with clusters of the articles' most frequent words (Luhn).",
    "kl": "Sentences whose words together match the articles' word mix (KL-Sum).",
    "sumbasic": "Sentences with frequent words, counting a word less once it is used (SumBasic).",
    "lead": "Each article's opening sentences in turn: a simple baseline.",
}


def algorithm_label(name: str) -> str:
    return ALGORITHM_LABELS.get(name, name)


def algorithm_hint(name: str) -> str:
    return ALGORITHM_HINTS.get(name, "")


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
    context: bool = True  # shown while its card is collapsed (always, in a card that does not collapse)
    hidden_before: int = 0  # sentences of its paragraph just before it that a collapsed card hides


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
    label: str  # the source's name (render.source_labels): "Kyodo", "nhk.or.jp", "report.pdf", "Article 2"
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
    language: str | None = None  # ISO code found in the text: the card's `lang`
    language_label: str = ""  # "German": "Detected: German" (the code itself for a language not supported)
    rtl: bool = False  # written right to left: the card's `dir`
    left_out: str | None = None  # why it was not summarised
    place: str = ""  # where it was filed (its dateline's place): "Filed in Nicosia, Cyprus"
    # A whole article on the brief page is collapsed to its sentences in the brief and their context, the
    # rest behind "Show the whole article" (a <details>, so it works without JavaScript):
    collapsible: bool = False
    hidden: int = 0  # sentences hidden while collapsed
    hidden_gaps: tuple[int, ...] = ()  # per paragraph, sentences hidden before its first shown one (0: none or hidden)
    hidden_after: int = 0  # sentences hidden after the last shown one

    @property
    def complete(self) -> bool:
        return len(self.sentences) == self.sentence_count


@dataclass(frozen=True)
class DisputeLink:
    """A source that gives a brief sentence's figures other values: "155 in Northern Post"."""

    document: int
    sentence: int
    values: str  # what that source says instead: "155", "67 and 173"
    label: str  # the source's label


@dataclass(frozen=True)
class BriefLine:
    index: int
    text: str
    support: int
    sources: tuple[tuple[int, int], ...]  # (document, sentence); the first is the wording shown
    documents: tuple[int, ...]  # distinct documents, in order of first mention
    links: tuple[tuple[int, int], ...]  # per distinct document, its first source sentence (for badges)
    disputes: tuple[DisputeLink, ...] = ()  # "Sources differ: ..."
    dateline: str = ""  # where its "here" is, which day its "today" is (summarizer.dateline); "" if it needs none

    @property
    def data_sources(self) -> str:
        """`data-sources` attribute: "doc:sentence" pairs separated by spaces."""
        return " ".join(f"{d}:{s}" for d, s in self.sources)

    @property
    def data_disputes(self) -> str:
        """`data-disputes` attribute: the disputing sentences, as `data_sources`."""
        return " ".join(f"{d.document}:{d.sentence}" for d in self.disputes)


def _dispute_links(sentence: dict[str, Any], labels: tuple[str, ...]) -> tuple[DisputeLink, ...]:
    """`disputed_by` of a brief sentence as the page words it; briefs saved before it existed have none."""
    links = []
    for item in sentence.get("disputed_by") or ():
        dispute = Dispute.from_dict(item)
        links.append(DisputeLink(dispute.document, dispute.sentence, dispute_values(dispute), labels[dispute.document]))
    return tuple(links)


@dataclass(frozen=True)
class BriefView:
    lines: tuple[BriefLine, ...]
    sources: tuple[SourceCard, ...]
    word_count: int
    input_words: int
    shrink: str  # percent by which the brief is shorter than its input, as shown before "%": "64", ">99"
    total_sources: int  # articles with text: the "of N" of the badges
    notes: tuple[str, ...]
    algorithm: str  # a label for people
    language: str
    plain_text: str  # what "Copy" puts on the clipboard: the .txt download

    @property
    def language_code(self) -> str:
        row = find_language(self.language)
        return row.code if row else ""

    @property
    def direction(self) -> str:
        """The brief's `dir`: its language's where known, else the browser's reading of the text."""
        row = find_language(self.language)
        return "rtl" if row and row.rtl else "ltr" if row else "auto"


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


# A collapsed card shows the sentences in the brief (and those whose figures differ from it), this many
# neighbours either side of each, and the article's first sentence; it collapses only when that hides at
# least COLLAPSE_MIN_HIDDEN sentences (hiding one or two saves nothing worth a click).
COLLAPSE_NEIGHBOURS = 1
COLLAPSE_MIN_HIDDEN = 3


def _collapse(
    sentences: list[SourceSentence], paragraphs: tuple[tuple[SourceSentence, ...], ...], anchors: frozenset[int]
) -> tuple[list[SourceSentence], tuple[tuple[SourceSentence, ...], ...], dict[str, Any]] | None:
    """The card's sentences marked with what its collapsed view shows; None when it should not collapse."""
    core = {s.index for s in sentences if s.role} | set(anchors) | {0}
    keep = {i + step for i in core for step in range(-COLLAPSE_NEIGHBOURS, COLLAPSE_NEIGHBOURS + 1)}
    hidden = sum(1 for s in sentences if s.index not in keep)
    if hidden < COLLAPSE_MIN_HIDDEN:
        return None
    marked: dict[int, SourceSentence] = {}
    gaps: list[int] = []
    run = 0  # hidden sentences since the last shown one
    for paragraph in paragraphs:
        gap = 0
        shown_in_paragraph = False
        for sentence in paragraph:
            if sentence.index not in keep:
                marked[sentence.index] = replace(sentence, context=False)
                run += 1
                continue
            if not shown_in_paragraph:
                gap, run = run, 0
                shown_in_paragraph = True
            marked[sentence.index] = replace(sentence, hidden_before=run)
            run = 0
        gaps.append(gap)
    new_paragraphs = tuple(tuple(marked[s.index] for s in paragraph) for paragraph in paragraphs)
    return (
        [marked[s.index] for s in sentences],
        new_paragraphs,
        {"collapsible": True, "hidden": hidden, "hidden_gaps": tuple(gaps), "hidden_after": run},
    )


def source_card(
    index: int, document: dict[str, Any], label: str | None = None, anchors: frozenset[int] = frozenset()
) -> SourceCard:
    """A source card from one of web/sources.py's documents (an excerpt, or a page of the whole article).

    `label`: the source's name (render.document_labels); `anchors`: sentences of this article the brief links to besides its sources (figures that differ);
    a collapsed card keeps them in view."""
    source_sentences = [
        SourceSentence(index, position, text, *(role or (None, None)))
        for position, text, role in zip(document["shown"], document["sentences"], document["roles"])
    ]
    paragraphs, skipped, after = _paragraphs(
        source_sentences, document.get("paragraphs") or [], document["sentence_count"], bool(document.get("page"))
    )
    collapsed: dict[str, Any] = {}
    if not document.get("page") and len(source_sentences) == document["sentence_count"]:
        found = _collapse(source_sentences, paragraphs, anchors)
        if found:
            source_sentences, paragraphs, collapsed = found
    return SourceCard(
        index=index,
        label=label or document.get("label") or f"Article {index + 1}",
        title=document["title"],
        name=document["name"],
        url=document["url"],
        link=safe_url(document["url"]),
        date=document["date"],
        place=document.get("place") or "",
        sentences=tuple(source_sentences),
        removed=_removed_groups(document["removed"], document.get("removed_counts", {})),
        used=document["used_count"],
        paragraphs=paragraphs,
        sentence_count=document["sentence_count"],
        skipped=skipped,
        skipped_after=after,
        page=document.get("page", 0),
        pages=document.get("pages") or -(-document["sentence_count"] // ARTICLE_PAGE_SENTENCES),
        **_language_of(document.get("language")),
        left_out=document.get("left_out"),
        **collapsed,
    )


def _language_of(code: str | None) -> dict[str, Any]:
    """A card's language fields from its detected code; briefs saved before detection have none."""
    if not code:
        return {}
    row = find_language(code)
    return {"language": code, "language_label": row.label if row else code, "rtl": bool(row and row.rtl)}


def shrink_percent(word_count: int, input_words: int) -> str:
    """How much shorter the brief is than its input, in percent as shown before "%": rounded, except that it
    never rounds to 100 while the brief has words (120 words of 127,184: ">99", not "100"), nor to 0 while
    it is shorter at all ("<1")."""
    if not input_words or word_count >= input_words:
        return "0"
    percent = 100 * (1 - word_count / input_words)
    if word_count and percent > 99:
        return ">99"
    return "<1" if percent < 1 else str(round(percent))


def brief_view(data: dict[str, Any]) -> BriefView:
    """The brief page's view of a brief: a `Brief.to_dict()`, or the bounded copy of it that
    web/sources.page_data() makes (and the store keeps); the first is cut down to the second here."""
    if data.get("page_version") != PAGE_VERSION:
        data = page_data(data)
    sentences = data["summary"]["sentences"]
    labels = document_labels(data["documents"])
    lines = []
    for number, sentence in enumerate(sentences):
        refs = tuple((r["document"], r["sentence"]) for r in sentence["sources"])
        first: dict[int, int] = {}
        for doc, index in refs:
            first.setdefault(doc, index)
        lines.append(
            BriefLine(number, sentence["text"], sentence["support"], refs, tuple(first), tuple(first.items()),
                      _dispute_links(sentence, labels), sentence.get("dateline") or "")
        )

    anchors: dict[int, set[int]] = {}  # sentences "Sources differ" links to, kept in view by collapsed cards
    for line in lines:
        for dispute in line.disputes:
            anchors.setdefault(dispute.document, set()).add(dispute.sentence)
    cards = [
        source_card(index, document, labels[index], frozenset(anchors.get(index, ())))
        for index, document in enumerate(data["documents"])
    ]

    word_count = data["summary"]["word_count"]
    input_words = data.get("input_words", 0)
    return BriefView(
        lines=tuple(lines),
        sources=tuple(cards),
        word_count=word_count,
        input_words=input_words,
        shrink=shrink_percent(word_count, input_words),
        total_sources=sum(1 for d in data["documents"] if d["sentence_count"]),
        notes=tuple(data.get("notes", ())),
        algorithm=algorithm_label(data["algorithm"]),
        language=data["language"],
        plain_text=to_text(Brief.from_dict(data)),
    )
