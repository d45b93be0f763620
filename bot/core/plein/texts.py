"""Bot texts of the informatieplein (Dutch, with English), registered with `bot.core.i18n` at import.

Kept beside the service (`plein.py` imports this module) rather than inside it, so that both modules
stay readable. Keys are prefixed `plein.`.
"""

from __future__ import annotations

from bot.core.i18n import MESSAGES, register

PLEIN_MESSAGES: dict[str, dict[str, str]] = {
    # bad input
    "plein.municipality_missing": {"nl": "Kies een gemeente uit de lijst.", "en": "Choose a municipality from the list."},
    "plein.unknown_municipality": {
        "nl": "“{name}” is geen gemeente in onze regio. Bedoel je: {suggestions}?",
        "en": "“{name}” is not a municipality in our region. Did you mean: {suggestions}?"},
    "plein.unknown_municipality_none": {
        "nl": "“{name}” is geen gemeente in de regio {region}. Kies een gemeente uit de lijst: begin te typen "
              "voor suggesties.",
        "en": "“{name}” is not a municipality in the region {region}. Choose one from the list: start typing "
              "for suggestions."},
    "plein.theme_missing": {"nl": "Kies een thema uit de lijst.", "en": "Choose a theme from the list."},
    "plein.unknown_theme": {
        "nl": "“{name}” is geen thema van het informatieplein. Kies bijvoorbeeld: {suggestions}.",
        "en": "“{name}” is not an informatieplein theme. Choose for example: {suggestions}."},
    "plein.seen_empty": {"nl": "Beschrijf wat je ziet: dat veld is nu leeg.",
                         "en": "Describe what you see: that field is empty."},
    "plein.seen_no_words": {"nl": "Ik zie geen woorden in je beschrijving. Kun je het in een paar zinnen zeggen?",
                            "en": "I see no words in your description. Could you put it in a few sentences?"},
    "plein.seen_too_long": {"nl": "Je beschrijving is {length} tekens; het maximum is {limit}. Kort hem in tot de kern.",
                            "en": "Your description is {length} characters; the maximum is {limit}. Keep it to the core."},
    "plein.helps_too_long": {"nl": "‘Wat helpt’ is {length} tekens; het maximum is {limit}.",
                             "en": "‘What helps’ is {length} characters; the maximum is {limit}."},
    "plein.bad_direction": {"nl": "Kies een richting: stijgend, gelijk of dalend.",
                            "en": "Choose a direction: rising, steady or falling."},
    "plein.bad_sensitivity": {"nl": "Kies wie dit mag zien: het netwerk of alleen de moderatoren.",
                              "en": "Choose who may see this: the network or moderators only."},
    "plein.bad_since": {"nl": "“{text}” begrijp ik niet als datum. Schrijf bijvoorbeeld 2026-03 of maart 2026.",
                        "en": "I can't read “{text}” as a date. Write for example 2026-03 or March 2026."},
    "plein.since_future": {"nl": "“Sinds” ligt in de toekomst ({text}). Wanneer begon het?",
                           "en": "“Since” is in the future ({text}). When did it start?"},
    "plein.bad_period": {
        "nl": "Periode “{text}” begrijp ik niet. Gebruik bijvoorbeeld 30d, 6m, 1j, alles of een datum (2026-01-01).",
        "en": "I can't read the period “{text}”. Use for example 30d, 6m, 1y, all or a date (2026-01-01)."},
    "plein.bad_range": {"nl": "Het begin van de periode ({since}) ligt na het einde ({until}).",
                        "en": "The start of the period ({since}) is after its end ({until})."},
    "plein.trend_not_found": {"nl": "Trend #{trend_id} bestaat niet (meer).",
                              "en": "Trend #{trend_id} does not exist (any more)."},
    "plein.trend_withdrawn": {"nl": "Trend #{trend_id} is ingetrokken en telt niet meer mee.",
                              "en": "Trend #{trend_id} has been withdrawn and no longer counts."},
    "plein.trend_merged": {"nl": "Trend #{trend_id} is samengevoegd met #{into}; kijk daar.",
                           "en": "Trend #{trend_id} was merged into #{into}; look there."},
    "plein.not_yours": {"nl": "Je kunt alleen je eigen trends bijwerken of intrekken.",
                        "en": "You can only update or withdraw your own trends."},
    "plein.merge_self": {"nl": "Een trend kan niet met zichzelf worden samengevoegd.",
                         "en": "A trend cannot be merged into itself."},
    "plein.session_not_found": {"nl": "Informatieplein-sessie #{session_id} bestaat niet.",
                                "en": "Informatieplein session #{session_id} does not exist."},
    "plein.perspective_empty": {"nl": "Het handelingsperspectief is leeg.", "en": "The action perspective is empty."},
    "plein.perspective_too_long": {"nl": "Het handelingsperspectief is {length} tekens; het maximum is {limit}.",
                                   "en": "The action perspective is {length} characters; the maximum is {limit}."},
    "plein.perspective_not_found": {"nl": "Handelingsperspectief #{perspective_id} bestaat niet.",
                                    "en": "Action perspective #{perspective_id} does not exist."},
    "plein.no_perspectives": {
        "nl": "Er zijn geen handelingsperspectieven voor sessie #{session_id}. Voeg ze eerst toe.",
        "en": "There are no action perspectives for session #{session_id}. Add them first."},
    "plein.already_published": {"nl": "De handelingsperspectieven van sessie #{session_id} zijn al gepubliceerd.",
                                "en": "The action perspectives of session #{session_id} have already been published."},
    "plein.drafts_dir": {"nl": "De map voor concepten ({path}) kan niet worden aangemaakt.",
                         "en": "The drafts folder ({path}) cannot be created."},
    # confirmations
    "plein.shared": {"nl": "Dank je! Trend #{trend_id} ({theme}, {municipality}) is gedeeld met {audience}.{anon}",
                     "en": "Thank you! Trend #{trend_id} ({theme}, {municipality}) is shared with {audience}.{anon}"},
    "plein.updated": {"nl": "Trend #{trend_id} is bijgewerkt.", "en": "Trend #{trend_id} has been updated."},
    "plein.withdrawn": {"nl": "Trend #{trend_id} is ingetrokken; hij telt niet meer mee in overzichten.",
                        "en": "Trend #{trend_id} has been withdrawn; it no longer counts in overviews."},
    "plein.merged": {"nl": "Trend #{trend_id} is samengevoegd met #{into}.",
                     "en": "Trend #{trend_id} has been merged into #{into}."},
    "plein.perspective_added": {"nl": "Handelingsperspectief #{perspective_id} is toegevoegd (concept).",
                                "en": "Action perspective #{perspective_id} has been added (draft)."},
    "plein.audience.network": {"nl": "het netwerk", "en": "the network"},
    "plein.audience.moderators": {"nl": "alleen de moderatoren", "en": "moderators only"},
    "plein.anon_note": {"nl": " Andere leden zien niet dat hij van jou komt.",
                        "en": " Other members don't see that it came from you."},
    "plein.direction.rising": {"nl": "stijgend", "en": "rising"},
    "plein.direction.steady": {"nl": "gelijk", "en": "steady"},
    "plein.direction.falling": {"nl": "dalend", "en": "falling"},
    "plein.since": {"nl": "sinds {since}", "en": "since {since}"},
    "plein.moderators_only": {"nl": "alleen moderatoren", "en": "moderators only"},
    "plein.anonymous": {"nl": "anoniem", "en": "anonymous"},
    "plein.reports": {"nl": "{count} meldingen", "en": "{count} reports"},
    # overview
    "plein.overview_title": {"nl": "Informatieplein: overzicht {period}", "en": "Informatieplein: overview {period}"},
    "plein.period_all": {"nl": "(alles)", "en": "(everything)"},
    "plein.period_range": {"nl": "{since} t/m {until}", "en": "{since} to {until}"},
    "plein.filters": {"nl": "Filters: {filters}", "en": "Filters: {filters}"},
    "plein.overview_empty": {"nl": "Geen trends gevonden voor deze filters.", "en": "No trends found for these filters."},
    "plein.count_line": {"nl": "Trends: {total}, uit {municipalities} gemeenten.",
                         "en": "Trends: {total}, from {municipalities} municipalities."},
    "plein.by_theme": {"nl": "Per thema", "en": "By theme"},
    "plein.by_region": {"nl": "Per zorg- en veiligheidshuis", "en": "By care and safety house"},
    "plein.rising": {"nl": "Stijgende thema's", "en": "Rising themes"},
    "plein.rising_line": {"nl": "{theme}: {rising} van de {total} signalen stijgend",
                          "en": "{theme}: {rising} of {total} signals rising"},
    "plein.rising_none": {"nl": "Geen thema's met vooral stijgende signalen.", "en": "No themes with mostly rising signals."},
    "plein.newest": {"nl": "Nieuwste signalen", "en": "Newest signals"},
    "plein.helps": {"nl": "Wat helpt volgens partners", "en": "What helps, according to partners"},
    "plein.perspectives": {"nl": "Handelingsperspectieven", "en": "Action perspectives"},
    "plein.mine_title": {"nl": "Jouw trends", "en": "Your trends"},
    "plein.mine_empty": {"nl": "Je hebt nog geen trends gedeeld. Deel er een met /plein deel.",
                         "en": "You have not shared any trends yet. Share one with /plein share."},
    "plein.status.active": {"nl": "actief", "en": "active"},
    "plein.status.withdrawn": {"nl": "ingetrokken", "en": "withdrawn"},
    "plein.status.merged": {"nl": "samengevoegd", "en": "merged"},
    # the regional picture
    "plein.picture_title": {"nl": "Regionaal beeld informatieplein, {since} t/m {until}",
                            "en": "Regional picture of the informatieplein, {since} to {until}"},
    "plein.picture_intro": {
        "nl": "Trends: {total} ({reports} meldingen), uit {municipalities} van de {all_municipalities} gemeenten "
              "en {houses} van de {all_houses} zorg- en veiligheidshuizen.",
        "en": "Trends: {total} ({reports} reports), from {municipalities} of the {all_municipalities} "
              "municipalities and {houses} of the {all_houses} care and safety houses."},
    "plein.picture_empty": {
        "nl": "In deze periode zijn geen trends gedeeld, dus er is nog geen regionaal beeld. Vraag partners hun "
              "signalen te delen met /plein deel.",
        "en": "No trends were shared in this period, so there is no regional picture yet. Ask partners to share "
              "their signals with /plein share."},
    "plein.picture_moderators": {"nl": "Let op: dit beeld bevat ook trends die alleen voor moderatoren zijn.",
                                 "en": "Note: this picture includes trends for moderators only."},
    "plein.per_theme": {"nl": "Per thema en regio", "en": "By theme and region"},
    "plein.theme_head": {"nl": "{theme} ({count}: {directions})", "en": "{theme} ({count}: {directions})"},
    "plein.changes": {"nl": "Wat veranderde (vergeleken met {since} t/m {until})",
                      "en": "What changed (compared with {since} to {until})"},
    "plein.change_new": {"nl": "{theme}: nieuw ({count})", "en": "{theme}: new ({count})"},
    "plein.change_more": {"nl": "{theme}: meer ({before} → {count})", "en": "{theme}: more ({before} → {count})"},
    "plein.change_less": {"nl": "{theme}: minder ({before} → {count})", "en": "{theme}: fewer ({before} → {count})"},
    "plein.change_gone": {"nl": "{theme}: geen signalen meer (was {before})", "en": "{theme}: no signals any more (was {before})"},
    "plein.no_changes": {"nl": "Geen verschil in aantallen met de vorige periode.",
                         "en": "No difference in numbers with the previous period."},
    "plein.chart_title": {"nl": "Trends per thema per zorg- en veiligheidshuis", "en": "Trends by theme per care and safety house"},
    "plein.chart_ylabel": {"nl": "aantal trends", "en": "number of trends"},
    "plein.chart_empty": {"nl": "geen trends", "en": "no trends"},
    "plein.publish_title": {"nl": "Handelingsperspectieven van het informatieplein ({date})",
                            "en": "Action perspectives from the informatieplein ({date})"},
    "plein.general": {"nl": "Algemeen", "en": "General"},
    "plein.draft_title": {"nl": "Handelingsperspectief {theme} (informatieplein {date})",
                          "en": "Action perspective {theme} (informatieplein {date})"},
    # Discord forms
    "plein.modal_title": {"nl": "Trend delen: {municipality}", "en": "Share a trend: {municipality}"},
    "plein.update_title": {"nl": "Trend #{trend_id} bijwerken", "en": "Update trend #{trend_id}"},
    "plein.field_seen": {"nl": "Wat zie je?", "en": "What do you see?"},
    "plein.field_seen_hint": {"nl": "De ontwikkeling, zonder namen of andere persoonsgegevens",
                              "en": "The development, without names or other personal data"},
    "plein.field_since": {"nl": "Sinds wanneer?", "en": "Since when?"},
    "plein.field_since_hint": {"nl": "bijv. 2026-03 of maart 2026", "en": "e.g. 2026-03 or March 2026"},
    "plein.field_helps": {"nl": "Wat helpt? (optioneel)", "en": "What helps? (optional)"},
    "plein.field_helps_hint": {"nl": "Aanpakken die werken: een handelingsperspectief voor anderen",
                               "en": "Approaches that work: an action perspective for others"},
}

if not set(PLEIN_MESSAGES) <= set(MESSAGES):  # importing twice (reload in tests) must not clash
    register({k: v for k, v in PLEIN_MESSAGES.items() if k not in MESSAGES})
