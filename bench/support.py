"""Support and disputes in the default briefs of the benchmark sets, for a reader to check by eye.

    python bench/support.py                          # every full set of ../shared/mds (or MDS_DIR)
    python bench/support.py --sets duc2003,duc2006@3

For each set: brief sentences, how many claim support from two or more articles, how many say that
sources differ; then every disputed sentence with what differs, and (with --supported N) N supported
sentences drawn at random with the wordings they count as agreeing. "Reported by k sources" must be
true and "sources differ" must be a real difference: this lists both so that a change to facts.py or
group.py can be read, not only scored.
"""

from __future__ import annotations

import argparse
import random

from common import FULL_SETS, cluster_documents, load_set

from summarizer import Options, summarize


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(FULL_SETS), help="comma-separated set names (@K to cut)")
    parser.add_argument("--supported", type=int, default=0, metavar="N", help="also show N supported sentences")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    disputed, supported = [], []
    print(f"{'set':20} {'sentences':>9} {'supported':>9} {'disputed':>8}")
    for name in args.sets.split(","):
        counts = [0, 0, 0]
        for cluster in load_set(name):
            options = Options(max_words=cluster["words"], language=cluster["language"])
            brief = summarize(cluster_documents(cluster), options)
            for sentence in brief.sentences:
                counts[0] += 1
                label = f"{name} {cluster['id']}"
                if sentence.support >= 2:
                    counts[1] += 1
                    others = [brief.documents[r.document].sentences[r.sentence] for r in sentence.sources[1:]]
                    supported.append((label, sentence.text, others))
                if sentence.disputed_by:
                    counts[2] += 1
                    differs = "; ".join(f"{d.brief} / {d.source}" for dispute in sentence.disputed_by
                                        for d in dispute.differs)
                    disputed.append((label, sentence.text, differs))
        print(f"{name:20} {counts[0]:>9} {counts[1]:>9} {counts[2]:>8}")
    for label, text, differs in disputed:
        print(f"\n[disputed] {label}: {text}\n    differs: {differs}")
    for label, text, others in random.Random(args.seed).sample(supported, min(args.supported, len(supported))):
        print(f"\n[supported] {label}: {text}" + "".join(f"\n    = {other}" for other in others))


if __name__ == "__main__":
    main()
