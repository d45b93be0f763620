"""/lab cogs, buttons and forms called directly with spec'd discord.Interaction doubles."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
import string
from types import SimpleNamespace
from unittest.mock import AsyncMock, MagicMock

import discord
import icalendar
import pytest
from discord import app_commands

from bot.core.guard import PersonalDataFound
from bot.core.i18n import MESSAGES, t
from bot.core.models import Privilege, Request
from bot.core.store import T
from bot.core.timeparse import parse_local
from bot.discord_adapter.errors import send_error
from bot.discord_adapter.lab.cog import DYNAMIC_ITEMS, LAB_COGS
from bot.discord_adapter.lab.common import items_autocomplete, sessions_autocomplete
from bot.discord_adapter.lab.lesson_views import LessonAction
from bot.discord_adapter.lab.views import (
    ItemAction,
    ItemEditModal,
    ItemModal,
    MergeButton,
    RejectModal,
    VoteButton,
)
from bot.discord_adapter.privacy.views import PrivacyChoice
from bot.discord_adapter.results import RESULT_RENDERERS
from tests.conftest import REPO
from tests.stubs import make_interaction, semantic_kb, sent_kwargs

MOD_ROLE = 9001
MOD, MOD2, MEMBER, MEMBER2 = 11, 12, 21, 22
NETWORK = 5550
MOD_REQ = Request(user_id=f"discord:{MOD}", privilege=Privilege.MODERATOR)


# -- doubles ---------------------------------------------------------------------------------------
@pytest.fixture
def channel():
    ch = MagicMock(spec=discord.TextChannel)
    ch.send = AsyncMock()
    return ch


@pytest.fixture
def client(app, channel, tmp_path):
    app.settings = dataclasses.replace(app.settings, network_channel_id=NETWORK,
                                       drafts_dir=tmp_path / "drafts")
    return SimpleNamespace(app=app, get_channel=lambda cid: channel if cid == NETWORK else None,
                           fetch_channel=AsyncMock(side_effect=AssertionError("not cached")))


class LabCogs:
    """The /lab, /inbreng and /sessie cogs as one: a command is found on whichever group holds it."""

    def __init__(self, client) -> None:
        self.bot = client
        self.cogs = [cls(client) for cls in LAB_COGS]

    @property
    def app(self):
        return self.bot.app

    @property
    def groups(self) -> list[app_commands.Group]:
        return [c.__cog_app_commands_group__ for c in self.cogs]

    def __getattr__(self, name: str):
        for cog in self.__dict__.get("cogs", ()):
            if hasattr(cog, name):
                return getattr(cog, name)
        raise AttributeError(name)


@pytest.fixture
def cog(client):
    return LabCogs(client)


def inter(client, user=MEMBER, *, mod=False, locale=discord.Locale.dutch, **namespace):
    """make_interaction plus the responses the lab uses; `is_done` follows the first response."""
    i = make_interaction(client, user_id=user, role_ids=[MOD_ROLE] if mod else [], locale=locale)
    done = {"v": False}

    def first(*_a, **_k):
        done["v"] = True

    for name in ("send_message", "defer", "send_modal", "edit_message"):
        setattr(i.response, name, AsyncMock(side_effect=first))
    i.response.is_done = MagicMock(side_effect=lambda: done["v"])
    i.edit_original_response = AsyncMock()
    i.message = None
    i.namespace = SimpleNamespace(**namespace)
    return i


async def run(command, cog, interaction, *args, **kwargs):
    """Call a slash command the way the tree does: domain errors go to the one error handler."""
    try:
        await command.callback(cog, interaction, *args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the tree's on_error does the same
        await send_error(interaction, exc)


def reply(interaction) -> dict:
    """The one private reply of an interaction, wherever it went (response or followup)."""
    sends = [m for m in (interaction.response.send_message, interaction.followup.send) if m.await_count]
    assert len(sends) == 1, "expected exactly one reply"
    kwargs = sent_kwargs(sends[0])
    if sends[0] is interaction.followup.send and not sends[0].await_args.args:
        kwargs["content"] = sends[0].await_args.kwargs.get("content")
    assert kwargs["ephemeral"] is True
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}
    return kwargs


def custom_ids(view) -> list[str]:
    return [c.custom_id for c in view.children]


def plan(app, theme="Complotdenken op school", start="2027-03-11 19:30", end="2027-03-11 21:30", **kw):
    tz = app.settings.tz
    return app.sessions.plan(MOD_REQ, kw.pop("kind", "lab"), theme, "", parse_local(start, tz),
                             parse_local(end, tz), kw.pop("location", "https://example.org/lab"), **kw)


def submit(app, session, n=MEMBER, title="Leerling deelt complotvideo's", text="Hoe ga ik het gesprek aan?",
           **kw):
    req = Request(user_id=f"discord:{n}", text=text, **kw)
    return app.intake_items.submit(req, session.id, title, "onderwijs")


@pytest.fixture
def lab(app, clock):
    session = plan(app)
    clock.set(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))  # intake is open
    return session


# -- /lab plan -------------------------------------------------------------------------------------
async def test_plan_replies_privately_and_queues_the_event(cog, client, app):
    i = inter(client, MOD, mod=True)
    await run(cog.plan, cog, i, "lab", "Complotdenken op school", "2027-03-11 19:30", "21:30",
              link="https://example.org/lab", beschrijving="Over @everyone en video's")
    kwargs = reply(i)
    assert kwargs["embed"].title == "Gepland: Living lab #1"
    assert "do 11 mrt 2027 19:30–21:30" in str(kwargs["embed"].to_dict())
    session = app.sessions.get(1)
    assert session.starts_at == dt.datetime(2027, 3, 11, 18, 30, tzinfo=dt.UTC)
    assert app.outbox.get("event:1:0")["status"] == "pending"


async def test_plan_in_a_voice_channel(cog, client, app):
    voice = MagicMock(spec=discord.VoiceChannel)
    voice.id = 4321
    i = inter(client, MOD, mod=True)
    await run(cog.plan, cog, i, "plein", "Trends in de regio", "2027-05-20 14:00", "2027-05-20 16:00",
              kanaal=voice)
    assert "<#4321>" in str(reply(i)["embed"].to_dict())
    assert app.sessions.get(1).location_kind == "channel"


LINK = {"link": "https://x.org/a"}


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    (("lab", "Thema", "2027-03-11 19:30", "18:00"), LINK, "Het einde ligt vóór"),
    (("lab", "Thema", "2020-01-01 10:00", "12:00"), LINK, "in het verleden"),
    (("lab", "Thema", "2027-03-11 19:30", "2027-03-13 10:00"), LINK, "hoogstens 24 uur"),
    (("lab", "Thema", "2027-03-11 19:30", "19:35"), LINK, "minstens 15 minuten"),
    (("lab", "x" * 5000, "2027-03-11 19:30", "21:30"), LINK, "5000 tekens"),
    (("lab", "   ", "2027-03-11 19:30", "21:30"), LINK, "Geef een thema op"),
    (("lab", "Thema", "morgen @everyone", "21:30"), LINK, "herken ik niet"),
    (("lab", "Thema", "2027-03-28 02:30", "04:00"), LINK, "bestaat niet in Nederland"),
    (("lab", "Thema", "2027-03-11 19:30", "21:30"), {}, "spraak- of podiumkanaal"),
    (("lab", "Thema", "2027-03-11 19:30", "21:30"), {"link": "http://x.org/a"}, "spraak- of podiumkanaal"),
    (("lab", "Thema", "2027-03-11 19:30", "21:30"), {**LINK, "inbreng_vanaf": "2027-03-12"},
     "niet pas na de start"),
])
async def test_plan_bad_input_is_explained_and_nothing_is_stored(cog, client, app, args, kwargs, expected):
    i = inter(client, MOD, mod=True)
    await run(cog.plan, cog, i, *args, **kwargs)
    content = reply(i)["content"]
    assert expected in content
    assert "@everyone" not in content and "Traceback" not in content
    assert app.db[T.sessions].count == 0 and app.db[T.outbox].count == 0


async def test_plan_by_a_member_is_refused(cog, client, app):
    i = inter(client, MEMBER)
    await run(cog.plan, cog, i, "lab", "Thema", "2027-03-11 19:30", "21:30", link="https://x.org/a")
    assert "moderator" in reply(i)["content"] and app.db[T.sessions].count == 0


async def test_reschedule_and_cancel(cog, client, app):
    session = plan(app)
    i = inter(client, MOD, mod=True)
    await run(cog.verzet, cog, i, session.id, "2027-03-18 19:30", "21:00")
    assert reply(i)["embed"].title == "Verzet: Living lab #1"
    assert app.sessions.get(session.id).sequence == 1
    i = inter(client, MOD, mod=True)
    await run(cog.annuleer, cog, i, session.id)
    assert app.sessions.get(session.id).status == "cancelled"
    i = inter(client, MOD, mod=True, locale=discord.Locale.british_english)
    await run(cog.verzet, cog, i, session.id, "2027-03-25 19:30", "21:00")
    assert "no longer possible" in reply(i)["content"]
    assert app.sessions.get(session.id).sequence == 2


async def test_year_plan_warns_about_too_few_sessions(cog, client, app):
    plan(app)
    i = inter(client)
    await run(cog.jaarplan, cog, i, 2027)
    embed = reply(i)["embed"]
    assert embed.title == "Jaarplan 2027" and "Complotdenken op school" in embed.description
    assert "Er is 1 living lab gepland" in embed.fields[0].value and "0 informatiepleinen" in embed.fields[0].value


async def test_ics_is_sent_privately(cog, client, app):
    session = plan(app)
    i = inter(client)
    await run(cog.ics, cog, i, session.id)
    kwargs = reply(i)
    upload = kwargs["file"]
    assert upload.filename == f"labbot-sessie-{session.id}.ics"
    cal = icalendar.Calendar.from_ical(upload.fp.read())
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == [session.uid]


async def test_point7_ics_without_a_session_hands_out_the_own_feed_address(cog, client, app):
    from bot.core.lab.feeds import MODERATORS

    i = inter(client)
    await run(cog.ics, cog, i)
    assert "niet ingesteld" in reply(i)["content"]  # no LABBOT_CALENDAR_URL in the test settings
    app.feeds.base_url = "https://labbot.example.org"
    member, moderator = inter(client), inter(client, MOD, mod=True)
    await run(cog.ics, cog, member)
    await run(cog.ics, cog, moderator)
    mine = reply(member)
    assert app.feeds.member_token(f"discord:{MEMBER}") in mine["content"] and mine["ephemeral"] is True
    assert app.feeds.token(MODERATORS) in reply(moderator)["content"]
    assert app.feeds.token(MODERATORS) not in mine["content"]


async def test_interest_with_private_reminders(cog, client, app):
    session = plan(app)
    i = inter(client)
    await run(cog.interesse, cog, i, session.id, True)
    assert "privébericht" in reply(i)["content"]
    assert next(app.db[T.interest].rows)["dm"] == 1


# -- intake ----------------------------------------------------------------------------------------
async def test_inbreng_opens_the_form(cog, client, lab):
    i = inter(client)
    await run(cog.nieuw, cog, i, lab.id)
    modal = i.response.send_modal.await_args.args[0]
    assert isinstance(modal, ItemModal) and modal.custom_id.startswith(f"labbot:lab:inbreng:{lab.id}:")
    data = modal.to_dict()
    assert [c["type"] for c in data["components"]] == [18, 18, 18, 18]  # labels
    inner = [c["component"] for c in data["components"]]
    assert [c["custom_id"] for c in inner] == ["title", "text", "sector", "anonymous"]
    assert inner[1]["style"] == 2 and inner[3]["type"] == 3
    assert len(data["title"]) <= 45 and all(len(c["label"]) <= 45 for c in data["components"])


async def test_inbreng_when_intake_is_closed(cog, client, app, clock, lab):
    clock.set(lab.ends_at + dt.timedelta(minutes=1))
    i = inter(client)
    await run(cog.nieuw, cog, i, lab.id)
    assert "niet open" in reply(i)["content"]
    i.response.send_modal.assert_not_awaited()


def filled(lab, lang="nl", title="Leerling deelt complotvideo's",
           text="Zorgen over radicalisering in de klas", sector="onderwijs", anonymous="nee"):
    modal = ItemModal(lab.id, lang)
    modal.title_input._value, modal.text._value, modal.sector._value = title, text, sector
    modal.anonymous._values = [anonymous]
    return modal


async def test_form_submit_stores_the_item_with_a_receipt_and_suggestions(client, app, lab):
    i = inter(client)
    await filled(lab, anonymous="ja").on_submit(i)
    i.response.defer.assert_awaited_once_with(ephemeral=True, thinking=True)
    embed = reply(i)["embed"]
    row = next(app.db[T.items].rows)
    assert embed.title == "Je inbreng is ontvangen" and f"#{row['id']}" in embed.description
    assert "anoniem" in embed.description
    assert any("eerste-stappen" in f.value for f in embed.fields)  # "may already answer it"
    assert len(embed.fields) <= 3
    assert row["anonymous"] == 1 and row["author_key"].startswith("anon:")


async def test_form_with_only_spaces_is_refused(client, app, lab):
    i = inter(client)
    await filled(lab, title="   ", text="  \n ").on_submit(i)
    assert "alleen spaties" in reply(i)["content"]
    assert app.db[T.items].count == 0


async def test_form_with_personal_data_asks_first_then_anonymises(client, app, lab):
    i = inter(client)
    await filled(lab, text="Leerling belt steeds 06-12345678 over complotten").on_submit(i)
    kwargs = reply(i)
    assert "persoonsgegevens" in kwargs["content"] and "12345678" not in kwargs["content"]
    assert app.db[T.items].count == 0
    button = next(c for c in kwargs["view"].children if c.custom_id.endswith(":anonymise"))
    click = inter(client)
    await PrivacyChoice(button.custom_id.split(":")[2], "anonymise").callback(click)
    edited = click.response.edit_message.await_args.kwargs
    assert edited["embed"].title == "Je inbreng is ontvangen" and edited["view"] is None  # buttons gone
    assert "[TELEFOON]" in next(app.db[T.items].rows)["text"]


async def test_with_semantic_ranking_suggestions_and_an_anonymised_question_encode_off_the_loop(
        client, app, lab):
    """Issue 13: the receipt's suggestions and a question answered after the privacy choice search
    the knowledge base; with the semantic ranking on, their texts are encoded in a worker thread."""
    import threading

    emb = semantic_kb(app)
    i = inter(client)
    await filled(lab).on_submit(i)
    assert any("eerste-stappen" in f.value for f in reply(i)["embed"].fields)
    assert emb.threads and threading.get_ident() not in emb.threads
    emb.threads.clear()
    with pytest.raises(PersonalDataFound) as held:  # what /vraag raises; the door shows the choice
        app.intake("question", Request(user_id=f"discord:{MEMBER}",
                                       text="Zorgen over radicalisering, leerling belt 06-12345678"))
    emb.threads.clear()
    click = inter(client)
    await PrivacyChoice(held.value.token, "anonymise").callback(click)
    assert click.response.edit_message.await_args.kwargs["embed"].title
    assert emb.threads and threading.get_ident() not in emb.threads


def test_lab_kinds_have_result_renderers():
    assert {"item", "note"} <= set(RESULT_RENDERERS)


# -- votes ----------------------------------------------------------------------------------------
async def test_approve_posts_for_voting_and_the_button_toggles(cog, client, app, channel, lab):
    item = submit(app, lab)
    i = inter(client, MOD, mod=True)
    await run(cog.goedkeuren, cog, i, item.id)
    assert "geplaatst om op te stemmen" in reply(i)["content"]
    queued = app.outbox.get(f"vote-post:{item.id}")  # delivered by the outbox, with its vote button
    assert queued["status"] == "pending"
    message = app.outbox.preview(f"vote-post:{item.id}")  # rendered when it is sent
    assert [b.custom_id for b in message.buttons] == [f"labbot:vote:{item.id}"]
    assert message.embeds[0].title == "Leerling deelt complotvideo's"

    match = VoteButton.__discord_ui_compiled_template__.fullmatch(f"labbot:vote:{item.id}")
    button = await VoteButton.from_custom_id(None, None, match)
    click = inter(client, MEMBER2)
    await button.callback(click)
    view = click.response.edit_message.await_args.kwargs["view"]
    assert view.children[0].item.label == "Stem (1)"
    assert click.followup.send.await_args.kwargs["ephemeral"] is True
    again = inter(client, MEMBER2, locale=discord.Locale.american_english)
    await button.callback(again)
    assert again.response.edit_message.await_args.kwargs["view"].children[0].item.label == "Stem (0)"
    assert "withdrawn" in again.followup.send.await_args.args[0]


async def test_vote_on_a_merged_item_is_explained(client, app, lab):
    a, b = submit(app, lab), submit(app, lab, MEMBER2, title="Complotvideo's van een leerling")
    for item in (a, b):
        app.intake_items.approve(MOD_REQ, item.id)
    app.intake_items.toggle_vote(Request(user_id="discord:99"), b.id)
    app.intake_items.merge(MOD_REQ, b.id, a.id)
    click = inter(client)
    await VoteButton(b.id).callback(click)
    content = reply(click)["content"]
    assert f"samengevoegd met #{a.id}" in content
    click.response.edit_message.assert_not_awaited()
    assert app.intake_items.get(a.id).votes == 1 and app.intake_items.get(b.id).votes == 0


# -- the moderators' queue -------------------------------------------------------------------------
async def test_queue_lists_pending_items_with_buttons_and_merge_suggestions(cog, client, app, lab):
    a = submit(app, lab, text="Hoe ga ik het gesprek aan met een leerling over complotten?")
    b = submit(app, lab, MEMBER2, text="Hoe ga ik het gesprek aan met een leerling over complotten?")
    i = inter(client, MOD, mod=True)
    await run(cog.wachtrij, cog, i, lab.id)
    kwargs = reply(i)
    assert [f.name.split(" ·")[0] for f in kwargs["embed"].fields[:2]] == [f"#{a.id}", f"#{b.id}"]
    ids = custom_ids(kwargs["view"])
    assert f"labbot:lab:claim:{a.id}" in ids and f"labbot:lab:reject:{b.id}" in ids
    assert f"labbot:lab:merge:{b.id}:{a.id}" in ids
    assert all(len(c) <= 100 for c in ids) and kwargs["view"].timeout is None


async def test_queue_is_for_moderators(cog, client, lab):
    i = inter(client)
    await run(cog.wachtrij, cog, i, lab.id)
    assert "moderator" in reply(i)["content"]
    i.response.defer.assert_not_awaited()


async def test_two_moderators_on_one_item(cog, client, app, lab):
    item = submit(app, lab)
    first = inter(client, MOD, mod=True)
    await ItemAction("claim", item.id).callback(first)
    assert "is nu van jou" in first.response.edit_message.await_args.kwargs["content"]
    other = inter(client, MOD2, mod=True)
    await run(cog.goedkeuren, cog, other, item.id)
    assert "andere moderator" in reply(other)["content"]
    assert app.intake_items.get(item.id).status == "pending"

    reject = inter(client, MOD2, mod=True)
    await ItemAction("reject", item.id).callback(reject)
    reject.response.send_modal.assert_not_awaited()  # no reason typed for nothing
    assert "andere moderator" in reply(reject)["content"]

    await ItemAction("approve", item.id).callback(inter(client, MOD, mod=True))
    stale = inter(client, MOD2, mod=True)
    await ItemAction("approve", item.id).callback(stale)
    assert "al verwerkt" in reply(stale)["content"]
    assert app.intake_items.get(item.id).status == "approved"


async def test_reject_form_needs_a_reason(client, app, lab):
    item = submit(app, lab)
    click = inter(client, MOD, mod=True)
    await ItemAction("reject", item.id).callback(click)
    modal = click.response.send_modal.await_args.args[0]
    assert isinstance(modal, RejectModal) and modal.custom_id.startswith(f"labbot:lab:rejectform:{item.id}:")
    modal.reason._value = "   "
    empty = inter(client, MOD, mod=True)
    await modal.on_submit(empty)
    assert "Geef een reden" in reply(empty)["content"]
    modal.reason._value = "Valt buiten het thema van dit lab"
    done = inter(client, MOD, mod=True)
    await modal.on_submit(done)
    assert "afgewezen" in reply(done)["content"]
    assert app.intake_items.get(item.id).reason == "Valt buiten het thema van dit lab"


async def test_edit_form_only_for_moderators(cog, client, app, lab):
    item = submit(app, lab)
    member = inter(client)
    await run(cog.bewerk, cog, member, item.id)
    member.response.send_modal.assert_not_awaited()
    assert "moderator" in reply(member)["content"]
    mod = inter(client, MOD, mod=True)
    await run(cog.bewerk, cog, mod, item.id)
    modal = mod.response.send_modal.await_args.args[0]
    assert isinstance(modal, ItemEditModal) and modal.title_input.default == item.title
    modal.title_input._value, modal.text._value = "Complotvideo's in de klas", "Hoe reageer ik?"
    submitted = inter(client, MOD, mod=True)
    await modal.on_submit(submitted)
    assert "bijgewerkt" in reply(submitted)["content"]
    assert app.intake_items.get(item.id).title == "Complotvideo's in de klas"


@pytest.mark.parametrize(("ids", "expected"), [("a,b", "nummers met komma"), ("99", "niet (goedgekeurd)")])
async def test_order_bad_input(cog, client, app, lab, ids, expected):
    i = inter(client, MOD, mod=True)
    await run(cog.volgorde, cog, i, lab.id, ids)
    assert expected in reply(i)["content"]


async def test_order_and_merge_commands(cog, client, app, lab):
    items = [submit(app, lab, title=f"Vraag nummer {n} over school", text=f"Tekst {n} over iets anders")
             for n in range(3)]
    for item in items:
        app.intake_items.approve(MOD_REQ, item.id)
    i = inter(client, MOD, mod=True)
    await run(cog.volgorde, cog, i, lab.id, f"{items[2].id}, #{items[0].id} {items[1].id}")
    assert reply(i)["content"].startswith(f"Nieuwe volgorde: #{items[2].id}")
    m = inter(client, MOD, mod=True)
    await run(cog.samenvoegen, cog, m, items[1].id, items[1].id)
    assert "met zichzelf" in reply(m)["content"]


async def test_my_items_include_anonymous_ones_and_reasons(cog, client, app, lab):
    submit(app, lab, anonymous=True)
    rejected = submit(app, lab, title="Tweede vraag")
    app.intake_items.reject(MOD_REQ, rejected.id, "Dubbel met een eerdere vraag")
    i = inter(client)
    await run(cog.mijn, cog, i)
    fields = reply(i)["embed"].fields
    assert len(fields) == 2
    assert "anoniem" in fields[1].value and "Reden: Dubbel" in fields[0].value


# -- the session and its lessons ------------------------------------------------------------------
async def test_scheduling_warnings_reach_the_moderator_in_discord_too(cog, client, app, clock, lab):
    """Issue 16.13 in the Discord door: the same warnings as the console (same slot, past midnight,
    starting days before the date), in the moderator's reply."""
    i = inter(client, MOD, mod=True)
    await run(cog.plan, cog, i, "lab", "Tweede thema", "2027-03-11 19:30", "2027-03-12 00:30",
              link="https://example.org/lab2")
    content = reply(i)["content"] or ""
    assert "⚠" in content and "hetzelfde moment" in content and "middernacht" in content
    clock.set(lab.starts_at - dt.timedelta(days=3))
    start = inter(client, MOD, mod=True)
    await run(cog.start, cog, start, lab.id)
    assert "3 dagen te vroeg" in reply(start)["content"]


