"""Score stage: duplicate groups -> salience scores, by our consensus method or a sumy algorithm.

The default, "consensus", is the product's own idea: a fact is worth what the *articles* agree it is
worth. Its units are concepts: stemmed word pairs, in either order ("Fumio Kishida" / "Kishida
Fumio"), and single content words at a lower weight, so that agreement survives rewording. A concept
counts once enough articles use it (a bar that grows with the square root of their number: 2 of 2-6
articles, 3 of 7-12, 5 of 25), and weighs more for every further article and for standing in an
article's opening. Selection then covers as many of those concepts as the budget allows, each
counted once, with a prior for sentences early in their article. sumy's algorithms run on the same
cleaned, segmented input through an adapter that reads their per-sentence ratings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .budget import WorkBudget
from .cohesion import Leaning, announces_what_follows, leanings
from .language.words import english_reach
from .segment import stemmer, stop_words
from .types import Group, ScoredGroup, SegmentedDocument, Sentence

DEFAULT_ALGORITHM = "consensus"

# Constants of the consensus method. Each was chosen by cross-validation over every set in
# ../shared/mds (leave one set out, and folds within sets: bench/tune.py), never as the best value on
# one set; README "Quality" gives the figures.
# - single content words count as concepts at this fraction of a word pair's weight: they carry a
#   fact across rewordings that break every pair, but alone they say less than a pair;
UNIGRAM_WEIGHT = 0.3
# - a concept used in one of an article's first LEAD_SENTENCES sentences weighs LEAD_BONUS more for
#   that article: news puts its core first;
LEAD_SENTENCES = 3
LEAD_BONUS = 0.5
# - a concept an article's first sentence uses counts even below the bar once another article uses it
#   too: a lead is its writer's judgement of the story's core, and a second article makes it more than
#   one outlet's detail. It weighs this much per article beyond the first (the bar's weight is 1).
LEAD_CONFIRMED_WEIGHT = 0.5
# - sentences shorter than this many words are not chosen: they rarely stand alone.
MIN_SENTENCE_WORDS = 8
MAX_SENTENCE_WORDS = 60
# - sumy's KL-Sum ranks this many sentences and no more (see _bounded_kl): more than a brief uses.
KL_MAX_PICKS = 30


def min_document_frequency(articles: int) -> int:
    """How many articles must use a concept for it to count as shared.

    At least two (one article is no agreement), growing with the square root of the number of
    articles: a detail one outlet adds recurs in a few of many articles by chance, the story's core
    in most of them. 2 for 2-6 articles, 3 for 7-12, 5 for 25.
    """
    return max(2, round(math.sqrt(articles)))


@dataclass(frozen=True)
class Scoring:
    """Scores for every group, plus what selection needs to choose well.

    `concept_weights` is empty for methods that only rank sentences; selection then falls back
    to maximal marginal relevance on sentence similarity. `leanings` (cohesion.py) and
    `positions` (each sentence's place among its article's body sentences, 0 = the lead) hold for
    every method: no brief shows a sentence without the one it leans on, and every brief opens on a lead.
    """

    groups: tuple[ScoredGroup, ...]
    concepts: dict[int, frozenset[str]]  # group id -> concepts its representative carries
    concept_weights: dict[str, float]
    eligible: frozenset[int]  # ids of groups whose representative may stand in a brief
    leanings: Mapping[tuple[int, int], Leaning] = field(default_factory=dict)
    positions: Mapping[tuple[int, int], int] = field(default_factory=dict)
    dates: tuple[str | None, ...] = ()  # each document's date, for the brief's order


def is_eligible(sentence: Sentence) -> bool:
    """A brief sentence must read as a sentence: not a headline, not a fragment, not a run-on list.

    Its length is measured in English words' worth (language/words.english_reach), so a 90-character
    Chinese sentence or a 6-word Korean one stands as an English sentence of 60 or 9 words would."""
    words = english_reach(sentence.text)
    text = sentence.text
    return (
        not sentence.is_heading
        and not _starts_mid_sentence(sentence)
        and MIN_SENTENCE_WORDS <= words <= MAX_SENTENCE_WORDS
        and text.rstrip().endswith(SENTENCE_ENDINGS)
        and _quotes_balance(text)
        and text.count("(") == text.count(")")  # a piece of a parenthesis ("(Comments may be sent to ...;")
        and text.count("[") == text.count("]")
        and not _wholly_bracketed(text)
        and not announces_what_follows(text)
        and not _asks(text)
        and not is_labelled_entry(text)
    )


def _asks(text: str) -> bool:
    """A question states no fact: in news it is a feature's hook ("Who doesn't remember feeling an electrifying
    zing ...?", duc2006 D0604D), an FAQ's heading ("Why has the Lawrence case been so important?", D0624F) or a
    quoted question the sentence ends on. '"Why ...?" the minister asked.' reports the asking, and stands."""
    return text.rstrip().rstrip('"”’»)').endswith(("?", "？", "؟"))


# An entry's label: up to 40 characters closed by a colon or a dash between spaces, at the very start.
_ENTRY_LABEL = re.compile(r"^[\"“'‘(]?(?P<label>[^\s:].{0,40}?)\s*(?P<mark>:|--|–|—)\s")
_CLOCK_WORDS = frozenset({"a.m.", "p.m."})
# The most words a date or time label has ("April 9, 1969", "10:25 a.m. EDT").
ENTRY_LABEL_WORDS = 5


def is_labelled_entry(text: str) -> bool:
    """An entry of a timeline, a roundup or a fact box, opening on its label: a date or a time ("April 9,
    1969: The Concorde 002 ... makes its first test flight.", "Nov. 25 -- Elian rescued at sea ...") or a
    heading in capitals closed by a colon ("GREECE: One would never know it, but ...", "HOW IT WORKS: Makes its
    way into computers ..."). Written to be read under its box's title, in the present tense or without a
    subject, it is no sentence of a brief. A dateline closed by a dash ("DHAKA -- ...") is cleaning's."""
    match = _ENTRY_LABEL.match(text)
    if match is None:
        return False
    label = match["label"].rstrip(" ,")
    if match["mark"] == ":" and label.isupper() and sum(c.isalpha() for c in label) >= 2:
        return True
    words = label.split()
    return (len(words) <= ENTRY_LABEL_WORDS and any(c.isdigit() for c in label)
            and all(w[:1].isupper() or w in _CLOCK_WORDS or any(c.isdigit() for c in w) for w in words))


def _wholly_bracketed(text: str) -> bool:
    """A sentence wholly in brackets is an aside to the reader ("(The Press Democrat in Santa Rosa, Calif.,
    is part of the New York Times Regional Newspaper Group.)"), not a statement of the story."""
    text = text.strip()
    if not (text.startswith(("(", "[")) and text.rstrip(".").endswith((")", "]"))):
        return False
    depth = 0
    for i, char in enumerate(text):  # the opening bracket must close only at the end
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth == 0:
                return i >= len(text.rstrip(".")) - 1
    return False


def _quotes_balance(text: str) -> bool:
    """Every quotation the sentence opens it closes, and the other way round: a sentence holding half a
    quotation ("C'est un pas en avant très important. »") is a piece of a longer one. German and Czech
    quote „so“, English “so”, French «so»."""
    if text.count('"') % 2 or text.count("«") != text.count("»"):
        return False
    if "„" in text:
        return text.count("„") == text.count("“") + text.count("”")
    return text.count("“") == text.count("”")


# A sentence ends on one of these (after any closing quote or bracket): a line that stops without one is
# a caption ("A map of the quake's intensity, made by USGS"), a heading run into text, or text cut off.
SENTENCE_ENDINGS = tuple('.!?…"”’»)]」』。！？।؟')


_FIRST_WORD = re.compile(r"[\W_]*?([^\W\d_][\w'’-]*)")


def _starts_mid_sentence(sentence: Sentence) -> bool:
    """A sentence whose first word is all lower case ("a court to prevent the report ...") is the tail of
    one broken off by the copy (a line break, a page), not a sentence. "iPhone", "eBay" are names."""
    first = _FIRST_WORD.match(sentence.text)
    return bool(first) and first.group(1).islower()


def body_positions(documents: Sequence[SegmentedDocument]) -> dict[tuple[int, int], int]:
    """Each sentence's place among its article's sentences that are not headlines: 0 is the lead."""
    positions = {}
    for doc in documents:
        body = [s for s in doc.sentences if not s.is_heading]
        for position, sentence in enumerate(body):
            positions[(sentence.document, sentence.index)] = position
    return positions


def sentence_concepts(sentence: Sentence, language: str) -> frozenset[str]:
    """Stemmed word pairs that are not both stop words, in either order, and single content stems.

    Pairs are units of fact more telling than single words; their order is dropped so that a name
    given family name first still meets itself. Single stems (marked "~") let two articles that
    word a fact differently still agree on it.
    """
    stops = stop_words(language)
    stem = stemmer(language)
    words = sentence.words
    stems = stem.many(words)
    stop = [w in stops for w in words]
    concepts = {
        (f"{a} {b}" if a <= b else f"{b} {a}")
        for a, b, x, y, u, v in zip(stems, stems[1:], stop, stop[1:], words, words[1:])
        if not (x and y) and not (u.isdigit() and v.isdigit())
    }
    if UNIGRAM_WEIGHT:
        concepts.update(f"~{s}" for w, s, x in zip(words, stems, stop) if not x and len(w) > 1)
    return frozenset(concepts)


def _concept_weights(
    documents: Sequence[SegmentedDocument],
    per_sentence: dict[tuple[int, int], frozenset[str]],
    positions: Mapping[tuple[int, int], int],
) -> dict[str, float]:
    # Counted per document, versions of one report (group.reports) too: an agency that sends a story again
    # and again marks what it holds as the news of the day. Counting them once (as support does) left a
    # story's outcome, told only in one agency's run of updates, below the bar (duc2003 d31027t: Iran's
    # election result gave way to the stories before the vote), for no gain over the sets.
    document_frequency: Counter[str] = Counter()
    lead_frequency: Counter[str] = Counter()
    in_a_first_sentence: set[str] = set()
    for doc in documents:
        seen: set[str] = set()
        lead: set[str] = set()
        for sentence in doc.sentences:
            if sentence.is_heading:
                continue
            concepts = per_sentence[(sentence.document, sentence.index)]
            seen |= concepts
            position = positions[(sentence.document, sentence.index)]
            if position < LEAD_SENTENCES:
                lead |= concepts
            if position == 0:
                in_a_first_sentence |= concepts
        document_frequency.update(seen)
        lead_frequency.update(lead)

    def scaled(concept: str, weight: float) -> float:
        return weight * UNIGRAM_WEIGHT if concept.startswith("~") else weight

    n_documents = sum(1 for d in documents if d.sentences)
    if n_documents >= 2:
        min_df = min_document_frequency(n_documents)
        weights = {
            c: scaled(c, (df - min_df + 1) + LEAD_BONUS * lead_frequency[c])
            for c, df in document_frequency.items()
            if df >= min_df
        }
        if LEAD_CONFIRMED_WEIGHT:
            for c in in_a_first_sentence:
                df = document_frequency[c]
                if 2 <= df < min_df:
                    weights[c] = scaled(c, LEAD_CONFIRMED_WEIGHT * (df - 1))
        return weights
    # One article: no agreement to measure, so concepts it repeats stand in; failing those, all of them.
    counts: Counter[str] = Counter(c for concepts in per_sentence.values() for c in concepts)
    repeated = {c: scaled(c, n + LEAD_BONUS * lead_frequency[c]) for c, n in counts.items() if n >= 2}
    return repeated or {c: scaled(c, 1.0 + LEAD_BONUS * lead_frequency[c]) for c in counts}


def _best_wording(group: Group, weight_of, leaning: Mapping[tuple[int, int], Leaning]) -> Group:
    """Show the member that stands alone and carries the most shared concepts per word: of several
    wordings of one fact, the tightest that needs nothing before it."""
    if len(group.members) == 1:
        return group

    def tightness(m: Sentence):
        return weight_of(m) / max(1, m.word_count) ** 0.5, -m.index, -m.document

    # The tightest of the wordings that may stand in a brief (of all, if none may) that leans on nothing, else
    # the tightest: cohesion is worked out only down to the first that stands alone.
    wordings = sorted([m for m in group.members if is_eligible(m)] or group.members, key=tightness, reverse=True)
    best = next((m for m in wordings if (m.document, m.index) not in leaning), wordings[0])
    if best is group.members[0]:
        return group
    return Group(id=group.id, members=(best, *(m for m in group.members if m is not best)))


def _consensus(documents: Sequence[SegmentedDocument], groups: Sequence[Group], language: str) -> Scoring:
    per_sentence = {
        (s.document, s.index): sentence_concepts(s, language) for doc in documents for s in doc.sentences
    }
    positions = body_positions(documents)
    leaning = leanings(documents, language)
    weights = _concept_weights(documents, per_sentence, positions)

    # Each sentence's weighed concepts and their weight, once: wording choice and scoring both read them.
    weighed = {key: frozenset(c for c in concepts if c in weights) for key, concepts in per_sentence.items()}
    weight = {key: sum(weights[c] for c in concepts) for key, concepts in weighed.items()}

    def weight_of(sentence: Sentence) -> float:
        return weight[(sentence.document, sentence.index)]

    concepts_of: dict[int, frozenset[str]] = {}
    scored = []
    for group in groups:
        group = _best_wording(group, weight_of, leaning)
        rep = group.representative
        concepts_of[group.id] = weighed[(rep.document, rep.index)]
        density = weight_of(rep) / max(1, rep.word_count)
        scored.append(ScoredGroup(group=group, score=density * (1 + math.log(group.support))))
    eligible = frozenset(s.group.id for s in scored if is_eligible(s.group.representative))
    return Scoring(
        groups=tuple(scored),
        concepts=concepts_of,
        concept_weights=weights,
        eligible=eligible,
        leanings=leaning,
        positions=positions,
    )


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


def _sumy_candidates(
    documents: Sequence[SegmentedDocument], groups: Sequence[Group], budget: WorkBudget
) -> set[tuple[int, int]] | None:
    """The sentences sumy may rate, as (document, index): None (all of them) within the budget's
    `sumy_max_sentences`, `sumy_max_words` and `sumy_max_cells` (distinct stems x sentences); beyond,
    the likeliest brief material up to the bounds: sentences that may stand in a brief, of facts more
    articles report, nearest their article's lead.

    sumy's graph and matrix methods grow with the square of the sentences (LexRank took 25 s on 2,000,
    LSA 80 s and 2.7 GB on 3,000 of rare words); a 10-article cluster stays within the bounds untouched.
    """
    sentences = [s for d in documents for s in d.sentences]
    if (
        len(sentences) <= budget.sumy_max_sentences
        and sum(len(s.words) for s in sentences) <= budget.sumy_max_words
        and len({stem for s in sentences for stem in s.stems}) * len(sentences) <= budget.sumy_max_cells
    ):
        return None
    group_of = {(m.document, m.index): g for g in groups for m in g.members}
    usable = {g.id: is_eligible(g.representative) for g in groups}

    def promise(sentence: Sentence) -> tuple[bool, int, int, int]:
        group = group_of[(sentence.document, sentence.index)]
        return (not usable[group.id], -group.support, sentence.index, sentence.document)

    kept: set[tuple[int, int]] = set()
    words = 0
    vocabulary: set[str] = set()
    for sentence in sorted(sentences, key=promise):
        if len(kept) >= budget.sumy_max_sentences:
            break
        unseen = len(set(sentence.stems) - vocabulary)
        if (
            words + len(sentence.words) <= budget.sumy_max_words
            and (len(vocabulary) + unseen) * (len(kept) + 1) <= budget.sumy_max_cells
        ):
            kept.add((sentence.document, sentence.index))
            words += len(sentence.words)
            vocabulary.update(sentence.stems)
    return kept


def _sumy_scorer(factory: Callable[[], object]):
    def score(
        documents: Sequence[SegmentedDocument], groups: Sequence[Group], language: str,
        budget: WorkBudget | None = None,
    ) -> Scoring:
        """Rate sentences with a sumy algorithm, on at most the budget's sumy candidates (`_sumy_candidates`);
        the sentences left out rate as low as the lowest rated one."""
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        budget = budget or WorkBudget()
        budget.check_time("rating sentences")
        kept = _sumy_candidates(documents, groups, budget)
        words_by_text = {s.text: s.words for d in documents for s in d.sentences}
        tokenizer = _SumyTokenizer(words_by_text)
        paragraphs = []
        for doc in documents:
            sentences = [
                SumySentence(s.text, tokenizer, s.is_heading)
                for s in doc.sentences
                if kept is None or (s.document, s.index) in kept
            ]
            if sentences:
                paragraphs.append(Paragraph(sentences))
        # Our stemmer: the same stems as the rest of the pipeline, cached per word (sumy's is not).
        summarizer = factory()(stemmer(language))
        summarizer.stop_words = stop_words(language)
        ratings = _sumy_ratings(summarizer, ObjectDocumentModel(paragraphs)) if paragraphs else {}
        budget.check_time("rating sentences")
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
_SUMY = frozenset({"lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic"})
_ALIASES = {"default": DEFAULT_ALGORITHM, "kl-sum": "kl", "klsum": "kl", "sum-basic": "sumbasic"}


def algorithm_names() -> list[str]:
    return list(ALGORITHMS)


def resolve_algorithm(name: str) -> str | None:
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in ALGORITHMS else None


def score(
    documents: Sequence[SegmentedDocument], groups: Sequence[Group], algorithm: str, language: str,
    budget: WorkBudget | None = None,
) -> Scoring:
    """Rate every group with `algorithm`; sumy's methods run within `budget` (their bounded candidates)."""
    rate = ALGORITHMS[algorithm]
    scoring = rate(documents, groups, language, budget) if algorithm in _SUMY else rate(documents, groups, language)
    if not scoring.positions:  # the same cohesion and lead rules hold whichever method rated the sentences
        scoring = replace(scoring, leanings=leanings(documents, language), positions=body_positions(documents))
    return replace(scoring, dates=tuple(d.document.date for d in documents))
