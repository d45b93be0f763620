"""`labbot kb …`: check, report and benchmark the knowledge base."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def kb() -> None:
    """Knowledge base: check, report, bench."""


@kb.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=None,
              help="Folder with entry files (default: the shipped knowledge/entries).")
@click.option("--links", is_flag=True, help="Also ask every source URL whether it answers (network).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def check(directory: str | None, links: bool, strict: bool) -> None:
    """Validate every entry; print `file:line: what is wrong` per problem and warning; exit 1 on any problem."""
    import datetime as dt

    from knowledge import checks
    from knowledge.entry import load_entries

    if directory and not Path(directory).is_dir():
        click.echo(f"labbot: {directory} is not a folder", err=True)
        sys.exit(2)
    result = load_entries(directory)
    problems = list(result.problems)
    warnings = checks.content_warnings(result.entries, dt.date.today())
    if links:
        problems += checks.check_source_urls(result.entries)
    for line in (*problems, *warnings):
        click.echo(str(line))
    click.echo(f"{len(result.entries)} entries, {len(problems)} problems, {len(warnings)} warnings", err=True)
    sys.exit(1 if problems or (strict and warnings) else 0)


@kb.command()
@click.option("--kb", "kb_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--queries", "queries_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object with every engine's figures.")
@click.option("--per-query", is_flag=True, help="One JSON line per question (Labbot's matcher).")
@click.option("--scale", type=click.IntRange(min=1), default=None,
              help="Grow the base to N entries with synthetic filler before timing.")
@click.option("--cv", type=click.Choice(["kind", "entries"]), default=None,
              help="Abstention cross-validated by kind of question or by entries, beside in-sample.")
@click.option("--cache", type=click.Path(dir_okay=False), default=None,
              help="SQLite file for entry vectors (default: in memory, so the first build is cold).")
@click.option("--lexical-only", is_flag=True, help="Without the semantic ranking.")
def bench(kb_path: str, queries_path: str, as_json: bool, per_query: bool, scale: int | None,
          cv: str | None, cache: str | None, lexical_only: bool) -> None:
    """Labbot's fused matcher, its lexical and semantic rankings alone, and rapidfuzz and BM25
    baselines, side by side on a neutral-format set."""
    from knowledge.bench import run

    sys.exit(run(kb_path, queries_path, as_json=as_json, per_query=per_query, scale=scale, cv=cv,
                 cache=cache, embedder=None if lexical_only else "auto"))


@kb.command()
@click.pass_context
def report(ctx: click.Context) -> None:
    """For curators: entries with poor feedback and open questions that matched nothing."""
    from bot.cli.context import OPERATOR, get_app
    from bot.core.text import shorten
    from knowledge.checks import curator_work

    app = get_app(ctx.find_root())
    try:
        work = curator_work(app.kb.curated, app.clock.now().date())
        click.echo(f"Work for the curators ({len(work)}; placeholder sources never show in answers):")
        for item in work:
            click.echo(f"  {item.entry_id:<40} {item.kind}: {shorten(item.text, 200)}")
        click.echo("")
        rows = app.questions.entry_feedback()
        poor = [r for r in rows if r["unhelpful"] and r["unhelpful"] >= r["helpful"]]
        click.echo(f"Entries with poor feedback ({len(poor)}):")
        for r in poor:
            click.echo(f"  {r['entry_id']:<40} {r['unhelpful']} niet nuttig / {r['total']} totaal")
        unhelpful = app.questions.unhelpful_answers(OPERATOR)
        click.echo(f"\n'Niet nuttig' beside the entry that was chosen ({len(unhelpful)}):")
        for r in unhelpful:
            click.echo(f"  #{r['id']:<5} {r['entry_id']:<40} {shorten(r['text'], 90) or '(text removed)'}")
        learned = app.questions.phrasings(OPERATOR)
        click.echo(f"\nLearned phrasings ({len(learned)}; remove one with `labbot kb unlearn ID`):")
        for r in learned:
            click.echo(f"  {r['id']:<5} {r['entry_id']:<40} {shorten(r['text'], 90)}")
        open_rows = app.questions.open_questions(OPERATOR, limit=100)
        click.echo(f"\nOpen questions without a good answer ({len(open_rows)}):")
        for r in open_rows:
            click.echo(f"  #{r['id']:<5} {r['created_at'][:10]}  {shorten(r['text'], 90)}")
    finally:
        app.close()


@kb.command()
@click.argument("phrasing_id", type=click.IntRange(min=1))
@click.pass_context
def unlearn(ctx: click.Context, phrasing_id: int) -> None:
    """Remove a learned phrasing (its id from `labbot kb report`)."""
    from bot.cli.context import OPERATOR, fail, get_app

    app = get_app(ctx.find_root())
    try:
        if not app.questions.unlearn(OPERATOR, phrasing_id):
            fail(f"no learned phrasing with id {phrasing_id} (see `labbot kb report`)", 1)
        click.echo(f"removed learned phrasing {phrasing_id}")
    finally:
        app.close()