async def test_a_session_from_start_to_promoted_lesson(cog, client, app, clock, lab, tmp_path):
    items = [submit(app, lab, title=t_, text=f"Toelichting bij {t_.lower()}")
             for t_ in ("Complotvideo's in de klas", "Ouders die afhaken")]
    for item in items:
        app.intake_items.approve(MOD_REQ, item.id)
    clock.set(lab.starts_at)
    i = inter(client, MOD, mod=True)
    await run(cog.start, cog, i, lab.id)
    assert "is gestart" in reply(i)["content"]
    assert app.outbox.get(f"thread:{lab.id}") and app.outbox.get(f"agenda:{lab.id}")

    nxt = inter(client, MOD, mod=True)
    await run(cog.volgende, cog, nxt, lab.id)
    assert f"#{items[0].id}" in reply(nxt)["content"]
    note = inter(client, MOD, mod=True)
    await run(cog.notitie, cog, note, items[0].id, "Blijf in gesprek, vraag door naar de bron van de video.")
    assert "Notitie #1" in reply(note)["embed"].description
    expert = inter(client, MOD, mod=True)
    lid = MagicMock(spec=discord.Member, id=31)
    await run(cog.expert, cog, expert, lab.id, items[0].id, lid)
    assert app.outbox.get(f"expert:{items[0].id}")["status"] == "pending"
    for _ in range(2):
        await run(cog.volgende, cog, inter(client, MOD, mod=True), lab.id)
    assert [app.intake_items.get(x.id).status for x in items] == ["discussed", "discussed"]

    close = inter(client, MOD, mod=True)
    await run(cog.sluit, cog, close, lab.id)
    kwargs = reply(close)
    assert "1 conceptles" in kwargs["content"]
    lesson = app.lessons.for_session(lab.id)[0]
    assert custom_ids(kwargs["view"]) == [f"labbot:les:approve:{lesson['id']}",
                                          f"labbot:les:edit:{lesson['id']}"]

    edit_click = inter(client, MOD, mod=True)
    await LessonAction("edit", lesson["id"]).callback(edit_click)
    modal = edit_click.response.send_modal.await_args.args[0]
    assert modal.title_input.default == lesson["title"]
    await LessonAction("approve", lesson["id"]).callback(inter(client, MOD, mod=True))
    publish = inter(client, MOD, mod=True)
    await run(cog.lessen_publiceer, cog, publish, lab.id)
    assert "1 les wordt" in reply(publish)["content"]
    promote = inter(client, MOD, mod=True)
    await run(cog.promoveer, cog, promote, lesson["id"])
    assert str(tmp_path / "drafts") in reply(promote)["content"]
    assert list((tmp_path / "drafts").glob("les-*.md"))


