"""The informatieplein service: region data, sharing, bad input, privacy, updates, merges, the
member's rights and retention. Overviews, the picture and exports: test_plein_picture.py."""

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace

import pytest

from bot.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.core.guard import PersonalDataFound
from bot.core.i18n import MESSAGES, error_text
from bot.core.models import Privilege, Request
from bot.core.plein.models import compose_text, parse_since, period_bounds, split_text
from bot.core.privacy import detect
from bot.core.region import RegionError, load_region
from bot.core.rights.members import MemberRights
from bot.core.rights.retention import RetentionService
from bot.core.settings import Retention
from bot.core.store import T
from tests.conftest import REPO
from tests.core.plein.support import (
    MEMBER,
    MODERATOR,
    OTHER_PARTNER,
    PARTNER,
    REGION,
    add_session,
    make_plein,
    share,
)


@pytest.fixture
def plein(app):
    return make_plein(app)


# -- the region as data ----------------------------------------------------------------------------
def test_shipped_region_has_32_municipalities_in_three_houses():
    assert REGION.name == "Noord-Holland Samen Veilig"
    assert len(REGION.municipalities) == 32 == len(set(REGION.municipalities))
    assert [h.key for h in REGION.houses] == ["nhn", "zw", "ken"]
    assert {len(h.municipalities) for h in REGION.houses} == {16, 7, 9}
    assert REGION.house_of("Zaanstad").short == "Zaanstreek-Waterland"
    assert all(h.name.startswith("Zorg- en Veiligheidshuis") for h in REGION.houses)


def test_taxonomy_covers_the_themes_of_the_issue():
    keys = {th.key for th in REGION.themes}
    assert {"polarisatie", "radicalisering", "rechts-extremisme", "links-extremisme", "jihadisme",
            "anti-institutioneel-extremisme", "complotdenken", "online", "bedreiging-bestuurders"} <= keys
    assert all(len(th.nl) <= 100 and len(th.en) <= 100 for th in REGION.themes)


def test_stored_names_pass_the_privacy_guard_unchanged():
    """Municipalities and theme keys travel in the guard's payload, which is redacted on
    'anonymise': none of them may look like personal data."""
    for name in list(REGION.municipalities) + [th.key for th in REGION.themes]:
        assert not detect(name), name


