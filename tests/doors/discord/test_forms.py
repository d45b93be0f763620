"""The restart path for open forms: discord.py's modal dispatch, wrapped by Labbot
(`install_expired_form_reply`), replies to a form that outlived a restart and leaves the rest alone."""

import asyncio

import discord
import pytest

from bot.discord_adapter.forms import install_expired_form_reply, modal_id
from tests.stubs import make_interaction


@pytest.fixture
async def client():
    bot = discord.Client(intents=discord.Intents.none())
    bot.loop = asyncio.get_running_loop()  # what login() sets; no network here
    yield bot
    await bot.close()


def recorded_dispatch(client) -> list[str]:
    store = client._connection._view_store
    seen: list[str] = []
    store.dispatch_modal = lambda custom_id, interaction, components, resolved: seen.append(custom_id)
    return seen


async def test_form_that_outlived_a_restart_gets_the_expired_reply(client):
    seen = recorded_dispatch(client)
    assert install_expired_form_reply(client)
    inter = make_interaction(client)
    client._connection._view_store.dispatch_modal(modal_id("labbot:lab:inbreng:3"), inter, [], {})
    await asyncio.sleep(0)
    assert seen == []
    args, kwargs = inter.response.send_message.await_args
    assert args[0].startswith("Dit formulier is verlopen") and kwargs["ephemeral"] is True
    assert kwargs["allowed_mentions"].everyone is False


async def test_open_forms_and_foreign_forms_dispatch_as_before(client):
    seen = recorded_dispatch(client)
    install_expired_form_reply(client)
    store = client._connection._view_store
    open_id = modal_id("labbot:plein:trend")
    store._modals[open_id] = object()
    inter = make_interaction(client)
    store.dispatch_modal(open_id, inter, [], {})
    store.dispatch_modal("other-bot:form", inter, [], {})
    await asyncio.sleep(0)
    assert seen == [open_id, "other-bot:form"] and inter.response.send_message.await_count == 0


async def test_installing_twice_wraps_once(client):
    seen = recorded_dispatch(client)
    install_expired_form_reply(client)
    first = client._connection._view_store.dispatch_modal
    assert install_expired_form_reply(client)
    assert client._connection._view_store.dispatch_modal is first
    client._connection._view_store.dispatch_modal("other-bot:form", make_interaction(client), [], {})
    assert seen == ["other-bot:form"]


def test_changed_internals_leave_dispatch_alone(caplog):
    class Bare:
        _connection = None

    assert install_expired_form_reply(Bare()) is False
    assert "expired forms will not get a reply" in caplog.text
