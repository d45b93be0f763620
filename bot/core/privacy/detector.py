"""The personal-data guard: find, redact and preview personal data in Dutch chat messages.

Pure Python, no network, no model. Structured data (e-mail, IBAN, phone, BSN, plates, postcodes,
addresses, handles, dates) is found first by pattern and checksum; person names are then looked
for in the text with those spans blanked out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .masking import mask_value
from .recognizers.address import find_addresses
from .recognizers.dates import birthdates, find_dates
from .recognizers.names import find_persons
from .recognizers.numbers import find_bsns, find_ibans, find_phones
from .recognizers.patterns import find_emails, find_handles, find_plates, find_postcodes, find_urls

PII_TYPES: tuple[str, ...] = ("PERSON", "BSN", "PHONE", "EMAIL", "IBAN", "ADDRESS", "POSTCODE", "PLATE",
                              "BIRTHDATE", "HANDLE")

PLACEHOLDERS: dict[str, str] = {
    "PERSON": "[NAAM]", "BSN": "[BSN]", "PHONE": "[TELEFOON]", "EMAIL": "[E-MAIL]", "IBAN": "[IBAN]",
    "ADDRESS": "[ADRES]", "POSTCODE": "[POSTCODE]", "PLATE": "[KENTEKEN]", "BIRTHDATE": "[GEBOORTEDATUM]",
    "HANDLE": "[ACCOUNT]",
}

# when two findings overlap, the merged span takes the type that comes first here
_PRIORITY = {t: i for i, t in enumerate(("EMAIL", "IBAN", "BSN", "PHONE", "HANDLE", "PLATE", "POSTCODE",
                                          "BIRTHDATE", "ADDRESS", "PERSON"))}
_MASK = "\x00"


@dataclass(frozen=True)
class Detection:
    start: int
    end: int
    type: str
    text: str


Span = tuple[int, int, str]


def _blank(chars: list[str], spans: Iterable[tuple[int, int]] | Iterable[Span]) -> None:
    for span in spans:
        for k in range(span[0], span[1]):
            chars[k] = _MASK


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort and merge overlapping spans into their union, keeping the type of higher priority."""
    out: list[list] = []
    for start, end, typ in sorted(spans, key=lambda s: (s[0], -s[1], _PRIORITY.get(s[2], 99))):
        if start >= end:
            continue
        if out and start < out[-1][1]:
            last = out[-1]
            last[1] = max(last[1], end)
            if _PRIORITY.get(typ, 99) < _PRIORITY.get(last[2], 99):
                last[2] = typ
        else:
            out.append([start, end, typ])
    return [(s, e, t) for s, e, t in out]


def detect(text: str) -> list[Detection]:
    """Personal data in ``text``: sorted, non-overlapping detections with Python string offsets."""
    if not text:
        return []
    found: list[Span] = []
    original = text
    text = text.replace(_MASK, " ")  # the mask character must not occur in the input itself
    chars = list(text)

    links, link_handles = find_urls(text)
    emails = find_emails(text)
    found += emails + link_handles
    _blank(chars, links)
    _blank(chars, emails)
    masked = "".join(chars)

    for finder in (find_ibans, find_phones, find_bsns):
        hits = finder(masked)
        found += hits
        _blank(chars, hits)
        masked = "".join(chars)

    dates = find_dates(masked)
    _blank(chars, [(d.start, d.end) for d in dates])
    undated = "".join(chars)
    for finder in (find_plates, find_postcodes, find_handles, find_addresses):
        found += finder(undated)
    _blank(chars, found)
    persons = find_persons("".join(chars))
    found += [(s, e, "PERSON") for s, e in persons]
    found += birthdates(masked, dates, persons)

    return [Detection(s, e, t, original[s:e]) for s, e, t in merge_spans(found)]


def _resolve(text: str, detections: Sequence[Detection] | None) -> list[Detection]:
    if detections is None:
        return detect(text)
    spans = merge_spans((d.start, d.end, d.type) for d in detections)
    return [Detection(s, e, t, text[s:e]) for s, e, t in spans]


def redact(text: str, detections: Sequence[Detection] | None = None) -> str:
    """``text`` with every detection replaced by its Dutch placeholder, e.g. ``[TELEFOON]``."""
    parts: list[str] = []
    pos = 0
    for d in _resolve(text, detections):
        parts.append(text[pos:d.start])
        parts.append(PLACEHOLDERS.get(d.type, "[PERSOONSGEGEVEN]"))
        pos = d.end
    parts.append(text[pos:])
    return "".join(parts)


def mask_preview(text: str, detections: Sequence[Detection] | None = None) -> list[tuple[str, str]]:
    """(type, masked value) per detection, to show a member what was found without echoing it."""
    return [(d.type, mask_value(d.type, d.text)) for d in _resolve(text, detections)]