@pytest.mark.parametrize(("text", "expected"), [
    ("alkmaar", "Alkmaar"), ("Gemeente Den Helder", "Den Helder"), ("heerhugowaard", "Dijk en Waard"),
    ("EDAM VOLENDAM", "Edam-Volendam"), ("Beemster", "Purmerend"), ("bergen", "Bergen (NH)"),
])
def test_municipality_names_and_aliases_resolve(text, expected):
    assert REGION.municipality(text) == expected


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("name: [unclosed", "not valid YAML"),
    ("- a\n- b\n", "must be a mapping"),
    ("name: X\n", "`houses` must be a non-empty list"),
    ("name: X\nhouses:\n  - key: A B\n    name: Huis\n    municipalities: [Ergens]\n", "lowercase letters"),
    ("name: X\nhouses:\n  - key: a\n    name: Huis\n    municipalities: []\n", "non-empty list"),
    ("name: X\nhouses:\n  - {key: a, name: A, municipalities: [Ergens]}\n  - {key: b, name: B, municipalities: [ergens]}\n",
     "listed twice"),
    ("name: X\nhouses:\n  - {key: a, name: A, municipalities: [Ergens]}\naliases: {Dorp: Nergens}\n",
     "not a municipality of the region"),
    ("name: X\nhouses:\n  - {key: a, name: A, municipalities: [Ergens]}\ncolour: blue\n", "unknown key"),
    ("name: X\nhouses:\n  - {key: a, name: A, municipalities: [Ergens]}\nthemes: []\n", "non-empty list"),
    ("name: X\nhouses:\n  - {key: a, name: A, municipalities: [Ergens]}\n"
     "themes:\n  - {key: x, nl: X}\n  - {key: x, nl: Y}\n", "duplicate theme key"),
])
def test_malformed_region_file_stops_with_one_clear_line(tmp_path, yaml_text, message):
    path = tmp_path / "region.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(RegionError, match=message) as err:
        load_region(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_another_region_swaps_in_with_its_own_themes(tmp_path):
    path = tmp_path / "elders.yaml"
    path.write_text("name: Elders\nhouses:\n  - {key: oost, name: ZVH Oost, short: Oost, municipalities: [Dorp, Stad]}\n"
                    "themes:\n  - {key: polarisatie, nl: Polarisatie, en: Polarisation}\n", encoding="utf-8")
    region = load_region(path)
    assert region.municipalities == ("Dorp", "Stad") and [th.key for th in region.themes] == ["polarisatie"]
    with pytest.raises(RegionError, match="cannot be read"):
        load_region(tmp_path / "missing.yaml")


# -- sharing -----------------------------------------------------------------------------------
def test_partner_shares_a_trend_stored_with_region_and_normalised_fields(app, plein):
    trend = share(plein, municipality="heerhugowaard", theme="Complotdenken", since="maart 2026",
                  helps="Gesprekken met ouders via het wijkteam.")
    row = app.db[T.trends].get(trend.id)
    assert (row["municipality"], row["region"], row["theme"]) == ("Dijk en Waard", "nhn", "complotdenken")
    assert (row["direction"], row["since"], row["sensitivity"], row["status"]) == ("rising", "2026-03", "network", "active")
    assert row["helps"] == "Gesprekken met ouders via het wijkteam." and row["author_key"] == "discord:101"
    assert trend.author == "discord:101" and trend.theme_label("en") == "Conspiracy thinking"


def test_anonymous_trend_is_stored_under_the_pseudonym_and_hides_the_author(app, plein):
    trend = share(plein, anonymous=True)
    assert app.db[T.trends].get(trend.id)["author_key"] == app.identity.pseudonym("discord:101")
    assert trend.author is None and trend.anonymous
    assert [t.id for t in plein.mine(PARTNER)] == [trend.id]  # the partner still finds it


@pytest.mark.parametrize("req", [MEMBER, Request(user_id="console:x")])
def test_sharing_needs_partner_privilege(app, plein, req):
    with pytest.raises(NotAllowed):
        share(plein, req)
    with pytest.raises(NotAllowed):
        plein.prepare(req, {"municipality": "Alkmaar", "theme": "online"})
    assert app.db[T.trends].count == 0


@pytest.mark.parametrize(("fields", "key", "params"), [
    ({"municipality": "Almaar"}, "plein.unknown_municipality", {"suggestions": "Alkmaar"}),
    ({"municipality": "Amsterdam"}, "plein.unknown_municipality_none", {"region": "Noord-Holland Samen Veilig"}),
    ({"municipality": ""}, "plein.municipality_missing", {}),
    ({"theme": "voetbal"}, "plein.unknown_theme", {}),
    ({"theme": "complotdenke"}, "plein.unknown_theme", {"suggestions": "complotdenken"}),
    ({"seen": "   "}, "plein.seen_empty", {}),
    ({"seen": "!!! ???"}, "plein.seen_no_words", {}),
    ({"seen": "x" * 1501}, "plein.seen_too_long", {"limit": 1500}),
    ({"helps": "y" * 1001}, "plein.helps_too_long", {"limit": 1000}),
    ({"direction": "omhoogwaarts"}, "plein.bad_direction", {}),
    ({"sensitivity": "geheim"}, "plein.bad_sensitivity", {}),
    ({"since": "ooit"}, "plein.bad_since", {}),
    ({"since": "2027-01"}, "plein.since_future", {}),
])
def test_bad_input_gets_a_clear_message_and_nothing_is_stored(app, plein, fields, key, params):
    with pytest.raises(InvalidInput) as err:
        share(plein, **fields)
    assert err.value.key == key and params.items() <= err.value.params.items()
    text = error_text(err.value, "nl")
    assert text != MESSAGES["error.invalid"]["nl"] and "{" not in text
    assert error_text(err.value, "en") != text
    assert app.db[T.trends].count == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03", "2026-03"), ("maart 2026", "2026-03"), ("sinds mrt. 2026", "2026-03"), ("03-2026", "2026-03"),
    ("2025", "2025"), ("2026-02-14", "2026-02-14"), ("", ""), ("October 2025", "2025-10"),
])
def test_since_is_normalised_to_iso(text, expected):
    assert parse_since(text, dt.date(2026, 11, 30)) == expected


