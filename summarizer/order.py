"""Order stage: chosen groups -> the order the brief reads in.

By the date of the article a sentence comes from where dates are known (older news first), then by
how early the sentence stands in its article, so leads come before details.
"""

from __future__ import annotations

from collections.abc import Sequence

from .types import Document, ScoredGroup


def order(chosen: Sequence[ScoredGroup], documents: Sequence[Document]) -> tuple[ScoredGroup, ...]:
    def key(scored: ScoredGroup):
        first = min(scored.group.members, key=lambda m: (documents[m.document].date or "9999", m.index))
        return (documents[first.document].date or "9999", first.index, first.document)

    return tuple(sorted(chosen, key=key))
