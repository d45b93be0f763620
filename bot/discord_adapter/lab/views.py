"""Buttons and forms of the living lab, and the messages that carry them.

Buttons are dynamic items: their state (item or lesson id, action) lives in the custom_id, so they
keep working after a restart (registered with `add_dynamic_items` in `setup_hook`). Forms (modals)
are short-lived by nature: a form opened before a restart cannot be submitted after it.

custom_ids (all under 100 characters):
    labbot:vote:<item>                          vote toggle under a posted item
    labbot:lab:<claim|approve|reject>:<item>    the moderators' queue
    labbot:lab:merge:<source>:<target>          merge suggestion in the queue
    labbot:les:<approve|edit>:<lesson>          lessons after a session
"""

from __future__ import annotations

import logging
import re

import discord

from bot.core.i18n import t
from bot.core.models import Privilege
from bot.core.publish import public_text
from bot.core.text import shorten
from bot.discord_adapter.convert import NO_PINGS, context_of, privilege_of
from bot.discord_adapter.forms import modal_id
from bot.discord_adapter.items import LabbotButton, LabbotModal
from bot.discord_adapter.render import builder, to_embed
from bot.discord_adapter.replies import respond
from bot.discord_adapter.results import register
from bot.discord_adapter.slow import encode_ahead

log = logging.getLogger("labbot.discord")
QUEUE_BUTTON_ITEMS = 4    # rows 0-3: claim / approve / reject; row 4: merge suggestions
QUEUE_LISTED = 10


# -- replies --------------------------------------------------------------------------------------
async def update(interaction: discord.Interaction, content: str | None = None, **kwargs) -> None:
    """Replace the message the button sat on (the queue, the lesson list) in place."""
    kwargs.update(content=content, allowed_mentions=NO_PINGS)
    if interaction.response.is_done():
        await interaction.edit_original_response(**kwargs)
    else:
        await interaction.response.edit_message(**kwargs)


def safe(text: str, limit: int) -> str:
    """Member text for an embed: cut to `limit`, mentions broken, markdown escaped (keeps newlines)."""
    return public_text(text, limit, one_line=False)


# -- votes ------------------------------------------------------------------------------------------
class VoteButton(LabbotButton, template=r"labbot:vote:(?P<item>\d{1,12})"):
    """Toggles the member's vote; the label shows the count. The post is public, so its label is Dutch."""

    def __init__(self, item_id: int, count: int = 0) -> None:
        super().__init__(discord.ui.Button(label=t("lab.vote_button", "nl", count=count), emoji="▲",
                                           style=discord.ButtonStyle.primary,
                                           custom_id=f"labbot:vote:{item_id}"))
        self.item_id = item_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]):
        return cls(int(match["item"]))

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        voted, count = app.intake_items.toggle_vote(req, self.item_id)
        await interaction.response.edit_message(view=vote_view(self.item_id, count),
                                                allowed_mentions=NO_PINGS)
        note = t("lab.vote_added" if voted else "lab.vote_removed", lang, count=count)
        await interaction.followup.send(note, ephemeral=True, allowed_mentions=NO_PINGS)


def vote_view(item_id: int, count: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton(item_id, count))
    return view


async def approve_and_post(interaction: discord.Interaction, app, req, item_id: int, lang: str):
    item = app.intake_items.approve(req, item_id)  # the core queues the vote post in the outbox
    note = t("lab.done_approve", lang, item_id=item.id) + " " + t("lab.vote_posted", lang)
    return item, note


# -- the moderators' queue ------------------------------------------------------------------------
class ItemAction(LabbotButton,
                 template=r"labbot:lab:(?P<action>claim|approve|reject):(?P<item>\d{1,12})"):
    STYLES = {"claim": discord.ButtonStyle.secondary, "approve": discord.ButtonStyle.success,
              "reject": discord.ButtonStyle.danger}

    def __init__(self, action: str, item_id: int, lang: str = "nl", row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=t(f"lab.button_{action}", lang, item_id=item_id),
                                           style=self.STYLES[action], row=row,
                                           custom_id=f"labbot:lab:{action}:{item_id}"))
        self.action = action
        self.item_id = item_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]):
        return cls(match["action"], int(match["item"]))

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        if self.action == "reject":
            app.intake_items.can_moderate(req, self.item_id)  # before the moderator types a reason
            await RejectModal(self.item_id, lang).show(interaction)
            return
        if self.action == "claim":
            item = app.intake_items.claim(req, self.item_id)
            note = t("lab.done_claim", lang, item_id=item.id)
        else:
            await interaction.response.defer()
            item, note = await approve_and_post(interaction, app, req, self.item_id, lang)
        await update(interaction, note, **queue_message(app, req, item.session_id, lang))


