"""Operations: the health of a running Labbot, when its jobs last ran, and its status for the
operator. Plain data over the database; the doors (the calendar feed's /healthz, `labbot status`,
the Discord client that reports its connection) use only this face."""

from bot.core.ops.health import HealthState, Verdict, database_writable, evaluate
from bot.core.ops.runs import JobRuns
from bot.core.ops.status import Status, migration_state, open_read_only, read_status

__all__ = ["HealthState", "JobRuns", "Status", "Verdict", "database_writable", "evaluate", "migration_state", "open_read_only",
           "read_status"]
