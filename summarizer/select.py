"""Select stage: scored groups and a length budget -> the groups the brief will say.

Never two sentences of one group (a group is one fact), never over the word budget unless the user
asked for "about" N words, and never a sentence without what it leans on (cohesion.py). With concept
weights the choice is greedy, length-aware coverage: it opens on the article lead that covers most,
then each step takes the sentence adding the most not-yet-covered concept weight per word, so a fact
already said earns nothing the second time; then one pass of exchanges takes a longer sentence where
it says more than a short one greedy choice took first, or nearly as much in words the budget would
leave unused. Without them (sumy's rankers) it is maximal marginal relevance on sentence similarity,
under the same cohesion rules.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from .cohesion import STANDS_ALONE
from .group import sentence_features
from .order import order_chosen
from .score import Scoring, is_eligible
from .segment import stemmer
from .types import Group, ScoredGroup, Sentence

# A sentence's gain is multiplied by 1 + POSITION_PRIOR / (1 + its position in its article): of two
# sentences that say as much, the earlier is the more central, as news puts its core first.
POSITION_PRIOR = 0.5
# Gain is divided by length ** LENGTH_EXPONENT: 1 would favour short sentences, 0 long ones; 0.5
# splits the difference (chosen by cross-validation, bench/tune.py).
LENGTH_EXPONENT = 0.5
# Static score breaks ties between sentences covering the same concepts.
SCORE_TIE_WEIGHT = 1e-3
# MMR: a candidate this similar (Jaccard of stems and stem pairs) to a chosen sentence is skipped.
MMR_MAX_SIMILARITY = 0.4
# "About N words": the last sentence may end this share of N past it (at least ABOUT_MIN_OVERRUN
# words), so a brief is not left well short when the next good sentence is a little too long.
ABOUT_OVERRUN_SHARE = 0.25
ABOUT_MIN_OVERRUN = 10
# An article whose lead cannot stand alone opens with its first sentence among this many that can.
OPENING_SENTENCES = 3
# With this many articles or fewer, every article's opening follows the opener where it fits and tells more
# than the opener did (_add_other_openings). Two reports give no majority to rank facts by (a concept counts
# only where both use it), so each writer's lead, their own choice of the story's core, is the best evidence
# left of what matters. Two articles: MEAN@2 -0.02 / +0.02, no set beyond -0.18 (bench/quality.py); the
# seeds' brief gains NHK's lead. With three, what two of them agree on outranks the third's lead: every lead
# there cost MEAN@3 -0.40 / -0.10.
EVERY_LEAD_ARTICLES = 2
# Rounds of "choose, order, check": a sentence whose definite description found no earlier mention
# once the brief is ordered is dropped and the budget refilled. One round almost always suffices.
MAX_CHECK_ROUNDS = 4


def _words(scored: ScoredGroup) -> int:
    return scored.group.representative.word_count


class Budget:
    """How many words and sentences are left, in "at most" or "about" mode."""

    def __init__(self, max_words: int | None, max_sentences: int | None, words_mode: str = "at_most"):
        self.max_words = max_words
        self.max_sentences = max_sentences
        self.overrun = 0
        if words_mode == "about" and max_words is not None:
            self.overrun = max(ABOUT_MIN_OVERRUN, round(ABOUT_OVERRUN_SHARE * max_words))

    def full(self, words_used: int, count: int) -> bool:
        if self.max_sentences is not None and count >= self.max_sentences:
            return True
        return self.max_words is not None and words_used >= self.max_words

    def fits(self, words_used: int, count: int, extra: int, overrun: bool = False) -> bool:
        if self.full(words_used, count):
            return False
        limit = self.max_words
        if limit is None:
            return True
        return words_used + extra <= limit + (self.overrun if overrun else 0)


class _Brief:
    """The sentences chosen so far, and what they make available to sentences that lean on others."""

    def __init__(self, scoring: Scoring, language_stem: Callable[[str], str]):
        self.scoring = scoring
        self.chosen: list[ScoredGroup] = []
        self.ids: set[int] = set()
        self.words = 0
        self.said: set[str] = set()  # stems of every word the brief says
        self.shown: set[tuple[int, int]] = set()  # (document, sentence) of every sentence the brief says
        self.disputed: set[tuple[int, int]] = set()  # sentences giving other figures than those
        self._stem = language_stem
        self.group_of: dict[tuple[int, int], int] = {
            (m.document, m.index): s.group.id for s in scoring.groups for m in s.group.members
        }

    def _allows(self, sentence: Sentence) -> bool:
        if (sentence.document, sentence.index) in self.disputed or any(
            (d.document, d.sentence) in self.shown for d in sentence.disputes
        ):
            return False  # it gives other figures than a sentence the brief already says
        leaning = self.scoring.leanings.get((sentence.document, sentence.index), STANDS_ALONE)
        if leaning.on_previous and self.group_of.get((sentence.document, sentence.index - 1)) not in self.ids:
            return False
        return leaning.met_by(self.said)

    def usable(self, candidate: ScoredGroup) -> ScoredGroup | None:
        """The candidate in a wording the brief can say now: a leaning sentence only once what it leans
        on is in the brief. Another article's wording of the same fact may stand where the shown one
        cannot ("Kishida, who is also slated ..." where "Arrangements are also underway ..." has nothing)."""
        members = candidate.group.members
        if self._allows(members[0]):
            return candidate
        for member in members[1:]:
            if is_eligible(member) and self._allows(member):
                others = tuple(m for m in members if m is not member)
                return ScoredGroup(group=Group(id=candidate.group.id, members=(member, *others)), score=candidate.score)
        return None

    def add(self, candidate: ScoredGroup) -> None:
        self.chosen.append(candidate)
        self.ids.add(candidate.group.id)
        self.words += _words(candidate)
        rep = candidate.group.representative
        self.said.update(self._stem(w) for w in rep.words)
        self.shown.add((rep.document, rep.index))
        self.disputed.update((d.document, d.sentence) for d in rep.disputes)


def _prior(scoring: Scoring, candidate: ScoredGroup) -> float:
    """1 for a group holding an article's lead, 1/2 for the second sentence, and so on."""
    position = min(
        (scoring.positions.get((m.document, m.index), 10**6) for m in candidate.group.members), default=10**6
    )
    return 1.0 / (1 + position)


