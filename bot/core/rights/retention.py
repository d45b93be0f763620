"""Retention: nothing is kept longer than needed. A daily job (scheduler) calls `apply`.

Rules, with their defaults in `Settings.retention`:
- text of chat questions: blanked after `question_days` (answer and feedback counts stay);
- the audit log: deleted after `audit_days`;
- later capabilities register their own purges (lab intake, notes, trends) with `register`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from bot.core.clock import Clock, iso
from bot.core.identity import PLUMBING, RETENTION, no_privilege
from bot.core.settings import Retention

log = logging.getLogger("labbot.retention")

Purge = Callable[[dt.datetime], int]


class RetentionService:
    def __init__(self, clock: Clock, rules: Retention) -> None:
        self.clock = clock
        self.rules = rules
        self._purges: list[tuple[str, Purge]] = []

    @no_privilege(PLUMBING)
    def register(self, name: str, purge: Purge) -> None:
        """`purge(now)` applies one rule and returns how many rows it touched."""
        self._purges.append((name, purge))

    @no_privilege(PLUMBING)
    def register_cutoff(self, name: str, days: int, purge_before: Callable[[str], int]) -> None:
        self.register(name, lambda now: purge_before(iso(now - dt.timedelta(days=days))))

    @no_privilege(RETENTION)
    def apply(self) -> dict[str, int]:
        now = self.clock.now()
        done = {name: purge(now) for name, purge in self._purges}
        log.info("retention applied: %s", ", ".join(f"{k}={v}" for k, v in done.items()))
        return done