class MergeButton(LabbotButton,
                  template=r"labbot:lab:merge:(?P<source>\d{1,12}):(?P<target>\d{1,12})"):
    def __init__(self, source: int, target: int, lang: str = "nl", row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=t("lab.button_merge", lang, source=source, target=target),
                                           style=discord.ButtonStyle.secondary, row=row,
                                           custom_id=f"labbot:lab:merge:{source}:{target}"))
        self.source = source
        self.target = target

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]):
        return cls(int(match["source"]), int(match["target"]))

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        target = app.intake_items.merge(req, self.source, self.target)
        note = t("lab.done_merge", lang, source=self.source, target=target.id, votes=target.votes)
        await update(interaction, note, **queue_message(app, req, target.session_id, lang))


def _claimed(item, viewer: str, lang: str, stale: bool = False) -> str:
    if not item.claimed_by:
        return ""
    if item.claimed_by == viewer:
        return t("lab.claimed_by_you", lang)
    who = f"<@{item.claimed_by[8:]}>" if item.claimed_by.startswith("discord:") else "?"
    return t("lab.claimed_stale" if stale else "lab.claimed_by", lang, who=who)


def merge_direction(a, b) -> tuple[int, int]:
    """(source, target): the item with more votes stays, on a tie the older one."""
    keep, drop = sorted((a, b), key=lambda i: (-i.votes, i.id))
    return drop.id, keep.id


def queue_message(app, req, session_id: int, lang: str) -> dict:
    """The pending items of a session with their buttons, and merge suggestions (the service
    checks that the asker is a moderator)."""
    queue = app.intake_items.queue(req, session_id)
    session = app.sessions.get(session_id)
    pending, approved = list(queue.pending), list(queue.approved)
    by_id = {i.id: i for i in pending + approved}
    lines = [t("lab.queue_approved", lang, count=len(approved))]
    if not pending:
        lines.insert(0, t("lab.queue_empty", lang))
    elif len(pending) > QUEUE_BUTTON_ITEMS:
        lines.append(t("lab.queue_more", lang, shown=QUEUE_BUTTON_ITEMS))
    if queue.stale_claims:
        lines.append(t("lab.queue_stale", lang, ids=", ".join(f"#{i}" for i in sorted(queue.stale_claims)[:10])))
    b = builder(t("lab.queue_title", lang, theme=public_text(session.theme, 150), session_id=session.id),
                "\n".join(lines), lang=lang)
    view = discord.ui.View(timeout=None)
    for n, item in enumerate(pending[:QUEUE_LISTED]):
        facts = [safe(item.sector, 60) or t("lab.no_sector", lang), t("lab.votes", lang, count=item.votes),
                 _claimed(item, req.user_id, lang, item.id in queue.stale_claims)]
        b.field(f"#{item.id} · {safe(item.title, 200)}",
                " · ".join(f for f in facts if f) + "\n" + safe(item.text, 300))
        if n < QUEUE_BUTTON_ITEMS:
            for action in ("claim", "approve", "reject"):
                view.add_item(ItemAction(action, item.id, lang, row=n))
    pairs = list(queue.duplicates[:5])
    if pairs:
        b.field(t("lab.queue_duplicates", lang), "\n".join(
            t("lab.queue_duplicate", lang, a=a, b=b_, score=score, title_a=safe(by_id[a].title, 60),
              title_b=safe(by_id[b_].title, 60)) for a, b_, score in pairs))
        for a, b_, _ in pairs:
            source, target = merge_direction(by_id[a], by_id[b_])
            view.add_item(MergeButton(source, target, lang, row=4))
    return {"embed": to_embed(b.build()), "view": view}