def _openings(scoring: Scoring, candidates: list[ScoredGroup], brief: _Brief) -> list[ScoredGroup]:
    """Each article's opening, as the brief may say it first: its lead, or, where the lead cannot stand
    alone ("Things could have been worse.", too short to stand), the first of its OPENING_SENTENCES
    that can. Without this, a story whose leads all lean or are short opened on another story's lead
    (a weather forecast's, in a cluster on a hurricane). In the candidates' order, each group once."""
    earliest: dict[int, tuple[int, int, ScoredGroup]] = {}  # document -> (position, order, group)
    # A text whose first sentence continues one it does not hold ("But once in a great while ...") was
    # copied from mid-article: it has no opening to offer, only body sentences.
    headless = {document for (document, index), position in scoring.positions.items()
                if position == 0 and scoring.leanings.get((document, index), STANDS_ALONE).on_previous}
    for order, candidate in enumerate(candidates):
        places = [(scoring.positions.get((m.document, m.index), OPENING_SENTENCES), m.document)
                  for m in candidate.group.members if m.document not in headless]
        better = [(position, document) for position, document in places
                  if position < earliest.get(document, (OPENING_SENTENCES,))[0]]
        if not better:
            continue
        usable = brief.usable(candidate)
        if usable is not None:
            for position, document in better:
                earliest[document] = (position, order, usable)
    unique = {usable.group.id: usable for _, _, usable in sorted(earliest.values(), key=lambda item: item[1])}
    return list(unique.values())


