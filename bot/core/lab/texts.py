"""Bot texts of the living lab (Dutch and English): the services' error keys (`lab.*`, `time.*`)
and the texts of the Discord door. Registered with `bot.core.i18n` at import."""

from __future__ import annotations

from bot.core.i18n import MESSAGES, register

_ERRORS: dict[str, dict[str, str]] = {
    # planning
    "lab.end_before_start": {
        "nl": "Het einde ligt vóór of op het begin. Controleer start en einde.",
        "en": "The end is at or before the start. Please check start and end."},
    "lab.in_the_past": {
        "nl": "Dat moment ligt in het verleden. Kies een start in de toekomst.",
        "en": "That moment is in the past. Please choose a start in the future."},
    "lab.too_long": {
        "nl": "Een sessie duurt hoogstens {hours} uur. Plan een langere bijeenkomst als aparte sessies.",
        "en": "A session lasts at most {hours} hours. Plan a longer meeting as separate sessions."},
    "lab.too_short": {
        "nl": "Een sessie duurt minstens {minutes} minuten.",
        "en": "A session lasts at least {minutes} minutes."},
    "lab.theme_empty": {"nl": "Geef een thema op.", "en": "Please give a theme."},
    "lab.theme_too_long": {
        "nl": "Het thema is {length} tekens; het maximum is {limit}. Zet de details in de beschrijving.",
        "en": "The theme is {length} characters; the maximum is {limit}. Put the details in the "
              "description."},
    "lab.description_too_long": {
        "nl": "De beschrijving is {length} tekens; het maximum is {limit}.",
        "en": "The description is {length} characters; the maximum is {limit}."},
    "lab.bad_location": {
        "nl": "Kies als locatie een spraak- of podiumkanaal óf geef een link die met https:// begint (één "
              "van beide).",
        "en": "For the location, choose a voice or stage channel or give a link starting with https:// "
              "(one of them)."},
    "lab.bad_kind": {
        "nl": "Kies als soort een living lab of een informatieplein.",
        "en": "Please choose a living lab or an informatieplein as the kind."},
    "lab.intake_after_start": {
        "nl": "De inbreng kan niet pas na de start van de sessie opengaan.",
        "en": "Intake cannot open after the session has started."},
    "lab.not_planned": {
        "nl": "Dat kan niet meer bij deze sessie (status: {status}).",
        "en": "That is no longer possible for this session (status: {status})."},
    "lab.not_running": {
        "nl": "Deze sessie loopt nu niet. Start haar eerst met /lab start.",
        "en": "This session is not running. Start it first with /lab start."},
    "lab.session_not_found": {
        "nl": "Sessie #{session_id} bestaat niet. Kies een sessie uit de lijst.",
        "en": "Session #{session_id} does not exist. Please pick a session from the list."},
    "lab.not_open": {
        "nl": "Aanmelden voor “{theme}” kan niet meer: de sessie is voorbij of geannuleerd.",
        "en": "You can no longer sign up for “{theme}”: the session is over or cancelled."},
    "lab.too_many_members": {"nl": "Kies hoogstens {limit} leden.", "en": "Choose at most {limit} members."},
    "lab.year_few_labs": {
        "nl": "Er zijn {count} living labs gepland; het netwerk wil er {needed} per jaar.",
        "en": "{count} living labs are planned; the network wants {needed} a year."},
    "lab.year_few_pleinen": {
        "nl": "Er zijn {count} informatiepleinen gepland; het netwerk wil er {needed} per jaar.",
        "en": "{count} informatiepleinen are planned; the network wants {needed} a year."},
    # intake and votes
    "lab.item_not_found": {
        "nl": "Inbreng #{item_id} bestaat niet (meer).",
        "en": "Contribution #{item_id} does not exist (any more)."},
    "lab.intake_closed": {
        "nl": "De inbreng voor “{theme}” is nu niet open.",
        "en": "Intake for “{theme}” is not open now."},
    "lab.item_empty": {
        "nl": "Geef een titel en een tekst met woorden; alleen spaties of tekens is niet genoeg.",
        "en": "Please give a title and a text with words; spaces or symbols alone are not enough."},
    "lab.title_too_long": {
        "nl": "De titel moet 1 tot {limit} tekens lang zijn (nu {length}).",
        "en": "The title must be 1 to {limit} characters long (now {length})."},
    "lab.text_too_long": {
        "nl": "De tekst moet 1 tot {limit} tekens lang zijn (nu {length}). Kort hem in tot de kern.",
        "en": "The text must be 1 to {limit} characters long (now {length}). Keep it to the core."},
    "lab.sector_too_long": {
        "nl": "De sector mag hoogstens {limit} tekens zijn.",
        "en": "The sector may be at most {limit} characters."},
    "lab.vote_merged": {
        "nl": "Dit punt is samengevoegd met #{into}; de stemmen tellen daar mee. Stem op #{into}.",
        "en": "This item was merged into #{into}; its votes count there. Please vote on #{into}."},
    "lab.vote_closed": {"nl": "Stemmen op dit punt kan niet meer.", "en": "Voting on this item is closed."},
    # moderation
    "lab.item_state": {
        "nl": "Dit punt is al verwerkt (status: {status}). Bekijk de wachtrij opnieuw.",
        "en": "This item has already been handled (status: {status}). Please look at the queue again."},
    "lab.item_claimed": {
        "nl": "Een andere moderator heeft dit punt geclaimd. Laat het aan hen of overleg eerst.",
        "en": "Another moderator has claimed this item. Leave it to them or talk first."},
    "lab.reason_needed": {
        "nl": "Geef een reden: de inbrenger ziet die.",
        "en": "Please give a reason: the contributor will see it."},
    "lab.reason_too_long": {
        "nl": "De reden mag hoogstens {limit} tekens zijn.",
        "en": "The reason may be at most {limit} characters."},
    "lab.order_unknown": {
        "nl": "Deze punten staan niet (goedgekeurd) op de agenda van deze sessie: {ids}.",
        "en": "These items are not (approved) on this session's agenda: {ids}."},
    "lab.merge_self": {
        "nl": "Een punt kan niet met zichzelf worden samengevoegd.",
        "en": "An item cannot be merged with itself."},
    "lab.merge_sessions": {
        "nl": "Alleen punten van dezelfde sessie kunnen worden samengevoegd.",
        "en": "Only items of the same session can be merged."},
    # notes and lessons
    "lab.note_empty": {"nl": "De notitie is leeg.", "en": "The note is empty."},
    "lab.note_too_long": {
        "nl": "De notitie is {length} tekens; het maximum is {limit}.",
        "en": "The note is {length} characters; the maximum is {limit}."},
    "lab.lesson_not_found": {
        "nl": "Les #{lesson_id} bestaat niet.",
        "en": "Lesson #{lesson_id} does not exist."},
    "lab.lesson_published": {
        "nl": "Deze les is al gepubliceerd en kan niet meer veranderen.",
        "en": "This lesson has already been published and can no longer change."},
    "lab.lesson_bad": {
        "nl": "Een les heeft een titel (1 tot 200 tekens) en een tekst (1 tot 1500 tekens); controleer "
              "het veld “{field}”.",
        "en": "A lesson has a title (1 to 200 characters) and a text (1 to 1500 characters); please check "
              "the field “{field}”."},
    "lab.no_approved_lessons": {
        "nl": "Er zijn nog geen goedgekeurde lessen om te publiceren.",
        "en": "There are no approved lessons to publish yet."},
    "lab.lesson_not_published": {
        "nl": "Alleen een gepubliceerde les kan een kennisitem worden.",
        "en": "Only a published lesson can become a knowledge entry."},
    # times as moderators type them
    "time.format": {
        "nl": "{field}: “{value}” herken ik niet als datum en tijd. Schrijf bijvoorbeeld 2027-03-11 19:30.",
        "en": "{field}: I don't recognise “{value}” as a date and time. Write for example 2027-03-11 19:30."},
    "time.nonexistent": {
        "nl": "{field}: {value} bestaat niet in Nederland (de klok springt dan een uur vooruit). Kies een "
              "ander tijdstip.",
        "en": "{field}: {value} does not exist in the Netherlands (the clock jumps an hour ahead). Please "
              "choose another time."},
}

