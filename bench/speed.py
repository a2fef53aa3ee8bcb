"""Speed and memory of the default method against sumy's LexRank, on the same cleaned input.

    python bench/speed.py               # 10-article clusters (DUC), then one 200-article input
    python bench/speed.py --repeat 9

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
    args = parser.parse_args()
    ten_articles(args.repeat, args.clusters)
    two_hundred_articles()


if __name__ == "__main__":
    main()
