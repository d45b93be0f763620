"""Load benchmark: one living lab driven through the real Discord adapter (LabbotBot, unmodified
discord.py) against the project's fake Discord on 127.0.0.1.

    python bench/load_lab.py [--members 300] [--intakes 3000] [--votes 20000] [--concurrency 32]
                             [--moderators 3] [--contract]

The fake Discord and the simulated members run in a separate process (as Discord and its users
are), so the bot's event loop and the figures are the bot's own. `--rate R` offers R interactions
per second (open loop, like people arriving); without it, `--concurrency` members act back to back
(closed loop, the machine's saturation throughput, where latency is mostly queueing). Members hand in
questions through `/inbreng nieuw` (slash command, then the modal; "receipt" is the time until
the receipt with its suggestions arrives, after a deferral), moderators approve them with
`/inbreng goedkeuren` at the same time, the outbox posts each approved item with its vote button,
and members vote by clicking (distinct member and item pairs, so every acknowledged vote must
end up as exactly one row). Meanwhile other members ask `/vraag` (`--questions`): with the semantic
ranking on, the bot defers and encodes each question in a worker thread, so besides the
acknowledgement the time until the answer arrives is reported ("answer", Discord allows 15 minutes
for a deferred answer; a member expects seconds). `LABBOT_EMBEDDER=none` runs it lexical only.

Prints: throughput, the time from interaction to acknowledgement (p50/p95/p99/max, Discord's
hard limit is 3 s), the longest stall of the bot's event loop, peak memory (RSS of the whole
process, fake included), and the count check. Rate limits are raised for the run (300 members
clicking as fast as a machine can would otherwise be throttled, correctly) and said so.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import discord  # noqa: E402

from bot.core.app import build_app  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from bot.core.timeparse import parse_local  # noqa: E402
from bot.discord_adapter.client import LabbotBot  # noqa: E402
from fakediscord import payloads as P  # noqa: E402
from fakediscord.server import FakeDiscord  # noqa: E402

QUESTIONS = ["Wat doe ik als een leerling ineens over {t} begint?", "Hoe ga ik in gesprek over {t}?",
             "Waar meld ik zorgen over {t}?", "Wie kan me helpen bij {t}, situatie {n}?",
             "What should I do about {t}?", "ik twijfel of ik {t} moet melden, wat nu"]
TOPICS = ["complotvideo's in de klas", "polarisatie na een incident", "online haat tegen raadsleden",
          "een jongere die zich terugtrekt", "soevereinen aan de balie", "extreemrechtse memes in groepsapps",
          "spanningen in de wijk", "ouders die zich zorgen maken", "een collega met extreme ideeën"]


def fake_process(conn, args) -> None:
    """The child process: the fake Discord plus the driver (members and moderators)."""
    asyncio.run(_fake_main(conn, args))


async def _fake_main(conn, args) -> None:
    fake = FakeDiscord(contract=args.contract)
    await fake.start()
    mod_role = fake.snowflake()
    fake.roles.append(P.role(mod_role, "moderator", position=2, permissions=P.EVERYONE_PERMISSIONS))
    members = [int(fake.add_user(f"lid{i}")["id"]) for i in range(args.members)]
    moderators = [int(fake.add_user(f"moderator{i}", roles=[mod_role])["id"]) for i in range(args.moderators)]
    conn.send({"api_base": fake.api_base, "gateway_url": fake.gateway_url, "guild_id": fake.guild_id,
               "channel_id": fake.channel_id, "mod_role": mod_role})
    go = await asyncio.to_thread(conn.recv)
    driver = Driver(fake, Path(go["db_path"]), go["session_id"], members, moderators, args)
    result = await driver.run()
    result["latency"] = driver.latency
    result["vote_ok"], result["vote_refused"] = driver.vote_ok, driver.vote_refused
    result["intakes_confirmed"] = sum(1 for iid in driver.intake_states if fake.interactions[iid].followup_ids)
    result["fake_problems"] = fake.problems() if args.contract else []
    conn.send(result)
    await asyncio.to_thread(conn.recv)  # "stop": the bot has closed
    await fake.close()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Driver:
    """Runs in the fake's loop: members and moderators acting at the same time."""

    def __init__(self, fake: FakeDiscord, db_path: Path, session_id: int, members: list[int], moderators: list[int],
                 args) -> None:
        self.fake, self.db_path, self.session_id = fake, db_path, session_id
        self.members, self.moderators, self.args = members, moderators, args
        self.latency: dict[str, list[float]] = {"intake": [], "modal": [], "vote": [], "moderator": [],
                                                "receipt": [], "ask": [], "answer": []}
        self.intake_states: list[int] = []
        self.vote_ok = 0
        self.vote_refused = 0
        self.approved: set[int] = set()
        self.done_intake = False
        self.issued = 0
        self.t0 = time.perf_counter()

    async def pace(self) -> None:
        """Open loop: the n-th action may start at n / rate seconds (people arrive at their own pace)."""
        if self.args.rate:
            self.issued += 1
            wait = self.t0 + self.issued / self.args.rate - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)

    async def act(self, kind: str, iid: int):
        state = await self.fake.wait_answered(iid, timeout=30)
        self.latency[kind].append(state.answered_at - state.sent_at)
        return state

    async def intake_worker(self, queue: asyncio.Queue) -> None:
        while True:
            n = await queue.get()
            if n is None:
                return
            member = self.members[n % len(self.members)]
            topic = TOPICS[n % len(TOPICS)]
            await self.pace()
            opened = await self.act("intake", await self.fake.slash_command(
                "inbreng nieuw", {"sessie": self.session_id}, user_id=member))
            if opened.callbacks[0]["type"] != 9:
                continue
            form = opened.callbacks[0]["data"]["custom_id"]  # this opening's own form
            # typing time: discord.py registers the modal once Discord answered the callback, so a
            # submit in the same millisecond would race it (no human is that fast)
            await asyncio.sleep(self.args.typing)
            submitted = await self.fake.modal_submit(form, fields={
                "title": f"Vraag {n}: {topic}", "text": f"Hoe pakken we {topic} aan? Situatie {n} in de regio.",
                "sector": "onderwijs", "anonymous": ["ja" if n % 3 == 0 else "nee"]}, user_id=member)
            self.intake_states.append(submitted)
            await self.answered("receipt", await self.act("modal", submitted))

    async def question_worker(self, queue: asyncio.Queue) -> None:
        """A member asks `/vraag`; "ask" is the acknowledgement, "answer" the time until the answer
        (the deferred follow-up, or the immediate reply when the bot answered at once)."""
        while True:
            n = await queue.get()
            if n is None:
                return
            member = self.members[(n * 7) % len(self.members)]
            text = QUESTIONS[n % len(QUESTIONS)].format(t=TOPICS[n % len(TOPICS)], n=n)
            await self.pace()
            await self.answered("answer", await self.act("ask", await self.fake.slash_command(
                "vraag", {"vraag": text}, user_id=member)))

    async def answered(self, kind: str, state) -> None:
        """Record when the member sees the answer: the reply itself, or the follow-up of a deferral
        (which the bot sends after encoding in a worker thread)."""
        if state.callbacks[0]["type"] == 5:
            while not state.followup_ids and time.perf_counter() - state.sent_at < 60:
                await asyncio.sleep(0.005)
            if not state.followup_ids:
                return
        self.latency[kind].append(time.perf_counter() - state.sent_at)

    def pending_ids(self) -> list[int]:
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        try:
            return [r[0] for r in conn.execute("select id from items where status = 'pending' order by id")]
        finally:
            conn.close()

    async def moderator(self, who: int, stop: asyncio.Event) -> None:
        while not stop.is_set():
            todo = [i for i in self.pending_ids() if i % len(self.moderators) == who and i not in self.approved]
            if not todo and self.done_intake:
                return
            for item_id in todo[:20]:
                state = await self.act("moderator", await self.fake.slash_command(
                    "inbreng goedkeuren", {"item": item_id}, user_id=self.moderators[who]))
                if state.callbacks[0]["type"] in (4, 5):
                    self.approved.add(item_id)
            await asyncio.sleep(0.05)

    def vote_targets(self) -> dict[int, int]:
        """item id -> message id of its vote post (delivered by the outbox)."""
        targets = {}
        for message in self.fake.messages.values():
            for row in message.get("components") or []:
                for comp in row.get("components", []):
                    cid = comp.get("custom_id", "")
                    if cid.startswith("labbot:vote:"):
                        targets[int(cid.rsplit(":", 1)[1])] = int(message["id"])
        return targets

    async def vote_worker(self, queue: asyncio.Queue, targets: dict[int, int]) -> None:
        while True:
            pair = await queue.get()
            if pair is None:
                return
            member, item_id = pair
            await self.pace()
            state = await self.act("vote", await self.fake.button_click(
                f"labbot:vote:{item_id}", message_id=targets[item_id], user_id=member))
            if state.callbacks[0]["type"] == 7:
                self.vote_ok += 1
            else:
                self.vote_refused += 1

    async def run(self) -> dict:
        args = self.args
        started = time.perf_counter()
        queue: asyncio.Queue = asyncio.Queue()
        for n in range(args.intakes):
            queue.put_nowait(n)
        for _ in range(args.concurrency):
            queue.put_nowait(None)
        stop = asyncio.Event()
        mods = [asyncio.create_task(self.moderator(i, stop)) for i in range(len(self.moderators))]
        workers = args.concurrency if not args.rate else max(args.concurrency, int(args.rate * 2))
        for _ in range(workers - args.concurrency):
            queue.put_nowait(None)
        asks: asyncio.Queue = asyncio.Queue()
        for n in range(args.questions):
            asks.put_nowait(n)
        askers = max(1, min(args.concurrency // 4, args.questions))
        for _ in range(askers):
            asks.put_nowait(None)
        await asyncio.gather(*(self.intake_worker(queue) for _ in range(workers)),
                             *(self.question_worker(asks) for _ in range(askers if args.questions else 0)))
        intake_done = time.perf_counter()
        self.done_intake = True
        await asyncio.gather(*mods)
        for _ in range(600):  # the outbox delivers the vote posts in the background
            targets = self.vote_targets()
            if len(targets) >= len(self.approved):
                break
            await asyncio.sleep(0.1)
        vote_start = time.perf_counter()
        self.issued, self.t0 = 0, time.perf_counter()
        items = sorted(targets)
        rng = random.Random(7)
        pairs = set()
        while len(pairs) < min(args.votes, len(items) * len(self.members)):
            pairs.add((rng.choice(self.members), rng.choice(items)))
        votes: asyncio.Queue = asyncio.Queue()
        for pair in pairs:
            votes.put_nowait(pair)
        for _ in range(workers):
            votes.put_nowait(None)
        await asyncio.gather(*(self.vote_worker(votes, targets) for _ in range(workers)))
        ended = time.perf_counter()
        return {"intake_s": intake_done - started, "vote_s": ended - vote_start, "total_s": ended - started,
                "approved": len(self.approved), "vote_posts": len(targets), "votes_sent": len(pairs)}


def watch_gc(out: dict) -> None:
    """Record the longest pause of Python's garbage collector (a common cause of loop stalls)."""
    import gc

    started: dict = {}

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started["t"] = time.perf_counter()
        elif "t" in started:
            pause = (time.perf_counter() - started.pop("t")) * 1000
            key = f"gc_gen{info['generation']}_max_ms"
            out[key] = round(max(out.get(key, 0.0), pause), 1)

    gc.callbacks.append(callback)


async def stall_monitor(stop: asyncio.Event, out: dict) -> None:
    worst = 0.0
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        worst = max(worst, time.perf_counter() - before - 0.01)
    out["max_stall_ms"] = worst * 1000


async def main(args) -> dict:
    import datetime as dt
    import multiprocessing

    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.core.models import Privilege, Request

    tmp = Path(tempfile.mkdtemp(prefix="labbot-load-"))
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=fake_process, args=(child, args), name="fake-discord", daemon=True)
    proc.start()
    world = await asyncio.to_thread(parent.recv)
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = world["api_base"], yarl.URL(world["gateway_url"])
    settings = Settings(database_path=tmp / "labbot.db", pseudonym_secret="load-benchmark-secret-0123456789",
                        guild_id=world["guild_id"], network_channel_id=world["channel_id"],
                        moderator_role_ids=frozenset({world["mod_role"]}))
    app = build_app(settings)
    app.intake_items.limiter.limits = {"intake": (10_000, 3600.0), "vote": (10_000, 60.0)}  # see the docstring
    start = app.clock.now().astimezone(settings.tz).replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=3)
    session = app.sessions.plan(Request(user_id="bench", privilege=Privilege.MODERATOR), "lab", "Belasting", "",
                                parse_local(start.strftime("%Y-%m-%d %H:%M"), settings.tz),
                                parse_local((start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"), settings.tz),
                                "https://meet.example.org/lab")
    if args.slow:
        import logging

        loop = asyncio.get_running_loop()
        loop.set_debug(True)
        loop.slow_callback_duration = args.slow / 1000
        logging.getLogger("asyncio").setLevel(logging.WARNING)
    bot = LabbotBot(app)
    bot._connection.guild_ready_timeout = 0.05
    stop = asyncio.Event()
    figures: dict = {}
    task = asyncio.create_task(bot.start("fake-token"))
    while not bot.is_ready():
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    await bot.sync_commands()
    bot.dispatcher.start(tick=0.2)
    watch_gc(figures)
    monitor = asyncio.create_task(stall_monitor(stop, figures))
    parent.send({"db_path": str(settings.database_path), "session_id": session.id})
    result = await asyncio.to_thread(parent.recv)
    stop.set()
    await monitor
    if args.objects:
        import collections
        import gc

        counts = collections.Counter(type(o).__name__ for o in gc.get_objects())
        print("objects tracked by the collector:", sum(counts.values()), counts.most_common(12), file=sys.stderr)
    await bot.dispatcher.stop()
    await bot.close()
    await asyncio.wait_for(task, 10)
    parent.send("stop")
    await asyncio.to_thread(proc.join, 10)
    conn = sqlite3.connect(settings.database_path)
    stored_items = conn.execute("select count(*) from items").fetchone()[0]
    stored_votes = conn.execute("select count(*) from votes").fetchone()[0]
    conn.close()
    app.close()
    latency = result["latency"]
    acks = [x for kind, values in latency.items() if kind not in ("receipt", "answer") for x in values]
    confirmed = result["intakes_confirmed"]
    return {
        "members": args.members, "intakes": args.intakes, "votes": result["votes_sent"],
        "questions": args.questions, "matcher": app.kb.matcher_status,
        "mode": f"open loop, {args.rate}/s offered" if args.rate else f"closed loop, {args.concurrency} at once",
        "interactions": len(acks), "seconds": round(result["total_s"], 1),
        "throughput_per_s": round(len(acks) / result["total_s"], 1),
        "ack_ms": {k: {"p50": round(pct(v, 50) * 1000, 1), "p95": round(pct(v, 95) * 1000, 1),
                       "p99": round(pct(v, 99) * 1000, 1), "max": round(max(v, default=0) * 1000, 1), "n": len(v)}
                   for k, v in latency.items()},
        "ack_ms_all": {"p50": round(pct(acks, 50) * 1000, 1), "p95": round(pct(acks, 95) * 1000, 1),
                       "p99": round(pct(acks, 99) * 1000, 1)},
        "over_3s": sum(1 for x in acks if x > 3),
        "max_loop_stall_ms": round(figures.get("max_stall_ms", 0), 1),
        "gc_pause_max_ms": {k[3:7]: v for k, v in figures.items() if k.startswith("gc_")},
        "peak_rss_mb_bot": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "count_check": {"intakes_confirmed": confirmed, "items_stored": stored_items,
                        "votes_acknowledged": result["vote_ok"], "votes_refused": result["vote_refused"],
                        "votes_stored": stored_votes,
                        "ok": confirmed == stored_items and result["vote_ok"] == stored_votes},
        "approved": result["approved"], "vote_posts": result["vote_posts"],
        "contract_check": bool(args.contract), "fake_problems": result["fake_problems"][:5],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--intakes", type=int, default=3000)
    parser.add_argument("--votes", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--moderators", type=int, default=3)
    parser.add_argument("--questions", type=int, default=300,
                        help="/vraag questions asked by members during the intake phase")
    parser.add_argument("--rate", type=float, default=None,
                        help="offer this many interactions per second (open loop) instead of back to back")
    parser.add_argument("--typing", type=float, default=0.3, help="seconds between opening and submitting a form")
    parser.add_argument("--contract", action="store_true", help="validate every request against openapi.json")
    parser.add_argument("--json", action="store_true", help="only the JSON line")
    parser.add_argument("--objects", action="store_true", help="print the object types the collector tracks at the end")
    parser.add_argument("--slow", type=float, default=None, metavar="MS",
                        help="log every step of the bot's event loop slower than MS milliseconds")
    arguments = parser.parse_args()
    discord.utils.setup_logging(level=30 if arguments.slow else 40)
    figures = asyncio.run(main(arguments))
    print(json.dumps(figures, ensure_ascii=False, indent=None if arguments.json else 2))
