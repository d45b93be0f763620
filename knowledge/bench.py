"""Retrieval benchmark: Labbot's matcher against two off-the-shelf baselines on neutral JSONL data.

    python -m knowledge.bench --kb KB.jsonl --queries Q.jsonl [--json] [--per-query] [--scale N]

(`labbot kb bench` calls `run` with the same options.) Data formats: `shared/data/FORMATS.md`.

Systems
- labbot: `knowledge.matcher.Matcher` (abstains when it has no good answer).
- rapidfuzz: `fuzz.token_set_ratio` of the question against title + body + tags; never abstains.
- bm25: bm25s over title + body + tags with Snowball Dutch stemming and Dutch stop words; never abstains.

Metrics (the same as `score_retrieval.py`): hit@1 and MRR@5 over answerable questions (an
abstention scores 0), abstain_none (share of `none` questions abstained on), wrong_abstain (share
of answerable questions abstained on), per-kind hit@1, p50/p95 latency per question in ms, and the
index build time in seconds. Latency is the median of three rounds over the questions.

`--scale N` grows the base to N entries with synthetic filler before measuring, to see latency,
build time and memory at that size. Filler entries recombine the real ones (seeded RNG): a title
of 3-8 words drawn from real titles, 2-4 real tags, and a body with as many sentences as a
randomly chosen real entry has, each a random real sentence with its words shuffled, where one
word in sixteen is replaced by a new compound of two real words, so that length and vocabulary
grow the way a real base's do (`COMPOUND_RATE`). Answers are still only the real
entries, but fillers share their words, so quality figures at scale are a stress test, not a
prediction. Memory is reported as the process's maximum resident size right after Labbot's index is
built (the entries themselves included), and as the peak of Python/numpy allocations while
building it (tracemalloc, measured in a second, separate build).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from .embed import Embedder, load_embedder
from .entry import Entry, entries_from_jsonl
from .hybrid import QUERY_VECTORS, HybridMatcher
from .matcher import Matcher, top_k
from .vectors import VectorCache

SEED = 20240601
PASSES = 3  # rounds over the questions for latency (median per question)
SLOW_ROUND_S = 20.0
# One filler word in 16 becomes a new compound: the vocabulary of a 10,000-entry base then grows to
# about 65,000 distinct words, what Heaps' law with exponent 0.7 predicts from the 45 real entries
# (1,579 distinct words in 5,775).
COMPOUND_RATE = 1 / 16
KINDS = ("paraphrase", "keyword", "typo", "colloquial", "long", "english", "none")

Ranker = Callable[[str], tuple[list[str], bool]]  # question -> (top-5 ids, abstain)


def load_queries(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_kb(path: Path | str) -> list[Entry]:
    with open(path, encoding="utf-8") as fh:
        return entries_from_jsonl(fh)


# -- synthetic growth -----------------------------------------------------------------------------
def synthetic_entries(real: Sequence[Entry], n: int, seed: int = SEED) -> list[Entry]:
    """`n` filler entries recombined from `real` (see the module docstring)."""
    if n <= 0 or not real:
        return []
    rng = random.Random(seed)
    title_words = [w for e in real for w in e.title.split()]
    tags = sorted({t for e in real for t in e.tags}) or ["algemeen"]
    split = [[s.split() for s in re.split(r"(?<=[.!?:])\s+|\n+", e.body) if s.split()] for e in real]
    sentences = [s for doc in split for s in doc]
    lengths = [len(doc) for doc in split if doc] or [5]
    vocab = [w for s in sentences for w in s if w.isalpha() and len(w) > 3] or ["woord"]
    out = []
    for i in range(n):
        title = " ".join(rng.sample(title_words, rng.randint(3, min(8, len(title_words)))))
        body = []
        for _ in range(rng.choice(lengths)):
            words = list(rng.choice(sentences))
            rng.shuffle(words)
            for j in range(len(words)):
                if rng.random() < COMPOUND_RATE:
                    words[j] = (rng.choice(vocab) + rng.choice(vocab)).lower()
            body.append(" ".join(words))
        out.append(Entry(id=f"syn-{i:06d}", title=title.capitalize(), body="\n".join(body),
                         tags=tuple(rng.sample(tags, min(len(tags), rng.randint(2, 4)))),
                         sensitivity="public"))
    return out


# -- systems --------------------------------------------------------------------------------------
def labbot_system(entries: Sequence[Entry], embedder: Embedder | None = None,
                  cache: VectorCache | None = None) -> tuple[Ranker, float]:
    """What the bot uses: the fused matcher with its abstention; the lexical matcher without an
    embedder."""
    t0 = time.perf_counter()
    m = HybridMatcher(entries, embedder, cache) if embedder is not None else Matcher(entries)
    build = time.perf_counter() - t0

    def rank(q: str) -> tuple[list[str], bool]:
        r = m.search(q, k=5)
        return [h.entry_id for h in r.hits], r.abstain

    return rank, build


def lexical_system(entries: Sequence[Entry]) -> tuple[Ranker, float]:
    return labbot_system(entries)


def semantic_system(entries: Sequence[Entry], embedder: Embedder,
                    cache: VectorCache | None = None) -> tuple[Ranker, float]:
    """The semantic ranking alone (cosine, best vector per entry); it never abstains."""
    t0 = time.perf_counter()
    m = HybridMatcher(entries, embedder, cache)
    build = time.perf_counter() - t0

    def rank(q: str) -> tuple[list[str], bool]:
        qv = m.encode_query(q)
        return [m.ids[i] for i in top_k(m.semantic.scores(qv), 5).tolist()], False

    return rank, build


def _doc_text(e: Entry) -> str:
    return f"{e.title}\n{e.body}\n{' '.join(e.tags)}"


def rapidfuzz_system(entries: Sequence[Entry]) -> tuple[Ranker, float]:
    from rapidfuzz import fuzz, process, utils

    t0 = time.perf_counter()
    choices = [utils.default_process(_doc_text(e)) for e in entries]
    ids = [e.id for e in entries]
    build = time.perf_counter() - t0

    def rank(q: str) -> tuple[list[str], bool]:
        found = process.extract(utils.default_process(q), choices, scorer=fuzz.token_set_ratio,
                                processor=None, limit=5)
        return [ids[i] for _, _, i in found], False

    return rank, build


def bm25_system(entries: Sequence[Entry]) -> tuple[Ranker, float]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("dutch")
    ids = [e.id for e in entries]
    t0 = time.perf_counter()
    corpus = bm25s.tokenize([_doc_text(e) for e in entries], stopwords="nl", stemmer=stemmer.stemWords,
                            show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    vocab = set(corpus.vocab)
    build = time.perf_counter() - t0

    def rank(q: str) -> tuple[list[str], bool]:
        toks = bm25s.tokenize([q], stopwords="nl", stemmer=stemmer.stemWords, return_ids=False,
                              show_progress=False)[0]
        toks = [t for t in toks if t in vocab]
        if not toks:
            return ids[:5], False
        docs, _ = retriever.retrieve([toks], k=min(5, len(ids)), show_progress=False)
        return [ids[int(i)] for i in docs[0]], False

    return rank, build


SYSTEMS = {"labbot": labbot_system, "lexical": lexical_system, "semantic": semantic_system,
           "rapidfuzz": rapidfuzz_system, "bm25": bm25_system}


# -- measuring ------------------------------------------------------------------------------------
def _percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


def evaluate(rank: Ranker, queries: Sequence[dict], passes: int = 1) -> tuple[dict, list[dict]]:
    """Metrics of one system over `queries`, and its per-question results (from the first pass).

    With `passes` > 1 every question is asked that many times, in rounds over the whole set, and
    its latency is the median: robust against other processes on a shared machine. A system whose
    first round takes over `SLOW_ROUND_S` seconds is timed once.
    """
    n = hits = none = abst_none = wrong = 0
    rr = 0.0
    kinds: dict[str, list[int]] = {}
    lat: list[list[float]] = [[] for _ in queries]
    rows = []
    t_round = time.perf_counter()
    for round_ in range(max(1, passes)):
        if round_ == 1 and time.perf_counter() - t_round > SLOW_ROUND_S:
            break
        for j, q in enumerate(queries):
            QUERY_VECTORS.clear()  # time the full path: the question is encoded on every pass
            t0 = time.perf_counter()
            ranked, abstain = rank(q["query"])
            lat[j].append((time.perf_counter() - t0) * 1000)
            if round_:
                continue
            ranked = list(ranked)[:5]
            rows.append({"id": q["id"], "ranked": ranked, "abstain": bool(abstain)})
            relevant = q.get("relevant") or []
            if relevant:
                n += 1
                k = kinds.setdefault(q.get("kind", "?"), [0, 0])
                k[1] += 1
                wrong += bool(abstain)
                if not abstain and ranked:
                    if ranked[0] in relevant:
                        hits += 1
                        k[0] += 1
                    rr += next((1 / i for i, d in enumerate(ranked, 1) if d in relevant), 0.0)
            else:
                none += 1
                abst_none += bool(abstain)
    per_question = [sorted(t)[len(t) // 2] for t in lat if t]
    metrics = {
        "hit@1": round(hits / n, 3) if n else 0.0, "mrr@5": round(rr / n, 3) if n else 0.0,
        "abstain_none": round(abst_none / none, 3) if none else 0.0,
        "wrong_abstain": round(wrong / n, 3) if n else 0.0,
        "p50_ms": round(_percentile(per_question, 50), 2), "p95_ms": round(_percentile(per_question, 95), 2),
        "kinds": {k: round(a / b, 2) for k, (a, b) in sorted(kinds.items(), key=_kind_key)},
    }
    return metrics, rows


def _kind_key(item: tuple[str, list[int]]) -> int:
    return _kind_order(item[0])


def _kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _labbot_memory(entries: Sequence[Entry]) -> float:
    """Peak MB of Python allocations while building Labbot's index (a separate, traced build)."""
    tracemalloc.start()
    try:
        Matcher(entries)
        return round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    finally:
        tracemalloc.stop()


