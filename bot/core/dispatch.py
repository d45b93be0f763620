"""Delivers the outbox: claim due rows, run their operation, mark them sent or retry later.

Operations are async handlers by name; "post", "edit" and "delete" come built in (through the
`Notifier`). Doors add their own (the Discord adapter: scheduled events, threads). Runs as a
background task: woken by every enqueue and by a periodic tick, so retries happen even when nothing
new arrives.

- A post queued as a reference is rendered now (`OutboxService.render`); when its content is gone
  (erased, rejected, the session closed) the row is cancelled instead of posted. After a post went
  out it is rendered once more: content erased while the post was on its way is removed again.
- "edit" and "delete" act on the message an earlier row posted (`data["of"]`, its key): a vote post
  shown in its final state, or removed after an erasure. While that post is still on its way the
  operation waits; when it never went out there is nothing to do.
- A row that dies is reported once to the moderators' channel (what failed and why), unless it was
  such a report itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.core.clock import iso
from bot.core.i18n import t
from bot.core.notify import DeliveryError, Notifier, OutMessage
from bot.core.outbox import OutboxService, describe

log = logging.getLogger("labbot.outbox")

Handler = Callable[[dict], Awaitable[str | None]]


class Withdrawn(Exception):
    """The content of a queued post is gone: cancel the row, post nothing."""


class Dispatcher:
    def __init__(self, outbox: OutboxService, notifier: Notifier) -> None:
        self.outbox = outbox
        self.notifier = notifier
        self.handlers: dict[str, Handler] = {"post": self._post, "edit": self._edit, "delete": self._delete}
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        outbox.listeners.append(self.wake)

    def wake(self) -> None:
        self._wake.set()

    async def _post(self, row: dict) -> str | None:
        key, channel = row["key"], row["channel"]
        found = None
        if row["attempts"] > 1:  # it may have reached Discord before a crash or a lost answer
            found = await self.notifier.find_post(channel, key)
            if found:
                log.info("outbox %s: earlier post found, not posting again", row["id"])
        message_id = found or await self.notifier.post(channel, self._message(row), key=key)
        if "render" in row["payload"] and self.outbox.render(row) is None:  # erased while on its way
            log.info("outbox %s: content withdrawn while it was being posted; removing the post", row["id"])
            await self.notifier.delete(channel, message_id)
        return message_id

    def _message(self, row: dict) -> OutMessage:
        try:
            message = self.outbox.render(row)
        except ValueError as exc:  # over Discord's limits: it would be refused every time
            raise DeliveryError(f"not sendable: {exc}", retry=False) from exc
        if message is None:
            raise Withdrawn()
        return message

    def _earlier(self, row: dict) -> dict | None:
        """The row whose post an edit or delete acts on; DeliveryError while it is on its way."""
        earlier = self.outbox.get(row["payload"]["data"]["of"])
        if earlier is not None and earlier["status"] == "claimed":
            raise DeliveryError("the post is still on its way", retry_after=30)
        if earlier is None or earlier["status"] != "sent" or not earlier["message_id"]:
            return None  # never posted (or withdrawn before): nothing to change
        return earlier

    async def _edit(self, row: dict) -> str | None:
        earlier = self._earlier(row)
        if earlier is None:
            return None
        await self.notifier.edit(earlier["channel"], earlier["message_id"], self._message(row))
        return earlier["message_id"]

    async def _delete(self, row: dict) -> str | None:
        earlier = self._earlier(row)
        if earlier is None:
            return None
        await self.notifier.delete(earlier["channel"], earlier["message_id"])
        return earlier["message_id"]

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
            except Withdrawn:
                self.outbox.mark_cancelled(row["id"], "content withdrawn before it was sent")
                log.info("outbox %s (%s): content withdrawn, nothing posted", row["id"], op)
            except DeliveryError as exc:
                status = self.outbox.mark_failed(row, str(exc), retry=exc.retry, retry_after=exc.retry_after)
                log.warning("outbox %s (%s) failed, attempt %d, now %s: %s", row["id"], op, row["attempts"], status,
                            exc)
                self._report_if_dead(row, status, str(exc))
            except Exception as exc:  # a bug in a handler must not stop the outbox
                status = self.outbox.mark_failed(row, type(exc).__name__)
                log.exception("outbox %s (%s) raised, now %s", row["id"], op, status)
                self._report_if_dead(row, status, type(exc).__name__)
            else:
                self.outbox.mark_sent(row["id"], result)
        return len(rows)

    def _report_if_dead(self, row: dict, status: str, reason: str) -> None:
        """Tell the moderators once per death what was not delivered and why (never about a report)."""
        if status != "dead" or row["key"].startswith("dead:"):
            return
        text = t("outbox.dead_report", id=row["id"], what=describe(row["key"]), reason=reason[:300])
        self.outbox.enqueue(f"dead:{row['id']}:{iso(self.outbox.clock.now())}", "moderators",
                            OutMessage(content=text))

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
