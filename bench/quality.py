"""ROUGE of every algorithm on multi-document clusters with human references.

    python bench/quality.py                          # duc2003 (100 words) and multiling (250 words)
    python bench/quality.py --data PATH.jsonl --algorithms consensus,lead --words 100

Each brief goes through the project's own `summarize()` (cleaning included), is cut to the word
limit, and is scored with Google's rouge-score: ROUGE-1 and ROUGE-2 recall, Porter stemming,
averaged over a cluster's references, then over clusters.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from common import MDS_DIR, cluster_documents, load_clusters
from rouge_score import rouge_scorer

from summarizer import Options, algorithm_names, summarize

DEFAULT_SETS = (("duc2003.jsonl", 100), ("multiling2011_en.jsonl", 250))


def rouge_recall(summary: str, references: list[str], scorer) -> tuple[float, float]:
    scores = [scorer.score(reference, summary) for reference in references]
    return (
        statistics.mean(s["rouge1"].recall for s in scores),
        statistics.mean(s["rouge2"].recall for s in scores),
    )


def evaluate(clusters: list[dict], algorithm: str, words: int) -> dict:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    r1, r2, seconds = [], [], []
    for cluster in clusters:
        documents = cluster_documents(cluster)
        start = time.perf_counter()
        brief = summarize(documents, Options(max_words=words, algorithm=algorithm))
        seconds.append(time.perf_counter() - start)
        summary = " ".join(brief.text.split()[:words])
        one, two = rouge_recall(summary, cluster["references"], scorer)
        r1.append(one)
        r2.append(two)
    return {
        "algorithm": algorithm,
        "rouge1": 100 * statistics.mean(r1),
        "rouge2": 100 * statistics.mean(r2),
        "seconds_per_cluster": statistics.mean(seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, action="append", help="JSONL clusters (repeatable)")
    parser.add_argument("--words", type=int, help="word limit (default 100 for DUC, 250 for MultiLing)")
    parser.add_argument("--algorithms", default=",".join(algorithm_names()))
    args = parser.parse_args()
    sets = [(p, args.words or 100) for p in args.data] if args.data else [
        (MDS_DIR / name, args.words or words) for name, words in DEFAULT_SETS
    ]
    for path, words in sets:
        clusters = load_clusters(path)
        print(f"\n{path.name}: {len(clusters)} clusters, briefs cut to {words} words")
        print(f"{'algorithm':<12} {'ROUGE-1':>8} {'ROUGE-2':>8} {'s/cluster':>10}")
        for algorithm in args.algorithms.split(","):
            result = evaluate(clusters, algorithm.strip(), words)
            print(
                f"{result['algorithm']:<12} {result['rouge1']:8.2f} {result['rouge2']:8.2f}"
                f" {result['seconds_per_cluster']:10.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
