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
four-digit clock times (``0900-1700 uur``), and an organisation's public number:

- a service number (0800, 0900, 0906, 0909) next to an organisation's name, unless a person is
  named nearer to it (``bel mevrouw X op ..., of Veilig Thuis op 0800-2000``);
- a fixed line, VoIP or company number (088, 085, 084, 087) only when the text says it is a
  switchboard (``hoofdnummer``, ``receptie``, ``klantenservice``, a meeting's ``inbelnummer``, ...)
  and not a direct line: an organisation's name alone is not enough, since a professional's
  direct line and a family's home line are written the same way (``hij ligt in het ziekenhuis,
  tel. 030 ...``).

The municipal short numbers (14 + area code, ``14 020``) do not start with a 0 and are never
candidates: a public switchboard, not personal.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from .numbers import OTHER_NUMBER

Span = tuple  # (start, end, "PHONE", rule)

# a letter and a dot before the number are an abbreviation ("Tel.06-...", "T.020-..."), not a decimal
_PHONE = re.compile(r"(?:(?<![\w+/.\-])|(?<=[A-Za-z]\.))(?:\+|00|\(0|0)(?:[0-9 \-./()]|\n(?!\n)){7,24}[0-9]")
# a second number right after a slash: "0612345678/0201234567"
_PHONE_AFTER_SLASH = re.compile(r"(?:\+|00|0)(?:[0-9 \-.()]|\n(?!\n)){7,24}[0-9]")
_SEP_GAP = re.compile(r"\s+|\s*[-/]\s+|\s+[-/]\s*|/")
_SERVICE_CONTEXT = re.compile(
    r"\b(?:gemeente|politie|ggd|ggz|veiligheidshuis|veilig thuis|organisatie|kantoor|bureau|helpdesk|"
    r"servicedesk|afdeling|centrale|hoofdnummer|algemeen nummer|receptie|informatielijn|infolijn|"
    r"hulplijn|steunpunt|stichting|jeugdbescherming|kinderbescherming|reclassering|ministerie|nctv|"
    r"meldpunt|loket|school|ziekenhuis|huisartsenpost|klantenservice|frontoffice|"
    r"openingstijden|spreekuur|"
    # national helplines and public services with 0800/0900/088 numbers
    r"kindertelefoon|luisterlijn|slachtofferhulp|sensoor|meld misdaad anoniem|zelfmoordpreventie|113|112|"
    r"alarmnummer|noodnummer|geen spoed|"
    r"supportlijn|korrelatie|fier|centrum seksueel geweld|belastingdienst|belastingtelefoon|uwv|svb|duo|"
    r"cjib|rdw|ind|coa|juridisch loket|zorgverzekeraar|gemeentelijk)\b",
    re.I,
)
# what makes a fixed line an organisation's public number rather than somebody's line
_SWITCHBOARD = re.compile(
    r"\b(?:hoofdnummer|algemeen (?:telefoon)?nummer|algemene nummer|centrale|receptie|servicedesk|helpdesk|"
    r"klantenservice|informatielijn|infolijn|hulplijn|meldpunt|frontoffice|loket|secretariaat|"
    r"openingstijden|kantoortijden|spreekuur|kindertelefoon|luisterlijn|slachtofferhulp|juridisch loket|"
    r"belastingtelefoon|alarmnummer|noodnummer|geen spoed|"
    # the dial-in number of an online meeting
    r"inbelnummer|inbellen|dial-in|teams-nummer|zoom-nummer|conferentie\w*|vergader-?id)\b",
    re.I,
)
_DIRECT_LINE = re.compile(r"\b(?:directe? (?:nummer|lijn|bereikbaar)|rechtstreeks|doorkies\w*|eigen|privé|prive|mobiel|thuis\w*)\b", re.I)
_PERSON_CONTEXT = re.compile(
    # kin words, also in the compounds Dutch makes of them (grootvader, stiefmoeder, schoonzus)
    r"\b(?:(?:groot|overgroot|stief|pleeg|schoon|half|bonus)?(?:moeder|vader|ouders?|broer|zus|zoon|dochter)|"
    r"oom|tante|opa|oma|neef|nicht|jongen|meisje|"
    r"haar|hij|zij|hem|mevrouw|meneer|mw|dhr|privé|prive|eigen|mobiel|06|whatsapp|app|rechtstreeks|"
    r"doorkies\w*|cliënt|client|patiënt|patient|pt)\b",
    re.I,
)
# a time range: two clock times of four digits, "0900-1700 uur", "van 0830-1200"
_TIME_RANGE = re.compile(r"([01][0-9]|2[0-3])([0-5][0-9]) ?- ?([01][0-9]|2[0-4])([0-5][0-9])")
_TIME_AFTER = re.compile(r"\s*(?:uur|u\b|h\b|hrs?\b)", re.I)
_TIME_BEFORE = re.compile(r"\b(?:van|tussen|open|geopend|spreekuur|tijden|werkdagen|dagelijks)\W{0,3}$", re.I)
_BELGIUM = re.compile(r"\b(?:belgi[eë]|belgisch\w*|vlaander\w*|vlaams\w*|brussel|antwerpen|gent|luik|"
                      r"leuven|brugge|mechelen|hasselt|charleroi|gsm)\b", re.I)
