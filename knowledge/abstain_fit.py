"""Choose the fused matcher's settings and fit its abstention judges, by cross-validation.

    python -m knowledge.abstain_fit --kb ../shared/data/retrieval/kb.jsonl \\
        --queries ../shared/data/retrieval/queries.jsonl --queries knowledge/data/dev_questions.jsonl \\
        --out knowledge/data/abstain.json

Only development questions go in: the shared dev set and our own (`data/dev_questions.jsonl`,
written by us against the same base, in other wording); a check-only set (retrieval-2) never does.

1. Ranking settings (`knowledge.hybrid.Settings`: fusion weights, aliases as vectors, long
   questions whole or by their question sentences) are compared on the fused ranking without
   abstention, per kind of question; the one with the best mean over kinds of MRR@5 wins (ties:
   the best worst kind). Nothing is fitted there, so each kind's figure is already a left-out one.
   Then the winner's long questions are fitted into a character budget (`long_question="fit"`,
   which bounds encoding time): the smallest budget in `BUDGETS` whose mean-over-kinds and
   long-kind MRR@5 stay within `BUDGET_TOLERANCE` of encoding them whole is kept, else the largest
   (encoding whole has no bound on time, and the budgets are those that keep the latency target).
2. The two judges (`knowledge.abstain`) are logistic models of "answerable". Their thresholds are
   chosen on leave-one-kind-out: for each kind, fit on the other kinds and score the left-out one
   (the `none` questions: four folds of them). Among threshold pairs whose left-out wrong
   abstention is at most `MAX_WRONG_MEAN` on average over kinds and `MAX_WRONG_WORST` for the
   worst kind, the one abstaining on most left-out `none` questions wins. Then both judges are
   fitted on all questions and written with their thresholds, the command and the figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from .abstain import FEATURES, PATH, Abstention, fit_judge
from .bench import load_kb, load_queries
from .embed import load_embedder
from .hybrid import SETTINGS, HybridMatcher, Settings
from .vectors import VectorCache

L2 = 1.0
MAX_WRONG_MEAN = 0.08
MAX_WRONG_WORST = 0.15
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.30, 0.96, 0.05))
# characters of a long question that are encoded; 400 is not among them: at 10,000 entries it took
# the full query path to p95 66 ms against the target of 60 (300: 54 ms), measured 2026-12-05
BUDGETS = (200, 250, 300)
BUDGET_TOLERANCE = 0.01  # MRR@5 a budget may cost (mean over kinds, and the long kind)
NONE_FOLDS = 4
ENTRY_FOLDS = 5


# -- per-question rows ------------------------------------------------------------------------------
def collect(m: HybridMatcher, queries: Sequence[dict], qvecs: dict | None = None) -> list[dict]:
    """One row per question: its kind, relevant ids, the three rankings (ids, top 5), features."""
    rows = []
    for q in queries:
        key = (q["query"], m.settings.long_question, m.settings.query_chars)
        qv = qvecs.get(key) if qvecs is not None else None
        if qv is None:
            qv = m.encode_query(q["query"])
            if qvecs is not None:
                qvecs[key] = qv
        r = m.rank(q["query"], qv)
        ids = (lambda order: [m.ids[i] for i in order[:5]]) if r else (lambda order: [])
        rows.append({"id": q["id"], "kind": q.get("kind", "?"), "relevant": q.get("relevant") or [],
                     "lexical": ids(r.lexical) if r else [], "semantic": ids(r.semantic) if r else [],
                     "fused": ids(r.fused) if r else [], "features": r.features if r else None})
    return rows


def ranking_figures(rows: Sequence[dict], system: str = "fused") -> dict[str, dict[str, float]]:
    """hit@1 and MRR@5 per kind of a ranking, without abstention."""
    out: dict[str, list[tuple[float, float]]] = {}
    for r in rows:
        if r["relevant"]:
            ranked = r[system]
            rr = next((1 / i for i, d in enumerate(ranked, 1) if d in r["relevant"]), 0.0)
            out.setdefault(r["kind"], []).append((float(bool(ranked) and ranked[0] in r["relevant"]), rr))
    return {k: {"hit@1": float(np.mean([a for a, _ in v])), "mrr@5": float(np.mean([b for _, b in v]))}
            for k, v in out.items()}


# -- abstention cross-validation ----------------------------------------------------------------------
def fit_abstention(rows: Sequence[dict], thresholds: tuple[float, float], model: str = "") -> Abstention:
    usable = [r for r in rows if r["features"] is not None]
    y = [int(bool(r["relevant"])) for r in usable]
    feats = [r["features"] for r in usable]
    return Abstention(tuple(fit_judge(name, feats, y, t, L2) for name, t in zip(FEATURES, thresholds,
                                                                                    strict=True)), model)


def _abstains(ab: Abstention, row: dict) -> bool:
    return True if row["features"] is None else ab.decide(row["features"])[0]


def folds(rows: Sequence[dict], mode: str) -> list[list[int]]:
    """Held-out index sets: by kind (the `none` kind in `NONE_FOLDS` parts) or by entries (the
    answerable questions grouped by their first relevant entry, `none` spread round-robin)."""
    if mode == "kind":
        kinds = sorted({r["kind"] for r in rows if r["relevant"]})
        out = [[i for i, r in enumerate(rows) if r["relevant"] and r["kind"] == k] for k in kinds]
        nones = [i for i, r in enumerate(rows) if not r["relevant"]]
        out += [nones[j::NONE_FOLDS] for j in range(NONE_FOLDS) if nones[j::NONE_FOLDS]]
        return out
    if mode == "entries":
        entries = sorted({r["relevant"][0] for r in rows if r["relevant"]})
        group = {e: j % ENTRY_FOLDS for j, e in enumerate(entries)}
        out = [[] for _ in range(ENTRY_FOLDS)]
        n_none = 0
        for i, r in enumerate(rows):
            if r["relevant"]:
                out[group[r["relevant"][0]]].append(i)
            else:
                out[n_none % ENTRY_FOLDS].append(i)
                n_none += 1
        return [f for f in out if f]
    raise ValueError(f"unknown cross-validation {mode!r}")


def cross_validate(rows: Sequence[dict], mode: str, fit: Callable[[Sequence[dict]], Abstention]) -> dict:
    """Left-out abstention figures: every question is decided by judges fitted without its fold.
    Returns wrong abstention per kind, its mean over kinds and worst kind, abstain on `none`, and
    hit@1 of the fused ranking with the left-out abstention."""
    decided: dict[int, bool] = {}
    for held in folds(rows, mode):
        held_set = set(held)
        ab = fit([r for i, r in enumerate(rows) if i not in held_set])
        decided.update((i, _abstains(ab, rows[i])) for i in held)
    return summarise(rows, [decided[i] for i in range(len(rows))])


def summarise(rows: Sequence[dict], abstain: Sequence[bool]) -> dict:
    wrong: dict[str, list[bool]] = {}
    hits, none = [], []
    for r, a in zip(rows, abstain, strict=True):
        if r["relevant"]:
            wrong.setdefault(r["kind"], []).append(a)
            hits.append(not a and bool(r["fused"]) and r["fused"][0] in r["relevant"])
        else:
            none.append(a)
    per_kind = {k: round(float(np.mean(v)), 3) for k, v in sorted(wrong.items())}
    return {"wrong_abstain_by_kind": per_kind,
            "wrong_abstain_mean": round(float(np.mean(list(per_kind.values()))), 3) if per_kind else 0.0,
            "wrong_abstain_worst": max(per_kind.values(), default=0.0),
            "worst_kind": max(per_kind, key=per_kind.get) if per_kind else "",
            "abstain_none": round(float(np.mean(none)), 3) if none else 0.0,
            "hit@1": round(float(np.mean(hits)), 3) if hits else 0.0}


def choose_thresholds(rows: Sequence[dict], model: str = "") -> tuple[tuple[float, float], dict]:
    """The threshold pair by leave-one-kind-out (see the module docstring)."""
    best, best_key, best_fig = (0.5, 0.5), None, {}
    for pair in itertools.product(THRESHOLDS, THRESHOLDS):
        fig = cross_validate(rows, "kind", lambda tr, pair=pair: fit_abstention(tr, pair, model))
        ok = fig["wrong_abstain_mean"] <= MAX_WRONG_MEAN and fig["wrong_abstain_worst"] <= MAX_WRONG_WORST
        key = (ok, fig["abstain_none"] if ok else -fig["wrong_abstain_worst"], -fig["wrong_abstain_mean"])
        if best_key is None or key > best_key:
            best, best_key, best_fig = pair, key, fig
    return best, best_fig


def setting_grid() -> list[Settings]:
    grid = []
    for w_sem, k, aliases, long_q in itertools.product((0.7, 1.0, 1.5, 2.0), (10.0, 60.0), (False, True),
                                                       ("whole", "asks")):
        grid.append(replace(SETTINGS, w_sem=w_sem, rrf_k=k, separate_aliases=aliases, long_question=long_q))
    return grid


def choose_settings(entries, queries, embedder, cache, log=print) -> tuple[Settings, list[dict], list[dict]]:
    """Compare ranking settings per kind, then the long-question budget (see the module
    docstring); returns the winner, its rows, and every setting's figures."""
    qvecs: dict = {}
    table: list[dict] = []

    def measure(s: Settings) -> tuple[list[dict], dict]:
        m = HybridMatcher(entries, embedder, cache, settings=s, abstention=Abstention(()))
        rows = collect(m, queries, qvecs)
        per = ranking_figures(rows)
        mrr = [v["mrr@5"] for v in per.values()]
        fig = {"mean": round(float(np.mean(mrr)), 4), "worst": round(min(mrr), 4),
               "long": round(per.get("long", {}).get("mrr@5", 0.0), 4)}
        table.append({"settings": asdict(s), "mean_kind_mrr@5": fig["mean"], "worst_kind_mrr@5": fig["worst"],
                      "hit@1_by_kind": {k: round(v["hit@1"], 3) for k, v in sorted(per.items())}})
        log(f"{asdict(s)}: mean-over-kinds MRR@5 {fig['mean']:.3f}, worst kind {fig['worst']:.3f}")
        return rows, fig

    best, best_key, best_rows, best_fig = SETTINGS, None, [], {}
    for s in setting_grid():
        rows, fig = measure(s)
        if best_key is None or (fig["mean"], fig["worst"]) > best_key:
            best, best_key, best_rows, best_fig = s, (fig["mean"], fig["worst"]), rows, fig
    if best.long_question == "whole":
        for budget in BUDGETS:
            s = replace(best, long_question="fit", query_chars=budget)
            rows, fig = measure(s)
            if (fig["mean"] >= best_fig["mean"] - BUDGET_TOLERANCE
                    and fig["long"] >= best_fig["long"] - BUDGET_TOLERANCE):
                return s, rows, table
        # encoding whole has no bound on time: the largest budget is kept even when it costs more
        return s, rows, table
    return best, best_rows, table