def test_seen_and_helps_travel_as_one_text_and_split_back():
    assert split_text(compose_text("wat ik zie", "wat helpt")) == ("wat ik zie", "wat helpt")
    assert split_text(compose_text("alleen zien")) == ("alleen zien", "")
    assert split_text("zien\n--- What helps ---\nhelpen") == ("zien", "helpen")


# -- personal data -----------------------------------------------------------------------------
def test_personal_data_in_what_helps_is_held_then_anonymised_in_both_fields(app, plein):
    with pytest.raises(PersonalDataFound) as found:
        share(plein, seen="Jongeren delen filmpjes; contact via 06-12345678.", helps="Bel jongerenwerk 06-12345678",
              anonymous=True)
    assert app.db[T.trends].count == 0
    pending = app.guard.resolve(found.value.token, PARTNER.user_id, "anonymise")  # as Labbot.continue_intake
    assert pending.kind == "trend"
    trend = plein.intake(replace(PARTNER, text=pending.text), pending.payload)
    row = app.db[T.trends].get(trend.id)
    assert "12345678" not in row["seen"] + row["helps"] and "[TELEFOON]" in row["helps"]
    assert row["anonymous"] == 1 and row["municipality"] == "Alkmaar"  # the choices survived


def test_edited_text_goes_through_the_guard_again(app, plein):
    with pytest.raises(PersonalDataFound) as found:
        share(plein, seen="Zorgen over Jan de Vries uit de buurt.")
    fields = app.guard.take(found.value.token, PARTNER.user_id)
    with pytest.raises(PersonalDataFound):
        plein.intake(replace(PARTNER, text="nog steeds Jan de Vries"), fields)
    trend = plein.intake(replace(PARTNER, text="Zorgen over een jongere uit de buurt."), fields)
    assert trend.seen == "Zorgen over een jongere uit de buurt." and app.db[T.trends].count == 1


# -- updating, withdrawing, merging ------------------------------------------------------------------
def test_partner_updates_own_trend_but_not_someone_elses(app, plein, clock):
    trend = share(plein)
    clock.advance(hours=1)
    updated = plein.update(PARTNER, trend.id, direction="dalend", helps="Een vast gesprek per week.")
    assert (updated.direction, updated.helps, updated.seen) == ("falling", "Een vast gesprek per week.", trend.seen)
    assert updated.updated_at > updated.created_at
    with pytest.raises(NotAllowed):
        plein.update(OTHER_PARTNER, trend.id, seen="iets anders")
    with pytest.raises(PersonalDataFound):
        plein.update(PARTNER, trend.id, seen="Nu met 06-12345678")
    assert app.db[T.trends].get(trend.id)["seen"] == trend.seen


def test_withdrawn_trend_stops_counting_and_says_so(app, plein):
    trend = share(plein)
    plein.withdraw(PARTNER, trend.id)
    assert plein.trends(Privilege.MODERATOR) == []
    assert plein.overview(MEMBER).total == 0
    for action in (lambda: plein.get(trend.id), lambda: plein.update(PARTNER, trend.id, seen="x"),
                   lambda: plein.withdraw(PARTNER, trend.id)):
        with pytest.raises(Conflict) as err:
            action()
        assert err.value.key == "plein.trend_withdrawn"
    assert plein.mine(PARTNER)[0].status == "withdrawn"
    with pytest.raises(NotFound):
        plein.get(424242)