def _coverage_value(scoring: Scoring, covered: set[str], said: set[str]) -> Callable[[ScoredGroup], float]:
    """A candidate's value: the weight of the concepts it would add, favouring leads, per word**LENGTH_EXPONENT.

    A reworded repeat stays out (-inf): with two or more articles, a sentence that adds little of what they
    agree it says (at most RESTATED_GAIN_SHARE of its concept weight) and whose words the brief mostly says
    already (`said`: the chosen sentences' stems) is another wording of a fact the brief has, which the
    duplicate grouping missed. One that adds no shared concept but new words (an outlet's own detail) may
    still fill the budget.
    """
    weights = scoring.concept_weights
    agreement = _several_articles(scoring)

    def value(candidate: ScoredGroup) -> float:
        mine = scoring.concepts[candidate.group.id]
        gain = sum(weights[c] for c in mine if c not in covered)
        if agreement and said and _restates(candidate, gain, sum(weights[c] for c in mine), said):
            return float("-inf")
        gain *= 1 + POSITION_PRIOR * _prior(scoring, candidate)
        return (gain + SCORE_TIE_WEIGHT * candidate.score) / _words(candidate) ** LENGTH_EXPONENT

    return value


# A sentence whose content words are this much in the brief already rewords it (with no new concept).
REWORDED_SHARE = 0.6
# ... and so does one that adds no more than this share of the agreed concept weight it carries: two thirds
# of what the articles agree it says are in the brief already, and most of its words ("The study, published in
# the November issue of ..., shows that the drug can significantly reduce symptoms associated with panic
# disorder." after "The antidepressant drug Prozac can significantly reduce symptoms associated with panic
# disorder, according to a study."). 0.2, 1/3 and 0.5 all raised the mean over the sets (bench/quality.py);
# only long briefs (250 words) change, where the budget outlasts the new facts.
RESTATED_GAIN_SHARE = 1 / 3


def _article_count(scoring: Scoring) -> int:
    return len({document for document, _ in scoring.positions})


def _several_articles(scoring: Scoring) -> bool:
    """Whether there is agreement to measure: a restatement is told by what two or more articles share."""
    return _article_count(scoring) >= 2


def _add_other_openings(
    brief: _Brief,
    candidates: list[ScoredGroup],
    budget: Budget,
    value: Callable[[ScoredGroup], float],
    on_choose: Callable[[ScoredGroup], None],
    covered: set[str],
) -> None:
    """After the opener, each other article's opening that fits, is allowed and tells more than the brief
    says: more than RESTATED_GAIN_SHARE of the weight the articles agree it carries is new. Two leads that
    report one event in other words ("Rovers are champions after Reyne's header" after "Reyne headed the
    winner as Rovers beat Kelby") stay one, and a feature's hook ("What started as a local controversy
    ...") adds nothing the articles agree on."""
    weights = brief.scoring.concept_weights
    for other in _openings(brief.scoring, candidates, brief):
        if other.group.id in brief.ids:
            continue
        concepts = brief.scoring.concepts[other.group.id]
        if sum(weights[c] for c in concepts - covered) <= RESTATED_GAIN_SHARE * sum(weights[c] for c in concepts):
            continue  # mostly the opener's fact again in other words
        if value(other) != float("-inf") and budget.fits(brief.words, len(brief.chosen), _words(other)):
            brief.add(other)
            on_choose(other)


def _restates(candidate: ScoredGroup, new_weight: float, weight: float, said: set[str]) -> bool:
    """Whether the candidate adds at most RESTATED_GAIN_SHARE of its concept weight to a brief that says
    most of its words already (`said`)."""
    if new_weight > RESTATED_GAIN_SHARE * weight:
        return False
    distinct = set(candidate.group.representative.stems)
    return bool(distinct) and len(distinct & said) >= REWORDED_SHARE * len(distinct)


