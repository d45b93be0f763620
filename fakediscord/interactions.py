"""What users do (interactions, messages) and the interaction response routes of the fake.

Helpers build realistic INTERACTION_CREATE payloads (APPLICATION_COMMAND = 2, MESSAGE_COMPONENT
= 3, AUTOCOMPLETE = 4, MODAL_SUBMIT = 5), dispatch them on the gateway and return the interaction
id. Responses arrive on ``POST /interactions/{id}/{token}/callback`` and the interaction webhook
(``/webhooks/{application_id}/{token}...``: @original and followups); both are kept in
:class:`InteractionState` and stored as messages where Discord would create one.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import payloads as P
from .rest import ApiError, Router, snowflake_param

if TYPE_CHECKING:
    from .server import RequestRecord

OPTION_TYPES = {bool: 5, int: 4, float: 10, str: 3}
MESSAGE_CONTENT = 15


@dataclass
class InteractionState:
    id: int
    token: str
    payload: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)  # {"type", "data", "files"}
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    opened_by: InteractionState | None = None  # for a modal submit: the interaction that opened the modal
    sent_at: float = 0.0       # time.perf_counter() when INTERACTION_CREATE went out
    answered_at: float = 0.0   # ... and when the first callback arrived (the acknowledgement)
    answered: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel"]["id"])


def _find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    for comp in components:
        if comp.get("custom_id") == custom_id:
            return comp
        for key in ("components", "accessory", "component"):
            nested = comp.get(key)
            if not nested:
                continue
            found = _find_component(nested if isinstance(nested, list) else [nested], custom_id)
            if found:
                return found
    return None


class InteractionMixin:
    """Mixed into :class:`~fakediscord.server.FakeDiscord`, whose state (users, channels,
    messages, gateway, ...) it uses."""

    interactions: dict[int, InteractionState]
    #: When set, interactions come from this guild instead of the fake's own (a foreign server).
    interaction_guild_id: int | None = None

    # ------------------------------------------------------------------ building and sending
    def build_interaction(self, itype: int, data: dict[str, Any], *, user_id: int | None = None,
                          channel_id: int | None = None, locale: str = "nl", dm: bool = False,
                          message: dict[str, Any] | None = None) -> dict[str, Any]:
        """A complete INTERACTION_CREATE payload (not yet sent)."""
        user = self.user_payload(user_id)
        if dm:
            channel = self.messaging.dm_channel_for(user)
        else:
            channel = self.messaging.channel(channel_id or self.channel_id)
        payload: dict[str, Any] = {
            "id": str(self.snowflake()),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48),
            "version": 1,
            "channel_id": channel["id"],
            "channel": {**channel, "permissions": str(P.EVERYONE_PERMISSIONS)},
            "locale": locale,
            "app_permissions": str(P.BOT_PERMISSIONS),
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if dm:
            payload.update(user=user, context=1, authorizing_integration_owners={"1": user["id"]})
        else:
            member = self.members.get(int(user["id"])) or P.member(user, [])
            guild_id = self.interaction_guild_id or self.guild_id
            payload.update(guild_id=str(guild_id), guild_locale=self.locale, context=0,
                           guild={"id": str(guild_id), "locale": self.locale, "features": []},
                           member={**member, "permissions": str(P.EVERYONE_PERMISSIONS)},
                           authorizing_integration_owners={"0": str(guild_id)})
        if message is not None:
            payload["message"] = message
        return payload

    async def send_interaction(self, payload: dict[str, Any], *,
                               opened_by: InteractionState | None = None) -> int:
        """Dispatch an INTERACTION_CREATE payload (see :meth:`build_interaction`); returns its id."""
        state = InteractionState(int(payload["id"]), payload["token"], payload, opened_by=opened_by)
        self.interactions[state.id] = state
        state.sent_at = time.perf_counter()
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return state.id

    async def wait_answered(self, interaction_id: int, timeout: float = 5.0) -> InteractionState:
        """Wait for the first callback of an interaction (O(1); for load tests with many requests)."""
        state = self.interactions[interaction_id]
        await asyncio.wait_for(state.answered.wait(), timeout)
        return state

    async def slash_command(self, name: str, options: dict[str, Any] | list[dict[str, Any]] | None = None, *,
                            user_id: int | None = None, locale: str = "nl", channel_id: int | None = None,
                            dm: bool = False, resolved: dict[str, Any] | None = None) -> int:
        """Invoke a chat-input command. ``name`` may be ``"group sub"``; ``options`` is a dict of
        plain values (type inferred: str, int, float, bool) or a list of raw option objects."""
        top, *path = name.split()
        if isinstance(options, dict):
            options = [{"name": k, "type": OPTION_TYPES[type(v)], "value": v} for k, v in options.items()]
        options = options or []
        for depth, sub in reversed(list(enumerate(path))):
            options = [{"name": sub, "type": 1 if depth == len(path) - 1 else 2, "options": options}]
        registered = self._registered_command(top)
        data: dict[str, Any] = {"id": registered["id"] if registered else str(self.snowflake()),
                                "name": top, "type": 1, "options": options}
        if registered and "guild_id" in registered:
            data["guild_id"] = registered["guild_id"]
        if resolved:
            data["resolved"] = resolved
        payload = self.build_interaction(2, data, user_id=user_id, channel_id=channel_id, locale=locale,
                                         dm=dm)
        return await self.send_interaction(payload)

    async def autocomplete(self, name: str, options: dict[str, Any], focused: str, **kwargs: Any) -> int:
        """An AUTOCOMPLETE interaction (type 4) while the user types option ``focused``."""
        opts = [{"name": k, "type": OPTION_TYPES[type(v)], "value": v} for k, v in options.items()]
        for opt in opts:
            if opt["name"] == focused:
                opt["focused"] = True
        registered = self._registered_command(name)
        data = {"id": registered["id"] if registered else str(self.snowflake()), "name": name, "type": 1,
                "options": opts}
        if registered and "guild_id" in registered:
            data["guild_id"] = registered["guild_id"]
        return await self.send_interaction(self.build_interaction(4, data, **kwargs))

    async def button_click(self, custom_id: str, *, message_id: int | None = None, user_id: int | None = None,
                           channel_id: int | None = None, locale: str = "nl") -> int:
        """Click a button. Without ``message_id`` the newest message carrying ``custom_id`` is used."""
        return await self._component(custom_id, 2, None, message_id, user_id, channel_id, locale)

    async def select_menu(self, custom_id: str, values: list[str], *, message_id: int | None = None,
                          user_id: int | None = None, channel_id: int | None = None, locale: str = "nl",
                          resolved: dict[str, Any] | None = None) -> int:
        """Choose ``values`` in a select menu (its component type is taken from the message)."""
        extra = {"values": values, **({"resolved": resolved} if resolved else {})}
        return await self._component(custom_id, None, extra, message_id, user_id, channel_id, locale)

    async def modal_submit(self, custom_id: str | None = None,
                           fields: dict[str, str | list[str]] | None = None, *, user_id: int | None = None,
                           channel_id: int | None = None, locale: str = "nl") -> int:
        """Submit a modal. ``custom_id`` defaults to the modal most recently opened (callback type 9),
        by ``user_id`` when given (as in Discord, only the member who opened a modal submits it); a
        ``custom_id`` also matches a modal whose id continues with ":..." (a per-opening suffix).
        ``fields`` maps the inputs' custom_ids (or labels) to values. The submitted component
        layout mirrors the modal's (action rows or labels)."""
        modal, opener = None, None

        def opened_by_user(state: InteractionState) -> bool:
            who = (state.payload.get("member") or {}).get("user") or state.payload.get("user") or {}
            return user_id is None or str(who.get("id")) == str(user_id)

        def matches(cid: str | None) -> bool:
            return custom_id is None or cid == custom_id or (cid or "").startswith(custom_id + ":")

        for state in reversed(list(self.interactions.values())):
            if not opened_by_user(state):
                continue
            for cb in state.callbacks:
                if cb["type"] == 9 and matches(cb["data"].get("custom_id")):
                    modal, opener = cb["data"], state
            if modal:
                break
        if modal is not None:
            custom_id = modal["custom_id"]
        elif custom_id is None:
            raise LookupError("no modal was opened (no type 9 callback) and no custom_id given")
        values = fields or {}

        def submitted(comp: dict[str, Any], label: str | None = None) -> dict[str, Any]:
            out = {"type": comp["type"], "id": comp.get("id", 0), "custom_id": comp.get("custom_id")}
            value = values.get(comp.get("custom_id", ""), values.get(label or comp.get("label") or "", ""))
            if comp["type"] == 4:  # text input
                out["value"] = value
            else:  # selects inside labels
                out["values"] = value if isinstance(value, list) else [value]
            return out

        if modal is not None:
            components = []
            for row in modal.get("components", []):
                if row["type"] == 1:
                    components.append({"type": 1, "id": row.get("id", 0),
                                       "components": [submitted(c) for c in row["components"]]})
                elif row["type"] == 18:
                    components.append({"type": 18, "id": row.get("id", 0),
                                       "component": submitted(row["component"], row.get("label"))})
        else:
            components = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                          for k, v in values.items()]
        data = {"custom_id": custom_id, "components": components}
        source = opener.payload.get("message") if opener is not None else None  # modal opened by a component
        payload = self.build_interaction(5, data, user_id=user_id, channel_id=channel_id, locale=locale,
                                         message=source)
        return await self.send_interaction(payload, opened_by=opener)

    async def user_message(self, content: str, *, channel_id: int | None = None, user_id: int | None = None,
                           **fields: Any) -> dict[str, Any]:
        """A user posts a message (MESSAGE_CREATE). Without the MESSAGE_CONTENT intent the
        content is blanked, as Discord does, unless the bot is mentioned."""
        channel = self.messaging.channel(channel_id or self.channel_id)
        author = self.user_payload(user_id)
        msg = P.message(self.snowflake(), int(channel["id"]), author, content=content, **fields)
        self.messaging.resolve_mentions(msg)
        mentioned = any(u["id"] == str(self.bot_id) for u in msg["mentions"])
        self.messages[int(msg["id"])] = msg
        event = self.messaging.gateway_message(msg)
        if not self.gateway.intents & (1 << MESSAGE_CONTENT) and not mentioned and "guild_id" in channel:
            event = {**event, "content": "", "embeds": [], "attachments": [], "components": []}
        await self.gateway.dispatch("MESSAGE_CREATE", event, intent=self.messaging.message_intent(msg))
        return msg

    async def wait_for_response(self, interaction_id: int, timeout: float = 5.0) -> dict[str, Any]:
        """The (first successful) callback body ``{"type": ..., "data": ...}`` for an interaction."""
        record = await self.wait_for("POST", rf"/interactions/{interaction_id}/[^/]+/callback", timeout,
                                     predicate=lambda r: 200 <= r.status < 300)
        return record.json

    def _registered_command(self, name: str) -> dict[str, Any] | None:
        for scope in (self.guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command["type"] == 1:
                    return command
        return None

    async def _component(self, custom_id: str, ctype: int | None, extra: dict[str, Any] | None,
                         message_id: int | None, user_id: int | None, channel_id: int | None,
                         locale: str) -> int:
        msg = self.messages.get(message_id) if message_id else None
        if msg is None and message_id is None:
            msg = next((m for m in reversed(list(self.messages.values()))
                        if _find_component(m["components"], custom_id)), None)
        if msg is None:  # unknown to the fake: make up the bot message carrying the component
            values = (extra or {}).get("values", [])
            options = [{"label": v, "value": v} for v in values]
            comp = ({"type": 2, "custom_id": custom_id, "style": 1, "label": custom_id} if ctype == 2
                    else {"type": 3, "custom_id": custom_id, "options": options})
            row = {"type": 1, "components": [comp]}
            msg = P.message(message_id or self.snowflake(), channel_id or self.channel_id,
                            self.users[self.bot_id], content="", components=[row],
                            application_id=self.application_id)
            self.messages[int(msg["id"])] = msg
        comp = _find_component(msg["components"], custom_id) or {}
        data = {"custom_id": custom_id, "component_type": ctype or comp.get("type", 3), **(extra or {})}
        if "id" in comp:
            data["id"] = comp["id"]
        payload = self.build_interaction(3, data, user_id=user_id, channel_id=int(msg["channel_id"]),
                                         locale=locale, message=msg)
        return await self.send_interaction(payload)

    # ------------------------------------------------------------------ routes
    def register_interaction_routes(self, router: Router) -> None:
        wh = "/webhooks/{webhook_id}/{webhook_token}"
        router.add("POST", "/interactions/{interaction_id}/{interaction_token}/callback", self._callback)
        router.add("POST", wh, self._execute_webhook)
        for method, handler in (("GET", self._get_webhook_message), ("PATCH", self._edit_webhook_message),
                                ("DELETE", self._delete_webhook_message)):
            router.add(method, wh + "/messages/@original", handler)
            router.add(method, wh + "/messages/{message_id}", handler)

    def _state(self, interaction_id: str, token: str) -> InteractionState:
        state = self.interactions.get(int(interaction_id)) if interaction_id.isdigit() else None
        if state is None or state.token != token:
            raise ApiError(404, 10062, "Unknown interaction")
        return state

    def _webhook_state(self, webhook_id: str, token: str) -> InteractionState:
        state = next((s for s in self.interactions.values() if s.token == token), None)
        if state is None or snowflake_param(webhook_id) != self.application_id or not state.callbacks:
            raise ApiError(404, 10015, "Unknown Webhook")
        return state

    async def _callback(self, record: RequestRecord, interaction_id: str,
                        interaction_token: str) -> tuple[int, Any]:
        state = self._state(interaction_id, interaction_token)
        if state.callbacks:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body = record.json or {}
        ctype, data = body.get("type"), body.get("data") or {}
        itype, source = state.payload["type"], state.payload.get("message")
        allowed = {1: {1}, 2: {4, 5, 9, 10, 12}, 3: {4, 5, 6, 7, 9, 10, 12}, 4: {8}, 5: {4, 5, 6, 7, 10, 12}}
        if ctype not in allowed.get(itype, set()) or (ctype in (6, 7) and source is None):
            raise ApiError(400, 40043, "Invalid interaction callback type for this interaction")
        state.callbacks.append({"type": ctype, "data": data, "files": record.files})
        if not state.answered.is_set():
            state.answered_at = time.perf_counter()
            state.answered.set()
        flags = data.get("flags") or 0
        resource = None
        if ctype == 4:
            msg = self.messaging.new_message(state.channel_id, data, record, author=self.users[self.bot_id],
                                        msg_type=20 if itype == 2 else 0, webhook_id=self.application_id,
                                        application_id=self.application_id)
            msg["interaction_metadata"] = self._metadata(state)
            await self.messaging.store_message(msg)
            state.original_message_id = int(msg["id"])
            resource = {"type": 4, "message": msg}
        elif ctype == 5:
            msg = P.message(self.snowflake(), state.channel_id, self.users[self.bot_id],
                            flags=(flags & 64) | 128,
                            msg_type=20 if itype == 2 else 0, webhook_id=self.application_id,
                            application_id=self.application_id)
            msg["interaction_metadata"] = self._metadata(state)
            await self.messaging.store_message(msg)
            state.original_message_id = int(msg["id"])
        elif ctype in (6, 7) and source is not None:
            state.original_message_id = int(source["id"])
            stored = self.messages.get(int(source["id"]))
            if ctype == 7 and stored is not None:
                await self.messaging.apply_edit(stored, record, data)
                resource = {"type": 7, "message": stored}
        if record.query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        info: dict[str, Any] = {"id": str(state.id), "type": itype, "response_message_loading": ctype == 5,
                                "response_message_ephemeral": bool(flags & 64)}
        if state.original_message_id is not None:
            info["response_message_id"] = str(state.original_message_id)
        return 200, {"interaction": info, **({"resource": resource} if resource else {})}

    def _metadata(self, state: InteractionState) -> dict[str, Any]:
        payload = state.payload
        user = payload.get("member", {}).get("user") or payload.get("user")
        meta: dict[str, Any] = {"id": str(state.id), "type": payload["type"], "user": user,
                                "authorizing_integration_owners": payload["authorizing_integration_owners"]}
        if payload["type"] == 2:
            meta["name"] = payload["data"]["name"]
            meta["command_type"] = payload["data"].get("type", 1)
        if payload.get("message"):
            meta["interacted_message_id"] = payload["message"]["id"]
        if payload["type"] == 5:
            meta["triggering_interaction_metadata"] = (
                self._metadata(state.opened_by) if state.opened_by is not None
                else {"id": str(self.snowflake()), "type": 2, "user": user,
                      "authorizing_integration_owners": meta["authorizing_integration_owners"]})
        if state.original_message_id is not None:
            meta["original_response_message_id"] = str(state.original_message_id)
        return meta

    async def _execute_webhook(self, record: RequestRecord, webhook_id: str,
                               webhook_token: str) -> tuple[int, Any]:
        state = self._webhook_state(webhook_id, webhook_token)
        msg = self.messaging.new_message(state.channel_id, record.json or {}, record,
                                         author=self.users[self.bot_id],
                                    webhook_id=self.application_id, application_id=self.application_id)
        msg["interaction_metadata"] = self._metadata(state)
        await self.messaging.store_message(msg)
        state.followup_ids.append(int(msg["id"]))
        if record.query.get("wait") in ("1", "true", "True"):
            return 200, msg
        return 204, None

    def _webhook_message(self, webhook_id: str, webhook_token: str, message_id: str | None) -> dict[str, Any]:
        state = self._webhook_state(webhook_id, webhook_token)
        if message_id is None:
            wanted = state.original_message_id
        elif snowflake_param(message_id) in state.followup_ids + [state.original_message_id]:
            wanted = int(message_id)
        else:
            wanted = None
        msg = self.messages.get(wanted) if wanted is not None else None
        if msg is None:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def _get_webhook_message(self, record: RequestRecord, webhook_id: str, webhook_token: str,
                                   message_id: str | None = None) -> tuple[int, Any]:
        return 200, self._webhook_message(webhook_id, webhook_token, message_id)

    async def _edit_webhook_message(self, record: RequestRecord, webhook_id: str, webhook_token: str,
                                    message_id: str | None = None) -> tuple[int, Any]:
        msg = self._webhook_message(webhook_id, webhook_token, message_id)
        await self.messaging.apply_edit(msg, record)
        return 200, msg

    async def _delete_webhook_message(self, record: RequestRecord, webhook_id: str, webhook_token: str,
                                      message_id: str | None = None) -> tuple[int, Any]:
        msg = self._webhook_message(webhook_id, webhook_token, message_id)
        await self.messaging.remove_message(msg)
        return 204, None
