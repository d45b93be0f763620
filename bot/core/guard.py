"""The privacy flow around every intake: detect personal data before anything is stored.

On a hit the member sees, privately, what was found (masked) and chooses: anonymise
automatically, edit, or cancel. Until that choice the raw text lives only in memory, in a
`Pending` that expires after `ttl` seconds; it is never written to the database or the logs.
Texts that Labbot posts by itself (summaries, lessons, digests) go through `scrub`.

Logs hold ids and counts only, never text.
"""

from __future__ import annotations

import logging
import secrets
from collections import Counter
from dataclasses import dataclass, field

from bot.core.clock import Clock
from bot.core.errors import InvalidInput, LabbotError, NotFound
from bot.core.identity import CHECKED, PURE, no_privilege
from bot.core.privacy import detect, mask_preview, redact

log = logging.getLogger("labbot.privacy")

CHOICES = ("anonymise", "edit", "cancel")


class PersonalDataFound(LabbotError):
    """Raised by an intake when the text holds personal data and the member has not chosen yet.
    The door shows `findings` (masked) and offers the three choices for `token`."""

    key = "privacy.found"

    def __init__(self, token: str, findings: list[tuple[str, str]]) -> None:
        super().__init__("privacy.found", count=len(findings))
        self.token = token
        self.findings = findings


@dataclass
class Pending:
    token: str
    user_id: str
    kind: str                 # question | item | trend | ...
    text: str
    payload: dict = field(default_factory=dict)   # other fields of the intake (title, sector, ...)
    created_at: float = 0.0


class PrivacyGuard:
    def __init__(self, clock: Clock, ttl: float = 900.0) -> None:
        self.clock = clock
        self.ttl = ttl
        self._pending: dict[str, Pending] = {}

    # -- intake -------------------------------------------------------------------------------
    @no_privilege(CHECKED + ': the privacy step inside every intake')
    def check(self, user_id: str, kind: str, text: str, payload: dict | None = None) -> None:
        """Pass when `text` holds no personal data; otherwise keep it pending and raise
        PersonalDataFound so the door can ask the member what to do."""
        texts = [text] + [v for v in (payload or {}).values() if isinstance(v, str) and v]
        detected = [(value, detect(value)) for value in texts]  # once per text: detection is the cost
        found = [d for _, detections in detected for d in detections]
        if not found:
            return
        self._expire()
        token = secrets.token_urlsafe(12)
        self._pending[token] = Pending(token, user_id, kind, text, dict(payload or {}),
                                       self.clock.now().timestamp())
        log.info("guard: %s intake held, %s", kind, _counts(found))
        findings = [f for value, detections in detected for f in mask_preview(value, detections)]
        raise PersonalDataFound(token, findings)

    @no_privilege('bound to the member who held the text: the token is checked against their id')
    def resolve(self, token: str, user_id: str, choice: str) -> Pending | None:
        """Apply the member's choice. Returns the pending intake with anonymised text for
        'anonymise', the raw text for 'edit' (to prefill the member's own edit form), None for
        'cancel'. The raw text is dropped from memory for 'anonymise' and 'cancel'."""
        if choice not in CHOICES:
            raise InvalidInput("privacy.bad_choice")
        self._expire()
        pending = self._pending.get(token)
        if pending is None or pending.user_id != user_id:
            raise NotFound("privacy.expired")
        if choice == "edit":
            return pending
        del self._pending[token]
        if choice == "cancel":
            log.info("guard: %s intake cancelled by member", pending.kind)
            return None
        pending.text = redact(pending.text)
        pending.payload = {k: redact(v) if isinstance(v, str) else v for k, v in pending.payload.items()}
        log.info("guard: %s intake anonymised", pending.kind)
        return pending

    @no_privilege('bound to the member who held the text: the token is checked against their id')
    def take(self, token: str, user_id: str) -> dict:
        """The member submitted an edited text for a held intake: forget the held raw text and
        return the other fields, so the edited text can go through the intake (and the guard) again."""
        self._expire()
        pending = self._pending.get(token)
        if pending is None or pending.user_id != user_id:
            raise NotFound("privacy.expired")
        del self._pending[token]
        return pending.payload

    def _expire(self) -> None:
        cutoff = self.clock.now().timestamp() - self.ttl
        for token in [t for t, p in self._pending.items() if p.created_at < cutoff]:
            del self._pending[token]

    # -- what Labbot posts by itself ----------------------------------------------------------
    @no_privilege(PURE)
    def scrub(self, text: str, *, what: str = "post") -> str:
        """Redact personal data from a text Labbot is about to post or summarise."""
        found = detect(text)
        if found:
            log.warning("guard: %s scrubbed before posting, %s", what, _counts(found))
            return redact(text, found)
        return text


def _counts(found) -> str:
    counts = Counter(d.type for d in found)
    return ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
