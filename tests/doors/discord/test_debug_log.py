"""With LABBOT_LOG_LEVEL=DEBUG the log holds no member text and does not tie an anonymous author
to their words (issue 17, point 4): discord.py logs every gateway event in full at DEBUG, so its
loggers stay at INFO or above whatever Labbot's level is."""

from __future__ import annotations

import logging

import pytest

from bot.core.store import T
from bot.ops.logjson import QUIET_LIBRARIES, configure
from tests.doors.discord.lab.test_e2e import LabTestBot, followup, open_intake_form, world  # noqa: F401

pytestmark = pytest.mark.e2e

TEXT = "Zebravinkdilemma: een stagiair deelt filmpjes uit een besloten groep, wat nu?"


@pytest.fixture
def library_levels():
    saved = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


async def test_point4_debug_run_of_an_anonymous_intake_logs_no_text_and_no_author(
        world, caplog, library_levels):  # noqa: F811
    fake, app = world
    configure("DEBUG", "text")  # what `labbot run` does with LABBOT_LOG_LEVEL=DEBUG
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="labbot")
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await open_intake_form(fake, app, bot)
        submitted = await fake.modal_submit(fields={"title": "Besloten groep", "text": TEXT, "sector": "zorg",
                                                    "anonymous": ["ja"]}, user_id=fake.member)
        await fake.wait_for_response(submitted)
        assert (await followup(fake, submitted))["embeds"][0]["title"] == "Je inbreng is ontvangen"
    assert app.db[T.items].count == 1 and next(app.db[T.items].rows)["anonymous"] == 1
    assert logging.getLogger("labbot").isEnabledFor(logging.DEBUG)  # Labbot itself does log at DEBUG
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "Zebravinkdilemma" not in logged
    assert str(fake.member) not in logged
    assert not [r for r in caplog.records if r.name.startswith("discord") and r.levelno < logging.INFO]
