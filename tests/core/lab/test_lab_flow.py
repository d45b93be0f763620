"""Intake, votes, moderation, the session and lessons, with a restart between every step."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.errors import Conflict, InvalidInput, NotAllowed, RateLimited
from bot.core.guard import PersonalDataFound
from bot.core.i18n import error_text
from bot.core.models import Privilege, Request
from bot.core.settings import Settings
from bot.core.store import T
from bot.core.timeparse import parse_local
from knowledge.entry import parse_entry
from tests.conftest import SECRET, SYNTHETIC
from tests.stubs import StubMatcher

AMS = ZoneInfo("Europe/Amsterdam")
MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
MOD2 = Request(user_id="discord:8", privilege=Privilege.MODERATOR)


def member(n, **kw):
    return Request(user_id=f"discord:{n}", **kw)


@pytest.fixture
def lab(app, clock):
    clock.set(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    return app.sessions.plan(MOD, "lab", "Complotdenken op school", "", parse_local("2027-03-11 19:30", AMS),
                             parse_local("2027-03-11 21:30", AMS), "123")


def submit(app, lab, n=1, title="Leerling deelt complotvideo's", text="Hoe ga ik het gesprek aan?", **kw):
    return app.intake_items.submit(member(n, text=text, **kw), lab.id, title, "onderwijs")


def test_intake_closed_before_it_opens_and_after_the_end(app, lab, clock):
    """Issue 16 point 13: before it opens, the refusal says when intake opens."""
    clock.set(lab.intake_opens_at - dt.timedelta(minutes=1))
    with pytest.raises(InvalidInput, match="lab.intake_not_yet") as err:
        submit(app, lab)
    assert err.value.params["opens"] == "01-03-2027"  # the lab was planned then, with intake open at once
    assert error_text(err.value, "en").endswith("it opens on 01-03-2027.")
    clock.set(lab.ends_at)
    with pytest.raises(InvalidInput, match="lab.intake_closed"):
        submit(app, lab)
    assert app.db[T.items].count == 0


@pytest.mark.parametrize(("title", "text", "key"), [
    ("   ", "tekst", "lab.item_empty"), ("titel", " \n ", "lab.item_empty"),
    ("x" * 101, "tekst", "lab.title_too_long"), ("titel", "x" * 4001, "lab.text_too_long")])
def test_bad_intake_clear_and_nothing_lost(app, lab, title, text, key):
    with pytest.raises(InvalidInput) as err:
        submit(app, lab, title=title, text=text)
    assert err.value.key == key and app.db[T.items].count == 0


def test_anonymous_intake_hides_the_author_but_member_finds_it(app, lab):
    item = submit(app, lab, anonymous=True)
    row = app.db[T.items].get(item.id)
    assert row["author_key"].startswith("anon:") and "discord:1" not in str(row)
    assert [r["id"] for r in app.intake_items.mine(member(1))] == [item.id]
    assert app.intake_items.mine(member(2)) == []


def test_personal_data_in_the_title_is_caught_too(app, lab):
    with pytest.raises(PersonalDataFound):
        submit(app, lab, title="Over leerling met bsn 111222333")
    assert app.db[T.items].count == 0


def test_votes_toggle_one_per_member(app, lab):
    item = submit(app, lab)
    app.intake_items.approve(MOD, item.id)
    assert app.intake_items.toggle_vote(member(2), item.id) == (True, 1)
    assert app.intake_items.toggle_vote(member(3), item.id) == (True, 2)
    assert app.intake_items.toggle_vote(member(2), item.id) == (False, 1)


def test_vote_rate_limit(app, lab):
    item = submit(app, lab)
    app.intake_items.approve(MOD, item.id)
    for _ in range(60):
        app.intake_items.toggle_vote(member(2), item.id)
    with pytest.raises(RateLimited):
        app.intake_items.toggle_vote(member(2), item.id)


def test_merge_carries_votes_and_followers_and_blocks_votes_on_the_merged(app, lab):
    a = submit(app, lab, 1, "Complotvideo's in de klas", "Hoe reageer ik als leerlingen complotvideo's delen?")
    b = submit(app, lab, 2, "Complotvideo's in de klas delen", "Hoe reageer ik als leerlingen complotvideo's delen in de klas?")
    assert app.intake_items.near_duplicates(lab.id)[0][:2] == (a.id, b.id)
    for item in (a, b):
        app.intake_items.approve(MOD, item.id)
    app.intake_items.toggle_vote(member(3), a.id)
    app.intake_items.toggle_vote(member(3), b.id)
    app.intake_items.toggle_vote(member(4), b.id)
    merged = app.intake_items.merge(MOD, b.id, a.id)
    assert merged.votes == 2  # member 3 counted once
    followers = {r["user_key"] for r in app.db[T.followers].rows_where("item_id = ?", [a.id])}
    assert followers == {"discord:1", "discord:2"}
    with pytest.raises(InvalidInput, match="lab.vote_merged"):
        app.intake_items.toggle_vote(member(5), b.id)


def test_moderation_needs_moderators_and_a_claim_blocks_others(app, lab):
    item = submit(app, lab)
    with pytest.raises(NotAllowed):
        app.intake_items.approve(member(2), item.id)
    app.intake_items.claim(MOD, item.id)
    with pytest.raises(Conflict, match="lab.item_claimed"):
        app.intake_items.approve(MOD2, item.id)
    app.intake_items.approve(MOD, item.id)
    actions = [r["action"] for r in app.audit.read(Request(user_id="a", privilege=Privilege.ADMIN))]
    assert actions[:2] == ["item.approve", "item.claim"]


def test_two_moderators_at_once_one_wins_data_stays_consistent(app, lab):
    item = submit(app, lab)
    stale = app.intake_items.get(item.id)
    app.intake_items.approve(MOD2, item.id)
    with pytest.raises(Conflict):
        app.intake_items._update(stale, {"status": "rejected"})  # the slower one acted on old state
    assert app.intake_items.get(item.id).status == "approved"


def test_reject_needs_a_reason_and_tells_the_member_privately(app, lab):
    item = submit(app, lab)
    with pytest.raises(InvalidInput, match="lab.reason_needed"):
        app.intake_items.reject(MOD, item.id, "  ")
    app.intake_items.reject(MOD, item.id, "Valt buiten het thema van dit lab")
    dm = app.outbox.get(f"reject:{item.id}")
    assert dm["channel"] == "dm:discord:1" and "buiten het thema" in app.outbox.preview(dm["key"]).content


def test_agenda_order_most_votes_first_then_moderator_order(app, lab):
    a, b = submit(app, lab, 1, "Eerste vraag"), submit(app, lab, 2, "Tweede vraag")
    for item in (a, b):
        app.intake_items.approve(MOD, item.id)
    app.intake_items.toggle_vote(member(5), b.id)
    assert [i.id for i in app.intake_items.agenda(lab.id)] == [b.id, a.id]
    app.intake_items.order(MOD, lab.id, [a.id, b.id])
    assert [i.id for i in app.intake_items.agenda(lab.id)] == [a.id, b.id]
    with pytest.raises(InvalidInput):
        app.intake_items.order(MOD, lab.id, [a.id, 999])


def test_whole_lab_with_a_restart_between_every_step(tmp_path, clock):
    settings = Settings(database_path=tmp_path / "labbot.db", pseudonym_secret=SECRET)
    kb = KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher)
    clock.set(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    state = {}

    def step(fn):
        app = build_app(settings, clock=clock, kb=kb)
        try:
            fn(app)
        finally:
            app.close()

    step(lambda app: state.update(lab=app.sessions.plan(
        MOD, "lab", "Complotdenken", "", parse_local("2027-03-11 19:30", AMS), parse_local("2027-03-11 21:30", AMS),
        "123")))
    step(lambda app: state.update(item=submit(app, state["lab"])))
    step(lambda app: app.intake_items.approve(MOD, state["item"].id))
    step(lambda app: app.intake_items.toggle_vote(member(7), state["item"].id))
    clock.set(parse_local("2027-03-11 19:30", AMS))
    step(lambda app: app.sessions.start(MOD, state["lab"].id,
                                        [{"title": i.title, "votes": i.votes} for i in app.intake_items.agenda(
                                            state["lab"].id)]))
    step(lambda app: app.sessions.set_current(MOD, state["lab"].id, state["item"].id, state["item"].title))
    step(lambda app: app.lessons.add_note(Request(user_id="discord:9", privilege=Privilege.MODERATOR,
                                                  text="Tip: begin vanuit nieuwsgierigheid. Betrek de mentor. "
                                                       "Les: leg feitelijk vast wat je ziet, met datum."),
                                          state["item"].id))
    step(lambda app: app.sessions.close(MOD, state["lab"].id))
    step(lambda app: state.update(drafts=app.lessons.draft_for_session(state["lab"].id)))
    step(lambda app: app.lessons.approve(MOD, state["drafts"][0]))
    step(lambda app: app.lessons.publish(MOD, state["lab"].id))
    step(lambda app: state.update(path=app.lessons.promote(MOD, state["drafts"][0], tmp_path / "drafts")))

    assert state["path"].stat().st_mode & 0o777 == 0o600  # issue 17 point 5: drafts are private files
    entry, problems = parse_entry(state["path"].read_text(encoding="utf-8"), str(state["path"]))
    assert entry is not None and not problems, problems
    assert entry.provenance["session"] == state["lab"].id and entry.review_by > clock.now().date()

    def later_question(app):
        answer = app.questions.ask(member(3, text="een leerling deelt complotvideo's, wat nu?"))
        state["answer"] = answer

    step(later_question)
    assert state["answer"].answered and state["answer"].best.lab_date == "2027-03-11"
    step(lambda app: state.update(outbox=app.outbox.counts()))
    assert state["outbox"]["pending"] >= 5  # event syncs, thread, agenda, current item, lessons


def test_two_processes_claim_the_same_item_one_wins(tmp_path, clock):
    """Two app objects on one database file (as two processes would be): the claim is a
    compare-and-set on the item's version, so the second moderator gets a clear Conflict."""
    settings = Settings(database_path=tmp_path / "labbot.db", pseudonym_secret=SECRET)
    kb = KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher)
    clock.set(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    one, two = build_app(settings, clock=clock, kb=kb), build_app(settings, clock=clock, kb=kb)
    try:
        lab = one.sessions.plan(MOD, "lab", "Thema", "", parse_local("2027-03-11 19:30", AMS),
                                parse_local("2027-03-11 21:30", AMS), "123")
        item = submit(one, lab)
        seen_by_two = two.intake_items.get(item.id)
        one.intake_items.claim(MOD, item.id)
        with pytest.raises(Conflict):
            two.intake_items._update(seen_by_two, {"claimed_by": MOD2.user_id})
        with pytest.raises(Conflict, match="lab.item_claimed"):
            two.intake_items.claim(MOD2, item.id)
        assert two.intake_items.get(item.id).claimed_by == MOD.user_id
    finally:
        one.close()
        two.close()


def test_item_list_is_one_query_with_vote_counts(app, lab):
    made = [submit(app, lab, n=n, title=f"Vraag nummer {n}", text=f"Hoe pak ik situatie {n} aan?") for n in range(1, 6)]
    app.intake_items.approve(MOD, made[2].id)
    app.intake_items.toggle_vote(member(9), made[2].id)
    statements: list[str] = []
    app.db.conn.set_trace_callback(statements.append)
    try:
        items = app.intake_items.items(lab.id)
    finally:
        app.db.conn.set_trace_callback(None)
    assert [i.id for i in items] == [m.id for m in made] and [i.votes for i in items] == [0, 0, 1, 0, 0]
    assert len([s for s in statements if s.lstrip().lower().startswith("select")]) == 1  # no query per item


def test_point3_title_is_checked_and_masked_on_anonymise(app, lab):
    with pytest.raises(PersonalDataFound) as held:
        submit(app, lab, title="Leerling belt 06-12345678", text="Hoe reageer ik hierop?")
    assert app.db[T.items].count == 0  # the title alone holds it
    kind, item = app.continue_intake(member(1), held.value.token, "anonymise")
    assert kind == "item" and "12345678" not in item.title and "[TELEFOON]" in item.title
    assert "12345678" not in str(app.db[T.items].get(item.id))
