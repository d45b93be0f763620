"""The domain never imports the Discord adapter or discord itself (DESIGN.md: dependency direction)."""

import subprocess
import sys

from tests.conftest import REPO


def test_core_knowledge_scheduler_import_without_discord():
    code = (
        "import sys, bot.core.app, bot.core.ask.questions, bot.console.shell, knowledge.entry, knowledge.matcher, "
        "knowledge.summarise, bot.calendar_feed.server, scheduler, scheduler.jobs, scheduler.wiring; bad = sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_does_not_import_apscheduler():
    code = "import sys, bot.core.app; sys.exit(1 if 'apscheduler' in sys.modules else 0)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
