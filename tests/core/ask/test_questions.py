import json

import pytest

from bot.core.ask.questions import MAX_QUESTION_CHARS
from bot.core.errors import InvalidInput, NotFound
from bot.core.models import Privilege, Request
from bot.core.store import T


@pytest.fixture
def service(app):
    return app.questions


@pytest.fixture
def db(app):
    return app.db


CURATOR = Request(user_id="t:curator", privilege=Privilege.MODERATOR)


def ask(service, text, user="t:1", privilege=Privilege.MEMBER):
    return service.ask(Request(user_id=user, text=text, privilege=privilege))


def test_answer_carries_title_excerpt_id_and_is_stored(service, db):
    answer = ask(service, "Wat zijn de eerste stappen bij zorgen?")
    assert answer.answered
    assert answer.best.entry_id == "eerste-stappen"
    assert answer.best.title.startswith("Zorgen over radicalisering")
    assert answer.best.excerpt
    row = db[T.questions].get(answer.question_id)
    assert row["status"] == "answered" and row["entry_id"] == "eerste-stappen"
    assert row["author_id"].startswith("anon:") and "t:1" not in row["author_id"]
    assert row["created_at"] == "2026-11-30T09:00:00+00:00"
    assert json.loads(row["alternatives"])[0] == "eerste-stappen"


def test_no_match_is_honest_and_kept_open(service, db):
    answer = ask(service, "Hoeveel parkeerplekken heeft het gemeentehuis?")
    assert not answer.answered and answer.best is None
    assert db[T.questions].get(answer.question_id)["status"] == "open"
    assert [r["id"] for r in service.open_questions(Request(user_id="t:9", privilege=Privilege.MODERATOR))] == [
        answer.question_id]


def test_moderator_entries_hidden_from_members(service):
    member = ask(service, "draaiboek moderatoren living")
    assert not member.answered
    moderator = ask(service, "draaiboek moderatoren living", privilege=Privilege.MODERATOR)
    assert moderator.answered and moderator.best.entry_id == "moderator-draaiboek"


@pytest.mark.parametrize(
    ("text", "key"),
    [("", "error.question_empty"), ("   \n\t ", "error.question_empty"), ("🙂🙂🙂", "error.question_no_words"),
     ("?!", "error.question_no_words"), ("x" * (MAX_QUESTION_CHARS + 1), "error.question_too_long"),
     ("a" * 4000, "error.question_too_long")],
)
def test_bad_questions_get_clear_errors_and_store_nothing(service, db, text, key):
    with pytest.raises(InvalidInput) as err:
        ask(service, text)
    assert err.value.key == key
    assert db[T.questions].count == 0


def test_markdown_and_mentions_are_stored_verbatim_but_clean(service, db):
    answer = ask(service, "  **complotdenken** @everyone @here \u202e ")
    row = db[T.questions].get(answer.question_id)
    assert row["text"] == "**complotdenken** @everyone @here"


def test_feedback_once_per_member_and_changeable(service, db):
    answer = ask(service, "eerste stappen zorgen")
    req = Request(user_id="t:1")
    assert service.feedback(req, answer.question_id, True) is False
    assert service.feedback(req, answer.question_id, False) is True
    rows = list(db[T.feedback].rows)
    assert len(rows) == 1 and rows[0]["helpful"] == 0 and rows[0]["entry_id"] == "eerste-stappen"
    report = service.entry_feedback()
    assert report[0]["entry_id"] == "eerste-stappen" and report[0]["unhelpful"] == 1


def test_feedback_on_unknown_question(service):
    with pytest.raises(NotFound) as err:
        service.feedback(Request(user_id="t:2"), 999, True)
    assert err.value.params["question_id"] == 999


def test_export_and_forget_user(service, db):
    mine = ask(service, "eerste stappen zorgen", user="t:me")
    other = ask(service, "complotdenken gesprek", user="t:other")
    service.feedback(Request(user_id="t:me"), mine.question_id, True)
    service.feedback(Request(user_id="t:other"), other.question_id, True)
    keys = service.identity.keys_of("t:me")
    exported = service.export_user(keys)
    assert [q["id"] for q in exported[T.questions]] == [mine.question_id]
    assert len(exported[T.feedback]) == 1
    counts = service.forget_user(keys)
    assert counts == {T.questions: 1, T.feedback: 1, T.phrasings: 1}  # the asker's own "nuttig" taught a phrasing
    assert service.export_user(keys) == {T.questions: [], T.feedback: [], T.phrasings: []}
    assert db[T.questions].count == 1  # the other member's question stays


