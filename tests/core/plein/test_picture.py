"""The informatieplein's outputs: overview, regional picture, perspectives, export, CLI and demo.
The sensitivity label is checked in every one of them."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from bot.core.charts import png_size
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.core.models import Privilege
from bot.core.plein.export import read_csv
from bot.core.plein.render import overview_text
from bot.core.store import T
from knowledge.entry import parse_entry
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

SECRET_TEXT = "Alleen-voor-moderatoren signaal over een beveiligde locatie."


@pytest.fixture
def plein(app):
    return make_plein(app)


@pytest.fixture
def filled(plein, clock):
    """Two months of trends in all three houses; one for moderators only."""
    share(plein, municipality="Alkmaar", theme="polarisatie", direction="stijgend", helps="Klassengesprekken.")
    share(plein, municipality="Hoorn", theme="polarisatie", direction="stijgend")
    share(plein, OTHER_PARTNER, municipality="Zaanstad", theme="complotdenken", direction="gelijk", anonymous=True)
    clock.advance(days=31)
    share(plein, municipality="Haarlem", theme="rechts-extremisme", direction="stijgend", seen=SECRET_TEXT,
          sensitivity="moderatoren")
    share(plein, municipality="Velsen", theme="polarisatie", direction="dalend", helps="Vast aanspreekpunt.")
    return plein


# -- overview --------------------------------------------------------------------------------------
def test_overview_counts_groups_and_rising_themes_for_members(filled):
    ov = filled.overview(MEMBER, period="alles")
    assert ov.total == 4 and ov.municipalities == 4 and ov.audience == ("network",)
    assert ov.by_theme == (("polarisatie", 3), ("complotdenken", 1))
    assert ov.by_region == (("nhn", 2), ("zw", 1), ("ken", 1))  # ties in the order of the region file
    assert ov.rising == (("polarisatie", 2, 3),)
    assert [tr.municipality for tr in ov.newest] == ["Velsen", "Zaanstad", "Hoorn", "Alkmaar"]
    assert [tr.helps for tr in ov.helps] == ["Vast aanspreekpunt.", "Klassengesprekken."]
    assert SECRET_TEXT not in overview_text(ov, REGION)


def test_moderators_see_both_labels_marked(filled):
    ov = filled.overview(MODERATOR, period="alles")
    assert ov.total == 5 and ("rechts-extremisme", 1) in ov.by_theme
    assert "🔒" in overview_text(ov, REGION)


def test_overview_filters_theme_region_and_period(filled):
    assert filled.overview(MEMBER, theme="Polarisatie").total == 3
    assert filled.overview(MEMBER, region="Noord-Holland Noord").total == 2
    assert filled.overview(MEMBER, region="velsen").total == 1
    assert filled.overview(MEMBER, period="7d").total == 1
    assert filled.overview(MEMBER, theme="jihadisme").total == 0
    with pytest.raises(InvalidInput):
        filled.overview(MEMBER, region="Atlantis")


def test_overview_shows_authors_only_when_not_anonymous(filled):
    text = overview_text(filled.overview(MEMBER), REGION, author_label=lambda key: f"<{key}>")
    assert "<discord:101>" in text and "<discord:102>" not in text


# -- the regional picture --------------------------------------------------------------------------
def test_picture_groups_by_theme_and_region_in_the_network_view(filled, clock):
    pic = filled.compile_picture(MODERATOR)
    assert pic.total == 4 and pic.audience == ("network",)
    assert SECRET_TEXT not in pic.markdown and SECRET_TEXT not in "".join(pic.chunks)
    body = dict(pic.sections)
    per_theme = next(v for k, v in body.items() if k.startswith("Per thema"))
    assert per_theme.index("Polarisatie (3: ↑2 ↓1)") < per_theme.index("Complotdenken (1: →1)")
    assert per_theme.index("Noord-Holland Noord (2)") < per_theme.index("Kennemerland (1)")
    assert "Trends: 4 (4 meldingen), uit 4 van de 32 gemeenten en 3 van de 3" in pic.markdown
    assert all(len(c) <= 2000 for c in pic.chunks) and pic.chunks[0].startswith("### Regionaal beeld")
    assert png_size(pic.png)[0] > 300


def test_picture_for_moderators_includes_their_trends_and_says_so(filled):
    pic = filled.compile_picture(MODERATOR, include_moderators=True)
    assert pic.total == 5 and SECRET_TEXT[:40] in pic.markdown and "alleen voor moderatoren" in pic.markdown
    with pytest.raises(NotAllowed):
        filled.compile_picture(PARTNER)


def test_picture_runs_since_the_previous_plein_and_says_what_changed(app, filled, clock):
    add_session(app, ends_at="2027-01-05T12:00:00+00:00", status="closed")  # Velsen shared 2026-12-31
    add_session(app, ends_at="2027-01-20T12:00:00+00:00", status="planned")  # not held yet: ignored
    clock.advance(days=30)  # now 2027-01-30
    share(filled, municipality="Texel", theme="online", direction="stijgend")
    pic = filled.compile_picture(MODERATOR)
    assert pic.since == "2027-01-05T12:00:00+00:00" and pic.total == 1
    changes = next(v for k, v in pic.sections if k.startswith("Wat veranderde"))
    assert "Online radicalisering en haat: nieuw (1)" in changes
    assert "Polarisatie: geen signalen meer (was 1)" in changes  # Velsen, in the 25 days before
    english = filled.compile_picture(MODERATOR.__class__(user_id="discord:301", privilege=Privilege.MODERATOR,
                                                         locale="en-GB"))
    assert english.sections[0][0].startswith("Regional picture")


def test_plein_without_trends_is_an_honest_empty_picture(plein):
    pic = plein.compile_picture(MODERATOR, since="2026-01-01", until="2026-06-30")
    assert pic.empty and pic.png is None and len(pic.chunks) == 1
    assert "geen trends gedeeld" in pic.chunks[0]
    with pytest.raises(InvalidInput):
        plein.compile_picture(MODERATOR, since="2026-06-30", until="2026-01-01")


def test_long_picture_is_split_into_message_sized_chunks(plein):
    for i in range(40):
        share(plein, municipality=REGION.municipalities[i % 32], theme=REGION.themes[i % 10].key,
              seen=f"Signaal {i}: " + "een lange beschrijving van wat professionals zien in de wijk " * 6)
    pic = plein.compile_picture(MODERATOR)
    assert len(pic.chunks) > 3 and all(len(c) <= 2000 for c in pic.chunks)
    assert pic.total == 40


# -- perspectives ----------------------------------------------------------------------------------
def test_perspectives_added_published_once_and_shown_in_overview(app, filled):
    session = add_session(app)
    with pytest.raises(NotAllowed):
        filled.add_perspective(PARTNER, session, "polarisatie", "Klassengesprekken binnen een week.")
    with pytest.raises(InvalidInput) as err:
        filled.publish_perspectives(MODERATOR, session)
    assert err.value.key == "plein.no_perspectives"
    filled.add_perspective(MODERATOR, session, "polarisatie", "Klassengesprekken binnen een week. @everyone")
    filled.add_perspective(MODERATOR, session, None, "Deel trends ook tussen pleinen door.")
    text = filled.publish_perspectives(MODERATOR, session)
    assert text.index("__Polarisatie__") < text.index("__Algemeen__") and "@everyone" not in text
    assert {p.status for p in filled.perspectives(session_id=session)} == {"published"}
    with pytest.raises(InvalidInput) as err:
        filled.publish_perspectives(MODERATOR, session)
    assert err.value.key == "plein.already_published"
    assert len(filled.overview(MEMBER).perspectives) == 2
    assert [r["action"] for r in app.db[T.audit_log].rows][-1] == "perspective.publish"
    with pytest.raises(NotFound):
        filled.add_perspective(MODERATOR, 999, None, "x y")


def test_promoted_perspective_is_a_valid_knowledge_draft(app, plein, tmp_path):
    session = add_session(app, starts_at="2026-11-30T13:00:00+00:00")
    p = plein.add_perspective(MODERATOR, session, "online", "Betrek ouders vroeg bij online radicalisering.")
    path = plein.promote_perspective(MODERATOR, p.id, tmp_path)
    entry, problems = parse_entry(path.read_text(encoding="utf-8"), str(path))
    assert not problems and entry.id == path.stem == f"plein-2026-11-30-online-{p.id}"
    assert entry.sensitivity == "network" and "handelingsperspectief" in entry.tags
    assert entry.provenance == {"kind": "informatieplein", "session": session, "date": "2026-11-30",
                                "perspective": p.id, "reviewed_by": MODERATOR.user_id}
    assert entry.review_by.isoformat() == "2027-05-31"
    assert plein.perspective(p.id).kb_entry_id == entry.id
    assert plein.promote_perspective(MODERATOR, p.id, tmp_path / "new" / "drafts").exists()  # made when needed
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput):
        plein.promote_perspective(MODERATOR, p.id, tmp_path / "a-file")


# -- export ----------------------------------------------------------------------------------------
def test_csv_export_round_trips_and_respects_sensitivity(filled):
    share(filled, municipality="Texel", seen="=HYPERLINK(\"x\") tekst die met een formule begint",
          helps="-- streepjes en @mentions")
    rows = filled.export_rows(MODERATOR)
    assert len(rows) == 5 and {r["sensitivity"] for r in rows} == {"network"}
    text = filled.export_csv(rows)
    raw = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=HYPERLINK(\"x\") tekst die met een formule begint" in raw  # not a live formula in a spreadsheet
    assert not any(cell and cell[0] in "=+-@" for cell in raw)
    back = read_csv(text)
    assert back == [{k: str(v) for k, v in r.items()} for r in rows]
    assert "author" not in text and "discord:" not in text
    everything = filled.export_rows(MODERATOR, include_moderators=True)
    assert len(everything) == 6 and SECRET_TEXT in filled.export_csv(everything)
    with pytest.raises(NotAllowed):
        filled.export_rows(PARTNER)


def test_markdown_export_has_a_table_per_theme(filled):
    share(filled, municipality="Texel", seen="a | b", theme="online")
    md = filled.export_markdown(filled.export_rows(MODERATOR))
    assert "## Polarisatie" in md and "## Online radicalisering en haat" in md and "a \\| b" in md
    assert SECRET_TEXT not in md


def test_cli_export(monkeypatch, app, filled, tmp_path):
    import bot.cli.context
    from bot.cli.plein import plein as plein_group

    monkeypatch.setattr(bot.cli.context, "get_app", lambda ctx, settings=None: app)
    monkeypatch.setattr(app, "close", lambda: None)  # the fixture closes the database
    result = CliRunner().invoke(plein_group, ["export", "--format", "csv"], obj={"env_file": ".env"})
    assert result.exit_code == 0, result.output
    assert len(read_csv(result.output)) == 4 and SECRET_TEXT not in result.output
    out = tmp_path / "plein.md"
    result = CliRunner().invoke(plein_group, ["export", "--format", "md", "--include-moderators", "--out", str(out)],
                                obj={"env_file": ".env"})
    assert result.exit_code == 0 and SECRET_TEXT in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o600  # issue 17 point 5: only the owner reads the export
    details = [json.loads(r["detail"]) for r in app.db[T.audit_log].rows if r["action"] == "plein.export"]
    assert details == [{"count": 4, "include_moderators": 0}, {"count": 5, "include_moderators": 1}]


# -- demo ------------------------------------------------------------------------------------------
def test_demo_chapter_shows_a_plein_with_its_chart(app, plein, tmp_path):
    from bot.demo.plein import plein_chapter

    out = io.StringIO()
    made = plein_chapter(app, out, MODERATOR, [PARTNER, OTHER_PARTNER], out_dir=tmp_path)
    text = out.getvalue()
    assert made["png"].read_bytes().startswith(b"\x89PNG") and str(made["png"]) in text
    assert "Bedoel je: Alkmaar?" in text and "[TELEFOON]" in text and "06-12345678" not in text.split("> anoniem")[1]
    assert "Handelingsperspectieven van het informatieplein" in text
    assert "Stickers en flyers" not in text.split("Wat een lid ziet")[1]  # moderators-only stays out
    assert parse_entry(made["draft"].read_text(encoding="utf-8"), str(made["draft"]))[1] == []
