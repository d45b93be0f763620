"""The region Labbot serves, as configuration data: municipalities grouped by their zorg- en
veiligheidshuis, and the theme taxonomy of the informatieplein.

Shipped defaults live in `bot/core/data/region.yaml` (the 32 municipalities of Noord-Holland Samen
Veilig) and `bot/core/data/themes.yaml`; `Settings.region_file` (LABBOT_REGION_FILE) swaps in another
region, and a region file may carry its own `themes:` list. `load_region` validates everything and
raises `RegionError` with one line that names the file and what is wrong, so start-up stops clearly.

Member input is resolved here: `municipality("heerhugowaard")` -> "Dijk en Waard" (aliases),
unknown names raise InvalidInput with close matches (rapidfuzz) as suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from bot.core.errors import InvalidInput
from bot.core.settings import SettingsError

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_REGION_FILE = DATA_DIR / "region.yaml"
DEFAULT_THEMES_FILE = DATA_DIR / "themes.yaml"
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
NAME_LIMIT = 100  # Discord's limit for an autocomplete choice


class RegionError(SettingsError, ValueError):
    """The region or themes file is malformed. The message is one line: file, place, problem (a
    SettingsError, so the doors stop start-up with that line, as for a bad environment variable)."""


@dataclass(frozen=True)
class House:
    """A zorg- en veiligheidshuis and the municipalities it serves."""

    key: str
    name: str
    short: str
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    key: str
    nl: str
    en: str
    group: str

    def label(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


def _fold(text: str) -> str:
    text = str(text).replace("\u2019", "'").replace("-", " ").replace("_", " ")
    return re.sub(r"^gemeente\s+", "", " ".join(text.split()).casefold())


@dataclass(frozen=True)
class Region:
    name: str
    houses: tuple[House, ...]
    themes: tuple[Theme, ...]
    aliases: tuple[tuple[str, str], ...] = ()
    source: str = ""

    # -- lookups ------------------------------------------------------------------------------
    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(sorted((m for h in self.houses for m in h.municipalities), key=str.casefold))

    def house(self, key: str) -> House:
        for h in self.houses:
            if h.key == key:
                return h
        raise KeyError(key)

    def house_of(self, municipality: str) -> House:
        for h in self.houses:
            if municipality in h.municipalities:
                return h
        raise KeyError(municipality)

    def theme_by_key(self, key: str) -> Theme:
        for th in self.themes:
            if th.key == key:
                return th
        raise KeyError(key)

    def theme_label(self, key: str, lang: str = "nl") -> str:
        try:
            return self.theme_by_key(key).label(lang)
        except KeyError:
            return key  # a key that left the taxonomy stays readable in old data

    def theme_colours(self, lang: str = "nl") -> dict[str, str]:
        """One colour per theme label, by the theme's place in the taxonomy: every chart (the
        informatieplein picture, the digest) shows a theme in the same colour."""
        from bot.core.charts import palette

        return palette([th.label(lang) for th in self.themes])

    def house_label(self, key: str) -> str:
        try:
            return self.house(key).short
        except KeyError:
            return key or "?"

    # -- resolving member input ---------------------------------------------------------------
    def municipality(self, text: str | None) -> str:
        """The canonical municipality for `text` (name or alias, any case), or InvalidInput with
        close matches as suggestions."""
        wanted = _fold(text or "")
        if not wanted:
            raise InvalidInput("plein.municipality_missing")
        names = {_fold(m): m for m in self.municipalities}
        names.update({_fold(a): m for a, m in self.aliases})
        if wanted in names:
            return names[wanted]
        matches = process.extract(wanted, list(names), scorer=fuzz.ratio, limit=6, score_cutoff=72)
        suggestions = list(dict.fromkeys(names[m] for m, _, _ in matches))[:3]
        shown = (text or "").strip()[:60]
        if suggestions:
            raise InvalidInput("plein.unknown_municipality", name=shown, suggestions=", ".join(suggestions))
        raise InvalidInput("plein.unknown_municipality_none", name=shown, region=self.name)

    def theme(self, text: str | None) -> Theme:
        """The theme for a key or label (nl or en), or InvalidInput listing close ones."""
        wanted = _fold(text or "")
        if not wanted:
            raise InvalidInput("plein.theme_missing")
        table: dict[str, Theme] = {}
        for th in self.themes:
            for name in (th.key, th.nl, th.en):
                table.setdefault(_fold(name), th)
        if wanted in table:
            return table[wanted]
        matches = process.extract(wanted, list(table), scorer=fuzz.WRatio, limit=6, score_cutoff=80)
        close = list(dict.fromkeys(table[m].key for m, _, _ in matches))[:3]
        shown = (text or "").strip()[:60]
        listed = ", ".join(close) if close else ", ".join(th.key for th in self.themes)
        raise InvalidInput("plein.unknown_theme", name=shown, suggestions=listed)

    def area(self, text: str | None) -> tuple[str, str] | None:
        """A region filter: ("house", key) for a zorg- en veiligheidshuis (key, name or short
        name), ("municipality", name) for a municipality; None for an empty filter."""
        wanted = _fold(text or "")
        if not wanted:
            return None
        for h in self.houses:
            if wanted in {_fold(h.key), _fold(h.name), _fold(h.short)}:
                return "house", h.key
        return "municipality", self.municipality(text)

    # -- autocomplete -------------------------------------------------------------------------
    def municipalities_like(self, current: str, limit: int = 25) -> list[str]:
        return _like(current, self.municipalities, limit)

    def themes_like(self, current: str, lang: str = "nl", limit: int = 25) -> list[Theme]:
        labels = {th.label(lang): th for th in self.themes}
        keys = _like(current, list(labels), limit, keep_order=True)
        return [labels[k] for k in keys]

    def areas_like(self, current: str, limit: int = 25) -> list[tuple[str, str]]:
        """(label, value) pairs: houses first, then municipalities."""
        options = [(h.short, h.key) for h in self.houses] + [(m, m) for m in self.municipalities]
        labels = dict(options)
        return [(k, labels[k]) for k in _like(current, list(labels), limit, keep_order=True)]


def _like(current: str, names, limit: int, keep_order: bool = False) -> list[str]:
    names = list(names)
    wanted = _fold(current or "")
    if not wanted:
        return names[:limit]
    starts = [n for n in names if _fold(n).startswith(wanted)]
    inside = [n for n in names if wanted in _fold(n) and n not in starts]
    fuzzy = [m for m, _, _ in process.extract(wanted, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
             if m not in starts and m not in inside]
    return (starts + inside + fuzzy)[:limit]


# -- loading and validation ----------------------------------------------------------------------
def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegionError(f"{path}: cannot be read as UTF-8 text ({exc.__class__.__name__})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise RegionError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise RegionError(f"{path}: must be a mapping with the keys shown in {DEFAULT_REGION_FILE.name}")
    return data


def _text(value, where: str, *, limit: int = NAME_LIMIT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RegionError(f"{where} must be a non-empty text")
    value = " ".join(value.split())
    if len(value) > limit:
        raise RegionError(f"{where} is longer than {limit} characters")
    return value


def _key(value, where: str) -> str:
    if not isinstance(value, str) or not KEY_RE.match(value):
        raise RegionError(f"{where} must be lowercase letters, digits and dashes (1-40), got {value!r}")
    return value


def parse_themes(items, where: str) -> tuple[Theme, ...]:
    if not isinstance(items, list) or not items:
        raise RegionError(f"{where}: `themes` must be a non-empty list")
    themes: list[Theme] = []
    for i, item in enumerate(items, start=1):
        at = f"{where}: themes[{i}]"
        if not isinstance(item, dict):
            raise RegionError(f"{at} must be a mapping with key, nl, en and group")
        unknown = set(item) - {"key", "nl", "en", "group"}
        if unknown:
            raise RegionError(f"{at} has unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        key = _key(item.get("key"), f"{at}.key")
        nl = _text(item.get("nl"), f"{at}.nl")
        en = _text(item.get("en") or nl, f"{at}.en")
        group = _key(item.get("group") or key, f"{at}.group")
        if any(t.key == key for t in themes):
            raise RegionError(f"{at}: duplicate theme key {key!r}")
        themes.append(Theme(key, nl, en, group))
    return tuple(themes)


def load_themes(path: Path | str | None = None) -> tuple[Theme, ...]:
    path = Path(path) if path else DEFAULT_THEMES_FILE
    return parse_themes(_read(path).get("themes"), str(path))


def load_region(path: Path | str | None = None, themes_path: Path | str | None = None) -> Region:
    """Load and validate a region file (default: the shipped Noord-Holland Samen Veilig)."""
    path = Path(path) if path else DEFAULT_REGION_FILE
    data = _read(path)
    where = str(path)
    unknown = set(data) - {"name", "houses", "aliases", "themes"}
    if unknown:
        raise RegionError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    name = _text(data.get("name"), f"{where}: name")
    raw_houses = data.get("houses")
    if not isinstance(raw_houses, list) or not raw_houses:
        raise RegionError(f"{where}: `houses` must be a non-empty list of zorg- en veiligheidshuizen")
    houses: list[House] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(raw_houses, start=1):
        at = f"{where}: houses[{i}]"
        if not isinstance(item, dict):
            raise RegionError(f"{at} must be a mapping with key, name, short and municipalities")
        key = _key(item.get("key"), f"{at}.key")
        if any(h.key == key for h in houses):
            raise RegionError(f"{at}: duplicate house key {key!r}")
        house_name = _text(item.get("name"), f"{at}.name")
        short = _text(item.get("short") or house_name, f"{at}.short")
        munis = item.get("municipalities")
        if not isinstance(munis, list) or not munis:
            raise RegionError(f"{at}.municipalities must be a non-empty list")
        names = []
        for j, m in enumerate(munis, start=1):
            m = _text(m, f"{at}.municipalities[{j}]")
            if _fold(m) in seen:
                raise RegionError(f"{at}: municipality {m!r} is listed twice (also under {seen[_fold(m)]})")
            seen[_fold(m)] = key
            names.append(m)
        houses.append(House(key, house_name, short, tuple(names)))
    raw_aliases = data.get("aliases") or {}
    if not isinstance(raw_aliases, dict):
        raise RegionError(f"{where}: `aliases` must be a mapping of place -> municipality")
    known = {_fold(m): m for h in houses for m in h.municipalities}
    aliases = []
    for alias, target in raw_aliases.items():
        alias = _text(alias, f"{where}: alias {alias!r}")
        if _fold(str(target)) not in known:
            raise RegionError(f"{where}: alias {alias!r} points to {target!r}, "
                              f"which is not a municipality of the region")
        if _fold(alias) in known and known[_fold(alias)] != known[_fold(str(target))]:
            raise RegionError(f"{where}: alias {alias!r} is itself a municipality of the region")
        aliases.append((alias, known[_fold(str(target))]))
    if "themes" in data:
        themes = parse_themes(data["themes"], where)
    else:
        themes = load_themes(themes_path)
    return Region(name, tuple(houses), themes, tuple(aliases), source=where)
