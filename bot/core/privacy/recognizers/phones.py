"""Phone numbers: generous candidates, libphonenumber decides validity (NL, BE, DE, service numbers).

Candidates are any run that starts like a number one dials (``+``, ``00``, ``(0`` or ``0``) and goes
on in digits with spaces, dashes, dots, slashes, parentheses and at most one line break; the
detector runs on the normalised copy (``normalise.py``), so wide, foreign and hidden-character
digits arrive here as plain ASCII, and a letter O written for the leading zero (``O6-...``) is read
as a zero. A candidate, or its longest prefix that ends before a gap, is a number when libphonenumber finds it valid as written for the Netherlands (``+32``/``+49`` and
``0032``/``0049`` carry their own country), or, written the national way, as a Belgian number
(nine digits in groups, or a ``04`` mobile) or a German mobile; beside a word that names Belgium or
Germany any valid number of that country counts.

What is passed over on purpose: a number with a label of another kind right before it
(``zaaknummer``, ``factuur``: :data:`numbers.OTHER_NUMBER`), a time range written as two
four-digit clock times (``0900-1700 uur``), a date that starts where a number could
(``05-12-2026 14:00``), and the public number of a national helpline or service on the list in
``data/public_numbers.txt`` (``Veilig Thuis 0800-2000``). Every other number is masked, an
organisation's switchboard too: the words around a number do not tell reliably whose it is
(``urgent volgens de receptie, nummer ...`` is a call-back to a family; ``hij ligt in het
ziekenhuis, tel. ...`` a patient's line), and a masked public number costs little where an
unmasked private one is a breach. An earlier rule passed over numbers with an organisation or
switchboard word nearby; it missed one number in ten in independent check material.

The municipal short numbers (14 + area code, ``14 020``) do not start with a 0 and are never
candidates: a public switchboard, not personal.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from bot.core.privacy.lexicon import DATA_DIR, read_list

from .numbers import OTHER_NUMBER

Span = tuple  # (start, end, "PHONE", rule)
E164 = PhoneNumberFormat.E164

# a letter and a dot before the number are an abbreviation ("Tel.06-...", "T.020-..."), not a decimal
_PHONE = re.compile(r"(?:(?<![\w+/.\-])|(?<=[A-Za-z]\.))(?:\+|00|\(0|0)(?:[0-9 \-./()]|\n(?!\n)){7,24}[0-9]")
# a second number right after a slash: "0612345678/0201234567"
_PHONE_AFTER_SLASH = re.compile(r"(?:\+|00|0)(?:[0-9 \-.()]|\n(?!\n)){7,24}[0-9]")
_SEP_GAP = re.compile(r"\s+|\s*[-/]\s+|\s+[-/]\s*|/")


@lru_cache(maxsize=1)
def public_numbers() -> dict[str, str]:
    """Each listed public number (data/public_numbers.txt) in E.164 -> whose number it is."""
    out: dict[str, str] = {}
    for line in read_list(DATA_DIR / "public_numbers.txt"):
        number, _, owner = line.partition("|")
        out[phonenumbers.format_number(phonenumbers.parse(number, "NL"), E164)] = owner.strip()
    return out


# a time range: two clock times of four digits, "0900-1700 uur", "van 0830-1200"
_TIME_RANGE = re.compile(r"([01][0-9]|2[0-3])([0-5][0-9]) ?- ?([01][0-9]|2[0-4])([0-5][0-9])")
_TIME_AFTER = re.compile(r"\s*(?:uur|u\b|h\b|hrs?\b)", re.I)
_TIME_BEFORE = re.compile(r"\b(?:van|tussen|open|geopend|spreekuur|tijden|werkdagen|dagelijks)\W{0,3}$", re.I)
_BELGIUM = re.compile(r"\b(?:belgi[eë]|belgisch\w*|vlaander\w*|vlaams\w*|brussel|antwerpen|gent|luik|"
                      r"leuven|brugge|mechelen|hasselt|charleroi|gsm)\b", re.I)
_GERMANY = re.compile(r"\b(?:duitsland|duits\w*|deutschland|berlijn|berlin|keulen|köln|hamburg|münchen|"
                      r"düsseldorf|dusseldorf|frankfurt|aken|aachen|handy)\b", re.I)
_SERVICE = re.compile(r"0(?:800|90[0-9])[0-9]{4}(?:[0-9]{3})?")
# a Belgian or German mobile number written the national way (0470 12 34 56, 0151 23456789)
_NEIGHBOUR_MOBILE = (("BE", re.compile(r"04[5-9][0-9]{7}")), ("DE", re.compile(r"01[5-7][0-9]{8,9}")))
# a Belgian fixed line written the national way: nine digits in groups (02 518 27 39, 09/218.37.46);
# no Dutch number has nine digits
_BELGIAN_FIXED = re.compile(r"0[1-9][0-9 ./\-]*")

_KIND_NAMES = {PhoneNumberType.FIXED_LINE: "fixed line", PhoneNumberType.MOBILE: "mobile",
               PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile", PhoneNumberType.TOLL_FREE: "free service",
               PhoneNumberType.PREMIUM_RATE: "paid service", PhoneNumberType.SHARED_COST: "shared-cost service",
               PhoneNumberType.VOIP: "VoIP", PhoneNumberType.UAN: "company number"}


def _parse(candidate: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        num = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    return num if phonenumbers.is_valid_number(num) else None


def _national(candidate: str, digits: str, neighbours: tuple[str, ...]) -> tuple[PhoneNumberType, str] | None:
    """A number written the national way that is not Dutch: Belgian or German."""
    for region, shape in _NEIGHBOUR_MOBILE:
        if shape.fullmatch(digits):
            other = _parse(candidate, region)
            if other is not None and phonenumbers.number_type(other) == PhoneNumberType.MOBILE:
                return PhoneNumberType.MOBILE, region
    groups = len(re.findall(r"[0-9]+", candidate))
    if len(digits) == 9 and groups >= 3 and _BELGIAN_FIXED.fullmatch(candidate):
        other = _parse(candidate, "BE")
        if other is not None and phonenumbers.number_type(other) == PhoneNumberType.FIXED_LINE:
            return PhoneNumberType.FIXED_LINE, "BE"
    for region in neighbours:
        other = _parse(candidate, region)
        if other is not None:
            return phonenumbers.number_type(other), region
    return None


Valid = tuple  # (kind, region, the number as parsed for the Netherlands or None for a neighbour's)


def _valid_phone(candidate: str, neighbours: tuple[str, ...] = ()) -> Valid | None:
    """(kind, region, parsed number) of a valid number, or None. ``neighbours``: countries named nearby."""
    candidate = candidate.replace("\n", " ")
    digits = re.sub(r"[^0-9+]", "", candidate)
    national = digits.lstrip("+")
    if not (9 <= len(national) <= 15 or (len(national) == 8 and _SERVICE.fullmatch(national))):
        return None
    # "+31 06 ...", "0031 (0)6": the trunk 0 written after the country code
    candidate = re.sub(r"^((?:\+|00)\s*(?:31|32|49)[\s\-.]*)\(?0\)?", r"\1", candidate)
    try:
        num = phonenumbers.parse(candidate, "NL")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(num):
        return phonenumbers.number_type(num), phonenumbers.region_code_for_number(num) or "?", num
    if digits.startswith("0") and not digits.startswith("00"):
        other = _national(candidate, digits, neighbours)
        if other is not None:
            return *other, None
    # a Dutch number outside the allocated blocks is still somebody's number, made up or mistyped:
    # a mobile in an unallocated block (06-7x, 06-9x), or a landline with an area code that is not
    # (or no longer) in use (0164-..., 012-...); ten digits from 01-05 or 07 are the Dutch
    # geographic plan's shape (08x and 09x are service and company numbers, judged as allocated)
    nsn = str(num.national_number)
    if num.country_code == 31 and len(nsn) == 9:
        if nsn[0] == "6" and nsn[1] != "6":
            return PhoneNumberType.MOBILE, "NL (unallocated block)", num
        if nsn[0] in "123457":
            return PhoneNumberType.FIXED_LINE, "NL (area code not allocated)", num
    return None


def _time_range(text: str, start: int, piece: str) -> bool:
    """'0900-1700 uur', 'van 0830-1200': two clock times, not a service number."""
    m = _TIME_RANGE.fullmatch(piece)
    if m is None or m.group(1) + m.group(2) >= m.group(3) + m.group(4):
        return False
    end = start + len(piece)
    return bool(_TIME_AFTER.match(text, end) or _TIME_BEFORE.search(text[max(0, start - 20):start]))


def _neighbours(text: str, start: int, end: int) -> tuple[str, ...]:
    window = text[max(0, start - 80):end + 40]
    return tuple(region for region, rx in (("BE", _BELGIUM), ("DE", _GERMANY)) if rx.search(window))


def _phone_at(text: str, m: re.Match[str]) -> tuple[int, int, str] | None:
    """The longest valid number at the start of candidate ``m``, or None; a negative end means a
    number passed over on purpose (the reason as third item)."""
    cand = m.group()
    start = m.start()
    neighbours = _neighbours(text, start, m.end())
    # try the whole candidate, then drop trailing groups that follow a gap
    cuts = [len(cand)] + [g.start() for g in reversed(list(_SEP_GAP.finditer(cand)))]
    for cut in cuts:
        piece = cand[:cut].rstrip(" -./(\n")
        if piece.count("(") != piece.count(")") and not piece.startswith("(0"):
            piece = piece.replace("(", " ").replace(")", " ")
        if _time_range(text, start, piece):
            return start, -(start + len(piece)), "two clock times: a time range"
        valid = _valid_phone(piece, neighbours)
        if valid is None:
            continue
        kind, region, num = valid
        rule = f"phone: libphonenumber, {region} {_KIND_NAMES.get(kind, 'number')}"
        end = start + len(piece)
        owner = public_numbers().get(phonenumbers.format_number(num, E164)) if num is not None else None
        if owner is not None:
            return start, -end, f"public number of {owner} (data/public_numbers.txt)"
        # "(06-12345678)": the opening parenthesis belongs to the sentence, not to the number
        span_start = start + 1 if cand.startswith("(") and ")" not in cand[:cut] else start
        return span_start, end, rule
    return None


# a date written with a four-digit year where a number could start ("05-12-2026 14:00"): a date
_DATE_FIRST = re.compile(r"\(?([0-3]?[0-9])([-/.])([01]?[0-9])\2(?:19|20)[0-9]{2}(?![0-9])")


def _date_first(text: str, m: re.Match[str]) -> int | None:
    """The end of a date that starts candidate ``m``, or None."""
    d = _DATE_FIRST.match(text, m.start())
    if d is None or not (1 <= int(d.group(1)) <= 31 and 1 <= int(d.group(3)) <= 12):
        return None
    return d.end()


# the letter O written for the zero that starts a number ("O6-12345678"): one letter for one digit
_LETTER_O = re.compile(r"(?<![\w+/.\-])[Oo](?=[0-9][0-9 \-.]{7,}[0-9])")


def find_phones(text: str, kept: list | None = None) -> list[Span]:
    """Phone numbers; numbers passed over (a listed public number, a case number) go to ``kept``."""
    out: list[Span] = []
    text = _LETTER_O.sub("0", text)
    pos = 0
    while True:
        m = _PHONE.search(text, pos)
        if m is None:
            return out
        if OTHER_NUMBER.search(text[max(0, m.start() - 40):m.start()]):
            pos = m.end()  # zaaknummer 0418-2023-17, kenmerk ...: a number of another kind
            if kept is not None:
                kept.append((m.start(), m.end(), "number with a label of another kind (case, dossier, ...)"))
            continue
        date_end = _date_first(text, m)
        if date_end is not None:
            pos = date_end  # left for the date recogniser
            continue
        while m is not None:
            hit = _phone_at(text, m)
            if hit is None:
                pos = m.end()
                break
            if hit[1] < 0:
                pos = -hit[1]
                if kept is not None:
                    kept.append((hit[0], pos, hit[2]))
                break
            out.append((hit[0], hit[1], "PHONE", hit[2]))
            pos = hit[1]
            # "0612345678/0201234567": a second number straight after a slash
            m = _PHONE_AFTER_SLASH.match(text, pos + 1) if text.startswith("/", pos) else None
