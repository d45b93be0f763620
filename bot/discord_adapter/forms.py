"""Modal forms: unique ids per opening, and a clear message for a form that outlived a restart.

discord.py keeps open modals in memory, by custom_id alone. Two consequences:
- two members with the same form open at once would share one modal object (the second submit
  then finds none): every Labbot form gets its own id per opening (`modal_id`);
- after a restart the open forms are gone, and discord.py silently discards their submits, so
  Discord shows the member "interaction failed". `install_expired_form_reply` answers such a
  submit with a clear, private message instead. Nothing of it was stored, so nothing is lost.
"""

from __future__ import annotations

import logging
import secrets

import discord

from bot.core.i18n import t
from bot.discord_adapter.convert import NO_PINGS, locale_of

log = logging.getLogger("labbot.discord")
PREFIX = "labbot:"


def modal_id(prefix: str) -> str:
    """A form's custom_id: `prefix` (starting with "labbot:") plus a suffix per opening."""
    return f"{prefix}:{secrets.token_hex(6)}"


async def reply_expired(interaction: discord.Interaction) -> None:
    try:
        await interaction.response.send_message(t("form.expired", locale_of(interaction)), ephemeral=True,
                                                allowed_mentions=NO_PINGS)
    except discord.HTTPException as exc:
        log.warning("could not answer an expired form: %s", exc.status)


def install_expired_form_reply(client: discord.Client) -> bool:
    """Wrap discord.py's modal dispatch (ViewStore is internal; discord.py is pinned to 2.7.x):
    a Labbot form that is no longer open gets `reply_expired` instead of silence.

    Called from `setup_hook` (once per login): it wraps the view store the connection holds now,
    once, even when called again. Should discord.py's internals change, it logs and leaves
    dispatch untouched (forms then fail as before, nothing else does). Returns whether it is on."""
    store = getattr(getattr(client, "_connection", None), "_view_store", None)
    modals = getattr(store, "_modals", None)
    original = getattr(store, "dispatch_modal", None)
    if not isinstance(modals, dict) or original is None:
        log.warning("discord.py's view store has changed: expired forms will not get a reply")
        return False
    if getattr(original, "labbot_expired_reply", False):
        return True

    def dispatch_modal(custom_id, interaction, components, resolved):
        if custom_id.startswith(PREFIX) and custom_id not in store._modals:
            client.loop.create_task(reply_expired(interaction), name="labbot-expired-form")
            return
        original(custom_id, interaction, components, resolved)

    dispatch_modal.labbot_expired_reply = True
    store.dispatch_modal = dispatch_modal
    return True
