"""The personal-data guard: find, redact and preview personal data in Dutch chat messages.

Pure Python, no network, no model. Detection runs on a normalised copy of the text (see
``normalise.py``: format characters dropped, NFKC, digits of any script, look-alike letters) and
the findings are mapped back to the original offsets. Structured data (e-mail, IBAN, phone, BSN,
plates, postcodes, addresses, handles, dates) is found first by pattern and checksum; person names
are then looked for in the text with those spans blanked out. Every finding carries the rule that
fired (``Detection.rule``), shown by :func:`explain`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .masking import mask_value
from .normalise import normalise
from .recognizers.address import find_addresses
from .recognizers.dates import birthdates, find_dates
from .recognizers.names import find_persons_explained
from .recognizers.numbers import find_bsns, find_ibans
from .recognizers.patterns import (
    find_emails,
    find_handles,
    find_named_handles,
    find_obfuscated_emails,
    find_plates,
    find_postcodes,
    find_urls,
)
from .recognizers.phones import find_phones

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
    rule: str = field(default="", compare=False)


Span = tuple[int, int, str]
Found = tuple  # (start, end, type) or (start, end, type, rule)


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


def _rule(span: Found, default: str) -> str:
    return span[3] if len(span) > 3 else default


def _find(text: str, kept: list | None = None) -> list[tuple[int, int, str, str]]:
    """Findings on ``text`` (already normalised), each with the rule that fired, not yet merged.
    Look-alikes passed over on purpose are added to ``kept`` as (start, end, reason)."""
    found: list[tuple[int, int, str, str]] = []
    text = text.replace(_MASK, " ")  # the mask character must not occur in the input itself
    chars = list(text)

    def add(spans: Iterable[Found], rule: str) -> None:
        found.extend((s[0], s[1], s[2], _rule(s, rule)) for s in spans)

    links, link_handles = find_urls(text)
    emails = find_emails(text)
    add(emails, "email: address pattern")
    add(link_handles, "handle: profile link")
    _blank(chars, links)
    _blank(chars, emails)
    masked = "".join(chars)
    hidden = find_obfuscated_emails(masked)
    add(hidden, "email: written with (at)/[at]/at ... dot")
    _blank(chars, hidden)
    masked = "".join(chars)

    for finder, rule in ((find_ibans, "iban: mod-97 check"), (find_phones, "phone: libphonenumber"),
                         (find_bsns, "bsn: eleven-test")):
        passed: list = []
        hits = finder(masked, passed) if finder is find_phones else finder(masked)
        add(hits, rule)
        _blank(chars, hits)
        # a number passed over on purpose (an organisation's, a case number) is no BSN either
        _blank(chars, passed)
        if kept is not None:
            kept.extend(passed)
        masked = "".join(chars)

    dates = find_dates(masked)
    _blank(chars, [(d.start, d.end) for d in dates])
    undated = "".join(chars)
    for finder, rule in ((find_plates, "plate: side code"), (find_postcodes, "postcode: 1234 AB"),
                         (find_handles, "handle: @name"),
                         (find_named_handles, "handle: account named after its platform"), (find_addresses, "address: street + number")):
        add(finder(undated), rule)
    _blank(chars, found)
    persons = find_persons_explained("".join(chars), kept)
    add(((s, e, "PERSON", r) for s, e, r in persons), "person")
    add(birthdates(masked, dates, [(s, e) for s, e, _ in persons]), "birthdate: date near a person or cue")
    return found


def detect(text: str, kept: list | None = None) -> list[Detection]:
    """Personal data in ``text``: sorted, non-overlapping detections with Python string offsets.
    With a list as ``kept``, look-alikes passed over on purpose are added to it as
    (start, end, reason), in original offsets (see :func:`explain.explain`)."""
    if not text:
        return []
    norm = normalise(text)
    passed: list | None = [] if kept is not None else None
    raw = _find(norm.text, passed)
    if kept is not None and passed:
        kept.extend((*norm.span(s, e), why) for s, e, why in passed)
    out: list[Detection] = []
    for s, e, t in merge_spans((r[0], r[1], r[2]) for r in raw):
        rules = dict.fromkeys(r[3] for r in raw if r[0] < e and s < r[1])
        start, end = norm.span(s, e)
        out.append(Detection(start, end, t, text[start:end], "; ".join(rules)))
    return out


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
