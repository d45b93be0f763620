"""The layering of docs/ARCHITECTURE.md (DESIGN.md: dependency direction), checked two ways:
statically over every module's imports, and in a fresh interpreter for what actually loads.

- core (bot.core), knowledge and scheduler import no door;
- no door imports another door (bot.cli, the launcher, may start them all; the demo is a
  scripted tour of the console, so it may use the console);
- nothing under bot.core, knowledge or scheduler imports discord; core does not load APScheduler.
"""

import ast
import subprocess
import sys

import pytest

from tests.conftest import REPO

DOORS = ("bot.cli", "bot.console", "bot.demo", "bot.calendar_feed", "bot.discord_adapter", "bot.ops")
ALLOWED = {("bot.demo", "bot.console")} | {("bot.cli", door) for door in DOORS}
LOWER = ("bot.core", "knowledge", "scheduler")


def module_name(path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def owner(module: str, owners: tuple[str, ...]) -> str | None:
    return next((o for o in owners if module == o or module.startswith(o + ".")), None)


SOURCES = sorted(p for top in ("bot", "knowledge", "scheduler") for p in (REPO / top).rglob("*.py"))


def test_the_tree_is_seen():
    names = {module_name(p) for p in SOURCES}
    assert {"bot.core.app", "bot.cli.main", "bot.console.shell", "bot.demo.tour", "bot.calendar_feed.server",
            "bot.discord_adapter.client", "scheduler.jobs", "knowledge.matcher"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_imports_follow_the_layers(path):
    me = module_name(path)
    my_door, my_layer = owner(me, DOORS), owner(me, LOWER)
    bad = []
    for imported in imports_of(path):
        door = owner(imported, DOORS)
        if door is None:
            continue
        if my_layer is not None:
            bad.append(f"{me} (below the doors) imports the door {imported}")
        elif my_door is not None and door != my_door and (my_door, door) not in ALLOWED:
            bad.append(f"door {my_door} imports another door: {imported}")
    if me.startswith("knowledge"):
        bad += [f"knowledge is pure but imports {i}" for i in imports_of(path) if i.split(".")[0] == "bot"]
    assert not bad, "\n".join(bad)


def test_core_knowledge_scheduler_and_plain_doors_load_without_discord():
    lower = [module_name(p) for p in SOURCES if owner(module_name(p), LOWER + (
        "bot.console", "bot.demo", "bot.calendar_feed", "bot.cli", "bot.ops"))]
    code = (
        "import importlib, sys\n"
        f"for name in {lower!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.'))\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(lower) > 60


def test_core_knowledge_scheduler_import_without_discord():
    code = (
        "import sys, bot.core.app, bot.core.ask.questions, bot.console.shell, knowledge.entry, knowledge.matcher, "
        "knowledge.summarise, bot.calendar_feed.server, scheduler, scheduler.jobs, scheduler.wiring; bad = sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_does_not_import_apscheduler():
    code = ("import importlib, pkgutil, sys, bot.core\n"
            "for m in pkgutil.walk_packages(bot.core.__path__, 'bot.core.'): importlib.import_module(m.name)\n"
            "sys.exit(1 if 'apscheduler' in sys.modules else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
