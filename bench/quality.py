"""ROUGE of the summarisers on every benchmark set, in both length modes, with per-cluster scores.

    python bench/quality.py                                   # all sets, both modes, 4 algorithms, 2 workers
    python bench/quality.py --sets duc2003,duc2003@3 --algorithms consensus,lead --modes strict
    python bench/quality.py --json bench/results/quality-mine.json
    python bench/quality.py --compare bench/results/quality-baseline.json bench/results/quality-mine.json

Sets: every file of ../shared/mds/ (or MDS_DIR) by stem, and the DUC sets cut to their first 3
articles a cluster (`duc2003@3`, `duc2003_task3@3`, `duc2006@3`: the small clusters people paste).
Each cluster is summarised at its set's reference length (`words` where the line has it, else 100 for
DUC 2003, 250 otherwise) in its own `language` (english where absent).

Modes:
    strict  Options(max_words=N): the product's "never over N words".
    about   Options(max_words=N, words_mode="about"): the last sentence may run over, then the text is
            cut to N words for scoring, as published systems are scored ("fill, then cut").

Scoring (bench/common.py): rouge-score ROUGE-1 / ROUGE-2 recall x100, averaged over a cluster's
references, then over clusters; English with rouge-score's tokenizer and Porter stemming, French,
Czech and Greek on lower-cased Unicode `\\w+` tokens, unstemmed. A table per mode: a row per
algorithm, a column per set, then MEAN (the mean of the full sets' means, each set weighing the same)
and MEAN@K (the same over the sets cut to K articles, one column per K: `--sets duc2003@2,duc2006@2`
gives MEAN@2). `--json` keeps every cluster's scores, which
`--compare` (bench/compare.py) needs to tell a change's signal from noise: at 30 clusters a
difference under about 0.5 is usually noise.

Every brief goes through the real `summarize()`; within one cluster, cleaning, segmentation, grouping
and scoring are memoised across the two modes (same input objects, same result), which halves the
time of the slow sumy methods. `--no-memo` runs summarize() from scratch each time. The JSON's `meta`
records the git commit and any uncommitted file of summarizer/ as imported at the start (workers fork
from that process, so edits made during a run are not seen). Sumy's methods take 5-15 s per duc2006
cluster: the full default run is about 10 minutes of 2 cores, more on a busy machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import (
    ALL_SETS,
    CACHEABLE_STAGES,
    MDS_DIR,
    ROOT,
    cluster_documents,
    cut_words,
    load_set,
    replaying,
    rouge_recall,
    scorer_for,
    set_families,
    split_set_name,
)

from summarizer import Options, SummarizerError, summarize

DEFAULT_ALGORITHMS = ("consensus", "lead", "textrank", "lexrank")
MODES = {"strict": "at_most", "about": "about"}  # bench name -> Options.words_mode
DEFAULT_JOBS = 2


def brief_scores(cluster: dict, algorithm: str, modes, memo: bool = True) -> dict[str, dict]:
    """Score one cluster's brief in each mode: {mode: {"rouge1", "rouge2", "words", "error"?}}."""
    documents = cluster_documents(cluster)
    words = cluster["words"]
    scorer = scorer_for(cluster["language"])
    results = {}
    stages = CACHEABLE_STAGES + ("score",) if memo else ()
    with replaying(stages):
        for mode in modes:
            options = Options(max_words=words, algorithm=algorithm, language=cluster["language"],
                              words_mode=MODES[mode])
            try:
                text = summarize(documents, options).text
            except SummarizerError as error:  # scored as an empty brief, and said
                results[mode] = {"rouge1": 0.0, "rouge2": 0.0, "words": 0, "error": str(error)}
                continue
            r1, r2 = rouge_recall(cut_words(text, words), cluster["references"], scorer)
            results[mode] = {"rouge1": r1, "rouge2": r2, "words": len(text.split())}
    return results