def measure(entries: Sequence[Entry], queries: Sequence[dict], embedder: Embedder | None = None,
            status: str = "", cache: VectorCache | None = None) -> dict:
    """All systems' metrics; Labbot's memory is measured after its timed build and in a traced one.
    Without an embedder "labbot" is the lexical matcher and "semantic" is left out."""
    out: dict[str, dict] = {}
    cache = cache if cache is not None else VectorCache()
    for name, make in SYSTEMS.items():
        if name == "semantic" and embedder is None:
            continue
        first = None
        if name == "labbot" and embedder is not None:  # first build encodes what the cache lacks
            t0 = time.perf_counter()
            first = HybridMatcher(entries, embedder, cache)
            first_s = time.perf_counter() - t0
        if name in ("labbot", "semantic") and embedder is not None:
            rank, build = make(entries, embedder, cache)
        else:
            rank, build = make(entries)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        metrics, _ = evaluate(rank, queries, passes=PASSES)
        metrics["build_s"] = round(build, 3)
        if name == "labbot":
            metrics["maxrss_mb"] = round(rss, 1)
            metrics["embedder"] = status or ("lexical matching only" if embedder is None else embedder.name)
            if first is not None:  # build_s is then a build from the cache, as after a restart
                metrics["first_build_s"] = round(first_s, 3)
                metrics["vectors_encoded_first_build"] = first.encoded
        out[name] = metrics
        del rank, first
    out["labbot"]["index_peak_mb"] = _labbot_memory(entries)
    return out


