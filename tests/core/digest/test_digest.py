"""The weekly digest: content, sensitivity, Discord's limits, daylight saving, exactly once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.clock import ManualClock, iso
from bot.core.digest.layout import Section, layout
from bot.core.dispatch import Dispatcher
from bot.core.models import Privilege, Request
from bot.core.settings import Settings
from bot.core.store import T
from bot.core.timeparse import parse_local
from tests.conftest import SECRET, SYNTHETIC
from tests.stubs import RecordingNotifier, StubMatcher

AMS = ZoneInfo("Europe/Amsterdam")
MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
GRACE = dt.timedelta(hours=2)


def add_trend(app, theme="complotdenken", sensitivity="network", when=None, seen="Meer complotvideo's op school"):
    app.db[T.trends].insert({"municipality": "Gemeente Noord", "region": "noord", "theme": theme, "seen": seen,
                             "direction": "rising", "sensitivity": sensitivity, "author_key": "anon:x",
                             "status": "active", "created_at": iso(when or app.clock.now())})


def test_moments_follow_wall_clock_across_daylight_saving(app):
    assert app.digest.moment(2027, 12) == dt.datetime(2027, 3, 22, 8, 0, tzinfo=dt.UTC)   # CET
    assert app.digest.moment(2027, 13) == dt.datetime(2027, 3, 29, 7, 0, tzinfo=dt.UTC)   # CEST, after 28 March
    assert app.digest.moment(2027, 44) == dt.datetime(2027, 11, 1, 8, 0, tzinfo=dt.UTC)   # CET, after 31 Oct


def test_empty_week_says_so_in_one_line(app):
    digest = app.digest.build("2026-W49")
    assert digest.empty
    assert [len(s.lines) for s in digest.sections] == [1]
    assert len(digest.messages()) == 1


def test_sections_and_sensitivity(app, clock):
    clock.set(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    app.sessions.plan(MOD, "lab", "Online radicalisering", "", parse_local("2026-12-17 19:30", AMS),
                      parse_local("2026-12-17 21:30", AMS), "123")
    add_trend(app)
    add_trend(app, theme="online", sensitivity="moderators", seen="Vertrouwelijk signaal")
    add_trend(app, theme="online", when=clock.now() - dt.timedelta(days=20))
    app.questions.ask(Request(user_id="discord:1", text="hoeveel parkeerplekken zijn er"))
    digest = app.digest.build("2026-W50")
    titles = [s.title for s in digest.sections]
    assert titles[:3] == ["Komende sessies", "Nieuwe trends van het informatieplein", "Open vragen voor experts"]
    text = digest.markdown()
    assert "Online radicalisering" in text and "Meer complotvideo's" in text
    assert "Vertrouwelijk" not in text
    assert "Vragen zonder goed antwoord" not in text
    mods = app.digest.build("2026-W50", moderators=True).markdown()
    assert "Vragen zonder goed antwoord" in mods and "parkeerplekken" in mods


def test_activity_chart_is_a_png_when_there_is_data(app, clock):
    clock.set(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    for days in (1, 8, 15):
        add_trend(app, when=clock.now() - dt.timedelta(days=days))
    digest = app.digest.build("2026-W50")
    chart = next(s for s in digest.sections if s.image)
    assert chart.image.data.startswith(b"\x89PNG\r\n\x1a\n")
    message = next(m for m in digest.messages() if m.files)
    assert any(e.image == "attachment://activiteit.png" for e in message.embeds)


def test_personal_data_is_scrubbed_before_posting(app, clock):
    clock.set(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    add_trend(app, seen="Jongeren volgen elkaar, bel 06-12345678 voor info")
    text = app.digest.build("2026-W50").markdown()
    assert "12345678" not in text and "[TELEFOON]" in text


def test_layout_splits_cleanly_within_every_limit():
    lines = tuple(f"- Les {i}: " + "woord " * 60 for i in range(200))
    messages = layout([Section("Nieuwe lessen", lines), Section("Kort", ("een regel",))])
    assert len(messages) > 1
    for m in messages:
        m.check_limits()
        assert len(m.embeds) <= 10 and sum(e.size() for e in m.embeds) <= 6000
    posted = [line for m in messages for e in m.embeds for line in e.description.split("\n")]
    assert posted[:200] == list(lines)  # every line whole, in order
    assert posted[-1] == "een regel"


def test_one_huge_line_is_shortened_at_a_word_not_lost():
    [message] = layout([Section("S", ("woord " * 2000,))])
    desc = message.embeds[0].description
    assert len(desc) <= 4096 and desc.endswith("…") and "woor…" not in desc


def fresh(tmp_path, when):
    settings = Settings(database_path=tmp_path / "labbot.db", pseudonym_secret=SECRET)
    return build_app(settings, clock=ManualClock(when), kb=KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher))


@pytest.mark.parametrize(("start", "expected"), [
    (dt.datetime(2026, 11, 30, 7, 59, tzinfo=dt.UTC), "not-due"),      # restart just before 09:00
    (dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC), "posted"),         # at the moment
    (dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC), "posted"),        # down across it, back within grace
    (dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC), "skipped"),         # a day late: too old to matter
])
def test_catch_up_after_downtime(tmp_path, start, expected):
    app = fresh(tmp_path, start)
    try:
        assert app.digest.run_scheduled(GRACE) == expected
    finally:
        app.close()


async def test_restart_during_and_after_the_due_digest_posts_once(tmp_path):
    moment = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    notifier = RecordingNotifier()
    first = fresh(tmp_path, moment)
    assert first.digest.run_scheduled(GRACE) == "posted"
    claimed = first.outbox.claim_due()  # the post starts ... and the process is killed here
    assert claimed
    notifier.posts.append(("network", first.outbox.render(claimed[0]), claimed[0]["key"]))
    first.close()
    second = fresh(tmp_path, moment + dt.timedelta(minutes=5))
    assert second.digest.run_scheduled(GRACE) == "posted-before"
    second.clock.advance(minutes=2)
    await Dispatcher(second.outbox, notifier).drain()
    second.close()
    third = fresh(tmp_path, moment + dt.timedelta(hours=1))
    assert third.digest.run_scheduled(GRACE) == "posted-before"
    assert third.digest.post("2026-W49") == 0
    third.close()
    assert [key for _, _, key in notifier.posts] == ["digest:network:2026-W49:p1"]


def test_post_now_by_moderators_only_and_the_scheduled_run_then_skips(app, clock):
    from bot.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        app.digest.post_now(Request(user_id="discord:1"))
    clock.set(dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))  # Friday of week 48: post early
    assert app.digest.post_now(MOD) == 1
    clock.set(dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC))  # Monday, week 49: a new week, its own digest
    assert app.digest.run_scheduled(GRACE) == "posted"


def test_bad_week_is_a_clear_error(app):
    from bot.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="digest.bad_week"):
        app.digest.build("2026-W77")
