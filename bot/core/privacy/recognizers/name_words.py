"""Word sets and context patterns used by the name recogniser (names.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.privacy.lexicon import fold

PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "el", "al", "ben", "bin", "ibn", "abu",
             "bou", "ait", "da", "di", "du", "dos", "das", "do", "le", "la", "von", "zu", "mac", "della",
             "del", "los", "lo", "op", "in", "vd", "v/d"}
# particles that may stand in front of a surname with a capital in mid-sentence (Van der Berg)
CAP_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "el", "al", "ben", "ait", "abu", "von", "da", "dos"}
HONORIFICS = {"meneer", "mevrouw", "mevr", "mw", "mvr", "mevrouwtje", "dhr", "hr", "heer", "mr", "mrs", "ms",
              "miss", "fam", "familie", "juf", "juffrouw", "meester", "dokter", "dr", "drs", "ir", "ing", "prof",
              "tnv", "t.n.v", "ontvanger", "rekeninghouder", "genaamd", "heet", "heten", "alias", "bijnaam",
              "naam", "namen", "roepnaam", "achternaam", "voornaam", "sheikh", "sjeik", "ustadh", "hoca", "hodja",
              "abi", "abla", "amca", "teyze", "oom", "tante", "oma", "opa"}
KIN = {"moeder", "vader", "zoon", "dochter", "broer", "broertje", "zus", "zusje", "zuster", "neef", "nicht",
       "neefje", "nichtje", "stiefvader", "stiefmoeder", "stiefzoon", "stiefdochter", "stiefbroer", "stiefzus",
       "halfbroer", "halfzus", "schoonvader", "schoonmoeder", "schoonzus", "zwager", "grootvader",
       "grootmoeder", "kleinzoon", "kleindochter", "echtgenoot", "echtgenote", "man", "vrouw", "partner",
       "vriend", "vriendin", "vriendje", "vriendinnetje", "ex", "verloofde", "jongen", "meisje", "jongere",
       "jongeman", "leerling", "leerlinge", "cliënt", "client", "cliënte", "deelnemer", "deelneemster",
       "pupil", "mentor", "mentee", "docent", "docente", "leraar", "lerares", "collega", "buurman",
       "buurvrouw", "buurjongen", "buurmeisje", "voogd", "gezinsvoogd", "contactpersoon", "ouder", "kind",
       "baby", "tiener", "puber", "student", "studente", "scholier", "verdachte", "dader", "slachtoffer",
       "getuige", "melder", "betrokkene", "persoon", "imam", "afzender", "mama", "papa", "mams", "paps",
       "stiefpa", "stiefma", "jochie", "knul", "dame", "meid", "gast", "mevrouwtje"}
# forms of address and titles: after one of these a capitalised word is a surname even when it is
# also a word or a name in the surname list (juffrouw Bos, meneer Groen, dr. Visser)
ADDRESS_FORMS = {"meneer", "mevrouw", "mevr", "mw", "mvr", "dhr", "hr", "heer", "juf", "juffrouw", "meester",
                 "dokter", "dr", "drs", "mr", "ir", "ing", "prof", "professor", "ds", "dominee", "pastoor",
                 "pastor", "pater", "kapelaan", "predikant", "rabbijn", "imam", "zuster", "broeder", "fam",
                 "familie", "mevrouwtje", "mrs", "ms", "miss", "sheikh", "sjeik", "hoca", "hodja", "ustadh"}
# roles and professions named before a surname in case talk (wijkagent Mulder, mentor Postma)
ROLES = {"wijkagent", "agent", "agente", "hoofdagent", "brigadier", "inspecteur", "rechercheur", "officier",
         "rechter", "advocaat", "advocate", "notaris", "huisarts", "arts", "jeugdarts", "psychiater",
         "psycholoog", "orthopedagoog", "gedragswetenschapper", "verpleegkundige", "wijkverpleegkundige",
         "jeugdverpleegkundige", "verpleger", "verpleegster", "jongerenwerker", "jeugdwerker", "straatcoach",
         "wijkcoach", "coach", "gezinscoach", "hulpverlener", "begeleider", "begeleidster", "casusregisseur",
         "regisseur", "consulent", "jeugdconsulent", "klantmanager", "leerplichtambtenaar",
         "reclasseringswerker", "reclasseringsmedewerker", "wijkwerker", "buurtwerker", "schoolmaatschappelijk",
         "maatschappelijk", "directeur", "directrice", "schooldirecteur", "rector", "conrector", "teamleider",
         "leidinggevende", "manager", "coördinator", "coordinator", "zorgcoördinator", "decaan",
         "leerkracht", "juffie", "trainer", "trainster", "conciërge", "beveiliger", "boa", "handhaver",
         "voorzitter", "secretaris", "penningmeester", "opbouwwerker", "mediator", "tolk", "vertrouwenspersoon",
         "ambtenaar", "medewerker", "medewerkster", "stagiair", "stagiaire", "vrijwilliger", "vrijwilligster"}
# particle runs that in running text only stand before a surname (van der Linden, in 't Veld, ter Horst)
STRONG_PARTICLE_RUNS = {("van", "der"), ("van", "den"), ("van", "'t"), ("in", "'t"), ("in", "het"),
                        ("op", "'t"), ("op", "den"), ("uit", "den"), ("uit", "de"), ("ter",), ("ten",),
                        ("van", "de"), ("van", "het")}
# of those, the weak ones need a known surname after them (van de Ven, not van de Gemeente)
WEAK_PARTICLE_RUNS = {("van", "de"), ("van", "het"), ("in", "het"), ("uit", "de")}
AFTER_VERB_CUES = {"ondertekend", "gestuurd", "verstuurd", "gemeld", "geschreven", "opgericht", "beheerd"}
DETERMINERS = {"de", "het", "een", "'t", "die", "dat", "deze", "dit", "onze", "ons", "mijn", "jouw", "je",
               "uw", "elk", "elke", "ieder", "iedere", "welke", "geen", "the", "a", "an", "this", "that",
               "veel", "weinig", "meer", "minder", "wat", "zo'n", "zulk", "zulke"}
TITLES_VETO = {"maagd", "apostel", "koning", "koningin", "prins", "prinses", "sint", "st", "heilige", "paus", "profeet", "keizer",
               "keizerin", "hertog", "graaf", "gravin", "tsaar", "sultan", "kalief", "emir", "jonkheer"}
ORG_WORDS = {"ziekenhuis", "college", "school", "lyceum", "gymnasium", "academie", "universiteit",
             "hogeschool", "instituut", "stichting", "fonds", "huis", "museum", "centrum", "kliniek", "prijs",
             "lezing", "methode", "award", "arena", "stadion", "zaal", "kerk", "moskee", "tempel", "hal",
             "theater", "bibliotheek", "campus", "foundation", "institute", "centre", "center", "group",
             "groep", "bv", "b.v", "nv", "vof", "holding", "wet", "regeling", "fabriek", "kazerne", "park",
             "bos", "zorg", "kinderziekenhuis", "mc", "umc", "lezingen", "festival", "route", "brug",
             "tunnel", "polder", "haven", "plein", "straat", "laan", "weg", "markt", "kade", "gracht"}
# endings of streets and institutions; surnames such as Buitendijk or Nieuwenhuis end otherwise
ORG_SUFFIXES = ("straat", "laan", "weg", "plein", "singel", "gracht", "kade", "dreef", "steeg", "plantsoen",
                "school", "college", "ziekenhuis", "stichting", "fonds", "museum", "centrum", "kliniek",
                "kerk", "moskee", "lyceum", "academie", "park", "markt", "prijs", "lezing", "wet", "brug",
                "tunnel", "haven", "stadion", "arena", "zaal", "boulevard", "allee")
ABBREVIATIONS = {"dhr", "mw", "mevr", "geb", "nr", "tnv", "ca", "bijv", "evt", "o.a", "mr", "dr", "drs", "ir",
                 "ing", "prof", "st", "jl", "vs", "resp", "incl", "excl", "tel", "fam", "hr", "mvr", "art"}
FUNCTION_WORDS = set("""
de het een en of maar ik jij je u hij zij ze wij we jullie hun hen mijn zijn haar ons onze deze die dit dat
wat wie waar wanneer hoe waarom als dan toen omdat want dus ook nog al wel niet geen is was heeft had wordt
werd kan kon zal zou moet mag wil bij in op aan van voor met naar uit over door tot om te er hier daar nu zo
heel erg veel meer even graag weer zelf alleen samen thuis vandaag morgen gisteren
""".split())
_KIN_ALT = "|".join(sorted((KIN | {"ouders", "kinderen", "broers", "zussen", "vrienden", "familie"})
                           - {"man", "vrouw", "persoon", "kind", "gast"}, key=len, reverse=True))
# letters that no Dutch word has: a word with them is a name even when its folded form is a word (Ömer)
FOREIGN_LETTERS = frozenset("ıışğłżźśćńąęőűřčšžđöüçãõñåøæ")
# a capitalised unknown word is taken for a name when the words around it speak of a person
_PERSON_AFTER = re.compile(
    r"(?:\s(?:en (?:haar|zijn|hun) (?:" + _KIN_ALT + r")\b"
    r"|\(\s?(?:" + _KIN_ALT + r")\b"
    r"|\((?:[0-9]{1,2}|[0-9]{1,2} jaar)\)"
    r"|(?:belde|appte|mailde|zegt|zei|vertelt|vertelde|vroeg|vraagt|woont|woonde|huilde|dreigde|dreigt"
    r"|bellen|mailen|appen|spreken|helpen|bereiken|ondersteunen|begeleiden|aanspreken|uitnodigen"
    r"|is [0-9]{1,2}\b|heeft (?:gebeld|gezegd|verteld|gemaild|geappt))\b)"
    r"|,? [0-9]{1,2} jaar\b"
    r"|,? (?:geboren|geb\.|geb\b|bsn|BSN|tel\b|telefoon|mobiel|e-?mail)"
    r"|,? ?\(?\x00)"
)
_PRONOUN_AFTER = re.compile(r",? (?:ze|hij) ")
_STRONG_AFTER = re.compile(r",? (?:geboren|geb\.|geb\b|bsn|BSN)")
_PERSON_BEFORE = {"met", "namens", "volgens", "bel", "belde", "sprak", "spreek", "gesproken", "app", "mail",
                  "ken", "kent", "kende", "zag", "help", "hielp", "vraag", "vroeg", "tegen", "aan", "voor", "om",
                  "over"}
_SPECIAL_LETTERS = set("ıışğłżźśćńąęőűřčšžđ")
_QUOTES = "\"'“”‘’«»"


_TOKEN = re.compile(r"['’]t(?![^\W\d_])|[^\W\d_]+(?:['’\-][^\W\d_]+)*")

@dataclass(slots=True)
class Tok:
    start: int
    end: int
    raw: str
    low: str
    cap: bool
    allcaps: bool
    foreign: bool


def tokens(text: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        first = raw[0] if raw[0] not in "'’" else "t"
        out.append(Tok(m.start(), m.end(), raw, fold(raw), first.isupper(),
                       len(raw) > 1 and raw.isupper(), not FOREIGN_LETTERS.isdisjoint(raw.lower())))
    return out
