"""Score stage: duplicate groups -> salience scores, by our consensus method or a sumy algorithm.

The default, "consensus", is the product's own idea: a fact is worth what the *articles* agree it is
worth. It rates word-pair concepts by how many documents use them (with a bonus for appearing in an
article's opening), so a sentence scores by the shared concepts it carries; selection then covers
as many of those concepts as the budget allows, each counted once. sumy's algorithms run on the same
cleaned, segmented input through an adapter that reads their per-sentence ratings.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .segment import stemmer, stop_words
from .types import Group, ScoredGroup, SegmentedDocument, Sentence

DEFAULT_ALGORITHM = "consensus"

# Tuned on duc2003 with bench/quality.py and checked on multiling2011_en (README "Quality"):
# - a concept counts when at least this share of the documents use it (and at least 2 do), and weighs
#   1 at that threshold plus 1 for every further document: concepts only a few articles share add
#   little, the story's core adds much. Share 0.2 / 0.3 / 0.4 gave R-1 36.7 / 38.1 / 37.7 on duc2003;
CONCEPT_MIN_DOCUMENT_SHARE = 0.3
# - a concept used in one of an article's first LEAD_SENTENCES sentences weighs LEAD_BONUS more for
#   that article: news puts its core first (0.5 / 1 / 2 gave R-1 38.0 / 37.9 / 37.6 on duc2003);
LEAD_SENTENCES = 3
LEAD_BONUS = 0.5
# - sentences shorter than this many words are not chosen: they rarely stand alone.
MIN_SENTENCE_WORDS = 8
MAX_SENTENCE_WORDS = 60
# - sumy's KL-Sum ranks this many sentences and no more (see _bounded_kl): more than a brief uses.
KL_MAX_PICKS = 30
# - a sentence opening on a word that points back ("He said", "They are", "But") needs the sentence
#   before it, which a brief may not carry; such sentences are not chosen (no ROUGE cost on duc2003).
DANGLING_OPENERS = frozenset(
    "he she him his her they it this these those their its but and also however meanwhile still yet".split()
)


@dataclass(frozen=True)
class Scoring:
    """Scores for every group, plus the concept weights coverage-based selection needs.

    `concept_weights` is empty for methods that only rank sentences; selection then falls back
    to maximal marginal relevance on sentence similarity.
    """

    groups: tuple[ScoredGroup, ...]
    concepts: dict[int, frozenset[str]]  # group id -> concepts its representative carries
    concept_weights: dict[str, float]
    eligible: frozenset[int]  # ids of groups whose representative may stand in a brief


def is_eligible(sentence: Sentence) -> bool:
    """A brief sentence must read as a sentence: not a headline, not a fragment, not a run-on list."""
    words = sentence.word_count
    text = sentence.text
    return (
        not sentence.is_heading
        and MIN_SENTENCE_WORDS <= words <= MAX_SENTENCE_WORDS
        and not text.endswith((":", ","))
        and text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and not (sentence.words and sentence.words[0] in DANGLING_OPENERS)
    )


def sentence_concepts(sentence: Sentence, language: str) -> frozenset[str]:
    """Stemmed word pairs that are not both stop words: units of fact more telling than single words."""
    stops = stop_words(language)
    stem = stemmer(language)
    words = sentence.words
    stems = [stem(w) for w in words]
    return frozenset(
        f"{stems[i]} {stems[i + 1]}"
        for i in range(len(words) - 1)
        if not (words[i] in stops and words[i + 1] in stops) and not (words[i].isdigit() and words[i + 1].isdigit())
    )


def _concept_weights(
    documents: Sequence[SegmentedDocument], per_sentence: dict[tuple[int, int], frozenset[str]]
) -> dict[str, float]:
    document_frequency: Counter[str] = Counter()
    lead_frequency: Counter[str] = Counter()
    for doc in documents:
        seen: set[str] = set()
        lead: set[str] = set()
        body = [s for s in doc.sentences if not s.is_heading]
        for position, sentence in enumerate(body):
            concepts = per_sentence[(sentence.document, sentence.index)]
            seen |= concepts
            if position < LEAD_SENTENCES:
                lead |= concepts
        document_frequency.update(seen)
        lead_frequency.update(lead)

    n_documents = sum(1 for d in documents if d.sentences)
    if n_documents >= 2:
        min_df = max(2, math.ceil(CONCEPT_MIN_DOCUMENT_SHARE * n_documents))
        return {
            c: (df - min_df + 1) + LEAD_BONUS * lead_frequency[c]
            for c, df in document_frequency.items()
            if df >= min_df
        }
    # One article: no agreement to measure, so concepts it repeats stand in; failing those, all of them.
    counts: Counter[str] = Counter(c for concepts in per_sentence.values() for c in concepts)
    repeated = {c: n + LEAD_BONUS * lead_frequency[c] for c, n in counts.items() if n >= 2}
    return repeated or {c: 1.0 + LEAD_BONUS * lead_frequency[c] for c in counts}


def _best_wording(group: Group, weight_of) -> Group:
    """Show the member that carries the most shared concepts per word: of several wordings of one
    fact, the tightest (+0.2 R-1 on duc2003, +1.5 on multiling)."""
    if len(group.members) == 1:
        return group
    best = max(group.members, key=lambda m: (is_eligible(m), weight_of(m) / max(1, m.word_count) ** 0.5,
                                             -m.index, -m.document))
    if best is group.members[0]:
        return group
    return Group(id=group.id, members=(best, *(m for m in group.members if m is not best)))


def _consensus(documents: Sequence[SegmentedDocument], groups: Sequence[Group], language: str) -> Scoring:
    per_sentence = {
        (s.document, s.index): sentence_concepts(s, language) for doc in documents for s in doc.sentences
    }
    weights = _concept_weights(documents, per_sentence)

    def weight_of(sentence: Sentence) -> float:
        return sum(weights.get(c, 0.0) for c in per_sentence[(sentence.document, sentence.index)])

    concepts_of: dict[int, frozenset[str]] = {}
    scored = []
    for group in groups:
        group = _best_wording(group, weight_of)
        rep = group.representative
        concepts_of[group.id] = frozenset(c for c in per_sentence[(rep.document, rep.index)] if c in weights)
        density = weight_of(rep) / max(1, rep.word_count)
        scored.append(ScoredGroup(group=group, score=density * (1 + math.log(group.support))))
    eligible = frozenset(s.group.id for s in scored if is_eligible(s.group.representative))
    return Scoring(groups=tuple(scored), concepts=concepts_of, concept_weights=weights, eligible=eligible)


class _SumyTokenizer:
    """sumy asks a tokenizer for sentences and words; ours are already split, so this only hands words over."""

    def __init__(self, words_by_text: dict[str, tuple[str, ...]]):
        self._words_by_text = words_by_text

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return self._words_by_text.get(sentence, ())


def _sumy_ratings(summarizer, document) -> dict:
    """Run a sumy summariser and keep the ratings it computed, which its public call throws away."""
    captured: dict = {}

    def capture(sentences, count, rating, *args, **kwargs):
        rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
        for sentence in sentences:
            captured[sentence] = float(rate(sentence))
        return ()

    summarizer._get_best_sentences = capture
    with np.errstate(all="ignore"):  # LexRank divides by a zero norm on degenerate input; NaN is handled below
        summarizer(document, len(document.sentences))
    return captured


def _bounded_kl():
    """sumy's KL-Sum ranks every sentence, one greedy pass per sentence: quadratic, about 17 s on a
    10-article cluster. A brief never needs more than KL_MAX_PICKS of them, so ranking stops there
    and the rest share the lowest rating. The passes themselves are sumy's own methods."""
    from sumy.summarizers.kl import KLSummarizer

    class BoundedKLSummarizer(KLSummarizer):
        def _compute_ratings(self, sentences):
            document_frequencies = self.compute_tf(sentences)
            remaining = list(sentences)
            remaining_words = [self._get_content_words_in_sentence(s) for s in remaining]
            summary_words: list[str] = []
            ratings = {}
            while remaining and len(ratings) < KL_MAX_PICKS:
                divergences = [
                    self._kl_divergence(self._joint_freq(words, summary_words), document_frequencies)
                    for words in remaining_words
                ]
                best = self._find_index_of_best_sentence(divergences)
                summary_words += self._normalize_words(remaining[best].words)
                ratings[remaining.pop(best)] = -len(ratings)
                del remaining_words[best]
            for sentence in remaining:
                ratings[sentence] = -KL_MAX_PICKS
            return ratings

    return BoundedKLSummarizer


