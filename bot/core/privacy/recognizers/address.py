"""Street address: a street name (Dutch street suffix) followed by a house number and addition."""

from __future__ import annotations

import re

from bot.core.privacy.lexicon import fold, lexicon

Span = tuple[int, int, str]

# suffixes that make a street whatever else the word is
_SAFE_SUFFIXES = ("straat", "straatje", "laan", "laantje", "steeg", "steegje", "gracht", "singel", "dreef",
                  "plantsoen", "boulevard", "allee", "straatweg", "steenweg", "dwarsstraat", "burgwal")
# suffixes that also end ordinary words (snelweg, fietspad, arbeidsmarkt): only for unknown words
# capitalised they make a street even when the word is also a noun (Kerkweg, Rijksweg)
_MEDIUM_SUFFIXES = ("weg", "plein", "pleintje", "kade", "dijk", "markt", "haven", "dam")
_OTHER_SUFFIXES = ("hof", "hofje", "pad", "park", "markt", "baan",
                   "erf", "wal", "haven", "dam", "veld", "akker", "hoek", "poort", "zijde", "oever", "vaart",
                   "vliet", "horst", "donk", "heuvel", "berg", "tuin", "tuinen", "hoven", "oord", "rade",
                   "schans", "zoom", "ring", "kwartier", "hage", "gaarde", "brink", "kant", "hoeve", "waard",
                   "weide", "kamp", "wetering", "dijkje", "passage", "promenade", "galerij", "hove", "stede")
_STANDALONE = {"markt", "brink", "dam", "plein", "kade", "singel", "boulevard", "esplanade", "wal", "vismarkt",
               "grote markt", "haven"}
_PREFIX_KEEP = {"lange", "korte", "oude", "nieuwe", "grote", "kleine", "hoge", "lage", "burgemeester",
                "bisschop", "prins", "prinses", "koning", "koningin", "sint", "st", "dokter", "dr", "professor",
                "prof", "generaal", "kapitein", "admiraal", "pastoor", "kardinaal", "graaf", "gravin",
                "jonkheer", "hertog", "hertogin", "pater", "president", "minister", "wethouder", "van",
                "noorder", "zuider", "ooster", "wester", "achter", "voor", "binnen", "buiten"}
_PREFIX_STOP = {"de", "het", "een", "op", "in", "aan", "bij", "naar", "via", "vanaf", "adres", "woont",
                "wonen", "en", "of", "ook", "nu", "nog", "sinds", "tot", "tegenover", "naast", "hoek",
                "richting", "straat", "huisnummer", "nummer", "nr", "pc", "postcode", "te", "uit", "door"}
_PARTICLES = {"de", "van", "der", "den", "'t", "ter", "ten", "het", "la", "le"}

_CANDIDATE = re.compile(
    r"(?<![\w'’\-.])(?P<street>[^\W\d_](?:[^\W\d_]|['’\-.](?=[^\W\d_]))*)"
    r"\s+(?:(?:nr|no|nummer|huisnummer)\.?\s*)?(?P<num>[0-9]{1,5})"
    r"(?P<add>\s?-\s?(?:[0-9]{1,4}|I{1,3}V?|IV|[A-Za-z]{1,2}|hs|bis)(?![\w])"
    r"|\s?(?:bis|hs|huis|bg|boven|beneden|zw|rd)(?![\w])"
    r"|[A-Za-z]{1,2}(?![\w])"
    r"|[ ](?:[A-Z]|I{1,3}|IV)(?![\w]))?"
    r"(?![\w]|[,.][0-9]|:[0-9])"
)
_NOT_HOUSE = re.compile(
    r"\s*(?:jaar|jr|uur|u\b|km|kilometer|m\b|meter|%|procent|euro|eur|keer|x\b|minuten|min\b|personen|mensen|"
    r"kinderen|jongeren|leerlingen|deelnemers|dagen|weken|maanden|fte|volgers|plekken)",
    re.I,
)
_WORD_BEFORE = re.compile(r"(?<![\w'’\-.])([^\W\d_](?:[^\W\d_]|['’\-.](?=[^\W\d_]))*|'t)\s$")


def _is_street(word: str, common: frozenset[str], places: frozenset[str]) -> bool:
    low = fold(word)
    if low in _STANDALONE:
        return word[0].isupper()
    if low in places:
        return False
    for suf in _SAFE_SUFFIXES:
        if low.endswith(suf) and len(low) > len(suf) + 1:
            return word[0].isupper() or low not in common
    for suf in _MEDIUM_SUFFIXES:
        if low.endswith(suf) and len(low) > len(suf) + 1:
            return word[0].isupper() or low not in common
    for suf in _OTHER_SUFFIXES:
        if low.endswith(suf) and len(low) > len(suf) + 1:
            return word[0].isupper() and low not in common
    return False


def _extend_prefix(text: str, start: int) -> int:
    """Take in capitalised words before the street name: Bisschop Bekkersweg, Johan de Wittlaan."""
    taken = 0
    pending = start
    cur = start
    while taken < 4:
        m = _WORD_BEFORE.search(text, max(0, cur - 40), cur)
        if not m:
            break
        word = m.group(1)
        low = fold(word)
        if low in _PARTICLES and not word[0].isupper():
            cur = m.start()
            taken += 1
            continue
        if not word[0].isupper() or (low in _PREFIX_STOP and low not in _PREFIX_KEEP):
            break
        cur = m.start()
        pending = cur
        taken += 1
    return pending


def find_addresses(text: str) -> list[Span]:
    lex = lexicon()
    out: list[Span] = []
    for m in _CANDIDATE.finditer(text):
        street = m.group("street")
        if not _is_street(street, lex.common, lex.places):
            continue
        if _NOT_HOUSE.match(text, m.end()):
            continue
        end = m.end()
        start = _extend_prefix(text, m.start("street"))
        out.append((start, end, "ADDRESS"))
    return out
