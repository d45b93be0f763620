"""Discord's size limits on what a bot sends, checked the way Discord checks them: a body that breaks
one is refused whole with 400 "Invalid Form Body" (code 50035) and an `errors` tree naming the
place, e.g. ``{"embeds": {"0": {"fields": {"_errors": [...]}}}}``. The OpenAPI schema cannot say
these (a total over several fields, a count of subcommands), so the fake checks them here.

Embeds (developer docs, "Embed Limits"): title 256, description 4096, 25 fields, field name 256,
field value 1024, footer text 2048, author name 256, all of these together 6000 per message, 10
embeds per message. Application commands: 100 chat-input commands, 25 options per command or
subcommand (so 25 subcommands in a group), names 1-32 lowercase, descriptions 1-100, 25 choices,
required options before optional ones, and 4000 characters in a command's names, descriptions and
choice names and values together.
"""

from __future__ import annotations

import re
from typing import Any

EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000
EMBEDS = 10

COMMANDS = 100
OPTIONS = 25
CHOICES = 25
NAME = re.compile(r"^[-_'\w]{1,32}$")
DESCRIPTION = 100
COMMAND_TOTAL = 4000

Errors = dict[str, Any]


def _error(code: str, message: str) -> Errors:
    return {"_errors": [{"code": code, "message": message}]}


def _put(tree: Errors, path: list[str], code: str, message: str) -> None:
    node = tree
    for part in path:
        node = node.setdefault(part, {})
    node.setdefault("_errors", []).append({"code": code, "message": message})


def _length(tree: Errors, path: list[str], value: Any, limit: int) -> int:
    text = value if isinstance(value, str) else ""
    if len(text) > limit:
        _put(tree, path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
    return len(text)


def embed_errors(embeds: list[dict[str, Any]] | None, path: tuple[str, ...] = ("embeds",)) -> Errors:
    """The errors Discord would give for these embeds (empty when they fit)."""
    tree: Errors = {}
    embeds = embeds or []
    if len(embeds) > EMBEDS:
        _put(tree, list(path), "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS} or fewer in length.")
    total = 0
    for n, embed in enumerate(embeds):
        at = [*path, str(n)]
        total += _length(tree, [*at, "title"], embed.get("title"), EMBED_TITLE)
        total += _length(tree, [*at, "description"], embed.get("description"), EMBED_DESCRIPTION)
        total += _length(tree, [*at, "footer", "text"], (embed.get("footer") or {}).get("text"), FOOTER)
        total += _length(tree, [*at, "author", "name"], (embed.get("author") or {}).get("name"), AUTHOR)
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS:
            _put(tree, [*at, "fields"], "BASE_TYPE_MAX_LENGTH", f"Must be {EMBED_FIELDS} or fewer in length.")
        for m, f in enumerate(fields):
            total += _length(tree, [*at, "fields", str(m), "name"], f.get("name"), FIELD_NAME)
            total += _length(tree, [*at, "fields", str(m), "value"], f.get("value"), FIELD_VALUE)
    if total > EMBED_TOTAL:
        _put(tree, list(path), "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL}")
    return tree


def body_errors(body: Any) -> Errors:
    """Embed errors in a message body, an interaction response (`{"type", "data"}`) or a webhook."""
    if not isinstance(body, dict):
        return {}
    if isinstance(body.get("data"), dict) and "embeds" in body["data"]:
        return embed_errors(body["data"]["embeds"], ("data", "embeds"))
    if "embeds" in body:
        return embed_errors(body["embeds"])
    return {}


def _texts(command: dict[str, Any], locale: str | None) -> int:
    """Characters Discord counts towards a command's 4000, in one locale."""
    def word(obj: dict[str, Any], key: str) -> str:
        local = (obj.get(f"{key}_localizations") or {}).get(locale) if locale else None
        return str(local or obj.get(key) or "")

    count = len(word(command, "name")) + len(word(command, "description"))
    for option in command.get("options") or []:
        count += _texts(option, locale)
    for choice in command.get("choices") or []:
        count += len(word(choice, "name")) + len(str(choice.get("value", "")))
    return count


def _option_errors(tree: Errors, path: list[str], obj: dict[str, Any]) -> None:
    names = [obj.get("name") or "", *(obj.get("name_localizations") or {}).values()]
    for name in names:
        if not NAME.match(name) or name != name.lower():
            _put(tree, [*path, "name"], "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}")
    for text in [obj.get("description") or "", *(obj.get("description_localizations") or {}).values()]:
        if obj.get("type", 1) != 0 and not 1 <= len(text) <= DESCRIPTION:
            _put(tree, [*path, "description"], "BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {DESCRIPTION}.")
    options = obj.get("options") or []
    if len(options) > OPTIONS:
        _put(tree, [*path, "options"], "BASE_TYPE_MAX_LENGTH", f"Must be {OPTIONS} or fewer in length.")
    if len(obj.get("choices") or []) > CHOICES:
        _put(tree, [*path, "choices"], "BASE_TYPE_MAX_LENGTH", f"Must be {CHOICES} or fewer in length.")
    seen_optional = False
    for n, option in enumerate(options):
        if option.get("type") not in (1, 2):
            if option.get("required"):
                if seen_optional:
                    _put(tree, [*path, "options", str(n)], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                         "Required options must be placed before non-required options")
            else:
                seen_optional = True
        _option_errors(tree, [*path, "options", str(n)], option)


def command_errors(commands: list[dict[str, Any]]) -> Errors:
    """The errors Discord would give for a bulk overwrite of these commands (empty when valid)."""
    tree: Errors = {}
    chat = [c for c in commands if c.get("type", 1) == 1]
    if len(chat) > COMMANDS:
        _put(tree, [], "BASE_TYPE_MAX_LENGTH", f"Must be {COMMANDS} or fewer in length.")
    for n, command in enumerate(commands):
        _option_errors(tree, [str(n)], command)
        locales = {None} | set(command.get("name_localizations") or {}) | set(
            command.get("description_localizations") or {})
        if max(_texts(command, locale) for locale in locales) > COMMAND_TOTAL:
            _put(tree, [str(n)], "APPLICATION_COMMAND_TOO_LARGE", f"Command exceeds maximum size ({COMMAND_TOTAL})")
    return tree


def size_errors(method: str, template: str, body: Any) -> Errors:
    """The limit errors of one request (a command overwrite, or anything that carries embeds)."""
    if method == "PUT" and template.endswith("/commands") and isinstance(body, list):
        return command_errors(body)
    return body_errors(body) if method in ("POST", "PATCH") else {}


def invalid_form_body(errors: Errors) -> dict[str, Any]:
    return {"message": "Invalid Form Body", "code": 50035, "errors": errors}
