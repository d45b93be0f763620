"""Plain data and parsing of the informatieplein: trends, perspectives, overviews, pictures, and
the small parsers for member input (direction, sensitivity, "since", periods). No storage here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.core.clock import iso, parse_iso
from bot.core.errors import InvalidInput

MAX_SEEN = 1500
MAX_HELPS = 1000
MAX_PERSPECTIVE = 1500
HELPS_MARKER = "--- wat helpt ---"
_MARKER_RE = re.compile(r"^\s*-{2,}\s*(wat helpt|what helps)\s*-{2,}\s*$", re.I | re.M)
DIRECTIONS = ("rising", "steady", "falling")
SENSITIVITIES = ("network", "moderators")
_DIRECTION_WORDS = {
    "rising": {"rising", "stijgend", "stijgt", "toename", "meer", "up", "omhoog", "↑", "+"},
    "steady": {"steady", "gelijk", "stabiel", "same", "constant", "=", "→"},
    "falling": {"falling", "dalend", "daalt", "afname", "minder", "down", "omlaag", "↓", "-"},
}
_SENSITIVITY_WORDS = {
    "network": {"network", "netwerk", "iedereen", "leden"},
    "moderators": {"moderators", "moderatoren", "moderator", "alleen moderatoren", "moderators only"},
}
_MONTHS = {name: i for i, names in enumerate([
    ("januari", "jan", "january"), ("februari", "feb", "february"), ("maart", "mrt", "march", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("augustus", "aug", "august"), ("september", "sep", "sept"), ("oktober", "okt", "october", "oct"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}


@dataclass(frozen=True)
class Trend:
    id: int
    municipality: str
    region: str               # key of the zorg- en veiligheidshuis
    theme: str                # key in the taxonomy
    seen: str
    since: str                # "", "2026", "2026-03" or "2026-03-15"
    direction: str            # rising | steady | falling
    helps: str
    sensitivity: str          # network | moderators
    anonymous: bool
    status: str               # active | withdrawn | merged
    merged_into: int | None
    created_at: str
    updated_at: str | None
    author: str | None        # None when anonymous: peers never see who
    reports: int = 1          # 1 + the trends merged into this one
    theme_labels: tuple[str, str] = ("", "")  # (nl, en), for doors that render without the region
    changed: bool = False     # True on the trend an update returns (for the confirmation text)

    def theme_label(self, lang: str = "nl") -> str:
        return (self.theme_labels[1] if lang == "en" else self.theme_labels[0]) or self.theme


@dataclass(frozen=True)
class Perspective:
    id: int
    session_id: int | None
    theme: str | None
    text: str
    status: str               # draft | published
    published_at: str | None
    kb_entry_id: str | None
    created_at: str


def compose_text(seen: str, helps: str = "") -> str:
    """The one text the privacy guard checks (and the member edits): seen, then what helps."""
    return f"{seen}\n\n{HELPS_MARKER}\n{helps}" if helps.strip() else seen


def split_text(text: str | None) -> tuple[str, str]:
    parts = _MARKER_RE.split(text or "", maxsplit=1)
    if len(parts) == 3:
        return parts[0].strip(), parts[2].strip()
    return (text or "").strip(), ""


def _choose(value: str | None, words: dict[str, set[str]], default: str, error: str) -> str:
    text = " ".join((value or "").split()).casefold()
    if not text:
        return default
    for key, accepted in words.items():
        if text in accepted:
            return key
    raise InvalidInput(error)


def parse_direction(value: str | None) -> str:
    return _choose(value, _DIRECTION_WORDS, "steady", "plein.bad_direction")


def parse_sensitivity(value: str | None) -> str:
    return _choose(value, _SENSITIVITY_WORDS, "network", "plein.bad_sensitivity")


def parse_since(text: str | None, today: dt.date) -> str:
    """'2026-03', 'maart 2026', '03-2026', '2026-03-15', '2026' (optionally after 'sinds') -> ISO."""
    raw = " ".join((text or "").split())
    value = re.sub(r"^(sinds|since|vanaf)\s+", "", raw.casefold()).strip(" .")
    if not value:
        return ""
    year = month = day = None
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value):
        year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[-/](\d{4})", value):
        year, month = int(m[2]), int(m[1])
    elif (m := re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", value)) and m[1] in _MONTHS:
        year, month = int(m[2]), _MONTHS[m[1]]
    try:
        if year is None or not 1990 <= year <= 2100:
            raise ValueError
        when = dt.date(year, month or 1, day or 1)
    except (ValueError, TypeError):
        raise InvalidInput("plein.bad_since", text=raw[:40]) from None
    if when > today:
        raise InvalidInput("plein.since_future", text=raw[:40])
    return when.isoformat()[: 10 if day else 7 if month else 4]




_PERIOD_RE = re.compile(
    r"^(\d{1,4})\s*(d|dag|dagen|days?|w|wk|weken|weeks?|m|mnd|maanden|months?|j|jaar|y|years?)$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "j": 365, "y": 365}


def as_iso(value: str | dt.datetime | dt.date | None) -> str | None:
    """A bound as stored (UTC ISO seconds): datetimes as they are, dates at 00:00 UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return iso(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
    if isinstance(value, dt.date):
        return iso(dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC))
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return as_iso(dt.date.fromisoformat(text))
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("plein.bad_period", text=text[:40]) from None
    return iso(parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC))