def _sumy_scorer(factory: Callable[[], object]):
    def score(documents: Sequence[SegmentedDocument], groups: Sequence[Group], language: str) -> Scoring:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        words_by_text = {s.text: s.words for d in documents for s in d.sentences}
        tokenizer = _SumyTokenizer(words_by_text)
        paragraphs = []
        for doc in documents:
            sentences = [SumySentence(s.text, tokenizer, s.is_heading) for s in doc.sentences]
            if sentences:
                paragraphs.append(Paragraph(sentences))
        # Our stemmer: the same stems as the rest of the pipeline, cached per word (sumy's is not).
        summarizer = factory()(stemmer(language))
        summarizer.stop_words = stop_words(language)
        ratings = _sumy_ratings(summarizer, ObjectDocumentModel(paragraphs)) if paragraphs else {}
        by_text = {str(sentence): value for sentence, value in ratings.items()}
        finite = [v for v in by_text.values() if math.isfinite(v)]
        floor = min(finite) if finite else 0.0
        scored = []
        for group in groups:
            values = [by_text.get(m.text, floor) for m in group.members]
            best = max((v if math.isfinite(v) else floor) for v in values)
            scored.append(ScoredGroup(group=group, score=best))
        eligible = frozenset(g.id for g in groups if is_eligible(g.representative))
        return Scoring(groups=tuple(scored), concepts={}, concept_weights={}, eligible=eligible)

    return score


