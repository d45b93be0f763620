"""`labbot demo` (issue 16 points 12 and 19): repeatable or a clear refusal on an existing
database; charts spread over the weeks, one colour per theme in every chart, week labels with the
year; every chart and knowledge-entry draft in a folder named at the end. It says at its start
which matcher answers: fused (semantic and lexical) or lexical only, with the start-up log's status."""

from __future__ import annotations

import io
import logging
import os
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


def test_the_demo_keeps_entry_vectors_in_the_users_cache_folder(tmp_path):
    """Only the demo's first run encodes the shipped base (about 30 s): later runs read the vectors
    from a lasting cache, which the user can move or switch off; an unusable folder is no error."""
    from bot.demo.tour import VECTORS_ENV, demo_vector_cache

    assert demo_vector_cache({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "labbot" / "demo-vectors.sqlite"
    assert (tmp_path / "labbot").is_dir()
    assert demo_vector_cache({VECTORS_ENV: str(tmp_path / "v.sqlite")}) == tmp_path / "v.sqlite"
    for off in ("none", " OFF ", "0"):
        assert demo_vector_cache({VECTORS_ENV: off}) is None
    assert demo_vector_cache({VECTORS_ENV: " ", "XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "labbot" / "demo-vectors.sqlite"
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert demo_vector_cache({"XDG_CACHE_HOME": str(blocked)}) is None
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_text("not a database")
    assert demo_vector_cache({VECTORS_ENV: str(damaged)}) is None
    assert damaged.read_text() == "not a database", "a file that may not be ours is left as it is"
    locked = tmp_path / "locked.sqlite"
    locked.touch()
    locked.chmod(0o444)
    if not os.access(locked, os.W_OK):  # (root may write anyway)
        assert demo_vector_cache({VECTORS_ENV: str(locked)}) is None


def test_a_vector_cache_setting_keeps_vectors_out_of_the_database(tmp_path, monkeypatch):
    from knowledge import hybrid
    from tests.knowledge.fakes import FakeEmbedder

    emb = FakeEmbedder()
    monkeypatch.setattr(hybrid, "load_embedder", lambda: (emb, "semantic ranking on: fake"))
    cache = tmp_path / "vectors.sqlite"
    app = build_app(Settings(database_path=tmp_path / "labbot.db", vector_cache=cache,
                             pseudonym_secret=SECRET))
    try:
        assert app.kb.matcher_status.startswith("semantic ranking on: fake")
        assert "kb_vectors" not in app.db.table_names()
    finally:
        app.close()
    import sqlite3

    with sqlite3.connect(cache) as conn:
        assert conn.execute("select count(*) from kb_vectors").fetchone()[0] >= len(app.kb)
