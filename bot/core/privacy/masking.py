"""Masked renderings of found values: enough to recognise them, not enough to read them."""

from __future__ import annotations

import re

_NAME_PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "el", "al", "ben", "bin",
                   "ibn", "abu", "da", "di", "du", "dos", "das", "le", "la", "von"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _mask_words(value: str) -> str:
    """``Jan de Vries`` -> ``J*** de V***``; initials stay."""
    def one(m: re.Match[str]) -> str:
        w = m.group()
        if w.lower() in _NAME_PARTICLES or w.lower() in ("nr", "no") or len(w) == 1:
            return w
        return w[0] + "***"
    return _WORD.sub(one, value)


def _mask_digits(value: str, keep_head: int, keep_tail: int) -> str:
    positions = [i for i, ch in enumerate(value) if ch.isalnum()]
    keep = set(positions[:keep_head]) | set(positions[len(positions) - keep_tail:] if keep_tail else [])
    return "".join(ch if (i in keep or not ch.isalnum()) else "*" for i, ch in enumerate(value))


def _mask_email(value: str) -> str:
    if "@" not in value:  # written out: jan(at)mail(dot)nl
        return value[:1] + "***"
    local, _, domain = value.partition("@")
    host, dot, tld = domain.rpartition(".")
    return f"{local[:1]}***@{host[:1]}***{dot}{tld}"


def _mask_date(value: str) -> str:
    """Keeps a four-digit year: ``16-08-2005`` -> ``**-**-2005``."""
    m = re.search(r"(?:19|20)[0-9]{2}(?![0-9])", value)
    keep = range(m.start(), m.end()) if m else range(0)
    return "".join(ch if (i in keep or not ch.isalnum()) else "*" for i, ch in enumerate(value))


def mask_value(kind: str, value: str) -> str:
    if kind == "PERSON":
        return _mask_words(value)
    if kind == "PHONE":
        head = 2 if value.startswith("+") else (4 if value.startswith("00") else 2)
        return _mask_digits(value, head, 4)
    if kind == "BSN":
        return _mask_digits(value, 0, 3)
    if kind == "IBAN":
        return _mask_digits(value, 4, 4)
    if kind == "EMAIL":
        return _mask_email(value)
    if kind == "HANDLE":
        return value[:2] + "***" if value.startswith("@") else value[:1] + "***"
    if kind == "POSTCODE":
        return _mask_digits(value, 2, 0)
    if kind == "PLATE":
        return _mask_digits(value, 1, 0)
    if kind == "BIRTHDATE":
        return _mask_date(value)
    if kind == "ADDRESS":
        return re.sub(r"[0-9]", "*", _mask_words(value))
    return _mask_words(re.sub(r"[0-9]", "*", value))
