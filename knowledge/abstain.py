"""Abstention of the fused matcher: two judges that must both say "abstain".

Each judge is a logistic model of "this question has an answer in the base" over a few features
of one question (computed in `knowledge.hybrid`), with a threshold on its probability:

- judge `lexical`: what the top entry shares with the question: in words, aboutness and
  log(1 + mass) (see `knowledge.matcher.Matcher._decide`); in meaning, the cosine of the question
  with the entry's closest chunk (a paragraph, `knowledge.semantic.chunk_evidence`), that cosine's
  standing among the closest chunks of the whole base, and the z-score of the top entry's cosine:
  a question the entry answers comes close to one of its paragraphs, one only on its topic does
  not. Chosen by leave-one-kind-out over the features tried. On the shared dev questions alone
  (2026-12-05 a.m.) the chunk cosine took left-out `none` caught 0.43 → 0.68; with our own 200
  development questions added (350 in all, 83 `none`), which showed that figure to be optimistic,
  the standing and z-score took it 0.40 → 0.47 at the same worst-kind wrong abstention (0.12–0.14);
  and `amount_unmet` (`knowledge.answer_type`: the question asks how many / how long / what it
  costs, and the closest paragraph states no amount) 0.47 → 0.54, worst kind 0.15 (colloquial);
- judge `relative`: features normalised within the question, which transfer across wording and
  language where absolute scores do not: agreement of the lexical and semantic top entry, the
  z-score of the top cosine over all entries, both rankings' top-1/top-2 margins, the top
  entry's coverage, the share of the question's words the index knows, and log length.

The bot abstains only when both judges do. Coefficients, feature scaling and thresholds are data
(`data/abstain.json`), written by `python -m knowledge.abstain_fit` (the command and the
cross-validated figures are stored beside them); nothing is fitted at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .text import DATA_DIR

PATH = DATA_DIR / "abstain.json"
FEATURES = {
    "lexical": ("aboutness", "log_mass", "chunk_top", "chunk_standing", "z_top", "amount_unmet"),
    "relative": ("agree", "z_top", "sem_margin", "lex_margin", "coverage", "known_share", "log_len"),
}


@dataclass(frozen=True)
class Judge:
    name: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # abstain when the probability of an answer is below this

    def p_answer(self, feats: Mapping[str, float]) -> float:
        z = self.intercept + sum(c * (feats[f] - m) / s for f, m, s, c in
                                 zip(self.features, self.mean, self.scale, self.coef, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold}

    @classmethod
    def from_json(cls, name: str, d: Mapping) -> Judge:
        return cls(name, tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]),
                   float(d["intercept"]), float(d["threshold"]))


@dataclass(frozen=True)
class Abstention:
    judges: tuple[Judge, ...]
    model: str = ""  # the embedder the coefficients were fitted with
    settings: Mapping[str, object] | None = None  # the ranking settings chosen with them

    def decide(self, feats: Mapping[str, float]) -> tuple[bool, str]:
        """(abstain, reason): abstain only when every judge says so."""
        parts, votes = [], []
        for j in self.judges:
            p = j.p_answer(feats)
            votes.append(p < j.threshold)
            parts.append(f"{j.name} p={p:.2f}{'<' if p < j.threshold else '≥'}{j.threshold:.2f}")
        return all(votes) and bool(votes), ", ".join(parts)


def load(path: Path | str = PATH) -> Abstention | None:
    """The shipped judges; None when the file is missing or malformed (then the lexical rule decides)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        judges = tuple(Judge.from_json(name, data["judges"][name]) for name in FEATURES)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Abstention(judges, str(data.get("model", "")), data.get("settings") or None)


# -- fitting (only by `knowledge.abstain_fit`, never at run time) ---------------------------------
def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method on standardised `X`; the intercept is
    not penalised. Returns (coefficients, intercept)."""
    n, d = X.shape
    A = np.hstack([np.ones((n, 1)), X])
    w = np.zeros(d + 1)
    pen = np.full(d + 1, l2)
    pen[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(A @ w, -40, 40)))
        grad = A.T @ (p - y) + pen * w
        H = (A * (p * (1 - p))[:, None]).T @ A + np.diag(pen) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def fit_judge(name: str, rows: Sequence[Mapping[str, float]], y: Sequence[int], threshold: float,
              l2: float = 1.0) -> Judge:
    feats = FEATURES[name]
    X = np.array([[r[f] for f in feats] for r in rows], dtype=np.float64)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    coef, b = fit_logistic((X - mean) / scale, np.asarray(y, dtype=np.float64), l2)
    return Judge(name, feats, tuple(mean.round(6).tolist()), tuple(scale.round(6).tolist()),
                 tuple(np.round(coef, 6).tolist()), round(b, 6), threshold)
