"""Group stage: sentences of all documents -> groups of sentences that say the same thing.

Exact repeats, wire copies with small edits and close paraphrases land in one group with every
source location kept, so the brief can say a fact once and credit every article that said it.
Work grows with the similar pairs found, never with the square of the sentences: exact repeats are
joined by their words in one pass, and close wordings are compared only when they share a rare feature
(`similar_pairs`), within the bounds of a `WorkBudget`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from .budget import WorkBudget
from .language.words import QUOTATION, words_of
from .types import Group, SegmentedDocument, Sentence

# Cosine similarity of content-stem vectors (unigrams + bigrams, binary) at or above which two
# sentences are one fact. Chosen on the example pair and DUC clusters: 0.55 joins wire copies
# with a changed clause and reworded leads; 0.45 began to join distinct facts about one person.
DUPLICATE_SIMILARITY = 0.55
# Sentences this short only join exact (stem-identical) repeats; short ones share too little to judge.
MIN_STEMS_FOR_FUZZY = 4
# Two documents are copies of one article when at least this share of the longer one's sentences are the
# same sentences (same words, same order): one article pasted twice, or sent out twice by one agency, is
# one report, whatever its count of sentences. Near-copies with a paragraph changed stay reports of their
# own: the threshold leaves room for a dropped caption or a corrected figure, not for an update's new facts.
COPY_SHARE = 0.9
# Two documents are versions of one report when at least this share of the shorter one's sentences (of
# REPORT_MIN_WORDS words or more), and two at least, stand word for word in the other: one was written
# from the other (a wire story and its write-through, or one agency's copy as two papers trimmed it). What
# they share is one source's word, so it counts once as support; each keeps its own sentences. Another
# outlet's report of the same event shares a quoted statement or two, rarely half of its sentences.
REPORT_SHARE = 0.5
REPORT_MIN_WORDS = 6
REPORT_MIN_SHARED = 2
# A quotation of fewer words is a title or a scare quote ("Star Wars"), not a statement of its own.
MIN_QUOTE_WORDS = 3
# similar_pairs reads the clock once per this many sentences.
_CLOCK_EVERY = 512


def sentence_features(sentence: Sentence) -> set[str]:
    """Content stems and adjacent stem pairs: pairs keep "Japan helps Ukraine" apart from its reverse."""
    stems = sentence.stems
    return set(stems) | {f"{a} {b}" for a, b in zip(stems, stems[1:])}


def _feature_key(stems: tuple[str, ...]) -> frozenset[str]:
    """`sentence_features` as one frozenset, built without the intermediate sets (grouping's hot loop)."""
    return frozenset((*stems, *(f"{a} {b}" for a, b in zip(stems, stems[1:]))))


def _prefix_length(size: int, threshold: float) -> int:
    """How many of a sentence's rarest features must be indexed so no pair at `threshold` is missed.

    Binary cosine o / sqrt(|A||B|) >= t needs |B| >= t²|A|, so an overlap o >= t²|A|; two sets sharing
    o features share one among the first |A| - o + 1 of each (prefix filtering, Bayardo et al. 2007).
    """
    needed = math.ceil(threshold * threshold * size - 1e-9)
    return max(1, size - needed + 1)


def similar_pairs(
    sentences: Sequence[Sentence], threshold: float = DUPLICATE_SIMILARITY, budget: WorkBudget | None = None
) -> list[tuple[int, int, float]]:
    """Pairs of sentences whose features (`sentence_features`) have a cosine of at least `threshold`.

    Only sentences that share one of their rarest features are compared (features ordered by how many
    sentences hold them), which finds every pair an all-pairs comparison would, in time that grows with
    the pairs rather than the square of the sentences. Two bounds from the budget make the work linear
    for any input, and only bind on input that repeats itself far more than news does: the index keeps
    the first `budget.max_feature_sentences` holders of each feature, and each sentence is compared with
    at most `budget.max_pairs_per_sentence` earlier ones, those sharing its rarest features first. A
    sentence past both bounds may then miss pairs, never all of them when a near-copy came early.
    Sentences with identical features are each paired with the first of them only.

    Args:
        sentences: the sentences to compare, in any order; indices in the answer point into it.
        threshold: the least cosine reported, in (0, 1].
        budget: the bounds above and a deadline; the defaults when None.

    Returns:
        (i, j, cosine) with i < j, sorted; sentences without features are in no pair.

    Raises:
        TooMuchWorkError: the budget's deadline passed.
        ValueError: `threshold` is not in (0, 1].
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}.")
    budget = budget or WorkBudget()
    pairs: list[tuple[int, int, float]] = []

    # Sentences with the same features are one candidate; the later ones pair with the first.
    first_with: dict[frozenset[str], int] = {}
    distinct: list[int] = []
    features: list[frozenset[str]] = []
    for i, sentence in enumerate(sentences):
        key = _feature_key(sentence.stems)
        if not key:
            continue
        first = first_with.setdefault(key, i)
        if first == i:
            distinct.append(i)
            features.append(key)
        else:
            pairs.append((first, i, 1.0))

    # Features ranked rarest first (ties by first use): one global order, as prefix filtering needs.
    held_by: dict[str, int] = {}
    for key in features:
        for feature in key:
            held_by[feature] = held_by.get(feature, 0) + 1
    spread = len(held_by) + 1
    rank = {feature: count * spread + order for order, (feature, count) in enumerate(held_by.items())}
    shared = 2 * spread  # ranks from here on belong to features two or more sentences hold
    max_holders = budget.max_feature_sentences
    max_pairs = budget.max_pairs_per_sentence

    postings: dict[int, list[int]] = {}  # feature rank -> positions in `distinct` holding it in their prefix
    for position, key in enumerate(features):
        if position % _CLOCK_EVERY == 0:
            budget.check_time("grouping repeated sentences")
        size = len(key)
        # A feature no other sentence holds finds no pair: leave it out (it would sort first anyway).
        ranks = [r for r in map(rank.__getitem__, key) if r >= shared]
        length = _prefix_length(size, threshold) - (size - len(ranks))
        if length <= 0:
            continue
        ranks.sort()
        candidates: dict[int, None] = {}  # insertion-ordered: rarest shared feature first
        for feature in ranks[:length]:
            holders = postings.setdefault(feature, [])
            if len(candidates) < max_pairs:
                for other in holders:
                    candidates[other] = None
                    if len(candidates) >= max_pairs:
                        break
            if len(holders) < max_holders:
                holders.append(position)
        for other in candidates:
            other_key = features[other]
            cosine = len(key & other_key) / math.sqrt(size * len(other_key))
            if cosine >= threshold:
                pairs.append((distinct[other], distinct[position], cosine))
    pairs.sort()
    return pairs


def quoted_words(sentence: Sentence) -> frozenset[str]:
    """The words a sentence quotes (all its quotations), if they make a statement; else empty."""
    spans = [next(part for part in match.groups() if part) for match in QUOTATION.finditer(sentence.text)]
    words = frozenset(word for span in spans for word in words_of(span))
    return words if len(words) >= MIN_QUOTE_WORDS else frozenset()


def quote_different_things(a: Sentence, b: Sentence) -> bool:
    """Two sentences that each quote a statement, and not the same one, say two things.

    "We are a very vulnerable group," said Audrey Horne, president of the Autism Society of America,
    and "Autism causes such a broad spectrum," said Audrey Horne, president of ..., share most of
    their words and say different things. A quotation is verbatim, so one statement quoted twice
    keeps its words: here the shorter quotation must share at least half of its words with the other
    (an article may quote only part of what another quotes in full).
    """
    qa, qb = quoted_words(a), quoted_words(b)
    return bool(qa and qb) and len(qa & qb) < 0.5 * min(len(qa), len(qb))


def is_question(sentence: Sentence) -> bool:
    """A sentence that asks ("Can you get West Nile virus from birds?"), by its own last mark: a question
    it quotes ('"Why now?" he asked.') is a report that someone asked."""
    return sentence.text.rstrip().rstrip("\"”»’)").endswith(("?", "？", "؟", "\u037e"))


def say_different_things(a: Sentence, b: Sentence) -> bool:
    """Sentences close in their words that still say different things: a question beside a statement
    (a question asserts nothing, so it confirms nothing: "Can you get West Nile encephalitis from another
    person?" is no report that "West Nile encephalitis is NOT transmitted from person-to-person"), or
    two different quotations (`quote_different_things`)."""
    return is_question(a) != is_question(b) or quote_different_things(a, b)


def _representative_key(sentence: Sentence) -> tuple[int, int]:
    """Earliest in its article wins: leads are the most self-contained wording."""
    return (sentence.index, sentence.document)


def group_sentences(documents: Sequence[SegmentedDocument], budget: WorkBudget | None = None) -> tuple[Group, ...]:
    """Cluster near-identical sentences with union-find over exact repeats and `similar_pairs`.

    Args:
        documents: every document's sentences; a group may span documents.
        budget: bounds the pair search and carries the deadline; the defaults when None.

    Returns:
        One group per fact, numbered in order of its earliest sentence, members ordered lead first.

    Raises:
        TooMuchWorkError: the budget's deadline passed.
    """
    sentences = [s for d in documents for s in d.sentences]
    if not sentences:
        return ()
    parent = list(range(len(sentences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    # Exact repeats (the same words, ignoring case and punctuation), whatever their length.
    first_with: dict[tuple[str, ...], int] = {}
    for i, sentence in enumerate(sentences):
        key = sentence.words
        if key in first_with:
            union(first_with[key], i)
        else:
            first_with[key] = i

    # Close wordings. One sentence per wording is enough: its repeats are already in its group.
    eligible: list[int] = []
    compared: set[tuple[str, ...]] = set()
    for i, sentence in enumerate(sentences):
        if len(sentence.stems) >= MIN_STEMS_FOR_FUZZY and not sentence.is_heading and sentence.words not in compared:
            compared.add(sentence.words)
            eligible.append(i)
    pairs = similar_pairs([sentences[i] for i in eligible], DUPLICATE_SIMILARITY, budget)
    features: dict[int, frozenset[str]] = {}

    def close(i: int, j: int) -> bool:
        """Whether two sentences are as close as `similar_pairs` pairs them."""
        x = features.get(i) or features.setdefault(i, _feature_key(sentences[i].stems))
        y = features.get(j) or features.setdefault(j, _feature_key(sentences[j].stems))
        return bool(x and y) and len(x & y) / math.sqrt(len(x) * len(y)) >= DUPLICATE_SIMILARITY

    for a, b, _ in sorted(pairs, key=lambda pair: -pair[2]):  # the closest wordings join first
        i, j = eligible[a], eligible[b]
        root_i, root_j = find(i), find(j)
        if root_i == root_j or say_different_things(sentences[i], sentences[j]):
            continue
        # A group is one fact: a sentence joins only one close to the group's earliest member too, so
        # that a chain of close pairs ("West Nile virus can cause a range of symptoms." ~ "None tested
        # positive for West Nile virus." ~ ...) does not make fifteen reports of one fact.
        if (root_i, root_j) == (i, j) or close(root_i, root_j):
            union(i, j)

    members: dict[int, list[Sentence]] = {}
    for i, sentence in enumerate(sentences):
        members.setdefault(find(i), []).append(sentence)
    groups = []
    for group_id, root in enumerate(sorted(members)):
        ordered = sorted(members[root], key=_representative_key)
        groups.append(Group(id=group_id, members=tuple(ordered)))
    return tuple(groups)


def copies(documents: Sequence[SegmentedDocument]) -> dict[int, int]:
    """Documents that repeat another, by index -> the index of the one that stands for both.

    Two copies of one article agree on everything, so counting both would make every sentence look
    confirmed by two sources ("reported by 2 sources" of one report) and weigh the copy's story double.
    Of two copies the fuller one stands (an update's extra sentence is kept), the earlier on a tie.
    Sentences are compared by their words, so spacing, punctuation and case do not matter.
    """
    keys = [{s.words for s in d.sentences if s.words} for d in documents]  # words are lower-cased already
    found: dict[int, int] = {}
    for j, mine in enumerate(keys):
        for i in range(j):
            if i in found or not mine or not keys[i]:
                continue
            needed = COPY_SHARE * max(len(mine), len(keys[i]))
            if min(len(mine), len(keys[i])) >= needed and len(mine & keys[i]) >= needed:  # sizes rule most out
                dropped, kept = (i, j) if len(mine) > len(keys[i]) else (j, i)
                found[dropped] = kept
                if dropped == j:
                    break
    # A document that stood for one copy and then gave way to a fuller one hands its copies on.
    for dropped, kept in found.items():
        while kept in found:
            kept = found[kept]
        found[dropped] = kept
    return found


def reports(documents: Sequence[SegmentedDocument]) -> dict[int, int]:
    """Documents that are versions of one report (REPORT_SHARE), by index -> the first version's index.
    Documents of a report of their own are not listed."""
    keys = {i: {s.words for s in d.sentences if len(s.words) >= REPORT_MIN_WORDS} for i, d in enumerate(documents)}
    first = {i: i for i in keys if keys[i]}
    indices = sorted(first)
    for position, j in enumerate(indices):
        for i in indices[:position]:
            needed = max(REPORT_MIN_SHARED, REPORT_SHARE * min(len(keys[i]), len(keys[j])))
            if first[j] != first[i] and len(keys[i] & keys[j]) >= needed:
                old, new = max(first[i], first[j]), min(first[i], first[j])
                first = {k: new if v == old else v for k, v in first.items()}
    versions = Counter(first.values())
    return {i: v for i, v in first.items() if versions[v] > 1}
