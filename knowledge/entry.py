"""Knowledge entries: Markdown files with YAML front matter, and their validation.

An entry file looks like::

    ---
    id: melden-zorgen
    title: Zorgen over radicalisering: wie bel je?
    tags: [signalering, melden]
    aliases:
      - bij wie kan ik terecht met een zorg
    audience: [professionals]
    owner: kernteam
    review_by: 2027-06-01
    sources:
      - https://example.org/...
    sensitivity: network        # public | network | moderators
    related: [signalen-herkennen] # optional: ids of other entries
    ---
    Markdown body ...

`load_entries` never raises on a bad file: it returns the valid entries and a list of
`Problem(path, line, message)` so the bot keeps serving what is valid and `labbot kb check`
can print `file:line: what is wrong`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SENSITIVITIES = ("public", "network", "moderators")
REQUIRED = ("id", "title", "tags", "audience", "owner", "review_by", "sources", "sensitivity")
OPTIONAL = ("aliases", "related", "lang", "provenance")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
DEFAULT_DIR = Path(__file__).parent / "entries"


@dataclass(frozen=True)
class Entry:
    """One curated answer. Plain data: rendering is the adapters' job."""

    id: str
    title: str
    body: str
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    owner: str = ""
    review_by: dt.date | None = None
    sources: tuple[str, ...] = ()
    sensitivity: str = "network"
    related: tuple[str, ...] = ()
    lang: str = "nl"
    path: str | None = None
    provenance: dict = field(default_factory=dict, compare=False, hash=False)

    def excerpt(self, limit: int = 300) -> str:
        """The first paragraph(s) of the body, cut at a word boundary within `limit` characters."""
        text = re.sub(r"\s+", " ", self.body).strip()
        if len(text) <= limit:
            return text
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        return cut.rstrip(",;:") + "…"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class _FrontLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a date-like value that is no real date (`2025-13-45`)
    stays text, so the field check reports it at its line instead of the parser raising."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_FrontLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontLoader.construct_yaml_timestamp)

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n?(.*)\Z", re.S)


def _line_of(front_text: str, key: str) -> int:
    """1-based line in the file of `key:` in the front matter (line 1 is the opening ---)."""
    for i, line in enumerate(front_text.splitlines(), start=2):
        if line.split(":", 1)[0].strip() == key:
            return i
    return 1


def _as_tuple(value, *, key: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        problems.append(f"`{key}` must be a list of texts")
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def parse_entry(text: str, path: str) -> tuple[Entry | None, list[Problem]]:
    """Parse one entry file. Returns (entry or None, problems)."""
    m = _FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        return None, [Problem(path, 1, "missing front matter: the file must start with a '---' block")]
    front_text, body = m.group(1), m.group(2).strip()
    try:
        meta = yaml.load(front_text, Loader=_FrontLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        return None, [Problem(path, line, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(meta, dict):
        return None, [Problem(path, 1, "front matter must be a mapping of keys to values")]

    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        problems.append(Problem(path, _line_of(front_text, key), msg))

    for key in REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            bad(key, f"missing required field `{key}`")
    for key in meta:
        if key not in REQUIRED and key not in OPTIONAL:
            bad(key, f"unknown field `{key}`")
    entry_id = str(meta.get("id") or "").strip()
    if entry_id and not ID_RE.match(entry_id):
        bad("id", f"id {entry_id!r} must be lowercase letters, digits and dashes (2-64)")
    title = str(meta.get("title") or "").strip()
    if len(title) > 200:
        bad("title", "title is longer than 200 characters")
    if not body:
        problems.append(Problem(path, front_text.count("\n") + 2, "the entry has no body text"))
    review_by = meta.get("review_by")
    if isinstance(review_by, str):
        try:
            review_by = dt.date.fromisoformat(review_by)
        except ValueError:
            bad("review_by", f"review_by {review_by!r} is not a date (YYYY-MM-DD)")
            review_by = None
    elif review_by is not None and not isinstance(review_by, dt.date):
        bad("review_by", "review_by must be a date (YYYY-MM-DD)")
        review_by = None
    sensitivity = str(meta.get("sensitivity") or "network")
    if sensitivity not in SENSITIVITIES:
        bad("sensitivity", f"sensitivity {sensitivity!r} must be one of {', '.join(SENSITIVITIES)}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("tags", "aliases", "audience", "sources", "related"):
        msgs: list[str] = []
        lists[key] = _as_tuple(meta.get(key), key=key, problems=msgs)
        for msg in msgs:
            bad(key, msg)
    provenance = meta.get("provenance") or {}
    if not isinstance(provenance, dict):
        bad("provenance", "provenance must be a mapping")
        provenance = {}
    if any(p.message.startswith("missing required field `id`") or "must be lowercase" in p.message
           for p in problems) or not title or not body:
        return None, problems
    entry = Entry(
        id=entry_id, title=title, body=body, owner=str(meta.get("owner") or ""),
        review_by=review_by, sensitivity=sensitivity if sensitivity in SENSITIVITIES else "moderators",
        lang=str(meta.get("lang") or "nl"), path=path, provenance=provenance, **lists,
    )
    return entry, problems


@dataclass(frozen=True)
class LoadResult:
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_links(entries: Iterable[Entry]) -> list[Problem]:
    """Cross-entry checks: unique ids, unique aliases, `related` pointing at existing entries."""
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    seen_alias: dict[str, str] = {}
    entries = list(entries)
    for e in entries:
        where = e.path or e.id
        if e.id in seen_ids:
            problems.append(Problem(where, 1, f"duplicate id {e.id!r} (also in {seen_ids[e.id]})"))
        seen_ids.setdefault(e.id, where)
        for alias in (e.title, *e.aliases):
            key = " ".join(alias.casefold().split())
            other = seen_alias.get(key)
            if other and other != e.id:
                problems.append(Problem(where, 1, f"alias {alias!r} is also used by entry {other!r}"))
            seen_alias.setdefault(key, e.id)
    ids = {e.id for e in entries}
    for e in entries:
        for rel in e.related:
            if rel not in ids:
                problems.append(Problem(e.path or e.id, 1, f"related entry {rel!r} does not exist"))
    return problems


def load_entries(directory: Path | str | None = None) -> LoadResult:
    """Load every `*.md` under `directory` (recursively); bad files become problems, never errors."""
    root = Path(directory) if directory else DEFAULT_DIR
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in sorted(root.rglob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), 1, f"cannot read file: {exc}"))
            continue
        entry, found = parse_entry(text, str(path))
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    link_problems = check_links(entries)
    problems.extend(link_problems)
    dup_ids = {e.id for e in entries if sum(1 for x in entries if x.id == e.id) > 1}
    # keep the first of each duplicate id so the bot still serves one answer
    kept: list[Entry] = []
    for e in entries:
        if e.id in dup_ids and any(k.id == e.id for k in kept):
            continue
        kept.append(e)
    return LoadResult(tuple(kept), tuple(problems))


def entries_from_jsonl(lines: Iterable[str]) -> list[Entry]:
    """Entries from the neutral benchmark format (`{"id","title","body","tags","lang"}` per line)."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(Entry(id=d["id"], title=d["title"], body=d.get("body", ""),
                         tags=tuple(d.get("tags", ())), lang=d.get("lang", "nl"), sensitivity="public"))
    return out
