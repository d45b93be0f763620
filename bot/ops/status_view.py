"""`labbot status` as text: one section a line (or a line per item), times in the network's zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.core.clock import parse_iso
from bot.core.ops import Status


def _when(text: str | None, tz: ZoneInfo) -> str:
    return parse_iso(text).astimezone(tz).strftime("%Y-%m-%d %H:%M") if text else "never"


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


def render_status(status: Status, tz: ZoneInfo) -> str:
    lines: list[str] = []

    def row(label: str, text: str) -> None:
        lines.append(f"{label:<11}{text}")

    db = status.database
    migrations = ("migrations current" if not db["migrations_pending"] and not db["migrations_unknown"] else
                  f"{db['migrations_pending']} migrations pending (applied at the next start)"
                  if db["migrations_pending"] else "written by a newer Labbot")
    row("database", f"{db['path']}, {_size(db['size_bytes'])}, {migrations}")

    out = status.outbox
    sent = out["counts"].get("sent", 0)
    text = f"{out['backlog']} waiting, {sent} sent, {out['dead']} refused by Discord"
    if out["oldest_waiting"]:
        text += f"; oldest waiting since {_when(out['oldest_waiting'], tz)}"
    row("outbox", text)

    for digest in status.digests or [None]:
        if digest is None:
            row("digest", "none posted yet")
        else:
            row("digest", f"{digest['channel']}: week {digest['week']} {digest['status']} {_when(digest['at'], tz)}")
    row("", f"next (network): {_when(status.next_digest, tz)}")

    for session in status.sessions or [None]:
        if session is None:
            row("sessions", "none planned")
        else:
            row("sessions" if session is status.sessions[0] else "",
                f"#{session['id']} {session['kind']} {_when(session['starts_at'], tz)} {session['theme']} "
                f"({session['status']})")
    for reminder in status.reminders or [None]:
        if reminder is None:
            row("reminders", "none due")
        else:
            row("reminders" if reminder is status.reminders[0] else "",
                f"session #{reminder['session_id']}, {reminder['offset']} before: {_when(reminder['due'], tz)}")

    for job in status.jobs:
        if job["started_at"] is None:
            text = "no run recorded"
        else:
            text = f"last run {_when(job['started_at'], tz)}, {'ok' if job['ok'] else 'failed: ' + job['detail']}"
        row("jobs" if job is status.jobs[0] else "", f"{job['job_id']}: {text}")
    retention = next((j for j in status.jobs if j["job_id"] == "retention.daily"), None)
    row("retention", "last run " + (_when(retention["started_at"], tz) if retention else "never"))

    backups = status.backups
    if backups["count"]:
        row("backups", f"{backups['count']} in {backups['folder']}, newest {backups['newest']} "
                       f"({_when(backups['newest_at'], tz)}, {_size(backups['newest_bytes'])})")
    else:
        row("backups", f"none in {backups['folder']}")
    return "\n".join(lines)
