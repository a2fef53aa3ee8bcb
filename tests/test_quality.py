"""Quality gate: ROUGE floors on our own golden clusters, and golden must/must-not strings.

The floors in quality_floors.json were measured when pinned; a change that lowers quality fails here
instead of slipping through. The same clusters cut to their first 2 and 3 articles have floors of their
own (`small_clusters`): people paste a few articles, and a method tuned on 10 can fail on 2.
bench/quality.py gives the full figures on the benchmark clusters.
"""

import json
import statistics
from functools import lru_cache
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from summarizer import Document, Options, summarize

HERE = Path(__file__).parent
CLUSTERS = [json.loads(line) for line in (HERE / "fixtures/golden/clusters.jsonl").read_text().splitlines() if line]
FLOORS = json.loads((HERE / "quality_floors.json").read_text())
WORDS = FLOORS["words"]
SMALL = {int(k): v for k, v in FLOORS["small_clusters"].items() if not k.startswith("_")}


def brief_of(cluster, algorithm="consensus", articles=None):
    """The brief of a golden cluster, or of its first `articles` articles."""
    documents = [Document(text=d["text"], title=d["title"]) for d in cluster["documents"][:articles]]
    return summarize(documents, Options(max_words=WORDS, algorithm=algorithm))


@lru_cache(maxsize=None)
def rouge(algorithm, articles=None):
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    r1, r2 = [], []
    for cluster in CLUSTERS:
        summary = " ".join(brief_of(cluster, algorithm, articles).text.split()[:WORDS])
        scores = [scorer.score(reference, summary) for reference in cluster["references"]]
        r1.append(statistics.mean(s["rouge1"].recall for s in scores))
        r2.append(statistics.mean(s["rouge2"].recall for s in scores))
    return 100 * statistics.mean(r1), 100 * statistics.mean(r2)


@pytest.mark.parametrize("algorithm", ["consensus", "lead"])
def test_rouge_stays_above_the_pinned_floor(algorithm):
    rouge1, rouge2 = rouge(algorithm)
    assert rouge1 >= FLOORS[algorithm]["rouge1"], f"ROUGE-1 fell to {rouge1:.2f}"
    assert rouge2 >= FLOORS[algorithm]["rouge2"], f"ROUGE-2 fell to {rouge2:.2f}"


@pytest.mark.parametrize("articles", sorted(SMALL))
@pytest.mark.parametrize("algorithm", ["consensus", "lead"])
def test_small_clusters_stay_above_their_pinned_floor(algorithm, articles):
    rouge1, rouge2 = rouge(algorithm, articles)
    floor = SMALL[articles][algorithm]
    assert rouge1 >= floor["rouge1"], f"ROUGE-1 on {articles}-article clusters fell to {rouge1:.2f}"
    assert rouge2 >= floor["rouge2"], f"ROUGE-2 on {articles}-article clusters fell to {rouge2:.2f}"


def test_small_clusters_are_the_first_articles_of_each_golden_cluster():
    assert all(len(c["documents"]) > max(SMALL) for c in CLUSTERS), "a cut would keep the whole cluster"


def test_default_method_beats_the_lead_baseline_clearly():
    assert rouge("consensus")[0] >= rouge("lead")[0] + 5


@pytest.mark.parametrize("cluster", CLUSTERS, ids=[c["id"] for c in CLUSTERS])
def test_golden_strings(cluster):
    text = brief_of(cluster).text
    for wanted in cluster["must_include"]:
        assert wanted in text, f"{wanted!r} missing from: {text}"
    for unwanted in cluster["must_exclude"]:
        assert unwanted not in text, f"{unwanted!r} in: {text}"
