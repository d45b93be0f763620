"""Shared pieces of the /lab commands: times as moderators type them, autocomplete of session, item
and lesson ids, and the session summary. No command lives here."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from bot.core.errors import InvalidInput, LabbotError, NotAllowed
from bot.core.i18n import t
from bot.core.lab.sessions import kind_label
from bot.core.publish import public_text
from bot.core.text import neutralise, shorten
from bot.core.timeparse import fmt_local, parse_local
from bot.discord_adapter.convert import context_of, locale_of
from bot.discord_adapter.render import builder, to_embed

_TIME_ONLY = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")
_DATE_ONLY = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})\s*$")
RECENT = dt.timedelta(days=120)


# -- times ------------------------------------------------------------------------------------------
def parse_moment(text: str, tz: ZoneInfo, field: str, lang: str) -> dt.datetime:
    """"2027-03-11 19:30" in the network's time zone, as UTC; the error echoes the input neutralised."""
    try:
        return parse_local(text, tz, field=t(f"lab.field.{field}", lang))
    except InvalidInput as err:
        err.params["value"] = neutralise(str(err.params.get("value", "")))
        raise


def parse_end(text: str, starts: dt.datetime, tz: ZoneInfo, lang: str) -> dt.datetime:
    """The end: a time ("21:30", on the start's day) or a full date and time."""
    match = _TIME_ONLY.match(text or "")
    if match:
        day = starts.astimezone(tz).date()
        text = f"{day.isoformat()} {int(match[1]):02d}:{match[2]}"
    return parse_moment(text, tz, "end", lang)


def parse_intake(text: str | None, tz: ZoneInfo, lang: str) -> dt.datetime | None:
    """When intake opens: a date (from midnight) or a date and time; empty for the default."""
    if not (text or "").strip():
        return None
    if _DATE_ONLY.match(text):
        text = f"{text.strip()} 00:00"
    return parse_moment(text, tz, "intake", lang)


def parse_ids(text: str) -> list[int]:
    """ "3,1,2" or "#3, #1 #2" -> [3, 1, 2]."""
    parts = [p for p in re.split(r"[\s,;]+", (text or "").replace("#", " ")) if p]
    if not parts or not all(p.isdigit() and len(p) <= 12 for p in parts):
        raise InvalidInput("lab.order_format")
    return [int(p) for p in parts]


# -- words ------------------------------------------------------------------------------------------
def where_text(session, lang: str) -> str:
    if session.location_kind == "channel":
        return t("lab.where_channel", lang, channel=session.location)
    return session.location


def session_embed(app, session, lang: str, key: str) -> discord.Embed:
    """A session as the moderator who planned or changed it sees it."""
    title = t(key, lang, kind=kind_label(session.kind, lang), session_id=session.id)
    footer = t(f"lab.status.{session.status}", lang) + " · " + t("lab.event_note", lang)
    b = builder(title, public_text(session.theme, 1000), lang=lang, footer=footer)
    b.field(t("lab.session_when", lang), app.sessions.when(session, lang))
    b.field(t("lab.session_where", lang), where_text(session, lang))
    if session.kind == "lab" and session.status == "planned":
        b.field(t("lab.session_intake", lang), fmt_local(session.intake_opens_at, app.settings.tz, lang))
    return to_embed(b.build())


# -- autocomplete -----------------------------------------------------------------------------------
def _matches(current: object, label: str, value: int) -> bool:
    needle = str(current or "").strip().lstrip("#").casefold()
    return not needle or needle in label.casefold() or str(value).startswith(needle)


def _session_label(app, session, lang: str) -> str:
    status = "" if session.status == "planned" else f" ({t('lab.status.' + session.status, lang)})"
    return shorten(f"#{session.id} · {kind_label(session.kind, lang)} · "
                   f"{fmt_local(session.starts_at, app.settings.tz, lang)} · {session.theme}{status}", 100)


def _session_choices(interaction: discord.Interaction, current: object, keep) -> list[app_commands.Choice]:
    app = interaction.client.app
    lang = locale_of(interaction)
    now = app.clock.now()
    sessions = [s for s in app.sessions.all_sessions() if keep(s) and s.starts_at >= now - RECENT]
    upcoming = [s for s in sessions if s.ends_at > now]
    recent = sorted((s for s in sessions if s.ends_at <= now), key=lambda s: s.starts_at, reverse=True)
    out = []
    for session in upcoming + recent:
        label = _session_label(app, session, lang)
        if _matches(current, label, session.id):
            out.append(app_commands.Choice(name=label, value=session.id))
    return out[:25]


async def sessions_autocomplete(interaction: discord.Interaction, current: str):
    """Upcoming and recent sessions (not cancelled)."""
    return _session_choices(interaction, current, lambda s: s.status != "cancelled")


async def planned_autocomplete(interaction: discord.Interaction, current: str):
    return _session_choices(interaction, current, lambda s: s.status == "planned")


async def active_autocomplete(interaction: discord.Interaction, current: str):
    """Sessions that are planned or running (to start, run or close)."""
    return _session_choices(interaction, current, lambda s: s.status in ("planned", "running"))


async def intake_autocomplete(interaction: discord.Interaction, current: str):
    """Labs open for intake now."""
    now = interaction.client.app.clock.now()
    return _session_choices(interaction, current, lambda s: s.kind == "lab" and s.intake_open(now))


def _namespace_session(interaction: discord.Interaction) -> int | None:
    value = getattr(interaction.namespace, "sessie", None)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


async def items_autocomplete(interaction: discord.Interaction, current: str):
    """Items of the chosen session (or of active sessions). Pending items only for moderators."""
    app, req, lang = context_of(interaction)
    session_id = _namespace_session(interaction)
    sessions = [session_id] if session_id else [s.id for s in app.sessions.upcoming(limit=10)]
    out = []
    for sid in sessions:
        try:
            items = app.intake_items.visible_items(req, sid)  # pending ones for moderators only
        except LabbotError:
            continue
        for item in sorted(items, key=lambda i: (i.status != "pending", -i.id)):
            status = t(f"lab.item_status.{item.status}", lang)
            label = shorten(f"#{item.id} · {item.title} ({status})", 100)
            if _matches(current, label, item.id):
                out.append(app_commands.Choice(name=label, value=item.id))
    return out[:25]


async def lessons_autocomplete(interaction: discord.Interaction, current: str):
    """Lessons of recent sessions (moderators only: drafts are not for members' eyes)."""
    app, req, lang = context_of(interaction)
    now = app.clock.now()
    out = []
    for session in sorted(app.sessions.all_sessions(), key=lambda s: s.starts_at, reverse=True):
        if session.starts_at < now - RECENT:
            continue
        try:
            lessons = app.lessons.drafts(req, session.id)
        except NotAllowed:
            return []
        for lesson in reversed(lessons):
            status = t(f"lab.lesson_status.{lesson['status']}", lang)
            label = shorten(f"#{lesson['id']} · {lesson['title']} ({status})", 100)
            if _matches(current, label, lesson["id"]):
                out.append(app_commands.Choice(name=label, value=lesson["id"]))
    return out[:25]


class LabBase:
    """What every part of the /lab cog shares: the bot and, through it, the application."""

    bot: discord.Client

    @property
    def app(self):
        return self.bot.app
