"""Benchmark of the personal-data guard on labelled messages (shared/data/privacy/messages.jsonl).

    python bench/privacy_bench.py [MESSAGES.jsonl] [--repeat N] [--misses]

Prints recall per type (a labelled span counts as found when any detection overlaps it, as in
shared/tools/score_privacy.py), the share of clean messages without any detection, and the time
per message after start-up (median and p95). No asserts: it reports.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path


def repo_root() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists():
            return parent
    return here.parent.parent


def main(argv: list[str] | None = None) -> int:
    root = repo_root()
    default = root.parent / "shared" / "data" / "privacy" / "messages.jsonl"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("messages", nargs="?", default=str(default))
    parser.add_argument("--repeat", type=int, default=5, help="timing rounds over all messages")
    parser.add_argument("--misses", action="store_true", help="list missed spans and false alarms")
    args = parser.parse_args(argv)

    path = Path(args.messages)
    if not path.exists():
        print(f"no messages at {path}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(root))

    t0 = time.perf_counter()
    from bot.core.privacy import detect

    detect("Sanne de Vries, 06-12345678")  # loads the word lists
    startup_ms = (time.perf_counter() - t0) * 1000

    msgs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean = clean_ok = 0
    for msg in msgs:
        dets = detect(msg["text"])
        if not msg["spans"]:
            clean += 1
            clean_ok += not dets
            if dets and args.misses:
                print("FALSE ALARM", msg["id"], [(d.type, d.text) for d in dets])
            continue
        for span in msg["spans"]:
            hit = any(d.start < span["end"] and span["start"] < d.end for d in dets)
            per[span["type"]][0] += hit
            per[span["type"]][1] += 1
            if not hit and args.misses:
                print("MISSED", msg["id"], span["type"], repr(msg["text"][span["start"]:span["end"]]))

    times: list[float] = []
    for _ in range(max(1, args.repeat)):
        for msg in msgs:
            start = time.perf_counter()
            detect(msg["text"])
            times.append((time.perf_counter() - start) * 1000)
    times.sort()

    found = sum(a for a, _ in per.values())
    total = sum(b for _, b in per.values())
    print(f"messages: {len(msgs)} ({clean} clean)  file: {path}")
    print(f"{'type':<10} {'recall':>7} {'found':>6} {'spans':>6}")
    for kind in sorted(per):
        a, b = per[kind]
        print(f"{kind:<10} {a / b:>7.3f} {a:>6} {b:>6}")
    print(f"{'ALL':<10} {found / max(total, 1):>7.3f} {found:>6} {total:>6}")
    print(f"clean_pass: {clean_ok / max(clean, 1):.3f} ({clean_ok}/{clean})")
    print(f"start-up: {startup_ms:.0f} ms; per message: median {statistics.median(times):.3f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.3f} ms, max {times[-1]:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
