"""Batch scanning of messages in the neutral JSON Lines format (see shared/data/FORMATS.md).

Input lines: ``{"id": "m-001", "text": "..."}`` (other keys, such as labelled ``spans``, are ignored).
Output per message: ``{"id": "m-001", "detections": [{"start": 3, "end": 12, "type": "BSN"}]}``;
with ``explain`` also ``"explain": [...]``, the records of :func:`explain.explain` (rule per span,
and the look-alikes passed over on purpose).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

from .detector import detect
from .explain import explain as explain_text
from .masking import mask_value


def scan_jsonl(lines: Iterable[str], explain: bool = False) -> Iterator[dict]:
    """One result per message line; blank lines are skipped, broken lines give an ``error``."""
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"id": None, "line": number, "error": f"invalid JSON: {exc.msg}", "detections": []}
            continue
        if not isinstance(msg, dict) or not isinstance(msg.get("text"), str):
            ident = msg.get("id") if isinstance(msg, dict) else None
            yield {"id": ident, "line": number, "error": "no text field", "detections": []}
            continue
        if explain:
            records = explain_text(msg["text"])
            yield {"id": msg.get("id"),
                   "detections": [{k: r[k] for k in ("start", "end", "type")} for r in records
                                  if r["kind"] == "masked"],
                   "explain": records}
            continue
        dets = detect(msg["text"])
        yield {"id": msg.get("id"),
               "detections": [{"start": d.start, "end": d.end, "type": d.type} for d in dets]}


def texts_by_id(lines: Iterable[str]) -> dict[str, str]:
    """Message id -> text of every well-formed line (the table shows masked values from these);
    broken lines are left out here and reported by `scan_jsonl`."""
    texts: dict[str, str] = {}
    for line in lines:
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(msg, dict) and isinstance(msg.get("text"), str) and msg.get("id") is not None:
            texts[msg["id"]] = msg["text"]
    return texts


def format_table(results: Iterable[Mapping], texts: Mapping[str, str] | Sequence[str]) -> str:
    """A plain-text table for people: one row per finding, values masked, plus a summary line.

    ``texts`` maps message id to text (a sequence aligned with ``results`` also works). Results
    from ``scan_jsonl(..., explain=True)`` get a fifth column, the rule, and rows for what was kept.
    """
    explained = any("explain" in r for r in results if isinstance(r, Mapping))
    rows: list[tuple[str, ...]] = []
    counts: dict[str, int] = {}
    messages = flagged = 0
    for index, res in enumerate(results):
        messages += 1
        ident = res.get("id")
        if isinstance(texts, Mapping):
            text = texts.get(ident, "") if ident is not None else ""
        else:
            text = texts[index] if index < len(texts) else ""
        if res.get("error"):
            rows.append((str(ident if ident is not None else f"line {res.get('line')}"), "-", "-",
                         f"error: {res['error']}") + (("",) if explained else ()))
            continue
        dets = res.get("detections") or []
        if dets:
            flagged += 1
        for d in res.get("explain") or dets:
            start, end, kind = d["start"], d["end"], d["type"] or "(kept)"
            value = text[start:end] if text and d["type"] else ""
            if d["type"]:
                counts[kind] = counts.get(kind, 0) + 1
            row = (str(ident), kind, f"{start}-{end}", mask_value(kind, value) if value else "")
            rows.append(row + ((d["rule"],) if explained else ()))
    header = ("id", "type", "span", "value (masked)") + (("rule",) if explained else ())
    widths = [max(len(header[c]), *(len(r[c]) for r in rows)) if rows else len(header[c])
              for c in range(len(header))]

    def fmt(row: Sequence[str]) -> str:
        return "  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip()

    lines = [fmt(header), fmt(["-" * w for w in widths])]
    lines += [fmt(r) for r in rows]
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing found"
    lines.append("")
    lines.append(f"{messages} messages, {flagged} with personal data: {summary}")
    return "\n".join(lines)
