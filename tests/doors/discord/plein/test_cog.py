"""/plein in Discord: the cog and its form called with spec'd Interaction doubles, and end to end
through the fake Discord (`/plein deel` -> form -> submit -> stored), payloads checked against
the contract."""

import dataclasses
import re
from types import SimpleNamespace
from unittest.mock import AsyncMock

import discord
import pytest

from bot.core.errors import InvalidInput, NotAllowed
from bot.core.store import T
from bot.discord_adapter.plein.cog import EN_PLEIN, PleinCog
from bot.discord_adapter.plein.views import TrendModal, result_reply
from tests.core.plein.support import MODERATOR, make_plein, share
from tests.stubs import make_interaction, sent_kwargs

PARTNER_ROLE = 9002
MOD_ROLE = 9001
SECRET = "Alleen voor moderatoren: signaal bij een beveiligde locatie."


@pytest.fixture
def client(app):
    app.settings = dataclasses.replace(app.settings, partner_role_ids=frozenset({PARTNER_ROLE}))
    make_plein(app)
    return SimpleNamespace(app=app)


@pytest.fixture
def cog(client):
    return PleinCog(client)


def inter_for(client, *, role=PARTNER_ROLE, user_id=4242, locale=discord.Locale.dutch):
    inter = make_interaction(client, user_id=user_id, role_ids=[role] if role else [], locale=locale)
    inter.response.send_modal = AsyncMock()
    inter.response.defer = AsyncMock()
    return inter


def assert_no_pings(kwargs):
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}


async def open_form(cog, client, **options):
    inter = inter_for(client)
    await cog.deel.callback(cog, inter, options.pop("gemeente", "Alkmaar"), options.pop("thema", "polarisatie"),
                            **options)
    inter.response.send_modal.assert_awaited_once()
    return inter.response.send_modal.await_args.args[0]


async def submit(modal, client, seen, since="", helps="", **kwargs):
    modal.seen._value, modal.since._value, modal.helps._value = seen, since, helps
    inter = inter_for(client, **kwargs)
    await modal.on_submit(inter)
    return sent_kwargs(inter.response.send_message)


async def test_deel_opens_the_form_after_checking_the_choices(cog, client):
    modal = await open_form(cog, client, gemeente="heerhugowaard", richting="rising", anoniem=True)
    assert isinstance(modal, TrendModal) and modal.title == "Trend delen: Dijk en Waard"
    assert modal.payload == {"municipality": "Dijk en Waard", "theme": "polarisatie", "since": "",
                             "direction": "rising", "sensitivity": "network", "anonymous": True}
    assert [c.component.custom_id for c in modal.children] == ["plein:seen", "plein:since", "plein:helps"]
    assert all(len(c.text) <= 45 and len(c.description) <= 100 for c in modal.children) and len(modal.title) <= 45


async def test_form_submit_stores_the_trend_and_confirms_privately(cog, client):
    modal = await open_form(cog, client)
    kwargs = await submit(modal, client, "Meer spanning in de klas na nieuws over een conflict.", "maart 2026",
                          "Klassengesprekken.")
    assert kwargs["ephemeral"] is True
    assert_no_pings(kwargs)
    assert "is gedeeld met het netwerk" in kwargs["embed"].description
    row = next(client.app.db[T.trends].rows)
    assert (row["municipality"], row["since"], row["helps"]) == ("Alkmaar", "2026-03", "Klassengesprekken.")


async def test_personal_data_in_the_form_gets_the_privacy_choice(cog, client):
    modal = await open_form(cog, client)
    kwargs = await submit(modal, client, "Zorgen over een leerling, bel 06-12345678.")
    assert "persoonsgegevens" in kwargs["content"] and kwargs["ephemeral"] is True
    assert {c.custom_id.rsplit(":", 1)[1] for c in kwargs["view"].children} == {"anonymise", "edit", "cancel"}
    assert client.app.db[T.trends].count == 0