def period_bounds(period: str | None, now: dt.datetime) -> tuple[str | None, str]:
    """'30d', '6m', '1j'/'1y', '2w', 'alles'/'all', a date ('2026-01-01', from then on) or a range
    ('2026-01-01..2026-06-30') -> (since or None, until) as UTC ISO strings."""
    text = " ".join((period or "").split()).casefold()
    until = iso(now + dt.timedelta(seconds=1))  # bounds are exclusive: include what was shared just now
    if text in {"", "alles", "all", "altijd", "ever"}:
        return None, until
    if m := _PERIOD_RE.match(text):
        days = int(m[1]) * _UNIT_DAYS[m[2][0]]
        return iso(now - dt.timedelta(days=days)), until
    if ".." in text:
        start, _, end = text.partition("..")
        since, until = as_iso(start.strip()), as_iso(end.strip()) or until
        if since and end.strip() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", end.strip()):
            until = iso(parse_iso(until) + dt.timedelta(days=1))  # an end date includes that day
    else:
        since = as_iso(text)
    if since and since > until:
        raise InvalidInput("plein.bad_range", since=since[:10], until=until[:10])
    return since, until


@dataclass(frozen=True)
class Overview:
    """`/plein overzicht`: what the viewer may see, filtered."""

    since: str | None
    until: str
    filters: tuple[tuple[str, str], ...]          # (filter name, value as shown)
    audience: tuple[str, ...]                     # sensitivity labels included
    total: int
    municipalities: int
    by_theme: tuple[tuple[str, int], ...]         # (theme key, trends), most first
    by_region: tuple[tuple[str, int], ...]        # (house key, trends), most first
    rising: tuple[tuple[str, int, int], ...]      # (theme key, rising reports, trends)
    newest: tuple[Trend, ...]
    helps: tuple[Trend, ...]                      # newest trends that say what helps
    perspectives: tuple[Perspective, ...]         # published in the period


@dataclass(frozen=True)
class Picture:
    """The regional picture of a plein period: Markdown sections (heading, body), the same text in
    chunks that fit a Discord message, and a PNG chart (None when there are no trends)."""

    since: str
    until: str
    audience: tuple[str, ...]
    total: int
    sections: tuple[tuple[str, str], ...]
    chunks: tuple[str, ...]
    png: bytes | None
    png_name: str = "informatieplein-beeld.png"

    @property
    def empty(self) -> bool:
        return self.total == 0

    @property
    def markdown(self) -> str:
        return "\n\n".join(f"## {head}\n{body}" if head else body for head, body in self.sections)


def chunk_text(parts: list[str], limit: int = 2000) -> list[str]:
    """Join `parts` (paragraphs or sections) into chunks of at most `limit` characters, splitting
    between lines where a part is too long, and hard-cutting a single overlong line."""
    chunks: list[str] = []
    current = ""
    for part in parts:
        for line in _lines_within(part, limit):
            sep = "\n" if current else ""
            if len(current) + len(sep) + len(line) <= limit:
                current += sep + line
            else:
                chunks.append(current)
                current = line
        if current and len(current) + 2 <= limit:
            current += "\n"  # a blank line between parts
    if current.strip():
        chunks.append(current.rstrip("\n"))
    return [c.rstrip("\n") for c in chunks if c.strip()]


def _lines_within(text: str, limit: int) -> list[str]:
    out = []
    for line in text.split("\n"):
        while len(line) > limit:
            out.append(line[: limit - 1] + "…")
            line = line[limit - 1:]
        out.append(line)
    return out
