"""Shared fixtures: an in-memory database, an injected clock, a small synthetic knowledge base."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.app import Labbot, build_app
from bot.core.clock import ManualClock
from bot.core.kb import KnowledgeBase
from bot.core.settings import Settings
from bot.core.store import open_database
from knowledge.entry import Entry

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

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
def synthetic_kb() -> KnowledgeBase:
    return KnowledgeBase(SYNTHETIC)


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture
def app(fresh_db, clock, synthetic_kb) -> Labbot:
    return build_app(Settings(database_path=Path(":memory:")), clock=clock, kb=synthetic_kb, db=fresh_db)