def _lead(documents: Sequence[SegmentedDocument], groups: Sequence[Group], language: str) -> Scoring:
    """Baseline: first sentences of each article in turn (the lead-k of news summarisation)."""
    scored = [ScoredGroup(group=g, score=1.0 / (1 + g.representative.index)) for g in groups]
    eligible = frozenset(g.id for g in groups if not g.representative.is_heading)
    return Scoring(groups=tuple(scored), concepts={}, concept_weights={}, eligible=eligible)


def _lazy(module: str, name: str) -> Callable[[], object]:
    def load():
        import importlib

        return getattr(importlib.import_module(module), name)

    return load


ALGORITHMS: dict[str, Callable[[Sequence[SegmentedDocument], Sequence[Group], str], Scoring]] = {
    "consensus": _consensus,
    "lexrank": _sumy_scorer(_lazy("sumy.summarizers.lex_rank", "LexRankSummarizer")),
    "textrank": _sumy_scorer(_lazy("sumy.summarizers.text_rank", "TextRankSummarizer")),
    "lsa": _sumy_scorer(_lazy("sumy.summarizers.lsa", "LsaSummarizer")),
    "luhn": _sumy_scorer(_lazy("sumy.summarizers.luhn", "LuhnSummarizer")),
    "kl": _sumy_scorer(_bounded_kl),
    "sumbasic": _sumy_scorer(_lazy("sumy.summarizers.sum_basic", "SumBasicSummarizer")),
    "lead": _lead,
}
_ALIASES = {"default": DEFAULT_ALGORITHM, "kl-sum": "kl", "klsum": "kl", "sum-basic": "sumbasic"}


def algorithm_names() -> list[str]:
    return list(ALGORITHMS)


def resolve_algorithm(name: str) -> str | None:
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in ALGORITHMS else None


def score(documents: Sequence[SegmentedDocument], groups: Sequence[Group], algorithm: str, language: str) -> Scoring:
    return ALGORITHMS[algorithm](documents, groups, language)
