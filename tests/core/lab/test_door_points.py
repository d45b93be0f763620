"""Issue 19 points 6, 9, 10 and issue 16 point 17 in the core: empty lessons, the expert thread,
single-line titles, the rejection DM's language and near-duplicate items."""

import datetime as dt
import json

import pytest

from bot.core.errors import InvalidInput
from bot.core.lab.moderation import DUPLICATE_SCORE, duplicate_score, normalise_for_match
from bot.core.store import T
from bot.core.text import clean_title
from tests.core.lab.test_lab_flow import MOD, lab, member, submit  # noqa: F401 - fixture

__all__ = ["lab"]


def _session_with_notes(app, lab, clock, notes: dict[str, str]):  # noqa: F811
    items = [submit(app, lab, n, title=title, text=f"Vraag over {title.lower()}?") for n, title in
             enumerate(notes, 1)]
    for item in items:
        app.intake_items.approve(MOD, item.id)
    clock.set(lab.starts_at)
    app.sessions.start(MOD, lab.id, [])
    for item, note in zip(items, notes.values(), strict=True):
        app.intake("note", member(9, text=note, privilege=MOD.privilege), {"item_id": item.id})
    app.sessions.close(MOD, lab.id)
    app.lessons.draft_for_session(lab.id)
    return {r["title"]: r for r in app.lessons.for_session(lab.id)}


# -- 19.6 ------------------------------------------------------------------------------------------
def test_an_empty_lesson_is_refused_clearly_and_does_not_block_the_others(app, lab, clock):  # noqa: F811
    lessons = _session_with_notes(app, lab, clock, {
        "Lege notitie": "...",
        "Korte notitie": "Ok",
        "Gesprek met de mentor": "Begin het gesprek vanuit nieuwsgierigheid. Betrek de mentor bij de school."})
    assert lessons["Korte notitie"]["text"] == "Ok"        # too short to summarise: the note's own words
    with pytest.raises(InvalidInput) as err:
        app.lessons.approve(MOD, lessons["Lege notitie"]["id"])
    assert err.value.key == "lab.lesson_empty"
    app.lessons.approve(MOD, lessons["Gesprek met de mentor"]["id"])
    app.lessons.approve(MOD, lessons["Korte notitie"]["id"])
    # a lesson approved empty before this fix (or emptied in the database) waits; the rest is posted
    app.db[T.lessons].update(lessons["Lege notitie"]["id"], {"status": "approved"})
    assert app.lessons.publish(MOD, lab.id) == 2
    key = next(r["key"] for r in app.db[T.outbox].rows if r["key"].startswith("lessons:"))
    posted = app.outbox.preview(key)   # rendered as it would be sent
    posted.check_limits()
    assert [f.name for f in posted.embeds[0].fields] == ["Korte notitie", "Gesprek met de mentor"]


# -- 19.9 ------------------------------------------------------------------------------------------
def test_a_second_expert_call_adds_members_to_the_same_thread(app, lab, clock):  # noqa: F811
    item = submit(app, lab)
    assert app.sessions.expert_thread(MOD, lab.id, item.id, item.title, [101]) is False
    assert app.sessions.expert_thread(MOD, lab.id, item.id, item.title, [102, 103]) is True
    ops = [r for r in app.db[T.outbox].rows if r["key"].startswith(f"expert:{item.id}")]
    assert len(ops) == 2                                     # the second is not swallowed by the first's key
    assert json.loads(ops[1]["payload"])["data"]["member_ids"] == [102, 103]
    app.intake_items.set_expert_thread(item.id, "777")
    assert app.intake_items.expert_thread(item.id) == "777"
    assert app.sessions.expert_thread(MOD, lab.id, item.id, item.title, [104]) is True


# -- 19.10 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "title"), [
    ("# Groot\nkopje", "Groot kopje"), ("-# klein", "klein"), ("> citaat\n>>> blok", "citaat blok"),
    ("## Twee\r\n\r\nregels", "Twee regels"), ("C# op school", "C# op school"), ("#hashtag", "#hashtag")])
def test_titles_are_one_line_without_headings(raw, title):
    assert clean_title(raw) == title


def test_forged_titles_are_stored_as_one_line(app, lab, clock):  # noqa: F811
    item = submit(app, lab, title="# Kop\n-# @everyone klein")
    assert item.title == "Kop @everyone klein"
    edited = app.intake_items.edit(MOD, item.id, title="> nieuw\n# kop")
    assert edited.title == "nieuw kop"
    session = app.sessions.plan(MOD, "lab", "# Thema\nmet regel", "", lab.starts_at + dt.timedelta(days=30),
                                lab.ends_at + dt.timedelta(days=30), "123")
    assert session.theme == "Thema met regel"


# -- 16.17 -----------------------------------------------------------------------------------------
def test_the_rejection_dm_is_in_the_authors_language(app, lab):  # noqa: F811
    english = submit(app, lab, 1, title="Handling conspiracy videos", locale="en-US")
    dutch = submit(app, lab, 2, title="Ouders en complotdenken", text="Wat zeggen we tegen ouders?")
    app.intake_items.reject(MOD, english.id, "Al besproken in maart.")
    app.intake_items.reject(MOD, dutch.id, "Al besproken in maart.")
    dms = {r["key"]: app.outbox.preview(r["key"]).content for r in app.db[T.outbox].rows
           if r["key"].startswith("reject:")}
    assert dms[f"reject:{english.id}"].startswith("Your contribution “Handling conspiracy videos”")
    assert dms[f"reject:{dutch.id}"].startswith("Je inbreng “Ouders en complotdenken”")


PARAPHRASE = ("Jongere radicaliseert online. Een jongen van 16 kijkt veel extremistische filmpjes en praat er "
              "thuis over. Hoe bespreek ik dit met zijn ouders?",
              "Online radicalisering van een tiener. Zestienjarige jongen bekijkt extremistische video's en praat "
              "er thuis over; hoe breng ik dit bij de ouders ter sprake?")
DISTINCT = ("Polarisatie in de wijk. Na een incident staan groepen bewoners lijnrecht tegenover elkaar. Wie kan "
            "bemiddelen?",
            "Stickers op school. In de fietsenstalling hangen stickers van een extreemrechtse groep. Melden we dit?")


def test_near_duplicates_a_paraphrase_is_suggested_a_distinct_pair_is_not():
    def score(pair):
        return duplicate_score(*(normalise_for_match(p) for p in pair))

    assert score(PARAPHRASE) >= DUPLICATE_SCORE > score(DISTINCT)
    assert normalise_for_match("Complotvideo’s, géén LINKS!") == "complotvideos geen links"


def test_the_queue_suggests_the_paraphrase_for_merge(app, lab):  # noqa: F811
    a = submit(app, lab, 1, title="Jongere radicaliseert online", text=PARAPHRASE[0].split(". ", 1)[1])
    b = submit(app, lab, 2, title="Online radicalisering van een tiener", text=PARAPHRASE[1].split(". ", 1)[1])
    submit(app, lab, 3, title="Polarisatie in de wijk", text=DISTINCT[0].split(". ", 1)[1])
    assert [(x, y) for x, y, _ in app.intake_items.near_duplicates(lab.id)] == [(a.id, b.id)]
