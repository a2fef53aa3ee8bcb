"""Choose constants by cross-validation: leave one set out, and k folds within each set.

A constant is worth changing only if the value chosen *without* a set still helps on that set.
This tool scores a grid of constants on clusters of several sets and reports:
  (a) leave-one-set-out: for each held-out set, the params chosen on the other sets (each set weighing
      the same) and their score on the held-out set, beside the current values' score there. Sets that
      share stories with the held-out one are left out of its training too (see `family`): duc2003@3
      is duc2003 cut, and the MultiLing languages are translations of the same ten topics;
  (b) k-fold within each set: params chosen on k-1 folds, scored on the fold left out, pooled;
  (c) the params chosen on all sets together, with every set's score beside the current values'.
Every grid point includes the current module values as "current" (ties go to it).

Command line (params are module attributes by dotted name; values are Python literals):

    python bench/tune.py --sets duc2003,duc2003_task3,multiling2011_en,multiling2011_fr,duc2003@3 \\
        --param summarizer.score.LEAD_BONUS=0,0.5,1 --param summarizer.select.LENGTH_EXPONENT=0.4,0.5,0.6
    python bench/tune.py ... --algorithm consensus --mode about --objective rouge2 --folds 5 --jobs 2 --json out.json

From Python (any scorer f(params, cluster) -> (r1, r2) works; rouge_with() runs the real summarize()):

    import sys; sys.path.insert(0, "bench")
    from tune import prepare, grid, evaluate_grid, analyse, rouge_with
    clusters = prepare(["duc2003", "duc2003_task3", "multiling2011_en"])    # clean/segment/group once
    params = grid({"summarizer.score.LEAD_BONUS": [0, 0.5, 1]}, with_current=True)
    scores = evaluate_grid(clusters, params, rouge_with("consensus", "strict"), jobs=2)  # (P, C, 2)
    print(analyse(clusters, params, scores, objective="r1+r2", folds=5))

How params apply: `patched(params)` sets each module attribute (e.g. summarizer.score.LEAD_BONUS) for
the length of one brief and restores it after. Only names looked up at call time take effect: a
constant copied by `from .score import X`, or bound as a default argument, does not (patched() warns
when another summarizer module holds a copy). The cached stages are cleaning, segmentation and
grouping (see common.replaying): a param in summarizer.clean/segment/group/languages turns the cache
off for that brief, so it still takes effect, only slower.

Scores are ROUGE-1/2 recall x100 of the brief cut to the set's reference length, as bench/quality.py
scores them (common.scorer_for). Preparation and evaluation use a fork pool of --jobs workers.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import itertools
import json
import multiprocessing
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from common import (
    ALL_SETS,
    CACHEABLE_STAGES,
    cluster_documents,
    cut_words,
    load_set,
    rekey,
    replaying,
    rouge_recall,
    scorer_for,
)

from summarizer import Document, Options, SummarizerError, summarize

UNCACHED_MODULES = ("summarizer.clean", "summarizer.segment", "summarizer.group", "summarizer.language.words")
MODES = {"strict": "at_most", "about": "about"}
OBJECTIVES: dict[str, Callable[[float, float], float]] = {
    "r1+r2": lambda r1, r2: r1 + r2,
    "rouge1": lambda r1, r2: r1,
    "rouge2": lambda r1, r2: r2,
}


@dataclass
class PreparedCluster:
    """One benchmark cluster with its cleaned, segmented and grouped input memoised (see replaying)."""

    set: str
    id: str
    language: str
    words: int
    references: list[str]
    documents: list[Document]
    memo: dict = field(default_factory=dict, repr=False)


# --- params ----------------------------------------------------------------------------------------


def _resolve(name: str):
    module_name, _, attribute = name.rpartition(".")
    if not module_name:
        raise ValueError(f"Param {name!r} needs a module: write it like 'summarizer.score.LEAD_BONUS'.")
    module = importlib.import_module(module_name)
    if not hasattr(module, attribute):
        upper = sorted(a for a in vars(module) if a.isupper())
        raise ValueError(f"{module_name} has no {attribute!r}; its constants: {', '.join(upper)}.")
    return module, attribute


def current_params(names: Iterable[str]) -> dict:
    """The values the modules hold now, by dotted name."""
    values = {}
    for name in names:
        module, attribute = _resolve(name)
        values[name] = getattr(module, attribute)
    return values


_COPIES: dict[str, list[str]] = {}


def _copies(name: str, value) -> list[str]:
    """Other summarizer modules holding a constant of the same name and value (`from .x import NAME`,
    or a twin): patching one does not change the other."""
    if name not in _COPIES:
        module_name, _, attribute = name.rpartition(".")
        missing = object()
        _COPIES[name] = [
            other for other, module in sorted(sys.modules.items())
            if other.startswith("summarizer") and other != module_name and module is not None
            and getattr(module, attribute, missing) == value
        ]
    return _COPIES[name]


@contextmanager
def patched(params: dict):
    """Set module attributes by dotted name for the block; restore them after, even on error."""
    saved = []
    try:
        for name, value in params.items():
            module, attribute = _resolve(name)
            copies = _copies(name, getattr(module, attribute))
            if copies:
                warnings.warn(f"{name} is also bound in {', '.join(copies)}; patching it there has no effect.")
            saved.append((module, attribute, getattr(module, attribute)))
            setattr(module, attribute, value)
        yield
    finally:
        for module, attribute, value in reversed(saved):
            setattr(module, attribute, value)


def grid(spec: dict[str, Sequence] | Sequence[dict], with_current: bool = True) -> list[dict]:
    """Every combination of `spec`'s values (or a given list of dicts), the current values first."""
    if isinstance(spec, dict):
        names = list(spec)
        points = [dict(zip(names, values)) for values in itertools.product(*(spec[n] for n in names))]
    else:
        points = [dict(p) for p in spec]
    if with_current and points:
        current = current_params(points[0])
        points = [current] + [p for p in points if p != current]
    return points