async def test_members_and_bad_choices_get_an_error_before_the_form(cog, client):
    with pytest.raises(NotAllowed):
        await cog.deel.callback(cog, inter_for(client, role=None), "Alkmaar", "polarisatie")
    inter = inter_for(client)
    with pytest.raises(InvalidInput) as err:
        await cog.deel.callback(cog, inter, "Almaar", "polarisatie")
    assert err.value.params["suggestions"] == "Alkmaar"
    inter.response.send_modal.assert_not_awaited()


async def test_overzicht_respects_sensitivity_and_shows_only_named_authors(cog, client):
    plein = client.app.plein
    share(plein, plein_req(4242))
    share(plein, plein_req(4343), municipality="Zaanstad", anonymous=True)
    share(plein, plein_req(4242), municipality="Haarlem", seen=SECRET, sensitivity="moderatoren")
    member = inter_for(client, role=None)
    await cog.overzicht.callback(cog, member, None, None, "alles")
    kwargs = sent_kwargs(member.response.send_message)
    text = kwargs["embed"].description
    assert SECRET not in text and "<@4242>" in text and "<@4343>" not in text
    assert kwargs["ephemeral"] is True
    assert_no_pings(kwargs)
    moderator = inter_for(client, role=MOD_ROLE)
    await cog.overzicht.callback(cog, moderator, "polarisatie", "Kennemerland", "30d")
    assert SECRET[:30] in sent_kwargs(moderator.response.send_message)["embed"].description


def plein_req(user_id):
    from bot.core.models import Privilege, Request

    return Request(user_id=f"discord:{user_id}", privilege=Privilege.PARTNER)


async def test_mijn_bijwerken_and_intrekken(cog, client):
    trend = share(client.app.plein, plein_req(4242))
    inter = inter_for(client)
    await cog.mijn.callback(cog, inter)
    assert f"#{trend.id}" in sent_kwargs(inter.response.send_message)["embed"].description
    inter = inter_for(client)
    await cog.bijwerken.callback(cog, inter, trend.id, "falling")
    modal = inter.response.send_modal.await_args.args[0]
    assert modal.seen.default == trend.seen and modal.payload == {"trend_id": trend.id, "direction": "falling"}
    kwargs = await submit(modal, client, "Het neemt weer af sinds de zomer.")
    assert "bijgewerkt" in kwargs["embed"].description
    assert client.app.db[T.trends].get(trend.id)["direction"] == "falling"
    with pytest.raises(NotAllowed):
        await cog.intrekken.callback(cog, inter_for(client, user_id=999), trend.id)
    inter = inter_for(client)
    await cog.intrekken.callback(cog, inter, trend.id)
    assert "ingetrokken" in sent_kwargs(inter.response.send_message)["embed"].description


async def test_samenvoegen_and_beeld_are_for_moderators(cog, client):
    a, b = share(client.app.plein, plein_req(1)), share(client.app.plein, plein_req(2), municipality="Hoorn")
    with pytest.raises(NotAllowed):
        await cog.samenvoegen.callback(cog, inter_for(client), a.id, b.id)
    inter = inter_for(client, role=MOD_ROLE)
    await cog.samenvoegen.callback(cog, inter, a.id, b.id)
    assert "2 meldingen" in sent_kwargs(inter.response.send_message)["embed"].description
    member = inter_for(client)
    with pytest.raises(NotAllowed):
        await cog.beeld.callback(cog, member, None)
    member.response.defer.assert_not_awaited()
    inter = inter_for(client, role=MOD_ROLE)
    await cog.beeld.callback(cog, inter, None)
    inter.response.defer.assert_awaited_once()
    last = inter.followup.send.await_args
    assert last.kwargs["file"].filename == "informatieplein-beeld.png" and last.kwargs["ephemeral"] is True
    assert all(len(c.args[0]) <= 2000 for c in inter.followup.send.await_args_list)
    assert_no_pings(last.kwargs)


