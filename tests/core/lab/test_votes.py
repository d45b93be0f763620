"""Who may vote on what (issue 17, points 2 and 12): only approved items of an open session, and
never one's own item (anonymous ones included)."""

import pytest

from bot.core.errors import InvalidInput, NotFound
from bot.core.store import T
from tests.core.lab.test_lab_flow import MOD, member


def submit(app, lab, n=1, title="Ouder twijfelt over meldplicht", **kw):
    return app.intake_items.submit(member(n, text="Wanneer schakel ik het adviespunt in?", **kw), lab.id, title)


def test_point2_forged_vote_on_a_pending_item_is_refused_as_unknown(app, lab):
    pending = submit(app, lab)
    with pytest.raises(NotFound) as forged:
        app.intake_items.toggle_vote(member(2), pending.id)
    with pytest.raises(NotFound) as unknown:
        app.intake_items.toggle_vote(member(2), 987654)
    # the same answer as for an id that does not exist: no existence, no count
    assert forged.value.key == unknown.value.key == "lab.item_not_found"
    assert "votes" not in forged.value.params and "count" not in forged.value.params
    assert app.db[T.votes].count == 0


@pytest.mark.parametrize("status", ["rejected", "erased"])
def test_point2_no_votes_on_items_that_were_never_or_no_longer_public(app, lab, status):
    item = submit(app, lab)
    app.db[T.items].update(item.id, {"status": status})
    with pytest.raises(NotFound):
        app.intake_items.toggle_vote(member(2), item.id)


def test_point2_merged_pending_item_does_not_reveal_its_target(app, lab):
    a, b = submit(app, lab, 1, "Eerste vraag over meldplicht"), submit(app, lab, 3, "Tweede vraag over meldplicht")
    app.intake_items.merge(MOD, b.id, a.id)  # both pending: neither was ever posted
    with pytest.raises(NotFound):
        app.intake_items.toggle_vote(member(2), b.id)


def test_point2_approved_item_of_a_closed_or_cancelled_session_takes_no_votes(app, lab, clock):
    item = submit(app, lab)
    app.intake_items.approve(MOD, item.id)
    assert app.intake_items.toggle_vote(member(2), item.id) == (True, 1)
    app.sessions.cancel(MOD, lab.id)
    with pytest.raises(InvalidInput, match="lab.vote_closed"):
        app.intake_items.toggle_vote(member(3), item.id)
    assert app.intake_items.get(item.id).votes == 1


def test_point2_discussed_item_is_closed_not_unknown(app, lab):
    item = submit(app, lab)
    app.intake_items.approve(MOD, item.id)
    app.intake_items.mark_discussed(MOD, item.id)
    with pytest.raises(InvalidInput, match="lab.vote_closed"):
        app.intake_items.toggle_vote(member(2), item.id)


@pytest.mark.parametrize("anonymous", [False, True])
def test_point12_no_vote_on_ones_own_item(app, lab, anonymous):
    item = submit(app, lab, 1, anonymous=anonymous)
    app.intake_items.approve(MOD, item.id)
    with pytest.raises(InvalidInput, match="lab.vote_own"):
        app.intake_items.toggle_vote(member(1), item.id)
    assert app.intake_items.toggle_vote(member(2), item.id) == (True, 1)
    assert app.intake_items.get(item.id).votes == 1