async def test_next_by_a_member_changes_nothing(cog, client, app, clock, lab):
    item = submit(app, lab)
    app.intake_items.approve(MOD_REQ, item.id)
    clock.set(lab.starts_at)
    app.sessions.start(MOD_REQ, lab.id, [])
    app.sessions.set_current(MOD_REQ, lab.id, item.id, item.title)
    i = inter(client)
    await run(cog.volgende, cog, i, lab.id)
    assert "moderator" in reply(i)["content"]
    assert app.intake_items.get(item.id).status == "approved"


async def test_lessons_and_their_edit_form_are_for_moderators(cog, client, lab):
    i = inter(client)
    await run(cog.lessen, cog, i, lab.id)
    assert "moderator" in reply(i)["content"]
    j = inter(client)
    await run(cog.les_bewerk, cog, j, 1)
    j.response.send_modal.assert_not_awaited()


# -- autocomplete ---------------------------------------------------------------------------------
async def test_session_and_item_autocomplete(client, app, lab):
    pending = submit(app, lab)
    approved = submit(app, lab, title="Ouders die afhaken")
    app.intake_items.approve(MOD_REQ, approved.id)
    choices = await sessions_autocomplete(inter(client), "compl")
    assert [c.value for c in choices] == [lab.id] and len(choices[0].name) <= 100
    assert await sessions_autocomplete(inter(client), "onbekend") == []
    mod_items = await items_autocomplete(inter(client, MOD, mod=True, sessie=lab.id), "")
    assert {c.value for c in mod_items} == {pending.id, approved.id}
    member_items = await items_autocomplete(inter(client, sessie=lab.id), "")
    assert [c.value for c in member_items] == [approved.id]