async def test_autocomplete(cog, client):
    assert [c.value for c in await cog.gemeente_autocomplete(inter_for(client), "haar")][:2] == [
        "Haarlem", "Haarlemmermeer"]
    assert len(await cog.gemeente_autocomplete(inter_for(client), "")) == 25
    themes = await cog.thema_autocomplete(inter_for(client, locale=discord.Locale.american_english), "conspi")
    assert themes[0].value == "complotdenken" and themes[0].name == "Conspiracy thinking"
    assert (await cog.regio_autocomplete(inter_for(client), "kenn"))[0].value == "ken"
    mine = share(client.app.plein, plein_req(4242))
    share(client.app.plein, plein_req(5555), municipality="Hoorn")
    assert [c.value for c in await cog.own_trend_autocomplete(inter_for(client), "")] == [mine.id]


def test_privacy_flow_renderer_for_trends_and_perspectives(client, app):
    trend = share(app.plein, plein_req(1))
    reply = result_reply(trend, "en")
    assert "is shared with the network" in reply["embed"].description
    assert isinstance(reply["view"], discord.ui.View) and not reply["view"].children
    from tests.core.plein.support import add_session

    p = app.plein.add_perspective(MODERATOR, add_session(app), None, "Ouderavonden werken goed.")
    assert "#" + str(p.id) in result_reply(p, "nl")["embed"].description


def test_english_names_are_valid_discord_names():
    names = {"share", "overview", "mine", "update", "withdraw", "merge", "picture", "municipality", "theme",
             "direction", "visible-to", "anonymous", "region", "period", "trend", "into", "since"}
    assert names <= set(EN_PLEIN.values())
    for value in names:
        assert re.fullmatch(r"[-_a-z0-9]{1,32}", value)
    assert all(len(v) <= 100 for v in EN_PLEIN.values())


# -- end to end through the fake Discord -----------------------------------------------------------
class PleinBot:
    """The real LabbotBot (client.py adds the plein cog)."""

    @staticmethod
    def make(app):
        from bot.discord_adapter.client import LabbotBot

        return LabbotBot(app)


@pytest.mark.e2e
async def test_plein_deel_form_submit_stores_e2e(fake_discord, client, app):
    from fakediscord import payloads as P

    role_id = fake_discord.snowflake()
    fake_discord.roles.append(P.role(role_id, "partner", position=1, permissions=P.EVERYONE_PERMISSIONS))
    partner = int(fake_discord.add_user("partner", roles=[role_id])["id"])
    app.settings = dataclasses.replace(app.settings, partner_role_ids=frozenset({role_id}))
    bot = PleinBot.make(app)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        synced = await fake_discord.wait_for("PUT", r"/applications/\d+/guilds/\d+/commands")
        assert "plein" in {c["name"] for c in synced.json}
        iid = await fake_discord.slash_command("plein deel", {"gemeente": "Alkmaar", "thema": "polarisatie"},
                                               user_id=partner)
        opened = await fake_discord.wait_for_response(iid)
        assert opened["type"] == 9 and len(opened["data"]["title"]) <= 45
        sid = await fake_discord.modal_submit(fields={"plein:seen": "Meer spanning op scholen.",
                                                      "plein:since": "2026-03", "plein:helps": ""}, user_id=partner)
        reply = await fake_discord.wait_for_response(sid)
        assert reply["type"] == 4 and reply["data"]["flags"] & 64
        assert reply["data"]["allowed_mentions"] == {"parse": []}
        assert "gedeeld" in reply["data"]["embeds"][0]["description"]

        denied = await fake_discord.slash_command("plein deel", {"gemeente": "Alkmaar", "thema": "online"})
        data = (await fake_discord.wait_for_response(denied))["data"]
        assert data["flags"] & 64 and "partner" in data["content"]
    row = next(app.db[T.trends].rows)
    assert (row["municipality"], row["theme"], row["since"], row["seen"]) == (
        "Alkmaar", "polarisatie", "2026-03", "Meer spanning op scholen.")
    assert row["author_key"] == f"discord:{partner}" and app.db[T.trends].count == 1


