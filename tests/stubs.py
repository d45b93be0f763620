"""Test doubles shared by several test modules."""

from __future__ import annotations

from collections.abc import Sequence
from unittest.mock import AsyncMock, MagicMock

import discord

from knowledge.entry import Entry
from knowledge.matcher import Hit, MatchResult


class StubMatcher:
    """Deterministic matcher for service tests: scores by shared words with title+tags; abstains
    when nothing is shared. The real matcher is tested in tests/knowledge."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)

    def knows_a_word(self, query: str) -> bool:
        """Every alphabetic word counts as known (the real vocabulary check is tested with the real matcher)."""
        return any(c.isalpha() for c in query)

    def search(self, query: str, k: int = 5) -> MatchResult:
        words = {w.strip("?.,!").lower() for w in query.split() if len(w) > 3}
        scored = []
        for e in self.entries:
            fields = {w.strip(":?.,").lower() for w in (e.title + " " + " ".join(e.tags)).split()}
            shared = sorted(words & fields)
            if shared:
                scored.append(Hit(e.id, float(len(shared)), tuple(shared)))
        scored.sort(key=lambda h: -h.score)
        hits = tuple(scored[:k])
        return MatchResult(hits=hits, abstain=not hits, reason="stub", confidence=1.0 if hits else 0.0,
                           coverage=1.0 if hits else 0.0)


def make_interaction(client, *, user_id: int = 4242, role_ids=(), locale=discord.Locale.dutch, channel_id=55):
    """A spec'd discord.Interaction double with awaitable response and followup."""
    inter = MagicMock(spec=discord.Interaction)
    inter.client = client
    inter.id = 777
    inter.user = MagicMock(spec=discord.Member)
    inter.user.id = user_id
    inter.user.roles = [MagicMock(spec=discord.Role, id=r) for r in role_ids]
    inter.locale = locale
    inter.channel_id = channel_id
    inter.response = MagicMock(spec=discord.InteractionResponse)
    inter.response.send_message = AsyncMock()
    inter.response.is_done = MagicMock(return_value=False)
    inter.followup = MagicMock(spec=discord.Webhook)
    inter.followup.send = AsyncMock()
    return inter


def sent_kwargs(mock: AsyncMock) -> dict:
    assert mock.await_count == 1, f"expected one send, got {mock.await_count}"
    return mock.await_args.kwargs | {"content": mock.await_args.args[0] if mock.await_args.args else None}


class RecordingNotifier:
    """A Notifier that records posts; can be told to fail or to 'crash' after posting."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, object, str]] = []  # (channel, OutMessage, key)
        self.fail_with: list[Exception] = []
        self.lose_answer = 0  # post, then raise as if the answer was lost
        self.edits: list[tuple[str, str, object]] = []  # (channel, message id, OutMessage)
        self.deleted: list[tuple[str, str]] = []  # (channel, message id)

    async def post(self, channel, message, *, key):
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.posts.append((channel, message, key))
        if self.lose_answer:
            self.lose_answer -= 1
            raise ConnectionResetError("answer lost after posting")
        return str(1000 + len(self.posts))

    async def find_post(self, channel, key):
        for i, (ch, _, k) in enumerate(self.posts):
            if ch == channel and k == key:
                return str(1001 + i)
        return None

    async def edit(self, channel, message_id, message):
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.edits.append((channel, message_id, message))

    async def delete(self, channel, message_id):
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.deleted.append((channel, message_id))


def semantic_kb(app):
    """Give `app` a knowledge base with the semantic ranking on (a `FakeEmbedder`, which records
    the threads it ran on); returns the embedder with its record cleared after the build."""
    from bot.core.ask.kb import KnowledgeBase
    from knowledge.hybrid import HybridMatcher
    from tests.conftest import SYNTHETIC
    from tests.knowledge.fakes import FakeEmbedder

    emb = FakeEmbedder()
    app.kb = app.questions.kb = KnowledgeBase(SYNTHETIC, matcher_factory=lambda es: HybridMatcher(es, emb))
    emb.threads.clear()
    return emb