class RejectModal(LabbotModal):
    def __init__(self, item_id: int, lang: str) -> None:
        super().__init__(title=shorten(t("lab.reject_title", lang, item_id=item_id), 45), timeout=900,
                         custom_id=modal_id(f"labbot:lab:rejectform:{item_id}"))
        self.item_id = item_id
        self.reason = discord.ui.TextInput(label=shorten(t("lab.field_reason", lang), 45),
                                           style=discord.TextStyle.paragraph, max_length=500,
                                           custom_id="reason")
        self.add_item(self.reason)

    async def submit(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        item = app.intake_items.reject(req, self.item_id, self.reason.value)
        note = t("lab.done_reject", lang, item_id=item.id)
        if interaction.message is not None:  # opened from the queue: refresh it in place
            await update(interaction, note, **queue_message(app, req, item.session_id, lang))
        else:
            await respond(interaction, note)


class ItemEditModal(LabbotModal):
    def __init__(self, item, lang: str) -> None:
        super().__init__(title=shorten(t("lab.edit_title", lang, item_id=item.id), 45), timeout=900,
                         custom_id=modal_id(f"labbot:lab:editform:{item.id}"))
        self.item_id = item.id
        self.title_input = discord.ui.TextInput(label=t("lab.field_title", lang), default=item.title[:100],
                                                max_length=100, custom_id="title")
        self.text = discord.ui.TextInput(label=t("lab.field_text", lang), style=discord.TextStyle.paragraph,
                                         default=item.text[:4000] or None, max_length=4000, custom_id="text")
        self.add_item(self.title_input)
        self.add_item(self.text)

    async def submit(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        item = app.intake_items.edit(req, self.item_id, self.title_input.value, self.text.value)
        await respond(interaction, t("lab.done_edit", lang, item_id=item.id))


# -- intake ----------------------------------------------------------------------------------------
class ItemModal(LabbotModal):
    """/inbreng nieuw: title, text, sector and anonymity (a select inside a label, discord.py >= 2.6)."""

    def __init__(self, session_id: int, lang: str) -> None:
        super().__init__(title=t("lab.modal_title", lang), timeout=1800,
                         custom_id=modal_id(f"labbot:lab:inbreng:{session_id}"))
        self.session_id = session_id
        self.title_input = discord.ui.TextInput(placeholder=t("lab.field_title_hint", lang), max_length=100,
                                                custom_id="title")
        self.text = discord.ui.TextInput(style=discord.TextStyle.paragraph, max_length=4000, custom_id="text",
                                         placeholder=t("lab.field_text_hint", lang))
        self.sector = discord.ui.TextInput(placeholder=t("lab.field_sector_hint", lang), max_length=60,
                                           required=False, custom_id="sector")
        self.anonymous = discord.ui.Select(custom_id="anonymous", min_values=1, max_values=1, required=True,
                                           options=[discord.SelectOption(label=t("lab.anonymous_no", lang),
                                                                         value="nee", default=True),
                                                    discord.SelectOption(label=t("lab.anonymous_yes", lang),
                                                                         value="ja")])
        self.add_item(discord.ui.Label(text=t("lab.field_title", lang), component=self.title_input))
        self.add_item(discord.ui.Label(text=t("lab.field_text", lang), component=self.text))
        self.add_item(discord.ui.Label(text=t("lab.field_sector", lang), component=self.sector))
        self.add_item(discord.ui.Label(text=t("lab.field_anonymous", lang), component=self.anonymous,
                                       description=t("lab.field_anonymous_hint", lang)))

    async def submit(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction, self.text.value)
        await interaction.response.defer(ephemeral=True, thinking=True)
        item = app.intake("item", req, {
            "session_id": self.session_id, "title": self.title_input.value, "sector": self.sector.value,
            "anonymous": "ja" in self.anonymous.values})
        await encode_ahead(app, suggestion_text(item))  # the receipt suggests entries
        await respond(interaction, **item_result(item, lang, interaction))


def suggestion_text(item) -> str:
    return f"{item.title}\n{item.text}"


def suggestions(app, text: str, privilege: Privilege, limit: int = 3) -> list:
    """Knowledge entries and earlier lessons that may already answer an item (none when the matcher
    abstains)."""
    return app.kb.find(text, privilege, k=limit, unless_abstain=True)


def item_result(item, lang: str, interaction: discord.Interaction | None = None) -> dict:
    """The receipt of an item (also after the privacy choice); with the interaction, suggestions too.
    Like every result renderer: send/edit keyword arguments without `content`, and without `view`
    when there is none (discord.py cannot send `view=None`)."""
    lines = [t("lab.receipt", lang, title=safe(item.title, 200), item_id=item.id)]
    if item.anonymous:
        lines.append(t("lab.receipt_anonymous", lang))
    b = builder(t("lab.receipt_title", lang), "\n\n".join(lines), lang=lang)
    if interaction is not None:
        app = interaction.client.app
        privilege = privilege_of(interaction.user, app.settings)
        for entry in suggestions(app, suggestion_text(item), privilege):
            date = (entry.provenance or {}).get("date")
            value = f"`{entry.id}` · {entry.excerpt(200)}"
            if date:
                value = t("lab.from_lab", lang, date=date) + "\n" + value
            b.field(f"{t('lab.maybe_answered', lang)}: {entry.title}", value)
    return {"embed": to_embed(b.build())}


def note_result(note_id: int, lang: str, interaction: discord.Interaction | None = None) -> dict:
    return {"embed": to_embed(builder(description=t("lab.note_saved", lang, note_id=note_id), lang=lang).build())}


# the privacy choice (anonymise / edit) continues these intakes too: register how they are shown
register("item", item_result)
register("note", note_result)


DYNAMIC_ITEMS_QUEUE = (VoteButton, ItemAction, MergeButton)