def test_questions_are_rate_limited_per_member(service):
    from bot.core.errors import RateLimited

    for _ in range(30):
        ask(service, "eerste stappen zorgen", user="t:busy")
    with pytest.raises(RateLimited):
        ask(service, "eerste stappen zorgen", user="t:busy")
    assert ask(service, "eerste stappen zorgen", user="t:calm").answered


def test_point10_only_the_asker_rates_an_answer(service, db):
    answer = ask(service, "eerste stappen zorgen", user="t:asker")
    with pytest.raises(NotFound) as err:
        service.feedback(Request(user_id="t:someone-else"), answer.question_id, False)
    assert err.value.key == "error.question_not_found"  # the same as for an id that does not exist
    assert db[T.feedback].count == 0
    assert service.feedback(Request(user_id="t:asker"), answer.question_id, False) is False
    assert db[T.feedback].count == 1


def test_point10_feedback_is_rate_limited_like_questions(app, service):
    from bot.core.app import RATE_LIMITS
    from bot.core.errors import RateLimited

    assert RATE_LIMITS["feedback"] == RATE_LIMITS["question"]
    answer = ask(service, "eerste stappen zorgen", user="t:busy")
    for n in range(RATE_LIMITS["feedback"][0]):
        service.feedback(Request(user_id="t:busy"), answer.question_id, n % 2 == 0)
    with pytest.raises(RateLimited):
        service.feedback(Request(user_id="t:busy"), answer.question_id, True)


def test_a_helpful_answer_teaches_a_phrasing_that_makes_the_next_similar_question_match(db, clock):
    """Issue 13, learning from use: the asker's own "nuttig" keeps the question (masked) as a
    phrasing of the entry; the next question worded like it is matched; nothing unmasked is
    stored; erasure removes it; a curator can remove one."""
    from bot.core.ask.kb import KnowledgeBase
    from bot.core.ask.questions import QuestionService
    from bot.core.guard import PrivacyGuard
    from bot.core.identity import Identity
    from tests.conftest import SECRET, SYNTHETIC

    kb = KnowledgeBase(SYNTHETIC)  # the real lexical matcher
    svc = QuestionService(db, kb, clock, Identity(SECRET), PrivacyGuard(clock))
    odd = "Mijn buurjongen praat ineens over de grote reset en wantrouwt alles"
    before = svc.ask(Request(user_id="t:a", text=odd))
    assert not before.answered or before.best.entry_id != "complotdenken"
    first = svc.ask(Request(user_id="t:a", text="Hoe praat ik met iemand die in complotten gelooft? "
                                              "Het gaat om de grote reset, bel [NAAM] op [TELEFOON]"))  # as stored after anonymising
    assert first.answered and first.best.entry_id == "complotdenken"
    with pytest.raises(NotFound):  # someone else's "nuttig": refused (issue 17 point 10), nothing learned
        svc.feedback(Request(user_id="t:b"), first.question_id, True)
    assert svc.phrasings(CURATOR) == []
    svc.feedback(Request(user_id="t:a"), first.question_id, True)
    [learned] = svc.phrasings(CURATOR)
    assert learned["entry_id"] == "complotdenken"
    assert "[" not in learned["text"] and "grote reset" in learned["text"]  # labels gone, words kept
    after = svc.ask(Request(user_id="t:c", text=odd))
    assert after.answered and after.best.entry_id == "complotdenken"
    # a restart keeps it
    svc2 = QuestionService(db, KnowledgeBase(SYNTHETIC), clock, Identity(SECRET), PrivacyGuard(clock))
    svc2.load_phrasings()
    assert svc2.ask(Request(user_id="t:c", text=odd)).best.entry_id == "complotdenken"
    # erasure and the curator's removal
    assert svc2.forget_user(svc2.identity.keys_of("t:a"))[T.phrasings] == 1
    assert svc2.phrasings(CURATOR) == []
    assert not svc2.unlearn(CURATOR, learned["id"])