def test_moderator_may_withdraw_others_and_it_is_audited(app, plein):
    trend = share(plein)
    with pytest.raises(NotAllowed):
        plein.withdraw(OTHER_PARTNER, trend.id)
    plein.withdraw(MODERATOR, trend.id)
    assert next(app.db[T.audit_log].rows)["action"] == "trend.withdraw"


def test_merge_is_for_moderators_counts_reports_and_is_audited(app, plein):
    a, b, c = share(plein), share(plein, municipality="Hoorn"), share(plein, municipality="Texel")
    with pytest.raises(NotAllowed):
        plein.merge(PARTNER, a.id, b.id)
    kept = plein.merge(MODERATOR, a.id, b.id)
    assert kept.id == b.id and kept.reports == 2
    again = plein.merge(MODERATOR, b.id, c.id)  # a follows b into c
    assert again.reports == 3 and app.db[T.trends].get(a.id)["merged_into"] == c.id
    assert [t.id for t in plein.trends(Privilege.MODERATOR)] == [c.id]
    audit = [(r["action"], r["item_id"], json.loads(r["detail"])) for r in app.db[T.audit_log].rows]
    assert audit == [("trend.merge", str(a.id), {"into": b.id}), ("trend.merge", str(b.id), {"into": c.id})]
    with pytest.raises(InvalidInput):
        plein.merge(MODERATOR, c.id, c.id)
    with pytest.raises(Conflict) as err:
        plein.merge(MODERATOR, a.id, c.id)
    assert err.value.key == "plein.trend_merged" and err.value.params["into"] == c.id


def test_withdrawing_a_merge_target_gives_the_merged_trend_back(app, plein):
    a, b = share(plein), share(plein, municipality="Hoorn")
    plein.merge(MODERATOR, a.id, b.id)
    plein.withdraw(PARTNER, b.id)
    assert [t.id for t in plein.trends(Privilege.MODERATOR)] == [a.id]


# -- the member's rights and retention ---------------------------------------------------------------
def test_export_and_forget_cover_trends_under_both_keys(app, plein):
    mine_named, mine_anon = share(plein), share(plein, anonymous=True)
    others = share(plein, OTHER_PARTNER, municipality="Hoorn")
    plein.merge(MODERATOR, others.id, mine_named.id)
    rights = MemberRights(app.identity, app.clock, [plein])
    assert rights.covered_tables == {T.trends, T.perspectives}
    exported = rights.export(PARTNER)["tables"]
    assert {r["id"] for r in exported[T.trends]} == {mine_named.id, mine_anon.id}
    done = rights.forget(PARTNER)
    assert done[T.trends] == 2
    assert [t.id for t in plein.trends(Privilege.MODERATOR)] == [others.id]  # counts on its own again
    assert not rights.export(PARTNER)["tables"][T.trends]


def test_forget_deletes_draft_perspectives_and_unnames_published_ones(app, plein):
    session = add_session(app)
    plein.add_perspective(MODERATOR, session, "online", "Ouderavonden werken.")
    plein.publish_perspectives(MODERATOR, session)
    plein.add_perspective(MODERATOR, session, None, "Nog een concept.")
    done = plein.forget_user(app.identity.keys_of(MODERATOR.user_id))
    assert done[T.perspectives] == 2
    rows = list(app.db[T.perspectives].rows)
    assert len(rows) == 1 and rows[0]["status"] == "published" and rows[0]["created_by"] is None


