"""Lessons after a session: the moderators' buttons and edit form (split from lab/views.py)."""

from __future__ import annotations

import logging
import re

import discord

from bot.core.i18n import t
from bot.core.publish import public_text
from bot.core.text import shorten
from bot.discord_adapter.convert import context_of
from bot.discord_adapter.forms import modal_id
from bot.discord_adapter.items import LabbotButton, LabbotModal
from bot.discord_adapter.lab.views import safe, update
from bot.discord_adapter.render import builder, to_embed
from bot.discord_adapter.replies import respond

log = logging.getLogger("labbot.discord")
LESSON_BUTTONS = 10


# -- lessons ---------------------------------------------------------------------------------------
class LessonAction(LabbotButton,
                   template=r"labbot:les:(?P<action>approve|edit):(?P<lesson>\d{1,12})"):
    def __init__(self, action: str, lesson_id: int, lang: str = "nl") -> None:
        style = discord.ButtonStyle.success if action == "approve" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=t(f"lab.button_lesson_{action}", lang, lesson_id=lesson_id),
                                           style=style, custom_id=f"labbot:les:{action}:{lesson_id}"))
        self.action = action
        self.lesson_id = lesson_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]):
        return cls(match["action"], int(match["lesson"]))

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        if self.action == "edit":
            await lesson_edit_modal(app, req, self.lesson_id, lang).show(interaction)
            return
        lesson = app.lessons.approve(req, self.lesson_id)
        await update(interaction, t("lab.lesson_approved", lang, lesson_id=self.lesson_id),
                     **lessons_message(app, req, app.sessions.get(lesson["session_id"]), lang))


def lesson_edit_modal(app, req, lesson_id: int, lang: str) -> LessonEditModal:
    """Checked by the service before the form opens: a draft is not for members' eyes, a published
    lesson is final."""
    return LessonEditModal(app.lessons.editable(req, lesson_id), lang)


class LessonEditModal(LabbotModal):
    def __init__(self, lesson: dict, lang: str) -> None:
        super().__init__(title=shorten(t("lab.lesson_edit_title", lang, lesson_id=lesson["id"]), 45),
                         timeout=900, custom_id=modal_id(f"labbot:les:editform:{lesson['id']}"))
        self.lesson_id = lesson["id"]
        self.title_input = discord.ui.TextInput(label=t("lab.field_title", lang), max_length=200,
                                                default=lesson["title"][:200], custom_id="title")
        self.text = discord.ui.TextInput(label=t("lab.field_text", lang), style=discord.TextStyle.paragraph,
                                         default=(lesson["text"] or "")[:1500] or None, max_length=1500,
                                         custom_id="text")
        self.add_item(self.title_input)
        self.add_item(self.text)

    async def submit(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        app.lessons.edit(req, self.lesson_id, self.title_input.value, self.text.value)
        await respond(interaction, t("lab.lesson_edited", lang, lesson_id=self.lesson_id))


def lessons_message(app, req, session, lang: str) -> dict:
    lessons = app.lessons.drafts(req, session.id)  # moderators only: the service checks
    title = t("lab.lessons_title", lang, theme=public_text(session.theme, 150), session_id=session.id)
    b = builder(title, "" if lessons else t("lab.lessons_empty", lang), lang=lang)
    view = discord.ui.View(timeout=None)
    for lesson in lessons:
        status = t(f"lab.lesson_status.{lesson['status']}", lang)
        b.field(f"#{lesson['id']} · {safe(lesson['title'], 200)} ({status})", safe(lesson["text"] or "", 300))
    editable = [r for r in lessons if r["status"] != "published"][:LESSON_BUTTONS]
    for lesson in editable:
        if lesson["status"] == "draft":
            view.add_item(LessonAction("approve", lesson["id"], lang))
        view.add_item(LessonAction("edit", lesson["id"], lang))
    return {"embed": to_embed(b.build()), "view": view if view.children else None}


#: for `bot.add_dynamic_items(...)` in `setup_hook`