def _greedy(
    brief: _Brief,
    candidates: list[ScoredGroup],
    budget: Budget,
    value: Callable[[ScoredGroup], float],
    on_choose: Callable[[ScoredGroup], None],
) -> None:
    """Take the best candidate that fits and is allowed until the budget is full.

    Values only shrink as the brief grows (concepts get covered, repeats become -inf), so a stale
    value is an upper bound and only the heap's top is recomputed (Minoux's lazy greedy). Candidates
    not yet allowed wait aside and come back each time the brief grows.
    """
    heap = [(-value(c), position, c) for position, c in enumerate(candidates) if c.group.id not in brief.ids]
    heapq.heapify(heap)
    waiting: list[tuple[float, int, ScoredGroup]] = []
    for overrun in (False, True) if budget.overrun else (False,):
        if overrun:
            heap += waiting
            waiting = []
            heapq.heapify(heap)
        while heap and not budget.full(brief.words, len(brief.chosen)):
            stale, position, candidate = heapq.heappop(heap)
            fits = budget.fits(brief.words, len(brief.chosen), _words(candidate), overrun)
            usable = brief.usable(candidate) if fits else None  # only then: cohesion is worked out lazily
            if fits and usable is None:
                waiting.append((stale, position, candidate))
                continue
            if usable is None or not budget.fits(brief.words, len(brief.chosen), _words(usable), overrun):
                if not overrun:
                    waiting.append((stale, position, candidate))  # may fit as the "about" last sentence
                continue  # too long now, and the budget only shrinks
            fresh = value(candidate)
            if fresh == float("-inf"):
                continue  # repeats what the brief says: it stays out
            if heap and fresh < -heap[0][0]:
                heapq.heappush(heap, (-fresh, position, candidate))
                continue
            brief.add(usable)
            on_choose(usable)
            if overrun:
                return
            for item in waiting:
                heapq.heappush(heap, item)
            waiting = []


# Passes of one-for-one exchanges after greedy choice (_swapped). One pass raised the mean over the
# benchmark sets by 0.11 R-1 and filled briefs closer to their budget; a second gained nothing more
# and lost 0.6 R-1 on Czech (bench/tune.py, every set; bench/HISTORY.md).
SWAP_ROUNDS = 1
# An exchange that takes a longer sentence may give up this share of the concept weight that only the one it
# replaces carries: choice by gain per word**LENGTH_EXPONENT takes short dense sentences and leaves the
# budget's last words unused (2-4 of 100), where a longer sentence saying nearly as much would use them.
# 0.3 was chosen in 10 of 10 leave-one-set-out folds (bench/tune.py, grid 0-0.4): +0.22 / +0.15 on the
# held-out sets, 8 of 10 up in ROUGE-1 and none down by more than 0.10; k-fold within sets +0.01 / -0.03.
LONGER_EXCHANGE_SLACK = 0.3
# Exchanges looked at, at most, per brief (each costs at most one pass over a sentence's concepts): a
# 10-article cluster needs a few hundred; a 2,000-word brief of a large input would otherwise look at
# millions.
MAX_EXCHANGE_TRIALS = 20_000


