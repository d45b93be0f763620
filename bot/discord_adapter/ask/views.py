"""Persistent components. Dynamic items carry their state in the custom_id, so the buttons keep
working after a restart without any view registry (registered in `setup_hook`)."""

from __future__ import annotations

import re

import discord

from bot.core.i18n import t
from bot.discord_adapter.convert import NO_PINGS, context_of
from bot.discord_adapter.items import LabbotButton
from bot.discord_adapter.render import answer_embed
from bot.discord_adapter.results import register


class FeedbackButton(LabbotButton, template=r"labbot:fb:(?P<qid>\d{1,12}):(?P<v>[01])"):
    """"Nuttig" / "niet nuttig" under an answer. custom_id: labbot:fb:<question id>:<1|0>."""

    def __init__(self, question_id: int, helpful: bool, lang: str = "nl") -> None:
        super().__init__(discord.ui.Button(
            label=t("feedback.helpful" if helpful else "feedback.unhelpful", lang),
            style=discord.ButtonStyle.success if helpful else discord.ButtonStyle.secondary,
            emoji="👍" if helpful else "👎",
            custom_id=f"labbot:fb:{question_id}:{int(helpful)}",
        ))
        self.question_id = question_id
        self.helpful = helpful

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]):
        return cls(int(match["qid"]), match["v"] == "1")

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        changed = app.questions.feedback(req, self.question_id, self.helpful)
        await interaction.response.send_message(
            t("feedback.changed" if changed else "feedback.thanks", lang), ephemeral=True, allowed_mentions=NO_PINGS)


def feedback_view(question_id: int, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton(question_id, True, lang))
    view.add_item(FeedbackButton(question_id, False, lang))
    return view


def question_reply(answer, lang: str) -> dict:
    """The answer as an embed, with feedback buttons when there is an answer to rate."""
    reply = {"embed": answer_embed(answer, lang)}
    if answer.answered:
        reply["view"] = feedback_view(answer.question_id, lang)
    return reply


register("question", question_reply)
