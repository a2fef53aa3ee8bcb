"""Shared by the benchmarks: where the clusters are, how to load them, and how a brief is scored.

    from common import load_set, cluster_documents, scorer_for, rouge_recall, replaying
    clusters = load_set("duc2003@3")          # a file of ../shared/mds/, cut to 3 articles a cluster
    scorer = scorer_for(cluster_language(clusters[0]))
    r1, r2 = rouge_recall(cut_words(brief.text, 100), clusters[0]["references"], scorer)

Set names are file stems of MDS_DIR (`duc2003`, `multiling2011_fr`, ...), optionally `@K` for the same
clusters cut to their first K articles (the small-cluster case people actually paste).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# ../shared/mds beside the checkout; MDS_DIR overrides it.
MDS_DIR = Path(os.environ.get("MDS_DIR", ROOT.parent / "shared" / "mds"))

from summarizer import Document  # noqa: E402

# Every file of MDS_DIR, in table order, and the DUC ones also cut to 3 articles a cluster.
FULL_SETS = (
    "duc2003",
    "duc2003_task3",
    "duc2006",
    "multiling2011_en",
    "multiling2011_fr",
    "multiling2011_cs",
    "multiling2011_el",
)
SMALL_CLUSTER_ARTICLES = 3
SMALL_SETS = tuple(f"{name}@{SMALL_CLUSTER_ARTICLES}" for name in FULL_SETS if name.startswith("duc"))
ALL_SETS = FULL_SETS + SMALL_SETS

# Reference length where a line has no `words`: DUC 2003 asked for 100 words, DUC 2006 and MultiLing
# for 250 (multiling2011_en.jsonl carries no `words`, its translations do: 250).
DEFAULT_WORDS = {"duc2003": 100, "duc2003_task3": 100, "duc2006": 250}
DEFAULT_WORDS_OTHERWISE = 250


def set_families(names: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Sets grouped for a mean: ("MEAN", the full sets), then ("MEAN@K", the sets cut to K articles) for
    each K present, so sets cut to 2 and to 3 articles are never averaged together."""
    full = [n for n in names if split_set_name(n)[1] is None]
    cuts = sorted({k for k in (split_set_name(n)[1] for n in names) if k is not None})
    families = [("MEAN", full)] if full else []
    return families + [(f"MEAN@{k}", [n for n in names if split_set_name(n)[1] == k]) for k in cuts]


def load_clusters(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cluster_documents(cluster: dict) -> list[Document]:
    return [Document(text=d["text"], title=d.get("title") or "", name=d.get("id", "")) for d in cluster["documents"]]


def split_set_name(name: str) -> tuple[str, int | None]:
    """"duc2003@3" -> ("duc2003", 3); "duc2003" -> ("duc2003", None)."""
    base, _, first = name.partition("@")
    return base, int(first) if first else None


@lru_cache(maxsize=None)
def _load_file(base: str) -> tuple[dict, ...]:
    path = MDS_DIR / f"{base}.jsonl"
    if not path.exists():
        choices = ", ".join(p.stem for p in sorted(MDS_DIR.glob("*.jsonl")))
        raise SystemExit(f"No set {base!r} in {MDS_DIR}; choose from: {choices} (add @3 to cut to 3 articles).")
    return tuple(load_clusters(path))


def load_set(name: str) -> list[dict]:
    """The clusters of a set name; `@K` keeps each cluster's first K articles (in file order).

    Each cluster dict gains `set`, `words` (reference length) and `language` (english where absent).
    """
    base, first = split_set_name(name)
    clusters = []
    for cluster in _load_file(base):
        cluster = dict(cluster)
        if first is not None:
            cluster["documents"] = cluster["documents"][:first]
        cluster["set"] = name
        cluster["words"] = cluster.get("words") or DEFAULT_WORDS.get(base, DEFAULT_WORDS_OTHERWISE)
        cluster["language"] = cluster.get("language") or "english"
        clusters.append(cluster)
    return clusters


def cut_words(text: str, words: int) -> str:
    """The first `words` whitespace-separated words: how published systems' summaries are scored."""
    return " ".join(text.split()[:words])


class UnicodeTokenizer:
    """rouge-score's default tokenizer keeps only a-z and 0-9, so French accents split words and Greek
    text scores nothing. This one lower-cases and keeps `\\w+` Unicode tokens, with no stemming: the
    same treatment for every language (MultiLing's own evaluation did not stem non-English text), and
    no stemmer shared with the summariser, which would reward its own stemming choices."""

    _TOKEN = re.compile(r"\w+", re.UNICODE)

    def tokenize(self, text: str) -> list[str]:
        return self._TOKEN.findall(text.lower())


@lru_cache(maxsize=None)
def scorer_for(language: str):
    """ROUGE-1/2 scorer: rouge-score's own tokenizer with Porter stemming for English (the conventional
    DUC measure), Unicode word tokens unstemmed for every other language."""
    from rouge_score import rouge_scorer

    if language in ("english", "en"):
        return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], tokenizer=UnicodeTokenizer())


def rouge_recall(summary: str, references: Sequence[str], scorer) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 recall (x100), averaged over the references."""
    scores = [scorer.score(reference, summary) for reference in references]
    return (
        100 * statistics.mean(s["rouge1"].recall for s in scores),
        100 * statistics.mean(s["rouge2"].recall for s in scores),
    )


# --- Replaying stages ------------------------------------------------------------------------------
# The real summarize() runs, but the stages named here are memoised for the length of a `with` block:
# a second call with the very same argument objects gets the first call's result. Cleaning,
# segmentation and grouping of a cluster then run once however many options or constants are tried.

CACHEABLE_STAGES = ("clean", "segment", "group_sentences")


def _key(args: tuple, kwargs: dict) -> tuple:
    def one(value):
        return value if isinstance(value, (str, int, float, bool, type(None))) else ("id", id(value))

    return tuple(one(a) for a in args) + tuple((k, one(v)) for k, v in sorted(kwargs.items()))


@contextmanager
def replaying(stages: Iterable[str] = CACHEABLE_STAGES, memo: dict | None = None) -> Iterator[dict]:
    """Memoise `summarizer.pipeline`'s stage functions by the identity of their arguments.

    Pass the same `documents` list to summarize() to hit the memo. Results are kept with the arguments
    they came from (so no id is reused while the memo lives). Pass `memo` to keep results across
    blocks. A stage the pipeline no longer imports under that name simply runs unmemoised.
    """
    from summarizer import pipeline

    memo = {} if memo is None else memo
    originals = {name: getattr(pipeline, name) for name in stages if hasattr(pipeline, name)}

    def memoised(name, function):
        def run(*args, **kwargs):
            key = (name, *_key(args, kwargs))
            if key not in memo:
                memo[key] = (function(*args, **kwargs), args, kwargs)
            return memo[key][0]

        return run

    for name, function in originals.items():
        setattr(pipeline, name, memoised(name, function))
    try:
        yield memo
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)


def rekey(memo: dict) -> dict:
    """Rebuild a memo's keys from the arguments it keeps: after pickling, the objects are new (their
    ids changed) but still share references with each other, so the chain of stages still hits."""
    return {(key[0], *_key(args, kwargs)): (result, args, kwargs) for key, (result, args, kwargs) in memo.items()}
