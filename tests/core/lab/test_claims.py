"""Claims do not leave items stuck (issue 19, point 7): a claim expires after LABBOT_CLAIM_HOURS
(24 by default), another moderator may take a live claim over (audit-logged), and the queue shows
which claims are stale."""

import datetime as dt

import pytest

from bot.core.errors import Conflict
from bot.core.models import Privilege, Request
from bot.core.settings import SettingsError, settings_from_env
from tests.core.lab.test_lab_flow import MOD, MOD2, submit

ADMIN = Request(user_id="a", privilege=Privilege.ADMIN)


def actions(app):
    return [r["action"] for r in app.audit.read(ADMIN)]


def test_point19_7_a_claim_expires_after_the_setting(app, lab, clock):
    item = submit(app, lab)
    app.intake_items.claim(MOD, item.id)
    clock.advance(dt.timedelta(hours=23, minutes=59))
    with pytest.raises(Conflict, match="lab.item_claimed"):
        app.intake_items.approve(MOD2, item.id)
    assert app.intake_items.queue(MOD2, lab.id).stale_claims == frozenset()
    clock.advance(dt.timedelta(minutes=1))
    assert app.intake_items.queue(MOD2, lab.id).stale_claims == {item.id}  # the queue shows it
    assert app.intake_items.approve(MOD2, item.id).status == "approved"    # and it is no longer stuck


def test_point19_7_another_moderator_takes_a_live_claim_over_audit_logged(app, lab):
    item = submit(app, lab)
    app.intake_items.claim(MOD, item.id)
    with pytest.raises(Conflict):
        app.intake_items.claim(MOD2, item.id)
    taken = app.intake_items.claim(MOD2, item.id, take_over=True)
    assert taken.claimed_by == MOD2.user_id
    assert actions(app)[0] == "item.claim_takeover"
    app.intake_items.reject(MOD2, item.id, "Valt buiten het thema")


def test_point19_7_a_claim_from_before_claims_had_a_time_does_not_block(app, lab):
    from bot.core.store import T

    item = submit(app, lab)
    app.db[T.items].update(item.id, {"claimed_by": "discord:gone", "claimed_at": None})
    assert app.intake_items.claim(MOD2, item.id).claimed_by == MOD2.user_id
    assert actions(app)[0] == "item.claim_takeover"


def test_point19_7_claim_hours_setting(app):
    assert settings_from_env({}).claim_hours == 24
    assert settings_from_env({"LABBOT_CLAIM_HOURS": "48"}).claim_hours == 48
    with pytest.raises(SettingsError, match="LABBOT_CLAIM_HOURS"):
        settings_from_env({"LABBOT_CLAIM_HOURS": "0"})
    assert app.intake_items.claim_ttl == dt.timedelta(hours=24)
