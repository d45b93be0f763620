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


def configure(level: str, fmt: str) -> None:
    """The process's logging on standard error: `fmt` "json" or "text" (the classic one-line
    format). Like `logging.basicConfig`, it changes nothing when logging was set up before."""
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
