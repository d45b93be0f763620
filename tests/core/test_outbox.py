"""The outbox posts everything exactly once: idempotent keys, retries with back-off, and no double
post when the answer of a successful post was lost (a crash between posting and recording)."""

import datetime as dt

import pytest

from bot.core.dispatch import Dispatcher
from bot.core.notify import DeliveryError, EmbedData, EmbedField, OutMessage, marker
from bot.core.outbox import MAX_ATTEMPTS, OutboxService
from tests.stubs import RecordingNotifier

MSG = OutMessage(content="hallo", embeds=(EmbedData(title="t", description="d", footer="f"),))


@pytest.fixture
def outbox(fresh_db, clock):
    return OutboxService(fresh_db, clock)


@pytest.fixture
def notifier():
    return RecordingNotifier()


@pytest.fixture
def dispatcher(outbox, notifier):
    return Dispatcher(outbox, notifier)


async def test_same_key_posts_once(outbox, dispatcher, notifier):
    assert outbox.enqueue("digest:network:2026-W49", "network", MSG) is True
    assert outbox.enqueue("digest:network:2026-W49", "network", MSG) is False
    await dispatcher.drain()
    await dispatcher.drain()
    assert len(notifier.posts) == 1
    assert outbox.get("digest:network:2026-W49")["status"] == "sent"


async def test_retry_with_backoff_and_retry_after(outbox, dispatcher, notifier, clock):
    notifier.fail_with = [DeliveryError("429", retry_after=30), DeliveryError("502")]
    outbox.enqueue("k", "network", MSG)
    await dispatcher.run_once()
    row = outbox.get("k")
    assert row["status"] == "pending" and row["next_attempt_at"] == "2026-11-30T09:00:30+00:00"
    assert await dispatcher.run_once() == 0  # not due yet
    clock.advance(seconds=30)
    await dispatcher.run_once()  # 502: second attempt, back-off 10 s
    assert outbox.get("k")["next_attempt_at"] == "2026-11-30T09:00:40+00:00"
    clock.advance(seconds=10)
    await dispatcher.run_once()
    assert outbox.get("k")["status"] == "sent" and len(notifier.posts) == 1


async def test_lost_answer_does_not_post_twice(outbox, dispatcher, notifier, clock):
    notifier.lose_answer = 1
    outbox.enqueue("k", "network", MSG)
    await dispatcher.run_once()
    assert outbox.get("k")["status"] == "pending"
    clock.advance(minutes=5)
    await dispatcher.drain()
    assert len(notifier.posts) == 1
    assert outbox.get("k")["status"] == "sent"


async def test_crash_while_claimed_is_picked_up_after_the_claim_expires(outbox, notifier, clock, fresh_db):
    outbox.enqueue("k", "network", MSG)
    claimed = outbox.claim_due()
    assert [r["key"] for r in claimed] == ["k"]
    # the process dies here, after Discord accepted the post but before mark_sent
    notifier.posts.append(("network", MSG, "k"))
    restarted = Dispatcher(OutboxService(fresh_db, clock), notifier)
    assert await restarted.run_once() == 0  # claim still valid
    clock.advance(seconds=61)
    await restarted.drain()
    assert len(notifier.posts) == 1 and outbox.get("k")["status"] == "sent"


async def test_permanent_failure_goes_dead_after_max_attempts(outbox, dispatcher, notifier, clock):
    notifier.fail_with = [DeliveryError("500") for _ in range(MAX_ATTEMPTS)]
    outbox.enqueue("k", "network", MSG)
    for _ in range(MAX_ATTEMPTS):
        await dispatcher.run_once()
        clock.advance(dt.timedelta(hours=2))
    assert outbox.get("k")["status"] == "dead"
    assert outbox.counts() == {"dead": 1, "pending": 1}  # and the moderators are told (issue 19, point 4)


async def test_unknown_operation_is_dead_not_retried(outbox, dispatcher):
    outbox.enqueue("k", "network", op="teleport")
    await dispatcher.run_once()
    assert outbox.get("k")["status"] == "dead"


def test_limits_are_checked_before_queueing(outbox):
    with pytest.raises(ValueError):
        outbox.enqueue("k", "network", OutMessage(content="x" * 2001))
    fields = tuple(EmbedField(f"f{i}", "v") for i in range(26))
    with pytest.raises(ValueError):
        outbox.enqueue("k2", "network", OutMessage(embeds=(EmbedData(title="t", fields=fields),)))
    assert outbox.counts() == {}


def test_message_json_round_trip_with_files():
    from bot.core.notify import FileData

    msg = OutMessage(content="c", embeds=(EmbedData(title="t", fields=(EmbedField("n", "v", True),)),),
                     files=(FileData("chart.png", b"\x89PNG\r\n"),))
    assert OutMessage.from_json(msg.to_json()) == msg


def test_marker_is_stable_and_short():
    assert marker("digest:network:2026-W49") == marker("digest:network:2026-W49")
    assert len(marker("x")) == 14 and marker("a") != marker("b")
