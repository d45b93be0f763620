"""A form is used once, and a member has only a few forms open (issue 19 point 8, issue 17 point 11).

The intake form submitted twice at once (a double click, a client retry) used to store two items;
a member could keep any number of forms open in the bot's memory."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest

from bot.core.store import T
from bot.discord_adapter.items import MAX_OPEN_FORMS, LabbotModal
from tests.doors.discord.lab.test_e2e import LabTestBot, open_intake_form, world  # noqa: F401
from tests.stubs import make_interaction

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.e2e
async def test_point19_8_intake_form_submitted_twice_stores_one_item(world):  # noqa: F811
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        custom_id = (await open_intake_form(fake, app, bot))["custom_id"]
        fields = {"title": "Dubbel verstuurd", "text": "Wat doe ik als een collega twijfelt over melden?",
                  "sector": "zorg", "anonymous": ["nee"]}
        first, second = await asyncio.gather(
            fake.modal_submit(custom_id, fields=fields, user_id=fake.member),
            fake.modal_submit(custom_id, fields=fields, user_id=fake.member))
        replies = [await fake.wait_for_response(first), await fake.wait_for_response(second)]
        await asyncio.sleep(0.2)
    assert app.db[T.items].count == 1
    assert any("al verstuurd" in (r.get("data") or {}).get("content", "") for r in replies)


async def test_point19_8_a_form_stores_once_even_when_submitted_again():
    calls = []

    class Form(LabbotModal, title="t"):
        async def submit(self, interaction):
            calls.append(interaction)
            await asyncio.sleep(0)  # a real submit awaits Discord before it stores

    form = Form()
    client = type("C", (), {})()
    one, two = make_interaction(client), make_interaction(client)
    await asyncio.gather(form.on_submit(one), form.on_submit(two))
    assert calls == [one]
    assert two.response.send_message.await_count == 1


async def test_point11_open_forms_per_member_are_capped():
    class Form(LabbotModal, title="t"):
        pass

    client = type("C", (), {})()
    forms = [Form() for _ in range(MAX_OPEN_FORMS + 2)]
    for form in forms:
        inter = make_interaction(client, user_id=31337)
        inter.response.send_modal = _async_noop
        await form.show(inter)
    open_now = [f for f in forms if not f.is_finished()]
    assert open_now == forms[-MAX_OPEN_FORMS:]  # the oldest were closed
    assert len(LabbotModal.open_forms[31337]) == MAX_OPEN_FORMS
    other = Form()
    inter = make_interaction(client, user_id=4040)
    inter.response.send_modal = _async_noop
    await other.show(inter)
    assert not other.is_finished() and not forms[-1].is_finished()  # another member is not affected


async def _async_noop(*args, **kwargs):
    return None


def test_every_form_is_opened_through_show():
    """`send_modal` only in the base, so no form escapes the cap."""
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "bot").rglob("*.py")
                 if "send_modal(" in p.read_text(encoding="utf-8") and p.name != "items.py"]
    assert offenders == []


def test_discord_modal_api_is_what_the_base_expects():
    assert hasattr(discord.ui.Modal, "is_finished") and hasattr(discord.ui.Modal, "stop")


async def test_point19_8_a_text_held_by_the_guard_keeps_the_form_used():
    from bot.core.errors import InvalidInput
    from bot.core.guard import PersonalDataFound

    outcomes = [InvalidInput("lab.item_empty"), PersonalDataFound("token-abcdefgh", [])]

    class Form(LabbotModal, title="t"):
        async def submit(self, interaction):
            raise outcomes.pop(0)

    form = Form()
    client = type("C", (), {})()
    await form.on_submit(make_interaction(client))
    assert form.used is False  # refused before storing: the member may send it again
    await form.on_submit(make_interaction(client))
    assert form.used is True   # held for the privacy choice: a second submit would hold it twice
