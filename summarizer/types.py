"""Typed records handed from one pipeline stage to the next.

Every stage takes and returns these frozen dataclasses, so a stage can be tested alone
and nothing downstream depends on how an earlier stage did its work.
A sentence's identity is (document index, sentence index), never its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .language.words import count_words


@dataclass(frozen=True)
class Removed:
    """A piece of input that cleaning took out, with the reason a reader can check."""

    kind: str  # "boilerplate" | "repeated paragraph" | "metadata" | "caption" | "related links"
    reason: str
    text: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "reason": self.reason, "text": self.text}


@dataclass(frozen=True)
class Document:
    """One article: its text and what is known about it.

    `text` keeps paragraphs separated by blank lines; a paragraph that is one line without
    final punctuation is treated as a headline by segmentation.
    """

    text: str
    title: str = ""
    url: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) where it could be read
    name: str = ""  # file name the document came from, if any
    removed: tuple[Removed, ...] = ()
    outlet: str = ""  # who published it, where it could be read ("Kyodo", "NHK World"); "" when unknown
    place: str = ""  # where it was filed, as its dateline gave it ("Nicosia, Cyprus"); "" when it had none
    # The title was given by the person (a box's title, an API title), not read from the article: it then
    # names the source ahead of the outlet (render.source_label); a headline read from a page does not.
    title_typed: bool = False


@dataclass(frozen=True)
class Difference:
    """A figure (or name) two reports give differently: as the brief's sentence says it, as the source does."""

    brief: str
    source: str

    def to_dict(self) -> dict:
        return {"brief": self.brief, "source": self.source}


@dataclass(frozen=True)
class Dispute:
    """A source sentence that reports the same thing with other figures: not support, but dissent."""

    document: int
    sentence: int
    differs: tuple[Difference, ...]

    def to_dict(self) -> dict:
        return {"document": self.document, "sentence": self.sentence, "differs": [d.to_dict() for d in self.differs]}

    @classmethod
    def from_dict(cls, data: dict) -> Dispute:
        differs = tuple(Difference(d["brief"], d["source"]) for d in data["differs"])
        return cls(data["document"], data["sentence"], differs)


@dataclass(frozen=True)
class Sentence:
    """A unit of text in one document, with the tokens later stages need."""

    document: int
    index: int  # position in its document, 0-based, counted over all its sentences
    text: str
    paragraph: int = 0
    words: tuple[str, ...] = ()  # lower-cased word tokens, punctuation dropped
    stems: tuple[str, ...] = ()  # stems of `words` that are not stop words
    is_heading: bool = False
    disputes: tuple[Dispute, ...] = ()  # sentences of other articles giving its figures other values (facts.py)
    report: int | None = None  # the first of its document's versions, where several are one report (group.reports)

    @property
    def source(self) -> int:
        """The report it comes from: its document, or the first version of it (versions of one wire story
        are one source, however many outlets printed it)."""
        return self.document if self.report is None else self.report

    @cached_property
    def word_count(self) -> int:
        """Words as budgets count them; counted once, as selection asks for it at every step."""
        return count_words(self.text)


@dataclass(frozen=True)
class SegmentedDocument:
    document: Document
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Group:
    """Sentences that say the same thing, across or within documents.

    `members[0]` is the representative: the wording a brief would show.
    `support` counts distinct sources among the members: documents, with versions of one report once.
    """

    id: int
    members: tuple[Sentence, ...]

    @property
    def representative(self) -> Sentence:
        return self.members[0]

    @property
    def support(self) -> int:
        return len({m.source for m in self.members})


@dataclass(frozen=True)
class ScoredGroup:
    group: Group
    score: float


@dataclass(frozen=True)
class SourceRef:
    document: int
    sentence: int

    def to_dict(self) -> dict:
        return {"document": self.document, "sentence": self.sentence}


