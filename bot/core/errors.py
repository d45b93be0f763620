"""Domain errors. Each carries a message key and parameters; adapters translate them.

    LabbotError
    ├── InvalidInput      the request itself is wrong (empty, too long, bad date, ...)
    ├── NotFound          an id that does not exist (entry, question, session, ...)
    ├── NotAllowed        the member's privilege level is too low for this action
    ├── RateLimited       too many requests in a window; `retry_after` seconds
    ├── Conflict          the state changed under the request (claimed, closed, merged, ...)
    └── StorageUnavailable the database cannot be written (locked, disk full, unwritable path)

Adapters map these to friendly text in one place (see `bot.core.i18n.error_text`); a traceback or
a bare exception text is never shown to a member.
"""

from __future__ import annotations


class LabbotError(Exception):
    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key)

    def __str__(self) -> str:  # developer-facing; never shown to members as-is
        return f"{self.key} {self.params}" if self.params else self.key


class InvalidInput(LabbotError):
    key = "error.invalid"


class NotFound(LabbotError):
    key = "error.not_found"


class NotAllowed(LabbotError):
    key = "error.not_allowed"


class RateLimited(LabbotError):
    key = "error.rate_limited"


class Conflict(LabbotError):
    key = "error.conflict"


class StorageUnavailable(LabbotError):
    key = "error.storage"