# -- contracts: ids, texts, translations -----------------------------------------------------------
@pytest.mark.parametrize(("item", "custom_id"), [
    (VoteButton(123456789012, 7), "labbot:vote:123456789012"),
    (ItemAction("approve", 123456789012), "labbot:lab:approve:123456789012"),
    (MergeButton(123456789012, 123456789011), "labbot:lab:merge:123456789012:123456789011"),
    (LessonAction("edit", 123456789012), "labbot:les:edit:123456789012"),
])
def test_dynamic_items_round_trip_their_custom_ids(item, custom_id):
    assert item.custom_id == custom_id and len(custom_id) <= 100
    assert type(item).__discord_ui_compiled_template__.fullmatch(custom_id)
    assert type(item) in DYNAMIC_ITEMS


def _raised_keys() -> dict[str, set[str]]:
    """Every `lab.*` / `time.*` key used in bot/core, with the parameters passed along."""
    found: dict[str, set[str]] = {}
    for path in (REPO / "bot" / "core").rglob("*.py"):
        if path.relative_to(REPO).as_posix() == "bot/core/lab/texts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                key, params = node.args[0].value, {k.arg for k in node.keywords if k.arg}
            elif (isinstance(node, ast.Tuple) and len(node.elts) == 2
                  and isinstance(node.elts[0], ast.Constant) and isinstance(node.elts[1], ast.Dict)):
                key = node.elts[0].value
                params = {k.value for k in node.elts[1].keys if isinstance(k, ast.Constant)}
            else:
                continue
            if isinstance(key, str) and re.fullmatch(r"(lab|time)\.[a-z_]+", key):
                found.setdefault(key, set()).update(params)
    return found


