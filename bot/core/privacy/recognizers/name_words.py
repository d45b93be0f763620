"""Word sets used by the name recogniser (names.py) and its token type; context patterns are in
name_context.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.privacy.lexicon import fold

# the words of a Dutch tussenvoegsel (the BRP's table of prefixes: van, de, ter, in 't, op den, uit
# den, aan de ...) and the particles of names from other languages (el, ben, ait, de la, von, d')
PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "el", "al", "ben", "bin", "ibn", "abu",
             "bou", "ait", "da", "di", "du", "dos", "das", "do", "le", "la", "von", "zu", "mac", "della",
             "del", "los", "lo", "op", "in", "aan", "uit", "vd", "v/d"}
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
# the last part of a compound that names a profession (afdelingsarts, casemanager, GZ-psycholoog)
ROLE_HEADS = ("arts", "agent", "manager", "werker", "coach", "consulent", "verpleegkundige", "regisseur",
              "begeleider", "medewerker", "medewerkster", "therapeut", "psycholoog", "psychiater", "ambtenaar",
              "adviseur", "coördinator", "coordinator", "functionaris", "assistent", "specialist", "docent",
              "rechercheur", "officier", "rechter", "verpleger", "verpleegster", "voogd", "deskundige",
              "behandelaar", "hulpverlener", "mentor", "leider", "leidster")
# particle runs that in running text, written in lower case, stand only before a surname: 'ter' and
# 'ten' are no longer prepositions of place (ter Beek is a person, Ter Apel a village), 'den' is an
# old case form that survives in names (op den Kamp, uit den Bogaard)
DEFINITE_RUNS = {("van", "der"), ("van", "den"), ("van", "'t"), ("ter",), ("ten",), ("op", "den"), ("op", "ten"),
                 ("uit", "den"), ("aan", "den"), ("in", "den"), ("van", "ter"), ("de", "la"), ("de", "los"),
                 ("van", "de", "la"), ("von", "der"), ("von", "den"), ("in", "der"), ("aan", "der"),
                 ("op", "der"), ("van", "der", "de")}
# runs that are also a preposition and an article (van de week, op de Dam, in 't Gooi): a surname only
# with a known or surname-shaped word after them, or a person cue around them
WEAK_RUNS = {("van",), ("de",), ("'t",), ("te",), ("van", "de"), ("van", "het"), ("in", "'t"), ("in", "het"),
             ("in", "de"), ("op", "de"), ("op", "het"), ("op", "'t"), ("uit", "de"), ("uit", "het"), ("uit", "'t"),
             ("aan", "de"), ("aan", "het"), ("aan", "'t"), ("el",), ("al",), ("le",), ("la",), ("du",), ("da",),
             ("di",), ("dos",), ("ben",), ("bin",), ("ibn",), ("abu",), ("bou",), ("ait",), ("von",), ("mac",),
             ("del",), ("della",)}
# of those, the runs that are a place in a sentence (in de Bijlmer, op de Veluwe, uit de wijk): at the
# start of a sentence only with a person verb after the name
LOCATIVE_RUNS = {r for r in WEAK_RUNS if r[0] in ("in", "op", "uit", "aan", "te")}
# a preposition right before 'in 't' makes 'in 't' a particle: 'wachten op in 't Zandt'
PREPOSITIONS = {"met", "op", "bij", "aan", "voor", "door", "naar", "van", "volgens", "namens", "over", "tegen",
                "via", "zonder", "dan", "als"}
AFTER_VERB_CUES = {"ondertekend", "gestuurd", "verstuurd", "gemeld", "geschreven", "opgericht", "beheerd"}
DETERMINERS = {"de", "het", "een", "'t", "die", "dat", "deze", "dit", "onze", "ons", "mijn", "jouw", "je",
               "uw", "elk", "elke", "ieder", "iedere", "welke", "geen", "the", "a", "an", "this", "that",
               "veel", "weinig", "meer", "minder", "wat", "zo'n", "zulk", "zulke"}
TITLES_VETO = {"maagd", "apostel", "koning", "koningin", "prins", "prinses", "sint", "st", "heilige", "paus", "profeet", "keizer",
               "keizerin", "hertog", "graaf", "gravin", "tsaar", "sultan", "kalief", "emir", "jonkheer"}
# lower-case nouns after a name that make it a business or an institution ('het Van der Valk hotel')
ORG_NOUNS = {"hotel", "hotels", "motel", "restaurant", "vestiging", "filiaal", "winkel", "winkels", "supermarkt",
             "keten", "concern", "museum", "stichting", "fonds", "ziekenhuis", "kliniek", "instituut", "bv", "nv",
             "b.v", "n.v", "tentoonstelling", "expositie", "collectie", "lezing", "prijs", "methode"}
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
# letters that no Dutch word has: a word with them is a name even when its folded form is a word (Ömer)
FOREIGN_LETTERS = frozenset("ıışğłżźśćńąęőűřčšžđöüçãõñåøæ")
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