def _swapped(
    chosen: list[ScoredGroup], candidates: list[ScoredGroup], scoring: Scoring, budget: Budget, stem,
    kept: int = 1,
) -> _Brief | None:
    """The chosen sentences with one exchanged for another where that says more: choosing by gain per
    word can take a short sentence and then leave the budget's last words unused, where one longer
    sentence would say all it said and more.

    A brief's worth is what greedy choice maximises: the weight of its concepts, each once, at the best
    position prior among the sentences saying it. The opener stays; an exchange must add a concept the
    rest of the brief lacks and not restate it (_restates), fit the budget, keep every sentence's cohesion,
    and say more than the sentence it replaces or, being longer, at least 1 - LONGER_EXCHANGE_SLACK of it.
    Only for "at most" N words: "about" N words fills the budget by letting its last sentence run over.
    At most MAX_EXCHANGE_TRIALS exchanges are looked at, so a long brief of a large input stays cheap.
    Returns the brief with its exchanges made, or None when nothing improves.
    """
    weights = scoring.concept_weights
    concepts = scoring.concepts
    limit = budget.max_words
    agreement = _several_articles(scoring)
    prior = {c.group.id: 1 + POSITION_PRIOR * _prior(scoring, c) for c in (*candidates, *chosen)}
    # Most a candidate can add to any brief, highest first: the search over them stops at the first
    # that could not make up for the sentence it would replace.
    most = sorted(
        ((sum(weights[c] for c in concepts[candidate.group.id]) * prior[candidate.group.id], order, candidate,
          _words(candidate)) for order, candidate in enumerate(candidates)),
        key=lambda item: (-item[0], item[1]),
    )

    def tops(selection: list[ScoredGroup]) -> tuple[dict[str, float], dict[str, int], dict[str, float]]:
        """Each concept's best prior in the brief, which sentence gives it, and the best of the others."""
        best: dict[str, float] = {}
        holder: dict[str, int] = {}
        runner_up: dict[str, float] = {}
        for index, candidate in enumerate(selection):
            p = prior[candidate.group.id]
            for concept in concepts[candidate.group.id]:
                if p > best.get(concept, 0.0):
                    runner_up[concept] = best.get(concept, 0.0)
                    best[concept], holder[concept] = p, index
                elif p > runner_up.get(concept, 0.0):
                    runner_up[concept] = p
        return best, holder, runner_up

    trials = 0
    improved: _Brief | None = None
    for _ in range(SWAP_ROUNDS):
        swapped = False
        best, holder, runner_up = tops(chosen)
        for i in range(kept, len(chosen)):
            mine = concepts[chosen[i].group.id]
            loss = sum(weights[c] * (best[c] - runner_up.get(c, 0.0)) for c in mine if holder[c] == i)
            replaced = _words(chosen[i])
            words = sum(_words(c) for c in chosen) - replaced
            ids = {c.group.id for c in chosen}
            said_by_rest: set[str] | None = None  # the stems the rest of the brief says, once a candidate asks
            least = loss * (1 - LONGER_EXCHANGE_SLACK)  # what a longer sentence must make up for
            for upper, _, other, length in most:
                needed = least if length > replaced else loss
                if upper <= least + 1e-9 or trials >= MAX_EXCHANGE_TRIALS:
                    break
                trials += 1
                if other.group.id in ids or (limit is not None and words + length > limit):
                    continue
                p = prior[other.group.id]
                gain = fresh = 0.0
                for c in concepts[other.group.id]:
                    there = runner_up.get(c, 0.0) if holder.get(c) == i else best.get(c, 0.0)
                    if there == 0.0:
                        fresh += weights[c]
                    if p > there:
                        gain += weights[c] * (p - there)
                if not fresh or gain <= needed + 1e-9:
                    continue  # it only rewords what the rest says, or says less than what it replaces
                if agreement:
                    if said_by_rest is None:
                        said_by_rest = {s for j, c in enumerate(chosen) if j != i for s in c.group.representative.stems}
                    if _restates(other, fresh, upper / p, said_by_rest):
                        continue
                trial = _valid(chosen[:i] + chosen[i + 1 :] + [other], scoring, budget, stem)
                if trial is not None:
                    improved, chosen, swapped = trial, trial.chosen, True
                    best, holder, runner_up = tops(chosen)
                    break
        if not swapped:
            break
    return improved