# --- preparing and scoring -------------------------------------------------------------------------


def _prepare_one(cluster: dict) -> PreparedCluster:
    prepared = PreparedCluster(
        set=cluster["set"], id=cluster["id"], language=cluster["language"], words=cluster["words"],
        references=list(cluster["references"]), documents=cluster_documents(cluster),
    )
    with replaying(CACHEABLE_STAGES, memo=prepared.memo):
        try:  # the real pipeline fills the memo exactly as later calls will look it up
            summarize(prepared.documents, Options(max_words=prepared.words, language=prepared.language))
        except SummarizerError:
            pass
    return prepared


def prepare(set_names: Sequence[str], limit: int | None = None, jobs: int = 2) -> list[PreparedCluster]:
    """Load the sets (names as in bench/quality.py, `@3` cuts clusters) and clean, segment and group
    every cluster once."""
    clusters = [c for name in set_names for c in load_set(name)[:limit]]
    start = time.perf_counter()
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            prepared = pool.map(_prepare_one, clusters, chunksize=1)
        for p in prepared:  # unpickled: same object graph, new ids
            p.memo = rekey(p.memo)
    else:
        prepared = [_prepare_one(c) for c in clusters]
    print(f"prepared {len(prepared)} clusters of {len(set_names)} sets in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)
    return prepared


def rouge_with(algorithm: str = "consensus", mode: str = "strict") -> Callable[[dict, PreparedCluster], tuple]:
    """A scorer f(params, cluster) -> (r1, r2): the real summarize() with params patched in."""
    words_mode = MODES.get(mode, mode)

    def f(params: dict, cluster: PreparedCluster) -> tuple[float, float]:
        uncached = any(name.startswith(UNCACHED_MODULES) for name in params)
        options = Options(max_words=cluster.words, algorithm=algorithm, language=cluster.language,
                          words_mode=words_mode)
        with patched(params), replaying(() if uncached else CACHEABLE_STAGES, memo=cluster.memo):
            try:
                text = summarize(cluster.documents, options).text
            except SummarizerError:
                return 0.0, 0.0
        return rouge_recall(cut_words(text, cluster.words), cluster.references, scorer_for(cluster.language))

    return f


_STATE: dict = {}  # what forked workers read: clusters, params, f


def _evaluate(task: tuple[int, int]) -> tuple[int, int, tuple[float, float]]:
    p, c = task
    return p, c, tuple(_STATE["f"](_STATE["params"][p], _STATE["clusters"][c]))


def evaluate_grid(clusters: Sequence[PreparedCluster], params: Sequence[dict], f=None, jobs: int = 2) -> np.ndarray:
    """Scores of every params on every cluster: an array (len(params), len(clusters), 2) of (r1, r2)."""
    f = f or rouge_with()
    _STATE.update(clusters=clusters, params=params, f=f)
    tasks = [(p, c) for p in range(len(params)) for c in range(len(clusters))]
    scores = np.zeros((len(params), len(clusters), 2))
    start = time.perf_counter()
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = list(pool.imap_unordered(_evaluate, tasks, chunksize=8))
    else:
        results = [_evaluate(t) for t in tasks]
    for p, c, value in results:
        scores[p, c] = value
    print(f"scored {len(params)} params x {len(clusters)} clusters in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)
    return scores


# --- choosing --------------------------------------------------------------------------------------


@dataclass
class Report:
    params: list[dict]
    sets: list[str]
    by_set: np.ndarray  # (P, S, 2): mean (r1, r2) of each params on each set
    overall: int  # index of the params chosen on all sets
    loso: list[dict]  # per held-out set: chosen, its score there, current's, best possible there
    kfold: list[dict]  # per set: chosen per fold, pooled held-out score, current's
    objective: str

    def label(self, index: int) -> str:
        names = list(self.params[0])
        changed = {n.rpartition(".")[2]: v for n, v in self.params[index].items()}
        text = ", ".join(f"{n}={v!r}" for n, v in changed.items()) if names else "-"
        return ("current: " if index == 0 else "") + text

    def to_json(self) -> dict:
        return {
            "objective": self.objective,
            "params": self.params,
            "sets": self.sets,
            "by_set": self.by_set.round(3).tolist(),
            "overall": self.params[self.overall],
            "leave_one_set_out": [{**r, "chosen": self.params[r["chosen"]], "best_there": self.params[r["best_there"]]}
                                  for r in self.loso],
            "kfold": [{**r, "chosen": [self.params[i] for i in r["chosen"]]} for r in self.kfold],
        }

    def __str__(self) -> str:
        lines = [f"objective {self.objective}; {len(self.params)} params (0 = current values); R-1/R-2 x100", ""]
        lines.append("(a) leave one set out: params chosen on the other sets (not those sharing its stories), "
                     "scored on the held-out set")
        lines.append(f"  {'held out':<20}{'chosen there':>14}{'current':>14}{'delta':>14}  chosen (best there)")
        for r in self.loso:
            lines.append(
                f"  {r['set']:<20}{_pair(r['score']):>14}{_pair(r['current']):>14}{_pair(r['delta'], True):>14}  "
                f"[{r['chosen']}] {self.label(r['chosen'])}  ([{r['best_there']}] {_pair(r['best_score'])})"
            )
        mean_delta = np.mean([r["delta"] for r in self.loso], axis=0)
        lines.append(f"  {'mean over sets':<20}{'':>28}{_pair(mean_delta, True):>14}")
        lines.append("")
        lines.append("(b) k-fold within each set: pooled held-out score of the params chosen on the other folds")
        lines.append(f"  {'set':<20}{'held-out':>14}{'current':>14}{'delta':>14}  chosen per fold")
        for r in self.kfold:
            lines.append(
                f"  {r['set']:<20}{_pair(r['score']):>14}{_pair(r['current']):>14}{_pair(r['delta'], True):>14}  "
                f"{r['chosen']}"
            )
        mean_delta = np.mean([r["delta"] for r in self.kfold], axis=0)
        lines.append(f"  {'mean over sets':<20}{'':>28}{_pair(mean_delta, True):>14}")
        lines.append("")
        o = self.overall
        lines.append(f"(c) chosen on all sets: [{o}] {self.label(o)}")
        lines.append(f"  {'set':<20}{'chosen':>14}{'current':>14}{'delta':>14}")
        for s, name in enumerate(self.sets):
            a, b = self.by_set[o, s], self.by_set[0, s]
            lines.append(f"  {name:<20}{_pair(a):>14}{_pair(b):>14}{_pair(a - b, True):>14}")
        a, b = self.by_set[o].mean(axis=0), self.by_set[0].mean(axis=0)
        lines.append(f"  {'MEAN':<20}{_pair(a):>14}{_pair(b):>14}{_pair(a - b, True):>14}")
        held = sum(r["chosen"] == o for r in self.loso)
        lines.append(f"  chosen in {held} of {len(self.loso)} leave-one-set-out folds. "
                     f"Differences under ~0.5 on a 30-cluster set are noise: check with bench/compare.py.")
        lines.append("")
        lines.append("params:")
        lines.extend(f"  [{i}] {self.label(i)}" for i in range(len(self.params)))
        return "\n".join(lines)


def _pair(values, signed: bool = False) -> str:
    fmt = "{:+.2f}/{:+.2f}" if signed else "{:.2f}/{:.2f}"
    return fmt.format(*values)


def family(set_name: str) -> str:
    """Sets that share stories: a set and its @K cuts; the MultiLing languages (one set of topics)."""
    base = set_name.partition("@")[0]
    return "multiling2011" if base.startswith("multiling2011") else base


def analyse(clusters: Sequence[PreparedCluster], params: Sequence[dict], scores: np.ndarray,
            objective: str = "r1+r2", folds: int = 5, seed: int = 0,
            family: Callable[[str], str] = family) -> Report:
    """Cross-validate a grid already scored by evaluate_grid. params[0] should be the current values.

    Leaving a set out also leaves out of training every set of the same `family` (pass
    `family=lambda s: s` to leave out the set alone)."""
    goal = OBJECTIVES[objective]
    sets = list(dict.fromkeys(c.set for c in clusters))
    members = {s: np.array([i for i, c in enumerate(clusters) if c.set == s]) for s in sets}
    by_set = np.stack([scores[:, members[s]].mean(axis=1) for s in sets], axis=1)  # (P, S, 2)

    def choose(set_scores: np.ndarray) -> int:  # (P, k, 2) per-set means -> best params, ties to the lowest
        value = goal(set_scores[..., 0], set_scores[..., 1]).mean(axis=1)
        return int(np.flatnonzero(value >= value.max() - 1e-9)[0])

    loso = []
    for s, name in enumerate(sets):
        others = [t for t in range(len(sets)) if family(sets[t]) != family(name)]
        chosen = choose(by_set[:, others]) if others else 0
        best = choose(by_set[:, [s]])
        loso.append({"set": name, "trained_on": [sets[t] for t in others], "chosen": chosen,
                     "score": by_set[chosen, s].tolist(), "current": by_set[0, s].tolist(),
                     "delta": (by_set[chosen, s] - by_set[0, s]).tolist(),
                     "best_there": best, "best_score": by_set[best, s].tolist()})

    rng = np.random.default_rng(seed)
    kfold = []
    for name in sets:
        index = rng.permutation(members[name])
        k = max(2, min(folds, len(index)))
        parts = np.array_split(index, k)
        held_out, chosen_list = [], []
        for f, part in enumerate(parts):
            train = np.concatenate([p for g, p in enumerate(parts) if g != f])
            chosen = choose(scores[:, train].mean(axis=1)[:, None, :])
            chosen_list.append(chosen)
            held_out.append(scores[chosen, part])
        pooled = np.concatenate(held_out).mean(axis=0)
        current = scores[0, index].mean(axis=0)
        kfold.append({"set": name, "folds": k, "chosen": chosen_list, "score": pooled.tolist(),
                      "current": current.tolist(), "delta": (pooled - current).tolist()})

    return Report(params=list(params), sets=sets, by_set=by_set, overall=choose(by_set), loso=loso, kfold=kfold,
                  objective=objective)


def cross_validate(clusters: Sequence[PreparedCluster], params: Sequence[dict], f=None, objective: str = "r1+r2",
                   folds: int = 5, jobs: int = 2, seed: int = 0) -> Report:
    """evaluate_grid, then analyse: the whole report in one call."""
    return analyse(clusters, params, evaluate_grid(clusters, params, f, jobs), objective, folds, seed)


def _parse_param(text: str) -> tuple[str, list]:
    name, sep, values = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"write --param NAME=v1,v2,...; got {text!r}")
    parsed = ast.literal_eval(f"[{values}]")
    return name.strip(), parsed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(ALL_SETS), help="comma-separated (default: every set)")
    parser.add_argument("--param", action="append", type=_parse_param, required=True,
                        help="NAME=v1,v2,... (repeatable; Python literals), e.g. summarizer.score.LEAD_BONUS=0,0.5,1")
    parser.add_argument("--algorithm", default="consensus")
    parser.add_argument("--mode", default="strict", choices=list(MODES))
    parser.add_argument("--objective", default="r1+r2", choices=list(OBJECTIVES))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, help="first N clusters of each set only (a quick look)")
    parser.add_argument("--json", type=Path, help="write the report and every per-cluster score here")
    args = parser.parse_args(argv)
    spec = dict(args.param)
    params = grid(spec)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    clusters = prepare(sets, args.limit, args.jobs)
    scores = evaluate_grid(clusters, params, rouge_with(args.algorithm, args.mode), args.jobs)
    report = analyse(clusters, params, scores, args.objective, args.folds)
    print(f"{args.algorithm}, {args.mode} mode, sets: {', '.join(sets)}")
    print(report)
    if args.json:
        out = report.to_json()
        out["clusters"] = [{"set": c.set, "id": c.id} for c in clusters]
        out["scores"] = scores.round(4).tolist()
        args.json.write_text(json.dumps(out, indent=1, default=repr) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
