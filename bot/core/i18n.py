"""Bot texts in Dutch (default) and English. Translate first, then format (as Red does).

`t(key, lang, **params)` returns the text for `lang` ("nl" or "en"), falling back to Dutch.
Errors carry a key and parameters; `error_text` renders them for a member.
"""

from __future__ import annotations

from .errors import LabbotError

MESSAGES: dict[str, dict[str, str]] = {
    # ask path
    "ask.answer_intro": {"nl": "Dit vond ik in de kennisbank:", "en": "This is what I found in the knowledge base:"},
    "ask.source": {"nl": "Bron: {entry_id}", "en": "Source: {entry_id}"},
    "ask.also": {"nl": "Zie ook", "en": "See also"},
    "ask.matched_on": {"nl": "Gevonden op: {terms}", "en": "Matched on: {terms}"},
    "ask.no_answer": {
        "nl": "Hier heb ik nog geen goed antwoord op. Ik zet je vraag (#{question_id}) op de agenda van "
              "het volgende living lab, zodat professionals uit het netwerk er samen naar kijken.",
        "en": "I don't have a good answer to this yet. I have put your question (#{question_id}) on the "
              "agenda of the next living lab, so that professionals in the network can look at it together.",
    },
    "ask.closest": {"nl": "Wat er het dichtst bij komt", "en": "The closest I have"},
    "ask.feedback_prompt": {"nl": "Was dit nuttig?", "en": "Was this useful?"},
    "feedback.helpful": {"nl": "Nuttig", "en": "Useful"},
    "feedback.unhelpful": {"nl": "Niet nuttig", "en": "Not useful"},
    "feedback.thanks": {"nl": "Dank je, je feedback is opgeslagen.", "en": "Thank you, your feedback is saved."},
    "feedback.changed": {"nl": "Je feedback is bijgewerkt.", "en": "Your feedback has been updated."},
    # knowledge
    "kb.search_none": {"nl": "Niets gevonden voor “{query}”.", "en": "Nothing found for “{query}”."},
    "kb.search_header": {"nl": "Kennisbank, gezocht op “{query}”:", "en": "Knowledge base, searched for “{query}”:"},
    "kb.review_by": {"nl": "Herzien vóór {date}", "en": "Review by {date}"},
    # errors
    "error.generic": {"nl": "Er ging iets mis. Probeer het later nog eens.",
                      "en": "Something went wrong. Please try again later."},
    "error.invalid": {"nl": "Dat kan ik niet verwerken.", "en": "I can't process that."},
    "error.not_found": {"nl": "Niet gevonden.", "en": "Not found."},
    "error.entry_not_found": {"nl": "Er is geen kennisitem met id “{entry_id}”. Zoek met /kennis zoek.",
                              "en": "There is no knowledge entry with id “{entry_id}”. Search with /knowledge search."},
    "error.question_not_found": {"nl": "Vraag #{question_id} bestaat niet (meer).",
                                 "en": "Question #{question_id} does not exist (any more)."},
    "error.not_allowed": {"nl": "Dit mag alleen iemand met de rol {needed}.",
                          "en": "Only someone with the role {needed} may do this."},
    "error.check_failed": {"nl": "Dit commando mag jij hier niet gebruiken.",
                           "en": "You may not use this command here."},
    "error.rate_limited": {"nl": "Even rustig aan: probeer het over {seconds} seconden opnieuw.",
                           "en": "Slow down a little: try again in {seconds} seconds."},
    "error.conflict": {"nl": "Dit is intussen door iemand anders veranderd. Bekijk het opnieuw.",
                       "en": "Someone else changed this in the meantime. Please look again."},
    "error.storage": {"nl": "De opslag is even niet beschikbaar; er is niets opgeslagen. Probeer het zo opnieuw.",
                      "en": "Storage is unavailable for a moment; nothing was saved. Please try again shortly."},
    "error.storage_open": {"nl": "De database {path} kan niet worden geopend: {reason}.",
                           "en": "The database {path} cannot be opened: {reason}."},
    "error.question_empty": {"nl": "Je vraag is leeg. Typ je vraag achter /vraag.",
                             "en": "Your question is empty. Type your question after /ask."},
    "error.question_no_words": {"nl": "Ik zie geen woorden in je vraag. Kun je hem in een zin stellen?",
                                "en": "I see no words in your question. Could you put it in a sentence?"},
    "error.question_too_long": {
        "nl": "Je vraag is {length} tekens; het maximum is {limit}. Kort hem in tot de kern; een lang "
              "dilemma kun je inbrengen voor het living lab.",
        "en": "Your question is {length} characters; the maximum is {limit}. Shorten it to the core; a long "
              "dilemma can be brought to the living lab.",
    },
    "error.query_empty": {"nl": "Geef een zoekterm op.", "en": "Please give a search term."},
}

ROLE_NAMES = {
    "nl": {1: "lid", 2: "partner", 3: "moderator", 4: "beheerder"},
    "en": {1: "member", 2: "partner", 3: "moderator", 4: "admin"},
}


def lang_of(locale: str | None) -> str:
    return "en" if (locale or "").lower().startswith("en") else "nl"


def t(key: str, lang: str = "nl", **params: object) -> str:
    texts = MESSAGES.get(key)
    if texts is None:
        raise KeyError(f"no bot text for key {key!r}")
    template = texts.get(lang) or texts["nl"]
    return template.format(**params) if params else template


def error_text(err: LabbotError, lang: str = "nl") -> str:
    params = dict(err.params)
    if "needed" in params and isinstance(params["needed"], int):
        params["needed"] = ROLE_NAMES[lang_of(lang)][params["needed"]]
    try:
        return t(err.key, lang, **params)
    except (KeyError, IndexError):
        return t(type(err).key, lang)