@dataclass(frozen=True)
class BriefSentence:
    text: str
    score: float
    support: int
    sources: tuple[SourceRef, ...]  # sources[0] is the sentence whose wording is shown
    disputed_by: tuple[Dispute, ...] = ()  # other articles' sentences giving its figures other values
    dateline: str = ""  # where its "here" is and which day its "today" is, from its source (dateline.py); else ""

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "score": round(self.score, 6),
            "support": self.support,
            "sources": [s.to_dict() for s in self.sources],
            "disputed_by": [d.to_dict() for d in self.disputed_by],
            "dateline": self.dateline,
        }


@dataclass(frozen=True)
class DocumentView:
    """What the brief keeps of a source: enough to show it beside the brief."""

    title: str
    url: str | None
    date: str | None
    name: str
    sentences: tuple[str, ...]
    removed: tuple[Removed, ...]
    paragraphs: tuple[int, ...] = ()  # the paragraph of each sentence, so a view can lay the text out
    outlet: str = ""
    place: str = ""  # its dateline's place: where its "here" is, once cleaning took the dateline off
    label: str = ""  # the source's name in badges, downloads and JSON, unique in its brief (render.source_labels)
    language: str | None = None  # ISO 639 code found in its text (language.detect); None when empty or unknown
    left_out: str | None = None  # why it was not summarised (another language), else None

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "url": self.url,
            "date": self.date,
            "name": self.name,
            "outlet": self.outlet,
            "place": self.place,
            "label": self.label,
            "language": self.language,
            "left_out": self.left_out,
            "sentences": list(self.sentences),
            "paragraphs": list(self.paragraphs),
            "removed": [r.to_dict() for r in self.removed],
        }


@dataclass(frozen=True)
class Brief:
    sentences: tuple[BriefSentence, ...]
    documents: tuple[DocumentView, ...]
    algorithm: str
    language: str
    input_words: int = 0
    notes: tuple[str, ...] = field(default=())  # e.g. files that could not be read

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def word_count(self) -> int:
        return sum(count_words(s.text) for s in self.sentences)

    @classmethod
    def from_dict(cls, data: dict) -> Brief:
        """Rebuild a Brief from `to_dict()`'s JSON, e.g. a saved one, so it can be rendered again."""
        return cls(
            sentences=tuple(
                BriefSentence(
                    text=s["text"],
                    score=s.get("score", 0.0),
                    support=s["support"],
                    sources=tuple(SourceRef(r["document"], r["sentence"]) for r in s["sources"]),
                    disputed_by=tuple(Dispute.from_dict(d) for d in s.get("disputed_by", ())),
                    dateline=s.get("dateline") or "",  # absent from briefs saved before datelines
                )
                for s in data["summary"]["sentences"]
            ),
            documents=tuple(
                DocumentView(
                    title=d["title"],
                    url=d["url"],
                    date=d["date"],
                    name=d.get("name", ""),
                    sentences=tuple(d["sentences"]),
                    removed=tuple(Removed(r["kind"], r["reason"], r["text"]) for r in d["removed"]),
                    paragraphs=tuple(d.get("paragraphs", ())),
                    outlet=d.get("outlet") or "",
                    place=d.get("place") or "",  # absent from briefs saved before datelines were kept
                    label=d.get("label") or "",  # "" in briefs saved before labels: render.document_labels derives it
                    language=d.get("language"),  # absent from briefs saved before detection
                    left_out=d.get("left_out"),
                )
                for d in data["documents"]
            ),
            algorithm=data["algorithm"],
            language=data["language"],
            input_words=data.get("input_words", 0),
            notes=tuple(data.get("notes", ())),
        )

    def to_dict(self) -> dict:
        """The JSON shape shared by the CLI (`--format json`) and the web API."""
        return {
            "summary": {
                "text": self.text,
                "word_count": self.word_count,
                "sentences": [s.to_dict() for s in self.sentences],
            },
            "documents": [d.to_dict() for d in self.documents],
            "algorithm": self.algorithm,
            "language": self.language,
            "input_words": self.input_words,
            "notes": list(self.notes),
        }
