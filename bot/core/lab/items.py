"""An item handed in for a lab (a question or dilemma), as the intake and its moderation read it:
plain data and the limits of its title and text. No storage here (`store` holds the SQL)."""

from __future__ import annotations

from dataclasses import dataclass

MAX_TITLE = 100
MAX_TEXT = 4000


@dataclass(frozen=True)
class Item:
    id: int
    session_id: int
    title: str
    text: str
    sector: str
    status: str
    anonymous: bool
    votes: int
    merged_into: int | None
    claimed_by: str | None
    position: int | None
    version: int
    reason: str | None = None
    claimed_at: str | None = None


def item_from_row(r: dict) -> Item:
    return Item(r["id"], r["session_id"], r["title"], r["text"], r["sector"] or "", r["status"],
                bool(r["anonymous"]), r["votes"], r["merged_into"], r["claimed_by"], r["position"], r["version"],
                r["reason"], r.get("claimed_at"))
