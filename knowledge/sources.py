"""Sources of knowledge entries: which are placeholders, which may be shown, which are links.

A placeholder source ("Regionaal: in te vullen door het kernteam") is work for the curators: it is
listed by `labbot kb report` and never rendered in an answer. Every place that shows sources to a
member goes through `shown_sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

FACTS_FILE = Path(__file__).parent / "data" / "kb_facts.yaml"
_URL = re.compile(r"^https?://\S+$", re.I)


@lru_cache(maxsize=1)
def facts() -> dict:
    """The catalogue of laws, numbers, organisations and retired names the checks hold entries to."""
    return yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))


def is_placeholder(source: str) -> bool:
    text = (source or "").strip().casefold()
    return not text or any(marker.casefold() in text for marker in facts()["placeholder_markers"])


def shown_sources(sources: Iterable[str]) -> tuple[str, ...]:
    """The sources that may be shown in an answer: placeholders left out, order kept."""
    return tuple(s for s in sources if not is_placeholder(s))


def is_url(source: str) -> bool:
    return bool(_URL.match((source or "").strip()))
