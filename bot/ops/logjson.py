"""`LABBOT_LOG_FORMAT=json`: one JSON object per line for the operator's log collector.

Fields: time (UTC ISO 8601), level, logger, event (the log call's fixed message pattern, e.g.
"reminders queued: %d"), args (its values: the ids and counts Labbot logs) and any `extra=`
fields; for an exception its class. Labbot's log calls carry ids and counts, never member text;
this keeps the pattern apart from the values instead of printing a formatted sentence.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": str(record.msg),
        }
        args = record.args if isinstance(record.args, tuple) else (record.args,) if record.args else ()
        if args:
            line["args"] = [_plain(a) for a in args]
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = _plain(value)
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


#: loggers of libraries that log whole payloads at DEBUG (discord.py's gateway logs every event
#: with the member's id and text, its HTTP client every request body): kept at INFO or above,
#: whatever LABBOT_LOG_LEVEL is. "discord" covers discord.gateway, .http, .client, .state,
#: .webhook, ...; the children are named too, in case one was given a level of its own.
QUIET_LIBRARIES = ("discord", "discord.gateway", "discord.http", "discord.client", "discord.state",
                   "discord.webhook", "discord.webhook.async_", "discord.app_commands", "discord.ext",
                   "aiohttp", "aiohttp.client", "aiohttp.server", "aiohttp.web", "aiohttp.access",
                   "websockets")


def quiet_libraries() -> None:
    """Never below INFO for the libraries in `QUIET_LIBRARIES` (see there)."""
    for name in QUIET_LIBRARIES:
        logger = logging.getLogger(name)
        if logger.level < logging.INFO:  # NOTSET (inherit) or DEBUG
            logger.setLevel(logging.INFO)


def configure(level: str, fmt: str) -> None:
    """The process's logging on standard error: `fmt` "json" or "text" (the classic one-line
    format). Like `logging.basicConfig`, it changes nothing when logging was set up before;
    discord.py's and aiohttp's loggers stay at INFO or above in every case (`quiet_libraries`)."""
    quiet_libraries()
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