def _task(task: tuple[str, str, int, tuple[str, ...], bool]):
    set_name, algorithm, index, modes, memo = task
    cluster = load_set(set_name)[index]
    start = time.perf_counter()
    scores = brief_scores(cluster, algorithm, modes, memo)
    return set_name, algorithm, cluster["id"], scores, time.perf_counter() - start


def _cost(set_name: str, algorithm: str) -> float:
    """Rough relative cost, to start the slowest tasks first and keep both workers busy to the end."""
    base, first = split_set_name(set_name)
    articles = first or (25 if base == "duc2006" else 10)
    return articles ** 2 * (10 if algorithm not in ("consensus", "lead") else 1)


def _load(set_name: str) -> list[dict]:
    return load_set(set_name)


def run(sets, algorithms, modes, jobs: int = DEFAULT_JOBS, memo: bool = True, limit: int | None = None) -> dict:
    """Score every (set, algorithm) in every mode; returns the JSON-ready results."""
    clusters = {name: _load(name)[:limit] for name in sets}
    meta = _meta(sets, algorithms, modes, clusters)  # the code as imported now, before the workers fork
    tasks = [
        (name, algorithm, i, tuple(modes), memo)
        for name in sets
        for algorithm in algorithms
        for i in range(len(clusters[name]))
    ]
    tasks.sort(key=lambda t: -_cost(t[0], t[1]))
    per_cluster: dict = {m: {a: {s: {} for s in sets} for a in algorithms} for m in modes}
    seconds: dict = {a: {s: 0.0 for s in sets} for a in algorithms}
    done = 0
    started = time.perf_counter()
    if jobs > 1:
        pool = multiprocessing.get_context("fork").Pool(jobs)
        results = pool.imap_unordered(_task, tasks, chunksize=1)
    else:
        pool, results = None, map(_task, tasks)
    try:
        for set_name, algorithm, cluster_id, scores, spent in results:
            for mode, score in scores.items():
                per_cluster[mode][algorithm][set_name][cluster_id] = score
            seconds[algorithm][set_name] += spent
            done += 1
            if done % 25 == 0 or done == len(tasks):
                print(f"  {done}/{len(tasks)} briefs scored, {time.perf_counter() - started:.0f} s", file=sys.stderr,
                      flush=True)
    finally:
        if pool is not None:
            pool.close()
            pool.join()

    meta["finished"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    out: dict = {"meta": meta, "results": {}}
    for mode in modes:
        out["results"][mode] = {}
        for algorithm in algorithms:
            out["results"][mode][algorithm] = {}
            for name in sets:
                # file order, not completion order
                scores = {c["id"]: per_cluster[mode][algorithm][name][c["id"]] for c in clusters[name]}
                out["results"][mode][algorithm][name] = {
                    "rouge1": statistics.mean(s["rouge1"] for s in scores.values()),
                    "rouge2": statistics.mean(s["rouge2"] for s in scores.values()),
                    "words": statistics.mean(s["words"] for s in scores.values()),
                    "errors": sum("error" in s for s in scores.values()),
                    "seconds_per_cluster": seconds[algorithm][name] / len(scores),
                    "clusters": scores,
                }
    return out


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _meta(sets, algorithms, modes, clusters) -> dict:
    dirty = _git("status", "--porcelain", "--", "summarizer")
    return {
        "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        "summarizer_uncommitted": dirty.splitlines(),
        "argv": sys.argv[1:],
        "mds_dir": str(MDS_DIR),
        "algorithms": list(algorithms),
        "modes": {m: MODES[m] for m in modes},
        "scoring": "rouge-score recall x100, mean over references then clusters; english: default tokenizer + "
                   "Porter stemming; other languages: lower-cased Unicode \\w+ tokens, no stemming; brief cut to "
                   "`words` before scoring",
        "sets": {
            name: {
                "clusters": len(cs),
                "words": sorted({c["words"] for c in cs}),
                "language": sorted({c["language"] for c in cs}),
                "articles": sorted({len(c["documents"]) for c in cs}),
            }
            for name, cs in clusters.items()
        },
    }


def set_means(by_set: dict, names) -> tuple[float, float] | None:
    """Mean over sets of the per-set means (each set weighs the same), over the sets present."""
    present = [by_set[n] for n in names if n in by_set]
    if not present:
        return None
    return statistics.mean(s["rouge1"] for s in present), statistics.mean(s["rouge2"] for s in present)


def print_tables(results: dict, file=sys.stdout) -> None:
    for mode, by_algorithm in results["results"].items():
        sets = list(next(iter(by_algorithm.values())).keys())
        families = set_families(sets)
        columns = sets + [label for label, _ in families]
        width = max(13, *(len(c) + 1 for c in columns))
        print(f"\n{mode}: {results['meta']['modes'][mode]!r}; ROUGE-1 / ROUGE-2 recall, briefs cut to the "
              f"reference length", file=file)
        print(f"{'algorithm':<10}" + "".join(f"{c:>{width}}" for c in columns), file=file)
        for algorithm, by_set in by_algorithm.items():
            cells = [(by_set[s]["rouge1"], by_set[s]["rouge2"]) for s in sets]
            for _, names in families:
                cells.append(set_means(by_set, names))
            print(f"{algorithm:<10}" + "".join(f"{f'{a:.2f}/{b:.2f}':>{width}}" for a, b in cells), file=file)
        words = {a: {s: by_set[s]["words"] for s in sets} for a, by_set in by_algorithm.items()}
        print(f"{'words':<10}" + "".join(
            f"{'/'.join(f'{words[a][s]:.0f}' for a in by_algorithm):>{width}}" for s in sets
        ) + "   (mean words before the cut, per algorithm in row order)", file=file)
        for algorithm, by_set in by_algorithm.items():
            for name in sets:
                if by_set[name]["errors"]:
                    print(f"  {algorithm} on {name}: {by_set[name]['errors']} cluster(s) had no brief (scored 0): "
                          "see the JSON", file=file)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(ALL_SETS),
                        help=f"comma-separated set names, @K to cut to K articles (default: {','.join(ALL_SETS)})")
    parser.add_argument("--algorithms", default=",".join(DEFAULT_ALGORITHMS),
                        help="comma-separated (default: %(default)s)")
    parser.add_argument("--modes", default=",".join(MODES), help="strict, about or both (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help="worker processes (default: %(default)s)")
    parser.add_argument("--limit", type=int, help="only the first N clusters of each set (a quick look, not a result)")
    parser.add_argument("--json", type=Path, help="write means and per-cluster scores here")
    parser.add_argument("--no-memo", action="store_true", help="run summarize() from scratch for every brief")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A.json", "B.json"),
                        help="compare two --json runs instead (see bench/compare.py)")
    args = parser.parse_args(argv)
    if args.compare:
        import compare

        compare.main([str(p) for p in args.compare])
        return
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    algorithms = [a.strip() for a in args.algorithms.split(",") if a.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {unknown}; choose from {list(MODES)}")
    for algorithm in algorithms:
        Options(algorithm=algorithm)  # an unknown name fails now, naming the choices
    results = run(sets, algorithms, modes, jobs=args.jobs, memo=not args.no_memo, limit=args.limit)
    meta = results["meta"]
    print(f"commit {meta['commit'][:12]} at {meta['time']}"
          + (f"; uncommitted in summarizer/: {', '.join(meta['summarizer_uncommitted'])}"
             if meta["summarizer_uncommitted"] else ""))
    print("sets: " + "; ".join(f"{n} {m['clusters']} clusters, {'/'.join(map(str, m['words']))} words, "
                               f"{'/'.join(m['language'])}" for n, m in meta["sets"].items()))
    print_tables(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
