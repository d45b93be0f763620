"""Abstention judges: fitting, the shipped data, cross-validation folds (no model needed)."""

from __future__ import annotations

import json

import numpy as np

from knowledge.abstain import FEATURES, PATH, Abstention, Judge, fit_judge, fit_logistic, load
from knowledge.abstain_fit import cross_validate, fit_abstention, folds, summarise


def test_logistic_fit_finds_the_separating_direction():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(400, 2))
    y = (X[:, 0] - 0.5 * X[:, 1] > 0).astype(float)
    coef, b = fit_logistic(X, y, l2=0.1)
    assert coef[0] > 0 > coef[1] and abs(b) < 1.0
    assert coef[0] > 2 * abs(coef[1]) * 0.9


def _row(kind, answerable, about, z, entry="kb-1"):
    feats = {f: 0.0 for fs in FEATURES.values() for f in fs}
    feats.update(aboutness=about, log_mass=about, z_top=z, agree=float(answerable))
    return {"id": f"{kind}-{about}-{z}", "kind": kind, "relevant": [entry] if answerable else [],
            "fused": [entry], "features": feats}


ROWS = ([_row(k, True, 0.5 + i / 50, 4 + i / 10, f"kb-{i % 5}") for k in ("paraphrase", "typo", "keyword")
         for i in range(10)] + [_row("none", False, i / 50, 1 + i / 10) for i in range(12)])


def test_both_judges_must_say_abstain():
    ab = fit_abstention(ROWS, (0.5, 0.5))
    assert ab.decide(ROWS[0]["features"])[0] is False
    assert ab.decide(ROWS[-1]["features"])[0] is True
    lenient = Abstention((ab.judges[0], Judge(**{**ab.judges[1].__dict__, "threshold": 0.0})))
    assert lenient.decide(ROWS[-1]["features"])[0] is False  # one judge says answer: answer


def test_judge_round_trips_through_json():
    j = fit_judge("relative", [r["features"] for r in ROWS], [int(bool(r["relevant"])) for r in ROWS], 0.4)
    again = Judge.from_json("relative", json.loads(json.dumps(j.to_json())))
    assert again == j and 0 <= j.p_answer(ROWS[0]["features"]) <= 1


def test_shipped_data_is_complete_and_reproducible_by_its_command():
    ab = load()
    assert ab is not None and [j.name for j in ab.judges] == list(FEATURES)
    for j in ab.judges:
        assert j.features == FEATURES[j.name] and len(j.coef) == len(j.features) and 0 < j.threshold < 1
    data = json.loads(PATH.read_text(encoding="utf-8"))
    assert data["command"].startswith("python -m knowledge.abstain_fit")
    assert {"in_sample", "leave_one_kind_out", "entry_folds"} <= set(data["figures"])
    assert load(PATH.parent / "missing.json") is None


def test_folds_cover_every_question_once():
    for mode in ("kind", "entries"):
        fs = folds(ROWS, mode)
        flat = sorted(i for f in fs for i in f)
        assert flat == list(range(len(ROWS))), mode
    by_kind = folds(ROWS, "kind")
    assert all(len({ROWS[i]["kind"] for i in f}) == 1 for f in by_kind)
    owners = [{ROWS[i]["relevant"][0] for i in f if ROWS[i]["relevant"]} for f in folds(ROWS, "entries")]
    assert len(owners) == 5 and sum(len(o) for o in owners) == len(set().union(*owners))  # entries never split


def test_cross_validation_reports_worst_kind_and_mean():
    fig = cross_validate(ROWS, "kind", lambda tr: fit_abstention(tr, (0.5, 0.5)))
    assert set(fig["wrong_abstain_by_kind"]) == {"paraphrase", "typo", "keyword"}
    assert fig["wrong_abstain_worst"] >= fig["wrong_abstain_mean"]
    assert 0 <= fig["abstain_none"] <= 1
    s = summarise(ROWS, [not r["relevant"] for r in ROWS])
    assert s["abstain_none"] == 1.0 and s["wrong_abstain_mean"] == 0.0 and s["hit@1"] == 1.0
