"""Start-up time and memory of the fused matcher at scale, as the bot would start it.

    python bench/matcher_memory.py --kb ../shared/data/retrieval/kb.jsonl --scale 10000 \\
        --cache /tmp/labbot-bench-vectors.sqlite

Grows the base with the bench's synthetic filler, then, in this process: loads the embedder,
builds the matcher with entry vectors from the SQLite cache (the first run fills the cache, which
takes long; run it twice and read the second), and asks a few questions. Prints one JSON line:
seconds for the embedder load and for the build, how many texts had to be encoded, the process's
maximum resident memory after building and after the questions, and the full query path's p50/p95.
Targets (issue 13): start-up with a cached base <= 10 s, memory with model and 10,000 entries
<= 600 MB, p95 <= 60 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.bench import load_kb, synthetic_entries  # noqa: E402
from knowledge.embed import load_embedder  # noqa: E402
from knowledge.hybrid import HybridMatcher  # noqa: E402
from knowledge.vectors import VectorCache  # noqa: E402

QUESTIONS = ("Hoe meld ik zorgen over een leerling die radicaliseert?",
             "Who do I contact when a colleague shares extremist memes?",
             "wat betekent 1488 op een schoolschrift",
             "Mag ik als jongerenwerker informatie delen met de politie?",
             "Hoe laat begint de training volgende week?")


def rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", required=True)
    ap.add_argument("--scale", type=int, default=10_000)
    ap.add_argument("--cache", required=True, help="SQLite file for entry vectors")
    args = ap.parse_args(argv)
    real = load_kb(args.kb)
    entries = real + synthetic_entries(real, args.scale - len(real))
    t0 = time.perf_counter()
    emb, status = load_embedder()
    t_load = time.perf_counter() - t0
    if emb is None:
        print(json.dumps({"embedder": status}))
        return 2
    t0 = time.perf_counter()
    m = HybridMatcher(entries, emb, VectorCache(args.cache))
    t_build = time.perf_counter() - t0
    after_build = rss_mb()
    lat = []
    for _ in range(5):
        for q in QUESTIONS:
            t0 = time.perf_counter()
            m.search(q)
            lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    print(json.dumps({"entries": len(entries), "embedder": status, "embedder_load_s": round(t_load, 2),
                      "build_s": round(t_build, 2), "startup_s": round(t_load + t_build, 2),
                      "encoded": m.encoded, "maxrss_after_build_mb": after_build,
                      "maxrss_after_questions_mb": rss_mb(),
                      "p50_ms": round(lat[len(lat) // 2], 1), "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
