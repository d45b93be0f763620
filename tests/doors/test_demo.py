"""`labbot demo` (issue 16 points 12 and 19): repeatable or a clear refusal on an existing
database; charts spread over the weeks, one colour per theme in every chart, week labels with the
year; every chart and knowledge-entry draft in a folder named at the end. It says at its start
which matcher answers: fused (semantic and lexical) or lexical only, with the start-up log's status."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.core import charts
from bot.core.app import build_app
from bot.core.i18n import t
from bot.core.plein import picture as picture_module
from bot.core.settings import Settings
from bot.demo.tour import Demo, run_demo
from knowledge import embed
from tests.conftest import SECRET
from tests.knowledge.fakes import BrokenEmbedder
from tests.stubs import semantic_kb


def test_the_demo_keeps_its_charts_and_drafts_and_refuses_a_used_database(tmp_path, monkeypatch):
    drawn: dict[str, dict] = {}
    bar, panels = charts.stacked_bar_png, picture_module.stacked_bar_panels_png

    def spy_bar(categories, series, **kw):
        drawn["digest"] = {"categories": list(categories), "series": dict(series), "colors": kw["colors"]}
        return bar(categories, series, **kw)

    def spy_panels(panel_list, **kw):
        drawn["picture"] = {"colors": kw["colors"]}
        return panels(panel_list, **kw)

    monkeypatch.setattr(charts, "stacked_bar_png", spy_bar)
    monkeypatch.setattr(picture_module, "stacked_bar_panels_png", spy_panels)
    db, out_dir, out = tmp_path / "demo.db", tmp_path / "uit", io.StringIO()
    assert run_demo(out, db, out_dir) == 0

    digest = drawn["digest"]
    assert all(label.startswith("wk ") and label.endswith(" 2027") for label in digest["categories"])
    weeks_with_trends = {i for values in digest["series"].values() for i, v in enumerate(values) if v}
    assert len(weeks_with_trends) >= 4, "the demo's trends are spread over the weeks"
    shared = set(digest["series"]) & set(drawn["picture"]["colors"])
    assert len(shared) >= 4
    assert all(digest["colors"][label] == drawn["picture"]["colors"][label] for label in shared)

    opening = out.getvalue().split("\n")[:3]
    assert opening[1].startswith(t("demo.matcher_lexical", status="")), "the tests run lexically (conftest)"

    made = sorted(p.name for p in out_dir.iterdir())
    assert any(n.startswith("weekoverzicht-") and n.endswith(".png") for n in made)
    assert "informatieplein-beeld.png" in made
    assert len([n for n in made if n.endswith(".md")]) == 2  # the lesson and the action perspective
    tail = out.getvalue().rsplit("Grafieken en concept-kennisitems staan in ", 1)[1]
    assert tail.startswith(str(out_dir)) and all(name in tail for name in made)

    again = CliRunner().invoke(cli, ["demo", "--db", str(db), "--out", str(tmp_path / "tweede")])
    assert again.exit_code == 2
    assert "already holds sessions or posts" in again.output and "Traceback" not in again.output


def opening_of(app, tmp_path) -> list[str]:
    out = io.StringIO()
    Demo(app, out, tmp_path).opening()
    return out.getvalue().splitlines()


def test_the_demo_says_the_matcher_is_fused_when_the_semantic_ranking_is_on(app, tmp_path):
    semantic_kb(app)
    assert app.kb.slow_search
    lines = opening_of(app, tmp_path)
    assert lines[1] == t("demo.matcher_fused", status=app.kb.matcher_status)
    assert "fake-bag-of-stems" in lines[1]  # the status names the embedder
    assert t("demo.matcher_lexical", status="") not in "\n".join(lines)


@pytest.mark.parametrize("embedder", ["none", "broken"])
def test_the_demo_says_the_matcher_is_lexical_with_the_start_up_logs_status(embedder, tmp_path, monkeypatch,
                                                                              caplog, clock):
    """No embedder (switched off) or one that fails to load: the demo says lexical only, and why, in
    the words the start-up log line uses."""
    monkeypatch.setenv(embed.ENV, embedder)
    monkeypatch.setitem(embed.BACKENDS, "broken", BrokenEmbedder)
    with caplog.at_level(logging.INFO, logger="labbot"):
        app = build_app(Settings(database_path=Path(":memory:"), pseudonym_secret=SECRET), clock=clock)
    try:
        logged = next(r.getMessage().removeprefix("matcher: ") for r in caplog.records
                      if r.getMessage().startswith("matcher: "))
        lines = opening_of(app, tmp_path)
    finally:
        app.close()
    assert ("engine missing" if embedder == "broken" else "lexical matching only") in logged
    assert lines[1] == t("demo.matcher_lexical", status=logged)
    assert lines[0].startswith("Labbot demo:") and lines[2].startswith("Gesimuleerde tijd")
