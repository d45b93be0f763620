"""Bot texts in Dutch (default) and English. Translate first, then format (as Red does).

`t(key, lang, **params)` returns the text for `lang` ("nl" or "en"), falling back to Dutch.
Errors carry a key and parameters; `error_text` renders them for a member. The texts live in
per-capability TOML catalogues (see `CATALOGUES`), read with the standard library's tomllib.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

from bot.core.errors import LabbotError

#: The catalogues: one per capability (and one for the core), a TOML file per locale beside the
#: package's modules (`texts.nl.toml`, `texts.en.toml`). Loaded on first use, never at import.
CORE = Path(__file__).parent
CATALOGUES: dict[str, Path] = {
    "core": CORE, "ask": CORE / "ask", "lab": CORE / "lab", "plein": CORE / "plein", "rights": CORE / "rights",
    "digest": CORE / "digest",
}
LOCALES = ("nl", "en")
DEFAULT = "nl"
PLURAL_FORMS = frozenset({"one", "other"})  # CLDR categories of Dutch and English: 1 is "one"

Text = str | dict[str, str]  # a plain text, or its plural forms


def load_catalogue(name: str, lang: str) -> dict[str, Text]:
    """One catalogue in one locale, as written in its TOML file."""
    with (CATALOGUES[name] / f"texts.{lang}.toml").open("rb") as fh:
        texts = tomllib.load(fh)
    for key, value in texts.items():
        if isinstance(value, dict) and set(value) != PLURAL_FORMS:
            raise ValueError(f"{name}/{lang}: {key!r} must be a text or the plural forms {sorted(PLURAL_FORMS)}")
    return texts


def catalogue(name: str) -> dict[str, dict[str, Text]]:
    """One capability's texts: key -> {locale: text}."""
    merged: dict[str, dict[str, Text]] = {}
    for lang in LOCALES:
        for key, value in load_catalogue(name, lang).items():
            merged.setdefault(key, {})[lang] = value
    return merged


class Messages(Mapping):
    """Every catalogue merged (key -> {locale: text}), loaded on first use. A key in two
    catalogues, or without a Dutch text, is an error."""

    def __init__(self) -> None:
        self._texts: dict[str, dict[str, Text]] | None = None

    def _load(self) -> dict[str, dict[str, Text]]:
        if self._texts is None:
            texts: dict[str, dict[str, Text]] = {}
            for name in CATALOGUES:
                part = catalogue(name)
                clash = set(part) & set(texts)
                if clash:
                    raise KeyError(f"bot text keys in two catalogues: {sorted(clash)}")
                texts.update(part)
            missing = sorted(k for k, v in texts.items() if DEFAULT not in v)
            if missing:
                raise KeyError(f"bot texts without Dutch: {missing}")
            self._texts = texts
        return self._texts

    def __getitem__(self, key: str) -> dict[str, Text]:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


MESSAGES = Messages()

ROLE_NAMES = {
    "nl": {1: "lid", 2: "partner", 3: "moderator", 4: "beheerder"},
    "en": {1: "member", 2: "partner", 3: "moderator", 4: "admin"},
}


def lang_of(locale: str | None) -> str:
    return "en" if (locale or "").lower().startswith("en") else "nl"


def t(key: str, lang: str = "nl", **params: object) -> str:
    """The text of `key` in `lang` (Dutch when missing), then formatted with `params`. A text with
    plural forms takes the form for `count` ("one" for 1, else "other")."""
    texts = MESSAGES.get(key)
    if texts is None:
        raise KeyError(f"no bot text for key {key!r}")
    template = texts.get(lang) or texts[DEFAULT]
    if isinstance(template, dict):
        template = template["one" if params.get("count") == 1 else "other"]
    return template.format(**params) if params else template


def findings_text(findings: list[tuple[str, str]], lang: str = "nl") -> str:
    """Masked findings as a bullet list: `- naam: J*** d* V****`."""
    return "\n".join(f"- {t('pii.' + kind, lang)}: `{masked}`" for kind, masked in findings)


def error_text(err: LabbotError, lang: str = "nl") -> str:
    params = dict(err.params)
    findings = getattr(err, "findings", None)
    if findings is not None:
        params["findings"] = findings_text(findings, lang)
    if isinstance(params.get("role"), int):  # a privilege level, named in the reader's language
        params["role"] = ROLE_NAMES[lang_of(lang)][params["role"]]
    try:
        return t(err.key, lang, **params)
    except (KeyError, IndexError):
        return t(type(err).key, lang)
