"""Segment stage: documents -> sentences with words and stems.

Sentences come from summarizer.language.split, words and stems from summarizer.language.words,
both chosen per language by the table in summarizer.language.
"""

from __future__ import annotations

import re

from .budget import WorkBudget
from .language.split import iter_sentences
from .language import language as language_row
from .language.words import content_stems, count_words, stemmer, stop_words, words_of
from .types import Document, SegmentedDocument, Sentence

__all__ = ["content_stems", "paragraphs_of", "segment", "segment_document", "split_sentences", "stemmer",
           "stop_words", "words_of"]

_FINAL_PUNCTUATION = tuple('.!?…:;"”’)»。！？।؟')


def split_sentences(text: str, language: str = "english") -> list[str]:
    """The sentences of one paragraph (whitespace collapsed), in the named language's rules."""
    return list(iter_sentences(" ".join(text.split()), language_row(language).code))


def _is_heading(paragraph: str) -> bool:
    """A one-line paragraph without final punctuation reads as a headline, not a sentence."""
    line = paragraph.strip()
    return "\n" not in line and not line.endswith(_FINAL_PUNCTUATION) and count_words(line) <= 20


# A title that stands only before a name ("Sen.", "Gov."): a paragraph ending on one was broken inside a
# sentence ("... because they didn't want Sen." / "Max Baucus, D-Mont., to be successful ..."), so it joins the
# next. Not "Col." or "Dr.", which also end a sentence as Colorado and Drive.
_TITLES_BEFORE_NAMES = frozenset("Sen Sens Rep Reps Gov Mr Mrs Ms Messrs Lt Sgt Capt Adm Gen Prof Rev".split())


def _ends_on_title(block: str) -> bool:
    return block[-8:].split()[-1][:-1] in _TITLES_BEFORE_NAMES


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; a text pasted with single newlines only splits on lines."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) == 1 and blocks[0].count("\n") >= 2:
        blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    joined: list[str] = []
    for block in blocks:
        if joined and joined[-1].endswith(".") and block[:1].isupper() and _ends_on_title(joined[-1]):
            joined[-1] += " " + block
        else:
            joined.append(block)
    return joined


def segment_document(
    document: Document, document_index: int, language: str, budget: WorkBudget | None = None, counted: int = 0
) -> SegmentedDocument:
    """Split one document; `counted` sentences of earlier documents count against `budget.max_sentences`.

    Raises:
        TooMuchWorkError: the sentences are more than the budget allows, or its deadline passed.
    """
    budget = budget or WorkBudget()
    code = language_row(language).code
    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(paragraphs_of(document.text)):
        budget.check_time("splitting the articles into sentences")
        if _is_heading(paragraph):
            pieces, heading = [" ".join(paragraph.split())], True
        else:
            pieces, heading = iter_sentences(" ".join(paragraph.split()), code), False
        for piece in pieces:
            words = words_of(piece)
            if not words:
                continue
            budget.check_sentences(counted + len(sentences) + 1)
            if len(sentences) % 1024 == 1023:
                budget.check_time("splitting the articles into sentences")
            sentences.append(
                Sentence(
                    document=document_index,
                    index=len(sentences),
                    text=piece,
                    paragraph=paragraph_index,
                    words=words,
                    stems=content_stems(words, language),
                    is_heading=heading,
                )
            )
    return SegmentedDocument(document=document, sentences=tuple(sentences))


def segment(
    documents: list[Document] | tuple[Document, ...], language: str, budget: WorkBudget | None = None
) -> tuple[SegmentedDocument, ...]:
    """Split every document, within one budget of sentences and time (the defaults when None).

    Raises:
        TooMuchWorkError: the documents hold more sentences than the budget allows, or its deadline passed.
    """
    segmented: list[SegmentedDocument] = []
    counted = 0
    for i, document in enumerate(documents):
        segmented.append(segment_document(document, i, language, budget, counted))
        counted += len(segmented[-1].sentences)
    return tuple(segmented)
