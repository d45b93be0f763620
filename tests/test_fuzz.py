"""Bad input at scale: random unicode, huge texts, markdown and mention spam at every intake path.
Nothing crashes (only domain errors with a clear message), nothing pings, and every stored text
passes the privacy guard."""

import ast
import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.clock import ManualClock
from bot.core.errors import LabbotError
from bot.core.guard import PersonalDataFound
from bot.core.models import Privilege, Request
from bot.core.privacy import detect
from bot.core.settings import Settings
from bot.core.store import T
from bot.core.timeparse import parse_local
from tests.conftest import REPO, SECRET, SYNTHETIC
from tests.stubs import StubMatcher

NASTY = ["@everyone", "@here", "<@123456789012345678>", "<@&42>", "**vet** __onder__ ~~weg~~", "```\ncode\n```",
         "\u202e\u200b\u0000", "🙂" * 50, "a" * 5000, "06-12345678", "jan.de.vries@example.org",
         "bsn 111222333", "Jan de Vries", "1234 AB", "ｆｕｌｌｗｉｄｔｈ", "ﷺ", "\n\n\n", "||spoiler||", "> quote"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=30), max_size=12).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=3000, max_size=6000),
)
MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
PARTNER = Privilege.PARTNER


def fresh_app():
    app = build_app(Settings(database_path=Path(":memory:"), pseudonym_secret=SECRET),
                    clock=ManualClock(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)),
                    kb=KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher))
    lab = app.sessions.plan(MOD, "lab", "Thema", "", parse_local("2027-03-11 19:30", app.settings.tz),
                            parse_local("2027-03-11 21:30", app.settings.tz), "123")
    item = app.intake_items.submit(Request(user_id="discord:1", text="tekst"), lab.id, "titel")
    return app, lab.id, item.id


APP, LAB, ITEM = fresh_app()
COUNTER = iter(range(10**9))


def intake_calls(text: str):
    n = next(COUNTER)
    user = f"discord:{n}"
    yield "question", Request(user_id=user, text=text), {}
    yield "item", Request(user_id=user, text=text), {"session_id": LAB, "title": text[:100] or "x", "sector": ""}
    yield "trend", Request(user_id=user, text="", privilege=PARTNER), {
        "municipality": "Alkmaar", "theme": "polarisatie", "seen": text, "direction": "stijgend", "helps": text[:200],
        "sensitivity": "network"}
    yield "note", Request(user_id="discord:9", text=text, privilege=Privilege.MODERATOR), {"item_id": ITEM}


def stored_texts():
    db = APP.db
    for table, cols in ((T.questions, ("text",)), (T.items, ("title", "text", "sector")),
                        (T.trends, ("seen", "helps")), (T.notes, ("text",))):
        for row in db[table].rows:
            for col in cols:
                if row.get(col):
                    yield table, row[col]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_every_intake_path_survives_and_stores_only_clean_text(text):
    for kind, req, fields in intake_calls(text):
        try:
            APP.intake(kind, req, fields)
        except PersonalDataFound as found:
            assert found.findings
            try:
                APP.continue_intake(req, found.token, "anonymise")
            except PersonalDataFound:
                pass  # anonymised text still holds something: nothing stored, the member is asked again
            except LabbotError:
                pass
        except LabbotError:
            pass  # a clear, translated refusal (empty, too long, rate limited, ...)
    for table, value in stored_texts():
        assert not detect(value), f"{table} holds personal data: {detect(value)}"


SEND_METHODS = {"send_message", "send", "edit_message", "edit_original_response", "edit"}


def test_every_send_in_the_discord_adapter_sets_allowed_mentions():
    """Every call that posts text in bot/discord_adapter passes allowed_mentions (none, unless a
    ping is the point: only the expert thread's role mention does that)."""
    missing = []
    for path in sorted((REPO / "bot" / "discord_adapter").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SEND_METHODS:
                keywords = {k.arg for k in node.keywords}
                if node.func.attr == "edit" and not keywords & {"content", "embed", "embeds"}:
                    continue  # editing an event or a thread, not a message
                if "allowed_mentions" not in keywords and None not in keywords:
                    missing.append(f"{path.relative_to(REPO)}:{node.lineno} {node.func.attr}()")
    assert not missing, "sends without allowed_mentions:\n" + "\n".join(missing)
