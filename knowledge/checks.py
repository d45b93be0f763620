"""Content checks on knowledge entries, beyond the schema that `knowledge.entry` validates.

`content_warnings` (run by `labbot kb check`, offline):
- an entry that mentions a law, a phone number or an organisation has at least one real
  (non-placeholder) source;
- every law an entry names is cited by one of its sources (law and article, Staatsblad, or page);
- a retired name (MiND, Platform JEP, ...) appears only next to its successor, and no source
  points at a retired site;
- `review_by` falls before any lapse or expiry date the entry itself names, and is not past.

`check_source_urls` (run by `labbot kb check --links`, the only network use) asks each source
URL whether it answers. `curator_work` lists what `labbot kb report` shows the curators.
The catalogue behind these rules is `knowledge/data/kb_facts.yaml`.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .entry import Entry, Problem
from .sources import facts, is_placeholder, is_url, shown_sources

WARNING = "warning: "
MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
          "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12}
_DATE_NL = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class CuratorItem:
    entry_id: str
    kind: str  # "placeholder source" | "note" | "to confirm" | "review due"
    text: str


def _sentences(body: str) -> list[str]:
    return [s for s in _SENTENCE.split(body) if s.strip()]


def _dates_in(text: str) -> list[dt.date]:
    out = []
    for day, month, year in _DATE_NL.findall(text):
        try:
            out.append(dt.date(int(year), MONTHS[month.lower()], int(day)))
        except ValueError:
            continue
    for year, month, day in _DATE_ISO.findall(text):
        try:
            out.append(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return out


def lapse_dates(body: str) -> list[dt.date]:
    """Dates that the body names as a lapse or expiry ("vervalt op 1 maart 2027")."""
    lapse = re.compile(facts()["lapse_words"])
    return [d for s in _sentences(body) if lapse.search(s) for d in _dates_in(s)]


def _where(entry: Entry, needle: str | None = None) -> tuple[str, int]:
    """File and 1-based line of `needle` in the entry's file (line 1 when unknown)."""
    path = entry.path or entry.id
    if needle and entry.path:
        try:
            lines = Path(entry.path).read_text(encoding="utf-8").splitlines()
        except OSError:
            return path, 1
        body_start = next((i for i, line in enumerate(lines) if i and line.strip() == "---"), 0)
        # a body mention is looked for in the body first, a front-matter key in the front matter
        order = [*range(body_start, len(lines)), *range(body_start)] if not needle.endswith(":") \
            else range(len(lines))
        for i in order:
            if needle in lines[i]:
                return path, i + 1
    return path, 1


def _warn(entry: Entry, message: str, needle: str | None = None) -> Problem:
    path, line = _where(entry, needle)
    return Problem(path, line, WARNING + message)


def entry_warnings(entry: Entry, today: dt.date) -> list[Problem]:
    f = facts()
    body = entry.body
    real = shown_sources(entry.sources)
    cited = "\n".join(real)
    out: list[Problem] = []

    mentioned: list[str] = []
    phone = re.search(f["phone"], body)
    if phone:
        mentioned.append(f"phone number {phone.group(0)}")
    laws = [(law, m) for law in f["laws"] if (m := re.search(law["mentions"], body))]
    mentioned += [law["name"] for law, _ in laws[:1]]
    org = next((m for pattern in f["organisations"] if (m := re.search(pattern, body))), None)
    if org:
        mentioned.append(org.group(0))
    if mentioned and not real:
        out.append(_warn(entry, f"mentions {', '.join(mentioned)} but has no source "
                                "(only placeholders); add the page or law it rests on", "sources:"))

    for law, m in laws:
        if not re.search(law["cited_by"], cited):
            out.append(_warn(entry, f"names {law['name']} but no source cites it "
                                    "(law and article, Staatsblad, or the page)", m.group(0)))

    for retired in f["retired"]:
        for sentence in _sentences(body):
            m = re.search(retired["old"], sentence)
            if m and retired["new"].casefold() not in sentence.casefold():
                out.append(_warn(entry, f"uses the retired name {m.group(0)!r}; the current name is "
                                        f"{retired['new']!r} (name both in one sentence if the old one helps)",
                                 m.group(0)))
                break
        site = retired.get("source")
        for s in real:
            if site and site in s:
                out.append(_warn(entry, f"source {s} is a retired site; cite the current one", s))

    if entry.review_by is not None:
        for lapse in sorted(set(lapse_dates(body))):
            if entry.review_by >= lapse:
                out.append(_warn(entry, f"review_by {entry.review_by} is not before {lapse}, a lapse "
                                        "date the entry names; review before it", "review_by:"))
        if entry.review_by < today:
            out.append(_warn(entry, f"review_by {entry.review_by} has passed", "review_by:"))
    return out


def content_warnings(entries: Iterable[Entry], today: dt.date) -> list[Problem]:
    return [w for e in entries for w in entry_warnings(e, today)]


# -- links (network) ----------------------------------------------------------------------------

Fetch = Callable[[str], int]


def http_status(url: str, timeout: float = 10.0) -> int:
    """HTTP status of `url` (HEAD, then GET when HEAD is refused); raises OSError when unreachable."""
    headers = {"User-Agent": "labbot-kb-check/1 (link check for curators)"}
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
                return response.status
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return exc.code
    return 0


def check_source_urls(entries: Iterable[Entry], fetch: Fetch | None = None) -> list[Problem]:
    """One problem per source URL that does not answer with a 2xx/3xx status (each URL asked once).
    `fetch` (url -> status) defaults to `http_status`, the network; tests pass their own."""
    fetch = fetch or http_status
    seen: dict[str, str | None] = {}
    out: list[Problem] = []
    for entry in entries:
        for source in shown_sources(entry.sources):
            url = source.strip()
            if not is_url(url):
                continue
            if url not in seen:
                try:
                    status = fetch(url)
                    seen[url] = None if 200 <= status < 400 else f"answers {status}"
                except (OSError, ValueError) as exc:
                    seen[url] = f"does not answer ({exc.__class__.__name__}: {exc})"
            if seen[url]:
                path, line = _where(entry, url)
                out.append(Problem(path, line, f"link {url} {seen[url]}"))
    return out


# -- curators' work ------------------------------------------------------------------------------

def curator_work(entries: Iterable[Entry], today: dt.date, due_within_days: int = 60) -> list[CuratorItem]:
    """Placeholder sources, notes for the core team, points to confirm, and reviews due soon."""
    markers = tuple(m.casefold() for m in facts()["curator_note_markers"])
    items: list[CuratorItem] = []
    for e in entries:
        items += [CuratorItem(e.id, "placeholder source", s) for s in e.sources if is_placeholder(s)]
        for line in e.body.splitlines():
            if line.strip().casefold().startswith(markers):
                items.append(CuratorItem(e.id, "note", line.strip()))
        items += [CuratorItem(e.id, "to confirm", str(x)) for x in (e.provenance or {}).get("to_confirm", ())]
        if e.review_by is not None and e.review_by <= today + dt.timedelta(days=due_within_days):
            items.append(CuratorItem(e.id, "review due", e.review_by.isoformat()))
    return items