_DOOR: dict[str, dict[str, str]] = {
    # words
    "lab.kind.lab": {"nl": "Living lab", "en": "Living lab"},
    "lab.kind.plein": {"nl": "Informatieplein", "en": "Informatieplein"},
    "lab.status.planned": {"nl": "gepland", "en": "planned"},
    "lab.status.running": {"nl": "bezig", "en": "running"},
    "lab.status.closed": {"nl": "afgesloten", "en": "closed"},
    "lab.status.cancelled": {"nl": "geannuleerd", "en": "cancelled"},
    "lab.item_status.pending": {"nl": "wacht op een moderator", "en": "waiting for a moderator"},
    "lab.item_status.approved": {"nl": "op de agenda", "en": "on the agenda"},
    "lab.item_status.rejected": {"nl": "niet op de agenda", "en": "not on the agenda"},
    "lab.item_status.merged": {"nl": "samengevoegd", "en": "merged"},
    "lab.item_status.discussed": {"nl": "besproken", "en": "discussed"},
    "lab.lesson_status.draft": {"nl": "concept", "en": "draft"},
    "lab.lesson_status.approved": {"nl": "goedgekeurd", "en": "approved"},
    "lab.lesson_status.published": {"nl": "gepubliceerd", "en": "published"},
    "lab.field.start": {"nl": "Start", "en": "Start"},
    "lab.field.end": {"nl": "Einde", "en": "End"},
    "lab.field.intake": {"nl": "Inbreng vanaf", "en": "Intake from"},
    "lab.where_channel": {"nl": "Discord-kanaal <#{channel}>", "en": "Discord channel <#{channel}>"},
    "lab.anonymous": {"nl": "anoniem", "en": "anonymous"},
    "lab.no_sector": {"nl": "geen sector", "en": "no sector"},
    "lab.votes": {"nl": "{count} ▲", "en": "{count} ▲"},
    # planning
    "lab.planned": {"nl": "Gepland: {kind} #{session_id}", "en": "Planned: {kind} #{session_id}"},
    "lab.rescheduled": {"nl": "Verzet: {kind} #{session_id}", "en": "Rescheduled: {kind} #{session_id}"},
    "lab.cancelled": {"nl": "Geannuleerd: {kind} #{session_id}", "en": "Cancelled: {kind} #{session_id}"},
    "lab.session_when": {"nl": "Wanneer", "en": "When"},
    "lab.session_where": {"nl": "Waar", "en": "Where"},
    "lab.session_intake": {"nl": "Inbreng open vanaf", "en": "Intake open from"},
    "lab.event_note": {
        "nl": "Het Discord-evenement en de agenda's van leden worden bijgewerkt.",
        "en": "The Discord event and members' calendars are being updated."},
    "lab.year_title": {"nl": "Jaarplan {year}", "en": "Year plan {year}"},
    "lab.year_empty": {"nl": "Nog niets gepland in {year}.", "en": "Nothing planned in {year} yet."},
    "lab.year_check": {"nl": "Controle", "en": "Check"},
    "lab.year_ok": {
        "nl": "Genoeg living labs en informatiepleinen gepland.",
        "en": "Enough living labs and informatiepleinen planned."},
    "lab.ics_sent": {
        "nl": "Zet “{theme}” in je agenda met dit bestand. Verzet of annuleren we, dan werkt een nieuw "
              "bestand je agenda bij.",
        "en": "Add “{theme}” to your calendar with this file. If we reschedule or cancel, a new file "
              "updates your calendar."},
    "lab.interest_saved": {
        "nl": "Genoteerd: je hebt interesse in “{theme}”.",
        "en": "Noted: you are interested in “{theme}”."},
    "lab.interest_dm": {
        "nl": "Je krijgt herinneringen ook als privébericht.",
        "en": "You will also get reminders as a private message."},
    # intake
    "lab.modal_title": {"nl": "Inbreng voor het living lab", "en": "Contribution for the living lab"},
    "lab.field_title": {"nl": "Titel", "en": "Title"},
    "lab.field_title_hint": {
        "nl": "Je vraag of dilemma in één zin",
        "en": "Your question or dilemma in one sentence"},
    "lab.field_text": {"nl": "Toelichting", "en": "Explanation"},
    "lab.field_text_hint": {
        "nl": "Wat speelt er? Geen namen of andere persoonsgegevens.",
        "en": "What is going on? No names or other personal data."},
    "lab.field_sector": {"nl": "Sector (optioneel)", "en": "Sector (optional)"},
    "lab.field_sector_hint": {
        "nl": "bijv. onderwijs, jeugdzorg, politie, gemeente",
        "en": "e.g. education, youth care, police, municipality"},
    "lab.field_anonymous": {"nl": "Anoniem inbrengen?", "en": "Hand in anonymously?"},
    "lab.field_anonymous_hint": {
        "nl": "Anoniem: niemand kan zien dat het van jou komt, ook moderatoren niet.",
        "en": "Anonymous: nobody can see it is yours, moderators included."},
    "lab.anonymous_no": {"nl": "Nee", "en": "No"},
    "lab.anonymous_yes": {"nl": "Ja, anoniem", "en": "Yes, anonymously"},
    "lab.receipt_title": {"nl": "Je inbreng is ontvangen", "en": "Your contribution has been received"},
    "lab.receipt": {
        "nl": "“{title}” (#{item_id}) wacht nu op een moderator. Je ziet de status met /lab mijn-inbreng.",
        "en": "“{title}” (#{item_id}) is now waiting for a moderator. See its status with "
              "/lab my-contributions."},
    "lab.receipt_anonymous": {
        "nl": "Je hebt dit anoniem ingebracht: niemand kan zien dat het van jou komt.",
        "en": "You handed this in anonymously: nobody can see it is yours."},
    "lab.maybe_answered": {
        "nl": "Misschien staat het antwoord hier al",
        "en": "The answer may already be here"},
    "lab.from_lab": {
        "nl": "Besproken in het living lab van {date}.",
        "en": "Discussed in the living lab of {date}."},
    "lab.mine_title": {"nl": "Jouw inbreng", "en": "Your contributions"},
    "lab.mine_empty": {"nl": "Je hebt nog niets ingebracht.", "en": "You have not handed anything in yet."},
    "lab.session_ref": {"nl": "sessie #{session_id}", "en": "session #{session_id}"},
    "lab.mine_reason": {"nl": "Reden: {reason}", "en": "Reason: {reason}"},
    "lab.note_saved": {"nl": "Notitie #{note_id} is opgeslagen.", "en": "Note #{note_id} has been saved."},
    # votes
    "lab.vote_button": {"nl": "Stem ({count})", "en": "Vote ({count})"},
    "lab.vote_added": {
        "nl": "Je stem is geteld ({count} in totaal). Klik nog eens om hem in te trekken.",
        "en": "Your vote has been counted ({count} in total). Click again to withdraw it."},
    "lab.vote_removed": {
        "nl": "Je stem is ingetrokken ({count} in totaal).",
        "en": "Your vote has been withdrawn ({count} in total)."},
    "lab.vote_footer": {
        "nl": "Inbreng #{item_id} voor het living lab · stem als je dit wilt bespreken",
        "en": "Contribution #{item_id} for the living lab · vote if you want to discuss this"},
    "lab.vote_posted": {"nl": "Het wordt zo geplaatst om op te stemmen.", "en": "It will be posted for voting shortly."},
    "lab.vote_not_posted": {
        "nl": "Niet geplaatst om op te stemmen: het netwerkkanaal is niet bereikbaar.",
        "en": "Not posted for voting: the network channel cannot be reached."},
    # the moderators' queue
    "lab.queue_title": {"nl": "Wachtrij: {theme} (#{session_id})", "en": "Queue: {theme} (#{session_id})"},
    "lab.queue_empty": {"nl": "Er wacht geen inbreng.", "en": "No contributions are waiting."},
    "lab.queue_more": {
        "nl": "Knoppen voor de eerste {shown}; gebruik /lab goedkeuren, /lab afwijzen of /lab claim voor "
              "de rest.",
        "en": "Buttons for the first {shown}; use /lab approve, /lab reject or /lab claim for the "
              "rest."},
    "lab.queue_approved": {"nl": "Op de agenda: {count} punt(en).", "en": "On the agenda: {count} item(s)."},
    "lab.queue_duplicates": {"nl": "Misschien dubbel", "en": "Possible duplicates"},
    "lab.claimed_by": {"nl": "geclaimd door {who}", "en": "claimed by {who}"},
    "lab.claimed_by_you": {"nl": "geclaimd door jou", "en": "claimed by you"},
    "lab.button_claim": {"nl": "Claim #{item_id}", "en": "Claim #{item_id}"},
    "lab.button_approve": {"nl": "Goedkeuren #{item_id}", "en": "Approve #{item_id}"},
    "lab.button_reject": {"nl": "Afwijzen #{item_id}", "en": "Reject #{item_id}"},
    "lab.button_merge": {"nl": "Samenvoegen #{source} → #{target}", "en": "Merge #{source} → #{target}"},
    "lab.done_claim": {"nl": "#{item_id} is nu van jou.", "en": "#{item_id} is yours now."},
    "lab.done_approve": {"nl": "#{item_id} staat op de agenda.", "en": "#{item_id} is on the agenda."},
    "lab.done_reject": {
        "nl": "#{item_id} is afgewezen; de inbrenger ziet de reden.",
        "en": "#{item_id} has been rejected; the contributor sees the reason."},
    "lab.done_edit": {"nl": "#{item_id} is bijgewerkt.", "en": "#{item_id} has been updated."},
    "lab.done_merge": {
        "nl": "#{source} is samengevoegd met #{target} ({votes} stemmen).",
        "en": "#{source} has been merged into #{target} ({votes} votes)."},
    "lab.done_order": {"nl": "Nieuwe volgorde: {order}.", "en": "New order: {order}."},
    "lab.order_format": {
        "nl": "Schrijf de volgorde als nummers met komma's, bijvoorbeeld 3,1,2.",
        "en": "Write the order as numbers separated by commas, for example 3,1,2."},
    "lab.reject_title": {"nl": "Inbreng #{item_id} afwijzen", "en": "Reject contribution #{item_id}"},
    "lab.field_reason": {"nl": "Reden (de inbrenger ziet die)", "en": "Reason (the contributor sees it)"},
    "lab.edit_title": {"nl": "Inbreng #{item_id} bewerken", "en": "Edit contribution #{item_id}"},
    # running a session
    "lab.started": {
        "nl": "{kind} #{session_id} is gestart: de thread en de agenda worden geplaatst.",
        "en": "{kind} #{session_id} has started: the thread and the agenda are being posted."},
    "lab.agenda_empty": {"nl": "De agenda is leeg.", "en": "The agenda is empty."},
    "lab.next_item": {"nl": "Nu aan de beurt: #{item_id} “{title}”.", "en": "Now up: #{item_id} “{title}”."},
    "lab.agenda_done": {
        "nl": "Alle punten zijn besproken. Sluit de sessie met /lab sluit.",
        "en": "All items have been discussed. Close the session with /lab close."},
    "lab.item_other_session": {
        "nl": "Inbreng #{item_id} hoort niet bij deze sessie.",
        "en": "Contribution #{item_id} does not belong to this session."},
    "lab.expert_opened": {
        "nl": "Een privéthread voor #{item_id} wordt geopend met {count} lid/leden en de experts.",
        "en": "A private thread for #{item_id} is being opened with {count} member(s) and the experts."},
    "lab.closed": {
        "nl": "{kind} #{session_id} is afgesloten; {count} conceptles(sen) gemaakt.",
        "en": "{kind} #{session_id} has been closed; {count} draft lesson(s) made."},
    # lessons
    "lab.lessons_title": {"nl": "Lessen: {theme} (#{session_id})", "en": "Lessons: {theme} (#{session_id})"},
    "lab.lessons_empty": {
        "nl": "Nog geen lessen. Notities bij besproken punten worden conceptlessen bij het sluiten.",
        "en": "No lessons yet. Notes on discussed items become draft lessons when the session closes."},
    "lab.button_lesson_approve": {"nl": "Goedkeuren #{lesson_id}", "en": "Approve #{lesson_id}"},
    "lab.button_lesson_edit": {"nl": "Bewerken #{lesson_id}", "en": "Edit #{lesson_id}"},
    "lab.lesson_edit_title": {"nl": "Les #{lesson_id} bewerken", "en": "Edit lesson #{lesson_id}"},
    "lab.lesson_approved": {
        "nl": "Les #{lesson_id} is goedgekeurd.",
        "en": "Lesson #{lesson_id} has been approved."},
    "lab.lesson_edited": {
        "nl": "Les #{lesson_id} is bijgewerkt (weer concept).",
        "en": "Lesson #{lesson_id} has been updated (draft again)."},
    "lab.lessons_published": {
        "nl": "{count} les(sen) worden in het netwerkkanaal geplaatst.",
        "en": "{count} lesson(s) are being posted to the network channel."},
    "lab.promoted": {
        "nl": "Kennisitem-concept geschreven: `{path}`. Laat het reviewen en draai `labbot kb check`.",
        "en": "Knowledge entry draft written: `{path}`. Have it reviewed and run `labbot kb check`."},
}

LAB_MESSAGES: dict[str, dict[str, str]] = {**_ERRORS, **_DOOR}

# importing twice (a reload in tests) must not clash; a different text under the same key still does
register({k: v for k, v in LAB_MESSAGES.items() if MESSAGES.get(k) != v})
