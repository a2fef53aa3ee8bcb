"""Is a change signal or noise? Paired comparison of two bench/quality.py --json runs, cluster by cluster.

    python bench/compare.py bench/results/quality-baseline.json bench/results/quality-mine.json
    python bench/compare.py A.json B.json --algorithm consensus --mode strict
    python bench/compare.py A.json A.json --algorithm consensus --against lead    # two methods, one run
    python bench/quality.py --compare A.json B.json                               # the same

For every mode, algorithm and set present in both runs (clusters paired by id), it prints B - A:
the mean difference of R-1 and R-2, a 95% paired-bootstrap interval of that mean (resampling
clusters), and the sign test (wins/losses among clusters that differ, two-sided p). A row is marked
`*` when the interval excludes 0. MEAN (full sets) and MEAN@K (sets cut to K articles) rows resample clusters within each set
and weigh every set the same, as the quality tables do (no sign test there: pooled signs would let
duc2006's 50 clusters outvote MultiLing's 10). At 30 clusters a difference under ~0.5 is
usually noise; look at the interval, not the mean.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np
from common import set_families

RESAMPLES = 10_000
SEED = 0


def sign_test(differences: np.ndarray) -> tuple[int, int, float]:
    """Wins, losses and the two-sided binomial p of as uneven a split (ties dropped)."""
    wins = int((differences > 1e-9).sum())
    losses = int((differences < -1e-9).sum())
    n = wins + losses
    if n == 0:
        return 0, 0, 1.0
    k = min(wins, losses)
    p = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return wins, losses, min(1.0, 2 * p)


def bootstrap_means(per_set: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """RESAMPLES draws of the mean over sets of each set's mean difference, clusters resampled within sets."""
    draws = np.zeros(RESAMPLES)
    for differences in per_set:
        n = len(differences)
        picks = rng.integers(0, n, size=(RESAMPLES, n))
        draws += differences[picks].mean(axis=1)
    return draws / len(per_set)


def paired(a: dict, b: dict) -> tuple[list[str], np.ndarray]:
    """Cluster ids in both runs and their (R-1, R-2) differences B - A, shape (n, 2)."""
    ids = [i for i in a["clusters"] if i in b["clusters"]]
    diff = np.array([[b["clusters"][i]["rouge1"] - a["clusters"][i]["rouge1"],
                      b["clusters"][i]["rouge2"] - a["clusters"][i]["rouge2"]] for i in ids]).reshape(-1, 2)
    return ids, diff


def _row(label: str, n: int, per_set: list[np.ndarray], rng) -> str:
    cells = []
    for metric in (0, 1):
        columns = [d[:, metric] for d in per_set]
        mean = float(np.mean([c.mean() for c in columns]))
        draws = bootstrap_means(columns, rng)
        low, high = np.percentile(draws, [2.5, 97.5])
        mark = "*" if low > 0 or high < 0 else " "
        if len(columns) == 1:
            wins, losses, p = sign_test(columns[0])
            sign = f"{wins:>3}/{losses:<3} p={p:.2f}"
        else:  # pooled signs would let the big sets outvote the small ones, unlike the mean
            sign = f"{'':>7} {'':<6}"
        cells.append(f"{mean:+6.2f} [{low:+5.2f},{high:+5.2f}]{mark} {sign}")
    return f"  {label:<20}{n:>4}  " + "   ".join(cells)


def compare(a_run: dict, b_run: dict, algorithm: str | None = None, against: str | None = None,
            mode: str | None = None, print_=print) -> None:
    rng = np.random.default_rng(SEED)
    modes = [m for m in a_run["results"] if m in b_run["results"] and (mode is None or m == mode)]
    if not modes:
        raise SystemExit(f"No mode in both runs{f' named {mode!r}' if mode else ''}.")
    for m in modes:
        a_algorithms = a_run["results"][m]
        b_algorithms = b_run["results"][m]
        if against:  # algorithm (A) against another (B)
            pairs = [(algorithm or "consensus", against)]
        else:
            pairs = [(x, x) for x in a_algorithms if x in b_algorithms and (algorithm is None or x == algorithm)]
        for a_name, b_name in pairs:
            if a_name not in a_algorithms or b_name not in b_algorithms:
                print_(f"\n{m}: {a_name} or {b_name} missing from a run; skipped")
                continue
            a_sets, b_sets = a_algorithms[a_name], b_algorithms[b_name]
            title = a_name if a_name == b_name else f"{b_name} - {a_name}"
            print_(f"\n{m}, {title}: B - A per set, mean [95% paired bootstrap] wins/losses sign-test p; "
                   "* = interval excludes 0")
            print_(f"  {'set':<20}{'n':>4}  {'ROUGE-1':<38}   {'ROUGE-2':<38}")
            diffs = {}
            for name in a_sets:
                if name not in b_sets:
                    continue
                ids, diff = paired(a_sets[name], b_sets[name])
                if not ids:
                    continue
                print_(_row(name, len(ids), [diff], rng))
                diffs[name] = diff
            for label, names in set_families(list(diffs)):
                group = [diffs[n] for n in names]
                if len(group) > 1:
                    print_(_row(label, sum(len(d) for d in group), group, rng))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", type=Path, help="the baseline run (A)")
    parser.add_argument("b", type=Path, help="the changed run (B)")
    parser.add_argument("--algorithm", help="only this algorithm (in A, with --against)")
    parser.add_argument("--against", help="compare --algorithm in A with this algorithm in B")
    parser.add_argument("--mode", help="strict or about (default: both)")
    args = parser.parse_args(argv)
    a_run = json.loads(args.a.read_text(encoding="utf-8"))
    b_run = json.loads(args.b.read_text(encoding="utf-8"))
    for label, run, path in (("A", a_run, args.a), ("B", b_run, args.b)):
        meta = run.get("meta", {})
        print(f"{label}: {path} (commit {meta.get('commit', '?')[:12]}, {meta.get('time', '?')})")
    compare(a_run, b_run, args.algorithm, args.against, args.mode)


if __name__ == "__main__":
    main()
