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
    "ask.from_lab": {"nl": "Besproken in het living lab van {date}.", "en": "Discussed in the living lab of {date}."},
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
    # privacy guard
    "privacy.found": {
        "nl": "Je tekst bevat mogelijk persoonsgegevens. Ik heb nog niets opgeslagen.\n{findings}\n\n"
              "Wat wil je doen? **Anoniem maken** vervangt ze door labels zoals [NAAM]; **Bewerken** laat je de "
              "tekst zelf aanpassen; **Annuleren** gooit alles weg.",
        "en": "Your text may contain personal data. I have not saved anything yet.\n{findings}\n\n"
              "What would you like to do? **Anonymise** replaces it with labels such as [NAAM]; **Edit** lets you "
              "change the text yourself; **Cancel** discards everything.",
    },
    "privacy.anonymise": {"nl": "Anoniem maken", "en": "Anonymise"},
    "privacy.edit": {"nl": "Bewerken", "en": "Edit"},
    "privacy.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "privacy.cancelled": {"nl": "Geannuleerd: er is niets opgeslagen.", "en": "Cancelled: nothing was saved."},
    "privacy.expired": {
        "nl": "Deze keuze is verlopen (na een kwartier of een herstart). Er is niets opgeslagen; stuur je tekst opnieuw.",
        "en": "This choice has expired (after 15 minutes or a restart). Nothing was saved; please send your text again.",
    },
    "privacy.bad_choice": {"nl": "Kies anoniem maken, bewerken of annuleren.",
                           "en": "Choose anonymise, edit or cancel."},
    "privacy.edit_title": {"nl": "Bewerk je tekst", "en": "Edit your text"},
    "privacy.edit_label": {"nl": "Tekst zonder persoonsgegevens", "en": "Text without personal data"},
    "privacy.console_choice": {"nl": "Typ: anoniem, bewerk of annuleer.", "en": "Type: anonymise, edit or cancel."},
    "privacy.console_edit": {"nl": "Typ je nieuwe tekst op de volgende regel. Je tekst was:\n{text}",
                             "en": "Type your new text on the next line. Your text was:\n{text}"},
    "pii.PERSON": {"nl": "naam", "en": "name"},
    "pii.BSN": {"nl": "BSN", "en": "citizen service number (BSN)"},
    "pii.PHONE": {"nl": "telefoonnummer", "en": "phone number"},
    "pii.EMAIL": {"nl": "e-mailadres", "en": "email address"},
    "pii.IBAN": {"nl": "rekeningnummer (IBAN)", "en": "bank account (IBAN)"},
    "pii.ADDRESS": {"nl": "adres", "en": "address"},
    "pii.POSTCODE": {"nl": "postcode", "en": "postcode"},
    "pii.PLATE": {"nl": "kenteken", "en": "licence plate"},
    "pii.BIRTHDATE": {"nl": "geboortedatum", "en": "date of birth"},
    "pii.HANDLE": {"nl": "account op sociale media", "en": "social media handle"},
    # the member's rights
    "rights.export": {"nl": "Hier is alles wat Labbot over jou bewaart, ook wat je anoniem hebt ingebracht.",
                      "en": "Here is everything Labbot keeps about you, including what you handed in anonymously."},
    "rights.confirm": {
        "nl": "Weet je het zeker? Labbot wist dan je vragen, inbreng, stemmen en feedback, ook wat je anoniem "
              "inbracht. Gepubliceerde, al geanonimiseerde lessen blijven staan. Dit kan niet ongedaan worden.",
        "en": "Are you sure? Labbot will then erase your questions, contributions, votes and feedback, including "
              "what you handed in anonymously. Published lessons, already anonymised, stay. This cannot be undone.",
    },
    "rights.confirm_button": {"nl": "Ja, wis mijn gegevens", "en": "Yes, erase my data"},
    "rights.forgotten": {"nl": "Gedaan. Gewist: {summary}.", "en": "Done. Erased: {summary}."},
    "rights.nothing": {"nl": "er was niets van jou opgeslagen", "en": "nothing of yours was stored"},
    "audit.empty": {"nl": "Het auditlog is leeg.", "en": "The audit log is empty."},
    "form.expired": {
        "nl": "Dit formulier is verlopen (Labbot is intussen opnieuw gestart). Er is niets opgeslagen: open het "
              "opnieuw met hetzelfde commando. Tip: kopieer lange tekst voor je verstuurt.",
        "en": "This form has expired (Labbot restarted in the meantime). Nothing was saved: open it again with "
              "the same command. Tip: copy long text before you submit.",
    },
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
    "error.outside_network": {
        "nl": "Labbot werkt alleen in de Discord-server van het CTER-netwerk. Hier wordt niets verwerkt of opgeslagen.",
        "en": "Labbot only works in the CTER network's Discord server. Nothing is processed or stored here.",
    },
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
    "console.number": {"nl": "Verwacht een nummer, kreeg “{value}”.", "en": "Expected a number, got “{value}”."},
    "console.fields": {"nl": "Geef minstens {needed} velden, gescheiden door |. Typ 'help'.",
                       "en": "Give at least {needed} fields separated by |. Type 'help'."},
    "digest.bad_week": {"nl": "“{value}” is geen week; gebruik JJJJ-Www, bijvoorbeeld 2026-W49.",
                        "en": "“{value}” is not a week; use YYYY-Www, for example 2026-W49."},
    "error.query_empty": {"nl": "Geef een zoekterm op.", "en": "Please give a search term."},
}

ROLE_NAMES = {
    "nl": {1: "lid", 2: "partner", 3: "moderator", 4: "beheerder"},
    "en": {1: "member", 2: "partner", 3: "moderator", 4: "admin"},
}


def register(messages: dict[str, dict[str, str]]) -> None:
    """Capabilities keep their texts beside their service and register them here at import."""
    clash = set(messages) & set(MESSAGES)
    if clash:
        raise KeyError(f"bot text keys registered twice: {sorted(clash)}")
    for key, texts in messages.items():
        if "nl" not in texts:
            raise KeyError(f"bot text {key!r} has no Dutch text")
    MESSAGES.update(messages)


def lang_of(locale: str | None) -> str:
    return "en" if (locale or "").lower().startswith("en") else "nl"


def t(key: str, lang: str = "nl", **params: object) -> str:
    texts = MESSAGES.get(key)
    if texts is None:
        raise KeyError(f"no bot text for key {key!r}")
    template = texts.get(lang) or texts["nl"]
    return template.format(**params) if params else template


def findings_text(findings: list[tuple[str, str]], lang: str = "nl") -> str:
    """Masked findings as a bullet list: `- naam: J*** d* V****`."""
    return "\n".join(f"- {t('pii.' + kind, lang)}: `{masked}`" for kind, masked in findings)


def error_text(err: LabbotError, lang: str = "nl") -> str:
    params = dict(err.params)
    findings = getattr(err, "findings", None)
    if findings is not None:
        params["findings"] = findings_text(findings, lang)
    if "needed" in params and isinstance(params["needed"], int):
        params["needed"] = ROLE_NAMES[lang_of(lang)][params["needed"]]
    try:
        return t(err.key, lang, **params)
    except (KeyError, IndexError):
        return t(type(err).key, lang)
