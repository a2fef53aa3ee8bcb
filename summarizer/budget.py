"""Work budget: how much work one `summarize()` call may do, built once at its start and handed to the stages.

The documented limits bound characters (50 articles, 200,000 each, 1,000,000 a request), not work: a
million characters of "Go. " is 250,000 sentences, and a sentence repeated 10,000 times once made
grouping compare 10^8 pairs. These values bound the work instead; a stage whose cost can grow checks
them inside its loops, and input that would need more is refused with `TooMuchWorkError`, whose
message says what to cut. Stages keep their own tuned constants for quality; only bounds live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from time import monotonic

from .errors import TooMuchWorkError

# Each default was chosen on this project's 2-core machine (bench/speed.py, tests/hostile_inputs.py):
# - 1,000,000 characters of news make about 8,000 sentences (duc2003: ~130 characters each). The most
#   the stages then cost is on short distinct sentences: 5 x 199 kB of 8-word ones (17,455 sentences)
#   take 4.4 CPU seconds; 1 MB of "Go. " (250,000) took 17 s and is refused at 20,000 in 1.5 s.
MAX_SENTENCES = 20_000
# - grouping's index keeps this many sentences per feature (stem or stem pair), the first to hold it.
#   On duc2003 every duplicate pair shares a feature held by at most 9 sentences, and the commonest
#   feature is held by 151 sentences of a 10-article cluster (298 of the 200-article input): grouping
#   with these bounds gives the same groups as comparing every pair, on all 30 clusters and the 200.
MAX_FEATURE_SENTENCES = 250
# - each sentence is compared exactly with at most this many earlier ones, those sharing its rarest
#   features first. A 10-article duc2003 cluster needs at most 34; the 200-article input has sentences
#   with up to 92 candidates, yet 50 still gives it the same groups. It also bounds the pairs kept in
#   memory: 20,000 sentences x 50.
MAX_PAIRS_PER_SENTENCE = 50
# - sumy's graph and matrix methods are quadratic in sentences (LexRank ~25 s on 2,000); a 10-article
#   cluster has 100-510 sentences (duc2003), so 600 leave it untouched and keep LexRank near 2 s.
SUMY_MAX_SENTENCES = 600
# - LexRank compares every pair word by word: its work grows with sentences x words. duc2003's largest
#   cluster has 11,700 words (LexRank 2.3 s); at 15,000 (600 sentences of 25 words) it takes 2.1 s.
SUMY_MAX_WORDS = 15_000
# - LSA fills and decomposes a dense distinct-words x sentences matrix, cell by cell in Python: duc2003's
#   largest is 1,500 x 506 = 760,000 cells (2.6 s); 1,000,000 keeps rare-word input near that.
SUMY_MAX_CELLS = 1_000_000
# - wall-clock time for summarize(), cleaning to brief: reading files comes first, and the product
#   promises an answer within 10 s. The bounds above keep the stages to ~4.5 CPU seconds at worst, so
#   the clock only refuses when the machine is overloaded or a stage has no bound yet.
SECONDS = 8.0


@dataclass(frozen=True)
class WorkBudget:
    """Bounds on the work of one summarisation; `started()` sets the clock running.

    A budget that was never started has no deadline (the other bounds still hold), so stages can be
    called alone, e.g. in tests, without a clock.
    """

    max_sentences: int = MAX_SENTENCES
    max_feature_sentences: int = MAX_FEATURE_SENTENCES
    max_pairs_per_sentence: int = MAX_PAIRS_PER_SENTENCE
    sumy_max_sentences: int = SUMY_MAX_SENTENCES
    sumy_max_words: int = SUMY_MAX_WORDS
    sumy_max_cells: int = SUMY_MAX_CELLS
    seconds: float | None = SECONDS  # None: no time limit
    deadline: float | None = field(default=None, compare=False)  # a time.monotonic() value, set by started()

    def __post_init__(self) -> None:
        for name in ("max_sentences", "max_feature_sentences", "max_pairs_per_sentence", "sumy_max_sentences",
                     "sumy_max_words", "sumy_max_cells"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"WorkBudget.{name} must be a whole number of at least 1; got {value!r}.")
        if self.seconds is not None and not (isinstance(self.seconds, (int, float)) and self.seconds > 0):
            raise ValueError(f"WorkBudget.seconds must be a positive number of seconds or None; got {self.seconds!r}.")

    def started(self, seconds: float | None = None) -> WorkBudget:
        """This budget with its clock started now; `seconds`, when given, caps the time (e.g. what a
        request has left after reading its files). A budget already started keeps its deadline, so a
        caller can start the clock before `summarize()`, which starts it only when nobody has."""
        if self.deadline is not None and seconds is None:
            return self
        limit = self.seconds if seconds is None else (seconds if self.seconds is None else min(seconds, self.seconds))
        deadline = None if limit is None else monotonic() + limit
        if self.deadline is not None and deadline is not None:
            deadline = min(deadline, self.deadline)
        return replace(self, seconds=limit, deadline=deadline)

    def seconds_left(self) -> float | None:
        return None if self.deadline is None else self.deadline - monotonic()

    def check_time(self, doing: str) -> None:
        """Raise TooMuchWorkError once the deadline has passed; `doing` says where ("grouping sentences").

        Cheap (one clock read): call it inside loops whose length the input decides.
        """
        if self.deadline is not None and monotonic() > self.deadline:
            raise TooMuchWorkError(
                "time",
                f"These articles would take more than {self.seconds:g} seconds to summarise (stopped while "
                f"{doing}). Leave out some articles or paste only the parts you need, then try again.",
            )

    def check_sentences(self, count: int) -> None:
        """Raise TooMuchWorkError when `count` sentences are more than one brief may weigh."""
        if count > self.max_sentences:
            raise TooMuchWorkError(
                "sentences",
                f"The articles hold more than {self.max_sentences:,} sentences; one brief can weigh at most "
                f"{self.max_sentences:,}. Leave out some articles or paste only the parts you need "
                "(text of many very short sentences, such as lists or tables, counts quickly).",
            )
