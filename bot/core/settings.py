"""Settings from the environment and `.env`, validated once in `main`, never at import.

Every variable is documented in `.env.example`. A missing or malformed value raises
`SettingsError`, whose message is one line naming the variable and what is expected. The Discord
token is kept out of `repr` and never logged.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from dotenv.parser import parse_stream

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


_OFFSET = re.compile(r"^(\d{1,3})([dhm])$")


def parse_offsets(text: str) -> tuple[str, ...]:
    """Reminder offsets such as "7d,1d,1h" (days, hours, minutes)."""
    parts = tuple(p.strip().lower() for p in text.split(",") if p.strip())
    if not parts or not all(_OFFSET.match(p) for p in parts):
        raise ValueError("reminder offsets look like 7d,1d,1h (days, hours or minutes)")
    return parts


class SettingsError(Exception):
    """One clear line: which variable, what is wrong, what is expected."""


TOKEN_HELP = (
    "DISCORD_TOKEN is not set: create a bot at https://discord.com/developers/applications "
    "(Bot > Reset Token) and put DISCORD_TOKEN=... in .env or the environment"
)


@dataclass(frozen=True)
class Retention:
    """How long each kind of data is kept (days). Published lessons, already anonymised, are kept."""

    question_days: int = 180      # text of questions asked in chat
    intake_days: int = 42         # raw text of lab intake and notes, counted from the session's close
    audit_days: int = 365         # the audit log
    trend_days: int = 730         # informatieplein trends (withdrawn ones go sooner: intake_days)


@dataclass(frozen=True)
class Settings:
    database_path: Path = Path("data/labbot.db")
    discord_token: str | None = field(default=None, repr=False)
    guild_id: int | None = None
    network_channel_id: int | None = None
    moderator_channel_id: int | None = None
    admin_role_ids: frozenset[int] = frozenset()
    moderator_role_ids: frozenset[int] = frozenset()
    partner_role_ids: frozenset[int] = frozenset()
    expert_role_id: int | None = None
    owner_ids: frozenset[int] = frozenset()
    pseudonym_secret: str | None = field(default=None, repr=False)
    #: earlier secrets, still accepted to find a member's pseudonymous rows after a rotation
    old_pseudonym_secrets: tuple[str, ...] = field(default=(), repr=False)
    knowledge_dir: Path | None = None
    #: entry vectors kept in this file instead of the database (the demo's cache between runs)
    vector_cache: Path | None = None
    region_file: Path | None = None
    timezone: str = "Europe/Amsterdam"
    log_level: str = "INFO"
    log_format: str = "text"
    retention: Retention = field(default_factory=lambda: Retention())
    reminders: tuple[str, ...] = ("7d", "1d", "1h")
    catchup_grace_minutes: int = 120
    claim_hours: int = 24         # a moderator's claim on an item expires after this many hours
    calendar_host: str = "127.0.0.1"
    calendar_port: int = 8787
    calendar_url: str | None = None
    digest_day: str = "mon"
    digest_time: str = "09:00"
    drafts_dir: Path = Path("data/kb-drafts")

    def require_token(self) -> str:
        if not self.discord_token:
            raise SettingsError(TOKEN_HELP)
        return self.discord_token

    def require_guild(self) -> int:
        if not self.guild_id:
            raise SettingsError(
                "LABBOT_GUILD_ID is not set: Labbot serves one Discord server, the network's own; put its id "
                "(Developer Mode on, right-click the server, Copy Server ID) in .env as LABBOT_GUILD_ID=...")
        return self.guild_id

    def require_secret(self) -> str:
        if not self.pseudonym_secret:
            raise SettingsError(
                "LABBOT_PSEUDONYM_SECRET is not set: it keys the pseudonyms of anonymous contributions; "
                "generate one with: python -c \"import secrets; print(secrets.token_urlsafe(32))\"")
        return self.pseudonym_secret

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _int(env: Mapping[str, str], name: str, what: str = "a Discord id (digits only)") -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SettingsError(f"{name} must be {what}, got a value that is not")
    return int(raw)


def _bounded(env: Mapping[str, str], name: str, default: int, high: int, unit: str = "") -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= high:
        raise SettingsError(f"{name} must be a whole number{unit} between 1 and {high}")
    return int(raw)


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    return _bounded(env, name, default, 3650)


def _hours(env: Mapping[str, str], name: str, default: int) -> int:
    return _bounded(env, name, default, 720, " of hours")


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = (env.get(name) or "").strip()
    if not raw:
        return frozenset()
    parts = [p.strip() for p in raw.replace(";", ",").split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        raise SettingsError(f"{name} must be a comma-separated list of Discord ids (digits only)")
    return frozenset(int(p) for p in parts)


def settings_from_env(env: Mapping[str, str]) -> Settings:
    """Build and validate settings from a mapping (the merged environment)."""
    token = (env.get("DISCORD_TOKEN") or "").strip() or None
    if token is not None and (len(token) < 20 or any(c.isspace() for c in token)):
        raise SettingsError("DISCORD_TOKEN looks malformed: expected the bot token from the developer portal")
    secret = (env.get("LABBOT_PSEUDONYM_SECRET") or "").strip() or None
    if secret is not None and len(secret) < 16:
        raise SettingsError("LABBOT_PSEUDONYM_SECRET must be at least 16 characters (a random secret)")
    old_secrets = tuple(x.strip() for x in (env.get("LABBOT_PSEUDONYM_SECRET_OLD") or "").split(",") if x.strip())
    if any(len(x) < 16 for x in old_secrets):
        raise SettingsError("LABBOT_PSEUDONYM_SECRET_OLD: every old secret must be at least 16 characters")
    tz = (env.get("LABBOT_TIMEZONE") or "Europe/Amsterdam").strip()
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"LABBOT_TIMEZONE must be an IANA time zone such as Europe/Amsterdam, got {tz!r}") from None
    level = (env.get("LABBOT_LOG_LEVEL") or "INFO").strip().upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise SettingsError("LABBOT_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR")
    log_format = (env.get("LABBOT_LOG_FORMAT") or "text").strip().lower()
    if log_format not in {"text", "json"}:
        raise SettingsError("LABBOT_LOG_FORMAT must be text or json")
    kdir = (env.get("LABBOT_KNOWLEDGE_DIR") or "").strip()
    if kdir and not Path(kdir).is_dir():
        raise SettingsError(f"LABBOT_KNOWLEDGE_DIR must be an existing folder, got {kdir!r}")
    region = (env.get("LABBOT_REGION_FILE") or "").strip()
    if region and not Path(region).is_file():
        raise SettingsError(f"LABBOT_REGION_FILE must be an existing YAML file, got {region!r}")
    db = (env.get("LABBOT_DB") or "data/labbot.db").strip()
    defaults = Retention()
    retention = Retention(**{
        name: _days(env, f"LABBOT_RETAIN_{name.upper()}", getattr(defaults, name))
        for name in ("question_days", "intake_days", "audit_days", "trend_days")
    })
    reminders = (env.get("LABBOT_REMINDERS") or "7d,1d,1h").strip()
    try:
        offsets = parse_offsets(reminders)
    except ValueError as exc:
        raise SettingsError(f"LABBOT_REMINDERS: {exc}") from None
    port = (env.get("LABBOT_CALENDAR_PORT") or "8787").strip()
    if not port.isdigit() or int(port) > 65535:
        raise SettingsError("LABBOT_CALENDAR_PORT must be a port number (0 switches the feed off)")
    cal_url = (env.get("LABBOT_CALENDAR_URL") or "").strip() or None
    if cal_url and not cal_url.startswith(("http://", "https://")):
        raise SettingsError("LABBOT_CALENDAR_URL must start with http:// or https://")
    day = (env.get("LABBOT_DIGEST_DAY") or "mon").strip().lower()
    if day not in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        raise SettingsError("LABBOT_DIGEST_DAY must be one of mon, tue, wed, thu, fri, sat, sun")
    at = (env.get("LABBOT_DIGEST_TIME") or "09:00").strip()
    if not _HHMM.match(at):
        raise SettingsError("LABBOT_DIGEST_TIME must be a time like 09:00")
    return Settings(
        reminders=offsets,
        catchup_grace_minutes=_days(env, "LABBOT_CATCHUP_GRACE_MINUTES", 120),
        claim_hours=_hours(env, "LABBOT_CLAIM_HOURS", 24),
        calendar_host=(env.get("LABBOT_CALENDAR_HOST") or "127.0.0.1").strip(),
        calendar_port=int(port),
        calendar_url=cal_url,
        digest_day=day,
        digest_time=at,
        drafts_dir=Path((env.get("LABBOT_DRAFTS_DIR") or "data/kb-drafts").strip()),
        database_path=Path(db),
        discord_token=token,
        guild_id=_int(env, "LABBOT_GUILD_ID"),
        network_channel_id=_int(env, "LABBOT_NETWORK_CHANNEL_ID"),
        moderator_channel_id=_int(env, "LABBOT_MODERATOR_CHANNEL_ID"),
        admin_role_ids=_ids(env, "LABBOT_ADMIN_ROLE_IDS"),
        moderator_role_ids=_ids(env, "LABBOT_MODERATOR_ROLE_IDS"),
        partner_role_ids=_ids(env, "LABBOT_PARTNER_ROLE_IDS"),
        expert_role_id=_int(env, "LABBOT_EXPERT_ROLE_ID"),
        owner_ids=_ids(env, "LABBOT_OWNER_IDS"),
        pseudonym_secret=secret,
        old_pseudonym_secrets=old_secrets,
        knowledge_dir=Path(kdir) if kdir else None,
        region_file=Path(region) if region else None,
        timezone=tz,
        log_level=level,
        log_format=log_format,
        retention=retention,
    )


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a `.env` file strictly: a line that cannot be parsed is a SettingsError with its number."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path} cannot be read as UTF-8 text ({exc.__class__.__name__})") from None
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raw = binding.original.string
            line = binding.original.line + len(raw) - len(raw.lstrip("\r\n"))
            raise SettingsError(f"{path} line {line} is not of the form NAME=value")
    return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}



def load_settings(env_file: Path | str = ".env", environ: Mapping[str, str] | None = None) -> Settings:
    """The process settings: `.env` first, the real environment wins."""
    merged = dict(read_dotenv(Path(env_file)))
    merged.update(os.environ if environ is None else environ)
    return settings_from_env(merged)
