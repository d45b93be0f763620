"""Builds suite.jsonl, heldout.jsonl, unseen.jsonl, fresh.jsonl, contact.jsonl and contactcheck.jsonl (the
neutral format of shared/data/FORMATS.md) from the ``*_source.txt`` file of the same name.

    python tests/core/privacy/data/build_suite.py

Markup: ``[[TYPE|text]]`` marks a span, ``\\n`` is a line break, ``\\uXXXX`` a code point, and
``{BSN:dddddddd}`` a number passing the eleven-test, optionally written in a disguise
(``~fullwidth``, ``~arabic``, ``~wj`` word joiners, ``~soft`` soft hyphens, ``~newline``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPAN = re.compile(r"\[\[([A-Z]+)\|(.+?)\]\]")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\n")
SETS = ("suite", "heldout", "unseen", "fresh", "contact", "contactcheck", "geo")
_BSN = re.compile(r"\{BSN:([0-9]{8})\}(?:~([a-z]+))?")


def bsn(prefix: str) -> str:
    total = sum(int(d) * w for d, w in zip(prefix, range(9, 1, -1), strict=True))
    check = total % 11
    return bsn(str(int(prefix) + 1).zfill(8)) if check == 10 else prefix + str(check)


def disguise(number: str, how: str | None) -> str:
    if how == "fullwidth":
        return "".join(chr(0xFF10 + int(d)) for d in number)
    if how == "arabic":
        return "".join(chr(0x0660 + int(d)) for d in number)
    if how == "wj":
        return "\u2060".join((number[:3], number[3:6], number[6:]))
    if how == "soft":
        return "\u00ad".join((number[:4], number[4:]))
    if how == "newline":
        return number[:5] + "\n" + number[5:]
    return number


def expand(chunk: str) -> str:
    chunk = _BSN.sub(lambda m: disguise(bsn(m.group(1)), m.group(2)), chunk)
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else "\n", chunk)


def parse(line: str) -> tuple[str, list[dict]]:
    text, spans, pos = "", [], 0
    for m in _SPAN.finditer(line):
        text += expand(line[pos:m.start()])
        value = expand(m.group(2))
        spans.append({"start": len(text), "end": len(text) + len(value), "type": m.group(1)})
        text += value
        pos = m.end()
    return text + expand(line[pos:]), spans


def build(source: Path = HERE / "suite_source.txt") -> list[dict]:
    out, section = [], ""
    for raw in source.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            section = raw[3:].strip()
        if not raw.strip() or raw.startswith("#"):
            continue
        text, spans = parse(raw)
        out.append({"id": f"s-{len(out) + 1:03d}", "text": text, "spans": spans, "section": section})
    return out


def main() -> None:
    for name in SETS:
        rows = build(HERE / f"{name}_source.txt")
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} messages, {sum(not r['spans'] for r in rows)} clean")


if __name__ == "__main__":
    main()
