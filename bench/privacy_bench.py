"""Benchmark of the personal-data guard on labelled messages.

    python bench/privacy_bench.py [MESSAGES.jsonl ...] [--repeat N] [--misses] [--sections]

Without files it measures the shared dev set (shared/data/privacy/messages.jsonl, beside the
repository), the repository's own suite (tests/core/privacy/data/suite.jsonl), its held-out
sentences (heldout.jsonl, written after tuning) and the second round's unseen sentences
(unseen.jsonl, written and measured before that round's rule changes), fresh sentences
written after that round and not tuned on (fresh.jsonl) and the contact sentences of the third
round (contact.jsonl: phone, e-mail and handle forms with clean look-alikes, written and measured
before that round's rule changes; contactcheck.jsonl, written after those rules and measured
once) and the landlines of the fourth round (geo.jsonl: area codes in every layout, allocated or
not, with ten-digit clean look-alikes, measured before that round's rule changes). Prints per file the recall per type (a labelled span counts as
found when any detection overlaps it, as in shared/tools/score_privacy.py; ``typed`` counts only
detections of the labelled type), the share of clean messages without any detection, and the time
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


def score(msgs: list[dict], detect, misses: bool) -> tuple[dict, dict, list[int]]:
    """(type -> [found, total, found with the right type], section -> [ok, total], [clean_ok, clean])."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    sections: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean = [0, 0]
    for msg in msgs:
        dets = detect(msg["text"])
        section = sections[msg.get("section", "")]
        section[1] += 1
        if not msg["spans"]:
            clean[1] += 1
            clean[0] += not dets
            section[0] += not dets
            if dets and misses:
                print("FALSE ALARM", msg["id"], [(d.type, d.text) for d in dets])
            continue
        all_hit = True
        for span in msg["spans"]:
            over = [d for d in dets if d.start < span["end"] and span["start"] < d.end]
            hit = bool(over)
            per[span["type"]][0] += hit
            per[span["type"]][1] += 1
            per[span["type"]][2] += any(d.type == span["type"] for d in over)
            all_hit &= hit
            if not hit and misses:
                print("MISSED", msg["id"], span["type"], repr(msg["text"][span["start"]:span["end"]]),
                      "in", repr(msg["text"]))
        section[0] += all_hit
    return per, sections, clean


def timings(msgs: list[dict], detect, repeat: int) -> list[float]:
    times: list[float] = []
    for _ in range(max(1, repeat)):
        for msg in msgs:
            start = time.perf_counter()
            detect(msg["text"])
            times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def report(path: Path, detect, args: argparse.Namespace) -> None:
    msgs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per, sections, (clean_ok, clean) = score(msgs, detect, args.misses)
    times = timings(msgs, detect, args.repeat)
    found = sum(a for a, _, _ in per.values())
    total = sum(b for _, b, _ in per.values())
    print(f"\n== {path}\nmessages: {len(msgs)} ({clean} clean)")
    print(f"{'type':<10} {'recall':>7} {'found':>6} {'spans':>6} {'typed':>6}")
    for kind in sorted(per):
        a, b, c = per[kind]
        print(f"{kind:<10} {a / b:>7.3f} {a:>6} {b:>6} {c:>6}")
    print(f"{'ALL':<10} {found / max(total, 1):>7.3f} {found:>6} {total:>6}")
    print(f"clean_pass: {clean_ok / max(clean, 1):.3f} ({clean_ok}/{clean})")
    if args.sections and len(sections) > 1:
        print("messages fully right per section:")
        for name, (ok, n) in sections.items():
            print(f"  {ok:>3}/{n:<3} {name}")
    print(f"per message: median {statistics.median(times):.3f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.3f} ms, max {times[-1]:.3f} ms")


def main(argv: list[str] | None = None) -> int:
    root = repo_root()
    own = root / "tests" / "core" / "privacy" / "data"
    defaults = [root.parent / "shared" / "data" / "privacy" / "messages.jsonl"] + [
        own / f"{name}.jsonl" for name in ("suite", "heldout", "unseen", "fresh", "contact", "contactcheck", "geo")]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("messages", nargs="*")
    parser.add_argument("--repeat", type=int, default=5, help="timing rounds over all messages")
    parser.add_argument("--misses", action="store_true", help="list missed spans and false alarms")
    parser.add_argument("--sections", action="store_true", help="score per section of the own suite")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.messages] or defaults
    sys.path.insert(0, str(root))

    t0 = time.perf_counter()
    from bot.core.privacy import detect

    detect("Sanne de Vries, 06-12345678")  # loads the word lists
    print(f"start-up: {(time.perf_counter() - t0) * 1000:.0f} ms")
    for path in paths:
        if not path.exists():
            print(f"\n== {path}: absent, skipped", file=sys.stderr)
            continue
        report(path, detect, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
