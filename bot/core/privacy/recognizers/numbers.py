"""Checksummed and validated numbers: IBAN (mod 97), BSN (eleven-test), phone (libphonenumber)."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

Span = tuple[int, int, str]  # phone spans carry a fourth item: the rule

# ---------------------------------------------------------------- IBAN
# Lengths of the IBANs one meets in Dutch chat; other countries are tried over 15..32 characters.
IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "PL": 28, "TR": 26,
    "PT": 25, "LU": 20, "AT": 20, "CH": 21, "IE": 22, "DK": 18, "SE": 24, "NO": 15, "FI": 18,
    "GR": 27, "RO": 24, "BG": 22, "HU": 28, "CZ": 24, "SK": 24, "HR": 21, "SI": 19, "LT": 20,
    "LV": 21, "EE": 20, "MT": 31, "CY": 28, "MA": 28, "TN": 24, "DZ": 26, "EG": 29, "SA": 24,
    "AE": 23, "QA": 29, "JO": 30, "LB": 28, "IL": 23, "UA": 29, "GE": 22, "AL": 28, "BA": 20,
    "RS": 22, "ME": 22, "MK": 19, "XK": 20, "IS": 26, "LI": 21, "MC": 27, "SM": 27, "SR": 0,
}
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?=[ ]?[A-Za-z0-9])")
_IBAN_NL_BBAN = re.compile(r"[A-Z]{4}[0-9]{10}")


def iban_valid(iban: str) -> bool:
    iban = iban.upper()
    if len(iban) < 15 or not iban.isalnum():
        return False
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def find_ibans(text: str) -> list[Span]:
    out: list[Span] = []
    for m in _IBAN_START.finditer(text):
        country = m.group()[:2].upper()
        want = IBAN_LENGTHS.get(country)
        if want == 0:
            continue
        chars: list[str] = []
        ends: list[int] = []
        i = m.start()
        n = len(text)
        while i < n and len(chars) < 34:
            ch = text[i]
            if ch.isascii() and ch.isalnum():
                chars.append(ch.upper())
                ends.append(i + 1)
                i += 1
            elif ch == " " and i + 1 < n and text[i + 1].isascii() and text[i + 1].isalnum() and chars:
                i += 1
            else:
                break
        lengths = [want] if want else range(min(len(chars), 32), 14, -1)
        for length in lengths:
            if length > len(chars):
                continue
            cand = "".join(chars[:length])
            end = ends[length - 1]
            # the IBAN must not run straight on into more letters or digits
            if end < n and text[end].isascii() and text[end].isalnum():
                continue
            if country == "NL" and not _IBAN_NL_BBAN.fullmatch(cand[4:]):
                continue
            if iban_valid(cand):
                out.append((m.start(), end, "IBAN"))
                break
    return out


# ---------------------------------------------------------------- BSN
_BSN = re.compile(
    r"(?<![\w.,+\-/€$])"
    r"([0-9]{9}|[0-9]{3}[. \-][0-9]{3}[. \-][0-9]{3}|[0-9]{4}[. \-][0-9]{2}[. \-][0-9]{3}"
    r"|[0-9]{3}[. \-][0-9]{2}[. \-][0-9]{2}[. \-][0-9]{2}|[0-9]{2}[. \-][0-9]{3}[. \-][0-9]{2}[. \-][0-9]{2})"
    r"(?![\w\-/]|[.,][0-9])"
)
_BSN_SPLIT = re.compile(r"(?<![\w.,+\-/€$])([0-9]{1,8} ?\n ?[0-9]{1,8})(?![\w\-/]|[.,][0-9])")
_BSN8 = re.compile(r"(?<![\w.,+\-/€$])([0-9]{8}|[0-9]{2}[. \-][0-9]{3}[. \-][0-9]{3})(?![\w\-/]|[.,][0-9])")
_BSN_CUE = re.compile(r"\b(?:bsn|bsn'?s|burgerservicenummers?|sofinummers?|sofi-nummers?|citizen service)\b", re.I)
# labels that say a number is something else
_OTHER_NUMBER = re.compile(
    r"(?:(?:inkoop|klant|batch|order|bestel|factuur|artikel|referentie|dossier|zaak|registratie|"
    r"kvk|btw|polis|contract|lid|lidmaatschaps|abonnement|ticket|zending|track|transactie|bon|"
    r"serie|product|project|subsidie|vergunning|aanvraag|melding|incident|verzekerings|kamer|"
    r"rekening|debiteur|crediteur|relatie|personeels|medewerkers|werknemers|studenten|leerling)"
    r"[- ]?(?:nummer|nr)s?|ref(?:erentie)?|kenmerk|ordernr|factuurnr|kvk|btw|€|eur|euro|bedrag)"
    r"\W{0,3}(?:is\W{0,3}|was\W{0,3})?$",
    re.I,
)


def eleven_test(digits: str) -> bool:
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def find_bsns(text: str) -> list[Span]:
    out: list[Span] = []
    for rx, need_cue in ((_BSN, False), (_BSN8, True), (_BSN_SPLIT, True)):
        for m in rx.finditer(text):
            digits = re.sub(r"[^0-9]", "", m.group())
            if not eleven_test(digits) or (rx is _BSN_SPLIT and len(digits) != 9):
                continue
            before = text[max(0, m.start() - 40):m.start()]
            has_cue = bool(_BSN_CUE.search(before)) or bool(_BSN_CUE.search(text[m.end():m.end() + 25]))
            if need_cue and not has_cue:
                continue
            if not has_cue and _OTHER_NUMBER.search(before):
                continue
            out.append((m.start(), m.end(), "BSN"))
    return out


# ---------------------------------------------------------------- phone
# generous candidates: a leading +, 00, (0 or 0, then digits with spaces, dashes, dots, slashes,
# parentheses and at most a single line break between them (a number broken over two lines)
_PHONE = re.compile(r"(?<![\w+/.\-])(?:\+|00|\(0|0)(?:[0-9 \-./()]|\n(?!\n)){7,24}[0-9]")
_SEP_GAP = re.compile(r"\s+|\s*[-/]\s+|\s+[-/]\s*")
# numbers of organisations are left alone when the context names an organisation and no person
_ORG_CONTEXT = re.compile(
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
_PERSON_CONTEXT = re.compile(
    r"\b(?:moeder|vader|ouders?|broer|zus|zoon|dochter|oom|tante|opa|oma|neef|nicht|jongen|meisje|"
    r"haar|hij|mevrouw|meneer|mw|dhr|privé|prive|eigen|mobiel|06|whatsapp|app)\b",
    re.I,
)
# service numbers (0800 free, 0900/0906/0909 paid) and fixed lines are often an organisation's
_ORG_TYPES = {PhoneNumberType.UAN, PhoneNumberType.VOIP, PhoneNumberType.FIXED_LINE,
              PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE,
              PhoneNumberType.SHARED_COST}
_SERVICE = re.compile(r"0(?:800|90[0-9])[0-9]{4}(?:[0-9]{3})?")
# a Belgian or German mobile number written the national way (0470 12 34 56, 0151 23456789)
_NEIGHBOUR_MOBILE = (("BE", re.compile(r"04[5-9][0-9]{7}")), ("DE", re.compile(r"01[5-7][0-9]{8,9}")))


_KIND_NAMES = {PhoneNumberType.FIXED_LINE: "fixed line", PhoneNumberType.MOBILE: "mobile",
               PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile", PhoneNumberType.TOLL_FREE: "free service",
               PhoneNumberType.PREMIUM_RATE: "paid service", PhoneNumberType.SHARED_COST: "shared-cost service",
               PhoneNumberType.VOIP: "VoIP", PhoneNumberType.UAN: "company number"}


def _valid_phone(candidate: str) -> tuple[PhoneNumberType, str] | None:
    """(kind, region) of a valid number, or None."""
    digits = re.sub(r"[^0-9+]", "", candidate)
    national = digits.lstrip("+")
    if not (9 <= len(national) <= 15 or (len(national) == 8 and _SERVICE.fullmatch(national))):
        return None
    candidate = candidate.replace("\n", " ")
    try:
        num = phonenumbers.parse(candidate, "NL")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(num):
        return phonenumbers.number_type(num), phonenumbers.region_code_for_number(num) or "?"
    if digits.startswith("0") and not digits.startswith("00"):
        for region, shape in _NEIGHBOUR_MOBILE:
            if shape.fullmatch(digits):
                other = phonenumbers.parse(candidate, region)
                if phonenumbers.is_valid_number(other) and \
                        phonenumbers.number_type(other) == PhoneNumberType.MOBILE:
                    return PhoneNumberType.MOBILE, region
    # a Dutch mobile number in an unallocated block (06-7x, 06-9x) is still somebody's number
    nsn = str(num.national_number)
    if num.country_code == 31 and len(nsn) == 9 and nsn[0] == "6" and nsn[1] != "6":
        return PhoneNumberType.MOBILE, "NL (unallocated block)"
    return None


def _phone_at(text: str, m: re.Match[str]) -> tuple[int, int, str] | None:
    """The longest valid number at the start of candidate ``m``, or None."""
    cand = m.group()
    start = m.start()
    # try the whole candidate, then drop trailing groups that follow a gap
    cuts = [len(cand)] + [g.start() for g in reversed(list(_SEP_GAP.finditer(cand)))]
    for cut in cuts:
        piece = cand[:cut].rstrip(" -./(\n")
        if piece.count("(") != piece.count(")") and not piece.startswith("(0"):
            piece = piece.replace("(", " ").replace(")", " ")
        valid = _valid_phone(piece)
        if valid is None:
            continue
        kind, region = valid
        rule = f"phone: libphonenumber, {region} {_KIND_NAMES.get(kind, 'number')}"
        end = start + len(cand[:cut].rstrip(" -./(\n"))
        if kind in _ORG_TYPES:
            window = text[max(0, start - 60):start]
            # the nearer cue decides: 'bel mevrouw X op ..., of Veilig Thuis op 0800-2000'
            org_at = max((m.end() for m in _ORG_CONTEXT.finditer(window)), default=-1)
            person_at = max((m.end() for m in _PERSON_CONTEXT.finditer(window)), default=-1)
            org_after = _ORG_CONTEXT.search(text, end, end + 30)
            if (org_at > person_at) or (org_after and person_at < 0):
                return start, -end, rule  # an organisation's number: skip it, go on after it
        # "(06-12345678)": the opening parenthesis belongs to the sentence, not to the number
        span_start = start + 1 if cand.startswith("(") and ")" not in cand[:cut] else start
        return span_start, end, rule
    return None


def find_phones(text: str, kept: list | None = None) -> list[Span]:
    """Phone numbers; numbers passed over (an organisation's, a case number) go to ``kept``."""
    out: list[Span] = []
    pos = 0
    while True:
        m = _PHONE.search(text, pos)
        if m is None:
            return out
        if _OTHER_NUMBER.search(text[max(0, m.start() - 40):m.start()]):
            pos = m.end()  # zaaknummer 0418-2023-17, kenmerk ...: a number of another kind
            if kept is not None:
                kept.append((m.start(), m.end(), "number with a label of another kind (case, dossier, ...)"))
            continue
        hit = _phone_at(text, m)
        if hit is None:
            pos = m.end()
        elif hit[1] < 0:
            pos = -hit[1]
            if kept is not None:
                kept.append((hit[0], pos, "phone number of an organisation named nearby"))
        else:
            out.append((hit[0], hit[1], "PHONE", hit[2]))
            pos = hit[1]
