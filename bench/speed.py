"""Speed and memory of the default method against sumy's LexRank, on the same cleaned input.

    python bench/speed.py               # 10-article clusters (DUC), then one 200-article input
    python bench/speed.py --repeat 9
    python bench/speed.py --stages      # also: where the default's time goes, stage by stage

Inputs are cleaned once up front, so both methods see the same article text; `summarize()` still runs
its own cleaning pass (a no-op on clean text, a few ms) inside the timings, as it does in the app. The
default is also timed on the articles as given (uncleaned, as a paste reaches the app), where cleaning
does its full work. The 200-article run happens in a fresh child
process so its peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from common import MDS_DIR, ROOT, cluster_documents, load_clusters

import summarizer.pipeline as pipeline
from summarizer import Options, summarize
from summarizer.clean import clean


def _median_ms(documents, algorithm: str, repeat: int) -> float:
    options = Options(algorithm=algorithm)
    summarize(documents, options)  # warm caches (stemmer, Punkt model) as a running server has them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        summarize(documents, options)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def ten_articles(repeat: int, clusters: int) -> None:
    data = load_clusters(MDS_DIR / "duc2003.jsonl")[:clusters]
    ours, as_given, lexrank, words = [], [], [], []
    for cluster in data:
        documents = list(clean(cluster_documents(cluster)))
        words.append(sum(len(d.text.split()) for d in documents))
        ours.append(_median_ms(documents, "consensus", repeat))
        as_given.append(_median_ms(cluster_documents(cluster), "consensus", repeat))
        lexrank.append(_median_ms(documents, "lexrank", max(1, repeat // 3)))
    print(f"10-article clusters: {len(data)} DUC clusters, median {statistics.median(words):.0f} words each")
    print(f"  consensus (default): median {statistics.median(ours):7.1f} ms  (max {max(ours):.1f})")
    print(f"  consensus, uncleaned: median {statistics.median(as_given):6.1f} ms  (max {max(as_given):.1f})")
    print(f"  sumy LexRank:        median {statistics.median(lexrank):7.1f} ms")
    ratios = [b / a for a, b in zip(ours, lexrank)]
    print(f"  default is {statistics.median(ratios):.1f}x faster (median over clusters, min {min(ratios):.1f}x)")


# The pipeline's stages as summarize() calls them (names in summarizer.pipeline), in order.
STAGES = ("clean", "choose_language", "segment", "copies", "reports", "group_sentences", "check_facts", "score",
          "select")


def stages(repeat: int, clusters: int) -> None:
    """Milliseconds per cluster spent in each stage of summarize(), on the same cleaned input as above: each
    stage's function in summarizer.pipeline is wrapped with a timer for the length of the run."""
    spent = {name: 0.0 for name in STAGES}

    def timed(name, function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return run

    originals = {name: getattr(pipeline, name) for name in STAGES}
    data = [list(clean(cluster_documents(c))) for c in load_clusters(MDS_DIR / "duc2003.jsonl")[:clusters]]
    for documents in data:
        summarize(documents, Options())  # warm
    per_round = []
    try:
        for name, function in originals.items():
            setattr(pipeline, name, timed(name, function))
        for _ in range(repeat):
            for name in spent:
                spent[name] = 0.0
            start = time.perf_counter()
            for documents in data:
                summarize(documents, Options())
            per_round.append(({n: 1000 * t / len(data) for n, t in spent.items()},
                              1000 * (time.perf_counter() - start) / len(data)))
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)
    total = statistics.median(t for _, t in per_round)
    parts = ", ".join(f"{name} {statistics.median(r[name] for r, _ in per_round):.1f}" for name in STAGES)
    print(f"per stage, ms a cluster (median of {repeat} rounds of {len(data)} clusters, {total:.1f} ms in all): {parts}")


LARGE_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from common import MDS_DIR, cluster_documents, load_clusters
from summarizer import Options, summarize
from summarizer.clean import clean
documents = []
for cluster in load_clusters(MDS_DIR / "duc2003.jsonl"):
    documents += cluster_documents(cluster)
documents = list(clean(documents[:200]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
brief = summarize(documents, Options())
seconds = time.perf_counter() - start
print(json.dumps({{"documents": len(documents), "words": sum(len(d.text.split()) for d in documents),
                  "seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_before_mb": before / 1024, "brief_words": brief.word_count}}))
"""


def two_hundred_articles() -> None:
    code = LARGE_CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"))
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    result = json.loads(output)
    print(f"{result['documents']} articles, {result['words']} words in one input:")
    print(f"  consensus: {result['seconds']:.2f} s, peak RSS {result['peak_rss_mb']:.0f} MB"
          f" (of which {result['rss_before_mb']:.0f} MB before summarising)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per cluster")
    parser.add_argument("--clusters", type=int, default=10, help="how many DUC clusters to time")
    parser.add_argument("--stages", action="store_true", help="also time each stage of the default")
    args = parser.parse_args()
    ten_articles(args.repeat, args.clusters)
    if args.stages:
        stages(args.repeat, args.clusters)
    two_hundred_articles()


if __name__ == "__main__":
    main()
