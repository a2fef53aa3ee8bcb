"""Group stage: sentences of all documents -> groups of sentences that say the same thing.

Exact repeats, wire copies with small edits and close paraphrases land in one group with every
source location kept, so the brief can say a fact once and credit every article that said it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix, triu

from .types import Group, SegmentedDocument, Sentence

# Cosine similarity of content-stem vectors (unigrams + bigrams, binary) at or above which two
# sentences are one fact. Chosen on the example pair and DUC clusters: 0.55 joins wire copies
# with a changed clause and reworded leads; 0.45 began to join distinct facts about one person.
DUPLICATE_SIMILARITY = 0.55
# Sentences this short only join exact (stem-identical) repeats; short ones share too little to judge.
MIN_STEMS_FOR_FUZZY = 4


def sentence_features(sentence: Sentence) -> set[str]:
    """Content stems and adjacent stem pairs: pairs keep "Japan helps Ukraine" apart from its reverse."""
    stems = sentence.stems
    return set(stems) | {f"{a} {b}" for a, b in zip(stems, stems[1:])}


def _feature_matrix(sentences: Sequence[Sentence]) -> csr_matrix:
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, sentence in enumerate(sentences):
        for feature in sentence_features(sentence):
            rows.append(row)
            cols.append(vocabulary.setdefault(feature, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float32)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(sentences), max(1, len(vocabulary))))
    norms = np.sqrt(np.asarray(matrix.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1.0 / norms[:, None]))


def _representative_key(sentence: Sentence) -> tuple[int, int]:
    """Earliest in its article wins: leads are the most self-contained wording."""
    return (sentence.index, sentence.document)


def group_sentences(documents: Sequence[SegmentedDocument]) -> tuple[Group, ...]:
    """Cluster near-identical sentences with union-find over similar pairs.

    Pairs come from one sparse product of the normalised feature matrix, so memory grows with the
    number of similar pairs, not with the square of the number of sentences.
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

    eligible = [i for i, s in enumerate(sentences) if len(s.stems) >= MIN_STEMS_FOR_FUZZY and not s.is_heading]
    if len(eligible) > 1:
        matrix = _feature_matrix([sentences[i] for i in eligible])
        similar = triu(matrix @ matrix.T, k=1).tocoo()
        for a, b, value in zip(similar.row, similar.col, similar.data):
            if value >= DUPLICATE_SIMILARITY:
                union(eligible[a], eligible[b])

    members: dict[int, list[Sentence]] = {}
    for i, sentence in enumerate(sentences):
        members.setdefault(find(i), []).append(sentence)
    groups = []
    for group_id, root in enumerate(sorted(members)):
        ordered = sorted(members[root], key=_representative_key)
        groups.append(Group(id=group_id, members=tuple(ordered)))
    return tuple(groups)
