"""`context_of`: the one prelude of every Discord handler (the application of the client the
interaction came to, the member's request, the member's language), so handlers do not each build
them again."""

import ast
import dataclasses
from types import SimpleNamespace

import discord

from bot.core.models import Privilege
from bot.discord_adapter.convert import context_of
from tests.conftest import REPO
from tests.stubs import make_interaction

MOD_ROLE = 9001


def test_context_of_gives_the_clients_app_the_members_request_and_language(app):
    app.settings = dataclasses.replace(app.settings, moderator_role_ids=frozenset({MOD_ROLE}))
    client = SimpleNamespace(app=app)
    got_app, req, lang = context_of(make_interaction(client, user_id=31, role_ids=[MOD_ROLE], channel_id=66,
                                                     locale=discord.Locale.british_english), "een vraag")
    assert got_app is app
    assert (req.user_id, req.text, req.channel_id, req.privilege) == ("discord:31", "een vraag", "66",
                                                                       Privilege.MODERATOR)
    assert lang == req.lang == "en"
    _, member, lang = context_of(make_interaction(client, user_id=32))
    assert (member.user_id, member.text, member.privilege, lang) == ("discord:32", "", Privilege.MEMBER, "nl")


def test_no_handler_builds_the_prelude_itself():
    """A function that needs both the request and the language takes them from `context_of`."""
    doubled = []
    for path in (REPO / "bot" / "discord_adapter").rglob("*.py"):
        if path.name == "convert.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                called = {n.func.id for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
                if {"request_from", "locale_of"} <= called:
                    doubled.append(f"{path.relative_to(REPO)}:{node.name}")
    assert not doubled, f"use context_of(interaction) in: {doubled}"
