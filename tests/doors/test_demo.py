"""`labbot demo` (issue 16 points 12 and 19): repeatable or a clear refusal on an existing
database; charts spread over the weeks, one colour per theme in every chart, week labels with the
year; every chart and knowledge-entry draft in a folder named at the end."""

from __future__ import annotations

import io

from click.testing import CliRunner

from bot.cli.main import cli
from bot.core import charts
from bot.core.plein import picture as picture_module
from bot.demo.tour import run_demo


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

    made = sorted(p.name for p in out_dir.iterdir())
    assert any(n.startswith("weekoverzicht-") and n.endswith(".png") for n in made)
    assert "informatieplein-beeld.png" in made
    assert len([n for n in made if n.endswith(".md")]) == 2  # the lesson and the action perspective
    tail = out.getvalue().rsplit("Grafieken en concept-kennisitems staan in ", 1)[1]
    assert tail.startswith(str(out_dir)) and all(name in tail for name in made)

    again = CliRunner().invoke(cli, ["demo", "--db", str(db), "--out", str(tmp_path / "tweede")])
    assert again.exit_code == 2
    assert "already holds sessions or posts" in again.output and "Traceback" not in again.output
