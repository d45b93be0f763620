"""`labbot demo`: the main job, offline, on a fresh database, with no token.

The demo drives the console door, so every step runs through the same services as Discord.
Later capabilities add their chapters here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TextIO

from .console import Console
from .core.app import build_app
from .core.render import answer_text
from .core.settings import Settings

QUESTIONS = [
    "Ik maak me zorgen over een leerling die steeds extremere dingen zegt. Wat moet ik als eerste doen?",
    "bij wie kan ik ff anoniem sparren over een zorg mbt radicalisering?",
    "How do I talk with someone who believes in conspiracy theories?",
    "Wat is het verschil tussen polarisatie en radicalisering?",
]
UNANSWERABLE = "Hoeveel parkeerplekken heeft het gemeentehuis in Purmerend voor bezoekers met een bakfiets?"


def chapter(out: TextIO, title: str) -> None:
    out.write(f"\n=== {title} ===\n\n")


def step(out: TextIO, console: Console, line: str) -> str:
    reply = console.handle(line)
    out.write(f"> {line}\n{reply}\n\n")
    return reply


def run_demo(out: TextIO, db_path: Path | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="labbot-demo-") as tmp:
        settings = Settings(database_path=db_path or Path(tmp) / "demo.db")
        app = build_app(settings)
        try:
            console = Console(app, user_id="demo:professional")
            out.write(f"Labbot demo: {len(app.kb)} kennisitems geladen, database {settings.database_path}\n")
            chapter(out, "1. Vragen in de chat, beantwoord met bron")
            first_answered = None
            for q in QUESTIONS:
                answer = app.questions.ask(console.request(q))
                out.write(f"> vraag {q}\n{answer_text(answer, 'nl')}\n\n")
                if answer.answered and first_answered is None:
                    first_answered = answer.question_id
            chapter(out, "2. Een eerlijk 'nog geen goed antwoord'")
            step(out, console, f"vraag {UNANSWERABLE}")
            chapter(out, "3. Feedback op een antwoord")
            if first_answered is not None:
                step(out, console, f"nuttig {first_answered}")
            step(out, console, "open")
            chapter(out, "4. Zoeken en tonen in de kennisbank")
            step(out, console, "zoek complotdenken")
            totals = {name: app.db[name].count for name in ("questions", "feedback")}
            out.write(f"Opgeslagen: {totals['questions']} vragen, {totals['feedback']} feedback.\n")
        finally:
            app.close()
    return 0

