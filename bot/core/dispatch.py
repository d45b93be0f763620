"""Delivers the outbox: claim due rows, run their operation, mark them sent or retry later.

Operations are async handlers by name; "post" comes built in (through the `Notifier`). Doors add
their own (the Discord adapter: scheduled events, threads). Runs as a background task: woken by
every enqueue and by a periodic tick, so retries happen even when nothing new arrives.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.core.notify import DeliveryError, Notifier, OutMessage
from bot.core.outbox import OutboxService

log = logging.getLogger("labbot.outbox")

Handler = Callable[[dict], Awaitable[str | None]]


class Dispatcher:
    def __init__(self, outbox: OutboxService, notifier: Notifier) -> None:
        self.outbox = outbox
        self.notifier = notifier
        self.handlers: dict[str, Handler] = {"post": self._post}
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        outbox.listeners.append(self.wake)

    def wake(self) -> None:
        self._wake.set()

    async def _post(self, row: dict) -> str | None:
        key, channel = row["key"], row["channel"]
        if row["attempts"] > 1:  # it may have reached Discord before a crash or a lost answer
            found = await self.notifier.find_post(channel, key)
            if found:
                log.info("outbox %s: earlier post found, not posting again", row["id"])
                return found
        return await self.notifier.post(channel, OutMessage.from_json(row["payload"]["message"]), key=key)

    async def run_once(self, limit: int = 10) -> int:
        """Deliver what is due now; returns how many rows were handled."""
        rows = self.outbox.claim_due(limit)
        for row in rows:
            op = row["payload"].get("op", "post")
            handler = self.handlers.get(op)
            try:
                if handler is None:
                    raise DeliveryError(f"no handler for {op!r}", retry=False)
                result = await handler(row)
            except DeliveryError as exc:
                status = self.outbox.mark_failed(row, str(exc), retry=exc.retry, retry_after=exc.retry_after)
                log.warning("outbox %s (%s) failed, attempt %d, now %s: %s", row["id"], op, row["attempts"], status,
                            exc)
            except Exception as exc:  # a bug in a handler must not stop the outbox
                status = self.outbox.mark_failed(row, type(exc).__name__)
                log.exception("outbox %s (%s) raised, now %s", row["id"], op, status)
            else:
                self.outbox.mark_sent(row["id"], result)
        return len(rows)

    async def drain(self, max_rounds: int = 100) -> None:
        """Deliver until nothing is due (tests and the demo)."""
        for _ in range(max_rounds):
            if not await self.run_once():
                return

    async def run_forever(self, tick: float = 5.0) -> None:
        while True:
            try:
                while await self.run_once():
                    pass
            except Exception:  # storage trouble: log and try again on the next tick
                log.exception("outbox round failed")
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=tick)
            except TimeoutError:
                pass

    def start(self, tick: float = 5.0) -> asyncio.Task:
        self._task = asyncio.get_running_loop().create_task(self.run_forever(tick), name="labbot-outbox")
        return self._task

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