def _table(results: dict, n_entries: int, n_queries: int) -> str:
    cols = ["hit@1", "mrr@5", "abstain_none", "wrong_abstain", "p50_ms", "p95_ms", "build_s"]
    lines = [f"{n_entries} entries, {n_queries} questions",
             f"{'system':<10}" + "".join(f"{c:>14}" for c in cols)]
    for name, m in results.items():
        lines.append(f"{name:<10}" + "".join(f"{m.get(c, 0):>14}" for c in cols))
    kinds = sorted({k for m in results.values() for k in m["kinds"]}, key=_kind_order)
    lines.append("hit@1 by kind")
    lines.append(f"{'system':<10}" + "".join(f"{k:>12}" for k in kinds))
    for name, m in results.items():
        lines.append(f"{name:<10}" + "".join(f"{m['kinds'].get(k, 0):>12}" for k in kinds))
    lab = results.get("labbot", {})
    if "embedder" in lab:
        lines.append(f"labbot = fused lexical + semantic matcher; embedder: {lab['embedder']}")
    if "first_build_s" in lab:
        lines.append(f"labbot first build {lab['first_build_s']} s ({lab['vectors_encoded_first_build']} "
                     f"texts encoded), build from the vector cache {lab['build_s']} s")
    if "index_peak_mb" in lab:
        lines.append(f"labbot memory: process max RSS {lab['maxrss_mb']} MB after building its index "
                     f"(base included); Python/numpy allocation peak of the build {lab['index_peak_mb']} MB")
    return "\n".join(lines)


