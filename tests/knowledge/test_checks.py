"""Content checks (`knowledge.checks`) and the placeholder filter, on invented entries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import cli
from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.ask.render import answer_text
from bot.core.models import Request
from bot.core.settings import Settings
from bot.discord_adapter.render import answer_embed, entry_embed
from knowledge import checks
from knowledge.entry import Entry, load_entries
from knowledge.sources import is_placeholder, shown_sources

TODAY = dt.date(2026, 12, 4)
PLACEHOLDER = "Regionaal: in te vullen door het kernteam"


def entry(body: str, sources=("https://voorbeeld.example/pagina",), review_by=dt.date(2027, 6, 1), **kw) -> Entry:
    return Entry(id=kw.pop("id", "proef-item"), title=kw.pop("title", "Proefitem over de vlinderroute"),
                 body=body, sources=tuple(sources), review_by=review_by, **kw)


def messages(e: Entry) -> list[str]:
    return [p.message for p in checks.entry_warnings(e, TODAY)]


def test_placeholder_sources_are_recognised_and_never_shown():
    assert is_placeholder(PLACEHOLDER) and is_placeholder("  ") and is_placeholder("regionaal IN TE VULLEN")
    assert not is_placeholder("https://voorbeeld.example") and not is_placeholder("Wetboek van Strafrecht, art. 136")
    assert shown_sources((PLACEHOLDER, "https://a.example", "Bron B")) == ("https://a.example", "Bron B")


def test_a_phone_number_or_organisation_without_a_real_source_warns():
    for body in ("Bel de Zonnebloemlijn op 0800-1234 als het misgaat.", "Vraag het LSE om advies."):
        found = messages(entry(body, sources=(PLACEHOLDER,)))
        assert any("has no source" in m for m in found), body
        assert not any("has no source" in m for m in messages(entry(body)))
    assert messages(entry("Een rustige wandeling door het park.", sources=(PLACEHOLDER,))) == []


def test_a_law_named_in_the_body_must_be_cited_by_a_source():
    body = "Voor het overleg in de Vlinderwijk geldt de WGS als grondslag."
    assert any("names WGS but no source cites it" in m for m in messages(entry(body)))
    cited = entry(body, sources=("Wet gegevensverwerking door samenwerkingsverbanden, Stb. 2024, 198",))
    assert messages(cited) == []
    avg = entry("Religie is een bijzonder persoonsgegeven onder de AVG.")
    assert any("names AVG" in m for m in messages(avg))
    assert messages(entry(avg.body, sources=("https://eur-lex.europa.eu/eli/reg/2016/679/oj",))) == []


def test_review_by_after_a_lapse_date_the_entry_names_warns():
    body = "De Tijdelijke wet vlindervangst vervalt op 1 maart 2027, tenzij ze wordt verlengd."
    late = messages(entry(body, review_by=dt.date(2027, 7, 15)))
    assert any("not before 2027-03-01" in m for m in late)
    assert not any("lapse" in m for m in messages(entry(body, review_by=dt.date(2027, 2, 1))))
    # a date without a lapse word is no lapse date
    assert checks.lapse_dates("Sinds 1 maart 2025 geldt een nieuwe regel.") == []
    assert checks.lapse_dates("De regeling loopt af op 2027-05-31.") == [dt.date(2027, 5, 31)]


def test_a_past_review_by_warns():
    assert any("has passed" in m for m in messages(entry("Tekst.", review_by=dt.date(2026, 11, 1))))


def test_retired_names_warn_unless_named_with_their_successor():
    assert any("retired name 'MiND'" in m for m in messages(entry("Meld het bij MiND.")))
    assert messages(entry("Meld het bij Meld.Online Discriminatie (voorheen MiND).")) == []
    assert any("retired site" in m for m in messages(entry("Tekst.", sources=("https://www.platformjep.nl",))))


def test_warnings_point_at_the_line_in_the_file(tmp_path):
    (tmp_path / "proef.md").write_text(
        "---\nid: proef\ntitle: Proef\ntags: [a]\naudience: [p]\nowner: k\nreview_by: 2027-06-01\n"
        f"sources:\n  - \"{PLACEHOLDER}\"\nsensitivity: network\n---\nEerste regel.\n\nBel 0800-1234.\n",
        encoding="utf-8")
    result = load_entries(tmp_path)
    [w] = checks.content_warnings(result.entries, TODAY)
    assert w.path.endswith("proef.md") and w.line == 8 and w.message.startswith("warning: ")


def test_link_check_asks_each_url_once_and_reports_failures():
    asked: list[str] = []

    def fake_fetch(url: str) -> int:
        asked.append(url)
        if "weg" in url:
            return 404
        if "stil" in url:
            raise OSError("timed out")
        return 200

    es = [entry("a", id="een", sources=("https://ok.example", "https://weg.example/p", PLACEHOLDER, "Wet X")),
          entry("b", id="twee", sources=("https://ok.example", "https://stil.example"))]
    problems = checks.check_source_urls(es, fetch=fake_fetch)
    assert sorted(asked) == ["https://ok.example", "https://stil.example", "https://weg.example/p"]
    assert [p.message for p in problems] == ["link https://weg.example/p answers 404",
                                             "link https://stil.example does not answer (OSError: timed out)"]


def test_kb_check_links_flag_uses_the_network_only_when_asked(tmp_path, monkeypatch):
    from bot.cli.kb import kb

    (tmp_path / "a.md").write_text(
        "---\nid: proef\ntitle: Proef\ntags: [a]\naudience: [p]\nowner: k\nreview_by: 2099-06-01\n"
        "sources:\n  - \"https://weg.example\"\nsensitivity: network\n---\nTekst.\n", encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(checks, "http_status", lambda url, timeout=10.0: asked.append(url) or 404)
    plain = CliRunner().invoke(kb, ["check", "--dir", str(tmp_path)])
    assert plain.exit_code == 0 and asked == []
    linked = CliRunner().invoke(kb, ["check", "--dir", str(tmp_path), "--links"])
    assert linked.exit_code == 1 and asked == ["https://weg.example"]
    assert "link https://weg.example answers 404" in linked.output


def test_curator_work_lists_placeholders_notes_points_to_confirm_and_due_reviews():
    e = entry("Tekst.\n\nRegionaal in te vullen: de contactroute.\nTe bevestigen door het kernteam: de naam.",
              sources=("https://a.example", PLACEHOLDER), review_by=dt.date(2027, 1, 10),
              provenance={"to_confirm": ["diepe link nagaan"]})
    kinds = [(i.kind, i.text) for i in checks.curator_work([e], TODAY)]
    assert ("placeholder source", PLACEHOLDER) in kinds
    assert ("note", "Regionaal in te vullen: de contactroute.") in kinds
    assert ("note", "Te bevestigen door het kernteam: de naam.") in kinds
    assert ("to confirm", "diepe link nagaan") in kinds
    assert ("review due", "2027-01-10") in kinds


def test_answers_and_entry_views_never_show_a_placeholder_source(fresh_db, clock):
    from tests.stubs import StubMatcher

    e = Entry(id="vlinderroute", title="De vlinderroute door de wijk", body="Loop de vlinderroute met de buurt.",
              tags=("vlinderroute",), sources=(PLACEHOLDER, "https://vlinders.example"), sensitivity="public")
    app = build_app(Settings(database_path=Path(":memory:"), pseudonym_secret="x" * 32),
                    clock=clock, kb=KnowledgeBase([e], matcher_factory=StubMatcher), db=fresh_db)
    answer = app.questions.ask(Request(user_id="t:1", text="vlinderroute"))
    assert answer.answered and answer.best.sources == ("https://vlinders.example",)
    text = answer_text(answer) + str(answer_embed(answer, "nl").to_dict()) + str(entry_embed(e, "nl").to_dict())
    assert "in te vullen" not in text and "https://vlinders.example" in text


def test_an_impossible_date_is_one_problem_at_its_line_and_the_other_entries_still_serve(tmp_path):
    """Issue 16 point 1: `review_by: 2025-13-45` raised out of the YAML parser and stopped the
    loader (kb check, console and bot); now it is one `file:line:` problem."""
    good = ("---\nid: goed-item\ntitle: Een goed item\ntags: [proef]\naudience: [professionals]\n"
            "owner: kernteam\nreview_by: 2027-06-01\nsources: [https://voorbeeld.example/a]\n"
            "sensitivity: network\n---\nTekst van het goede item.\n")
    (tmp_path / "goed.md").write_text(good, encoding="utf-8")
    bad = good.replace("goed-item", "fout-item").replace("Een goed item", "Een fout item").replace(
        "2027-06-01", "2025-13-45")
    (tmp_path / "fout.md").write_text(bad, encoding="utf-8")
    result = load_entries(tmp_path)
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'fout.md'}:7: review_by '2025-13-45' is not a date (YYYY-MM-DD)"]
    assert "goed-item" in {e.id for e in result.entries}
    out = CliRunner().invoke(cli, ["kb", "check", "--dir", str(tmp_path)])
    assert out.exception is None or isinstance(out.exception, SystemExit), out.output
    assert "fout.md:7:" in out.output
