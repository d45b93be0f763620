"""Every Labbot button and form builds on the one base in `bot.discord_adapter.items`, which
carries the error path once: a failing button or form answers the member privately."""

import importlib
import pkgutil

import discord

import bot.discord_adapter
from bot.core.errors import InvalidInput
from bot.discord_adapter.items import LabbotButton, LabbotModal
from tests.stubs import make_interaction, sent_kwargs


def adapter_classes() -> list[type]:
    for info in pkgutil.walk_packages(bot.discord_adapter.__path__, "bot.discord_adapter."):
        importlib.import_module(info.name)
    found, todo = [], [discord.ui.DynamicItem, discord.ui.Modal]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("bot.discord_adapter.") and sub.__module__ != "bot.discord_adapter.items":
                found.append(sub)
    return found


def test_every_button_and_form_uses_the_base():
    classes = adapter_classes()
    assert len(classes) >= 10
    stray = [c.__qualname__ for c in classes if not issubclass(c, LabbotButton | LabbotModal)]
    assert not stray, f"buttons/forms without the Labbot base (and its error path): {stray}"
    overridden = [c.__qualname__ for c in classes
                  if "callback" in vars(c) or "on_submit" in vars(c) or "on_error" in vars(c)]
    assert not overridden, f"implement act/submit instead: {overridden}"


class Failing(LabbotButton, template=r"labbot:test:fail"):
    def __init__(self) -> None:
        super().__init__(discord.ui.Button(label="x", custom_id="labbot:test:fail"))

    async def act(self, interaction):
        raise InvalidInput("error.query_empty")


class FailingForm(LabbotModal, title="x"):
    async def submit(self, interaction):
        raise RuntimeError("internal detail")


async def test_a_failing_button_and_form_answer_privately():
    inter = make_interaction(object())
    await Failing().callback(inter)
    kwargs = sent_kwargs(inter.response.send_message)
    assert kwargs["content"] == "Geef een zoekterm op." and kwargs["ephemeral"] is True
    inter = make_interaction(object())
    await FailingForm().on_submit(inter)
    kwargs = sent_kwargs(inter.response.send_message)
    assert "internal detail" not in kwargs["content"] and kwargs["ephemeral"] is True