def run(kb_path, queries_path, *, as_json: bool = False, per_query: bool = False, scale: int | None = None,
        out=None, embedder: Embedder | str | None = "auto", cache: str | None = None, cv: str | None = None) -> int:
    """Run the benchmark and print the results to `out` (default: the current sys.stdout).

    `embedder`: "auto" loads the configured one (`knowledge.embed.load_embedder`), None benches
    lexical matching only. `cache`: SQLite file for entry vectors (default: a fresh one in memory,
    so the first build is a cold one). `cv`: "kind" or "entries" prints the abstention's
    cross-validated figures beside the in-sample ones instead.
    Returns a process exit code: 0, or 2 when the data cannot be read or `cv` needs a missing embedder."""
    out = out if out is not None else sys.stdout
    try:
        entries = load_kb(kb_path)
        queries = load_queries(queries_path)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot read benchmark data: {exc}", file=sys.stderr)
        return 2
    if embedder == "auto":
        embedder, status = load_embedder()
    else:
        status = "lexical matching only (no embedder given)" if embedder is None else embedder.name
    print(f"embedder: {status}", file=sys.stderr)
    vectors = VectorCache(cache)
    if scale and scale > len(entries):
        entries = entries + synthetic_entries(entries, scale - len(entries))
    if cv:
        if embedder is None:
            print(f"--cv needs the semantic ranking: {status}", file=sys.stderr)
            return 2
        from .abstain_fit import cv_report

        report = cv_report(HybridMatcher(entries, embedder, vectors), queries, cv)
        print(json.dumps(report, ensure_ascii=False, indent=None if as_json else 1), file=out)
        return 0
    if per_query:
        rank, _ = labbot_system(entries, embedder, vectors)
        for row in evaluate(rank, queries)[1]:
            print(json.dumps(row, ensure_ascii=False), file=out)
        return 0
    results = measure(entries, queries, embedder, status, vectors)
    if as_json:
        print(json.dumps(results, ensure_ascii=False), file=out)
    else:
        print(_table(results, len(entries), len(queries)), file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m knowledge.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", required=True, help="knowledge base, JSON Lines")
    ap.add_argument("--queries", required=True, help="labelled questions, JSON Lines")
    ap.add_argument("--json", action="store_true", help="one JSON object with all systems' metrics")
    ap.add_argument("--per-query", action="store_true", help="one JSON line per question (Labbot)")
    ap.add_argument("--scale", type=int, default=None,
                    help="grow the base to N entries with synthetic filler")
    ap.add_argument("--cv", choices=("kind", "entries"), default=None,
                    help="abstention figures cross-validated by kind of question or by entries")
    ap.add_argument("--cache", default=None, help="SQLite file for entry vectors (default: memory)")
    ap.add_argument("--lexical-only", action="store_true", help="bench without the semantic ranking")
    args = ap.parse_args(argv)
    return run(args.kb, args.queries, as_json=args.json, per_query=args.per_query, scale=args.scale,
               embedder=None if args.lexical_only else "auto", cache=args.cache, cv=args.cv)


if __name__ == "__main__":
    raise SystemExit(main())