def test_retention_deletes_old_trends_and_withdrawn_ones_sooner(app, plein, clock):
    old = share(plein)
    withdrawn = share(plein, municipality="Hoorn")
    plein.withdraw(PARTNER, withdrawn.id)
    clock.advance(days=100)
    recent = share(plein, municipality="Texel")
    retention = RetentionService(clock, Retention())
    retention.register_cutoff("trends", Retention().trend_days, plein.purge_before)
    retention.register_cutoff("withdrawn_trends", Retention().intake_days, plein.purge_withdrawn_before)
    assert retention.apply() == {"trends": 0, "withdrawn_trends": 1}
    clock.advance(days=Retention().trend_days - 50)
    assert retention.apply() == {"trends": 1, "withdrawn_trends": 0}
    assert [r["id"] for r in app.db[T.trends].rows] == [recent.id] and old.id != recent.id


# -- texts and layering ----------------------------------------------------------------------------
def test_every_plein_text_has_dutch_and_english_and_formats():
    from bot.core.plein.texts import PLEIN_MESSAGES

    for key, texts in PLEIN_MESSAGES.items():
        assert key.startswith("plein.") and set(texts) == {"nl", "en"}, key
        assert texts["nl"].count("{") == texts["en"].count("{"), key


def test_period_parsing():
    now = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    assert period_bounds("alles", now)[0] is None
    assert period_bounds("30d", now)[0] == "2026-10-31T09:00:00+00:00"
    assert period_bounds("2026-01-01..2026-06-30", now) == ("2026-01-01T00:00:00+00:00", "2026-07-01T00:00:00+00:00")
    for bad in ("gisteren", "2026-13-01"):
        with pytest.raises(InvalidInput):
            period_bounds(bad, now)
    with pytest.raises(InvalidInput) as err:
        period_bounds("2026-06-01..2026-01-01", now)
    assert err.value.key == "plein.bad_range"


def test_plein_modules_import_without_discord():
    code = ("import sys, bot.core.plein.service, bot.core.charts, bot.core.region, bot.cli.plein, bot.demo.plein; "
            "bad = [m for m in sys.modules if m == 'discord' or m.startswith('discord.')]; sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_trend_is_plain_frozen_data(plein):
    trend = share(plein)
    with pytest.raises(dataclasses.FrozenInstanceError):
        trend.seen = "x"


def test_every_write_commits_and_survives_a_reopen(app, tmp_path):
    """No statement may leave a transaction open (a file database would stay locked for others)."""
    from bot.core.plein.service import PleinService
    from bot.core.store import open_database

    db = open_database(tmp_path / "plein.db")
    plein = PleinService(db, app.clock, app.identity, app.guard, app.audit, REGION)
    a, b = share(plein), share(plein, municipality="Hoorn")
    steps = [lambda: plein.update(PARTNER, a.id, direction="gelijk"), lambda: plein.merge(MODERATOR, b.id, a.id),
             lambda: plein.withdraw(PARTNER, a.id), lambda: plein.purge_withdrawn_before("2100-01-01"),
             lambda: plein.purge_before("2000-01-01"), lambda: plein.forget_user(("discord:nobody",))]
    for step in steps:
        step()
        assert not db.conn.in_transaction, step
    db.close()
    again = open_database(tmp_path / "plein.db")
    assert [(r["id"], r["status"]) for r in again[T.trends].rows] == [(b.id, "active")]
    again.close()


def test_point11_trends_are_rate_limited_per_member(app):
    from bot.core.app import RATE_LIMITS
    from bot.core.errors import RateLimited

    limit = RATE_LIMITS["trend"][0]
    first = share(app.plein)
    for n in range(limit - 2):
        share(app.plein, seen=f"Nieuwe ontwikkeling nummer {n} in de wijk rond de sportvereniging.")
    app.plein.update(PARTNER, first.id, helps="Een gesprek met de trainer hielp.")  # an update counts too
    with pytest.raises(RateLimited):
        share(app.plein, seen="Nog een ontwikkeling in de wijk rond de sportvereniging.")
    assert share(app.plein, OTHER_PARTNER).id  # another partner is not held up
