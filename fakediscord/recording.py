"""Recording of requests, waiting for them, and fault injection (429, 5xx, and permanent refusals
such as 400/403/404) for the fake."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class UploadedFile:
    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RequestRecord:
    """One REST request as the fake received it (``path`` is without the ``/api/v10`` prefix)."""

    method: str
    path: str
    route: str | None  # the fake's route template, e.g. /channels/{channel_id}/messages
    query: dict[str, str]
    json: Any  # JSON body, or the parsed ``payload_json`` part of a multipart body
    files: list[UploadedFile]
    headers: dict[str, str]  # without Authorization
    content_type: str | None
    status: int = 0
    response: Any = None
    injected: bool = False  # answered by fail_next() instead of the real handler


@dataclass
class _Fault:
    method: str
    pattern: re.Pattern[str]
    status: int
    retry_after: float
    times: int
    is_global: bool


@dataclass
class _Waiter:
    predicate: Callable[[RequestRecord], bool]
    future: asyncio.Future[RequestRecord] = field(repr=False)


class RecordingMixin:
    """Mixed into :class:`~fakediscord.server.FakeDiscord` (which sets up the lists)."""

    requests: list[RequestRecord]
    _faults: list[_Fault]
    _waiters: list[_Waiter]

    def fail_next(self, method: str, path_regex: str, *, status: int = 429, retry_after: float = 0.05,
                  times: int = 1, is_global: bool = False) -> None:
        """Answer the next ``times`` matching requests with ``status`` (429, 5xx, 400, 403, ...) instead.

        ``path_regex`` is matched (``re.fullmatch``) against the path without ``/api/v10``.
        A 429 carries Discord's headers and body, so discord.py sleeps ``retry_after`` and retries.
        discord.py retries 500/502/504 after 1 s, 3 s, ...; other statuses raise in the bot.
        """
        self._faults.append(_Fault(method.upper(), re.compile(path_regex), status, retry_after, times,
                                   is_global))

    def unavailable(self, method: str = "*", path_regex: str = ".*", *, status: int = 503) -> None:
        """Answer every matching request with ``status`` until :meth:`available` (Discord down, or
        refusing a channel for good with 403/404)."""
        self.fail_next(method, path_regex, status=status, times=10**9)

    def available(self) -> None:
        """Take back every injected failure (:meth:`fail_next`, :meth:`unavailable`)."""
        self._faults.clear()

    def find_requests(self, method: str | None = None, path_regex: str = ".*") -> list[RequestRecord]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests if _matches(r, method, pattern)]

    async def wait_for(self, method: str | None, path_regex: str, timeout: float = 5.0, *,
                       predicate: Callable[[RequestRecord], bool] | None = None) -> RequestRecord:
        """First request matching method and ``re.fullmatch(path_regex, path)``, past or future."""
        pattern = re.compile(path_regex)

        def check(record: RequestRecord) -> bool:
            return _matches(record, method, pattern) and (predicate is None or predicate(record))

        for record in self.requests:
            if check(record):
                return record
        waiter = _Waiter(check, asyncio.get_running_loop().create_future())
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            seen = "\n  ".join(f"{r.method} {r.path} -> {r.status}" for r in self.requests[-15:])
            raise TimeoutError(
                f"no {method or '*'} {path_regex} within {timeout} s; last requests:\n  {seen}") from None
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def _record(self, record: RequestRecord) -> None:
        """Append a finished request and wake the waiters it satisfies."""
        self.requests.append(record)
        for waiter in list(self._waiters):
            if not waiter.future.done() and waiter.predicate(record):
                waiter.future.set_result(record)

    def _take_fault(self, record: RequestRecord) -> tuple[int, Any] | None:
        for fault in self._faults:
            wanted = fault.method in (record.method, "*") and fault.pattern.fullmatch(record.path)
            if fault.times > 0 and wanted:
                fault.times -= 1
                if fault.status == 429:
                    return 429, {"message": "You are being rate limited.", "retry_after": fault.retry_after,
                                 "global": fault.is_global, "code": 0}
                return fault.status, {"message": f"{fault.status}: injected failure", "code": 0}
        return None

    def _ratelimit_headers(self, record: RequestRecord) -> dict[str, str]:
        bucket = hashlib.sha1((record.route or record.path).encode()).hexdigest()[:16]
        return {"X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49",
                "X-RateLimit-Reset": f"{time.time() + 1:.3f}", "X-RateLimit-Reset-After": "1.000",
                "X-RateLimit-Bucket": bucket}

    def _too_many_headers(self, record: RequestRecord, body: dict[str, Any]) -> dict[str, str]:
        retry = float(body["retry_after"])
        if body["global"]:
            return {"Via": "1.1 google", "Retry-After": str(max(1, round(retry))),
                    "X-RateLimit-Global": "true",
                    "X-RateLimit-Scope": "global"}
        return {**self._ratelimit_headers(record), "Via": "1.1 google",
                "Retry-After": str(max(1, round(retry))),
                "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": f"{time.time() + retry:.3f}",
                "X-RateLimit-Reset-After": f"{retry:.3f}", "X-RateLimit-Scope": "user"}


def _matches(record: RequestRecord, method: str | None, pattern: re.Pattern[str]) -> bool:
    return (method is None or record.method == method.upper()) and pattern.fullmatch(record.path) is not None
