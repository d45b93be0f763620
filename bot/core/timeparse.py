"""Dates and times as moderators type them, in the network's time zone (Europe/Amsterdam)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.core.errors import InvalidInput

_FORMATS = ("%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M")


def parse_local(text: str, tz: ZoneInfo, *, field: str = "start") -> dt.datetime:
    """Parse "2027-03-11 19:30" (or 11-03-2027 19:30) as wall-clock time in `tz`; return UTC.

    A time that does not exist (the skipped hour in March) is refused; an ambiguous one (the
    repeated hour in October) takes the first occurrence (summer time)."""
    raw = re.sub(r"\s+", " ", (text or "").strip())
    for fmt in _FORMATS:
        try:
            naive = dt.datetime.strptime(raw, fmt)
            break
        except ValueError:
            continue
    else:
        raise InvalidInput("time.format", field=field, value=raw[:40])
    local = naive.replace(tzinfo=tz, fold=0)
    round_trip = local.astimezone(dt.UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        raise InvalidInput("time.nonexistent", field=field, value=raw)
    return local.astimezone(dt.UTC)


def fmt_local(when: dt.datetime, tz: ZoneInfo, lang: str = "nl") -> str:
    """"wo 11 mrt 2027 19:30" style, in the network's time zone."""
    local = when.astimezone(tz)
    days = {"nl": ["ma", "di", "wo", "do", "vr", "za", "zo"], "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}
    months = {"nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
              "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]}
    lang = "en" if lang == "en" else "nl"
    return (f"{days[lang][local.weekday()]} {local.day} {months[lang][local.month - 1]} {local.year} "
            f"{local:%H:%M}")
