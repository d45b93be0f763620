"""A small fake Discord (REST + gateway) on 127.0.0.1 for end-to-end tests of the bot.

See :class:`fakediscord.server.FakeDiscord` and the ``fake_discord`` fixture in
:mod:`fakediscord.fixtures`.
"""

from .contract import Contract, load_contract, openapi_available, spec_path
from .recording import RequestRecord, UploadedFile
from .server import FakeDiscord

__all__ = ["Contract", "FakeDiscord", "RequestRecord", "UploadedFile", "load_contract", "openapi_available",
           "spec_path"]
