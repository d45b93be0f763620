"""The guard around intake: nothing with personal data is stored until the member chose."""

import datetime as dt
import logging

import pytest

from bot.core.errors import InvalidInput, NotFound
from bot.core.guard import PersonalDataFound
from bot.core.models import Request
from bot.core.store import T

# Synthetic: an invented name and a number that passes the eleven-test (not a real person's).
TEXT = "eerste stappen zorgen over Jan de Vries, bsn 111222333, bel 06-12345678"


def hold(app, text=TEXT, user="discord:1"):
    with pytest.raises(PersonalDataFound) as found:
        app.intake("question", Request(user_id=user, text=text))
    return found.value


def test_hit_is_held_not_stored_and_shown_masked(app):
    found = hold(app)
    assert app.db[T.questions].count == 0
    kinds = {k for k, _ in found.findings}
    assert {"BSN", "PHONE"} <= kinds
    shown = " ".join(masked for _, masked in found.findings)
    assert "111222333" not in shown and "12345678" not in shown


def test_anonymise_stores_only_the_redacted_text(app):
    found = hold(app)
    kind, answer = app.continue_intake(Request(user_id="discord:1"), found.token, "anonymise")
    assert kind == "question"
    row = app.db[T.questions].get(answer.question_id)
    assert "111222333" not in row["text"] and "12345678" not in row["text"]
    assert "[BSN]" in row["text"] and "[TELEFOON]" in row["text"]
    with pytest.raises(NotFound):  # the raw text is gone from memory too
        app.continue_intake(Request(user_id="discord:1"), found.token, "anonymise")


def test_cancel_stores_nothing_and_forgets(app):
    found = hold(app)
    assert app.continue_intake(Request(user_id="discord:1"), found.token, "cancel") == ("", None)
    assert app.db[T.questions].count == 0
    with pytest.raises(NotFound):
        app.continue_intake(Request(user_id="discord:1"), found.token, "edit")


def test_edit_returns_raw_text_then_edited_text_goes_through_the_guard_again(app):
    found = hold(app)
    kind, pending = app.continue_intake(Request(user_id="discord:1"), found.token, "edit")
    assert pending.text == TEXT and kind == "question"
    fields = app.guard.take(found.token, "discord:1")
    with pytest.raises(PersonalDataFound):
        app.intake(kind, Request(user_id="discord:1", text="nog steeds 06-12345678"), fields)
    answer = app.intake(kind, Request(user_id="discord:1", text="eerste stappen bij zorgen"), fields)
    assert app.db[T.questions].get(answer.question_id)["text"] == "eerste stappen bij zorgen"


def test_another_member_cannot_use_the_token(app):
    found = hold(app)
    with pytest.raises(NotFound):
        app.continue_intake(Request(user_id="discord:2"), found.token, "anonymise")


def test_held_text_expires(app, clock):
    found = hold(app)
    clock.advance(dt.timedelta(minutes=16))
    with pytest.raises(NotFound):
        app.continue_intake(Request(user_id="discord:1"), found.token, "anonymise")


def test_bad_choice(app):
    found = hold(app)
    with pytest.raises(InvalidInput):
        app.continue_intake(Request(user_id="discord:1"), found.token, "publish")


def test_logs_hold_counts_never_text(app, caplog):
    caplog.set_level(logging.DEBUG)
    found = hold(app)
    app.continue_intake(Request(user_id="discord:1"), found.token, "anonymise")
    app.guard.scrub("Les: bel 06-12345678 niet meer", what="lesson")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "guard:" in logged and "PHONE" in logged
    for secret in ("Jan", "Vries", "111222333", "12345678", "eerste stappen"):
        assert secret not in logged


def test_scrub_redacts_before_posting(app):
    assert app.guard.scrub("Schoolleiding belde 06-12345678") == "Schoolleiding belde [TELEFOON]"
    assert app.guard.scrub("Geen persoonsgegevens hier.") == "Geen persoonsgegevens hier."