def cv_report(m: HybridMatcher, queries: Sequence[dict], mode: str) -> dict:
    """The shipped judges' figures in sample, beside judges refitted (same thresholds) without
    each fold (`mode`: "kind" or "entries")."""
    if m.abstention is None or not m.abstention.judges:
        raise ValueError(f"no abstention judges for {m.semantic.embedder.name if m.semantic else 'lexical matching'}"
                         " (fit them with python -m knowledge.abstain_fit)")
    rows = collect(m, queries)
    thresholds = tuple(j.threshold for j in m.abstention.judges)
    model = m.abstention.model
    return {"cv": mode, "in_sample": summarise(rows, [_abstains(m.abstention, r) for r in rows]),
            "left_out": cross_validate(rows, mode, lambda tr: fit_abstention(tr, thresholds, model))}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m knowledge.abstain_fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", required=True)
    ap.add_argument("--queries", required=True, action="append",
                    help="development questions only (repeat for more files)")
    ap.add_argument("--out", default=str(PATH))
    ap.add_argument("--cache", default=None, help="SQLite file for entry vectors (default: memory)")
    args = ap.parse_args(argv)
    embedder, status = load_embedder()
    if embedder is None:
        print(f"cannot fit without an embedder: {status}", file=sys.stderr)
        return 2
    entries = load_kb(args.kb)
    queries = [q for path in args.queries for q in load_queries(path)]
    cache = VectorCache(args.cache)
    settings, rows, table = choose_settings(entries, queries, embedder, cache,
                                            log=lambda s: print(s, file=sys.stderr))
    thresholds, loko = choose_thresholds(rows, embedder.name)
    final = fit_abstention(rows, thresholds, embedder.name)
    in_sample = summarise(rows, [_abstains(final, r) for r in rows])
    entries_cv = cross_validate(rows, "entries", lambda tr: fit_abstention(tr, thresholds, embedder.name))
    data = {
        "command": "python -m knowledge.abstain_fit --kb " + args.kb
                   + "".join(f" --queries {path}" for path in args.queries) + " --out knowledge/data/abstain.json",
        "model": embedder.name, "l2": L2, "settings": asdict(settings),
        "judges": {j.name: j.to_json() for j in final.judges},
        "figures": {"in_sample": in_sample, "leave_one_kind_out": loko, "entry_folds": entries_cv},
        "settings_compared": table,
    }
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"settings": asdict(settings), "thresholds": thresholds, **data["figures"]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
