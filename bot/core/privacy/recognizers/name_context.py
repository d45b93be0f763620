"""Context cues of the name recogniser: the words around a capitalised word that say it is a person
(a person verb after it, a person preposition before it, an affiliation after it), and the shape of
a Dutch surname (Frisian -stra, -sma, -inga; Low Saxon -ink, -kamp; patronymic -sen, -ssen, -zen;
archaic spellings with ae, ck, gh, dt) for words that are in no list."""

from __future__ import annotations

import re

from bot.core.privacy.recognizers.name_words import KIN

_KIN_ALT = "|".join(sorted((KIN | {"ouders", "kinderen", "broers", "zussen", "vrienden", "familie"})
                           - {"man", "vrouw", "persoon", "kind", "gast"}, key=len, reverse=True))
# finite verbs and phrases whose subject is a person in case talk ('X belde', 'X twijfelt nog')
_PERSON_VERBS = (
    r"belde|belt|appte|appt|mailde|mailt|zegt|zei|vertelt|vertelde|vroeg|vraagt|woont|woonde|huilde|huilt"
    r"|dreigde|dreigt|twijfelt|twijfelde|vond|vindt|denkt|dacht|sprak|spreekt|schreef|schrijft|herkent|herkende"
    r"|merkte|merkt|hoorde|zag|weet|wist|schrok|lachte|adviseert|adviseerde|stelt voor|stelde voor"
    r"|gaf aan|geeft aan|liet weten|laat weten|wil graag|is ziek|is met verlof"
    r"|neemt contact|nam contact|zoekt contact|zocht contact|heeft contact|had contact"
    r"|bellen|mailen|appen|spreken|helpen|bereiken|ondersteunen|begeleiden|aanspreken|uitnodigen"
    r"|heeft (?:gebeld|gezegd|verteld|gemaild|geappt|laten weten|aangegeven)"
)
# a capitalised unknown word is taken for a name when the words around it speak of a person
PERSON_AFTER = re.compile(
    r"(?:\s(?:en (?:haar|zijn|hun) (?:" + _KIN_ALT + r")\b"
    r"|\(\s?(?:" + _KIN_ALT + r")\b"
    r"|\((?:[0-9]{1,2}|[0-9]{1,2} jaar)\)"
    r"|en (?:ik|wij|ikzelf)\b"
    r"|(?:" + _PERSON_VERBS + r"|is [0-9]{1,2})\b)"
    r"|,? [0-9]{1,2} jaar\b"
    r"|, die (?:zou|kan|wil|heeft|had|is|was|belt|belde|zegt|zei)\b"
    r"|,? (?:geboren|geb\.|geb\b|bsn|BSN|tel\b|telefoon|mobiel|e-?mail)"
    r"|,? ?\(?\x00)"
)
# any finite verb after a word that is a listed or surname-shaped word opening a sentence: 'Claessen
# heeft ...' (a sentence does not open with an unknown capitalised noun and a verb in case notes)
FINITE_AFTER = re.compile(
    r"\s(?:" + _PERSON_VERBS + r"|is|was|heeft|had|wil|wilde|kan|kon|zal|zou|moet|moest|mag|mocht|gaat|ging"
    r"|komt|kwam|neemt|nam|doet|deed|blijft|bleef|laat|liet|stuurt|stuurde|gaf|geeft|meldt|meldde|wacht"
    r"|wachtte|werkt|werkte|en (?:ik|wij))\b"
    r"|, (?:die|wie)\b"
    # two people as one subject: 'Van Beek en Van Ommen doen samen het huisbezoek'
    r"|\sen (?:(?:[Vv]an|[Dd]e[rn]?|[Tt]e[rn]|'t|[A-Z][^\W\d_]+(?:-[^\W\d_]+)?) ){1,4}"
    r"(?:doen|deden|hebben|hadden|zijn|waren|gaan|gingen|komen|kwamen|willen|wilden|kunnen|konden|zullen"
    r"|zouden|moeten|moesten|mogen|nemen|namen|belden|bellen|zeiden|zeggen|vertelden|spraken|spreken|zagen"
    r"|zien|vinden|vonden|sturen|stuurden|werken|werkten|blijven|bleven|wonen|woonden)\b"
)
# after an affiliation a word is somebody from somewhere: 'Hanssen van de reclassering', 'X namens'
AFFILIATION_AFTER = re.compile(r" (?:van (?:het|de|'t) |namens |uit (?:het|de) (?:team|wijkteam)\b)")
PRONOUN_AFTER = re.compile(r",? (?:ze|hij) ")
STRONG_AFTER = re.compile(r",? (?:geboren|geb\.|geb\b|bsn|BSN)")
PERSON_BEFORE = {"met", "namens", "volgens", "bel", "belde", "sprak", "spreek", "gesproken", "app", "mail",
                 "ken", "kent", "kende", "zag", "help", "hielp", "vraag", "vroeg", "tegen", "aan", "voor", "om",
                 "over"}
# before these a surname-shaped word is a person; after place prepositions it may be a village
PERSON_PREPOSITIONS = {"met", "namens", "volgens", "via", "bij", "door", "aan", "voor", "van", "tegen", "dan",
                       "gebeld", "gesproken", "gemaild", "geappt", "gevraagd", "cc"}
PLACE_PREPOSITIONS = {"in", "naar", "uit", "te", "nabij", "richting", "vanuit", "rond", "rondom", "regio",
                      "gemeente", "provincie", "dorp", "stad", "wijk", "buurt", "omgeving"}

# endings that in Dutch are (nearly) only surnames; 'strong' ones name a person in mid-sentence on
# their own, 'weak' ones (-ers, -mans, -huis: also plurals and institutions) only with a person cue
_STRONG_ENDINGS = ("stra", "sma", "tma", "inga", "enga", "anga", "ink", "inck", "inckx", "ingh", "kamp",
                   "ssen", "sen", "zen", "zoon", "beld", "belt", "brink", "hoff", "aerts", "aert", "ckx",
                   "cq", "gh", "dt")
_WEAK_ENDINGS = ("ers", "mans", "huis", "huys", "huijs", "horst", "hof", "veld", "bergen", "berg", "ma",
                 "ens", "inga", "jes", "kens", "ing")


def surname_shape(low: str) -> int:
    """2 when the folded word ``low`` has the shape of a Dutch surname on its own (Wiersma, Lammerink,
    Claessen, Weegh), 1 when only with a person cue (Brouwers, Koopmans, Nijenhuis), else 0."""
    if len(low) < 4 or not low.isalpha() or low.endswith(("stadt", "burg", "burgh")):
        return 0  # Darmstadt, Edinburgh: towns
    if low.endswith(_STRONG_ENDINGS) or "ae" in low[1:] or ("ck" in low and not low.endswith("ck")):
        return 2
    return 1 if low.endswith(_WEAK_ENDINGS) else 0