def forms(text) -> list[str]:
    """A text, or its plural forms."""
    return list(text.values()) if isinstance(text, dict) else [text]


def test_every_lab_key_raised_in_core_has_dutch_and_english_text():
    keys = _raised_keys()
    assert len(keys) >= 40
    for key, params in keys.items():
        assert key in MESSAGES, f"no text for {key}"
        for lang in ("nl", "en"):
            template = MESSAGES[key].get(lang)
            assert template, f"no {lang} text for {key}"
            needed = {f for form in forms(template) for _, f, _, _ in string.Formatter().parse(form) if f}
            assert needed <= params, f"{key} ({lang}) uses {needed - params}, not passed by the core"
            t(key, lang, **{p: "x" for p in params})


def test_every_lab_text_has_both_languages_and_valid_placeholders():
    from bot.core.lab.texts import LAB_MESSAGES

    for key, texts in LAB_MESSAGES.items():
        assert set(texts) == {"nl", "en"}, key
        fields = [{f for form in forms(v) for _, f, _, _ in string.Formatter().parse(form) if f}
                  for v in texts.values()]
        assert fields[0] == fields[1], f"{key}: Dutch and English use different placeholders"


def _lab_strings(cog) -> list[app_commands.locale_str]:
    found = []
    for group in cog.groups:
        found += [group._locale_name, group._locale_description]
        for cmd in group.commands:
            found += [cmd._locale_name, cmd._locale_description]
            for param in cmd._params.values():
                found += [param._rename, param.description] + [c._locale_name for c in (param.choices or [])]
    return [s for s in found if isinstance(s, app_commands.locale_str)]


