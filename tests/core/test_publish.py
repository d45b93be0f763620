"""What may be published (issue 17, point 1): one rule for every public renderer.

Seeds a lab with items in every status (pending, approved, rejected, merged, erased), member text
with Markdown links, mentions and personal data, a published lesson, a trend and a moderator's
theme with Markdown; then renders every public output (digest in both forms, vote posts, the
agenda, lessons embed and `.md`, reminders, the `.ics` feed) and asserts that nothing
unapproved appears and that no member text appears raw.
"""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from bot.core.clock import iso
from bot.core.lab.calendar import calendar_bytes
from bot.core.models import Privilege, Request
from bot.core.publish import plain_text, public_text
from bot.core.store import T
from bot.core.timeparse import parse_local

AMS = ZoneInfo("Europe/Amsterdam")
MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
LINK = "[Officiële richtlijn](https://evil.example/x)"
UNPUBLISHABLE = ("PENDINGTITEL", "REJECTEDTITEL", "MERGEDTITEL", "ERASEDTITEL", "06-12345678")


def member(n: int, text: str = "Hoe ga ik hiermee om?") -> Request:
    return Request(user_id=f"discord:{n}", text=text)


@pytest.fixture
def seeded(app, clock):
    clock.set(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    lab = app.sessions.plan(MOD, "lab", f"Thema {LINK} @everyone", "Beschrijving **vet** <@123>",
                            parse_local("2027-03-11 19:30", AMS), parse_local("2027-03-11 21:30", AMS), "123")
    submit = app.intake_items.submit
    approved = submit(member(1, f"Tekst met {LINK} en @everyone"), lab.id, f"{LINK} @here", "onderwijs")
    app.intake_items.approve(MOD, approved.id)
    submit(member(2), lab.id, f"PENDINGTITEL {LINK}", "zorg")
    rejected = submit(member(3), lab.id, "REJECTEDTITEL", "zorg")
    app.intake_items.reject(MOD, rejected.id, "Past niet bij dit thema")
    merged = submit(member(4), lab.id, "MERGEDTITEL", "zorg")
    target = submit(member(5), lab.id, "Doelvraag over school", "zorg")
    app.intake_items.approve(MOD, target.id)
    app.intake_items.merge(MOD, merged.id, target.id)
    erased = submit(member(6), lab.id, "ERASEDTITEL", "zorg")
    app.intake_items.approve(MOD, erased.id)
    app.members.forget(Request(user_id="discord:6"))
    # Content that never passed a moderator or the guard, seeded directly as a forged row would be.
    app.db[T.items].insert({"session_id": lab.id, "author_key": "anon:z", "anonymous": 1, "status": "pending",
                            "title": "PENDINGTITEL bel 06-12345678", "text": "x", "sector": "", "version": 0,
                            "created_at": iso(clock.now()), "updated_at": iso(clock.now())})
    app.db[T.trends].insert({"municipality": "Gemeente Noord", "region": "noord", "theme": "online",
                             "seen": f"Jongeren delen {LINK} @everyone", "direction": "rising",
                             "sensitivity": "network", "author_key": "anon:x", "status": "active",
                             "created_at": iso(clock.now())})
    return app, lab


def everything_public(app, lab, clock) -> tuple[str, str]:
    """Every public output, as text: (Markdown posts, places without Markdown such as the .ics
    feed, event and thread names)."""
    out, plain = [], []
    week = app.digest.current_week()
    digest = app.digest.build(week)
    out.append(digest.markdown())
    out += [json.dumps([m.__dict__ for m in digest.messages()], default=str, ensure_ascii=False)]
    clock.set(lab.starts_at - dt.timedelta(days=1))
    app.reminders.send_due()
    clock.set(lab.starts_at - dt.timedelta(minutes=5))
    app.sessions.start(MOD, lab.id, [{"title": i.title, "votes": i.votes} for i in app.intake_items.agenda(lab.id)])
    plain.append(calendar_bytes(app.sessions.all_sessions(), AMS, clock.now()).decode())
    for row in app.db[T.outbox].rows:
        if not row["channel"].startswith("dm:"):
            payload = json.loads(row["payload"])
            if payload.get("op", "post") != "post":
                plain.append(row["payload"])
                continue
            message = app.outbox.preview(row["key"])  # rendered as it would be sent now
            out.append(json.dumps(message.to_json() if message else {}, ensure_ascii=False))
    return "\n".join(out), "\n".join(plain)


def test_no_unapproved_or_raw_member_text_in_any_public_output(seeded, clock):
    app, lab = seeded
    posts, plain = everything_public(app, lab, clock)
    for word in UNPUBLISHABLE:
        assert word not in posts + plain, word
    assert "](https://evil.example" not in posts  # no working masked link
    assert "@everyone" not in posts and "@here" not in posts and "<@123>" not in posts
    assert "@everyone" not in plain.split("BEGIN:VCALENDAR")[0]  # event and thread names
    assert "Officiële richtlijn" in posts  # the approved item is there, neutralised


def test_open_questions_in_the_digest_are_approved_items_only(seeded, clock):
    app, lab = seeded
    section = next(s for s in app.digest.build(app.digest.current_week()).sections
                   if s.title == "Open vragen voor experts")
    assert len([line for line in section.lines if line.startswith("- ")]) == 2  # approved + merge target
    assert all("\\[Officiële richtlijn\\]" in line or "Doelvraag" in line for line in section.lines[:2])


def test_lessons_are_neutralised_in_embed_and_attachment(seeded, clock):
    app, lab = seeded
    clock.set(lab.starts_at - dt.timedelta(minutes=5))
    app.sessions.start(MOD, lab.id, [])
    clock.set(lab.ends_at)
    app.sessions.close(MOD, lab.id)
    lesson_id = app.db[T.lessons].insert({"session_id": lab.id, "item_id": None, "title": f"Les {LINK}",
                                          "text": "Tip: @everyone **lees** dit", "status": "approved",
                                          "created_at": iso(clock.now()), "updated_at": iso(clock.now())}).last_pk
    assert app.lessons.publish(MOD, lab.id) == 1
    row = next(app.db[T.outbox].rows_where("key like 'lessons:%'"))
    sent = json.dumps(app.outbox.preview(row["key"]).to_json(), ensure_ascii=False)
    attachment = app.outbox.preview(row["key"]).files[0].data.decode()
    assert "Les " in sent and "](https://evil.example" not in sent + attachment and "@everyone" not in sent + attachment
    assert lesson_id


@pytest.mark.parametrize("text", ["[a](https://x.y)", "@everyone", "<@&5>", "# kop", "**vet**\nregel 2"])
def test_public_text_neutralises_and_plain_text_breaks_mentions(text):
    out = public_text(text)
    assert "](" not in out and "@everyone" not in out and "<@&" not in out and "\n" not in out
    assert not out.startswith("#") and "**" not in out
    plain = plain_text(text)
    assert "@everyone" not in plain and "<@&" not in plain and "\n" not in plain
