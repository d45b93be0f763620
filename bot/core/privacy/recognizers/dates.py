"""Dates, and which of them are dates of birth.

Every date is found (so that ``1 jan`` or ``Mei`` never become a name); a date counts as a date
of birth only near a birth cue (geboren, geb., geboortedatum, dob, ...), with an age that fits its
year, right after a person's name (``Gizem (28-06-2006)``), or in a list that follows one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

Span = tuple[int, int, str]

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3, "mrt": 3,
    "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|['’][0-9]{2})"

_NUMERIC = re.compile(
    r"(?<![\w/.\-])([0-9]{1,2})([-/.])([0-9]{1,2})\2((?:19|20)[0-9]{2}|['’]?[0-9]{2})(?![\w]|[-/.:][0-9])"
)
_ISO = re.compile(r"(?<![\w/.\-])((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})(?![\w]|[-/.][0-9])")
_TEXTUAL = re.compile(
    rf"(?<![\w])([0-9]{{1,2}})(?:e|ste|de)?\s?({_MONTH_ALT})\b\.?(?:,?\s({_YEAR}))?(?![\w])", re.I
)
_TEXTUAL_EN = re.compile(rf"(?<![\w])({_MONTH_ALT})\.?\s([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s({_YEAR})(?![\w])", re.I)
_YEAR_ONLY = re.compile(
    r"\b(?:geboren\s(?:in|op)|geb\.?\s?(?:in)?|geboortejaar:?|born\sin|bouwjaar)\s?((?:19|20)[0-9]{2})\b", re.I
)

_CUE = re.compile(
    r"(?:\bgeboren\b|\bgeb\b\.?|\bgeb\.|geboortedat(?:um|a)|geboortedag|geboortejaar|\bdob\b|"
    r"\bd\.o\.b\b|\bborn\b|date of birth|birth ?date|\bbirthday\b|\bverjaardag\b|\bjarig\b)",
    re.I,
)
_AGE = re.compile(r"\b([0-9]{1,2})\s?(?:jaar|jr\.?|jarige?n?|-jarige?n?|years?)\b|\bleeftijd\b", re.I)
_SENTENCE_END = re.compile(r"(?<!\bgeb)(?<!\bdhr)(?<!\bmw)(?<!\bnr)[.!?]\s+(?=[A-Z])|[!?\n]")
# a date with a time after it, or an appointment word between cue and date, is an appointment
_TIME_AFTER = re.compile(r"\s*,?\s*(?:om|van|vanaf|tussen|at)?\s*[0-9]{1,2}[.:][0-9]{2}\b|\s*,?\s*om\b", re.I)
_APPOINTMENT = re.compile(
    r"\b(?:overleg|vergadering|bijeenkomst|afspraak|training|cursus|deadline|uiterlijk|gesprek|zitting|"
    r"meeting|webinar|sessie|netwerkdag|casusoverleg|intake|evaluatie|start|begint|verzet|verplaatst)\b", re.I)
_LIST_GLUE = re.compile(r"^\s*(?:,|;|en|of|and|&|/)\s*$", re.I)
_AFTER_PERSON = re.compile(r"^\s*(?:\(\s*|,\s*|\s-\s|\s)$")


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    year: int | None


def _full_year(raw: str | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'’")
    year = int(raw)
    if len(raw) == 2:
        this = date.today().year % 100
        year += 2000 if year <= this else 1900
    return year


def find_dates(text: str) -> list[DateHit]:
    hits: list[DateHit] = []
    for m in _NUMERIC.finditer(text):
        day, month = int(m.group(1)), int(m.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12:
            hits.append(DateHit(m.start(), m.end(), _full_year(m.group(4))))
        elif 1 <= month <= 31 and 1 <= day <= 12 and m.group(2) == "/":
            hits.append(DateHit(m.start(), m.end(), _full_year(m.group(4))))  # US order
    for m in _ISO.finditer(text):
        if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            hits.append(DateHit(m.start(), m.end(), int(m.group(1))))
    for m in _TEXTUAL.finditer(text):
        if 1 <= int(m.group(1)) <= 31:
            hits.append(DateHit(m.start(), m.end(), _full_year(m.group(3))))
    for m in _TEXTUAL_EN.finditer(text):
        if 1 <= int(m.group(2)) <= 31:
            hits.append(DateHit(m.start(), m.end(), _full_year(m.group(3))))
    for m in _YEAR_ONLY.finditer(text):
        hits.append(DateHit(m.start(1), m.end(1), int(m.group(1))))
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[DateHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _clause_before(text: str, pos: int, width: int = 60) -> str:
    lo = max(0, pos - width)
    window = text[lo:pos]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end():] if ends else window


def _age_fits(text: str, hit: DateHit) -> bool:
    if hit.year is None:
        return False
    lo, hi = max(0, hit.start - 40), min(len(text), hit.end + 40)
    this_year = date.today().year
    for m in _AGE.finditer(text, lo, hi):
        if m.group(1) is None:
            return True  # "leeftijd"
        age = int(m.group(1))
        if abs(this_year - age - hit.year) <= 1:
            return True
    return False


def birthdates(text: str, dates: list[DateHit], persons: list[tuple[int, int]]) -> list[Span]:
    this_year = date.today().year
    person_ends = sorted(e for _, e in persons)
    chosen: list[DateHit] = []
    for h in dates:
        if h.year is not None and h.year > this_year:
            continue
        recent = h.year is None or h.year >= this_year - 1  # could be an appointment
        if recent and _TIME_AFTER.match(text, h.end):
            continue
        before = _clause_before(text, h.start)
        cues = list(_CUE.finditer(before))
        cue = cues[-1] if cues else None
        ok = bool(cue and not (recent and _APPOINTMENT.search(before, cue.end()))) or _age_fits(text, h)
        if not ok and h.year is not None and h.year <= this_year - 4:
            for pe in person_ends:
                if pe <= h.start and h.start - pe <= 4 and _AFTER_PERSON.match(text[pe:h.start]):
                    ok = True
                    break
        if not ok and chosen and _LIST_GLUE.match(text[chosen[-1].end:h.start]):
            ok = True  # "geboren 12/7/2007 en 22-03-2007"
        if ok:
            chosen.append(h)
    return [(h.start, h.end, "BIRTHDATE") for h in chosen]