def test_every_lab_command_string_has_an_english_translation(cog):
    from bot.discord_adapter.lab.translations import LAB_EN
    from bot.discord_adapter.translator import EN

    others = dict(EN)
    try:  # /plein's translations are merged into the same dict
        from bot.discord_adapter.plein.cog import EN_PLEIN
    except ImportError:
        EN_PLEIN = {}
    others.update(EN_PLEIN)
    clashes = {k for k in LAB_EN if k in others and others[k] != LAB_EN[k]}
    assert not clashes, f"translations that would change existing commands: {clashes}"
    merged = {**EN, **LAB_EN}
    for s in _lab_strings(cog):
        english = s.extras.get("en") or merged.get(s.message)
        assert english, f"no English for {s.message!r}"
        assert len(english) <= 100 and len(s.message) <= 100
    commands = [c for group in cog.groups for c in group.commands]
    names = [group.name for group in cog.groups] + [c.name for c in commands]
    names += [p.display_name for c in commands for p in c._params.values()]
    for name in names + [merged[n] for n in names if n in merged]:
        assert re.fullmatch(r"[-_a-z0-9]{1,32}", name), name


def test_texts_name_the_commands_in_the_member_language(cog):
    from bot.core.lab.texts import LAB_MESSAGES
    from bot.discord_adapter.lab.translations import LAB_EN

    dutch = {f"{g.name} {c.name}" for g in cog.groups for c in g.commands}
    english = {" ".join(LAB_EN[word] for word in name.split()) for name in dutch}
    for key, texts in LAB_MESSAGES.items():
        for lang, names in (("nl", dutch), ("en", english)):
            used = {name for form in forms(texts[lang])
                    for name in re.findall(r"(?<![\w/])/((?:lab|inbreng|sessie|contribution|session) [a-z-]+)", form)}
            assert used <= names, f"{key} ({lang}) names {used - names}"


async def test_two_members_with_the_intake_form_open_at_once_get_their_own_form(cog, client, lab):
    """discord.py keeps open modals by custom_id alone; each opening must get its own id."""
    first, second = inter(client), inter(client, MEMBER2)
    await run(cog.nieuw, cog, first, lab.id)
    await run(cog.nieuw, cog, second, lab.id)
    ids = {i.response.send_modal.await_args.args[0].custom_id for i in (first, second)}
    assert len(ids) == 2 and all(len(x) <= 100 for x in ids)
