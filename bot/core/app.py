"""The application object: settings, database, knowledge base and services, built once in `main`
and shared by every door (Discord, console, scheduler, demo)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlite_utils

from .clock import Clock, SystemClock
from .kb import KnowledgeBase
from .services.questions import QuestionService
from .settings import Settings
from .store import open_database

log = logging.getLogger("labbot")


@dataclass
class Labbot:
    settings: Settings
    db: sqlite_utils.Database
    kb: KnowledgeBase
    clock: Clock
    questions: QuestionService

    def close(self) -> None:
        self.db.close()


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    kb: KnowledgeBase | None = None,
    db: sqlite_utils.Database | None = None,
) -> Labbot:
    clock = clock or SystemClock()
    db = db if db is not None else open_database(settings.database_path)
    kb = kb or KnowledgeBase.load(settings.knowledge_dir)
    for problem in kb.problems:
        log.warning("knowledge base: %s", problem)
    log.info("knowledge base: %d entries loaded, %d problems", len(kb), len(kb.problems))
    return Labbot(settings=settings, db=db, kb=kb, clock=clock, questions=QuestionService(db, kb, clock))