@pytest.fixture
def wired(monkeypatch, app):
    """The integration snippets for Labbot.intake and RESULT_RENDERERS, applied for this test."""
    from bot.discord_adapter.results import RESULT_RENDERERS

    handlers = {"trend": lambda r, f: app.plein.intake(r, f),
                "perspective": lambda r, f: app.plein.add_perspective(r, f.get("session_id"), f.get("theme"), r.text)}
    monkeypatch.setattr(app, "intake", lambda kind, req, fields=None: handlers[kind](req, fields or {}))
    monkeypatch.setitem(RESULT_RENDERERS, "trend", result_reply)
    monkeypatch.setitem(RESULT_RENDERERS, "perspective", result_reply)
    return app


async def running_partner(fake_discord, app):
    from fakediscord import payloads as P

    role_id = fake_discord.snowflake()
    fake_discord.roles.append(P.role(role_id, "partner", position=1, permissions=P.EVERYONE_PERMISSIONS))
    partner = int(fake_discord.add_user("partner", roles=[role_id])["id"])
    app.settings = dataclasses.replace(app.settings, partner_role_ids=frozenset({role_id}))
    return partner


def buttons(data):
    return [c["custom_id"] for row in data.get("components", []) for c in row["components"]]


@pytest.mark.e2e
@pytest.mark.parametrize("choice", ["anonymise", "edit"])
async def test_personal_data_in_the_form_then_the_members_choice_e2e(fake_discord, client, wired, choice):
    app = wired
    partner = await running_partner(fake_discord, app)
    bot = PleinBot.make(app)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        iid = await fake_discord.slash_command("plein deel", {"gemeente": "Zaanstad", "thema": "online"},
                                               user_id=partner)
        await fake_discord.wait_for_response(iid)
        sid = await fake_discord.modal_submit(fields={"plein:seen": "Leerling benaderd, mentor 06-12345678.",
                                                      "plein:helps": "Bel 06-12345678 voor overleg."},
                                              user_id=partner)
        prompt = (await fake_discord.wait_for_response(sid))["data"]
        assert "persoonsgegevens" in prompt["content"] and app.db[T.trends].count == 0
        click = await fake_discord.button_click(next(b for b in buttons(prompt) if b.endswith(":" + choice)),
                                                user_id=partner)
        reply = await fake_discord.wait_for_response(click)
        if choice == "edit":
            assert reply["type"] == 9  # the edit form, with both texts and the marker between them
            sid = await fake_discord.modal_submit(fields={"Tekst zonder persoonsgegevens": "Leerling benaderd door een groep.\n\n"
                                                                  "--- wat helpt ---\nOverleg met de mentor."},
                                                  user_id=partner)
            reply = await fake_discord.wait_for_response(sid)
            assert reply["type"] == 4
        else:
            assert reply["type"] == 7 and reply["data"]["components"] == []  # prompt replaced, buttons gone
        assert "gedeeld" in reply["data"]["embeds"][0]["description"]
    row = next(app.db[T.trends].rows)
    assert "12345678" not in row["seen"] + row["helps"] and row["municipality"] == "Zaanstad"
    if choice == "edit":
        assert (row["seen"], row["helps"]) == ("Leerling benaderd door een groep.", "Overleg met de mentor.")


@pytest.mark.e2e
async def test_english_localisations_pass_the_contract_e2e(monkeypatch, fake_discord, client, app):
    from bot.discord_adapter import translator

    monkeypatch.setattr(translator, "EN", {**translator.EN, **EN_PLEIN})  # the translator snippet
    bot = PleinBot.make(app)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        record = await fake_discord.wait_for("PUT", r"/applications/\d+/guilds/\d+/commands")
    plein = next(c for c in record.json if c["name"] == "plein")
    subs = {o["name"]: o for o in plein["options"]}
    assert subs["deel"]["name_localizations"]["en-US"] == "share"
    options = {o["name"]: o for o in subs["deel"]["options"]}
    assert options["zichtbaar"]["name_localizations"]["en-GB"] == "visible-to"
    assert options["richting"]["choices"][0]["name_localizations"]["en-US"] == "rising"
    assert options["gemeente"]["autocomplete"] is True
