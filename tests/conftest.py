"""Shared fixtures: an in-memory database, an injected clock, a small synthetic knowledge base."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

# Bot tests match lexically (fast, deterministic; subprocesses inherit it); tests/knowledge covers
# the semantic ranking with a fake embedder and, where installed, the real model.
os.environ.setdefault("LABBOT_EMBEDDER", "none")
# and the demo keeps no vectors in the user's cache folder (tests that want it give their own)
os.environ.setdefault("LABBOT_DEMO_VECTORS", "none")

from bot.core.app import Labbot, build_app  # noqa: E402
from bot.core.ask.kb import KnowledgeBase  # noqa: E402
from bot.core.clock import ManualClock
from bot.core.settings import Settings
from bot.core.store import open_database
from fakediscord.payloads import NETWORK_GUILD_ID
from knowledge.entry import Entry

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

pytest_plugins = ["fakediscord.fixtures"]

SYNTHETIC = [
    Entry(id="eerste-stappen", title="Zorgen over radicalisering: de eerste stappen",
          body="Schrijf feitelijk op wat je ziet. Bespreek het met een collega. Raadpleeg de specialist.",
          tags=("signalering", "zorgen"), aliases=("wat doe ik bij een zorg over radicalisering",),
          sources=("Regionaal",), sensitivity="network"),
    Entry(id="complotdenken", title="In gesprek met iemand die in complottheorieën gelooft",
          body="Blijf nieuwsgierig, vraag door, ga niet in discussie over feiten alleen.",
          tags=("complotdenken", "gesprek"), sources=("Regionaal",), sensitivity="public"),
    Entry(id="moderator-draaiboek", title="Draaiboek voor moderatoren van het living lab",
          body="Interne werkwijze voor moderatoren: wachtrij, stemmen, notulen.",
          tags=("moderatie", "living lab"), sources=("Regionaal",), sensitivity="moderators"),
]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
def fresh_db():
    db = open_database(":memory:")
    yield db
    db.close()


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    return KnowledgeBase.load()


SECRET = "test-secret-that-is-long-enough"


@pytest.fixture
def app(fresh_db, clock) -> Labbot:
    """The whole application on an in-memory database with the stub matcher (deterministic)."""
    from tests.stubs import StubMatcher

    kb = KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher)
    settings = Settings(database_path=Path(":memory:"), pseudonym_secret=SECRET, guild_id=NETWORK_GUILD_ID,
                        moderator_role_ids=frozenset({9001}))
    return build_app(settings, clock=clock, kb=kb, db=fresh_db)
