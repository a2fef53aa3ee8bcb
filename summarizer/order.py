"""Order stage: chosen groups -> the order the brief reads in.

The story's lead first (the article opening selection chose: the one that covers most), then the
rest by the date of their article (older news first) and their place in it, so leads come before
details. Undated articles do not go before or after all dated ones: their sentences fall in by
position among the dated ones. A sentence that continues the one before it in its article
(cohesion.py) comes right after that sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .types import ScoredGroup

if TYPE_CHECKING:
    from .score import Scoring

_FAR = 10**9


def _place(scored: ScoredGroup, scoring: Scoring) -> tuple[str | None, int, int]:
    """(date, position, document) of the member a group is placed by: the earliest dated, then earliest."""

    def place(m) -> tuple[str | None, int, int]:
        date = scoring.dates[m.document] if m.document < len(scoring.dates) else None
        return (date, scoring.positions.get((m.document, m.index), _FAR), m.document)

    return min((place(m) for m in scored.group.members), key=lambda p: (p[0] or "9999", *p[1:]))


def order_chosen(
    chosen: Sequence[ScoredGroup], scoring: Scoring, opener_id: int | None = None
) -> tuple[ScoredGroup, ...]:
    """Order groups given in the order selection chose them; `opener_id` is the id of the group selection
    opened on (an article's opening), else the first chosen article lead opens."""
    if not chosen:
        return ()
    ids = {c.group.id for c in chosen}
    group_of = {(m.document, m.index): c.group.id for c in chosen for m in c.group.members}
    leads = [c for c in chosen if c.group.id == opener_id] or [
        c for c in chosen if any(scoring.positions.get((m.document, m.index)) == 0 for m in c.group.members)
    ]
    opener = leads[0] if leads else None

    follows: dict[int, list[ScoredGroup]] = {}  # group id -> groups that continue it
    rest: list[ScoredGroup] = []
    for candidate in chosen:
        if candidate is opener:
            continue
        rep = candidate.group.representative
        leaning = scoring.leanings.get((rep.document, rep.index))
        previous = group_of.get((rep.document, rep.index - 1))
        if leaning is not None and leaning.on_previous and previous in ids and previous != candidate.group.id:
            follows.setdefault(previous, []).append(candidate)
        else:
            rest.append(candidate)

    places = {c.group.id: _place(c, scoring) for c in rest}
    dated = sorted((c for c in rest if places[c.group.id][0]), key=lambda c: places[c.group.id])
    undated = sorted((c for c in rest if not places[c.group.id][0]), key=lambda c: places[c.group.id][1:])
    merged: list[ScoredGroup] = [opener] if opener else []
    i = j = 0
    while i < len(dated) or j < len(undated):
        if j < len(undated) and (i == len(dated) or places[undated[j].group.id][1] < places[dated[i].group.id][1]):
            merged.append(undated[j])
            j += 1
        else:
            merged.append(dated[i])
            i += 1

    result: list[ScoredGroup] = []
    placed: set[int] = set()

    def put(candidate: ScoredGroup) -> None:
        if candidate.group.id in placed:
            return
        placed.add(candidate.group.id)
        result.append(candidate)
        for continuation in sorted(follows.get(candidate.group.id, ()), key=lambda c: c.group.representative.index):
            put(continuation)

    for candidate in merged:
        put(candidate)
    for candidate in chosen:  # a continuation whose sentence before it was never placed (a cycle): at the end
        put(candidate)
    return tuple(result)
