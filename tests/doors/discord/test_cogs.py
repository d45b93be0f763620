"""Cogs and views called directly with spec'd discord.Interaction doubles."""

from types import SimpleNamespace

import discord
import pytest

from bot.core.errors import InvalidInput
from bot.core.store import T
from bot.discord_adapter.ask.cog import AskCog
from bot.discord_adapter.ask.views import FeedbackButton
from bot.discord_adapter.errors import send_error
from tests.stubs import make_interaction, semantic_kb, sent_kwargs

MOD_ROLE = 9001


@pytest.fixture
def client(app):
    return SimpleNamespace(app=app)


@pytest.fixture
def cog(client):
    return AskCog(client)


def assert_no_pings(kwargs):
    mentions = kwargs["allowed_mentions"]
    assert isinstance(mentions, discord.AllowedMentions)
    assert mentions.to_dict() == {"parse": []}


async def test_vraag_answers_privately_with_feedback_buttons(cog, client):
    inter = make_interaction(client)
    await cog.vraag.callback(cog, inter, "eerste stappen bij zorgen")
    kwargs = sent_kwargs(inter.response.send_message)
    assert kwargs["ephemeral"] is True
    assert_no_pings(kwargs)
    embed = kwargs["embed"]
    assert embed.title.startswith("Zorgen over radicalisering")
    ids = [item.custom_id for item in kwargs["view"].children]
    qid = client.app.db[T.questions].count
    assert ids == [f"labbot:fb:{qid}:1", f"labbot:fb:{qid}:0"]
    assert kwargs["view"].timeout is None
    assert all(len(i) <= 100 for i in ids)


async def test_vraag_without_answer_says_so_without_buttons(cog, client):
    inter = make_interaction(client, locale=discord.Locale.american_english)
    await cog.vraag.callback(cog, inter, "parkeerplekken gemeentehuis bakfiets")
    kwargs = sent_kwargs(inter.response.send_message)
    assert "don't have a good answer" in kwargs["embed"].description
    assert kwargs.get("view", discord.utils.MISSING) is discord.utils.MISSING  # no buttons
    assert_no_pings(kwargs)


async def test_vraag_bad_input_raises_domain_error_for_the_handler(cog, client):
    inter = make_interaction(client)
    with pytest.raises(InvalidInput):
        await cog.vraag.callback(cog, inter, "   ")
    inter.response.send_message.assert_not_awaited()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [(discord.Locale.dutch, "Je vraag is leeg"), (discord.Locale.british_english, "Your question is empty")],
)
async def test_error_handler_sends_friendly_private_text(client, locale, expected):
    inter = make_interaction(client, locale=locale)
    await send_error(inter, discord.app_commands.CommandInvokeError(
        command=SimpleNamespace(name="vraag"), e=InvalidInput("error.question_empty")))
    kwargs = sent_kwargs(inter.response.send_message)
    assert kwargs["content"].startswith(expected) and kwargs["ephemeral"] is True
    assert_no_pings(kwargs)


async def test_error_handler_hides_unexpected_exceptions(client, caplog):
    inter = make_interaction(client)
    inter.response.is_done.return_value = True
    await send_error(inter, RuntimeError("secret internals"))
    kwargs = sent_kwargs(inter.followup.send)
    assert "secret internals" not in kwargs["content"] and "Traceback" not in kwargs["content"]
    assert_no_pings(kwargs)


async def test_feedback_button_records_and_confirms(cog, client):
    await cog.vraag.callback(cog, make_interaction(client, user_id=5), "eerste stappen bij zorgen")
    qid = client.app.db[T.questions].count
    inter = make_interaction(client, user_id=5)
    match = FeedbackButton.__discord_ui_compiled_template__.fullmatch(f"labbot:fb:{qid}:0")
    button = await FeedbackButton.from_custom_id(inter, None, match)
    await button.callback(inter)
    kwargs = sent_kwargs(inter.response.send_message)
    assert kwargs["ephemeral"] is True
    assert_no_pings(kwargs)
    row = next(client.app.db[T.feedback].rows)
    assert row["helpful"] == 0 and row["author_id"] == client.app.identity.pseudonym("discord:5")


async def test_feedback_on_vanished_question_is_friendly(client):
    inter = make_interaction(client)
    await FeedbackButton(424242, True).callback(inter)
    kwargs = sent_kwargs(inter.response.send_message)
    assert "424242" in kwargs["content"] and kwargs["ephemeral"] is True


async def test_kennis_toon_hides_moderator_entries_from_members(cog, client):
    from bot.core.errors import NotFound

    with pytest.raises(NotFound):
        await cog.toon.callback(cog, make_interaction(client), "moderator-draaiboek")
    inter = make_interaction(client, role_ids=[MOD_ROLE])
    await cog.toon.callback(cog, inter, "moderator-draaiboek")
    assert sent_kwargs(inter.response.send_message)["embed"].footer.text.startswith("moderator-draaiboek")


async def test_autocomplete_offers_titles_the_member_may_see(cog, client):
    choices = await cog.toon_autocomplete(make_interaction(client), "complot")
    assert choices and choices[0].value == "complotdenken"
    everything = await cog.toon_autocomplete(make_interaction(client), "")
    assert "moderator-draaiboek" not in [c.value for c in everything]


async def test_kennis_zoek_escapes_the_query(cog, client):
    inter = make_interaction(client)
    await cog.zoek.callback(cog, inter, "@everyone onbekend **xyz**")
    kwargs = sent_kwargs(inter.response.send_message)
    assert "@everyone" not in kwargs["content"] and "\\*\\*" in kwargs["content"]
    assert_no_pings(kwargs)


async def test_translator_localises_commands_to_english():
    from discord import app_commands

    from bot.discord_adapter.translator import LabbotTranslator

    tr = LabbotTranslator()
    ctx_cmd = app_commands.TranslationContext(app_commands.TranslationContextLocation.command_name, None)
    ctx_par = app_commands.TranslationContext(app_commands.TranslationContextLocation.parameter_name, None)
    assert await tr.translate(app_commands.locale_str("vraag"), discord.Locale.american_english, ctx_cmd) == "ask"
    assert await tr.translate(app_commands.locale_str("vraag"), discord.Locale.british_english, ctx_par) == "question"
    assert await tr.translate(app_commands.locale_str("vraag"), discord.Locale.dutch, ctx_cmd) is None


@pytest.mark.parametrize(("command", "text", "check"), [
    ("vraag", "Wat doe ik bij zorgen over radicalisering van een leerling?",
     lambda kw: kw["embed"].title.startswith("Zorgen over radicalisering")),
    ("zoek", "radicalisering leerling", lambda kw: bool(kw["embed"].fields)),
])
async def test_with_semantic_ranking_the_door_defers_and_encodes_off_the_event_loop(app, client, command, text,
                                                                                      check):
    """Issue 13: encoding a question takes tens of ms; /vraag and /kennis zoek defer and encode in a
    worker thread, and the answer is the same as the core's."""
    import threading
    from unittest.mock import AsyncMock

    emb = semantic_kb(app)
    cog = AskCog(client)
    inter = make_interaction(client)
    inter.response.defer = AsyncMock(side_effect=lambda **kw: inter.response.is_done.configure_mock(return_value=True))
    await getattr(cog, command).callback(cog, inter, text)
    inter.response.defer.assert_awaited_once()
    assert emb.threads and threading.get_ident() not in emb.threads  # never on the loop's thread
    kwargs = sent_kwargs(inter.followup.send)
    assert kwargs["ephemeral"] is True and check(kwargs)
    assert_no_pings(kwargs)