def _valid(selection: list[ScoredGroup], scoring: Scoring, budget: Budget, stem) -> _Brief | None:
    """The selection as a brief may say it, each sentence allowed by those before it, within the budget."""
    brief = _Brief(scoring, stem)
    for candidate in selection:
        usable = brief.usable(candidate)
        if usable is None or not budget.fits(brief.words, len(brief.chosen), _words(usable)):
            return None
        brief.add(usable)
    return brief


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _choose(
    scoring: Scoring, candidates: list[ScoredGroup], budget: Budget, stem
) -> tuple[list[ScoredGroup], int | None]:
    """The chosen groups, and the id of the article opening the brief opens on (None: the ranker's own)."""
    brief = _Brief(scoring, stem)
    opener_id = None
    if scoring.concept_weights:
        covered: set[str] = set()
        said: set[str] = set()
        value = _coverage_value(scoring, covered, said)

        def on_choose(candidate: ScoredGroup) -> None:
            covered.update(scoring.concepts[candidate.group.id])
            said.update(candidate.group.representative.stems)

        # Open on the story's lead: the article lead that covers most (one within the budget if any).
        leads = [c for c in _openings(scoring, candidates, brief) if budget.fits(0, 0, _words(c), overrun=True)]
        within = [c for c in leads if budget.fits(0, 0, _words(c))]
        if within or leads:
            opener = max(within or leads, key=value)
            brief.add(opener)
            on_choose(opener)
            opener_id = opener.group.id  # the exchanges keep it (they start after the first sentence)
            if _article_count(scoring) <= EVERY_LEAD_ARTICLES:
                _add_other_openings(brief, candidates, budget, value, on_choose, covered)
        kept = len(brief.chosen)  # the exchanges keep the opener and the openings that follow it
        _greedy(brief, candidates, budget, value, on_choose)
        if not SWAP_ROUNDS or budget.overrun:  # "about" N words fills the budget its own way
            return brief.chosen, opener_id
        improved = _swapped(brief.chosen, candidates, scoring, budget, stem, max(kept, 1))
        if improved is None:
            return brief.chosen, opener_id
        brief = improved
        covered.clear()
        said.clear()
        for candidate in brief.chosen:
            on_choose(candidate)
        unchosen = (c for c in candidates if c.group.id not in brief.ids)
        if any(budget.fits(brief.words, len(brief.chosen), _words(c)) for c in unchosen):
            _greedy(brief, candidates, budget, value, on_choose)  # an exchange left room for more
        return brief.chosen, opener_id

    # Rankers without concepts: best score first, skipping what repeats a chosen sentence (MMR).
    features: list[set[str]] = []

    def add_features(candidate: ScoredGroup) -> None:
        features.append(sentence_features(candidate.group.representative))

    def score_unless_repeat(candidate: ScoredGroup) -> float:
        mine = sentence_features(candidate.group.representative)
        if any(_jaccard(mine, other) >= MMR_MAX_SIMILARITY for other in features):
            return float("-inf")
        return candidate.score

    _greedy(brief, candidates, budget, score_unless_repeat, add_features)
    return brief.chosen, None


def select(
    scoring: Scoring, max_words: int | None, max_sentences: int | None, words_mode: str = "at_most",
    language: str = "english",
) -> tuple[ScoredGroup, ...]:
    """Choose groups within the budget, in the order the brief will read.

    Falls back to any group that stands alone when no eligible one fits, so a short input still
    gets a brief rather than nothing; returns () when nothing fits at all.
    """
    budget = Budget(max_words, max_sentences, words_mode)
    stem = stemmer(language)
    candidates = [s for s in scoring.groups if s.group.id in scoring.eligible]
    if not any(budget.fits(0, 0, _words(c), overrun=True) for c in candidates):
        candidates = [s for s in scoring.groups if not s.group.representative.is_heading] or list(scoring.groups)
    banned: set[int] = set()
    chosen: list[ScoredGroup] = []
    opener = None
    for _ in range(MAX_CHECK_ROUNDS):
        chosen, opener = _choose(scoring, [c for c in candidates if c.group.id not in banned], budget, stem)
        ordered = order_chosen(chosen, scoring, opener)
        late = _unintroduced(ordered, scoring, stem)
        if not late:
            return ordered
        banned |= late
    return tuple(c for c in order_chosen(chosen, scoring, opener) if c.group.id not in banned)


def _unintroduced(ordered: tuple[ScoredGroup, ...], scoring: Scoring, stem) -> set[int]:
    """Groups whose definite descriptions have no earlier mention in the brief as ordered."""
    said: set[str] = set()
    late = set()
    for candidate in ordered:
        rep: Sentence = candidate.group.representative
        if not scoring.leanings.get((rep.document, rep.index), STANDS_ALONE).met_by(said):
            late.add(candidate.group.id)
        said.update(stem(w) for w in rep.words)
    return late
