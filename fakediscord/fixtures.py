"""Pytest plugin with the ``fake_discord`` fixture.

Load it from the root conftest with ``pytest_plugins = ["fakediscord.fixtures"]``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .contract import openapi_available, spec_path
from .payloads import NETWORK_GUILD_ID
from .server import FakeDiscord

#: Decorator for tests that are about the OpenAPI contract itself. Every other end-to-end test
#: runs without the description too: only the schema check of each request is left out then.
requires_openapi = pytest.mark.skipif(not openapi_available(),
                                      reason=f"Discord OpenAPI spec not found at {spec_path()}")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say once, at the end of the run, when request bodies were not checked against Discord's schema."""
    if not openapi_available():
        terminalreporter.write_sep("-", "fake Discord")
        terminalreporter.write_line(f"Discord's OpenAPI description was not found at {spec_path()} (set "
                                    "DISCORD_OPENAPI): the end-to-end tests ran against the fake Discord without "
                                    "checking request bodies against its schema; the contract tests were skipped.")


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A running :class:`FakeDiscord` on 127.0.0.1 with discord.py pointed at it.

    At teardown the test fails if the fake saw unhandled routes, OpenAPI contract violations,
    crashed, or discord.py logged errors (opt out per kind with ``fake.allow_unhandled``,
    ``fake.allow_contract_violations``, ``fake.allow_client_errors``).
    """
    fake = FakeDiscord(guild_id=NETWORK_GUILD_ID)
    await fake.start()
    try:
        with fake.patch_discord():
            yield fake
    finally:
        await fake.close()
    problems = fake.problems()
    if problems:
        pytest.fail("fake Discord reported problems:\n  " + "\n  ".join(problems), pytrace=False)
