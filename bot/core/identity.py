"""Who did what, without always saying who: keyed pseudonyms, privilege checks and rate limits.

Anonymous contributions are stored under `pseudonym(user_id)`, an HMAC-SHA256 of the member's id
with the secret `LABBOT_PSEUDONYM_SECRET`. Nobody can read the member back from it without the
secret, yet the member (who knows their own id) can still edit, delete and export their items,
and rate limits still apply to them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
from collections import defaultdict, deque
from collections.abc import Callable
from typing import TypeVar

from .clock import Clock
from .errors import NotAllowed, RateLimited
from .models import Privilege, Request

PSEUDONYM_PREFIX = "anon:"


PROBE = "labbot:key-check"  # keyed like a member id: its pseudonym tells which key made a database's pseudonyms


def _pseudonym(key: bytes, user_id: str) -> str:
    return PSEUDONYM_PREFIX + hmac.new(key, user_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


class Identity:
    __slots__ = ("_key", "_old", "secret")

    def __repr__(self) -> str:
        return "Identity(<secret>)"

    def __init__(self, secret: str, old_secrets: tuple[str, ...] = ()) -> None:
        """`old_secrets`: earlier secrets after a rotation; rows stored under them are still found
        (export, `/inbreng mijn`, erasure, one vote per member). New rows use `secret`."""
        if len(secret) < 16 or any(len(s) < 16 for s in old_secrets):
            raise ValueError("the pseudonym secret must be at least 16 characters")
        self.secret = secret  # kept only to write the console's own key file (never logged: no repr)
        self._key = secret.encode("utf-8")
        self._old = tuple(s.encode("utf-8") for s in old_secrets if s != secret)

    def pseudonym(self, user_id: str) -> str:
        return _pseudonym(self._key, user_id)

    def pseudonyms_of(self, user_id: str) -> tuple[str, ...]:
        """The member's pseudonym under the current secret and under every old one."""
        return (self.pseudonym(user_id), *(_pseudonym(k, user_id) for k in self._old))

    def fingerprint(self) -> str:
        """Names the current key without revealing it (the pseudonym of a fixed probe)."""
        return self.pseudonym(PROBE)

    def fingerprints(self) -> tuple[str, ...]:
        return self.pseudonyms_of(PROBE)

    def author_key(self, req: Request) -> str:
        """The key stored as author: the pseudonym when anonymous, else the member's id."""
        return self.pseudonym(req.user_id) if req.anonymous else req.user_id

    def keys_of(self, user_id: str) -> tuple[str, ...]:
        """Every key under which this member's rows may be stored (old secrets included)."""
        return (user_id, *self.pseudonyms_of(user_id))


def require(req: Request, level: Privilege) -> None:
    """Enforced in the services, so every door (Discord, console, scheduler) is checked."""
    if req.privilege < level:
        raise NotAllowed("error.not_allowed", role=int(level))


F = TypeVar("F", bound=Callable)


def requires(level: Privilege) -> Callable[[F], F]:
    """Declare and enforce the privilege a service operation needs (in the spirit of Red's
    `commands.permissions.requires`): the operation's `Request` argument is checked before the
    operation runs. `tests/core/test_privileges.py` fails for a public service method that declares
    neither this nor `no_privilege`."""
    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def checked(*args, **kwargs):
            req = next((a for a in (*args, *kwargs.values()) if isinstance(a, Request)), None)
            if req is None:
                raise TypeError(f"{fn.__qualname__} needs a Request to check privilege {level.name}")
            require(req, level)
            return fn(*args, **kwargs)

        checked.privilege = level
        return checked  # type: ignore[return-value]
    return decorate


def no_privilege(reason: str) -> Callable[[F], F]:
    """Mark a public service method that takes no `Request` on purpose (plumbing for other
    services, the scheduler or the member-rights flow, a pure helper, or a read that filters by
    the privilege it is handed), with the reason."""
    if not reason.strip():
        raise ValueError("no_privilege needs a reason")

    def decorate(fn: F) -> F:
        fn.privilege = None
        fn.privilege_reason = reason
        return fn
    return decorate


class RateLimiter:
    """Sliding-window limits per member and action, on the injected clock (in memory: a restart
    forgets the window, which errs on the member's side)."""

    def __init__(self, clock: Clock, limits: dict[str, tuple[int, float]]) -> None:
        self.clock = clock
        self.limits = limits  # action -> (max events, window seconds)
        self._events: dict[tuple[str, str], deque[dt.datetime]] = defaultdict(deque)

    def hit(self, action: str, key: str) -> None:
        if action not in self.limits:
            return
        limit, window = self.limits[action]
        now = self.clock.now()
        events = self._events[(action, key)]
        while events and (now - events[0]).total_seconds() >= window:
            events.popleft()
        if len(events) >= limit:
            wait = window - (now - events[0]).total_seconds()
            raise RateLimited("error.rate_limited", seconds=max(1, int(wait + 0.999)))
        events.append(now)


# -- the usual reasons for `no_privilege` -------------------------------------------------------------
RIGHTS = "member rights: MemberRights calls it with the member's own keys"
RETENTION = "retention: run by the scheduler's daily job"
PLUMBING = "plumbing for other services, the dispatcher or the scheduler; no door calls it"
FILTERED = "filters by the privilege it is handed (the door passes the asker's)"
PUBLIC = "reads only what every member may see"
CHECKED = "part of an operation whose privilege was checked before (see its callers)"
PURE = "a pure helper: computes from its arguments, reads and writes nothing of a member"
