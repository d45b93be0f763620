"""The `labbot` command line: the click group in `main`, one module per sub-command group, the
shared context (settings, app, error line) in `context`. It is the launcher: it starts the other
doors (console, demo, Discord), which never import it."""

from bot.cli.main import cli, main

__all__ = ["cli", "main"]
