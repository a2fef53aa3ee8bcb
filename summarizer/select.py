"""Select stage: scored groups and a length budget -> the groups the brief will say.

Never two sentences of one group (a group is one fact), never over the word budget. With concept
weights the choice is greedy, length-aware coverage: each step takes the sentence adding the most
not-yet-covered concept weight per word, so a fact already said earns nothing the second time.
Without them (sumy's rankers) it is maximal marginal relevance on sentence similarity.
"""

from __future__ import annotations

import heapq

from .group import sentence_features
from .score import Scoring
from .types import ScoredGroup

# Gain is divided by length ** LENGTH_EXPONENT: 1 would favour short sentences, 0 long ones.
# On duc2003 (bench/quality.py, R-1/R-2): 0.4 38.1/10.4, 0.5 38.3/10.8, 0.6 38.0/10.5, 1.0 35.4/8.8.
LENGTH_EXPONENT = 0.5
# Static score breaks ties between sentences covering the same concepts.
SCORE_TIE_WEIGHT = 1e-3
# MMR: a candidate this similar (Jaccard of stems and stem pairs) to a chosen sentence is skipped.
MMR_MAX_SIMILARITY = 0.4


def _words(scored: ScoredGroup) -> int:
    return scored.group.representative.word_count


def _budget_allows(words_used: int, count: int, extra_words: int, max_words: int | None, max_sentences: int | None) -> bool:
    if max_sentences is not None and count + 1 > max_sentences:
        return False
    return max_words is None or words_used + extra_words <= max_words


def _select_by_coverage(scoring: Scoring, candidates: list[ScoredGroup], max_words, max_sentences) -> list[ScoredGroup]:
    """Lazy greedy (Minoux): a candidate's gain can only shrink as concepts get covered, so a stale
    gain is an upper bound and only the heap's top needs recomputing. Same choice as plain greedy."""
    weights = scoring.concept_weights
    covered: set[str] = set()

    def value(candidate: ScoredGroup) -> float:
        gain = sum(weights[c] for c in scoring.concepts[candidate.group.id] if c not in covered)
        return (gain + SCORE_TIE_WEIGHT * candidate.score) / _words(candidate) ** LENGTH_EXPONENT

    heap = [(-value(c), position, c) for position, c in enumerate(candidates)]
    heapq.heapify(heap)
    chosen: list[ScoredGroup] = []
    words_used = 0
    while heap:
        _, position, candidate = heapq.heappop(heap)
        if not _budget_allows(words_used, len(chosen), _words(candidate), max_words, max_sentences):
            if max_sentences is not None and len(chosen) >= max_sentences:
                break
            continue  # too long now, and the budget only shrinks
        fresh = value(candidate)
        if heap and fresh < -heap[0][0]:
            heapq.heappush(heap, (-fresh, position, candidate))
            continue
        chosen.append(candidate)
        words_used += _words(candidate)
        covered |= scoring.concepts[candidate.group.id]
    return chosen


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _select_by_mmr(candidates: list[ScoredGroup], max_words, max_sentences) -> list[ScoredGroup]:
    chosen: list[ScoredGroup] = []
    features: list[set[str]] = []
    words_used = 0
    for candidate in sorted(candidates, key=lambda s: -s.score):
        length = _words(candidate)
        if not _budget_allows(words_used, len(chosen), length, max_words, max_sentences):
            if max_sentences is not None and len(chosen) >= max_sentences:
                break
            continue
        mine = sentence_features(candidate.group.representative)
        if any(_jaccard(mine, other) >= MMR_MAX_SIMILARITY for other in features):
            continue
        chosen.append(candidate)
        features.append(mine)
        words_used += length
    return chosen


def select(scoring: Scoring, max_words: int | None, max_sentences: int | None) -> tuple[ScoredGroup, ...]:
    """Choose groups within the budget. Falls back to any group when no eligible one fits, so a short
    input still gets a brief rather than nothing."""
    candidates = [s for s in scoring.groups if s.group.id in scoring.eligible]
    if not any(_budget_allows(0, 0, _words(c), max_words, max_sentences) for c in candidates):
        candidates = [s for s in scoring.groups if not s.group.representative.is_heading] or list(scoring.groups)
    if scoring.concept_weights:
        chosen = _select_by_coverage(scoring, candidates, max_words, max_sentences)
        if chosen:
            return tuple(chosen)
    return tuple(_select_by_mmr(candidates, max_words, max_sentences))