_GERMANY = re.compile(r"\b(?:duitsland|duits\w*|deutschland|berlijn|berlin|keulen|köln|hamburg|münchen|"
                      r"düsseldorf|dusseldorf|frankfurt|aken|aachen|handy)\b", re.I)
_SERVICE_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST}
_LINE_TYPES = {PhoneNumberType.UAN, PhoneNumberType.VOIP, PhoneNumberType.FIXED_LINE,
               PhoneNumberType.FIXED_LINE_OR_MOBILE}
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


def _valid_phone(candidate: str, neighbours: tuple[str, ...] = ()) -> tuple[PhoneNumberType, str] | None:
    """(kind, region) of a valid number, or None. ``neighbours``: countries named nearby."""
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
        return phonenumbers.number_type(num), phonenumbers.region_code_for_number(num) or "?"
    if digits.startswith("0") and not digits.startswith("00"):
        other = _national(candidate, digits, neighbours)
        if other is not None:
            return other
    # a Dutch number outside the allocated blocks is still somebody's number, made up or mistyped:
    # a mobile in an unallocated block (06-7x, 06-9x), or a landline with an area code that is not
    # (or no longer) in use (0164-..., 012-...); ten digits from 01-05 or 07 are the Dutch
    # geographic plan's shape (08x and 09x are service and company numbers, judged as allocated)
    nsn = str(num.national_number)
    if num.country_code == 31 and len(nsn) == 9:
        if nsn[0] == "6" and nsn[1] != "6":
            return PhoneNumberType.MOBILE, "NL (unallocated block)"
        if nsn[0] in "123457":
            return PhoneNumberType.FIXED_LINE, "NL (area code not allocated)"
    return None


def _nearest(rx: re.Pattern[str], window: str) -> int:
    return max((m.end() for m in rx.finditer(window)), default=-1)


def _organisation_number(text: str, start: int, end: int, kind: PhoneNumberType) -> bool:
    """Whether the number at ``start:end`` is an organisation's public number (see module doc)."""
    window = text[max(0, start - 60):start]
    after = text[end:end + 30]
    person_at = _nearest(_PERSON_CONTEXT, window)
    if kind in _SERVICE_TYPES:
        org_at = _nearest(_SERVICE_CONTEXT, window)
        return org_at > person_at or (bool(_SERVICE_CONTEXT.search(after)) and person_at < 0)
    if kind in _LINE_TYPES:
        if _DIRECT_LINE.search(window[-30:]) or _DIRECT_LINE.search(after):
            return False
        org_at = _nearest(_SWITCHBOARD, window)
        return org_at > person_at or (bool(_SWITCHBOARD.search(after)) and person_at < 0)
    return False


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
        kind, region = valid
        rule = f"phone: libphonenumber, {region} {_KIND_NAMES.get(kind, 'number')}"
        end = start + len(cand[:cut].rstrip(" -./(\n"))
        if _organisation_number(text, start, end, kind):
            return start, -end, "phone number of an organisation named nearby"
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
    """Phone numbers; numbers passed over (an organisation's, a case number) go to ``kept``."""
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
