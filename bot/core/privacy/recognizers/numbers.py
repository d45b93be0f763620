"""Checksummed numbers: IBAN (mod 97) and BSN (eleven-test); phone numbers are in ``phones.py``."""

from __future__ import annotations

import re

Span = tuple[int, int, str]

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
OTHER_NUMBER = re.compile(
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
            if not has_cue and OTHER_NUMBER.search(before):
                continue
            out.append((m.start(), m.end(), "BSN"))
    return out
